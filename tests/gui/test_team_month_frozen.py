"""The team month keeps the name column in place while the days scroll sideways, and the
frozen names scroll up and down with the rows."""

from datetime import date

from oneaqita.services.actor import Actor
from oneaqita.services.database import Database
from ui.operations import running_operations
from ui.timesheets.team_month_model import NAME
from ui.timesheets.team_month_page import TeamMonthPage


def test_the_names_stay_while_the_days_scroll(qtbot, demo_db: Database, actor: Actor) -> None:  # type: ignore[no-untyped-def]
    page = TeamMonthPage(demo_db, actor, today=date(2026, 3, 18))
    qtbot.addWidget(page)
    page.resize(700, 400)  # narrower than the month: the days scroll
    page.show()
    qtbot.waitExposed(page)
    qtbot.waitUntil(lambda: running_operations() == 0 and page.result is not None, timeout=10_000)
    table = page.table
    frozen = table.frozen
    assert frozen.isVisible() and frozen.model() is table.model()
    assert frozen.selectionModel() is table.selectionModel()
    columns = page.model.columnCount()
    assert not frozen.isColumnHidden(NAME)
    assert all(frozen.isColumnHidden(c) for c in range(1, columns))
    assert frozen.width() == table.columnWidth(NAME)
    scroll = table.horizontalScrollBar()
    assert scroll.maximum() > 0
    scroll.setValue(scroll.maximum())
    qtbot.waitUntil(lambda: table.columnViewportPosition(NAME) < 0)  # scrolled away below…
    assert frozen.columnViewportPosition(NAME) == 0  # …and still shown on top
    first = page.model.index(0, NAME)
    assert frozen.visualRect(first).isValid()
    assert frozen.model().data(first) == page.model.data(first)
    table.verticalScrollBar().setValue(table.verticalScrollBar().maximum())
    assert frozen.verticalScrollBar().value() == table.verticalScrollBar().value() > 0
    grabbed = page.grab()
    grabbed.save("/tmp/weekspeed_team_month.png")
