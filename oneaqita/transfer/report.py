"""What an import did or would do: counts, and every error as ``FILE:LINE: column: reason``.

The reason is bilingual, Japanese first, like every message of the app: ``ja / en``. LINE is the
1-based row number of the file, the header being line 1. ``column`` is the header exactly as the
file spells it (or "名前 (name)" for a column the file lacks). An error about the file as a
whole, whose line is unknown, reads ``FILE: reason``.
"""

from dataclasses import dataclass, field

from oneaqita.errors import DomainError
from oneaqita.services.changes import Change

__all__ = ["ImportReport", "ImportRequestError", "RowError"]


class ImportRequestError(DomainError):
    """The request itself is wrong (unknown kind, missing file, unsupported suffix): the CLI
    exits with status 2, the UI asks again. Nothing was read."""


@dataclass(frozen=True)
class RowError:
    file: str
    line: int | None
    column: str | None
    ja: str
    en: str

    @property
    def reason(self) -> str:
        return f"{self.ja} / {self.en}"

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return (
            f"{where}: {self.column}: {self.reason}" if self.column else f"{where}: {self.reason}"
        )


@dataclass
class ImportReport:
    """The outcome of ``import_file``. ``written`` is true only when the rows were committed;
    with ``check_only`` or any error nothing was written and the counts say what would have
    happened to the rows that were fine."""

    kind: str
    file: str
    check_only: bool
    rows: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    written: bool = False
    change: Change = field(default_factory=Change)

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        """One bilingual line for the end of the report."""
        counts_ja = f"追加 {self.added}件、更新 {self.updated}件、変更なし {self.unchanged}件"
        counts_en = f"{self.added} added, {self.updated} updated, {self.unchanged} unchanged"
        if self.errors:
            n = len(self.errors)
            errors_en = f"{n} error{'' if n == 1 else 's'} in {self.rows} rows"
            if self.check_only:
                return (
                    f"{self.file}: 確認の結果、このファイルは取り込めません "
                    f"(エラー {n}件、{self.rows}行中)。何も書き込んでいません / check failed, "
                    f"the file would be rejected ({errors_en}); nothing written"
                )
            return (
                f"{self.file}: 取り込みを中止しました。何も書き込んでいません "
                f"(エラー {n}件、{self.rows}行中) / rejected, nothing written ({errors_en})"
            )
        if self.check_only:
            return (
                f"{self.file}: 確認のみ、書き込んでいません。取り込むと{counts_ja} / "
                f"check only, nothing written; importing would give {counts_en}"
            )
        return f"{self.file}: 取り込みました。{counts_ja} / imported: {counts_en}"

    def lines(self) -> list[str]:
        """Every error line, then the summary: what the CLI prints and the dialog shows."""
        return [*map(str, self.errors), self.summary()]
