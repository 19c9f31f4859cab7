"""Bytes on disk, free of Qt and of the rules: atomic writes, text decoding,
safe file names, the bundled resources, datasets to read and the corpus folder
to write. Nothing here knows what a rule or a profile is.
"""
