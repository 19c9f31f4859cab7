"""The window's widgets, one per module; each talks to the rest through signals."""
