"""District outlines for the assets' map, from a local GeoJSON file (no internet tiles).

Rules enforced here:

- The file is read as JSON text and nothing else: no code in it is run, no URL in it is
  fetched. UTF-8 (with or without a BOM).
- Accepted: a FeatureCollection, a Feature, a GeometryCollection, a Polygon or a
  MultiPolygon (RFC 7946). Polygons and multipolygons are kept (every ring, holes
  included); points and lines are left out. A feature's name is its property ``name``,
  ``N03_004`` (国土数値情報 行政区域: the municipality), ``NAME`` or ``名称``, else none.
- Refused with the reason in Japanese and English (DomainError): a file larger than
  MAX_BYTES, one that cannot be read, is not UTF-8, is not JSON, nests too deep, has more
  than MAX_VERTICES vertices in all, a coordinate that is not a number inside −180..180 /
  −90..90, a ring of fewer than three positions, or no polygon at all.
"""

import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from oneaqita.errors import DomainError

__all__ = ["MAX_BYTES", "MAX_VERTICES", "Outline", "load_outlines", "parse_outlines"]

MAX_BYTES = 50 * 1024 * 1024
MAX_VERTICES = 2_000_000
_MAX_DEPTH = 64  # GeoJSON nests about 8 deep; far deeper is not a map
_NAME_KEYS = ("name", "N03_004", "NAME", "名称")

Ring = list[tuple[float, float]]


@dataclass(frozen=True)
class Outline:
    """One polygon: its outer ring and holes as (longitude, latitude), and its name."""

    name: str | None
    rings: tuple[tuple[tuple[float, float], ...], ...]


def _refuse(ja: str, en: str) -> DomainError:
    return DomainError(f"区域ファイルを読み込めません: {ja}", f"Cannot load the outlines: {en}")


def load_outlines(path: Path) -> list[Outline]:
    """The outlines in the GeoJSON file at `path` (see the module's rules)."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise _refuse(
                f"ファイルが大きすぎます ({size / 1e6:.0f} MB、上限 {MAX_BYTES / 1e6:.0f} MB)。",
                f"the file is too large ({size / 1e6:.0f} MB; at most {MAX_BYTES / 1e6:.0f} MB).",
            )
        with path.open("rb") as f:
            data = f.read(MAX_BYTES + 1)
    except OSError as exc:
        raise _refuse(
            f"ファイルを開けません ({exc.strerror or exc})。",
            f"the file cannot be opened ({exc.strerror or exc}).",
        ) from exc
    if len(data) > MAX_BYTES:
        raise _refuse("ファイルが大きすぎます。", "the file is too large.")
    return parse_outlines(data)


def parse_outlines(data: bytes) -> list[Outline]:
    """The outlines in GeoJSON text (bytes as read from a file)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _refuse("UTF-8 のテキストではありません。", "the file is not UTF-8 text.") from exc
    try:
        document = json.loads(text)
    except RecursionError as exc:
        raise _refuse("入れ子が深すぎます。", "it nests too deep.") from exc
    except ValueError as exc:
        raise _refuse(f"JSON として読めません ({exc})。", f"it is not valid JSON ({exc}).") from exc
    reader = _Reader()
    reader.take(document, 0)
    if not reader.outlines:
        raise _refuse(
            "ポリゴン (Polygon・MultiPolygon) がありません。",
            "it holds no polygon (Polygon or MultiPolygon).",
        )
    return reader.outlines


class _Reader:
    def __init__(self) -> None:
        self.outlines: list[Outline] = []
        self.vertices = 0

    def take(self, node: Any, depth: int, name: str | None = None) -> None:
        if depth > _MAX_DEPTH:
            raise _refuse("入れ子が深すぎます。", "it nests too deep.")
        if not isinstance(node, dict):
            raise _refuse("GeoJSON のオブジェクトではありません。", "it is not a GeoJSON object.")
        kind = node.get("type")
        if kind == "FeatureCollection":
            features = node.get("features")
            if not isinstance(features, list):
                raise _refuse("features が配列ではありません。", "its features are not a list.")
            for feature in features:
                self.take(feature, depth + 1)
        elif kind == "Feature":
            geometry = node.get("geometry")
            if geometry is not None:
                self.take(geometry, depth + 1, _name(node.get("properties")))
        elif kind == "GeometryCollection":
            geometries = node.get("geometries")
            if not isinstance(geometries, list):
                raise _refuse("geometries が配列ではありません。", "its geometries are not a list.")
            for geometry in geometries:
                self.take(geometry, depth + 1, name)
        elif kind == "Polygon":
            self.outlines.append(Outline(name, self._polygon(node.get("coordinates"))))
        elif kind == "MultiPolygon":
            polygons = node.get("coordinates")
            if not isinstance(polygons, list):
                raise _refuse("座標が配列ではありません。", "its coordinates are not a list.")
            for polygon in polygons:
                self.outlines.append(Outline(name, self._polygon(polygon)))
        elif kind in ("Point", "MultiPoint", "LineString", "MultiLineString"):
            return  # not an outline
        else:
            shown = str(kind)[:40]
            raise _refuse(
                f"GeoJSON の型ではありません ({shown})。", f"it is not a GeoJSON type ({shown})."
            )

    def _polygon(self, rings: Any) -> tuple[tuple[tuple[float, float], ...], ...]:
        if not isinstance(rings, list) or not rings:
            raise _refuse("ポリゴンの座標がありません。", "a polygon has no coordinates.")
        return tuple(self._ring(ring) for ring in rings)

    def _ring(self, ring: Any) -> tuple[tuple[float, float], ...]:
        if not isinstance(ring, list) or len(ring) < 3:
            raise _refuse("3点未満の輪郭があります。", "a ring has fewer than three positions.")
        self.vertices += len(ring)
        if self.vertices > MAX_VERTICES:
            raise _refuse(
                f"頂点が多すぎます (上限 {MAX_VERTICES:,})。",
                f"it has too many vertices (at most {MAX_VERTICES:,}).",
            )
        return tuple(_position(p) for p in ring)


def _position(position: Any) -> tuple[float, float]:
    if (
        isinstance(position, list)
        and len(position) >= 2
        and all(
            isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v)
            for v in position[:2]
        )
        and -180 <= position[0] <= 180
        and -90 <= position[1] <= 90
    ):
        return float(position[0]), float(position[1])
    shown = json.dumps(position, ensure_ascii=False)[:60]
    raise _refuse(
        f"経度・緯度として正しくない座標があります ({shown})。",
        f"a position is not a valid longitude and latitude ({shown}).",
    )


def _name(properties: Any) -> str | None:
    if not isinstance(properties, dict):
        return None
    for key in _NAME_KEYS:
        value = properties.get(key)
        if isinstance(value, str) and value.strip():
            return "".join(c for c in value.strip() if c.isprintable())[:100] or None
    return None
