"""The window's state as QObjects without widgets, one owner per piece of state.

`Document` (the raw text, its source and encoding), `ProfileModel` (the
profile and its undo stack), `Preview` (the live output and explanation, the
helper process), `CorpusModel` (the one corpus folder and its document
count) and `DatasetSession` (the open dataset, its review, Apply to all).
"""
