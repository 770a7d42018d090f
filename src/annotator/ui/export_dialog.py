"""File > Export: which format and which annotations, remembered for next time."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QWidget,
)

from annotator.app.exporting import FORMATS
from annotator.interop.selection import Selection
from annotator.ui.plain import menu_text
from annotator.ui.settings import Settings


class ExportDialog(QDialog):
    def __init__(self, parent: QWidget, settings: Settings) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export")
        self._settings = settings
        choices = settings.export_choices()
        self.format_box = QComboBox()
        for name, (_, _, what, suffix) in FORMATS.items():
            self.format_box.addItem(f"{what} ({suffix})", name)
        self.format_box.setCurrentIndex(max(0, self.format_box.findData(choices["format"])))
        self.suggestions = QCheckBox("Include suggestions nobody has reviewed yet")
        self.suggestions.setChecked(bool(choices["include_suggestions"]))
        self.reviewed = QCheckBox("Only the reviewed result (articles whose review is finished)")
        self.reviewed.setChecked(bool(choices["reviewed_only"]))
        self.mine = QCheckBox(menu_text(f"Only my annotations ({settings.user_name()})"))
        self.mine.setChecked(bool(choices["only_mine"]))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Export…")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow("Format", self.format_box)
        form.addRow(self.suggestions)
        form.addRow(self.reviewed)
        form.addRow(self.mine)
        form.addRow(buttons)

    @property
    def fmt(self) -> str:
        return str(self.format_box.currentData())

    def selection(self) -> Selection:
        return Selection(
            include_suggestions=self.suggestions.isChecked(),
            annotator=self._settings.user_name() if self.mine.isChecked() else None,
            reviewed_only=self.reviewed.isChecked(),
        )

    def remember(self) -> None:
        self._settings.set_export_choices(
            {
                "format": self.fmt,
                "include_suggestions": self.suggestions.isChecked(),
                "reviewed_only": self.reviewed.isChecked(),
                "only_mine": self.mine.isChecked(),
            }
        )


def ask_export(
    parent: QWidget, settings: Settings, start: Path
) -> tuple[Path, str, Selection] | None:
    """The output file, format and selection, or None if the user cancelled."""
    dialog = ExportDialog(parent, settings)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    dialog.remember()
    fmt = dialog.fmt
    suffix = FORMATS[fmt][3]
    name, _ = QFileDialog.getSaveFileName(
        parent, "Export to", str(start.with_suffix(suffix)), f"{FORMATS[fmt][2]} (*{suffix})"
    )
    if not name:
        return None
    out = Path(name)
    if not out.suffix:
        out = out.with_suffix(suffix)
    return out, fmt, dialog.selection()
