"""差戻し: returning a submitted week with the reason (services/timesheet_weeks.return_week).

An editor dialog (ui/editor_dialog.py): the reason is required and checked by the service (a
refusal is shown at the field; one's own week is refused at the status line), and a week
decided meanwhile by someone else keeps the dialog open beside the week as stored now, whose
version a second try takes."""

from collections.abc import Callable

from PySide6.QtWidgets import QLabel, QPlainTextEdit, QWidget

from oneaqita.models import TimeEntryStatus
from oneaqita.services.actor import Actor
from oneaqita.services.approval_queries import QueuedWeek
from oneaqita.services.changes import Change, Entity
from oneaqita.services.database import Database
from oneaqita.services.timesheet_queries import WeekGrid, week_grid
from oneaqita.services.timesheet_weeks import return_week
from ui.editor_dialog import EditorDialog
from ui.field_errors import mark
from ui.labels import domain_label
from ui.timesheets.queue_model import week_range_text

COMMENT_LIMIT = 1000
SUBMITTED = TimeEntryStatus.SUBMITTED


class ReturnDialog(EditorDialog[WeekGrid]):
    def __init__(
        self, db: Database, actor: Actor, week: QueuedWeek, parent: QWidget | None = None
    ) -> None:
        super().__init__(Entity.TIMESHEET_WEEKS, week.week_id, parent)
        self._db, self._actor, self.week = db, actor, week
        self.version = week.version
        self.setWindowTitle(self.tr("週を差し戻す — {name}").format(name=week.name))
        self.setMinimumWidth(460)
        self.save_button.setText(self.tr("差し戻す(&R)"))
        self.week_label = QLabel(
            f"{week.name}（{week.employee_no}）  {week_range_text(week)}  {week.body_name}"
        )
        self.week_label.setWordWrap(True)
        self.status_label = QLabel(domain_label(SUBMITTED))
        self.comment_edit = QPlainTextEdit()
        self.comment_edit.setPlaceholderText(
            self.tr("直してほしい点を入力してください（必須、{limit}文字まで）").format(
                limit=COMMENT_LIMIT
            )
        )
        self.comment_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 5)
        self.comment_edit.setTabChangesFocus(True)
        self.form.addRow(self.tr("週"), self.week_label)
        self.form.addRow(self.tr("状態"), self.status_label)
        self.form.addRow(self.tr("差戻しの理由(&C)"), self.comment_edit)
        self.add_fields(
            {
                "comment": self.comment_edit,
                "person": self.week_label,
                "week_start": self.status_label,
            }
        )
        self.comment_edit.textChanged.connect(lambda: mark(self.comment_edit, False))
        self.comment_edit.setFocus()

    def save_call(self) -> Callable[[], Change] | None:
        db, actor, week_id, version = self._db, self._actor, self.week.week_id, self.version
        comment = self.comment_edit.toPlainText()
        return lambda: return_week(db, actor, week_id, version, comment)

    def load_call(self) -> Callable[[], WeekGrid] | None:
        db, person_id, monday = self._db, self.week.person_id, self.week.week_start
        return lambda: week_grid(db, person_id, monday)

    def take_version(self, record: WeekGrid) -> None:
        self.fill(record)  # the reason typed stays

    def fill(self, record: WeekGrid) -> None:
        """Takes the week as stored now (its status and version); the reason typed stays."""
        if record.week_version is not None:
            self.version = record.week_version
        self.status_label.setText(domain_label(record.status))

    def describe(self, record: WeekGrid) -> dict[str, str]:
        return {"week_start": domain_label(record.status), "comment": record.comment or ""}

    def typed(self) -> dict[str, str]:
        return {"week_start": domain_label(SUBMITTED), "comment": self.comment_edit.toPlainText()}
