"""The label legend: each label's colour and count, with a checkbox that shows or hides it."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from annotator.ui.palette import is_dark, line_color

LABEL_ROLE = Qt.ItemDataRole.UserRole + 1


def swatch(color: QColor, size: int = 14) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(color.darker(140))
    painter.setBrush(color)
    painter.drawRoundedRect(1, 1, size - 2, size - 2, 3, 3)
    painter.end()
    return QIcon(pixmap)


class Legend(QListWidget):
    """Lists the labels in the current article; unchecking one hides its highlights."""

    hidden_changed = Signal(set)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Label legend")
        self.setToolTip("Label colours; untick a label to hide its highlights")
        self.hidden: set[str] = set()
        self.itemChanged.connect(self._on_item_changed)

    def set_counts(self, counts: dict[str, int]) -> None:
        """Show these labels (label -> visible annotations), most frequent first."""
        self.blockSignals(True)
        self.clear()
        dark = is_dark(self.palette())
        for label, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
            # The colour of the label's lines in the text, legible on this background.
            item = QListWidgetItem(swatch(line_color(label, dark=dark)), f"{label}  {count}")
            item.setData(LABEL_ROLE, label)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Unchecked if label in self.hidden else Qt.CheckState.Checked
            )
            self.addItem(item)
        self.blockSignals(False)

    def set_hidden(self, hidden: set[str]) -> None:
        self.hidden = set(hidden)
        self.blockSignals(True)
        for row in range(self.count()):
            item = self.item(row)
            hide = item.data(LABEL_ROLE) in self.hidden
            item.setCheckState(Qt.CheckState.Unchecked if hide else Qt.CheckState.Checked)
        self.blockSignals(False)

    def changeEvent(self, event: QEvent) -> None:
        """A switch between light and dark themes redraws the swatches for the new background."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            dark = is_dark(self.palette())
            self.blockSignals(True)
            for row in range(self.count()):
                item = self.item(row)
                item.setIcon(swatch(line_color(item.data(LABEL_ROLE), dark=dark)))
            self.blockSignals(False)

    def _on_item_changed(self, item: QListWidgetItem) -> None:
        label = item.data(LABEL_ROLE)
        if item.checkState() == Qt.CheckState.Checked:
            self.hidden.discard(label)
        else:
            self.hidden.add(label)
        self.hidden_changed.emit(set(self.hidden))
