"""A refused input shown inside its dialog: the reason (Japanese, then English) under the
form, or where `place` puts it (the editor dialog: just below the field), and the field it
names outlined in red and focused, so the user fixes it in place and presses OK again. One
mechanism for every dialog that saves through a service."""

from collections.abc import Callable

from PySide6.QtWidgets import QAbstractSpinBox, QLabel, QLineEdit, QWidget

ERROR_COLOR = "#b00020"
# Set on the dialogs that use it; the app style sheet has no rule for invalid fields.
INVALID_STYLE = (
    f'*[invalid="true"] {{ border: 2px solid {ERROR_COLOR}; border-radius: 3px; }}'
    f" QLabel#fieldError {{ color: {ERROR_COLOR}; }}"
)


class FieldErrors:
    def __init__(
        self,
        label: QLabel,
        fields: dict[str, QWidget] | None = None,
        place: Callable[[QWidget | None], None] | None = None,
    ) -> None:
        """`fields` maps the service's field names (ValidationError.field) to the widgets;
        `place(widget)` moves the label next to the field about to be outlined (or None)."""
        self.label = label
        self.fields: dict[str, QWidget] = dict(fields or {})
        self.place = place
        label.setObjectName("fieldError")
        label.setWordWrap(True)
        label.hide()

    def set_field(self, name: str, widget: QWidget) -> None:
        self.fields[name] = widget

    def show(self, ja: str, en: str, field: str | None, widget: QWidget | None = None) -> None:
        """The message (`en` empty for a text the dialog wrote itself, already translated),
        and the outline on `widget`, by default the one named by `field`."""
        self.clear()
        self.label.setText(f"{ja}\n{en}" if en else ja)
        target = widget or self.fields.get(field or "")
        if self.place is not None:
            self.place(target)
        self.label.show()
        if target is None:
            return
        mark(target, True)
        target.setFocus()
        if isinstance(target, QLineEdit | QAbstractSpinBox):
            target.selectAll()

    def clear(self) -> None:
        self.label.clear()
        self.label.hide()
        for widget in self.fields.values():
            mark(widget, False)

    def message(self) -> str:
        return self.label.text() if self.label.isVisibleTo(self.label.window()) else ""

    def invalid_field(self) -> str | None:
        """The field outlined now, if any (for tests and the dialog's own logic)."""
        return next((k for k, w in self.fields.items() if w.property("invalid")), None)

    def invalid_widgets(self) -> list[QWidget]:
        return [w for w in dict.fromkeys(self.fields.values()) if w.property("invalid")]


def mark(widget: QWidget, invalid: bool) -> None:
    if bool(widget.property("invalid")) == invalid:
        return
    widget.setProperty("invalid", invalid)
    widget.style().unpolish(widget)
    widget.style().polish(widget)
    widget.update()
