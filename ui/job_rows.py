"""How a row of the Jobs list reads in a narrow dock: the name on one line, the state and
the time under it, so neither is cut to "S…" at the dock's default width.

The tree keeps one column per fact (name, state, progress, time, cancel); the state and
time columns are hidden and drawn here, under the name.
"""

from qgis.core import QgsApplication
from qgis.PyQt.QtCore import QRect, QSize, Qt
from qgis.PyQt.QtGui import QColor, QFont, QPalette
from qgis.PyQt.QtWidgets import (
    QProgressBar,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionProgressBar,
    QStyleOptionViewItem,
    QStylePainter,
)

from ..core.i18n import tr

PADDING = 3


class JobRowDelegate(QStyledItemDelegate):
    """Draws the name column as two lines: the job's name, then "state · time"."""

    def __init__(self, state_column: int, time_column: int, parent=None):
        super().__init__(parent)
        self.state_column = state_column
        self.time_column = time_column

    def detail(self, index) -> str:
        state = index.sibling(index.row(), self.state_column).data() or ""
        elapsed = index.sibling(index.row(), self.time_column).data() or ""
        return tr("{} · {}", state, elapsed) if state and elapsed else (state or elapsed)

    def paint(self, painter, option, index):
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        name = opt.text
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else QgsApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        rect = opt.rect.adjusted(PADDING, PADDING, -PADDING, -PADDING)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        group = QPalette.ColorGroup.Normal
        painter.save()
        bold = QFont(opt.font)
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(opt.palette.color(group, QPalette.ColorRole.HighlightedText if selected
                                         else QPalette.ColorRole.Text))
        line = painter.fontMetrics().height()
        top = QRect(rect.left(), rect.top(), rect.width(), line)
        painter.drawText(top, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                         painter.fontMetrics().elidedText(name, Qt.TextElideMode.ElideRight, rect.width()))
        painter.setFont(opt.font)
        if not selected:  # the text colour, lighter, yet darker than disabled text
            colour = QColor(opt.palette.color(group, QPalette.ColorRole.Text))
            colour.setAlpha(170)
            painter.setPen(colour)
        bottom = QRect(rect.left(), rect.top() + line, rect.width(), painter.fontMetrics().height())
        painter.drawText(bottom, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                         painter.fontMetrics().elidedText(self.detail(index), Qt.TextElideMode.ElideRight,
                                                          rect.width()))
        painter.restore()

    def sizeHint(self, option, index):
        size = super().sizeHint(option, index)
        height = option.fontMetrics.height() * 2 + 2 * PADDING + 2
        return QSize(size.width(), max(size.height(), height))


class SlimProgressBar(QProgressBar):
    """A progress bar of the usual height drawn in the middle of a two-line row (a row
    widget with a maximum height would cap the row's height to one line)."""

    BAR_HEIGHT = 16

    def paintEvent(self, event):
        painter = QStylePainter(self)
        option = QStyleOptionProgressBar()
        self.initStyleOption(option)
        height = min(self.height(), self.BAR_HEIGHT)
        option.rect = QRect(0, (self.height() - height) // 2, self.width(), height)
        painter.drawControl(QStyle.ControlElement.CE_ProgressBar, option)
