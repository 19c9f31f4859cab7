"""Dropping files onto the raw pane (either of its editors) opens them.

`FileDrops` is mixed into a widget class before its Qt base: a drag that
carries local files is accepted and its drop emits the widget's
`files_dropped(list)`; any other drag goes to the Qt base (text dropped into
Qt's editor).
"""

from __future__ import annotations

__all__ = ["FileDrops", "local_file_paths"]


def local_file_paths(mime) -> list[str]:
    """The local files a drag carries (none if it carries anything else)."""
    if not mime.hasUrls():
        return []
    return [url.toLocalFile() for url in mime.urls() if url.isLocalFile()]


class FileDrops:
    """Accept drags of local files; their drop emits `files_dropped(paths)`."""

    def dragEnterEvent(self, event) -> None:
        if local_file_paths(event.mimeData()):
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dragMoveEvent(self, event) -> None:
        if local_file_paths(event.mimeData()):
            event.acceptProposedAction()
        else:
            super().dragMoveEvent(event)

    def dropEvent(self, event) -> None:
        paths = local_file_paths(event.mimeData())
        if paths:
            event.acceptProposedAction()
            self.files_dropped.emit(paths)
        else:
            super().dropEvent(event)
