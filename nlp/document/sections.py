"""Split a document into sections (articles), paragraphs, sentences and clauses."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from nlp.periods.dates import RefDate, dateline_date
from nlp.resources import load_json
from nlp.settings import SETTINGS

_ZH_END = re.compile(r"[。！？!?；;…]+[”’」』）)\]]*")
_EN_END = re.compile(r"[.!?;]+[\"”’')\]]*(?=\s+[\"“‘(\[A-Z0-9\u4e00-\u9fff]|\s*$)")
_ABBREVIATIONS = frozenset(
    "no nos dr mr mrs ms st co ltd inc jan feb mar apr jun jul aug sep sept oct nov dec "
    "e.g i.e u.s u.k vs approx etc gov govt prof fig vol art jr sr mt dept est op".split()
)
_BULLET = re.compile(r"\s+[-–—•▪●]\s+(?=[A-Z\u4e00-\u9fff“\"])")
_CLAUSE_DELIMS = re.compile(r"[,，;；:：]|\s[-–—]\s|——")


@dataclass
class Sentence:
    """A sentence with its document offsets and where it sits."""

    start: int
    end: int
    text: str
    paragraph: int
    section: int
    headline: bool = False


@dataclass
class Section:
    """An article inside the document: its headline and dateline, if any."""

    index: int
    start: int
    headline: Sentence | None = None
    date: RefDate | None = None


def _lines(text: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for raw in text.splitlines(keepends=True):
        out.append((pos, raw.rstrip("\r\n")))
        pos += len(raw)
    return out


@cache
def _boilerplate() -> re.Pattern[str] | None:
    """The boilerplate cues as one alternation of literals (re scans for their first
    characters); None when there are none."""
    cues = load_json("nlp.document", "boilerplate.json")["boilerplate_line"]
    return re.compile("|".join(re.escape(cue) for cue in cues)) if cues else None


def _is_boilerplate(line: str) -> bool:
    cues = _boilerplate()
    return cues is not None and cues.search(line.lower()) is not None


def _looks_like_headline(line: str) -> bool:
    stripped = line.strip()
    return 4 <= len(stripped) <= SETTINGS.document.title_max_chars and not re.search(
        r"[。！？.!?]$", stripped)


def _next_content(lines: list[tuple[int, str]], i: int) -> int | None:
    for j in range(i + 1, len(lines)):
        if lines[j][1].strip():
            return j
    return None


def split_sentences(text: str, offset: int = 0) -> list[tuple[int, int]]:
    """Sentence (start, end) offsets in ``text`` (plus ``offset``), without edge whitespace."""
    cuts = {m.end() for m in _ZH_END.finditer(text)}
    for match in _EN_END.finditer(text):
        if text[match.start()] == ".":
            before = re.search(r"([A-Za-z][A-Za-z.]*)$", text[max(0, match.start() - 24):
                                                                 match.start()])
            word = before.group(1).lower() if before else ""
            if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
                continue
        cuts.add(match.end())
    bounds, start = [], 0
    for cut in sorted(cuts) + [len(text)]:
        if cut <= start:
            continue
        piece = text[start:cut]
        left = len(piece) - len(piece.lstrip())
        right = len(piece.rstrip())
        if right > left:
            bounds.append((offset + start + left, offset + start + right))
        start = cut
    return bounds


def split_document(text: str, title: str | None = None) -> tuple[list[Section], list[Sentence]]:
    """Sections, and sentences in order; datelines and boilerplate lines are left out."""
    lines = _lines(text)
    datelines: dict[int, RefDate | None] = {}  # a line is tested as itself and as the next

    def dateline(i: int) -> RefDate | None:
        if i not in datelines:
            datelines[i] = dateline_date(lines[i][1])
        return datelines[i]

    title_norm = re.sub(r"\s+", "", title or "")
    sections = [Section(0, 0)]
    sentences: list[Sentence] = []
    paragraph = -1
    seen_content = False
    for i, (start, line) in enumerate(lines):
        boilerplate = _is_boilerplate(line)
        if not line.strip() or (boilerplate and len(split_sentences(line)) < 2):
            continue  # a contact or copyright line; in a paragraph only its own sentence goes
        date = dateline(i)
        if date is not None:
            section = sections[-1]
            if section.date is None:
                section.date = date
            continue
        nxt = _next_content(lines, i)
        followed_by_dateline = nxt is not None and dateline(nxt) is not None
        is_title = bool(title_norm) and not seen_content and (
            re.sub(r"\s+", "", line) == title_norm
        )
        headline = _looks_like_headline(line) and (followed_by_dateline or is_title)
        if headline and seen_content:
            sections.append(Section(len(sections), start))
        paragraph += 1
        if headline:
            left = len(line) - len(line.lstrip())
            sentence = Sentence(start + left, start + len(line.rstrip()), line.strip(),
                                paragraph, sections[-1].index, headline=True)
            sections[-1].headline = sentence
            sentences.append(sentence)
            seen_content = True
            continue
        seen_content = True
        pieces = _BULLET.split(line)
        pos = 0
        for piece in pieces:
            piece_start = line.index(piece, pos)
            pos = piece_start + len(piece)
            for s, e in split_sentences(piece, start + piece_start):
                if not (boilerplate and _is_boilerplate(text[s:e])):
                    sentences.append(Sentence(s, e, text[s:e], paragraph, sections[-1].index))
            paragraph += 1
    return sections, sentences


def clause_bounds(text: str, start: int, end: int,
                  protected: list[tuple[int, int]] = ()) -> tuple[int, int]:
    """The clause of ``text`` around ``[start, end)``: between delimiters outside numbers and
    ``protected`` spans (lists of places)."""
    left, right = 0, len(text)
    for d_start, d_end in _delimiters(text, tuple(protected)):
        if d_end <= start:
            left = d_end
        elif d_start >= end:
            right = d_start
            break
    return left, right


@lru_cache(maxsize=64)  # a sentence's figures are read one after another
def _delimiters(text: str, protected: tuple[tuple[int, int], ...]) -> list[tuple[int, int]]:
    """The clause delimiters of ``text``: not a comma inside a number, nor in ``protected``."""
    found = []
    for match in _CLAUSE_DELIMS.finditer(text):
        pos = match.start()
        if text[pos] in ",，" and 0 < pos < len(text) - 1:
            if text[pos - 1].isdigit() and text[pos + 1].isdigit():
                continue
        if not any(a <= pos < b for a, b in protected):
            found.append(match.span())
    return found
