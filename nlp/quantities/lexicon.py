"""Word lists shipped as package data (``data/*.tsv``), loaded once."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from nlp.resources import alternation, read_text


def _rows(name: str) -> list[list[str]]:
    text = read_text("nlp.quantities", name)
    rows = []
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(line.split("\t"))
    return rows


@dataclass(frozen=True)
class Lexicon:
    measures_zh: dict[str, str]
    nouns_zh: dict[str, str]
    nouns_en: dict[str, str]
    approx: dict[tuple[str, str], str]  # (word, side) -> bound
    currency_post: dict[str, tuple[str, str]]  # token -> (unit, ISO)
    currency_pre: dict[str, tuple[str, str]]
    measure_re: re.Pattern[str]
    noun_zh_re: re.Pattern[str]
    approx_pre_re: re.Pattern[str]
    approx_post_re: re.Pattern[str]
    currency_post_re: re.Pattern[str]
    currency_pre_re: re.Pattern[str]
    names: tuple[str, ...]

    def post_key(self, written: str) -> str:
        """The currency_post key for a match of currency_post_re (any letter case)."""
        word = written.strip()
        if word in self.currency_post:
            return word
        return next(k for k in self.currency_post if k.lower() == word.lower())
    stopwords_en: frozenset[str]


@cache
def lexicon() -> Lexicon:
    """The word lists and the regexes built from them."""
    measures = {r[0]: r[1] for r in _rows("measures_zh.tsv")}
    nouns_zh = {r[0]: r[1] for r in _rows("nouns_zh.tsv")}
    nouns_en = {r[0].lower(): r[1] for r in _rows("nouns_en.tsv")}
    approx = {(r[0], r[1]): r[2] for r in _rows("approx.tsv")}
    cur = _rows("currencies.tsv")
    post = {r[0]: (r[2], r[3]) for r in cur if r[1] == "post"}
    pre = {r[0]: (r[2], r[3]) for r in cur if r[1] == "pre"}
    pre_words = [w for w, side in approx if side == "pre"]
    post_words = [w for w, side in approx if side == "post"]
    return Lexicon(
        measures_zh=measures,
        nouns_zh=nouns_zh,
        nouns_en=nouns_en,
        approx=approx,
        currency_post=post,
        currency_pre=pre,
        measure_re=re.compile(rf" {{0,4}}(?:{alternation(list(measures))})"),
        noun_zh_re=re.compile(alternation(list(nouns_zh))),
        # Matched against the text just before a number, so anchored at the end.
        approx_pre_re=re.compile(rf"(?:^|(?<![A-Za-z]))(?:{alternation(pre_words)}) ?$",
                                 re.IGNORECASE),
        approx_post_re=re.compile(rf" ?(?:{alternation(post_words)})(?![A-Za-z])"),
        currency_post_re=re.compile(rf" ?(?:{alternation(list(post))})(?![A-Za-z])",
                                    re.IGNORECASE),
        currency_pre_re=re.compile(rf"(?:^|(?<![A-Za-z]))(?:{alternation(list(pre))}) ?$"),
        names=tuple(r[0] for r in _rows("names.txt")),
        stopwords_en=frozenset(r[0] for r in _rows("stopwords_en.txt")),
    )
