"""The main window: the project's article list beside the article reader, and the File menu."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QItemSelection, QMimeData, QModelIndex, Qt, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDockWidget,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMenu,
    QProgressBar,
    QProgressDialog,
    QSplitter,
    QTreeView,
    QWidget,
)

from annotator import __version__
from annotator.app.exporting import export
from annotator.app.importing import SKIP_HINT, ImportReport, import_files
from annotator.app.reviewing import project_agreement, read_colleague, review_import
from annotator.domain.model import REVIEWED
from annotator.errors import UserError, shown
from annotator.store import ProjectStore
from annotator.ui import dialogs
from annotator.ui.actions import (
    WRITING_ACTIONS,
    ActionId,
    KeyScope,
    create_actions,
    scope_keys,
)
from annotator.ui.annotations_panel import AnnotationsPanel
from annotator.ui.article_list import ARTICLE_ID_ROLE, ArticleListModel, sortable
from annotator.ui.article_review import ArticleReview
from annotator.ui.article_view import ArticleView
from annotator.ui.attributes_panel import AttributesPanel
from annotator.ui.commands import ProjectUndoStack
from annotator.ui.export_dialog import ask_export
from annotator.ui.fitting import SOURCE_MIN, ColumnFitter, ReadableLayout
from annotator.ui.legend import Legend
from annotator.ui.options import DEFAULT_SIZE
from annotator.ui.plain import (
    literal_command_names,
    menu_text,
    plain_label,
    tooltip_text,
    window_title,
)
from annotator.ui.review_panel import ReviewPanel
from annotator.ui.search_panel import SearchPanel
from annotator.ui.settings import Settings
from annotator.ui.shortcut_sheet import Group, shortcut_groups
from annotator.ui.sources_view import SourcesView
from annotator.ui.tagging import Tagging
from annotator.ui.workers import SuggestionService


class MainWindow(QMainWindow):
    """One window per open project; switching projects replaces the store it shows."""

    project_changed = Signal()
    article_shown = Signal(int)

    def __init__(self, settings: Settings) -> None:
        super().__init__()
        self.settings = settings
        self.store: ProjectStore | None = None
        self.actions_by_id = create_actions(self)  # not `actions`: QWidget.actions() is Qt's
        self.setAcceptDrops(True)  # files dropped on the window are imported

        self.article_model = ArticleListModel()
        self.article_proxy = sortable(self.article_model)
        self.article_list = QTreeView()
        self.article_list.setModel(self.article_proxy)
        self.article_list.setRootIsDecorated(False)
        self.article_list.setUniformRowHeights(True)
        self.article_list.setAlternatingRowColors(True)
        self.article_list.setSortingEnabled(True)
        self.article_list.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.article_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.article_list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.article_list.setAccessibleName("Articles")
        header = self.article_list.header()
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(36)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(1, 130)
        for column in range(2, self.article_model.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.article_list.selectionModel().selectionChanged.connect(self._on_selection_changed)

        self.article_view = ArticleView()
        self.undo_stack = ProjectUndoStack(self)
        self.suggestions = SuggestionService(self)
        self.legend = Legend()
        self.legend_dock = self._dock("Labels", "legend", self.legend)
        self.review = ArticleReview(
            view=self.article_view,
            legend=self.legend,
            settings=settings,
            undo_stack=self.undo_stack,
            service=self.suggestions,
            actions=self.actions_by_id,
            parent=self,
        )
        self.tagging = Tagging(self.review, self.actions_by_id, self)
        self.attributes = AttributesPanel(self.review, self.tagging)
        self.details_dock = self._dock("Details", "details", self.attributes)
        self.annotations_panel = AnnotationsPanel(self.review)
        self.annotations_dock = self._dock("Annotations", "annotations", self.annotations_panel)
        # Annotations and Labels share one place on the right, the Details sit below them.
        self.splitDockWidget(self.annotations_dock, self.details_dock, Qt.Orientation.Vertical)
        self.tabifyDockWidget(self.annotations_dock, self.legend_dock)
        self.annotations_dock.raise_()
        self.resizeDocks([self.annotations_dock], [380], Qt.Orientation.Horizontal)
        self.search = SearchPanel()
        self.search_dock = self._dock("Search", "search", self.search)
        self.tabifyDockWidget(self.annotations_dock, self.search_dock)
        self.annotations_dock.raise_()
        self.search.hit_chosen.connect(self.open_article_at)
        self.search.hit_shown.connect(
            lambda article_id, start, end: self.open_article_at(article_id, start, end, focus=False)
        )
        self.sources = SourcesView()
        self.sources_dock = self._dock("Sources", "sources", self.sources)
        self._review_mode = False
        self.review_panel = ReviewPanel()
        self.review_dock = self._dock("Review", "review", self.review_panel)
        self.tabifyDockWidget(self.annotations_dock, self.review_dock)
        self.annotations_dock.raise_()
        self.review_panel.layers_changed.connect(self._on_layers_changed)
        self.review_panel.show_range.connect(self.article_view.select)
        self.review_panel.selection = self.article_view.selection
        self.review_panel.open_places.connect(self.article_view.text.set_disagreements)
        self.review_panel.undo_stack = self.undo_stack
        self.review_panel.decided.connect(self._on_review_decided)
        self.article_shown.connect(self._review_article)
        self.tabifyDockWidget(self.annotations_dock, self.sources_dock)
        self.annotations_dock.raise_()
        self.sources.item_chosen.connect(self.open_article_at)
        # The project-wide view is read only when it comes on screen after a change.
        self.sources_dock.visibilityChanged.connect(
            lambda visible: self.sources.shown() if visible else None
        )
        self.review.article_changed.connect(self._on_article_changed)
        self.review.message.connect(lambda text: self.statusBar().showMessage(text, 5000))
        self.undo_stack.refused.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.article_list)
        self.splitter.addWidget(self.article_view)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([560, 740])
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)

        self._build_menus()
        self._connect_actions()
        self.busy_label = plain_label()  # names the project's spaCy pipeline
        self.busy_bar = QProgressBar()
        self.busy_bar.setRange(0, 0)  # indeterminate: the worker reports no fractions
        self.busy_bar.setMaximumWidth(120)
        self.busy_bar.setMaximumHeight(14)
        for widget in (self.busy_label, self.busy_bar):
            widget.hide()
            self.statusBar().addPermanentWidget(widget)
        self.read_only_label = QLabel("Read-only")
        self.read_only_label.setToolTip(
            "This project file cannot be written: it can be read, searched and exported, "
            "but changes cannot be saved"
        )
        self.read_only_label.hide()
        self.statusBar().addPermanentWidget(self.read_only_label)
        self.article_count = QLabel()
        self.statusBar().addPermanentWidget(self.article_count)
        self.suggestions.loading.connect(self._on_model_loading)
        self.suggestions.busy_changed.connect(self._on_busy_changed)
        self._restore_layout()
        #: Whether closing saves the window's size and layout (a screenshot leaves them be).
        self.remember_layout = True
        # A narrow window gives the article its room first (ui.fitting).
        self.readable_layout = ReadableLayout(
            self,
            self.splitter,
            self.article_list,
            self.article_view,
            [
                self.details_dock,
                self.legend_dock,
                self.annotations_dock,
                self.search_dock,
                self.sources_dock,
                self.review_dock,
            ],
        )
        ColumnFitter(self.sources.tree, SOURCE_MIN)  # kept alive by its parent, the tree
        self._update_title()

    def _dock(
        self,
        title: str,
        name: str,
        widget: QWidget,
        area: Qt.DockWidgetArea = Qt.DockWidgetArea.RightDockWidgetArea,
    ) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)  # saveState() needs it to remember the layout
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    # -- construction ----------------------------------------------------------------------------

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        file_menu.addAction(self.actions_by_id[ActionId.NEW_PROJECT])
        file_menu.addAction(self.actions_by_id[ActionId.OPEN_PROJECT])
        self.recent_menu = QMenu("Open &Recent", self)
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addMenu(self.recent_menu)
        file_menu.addSeparator()
        file_menu.addAction(self.actions_by_id[ActionId.IMPORT_ARTICLES])
        file_menu.addAction(self.actions_by_id[ActionId.EXPORT])
        file_menu.addSeparator()
        file_menu.addAction(self.actions_by_id[ActionId.REVIEW_COLLEAGUE])
        file_menu.addAction(self.actions_by_id[ActionId.SET_NAME])
        file_menu.addSeparator()
        file_menu.addAction(self.actions_by_id[ActionId.QUIT])

        edit_menu = self.menuBar().addMenu("&Edit")
        undo = self.undo_stack.createUndoAction(self, "&Undo")
        undo.setShortcuts(QKeySequence.StandardKey.Undo)
        redo = self.undo_stack.createRedoAction(self, "&Redo")
        redo.setShortcuts(QKeySequence.StandardKey.Redo)
        literal_command_names(undo, "&Undo", self.undo_stack.undoTextChanged)
        literal_command_names(redo, "&Redo", self.undo_stack.redoTextChanged)
        undo.setStatusTip("Take back the last change (each change is one step)")
        redo.setStatusTip("Make the last change taken back again")
        edit_menu.addAction(undo)
        edit_menu.addAction(redo)
        self.edit_actions = [undo, redo]

        review_menu = self.menuBar().addMenu("&Review")
        groups = (
            (ActionId.TAG_CLAIM, ActionId.TAG_QUOTE, ActionId.TAG_SOURCE, ActionId.ATTRIBUTE),
            (ActionId.NEXT_SUGGESTION, ActionId.PREVIOUS_SUGGESTION),
            (ActionId.ACCEPT, ActionId.REJECT, ActionId.RELABEL),
            (ActionId.ACCEPT_ALL, ActionId.REJECT_ALL),
            (ActionId.ADD_ENTITY, ActionId.ADD_ENTITY_EXACT),
            (ActionId.RECOMPUTE, ActionId.CHOOSE_MODEL, ActionId.THRESHOLD),
            (ActionId.NEXT_DISAGREEMENT, ActionId.PREVIOUS_DISAGREEMENT, ActionId.AGREEMENT),
        )
        for number, group in enumerate(groups):
            if number:
                review_menu.addSeparator()
            for action_id in group:
                review_menu.addAction(self.actions_by_id[action_id])

        edit_menu.addSeparator()
        edit_menu.addAction(self.actions_by_id[ActionId.SEARCH])

        view_menu = self.menuBar().addMenu("&View")
        view_menu.addAction(self.actions_by_id[ActionId.SOURCES])
        view_menu.addSeparator()
        for action_id in (
            ActionId.FOCUS_ARTICLES,
            ActionId.FOCUS_TEXT,
            ActionId.FOCUS_DETAILS,
            ActionId.FOCUS_ANNOTATIONS,
        ):
            view_menu.addAction(self.actions_by_id[action_id])
        view_menu.addSeparator()
        docks = (
            self.details_dock,
            self.legend_dock,
            self.annotations_dock,
            self.search_dock,
            self.sources_dock,
            self.review_dock,
        )
        for dock in docks:
            view_menu.addAction(dock.toggleViewAction())

        toolbar = self.addToolBar("Tagging")
        toolbar.setObjectName("tagging")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for action_id in (
            ActionId.TAG_CLAIM,
            ActionId.TAG_QUOTE,
            ActionId.TAG_SOURCE,
            ActionId.ATTRIBUTE,
            ActionId.ADD_ENTITY,
        ):
            toolbar.addAction(self.actions_by_id[action_id])
        help_menu = self.menuBar().addMenu("&Help")
        help_menu.addAction(self.actions_by_id[ActionId.SHORTCUTS])
        help_menu.addAction(self.actions_by_id[ActionId.ABOUT])

    def _connect_actions(self) -> None:
        self.actions_by_id[ActionId.NEW_PROJECT].triggered.connect(self.new_project)
        self.actions_by_id[ActionId.OPEN_PROJECT].triggered.connect(self.open_project_dialog)
        self.actions_by_id[ActionId.IMPORT_ARTICLES].triggered.connect(self.import_articles)
        self.actions_by_id[ActionId.EXPORT].triggered.connect(self.export_project)
        self.actions_by_id[ActionId.REVIEW_COLLEAGUE].triggered.connect(self.review_colleague)
        self.actions_by_id[ActionId.AGREEMENT].triggered.connect(self.show_agreement)
        self.actions_by_id[ActionId.SET_NAME].triggered.connect(self.ask_user_name)
        self.actions_by_id[ActionId.NEXT_DISAGREEMENT].triggered.connect(
            lambda: self._step_disagreement(True)
        )
        self.actions_by_id[ActionId.PREVIOUS_DISAGREEMENT].triggered.connect(
            lambda: self._step_disagreement(False)
        )
        self.actions_by_id[ActionId.QUIT].triggered.connect(self.close)
        self.actions_by_id[ActionId.ABOUT].triggered.connect(
            lambda: dialogs.show_about(self, __version__)
        )
        self.actions_by_id[ActionId.SEARCH].triggered.connect(self._focus_search)
        self.actions_by_id[ActionId.SOURCES].triggered.connect(self._show_sources)
        self.actions_by_id[ActionId.FOCUS_ARTICLES].triggered.connect(self.article_list.setFocus)
        self.actions_by_id[ActionId.FOCUS_TEXT].triggered.connect(self.article_view.text.setFocus)
        self.actions_by_id[ActionId.FOCUS_DETAILS].triggered.connect(self._focus_details)
        self.actions_by_id[ActionId.FOCUS_ANNOTATIONS].triggered.connect(self._focus_annotations)
        self.actions_by_id[ActionId.SHORTCUTS].triggered.connect(
            lambda: dialogs.show_shortcuts(self, self.shortcut_groups())
        )
        # Plain keys act only where the focus is (see KeyScope); menus act from anywhere.
        scope_keys(
            self.actions_by_id,
            {
                KeyScope.ARTICLE: (self.article_view,),
                KeyScope.REVIEW: (self.article_view, self.review_panel),
            },
        )
        # Return or a double-click on an article opens it in the text, where its keys work.
        self.article_list.activated.connect(
            lambda: self.article_view.text.setFocus(Qt.FocusReason.OtherFocusReason)
        )

    def shortcut_groups(self) -> list[Group]:
        """The cheat sheet's content: each menu's keys, then any action with keys that is in
        no menu."""
        menus = [
            (a.text(), menu.actions())
            for a in self.menuBar().actions()
            if isinstance(menu := a.menu(), QMenu)
        ]
        in_menus = {id(action) for _, actions in menus for action in actions}
        others = [a for a in self.actions_by_id.values() if id(a) not in in_menus]
        places = [(self.article_view, "in the text"), (self.review_panel, "in the Review panel")]
        return shortcut_groups([*menus, ("Other", others)], places)

    def _restore_layout(self) -> None:
        geometry = self.settings.window_state("geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(*DEFAULT_SIZE)
        splitter = self.settings.window_state("splitter")
        if splitter is not None:
            self.splitter.restoreState(splitter)
        state = self.settings.window_state("state")
        if state is not None:
            self.restoreState(state)
        #: A first start shows the Annotations tab in front (Review in review mode); raise_()
        #: only takes once the window is shown.
        self._raise_annotations_on_show = state is None

    # -- projects --------------------------------------------------------------------------------

    def open_project(self, path: Path) -> bool:
        """Show the project at `path`; on failure keep the current one and explain why."""
        try:
            store = ProjectStore.open(path)
        except UserError as error:
            dialogs.show_error(self, "Cannot open project", str(error))
            if path.resolve() in self.settings.recent_projects():
                self.settings.remove_recent_project(path.resolve())
            return False
        self.set_store(store)
        return True

    def set_store(self, store: ProjectStore) -> None:
        self.search.set_store(None)  # no search may run on a file being closed
        self.sources.set_store(None)
        if self.store is not None:
            self.store.close()
        self.store = store
        self.search.set_store(store)
        self.sources.set_store(store, load=False)
        self.settings.add_recent_project(store.path)
        self.review.set_store(store)
        self.review_panel.set_article(None, None, self.settings.user_name())
        # Colleagues' work to review: open in review mode, at the first open question.
        self._review_mode = len(set(store.annotator_names(decided=True)) - {REVIEWED}) >= 2
        if self._review_mode:
            self.review_dock.raise_()
        self.refresh_articles()
        self.review.show(None)
        self._apply_read_only()
        self._update_title()
        if store.read_only:
            self.statusBar().showMessage(self._read_only_reason(), 15000)
        else:
            self.statusBar().showMessage(f"Opened {store.path}", 5000)
        self.project_changed.emit()
        if self.article_proxy.rowCount() > 0:
            self.article_list.setCurrentIndex(self.article_proxy.index(0, 0))

    def new_project(self) -> None:
        path = dialogs.ask_new_project_path(self, self._start_folder())
        if path is None:
            return
        try:
            store = ProjectStore.create(path)
        except UserError as error:
            dialogs.show_error(self, "Cannot create project", str(error))
            return
        self.set_store(store)

    def open_project_dialog(self) -> None:
        path = dialogs.ask_open_project_path(self, self._start_folder())
        if path is not None:
            self.open_project(path)

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = self.settings.recent_projects()
        for number, path in enumerate(recent, start=1):
            action = self.recent_menu.addAction(f"&{number % 10} {menu_text(path.name)}")
            action.setToolTip(tooltip_text(str(path)))
            action.setStatusTip(str(path))
            action.triggered.connect(lambda _=False, p=path: self.open_project(p))
        if not recent:
            self.recent_menu.addAction("No recent projects").setEnabled(False)
        self.recent_menu.addSeparator()
        clear = self.recent_menu.addAction("&Clear List")
        clear.setEnabled(bool(recent))
        clear.triggered.connect(self.settings.clear_recent_projects)

    def _start_folder(self) -> Path:
        return self.store.path.parent if self.store else Path.home()

    def _update_title(self) -> None:
        if self.store is None:
            self.setWindowTitle("annotator")
            return
        # The file, not the project's name inside it: a colleague's copy of a project has the
        # same name, and two windows must tell which file each one changes.
        path = self.store.path
        self.setWindowFilePath(str(path))
        read_only = " [read-only]" if self.store.read_only else ""
        folder = shown(path.parent.name or path.parent)
        title = f"{shown(path.name)} ({folder}){read_only} — annotator"
        self.setWindowTitle(window_title(title))

    def _apply_read_only(self) -> None:
        """A project file we cannot write is shown for reading: every way to change it is off,
        so no edit is made on screen that could not be saved."""
        read_only = self.store is not None and self.store.read_only
        for action_id in WRITING_ACTIONS:
            self.actions_by_id[action_id].setEnabled(not read_only)
        self.attributes.setEnabled(not read_only)
        self.review_panel.set_read_only(read_only)
        self.read_only_label.setVisible(read_only)
        self.undo_stack.read_only_reason = self._read_only_reason() if read_only else None

    def _read_only_reason(self) -> str:
        name = self.store.path if self.store else "The project"
        return (
            f"{name} is read-only: it can be read, searched and exported, but changes cannot be "
            "saved (make the file writable, or work on a copy of it)"
        )

    # -- articles --------------------------------------------------------------------------------

    def refresh_articles(self) -> None:
        current = self.current_article_id()
        summaries = self.store.article_summaries() if self.store else []
        self.article_model.set_summaries(summaries)
        self.article_count.setText(f"{len(summaries)} article{'' if len(summaries) == 1 else 's'}")
        if current is not None:
            self.select_article(current)
        self.sources.mark_stale()  # imports and review decisions change sources too

    def refresh_article(self, article_id: int) -> None:
        """Update one article's row after an edit in it; the sorted view moves the row if its
        place changed, and the selection moves with it. The whole list is read again only
        if the article is not listed (or no longer in the project)."""
        summary = self.store.article_summary(article_id) if self.store else None
        if summary is None or not self.article_model.set_summary(summary):
            self.refresh_articles()

    def current_article_id(self) -> int | None:
        index = self.article_list.currentIndex()
        return index.data(ARTICLE_ID_ROLE) if index.isValid() else None

    def select_article(self, article_id: int) -> bool:
        row = self.article_model.row_of(article_id)
        if row is None:
            return False
        index = self.article_proxy.mapFromSource(self.article_model.index(row, 0))
        self.article_list.setCurrentIndex(index)
        self.article_list.scrollTo(index)
        return True

    def open_article_at(
        self, article_id: int, start: int, end: int, annotation_id: int = 0, *, focus: bool = True
    ) -> None:
        """Show an article and select [start, end) in it (search hits, sources); a source row's
        annotation becomes the current one, so Details and the review keys act on it and not
        on another span on the same characters. With `focus`, go to the text."""
        if not self.select_article(article_id):
            return
        if self.article_view.by_id(annotation_id) is not None:
            self.article_view.set_current(annotation_id)
        elif end > start:
            self.article_view.select(start, end)
        if focus:
            self.article_view.text.setFocus()

    def _focus_details(self) -> None:
        self.details_dock.show()
        self.details_dock.raise_()
        self.attributes.focus_first_field()

    def _focus_annotations(self) -> None:
        self.annotations_dock.show()
        self.annotations_dock.raise_()
        self.annotations_panel.table.setFocus()

    def _show_sources(self) -> None:
        self.sources_dock.show()
        self.sources_dock.raise_()
        self.sources.load_if_stale()
        self.sources.filter_edit.setFocus()

    def _on_article_changed(self, article_id: int) -> None:
        self.refresh_article(article_id)
        self.sources.mark_stale()

    def _focus_search(self) -> None:
        self.search_dock.show()
        self.search_dock.raise_()
        self.search.focus_search()

    def _on_selection_changed(self, selected: QItemSelection, _: QItemSelection) -> None:
        indexes: list[QModelIndex] = selected.indexes()
        if not indexes or self.store is None:
            return
        article_id = indexes[0].data(ARTICLE_ID_ROLE)
        if self.review.article is not None and self.review.article.id == article_id:
            return
        article = self.store.article(article_id)
        self.review.show(article)
        if article is not None:
            self.article_shown.emit(article.id)

    def import_articles(self) -> None:
        if self.store is None:
            return
        paths = dialogs.ask_import_files(self, self._start_folder())
        if paths:
            self.import_paths(paths)

    def import_paths(self, paths: list[Path], *, skip_invalid: bool = False) -> None:
        """Import files (from File > Import or dropped on the window) with a progress bar.

        A file refused for some bad records among good ones can then be imported without them
        (`skip_invalid`), after the user has seen why."""
        if self.store is None:
            return
        if self.store.read_only:
            dialogs.show_error(self, "Cannot import", self._read_only_reason())
            return
        progress = QProgressDialog("Importing articles…", "", 0, len(paths), self)
        progress.setLabel(plain_label(progress.labelText()))  # it will name the files
        progress.setWindowTitle("Import")
        progress.setCancelButton(None)
        progress.setMinimumDuration(500)
        progress.setWindowModality(Qt.WindowModality.WindowModal)

        def advance(index: int, path: Path) -> None:
            progress.setValue(index)
            progress.setLabelText(f"Importing {path.name} ({index + 1} of {len(paths)})…")
            QApplication.processEvents()

        report = import_files(self.store, paths, progress=advance, skip_invalid=skip_invalid)
        progress.setValue(len(paths))
        self.refresh_articles()
        if self.review.article is not None:
            self.review.show(self.store.article(self.review.article.id))  # merged annotations
        if report.files and report.files[0].added:
            self.select_article(report.files[0].added[0][0])
        self.statusBar().showMessage(import_summary(report), 10000)
        skipped = [f"{r.path.name}: {reason}" for r in report.files for reason in r.skipped]
        if skip_invalid and skipped:
            message = f"{len(skipped)} record(s) were left out; the others were imported."
            if len(skipped) <= _LISTED_INLINE:
                message += "\n\n" + "\n".join(skipped)
            dialogs.show_info(self, "Records left out", message, "\n".join(skipped))
        if report.failed:
            self._report_failed_imports(report)

    def _report_failed_imports(self, report: ImportReport) -> None:
        """Say which files failed and why; offer to import the valid records of those that
        failed for some bad records only."""
        errors = [(result.error or "").removesuffix(SKIP_HINT) for result in report.failed]
        details = "\n".join(errors)
        skippable = [result.path for result in report.failed if result.skippable]
        if len(report.failed) == 1:
            title = f"{report.failed[0].path.name} was not imported"
            message = f"{title}; nothing from it was added:\n\n{errors[0]}"
        else:
            title = "Some files were not imported"
            message = (
                f"{len(report.failed)} of {len(report.files)} files could not be imported; "
                "nothing from them was added."
            )
        if len(report.failed) < len(report.files):
            message += "\n\nThe other files were imported."
        if not skippable:
            dialogs.show_error(self, title, message, details)
            return
        if len(report.failed) == 1:
            message += "\n\nIts other records are valid."
        else:
            message += f"\n\n{len(skippable)} of them hold valid records beside the invalid ones."
        message += " Import the valid records and list the ones left out?"
        if dialogs.ask_error_action(self, title, message, details, "&Import Valid Records"):
            self.import_paths(skippable, skip_invalid=True)

    def export_project(self) -> None:
        if self.store is None:
            return
        start = self._start_folder() / self.store.path.stem
        chosen = ask_export(self, self.settings, start)
        if chosen is None:
            return
        out, fmt, selection = chosen
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            count = export(self.store, out, fmt, selection)
        except UserError as error:
            QApplication.restoreOverrideCursor()
            dialogs.show_error(self, "Export failed", str(error))
            return
        QApplication.restoreOverrideCursor()
        self.statusBar().showMessage(f"Exported {count} article(s) to {out}", 10000)

    # -- reviewing colleagues' work --------------------------------------------------------------

    def review_colleague(self) -> None:
        if self.store is None:
            return
        if self.store.read_only:
            dialogs.show_error(self, "Cannot bring in colleague's work", self._read_only_reason())
            return
        path = dialogs.ask_colleague_file(self, self._start_folder())
        if path is None:
            return
        me = self.settings.user_name()
        try:
            work = read_colleague(path)
            # A copy of this project where they only changed details carries no name but
            # mine: whose work it is has to be asked, or it would come in under mine.
            name = None
            if work.needs_name(me):
                name = dialogs.ask_colleague_name(self, path.name, path.stem, work.names, me)
                if name is None:
                    return
            result = review_import(self.store, work, name, me=me)
        except UserError as error:
            dialogs.show_error(self, "Could not bring in that work", str(error))
            return
        who = ", ".join(result.annotators) or "nobody"
        message = (
            f"Brought in the work of {who} on {len(result.matched)} article(s). "
            f"{path.name} was not modified."
        )
        if result.unmatched:
            titles = "\n".join(f"• {draft.title}" for draft in result.unmatched[:20])
            if dialogs.confirm(
                self,
                "Articles that match nothing",
                f"{message}\n\n{len(result.unmatched)} of their articles match none in this "
                f"project:\n{titles}\n\nImport them as new articles?",
            ):
                review_import(self.store, work, name, me=me, import_unmatched=True)
                message += f" Imported {len(result.unmatched)} new article(s)."
        self.refresh_articles()
        self.review.refresh()
        self._review_mode = True
        self._review_article()
        self.review_dock.show()
        self.review_dock.raise_()
        self.statusBar().showMessage(message, 10000)

    def show_agreement(self) -> None:
        if self.store is None:
            return
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            report = project_agreement(self.store)
        finally:
            QApplication.restoreOverrideCursor()
        table = report.table(me=self.settings.user_name())
        dialogs.show_text(self, "Agreement between annotators", table)

    def ask_user_name(self) -> None:
        name = dialogs.ask_user_name(self, self.settings.user_name())
        if name is None and not self.settings.has_user_name():
            name = self.settings.user_name()  # cancelled on first start: keep the login name
        if name:
            self.settings.set_user_name(name)
            self._review_article()
            self.statusBar().showMessage(f"Your annotations are recorded as {name}", 5000)

    def _review_article(self, _shown: int | None = None) -> None:
        """Show the review of the article on screen (also the slot of article_shown)."""
        current = self.review.article.id if self.review.article is not None else None
        self.review_panel.set_article(self.store, current, self.settings.user_name())
        state = self.review_panel.state
        if state is not None and state.undecided and self._review_mode:
            self.review_panel.step(True)  # in review mode, go to the first open question

    def _on_layers_changed(self, hidden: set[str], by_annotator: bool) -> None:
        self.review.set_layers(hidden, self.review_panel.colour_of if by_annotator else None)

    def _on_review_decided(self) -> None:
        self.review.refresh()
        self.refresh_articles()

    def _step_disagreement(self, forward: bool) -> None:
        if not self.review_panel.step(forward):
            self.statusBar().showMessage("No disagreements in this article", 3000)

    # -- dropping files --------------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.store is not None and _dropped_files(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = _dropped_files(event.mimeData())
        if paths:
            event.acceptProposedAction()
            self.import_paths(paths)

    # -- background work -------------------------------------------------------------------------

    def is_busy(self) -> bool:
        """True while suggestions are being computed (the screenshot mode waits for this)."""
        return self.suggestions.busy

    def _on_model_loading(self, name: str) -> None:
        self.busy_label.setText(f"Loading {name}…" if name else "Preparing suggestions…")

    def _on_busy_changed(self, pending: int) -> None:
        busy = self.suggestions.busy
        if busy and pending:
            self.busy_label.setText(f"Suggesting entities ({pending} queued)…")
        self.busy_label.setVisible(busy)
        self.busy_bar.setVisible(busy)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._raise_annotations_on_show:
            self._raise_annotations_on_show = False
            (self.review_dock if self._review_mode else self.annotations_dock).raise_()

    # -- closing ---------------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.remember_layout:
            self.settings.set_window_state("geometry", self.saveGeometry())
            self.settings.set_window_state("splitter", self.splitter.saveState())
            self.settings.set_window_state("state", self.saveState())
            self.settings.sync()
        self.suggestions.shutdown()
        self.review.set_store(None)
        self.search.set_store(None)
        self.sources.set_store(None)
        if self.store is not None:
            self.store.close()
            self.store = None
        super().closeEvent(event)


def _dropped_files(mime: QMimeData) -> list[Path]:
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]


#: Up to this many records left out by an import are listed in the message itself.
_LISTED_INLINE = 5


def import_summary(report: ImportReport) -> str:
    """One status-bar line: what came in, what was already there, what was skipped."""
    parts = [f"Imported {report.added_count} article(s)"]
    duplicates = sum(len(result.duplicates) for result in report.files)
    merged = sum(result.merged for result in report.files)
    skipped = sum(len(result.skipped) for result in report.files)
    if duplicates:
        parts.append(f"{duplicates} already in the project")
    if merged:
        parts.append(f"{merged} annotation(s) added to them")
    if skipped:
        parts.append(f"{skipped} record(s) skipped")
    if report.failed:
        parts.append(f"{len(report.failed)} file(s) failed")
    return ", ".join(parts)
