"""Sanity checks for the general-knowledge lexicons in kg/lexicons/."""
from pathlib import Path

import pytest

LEX_DIR = Path(__file__).resolve().parent.parent / "kg" / "lexicons"
KINDS = ["concept", "organization", "event", "person", "hero", "policy"]
MIN_ENTRIES = {"concept": 250, "organization": 200, "event": 120,
               "person": 120, "hero": 80, "policy": 120}


def _data_lines(path):
    for lineno, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip() or raw.startswith("#"):
            continue
        yield lineno, raw


def load_lexicon(kind):
    entries = {}
    for lineno, raw in _data_lines(LEX_DIR / f"{kind}.tsv"):
        cols = raw.split("\t")
        assert len(cols) == 2, f"{kind}.tsv:{lineno}: expected 2 columns, got {cols!r}"
        name, aliases = cols
        assert name and name == name.strip(), f"{kind}.tsv:{lineno}: bad name {name!r}"
        alias_list = [a for a in aliases.split("|") if a] if aliases else []
        assert all(a == a.strip() for a in alias_list), f"{kind}.tsv:{lineno}: blank in alias"
        assert name not in entries, f"{kind}.tsv:{lineno}: duplicate name {name}"
        entries[name] = alias_list
    return entries


def load_stopwords():
    words = [raw.strip() for _, raw in _data_lines(LEX_DIR / "stopwords.tsv")]
    assert len(words) == len(set(words)), "duplicate stopwords"
    assert all("\t" not in w for w in words)
    return set(words)


@pytest.mark.parametrize("kind", KINDS)
def test_lexicon_parses_sorted_and_sized(kind):
    entries = load_lexicon(kind)
    names = [raw.split("\t")[0] for _, raw in _data_lines(LEX_DIR / f"{kind}.tsv")]
    assert names == sorted(names), f"{kind}.tsv not sorted"
    assert len(entries) >= MIN_ENTRIES[kind]


@pytest.mark.parametrize("kind", KINDS)
def test_surfaces_unique_within_file(kind):
    seen = {}
    for name, aliases in load_lexicon(kind).items():
        assert len(aliases) == len(set(aliases)), f"repeated alias in {name}"
        for surface in [name] + aliases:
            assert surface not in seen, f"{kind}: {surface} under {seen[surface]} and {name}"
            seen[surface] = name


@pytest.mark.parametrize("kind", KINDS)
def test_no_entry_is_stopword(kind):
    stop = load_stopwords()
    for name, aliases in load_lexicon(kind).items():
        for surface in [name] + aliases:
            assert surface not in stop, f"{kind}: {surface} is a stopword"


def test_no_surface_in_two_files():
    owner = {}
    for kind in KINDS:
        for name, aliases in load_lexicon(kind).items():
            for surface in [name] + aliases:
                assert owner.get(surface, kind) == kind, \
                    f"{surface} in both {owner[surface]} and {kind}"
                owner[surface] = kind


def test_stopwords_size_and_content():
    stop = load_stopwords()
    assert 150 <= len(stop) <= 400
    for w in ["全国", "全省", "城乡", "周边", "区域", "中央", "国家", "躺平", "摆烂",
              "微腐败", "走新", "走心", "警示钟", "官僚派"]:
        assert w in stop


@pytest.mark.parametrize("kind,name,alias", [
    ("concept", "习近平新时代中国特色社会主义思想", "新时代中国特色社会主义思想"),
    ("concept", "乡村振兴", "乡村全面振兴"),
    ("concept", "党的二十大精神", "二十大精神"),
    ("concept", "碳达峰碳中和", "双碳"),
    ("concept", "一带一路", "共建“一带一路”"),
    ("concept", "两个确立", None),
    ("concept", "四个自信", None),
    ("organization", "党中央", "中共中央"),
    ("organization", "中国共产党", "中共"),
    ("organization", "国家发展和改革委员会", "国家发展改革委"),
    ("organization", "工业和信息化部", "工信部"),
    ("organization", "中国农业科学院", "中国农科院"),
    ("organization", "中国科学院", "中科院"),
    ("event", "党的二十大", "二十大"),
    ("event", "党的二十届三中全会", "二十届三中全会"),
    ("event", "中国国际进口博览会", "进博会"),
    ("event", "抗美援朝", None),
    ("person", "习近平", None),
    ("person", "毛泽东", None),
    ("hero", "雷锋", None),
    ("hero", "焦裕禄", None),
    ("policy", "中华人民共和国宪法", "宪法"),
    ("policy", "中国共产党章程", "党章"),
    ("policy", "十四五规划", "“十四五”规划"),
    ("policy", "十五五规划", "“十五五”规划纲要"),
    ("policy", "河长制", None),
])
def test_known_entries(kind, name, alias):
    entries = load_lexicon(kind)
    assert name in entries, f"{name} missing from {kind}"
    if alias is not None:
        assert alias in entries[name], f"{alias} not an alias of {name}"


def test_titles_not_in_person_names():
    for kind in ("person", "hero"):
        for name, aliases in load_lexicon(kind).items():
            for surface in [name] + aliases:
                assert not surface.endswith(("总书记", "主席", "同志", "总理")), surface
