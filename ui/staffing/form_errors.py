"""A refused input shown inside its dialog: the service's reason (Japanese, then English)
under the form, and the field it names outlined in red and focused, so the user fixes it in
place and presses OK again."""

from PySide6.QtWidgets import QAbstractSpinBox, QLabel, QLineEdit, QWidget

from oneaqita.errors import ValidationError

ERROR_COLOR = "#b00020"
# Local to the dialog that uses it; the app style sheet has no rule for invalid fields.
INVALID_STYLE = (
    f'*[invalid="true"] {{ border: 2px solid {ERROR_COLOR}; border-radius: 3px; }}'
    f" QLabel#formError {{ color: {ERROR_COLOR}; }}"
)


class FormErrors:
    def __init__(self, label: QLabel) -> None:
        self.label = label
        label.setObjectName("formError")
        label.setWordWrap(True)
        label.hide()
        self._fields: dict[str, QWidget] = {}

    def set_field(self, name: str, widget: QWidget) -> None:
        """`name` is the service's field name (ValidationError.field) shown by `widget`."""
        self._fields[name] = widget

    def show(self, exc: ValidationError, widget: QWidget | None = None) -> None:
        """The message, and the outline on `widget` (by default the one named by
        `exc.field`; none when the field has no widget here, e.g. the employee number)."""
        self.clear()
        self.label.setText(f"{exc.ja}\n{exc.en}")
        self.label.show()
        target = widget or self._fields.get(exc.field or "")
        if target is None:
            return
        mark(target, True)
        target.setFocus()
        if isinstance(target, QLineEdit | QAbstractSpinBox):
            target.selectAll()

    def clear(self) -> None:
        self.label.clear()
        self.label.hide()
        for widget in self._fields.values():
            mark(widget, False)

    def message(self) -> str:
        return self.label.text() if self.label.isVisibleTo(self.label.window()) else ""

    def invalid_widgets(self) -> list[QWidget]:
        """The widgets outlined now (for tests and the dialog's own logic)."""
        return [w for w in dict.fromkeys(self._fields.values()) if w.property("invalid")]


def mark(widget: QWidget, invalid: bool) -> None:
    if bool(widget.property("invalid")) == invalid:
        return
    widget.setProperty("invalid", invalid)
    widget.style().unpolish(widget)
    widget.style().polish(widget)
    widget.update()
