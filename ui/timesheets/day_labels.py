"""How the timesheet pages name and colour days: the weekday, and the tints for weekends and
holidays (oneaqita/workdays.py), gaps and days outside an employment."""

from datetime import date

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

from oneaqita.workdays import holiday_name, is_working_day

translate = QCoreApplication.translate

OFF_DAY = QColor("#eef1f6")  # a weekend, holiday or the year-end closure
GAP = QColor("#ffd9cc")  # a working day inside the employment without hours
OUTSIDE = QColor("#d6d6d6")  # not employed or seconded on the day
OUTSIDE_TEXT = QColor("#8a8a8a")


def weekday_text(day: date) -> str:
    return [
        translate("days", "月"),
        translate("days", "火"),
        translate("days", "水"),
        translate("days", "木"),
        translate("days", "金"),
        translate("days", "土"),
        translate("days", "日"),
    ][day.weekday()]


def day_tooltip(day: date) -> str:
    """2026/11/03 (火) 文化の日 — the holiday's name as the calendar has it."""
    name = holiday_name(day)
    text = f"{day:%Y/%m/%d} ({weekday_text(day)})"
    return f"{text} {name}" if name and not is_working_day(day) else text
