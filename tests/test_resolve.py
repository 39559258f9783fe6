"""kg.resolve: the one overlap policy, and merging mentions into entities."""
import pytest
from rdflib import RDFS

from kg.mentions import Mention
from kg.pipeline import build_results, entity_resolver
from kg.rdf import to_graph
from kg.resolve import (MAX_MENTION, clean_name, decide_types, drop_only_nested, merge_entities, name_key,
                        outer_mentions, resolve_mentions)
from kg.vocab import KG


def at(text, surface, type_, name=None, priority=50, extractor="test", start=0):
    b = text.index(surface, start)
    return Mention(b, b + len(surface), type_, name or surface, priority, extractor)


def spans(text, mentions):
    return sorted((m.type, m.name, m.surface(text)) for m in mentions)


def test_nested_mentions_of_different_entities_are_kept():
    text = "贯彻《成渝地区双城经济圈建设规划纲要》。"
    policy = at(text, "成渝地区双城经济圈建设规划纲要", "Policy", priority=65, extractor="titles")
    region = at(text, "成渝地区双城经济圈", "Place", extractor="gazetteer")
    suffix = at(text, "成渝地区双城经济圈", "Place", priority=30, extractor="suffixes")
    assert set(resolve_mentions(text, [region, policy, suffix])) == {policy, region}


def test_nested_lexicon_name_of_another_entity_is_kept():
    text = "推动成渝地区双城经济圈建设，促进成渝地区协同发展。"
    outer = at(text, "成渝地区双城经济圈", "Place", extractor="gazetteer")
    inner = at(text, "成渝地区", "Place", extractor="gazetteer")
    alone = at(text, "成渝地区", "Place", extractor="gazetteer", start=inner.end)
    assert set(resolve_mentions(text, [outer, inner, alone])) == {outer, inner, alone}


def test_place_inside_a_park_name_is_kept():
    text = "支持周口国家农高区建设。"
    park = at(text, "周口国家农高区", "Park", extractor="suffixes", priority=30)
    place = at(text, "周口", "Place", "周口市", extractor="gazetteer", priority=35)
    assert set(resolve_mentions(text, [park, place])) == {park, place}


def test_crossing_mentions_decided_by_priority():
    text = "加快建设青山湖科技园区。"
    low = at(text, "青山湖科技", "Concept", priority=30)
    high = at(text, "湖科技园区", "Park", priority=60)
    assert resolve_mentions(text, [low, high]) == (high,)


def test_crossing_mentions_of_equal_priority_decided_by_length():
    text = "加快建设青山湖科技园区。"
    short = at(text, "青山湖科", "Concept")
    long_ = at(text, "湖科技园区", "Park")
    assert resolve_mentions(text, [short, long_]) == (long_,)


def test_same_span_keeps_the_higher_priority():
    text = "全面推行“一网通办”。"
    a = at(text, "一网通办", "Campaign", priority=60, extractor="quoted")
    b = at(text, "一网通办", "Concept", priority=50, extractor="gazetteer")
    assert resolve_mentions(text, [b, a]) == (a,)


def test_same_entity_twice_in_one_span_keeps_the_longer():
    text = "深入学习习近平新时代中国特色社会主义思想。"
    full = at(text, "习近平新时代中国特色社会主义思想", "Concept", extractor="gazetteer")
    short = at(text, "新时代中国特色社会主义思想", "Concept", "习近平新时代中国特色社会主义思想",
               extractor="gazetteer")
    assert resolve_mentions(text, [short, full]) == (full,)


def test_a_pattern_inside_its_own_longer_match_is_dropped():
    text = "深入开展中小企业工程款清欠攻坚行动。"
    long_ = at(text, "中小企业工程款清欠攻坚行动", "Campaign", priority=30, extractor="suffixes")
    inner = at(text, "工程款清欠攻坚行动", "Campaign", priority=30, extractor="suffixes")
    assert resolve_mentions(text, [inner, long_]) == (long_,)


def test_stopwords_are_never_mentions():
    text = "坚决反对“躺平”心态。"
    m = at(text, "躺平", "Campaign", priority=60, extractor="quoted")
    assert resolve_mentions(text, [m]) == ()


def test_overlong_candidates_are_dropped():
    text = "推" * (MAX_MENTION + 1) + "行动"
    m = Mention(0, len(text), "Campaign", text)
    assert resolve_mentions(text, [m]) == ()


def test_duplicates_collapse_and_output_is_sorted():
    text = "青岭村和石门村。"
    a, b = at(text, "石门村", "Place"), at(text, "青岭村", "Place")
    assert resolve_mentions(text, [a, b, a]) == (b, a)


def test_result_does_not_depend_on_candidate_order():
    text = "推动成渝地区双城经济圈建设，加快青山湖科技园区建设。"
    cands = [at(text, "成渝地区双城经济圈", "Place", priority=30), at(text, "成渝地区", "Place", priority=50),
             at(text, "青山湖科技", "Concept", priority=30), at(text, "湖科技园区", "Park", priority=30),
             at(text, "青山湖科", "Site", priority=30)]
    assert resolve_mentions(text, cands) == resolve_mentions(text, cands[::-1])


def test_lexicon_name_only_nested_in_a_longer_name_of_its_type_is_dropped():
    text = "加快成都平原经济区一体化发展。"
    outer = at(text, "成都平原经济区", "Place", priority=30, extractor="suffixes")
    inner = at(text, "成都平原", "Place", extractor="gazetteer")
    assert resolve_mentions(text, [outer, inner]) == (outer,)


def test_lexicon_name_also_met_alone_is_kept_everywhere():
    text = "加快成都平原经济区一体化发展，成都平原沃野千里。"
    outer = at(text, "成都平原经济区", "Place", priority=30, extractor="suffixes")
    nested = at(text, "成都平原", "Place", extractor="gazetteer")
    alone = at(text, "成都平原", "Place", extractor="gazetteer", start=nested.end)
    assert set(resolve_mentions(text, [outer, nested, alone])) == {outer, nested, alone}


def test_person_inside_a_doctrine_is_dropped():
    text = "坚持马克思主义立场观点方法。"
    doctrine = at(text, "马克思主义", "Concept", extractor="gazetteer")
    person = at(text, "马克思", "Person", extractor="gazetteer")
    assert drop_only_nested([doctrine, person]) == [doctrine]


def test_only_lexicon_names_are_dropped_when_nested():
    text = "加快成都平原经济区一体化发展。"
    outer = at(text, "成都平原经济区", "Place", priority=30, extractor="suffixes")
    inner = at(text, "成都平原", "Place", extractor="masks")
    assert drop_only_nested([outer, inner]) == [outer, inner]


def test_decide_types_one_type_per_name():
    ms = [Mention(0, 4, "Campaign", "一网通办", 60), Mention(9, 13, "Concept", "一网通办", 50),
          Mention(20, 24, "Concept", "一网通办", 50)]
    assert decide_types(ms) == {"一网通办": "Concept"}  # 2 x 51 outweighs 61


def test_decide_types_ties_break_by_type_name_and_keys_ignore_quotes():
    ms = [Mention(0, 4, "Park", "“海龙”园区", 40), Mention(9, 13, "Campaign", "海龙园区", 40)]
    assert decide_types(ms) == {"海龙园区": "Campaign"}


def test_name_key_and_clean_name():
    assert clean_name("“清廉四川”行动") == "清廉四川行动"
    assert clean_name("《意见》") == "意见"
    assert name_key("ＸＸ县") == "XX县"
    assert name_key("“ 两个确立 ”") == "两个确立"


def test_merge_entities_label_and_aliases():
    t1 = "深入学习习近平新时代中国特色社会主义思想。"
    t2 = "学懂弄通新时代中国特色社会主义思想，用习近平新时代中国特色社会主义思想武装头脑。"
    name = "习近平新时代中国特色社会主义思想"
    m1 = at(t1, name, "Concept")
    m2 = at(t2, "新时代中国特色社会主义思想", "Concept", name)
    m3 = at(t2, name, "Concept")
    entities = merge_entities([(t1, [m1]), (t2, [m2, m3])])
    assert list(entities) == [("Concept", name)]
    e = entities[("Concept", name)]
    assert (e.type, e.label, e.aliases) == ("Concept", name, ("新时代中国特色社会主义思想",))


def test_merge_entities_label_drops_quotes_keeps_masks():
    text = "持续打造“清廉**”品牌。"
    b = text.index("清廉")
    m = Mention(b, b + 4, "Campaign", "“清廉**”品牌", 60, "quoted")
    e = merge_entities([(text, [m])])[("Campaign", "清廉**品牌")]
    assert e.label == "清廉**品牌"
    assert e.aliases == ("清廉**",)


def test_merge_entities_keeps_types_apart():
    text = "黄河流域生态保护和黄河"
    a = Mention(0, 2, "Place", "黄河")
    b = Mention(9, 11, "Concept", "黄河")
    assert set(merge_entities([(text, [a, b])])) == {("Place", "黄河"), ("Concept", "黄河")}


def test_bracket_after_a_name_is_its_alias():
    text = "建设天齐绿色低碳产业园（遂甘园区），遂甘园区已投产。"
    park = at(text, "天齐绿色低碳产业园", "Park")
    decided = resolve_mentions(text, [park])
    assert ("Park", "天齐绿色低碳产业园", "遂甘园区") in spans(text, decided)


def test_bracket_belongs_to_the_whole_name_not_to_a_name_nested_in_it():
    text = "开展“购在中国（广西站）”活动，服务中国市场。"
    campaign = at(text, "购在中国（广西站）", "Campaign", priority=60, extractor="quoted")
    china = at(text, "中国", "Place")
    decided = resolve_mentions(text, [campaign, china, at(text, "中国", "Place", start=china.end)])
    assert spans(text, decided) == [("Campaign", "购在中国（广西站）", "购在中国（广西站）"),
                                    ("Place", "中国", "中国"), ("Place", "中国", "中国")]


def test_a_name_inside_a_longer_name_is_nested_in_it():
    doctrine = Mention(0, 5, "Concept", "马克思主义")
    person = Mention(0, 3, "Person", "马克思")
    alone = Mention(10, 13, "Person", "马克思")
    assert outer_mentions([doctrine, person, alone]) == {person: doctrine}


def test_mention_count_leaves_out_names_met_inside_longer_names(tmp_path):
    """马克思 counts its own mentions, not those of 马克思主义 (its links stay)."""
    p = tmp_path / "doc.txt"
    p.write_text("坚持马克思主义。\n马克思是伟大的思想家。\n学习马克思主义。\n", encoding="utf-8")
    results = build_results([p])
    g = to_graph(results, entity_resolver(results))
    counts = {str(label): int(n) for e, n in g.subject_objects(KG.mentionCount) for label in g.objects(e, RDFS.label)}
    assert counts["马克思"] == 1
    assert len(list(g.subjects(KG.nestedIn, None))) == 2


def test_spellings_with_and_without_enumeration_commas_are_one_name():
    assert name_key("千村示范、万村整治工程") == name_key("千村示范万村整治工程")
