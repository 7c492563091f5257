"""Revision 0005: finding_attachments holds files as bytes, one name per finding, and goes
with its finding (ON DELETE CASCADE), up and down, on both databases."""

import pytest
from sqlalchemy import inspect, text

from oneaqita.db.engine import make_engine
from oneaqita.db.migrate import downgrade, upgrade
from oneaqita.services.database import Database
from tests.builders import build_sample


def test_attachments_table_up_and_down(any_url: str) -> None:
    engine = make_engine(any_url)
    upgrade(engine, "0004_contract_card_index")
    assert "finding_attachments" not in inspect(engine).get_table_names()
    upgrade(engine)
    db = Database(engine)
    sample = build_sample(db)
    blob = bytes(range(256)) * 4  # every byte value, NUL included
    with db.engine.begin() as c:
        c.execute(
            text(
                "INSERT INTO findings (work_order_id, asset_id, category, rank, version,"
                " created_at, updated_at) SELECT :w, id, '破損', 'a', 1, CURRENT_TIMESTAMP,"
                " CURRENT_TIMESTAMP FROM assets WHERE code = '052019-P-000001'"
            ),
            {"w": sample.work_order_ids[0]},
        )
        finding_id = c.execute(text("SELECT id FROM findings")).scalar_one()
        insert = text(
            "INSERT INTO finding_attachments (finding_id, file_name, media_type, size_bytes,"
            " sha256, content) VALUES (:f, :n, 'application/octet-stream', :s, :h, :c)"
        )
        c.execute(insert, {"f": finding_id, "n": "a.bin", "s": len(blob), "h": "0" * 64, "c": blob})
    with db.engine.connect() as c:
        assert c.execute(text("SELECT content FROM finding_attachments")).scalar_one() == blob
    with pytest.raises(Exception, match="(?i)unique|constraint"), db.engine.begin() as c:
        c.execute(insert, {"f": finding_id, "n": "a.bin", "s": 1, "h": "0" * 64, "c": b"x"})
    with pytest.raises(Exception, match="(?i)check|constraint"), db.engine.begin() as c:
        c.execute(insert, {"f": finding_id, "n": "b.bin", "s": 0, "h": "0" * 64, "c": b""})
    with db.engine.begin() as c:
        c.execute(text("DELETE FROM findings"))
    with db.engine.connect() as c:
        assert c.execute(text("SELECT count(*) FROM finding_attachments")).scalar_one() == 0
    downgrade(db.engine, "0004_contract_card_index")
    assert "finding_attachments" not in inspect(db.engine).get_table_names()
    db.engine.dispose()
