"""Stage 1: a document is its decoded, line-normalised text plus where it came from."""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path


class InputError(Exception):
    """A path that cannot be built: missing, unreadable, empty, binary or undecodable."""

    def __init__(self, path: Path | str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason


@dataclass(frozen=True)
class Document:
    """One input text. ``text`` is what offsets count in (Unicode code points)."""

    id: str          # stable, IRI-safe identifier derived from the file name
    text: str
    source: str      # path as given, or "<text>"
    sha256: str

    @property
    def title(self) -> str:
        first = self.text.split("\n", 1)[0].strip()
        return first if 0 < len(first) <= 80 else ""


def normalise_text(raw: str) -> str:
    """Line ends to ``\\n``, no BOM: the form every offset refers to."""
    return raw.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


_UNSAFE_ID = re.compile(r"[^\w\-.]+")


def document_id(name: str) -> str:
    """A short, stable identifier for a document name: its stem, made IRI-safe."""
    stem = Path(name).stem or "document"
    return _UNSAFE_ID.sub("_", stem).strip("_") or "document"


def document_from_text(text: str, name: str = "document.txt", source: str = "<text>") -> Document:
    text = normalise_text(text)
    return Document(
        id=document_id(name),
        text=text,
        source=source,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
    )


def decode(data: bytes, path: Path | str, encoding: str | None = None) -> str:
    """Decode bytes of a document; UTF-8 (with or without BOM) first, then UTF-16, then GB18030."""
    if encoding:
        try:
            return data.decode(encoding)
        except (LookupError, UnicodeDecodeError) as exc:
            raise InputError(path, f"cannot decode as {encoding}: {exc}") from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    if b"\x00" in data:
        raise InputError(path, "binary file (contains NUL bytes)")
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        raise InputError(path, "not text in UTF-8, UTF-16 or GB18030") from None


def read_document(path: Path | str, encoding: str | None = None) -> Document:
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except IsADirectoryError:
        raise InputError(path, "is a directory") from None
    except PermissionError:
        raise InputError(path, "permission denied") from None
    except OSError as exc:
        raise InputError(path, exc.strerror or str(exc)) from None
    text = decode(data, path, encoding)
    if "\x00" in text:
        raise InputError(path, "binary file (contains NUL characters)")
    if not text.strip():
        raise InputError(path, "empty document")
    return document_from_text(text, name=path.name, source=str(path))


def collect_paths(paths: list[Path | str]) -> list[Path]:
    """Expand directories to the ``*.txt`` files under them, sorted; keep files as given."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            found = sorted(q for q in p.rglob("*.txt") if q.is_file())
            if not found:
                raise InputError(p, "directory holds no *.txt documents")
            out.extend(found)
        elif p.exists():
            out.append(p)
        else:
            raise InputError(p, "no such file or directory")
    return out
