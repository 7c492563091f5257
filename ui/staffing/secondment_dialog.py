"""Recording, extending and ending a secondment.

An editor dialog (ui/editor_dialog.py): OK calls the service off the GUI thread; a refusal
is shown at the field it names, and the user fixes it and presses OK again. Nothing is
half-written: each service call is one unit of work. Extending or ending a secondment that
someone else changed meanwhile keeps the dialog open beside the secondment as stored now;
「最新の内容を読み込む」 takes it (its period and version), the new end typed stays.
"""

import dataclasses
import enum
from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from oneaqita.errors import NotFound, ValidationError
from oneaqita.fiscal import fiscal_year, fiscal_year_range
from oneaqita.models import OrganizationKind, SecondmentKind
from oneaqita.services.actor import Actor
from oneaqita.services.changes import Change, Entity
from oneaqita.services.database import Database
from oneaqita.services.organizations import OrganizationRow
from oneaqita.services.people_queries import PersonCard, SecondmentLine, person_card
from oneaqita.services.records import SecondmentData
from oneaqita.services.secondments import (
    create_secondment,
    end_secondment,
    extend_secondment,
)
from oneaqita.values import ValueParseError, parse_int
from ui.editor_dialog import EditorDialog
from ui.staffing.dates import date_edit as _date_edit
from ui.staffing.dates import from_qdate
from ui.staffing.labels import kind_description, kind_label, period_text


class Mode(enum.Enum):
    CREATE = "create"
    EXTEND = "extend"
    END = "end"


def _value(edit: QDateEdit) -> date:
    return from_qdate(edit.date())


class SecondmentDialog(EditorDialog[SecondmentLine]):
    def __init__(
        self,
        db: Database,
        actor: Actor,
        card: PersonCard,
        mode: Mode,
        line: SecondmentLine | None = None,
        organizations: list[OrganizationRow] | None = None,
        today: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        if mode is not Mode.CREATE and line is None:
            raise ValueError("extending or ending needs the secondment")
        super().__init__(Entity.SECONDMENTS, line.id if line else None, parent)
        self._db, self._actor, self._card, self.mode, self._line = db, actor, card, mode, line
        self._today = today or date.today()
        self.setMinimumWidth(480)

        self.person_label = QLabel(f"{card.name}（{card.employee_no}）")
        font = self.person_label.font()
        font.setBold(True)
        self.person_label.setFont(font)
        self.form.addRow(self.tr("職員"), self.person_label)
        self.ok_button = self.save_button
        if mode is Mode.CREATE:
            self._build_create(organizations or [])
        else:
            self._build_change(mode, line)  # type: ignore[arg-type]

    # -- building ------------------------------------------------------------------------
    def _build_create(self, organizations: list[OrganizationRow]) -> None:
        self.setWindowTitle(self.tr("出向の登録"))
        self.ok_button.setText(self.tr("登録"))
        card = self._card
        last = card.secondments[-1] if card.secondments else None
        self._org_kinds: dict[str, OrganizationKind] = {}
        self.org_combo = QComboBox()
        for org in organizations:
            if org.kind is OrganizationKind.COMPANY:
                continue  # the company never sends anyone to itself
            self.org_combo.addItem(f"{org.name_ja}（{org.code}）", org.code)
            self._org_kinds[org.code] = org.kind
        sender = last.from_organization_code if last else card.home_organization_code
        self.org_combo.setCurrentIndex(max(self.org_combo.findData(sender), 0))
        self.kind_combo = QComboBox()
        for kind in SecondmentKind:
            self.kind_combo.addItem(kind_label(kind), kind.value)  # Qt keeps the str
            self.kind_combo.setItemData(
                self.kind_combo.count() - 1, kind_description(kind), Qt.ItemDataRole.ToolTipRole
            )
        kind = last.kind if last else self._fitting_kind(SecondmentKind.ON_ROLL)
        self.set_kind(kind)
        self.org_combo.currentIndexChanged.connect(self._sender_changed)

        # A new stay usually follows the last one, for two fiscal years.
        start = self._today
        if last is not None and last.end is not None and last.end >= self._today:
            start = last.end + timedelta(days=1)
        self.start_edit = _date_edit(start)
        self.end_edit = _date_edit(fiscal_year_range(fiscal_year(start) + 1)[1])
        self.no_end_check = QCheckBox(self.tr("終了日なし"))
        self.no_end_check.toggled.connect(lambda on: self.end_edit.setEnabled(not on))
        self.position_edit = QLineEdit((last.position or "") if last else "")
        self.position_edit.setMaxLength(100)
        self.salary_spin = QSpinBox()
        self.salary_spin.setRange(0, 100)
        self.salary_spin.setSuffix(" %")
        self.salary_spin.setValue(last.salary_borne_by_company_pct if last else 0)
        self.salary_spin.setToolTip(self.tr("給与のうち当社が負担する割合（0〜100 %）"))
        self.cost_edit = QLineEdit(
            f"{last.monthly_cost_yen}" if last and last.monthly_cost_yen is not None else ""
        )
        self.cost_edit.setMaxLength(20)
        self.cost_edit.setPlaceholderText(self.tr("未定なら空欄"))
        self.cost_edit.setToolTip(
            self.tr("給与と事業主負担の保険料の月額（円）。精算の基礎になります")
        )

        self.form.addRow(self.tr("派遣元"), self.org_combo)
        self.form.addRow(self.tr("種別"), self.kind_combo)
        self.form.addRow(self.tr("開始日"), self.start_edit)
        self.form.addRow(self.tr("終了日"), self._with_open_end(self.end_edit))
        self.form.addRow(self.tr("役職"), self.position_edit)
        self.form.addRow(self.tr("会社負担"), self.salary_spin)
        self.form.addRow(self.tr("月額負担基礎額（円）"), self.cost_edit)
        fields: dict[str, QWidget] = {
            "from_organization": self.org_combo,
            "kind": self.kind_combo,
            "start": self.start_edit,
            "end": self.end_edit,
            "no_end": self.no_end_check,
            "position": self.position_edit,
            "salary_borne_by_company_pct": self.salary_spin,
            "monthly_cost_yen": self.cost_edit,
        }
        self.add_fields(fields)
        self.org_combo.setFocus()

    def _build_change(self, mode: Mode, line: SecondmentLine) -> None:
        self.form.addRow(
            self.tr("出向"),
            QLabel(f"{line.from_organization_name}　{kind_label(line.kind)}"),
        )
        self.period_label = QLabel(period_text(line.start, line.end))
        self.form.addRow(self.tr("今の期間"), self.period_label)
        if mode is Mode.EXTEND:
            self.setWindowTitle(self.tr("出向の延長"))
            self.ok_button.setText(self.tr("延長"))
            # By default one more fiscal year.
            current = line.end or self._today
            self.end_edit = _date_edit(fiscal_year_range(fiscal_year(current) + 1)[1])
            self.no_end_check = QCheckBox(self.tr("終了日なし"))
            self.no_end_check.toggled.connect(lambda on: self.end_edit.setEnabled(not on))
            self.form.addRow(self.tr("新しい終了日"), self._with_open_end(self.end_edit))
            self.add_fields({"end": self.end_edit, "no_end": self.no_end_check})
        else:
            self.setWindowTitle(self.tr("出向の終了"))
            self.ok_button.setText(self.tr("終了する"))
            end = max(line.start, min(self._today, line.end or self._today))
            self.end_edit = _date_edit(end)
            self.end_edit.setToolTip(self.tr("出向の最終日"))
            self.form.addRow(self.tr("終了日（最終日）"), self.end_edit)
            self.add_fields({"end": self.end_edit})
        self.end_edit.setFocus()

    def _with_open_end(self, edit: QDateEdit) -> QWidget:
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(edit)
        layout.addWidget(self.no_end_check)
        layout.addStretch(1)
        return row

    def _fitting_kind(self, kind: SecondmentKind) -> SecondmentKind:
        org_kind = self._org_kinds.get(self.org_combo.currentData())
        if org_kind is OrganizationKind.PARTNER:
            return SecondmentKind.PARTNER
        if org_kind is not None and kind is SecondmentKind.PARTNER:
            return SecondmentKind.ON_ROLL
        return kind

    def _sender_changed(self) -> None:
        """A partner firm sends 出向, a public body 在籍派遣 or 退職派遣: the kind follows."""
        self.set_kind(self._fitting_kind(self.kind()))

    def kind(self) -> SecondmentKind:
        return SecondmentKind(self.kind_combo.currentData())

    def set_kind(self, kind: SecondmentKind) -> None:
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(kind.value))

    # -- OK ------------------------------------------------------------------------------
    def end_value(self) -> date | None:
        """The end to store: None for an open end (終了日なし ticked)."""
        if self.mode is not Mode.END and self.no_end_check.isChecked():
            return None
        return _value(self.end_edit)

    def _call(self) -> Callable[[], Change]:
        db, actor = self._db, self._actor
        if self.mode is Mode.CREATE:
            cost_text = self.cost_edit.text()
            data = SecondmentData(
                employee_no=self._card.employee_no,
                from_organization=self.org_combo.currentData() or "",
                kind=self.kind(),
                start=_value(self.start_edit),
                end=self.end_value(),
                position=self.position_edit.text(),
                salary_borne_by_company_pct=self.salary_spin.value(),
            )
            return lambda: create_secondment(db, actor, _with_cost(data, cost_text))
        line = self._line
        assert line is not None
        if self.mode is Mode.EXTEND:
            new_end = self.end_value()
            return lambda: extend_secondment(db, actor, line.id, new_end, line.version)
        end = _value(self.end_edit)
        return lambda: end_secondment(db, actor, line.id, end, line.version)

    def save_call(self) -> Callable[[], Change]:
        return self._call()

    def load_call(self) -> Callable[[], SecondmentLine] | None:
        if self._line is None:
            return None  # a new secondment: nothing stored to read
        db, person_id, line_id = self._db, self._card.id, self._line.id
        return lambda: _stored_line(db, person_id, line_id)

    def take_version(self, record: SecondmentLine) -> None:
        self.fill(record)  # the form is only the new end typed: fill keeps it

    def fill(self, record: SecondmentLine) -> None:
        """The secondment as stored now; the new end the user typed stays."""
        self._line = record
        self.period_label.setText(period_text(record.start, record.end))

    def describe(self, record: SecondmentLine) -> dict[str, str]:
        return {"period": period_text(record.start, record.end)}

    def field_label(self, field: str) -> str:
        return self.tr("今の期間") if field == "period" else super().field_label(field)

    def refused_widget(self, exc: ValidationError) -> QWidget | None:
        """An end refused while 終了日なし is ticked outlines the tick box (the date is not
        in use)."""
        if exc.field == "end" and self.mode is not Mode.END and self.no_end_check.isChecked():
            return self.no_end_check
        return None


def _stored_line(db: Database, person_id: int, line_id: int) -> SecondmentLine:
    line = next((s for s in person_card(db, person_id).secondments if s.id == line_id), None)
    if line is None:
        raise NotFound(
            f"派遣 (id {line_id}) が見つかりません。", f"Secondment {line_id} not found."
        )
    return line


def _with_cost(data: SecondmentData, text: str) -> SecondmentData:
    """The data with the typed monthly cost basis ("450,000", "450000円"; empty = none yet),
    read off the GUI thread with the save, so that a bad value is refused at its field."""
    try:
        cost = parse_int(text)
    except ValueParseError as exc:
        raise ValidationError(exc.ja, exc.en, "monthly_cost_yen") from exc
    return dataclasses.replace(data, monthly_cost_yen=cost)
