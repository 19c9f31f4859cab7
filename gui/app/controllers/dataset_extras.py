"""Around the dataset workflow: recent datasets, and closing a dataset for a loose file.

- File > Recent Datasets lists the datasets opened lately (kept in settings
  under `datasets/recent`); choosing one opens it again through the dataset
  controller, which resumes from the corpus manifest.
- A text file opened while a dataset is open closes the dataset (its
  progress stays in the manifest), so Save to Corpus does not put the loose
  text among the dataset's records.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject

from gui.app.controllers.services import WindowServices
from gui.app.widgets.recent_menu import RecentMenu

RECENT_DATASETS = "datasets/recent"
MAX_RECENT = 10


class DatasetExtras(QObject):
    """Recent datasets and the loose-file rule, beside the `DatasetController`."""

    def __init__(
        self, datasets, document, services: WindowServices, qsettings, parent=None
    ) -> None:
        super().__init__(parent)
        self._datasets = datasets
        self._session = datasets.session
        self._services = services
        self._qsettings = qsettings
        self.recent_menu = RecentMenu(
            "Recen&t Datasets", self.recent_datasets, "No recent datasets", services.parent
        )
        self.recent_menu.setObjectName("recent_datasets_menu")
        self.recent_menu.chosen.connect(datasets.open_recent)
        self.recent_menu.cleared.connect(lambda: qsettings.setValue(RECENT_DATASETS, []))
        self._session.dataset_opened.connect(self._remember)
        document.file_opened.connect(self._on_loose_file_opened)

    def recent_datasets(self) -> list[str]:
        value = self._qsettings.value(RECENT_DATASETS, [])
        if isinstance(value, str):
            value = [value]
        return [str(path) for path in value or []]

    def _remember(self, review) -> None:
        path = str(Path(review.dataset.path).resolve())
        paths = [path, *(p for p in self.recent_datasets() if p != path)][:MAX_RECENT]
        self._qsettings.setValue(RECENT_DATASETS, paths)

    def _on_loose_file_opened(self, path: str) -> None:
        session = self._session
        if not session.is_open or session.current is not None or session.batch_running:
            return
        review = self._datasets.record_list.records.review()
        name = review.dataset.path.name if review is not None else "dataset"
        session.close()
        self._services.show_message(
            f"Closed the dataset {name} to work on {Path(path).name}; reopen it to resume.",
            10000,
        )
