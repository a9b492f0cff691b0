"""The 核对 panel: the findings of `models.checks.run`, each with its severity, sentence and line, and under
them the checks that could not run (未能核对) with the reason; or, for checks that failed or were skipped as a
whole, a sentence that says so.

Choosing a finding (click, or Enter on the current row) emits it; the main window scrolls the text
to `finding.lines` and highlights `finding.spans`. Choosing a check that could not run emits it, and the
window scrolls to its first line. Neither the tab's title nor the line above the list ever reads as "all
agree" while a check could not run.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QIcon, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from models.checks.finding import ERROR, INFO, WARNING, Finding, Skipped
from models.load.protocol import Checks, CheckState

Index = QModelIndex | QPersistentModelIndex

# Returns the Finding behind a row, from any column.
FINDING_ROLE = Qt.ItemDataRole.UserRole + 1
# Returns the Skipped behind an item of the 未能核对 list.
SKIPPED_ROLE = Qt.ItemDataRole.UserRole + 2
SKIPPED_HEADING = "未能核对（{} 项）"
_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)

SEVERITY_TEXT = {ERROR: "错误", WARNING: "警告", INFO: "提示"}
SEVERITY_COLOUR = {ERROR: QColor("#b3261e"), WARNING: QColor("#8a5a00"), INFO: QColor("#3d5a80")}
_SEVERITY_ICON = {
    ERROR: QStyle.StandardPixmap.SP_MessageBoxCritical,
    WARNING: QStyle.StandardPixmap.SP_MessageBoxWarning,
    INFO: QStyle.StandardPixmap.SP_MessageBoxInformation,
}
SEVERITY, MESSAGE, LINE = range(3)
_HEADERS = ("级别", "说明", "行")
# What the 核对 tab says, in place of a list, about checks that are over without findings to list.
STATE_TEXT = {CheckState.FAILED: "核对未能完成：{}", CheckState.SKIPPED: "未核对：{}"}


class FindingsModel(QAbstractTableModel):
    """A read-only table of findings: 级别 (coloured, with an icon), 说明, 行."""

    def __init__(self, findings: list[Finding], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._findings = list(findings)
        self._icons: dict[str, QIcon] = {}

    def set_findings(self, findings: list[Finding]) -> None:
        self.beginResetModel()
        self._findings = list(findings)
        self.endResetModel()

    def finding(self, row: int) -> Finding:
        return self._findings[row]

    def findings(self) -> list[Finding]:
        return self._findings

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._findings)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(_HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < 3:
            return _HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._findings):
            return None
        finding = self._findings[index.row()]
        column = index.column()
        if role == FINDING_ROLE:
            return finding
        if role == Qt.ItemDataRole.DisplayRole:
            if column == SEVERITY:
                return SEVERITY_TEXT.get(finding.severity, finding.severity)
            if column == MESSAGE:
                return finding.message
            if column == LINE:
                return _lines_text(finding.lines)
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = "、".join(str(line) for line in finding.lines)
            return f"{finding.message}\n第 {lines} 行"
        if role == Qt.ItemDataRole.ForegroundRole and column == SEVERITY:
            return QBrush(SEVERITY_COLOUR.get(finding.severity, QColor("black")))
        if role == Qt.ItemDataRole.DecorationRole and column == SEVERITY:
            return self._icon(finding.severity)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == LINE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _icon(self, severity: str) -> QIcon | None:
        """The style's icon for `severity`, asked of the style once per model, not for every row painted."""
        pixmap = _SEVERITY_ICON.get(severity)
        if pixmap is None or QApplication.instance() is None:
            return None
        if severity not in self._icons:
            self._icons[severity] = QApplication.style().standardIcon(pixmap)
        return self._icons[severity]


def _lines_text(lines: list[int]) -> str:
    if not lines:
        return ""
    return str(lines[0]) if len(lines) == 1 else f"{lines[0]} 等"


def summary(findings: list[Finding], skipped: Sequence[Skipped] = ()) -> str:
    """`2 个错误，1 个警告，3 条提示`, then how many checks could not run; the sentence for a report where
    everything adds up only when every check ran."""
    not_run = f"{len(skipped)} 项未能核对（见下）" if skipped else ""
    if not findings:
        return f"已核对的数字未见不一致；{not_run}。" if skipped else "未发现数字不一致之处。"
    counts = {severity: sum(1 for f in findings if f.severity == severity) for severity in SEVERITY_TEXT}
    words = {ERROR: "个错误", WARNING: "个警告", INFO: "条提示"}
    found = "，".join(f"{counts[s]} {words[s]}" for s in SEVERITY_TEXT if counts[s])
    return f"{found}；{not_run}" if skipped else found


def tab_title(checks: Checks) -> str:
    """`核对（N）` for checks that are done, `核对（N · M 项未能核对）` when M of them could not run; `核对` alone
    otherwise, where a count would read as nothing found."""
    if checks.state is not CheckState.DONE:
        return "核对"
    if checks.skipped:
        return f"核对（{len(checks.findings)} · {len(checks.skipped)} 项未能核对）"
    return f"核对（{len(checks.findings)}）"


def checks_widget(checks: Checks, parent: QWidget | None = None) -> QWidget:
    """What the 核对 tab shows for checks that are over: the list of their findings and of the checks that could
    not run once DONE; for FAILED or SKIPPED, the sentence that says so and why. Raises ValueError for checks
    still PENDING."""
    if checks.state is CheckState.DONE:
        return CheckPanel(checks.findings, checks.skipped, parent)
    if checks.state not in STATE_TEXT:
        raise ValueError(f"the checks are not over: {checks.state}")
    label = QLabel(STATE_TEXT[checks.state].format(checks.message), parent)
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return label


class CheckPanel(QWidget):
    """The list of findings of one report, and under it the checks that could not run.

    Signals:
        finding_activated(Finding): the user chose a finding (click, or Enter on the current row).
        skipped_activated(Skipped): the user chose a check that could not run (click, or Enter).
    """

    finding_activated = Signal(object)
    skipped_activated = Signal(object)

    def __init__(self, findings: list[Finding], skipped: Sequence[Skipped] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = FindingsModel(findings, self)
        self._summary = QLabel(summary(findings, skipped), self)
        self._summary.setWordWrap(True)
        self._skipped_heading = QLabel(self)
        bold = QFont(self._skipped_heading.font())
        bold.setBold(True)
        self._skipped_heading.setFont(bold)
        self._skipped_list = QListWidget(self)
        self._skipped_list.setWordWrap(True)
        self._skipped_list.setSpacing(2)  # a reason over several lines still reads as one item
        self._skipped_list.setAlternatingRowColors(True)
        self._skipped_list.setAccessibleName("未能核对")
        self._skipped_list.itemClicked.connect(self._on_skipped_list_item_clicked)
        self._view = QTableView(self)
        self._view.setModel(self._model)
        self._view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self._view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self._view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self._view.setWordWrap(True)
        self._view.verticalHeader().hide()
        self._view.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        header = self._view.horizontalHeader()
        header.setSectionResizeMode(MESSAGE, QHeaderView.ResizeMode.Stretch)
        self._view.setAccessibleName("核对结果")
        self._view.clicked.connect(self._on_view_clicked)
        # Rows are fitted to their wrapped message as they come into view, and again when the message
        # column changes width: fitting thousands of rows at once would hold the window.
        self._fitted: set[int] = set()
        self._view.verticalScrollBar().valueChanged.connect(self._fit_rows_in_view)
        self._view.installEventFilter(self)
        self._view.viewport().installEventFilter(self)
        self._skipped_list.installEventFilter(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._summary)
        layout.addWidget(self._view, 3)
        layout.addWidget(self._skipped_heading)
        layout.addWidget(self._skipped_list, 1)
        self.setFocusProxy(self._view)
        self._show_skipped(skipped)
        self._fit_narrow_columns()
        self._select_first()

    def count(self) -> int:
        """How many findings the panel lists (for the tab's `核对 (N)`)."""
        return self._model.rowCount()

    def set_findings(self, findings: list[Finding], skipped: Sequence[Skipped] = ()) -> None:
        """Show the findings of another report, and the checks that could not run."""
        self._model.set_findings(findings)
        self._summary.setText(summary(findings, skipped))
        self._show_skipped(skipped)
        self._fitted.clear()
        self._fit_narrow_columns()
        self._select_first()

    def skipped(self) -> list[Skipped]:
        """The checks that could not run, as listed under 未能核对."""
        return [self._skipped_list.item(row).data(SKIPPED_ROLE) for row in range(self._skipped_list.count())]

    def skipped_list(self) -> QListWidget:
        """The list of checks that could not run (for tests)."""
        return self._skipped_list

    def _show_skipped(self, skipped: Sequence[Skipped]) -> None:
        self._skipped_list.clear()
        for item in skipped:
            entry = QListWidgetItem(item.reason, self._skipped_list)
            entry.setData(SKIPPED_ROLE, item)
            lines = "、".join(str(line) for line in item.lines)
            entry.setToolTip(f"{item.reason}\n第 {lines} 行" if lines else item.reason)
        self._skipped_heading.setText(SKIPPED_HEADING.format(len(skipped)))
        self._skipped_heading.setVisible(bool(skipped))
        self._skipped_list.setVisible(bool(skipped))

    def summary_text(self) -> str:
        """The line above the list: how many errors, warnings and notes."""
        return self._summary.text()

    def view(self) -> QTableView:
        """The list itself (for the window's keyboard navigation and for tests)."""
        return self._view

    def _fit_narrow_columns(self) -> None:
        """级别 and 行 as wide as their widest cell, asked of those cells alone.

        Fitted to their contents, Qt asks every row for its text, icon and font, which holds the window on a
        huge report's findings, and a sample of rows cuts a wider cell further down short.
        The widest 级别 is among the first row of each severity, the widest 行 is its longest text.
        """
        findings = self._model.findings()
        first_of: dict[str, int] = {}
        for row, finding in enumerate(findings):
            first_of.setdefault(finding.severity, row)
        longest = max(range(len(findings)), key=lambda row: len(_lines_text(findings[row].lines)), default=None)
        header = self._view.horizontalHeader()
        grid = 1 if self._view.showGrid() else 0
        for column, rows in ((SEVERITY, first_of.values()), (LINE, [] if longest is None else [longest])):
            hints = [self._view.sizeHintForIndex(self._model.index(row, column)).width() + grid for row in rows]
            header.resizeSection(column, max([header.sectionSizeHint(column), *hints]))

    def _select_first(self) -> None:
        if self._model.rowCount():
            self._view.setCurrentIndex(self._model.index(0, MESSAGE))
        self._fit_rows_in_view()

    def _fit_rows_in_view(self) -> None:
        row, bottom = max(self._view.rowAt(0), 0), self._view.viewport().height()
        while row < self._model.rowCount() and self._view.rowViewportPosition(row) < bottom:
            if row not in self._fitted:
                self._view.resizeRowToContents(row)
                self._fitted.add(row)
            row += 1

    def _refit_rows(self) -> None:
        self._fitted.clear()  # the messages wrap anew at the column's new width
        self._fit_rows_in_view()

    def _on_skipped_list_item_clicked(self, item: QListWidgetItem) -> None:
        self.skipped_activated.emit(item.data(SKIPPED_ROLE))

    def _on_view_clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            self.finding_activated.emit(self._model.finding(index.row()))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._view.viewport() and isinstance(event, QResizeEvent):
            # After the view has given the message column its new width (it does so on this event).
            QTimer.singleShot(0, self, self._refit_rows)
        if watched is self._view and _is_enter(event):
            current = self._view.currentIndex()
            if current.isValid():
                self.finding_activated.emit(self._model.finding(current.row()))
                return True
        if watched is self._skipped_list and _is_enter(event) and (item := self._skipped_list.currentItem()):
            self.skipped_activated.emit(item.data(SKIPPED_ROLE))
            return True
        return super().eventFilter(watched, event)


def _is_enter(event: QEvent) -> bool:
    """Whether `event` is Return or Enter pressed."""
    return isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress and event.key() in _ENTER_KEYS
