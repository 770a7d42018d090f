"""Every action of the main window, declared once and looked up by id (menus, tests, shortcuts)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import Enum, auto
from typing import Any

from PySide6.QtCore import QEvent, QKeyCombination, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QShortcutEvent
from PySide6.QtWidgets import QApplication, QWidget


class ActionId(Enum):
    NEW_PROJECT = auto()
    OPEN_PROJECT = auto()
    IMPORT_ARTICLES = auto()
    EXPORT = auto()
    REVIEW_COLLEAGUE = auto()
    AGREEMENT = auto()
    NEXT_DISAGREEMENT = auto()
    PREVIOUS_DISAGREEMENT = auto()
    SET_NAME = auto()
    QUIT = auto()
    ABOUT = auto()
    NEXT_SUGGESTION = auto()
    PREVIOUS_SUGGESTION = auto()
    ACCEPT = auto()
    REJECT = auto()
    RELABEL = auto()
    ACCEPT_ALL = auto()
    REJECT_ALL = auto()
    ADD_ENTITY = auto()
    ADD_ENTITY_EXACT = auto()
    RECOMPUTE = auto()
    CHOOSE_MODEL = auto()
    TAG_CLAIM = auto()
    TAG_QUOTE = auto()
    TAG_SOURCE = auto()
    ATTRIBUTE = auto()
    SHORTCUTS = auto()
    SEARCH = auto()
    THRESHOLD = auto()
    SOURCES = auto()
    FOCUS_ARTICLES = auto()
    FOCUS_TEXT = auto()
    FOCUS_DETAILS = auto()
    FOCUS_ANNOTATIONS = auto()


#: The actions that change the project: off while a read-only project file is open.
WRITING_ACTIONS = (
    ActionId.IMPORT_ARTICLES,
    ActionId.REVIEW_COLLEAGUE,
    ActionId.ACCEPT,
    ActionId.REJECT,
    ActionId.RELABEL,
    ActionId.ACCEPT_ALL,
    ActionId.REJECT_ALL,
    ActionId.ADD_ENTITY,
    ActionId.ADD_ENTITY_EXACT,
    ActionId.RECOMPUTE,
    ActionId.CHOOSE_MODEL,
    ActionId.TAG_CLAIM,
    ActionId.TAG_QUOTE,
    ActionId.TAG_SOURCE,
    ActionId.ATTRIBUTE,
)


class KeyScope(Enum):
    """Where an action's keys work; its menu item, toolbar button and context-menu entry work
    from anywhere.

    Keys without Ctrl (letters, Return, Delete, brackets) belong to the widget with the focus,
    as in every desktop program: a text field types them, a list jumps to the row whose first
    letter was typed, Return runs a search or opens a row. So the review and tagging keys work
    only while the article text has the focus: the span they act on is the one under the text
    cursor, which the user sees only there. The article list is left out on purpose: there a
    letter finds a title and Return opens the article in the text, where the keys then work;
    N or A in the list would act on a cursor the user is not looking at. The disagreement keys
    also work in the Review panel, whose list they step through. Ctrl combinations, function
    keys and undo/redo stay window-wide (a text field still takes Ctrl+Z for its own typing).
    """

    WINDOW = auto()
    ARTICLE = auto()
    REVIEW = auto()


@dataclass(frozen=True)
class ActionSpec:
    text: str
    tip: str
    shortcut: QKeySequence.StandardKey | str | None = None
    alternatives: tuple[str, ...] = ()
    scope: KeyScope = KeyScope.WINDOW


SPECS: dict[ActionId, ActionSpec] = {
    ActionId.NEW_PROJECT: ActionSpec(
        "&New Project…", "Create an empty project file", QKeySequence.StandardKey.New
    ),
    ActionId.OPEN_PROJECT: ActionSpec(
        "&Open Project…", "Open a project file", QKeySequence.StandardKey.Open
    ),
    ActionId.IMPORT_ARTICLES: ActionSpec(
        "&Import Articles…",
        "Import text, Markdown, web pages, Word documents, JSONL (annotator, Prodigy, doccano) "
        "or Label Studio files; or drop files on the window",
        "Ctrl+I",
    ),
    ActionId.REVIEW_COLLEAGUE: ActionSpec(
        "Review &Colleague's Work…",
        "Bring in a colleague's project file or exported JSONL (never modified) to compare "
        "and decide",
    ),
    ActionId.AGREEMENT: ActionSpec(
        "&Agreement…", "Span F1, Cohen's kappa and Krippendorff's alpha between the annotators"
    ),
    ActionId.NEXT_DISAGREEMENT: ActionSpec(
        "Next &Disagreement",
        "Select the next place where annotators differ",
        "]",
        scope=KeyScope.REVIEW,
    ),
    ActionId.PREVIOUS_DISAGREEMENT: ActionSpec(
        "Previous Disagreement",
        "Select the previous place where annotators differ",
        "[",
        scope=KeyScope.REVIEW,
    ),
    ActionId.SET_NAME: ActionSpec(
        "Your &Name…", "The name your annotations and review decisions are recorded under"
    ),
    ActionId.EXPORT: ActionSpec(
        "&Export…", "Write the project as JSONL, a spaCy DocBin, CSV or ClaimReview", "Ctrl+E"
    ),
    ActionId.QUIT: ActionSpec("&Quit", "Quit annotator", QKeySequence.StandardKey.Quit),
    ActionId.ABOUT: ActionSpec("&About annotator", "Version and credits"),
    ActionId.NEXT_SUGGESTION: ActionSpec(
        "&Next Suggestion", "Select the next suggestion", "N", scope=KeyScope.ARTICLE
    ),
    ActionId.PREVIOUS_SUGGESTION: ActionSpec(
        "&Previous Suggestion",
        "Select the previous suggestion",
        "P",
        scope=KeyScope.ARTICLE,
    ),
    ActionId.ACCEPT: ActionSpec(
        "&Accept",
        "Accept the highlighted span under the cursor",
        "A",
        ("Return",),
        scope=KeyScope.ARTICLE,
    ),
    ActionId.REJECT: ActionSpec(
        "Re&ject",
        "Reject the highlighted span under the cursor",
        "X",
        ("Delete",),
        scope=KeyScope.ARTICLE,
    ),
    ActionId.RELABEL: ActionSpec(
        "Re&label…", "Give the span under the cursor another label", "L", scope=KeyScope.ARTICLE
    ),
    ActionId.ACCEPT_ALL: ActionSpec(
        "Accept All Suggestions",
        "Accept every suggestion shown in this article",
        "Shift+A",
        scope=KeyScope.ARTICLE,
    ),
    ActionId.REJECT_ALL: ActionSpec(
        "Reject All Suggestions",
        "Reject every suggestion shown in this article",
        "Shift+X",
        scope=KeyScope.ARTICLE,
    ),
    ActionId.ADD_ENTITY: ActionSpec(
        "Tag &Entity…",
        "Tag the selected words as an entity (snaps to whole words)",
        "E",
        scope=KeyScope.ARTICLE,
    ),
    ActionId.ADD_ENTITY_EXACT: ActionSpec(
        "Tag Entity, Exact Characters…",
        "Tag exactly the selected characters",
        "Shift+E",
        scope=KeyScope.ARTICLE,
    ),
    ActionId.RECOMPUTE: ActionSpec(
        "&Recompute Suggestions", "Run the model on this article again", "Ctrl+R"
    ),
    ActionId.CHOOSE_MODEL: ActionSpec(
        "Suggestion &Model…", "Choose the spaCy pipeline that suggests entities"
    ),
    ActionId.THRESHOLD: ActionSpec(
        "Suggestion &Threshold…", "Hide quote, source and claim suggestions below a confidence"
    ),
    ActionId.TAG_CLAIM: ActionSpec(
        "Tag &Claim",
        "Tag the selection as a claim (Shift: exact characters)",
        "C",
        ("Shift+C",),
        scope=KeyScope.ARTICLE,
    ),
    ActionId.TAG_QUOTE: ActionSpec(
        "Tag &Quote",
        "Tag the selection as a quote (Shift: exact characters)",
        "Q",
        ("Shift+Q",),
        scope=KeyScope.ARTICLE,
    ),
    ActionId.TAG_SOURCE: ActionSpec(
        "Tag &Source",
        "Tag the selection as a source (Shift: exact characters)",
        "S",
        ("Shift+S",),
        scope=KeyScope.ARTICLE,
    ),
    ActionId.ATTRIBUTE: ActionSpec(
        "Attribute to &Source…",
        "Link the quote or claim under the cursor to the source who made it (or Ctrl-drag)",
        "W",
        scope=KeyScope.ARTICLE,
    ),
    ActionId.SEARCH: ActionSpec(
        "&Search Project…",
        "Search every article's text and every note",
        QKeySequence.StandardKey.Find,
    ),
    ActionId.SOURCES: ActionSpec(
        "Sources &Across the Project",
        "Each source with everything attributed to it",
        "Ctrl+Shift+S",
    ),
    ActionId.FOCUS_ARTICLES: ActionSpec(
        "Go to Article List", "Move the focus to the articles", "Ctrl+1"
    ),
    ActionId.FOCUS_TEXT: ActionSpec("Go to Text", "Move the focus to the article text", "Ctrl+2"),
    ActionId.FOCUS_DETAILS: ActionSpec(
        "Go to Details", "Edit the annotation under the cursor", "Ctrl+3"
    ),
    ActionId.FOCUS_ANNOTATIONS: ActionSpec(
        "Go to Annotations", "Move the focus to the list of annotations", "Ctrl+4"
    ),
    ActionId.SHORTCUTS: ActionSpec(
        "&Keyboard Shortcuts", "Every action and its keys", QKeySequence.StandardKey.HelpContents
    ),
}


class ScopedAction(QAction):
    """An action whose keys work in one place (see KeyScope and scope_keys).

    While a menu or a picker is open, Qt still counts the widget under it as having the focus,
    so a scoped key would act on the article behind the popup: the key goes to the popup
    instead, as it would if it were no shortcut (a menu's mnemonic, a letter typed)."""

    def event(self, event: QEvent) -> bool:
        popup = QApplication.activePopupWidget()
        if popup is None or not isinstance(event, QShortcutEvent):
            return super().event(event)
        sequence: Any = event.key()  # PySide's stubs lack QKeySequence's indexing
        combination: QKeyCombination = sequence[0]
        key, modifiers = combination.key(), combination.keyboardModifiers()
        text = chr(key) if key < Qt.Key.Key_Escape else ""
        shifted = modifiers & Qt.KeyboardModifier.ShiftModifier
        typed = QKeyEvent(
            QEvent.Type.KeyPress, key, modifiers, text.upper() if shifted else text.lower()
        )
        # A key sent to a widget meets the shortcuts again: this one matches nowhere meanwhile.
        context = self.shortcutContext()
        self.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        try:
            QApplication.sendEvent(popup.focusWidget() or popup, typed)
        finally:
            self.setShortcutContext(context)
        return True


def create_actions(parent: QWidget) -> dict[ActionId, QAction]:
    actions: dict[ActionId, QAction] = {}
    for action_id, spec in SPECS.items():
        kind = QAction if spec.scope is KeyScope.WINDOW else ScopedAction
        action = kind(spec.text, parent)
        action.setStatusTip(spec.tip)
        action.setToolTip(spec.tip)
        if isinstance(spec.shortcut, QKeySequence.StandardKey):
            action.setShortcuts(spec.shortcut)
        elif spec.shortcut:
            action.setShortcuts([QKeySequence(key) for key in (spec.shortcut, *spec.alternatives)])
        if action_id is ActionId.QUIT:
            action.setMenuRole(QAction.MenuRole.QuitRole)
        elif action_id is ActionId.ABOUT:
            action.setMenuRole(QAction.MenuRole.AboutRole)
        actions[action_id] = action
    return actions


def scope_keys(
    actions: Mapping[ActionId, QAction], places: Mapping[KeyScope, Sequence[QWidget]]
) -> None:
    """Make the keys of every action not scoped to the WINDOW work only while the focus is in
    one of the widgets `places` gives for its scope (or in a child of one); see KeyScope."""
    for action_id, action in actions.items():
        scope = SPECS[action_id].scope
        if scope is KeyScope.WINDOW:
            continue
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        for widget in places[scope]:
            widget.addAction(action)
