"""Domain errors: raised by services, shown by the UI in one place, printed by the CLI.

Each carries its message in Japanese (what users read first) and in English.
"""


class DomainError(Exception):
    def __init__(self, ja: str, en: str) -> None:
        super().__init__(f"{ja} / {en}")
        self.ja = ja
        self.en = en


class NotFound(DomainError):
    pass


class PermissionDenied(DomainError):
    pass


class AuthenticationFailed(DomainError):
    """A login refused: a wrong login or password (never saying which), a locked account, a
    deactivated user, a database that has no administrator yet."""


class ValidationError(DomainError):
    """Bad input; `field` names what to fix where one field is to blame."""

    def __init__(self, ja: str, en: str, field: str | None = None) -> None:
        super().__init__(ja, en)
        self.field = field


class IllegalTransition(ValidationError):
    pass


class ConcurrentEdit(DomainError):
    def __init__(self) -> None:
        super().__init__(
            "他の人がこのデータを先に変更しました。開き直してからやり直してください。",
            "Someone else changed this record first. Reopen it and try again.",
        )


class DatabaseBusy(DomainError):
    """Another connection kept the database's write lock longer than this writer waits
    (SQLite: the busy timeout), or wrote over the snapshot this writer had read."""

    def __init__(self) -> None:
        super().__init__(
            "他の人がデータベースに書き込み中です。しばらくしてからやり直してください。",
            "Another user is writing to the database; try again in a moment.",
        )


class DatabaseReadOnly(DomainError):
    """A write to a database opened read-only (a file the user may not write, ``?mode=ro``)."""

    def __init__(self) -> None:
        super().__init__(
            "データベースは読み取り専用のため、書き込めません。",
            "The database is read-only; nothing can be written to it.",
        )


class DatabaseUnavailable(DomainError):
    """The database could not be opened or reached: the message says which and why."""


class BadDatabaseUrl(DatabaseUnavailable):
    """The URL names no database the app can use (a wrong command: exit status 2)."""


class Cancelled(DomainError):
    """The user stopped a long call (an import) before it finished; what it did so far was
    rolled back, nothing of it is written."""

    def __init__(self) -> None:
        super().__init__(
            "中止しました。何も書き込んでいません。",
            "Cancelled: nothing was written.",
        )
