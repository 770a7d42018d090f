"""No class of annotator.ui hides a Qt method, signal or property under a name of its own.

`self.actions = {...}` on a QMainWindow replaced QWidget.actions() for every caller, Qt's own
Python-side helpers included, and nothing said so. Every name a Qt subclass defines, or sets
on `self` in any of its methods, is checked against its Qt base; the only names allowed to
match are the Qt virtual functions listed here, which the class overrides on purpose.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
import textwrap

from PySide6.QtCore import QAbstractTableModel, QObject
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QWidget

import annotator.ui

#: Qt virtual functions a class may override: Qt itself calls them, so that is the point.
VIRTUALS = frozenset(
    {
        # QObject and QWidget events
        "event",
        "eventFilter",
        "closeEvent",
        "contextMenuEvent",
        "dragEnterEvent",
        "dragMoveEvent",
        "dropEvent",
        "focusInEvent",
        "focusOutEvent",
        "keyPressEvent",
        "keyReleaseEvent",
        "mouseMoveEvent",
        "mousePressEvent",
        "mouseReleaseEvent",
        "mouseDoubleClickEvent",
        "paintEvent",
        "resizeEvent",
        "showEvent",
        "hideEvent",
        "changeEvent",
        "wheelEvent",
        "timerEvent",
        "sizeHint",
        "minimumSizeHint",
        # item models and proxies
        "data",
        "setData",
        "flags",
        "headerData",
        "rowCount",
        "columnCount",
        "index",
        "parent",
        "hasChildren",
        "filterAcceptsRow",
        "lessThan",
        # undo commands
        "redo",
        "undo",
        "id",
        "mergeWith",
    }
)

#: Non-virtual Qt methods a class re-implements on purpose, with the reason it is safe: only
#: Python code calls them on this class, never Qt.
INTERCEPTED = {
    # Every command of the app is pushed from Python; a read-only project refuses them all.
    "ProjectUndoStack": frozenset({"push", "beginMacro", "endMacro"}),
}


def qt_base(cls: type) -> type | None:
    return next((c for c in cls.__mro__ if c.__module__.startswith("PySide6.")), None)


def own_names(cls: type) -> tuple[set[str], set[str]]:
    """(names defined in the class body, names assigned to `self.` in its methods)."""
    defined = {name for name in vars(cls) if not name.startswith("__")}
    defined.discard("staticMetaObject")  # PySide6 makes one for every subclass
    tree = ast.parse(textwrap.dedent(inspect.getsource(cls)))
    assigned = {
        node.attr
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and isinstance(node.ctx, ast.Store)
        and isinstance(node.value, ast.Name)
        and node.value.id == "self"
    }
    return defined, assigned


def shadowed(cls: type) -> list[str]:
    """What `cls` hides of its Qt base, as 'Class.name (how)'."""
    base = qt_base(cls)
    if base is None:
        return []
    defined, assigned = own_names(cls)
    allowed = INTERCEPTED.get(cls.__name__, frozenset())
    found = [f"{cls.__name__}.{name} (set on self)" for name in assigned if hasattr(base, name)]
    for name in defined:
        if not hasattr(base, name):
            continue
        overridden = inspect.isfunction(vars(cls)[name]) and callable(getattr(base, name))
        if not (overridden and (name in VIRTUALS or name in allowed)):
            found.append(f"{cls.__name__}.{name} (hides {base.__name__}.{name})")
    return sorted(found)


def ui_classes() -> list[type]:
    classes = []
    for info in pkgutil.iter_modules(annotator.ui.__path__):
        module = importlib.import_module(f"annotator.ui.{info.name}")
        for value in vars(module).values():
            if inspect.isclass(value) and value.__module__ == module.__name__:
                classes.append(value)
    return classes


def test_no_ui_class_hides_a_qt_name():
    classes = [cls for cls in ui_classes() if qt_base(cls) is not None]
    assert len(classes) > 20  # the walk found the window, panels, models and commands
    assert [problem for cls in classes for problem in shadowed(cls)] == []


def test_intercepted_methods_still_exist_in_their_class():
    """An entry left behind after a rename would allow a future shadow silently."""
    by_name = {cls.__name__: cls for cls in ui_classes()}
    for name, methods in INTERCEPTED.items():
        assert methods <= set(vars(by_name[name])), name


class HidesActions(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.actions = {}  # hides QWidget.actions()
        self.counts = {}

    def window(self) -> str:  # hides QWidget.window()
        return "mine"

    def keyPressEvent(self, event: QKeyEvent) -> None:  # a virtual: fine
        super().keyPressEvent(event)


class HidesAModelMethod(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.index, self.rows = 0, []  # `index` is a virtual method, not a place for a number

    def rowCount(self, parent=None) -> int:
        return len(self.rows)


def test_the_check_finds_names_that_hide_qt_ones():
    assert shadowed(HidesActions) == [
        "HidesActions.actions (set on self)",
        "HidesActions.window (hides QWidget.window)",
    ]
    assert shadowed(HidesAModelMethod) == ["HidesAModelMethod.index (set on self)"]
