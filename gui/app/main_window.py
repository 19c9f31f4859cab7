"""The curation window: the composition root that builds the models, widgets and controllers.

Layout: a sidebar (preset selector, the rule panel with its "Add rule" menu,
and below it the selected rule's parameters and the protected spans) beside a
splitter of the raw text and its normalized output; a toolbar; a status bar.
This module creates the models (document, profile, preview, corpus, dataset),
the widgets and the controllers, places the controllers' widgets, and
connects signals. The controllers handle the dialogs: opening text
(`FileActions`), the corpus folder and Save to Corpus (`CorpusController`),
profiles (`ProfileActions`), datasets (`DatasetController`); they get the
models and a `WindowServices`, never the window. Settings go to the
`QSettings` the window is given (`WindowSettings`), so tests can hand it a
throwaway one. Nothing here computes.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QCloseEvent, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from gui.app.actions import make_action
from gui.app.controllers.corpus import CorpusController
from gui.app.controllers.dataset_controller import DatasetController
from gui.app.controllers.dataset_extras import DatasetExtras
from gui.app.controllers.files import FileActions
from gui.app.controllers.leakage import LeakageController
from gui.app.controllers.profiles import ProfileActions
from gui.app.controllers.services import WindowServices
from gui.app.memory import IdleTrim
from gui.app.models.corpus import CorpusModel
from gui.app.models.dataset_session import DatasetSession
from gui.app.models.document import Document
from gui.app.models.preview import Preview
from gui.app.models.profile_model import ProfileModel
from gui.app.settings import SHOW_HIGHLIGHTS, SHOW_INVISIBLE, WindowSettings
from gui.app.view_tools import ViewTools
from gui.app.widgets import prompts
from gui.app.widgets.about_dialog import show_about
from gui.app.widgets.add_rule_menu import AddRuleButton
from gui.app.widgets.invisible_marks import InvisibleMarks
from gui.app.widgets.leakage_view import select_term
from gui.app.widgets.output_view import OutputView
from gui.app.widgets.preset_selector import PresetSelector
from gui.app.widgets.protect_editor import ProtectEditor
from gui.app.widgets.raw_editor import RawEditor, local_file_paths
from gui.app.widgets.rule_editor import RuleEditor
from gui.app.widgets.rule_labels import new_rule_name
from gui.app.widgets.rule_panel import RulePanel
from gui.app.widgets.sidebar import Sidebar
from gui.app.widgets.status_bar import StatusBar
from gui.app.window_fit import fit_to_screen
from gui.app.window_menus import build_menus_and_toolbar
from gui.engine import get_rule
from gui.io.resources import resource_path


def _pane(title: str, widget: QWidget, extra: QWidget | None = None) -> QWidget:
    """A titled pane: a small header line over the widget."""
    pane = QWidget()
    layout = QVBoxLayout(pane)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(4)
    header = QHBoxLayout()
    header.setContentsMargins(4, 0, 4, 0)
    label = QLabel(title)
    label.setObjectName("pane_title")
    header.addWidget(label)
    header.addStretch(1)
    if extra is not None:
        header.addWidget(extra)
    layout.addLayout(header)
    layout.addWidget(widget, 1)
    return pane


class MainWindow(QMainWindow):
    """Raw text beside its live normalized output, with the rules that make it."""

    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("main_window")
        self.settings = settings
        self.prefs = WindowSettings(settings)
        self.document = Document(self)
        self.profile_model = ProfileModel(parent=self)
        self.preview = Preview(self.document, self.profile_model, self)
        self._idle_trim = IdleTrim(self)
        self.corpus = CorpusModel(self)
        self.setAcceptDrops(True)
        self.setWindowIcon(QIcon(str(resource_path("icons", "textwash.svg"))))

        self.raw_text = RawEditor()
        self.normalized_text = OutputView()
        self.rule_panel = RulePanel()
        self.add_rule_button = AddRuleButton()
        self.rule_editor = RuleEditor()
        self.protect_editor = ProtectEditor()
        self.invisible_marks = InvisibleMarks(self.raw_text)
        self.preset_selector = PresetSelector()
        self.status = StatusBar()
        self.setStatusBar(self.status)

        self._build_layout()
        self._build_controllers()
        self._build_actions()
        self._place_datasets()
        self.recent_menu = QMenu("Open &Recent", self)
        self.recent_menu.setObjectName("recent_menu")
        self.recent_menu.aboutToShow.connect(lambda: self.files.fill_recent_menu(self.recent_menu))
        self.dataset_extras = DatasetExtras(
            self.datasets, self.document, self.services, self.settings, self
        )
        build_menus_and_toolbar(self)
        self._connect()
        self.view_tools = ViewTools(self)
        self.find, self.analysis = self.view_tools.find, self.view_tools.analysis

        self.profile_actions.restore()  # the profile last used, rules and spans included
        profile = self.profile_model.profile
        for view in (self.rule_editor, self.rule_panel, self.add_rule_button, self.protect_editor):
            view.set_profile(profile)
        self.preset_selector.set_profile(profile)
        self._update_title()
        self.corpus_controller.restore()
        self.prefs.restore_geometry(self, self._splitters())
        fit_to_screen(self)  # a first start, or a geometry saved on a larger screen
        self.datasets.restore_visibility()

    def _build_controllers(self) -> None:
        self.services = WindowServices(
            self,
            self.status,
            confirm_discard=self.confirm_discard,
            ensure_corpus_folder=lambda: self.corpus_controller.ensure_folder(),
            choose_corpus_folder=lambda: self.corpus_controller.choose_folder(),
        )
        models = (self.document, self.profile_model, self.preview)
        self.files = FileActions(self.document, self.preview, self.services, self.prefs, self)
        self.profile_actions = ProfileActions(self.profile_model, self.services, self.prefs, self)
        self.corpus_controller = CorpusController(
            self.corpus, *models, self.services, self.prefs, self
        )
        self.dataset_session = DatasetSession(*models, self.corpus, self)
        self.datasets = DatasetController(
            self.dataset_session, self.document, self.profile_model, self.corpus,
            self.services, self.prefs, self,
        )  # fmt: skip
        self.leakage = LeakageController(
            self.dataset_session, self.profile_model, self.services, self
        )

    def _place_datasets(self) -> None:
        """The dataset controller's dock and status widgets; its saving switch."""
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.datasets.dock)
        self.datasets.dock.hide()
        # After the message field (index 0), which takes the free width.
        self.status.insertPermanentWidget(1, self.datasets.review_label)
        self.status.insertPermanentWidget(1, self.datasets.progress)
        self.services.add_saving_actions(self.save_action, self.corpus_folder_action)
        self.datasets.update_actions()
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.leakage.dock)
        self.leakage.dock.hide()

    def _splitters(self) -> list[QSplitter]:
        return [self.main_splitter, self.text_splitter, self.sidebar_splitter]

    # -- assembly ----------------------------------------------------------

    def _build_layout(self) -> None:
        self.highlight_toggle = QCheckBox("Highlight changes")
        self.highlight_toggle.setObjectName("highlight_toggle")
        self.highlight_toggle.setToolTip(
            "Colour the spans each rule removed or replaced; hover one to see which rule."
        )
        self.sidebar = Sidebar(
            self.preset_selector, self.add_rule_button, self.rule_panel, self.rule_editor,
            self.protect_editor,
        )  # fmt: skip
        self.rule_tabs = self.sidebar.rule_tabs
        self.sidebar_splitter = self.sidebar.splitter

        self.text_splitter = QSplitter(Qt.Orientation.Horizontal)
        self.text_splitter.setObjectName("text_splitter")
        self.text_splitter.addWidget(_pane("Raw text", self.raw_text, self.highlight_toggle))
        self.text_splitter.addWidget(_pane("Normalized output", self.normalized_text))
        self.text_splitter.setChildrenCollapsible(False)

        self.main_splitter = QSplitter(Qt.Orientation.Horizontal)
        self.main_splitter.setObjectName("main_splitter")
        self.main_splitter.addWidget(self.sidebar)
        self.main_splitter.addWidget(self.text_splitter)
        self.main_splitter.setStretchFactor(0, 0)
        self.main_splitter.setStretchFactor(1, 1)
        self.main_splitter.setSizes([320, 960])
        self.main_splitter.setChildrenCollapsible(False)

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.addWidget(self.main_splitter)
        self.setCentralWidget(central)

    def _action(self, text, slot, shortcut=None, name="", tip="", **kwargs) -> QAction:
        return make_action(self, text, slot, shortcut, name, tip, **kwargs)

    def _build_actions(self) -> None:
        icon = self.style().standardIcon
        pixmap = QStyle.StandardPixmap
        self.open_action = self._action(
            "&Open…", self.files.open_dialog, QKeySequence.StandardKey.Open, "open_file",
            "Open a text file (its encoding is detected)",
        )  # fmt: skip
        self.open_action.setIcon(icon(pixmap.SP_DialogOpenButton))
        self.save_action = self._action(
            "&Save to Corpus", self.save_to_corpus, QKeySequence.StandardKey.Save,
            "save_to_corpus", "Write the normalized text into the corpus folder (Ctrl+S)",
        )  # fmt: skip
        self.save_action.setIcon(icon(pixmap.SP_DialogSaveButton))
        self.corpus_folder_action = self._action(
            "Change &Corpus Folder…", self.corpus_controller.choose_folder, None,
            "change_corpus_folder",
            "Choose the folder Save to Corpus writes into",
        )  # fmt: skip
        self.corpus_folder_action.setIcon(icon(pixmap.SP_DirIcon))
        self.open_profile_action = self._action(
            "Open &Profile…", self.profile_actions.open_profile_dialog, None, "open_profile",
            "Load a profile (TOML), the same file the CLI reads",
        )  # fmt: skip
        self.save_profile_action = self._action(
            "Save Profile &As…", self.profile_actions.save_profile_dialog, "Ctrl+Shift+S",
            "save_profile_as",
            "Save the current rules, order and parameters as a profile (TOML)",
        )  # fmt: skip
        self.paste_new_action = self._action(
            "Paste as &New Text", self.files.paste_as_new_text, "Ctrl+Shift+V", "paste_new_text",
            "Replace the raw text with the clipboard's text",
        )  # fmt: skip
        self.quit_action = self._action("&Quit", self.close, QKeySequence.StandardKey.Quit)
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)

        stack = self.profile_model.undo_stack
        self.undo_rule_action = stack.createUndoAction(self, "Undo Rule Change")
        self.undo_rule_action.setObjectName("undo_rule_change")
        self.undo_rule_action.setShortcut(QKeySequence("Ctrl+Alt+Z"))
        self.undo_rule_action.setIcon(icon(pixmap.SP_ArrowBack))
        self.redo_rule_action = stack.createRedoAction(self, "Redo Rule Change")
        self.redo_rule_action.setObjectName("redo_rule_change")
        self.redo_rule_action.setShortcut(QKeySequence("Ctrl+Alt+Shift+Z"))
        self.redo_rule_action.setIcon(icon(pixmap.SP_ArrowForward))
        # Outside the text editor (which keeps its own typing undo), Ctrl+Z undoes rules.
        for action, keys in (
            (self.undo_rule_action, QKeySequence.StandardKey.Undo),
            (self.redo_rule_action, QKeySequence.StandardKey.Redo),
        ):
            action.setShortcuts([action.shortcut(), *QKeySequence.keyBindings(keys)])
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)

        shown = self.prefs.flag(SHOW_HIGHLIGHTS, True)
        self.highlight_action = self._action(
            "&Highlight Changes", None, "Ctrl+Shift+H", "toggle_highlights", checked=shown
        )
        self.highlight_toggle.setChecked(shown)
        self.raw_text.set_highlighting_visible(shown)
        invisible = self.prefs.flag(SHOW_INVISIBLE, False)
        self.invisible_action = self._action(
            "Show &Invisible Characters", None, "Ctrl+Shift+I", "show_invisible",
            "Show spaces, tabs, line ends, and zero-width and control characters in the raw text",
            checked=invisible,
        )  # fmt: skip
        self.invisible_marks.set_shown(invisible)
        self.raw_text.set_invisible_shown(invisible)

        self.new_find_action = self.add_rule_button.new_rule_action("find_replace")
        self.new_regex_action = self.add_rule_button.new_rule_action("regex_replace")
        self.remove_rule_action = self.rule_panel.remove_action
        self.protect_action = self._action(
            "&Protected Spans…", self.sidebar.show_protect_editor, None, "edit_protected_spans",
            "Patterns whose matches no rule may change",
        )  # fmt: skip
        self.sample_action = self._action("Open &Sample Text", self.files.open_sample)
        self.about_action = self._action("&About Textwash", self.show_about)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)

    def _connect(self) -> None:
        document, profiles, preview = self.document, self.profile_model, self.preview
        self.raw_text.text_edited.connect(document.set_text)
        self.raw_text.files_dropped.connect(self.files.open_paths)
        document.text_loaded.connect(self.raw_text.load_text)
        document.modified_changed.connect(self.setWindowModified)
        document.source_changed.connect(self._update_title)
        preview.text_normalized.connect(self._on_text_normalized)
        preview.highlights_ready.connect(self.raw_text.set_highlights)
        preview.text_explained.connect(self.rule_panel.set_explanation)
        preview.normalization_failed.connect(self._show_problem)
        # What large texts left in the heap goes back to the system once typing pauses.
        preview.text_explained.connect(self._idle_trim.poke)
        document.text_loaded.connect(self._idle_trim.text_replaced)
        # The editor first: the panel's row change that follows shows the new profile.
        profiles.profile_changed.connect(self.rule_editor.set_profile)
        profiles.profile_changed.connect(self.rule_panel.set_profile)
        # A moved row keeps its selection without a row-change signal: follow it.
        profiles.profile_changed.connect(self._follow_rule_selection)
        profiles.profile_changed.connect(self.add_rule_button.set_profile)
        profiles.profile_changed.connect(self.protect_editor.set_profile)
        profiles.profile_changed.connect(self.sidebar.update_protect_tab)
        profiles.profile_changed.connect(self.preset_selector.set_profile)
        profiles.rule_params_rejected.connect(self.rule_editor.show_error)
        profiles.protect_checked.connect(self.protect_editor.show_errors)
        self.profile_actions.preset_refused.connect(self.preset_selector.set_profile)
        self.corpus.count_changed.connect(self._update_corpus_status)
        self.corpus.folder_changed.connect(self._update_corpus_status)
        self.rule_panel.rule_toggled.connect(profiles.set_rule_enabled)
        self.rule_panel.rule_moved.connect(profiles.move_rule)
        self.rule_panel.rule_removed.connect(profiles.remove_rule)
        self.rule_panel.currentRowChanged.connect(self.rule_editor.show_step)
        self.add_rule_button.rule_chosen.connect(self.add_rule)
        self.rule_editor.params_edited.connect(profiles.set_rule_params)
        self.protect_editor.protect_edited.connect(profiles.set_protect)
        self.invisible_action.toggled.connect(self._set_invisible_shown)
        self.preset_selector.preset_selected.connect(self.profile_actions.select_preset)
        self.leakage.term_requested.connect(self._find_in_record)
        self.status.corpus_folder_clicked.connect(self.corpus_controller.choose_folder)
        self.highlight_action.toggled.connect(self._set_highlighting)
        self.highlight_toggle.toggled.connect(self._set_highlighting)

    def start(self, files: list[str]) -> None:
        """Open the files given on the command line, or the sample text on first start."""
        self.files.start(files)

    def open_file(self, path: str, *, confirm: bool = True) -> bool:
        """Start opening a text file (see `FileActions.open_file`)."""
        return self.files.open_file(path, confirm=confirm)

    # -- corpus ----------------------------------------------------------------

    def save_to_corpus(self) -> bool:
        """Save to Corpus: the dataset record shown, else the text, into the corpus folder."""
        if self.datasets.handles_save():  # a dataset record: saved as that record
            return self.datasets.save_record()
        return self.corpus_controller.save()

    def _update_corpus_status(self, *_args) -> None:
        self.status.set_corpus(self.corpus.path, self.corpus.count)

    # -- rules -------------------------------------------------------------------

    def add_rule(self, rule_id: str) -> None:
        """Insert a rule after the selected one (or at the end) and select it.

        The user's own rules get a fresh name and the cursor goes to their pattern.
        """
        rule = get_rule(rule_id)
        params = None
        if rule.user_label:
            params = {"name": new_rule_name(self.profile_model.profile.steps)}
        row = self.rule_panel.currentRow()
        try:
            index = self.profile_model.add_rule(rule_id, row + 1 if row >= 0 else None, params)
        except ValueError as error:
            self.status.showMessage(str(error), 5000)
            return
        self.rule_panel.setCurrentRow(index)
        self.sidebar.show_rule_editor()
        if rule.primary_param:
            self.rule_editor.focus_field(rule.primary_param)

    def _follow_rule_selection(self, *_args) -> None:
        self.rule_editor.show_step(self.rule_panel.currentRow())

    # -- view --------------------------------------------------------------------

    def _set_invisible_shown(self, shown: bool) -> None:
        self.invisible_marks.set_shown(shown)
        self.raw_text.set_invisible_shown(shown)
        self.prefs.set_flag(SHOW_INVISIBLE, shown)

    def _set_highlighting(self, shown: bool) -> None:
        for control in (self.highlight_action, self.highlight_toggle):
            if control.isChecked() != shown:
                control.blockSignals(True)
                control.setChecked(shown)
                control.blockSignals(False)
        self.raw_text.set_highlighting_visible(shown)
        self.prefs.set_flag(SHOW_HIGHLIGHTS, shown)

    def _on_text_normalized(self, output: str) -> None:
        self.normalized_text.set_output(output, self.preview.output_change)
        self.status.set_sizes(self.document.text, output, self.preview.token_counts)
        self.status.set_timing(self.preview.last_seconds)
        self.status.set_explaining(self.preview.explanation is None)

    def _show_problem(self, message: str) -> None:
        self.status.showMessage(message, 10000)

    def _update_title(self, *_args) -> None:
        source = self.document.source
        self.setWindowTitle(f"{Path(source).name if source else 'Untitled'}[*] — Textwash")

    def show_about(self) -> None:
        show_about(self)

    # -- closing -------------------------------------------------------------------

    def confirm_discard(self) -> bool:
        """If the text has unsaved edits, ask: save them, drop them, or stay."""
        if not self.document.modified:
            return True
        answer = prompts.ask_unsaved(self)
        if answer == QMessageBox.StandardButton.Save:
            return self.save_to_corpus()
        return answer == QMessageBox.StandardButton.Discard

    def _find_in_record(self, term: str) -> None:
        """A term clicked in the Leakage view: select it in the raw pane."""
        self.leakage.report_find(term, select_term(self.raw_text, term))

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.confirm_discard():
            event.ignore()
            return
        self.prefs.save_geometry(self, self._splitters())
        self.shutdown()
        event.accept()

    def shutdown(self) -> None:
        """Stop every model's workers and the helper process (closing does this)."""
        self.dataset_session.shutdown()
        self.leakage.shutdown()
        self.analysis.shutdown()
        self.view_tools.figures.shutdown()
        self.preview.shutdown()
        self.document.shutdown()
        self.corpus.shutdown()

    # -- drag and drop onto the rest of the window -----------------------------------

    def dragEnterEvent(self, event) -> None:
        if local_file_paths(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        paths = local_file_paths(event.mimeData())
        if paths:
            event.acceptProposedAction()
            self.files.open_paths(paths)
