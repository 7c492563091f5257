"""The English translation is complete, compiled, and actually used."""

import xml.etree.ElementTree as ET

import pytest
from PySide6.QtCore import Qt, QTranslator

from oneaqita.models import WorkOrderStatus
from oneaqita.services.actor import Actor
from oneaqita.services.database import Database
from ui.labels import move_label, status_label
from ui.language import app_translator, chosen_language
from ui.main_window import MainWindow
from ui.resource_paths import I18N_DIR

TS_FILE = I18N_DIR / "oneaqita_en.ts"
QM_FILE = I18N_DIR / "oneaqita_en.qm"


def test_every_message_has_an_english_translation() -> None:
    root = ET.parse(TS_FILE).getroot()
    messages = list(root.iter("message"))
    assert len(messages) > 80
    unfinished = [
        m.findtext("source")
        for m in messages
        if m.find("translation").get("type") in ("unfinished", "vanished", "obsolete")
        or not (m.findtext("translation") or "").strip()
    ]
    assert unfinished == [], "run resources/i18n/update_translations.py and translate these"


def test_compiled_translation_is_not_older_than_its_source() -> None:
    assert QM_FILE.stat().st_mtime >= TS_FILE.stat().st_mtime - 1


def test_the_english_catalogue_translates_a_label() -> None:
    translator = QTranslator()
    assert translator.load(str(QM_FILE))
    assert translator.translate("language", "ja") == "en"  # domain words: oneaqita.labels
    assert translator.translate("WorkOrderColumns", "作業番号") == "Number"


@pytest.fixture
def english(qapp):  # type: ignore[no-untyped-def]
    translator = app_translator("en")
    assert translator is not None
    qapp.installTranslator(translator)
    yield translator
    qapp.removeTranslator(translator)


def test_the_ui_speaks_english_with_the_translator(
    english, qtbot, demo_db: Database, actor: Actor
) -> None:
    assert status_label(WorkOrderStatus.IN_PROGRESS) == "In progress"
    assert move_label(WorkOrderStatus.CANCELLED) == "Cancel…"
    window = MainWindow(demo_db, actor)
    qtbot.addWidget(window)
    assert window.windowTitle() == "oneaqita — ONE-AQITA Co., Ltd."
    assert window.navigation.item(0).text() == "Dashboard"
    assert window.navigation.item(1).text() == "Work orders"
    page = window.work_orders
    assert page.filter_bar.search_edit.placeholderText() == "Search number, title, client, assignee"
    assert page.model.headerData(0, Qt.Orientation.Horizontal) == "Number"
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=5000)
    assert page.filter_bar.count_label.text().endswith("work orders")


def test_demo_progress_speaks_the_ui_language(english) -> None:  # type: ignore[no-untyped-def]
    from oneaqita.demo import STAGE_JA, DemoStage
    from ui.labels import demo_stage_label

    english_labels = {demo_stage_label(stage) for stage in DemoStage}
    assert len(english_labels) == len(DemoStage)
    assert not english_labels & set(STAGE_JA.values())
    assert demo_stage_label(DemoStage.SEARCH_INDEX) == "Search index"


def test_without_a_translator_the_source_japanese_shows() -> None:
    assert status_label(WorkOrderStatus.IN_PROGRESS) == "着手"


@pytest.mark.parametrize(
    ("env", "system", "expected"),
    [
        ("en", ["ja-JP"], "en"),
        ("ja", ["en-US"], "ja"),
        ("", ["ja-JP", "en-US"], "ja"),
        ("", ["de-DE"], "en"),
        ("", ["en-GB"], "en"),
        ("", [], "en"),
    ],
)
def test_language_choice(monkeypatch, env: str, system: list[str], expected: str) -> None:
    monkeypatch.setenv("ONEAQITA_LANG", env)
    assert chosen_language(system) == expected
