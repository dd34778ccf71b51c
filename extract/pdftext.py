"""Repair text pulled out of Chinese PDFs: cid glyphs, doubled characters, spaced hanzi, wraps."""

from __future__ import annotations

import re

CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CJK_PUNCT = r"\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\u2018-\u201d\u2026"
_CID = re.compile(r"\(cid:\d+\)")
_BAD_CHARS = re.compile(r"[\ufffd\ue000-\uf8ff\x00-\x08\x0b\x0e-\x1f]")
_GAP = r"[ \t\u3000\u00a0]+"
_SPACE_BETWEEN_CJK = re.compile(rf"(?<=[{CJK}{CJK_PUNCT}]){_GAP}(?=[{CJK}{CJK_PUNCT}])")
_SPACE_CJK_DIGIT = re.compile(rf"(?<=[{CJK}]){_GAP}(?=[0-9])|(?<=[0-9%]){_GAP}(?=[{CJK}])")
_DOUBLED_RUN = re.compile(r"((.)\2){3,}")
_SENTENCE_END = re.compile(r"[。！？；：.!?;:…\"”’）)]$")
_LIST_START = re.compile(
    r"^([一二三四五六七八九十]+、|（[一二三四五六七八九十\d]+）|\d+[.、．]|[•·●■◆-])"
)
_CJK_CHAR = re.compile(rf"[{CJK}]")


def drop_cid(text: str) -> str:
    """Remove ``(cid:1234)`` placeholders of glyphs without a Unicode mapping."""
    return _CID.sub("", text)


def unusable_share(text: str) -> float:
    """Share of characters that are cid placeholders, replacement or private-use glyphs."""
    stripped = re.sub(r"\s+", "", text)
    if not stripped:
        return 1.0
    bad = sum(len(m) for m in _CID.findall(stripped)) + len(_BAD_CHARS.findall(stripped))
    return bad / len(stripped)


def undouble(text: str) -> str:
    """Collapse runs where every character is drawn twice (``以以工工代代赈赈`` → ``以工代赈``)."""

    def collapse(match: re.Match[str]) -> str:
        run = match.group(0)
        if not _CJK_CHAR.search(run):
            return run
        return run[::2]

    return _DOUBLED_RUN.sub(collapse, text)


def _unspace_letterspaced(line: str) -> str:
    """``以 工 代 赈  w o r k`` style lines: single spaces go, wider gaps become one space."""
    tokens = line.split()
    if len(tokens) < 4 or sum(len(t) == 1 for t in tokens) / len(tokens) < 0.8:
        return line
    words = re.split(r"\s{2,}", line.strip())
    return " ".join(w.replace(" ", "") for w in words)


def fix_spacing(line: str) -> str:
    """Remove spaces between Chinese characters (and between hanzi and numbers)."""
    line = _unspace_letterspaced(line)
    line = _SPACE_BETWEEN_CJK.sub("", line)
    line = _SPACE_CJK_DIGIT.sub("", line)
    return re.sub(r"[ \t\u00a0]{2,}", " ", line).strip()


def clean_line(line: str) -> str:
    """One PDF text line repaired (cid glyphs, doubling, spacing)."""
    line = _BAD_CHARS.sub("", drop_cid(line)).replace("\u3000", " ")
    return fix_spacing(undouble(line))


def _width(line: str) -> int:
    return sum(2 if _CJK_CHAR.match(ch) or ord(ch) > 0x2E80 else 1 for ch in line)


def join_wrapped(lines: list[str]) -> list[str]:
    """Join lines that a page wrapped in the middle of a sentence; keep paragraph breaks."""
    widths = sorted(_width(line) for line in lines if line)
    if not widths:
        return []
    full = widths[int(len(widths) * 0.9) - 1 if len(widths) > 1 else 0]
    paragraphs: list[str] = []
    carry = False
    for line in lines:
        if not line:
            carry = False
            continue
        if carry and paragraphs and not _LIST_START.match(line) and " | " not in line:
            paragraphs[-1] = _glue(paragraphs[-1], line)
        else:
            paragraphs.append(line)
        carry = (
            not _SENTENCE_END.search(line)
            and (_width(line) >= 0.85 * full or line.endswith(("，", "、", ",")))
            and " | " not in line
        )
    return paragraphs


def _glue(left: str, right: str) -> str:
    if re.search(rf"[{CJK}{CJK_PUNCT}]$", left) or re.match(rf"^[{CJK}{CJK_PUNCT}]", right):
        return left + right
    if left.endswith("-") and right[:1].islower():
        return left[:-1] + right
    return f"{left} {right}"


def clean_page_text(raw: str) -> str:
    """A page's raw text → repaired paragraphs, one per line."""
    lines = [clean_line(line) for line in raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return "\n".join(join_wrapped(lines))


def clean_cell(cell: str | None) -> str | None:
    """A table cell without newlines, doubled characters or spaced hanzi."""
    if cell is None:
        return None
    joined = _glue_all(cell.replace("\r", "\n").split("\n"))
    return clean_line(joined)


def _glue_all(parts: list[str]) -> str:
    text = ""
    for part in (p.strip() for p in parts):
        if part:
            text = _glue(text, part) if text else part
    return text
