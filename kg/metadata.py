"""What a document is: its title, date, source, author, place and kind.

From a metadata table when there is one: ``kg build --metadata FILE``, or a
``MANIFEST.tsv``, ``metadata.tsv`` or ``metadata.csv`` at the root of a
directory being built. A table is CSV or TSV with a ``file`` column (paths
relative to the table) and any of the columns in :data:`COLUMNS`.

Without one, from the document itself: the title is the first title-like
line (:func:`kg.sections.title_line`); the date is the first full date in
the opening lines, else a date or year in the file name, else a year in the
title, else the year of the Party congress the title says it was given at.
Dates are ISO 8601: ``2017-10-18`` (``xsd:date``), ``2017-10``
(``xsd:gYearMonth``) or ``2017`` (``xsd:gYear``).
"""
from __future__ import annotations

import csv
import datetime
import logging
import os
import re
from dataclasses import dataclass, fields
from functools import lru_cache
from pathlib import Path
from typing import Iterable

log = logging.getLogger(__name__)

# table column -> Metadata field (the RDF term is in kg.rdf)
COLUMNS = {"title": "title", "date": "date", "source": "source", "url": "source", "author": "creator",
           "speaker": "creator", "place": "place", "kind": "kind"}
TABLE_NAMES = ("MANIFEST.tsv", "metadata.tsv", "metadata.csv")


@dataclass(frozen=True)
class Metadata:
    """A document's metadata from a table; empty strings where the table says nothing."""

    title: str = ""
    date: str = ""      # ISO 8601, normalised by :func:`normalise_date`
    source: str = ""    # where the text comes from: a URL or a description
    creator: str = ""   # author or speaker
    place: str = ""
    kind: str = ""      # speech, work report, …


NO_METADATA = Metadata()


class MetadataError(Exception):
    """A metadata table that cannot be read: missing, not CSV/TSV, or without a ``file`` column."""

    def __init__(self, path: Path | str, reason: str):
        self.path, self.reason = str(path), reason
        super().__init__(f"{path}: {reason}")


# -- dates ---------------------------------------------------------------------

_CN_DIGIT = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "○": 0, "Ｏ": 0}
_CN_YEAR = "[〇零○Ｏ一二三四五六七八九]{4}"
_CN_MONTH = "十[一二]?|[一二三四五六七八九]"
_CN_DAY = "三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九]"
_DATE = re.compile(r"(1[89]\d\d|20\d\d)\s*年\s*(1[0-2]|0?[1-9])\s*月\s*([12]\d|3[01]|0?[1-9])\s*日"
                   rf"|({_CN_YEAR})年({_CN_MONTH})月({_CN_DAY})日")
_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_TABLE_DATE = re.compile(r"(\d{4})(?:[-/.年](\d{1,2})(?:[-/.月](\d{1,2})日?|月)?)?年?")
_NAME_DATE = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)[-_.]?(0[1-9]|1[0-2])[-_.]?(0[1-9]|[12]\d|3[01])(?!\d)")
_NAME_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")
_TITLE_YEAR = re.compile(rf"(?<!\d)(1[89]\d\d|20\d\d|{_CN_YEAR})\s*年")
_OPENING = 500  # characters in which a document states its date


def _cn_number(s: str) -> int:
    """一九五四 -> 1954 (digit by digit); 二十三 -> 23 (tens)."""
    if "十" not in s:
        return int("".join(str(_CN_DIGIT[c]) for c in s))
    tens, _, ones = s.partition("十")
    return (_CN_DIGIT[tens] if tens else 1) * 10 + (_CN_DIGIT[ones] if ones else 0)


def _iso(y: int, m: int | None = None, d: int | None = None) -> str:
    return f"{y:04d}" + (f"-{m:02d}" if m else "") + (f"-{d:02d}" if m and d else "")


def _dateline(opening: str, m: re.Match) -> bool:
    """A date that dates the document: in brackets (``（2017年10月18日）``) or on a line of its own
    (``2024年1月26日在县第十八届人民代表大会上``), not a date the body speaks of."""
    if m.start() and opening[m.start() - 1] in "（(":
        return True
    line = opening[opening.rfind("\n", 0, m.start()) + 1:].split("\n", 1)[0].strip()
    return len(line) <= 80 and not re.search(r"[。；;]", line)


def stated_date(text: str) -> str | None:
    """The first full date (年月日) in the document's opening lines that dates it: Arabic,
    full-width or Chinese numerals, in brackets or on a line of its own."""
    opening = text[:_OPENING].translate(_FULL_WIDTH_DIGITS)
    for m in _DATE.finditer(opening):
        if _dateline(opening, m):
            if m.group(1):
                return _iso(*(int(x) for x in m.groups()[:3]))
            return _iso(*(_cn_number(x) for x in m.groups()[3:]))
    return None


def normalise_date(value: str) -> str | None:
    """A table's date as ISO 8601 (``2017-10-18``, ``2017/10/18``, ``2017年10月18日``, ``2017-10``, ``2017``)."""
    value = value.strip().translate(_FULL_WIDTH_DIGITS).split("T")[0].split(" ")[0]
    m = _TABLE_DATE.fullmatch(value)
    if not m:
        return None
    y, mo, d = (int(x) if x else None for x in m.groups())
    try:
        datetime.date(y, mo or 1, d or 1)
    except ValueError:
        return None
    return _iso(y, mo, d)


def date_in_name(name: str) -> str | None:
    """A date (``2025-11-20-002.txt``) or a year (``2025.txt``, ``2026_上海市_报告``) in a file name."""
    stem = Path(name).stem
    if m := _NAME_DATE.search(stem):
        return _iso(*(int(x) for x in m.groups()))
    if m := _NAME_YEAR.search(stem):
        return m.group(1)
    return None


@lru_cache(maxsize=1)
def congresses() -> tuple[tuple[str, str, str], ...]:
    """(number in Chinese numerals, short name, opening date) of each Party congress, from the lexicon."""
    from kg.lexicon import _rows
    return tuple((_cn_ordinal(int(n)), short, date) for n, short, date, *_ in _rows("kg.lexicons", "congresses.tsv"))


def _cn_ordinal(n: int) -> str:
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[ones] if ones else "")


def year_in_title(title: str) -> str | None:
    """A year the title names (``2025年…报告``, ``二〇二五年新年贺词``), or the year of the Party
    congress it was given at (``在中国共产党第十四次全国代表大会上的报告``, ``…（十四大）``)."""
    if m := _TITLE_YEAR.search(title.translate(_FULL_WIDTH_DIGITS)):
        y = m.group(1)
        return y if y.isdigit() else str(_cn_number(y))
    for number, short, date in congresses():
        if re.search(rf"第{number}次全国代表大会上|[（(]{short}[)）]\s*$", title):
            return date[:4]
    return None


def document_date(text: str, name: str, title: str, meta: Metadata = NO_METADATA) -> str | None:
    """The table's date, else the text's, else the file name's, else the title's year."""
    return meta.date or stated_date(text) or date_in_name(name) or year_in_title(title)


# -- tables --------------------------------------------------------------------

def _key(path: Path | str) -> str:
    return os.path.normcase(os.path.realpath(path))


def read_table(path: Path | str) -> dict[str, Metadata]:
    """Metadata by document path (resolved) from a CSV or TSV table with a ``file`` column.

    Columns that are not in :data:`COLUMNS` are named in one warning; a date
    that is not a date is dropped with a warning.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise MetadataError(path, "no such metadata table") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise MetadataError(path, f"cannot read the metadata table: {exc}") from None
    first = text.split("\n", 1)[0]
    delimiter = "\t" if "\t" in first or path.suffix.lower() == ".tsv" else ","
    rows = list(csv.DictReader(text.splitlines(), delimiter=delimiter))
    header = [h.strip() for h in (csv.DictReader(text.splitlines(), delimiter=delimiter).fieldnames or [])]
    names = {h.lower(): h for h in header}
    if "file" not in names:
        raise MetadataError(path, f"the metadata table has no 'file' column (its columns: {', '.join(header)})")
    unknown = [h for h in header if h.lower() not in COLUMNS and h.lower() != "file"]
    if unknown:
        log.warning("%s: columns not used: %s (known: file, %s)", path, ", ".join(unknown), ", ".join(COLUMNS))
    out: dict[str, Metadata] = {}
    for row in rows:
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items() if k}
        if not row.get("file"):
            continue
        values: dict[str, str] = {}
        for column, field in COLUMNS.items():
            if row.get(column) and not values.get(field):
                values[field] = row[column]
        if values.get("date"):
            date = normalise_date(values["date"])
            if date is None:
                log.warning("%s: %s: %r is not a date (YYYY-MM-DD, YYYY-MM or YYYY)", path, row["file"], values["date"])
            values["date"] = date or ""
        out[_key(path.parent / row["file"])] = Metadata(**values)
    return out


def tables_in(paths: Iterable[Path | str]) -> list[Path]:
    """The metadata tables at the root of the directories among ``paths``."""
    found = []
    for p in map(Path, paths):
        if p.is_dir():
            found.extend(p / n for n in TABLE_NAMES if (p / n).is_file())
    return found


def read_tables(tables: Iterable[Path | str]) -> dict[str, Metadata]:
    """The metadata of several tables; where two name one file, the first table's non-empty values win."""
    merged: dict[str, Metadata] = {}
    for t in tables:
        for key, meta in read_table(t).items():
            if key in merged:
                old = merged[key]
                meta = Metadata(**{f.name: getattr(old, f.name) or getattr(meta, f.name) for f in fields(Metadata)})
            merged[key] = meta
    return merged


def metadata_for(source: str, table: dict[str, Metadata]) -> Metadata:
    return table.get(_key(source), NO_METADATA) if table else NO_METADATA


def with_metadata(docs: list, paths: Iterable[Path | str], tables: Iterable[Path | str] = ()) -> list:
    """Documents with the metadata of the given tables and of those at the root of ``paths``' directories.

    A table given by name that describes none of the documents is warned about.
    """
    given = [Path(t) for t in tables]
    found = [t for t in tables_in(paths) if _key(t) not in {_key(g) for g in given}]
    table = read_tables([*given, *found])
    for t in given:
        keys = set(read_table(t)) if len(given) > 1 or found else set(table)
        if not any(_key(d.source) in keys for d in docs):
            log.warning("%s: the metadata table names none of the %d document(s) being built", t, len(docs))
    if not table:
        return list(docs)
    import dataclasses
    return [dataclasses.replace(d, meta=metadata_for(d.source, table)) for d in docs]
