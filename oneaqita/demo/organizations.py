"""Stage 1: the 26 public bodies, the company, the partner firms and the shareholder register."""

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime
from importlib import resources

from sqlalchemy import Connection

from oneaqita.demo.batches import BulkInserter, Row, table_of
from oneaqita.demo.dates import DemoCalendar, at_jst
from oneaqita.demo.places import COMPANY, PARTNERS, PREFECTURE_CODE, PROFILES
from oneaqita.models import Organization, OrganizationKind, Shareholding

# The register as the public record has it (DESIGN.md): ¥100,000,000 in 10,000 shares of
# ¥10,000 at founding; the prefecture 18.21 %, the 25 municipalities 32.79 % together (the
# public side 51 %), the three partner firms 49 % (the lead consultancy the most).
SHARE_PRICE_YEN = 10_000
PREFECTURE_SHARES = 1_821
MUNICIPAL_SHARES = 3_279  # split among the 25 municipalities by population, exactly
MUNICIPAL_MINIMUM = 10  # the smallest village still holds a few
PARTNER_SHARES = (2_450, 1_225, 1_225)  # P001, P002, P003: 4,900 together
# One later change, so that the register shows history while it keeps adding up: a partner
# firm sells shares to another (the total and the public side stay as they were).
SHARE_TRANSFER = ("P002", "P001", 200, date(2025, 6, 27))  # in the years of DemoCalendar.shifted


@dataclass(frozen=True)
class Body:
    """A public body as later stages need it."""

    id: int
    code: str
    name: str
    short: str  # 秋田市 → 秋田, for titles
    weight: float  # relative size: population in thousands


@dataclass(frozen=True)
class OrgIndex:
    prefecture: Body
    municipalities: tuple[Body, ...]
    company_id: int
    partner_ids: tuple[int, ...]

    @property
    def bodies(self) -> tuple[Body, ...]:
        return (self.prefecture, *self.municipalities)


def read_public_bodies() -> list[dict[str, str]]:
    """The real 26 public bodies shipped with the package."""
    text = resources.files("oneaqita.data").joinpath("akita_organizations.csv").read_text("utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def _short(name: str) -> str:
    return name[:-1] if name[-1] in "市町村" else name


def _org_row(
    stamp: datetime,
    oid: int,
    kind: OrganizationKind,
    code: str,
    name_ja: str,
    name_kana: str,
    name_en: str,
) -> Row:
    return {
        "id": oid,
        "code": code,
        "kind": kind.value,
        "name_ja": name_ja,
        "name_kana": name_kana,
        "name_en": name_en,
        # Every partner firm of the demo is invented (the public bodies are real).
        "is_fictional": kind is OrganizationKind.PARTNER,
        "version": 1,
        "created_at": stamp,
        "updated_at": stamp,
    }


def apportion(total: int, weights: list[float], minimum: int) -> list[int]:
    """``total`` split in proportion to ``weights``, each at least ``minimum``, adding up to
    exactly ``total``: the minimum first, the rest rounded down, the units still missing
    one each to the largest remainders (ties: list order)."""
    rest = total - minimum * len(weights)
    whole = sum(weights)
    quotas = [rest * w / whole for w in weights]
    parts = [int(q) for q in quotas]
    order = sorted(range(len(weights)), key=lambda i: (-(quotas[i] - parts[i]), i))
    for i in order[: rest - sum(parts)]:
        parts[i] += 1
    return [minimum + p for p in parts]


def load_organizations(conn: Connection, cal: DemoCalendar) -> tuple[OrgIndex, dict[str, int]]:
    orgs, holdings = table_of(Organization), table_of(Shareholding)
    out = BulkInserter(conn, [orgs, holdings])
    prefecture: Body | None = None
    municipalities: list[Body] = []
    for oid, rec in enumerate(read_public_bodies(), start=1):
        kind = OrganizationKind(rec["kind"])
        names = (rec["name_ja"], rec["name_kana"], rec["name_en"])
        out.add(orgs, _org_row(cal.register_created, oid, kind, rec["code"], *names))
        if rec["code"] == PREFECTURE_CODE:
            prefecture = Body(oid, rec["code"], rec["name_ja"], rec["name_ja"], 0.0)
        else:
            weight = PROFILES[rec["code"]].population_k
            municipalities.append(
                Body(oid, rec["code"], rec["name_ja"], _short(rec["name_ja"]), weight)
            )
    if prefecture is None or len(municipalities) != len(PROFILES):
        raise RuntimeError("akita_organizations.csv does not hold the 26 public bodies")
    company_id = len(municipalities) + 2
    out.add(orgs, _org_row(cal.register_created, company_id, OrganizationKind.COMPANY, *COMPANY))
    partner_ids = tuple(range(company_id + 1, company_id + 1 + len(PARTNERS)))
    for pid, partner in zip(partner_ids, PARTNERS, strict=True):
        out.add(orgs, _org_row(cal.register_created, pid, OrganizationKind.PARTNER, *partner))
    index = OrgIndex(prefecture, tuple(municipalities), company_id, partner_ids)

    founded = cal.founded
    municipal = apportion(MUNICIPAL_SHARES, [b.weight for b in municipalities], MUNICIPAL_MINIMUM)
    register = [(prefecture.id, PREFECTURE_SHARES, founded)]
    register += [(b.id, n, founded) for b, n in zip(municipalities, municipal, strict=True)]
    register += [(pid, n, founded) for pid, n in zip(partner_ids, PARTNER_SHARES, strict=True)]
    seller, buyer, moved, since = SHARE_TRANSFER
    since = cal.shifted(since)
    if since > cal.as_of:  # not yet this year: it was last year
        since = since.replace(year=since.year - 1)
    codes = [p[0] for p in PARTNERS]
    for code, delta in ((seller, -moved), (buyer, moved)):
        i = codes.index(code)
        register.append((partner_ids[i], PARTNER_SHARES[i] + delta, since))
    for hid, (org_id, shares, since) in enumerate(register, start=1):
        stamp = at_jst(since, 10 * 60)
        out.add(
            holdings,
            {
                "id": hid,
                "organization_id": org_id,
                "shares": shares,
                "capital_yen": shares * SHARE_PRICE_YEN,
                "since": since,
                "version": 1,
                "created_at": stamp,
                "updated_at": stamp,
            },
        )
    out.close()
    return index, out.counts
