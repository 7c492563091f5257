"""Editing one person: employee number, name and its reading, home organization, contact
data, qualifications, and whether an officer (役員: 代表取締役, 取締役, 監査役 …) or staff
(職員), saved through services/people.save_person.

An editor dialog (ui/editor_dialog.py): a refusal (an empty name, an e-mail that is not one, a
number another person has…) is shown at its field; a person changed meanwhile keeps the dialog
open beside the stored values, which 「最新の内容を読み込む」 loads with its version. The
qualifications are typed one a line or separated by ";" (as the import writes them).
"""

from collections.abc import Callable

from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QPlainTextEdit, QWidget

from oneaqita.services.actor import Actor
from oneaqita.services.changes import Change, Entity
from oneaqita.services.database import Database
from oneaqita.services.organizations import OrganizationRow
from oneaqita.services.people import save_person
from oneaqita.services.people_queries import PersonCard, person_card
from oneaqita.services.records import PersonData
from oneaqita.values import split_list
from ui.editor_dialog import EditorDialog


def _qualifications(text: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(q for line in text.splitlines() for q in split_list(line)))


class PersonDialog(EditorDialog[PersonCard]):
    def __init__(
        self,
        db: Database,
        actor: Actor,
        card: PersonCard,
        organizations: list[OrganizationRow],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(Entity.PEOPLE, card.id, parent)
        self._db, self._actor, self.card = db, actor, card
        self.setWindowTitle(self.tr("職員情報の編集"))
        self.setMinimumWidth(460)
        self.number_edit = QLineEdit()
        self.number_edit.setMaxLength(20)
        self.name_edit = QLineEdit()
        self.name_edit.setMaxLength(100)
        self.kana_edit = QLineEdit()
        self.kana_edit.setMaxLength(200)
        self.home_combo = QComboBox()
        for org in organizations:
            self.home_combo.addItem(f"{org.name_ja}（{org.code}）", org.code)
        if self.home_combo.findData(card.home_organization_code) < 0:
            self.home_combo.addItem(
                f"{card.home_organization_name}（{card.home_organization_code}）",
                card.home_organization_code,
            )
        self.email_edit = QLineEdit()
        self.email_edit.setMaxLength(200)
        self.phone_edit = QLineEdit()
        self.phone_edit.setMaxLength(40)
        self.qualifications_edit = QPlainTextEdit()
        self.qualifications_edit.setFixedHeight(70)
        self.qualifications_edit.setPlaceholderText(self.tr("1行に1つ、または ; で区切る"))
        self.officer_check = QCheckBox(self.tr("役員 (代表取締役・取締役・監査役など)"))
        self.officer_check.setToolTip(
            self.tr(
                "派遣・出向による者も含みます。株主向け事業報告の職員の状況で役員として数えます"
            )
        )

        form = self.form
        form.addRow(self.tr("職員番号(&N)"), self.number_edit)
        form.addRow(self.tr("氏名(&M)"), self.name_edit)
        form.addRow(self.tr("カナ(&K)"), self.kana_edit)
        form.addRow(self.tr("所属団体(&H)"), self.home_combo)
        form.addRow(self.tr("メール(&E)"), self.email_edit)
        form.addRow(self.tr("電話(&P)"), self.phone_edit)
        form.addRow(self.tr("資格(&Q)"), self.qualifications_edit)
        form.addRow(self.tr("区分(&O)"), self.officer_check)
        self.add_fields(
            {
                "employee_no": self.number_edit,
                "name": self.name_edit,
                "name_kana": self.kana_edit,
                "home_organization": self.home_combo,
                "email": self.email_edit,
                "phone": self.phone_edit,
                "qualifications": self.qualifications_edit,
                "officer": self.officer_check,
            }
        )
        self.fill(card)
        self.name_edit.setFocus()

    def data(self) -> PersonData:
        return PersonData(
            employee_no=self.number_edit.text(),
            name=self.name_edit.text(),
            home_organization=str(self.home_combo.currentData() or ""),
            name_kana=self.kana_edit.text() or None,
            email=self.email_edit.text() or None,
            phone=self.phone_edit.text() or None,
            qualifications=_qualifications(self.qualifications_edit.toPlainText()),
            officer=self.officer_check.isChecked(),
        )

    # -- the editor's parts --------------------------------------------------------------
    def save_call(self) -> Callable[[], Change]:
        db, actor, data, card = self._db, self._actor, self.data(), self.card
        return lambda: save_person(db, actor, data, card.version, card.id)

    def load_call(self) -> Callable[[], PersonCard]:
        db, person_id = self._db, self.card.id
        return lambda: person_card(db, person_id)

    def take_version(self, record: PersonCard) -> None:
        self.card = record

    def fill(self, record: PersonCard) -> None:
        self.card = record
        self.number_edit.setText(record.employee_no)
        self.name_edit.setText(record.name)
        self.kana_edit.setText(record.name_kana or "")
        self.home_combo.setCurrentIndex(
            max(self.home_combo.findData(record.home_organization_code), 0)
        )
        self.email_edit.setText(record.email or "")
        self.phone_edit.setText(record.phone or "")
        self.qualifications_edit.setPlainText("\n".join(record.qualifications))
        self.officer_check.setChecked(record.officer)

    def describe(self, record: PersonCard) -> dict[str, str]:
        return self._texts(
            PersonData(
                employee_no=record.employee_no,
                name=record.name,
                home_organization=record.home_organization_code,
                name_kana=record.name_kana,
                email=record.email,
                phone=record.phone,
                qualifications=tuple(record.qualifications),
                officer=record.officer,
            )
        )

    def typed(self) -> dict[str, str]:
        return self._texts(self.data())

    def _texts(self, d: PersonData) -> dict[str, str]:
        home = self.home_combo.itemText(self.home_combo.findData(d.home_organization))
        return {
            "employee_no": d.employee_no,
            "name": d.name,
            "name_kana": d.name_kana or "",
            "home_organization": home or d.home_organization,
            "email": d.email or "",
            "phone": d.phone or "",
            "qualifications": "、".join(sorted(d.qualifications)),
            "officer": self.tr("役員") if d.officer else self.tr("職員"),
        }
