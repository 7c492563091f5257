"""What the Reports page offers (oneaqita/reports/report_choices.py), on both databases: the
fiscal years from the first to the last in which work was done or hours logged, and the
current one; the public bodies on the register on a day."""

from datetime import date

from oneaqita.reports.report_choices import report_years, statement_bodies
from oneaqita.services.actor import Actor
from oneaqita.services.database import Database
from tests.shareholders_builders import build_shareholders_case


def test_an_empty_database_offers_the_current_year_and_no_body(db: Database, admin: Actor) -> None:
    assert report_years(db, admin, date(2026, 3, 31)) == [2025]
    assert report_years(db, admin, date(2026, 4, 1)) == [2026]
    assert statement_bodies(db, admin, date(2026, 3, 31)) == []


def test_the_years_of_the_work_and_the_hours_newest_first(db: Database, admin: Actor) -> None:
    build_shareholders_case(db)
    # Done 2024-07-10 (FY2024) … 2026-04-02 (FY2026, after the day: the data holds it).
    assert report_years(db, admin, date(2026, 3, 31)) == [2026, 2025, 2024]
    # A later day: the years between are offered too, without gaps.
    assert report_years(db, admin, date(2028, 5, 1)) == [2028, 2027, 2026, 2025, 2024]


def test_the_public_bodies_on_the_register(db: Database, admin: Actor) -> None:
    build_shareholders_case(db)
    codes = [code for code, _name in statement_bodies(db, admin, date(2025, 6, 1))]
    assert codes == ["050008", "052019", "052027"]  # the partner P001 has no statement
    assert statement_bodies(db, admin, date(2023, 11, 19)) == []  # before the founding
