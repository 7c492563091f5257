"""The indexes from which the report to the shareholders sums the hours per work order and
the training hours

Revision ID: 0022_report_time_entries
Revises: 0021_assetlist_search
Create Date: 2026-12-02 05:50:00

受託実績's person-days (oneaqita/reports/shareholders_work.py) sum the minutes of the time
entries of the period and of the same period a year earlier per work order, every status but
差戻し, before the orders are joined to their contracts. With only the index on work_date,
SQLite read each entry of the two years from the table (the whole table, for the full-year
report) and sorted them for the GROUP BY. An index on (work_order_id, work_date, status,
minutes) covers the statement: the entries come in work-order order, grouped as they are read,
and nothing is read from the table. Measured on the demo at scale 1 (96,012 entries; sqlite3,
CPU time of the statement, two runs each): the former per-entry join 0.14-0.16 s, summed per
order first 0.09-0.10 s, and with this index 0.03 s.

The KPI 研修時間 (oneaqita/reports/shareholders_kpi.py) sums the minutes of the training
entries of a period, read twice (the year and the year before): SQLite went through
work_date and read every entry of the year from the table to look at its category (demo
scale 5, 478,230 entries: 1.2-1.3 s per period on a loaded machine). An index on (category,
work_date, status, minutes) finds the training entries of the period alone, from the index:
3 ms. The statement is unchanged.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0022_report_time_entries"
down_revision: str | None = "0021_assetlist_search"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEXES = {
    "ix_time_entries_report": ["work_order_id", "work_date", "status", "minutes"],
    "ix_time_entries_category_day": ["category", "work_date", "status", "minutes"],
}


def upgrade() -> None:
    for name, columns in INDEXES.items():
        op.create_index(name, "time_entries", columns)


def downgrade() -> None:
    for name in INDEXES:
        op.drop_index(name, table_name="time_entries")
