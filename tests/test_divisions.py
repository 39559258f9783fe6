"""kg.divisions: official division codes and parents, and a document's names resolved to them."""
from collections import Counter
from pathlib import Path

import pytest

from kg import divisions
from kg.divisions import ancestors, by_name, contains, get, resolve

TSV = Path(__file__).resolve().parents[1] / "kg" / "lexicons" / "divisions.tsv"
PARENT_LEVELS = {"province": {None}, "city": {"province"}, "county": {"city", "province"},
                 "town": {"county", "city"}}


def _only(name):
    (d,) = by_name(name)
    return d


def _rows():
    return [line.split("\t") for line in TSV.read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#")]


def test_a_county_lies_in_its_city_and_province():
    county = _only("船山区")
    assert (county.code, county.level, county.parent) == ("510903", "county", "510900")
    assert [(a.name, a.level) for a in ancestors(county)] == [("遂宁市", "city"), ("四川省", "province")]
    sichuan, suining = _only("四川省"), _only("遂宁市")
    assert contains(sichuan, county) and contains(suining, county)
    assert not contains(county, suining) and not contains(county, county)
    assert not contains(_only("吉林省"), county)


def test_get_by_code_and_unknown_codes():
    assert get("510903") == _only("船山区")
    assert get("510000").name == "四川省" and ancestors(get("510000")) == ()
    assert get("999999") is None


def test_short_forms_of_the_gazetteer_find_the_full_name():
    assert by_name("遂宁") == by_name("遂宁市")
    assert by_name("四川") == by_name("四川省")
    assert by_name("不存在的地方") == ()


def test_towns_have_nine_digit_codes_under_their_county():
    towns = by_name("龙凤镇")
    assert len(towns) > 1 and list(towns) == sorted(towns, key=lambda d: d.code)
    (ours,) = [t for t in towns if t.parent == "510903"]
    assert len(ours.code) == 9 and ours.level == "town" and ours.code.startswith("510903")
    assert resolve(["龙凤镇", "船山区"])["龙凤镇"] == ours


def test_an_ambiguous_county_is_decided_by_the_other_places_of_the_document():
    beijing, changchun = by_name("朝阳区")
    assert (beijing.code, changchun.code) == ("110105", "220104")
    assert resolve(["朝阳区", "长春市"])["朝阳区"] == changchun      # an ancestor named
    assert resolve(["北京市", "朝阳区"])["朝阳区"] == beijing
    assert resolve(["望京街道", "朝阳区"])["朝阳区"] == beijing      # a descendant named
    assert resolve(["朝阳区", "南山区"]) == {}                       # nothing decides
    assert "朝阳区" not in resolve(["朝阳区", "北京市", "长春市"])     # both fit


def test_decisions_feed_further_decisions():
    # 硅谷街道 decides 朝阳区 (Changchun's); only then does 朝阳区 decide 桂林街道 (four of that name)
    got = resolve(["桂林街道", "朝阳区", "硅谷街道"])
    assert got["朝阳区"].code == "220104"
    assert got["桂林街道"].parent == "220104"
    assert resolve(["桂林街道", "硅谷街道"]).keys() == {"硅谷街道"}


def test_resolve_ignores_order_and_duplicates():
    names = ["朝阳区", "长春市", "遂宁", "船山区", "龙凤镇", "长春市"]
    assert resolve(names) == resolve(reversed(names)) == resolve(set(names))
    assert list(resolve(names)) == sorted(set(names))


@pytest.mark.parametrize("name", ["**区", "XX县", "××镇", "＊＊市", "○○乡", "某某街道"])
def test_masked_names_never_resolve(name):
    assert by_name(name) == ()
    assert name not in resolve([name, "四川省", "船山区"])


def test_codes_are_unique_and_every_parent_exists_one_level_up():
    rows = _rows()
    codes = Counter(r[0] for r in rows)
    assert codes.most_common(1)[0][1] == 1
    by_code = {r[0]: r for r in rows}
    for code, name, level, parent in rows:
        assert len(code) == (9 if level == "town" else 6) and code.isdigit(), code
        parent_level = by_code[parent][2] if parent else None
        assert parent_level in PARENT_LEVELS[level], (code, name, parent)
        if parent:
            assert code.startswith(parent[:6] if level == "town" else parent[:2]), (code, parent)


def test_every_level_is_there_and_the_source_is_named():
    levels = Counter(r[2] for r in _rows())
    assert levels["province"] == 34 and levels["city"] > 300 and levels["county"] > 2800
    assert levels["town"] > 38000
    header = [line for line in TSV.read_text(encoding="utf-8").splitlines() if line.startswith("#")]
    package, version = divisions.SOURCE.split()[:2]
    assert any(f"{package} {version}" in line for line in header)
