"""The stylesheet's selectors name classes the window's widgets really are."""

from __future__ import annotations

import re

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QWidget

from gui.app.launch import stylesheet

SELECTOR = re.compile(r"\b(Q[A-Za-z]+)#(\w+)")


def test_every_named_selector_matches_the_widgets_class(window):
    # Regression: QPlainTextEdit#normalized_text never applied (the pane is a LargeTextView).
    selectors = set(SELECTOR.findall(stylesheet()))
    assert ("QAbstractScrollArea", "normalized_text") in selectors
    for class_name, name in sorted(selectors):
        widgets = window.findChildren(QWidget, name)
        assert widgets, f"no widget named {name!r} for {class_name}#{name}"
        for widget in widgets:
            assert widget.inherits(class_name), f"{name!r} is not a {class_name}"


def test_output_pane_gets_the_alternate_base_background(qtbot, window):
    app = QApplication.instance()
    previous = app.styleSheet()
    app.setStyleSheet(stylesheet())
    try:
        pane = window.normalized_text
        pane.set_output("")
        expected = pane.palette().color(QPalette.ColorRole.AlternateBase)
        image = pane.grab().toImage()
        centre = image.pixelColor(image.width() // 2, image.height() - 10)
        assert centre.name() == expected.name()
    finally:
        app.setStyleSheet(previous)
