"""Every modal dialog the main window opens, behind a small function tests can replace."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from annotator.app.importing import IMPORT_PATTERNS
from annotator.domain.labels import ENTITY_LABEL_DESCRIPTIONS
from annotator.store import PROJECT_SUFFIX
from annotator.ui.pickers import Choice, pick
from annotator.ui.plain import window_title
from annotator.ui.shortcut_sheet import Group, ShortcutSheet

PROJECT_FILTER = f"Annotator projects (*{PROJECT_SUFFIX});;All files (*)"


def ask_new_project_path(parent: QWidget, start: Path) -> Path | None:
    name, _ = QFileDialog.getSaveFileName(
        parent, "New project", str(start / f"untitled{PROJECT_SUFFIX}"), PROJECT_FILTER
    )
    if not name:
        return None
    path = Path(name)
    return path if path.suffix else path.with_suffix(PROJECT_SUFFIX)


def ask_open_project_path(parent: QWidget, start: Path) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(parent, "Open project", str(start), PROJECT_FILTER)
    return Path(name) if name else None


def ask_import_files(parent: QWidget, start: Path) -> list[Path]:
    patterns = " ".join(IMPORT_PATTERNS)
    names, _ = QFileDialog.getOpenFileNames(
        parent, "Import articles", str(start), f"Articles ({patterns});;All files (*)"
    )
    return [Path(name) for name in names]


def _box(
    parent: QWidget,
    icon: QMessageBox.Icon,
    title: str,
    message: str,
    buttons: QMessageBox.StandardButton,
    details: str = "",
) -> QMessageBox:
    """A message box whose text is never read as HTML: messages quote file names and errors."""
    box = QMessageBox(icon, window_title(title), message, buttons, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    if details:
        box.setDetailedText(details)
    return box


def show_error(parent: QWidget, title: str, message: str, details: str = "") -> None:
    ok = QMessageBox.StandardButton.Ok
    _box(parent, QMessageBox.Icon.Warning, title, message, ok, details).exec()


def ask_error_action(parent: QWidget, title: str, message: str, details: str, action: str) -> bool:
    """A warning that offers one way on (e.g. "Import Valid Records"); True if it was taken."""
    none = QMessageBox.StandardButton.NoButton
    box = _box(parent, QMessageBox.Icon.Warning, title, message, none, details)
    accept = box.addButton(action, QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is accept


def show_info(parent: QWidget, title: str, message: str, details: str = "") -> None:
    ok = QMessageBox.StandardButton.Ok
    _box(parent, QMessageBox.Icon.Information, title, message, ok, details).exec()


def show_about(parent: QWidget, version: str) -> None:
    QMessageBox.about(
        parent,
        "About annotator",
        f"<b>annotator</b> {version}<br>Annotate news articles: entities, claims, quotes "
        "and the sources behind them.",
    )


def choose_label(parent: QWidget, labels: list[str], at: QPoint, title: str) -> str | None:
    """A label picker at `at`: type to filter (by name or what the label is for) or a number.
    None if dismissed."""
    from annotator.ui.legend import swatch
    from annotator.ui.palette import is_dark, line_color

    dark = is_dark(parent.palette())
    choices = [
        Choice(
            label,
            label,
            ENTITY_LABEL_DESCRIPTIONS.get(label, ""),
            swatch(line_color(label, dark=dark)),
        )
        for label in labels
    ]
    return pick(parent, title, choices, at)


def choose_pipeline(
    parent: QWidget, names: list[str], labels: list[str], current: str | None
) -> str | None:
    """Ask which installed spaCy pipeline the project should use; None if cancelled."""
    if not names:
        show_error(parent, "No spaCy pipeline", "No spaCy pipeline is installed.")
        return None
    index = names.index(current) if current in names else 0
    choice, ok = QInputDialog.getItem(
        parent,
        "Suggestion model",
        "spaCy pipeline for this project's entity suggestions:",
        labels,
        index,
        False,
    )
    return names[labels.index(choice)] if ok else None


#: choose_source's answer when the user picks "No source": remove the attribution.
NO_SOURCE = 0


def choose_source(
    parent: QWidget, sources: list[Choice[int]], at: QPoint, current: set[int]
) -> int | None:
    """The source picker: the article's sources once each (an annotation id to link, a group's
    mentions under it), filtered as the user types. Returns an id, NO_SOURCE to unlink, or
    None if dismissed."""
    choices = list(sources)
    if current:
        choices.append(Choice(NO_SOURCE, "No source", "remove the link", key="0"))
    return pick(parent, "Said by", choices, at)


def show_shortcuts(parent: QWidget, groups: list[Group]) -> None:
    """The cheat sheet: every key, grouped by menu, filtered as the user types."""
    ShortcutSheet(parent, groups).exec()


def ask_threshold(parent: QWidget, current: float) -> float | None:
    """The confidence below which suggestions are hidden, 0 to 1; None if cancelled."""
    value, ok = QInputDialog.getDouble(
        parent,
        "Suggestion threshold",
        "Show quote, source and claim suggestions with a confidence of at least:",
        current,
        0.0,
        1.0,
        2,
    )
    return value if ok else None


def ask_colleague_file(parent: QWidget, start: Path) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(
        parent,
        "Review a colleague's work",
        str(start),
        "Their project or export (*.annotator *.jsonl);;All files (*)",
    )
    return Path(name) if name else None


def confirm(parent: QWidget, title: str, message: str) -> bool:
    yes, no = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No
    box = _box(parent, QMessageBox.Icon.Question, title, message, yes | no)
    box.exec()
    return box.clickedButton() is box.button(yes)


def show_text(parent: QWidget, title: str, text: str) -> None:
    """A table of figures in a fixed-width font, which the user can select and copy."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    view = QPlainTextEdit(text)
    view.setReadOnly(True)
    view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
    view.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(view)
    layout.addWidget(buttons)
    dialog.resize(760, 480)
    dialog.exec()


def ask_user_name(parent: QWidget | None, current: str) -> str | None:
    """The name annotations are recorded under; None if cancelled or left empty."""
    name, ok = QInputDialog.getText(
        parent,
        "Your name",
        "Your annotations and review decisions are recorded under this name\n"
        "(colleagues see it when they review your work):",
        text=current,
    )
    name = name.strip()
    return name if ok and name else None


def ask_colleague_name(
    parent: QWidget, file_name: str, default: str, names: list[str], me: str
) -> str | None:
    """Whose work a colleague's file is, when it does not say: a copy of the user's project
    where only verdicts, types or notes changed carries no name but the user's (or it names
    several people). None if cancelled or left empty."""
    dialog = QInputDialog(parent)
    dialog.setWindowTitle("Whose work is this?")
    dialog.setLabelText(
        f"{file_name} does not say whose work it is. Its annotations under your name ({me}) "
        "are its author's version of your work, and come in under the author's name:"
    )
    for label in dialog.findChildren(QLabel):  # a file or a name is shown as written
        label.setTextFormat(Qt.TextFormat.PlainText)
    dialog.setComboBoxEditable(True)
    dialog.setComboBoxItems(list(dict.fromkeys([default, *(n for n in names if n != me)])))
    dialog.setTextValue(default)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.textValue().strip() or None
