"""kg.metadata: a document's title, date, source, author, place and kind, from a table or inferred."""
import logging
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF

from kg.cli import main
from kg.document import document_from_text
from kg.metadata import (MetadataError, date_in_name, normalise_date, read_table, stated_date, with_metadata,
                         year_in_title)
from kg.vocab import KG

GYEAR = URIRef("http://www.w3.org/2001/XMLSchema#gYear")
DATE = URIRef("http://www.w3.org/2001/XMLSchema#date")
SPEECH = "各位代表：\n现在，我代表县人民政府，向大会报告工作。\n全力推进青岭村人居环境整治。\n"


def write(d: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (d / name).parent.mkdir(parents=True, exist_ok=True)
        (d / name).write_text(text, encoding="utf-8")
    return d


def documents(out: Path) -> dict[str, dict]:
    """Each built document's path (relative name) -> its DCTERMS statements."""
    g = Graph().parse(out / "graph.ttl")
    docs = {}
    for d in g.subjects(RDF.type, KG.Document):
        name = Path(str(g.value(d, KG.sourcePath))).name
        docs[name] = {p: o for p, o in g.predicate_objects(d) if str(p).startswith(str(DCTERMS))}
    return docs


def test_a_manifest_at_the_root_of_a_directory_is_read_on_its_own(tmp_path, caplog):
    corpus = write(tmp_path / "corpus", {
        "reports/2024.txt": SPEECH,
        "speeches/a.txt": "同志们：\n今天我们开会。\n",
        "MANIFEST.tsv": "file\ttitle\trepo\tchars\n"
                        "reports/2024.txt\t2024年县政府工作报告\tsomewhere\t40\n"
                        "speeches/a.txt\t在全县干部大会上的讲话\tsomewhere\t12\n",
    })
    with caplog.at_level(logging.WARNING, logger="kg.metadata"):
        assert main(["build", str(corpus), "--out", str(tmp_path / "out"), "-q"]) == 0
    docs = documents(tmp_path / "out")
    assert docs["2024.txt"][DCTERMS.title] == Literal("2024年县政府工作报告", lang="zh")
    assert docs["a.txt"][DCTERMS.title] == Literal("在全县干部大会上的讲话", lang="zh")
    # the unknown columns are named, once
    (warning,) = [r.getMessage() for r in caplog.records if "not used" in r.getMessage()]
    assert "repo, chars" in warning


def test_metadata_flag_maps_columns_to_dcterms(tmp_path):
    docs = write(tmp_path / "docs", {"one.txt": SPEECH, "two.txt": "同志们：\n今天我们开会。\n"})
    table = write(tmp_path / "meta", {"table.csv": (
        "file,title,date,url,speaker,place,kind\n"
        "../docs/one.txt,县政府工作报告,2024年1月26日,https://example.org/report?id=1,张三,某县,work report\n"
        "../docs/two.txt,讲话,2023,人民日报,李四,,speech\n")}) / "table.csv"
    assert main(["build", str(docs), "--metadata", str(table), "--out", str(tmp_path / "out"), "-q"]) == 0
    one, two = documents(tmp_path / "out")["one.txt"], documents(tmp_path / "out")["two.txt"]
    assert one[DCTERMS.title] == Literal("县政府工作报告", lang="zh")
    assert one[DCTERMS.date] == Literal("2024-01-26", datatype=DATE)
    assert one[DCTERMS.source] == URIRef("https://example.org/report?id=1")
    assert (one[DCTERMS.creator], one[DCTERMS.spatial], one[DCTERMS.type]) == \
        (Literal("张三"), Literal("某县"), Literal("work report"))
    assert two[DCTERMS.date] == Literal("2023", datatype=GYEAR)
    assert two[DCTERMS.source] == Literal("人民日报")
    assert DCTERMS.spatial not in two


def test_a_table_without_a_file_column_is_bad_input(tmp_path, capsys):
    docs = write(tmp_path / "docs", {"one.txt": SPEECH, "meta.tsv": "name\ttitle\none.txt\tx\n"})
    assert main(["build", str(docs / "one.txt"), "--metadata", str(docs / "meta.tsv"),
                 "--out", str(tmp_path / "out")]) == 3
    assert "no 'file' column" in capsys.readouterr().err
    assert main(["build", str(docs / "one.txt"), "--metadata", str(docs / "missing.tsv"),
                 "--out", str(tmp_path / "out")]) == 3


def test_a_bad_date_is_dropped_with_a_warning(tmp_path, caplog):
    table = write(tmp_path, {"m.tsv": "file\tdate\na.txt\tlast spring\nb.txt\t2023-02-30\nc.txt\t2023/3/5\n"}) / "m.tsv"
    with caplog.at_level(logging.WARNING, logger="kg.metadata"):
        meta = read_table(table)
    assert [meta[str((tmp_path / n).resolve())].date for n in ("a.txt", "b.txt", "c.txt")] == ["", "", "2023-03-05"]
    assert sum("is not a date" in r.getMessage() for r in caplog.records) == 2


def test_a_table_naming_none_of_the_documents_is_warned_about(tmp_path, caplog):
    docs = [document_from_text(SPEECH, "one.txt", str(tmp_path / "one.txt"))]
    table = write(tmp_path, {"m.tsv": "file\ttitle\nother.txt\tx\n"}) / "m.tsv"
    with caplog.at_level(logging.WARNING, logger="kg.metadata"):
        assert with_metadata(docs, [], [table])[0].title == ""
    assert any("names none" in r.getMessage() for r in caplog.records)


def test_without_a_table_the_title_is_the_first_title_like_line():
    assert document_from_text(SPEECH).title == ""  # a salutation, then the body
    doc = document_from_text("\u200b\n\n政府工作报告\n各位代表：\n现在，我代表政府报告工作。\n")
    assert doc.title == "政府工作报告"


@pytest.mark.parametrize("text, name, date", [
    ("讲话\n（2023年12月5日）\n正文。", "x.txt", "2023-12-05"),
    ("报告\n２０２４年１月２６日在县第十八届人民代表大会上\n正文。", "x.txt", "2024-01-26"),
    ("报告\n（一九五四年九月二十三日）\n正文。", "x.txt", "1954-09-23"),
    # a date the body speaks of does not date the document: the file name does
    ("同志们！\n第九次全国代表大会在一九六九年四月一日召开，取得了伟大胜利。\n", "2025-11-20-002.txt", "2025-11-20"),
    ("各位代表：\n现在，我代表国务院报告工作。\n", "2018.txt", "2018"),
    ("2026年山西省政府工作报告\n各位代表：\n现在报告工作。\n", "shanxisheng.txt", "2026"),
    ("讲话\n" + "正文。" * 200 + "2023年12月5日", "x.txt", None),  # only the opening lines count
])
def test_date_fallbacks(text, name, date):
    assert document_from_text(text, name).date == date


@pytest.mark.parametrize("title, year", [
    ("2025年中华人民共和国国务院政府工作报告", "2025"),
    ("国家主席习近平发表二〇二五年新年贺词", "2025"),
    ("在中国共产党第十次全国代表大会上的报告", "1973"),
    ("加快改革开放和现代化建设步伐 (十四大)", "1992"),
    ("学习贯彻党的十九大精神", None),  # names the congress, was not given at it
])
def test_year_in_title(title, year):
    assert year_in_title(title) == year


def test_congress_title_dates_a_document_from_the_table(tmp_path):
    corpus = write(tmp_path / "c", {"14-09.txt": "同志们：\n我代表中央委员会向大会作报告。\n",
                                    "metadata.tsv": "file\ttitle\n14-09.txt\t加快改革开放和现代化建设步伐 (十四大)\n"})
    assert main(["build", str(corpus), "--out", str(tmp_path / "out"), "-q"]) == 0
    assert documents(tmp_path / "out")["14-09.txt"][DCTERMS.date] == Literal("1992", datatype=GYEAR)


@pytest.mark.parametrize("value, iso", [
    ("2017-10-18", "2017-10-18"), ("2017/10/18", "2017-10-18"), ("2017年10月18日", "2017-10-18"),
    ("2017-10", "2017-10"), ("2017", "2017"), ("2017-10-18T09:00:00", "2017-10-18"), ("2017-13-01", None),
])
def test_normalise_date(value, iso):
    assert normalise_date(value) == iso


def test_date_in_name():
    assert date_in_name("2025-11-20-002.txt") == "2025-11-20"
    assert date_in_name("19-14.txt") is None  # a congress and a sequence number, not a date
    assert stated_date("讲话\n正文没有日期。") is None


def test_metadata_error_names_the_table(tmp_path):
    with pytest.raises(MetadataError, match="no such metadata table"):
        read_table(tmp_path / "nope.tsv")
