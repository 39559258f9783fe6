"""The ``kg build`` command on bad input: one line naming the file and the reason, a documented exit code."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.namespace import RDF

from kg import cli, corpus
from kg.rdf import document_iri
from kg.vocab import KG

ROOT = Path(__file__).resolve().parent.parent
GOOD = "关于推进乡村振兴的实施意见\n一、总体要求\n加快青岭村建设，持续深化“党课开讲啦”活动。\n"


def run_kg(capsys, *argv: str) -> tuple[int, list[str]]:
    """Run ``kg`` in this process; its exit code and its stderr lines."""
    code = cli.main(list(argv))
    return code, capsys.readouterr().err.splitlines()


@pytest.fixture
def folder(tmp_path):
    """Documents of every kind a user's folder holds: good, GB18030, empty, blank, binary, PDF."""
    d = tmp_path / "docs"
    d.mkdir()
    (d / "good.txt").write_text(GOOD, encoding="utf-8")
    (d / "gb.txt").write_bytes(("关于红石镇的报告\n" + GOOD).encode("gb18030"))
    (d / "empty.txt").write_bytes(b"")
    (d / "blank.txt").write_text(" \n\u3000\n", encoding="utf-8")
    (d / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (d / "scan.txt").write_bytes(b"%PDF-1.4\n...")
    return d


def one_line_error(lines: list[str], path: Path, reason: str) -> None:
    assert lines == [f"kg build: {path}: {reason}"] or (
        len(lines) == 1 and lines[0].startswith(f"kg build: {path}: {reason}")), lines


@pytest.mark.parametrize("name, data, reason", [
    ("empty.txt", b"", "empty file"),
    ("blank.txt", " \r\n\t\u3000".encode(), "holds only blank space"),
    ("binary.txt", bytes(range(256)), "binary file (contains NUL bytes), not text"),
    ("report.txt", b"PK\x03\x04\x14\x00", "binary file (a ZIP archive or Office file such as .docx)"),
    ("odd.txt", b"\x80\xff\xff", "not text in UTF-8"),
])
def test_a_bad_file_is_one_line_and_exit_3(capsys, tmp_path, name, data, reason):
    path = tmp_path / name
    path.write_bytes(data)
    code, err = run_kg(capsys, "build", "-q", "--out", str(tmp_path / "out"), str(path))
    assert code == cli.EXIT_INPUT == 3
    one_line_error(err, path, reason)
    assert not (tmp_path / "out").exists()


def test_a_missing_path(capsys, tmp_path):
    code, err = run_kg(capsys, "build", "-q", "--out", str(tmp_path / "out"), str(tmp_path / "nowhere"))
    assert code == 3
    one_line_error(err, tmp_path / "nowhere", "no such file or directory")


def test_a_directory_without_documents(capsys, tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "report.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    code, err = run_kg(capsys, "build", "-q", "--out", str(tmp_path / "out"), str(tmp_path / "in"))
    assert code == 3
    one_line_error(err, tmp_path / "in", "directory holds no *.txt documents (it holds 1 other file(s), "
                                         "such as report.doc)")


def test_an_unreadable_file(capsys, tmp_path, monkeypatch):
    path = tmp_path / "locked.txt"
    path.write_text(GOOD, encoding="utf-8")
    real = Path.read_bytes

    def read_bytes(self):
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)
    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    code, err = run_kg(capsys, "build", "-q", "--out", str(tmp_path / "out"), str(path))
    assert code == 3
    one_line_error(err, path, "permission denied")


def test_the_first_bad_file_stops_the_build(capsys, folder, tmp_path):
    code, err = run_kg(capsys, "build", "-q", "--out", str(tmp_path / "out"), str(folder))
    assert code == 3 and len(err) == 1
    assert err[0].startswith(f"kg build: {folder / 'binary.txt'}: binary file")
    assert not (tmp_path / "out").exists()


def test_skip_bad_reports_each_bad_file_and_builds_the_rest(capsys, folder, tmp_path):
    out = tmp_path / "out"
    code, err = run_kg(capsys, "build", "-q", "--skip-bad", "--no-cache", "--workers", "1", "--out", str(out),
                   str(folder), str(tmp_path / "nowhere.txt"))
    assert code == cli.EXIT_OK
    skipped = sorted(re.match(r"kg build: skipped (\S+): ", line).group(1) for line in err)
    assert skipped == sorted(str(p) for p in [folder / "binary.txt", folder / "blank.txt", folder / "empty.txt",
                                              folder / "scan.txt", tmp_path / "nowhere.txt"])
    graph = Graph().parse(out / "graph.ttl", format="turtle")
    assert set(graph.subjects(RDF.type, KG.Document)) == {document_iri("gb"), document_iri("good")}


def test_skip_bad_with_nothing_left_to_build(capsys, tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    code, err = run_kg(capsys, "build", "-q", "--skip-bad", "--out", str(tmp_path / "out"), str(tmp_path / "empty.txt"))
    assert code == 3
    assert err == [f"kg build: skipped {tmp_path / 'empty.txt'}: empty file", "kg build: no documents to build"]


def test_unknown_encoding_is_a_usage_error(capsys, folder, tmp_path):
    code, err = run_kg(capsys, "build", "-q", "--encoding", "klingon", "--out", str(tmp_path / "out"), str(folder))
    assert code == cli.EXIT_USAGE == 2
    assert err == ["kg build: unknown encoding 'klingon'"]


def test_encoding_option_decodes_what_detection_would_not(capsys, tmp_path):
    text = "臺灣地區經濟報告\n推動經濟發展，加快青嶺村建設。\n"
    (tmp_path / "big5.txt").write_bytes(text.encode("big5"))
    out = tmp_path / "out"
    code, err = run_kg(capsys, "build", "-q", "--no-cache", "--workers", "1", "--encoding", "big5", "--out", str(out),
                   str(tmp_path / "big5.txt"))
    assert code == 0, err
    assert "推動經濟發展" in (out / "graph.ttl").read_text(encoding="utf-8")


def test_an_encoding_that_does_not_fit_names_the_file(capsys, tmp_path):
    (tmp_path / "gb.txt").write_bytes(GOOD.encode("gb18030"))
    code, err = run_kg(capsys, "build", "-q", "--encoding", "utf-8", "--out", str(tmp_path / "out"),
                   str(tmp_path / "gb.txt"))
    assert code == 3
    one_line_error(err, tmp_path / "gb.txt", "not valid utf-8 (byte 0")


def test_an_output_path_that_is_a_file(capsys, tmp_path):
    (tmp_path / "doc.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "out").write_text("not a directory")
    code, err = run_kg(capsys, "build", "-q", "--out", str(tmp_path / "out"), str(tmp_path / "doc.txt"))
    assert code == cli.EXIT_OUTPUT == 4
    assert err == [f"kg build: --out {tmp_path / 'out'}: not a directory"]


def test_an_output_directory_that_cannot_be_made(capsys, tmp_path):
    (tmp_path / "doc.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "file").write_text("x")
    code, err = run_kg(capsys, "build", "-q", "--no-cache", "--workers", "1", "--out", str(tmp_path / "file" / "out"),
                   str(tmp_path / "doc.txt"))
    assert code == 4
    assert len(err) == 1 and err[0].startswith("kg build: cannot write ") and "Not a directory" in err[0]


def test_an_internal_error_is_one_line_and_exit_1(capsys, tmp_path, monkeypatch):
    def broken(doc):
        raise RuntimeError("extractor broke")
    monkeypatch.setattr(corpus, "extract_document", broken)
    (tmp_path / "doc.txt").write_text(GOOD, encoding="utf-8")
    code, err = run_kg(capsys, "build", "-q", "--no-cache", "--workers", "1", "--out", str(tmp_path / "out"),
                   str(tmp_path / "doc.txt"))
    assert code == cli.EXIT_INTERNAL == 1
    assert err == ["kg build: internal error: RuntimeError: extractor broke (set KG_DEBUG=1 for the traceback)"]


def test_the_installed_command_prints_no_traceback(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    env = {k: v for k, v in os.environ.items() if k != "KG_DEBUG"}
    run = subprocess.run([sys.executable, "-m", "kg", "build", "--out", str(tmp_path / "out"),
                          str(tmp_path / "empty.txt")], capture_output=True, text=True, env=env, timeout=120)
    assert run.returncode == 3
    assert run.stderr == f"kg build: {tmp_path / 'empty.txt'}: empty file\n"


def test_the_readme_documents_every_exit_code():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Exit codes", 1)[1].split("\n## ", 1)[0]
    codes = {int(c) for c in re.findall(r"^\|\s*(\d+)\s*\|", section, re.M)}
    assert codes == {v for k, v in vars(cli).items() if k.startswith("EXIT_")} | {130}
