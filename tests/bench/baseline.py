"""The hand-written SQL the benchmarks compare the service with: what a naive implementation
of the work-order list would send (join everything, ORDER BY, LIMIT/OFFSET, LIKE '%…%').

Placeholders are `?` (sqlite3); `for_psycopg` turns them into `%s`. The order keys are the
service's (the sort column, then planned_start unless it already is the column or the number,
then id), so both sides must return the same ids in the same order.
"""

from typing import Any

from oneaqita.search import terms_of
from oneaqita.services.work_order_queries import WorkOrderSort

ROW_SELECT = (
    "SELECT wo.id, wo.number, wo.title, o.name_ja, c.number, wo.type, wo.status, wo.priority, "
    "wo.planned_start, wo.planned_end, wo.assignee_names "
    "FROM work_orders wo "
    "JOIN contracts c ON c.id = wo.contract_id "
    "JOIN organizations o ON o.id = c.client_id"
)

# Joined where a naive implementation would join; every other sort is a work_orders column.
SORT_SQL = {
    WorkOrderSort.CLIENT: "o.code",
    WorkOrderSort.CONTRACT: "c.number",
    WorkOrderSort.ASSIGNEES: "wo.assignee_names",
}


def sort_sql(sort: WorkOrderSort) -> str:
    return SORT_SQL.get(sort, f"wo.{sort.value}")


def order_by(sort: WorkOrderSort, descending: bool) -> str:
    keys = [sort_sql(sort)]
    if sort not in (WorkOrderSort.NUMBER, WorkOrderSort.PLANNED_START):
        keys.append("wo.planned_start")
    keys.append("wo.id")
    direction = " DESC" if descending else ""
    return "ORDER BY " + ", ".join(k + direction for k in keys)


def page_sql(
    sort: WorkOrderSort = WorkOrderSort.PLANNED_START,
    descending: bool = True,
    where: str = "",
    offset: int = 0,
    limit: int = 200,
) -> str:
    sql = f"{ROW_SELECT} {'WHERE ' + where + ' ' if where else ''}{order_by(sort, descending)}"
    sql += f" LIMIT {limit}"
    return sql + (f" OFFSET {offset}" if offset else "")


COUNT_ALL = "SELECT count(*) FROM work_orders"


def title_like(query: str) -> tuple[str, list[str]]:
    """WHERE on the title alone, one LIKE per word, as written by hand (what PLATFORM.md
    measured at ~1 s with ORDER BY)."""
    words = query.split()
    return " AND ".join("wo.title LIKE ?" for _ in words), [f"%{w}%" for w in words]


def doc_like(query: str) -> tuple[str, list[str]]:
    """The same question the service's index answers, by brute force: every word a substring
    of the work order's search document (number, title, type, contract, client, assignees)."""
    terms = terms_of(query)
    return " AND ".join("s.doc LIKE ?" for _ in terms), [f"%{t}%" for t in terms]


def doc_count_sql(where: str) -> str:
    return f"SELECT count(*) FROM work_order_search s WHERE {where}"


def doc_page_ids_sql(where: str, limit: int = 200) -> str:
    return (
        "SELECT wo.id FROM work_orders wo JOIN work_order_search s ON s.work_order_id = wo.id "
        f"WHERE {where} ORDER BY wo.planned_start DESC, wo.id DESC LIMIT {limit}"
    )


def for_psycopg(sql: str) -> str:
    return sql.replace("?", "%s")


def run_page(
    conn: Any, sql: str, params: list[Any] | tuple[Any, ...] = ()
) -> list[tuple[Any, ...]]:
    return list(conn.execute(sql, params).fetchall())


def run_scalar(conn: Any, sql: str, params: list[Any] | tuple[Any, ...] = ()) -> Any:
    return conn.execute(sql, params).fetchone()[0]
