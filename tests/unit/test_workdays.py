"""The working-day calendar against the holidays the Cabinet Office published (内閣府「国民の
祝日について」) for 2024–2026, substitute and citizens' holidays included."""

from datetime import date, timedelta

from oneaqita.workdays import holiday_name, is_working_day, working_days, working_days_in

PUBLISHED = """
2024-01-01 2024-01-08 2024-02-11 2024-02-12 2024-02-23 2024-03-20 2024-04-29 2024-05-03
2024-05-04 2024-05-05 2024-05-06 2024-07-15 2024-08-11 2024-08-12 2024-09-16 2024-09-22
2024-09-23 2024-10-14 2024-11-03 2024-11-04 2024-11-23 2025-01-01 2025-01-13 2025-02-11
2025-02-23 2025-02-24 2025-03-20 2025-04-29 2025-05-03 2025-05-04 2025-05-05 2025-05-06
2025-07-21 2025-08-11 2025-09-15 2025-09-23 2025-10-13 2025-11-03 2025-11-23 2025-11-24
2026-01-01 2026-01-12 2026-02-11 2026-02-23 2026-03-20 2026-04-29 2026-05-03 2026-05-04
2026-05-05 2026-05-06 2026-07-20 2026-08-11 2026-09-21 2026-09-22 2026-09-23 2026-10-12
2026-11-03 2026-11-23
"""


def test_national_holidays_are_the_published_ones() -> None:
    published = {date.fromisoformat(d) for d in PUBLISHED.split()}
    day, found = date(2024, 1, 1), set()
    while day <= date(2026, 12, 31):
        name = holiday_name(day)
        if name is not None and name != "年末年始":
            found.add(day)
        day += timedelta(days=1)
    assert found == published


def test_year_end_closure_and_weekends_are_not_working_days() -> None:
    assert holiday_name(date(2026, 12, 29)) == "年末年始"
    assert holiday_name(date(2027, 1, 3)) == "年末年始"
    assert holiday_name(date(2026, 9, 22)) == "国民の休日"
    assert not is_working_day(date(2026, 12, 5))  # a Saturday
    assert is_working_day(date(2026, 12, 28))  # the last working day of 2026


def test_working_days_count_both_ends() -> None:
    # December 2026: 23 weekdays, minus 29–31 December.
    assert working_days(date(2026, 12, 1), date(2026, 12, 31)) == 20
    # Golden Week 2026: Wed 29 Apr to Wed 6 May holds only Thu 30 Apr, Fri 1 May.
    assert list(working_days_in(date(2026, 4, 29), date(2026, 5, 6))) == [
        date(2026, 4, 30),
        date(2026, 5, 1),
    ]
    assert working_days(date(2026, 5, 1), date(2026, 4, 30)) == 0
