"""Tests of the window (Qt widgets, models and controllers)."""
