"""The dataset controller built from models and a real WindowServices: no window at all."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox, QStatusBar, QWidget

from gui.app.controllers.dataset_controller import DatasetController
from gui.app.controllers.services import WindowServices
from gui.app.models.corpus import CorpusModel
from gui.app.models.dataset_session import DatasetSession
from gui.app.settings import WindowSettings
from gui.engine import normalize
from tests.app.text_models import TextModels
from tests.conftest import SMALL_JSONL as JSONL


@pytest.fixture
def parts(qtbot, tmp_path, dialogs):
    """Models, a plain widget and status bar, and a controller over them."""
    corpus_path = tmp_path / "corpus"
    corpus_path.mkdir()
    parent = QWidget()
    qtbot.addWidget(parent)
    status = QStatusBar(parent)
    save_action = QAction("Save", parent)
    models = TextModels.create()
    corpus = CorpusModel()
    corpus.set_path(corpus_path)
    asked: list[str] = []

    def confirm_discard() -> bool:
        asked.append("discard")
        return True

    services = WindowServices(
        parent, status, confirm_discard=confirm_discard, ensure_corpus_folder=lambda: True
    )
    services.add_saving_actions(save_action)
    session = DatasetSession(models.document, models.profile_model, models.preview, corpus)
    settings = WindowSettings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    controller = DatasetController(
        session, models.document, models.profile_model, corpus, services, settings
    )
    yield controller, models, corpus, status, save_action, asked, corpus_path
    session.shutdown()
    models.shutdown()
    corpus.shutdown()


def test_the_controller_opens_saves_and_counts_without_a_window(open_ds, qtbot, parts):
    controller, models, corpus, status, save_action, asked, corpus_path = parts
    with qtbot.waitSignal(controller.session.dataset_opened, timeout=10_000):
        assert controller.open_dataset(str(JSONL), field="text")
    qtbot.waitUntil(lambda: controller.session.current == 0)
    dataset = open_ds(JSONL, "text")
    assert models.document.text == dataset.text(0)
    assert controller.session.review.corpus is corpus.folder  # the one folder object
    assert "Opened" in status.currentMessage()

    assert controller.save_record()
    assert "to the corpus" in status.currentMessage()
    assert corpus.count == 1
    saved = sorted(corpus_path.glob("*.txt"))
    assert [p.read_text(encoding="utf-8") for p in saved] == [normalize(dataset.text(0))]

    before = len(asked)
    assert controller.go_to(1) and controller.session.current == 1
    assert len(asked) == before + 1  # leaving a record asks through the services
    assert save_action.isEnabled()


def test_saving_is_switched_off_while_apply_to_all_writes(qtbot, parts, dialogs):
    controller, _models, corpus, _status, save_action, _asked, _path = parts
    with qtbot.waitSignal(controller.session.dataset_opened, timeout=10_000):
        controller.open_dataset(str(JSONL), field="text")
    controller.session.jobs = 1
    enabled: list[bool] = []
    save_action.changed.connect(lambda: enabled.append(save_action.isEnabled()))
    dialogs.answer("question", QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(controller.session.batch_finished, timeout=20_000) as finished:
        controller.apply_to_all()
    assert False in enabled and save_action.isEnabled()
    assert corpus.count == finished.args[0].saved == 8
