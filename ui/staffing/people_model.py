"""The people list's table model: the paged model (ui/paged_model.py) over count_people and
list_people, with the list's columns. Every column sorts (in SQL, by the service's
PeopleSort), so the header offers sorting as the work-order list does.
"""

from PySide6.QtCore import QCoreApplication

from oneaqita.services.people_queries import (
    PeopleFilter,
    PeopleSort,
    PersonRow,
    count_people,
    list_people,
)
from ui.paged_model import ID_ROLE, LOADING_TEXT, MAX_PAGES, PAGE_SIZE, Column, PagedTableModel
from ui.staffing.labels import end_text

__all__ = ["COLUMNS", "ID_ROLE", "LOADING_TEXT", "MAX_PAGES", "PAGE_SIZE", "PeopleTableModel"]

translate = QCoreApplication.translate
Sort = PeopleSort


def _seconded_text(row: PersonRow) -> str:
    """Until when; the sending body too when it is not the home body."""
    if not row.currently_seconded:
        return ""
    until = translate("PeopleColumns", "〜{end}").format(end=end_text(row.seconded_until))
    if row.seconded_from and row.seconded_from != row.home_organization_name:
        return f"{row.seconded_from} {until}"
    return until


COLUMNS: list[Column[PersonRow]] = [
    Column(
        lambda: translate("PeopleColumns", "職員番号"),
        Sort.EMPLOYEE_NO,
        lambda r: r.employee_no,
        lambda: "E000000",
    ),
    Column(
        lambda: translate("PeopleColumns", "氏名"),
        Sort.NAME,
        lambda r: r.name,
        lambda: "小笠原 大翔",
    ),
    Column(
        lambda: translate("PeopleColumns", "カナ"),
        Sort.KANA,
        lambda r: r.name_kana or "",
        lambda: "オガサワラ ヒロト",
    ),
    Column(
        lambda: translate("PeopleColumns", "所属団体"),
        Sort.HOME,
        lambda r: r.home_organization_name,
        lambda: "秋北水環境テクノ株式会社",
    ),
    Column(
        lambda: translate("PeopleColumns", "出向中（終了予定）"),
        Sort.SECONDED,
        _seconded_text,
        lambda: "〜2027/03/31",
    ),
    Column(
        lambda: translate("PeopleColumns", "メールアドレス"),
        Sort.EMAIL,
        lambda r: r.email or "",
        lambda: "kagaya.naomi@example.jp",
    ),
]


class PeopleTableModel(PagedTableModel[PeopleFilter, PersonRow]):
    columns = COLUMNS
    filter_type = PeopleFilter
    count_rows = staticmethod(count_people)
    list_rows = staticmethod(list_people)
