"""Revision 0010_service_lives: the three tables are seeded, a stored service life equal to its
kind's standard one is cleared (the asset then follows the tables) and any other is kept as
the asset's own; down again restores the standard lives, on both databases."""

from sqlalchemy import inspect, text

from oneaqita.db.engine import make_engine
from oneaqita.db.migrate import downgrade, upgrade


def _lives(engine) -> dict[str, int | None]:  # type: ignore[no-untyped-def]
    with engine.connect() as c:
        rows = c.execute(text("SELECT code, service_life_years FROM assets ORDER BY code"))
        return {code: years for code, years in rows}


def test_stored_lives_become_the_tables_defaults_or_stay_the_assets_own(any_url: str) -> None:
    engine = make_engine(any_url)
    upgrade(engine, "0009_kpi_targets")
    with engine.begin() as c:
        c.execute(
            text(
                "INSERT INTO organizations (code, kind, name_ja, is_fictional, version, created_at,"
                " updated_at) VALUES ('052019', 'city', '秋田市', false, 1, CURRENT_TIMESTAMP,"
                " CURRENT_TIMESTAMP)"
            )
        )
        owner = c.execute(text("SELECT id FROM organizations")).scalar_one()
        for code, kind, years in [
            ("P-STD", "pipe", 50),
            ("P-OWN", "pipe", 76),
            ("MP-STD", "manhole_pump", 15),
            ("MP-OWN", "manhole_pump", 50),  # a pipe's standard, not a pump's: its own
        ]:
            c.execute(
                text(
                    "INSERT INTO assets (code, kind, owner_id, service_life_years, status,"
                    " version, created_at, updated_at) VALUES (:c, :k, :o, :y, 'in_service', 1,"
                    " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
                ),
                {"c": code, "k": kind, "o": owner, "y": years},
            )
    upgrade(engine)
    assert _lives(engine) == {"MP-OWN": 50, "MP-STD": None, "P-OWN": 76, "P-STD": None}
    with engine.connect() as c:
        assert c.execute(text("SELECT count(*) FROM service_lives")).scalar_one() == 7
        assert c.execute(text("SELECT count(*) FROM renewal_unit_costs")).scalar_one() == 12
    downgrade(engine, "0009_kpi_targets")
    assert _lives(engine) == {"MP-OWN": 50, "MP-STD": 15, "P-OWN": 76, "P-STD": 50}
    assert "service_lives" not in inspect(engine).get_table_names()
    upgrade(engine)
    engine.dispose()
