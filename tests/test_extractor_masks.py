"""The masks extractor: redacted place names keep their masks."""
import pytest

from kg.extractors import find_mentions
from kg.segment import segment


def found(text):
    return {(m.type, m.name, m.surface(text)) for m in find_mentions(text, segment(text), ["masks"])}


@pytest.mark.parametrize("text, expected", [
    ("**区认真落实省委部署，XX县扎实推进乡村振兴。", {("Place", "**区", "**区"), ("Place", "XX县", "XX县")}),
    ("××镇与○○村结对共建。", {("Place", "××镇", "××镇"), ("Place", "○○村", "○○村")}),
    ("**市***区同步推进。", {("Place", "**市", "**市"), ("Place", "***区", "***区")}),
    ("某某镇党委书记作表态发言。", {("Place", "某某镇", "某某镇")}),
    ("ＸＸ街道、＊＊社区联合开展活动。", {("Place", "ＸＸ街道", "ＸＸ街道"), ("Place", "＊＊社区", "＊＊社区")}),
])
def test_finds(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize("text", [
    "全县共有**名党员参加培训。",
    "完成投资**亿元，同比增长**%。",
    "全市各区县认真落实。",
    "****区",  # four marks: not a mask the documents use
])
def test_not_places(text):
    assert found(text) == set()
