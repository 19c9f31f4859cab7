"""The window's state as QObjects without widgets: the text session (document,
undoable profile, live preview) and the open dataset's session.
"""
