"""A refused input shown inside its dialog: the reason (Japanese, then English) above the
buttons, and the field to fix outlined and focused, so the user corrects it in place."""

from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

# Local to the dialogs that use it; the app style sheet has no rule for invalid fields.
INVALID_STYLE = (
    '*[invalid="true"] { border: 2px solid #b00020; border-radius: 3px; }'
    " QLabel#fieldError { color: #b00020; }"
)


class FieldErrors:
    def __init__(self, label: QLabel, fields: dict[str, QWidget]) -> None:
        """`fields` maps the service's field names (ValidationError.field) to the widgets."""
        self.label = label
        self.fields = fields
        label.setObjectName("fieldError")
        label.setWordWrap(True)
        label.hide()

    def show(self, ja: str, en: str, field: str | None) -> None:
        """`en` is empty for a message the dialog wrote itself (already translated)."""
        self.clear()
        self.label.setText(f"{ja}\n{en}" if en else ja)
        self.label.show()
        widget = self.fields.get(field or "")
        if widget is None:
            return
        self._mark(widget, True)
        widget.setFocus()
        if isinstance(widget, QLineEdit):
            widget.selectAll()

    def clear(self) -> None:
        self.label.clear()
        self.label.hide()
        for widget in self.fields.values():
            self._mark(widget, False)

    def invalid_field(self) -> str | None:
        """The field outlined now, if any (for tests and for the dialog's own logic)."""
        return next((k for k, w in self.fields.items() if w.property("invalid")), None)

    @staticmethod
    def _mark(widget: QWidget, invalid: bool) -> None:
        if bool(widget.property("invalid")) == invalid:
            return
        widget.setProperty("invalid", invalid)
        widget.style().unpolish(widget)
        widget.style().polish(widget)
