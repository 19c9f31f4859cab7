"""Helpers the rule families share: case mapping with edits (`casing`), span
finders for brackets and tags (`spans`), and edit pieces (`pieces`).
"""
