"""Stage 2: the structure of a document as sections with character offsets.

Kinds, from the outside in: the title line, numbered parts (``一、``),
sub-parts (``（一）``), clauses (``1.`` / ``（1）``), paragraphs, points inside
a paragraph (``第一，`` / ``一是``), the lead sentence that titles a paragraph
(``坚定捍卫“两个确立”。``) and sentences.

A paragraph is a line, or one of the ``　　``-indented paragraphs that
speeches copied from web pages run together on one line. Neither a
paragraph nor a sentence ends inside a quotation or bracket: web copies put
quoted words on lines of their own (``“\n一带一路\n”建设``), and
``主要矛盾是“……。”的方针`` is one sentence.
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
_SENTENCE_END = re.compile(r"[。！？!?；;]+[”’」』）)】》〕]*")
_STOPS = "。！？!?；;"
# Paired marks: a sentence or paragraph does not end between an opener and its closer.
_PAIRS = {"“": "”", "‘": "’", "「": "」", "『": "』", "（": "）", "(": ")", "《": "》", "【": "】", "〔": "〕"}
_CLOSERS = {c: o for o, c in _PAIRS.items()}
_MARKS = re.compile("[" + re.escape("".join(_PAIRS) + "".join(_CLOSERS)) + "]")
_JOIN_LOOKAHEAD = 4  # lines a quotation may run over before it is taken as unclosed
# An indent inside a line starts a paragraph: two or more ideographic or em spaces.
_INDENT = re.compile("[\u3000\u2003][\u3000\u2003 \u00a0\t]*[\u3000\u2003]")
# Blank for a reader: white space and invisible format characters (zero-width space, joiners).
_BLANK = " \t\u00a0\u1680\u2000-\u200f\u2028-\u202f\u205f-\u2064\u3000\ufeff"
_VISIBLE = re.compile(f"[^{_BLANK}]")
_SALUTATION = re.compile(r"(?:各位|同志们|朋友们|女士们|先生们|尊敬的|亲爱的|同胞们)")
_DATE_LINE = re.compile(r"[（(]?[\d〇一二三四五六七八九十零年月日，,、\s—-]+[)）]?")
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


def _trimmed(text: str, b: int, e: int) -> tuple[int, int] | None:
    """(begin, end) of text[b:e] without the blank and invisible characters around it, or None if blank."""
    first = _VISIBLE.search(text, b, e)
    if first is None:
        return None
    last = e
    while not _VISIBLE.match(text, last - 1):
        last -= 1
    return first.start(), last


def _lines(text: str):
    """(begin, end) of each non-blank line, and of each indented paragraph in a line, trimmed."""
    pos = 0
    for line in text.split("\n"):
        end = pos + len(line)
        start = pos
        for m in _INDENT.finditer(text, pos, end):
            if (span := _trimmed(text, start, m.start())):
                yield span
            start = m.end()
        if (span := _trimmed(text, start, end)):
            yield span
        pos = end + 1


def _marks(text: str, b: int, e: int):
    return (m.group() for m in _MARKS.finditer(text, b, e))


def _close(stack: list[str], mark: str) -> bool:
    """Apply one paired mark to a stack of open marks; True if it closed one."""
    if mark in _PAIRS:
        stack.append(mark)
    elif (opener := _CLOSERS[mark]) in stack:
        while stack.pop() != opener:
            pass
        return True
    return False


def _paragraphs(text: str, lines: list[tuple[int, int]]):
    """(begin, end) of each paragraph: lines joined where a quotation or bracket opened in one
    closes in a later one, as long as every few lines close something."""
    i = 0
    while i < len(lines):
        stack: list[str] = []
        for mark in _marks(text, *lines[i]):
            _close(stack, mark)
        j, k, budget = i, i + 1, _JOIN_LOOKAHEAD
        while stack and k < len(lines) and budget:
            closed = False
            for mark in _marks(text, *lines[k]):
                closed |= _close(stack, mark)
            budget = _JOIN_LOOKAHEAD if closed else budget - 1
            if not stack:
                j = k
            k += 1
        yield lines[i][0], lines[j][1]
        i = j + 1


def _heading_words(rest: str) -> str:
    """A heading's words: what follows its number, up to the first sentence end."""
    end = re.search(r"[。！？!?]", rest)
    return (rest[: end.start()] if end else rest).strip()


def _heading(line: str) -> tuple[str, int, str] | None:
    for kind, level, pattern in _HEADINGS:
        m = pattern.match(line)
        if m:
            return kind, level, _heading_words(line[m.end():])
    return None


def is_title(line: str) -> bool:
    """A line that can title a document: short, not a sentence, heading, salutation (``各位代表：``) or date."""
    return 2 <= len(line) <= 80 and not re.search(r"[。；;！？!?：:，,、《“（(]$", line) and _heading(line) is None \
        and not _SALUTATION.match(line) and not _DATE_LINE.fullmatch(line) \
        and not re.search(r"[。；;！？!?]", line) and len(re.findall(r"[，,]", line)) <= 1


def _is_body(line: str) -> bool:
    return len(line) > 80 or bool(re.search(r"[。；;！？!?]$", line)) or _heading(line) is not None


def title_line(text: str, lines: list[tuple[int, int]] | None = None) -> tuple[int, int] | None:
    """(begin, end) of the document's title: the first title-like line before the body starts.

    A one-line text has none; neither has a text whose first lines are a
    salutation followed by the body (``各位代表：`` then ``现在，我代表国务院……。``).
    """
    lines = list(_paragraphs(text, list(_lines(text)))) if lines is None else lines
    if len(lines) < 2:
        return None
    for b, e in lines[:8]:
        line = text[b:e]
        if _is_body(line):
            return None
        if is_title(line):
            return b, e
    return None


def _protected(text: str, begin: int, end: int) -> list[tuple[int, int, bool]]:
    """Spans inside matched quotation marks or brackets, and whether each may end a sentence.

    A quotation that a colon introduces (``他说：“……。”``) ends its sentence
    when it ends with a stop; one inside a clause (``是“……。”的方针``) does not.
    """
    stack: list[tuple[str, int]] = []
    spans = []
    for m in _MARKS.finditer(text, begin, end):
        mark, at = m.group(), m.start()
        if mark in _PAIRS:
            stack.append((mark, at))
            continue
        opener = _CLOSERS[mark]
        if not any(o == opener for o, _ in stack):
            continue
        while True:
            o, ob = stack.pop()
            if o == opener:
                break
        if not stack:  # outermost pair
            before = text[ob - 1] if ob > begin else ""
            ends = text[at - 1] in _STOPS and (before in "：:" or ob == begin or before in _STOPS)
            spans.append((ob, at + 1, ends))
    return spans


def sentences(text: str, begin: int, end: int):
    """(begin, end) of each sentence in text[begin:end], blank space trimmed.

    A sentence ends at a stop (``。！？；``) outside quotation marks and
    brackets, or after a quotation that a colon introduced and a stop ends.
    """
    cuts = []
    spans = _protected(text, begin, end)
    k = 0
    for m in _SENTENCE_END.finditer(text, begin, end):
        while k < len(spans) and spans[k][1] <= m.start():
            if spans[k][2]:
                cuts.append(spans[k][1])
            k += 1
        if k < len(spans) and spans[k][0] < m.start():
            continue  # inside a quotation or bracket
        cuts.append(m.end())
    for sp in spans[k:]:
        if sp[2]:
            cuts.append(sp[1])
    start = begin
    for cut in sorted(set(cuts)):
        if cut > start and (span := _trimmed(text, start, cut)):
            yield span
        start = max(start, cut)
    if start < end and (span := _trimmed(text, start, end)):
        yield span


def split_sections(text: str) -> tuple[Section, ...]:
    """Every section of a text, ordered by begin offset, outer sections first."""
    lines = list(_paragraphs(text, list(_lines(text))))
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
    title = title_line(text, lines)
    title_at = lines.index(title) if title else None
    for i, (b, e) in enumerate(lines):
        while stack and stack[-1][2] <= i:
            stack.pop()
        h = _heading(text[b:e]) if i in open_until else None
        if i == title_at:
            add(TITLE, b, e, text[b:e])
            continue
        if h:
            kind, level, title = h
            if not title and i + 1 < len(lines):
                # “一、” alone on its line (a web copy broke the line after the number): the heading's
                # words are the next line's first sentence
                nb, ne = lines[i + 1]
                title = _heading_words(text[nb:ne])
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
