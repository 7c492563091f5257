"""The words of the audit log viewer: tables (entities), actions and common fields in
Japanese, instants in local time, stored values as text. What it has no word for it shows as
stored (a table, action or field added later stays readable)."""

import json
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QCoreApplication

from oneaqita.services.changes import Entity

translate = QCoreApplication.translate

_E = Entity
ENTITY_WORDS: dict[Entity, Callable[[], str]] = {
    _E.ORGANIZATIONS: lambda: translate("AuditWords", "団体"),
    _E.SHAREHOLDINGS: lambda: translate("AuditWords", "持株（株主名簿）"),
    _E.PEOPLE: lambda: translate("AuditWords", "人員"),
    _E.SECONDMENTS: lambda: translate("AuditWords", "出向"),
    _E.CONTRACTS: lambda: translate("AuditWords", "契約"),
    _E.WORK_ORDERS: lambda: translate("AuditWords", "作業指示"),
    _E.ASSETS: lambda: translate("AuditWords", "施設"),
    _E.FINDINGS: lambda: translate("AuditWords", "所見"),
    _E.FINDING_ATTACHMENTS: lambda: translate("AuditWords", "所見の写真"),
    _E.USERS: lambda: translate("AuditWords", "ユーザー"),
    _E.WORK_TYPES: lambda: translate("AuditWords", "作業種別"),
    _E.TIME_ENTRIES: lambda: translate("AuditWords", "作業時間"),
    _E.TIMESHEET_WEEKS: lambda: translate("AuditWords", "週の作業時間表"),
    _E.KPI_TARGETS: lambda: translate("AuditWords", "KPI目標"),
    _E.RENEWAL_BASIS: lambda: translate("AuditWords", "改築需要の前提"),
    _E.DATABASE: lambda: translate("AuditWords", "データベース全体"),
}

# Tables whose rows the database's triggers record under the table's own name (PostgreSQL)
# and which no Entity names: parts of a work order, the renewal basis, a person's details.
TABLE_WORDS: dict[str, Callable[[], str]] = {
    "work_order_assets": lambda: translate("AuditWords", "作業指示の対象施設"),
    "work_order_assignees": lambda: translate("AuditWords", "作業指示の担当者"),
    "work_order_events": lambda: translate("AuditWords", "作業指示の履歴"),
    "person_qualifications": lambda: translate("AuditWords", "人員の資格"),
    "service_lives": lambda: translate("AuditWords", "標準耐用年数"),
    "body_service_lives": lambda: translate("AuditWords", "団体別の目標耐用年数"),
    "renewal_unit_costs": lambda: translate("AuditWords", "改築単価"),
    "login_failures": lambda: translate("AuditWords", "ログインの失敗"),
    "database_settings": lambda: translate("AuditWords", "データベースの設定"),
}

ACTION_WORDS: dict[str, Callable[[], str]] = {
    "create": lambda: translate("AuditWords", "追加"),
    "update": lambda: translate("AuditWords", "変更"),
    "delete": lambda: translate("AuditWords", "削除"),
    "import": lambda: translate("AuditWords", "取り込み"),
    "transition": lambda: translate("AuditWords", "状態の変更"),
    "demo": lambda: translate("AuditWords", "デモデータ"),
    "backup": lambda: translate("AuditWords", "バックアップ"),
    "restore": lambda: translate("AuditWords", "復元"),
    # the database's own record of a change (oneaqita/db/pg_security.py), by whatever means
    "db_insert": lambda: translate("AuditWords", "追加（DB記録）"),
    "db_update": lambda: translate("AuditWords", "変更（DB記録）"),
    "db_delete": lambda: translate("AuditWords", "削除（DB記録）"),
}

FIELD_WORDS: dict[str, Callable[[], str]] = {
    "code": lambda: translate("AuditWords", "コード"),
    "kind": lambda: translate("AuditWords", "種別"),
    "name": lambda: translate("AuditWords", "名前"),
    "name_ja": lambda: translate("AuditWords", "名称"),
    "name_kana": lambda: translate("AuditWords", "よみ"),
    "name_en": lambda: translate("AuditWords", "英語名"),
    "title": lambda: translate("AuditWords", "件名"),
    "number": lambda: translate("AuditWords", "番号"),
    "status": lambda: translate("AuditWords", "状態"),
    "note": lambda: translate("AuditWords", "備考"),
    "description": lambda: translate("AuditWords", "説明"),
    "version": lambda: translate("AuditWords", "版"),
    "login": lambda: translate("AuditWords", "ログイン名"),
    "display_name": lambda: translate("AuditWords", "表示名"),
    "role": lambda: translate("AuditWords", "役割"),
    "active": lambda: translate("AuditWords", "有効"),
    "start": lambda: translate("AuditWords", "開始"),
    "end": lambda: translate("AuditWords", "終了"),
    "since": lambda: translate("AuditWords", "効力発生日"),
    "shares": lambda: translate("AuditWords", "株式数"),
    "capital_yen": lambda: translate("AuditWords", "出資額（円）"),
    "amount_yen": lambda: translate("AuditWords", "契約金額（円）"),
    "minutes": lambda: translate("AuditWords", "時間（分）"),
    "day": lambda: translate("AuditWords", "日付"),
    "priority": lambda: translate("AuditWords", "優先度"),
    "planned_start": lambda: translate("AuditWords", "予定開始"),
    "planned_end": lambda: translate("AuditWords", "予定終了"),
    "actual_start": lambda: translate("AuditWords", "実績開始"),
    "actual_end": lambda: translate("AuditWords", "実績終了"),
    "district": lambda: translate("AuditWords", "処理区"),
    "material": lambda: translate("AuditWords", "管種"),
}


def entity_text(entity: str) -> str:
    try:
        word = ENTITY_WORDS.get(Entity(entity))
    except ValueError:
        word = TABLE_WORDS.get(entity)
    return word() if word else entity


def action_text(action: str) -> str:
    word = ACTION_WORDS.get(action)
    return word() if word else action


def field_text(field: str) -> str:
    word = FIELD_WORDS.get(field)
    return f"{word()} ({field})" if word else field


def local_time_text(at: datetime) -> str:
    """An instant of the log (UTC; SQLite hands it back without its zone) in local time."""
    aware = at if at.tzinfo is not None else at.replace(tzinfo=UTC)
    return aware.astimezone().strftime("%Y/%m/%d %H:%M:%S")


MAX_SHOWN = 500  # a value longer than this is cut in the table (its tooltip has it whole)


def value_text(value: Any) -> str:
    """A stored value as the viewer shows it: text as is, anything else as JSON."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def shown(text: str) -> str:
    """One line, cut to MAX_SHOWN, control characters made visible."""
    flat = "".join(c if c.isprintable() else "␣" if c in "\t\n\r" else "�" for c in text)
    return flat if len(flat) <= MAX_SHOWN else flat[:MAX_SHOWN] + "…"
