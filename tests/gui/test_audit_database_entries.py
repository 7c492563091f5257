"""The audit page shows the database's own entries (oneaqita/db/pg_security.py's triggers):
one row's change field by field, a bulk statement's rows as one value, labelled as the
database's record."""

from datetime import UTC, datetime

from oneaqita.services.audit_queries import AuditRow
from ui.audit.entry_pane import AuditEntryPane


def _entry(action: str, entity_id: int | None, before: object, after: object) -> AuditRow:
    at = datetime(2026, 12, 2, 1, 0, tzinfo=UTC)
    return AuditRow(1, at, 3, "t_manager", action, "organizations", entity_id, before, after)  # type: ignore[arg-type]


def test_a_row_changed_by_sql_is_shown_field_by_field(qtbot) -> None:  # type: ignore[no-untyped-def]
    pane = AuditEntryPane()
    qtbot.addWidget(pane)
    pane.show_entry(
        _entry("db_update", 7, {"id": 7, "name_ja": "秋田市"}, {"id": 7, "name_ja": "秋田市役所"})
    )
    assert "変更（DB記録）" in pane.heading.text() and "t_manager" in pane.heading.text()
    assert pane.changed_rows() == ["name_ja"]
    pane.resize(900, 300)
    pane.show()
    pane.grab().save("/tmp/pgsec_audit_entry.png")


def test_a_bulk_statement_is_shown_as_its_count_and_rows(qtbot) -> None:  # type: ignore[no-untyped-def]
    pane = AuditEntryPane()
    qtbot.addWidget(pane)
    rows = {"count": 2, "rows": [{"id": 1, "name_ja": "a"}, {"id": 2, "name_ja": "b"}]}
    pane.show_entry(_entry("db_delete", None, rows, None))
    assert "削除（DB記録）" in pane.heading.text()
    texts = pane.row_texts()
    assert len(texts) == 2 and "2" in texts[0][1] and "name_ja" in texts[1][1]
