"""One editor dialog for every record a user adds or edits (organizations, holdings,
secondments, and every editor still to come).

A subclass builds its form in `self.form`, registers its fields with `add_fields` (by the
service's field names, as ValidationError.field says them) and provides:

- `save_call()`: the core call that stores what the form says, or None after the form itself
  has shown what to fix;
- `load_call()`: the query that reads the record as stored now, or None (nothing to read);
- `fill(record)`: the form from such a record, taking its version;
- `describe(record)` / `typed()`: values by field name, the stored ones and the typed ones,
  for the conflict table;
- `take_version(record)`: the stored record's version (and whatever else the save call rests
  on) without touching the form, for 「自分の入力で上書き」.

The rules, the same in every editor:

- Save (the button, Enter, Ctrl+S) runs the save call off the GUI thread (ChangeOp). While it
  runs the dialog is busy: inputs and buttons disabled, 「保存しています…」 and a wait cursor,
  and Esc, Cancel and closing refused, because the call commits or not whatever the dialog
  does: its result decides.
- A refusal (ValidationError) is shown at the field it names: the reason just below that
  field's row, the field outlined and focused (ui/field_errors.py); editing it takes the
  outline away. Any other DomainError (not found, no permission) is said in the message line
  above the buttons, Japanese then English, and the dialog stays open. Anything else is a bug
  or an outage: the error box (ui/errors.py).
- A concurrent edit (ConcurrentEdit): the save is refused and nothing is overwritten. The
  dialog stays open and keeps what the user typed; it reads the stored record (load_call) and
  shows, above the form, a table of every field: the stored value beside the typed one, those
  that differ marked (ui/conflict_panel.py). Two ways on: 「最新の内容を読み込む」 fills the form
  from the stored record and takes its version (`fill`); 「自分の入力で上書き」 keeps what was
  typed, takes the stored version (`take_version`) and saves again, after a confirmation that
  names every stored value it replaces. A subclass without `take_version` offers reload only.
  `conflict` stays set, for the opener to reload.
- The stored record's id comes from the Change, never guessed (`saved_id`): the edited
  record's id, or `change.created_id(entity)` for a new one.
"""

import re
from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from oneaqita.errors import ConcurrentEdit, DomainError, ValidationError
from oneaqita.services.changes import Change, Entity
from ui.conflict_panel import BANNER_STYLE, ConflictPanel, ConflictRow, confirm_overwrite
from ui.errors import show_error
from ui.field_errors import INVALID_STYLE, FieldErrors, mark
from ui.operations import ChangeOp, QueryOp

R = TypeVar("R")  # the stored record, as load_call reads it

translate = QCoreApplication.translate

_MNEMONIC = re.compile(r"\s*\(&.\)$|&(?=\w)")


def _plain(label: str) -> str:
    """A form label without its mnemonic: 「名称(&N)」 → 「名称」, "&Name" → "Name"."""
    return _MNEMONIC.sub("", label)


class EditorDialog(QDialog, Generic[R]):
    def __init__(self, entity: Entity, record_id: int | None, parent: QWidget | None) -> None:
        """`record_id` is the record edited, None while adding one of `entity`."""
        super().__init__(parent)
        self.entity, self.record_id = entity, record_id
        self.saved_id: int | None = None  # the record stored, once saved
        self.last_change: Change | None = None
        self.conflict = False  # someone else's change was met (the opener reloads)
        self.stored: R | None = None  # the record as read after a conflict
        self.busy = False
        self._first_field: QWidget | None = None
        self._focus_before: QWidget | None = None
        self.setStyleSheet(INVALID_STYLE + BANNER_STYLE)

        self.body = QWidget()
        self.body_layout = QVBoxLayout(self.body)
        self.body_layout.setContentsMargins(0, 0, 0, 0)
        self.form = QFormLayout()
        self.body_layout.addLayout(self.form)
        self.errors = FieldErrors(QLabel(), place=self._place_error)
        self.message_label = QLabel()
        self.message_label.setObjectName("fieldError")  # the error colour
        self.message_label.setWordWrap(True)
        self.message_label.hide()
        self._build_banner()
        self.busy_label = QLabel(translate("EditorDialog", "保存しています…"))
        self.busy_label.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(translate("EditorDialog", "保存(&S)"))
        self.save_button.setDefault(True)  # Enter saves
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(translate("EditorDialog", "キャンセル"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self, self.accept)

        self._layout = QVBoxLayout(self)
        self._layout.addWidget(self.banner)
        self._layout.addWidget(self.body)
        self._layout.addWidget(self.errors.label)  # its place when no field is named
        self._layout.addWidget(self.message_label)
        self._layout.addStretch(1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.busy_label)
        bottom.addWidget(self.buttons, 1)
        self._layout.addLayout(bottom)

    def _build_banner(self) -> None:
        self.banner = ConflictPanel()
        self.banner_heading = self.banner.heading
        self.reload_button = self.banner.reload_button
        self.reapply_button = self.banner.reapply_button
        self.reload_button.clicked.connect(self.reload)
        self.reapply_button.clicked.connect(self.reapply)

    # -- what a subclass provides --------------------------------------------------------
    def save_call(self) -> Callable[[], Change] | None:
        raise NotImplementedError

    def load_call(self) -> Callable[[], R] | None:
        return None

    def fill(self, record: R) -> None:
        raise NotImplementedError

    def describe(self, record: R) -> dict[str, str]:
        return {}

    def typed(self) -> dict[str, str]:
        return {}

    def take_version(self, record: R) -> None:
        """The stored record's version, the form left as typed (re-apply); a subclass that
        does not provide it offers reload only."""
        raise NotImplementedError

    def may_reapply(self) -> bool:
        return type(self).take_version is not EditorDialog.take_version

    def add_fields(self, fields: dict[str, QWidget]) -> None:
        """Registers the fields by the service's names; editing an outlined one takes its
        outline away. The first one registered gets the focus after a reload."""
        for name, widget in fields.items():
            self.errors.set_field(name, widget)
            if self._first_field is None:
                self._first_field = widget
            signal = getattr(widget, "dateChanged", None) or getattr(widget, "toggled", None)
            signal = signal or getattr(widget, "currentIndexChanged", None)
            signal = signal or getattr(widget, "textEdited", None)
            signal = signal or getattr(widget, "valueChanged", None)
            if signal is not None:
                signal.connect(lambda *_args, w=widget: mark(w, False))

    # -- saving --------------------------------------------------------------------------
    def accept(self) -> None:
        """Saves in the background; the dialog closes only when the service accepted."""
        if self.busy:
            return
        self.errors.clear()
        self._say("")
        call = self.save_call()
        if call is None:
            return
        self._set_busy(True)
        ChangeOp(self, call).success(self._saved).failure(self._failed).run()

    def reject(self) -> None:
        if not self.busy:  # a save under way commits anyway: its answer decides
            super().reject()

    def _saved(self, change: Change) -> None:
        self._set_busy(False)
        self.last_change = change
        created = change.created_id(self.entity)
        self.saved_id = self.record_id if self.record_id is not None else created
        super().accept()

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        if isinstance(exc, ConcurrentEdit):
            self._conflicted()
        elif isinstance(exc, ValidationError):
            self.show_refusal(exc)
        elif isinstance(exc, DomainError):
            self._say(f"{exc.ja}\n{exc.en}")
        else:
            show_error(self, exc)

    def show_refusal(self, exc: ValidationError) -> None:
        """The reason below the field it names, the field outlined and focused; a subclass
        may name another widget for a field (`refused_widget`)."""
        self.errors.show(exc.ja, exc.en, exc.field, self.refused_widget(exc))

    def refused_widget(self, exc: ValidationError) -> QWidget | None:
        return None  # the one registered for exc.field

    def _set_busy(self, busy: bool) -> None:
        if busy:
            self._focus_before = self.focusWidget()
        self.busy = busy
        for widget in (self.body, self.buttons, self.banner):
            widget.setEnabled(not busy)
        self.busy_label.setVisible(busy)
        if busy:
            self.setCursor(Qt.CursorShape.WaitCursor)
        else:
            self.unsetCursor()
            if self._focus_before is not None:
                self._focus_before.setFocus()

    def _say(self, text: str) -> None:
        self.message_label.setText(text)
        self.message_label.setVisible(bool(text))

    def _place_error(self, widget: QWidget | None) -> None:
        """The field error's label: in the row below `widget`'s, else under the form."""
        label = self.errors.label
        if self.form.indexOf(label) >= 0:
            self.form.takeRow(label)
        else:
            self._layout.removeWidget(label)
        row = self._form_row(widget)
        if row >= 0:
            self.form.insertRow(row + 1, "", label)
        else:
            self._layout.insertWidget(self._layout.indexOf(self.body) + 1, label)

    def _form_row(self, widget: QWidget | None) -> int:
        while widget is not None and widget is not self.body:
            row, _role = self.form.getWidgetPosition(widget)
            if row >= 0:
                return row
            widget = widget.parentWidget()
        return -1

    # -- someone else's change -----------------------------------------------------------
    def _conflicted(self) -> None:
        self.conflict = True
        self.stored = None
        self.banner.show_reading()
        load = self.load_call()
        if load is None:  # nothing to read: saving again tries again
            self.banner.show_nothing_to_read()
            return
        QueryOp(self, load).success(self._stored_read).failure(self._stored_failed).run()

    def _stored_read(self, record: R) -> None:
        self.stored = record
        self.banner.show_rows(self.conflict_rows(record), self.may_reapply())
        self._layout.activate()
        wanted = self.sizeHint()  # room for the table: the dialog grows, never shrinks
        if self.height() < wanted.height() or self.width() < wanted.width():
            self.resize(max(self.width(), wanted.width()), max(self.height(), wanted.height()))

    def _stored_failed(self, exc: BaseException) -> None:
        self.banner.show_nothing_to_read()
        if isinstance(exc, DomainError):  # deleted meanwhile, most likely
            self._say(f"{exc.ja}\n{exc.en}")
        else:
            show_error(self, exc)

    def conflict_rows(self, record: R) -> list[ConflictRow]:
        """Every field the stored record names, with what the form says of it."""
        typed = self.typed()
        return [
            ConflictRow(field, self.field_label(field), value, typed.get(field))
            for field, value in self.describe(record).items()
        ]

    def field_label(self, field: str) -> str:
        """The form's label of a field, without its mnemonic."""
        row = self._form_row(self.errors.fields.get(field))
        item = self.form.itemAt(row, QFormLayout.ItemRole.LabelRole) if row >= 0 else None
        label = item.widget() if item is not None else None
        return _plain(label.text()) if isinstance(label, QLabel) else field

    def reload(self) -> None:
        """The stored record into the form, with its version: the next save starts from it."""
        if self.stored is None or self.busy:
            return
        self.fill(self.stored)
        self.errors.clear()
        self._say("")
        self.banner.hide()
        if self._first_field is not None:
            self._first_field.setFocus()

    def reapply(self) -> None:
        """What was typed, saved over the stored record: its version taken, the form kept,
        once the user has confirmed the stored values it replaces."""
        if self.stored is None or self.busy or not self.may_reapply():
            return
        stored = self.stored
        # Compared again now: the user may have typed on since the table was filled.
        if not self.confirm_overwrite([r for r in self.conflict_rows(stored) if r.differs]):
            return
        self.take_version(stored)
        self.banner.hide()
        self.accept()

    def confirm_overwrite(self, rows: list[ConflictRow]) -> bool:
        return confirm_overwrite(self, rows)

    def stored_text(self) -> str:
        """The conflict table as plain text (for tests)."""
        return self.banner.text()

    def banner_text(self) -> str:
        return f"{self.banner_heading.text()}\n{self.stored_text()}"
