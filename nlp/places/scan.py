"""Dictionary scans that find gazetteer names in Chinese and English text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from nlp.lookahead import skipping
from nlp.places.gazetteer import gazetteer, norm_word
from nlp.resources import read_text
from nlp.words import word_starts

# A bare stem followed by one of these names a street, town or village, not the division.
_NOT_AFTER_BARE = frozenset("村镇乡街路巷社屯组寨")
_MEASURES = frozenset("名个户人元位家所座条项")
_EN_CAPITALISED = skipping(re.compile(  # nlp.lookahead: it opens with a lookbehind
    r"(?<![A-Za-z'’])[A-Z][A-Za-z]*(?:['’](?!s\b)[A-Za-z]+)*"))
_EN_NEXT = re.compile(r"[ \t\u00a0-]{1,3}([A-Za-z]+(?:['’](?!s\b)[A-Za-z]+)*)")
_EN_PREV = re.compile(r"([A-Z][a-z]+) $")
_LOCALITY_WORDS = frozenset({"village", "town", "township", "community", "subdistrict"})
# Common Chinese surnames in pinyin: "Liu Hongxia" is a person, not a place.
SURNAMES = frozenset(
    "Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Gao Lin Luo Zheng "
    "Liang Xie Song Tang Han Feng Deng Cao Peng Zeng Xiao Tian Dong Yuan Pan Yu Jiang Cai Jia "
    "Ding Wei Xue Ye Yan Lu Shi Lyu Du Dai Xia Zhong Wen Qiu Qin Jin Tan Fu Shen Fan Kong Bai "
    "Cui Kang Mao Hao Qian Gu Meng Long Wan Duan Lei Qian Tao Yin Mo Ou Liao Hou Shao Xiong "
    "Yao Mei Ren Nie Gong Chang Geng Tu Qi Rao Zou Xiang Ke Nong Lan Bi Hong Tong".split()
)


@dataclass
class Hit:
    """Gazetteer name at ``[start, end)`` with its candidate division codes."""

    start: int
    end: int
    codes: list[str]
    guarded: bool = False  # kept only if the document names its province or prefecture


@cache
def common_words() -> dict[str, str]:
    """Two-character common words (not place names) with a jieba part of speech."""
    text = read_text("nlp.places", "common_words.tsv")
    return dict(line.split("\t", 1) for line in text.splitlines() if "\t" in line)


def is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


@cache
def stem_holders() -> dict[str, tuple[str, ...]]:
    """Bare stem -> common words that contain it (长治 -> 长治久安)."""
    text = read_text("nlp.places", "stem_holders.tsv")
    rows = (line.split("\t", 1) for line in text.splitlines() if "\t" in line)
    return {stem: tuple(words.split("|")) for stem, words in rows}


def _inside_holder(text: str, start: int, stem: str) -> bool:
    for word in stem_holders().get(stem, ()):
        offset = word.find(stem)
        if offset <= start and text.startswith(word, start - offset):
            return True
    return False


# A name right after a number and its unit is part of a figure: 35585名|山区, 百亿元|大关.
_NUMBER_TAIL = re.compile(r"[0-9０-９一二三四五六七八九十百千万亿两][名个户人元位家所座条项]?$")
_WINDOW = 4


def _after_number(text: str, start: int) -> bool:
    return bool(_NUMBER_TAIL.search(text, max(0, start - 2), start))


def _on_word_boundaries(text: str, start: int, end: int) -> bool:
    """Whether the private tokenizer's words start at ``start`` and at ``end`` (白山|羊 is no
    boundary in 白山羊: the stem 白山 is a fragment of a word there)."""
    lo = max(0, start - _WINDOW)
    starts = word_starts(text[lo:min(len(text), end + _WINDOW)])
    return start - lo in starts and end - lo in starts


def _bare_stem_ok(text: str, start: int, end: int, prev_end: int) -> bool:
    """A bare stem (河池, 大化) must not be glued into a longer word on either side."""
    words = common_words()
    if end < len(text) and text[end] in _NOT_AFTER_BARE:
        return False
    if _inside_holder(text, start, text[start:end]) or _after_number(text, start):
        return False
    if start > prev_end and start > 0 and is_cjk(text[start - 1]):
        if text[start - 1:start + 1] in words:
            return False
    if end < len(text) and is_cjk(text[end]) and text[end - 1:end + 1] in words:
        return False
    return _on_word_boundaries(text, start, end)  # the segmenter last: it costs the most


def scan_chinese(text: str) -> list[Hit]:
    """Longest gazetteer names, left to right, non-overlapping."""
    gaz = gazetteer()
    lengths, full, bare, heads = gaz.zh_lengths, gaz.zh, gaz.zh_bare, gaz.zh_heads
    hits: list[Hit] = []
    i, prev_end, search = 0, 0, gaz.zh_name_starts.search
    while True:
        found = search(text, i)
        if found is None:
            return hits
        i = found.start()
        if text[i:i + 2] not in heads:
            i += 1
            continue
        hit = None
        if text[i] in _MEASURES and i and _NUMBER_TAIL.search(text, max(0, i - 1), i):
            i += 1  # 35585名山区: the measure word of a number, not 名山区
            continue
        for size in lengths[text[i]]:
            key = text[i:i + size]
            codes = full.get(key)
            if codes is None and key in bare and _bare_stem_ok(text, i, i + size, prev_end):
                codes = bare[key]
            if codes:
                hit = Hit(i, i + size, list(codes))
                break
        if hit is None:
            i += 1
            continue
        hits.append(hit)
        i = prev_end = hit.end


def _bare_word_ok(text: str, start: int, end: int) -> bool:
    """A lone capitalised pinyin word is a place unless it reads as part of a person's name
    ("Liu Yichun") or of a town/village name ("Sandu Town")."""
    word = text[start:end]
    if not word[1:2].islower():
        return False
    after = _EN_NEXT.match(text, end)
    if after and after.group(1).lower() in _LOCALITY_WORDS:
        return False
    before = _EN_PREV.search(text, max(0, start - 12), start)
    return not (before and before.group(1) in SURNAMES)


def scan_english(text: str) -> list[Hit]:
    """Longest English/pinyin gazetteer names; capitalised, case-sensitive except suffixes."""
    gaz = gazetteer()
    hits: list[Hit] = []
    pos = 0
    while True:
        m = _EN_CAPITALISED.search(text, pos)
        if m is None:
            return hits
        first = norm_word(m.group())
        pos = m.end()
        if first not in gaz.en_heads:
            continue
        key, ends, best = [first], [m.end()], None
        while len(key) < gaz.en_max_words:
            nxt = _EN_NEXT.match(text, ends[-1])
            if nxt is None:
                break
            key.append(norm_word(nxt.group(1)))
            ends.append(nxt.end())
            if tuple(key) in gaz.en:
                best = len(key)
        if best and _hyphenated(text, m.start(), ends[best - 1]):
            continue
        if best:
            hits.append(Hit(m.start(), ends[best - 1], list(gaz.en[tuple(key[:best])])))
        elif _hyphenated(text, m.start(), m.end()):
            continue
        elif (first,) in gaz.en:
            hits.append(Hit(m.start(), m.end(), list(gaz.en[(first,)])))
        elif bare := _bare_hit(text, m.start(), m.end(), first):
            hits.append(bare)
        else:
            continue
        pos = hits[-1].end


def _hyphenated(text: str, start: int, end: int) -> bool:
    """"Shanghai-funded", "the Qinghai-Tibet Plateau", "a Guangdong-Guangxi project": a name
    joined to another word by a hyphen makes an adjective or a compound, not a place."""
    return (text[end:end + 1] in "-‐" and text[end + 1:end + 2].isalpha()) or (
        start > 1 and text[start - 1] in "-‐" and text[start - 2].isalpha())


def _bare_hit(text: str, start: int, end: int, word: str) -> Hit | None:
    gaz = gazetteer()
    strong, guarded = gaz.en_bare.get(word, []), gaz.en_guarded.get(word, [])
    if not (strong or guarded) or not _bare_word_ok(text, start, end):
        return None
    stops = gaz.en_not_next.get(word)
    after = _EN_NEXT.match(text, end)
    if stops and after and after.group(1).lower() in stops:
        return None
    return Hit(start, end, strong + [c for c in guarded if c not in strong], not strong)
