"""Stage 1: a document is its decoded, normalised text plus where it came from.

Files arrive as UTF-8 (with or without a byte-order mark), UTF-16 or UTF-32
exports, or GB18030/GBK/GB2312 saved by office software, with any line
ends. :func:`decode` finds the encoding; :func:`normalise_text` gives the
one form every offset counts in, the form ``nif:isString`` holds:

- line ends ``\\r\\n`` and ``\\r`` become ``\\n``; so do the other line and page
  breaks (vertical tab, form feed, NEL, U+2028, U+2029) and HTML ``<br>``
  tags, which copy-pasted web pages leave in the text;
- the byte-order mark and every other control character are dropped
  (XML 1.0 forbids most of them in literals, and they carry no text),
  as are lone surrogates and the non-characters U+FFFE and U+FFFF.

Quotes, brackets and full-width forms are left as written: the text is the
document's own, and the extractors recognise the variants.
"""
from __future__ import annotations

import codecs
import hashlib
import os
import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Callable, Iterable

from kg.metadata import NO_METADATA, Metadata, document_date


class InputError(Exception):
    """A path that cannot be built: missing, unreadable, empty, binary or undecodable."""

    def __init__(self, path: Path | str, reason: str):
        self.path = printable(str(path))
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


@dataclass(frozen=True)
class Document:
    """One input text. ``text`` is what offsets count in (Unicode code points)."""

    id: str          # stable, IRI-safe identifier derived from the file name
    text: str
    source: str      # path as given, or "<text>"
    sha256: str
    meta: Metadata = NO_METADATA  # from a metadata table (kg.metadata)

    @cached_property  # computed once: the page and the graph ask several times
    def title(self) -> str:
        """The table's title, else the text's title line, else ""."""
        if self.meta.title:
            return self.meta.title
        from kg.sections import title_line
        span = title_line(self.text)
        return self.text[span[0]:span[1]] if span else ""

    @cached_property
    def date(self) -> str | None:
        """ISO 8601 date or year: the table's, the text's, the file name's or the title's (kg.metadata)."""
        name = self.id if self.source == "<text>" else Path(self.source).name
        return document_date(self.text, name, self.title, self.meta)


# -- normalising --------------------------------------------------------------

_LINE_BREAK = re.compile(r"\r\n?|[\v\f\x85\u2028\u2029]|<br\s*/?>", re.IGNORECASE)
# C0 and C1 controls but tab and newline; DEL; BOM; lone surrogates; U+FFFE, U+FFFF
_DROPPED = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ufeff\ud800-\udfff\ufffe\uffff]")


def normalise_text(raw: str) -> str:
    """Line breaks to ``\\n``, control characters dropped: the form every offset refers to."""
    return _DROPPED.sub("", _LINE_BREAK.sub("\n", raw))


def printable(s: str) -> str:
    """A path or name fit for a message or a literal: undecodable bytes and controls shown as ``?``."""
    s = s.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return "".join("?" if unicodedata.category(c) in ("Cc", "Cs") else c for c in s)


_UNSAFE_ID = re.compile(r"[^\w\-.]+")


def document_id(name: str) -> str:
    """A short, stable identifier for a document name: its stem, made IRI- and file-name-safe.

    Never empty, never starts with a dot (no ``.`` or ``..``), no slashes,
    at most 100 characters; the same in NFC whatever the file system wrote.
    """
    stem = unicodedata.normalize("NFC", Path(printable(name)).stem)
    ident = _UNSAFE_ID.sub("_", stem).strip("_.")[:100].rstrip("_.")
    return ident or "document"


def document_from_text(text: str, name: str = "document.txt", source: str = "<text>") -> Document:
    text = normalise_text(text)
    return Document(
        id=document_id(name),
        text=text,
        source=printable(source),
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
    )


# -- decoding -----------------------------------------------------------------

# Formats people save documents in that are not text: say which, so they know to convert.
_MAGIC = (
    (b"%PDF-", "a PDF file"),
    (b"PK\x03\x04", "a ZIP archive or Office file such as .docx"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office file such as .doc or .wps"),
    (b"{\\rtf", "an RTF file"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "an executable"),
)
_BOMS = (  # longest first: the UTF-32-LE mark begins with the UTF-16-LE one
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)


def _plausibility(text: str) -> float:
    """Share of characters a Chinese document is made of: hanzi, CJK, ASCII and general punctuation, space.

    Text decoded with the wrong one of GB18030 and UTF-16 scores low: it
    is strewn with control characters, Hangul, private-use or rare characters.
    """
    sample = text[:20000]
    if not sample:
        return 0.0
    good = sum(1 for c in sample if " " <= c <= "~" or "\u4e00" <= c <= "\u9fff" or "\u3000" <= c <= "\u303f"
               or "\uff00" <= c <= "\uffef" or "\u2000" <= c <= "\u206f" or "\u3400" <= c <= "\u4dbf"
               or c in "\t\n\r")
    return good / len(sample)


def _try(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return None


def _most_plausible(data: bytes, codecs_: tuple[str, ...]) -> tuple[str | None, float]:
    """The decoding that scores best (the first on ties), and its score."""
    best, score = None, -1.0
    for codec in codecs_:
        text = _try(data, codec)
        if text is not None and (s := _plausibility(text)) > score:
            best, score = text, s
    return best, score


def decode(data: bytes, path: Path | str, encoding: str | None = None) -> str:
    """Decode a document's bytes: ``encoding`` if given, else detected.

    Detection, first that fits: a byte-order mark (UTF-8, UTF-16, UTF-32);
    UTF-16 without one when NUL bytes show (ASCII characters in UTF-16);
    UTF-8; then the more plausible of GB18030 (which contains GBK and
    GB2312) and BOM-less UTF-16. Big5 and other encodings need ``encoding``.
    """
    if encoding:
        try:
            codec = codecs.lookup(encoding).name
        except LookupError:
            raise InputError(path, f"unknown encoding {encoding!r}") from None
        if codec == "utf-8":
            codec = "utf-8-sig"
        try:
            return data.decode(codec)
        except UnicodeDecodeError as exc:
            raise InputError(path, f"not valid {encoding} (byte {exc.start}: {exc.reason})") from None
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            raise InputError(path, f"binary file ({kind}), not text; save it as .txt first")
    marked = [codec for bom, codec in _BOMS if data.startswith(bom)]
    for codec in marked:
        # FF FE 00 00 is UTF-32's mark, and UTF-16's followed by a NUL character: try both
        text = _try(data, codec)
        if text is not None:
            return text
    if marked:
        raise InputError(path, f"not valid {marked[-1].replace('-sig', '')} despite its byte-order mark")
    utf16 = ("utf-16-le", "utf-16-be") if len(data) % 2 == 0 else ()
    if b"\x00" in data:
        text, score = _most_plausible(data, utf16)
        if text is None or score < 0.8:
            raise InputError(path, "binary file (contains NUL bytes), not text")
        return text
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    text, _ = _most_plausible(data, ("gb18030", *utf16))
    if text is None:
        raise InputError(path, f"not text in UTF-8 (byte {utf8_error.start}: {utf8_error.reason}), UTF-16 "
                               f"or GB18030; give --encoding if it is in another encoding")
    return text


def _looks_binary(text: str) -> bool:
    """Text decoded by chance from bytes that were not text: many control characters."""
    sample = text[:65536]
    controls = sum(1 for c in sample if c < " " and c not in "\t\n\r\v\f" or "\x7f" <= c <= "\x9f")
    return controls > max(8, len(sample) // 20)


# -- reading ------------------------------------------------------------------

def read_document(path: Path | str, encoding: str | None = None) -> Document:
    """Read, decode and normalise one file; :class:`InputError` names the file and the reason."""
    path = Path(path)
    try:
        if path.is_symlink() and not path.exists():
            raise InputError(path, "broken symbolic link")
        if path.is_dir():
            raise InputError(path, "is a directory")
        if path.exists() and not path.is_file():
            # a FIFO, device or socket: reading it could block for ever
            raise InputError(path, "not a regular file")
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except PermissionError:
        raise InputError(path, "permission denied") from None
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror or exc}") from None
    if not data:
        raise InputError(path, "empty file")
    raw = decode(data, path, encoding)
    if _looks_binary(raw):
        raise InputError(path, "binary file (control characters), not text")
    doc = document_from_text(raw, name=path.name, source=str(path))
    if not doc.text.strip():
        raise InputError(path, "holds only blank space")
    return doc


def _is_document(p: Path, root: Path) -> bool:
    """A ``.txt`` file (any case) not hidden and not in a hidden directory such as ``.git``."""
    return p.suffix.lower() == ".txt" and not any(part.startswith(".") for part in p.relative_to(root).parts) \
        and p.is_file()


def collect_paths(paths: Iterable[Path | str], on_error: Callable[[InputError], None] | None = None) -> list[Path]:
    """Expand directories to the ``*.txt`` files under them (any case, hidden files skipped), sorted.

    A file reached twice (``kg build dir dir/a.txt``) is kept once, where
    first met. A missing path, or a directory without documents, raises
    :class:`InputError`; or, when ``on_error`` is given, is passed to it and skipped.
    """
    out: list[Path] = []
    for p in map(Path, paths):
        try:
            if p.is_dir():
                found = sorted(q for q in p.rglob("*") if _is_document(q, p))
                if not found:
                    others = sorted(q.name for q in p.rglob("*") if q.is_file() and not q.name.startswith("."))
                    hint = f" (it holds {len(others)} other file(s), such as {others[0]})" if others else ""
                    raise InputError(p, f"directory holds no *.txt documents{hint}")
                out.extend(found)
            elif os.path.lexists(p):
                out.append(p)
            else:
                raise InputError(p, "no such file or directory")
        except InputError as exc:
            if on_error is None:
                raise
            on_error(exc)
    seen: set[str] = set()
    unique = []
    for p in out:
        key = os.path.realpath(p)
        if key not in seen:
            seen.add(key)
            unique.append(p)
    return unique


def read_documents(paths: Iterable[Path | str], encoding: str | None = None,
                   on_error: Callable[[InputError], None] | None = None) -> list[Document]:
    """Every document under ``paths``, in path order.

    A bad path raises :class:`InputError`; or, when ``on_error`` is given,
    is passed to it and skipped, and the rest are read.
    """
    docs = []
    for p in collect_paths(paths, on_error):
        try:
            docs.append(read_document(p, encoding))
        except InputError as exc:
            if on_error is None:
                raise
            on_error(exc)
    return docs
