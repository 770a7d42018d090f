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
    QUIT = auto()
    ABOUT = auto()


@dataclass(frozen=True)
class ActionSpec:
    text: str
    tip: str
    shortcut: QKeySequence.StandardKey | str | None = None


SPECS: dict[ActionId, ActionSpec] = {
    ActionId.NEW_PROJECT: ActionSpec(
        "&New Project…", "Create an empty project file", QKeySequence.StandardKey.New
    ),
    ActionId.OPEN_PROJECT: ActionSpec(
        "&Open Project…", "Open a project file", QKeySequence.StandardKey.Open
    ),
    ActionId.IMPORT_ARTICLES: ActionSpec(
        "&Import Articles…", "Import .txt, .md or .jsonl files into this project", "Ctrl+I"
    ),
    ActionId.QUIT: ActionSpec("&Quit", "Quit annotator", QKeySequence.StandardKey.Quit),
    ActionId.ABOUT: ActionSpec("&About annotator", "Version and credits"),
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
            action.setShortcut(QKeySequence(spec.shortcut))
        if action_id is ActionId.QUIT:
            action.setMenuRole(QAction.MenuRole.QuitRole)
        elif action_id is ActionId.ABOUT:
            action.setMenuRole(QAction.MenuRole.AboutRole)
        actions[action_id] = action
    return actions
