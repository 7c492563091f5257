"""The kinds of record a file can hold, as the dialogs offer them: only those the import
core supports (supported_kinds), named as users say them, with their columns as help."""

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox

from oneaqita.transfer import get_kind, supported_kinds

translate = QCoreApplication.translate


def kind_label(kind: str) -> str:
    labels = {
        "organizations": translate("transfer", "団体"),
        "shareholdings": translate("transfer", "株主"),
        "people": translate("transfer", "職員"),
        "secondments": translate("transfer", "出向"),
        "assets": translate("transfer", "施設"),
        "contracts": translate("transfer", "契約"),
        "work-orders": translate("transfer", "作業指示"),
        "findings": translate("transfer", "所見"),
        "time-entries": translate("transfer", "作業時間"),
    }
    return labels.get(kind) or get_kind(kind).name_ja


def fill_kind_combo(combo: QComboBox) -> None:
    for kind in supported_kinds():
        combo.addItem(f"{kind_label(kind)} ({kind})", kind)


def columns_text(kind: str) -> str:
    """The kind's columns, Japanese (English) and * for required, as the file may name them."""
    names = [f"{c.name_ja} ({c.name}){'*' if c.required else ''}" for c in get_kind(kind).columns]
    return translate("transfer", "列: {columns}　* は必須").format(columns=", ".join(names))
