"""Dictionary scans that find gazetteer names in Chinese and English text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from nlp.places.gazetteer import gazetteer, norm_word

# A bare stem followed by one of these names a street, town or village, not the division.
_NOT_AFTER_BARE = frozenset("村镇乡街路巷社屯组寨")
_EN_TOKEN = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*")
_LOCALITY_WORDS = frozenset({"village", "town", "township", "community", "subdistrict"})
_EN_GAP = re.compile(r"[ \t\u00a0-]{1,3}")
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


@cache
def common_words() -> dict[str, str]:
    """Two-character common words (not place names) with a jieba part of speech."""
    text = (files("nlp.places") / "data" / "common_words.tsv").read_text(encoding="utf-8")
    return dict(line.split("\t", 1) for line in text.splitlines() if "\t" in line)


def is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _bare_stem_ok(text: str, start: int, end: int, prev_end: int) -> bool:
    """A bare stem (河池, 大化) must not be glued into a longer word on either side."""
    words = common_words()
    if end < len(text) and text[end] in _NOT_AFTER_BARE:
        return False
    if start > prev_end and start > 0 and is_cjk(text[start - 1]):
        if text[start - 1:start + 1] in words:
            return False
    return not (end < len(text) and is_cjk(text[end]) and text[end - 1:end + 1] in words)


def scan_chinese(text: str) -> list[Hit]:
    """Longest gazetteer names, left to right, non-overlapping."""
    gaz = gazetteer()
    lengths, full, bare = gaz.zh_lengths, gaz.zh, gaz.zh_bare
    hits: list[Hit] = []
    i, prev_end, n = 0, 0, len(text)
    while i < n:
        sizes = lengths.get(text[i])
        hit = None
        if sizes:
            for size in sizes:
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
    return hits


def _bare_word_ok(tokens: list[re.Match], j: int, text: str) -> bool:
    """A lone capitalised pinyin word is a place unless it reads as part of a person's name."""
    word = tokens[j].group()
    if not (word[0].isupper() and word[1:2].islower()):
        return False
    if j + 1 < len(tokens) and tokens[j + 1].group().lower() in _LOCALITY_WORDS:
        return False  # "Sandu Town" is a town, not Sandu County
    if j > 0:
        prev = tokens[j - 1]
        if prev.group() in SURNAMES and text[prev.end():tokens[j].start()] == " ":
            return False
    return True


def scan_english(text: str) -> list[Hit]:
    """Longest English/pinyin gazetteer names; capitalised, case-sensitive except suffixes."""
    gaz = gazetteer()
    tokens = list(_EN_TOKEN.finditer(text))
    hits: list[Hit] = []
    j = 0
    while j < len(tokens):
        first = tokens[j].group()
        hit, used = None, 1
        if first[0].isupper():
            key = [norm_word(first)]
            last = j
            for k in range(j + 1, min(len(tokens), j + gaz.en_max_words)):
                if not _EN_GAP.fullmatch(text[tokens[k - 1].end():tokens[k].start()]):
                    break
                key.append(norm_word(tokens[k].group()))
                last = k if tuple(key) in gaz.en else last
            if last > j:
                codes = gaz.en[tuple(key[: last - j + 1])]
                hit, used = Hit(tokens[j].start(), tokens[last].end(), list(codes)), last - j + 1
            elif (key[0],) in gaz.en:
                hit = Hit(tokens[j].start(), tokens[j].end(), list(gaz.en[(key[0],)]))
            elif key[0] in gaz.en_bare and _bare_word_ok(tokens, j, text):
                hit = Hit(tokens[j].start(), tokens[j].end(), list(gaz.en_bare[key[0]]))
        if hit:
            hits.append(hit)
        j += used
    return hits
