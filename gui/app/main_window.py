"""The curation window: assembles the panes, the rule panel and the actions.

Layout: a sidebar (preset selector, the rule panel with its "Add rule" menu,
and below it the selected rule's parameters and the protected spans) beside a
splitter of the raw text and its normalized output; a toolbar; a status bar. This module
creates the widgets and the `Session`, connects their signals, and handles
the dialogs (files, corpus folder, profiles, unsaved edits). It does no text
processing itself. Settings (corpus folder, recent files, geometry) go to the
`QSettings` it is given, so tests can hand it a throwaway one.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QStyle,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from gui import __version__
from gui.app.controllers.dataset_controller import DatasetController
from gui.app.controllers.leakage import LeakageController
from gui.app.models.session import Session
from gui.app.widgets.add_rule_menu import AddRuleButton
from gui.app.widgets.invisible_marks import InvisibleMarks
from gui.app.widgets.output_view import OutputView
from gui.app.widgets.preset_selector import PresetSelector
from gui.app.widgets.protect_editor import ProtectEditor
from gui.app.widgets.raw_editor import RawEditor, local_file_paths
from gui.app.widgets.rule_editor import RuleEditor
from gui.app.widgets.rule_labels import new_rule_name
from gui.app.widgets.rule_panel import RulePanel
from gui.app.widgets.status_bar import StatusBar
from gui.engine import ProfileError, get_rule
from gui.io.corpus import CorpusError, CorpusFolder, DuplicateDocument
from gui.io.resources import resource_path
from gui.io.textio import InputError

MAX_RECENT = 10
TEXT_FILTER = (
    "Text files (*.txt *.text *.md *.csv *.tsv *.json *.jsonl *.html *.xml);;All files (*)"
)
PROFILE_FILTER = "Textwash profiles (*.toml);;All files (*)"

# QSettings keys.
CORPUS_FOLDER = "corpus/folder"
RECENT_FILES = "files/recent"
LAST_DIRECTORY = "files/last_directory"
SAMPLE_SHOWN = "start/sample_shown"
GEOMETRY = "window/geometry"
WINDOW_STATE = "window/state"
MAIN_SPLITTER = "window/main_splitter"
TEXT_SPLITTER = "window/text_splitter"
SHOW_HIGHLIGHTS = "view/show_highlights"
SHOW_INVISIBLE = "view/show_invisible"
SIDEBAR_SPLITTER = "window/sidebar_splitter"


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
        self.session = Session(parent=self)
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
        self._build_actions()
        self.datasets = DatasetController(self)
        self.leakage = LeakageController(
            self, self.session, self.datasets.session, self.raw_text, self.status
        )
        self._build_menus_and_toolbar()
        self._connect()

        for view in (self.rule_editor, self.rule_panel, self.add_rule_button, self.protect_editor):
            view.set_profile(self.session.profile)
        self.preset_selector.set_profile(self.session.profile)
        self._update_title()
        self._update_corpus_status()
        self._restore_geometry()
        self.datasets.restore_visibility()

    # -- assembly ----------------------------------------------------------

    def _build_layout(self) -> None:
        self.highlight_toggle = QCheckBox("Highlight changes")
        self.highlight_toggle.setObjectName("highlight_toggle")
        self.highlight_toggle.setToolTip(
            "Colour the spans each rule removed or replaced; hover one to see which rule."
        )
        sidebar = QWidget()
        sidebar.setObjectName("sidebar")
        side = QVBoxLayout(sidebar)
        side.setContentsMargins(0, 0, 0, 0)
        side.setSpacing(6)
        preset_label = QLabel("Preset")
        preset_label.setObjectName("pane_title")
        side.addWidget(preset_label)
        side.addWidget(self.preset_selector)
        rules_label = QLabel("Rules, in order")
        rules_label.setObjectName("pane_title")
        rules_header = QHBoxLayout()
        rules_header.setContentsMargins(0, 0, 0, 0)
        rules_header.addWidget(rules_label)
        rules_header.addStretch(1)
        rules_header.addWidget(self.add_rule_button)
        side.addLayout(rules_header)
        rules = QWidget()
        rules_layout = QVBoxLayout(rules)
        rules_layout.setContentsMargins(0, 0, 0, 0)
        rules_layout.setSpacing(4)
        rules_layout.addWidget(self.rule_panel, 1)
        hint = QLabel("Drag to reorder · Delete removes · the number is this text's changes")
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        rules_layout.addWidget(hint)
        self.rule_tabs = QTabWidget()
        self.rule_tabs.setObjectName("rule_tabs")
        self.rule_tabs.setDocumentMode(True)
        self.rule_tabs.addTab(self.rule_editor, "Parameters")
        self.rule_tabs.addTab(self.protect_editor, "Protected spans")
        self.sidebar_splitter = QSplitter(Qt.Orientation.Vertical)
        self.sidebar_splitter.setObjectName("sidebar_splitter")
        self.sidebar_splitter.addWidget(rules)
        self.sidebar_splitter.addWidget(self.rule_tabs)
        self.sidebar_splitter.setStretchFactor(0, 3)
        self.sidebar_splitter.setStretchFactor(1, 2)
        self.sidebar_splitter.setChildrenCollapsible(False)
        self.sidebar_splitter.setSizes([360, 320])
        side.addWidget(self.sidebar_splitter, 1)

        self.text_splitter = QSplitter(Qt.Orientation.Horizontal)
        self.text_splitter.setObjectName("text_splitter")
        self.text_splitter.addWidget(_pane("Raw text", self.raw_text, self.highlight_toggle))
        self.text_splitter.addWidget(_pane("Normalized output", self.normalized_text))
        self.text_splitter.setChildrenCollapsible(False)

        self.main_splitter = QSplitter(Qt.Orientation.Horizontal)
        self.main_splitter.setObjectName("main_splitter")
        self.main_splitter.addWidget(sidebar)
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

    def _action(self, text: str, slot, shortcut=None, name: str = "", tip: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if name:
            action.setObjectName(name)
        if tip:
            action.setToolTip(tip)
            action.setStatusTip(tip)
        action.triggered.connect(slot)
        return action

    def _build_actions(self) -> None:
        icon = self.style().standardIcon
        pixmap = QStyle.StandardPixmap
        self.open_action = self._action(
            "&Open…", self.open_dialog, QKeySequence.StandardKey.Open, "open_file",
            "Open a text file (its encoding is detected)",
        )  # fmt: skip
        self.open_action.setIcon(icon(pixmap.SP_DialogOpenButton))
        self.save_action = self._action(
            "&Save to Corpus", self.save_to_corpus, QKeySequence.StandardKey.Save,
            "save_to_corpus", "Write the normalized text into the corpus folder (Ctrl+S)",
        )  # fmt: skip
        self.save_action.setIcon(icon(pixmap.SP_DialogSaveButton))
        self.corpus_folder_action = self._action(
            "Change Corpus &Folder…", self.choose_corpus_folder, None, "change_corpus_folder",
            "Choose the folder Save to Corpus writes into",
        )  # fmt: skip
        self.corpus_folder_action.setIcon(icon(pixmap.SP_DirIcon))
        self.open_profile_action = self._action(
            "Open &Profile…", self.open_profile_dialog, None, "open_profile",
            "Load a profile (TOML), the same file the CLI reads",
        )  # fmt: skip
        self.save_profile_action = self._action(
            "Save Profile &As…", self.save_profile_dialog, "Ctrl+Shift+S", "save_profile_as",
            "Save the current rules, order and parameters as a profile (TOML)",
        )  # fmt: skip
        self.paste_new_action = self._action(
            "Paste as &New Text", self.paste_as_new_text, "Ctrl+Shift+V", "paste_new_text",
            "Replace the raw text with the clipboard's text",
        )  # fmt: skip
        self.quit_action = self._action("&Quit", self.close, QKeySequence.StandardKey.Quit)
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)

        stack = self.session.undo_stack
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

        self.highlight_action = QAction("&Highlight Changes", self)
        self.highlight_action.setObjectName("toggle_highlights")
        self.highlight_action.setCheckable(True)
        self.highlight_action.setShortcut(QKeySequence("Ctrl+Shift+H"))
        shown = self.settings.value(SHOW_HIGHLIGHTS, True, type=bool)
        self.highlight_action.setChecked(shown)
        self.highlight_toggle.setChecked(shown)
        self.raw_text.set_highlighting_visible(shown)
        self.invisible_action = QAction("Show &Invisible Characters", self)
        self.invisible_action.setObjectName("show_invisible")
        self.invisible_action.setCheckable(True)
        self.invisible_action.setShortcut(QKeySequence("Ctrl+Shift+I"))
        self.invisible_action.setStatusTip(
            "Show spaces, tabs, line ends, and zero-width and control characters in the raw text"
        )
        invisible = self.settings.value(SHOW_INVISIBLE, False, type=bool)
        self.invisible_action.setChecked(invisible)
        self.invisible_marks.set_shown(invisible)

        self.new_find_action = self.add_rule_button.new_rule_action("find_replace")
        self.new_regex_action = self.add_rule_button.new_rule_action("regex_replace")
        self.remove_rule_action = self.rule_panel.remove_action
        self.protect_action = self._action(
            "&Protected Spans…", self.show_protect_editor, None, "edit_protected_spans",
            "Patterns whose matches no rule may change",
        )  # fmt: skip
        self.sample_action = self._action("Open &Sample Text", self.open_sample)
        self.about_action = self._action("&About Textwash", self.show_about)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)

    def _build_menus_and_toolbar(self) -> None:
        menu = self.menuBar()
        file_menu = menu.addMenu("&File")
        file_menu.addAction(self.open_action)
        self.recent_menu = QMenu("Open &Recent", self)
        self.recent_menu.setObjectName("recent_menu")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addMenu(self.recent_menu)
        file_menu.addAction(self.datasets.open_action)
        file_menu.addAction(self.datasets.open_folder_action)
        file_menu.addSeparator()
        file_menu.addAction(self.save_action)
        file_menu.addAction(self.corpus_folder_action)
        file_menu.addSeparator()
        file_menu.addAction(self.open_profile_action)
        file_menu.addAction(self.save_profile_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)

        edit_menu = menu.addMenu("&Edit")
        edit_menu.addAction(self.undo_rule_action)
        edit_menu.addAction(self.redo_rule_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.paste_new_action)

        rules_menu = menu.addMenu("&Rules")
        rules_menu.setToolTipsVisible(True)
        rules_menu.addMenu(self.add_rule_button.catalogue_menu)
        rules_menu.addAction(self.new_find_action)
        rules_menu.addAction(self.new_regex_action)
        rules_menu.addAction(self.remove_rule_action)
        rules_menu.addSeparator()
        rules_menu.addAction(self.protect_action)

        view_menu = menu.addMenu("&View")
        view_menu.addAction(self.highlight_action)
        view_menu.addAction(self.invisible_action)
        view_menu.addSeparator()
        view_menu.addAction(self.leakage.toggle_action)

        menu.addMenu(self.datasets.menu)

        help_menu = menu.addMenu("&Help")
        help_menu.addAction(self.sample_action)
        help_menu.addAction(self.about_action)

        toolbar = QToolBar("Main", self)
        toolbar.setObjectName("main_toolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.addAction(self.open_action)
        toolbar.addAction(self.save_action)
        toolbar.addSeparator()
        toolbar.addAction(self.undo_rule_action)
        toolbar.addAction(self.redo_rule_action)
        self.addToolBar(toolbar)
        self.addToolBar(self.datasets.toolbar)
        save_button = toolbar.widgetForAction(self.save_action)
        if save_button is not None:
            save_button.setObjectName("save_to_corpus_button")

    def _connect(self) -> None:
        session = self.session
        self.raw_text.text_edited.connect(session.set_text)
        self.raw_text.files_dropped.connect(self.open_paths)
        session.text_loaded.connect(self.raw_text.load_text)
        session.text_normalized.connect(self._on_text_normalized)
        session.highlights_ready.connect(self.raw_text.set_highlights)
        session.text_explained.connect(self.rule_panel.set_explanation)
        # The editor first: the panel's row change that follows shows the new profile.
        session.profile_changed.connect(self.rule_editor.set_profile)
        session.profile_changed.connect(self.rule_panel.set_profile)
        # A moved row keeps its selection without a row-change signal: follow it.
        session.profile_changed.connect(self._follow_rule_selection)
        session.profile_changed.connect(self.add_rule_button.set_profile)
        session.profile_changed.connect(self.protect_editor.set_profile)
        session.profile_changed.connect(self._update_protect_tab)
        session.rule_params_rejected.connect(self.rule_editor.show_error)
        session.protect_checked.connect(self.protect_editor.show_errors)
        session.profile_changed.connect(self.preset_selector.set_profile)
        session.modified_changed.connect(self.setWindowModified)
        session.source_changed.connect(self._update_title)
        session.normalization_failed.connect(self._show_problem)
        session.open_failed.connect(self._on_open_failed)
        self.rule_panel.rule_toggled.connect(session.set_rule_enabled)
        self.rule_panel.rule_moved.connect(session.move_rule)
        self.rule_panel.rule_removed.connect(session.remove_rule)
        self.rule_panel.currentRowChanged.connect(self.rule_editor.show_step)
        self.add_rule_button.rule_chosen.connect(self.add_rule)
        self.rule_editor.params_edited.connect(session.set_rule_params)
        self.protect_editor.protect_edited.connect(session.set_protect)
        self.invisible_action.toggled.connect(self._set_invisible_shown)
        self.preset_selector.preset_selected.connect(self._select_preset)
        self.status.corpus_folder_clicked.connect(self.choose_corpus_folder)
        self.highlight_action.toggled.connect(self._set_highlighting)
        self.highlight_toggle.toggled.connect(self._set_highlighting)

    # -- start-up ----------------------------------------------------------

    def start(self, files: list[str]) -> None:
        """Open the files given on the command line, or the sample text on first start."""
        if files:
            if self.open_file(files[0], confirm=False):
                for path in reversed(files[1:]):
                    self._remember_recent(path)
                if len(files) > 1:
                    self.status.showMessage(
                        f"{len(files) - 1} more file(s) are in File > Open Recent.", 8000
                    )
            return
        if not self.settings.value(SAMPLE_SHOWN, False, type=bool):
            self.load_sample()
            self.settings.setValue(SAMPLE_SHOWN, True)
        else:
            # Nothing to open: normalize the empty text, so the status bar is complete.
            self.session.schedule(immediately=True)

    def open_sample(self) -> None:
        """Help > Open Sample Text: the first-start text, after asking about unsaved edits."""
        if self._confirm_discard():
            self.load_sample()

    def load_sample(self) -> None:
        sample = resource_path("sample.txt")
        try:
            text = sample.read_text(encoding="utf-8")
        except OSError:
            return
        self.session.load_text(text, source=None)

    # -- opening text --------------------------------------------------------

    def open_dialog(self) -> None:
        """File > Open: ask for a file, then open it as any other path."""
        if not self._confirm_discard():
            return
        start = self.settings.value(LAST_DIRECTORY, str(Path.home()))
        path, _filter = QFileDialog.getOpenFileName(self, "Open text", start, TEXT_FILTER)
        if path:
            self.open_file(path, confirm=False)

    def open_paths(self, paths: list[str]) -> None:
        """Files dropped onto the window: open the first."""
        if paths:
            self.open_file(paths[0])

    def open_file(self, path: str, *, confirm: bool = True) -> bool:
        """Open a text file; a refused file is explained and the current text kept."""
        if confirm and not self._confirm_discard():
            return False
        try:
            self.session.open_file(path)
        except InputError as error:
            QMessageBox.warning(self, "Cannot open this file", str(error))
            self._forget_recent(path)
            return False
        self.settings.setValue(LAST_DIRECTORY, str(Path(path).parent))
        self._remember_recent(path)
        encoding = self.session.encoding
        note = "" if encoding in ("utf-8", "ascii") else f" (decoded as {encoding})"
        self.status.showMessage(f"Opened {Path(path).name}{note}", 5000)
        return True

    def _on_open_failed(self, path: str, message: str) -> None:
        """A large file, read in the background, turned out not to be text."""
        QMessageBox.warning(self, "Cannot open this file", message)
        self._forget_recent(path)

    def paste_as_new_text(self) -> None:
        text = QGuiApplication.clipboard().text()
        if not text:
            self.status.showMessage("The clipboard holds no text.", 5000)
            return
        if self._confirm_discard():
            self.session.load_text(text, source=None, modified=True)

    # -- recent files ----------------------------------------------------------

    def recent_files(self) -> list[str]:
        value = self.settings.value(RECENT_FILES, [])
        if isinstance(value, str):
            value = [value]
        return [str(path) for path in value or []]

    def _remember_recent(self, path: str) -> None:
        path = str(Path(path).resolve())
        files = [path, *(p for p in self.recent_files() if p != path)][:MAX_RECENT]
        self.settings.setValue(RECENT_FILES, files)

    def _forget_recent(self, path: str) -> None:
        path = str(Path(path).resolve())
        self.settings.setValue(RECENT_FILES, [p for p in self.recent_files() if p != path])

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        files = self.recent_files()
        for number, path in enumerate(files, start=1):
            action = self.recent_menu.addAction(f"&{number % 10} {Path(path).name}")
            action.setToolTip(path)
            action.triggered.connect(lambda _checked=False, path=path: self.open_file(path))
        if not files:
            self.recent_menu.addAction("No recent files").setEnabled(False)
        else:
            self.recent_menu.addSeparator()
            clear = self.recent_menu.addAction("Clear Menu")
            clear.triggered.connect(lambda: self.settings.setValue(RECENT_FILES, []))

    # -- corpus ----------------------------------------------------------------

    def corpus_folder(self) -> str | None:
        folder = self.settings.value(CORPUS_FOLDER, "")
        return str(folder) if folder else None

    def choose_corpus_folder(self) -> bool:
        start = self.corpus_folder() or str(Path.home())
        folder = QFileDialog.getExistingDirectory(self, "Choose the corpus folder", start)
        if not folder:
            return False
        try:
            CorpusFolder(folder)
        except CorpusError as error:
            QMessageBox.warning(self, "Cannot use this folder", str(error))
            return False
        self.settings.setValue(CORPUS_FOLDER, folder)
        self.datasets.corpus_folder_changed(folder)
        self._update_corpus_status()
        return True

    def save_to_corpus(self) -> bool:
        """Write the normalized text into the corpus folder, asking for it the first time."""
        if self.datasets.handles_save():  # a dataset record: saved as that record
            return self.datasets.save_record()
        if not self.session.text.strip():
            self.status.showMessage("Nothing to save: the raw text is empty.", 5000)
            return False
        if self.corpus_folder() is None and not self.choose_corpus_folder():
            return False
        try:
            folder = CorpusFolder(self.corpus_folder())
            try:
                saved = self.session.save_to_corpus(folder)
            except DuplicateDocument as duplicate:
                answer = QMessageBox.warning(
                    self,
                    "Already in the corpus",
                    f"This normalized text is already in the corpus as "
                    f"“{duplicate.earlier_file}”.\n\nSave another copy anyway?",
                    QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel,
                    QMessageBox.StandardButton.Cancel,
                )
                if answer != QMessageBox.StandardButton.Save:
                    self.status.showMessage(
                        f"Not saved: already in the corpus as {duplicate.earlier_file}.", 8000
                    )
                    return False
                saved = self.session.save_to_corpus(folder, allow_duplicate=True)
        except CorpusError as error:
            QMessageBox.critical(self, "Cannot save to the corpus", str(error))
            return False
        self.status.showMessage(f"Saved {saved.path.name} to the corpus.", 8000)
        self._update_corpus_status()
        return True

    def _update_corpus_status(self) -> None:
        folder = self.corpus_folder()
        count = 0
        if folder:
            try:
                count = CorpusFolder(folder).document_count()
            except CorpusError:
                count = 0
        self.status.set_corpus(folder, count)

    # -- profiles ----------------------------------------------------------------

    def _select_preset(self, name: str) -> None:
        try:
            self.session.select_preset(name)
        except ProfileError as error:
            QMessageBox.warning(self, "Cannot load the preset", str(error))
            self.preset_selector.set_profile(self.session.profile)

    def open_profile_dialog(self) -> None:
        start = self.settings.value(LAST_DIRECTORY, str(Path.home()))
        path, _filter = QFileDialog.getOpenFileName(self, "Open profile", start, PROFILE_FILTER)
        if not path:
            return
        try:
            self.session.open_profile(path)
        except ProfileError as error:
            QMessageBox.warning(self, "Cannot open this profile", str(error))
            return
        self.status.showMessage(f"Profile {Path(path).name} loaded.", 5000)

    def save_profile_dialog(self) -> None:
        start = Path(self.settings.value(LAST_DIRECTORY, str(Path.home())))
        suggested = str(start / f"{self.session.profile.name or 'profile'}.toml")
        path, _filter = QFileDialog.getSaveFileName(
            self, "Save profile as", suggested, PROFILE_FILTER
        )
        if not path:
            return
        if Path(path).suffix.lower() != ".toml":
            path += ".toml"
        try:
            self.session.save_profile(path)
        except (OSError, ProfileError) as error:
            QMessageBox.warning(self, "Cannot save the profile", str(error))
            return
        self.status.showMessage(f"Profile saved as {Path(path).name}.", 5000)

    # -- rules -------------------------------------------------------------------

    def add_rule(self, rule_id: str) -> None:
        """Insert a rule after the selected one (or at the end) and select it.

        The user's own rules get a fresh name and the cursor goes to their pattern.
        """
        rule = get_rule(rule_id)
        params = None
        if "name" in rule.param_index:
            params = {"name": new_rule_name(self.session.profile.steps)}
        row = self.rule_panel.currentRow()
        try:
            index = self.session.add_rule(rule_id, row + 1 if row >= 0 else None, params)
        except ValueError as error:
            self.status.showMessage(str(error), 5000)
            return
        self.rule_panel.setCurrentRow(index)
        self.rule_tabs.setCurrentWidget(self.rule_editor)
        for name in ("pattern", "find"):
            if name in rule.param_index:
                self.rule_editor.focus_field(name)
                break

    def _follow_rule_selection(self, *_args) -> None:
        self.rule_editor.show_step(self.rule_panel.currentRow())

    def show_protect_editor(self) -> None:
        self.rule_tabs.setCurrentWidget(self.protect_editor)
        if not self.protect_editor.patterns():
            self.protect_editor.add_row()

    def _update_protect_tab(self, profile) -> None:
        count = len(profile.protect)
        title = f"Protected spans ({count})" if count else "Protected spans"
        self.rule_tabs.setTabText(self.rule_tabs.indexOf(self.protect_editor), title)

    # -- view --------------------------------------------------------------------

    def _set_invisible_shown(self, shown: bool) -> None:
        self.invisible_marks.set_shown(shown)
        self.settings.setValue(SHOW_INVISIBLE, shown)

    def _set_highlighting(self, shown: bool) -> None:
        for control in (self.highlight_action, self.highlight_toggle):
            if control.isChecked() != shown:
                control.blockSignals(True)
                control.setChecked(shown)
                control.blockSignals(False)
        self.raw_text.set_highlighting_visible(shown)
        self.settings.setValue(SHOW_HIGHLIGHTS, shown)

    def _on_text_normalized(self, output: str) -> None:
        self.normalized_text.set_output(output)
        self.status.set_sizes(self.session.text, output, self.session.token_counts)
        self.status.set_timing(self.session.last_seconds)

    def _show_problem(self, message: str) -> None:
        self.status.showMessage(message, 10000)

    def _update_title(self, *_args) -> None:
        source = self.session.source
        self.setWindowTitle(f"{Path(source).name if source else 'Untitled'}[*] — Textwash")

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            "About Textwash",
            f"<b>Textwash {__version__}</b><p>Normalize text by hand for NLP corpora: "
            "raw text beside its live normalized output. The same rules run headless "
            "with the <code>textwash</code> command.</p>",
        )

    # -- closing -------------------------------------------------------------------

    def _confirm_discard(self) -> bool:
        """If the text has unsaved edits, ask: save them, drop them, or stay."""
        if not self.session.modified:
            return True
        answer = QMessageBox.question(
            self,
            "Unsaved edits",
            "The raw text has edits that are not saved to the corpus.\n\n"
            "Save it to the corpus first?",
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save_to_corpus()
        return answer == QMessageBox.StandardButton.Discard

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._confirm_discard():
            event.ignore()
            return
        self._save_geometry()
        self.datasets.shutdown()
        self.leakage.shutdown()
        self.session.shutdown()
        event.accept()

    def _restore_geometry(self) -> None:
        geometry = self.settings.value(GEOMETRY)
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1280, 800)
        state = self.settings.value(WINDOW_STATE)
        if state is not None:
            self.restoreState(state)
        splitters = (
            (MAIN_SPLITTER, self.main_splitter),
            (TEXT_SPLITTER, self.text_splitter),
            (SIDEBAR_SPLITTER, self.sidebar_splitter),
        )
        for key, splitter in splitters:
            value = self.settings.value(key)
            if value is not None:
                splitter.restoreState(value)

    def _save_geometry(self) -> None:
        self.settings.setValue(GEOMETRY, self.saveGeometry())
        self.settings.setValue(WINDOW_STATE, self.saveState())
        self.settings.setValue(MAIN_SPLITTER, self.main_splitter.saveState())
        self.settings.setValue(TEXT_SPLITTER, self.text_splitter.saveState())
        self.settings.setValue(SIDEBAR_SPLITTER, self.sidebar_splitter.saveState())
        self.settings.sync()

    # -- drag and drop onto the rest of the window -----------------------------------

    def dragEnterEvent(self, event) -> None:
        if local_file_paths(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        paths = local_file_paths(event.mimeData())
        if paths:
            event.acceptProposedAction()
            self.open_paths(paths)
