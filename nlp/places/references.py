"""Places named in a text, as the resolver uses them: lists grouped, scope cues found."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from nlp.lang import LATIN_LETTER
from nlp.lookahead import skipping
from nlp.places import PlaceMention
from nlp.resources import alternation, load_json, word_regex

LEVEL_RANK = {"province": 1, "prefecture": 2, "county": 3, "town": 4, "village": 5}
_P = load_json("nlp.places", "places.json")
_SEPARATOR = re.compile(rf"\s*(?:{alternation(_P['list_separators'])})\s*", re.I)
_NATIONAL = {lang: skipping(word_regex(words, lang))  # English ones open with a lookbehind
             for lang, words in _P["national"].items()}
_ANAPHORA_EN = re.compile(rf"^\W*(?:{alternation(_P['anaphora']['en'])})\b", re.I)
_ANAPHORA_ZH = re.compile(rf"^\W*(?:{alternation(_P['anaphora']['zh'])})")


@dataclass(frozen=True)
class PlaceRef:
    """A place (or a list of places of one level) at ``[start, end)`` as written."""

    start: int
    end: int
    text: str
    code: str | None
    name_zh: str | None
    name_en: str | None
    level: str
    parent_code: str | None = None
    cue: str | None = None  # the words that point to it when it is not named (全县, the county)
    members: tuple[str, ...] = ()  # for a list of places: the codes of those that have one

    @property
    def rank(self) -> int:
        return LEVEL_RANK.get(self.level, 0)

    def shifted(self, delta: int) -> PlaceRef:
        # every field passed on by hand: dataclasses.replace costs twice as much
        return PlaceRef(self.start + delta, self.end + delta, self.text, self.code, self.name_zh,
                        self.name_en, self.level, self.parent_code, self.cue, self.members)


def _ref(mention: PlaceMention) -> PlaceRef:
    place = mention.place
    return PlaceRef(mention.start, mention.end, mention.text, place.code,
                    place.name_zh or None, place.name_en or None, place.level, place.parent_code)


def _group(text: str, members: list[PlaceRef]) -> PlaceRef:
    if len(members) == 1:
        return members[0]
    first, last = members[0], members[-1]
    names_zh = [m.name_zh for m in members if m.name_zh]
    names_en = [m.name_en for m in members if m.name_en]
    return PlaceRef(first.start, last.end, text[first.start:last.end], None,
                    "、".join(names_zh) or None, ", ".join(names_en) or None, first.level,
                    members=tuple(m.code for m in members if m.code))


def _is_list(text: str, run: list[PlaceRef]) -> bool:
    """Commas alone join no English list: "With the support of Guangdong province, Guangxi
    has ..." names two places, not a list of them; "A, B and C" is one."""
    seps = [text[a.end:b.start] for a, b in zip(run, run[1:], strict=False)]
    if not all(sep.isascii() for sep in seps):
        return True
    return any(sep.strip(" ,") for sep in seps)


def group_places(text: str, mentions: list[PlaceMention]) -> list[PlaceRef]:
    """PlaceRefs in text order; runs of one level joined by commas/and (``Dahua, Huanjiang,
    and Du'an``, 大化、环江和都安) become one ref."""
    refs = [_ref(m) for m in sorted(mentions, key=lambda m: m.start)]
    out: list[PlaceRef] = []
    run: list[PlaceRef] = []
    for ref in refs:
        if run and ref.level == run[-1].level and ref.start >= run[-1].end and (
            _SEPARATOR.fullmatch(text, run[-1].end, ref.start)
        ):
            run.append(ref)
            continue
        if run:
            out.extend([_group(text, run)] if _is_list(text, run) else run)
        run = [ref]
    if run:
        out.extend([_group(text, run)] if _is_list(text, run) else run)
    return out


# 全国第二大, 全国首个, "the country's largest": a rank among the nation's, not national scope.
_RANK_AFTER = re.compile(r"(?:第[一二三四五六七八九十\d]+|前[一二三四五六七八九十\d]+|最|首|唯一|"
                         r"排名|之最|(?i:\s*(?:largest|biggest|highest)))")


# "southwest China's Yunnan province": a place's address, not the country's figures.
_PROVINCE_AFTER = re.compile(r"\s+(?:[A-Z][a-z]+\s+){1,3}(?:province|autonomous|municipality"
                             r"|region|Province|Autonomous|Municipality|Region)\b")
# "China relocated 9.6 million", "the country has built": the country as the acting subject.
_COUNTRY_ACTS = skipping(re.compile(
    r"(?<![A-Za-z-])(?:China|[Tt]he\s+(?:country|nation))\s+(?:(?:has|have|had)\s+)?"
    r"(?:(?:also|further|already|so\s+far|now)\s+)?(?:[a-z]{3,}ed|built|spent|set|made|won"
    r"|lent|put|took|gave|saw|sent|grew|rose|paid|led|held|brought|will|is|was|has|had)\b"))


# A text without a Latin letter holds none of the English cues (when each has one).
_EN_CUES_LATIN = all(LATIN_LETTER.search(word) for word in _P["national"]["en"])


@lru_cache(maxsize=256)  # asked of the same clause for each of its figures
def national_cue(text: str) -> bool:
    """Whether ``text`` scopes a figure to the whole country (全国, nationwide, the NDRC)."""
    english = not _EN_CUES_LATIN or LATIN_LETTER.search(text) is not None
    for pattern in (_NATIONAL["zh"], _NATIONAL["en"]) if english else (_NATIONAL["zh"],):
        if any(not _RANK_AFTER.match(text, m.end()) and not _PROVINCE_AFTER.match(text, m.end())
               for m in pattern.finditer(text)):
            return True
    return english and _COUNTRY_ACTS.search(text) is not None


def starts_with_anaphor(sentence: str) -> bool:
    """``This model ...``, 该村 ...: the sentence continues the previous one's subject."""
    return bool(_ANAPHORA_EN.match(sentence) or _ANAPHORA_ZH.match(sentence))


# "喀左县（喀喇沁左翼蒙古族自治县）", "Kazuo county (Harqin Left Mongol Autonomous County)": the
# place is written as the short form the sentence uses, with the full name's code.
_SHORT_ZH = re.compile(r"([\u4e00-\u9fff]{1,5}[县旗市区州盟])\s*[（(]\s*$")
_SHORT_EN = re.compile(
    r"\b([A-Z][a-z]+(?:['’-][a-z]+)*(?: [A-Z][a-z]+)? (?:[Cc]ounty|[Bb]anner|[Cc]ity|[Dd]istrict|"
    r"[Pp]refecture|[Ll]eague))\s*\(\s*$")
_CLOSE = re.compile(r"[^（()）\n]{0,48}[）)]")


def short_forms(text: str, refs: list[PlaceRef]) -> list[PlaceRef]:
    """``refs`` with a bracketed full name replaced by the short form written before it."""
    if "（" not in text and "(" not in text:
        return refs
    out = list(refs)
    for ref in refs:
        if ref.start == 0 or text[ref.start - 1] not in "（( " or not _CLOSE.match(text, ref.end):
            continue
        before = text[max(0, ref.start - 48):ref.start]
        short = _SHORT_ZH.search(before) or _SHORT_EN.search(before)
        if short is None:
            continue
        start = ref.start - len(before) + short.start(1)
        end = ref.start - len(before) + short.end(1)
        if ref not in out:
            continue
        out = [r for r in out if r is ref or not (r.start < end and start < r.end)]
        whole = _CLOSE.match(text, ref.end).group().strip(" ）)") == ""
        # a name only partly recognised inside the brackets gives no reliable code
        known = {} if whole else {"code": None, "name_zh": None, "name_en": None}
        out[out.index(ref)] = replace(ref, start=start, end=end, text=text[start:end], **known)
    return sorted(out, key=lambda r: r.start)


def is_list(ref: PlaceRef) -> bool:
    """Whether ``ref`` stands for several places written as a list."""
    return bool(ref.members) or any(sep in ref.text for sep in ("、", " and ", ", "))
