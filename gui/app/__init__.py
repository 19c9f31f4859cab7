"""Everything that imports Qt: the models the window's state lives in, the
controllers that connect them to dialogs, and the widgets (one per module).
`gui.app.launch.main` opens the window.
"""
