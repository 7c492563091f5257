"""Editing one asset of the registry: every field of the import format but the code (the
asset's key, shown and not editable), saved through services/assets.save_asset with the
version the dialog started from (ui/editor_dialog.py: a concurrent edit keeps the dialog open
beside the stored values).

Numbers are typed as text and read off the GUI thread with the save (values.parse_int /
parse_decimal: full-width digits and thousands separators allowed), so a bad one is refused
at its field like any other refusal of the service."""

import dataclasses
from collections.abc import Callable
from decimal import Decimal

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from oneaqita.errors import ValidationError
from oneaqita.models import AssetKind, AssetStatus
from oneaqita.services.actor import Actor
from oneaqita.services.asset_card import EditableAsset, asset_to_edit
from oneaqita.services.assets import save_asset
from oneaqita.services.changes import Change, Entity
from oneaqita.services.database import Database
from oneaqita.services.records import AssetData
from oneaqita.values import ValueParseError, parse_decimal, parse_int
from ui.editor_dialog import EditorDialog
from ui.labels import domain_label


def _number(text: str, field: str) -> int | None:
    try:
        return parse_int(text)
    except ValueParseError as exc:
        raise ValidationError(exc.ja, exc.en, field) from exc


def _decimal(text: str, field: str) -> Decimal | None:
    try:
        return parse_decimal(text)
    except ValueParseError as exc:
        raise ValidationError(exc.ja, exc.en, field) from exc


def _text(value: object) -> str:
    return "" if value is None else str(value)


class AssetDialog(EditorDialog[EditableAsset]):
    def __init__(
        self,
        db: Database,
        actor: Actor,
        asset: EditableAsset,
        owners: list[tuple[str, str]],
        parent: QWidget | None = None,
    ) -> None:
        """`owners`: (code, name) of the bodies that may own an asset."""
        super().__init__(Entity.ASSETS, asset.id, parent)
        self._db, self._actor = db, actor
        self.asset = asset
        self.setWindowTitle(self.tr("施設の編集"))
        self.setMinimumWidth(460)
        self.code_edit = QLineEdit()
        self.code_edit.setReadOnly(True)
        self.code_edit.setToolTip(self.tr("施設番号は施設の鍵です。変更できません。"))
        self.kind_combo = QComboBox()
        for kind in AssetKind:
            self.kind_combo.addItem(domain_label(kind), kind)
        self.owner_combo = QComboBox()
        for code, name in owners:
            self.owner_combo.addItem(f"{name} ({code})", code)
        self.district_edit = QLineEdit()
        self.district_edit.setMaxLength(100)
        self.year_edit = QLineEdit()
        self.year_edit.setPlaceholderText(self.tr("例: 1985"))
        self.material_edit = QLineEdit()
        self.material_edit.setMaxLength(40)
        self.diameter_edit = QLineEdit()
        self.length_edit = QLineEdit()
        self.latitude_edit = QLineEdit()
        self.longitude_edit = QLineEdit()
        self.parent_edit = QLineEdit()
        self.parent_edit.setPlaceholderText(self.tr("上位施設の施設番号"))
        self.status_combo = QComboBox()
        for status in AssetStatus:
            self.status_combo.addItem(domain_label(status), status)

        form = self.form
        form.addRow(self.tr("施設番号"), self.code_edit)
        form.addRow(self.tr("種別(&K)"), self.kind_combo)
        form.addRow(self.tr("管理者(&O)"), self.owner_combo)
        form.addRow(self.tr("処理区(&D)"), self.district_edit)
        form.addRow(self.tr("布設年度(&Y)"), self.year_edit)
        form.addRow(self.tr("管種(&M)"), self.material_edit)
        form.addRow(self.tr("管径 mm(&I)"), self.diameter_edit)
        form.addRow(self.tr("延長 m(&L)"), self.length_edit)
        form.addRow(self.tr("緯度(&A)"), self.latitude_edit)
        form.addRow(self.tr("経度(&G)"), self.longitude_edit)
        form.addRow(self.tr("上位施設(&P)"), self.parent_edit)
        form.addRow(self.tr("状態(&T)"), self.status_combo)
        self.add_fields(
            {
                "kind": self.kind_combo,
                "owner": self.owner_combo,
                "district": self.district_edit,
                "installed_year": self.year_edit,
                "material": self.material_edit,
                "diameter_mm": self.diameter_edit,
                "length_m": self.length_edit,
                "latitude": self.latitude_edit,
                "longitude": self.longitude_edit,
                "parent": self.parent_edit,
                "status": self.status_combo,
                "code": self.code_edit,
            }
        )
        self.fill(asset)
        self.kind_combo.setFocus()

    # -- the form --------------------------------------------------------------------------
    def _raw(self) -> dict[str, str]:
        return {
            "installed_year": self.year_edit.text(),
            "diameter_mm": self.diameter_edit.text(),
            "length_m": self.length_edit.text(),
            "latitude": self.latitude_edit.text(),
            "longitude": self.longitude_edit.text(),
        }

    def _data(self, raw: dict[str, str]) -> AssetData:
        """The typed values; the numbers parsed (a ValidationError names the field)."""
        return dataclasses.replace(
            self._texts_data(),
            installed_year=_number(raw["installed_year"], "installed_year"),
            diameter_mm=_number(raw["diameter_mm"], "diameter_mm"),
            length_m=_decimal(raw["length_m"], "length_m"),
            latitude=_decimal(raw["latitude"], "latitude"),
            longitude=_decimal(raw["longitude"], "longitude"),
        )

    def _texts_data(self) -> AssetData:
        return AssetData(
            code=self.code_edit.text(),
            kind=AssetKind(self.kind_combo.currentData()),
            owner=str(self.owner_combo.currentData() or ""),
            district=self.district_edit.text() or None,
            material=self.material_edit.text() or None,
            parent=self.parent_edit.text() or None,
            status=AssetStatus(self.status_combo.currentData()),
        )

    # -- the editor's parts --------------------------------------------------------------
    def save_call(self) -> Callable[[], Change]:
        db, actor, raw, version = self._db, self._actor, self._raw(), self.asset.version

        def save() -> Change:
            return save_asset(db, actor, self._data(raw), version)[2]

        return save

    def load_call(self) -> Callable[[], EditableAsset]:
        db, asset_id = self._db, self.asset.id
        return lambda: asset_to_edit(db, asset_id)

    def take_version(self, record: EditableAsset) -> None:
        self.asset = record

    def fill(self, record: EditableAsset) -> None:
        self.asset = record
        d = record.data
        self.code_edit.setText(d.code)
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(d.kind))
        found = self.owner_combo.findData(d.owner)
        if found < 0:  # a body not offered (should not happen): shown as stored
            self.owner_combo.addItem(d.owner, d.owner)
            found = self.owner_combo.count() - 1
        self.owner_combo.setCurrentIndex(found)
        self.district_edit.setText(d.district or "")
        self.year_edit.setText(_text(d.installed_year))
        self.material_edit.setText(d.material or "")
        self.diameter_edit.setText(_text(d.diameter_mm))
        self.length_edit.setText(_text(d.length_m))
        self.latitude_edit.setText(_text(d.latitude))
        self.longitude_edit.setText(_text(d.longitude))
        self.parent_edit.setText(d.parent or "")
        self.status_combo.setCurrentIndex(self.status_combo.findData(d.status))

    def describe(self, record: EditableAsset) -> dict[str, str]:
        d = record.data
        return {
            "kind": domain_label(d.kind),
            "owner": self._owner_text(d.owner),
            "district": d.district or "",
            "installed_year": _text(d.installed_year),
            "material": d.material or "",
            "diameter_mm": _text(d.diameter_mm),
            "length_m": _text(d.length_m),
            "latitude": _text(d.latitude),
            "longitude": _text(d.longitude),
            "parent": d.parent or "",
            "status": domain_label(d.status),
        }

    def typed(self) -> dict[str, str]:
        d = self._texts_data()
        return {
            "kind": domain_label(d.kind),
            "owner": self._owner_text(d.owner),
            "district": d.district or "",
            **self._raw(),
            "material": d.material or "",
            "parent": d.parent or "",
            "status": domain_label(d.status),
        }

    def _owner_text(self, code: str) -> str:
        found = self.owner_combo.findData(code)
        return self.owner_combo.itemText(found) if found >= 0 else code
