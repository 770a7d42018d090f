"""Review mode: each annotator's layer (shown or hidden, coloured by annotator), the places
where they disagree, and a decision for each: take one version, both, or remove.

The reviewer's own layer is "mine", never a colleague; each place shows what everyone did
there side by side ("Verdict — mine: Mostly true; Dana: False"), and the buttons are the
decisions that place allows (1, 2, 3… press them while the panel has the focus). A decision
that keeps nothing says "Remove", on its button and on the undo stack.

Decisions go into the reviewed layer through review/adjudicate.py; when none is left the
article is marked reviewed. The panel knows nothing of the text view: it says which layers to
show and which range to select, and the main window carries that out.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QIcon, QKeySequence, QPixmap, QShortcut, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from annotator.domain.model import REVIEWED, Annotation, SpanDraft
from annotator.review import adjudicate
from annotator.review.compare import Disagreement
from annotator.store import ProjectStore
from annotator.ui.palette import ANNOTATOR_PREFIX, annotator_key, label_color
from annotator.ui.plain import menu_text, plain_label, tooltip_text

_KEY_ROLE = Qt.ItemDataRole.UserRole + 1
#: Decision buttons that get a number key (1 to 9) while the panel has the focus.
_NUMBERED = 9


def _swatch(key: str) -> QIcon:
    pixmap = QPixmap(12, 12)
    pixmap.fill(QColor(label_color(key)))
    return QIcon(pixmap)


class ReviewPanel(QWidget):
    #: Hidden annotators, and whether spans are coloured by annotator.
    layers_changed = Signal(set, bool)
    #: A range of the text to select (code points).
    show_range = Signal(int, int)
    #: A decision was taken or undone: the article and the list need repainting.
    decided = Signal()
    #: The undecided places of the article shown, [start, end) in code points, to mark.
    open_places = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store: ProjectStore | None = None
        self.article_id: int | None = None
        self.reviewer: str | None = None
        self.state: adjudicate.ArticleReviewState | None = None
        self._layer_boxes: dict[str, QCheckBox] = {}
        #: A read-only project can be compared (layers, disagreements) but not decided.
        self._read_only = False

        self.progress = plain_label()  # names colleagues, whatever they wrote as their name
        self.progress.setWordWrap(True)
        self.by_annotator = QCheckBox("Colour spans by annotator")
        self.by_annotator.toggled.connect(self._emit_layers)
        self.layers = QHBoxLayout()
        self.list = QListWidget()
        self.list.currentItemChanged.connect(self._on_current)
        self.list.setWordWrap(True)
        self.buttons = QHBoxLayout()
        self.choice_buttons: dict[str, QPushButton] = {}
        for number in range(1, _NUMBERED + 1):
            key = QShortcut(QKeySequence(str(number)), self)
            key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            key.activated.connect(lambda n=number: self._press(n))
        self.undo_button = QPushButton("Undo Decision")
        self.undo_button.clicked.connect(self._undo)
        self.edit_button = QPushButton("Use My Selection")
        self.edit_button.setToolTip(
            "Keep neither version as it is: select the right words in the text, then press this"
        )
        self.edit_button.clicked.connect(self._use_selection)
        #: Where the reviewer's own span comes from (the text view's selection, in code points).
        self.selection: Callable[[], tuple[int, int] | None] = lambda: None
        #: The window's undo stack: decisions are undone with the rest of the editing.
        self.undo_stack: QUndoStack | None = None

        layout = QVBoxLayout(self)
        layout.addWidget(self.progress)
        layout.addLayout(self.layers)
        layout.addWidget(self.by_annotator)
        layout.addWidget(QLabel("Disagreements (] next, [ previous):"))
        layout.addWidget(self.list, 1)
        layout.addLayout(self.buttons)
        more = QHBoxLayout()
        more.addWidget(self.edit_button)
        more.addWidget(self.undo_button)
        layout.addLayout(more)
        self._show_nothing()

    # -- what is shown ---------------------------------------------------------------------------

    def set_article(
        self, store: ProjectStore | None, article_id: int | None, reviewer: str
    ) -> None:
        self.store, self.article_id, self.reviewer = store, article_id, reviewer
        self.reload()

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self._fill_buttons()

    def reload(self) -> None:
        if self.store is None or self.article_id is None:
            self._show_nothing()
            return
        self.state = adjudicate.state(self.store, self.article_id, me=self.reviewer)
        self._fill_layers()
        self._fill_list()
        self._fill_buttons()
        self._update_progress()
        self.open_places.emit([(d.start, d.end) for d in self.state.undecided])

    def _show_nothing(self) -> None:
        self.state = None
        self.list.clear()
        self.open_places.emit([])
        self.progress.setText(
            "Bring in a colleague's work with File ▸ Review Colleague's Work… to compare it "
            "with yours here."
        )
        self._fill_buttons()

    def _fill_layers(self) -> None:
        assert self.state is not None
        hidden = {name for name, box in self._layer_boxes.items() if not box.isChecked()}
        _empty(self.layers)
        self._layer_boxes = {}
        for name in (*self.state.annotators, REVIEWED):
            mine = name == self.reviewer
            box = QCheckBox(menu_text(f"Mine ({name})" if mine else name))
            box.setIcon(_swatch(self.colour_key(name)))
            box.setChecked(name not in hidden)
            whose = "your own" if mine else f"{name}'s"
            box.setToolTip(tooltip_text(f"Show {whose} annotations"))
            box.toggled.connect(self._emit_layers)
            self.layers.addWidget(box)
            self._layer_boxes[name] = box
        self.layers.addStretch(1)

    def colour_key(self, annotator: str | None) -> str:
        names = self.state.annotators if self.state else ()
        if annotator in names:
            return annotator_key(names.index(annotator))
        return f"{ANNOTATOR_PREFIX}{REVIEWED}"

    def colour_of(self, annotation: Annotation) -> str:
        return self.colour_key(annotation.annotator)

    def _emit_layers(self) -> None:
        hidden = {name for name, box in self._layer_boxes.items() if not box.isChecked()}
        self.layers_changed.emit(hidden, self.by_annotator.isChecked())

    def _fill_list(self) -> None:
        assert self.state is not None
        current = self.current_key()
        self.list.blockSignals(True)
        self.list.clear()
        for disagreement in self.state.disagreements:
            decision = self.state.decisions.get(disagreement.key)
            mark = "✓ " if decision else "• "
            lines = disagreement.lines(self.reviewer)
            item = QListWidgetItem(mark + "\n    ".join(lines))
            item.setData(_KEY_ROLE, disagreement.key)
            tip = disagreement.kind.description
            if decision:
                what = adjudicate.decision_text(disagreement, decision.choice, self.reviewer)
                tip += f"\nDecided: {what} by {decision.decided_by or 'someone'}"
                tip += f" at {decision.decided_at[:16].replace('T', ' ')}"
            item.setToolTip(tooltip_text(tip))
            self.list.addItem(item)
            if disagreement.key == current:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)

    def _fill_buttons(self) -> None:
        """The decisions the current place allows, numbered: a removal reads "Remove"."""
        _empty(self.buttons)
        current = self.current()
        can_decide = current is not None and not self._read_only
        options = adjudicate.options(current, self.reviewer) if current is not None else []
        self.choice_buttons = {}
        for number, option in enumerate(options, start=1):
            key = f"&{number} " if number <= _NUMBERED else ""
            button = QPushButton(key + menu_text(option.text))
            button.setToolTip(tooltip_text(option.tip))
            button.clicked.connect(lambda _=False, c=option.choice: self.decide(c))
            button.setEnabled(can_decide)
            self.buttons.addWidget(button)
            self.choice_buttons[option.choice] = button
        self.undo_button.setEnabled(can_decide)
        self.edit_button.setEnabled(can_decide)

    def _press(self, number: int) -> None:
        buttons = list(self.choice_buttons.values())
        if number <= len(buttons) and buttons[number - 1].isEnabled():
            buttons[number - 1].click()

    def _update_progress(self) -> None:
        assert self.state is not None
        total = len(self.state.disagreements)
        left = len(self.state.undecided)
        names = _joined(["you" if n == self.reviewer else n for n in self.state.annotators])
        if len(self.state.annotators) < 2:
            text = f"Annotations by {names}: nothing to compare yet."
        elif self.state.reviewed:
            text = f"Reviewed: {total} disagreement(s) decided between {names}."
        else:
            text = f"{total - left} of {total} disagreement(s) decided between {names}."
        self.progress.setText(text)

    # -- moving and deciding ---------------------------------------------------------------------

    def current(self) -> Disagreement | None:
        key = self.current_key()
        if self.state is None or key is None:
            return None
        return next((d for d in self.state.disagreements if d.key == key), None)

    def current_key(self) -> str | None:
        item = self.list.currentItem()
        key = item.data(_KEY_ROLE) if item is not None else None
        return key if isinstance(key, str) else None

    def _on_current(self, item: QListWidgetItem | None) -> None:
        disagreement = self.current()
        self._fill_buttons()
        if item is not None and disagreement is not None:
            self.show_range.emit(disagreement.start, disagreement.end)

    def step(self, forward: bool) -> bool:
        """Select the next (or previous) disagreement, undecided ones first; False if none."""
        if self.state is None or not self.state.disagreements:
            return False
        keys = [d.key for d in self.state.disagreements]
        undecided = {d.key for d in self.state.undecided}
        count = len(keys)
        key = self.current_key()
        here = keys.index(key) if key is not None and key in keys else None
        start = here if here is not None else (-1 if forward else count)
        sign = 1 if forward else -1
        order = [keys[(start + sign * step) % count] for step in range(1, count + 1)]
        target = next((k for k in order if k in undecided), order[0])
        self.list.setCurrentRow(keys.index(target))
        return True

    def decide(self, choice: str, edited: list[SpanDraft] | None = None) -> None:
        disagreement = self.current()
        if self.store is None or self.article_id is None or disagreement is None:
            return
        if self._read_only:
            return
        self._push(DecisionCommand(self, self.article_id, disagreement, (choice, edited)))
        self.step(True)

    def _push(self, command: DecisionCommand) -> None:
        """Through the window's undo stack when there is one, so Ctrl+Z takes it back."""
        if self.undo_stack is not None:
            self.undo_stack.push(command)
        else:
            command.redo()

    def after_change(self, article_id: int) -> None:
        """A decision was taken or undone on `article_id`: finish the article if nothing is
        left, and show the result."""
        if self.store is None:
            return
        adjudicate.finish(self.store, article_id, self.reviewer)
        if article_id == self.article_id:
            self.reload()
        self.decided.emit()

    def _use_selection(self) -> None:
        """The "edit" decision: the selected words, with the label the versions share (the
        first version's when they differ)."""
        disagreement = self.current()
        chosen = self.selection()
        if disagreement is None or chosen is None or not disagreement.versions:
            return
        model = disagreement.versions[0].annotation
        span = SpanDraft(*chosen, model.label, model.kind, attrs=dict(model.attrs))
        self.decide("edit", [span])

    def _undo(self) -> None:
        disagreement = self.current()
        if self.store is None or self.article_id is None or disagreement is None:
            return
        if adjudicate.decision_of(self.store.decisions(self.article_id), disagreement):
            self._push(DecisionCommand(self, self.article_id, disagreement, None))


class DecisionCommand(QUndoCommand):
    """Decide a disagreement (`new` = (choice, edited spans)) or take the decision back
    (`new` = None); undo puts back whatever decision there was before."""

    def __init__(
        self,
        panel: ReviewPanel,
        article_id: int,
        disagreement: Disagreement,
        new: tuple[str, list[SpanDraft] | None] | None,
    ) -> None:
        what = (
            adjudicate.decision_text(disagreement, new[0], panel.reviewer)
            if new
            else f"take back the decision on {adjudicate.place_name(disagreement)}"
        )
        super().__init__(f"Review: {what}")
        assert panel.store is not None
        self._panel, self._store, self._article_id = panel, panel.store, article_id
        self._disagreement, self._new = disagreement, new
        before = adjudicate.decision_of(self._store.decisions(article_id), disagreement)
        self._before: tuple[str, str | None, list[SpanDraft] | None] | None = None
        if before is not None:
            kept = [self._store.annotation(i).draft() for i in before.annotation_ids]
            self._before = (
                before.choice,
                before.decided_by,
                kept if before.choice == "edit" else None,
            )

    def redo(self) -> None:
        self._apply(self._new and (self._new[0], self._panel.reviewer, self._new[1]))

    def undo(self) -> None:
        self._apply(self._before)

    def _apply(self, decision: tuple[str, str | None, list[SpanDraft] | None] | None) -> None:
        adjudicate.undo(self._store, self._article_id, self._disagreement.key)
        if decision is not None:
            choice, who, edited = decision
            adjudicate.decide(
                self._store, self._article_id, self._disagreement, choice, who, edited
            )
        self._panel.after_change(self._article_id)


def _joined(names: list[str]) -> str:
    """ "you, Ben and Dana": the names as a sentence says them."""
    if len(names) < 2:
        return "".join(names) or "nobody"
    return f"{', '.join(names[:-1])} and {names[-1]}"


def _empty(layout: QLayout) -> None:
    """Take every item out of a layout, deleting its widgets."""
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget() if item is not None else None
        if widget is not None:
            widget.deleteLater()
