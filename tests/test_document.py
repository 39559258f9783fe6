"""Reading documents: encodings, normal form, names, and bad input."""
from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from kg.document import (InputError, collect_paths, decode, document_from_text, document_id, normalise_text,
                         read_document, read_documents)
from kg.pipeline import extract_document

SEED = Path(__file__).resolve().parent.parent / "data" / "seed.txt"
TEXT = ("关于推进乡村振兴的实施意见\n"
        "一、总体要求\n"
        "持续深化“党课开讲啦”活动，坚定“四个自信”。加快青岭村建设，发展草莓、烤烟等特色产业。\n"
        "（一）坚持党的全面领导\n"
        "打造10个“数字领航”企业。研讨班在中央党校（国家行政学院）开班。\n")


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


# -- encodings ---------------------------------------------------------------

@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32",
                                      "gb18030", "gbk", "gb2312"])
def test_detects_the_encodings_documents_arrive_in(tmp_path, encoding):
    doc = read_document(write(tmp_path / "a.txt", TEXT.encode(encoding)))
    assert doc.text == TEXT


@pytest.mark.parametrize("encoding", ["gb18030", "utf-16", "utf-16-le", "utf-8-sig"])
def test_a_copy_in_another_encoding_gives_the_same_entities_and_offsets(tmp_path, encoding):
    text = SEED.read_text(encoding="utf-8")
    utf8 = extract_document(read_document(write(tmp_path / "a.txt", text.encode("utf-8"))))
    other = extract_document(read_document(write(tmp_path / "b.txt", text.encode(encoding))))
    assert utf8.mentions and other.mentions == utf8.mentions
    assert other.sections == utf8.sections
    assert other.document.text == utf8.document.text
    assert other.document.sha256 == utf8.document.sha256


def test_encoding_given_overrides_detection(tmp_path):
    # Big5 bytes also decode as GB18030, into other characters: only --encoding gets them right
    path = write(tmp_path / "big5.txt", "台灣省政府工作報告\n推動經濟發展。".encode("big5"))
    assert read_document(path).text != "台灣省政府工作報告\n推動經濟發展。"
    assert read_document(path, encoding="big5").text == "台灣省政府工作報告\n推動經濟發展。"


def test_encoding_given_that_does_not_fit_is_an_input_error(tmp_path):
    path = write(tmp_path / "gb.txt", TEXT.encode("gb18030"))
    with pytest.raises(InputError, match=r"gb\.txt: not valid utf-8 \(byte \d+"):
        read_document(path, encoding="utf-8")
    with pytest.raises(InputError, match="unknown encoding 'klingon'"):
        read_document(path, encoding="klingon")


def test_utf8_given_as_encoding_still_drops_a_byte_order_mark(tmp_path):
    path = write(tmp_path / "a.txt", TEXT.encode("utf-8-sig"))
    assert read_document(path, encoding="utf-8").text == TEXT


# -- the normal form ------------------------------------------------------------

def test_line_ends_become_newlines():
    assert normalise_text("一\r\n二\r三\n四") == "一\n二\n三\n四"


def test_page_and_line_separators_and_br_tags_become_newlines():
    assert normalise_text("一\f二\v三\u2028四\u2029五\x85六<br>七<BR/>八<br />九") == "一\n二\n三\n四\n五\n六\n七\n八\n九"


def test_control_characters_byte_order_marks_and_non_characters_are_dropped():
    assert normalise_text("\ufeff青岭\x00村\x07建设\x1b\x7f\x9f\ufffe\uffff\ud800。\t完") == "青岭村建设。\t完"


def test_quotes_brackets_and_full_width_forms_are_kept_as_written():
    text = "坚定\"四个自信\"「两个维护」『三农』(一)１２３，,"
    assert normalise_text(text) == text


def test_offsets_count_in_the_normalised_text(tmp_path):
    raw = "标题\r\n加快青岭村\x07建设。\r\n"
    doc = read_document(write(tmp_path / "a.txt", raw.encode("gb18030")))
    assert doc.text == "标题\n加快青岭村建设。\n"
    result = extract_document(doc)
    assert all(doc.text[m.begin:m.end] for m in result.mentions)
    assert any(doc.text[m.begin:m.end] == "青岭村" for m in result.mentions)


def test_document_from_text_drops_lone_surrogates_so_the_text_can_be_written():
    doc = document_from_text("青岭村\udcff建设", source="/tmp/\udcff.txt")
    doc.text.encode("utf-8")
    doc.source.encode("utf-8")
    assert doc.text == "青岭村建设"


# -- names ---------------------------------------------------------------------

@pytest.mark.parametrize("name, expected", [
    ("报告.txt", "报告"),
    ("2024年 政府工作报告（全文）.TXT", "2024年_政府工作报告_全文"),
    ("..txt", "document"),
    ("...txt", "document"),
    (".hidden.txt", "hidden"),
    ("a/b\\c:d*e?.txt", "b_c_d_e"),
    ("\udcff\udcfe.txt", "document"),
])
def test_document_ids_are_safe_file_and_iri_names(name, expected):
    ident = document_id(Path(name).name)
    assert ident == expected
    assert "/" not in ident and "\\" not in ident and not ident.startswith(".") and ident


def test_document_ids_are_the_same_in_nfc_and_nfd():
    assert document_id("\u5e7f\u4e1c\u0065\u0301.txt") == document_id("\u5e7f\u4e1c\u00e9.txt")


def test_document_ids_are_bounded_in_length():
    assert len(document_id("长" * 500 + ".txt")) == 100


# -- bad input -------------------------------------------------------------------

@pytest.mark.parametrize("data, reason", [
    (b"", "empty file"),
    (" \n\t\r\n\u3000\n".encode(), "holds only blank space"),
    ("\ufeff\r\n".encode("utf-16"), "holds only blank space"),
    (bytes(range(256)) * 8, "binary file (contains NUL bytes)"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "binary file (a PDF file)"),
    (b"PK\x03\x04\x14\x00\x06\x00", "binary file (a ZIP archive or Office file such as .docx)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00", "binary file (an old Office file such as .doc or .wps)"),
    (b"\xff\xd8\xff\xe0\x00\x10JFIF", "binary file (a JPEG image)"),
    (bytes([1, 2, 3, 4, 5, 6, 14, 15, 16, 17, 18, 19, 20]) * 20, "binary file (control characters)"),
    (b"\xef\xbb\xbf\xff\xfe", "not valid utf-8 despite its byte-order mark"),
    (b"\x80\xff" * 3 + b"\xff", "not text in UTF-8 (byte 0: invalid start byte), UTF-16 or GB18030"),
])
def test_bad_files_raise_an_input_error_naming_file_and_reason(tmp_path, data, reason):
    path = write(tmp_path / "bad.txt", data)
    with pytest.raises(InputError) as info:
        read_document(path)
    assert info.value.path == str(path)
    assert info.value.reason.startswith(reason)
    assert str(info.value).startswith(f"{path}: {reason}")
    assert "\n" not in str(info.value)


def test_missing_path(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_document(tmp_path / "missing.txt")
    with pytest.raises(InputError, match="missing: no such file or directory"):
        collect_paths([tmp_path / "missing"])


def test_broken_symbolic_link(tmp_path):
    (tmp_path / "link.txt").symlink_to(tmp_path / "gone.txt")
    with pytest.raises(InputError, match="link.txt: broken symbolic link"):
        read_documents([tmp_path / "link.txt"])


def test_a_directory_given_as_a_file(tmp_path):
    (tmp_path / "dir.txt").mkdir()
    with pytest.raises(InputError, match="dir.txt: is a directory"):
        read_document(tmp_path / "dir.txt")


def test_a_fifo_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    outcome = []
    reader = threading.Thread(target=lambda: outcome.append(_reason(fifo)), daemon=True)
    reader.start()
    reader.join(timeout=10)
    assert outcome == ["not a regular file"]


def _reason(path):
    try:
        read_document(path)
    except InputError as exc:
        return exc.reason


def test_unreadable_file_reports_permission_denied(tmp_path, monkeypatch):
    path = write(tmp_path / "locked.txt", TEXT.encode())

    def refuse(self):
        raise PermissionError(13, "Permission denied", str(self))
    monkeypatch.setattr(Path, "read_bytes", refuse)
    with pytest.raises(InputError, match="locked.txt: permission denied"):
        read_document(path)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file_on_disk(tmp_path):
    path = write(tmp_path / "locked.txt", TEXT.encode())
    path.chmod(0)
    with pytest.raises(InputError, match="locked.txt: permission denied"):
        read_document(path)


def test_directory_without_documents_names_what_it_holds(tmp_path):
    (tmp_path / "report.docx").write_bytes(b"PK\x03\x04")
    with pytest.raises(InputError, match=r"directory holds no \*\.txt documents \(it holds 1 other file\(s\), "
                                         r"such as report\.docx\)"):
        collect_paths([tmp_path])


# -- finding documents -------------------------------------------------------------

def test_directories_yield_txt_files_of_any_case_sorted_without_hidden_ones(tmp_path):
    for rel in ["b.txt", "a.TXT", "sub/c.Txt", ".hidden.txt", ".git/d.txt", "notes.md", "sub/.cache/e.txt"]:
        p = tmp_path / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text("文本")
    found = [p.relative_to(tmp_path).as_posix() for p in collect_paths([tmp_path])]
    assert found == ["a.TXT", "b.txt", "sub/c.Txt"]


def test_a_file_reached_twice_is_read_once(tmp_path):
    path = write(tmp_path / "a.txt", TEXT.encode())
    assert collect_paths([tmp_path, path, tmp_path / "." / "a.txt"]) == [path]


def test_files_are_kept_as_given_whatever_their_suffix(tmp_path):
    path = write(tmp_path / "report.md", TEXT.encode())
    assert collect_paths([path]) == [path]


def test_on_error_reports_bad_paths_and_reads_the_rest(tmp_path):
    good = write(tmp_path / "good.txt", TEXT.encode("gb18030"))
    write(tmp_path / "empty.txt", b"")
    write(tmp_path / "binary.txt", bytes(range(256)))
    (tmp_path / "nothing").mkdir()
    errors: list[InputError] = []
    docs = read_documents([tmp_path, tmp_path / "missing.txt", tmp_path / "nothing"], on_error=errors.append)
    assert [d.source for d in docs] == [str(good)]
    assert sorted((Path(e.path).name, e.reason.split(" (")[0]) for e in errors) == [
        ("binary.txt", "binary file"), ("empty.txt", "empty file"),
        ("missing.txt", "no such file or directory"), ("nothing", "directory holds no *.txt documents")]


def test_without_on_error_the_first_bad_path_raises(tmp_path):
    write(tmp_path / "a.txt", TEXT.encode())
    write(tmp_path / "b.txt", b"")
    with pytest.raises(InputError, match="b.txt: empty file"):
        read_documents([tmp_path])


def test_a_long_gb18030_line_without_breaks_decodes():
    text = "加快青岭村建设，发展草莓产业。" * 20000
    assert decode(text.encode("gb18030"), "x") == text


def test_utf16_starting_with_a_nul_is_not_taken_for_utf32(tmp_path):
    # UTF-16's mark FF FE then a NUL character (00 00) reads as UTF-32's mark FF FE 00 00
    p = tmp_path / "doc.txt"
    p.write_bytes("\x00一二".encode("utf-16"))
    assert read_document(p).text == "一二"
