"""Stage 2: the structure of a document as sections with character offsets.

Kinds, from the outside in: the title line, numbered parts (``一、``),
sub-parts (``（一）``), clauses (``1.`` / ``（1）``), paragraphs (non-empty
lines), points inside a paragraph (``第一，`` / ``一是``), the lead sentence
that titles a paragraph (``坚定捍卫“两个确立”。``) and sentences.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

TITLE, PART, SUBPART, CLAUSE = "Title", "Part", "SubPart", "Clause"
PARAGRAPH, POINT, LEAD, SENTENCE = "Paragraph", "Point", "LeadSentence", "Sentence"
KINDS = (TITLE, PART, SUBPART, CLAUSE, PARAGRAPH, POINT, LEAD, SENTENCE)

_NUM = "一二三四五六七八九十百零〇"
_HEADINGS = (  # (kind, level, pattern matched at the start of a stripped line)
    (PART, 1, re.compile(rf"[{_NUM}]{{1,3}}[、，,．.]")),
    (SUBPART, 2, re.compile(rf"[（(][{_NUM}]{{1,3}}[）)]")),
    (CLAUSE, 3, re.compile(r"(?:[0-9０-９]{1,2}[.．、](?![0-9０-９])|[（(][0-9０-９]{1,2}[）)])")),
)
_POINT = re.compile(rf"(?:第[{_NUM}]{{1,3}}[，,、]|[{_NUM}]{{1,3}}是(?=[^，。；]))")
_SENTENCE_END = re.compile(r"[。！？!?；;]+[”’」』）)]*")
_LEAD = re.compile(r"[^。！？!?]{2,40}?[。！？!?]")


@dataclass(frozen=True)
class Section:
    """A span of a document. ``parent`` is the id of the enclosing section, or None."""

    id: str           # kind and offsets: unique within its document, stable across runs
    kind: str
    begin: int
    end: int          # exclusive
    order: int        # position among sections of the same kind in the document
    title: str = ""
    parent: str | None = None


def _section_id(kind: str, begin: int, end: int) -> str:
    return f"{kind.lower()}_{begin}_{end}"


def _lines(text: str):
    """(begin, end) of each non-empty line, with surrounding blank space trimmed."""
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            b = pos + line.index(stripped[0])
            yield b, b + len(stripped)
        pos += len(line) + 1


def _heading(line: str) -> tuple[str, int, str] | None:
    for kind, level, pattern in _HEADINGS:
        m = pattern.match(line)
        if m:
            rest = line[m.end():]
            end = re.search(r"[。！？!?]", rest)
            title = rest[: end.start()] if end else rest
            return kind, level, title.strip()
    return None


def _is_title(line: str, n_lines: int) -> bool:
    return n_lines > 1 and len(line) <= 80 and not re.search(r"[。；;！？]$", line) and _heading(line) is None


def sentences(text: str, begin: int, end: int):
    """(begin, end) of each sentence in text[begin:end]."""
    start = begin
    for m in _SENTENCE_END.finditer(text, begin, end):
        if m.end() > start and text[start:m.end()].strip():
            yield start, m.end()
        start = m.end()
    if start < end and text[start:end].strip():
        yield start, end


def split_sections(text: str) -> tuple[Section, ...]:
    """Every section of a text, ordered by begin offset, outer sections first."""
    lines = list(_lines(text))
    out: list[Section] = []
    counts: dict[str, int] = {}

    def add(kind, b, e, title="", parent=None) -> Section:
        s = Section(_section_id(kind, b, e), kind, b, e, counts.get(kind, 0), title, parent)
        counts[kind] = s.order + 1
        out.append(s)
        return s

    # headings open sections that run until the next heading of the same or higher level
    headed = []
    for i, (b, e) in enumerate(lines):
        h = _heading(text[b:e])
        if h:
            headed.append((i, h))
    open_until: dict[int, int] = {}
    for j, (i, (kind, level, title)) in enumerate(headed):
        stop = len(lines)
        for i2, (_, level2, _) in headed[j + 1:]:
            if level2 <= level:
                stop = i2
                break
        open_until[i] = stop

    stack: list[tuple[int, Section, int]] = []  # (level, section, first line index after it)
    title_line = 0 if lines and _is_title(text[lines[0][0]:lines[0][1]], len(lines)) else None
    for i, (b, e) in enumerate(lines):
        while stack and stack[-1][2] <= i:
            stack.pop()
        h = _heading(text[b:e]) if i in open_until else None
        if i == title_line:
            add(TITLE, b, e, text[b:e])
            continue
        if h:
            kind, level, title = h
            while stack and stack[-1][0] >= level:
                stack.pop()
            stop = open_until[i]
            sec = add(kind, b, lines[stop - 1][1], title, stack[-1][1].id if stack else None)
            stack.append((level, sec, stop))
        parent = stack[-1][1].id if stack else None
        para = add(PARAGRAPH, b, e, parent=parent)
        _inside_paragraph(text, para, add)
    out.sort(key=lambda s: (s.begin, -s.end, KINDS.index(s.kind)))
    return tuple(out)


def _inside_paragraph(text: str, para: Section, add) -> None:
    b, e = para.begin, para.end
    lead = _LEAD.match(text, b, e)
    if lead and lead.end() < e and not re.search(r"[，,；;：:]", lead.group()[:-1]):
        add(LEAD, b, lead.end(), lead.group()[:-1].strip(), para.id)
    points = [m for m in _POINT.finditer(text, b, e) if m.start() == b or text[m.start() - 1] in "。；;，,：: \u3000"]
    for k, m in enumerate(points):
        stop = points[k + 1].start() if k + 1 < len(points) else e
        add(POINT, m.start(), stop, text[m.start():m.end()].rstrip("，,、"), para.id)
    for sb, se in sentences(text, b, e):
        add(SENTENCE, sb, se, parent=para.id)
