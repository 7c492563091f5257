"""Dates between Python and Qt's date editors, written the same way on every staffing screen."""

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit


def qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def from_qdate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def date_edit(value: date) -> QDateEdit:
    """A date field as 2025/04/01 (as ui.labels.date_text writes dates), with a calendar."""
    edit = QDateEdit(qdate(value))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy/MM/dd")
    edit.setMinimumDate(QDate(1990, 1, 1))
    return edit
