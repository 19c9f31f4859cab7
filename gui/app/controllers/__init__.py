"""Controllers: dialogs and wiring between the window's models and widgets."""
