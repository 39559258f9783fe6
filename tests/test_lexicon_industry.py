"""Checks on the industry lexicon and the Park / Site suffix lists."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

LEX = Path(__file__).resolve().parents[1] / "kg" / "lexicons"
INDUSTRY = LEX / "industry.tsv"
PARK = LEX / "park_suffix.tsv"
SITE = LEX / "site_suffix.tsv"

SECTORS = {"primary", "secondary", "tertiary", "emerging", "future"}
FORBIDDEN = {"产业", "经济", "发展", "行业", "产业链", "产业集群", "企业", "事业"}


def _data_lines(path: Path) -> list[tuple[int, str]]:
    text = path.read_text(encoding="utf-8")
    return [
        (no, line)
        for no, line in enumerate(text.splitlines(), 1)
        if line.strip() and not line.lstrip().startswith("#")
    ]


def _industry_rows() -> list[tuple[str, list[str], str]]:
    rows = []
    for no, line in _data_lines(INDUSTRY):
        cols = line.split("\t")
        assert len(cols) == 3, f"industry.tsv:{no}: expected 3 columns: {line!r}"
        name, aliases, sector = cols
        rows.append((name, [a for a in aliases.split("|") if a], sector))
    return rows


def _suffix_rows(path: Path) -> list[tuple[str, int]]:
    rows = []
    for no, line in _data_lines(path):
        cols = line.split("\t")
        assert len(cols) == 2, f"{path.name}:{no}: expected 2 columns: {line!r}"
        assert cols[1].isdigit(), f"{path.name}:{no}: min_stem not an int: {line!r}"
        rows.append((cols[0], int(cols[1])))
    return rows


def test_industry_parses():
    rows = _industry_rows()
    assert 300 <= len(rows) <= 600
    for name, aliases, sector in rows:
        assert sector in SECTORS, (name, sector)
        for s in [name, *aliases]:
            assert s and s == s.strip(), (name, s)
            assert not any(ch in s for ch in " \u3000，、。；“”《》()（）"), (name, s)
            assert len(s) >= 2, (name, s)


def test_industry_no_duplicates():
    counts = Counter()
    for name, aliases, _ in _industry_rows():
        counts[name] += 1
        for a in aliases:
            assert a != name, name
            counts[a] += 1
    dup = sorted(s for s, n in counts.items() if n > 1)
    assert not dup, f"surface forms listed twice: {dup}"


def test_industry_no_forbidden_generic():
    for name, aliases, _ in _industry_rows():
        for s in [name, *aliases]:
            assert s not in FORBIDDEN, s


@pytest.mark.parametrize(
    "name,sector",
    [
        ("新能源汽车", "emerging"),
        ("新能源和智能网联汽车", "emerging"),
        ("集成电路", "emerging"),
        ("低空经济", "emerging"),
        ("具身智能", "future"),
        ("量子科技", "future"),
        ("战略性新兴产业", "emerging"),
        ("未来产业", "future"),
        ("现代服务业", "tertiary"),
        ("先进制造业", "secondary"),
        ("中药材产业", "primary"),
        ("畜牧业", "primary"),
        ("跨境电商", "tertiary"),
        ("冰雪经济", "tertiary"),
        ("乡村文化旅游业", "tertiary"),
    ],
)
def test_industry_expected_entries(name, sector):
    by_name = {n: s for n, _, s in _industry_rows()}
    assert by_name.get(name) == sector


def test_industry_expected_aliases():
    aliases = {n: set(a) for n, a, _ in _industry_rows()}
    assert "有色" in aliases["有色金属"]
    assert "智能网联新能源汽车" in aliases["新能源和智能网联汽车"]
    assert "中药材" in aliases["中药材产业"]


@pytest.mark.parametrize("path", [PARK, SITE], ids=lambda p: p.name)
def test_suffix_files_parse_and_are_unique(path):
    rows = _suffix_rows(path)
    assert len(rows) >= 40
    seen = Counter(s for s, _ in rows)
    assert not [s for s, n in seen.items() if n > 1]
    for suffix, min_stem in rows:
        assert suffix and suffix == suffix.strip()
        assert 1 <= min_stem <= 6, suffix
        if len(suffix) == 1:
            assert min_stem >= 2, f"single-char suffix {suffix} needs a stem >= 2"


def test_suffix_expected_entries():
    park = dict(_suffix_rows(PARK))
    site = dict(_suffix_rows(SITE))
    for s in ("产业园", "园区", "博览园", "文旅园区", "经济技术开发区", "景区", "孵化基地"):
        assert s in park, s
    assert park["示范区"] >= 4
    for s in ("旧居", "陈列馆", "纪念馆", "水库", "机场", "高速公路", "烈士陵园"):
        assert s in site, s
    assert site["港"] >= 2
    assert site["教育基地"] >= 3
    # a park suffix is not a site suffix
    assert not set(park) & set(site)
