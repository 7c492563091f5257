"""Column specs of each import kind, and matching a file's header row against them.

Rules (IMPORT-FORMAT.md):

- Each column has an English and a Japanese name (and the record's attribute, e.g. name_ja,
  as the app's own reference files write it); a header matches any of them after
  ``values.normalize_header`` (NFKC, case, surrounding and repeated spaces) with "_" read as a
  space, so "Employee No", "employee_no" and "ＥＭＰＬＯＹＥＥ＿ＮＯ" are the same column.
- Column order does not matter. An unknown header, the same column twice and a missing required
  column are errors on line 1. A column without a header is ignored as long as it stays empty.
- A required column must have a value in every row; an empty cell is "no value" (the record's
  default, usually None).
- A number stored in a model column (``stored``) must fit that column's type
  (services/number_fields.py): "…は…以下にしてください", on SQLite as on PostgreSQL.
- Fixed-list values accept the stored English value or the Japanese word of vocabulary.py,
  case-insensitively.
- Every cell is read as the module docstring of values.py says: first one leading apostrophe
  that an export put in front of "= + - @", tab, CR or "'" is dropped
  (``values.unprotect_formula``), then a cell holding a character that cannot be stored is
  refused (``values.check_storable``; tab and line breaks inside a value only in a
  ``multiline`` column), as ``FILE:LINE: column: reason``.
"""

import enum
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, Generic, TypeVar

from sqlalchemy.orm import Session

from oneaqita.services.changes import Entity
from oneaqita.services.number_fields import column_range, range_problem, shown_number
from oneaqita.services.records import UpsertOutcome
from oneaqita.services.unit_of_work import UnitOfWork
from oneaqita.values import (
    QUOTED_CHARS,
    Cell,
    ValueParseError,
    cell_text,
    check_storable,
    normalize_header,
    parse_date,
    parse_decimal,
    parse_int,
    quote,
    split_list,
    unprotect_formula,
)

R = TypeVar("R")
E = TypeVar("E", bound=enum.Enum)

Parser = Callable[[Cell], object]
Formatter = Callable[[Any], Cell]


def header_key(text: str) -> str:
    return normalize_header(text.replace("_", " ").replace("＿", " "))


def text(value: Cell) -> str | None:
    return cell_text(value)


def plain(value: Any) -> Cell:
    """Export a str, int or date as it is (CSV writes dates in ISO form)."""
    if value is None or isinstance(value, str | int | date):
        return value
    raise TypeError(f"cannot export {value!r}")


@dataclass(frozen=True)
class Column:
    """One column: its names, how a cell becomes a record field value and back.

    ``field`` is the record's attribute (default: ``name``); ``aliases`` are other names a
    service may put in ``ValidationError.field`` for it (e.g. the model's ``start_date``).
    ``stored`` is the model column a number is stored in (e.g. ``Contract.amount_yen``): its
    type bounds the value. ``multiline`` allows tab and line breaks inside the value.
    """

    name: str
    name_ja: str
    parse: Parser = text
    required: bool = False
    max_length: int | None = None
    field: str = ""
    aliases: tuple[str, ...] = ()
    export: Formatter = plain
    stored: Any = None
    multiline: bool = False

    @property
    def attr(self) -> str:
        return self.field or self.name

    @property
    def memoizable(self) -> bool:
        """Whether a text cell always reads as the same value in this column (its parser
        depends on the cell alone), so that an import reads each distinct text once."""
        return self.parse in PURE_PARSERS or getattr(self.parse, "pure", False)

    @property
    def label(self) -> str:
        """How a column no file names is mentioned: both names."""
        return f"{self.name_ja} ({self.name})"

    def read(self, raw: Cell) -> object:
        """The field value of one cell; raises ValueParseError saying why not."""
        if isinstance(raw, str):
            raw = check_storable(unprotect_formula(raw), multiline=self.multiline)
        value = self.parse(raw)
        if value is None:
            if self.required:
                raise ValueParseError("必須の項目が空です", "required value is empty")
            return None
        if self.max_length is not None:
            for item in value if isinstance(value, tuple) else (value,):
                if isinstance(item, str) and len(item) > self.max_length:
                    # The length is said once: the value is cut without repeating it.
                    cut = item[:QUOTED_CHARS]
                    shown = quote(cut) + ("…" if len(item) > QUOTED_CHARS else "")
                    raise ValueParseError(
                        f"{self.max_length}文字以内で入力してください ({len(item):,}文字): {shown}",
                        f"at most {self.max_length} characters ({len(item):,}): {shown}",
                    )
        if (
            self.stored is not None
            and isinstance(value, int | Decimal)
            and not isinstance(value, bool)
        ):
            bounds = column_range(self.stored)
            if bounds is not None and not bounds[0] <= value <= bounds[1]:
                shown = shown_number(value)
                problem = range_problem(value, self.stored, shown, shown)
                if problem is not None:
                    raise ValueParseError(*problem)
        return value


def choice(
    enum_cls: type[E], words_ja: Mapping[E, str], what_ja: str, what_en: str
) -> Callable[[Cell], E | None]:
    """A parser accepting a member's value or its Japanese word, case-insensitively."""
    lookup: dict[str, E] = {}
    for member in enum_cls:
        lookup[header_key(str(member.value))] = member
        lookup[header_key(words_ja[member])] = member
    allowed = ", ".join(f"{words_ja[m]} ({m.value})" for m in enum_cls)
    # The cells an import meets are a few words, again and again: each is matched once.
    known: dict[str, E] = {}

    def parse(value: Cell) -> E | None:
        if isinstance(value, str):
            hit = known.get(value)
            if hit is not None:
                return hit
        shown = cell_text(value)
        if shown is None:
            return None
        member = lookup.get(header_key(shown))
        if member is None:
            raise ValueParseError(
                f"{what_ja}が不正です: {quote(shown, ja=True)} (使える値: {allowed})",
                f"unknown {what_en}: {quote(shown)} (allowed: {allowed})",
            )
        if isinstance(value, str) and len(known) < 1000:
            known[value] = member
        return member

    parse.pure = True  # type: ignore[attr-defined]
    return parse


def decimal_number(value: Any) -> Cell:
    """Export a Decimal as a number (a number cell in .xlsx). Exact: the stored decimals
    (at most 15 digits) survive a float, and the import reads a float by its repr()."""
    return None if value is None else float(value)


def enum_ja(words_ja: Mapping[Any, str]) -> Formatter:
    """Export a fixed-list value as its Japanese word (the import accepts both)."""
    return lambda value: None if value is None else words_ja[value]


def text_list(value: Cell) -> tuple[str, ...] | None:
    items = tuple(dict.fromkeys(split_list(value)))  # a name listed twice is one qualification
    return items or None


def join_list(value: Any) -> Cell:
    return "; ".join(value) if value else None


# Parsers whose value depends on the cell alone (Column.memoizable); choice() marks its own.
PURE_PARSERS: frozenset[Parser] = frozenset({text, parse_int, parse_decimal, parse_date, text_list})


Stored = tuple[int, UpsertOutcome]


@dataclass(frozen=True)
class KindSpec(Generic[R]):
    """Everything one import kind needs: columns, key, the record type, its service and export.

    ``upsert`` stores one record by its key inside the caller's unit of work and says what it
    did; ``upsert_many``, where a service has it, does the same for many records at once in
    set-based statements, raising the first refusal before it writes. ``records`` yields the
    stored records as the record type, in key order: every one (export), or those whose
    first key field is one of the given values. ``order``, where a kind has it, gives the
    indexes of a file's records in the order to store them (e.g. parents before children);
    otherwise they are stored in file order. ``for_file``, where a kind has it, gives the spec
    to import a given file with (e.g. one that reads the files its cells name from that
    file's folder).
    """

    name: str
    name_ja: str
    record_type: type[R]
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    upsert: Callable[[UnitOfWork, R], Stored]
    records: Callable[[Session, Collection[object] | None], Iterable[R]]
    entity: Entity
    upsert_many: Callable[[UnitOfWork, Sequence[R]], list[Stored]] | None = None
    order: Callable[[Sequence[R]], list[int]] | None = None
    for_file: "Callable[[Path], KindSpec[R]] | None" = None
    _by_attr: dict[str, Column] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        for col in self.columns:
            for name in (col.name, col.attr, *col.aliases):
                self._by_attr.setdefault(name, col)

    def column(self, name: str | None) -> Column | None:
        """The column a record field, column name or service field name refers to."""
        return self._by_attr.get(name) if name else None

    def key_columns(self) -> tuple[Column, ...]:
        return tuple(self._by_attr[k] for k in self.key)

    def key_of(self, record: R) -> tuple[object, ...]:
        return tuple(getattr(record, col.attr) for col in self.key_columns())

    def keep_stored(
        self, session: Session, records: Sequence[R], present: Collection[str]
    ) -> list[R]:
        """The records, each with the stored value of every column the file lacks (by English
        name in ``present``) when its key is stored: a column left out of a file changes
        nothing, one present with an empty cell clears the value. One query for all."""
        absent = [col.attr for col in self.columns if col.name not in present]
        if not absent or not records:
            return list(records)
        firsts = {self.key_of(record)[0] for record in records}
        stored = {self.key_of(s): s for s in self.records(session, firsts)}
        kept = []
        for record in records:
            old = stored.get(self.key_of(record))
            if old is not None:
                record = replace(record, **{attr: getattr(old, attr) for attr in absent})  # type: ignore[type-var]
            kept.append(record)
        return kept

    def build(self, values: Mapping[str, object]) -> R:
        """The record from parsed values; absent (None) values take the record's default."""
        return self.record_type(**{k: v for k, v in values.items() if v is not None})

    def cells(self, record: R) -> list[Cell]:
        """A record as export cells, in column order."""
        return [col.export(getattr(record, col.attr)) for col in self.columns]


@dataclass(frozen=True)
class HeaderProblem:
    column: str
    ja: str
    en: str


@dataclass(frozen=True)
class Header:
    """A file's header row matched to a kind: ``slots[i]`` is the column of cell i (None for
    an empty header), ``names[col.name]`` the header text the file used for it."""

    slots: tuple[Column | None, ...]
    names: Mapping[str, str]

    def name_of(self, col: Column) -> str:
        return self.names.get(col.name, col.label)


def match_header(spec: KindSpec[Any], cells: Sequence[Cell]) -> Header | list[HeaderProblem]:
    """Match a header row; the Header, or every problem with it."""
    # The record's attribute is accepted too (name_ja), as in oneaqita/data/*.csv.
    lookup = {header_key(n): col for col in spec.columns for n in (col.name, col.name_ja, col.attr)}
    slots: list[Column | None] = []
    names: dict[str, str] = {}
    problems: list[HeaderProblem] = []
    allowed = ", ".join(f"{c.name_ja} / {c.name}" for c in spec.columns)
    for raw in cells:
        shown = cell_text(raw)
        col = lookup.get(header_key(shown)) if shown else None
        if shown is None:
            slots.append(None)
        elif col is None:
            problems.append(
                HeaderProblem(
                    shown if len(shown) <= QUOTED_CHARS else quote(shown),
                    f"「{spec.name_ja}」にない列です (使える列: {allowed})",
                    f"unknown column for {spec.name} (allowed: {allowed})",
                )
            )
            slots.append(None)
        elif col.name in names:
            problems.append(
                HeaderProblem(
                    shown,
                    f"同じ列が2回あります (「{names[col.name]}」と同じ)",
                    f"the same column twice (as {names[col.name]!r})",
                )
            )
            slots.append(None)
        else:
            names[col.name] = shown
            slots.append(col)
    for col in spec.columns:
        if col.required and col.name not in names:
            problems.append(
                HeaderProblem(col.label, "必須の列がありません", "required column missing")
            )
    return problems or Header(tuple(slots), names)
