"""Every action of the main window, declared once and looked up by id (menus, tests, shortcuts)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum, auto

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget


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


@dataclass(frozen=True)
class ActionSpec:
    text: str
    tip: str
    shortcut: QKeySequence.StandardKey | str | None = None
    alternatives: tuple[str, ...] = ()


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
        "Next &Disagreement", "Select the next place where annotators differ", "]"
    ),
    ActionId.PREVIOUS_DISAGREEMENT: ActionSpec(
        "Previous Disagreement", "Select the previous place where annotators differ", "["
    ),
    ActionId.SET_NAME: ActionSpec(
        "Your &Name…", "The name your annotations and review decisions are recorded under"
    ),
    ActionId.EXPORT: ActionSpec(
        "&Export…", "Write the project as JSONL, a spaCy DocBin, CSV or ClaimReview", "Ctrl+E"
    ),
    ActionId.QUIT: ActionSpec("&Quit", "Quit annotator", QKeySequence.StandardKey.Quit),
    ActionId.ABOUT: ActionSpec("&About annotator", "Version and credits"),
    ActionId.NEXT_SUGGESTION: ActionSpec("&Next Suggestion", "Select the next suggestion", "N"),
    ActionId.PREVIOUS_SUGGESTION: ActionSpec(
        "&Previous Suggestion", "Select the previous suggestion", "P"
    ),
    ActionId.ACCEPT: ActionSpec(
        "&Accept", "Accept the highlighted span under the cursor", "A", ("Return",)
    ),
    ActionId.REJECT: ActionSpec(
        "Re&ject", "Reject the highlighted span under the cursor", "X", ("Delete",)
    ),
    ActionId.RELABEL: ActionSpec("Re&label…", "Give the span under the cursor another label", "L"),
    ActionId.ACCEPT_ALL: ActionSpec(
        "Accept All Suggestions", "Accept every suggestion shown in this article", "Shift+A"
    ),
    ActionId.REJECT_ALL: ActionSpec(
        "Reject All Suggestions", "Reject every suggestion shown in this article", "Shift+X"
    ),
    ActionId.ADD_ENTITY: ActionSpec(
        "Tag &Entity…", "Tag the selected words as an entity (snaps to whole words)", "E"
    ),
    ActionId.ADD_ENTITY_EXACT: ActionSpec(
        "Tag Entity, Exact Characters…", "Tag exactly the selected characters", "Shift+E"
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
        "Tag &Claim", "Tag the selection as a claim (Shift: exact characters)", "C", ("Shift+C",)
    ),
    ActionId.TAG_QUOTE: ActionSpec(
        "Tag &Quote", "Tag the selection as a quote (Shift: exact characters)", "Q", ("Shift+Q",)
    ),
    ActionId.TAG_SOURCE: ActionSpec(
        "Tag &Source", "Tag the selection as a source (Shift: exact characters)", "S", ("Shift+S",)
    ),
    ActionId.ATTRIBUTE: ActionSpec(
        "Attribute to &Source…",
        "Link the quote or claim under the cursor to the source who made it (or Ctrl-drag)",
        "W",
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


def create_actions(parent: QWidget) -> dict[ActionId, QAction]:
    actions: dict[ActionId, QAction] = {}
    for action_id, spec in SPECS.items():
        action = QAction(spec.text, parent)
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
