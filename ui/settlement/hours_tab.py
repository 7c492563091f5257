"""The 月次時間 tab: the monthly hours per person (oneaqita/reports/hours_figures.py): each
person's row with the month's hours, the approved ones and the days worked, the work orders and
categories beneath; a person chosen in the combo narrows the view, the PDF and the CSV."""

import dataclasses
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QComboBox, QLabel

from oneaqita.reports.hours_figures import MonthlyHours, PersonHours, hours_figures
from oneaqita.reports.hours_report import TITLE, render_hours_pdf, write_hours_csv
from oneaqita.services.actor import Actor
from oneaqita.services.database import Database
from ui.settlement.figures_tree import Cell, hours_cell, number
from ui.settlement.report_tab import ReportTab


class HoursTab(ReportTab):
    def __init__(self, db: Database, actor: Actor) -> None:
        headers = [
            self.tr("職員・作業"),
            self.tr("職員番号・作業番号"),
            self.tr("時間"),
            self.tr("うち承認済"),
            self.tr("勤務日数"),
        ]
        super().__init__(db, actor, headers)
        self.person_combo = QComboBox()
        self.person_combo.setMinimumContentsLength(16)
        self.person_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.person_combo.addItem(self.tr("全員"), None)
        self.person_combo.setToolTip(self.tr("この月に時間の記録がある職員"))
        self.person_combo.currentIndexChanged.connect(self._person_changed)
        self.tools.addWidget(QLabel(self.tr("職員")))
        self.tools.addWidget(self.person_combo)

    def read(self, db: Database, actor: Actor, month: date, body: str | None) -> MonthlyHours:
        return hours_figures(db, actor, month, body_code=body)

    def person(self) -> str | None:
        data = self.person_combo.currentData()
        return str(data) if data is not None else None

    def set_person(self, employee_no: str | None) -> None:
        self.person_combo.setCurrentIndex(max(self.person_combo.findData(employee_no), 0))

    def printed(self) -> MonthlyHours | None:
        data: MonthlyHours | None = self.data
        chosen = self.person()
        if data is None or chosen is None:
            return data
        people = tuple(p for p in data.people if p.employee_no == chosen)
        return dataclasses.replace(data, people=people)

    def render_pdf(self, data: MonthlyHours) -> bytes:
        return render_hours_pdf(data)

    def write_csv(self, data: MonthlyHours, path: Path) -> int:
        return write_hours_csv(data, path)

    def report_title(self) -> str:
        return self.tr("月間作業時間表")

    def file_stem(self) -> str:
        month = self.data.month if self.data is not None else date.today()
        chosen = self.person()
        return f"{TITLE}_{month:%Y-%m}" + (f"_{chosen}" if chosen else "")

    def _person_changed(self) -> None:
        self.tree.set_filter(self.person())
        if self.data is not None:
            self._total(self.printed())

    def fill(self, data: MonthlyHours) -> None:
        keep = self.person()
        combo = self.person_combo
        combo.blockSignals(True)
        while combo.count() > 1:
            combo.removeItem(1)
        for p in data.people:
            combo.addItem(f"{p.employee_no}　{p.name}", p.employee_no)
        combo.setCurrentIndex(max(combo.findData(keep), 0) if keep else 0)
        combo.blockSignals(False)
        tree = self.tree
        tree.clear()
        for p in data.people:
            group = tree.add_group(
                p.employee_no,
                [
                    Cell(p.name, p.name),
                    Cell(p.employee_no),
                    hours_cell(p.minutes),
                    hours_cell(p.approved_minutes),
                    number(p.days_worked),
                ],
            )
            for r in p.rows:
                days = sum(1 for m in r.minutes_by_day if m > 0)
                tree.add_line(
                    group,
                    [
                        Cell(r.title, r.title),
                        Cell(r.work_order or "", r.work_order or "~"),
                        hours_cell(r.minutes),
                        Cell(""),
                        number(days),
                    ],
                )
        tree.finish("", self.tr("この月の作業時間の記録はありません。"))
        tree.set_filter(self.person())
        self._total(self.printed())

    def _total(self, data: MonthlyHours | None) -> None:
        people: tuple[PersonHours, ...] = data.people if data is not None else ()
        self.tree.total_label.setText(
            self.tr("合計　{people}名　時間 {hours}（うち承認済 {approved}）").format(
                people=len(people),
                hours=hours_cell(sum(p.minutes for p in people)).text,
                approved=hours_cell(sum(p.approved_minutes for p in people)).text,
            )
        )
