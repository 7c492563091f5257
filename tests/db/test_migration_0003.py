"""Revision 0003: the catalogue replaces the fixed type values, and every existing order keeps
its type, up and down, on both databases."""

import pytest
from sqlalchemy import inspect, text

from oneaqita.db.engine import make_engine
from oneaqita.db.migrate import downgrade, upgrade

OLD_TYPES = ["inspection", "tv_survey", "cleaning", "repair", "emergency"]


def _orders_at_0002(url: str):  # type: ignore[no-untyped-def]
    """A database at 0002 holding one order of each of the five old types (raw SQL: the
    models are those of the head)."""
    engine = make_engine(url)
    upgrade(engine, "0002")
    with engine.begin() as c:
        c.execute(
            text(
                "INSERT INTO organizations (code, kind, name_ja, is_fictional, version,"
                " created_at, updated_at) VALUES ('052019', 'city', '秋田市', false, 1,"
                " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
            )
        )
        c.execute(
            text(
                "INSERT INTO contracts (number, client_id, title, start_date, end_date,"
                " amount_yen, version, created_at, updated_at) SELECT 'C-1', id, '包括委託',"
                " '2025-04-01', '2026-03-31', 1, 1, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP"
                " FROM organizations"
            )
        )
        for i, wo_type in enumerate(OLD_TYPES):
            c.execute(
                text(
                    "INSERT INTO work_orders (number, contract_id, title, type, status,"
                    " priority, assignee_names, client_code, contract_number, version,"
                    " created_at, updated_at) SELECT :n, id, '作業', :t, 'draft', 2, '', '',"
                    " '', 1, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP FROM contracts"
                ),
                {"n": f"WO-{i}", "t": wo_type},
            )
    return engine


def _types(engine) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    with engine.connect() as c:
        return [
            tuple(r)
            for r in c.execute(text("SELECT number, type FROM work_orders ORDER BY number"))
        ]


def test_existing_orders_keep_their_types_up_and_down(any_url: str) -> None:
    engine = _orders_at_0002(any_url)
    before = _types(engine)
    upgrade(engine)
    assert _types(engine) == before
    with engine.connect() as c:
        names = dict(
            c.execute(
                text(
                    "SELECT wo.type, t.name_ja FROM work_orders wo"
                    " JOIN work_types t ON t.code = wo.type"
                )
            ).all()
        )
    assert names == {
        "inspection": "点検",
        "tv_survey": "TVカメラ調査",
        "cleaning": "清掃",
        "repair": "修繕",
        "emergency": "緊急対応",
    }
    columns = {c["name"] for c in inspect(engine).get_columns("work_orders")}
    assert {"accepted_on", "acceptance_ref"} <= columns
    # A type outside the catalogue is refused by the foreign key.
    with pytest.raises(Exception, match="(?i)foreign key|constraint"), engine.begin() as c:
        c.execute(text("UPDATE work_orders SET type = 'nonsense'"))
    # An office type is now storable, as the old CHECK did not allow.
    with engine.begin() as c:
        c.execute(text("UPDATE work_orders SET type = 'strategy' WHERE number = 'WO-0'"))
    with pytest.raises(RuntimeError, match="strategy"):
        downgrade(engine, "0002")  # it would be lost
    with engine.begin() as c:
        c.execute(text("UPDATE work_orders SET type = 'inspection' WHERE number = 'WO-0'"))
    downgrade(engine, "0002")
    assert _types(engine) == before
    assert "work_types" not in inspect(engine).get_table_names()
    with pytest.raises(Exception, match="(?i)check|constraint"), engine.begin() as c:
        c.execute(text("UPDATE work_orders SET type = 'strategy'"))
    engine.dispose()
