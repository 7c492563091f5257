"""District outlines from a local GeoJSON file: polygons and multipolygons kept with their
names, everything else refused with the reason in both languages."""

import json
from pathlib import Path

import pytest

from oneaqita.errors import DomainError
from oneaqita.services import map_outlines
from oneaqita.services.map_outlines import load_outlines, parse_outlines

SQUARE = [[140.0, 39.0], [140.1, 39.0], [140.1, 39.1], [140.0, 39.1], [140.0, 39.0]]
HOLE = [[140.02, 39.02], [140.03, 39.02], [140.03, 39.03], [140.02, 39.02]]


def _collection(*features: dict) -> bytes:
    return json.dumps({"type": "FeatureCollection", "features": list(features)}).encode()


def _feature(geometry: dict, **properties: str) -> dict:
    return {"type": "Feature", "properties": properties, "geometry": geometry}


def test_polygons_and_multipolygons_with_their_names(tmp_path: Path) -> None:
    path = tmp_path / "districts.geojson"
    path.write_bytes(
        b"\xef\xbb\xbf"  # a BOM, as some GIS tools write
        + _collection(
            _feature({"type": "Polygon", "coordinates": [SQUARE, HOLE]}, N03_004="秋田市"),
            _feature({"type": "MultiPolygon", "coordinates": [[SQUARE], [SQUARE]]}, name="男鹿市"),
            _feature({"type": "Point", "coordinates": [140.0, 39.0]}, name="役場"),
            {"type": "Feature", "properties": None, "geometry": None},
        )
    )
    outlines = load_outlines(path)
    assert [(o.name, len(o.rings)) for o in outlines] == [
        ("秋田市", 2),
        ("男鹿市", 1),
        ("男鹿市", 1),
    ]
    assert outlines[0].rings[0][1] == (140.1, 39.0)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"\xff\xfe{", "UTF-8"),
        (b"{not json", "JSON"),
        (b"[" * 100_000 + b"]" * 100_000, "入れ子"),
        (b'{"type": "Topology"}', "GeoJSON の型"),
        (_collection(_feature({"type": "Point", "coordinates": [1, 2]})), "ポリゴン"),
        (_collection(_feature({"type": "Polygon", "coordinates": [[[1, 2], [3, 4]]]})), "3点未満"),
        (
            _collection(_feature({"type": "Polygon", "coordinates": [[[1, 2], [3, 4], [999, 4]]]})),
            "座標",
        ),
        (
            _collection(_feature({"type": "Polygon", "coordinates": [[[1, 2], ["x", 4], [1, 4]]]})),
            "座標",
        ),
        (b'{"type": "FeatureCollection", "features": {}}', "features"),
    ],
)
def test_what_is_not_an_outline_file_is_refused_with_the_reason(data: bytes, reason: str) -> None:
    with pytest.raises(DomainError) as raised:
        parse_outlines(data)
    assert reason in raised.value.ja
    assert raised.value.ja.startswith("区域ファイルを読み込めません")
    assert raised.value.en.startswith("Cannot load the outlines")


def test_too_large_a_file_or_too_many_vertices_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(map_outlines, "MAX_BYTES", 100)
    big = tmp_path / "big.geojson"
    big.write_bytes(_collection(_feature({"type": "Polygon", "coordinates": [SQUARE]})) * 2)
    with pytest.raises(DomainError, match="大きすぎ"):
        load_outlines(big)
    monkeypatch.setattr(map_outlines, "MAX_VERTICES", 8)
    many = _collection(*[_feature({"type": "Polygon", "coordinates": [SQUARE]})] * 2)
    with pytest.raises(DomainError, match="頂点が多すぎ"):
        parse_outlines(many)
    with pytest.raises(DomainError, match="開けません"):
        load_outlines(tmp_path / "missing.geojson")
