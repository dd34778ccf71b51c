"""Places a sentence names but whose figures belong elsewhere.

- Paired assistance (东西部协作, 对口支援, "paired assistance", "Zhejiang's aid to Aksu"): the
  figures belong to the receiving region, the place right after 援建/支援/帮扶/"aid to"/"in";
  the helping province named before it as the subject is dropped.
- Migrant-worker flows: workers *from* a place (来自X, X籍, X脱贫劳动力, "workers from X") are
  that place's figures; the destination (在广东务工, "employed in Guangdong") is dropped.
- National requirements and standards (国家要求的30%, "the national requirement of 30
  percent"): the figure has no place even where the sentence names one.
"""

from __future__ import annotations

import re
from functools import lru_cache

from nlp.lookahead import skipping
from nlp.places.references import PlaceRef
from nlp.resources import load_json, ordered_alternation
from nlp.settings import SETTINGS

_W = load_json("nlp.places", "roles.json")


def _words(name: str) -> str:
    return ordered_alternation(_W[name])


_PAIRED = skipping(re.compile(
    rf"{_words('paired_zh')}|"
    r"paired|pairing|counterpart|east-west|east–west|\baid\b|assistance|\bassisted\b",
    re.I,
))
_RECEIVER_BEFORE = skipping(re.compile(
    rf"(?:{_words('receiver_before_zh')})$"
    r"|\b(?:aid|assistance|support|help)\s+(?:to|for)\s+(?:the\s+)?$"
    r"|\b(?:in|to|for|helped|help|helping|supported|supporting|assisted|assisting)\s+"
    r"(?:the\s+)?$",
    re.I,
))
_WORK = skipping(re.compile(rf"{_words('work_zh')}|employ|work|jobs?\b|migrant|hired", re.I))
_ORIGIN_BEFORE = skipping(re.compile(
    rf"(?:{_words('origin_before_zh')})$|\bfrom\s+(?:the\s+)?$", re.I))
_ORIGIN_AFTER = re.compile(rf"^(?:籍|的?(?:脱贫|农村)?(?:{_words('origin_workers_zh')}))")
_DESTINATION_BEFORE = skipping(re.compile(
    rf"(?:{_words('destination_before_zh')})$|\b(?:in|to)\s+(?:the\s+)?$", re.I))
_DESTINATION_AFTER = re.compile(
    rf"^(?:等地|等省份?|等城市|等)?(?:{_words('destination_work_zh')})")
_WORK_IN = re.compile(
    r"\b(?:work|works|working|worked|employed|jobs?|hired|placed|migrated|moved)\s+(?:in|to)\s+"
    r"(?:the\s+)?$", re.I)
_NATIONAL_RULE = skipping(re.compile(
    rf"(?:{_words('national_bodies_zh')})(?:的)?(?:{_words('national_rule_zh')})"
    r"|\b(?:national|nationwide|central\s+government'?s?|country'?s)\s+"
    rf"(?:{_words('national_rule_en')})s?\b",
    re.I,
))
# "安置区分布在昭通、怒江、文山等州市", "sites spread across Bijie and Tongren": where
# things sit, never the subject of the sentence's figures.
_SPREAD_BEFORE = skipping(re.compile(
    rf"(?:{_words('spread_before_zh')})$"
    rf"|\b(?:{_words('spread_before_en')})\s+(?:across|over|among|in|throughout)"
    r"\s+(?:the\s+)?$", re.I))


def _province(ref: PlaceRef) -> str | None:
    code = ref.code or ref.parent_code
    return code[:2] if code else None


def _before(text: str, ref: PlaceRef) -> str:
    return text[max(0, ref.start - SETTINGS.places.role_lookback):ref.start]


def _destination(text: str, ref: PlaceRef) -> bool:
    """在广东务工, "to work in Zhejiang": where migrant workers go."""
    before = _before(text, ref)
    return bool(_WORK_IN.search(before) or _DESTINATION_BEFORE.search(before)
                and _DESTINATION_AFTER.match(text, ref.end))


def _paired(text: str, refs: list[PlaceRef]) -> list[PlaceRef]:
    receivers = [r for r in refs if _RECEIVER_BEFORE.search(_before(text, r))
                 and not _destination(text, r)]
    if not receivers:
        return refs
    first = receivers[0].start
    provinces = {_province(r) for r in receivers}
    return [r for r in refs if r.start >= first or r.code is None or _province(r) in provinces]


def _migrants(text: str, refs: list[PlaceRef]) -> list[PlaceRef]:
    origins = [r for r in refs if _ORIGIN_BEFORE.search(_before(text, r))
               or _ORIGIN_AFTER.match(text, r.end)]
    if origins:
        provinces = {_province(r) for r in origins}
        kept = [r for r in refs if r in origins or _province(r) in provinces]
        return kept or refs
    kept = [r for r in refs if not _destination(text, r)]
    return kept or refs


def whose_figures(text: str, refs: list[PlaceRef]) -> list[PlaceRef]:
    """``refs`` without the helping province of paired assistance and migrant destinations."""
    if len(refs) < 2:
        return refs
    spread = [r for r in refs if _SPREAD_BEFORE.search(_before(text, r))]
    if spread and len(spread) < len(refs):
        refs = [r for r in refs if r not in spread]
    if _PAIRED.search(text):
        refs = _paired(text, refs)
    if len(refs) > 1 and _WORK.search(text):
        refs = _migrants(text, refs)
    return refs


def national_rule(text: str, start: int, refs: list[PlaceRef]) -> bool:
    """Whether the figure at ``start`` is stated as a national requirement or standard: such a
    cue stands shortly before it with no place named in between."""
    reach = SETTINGS.places.national_rule_reach
    cues = list(_NATIONAL_RULE.finditer(text, max(0, start - reach), start))
    cue = cues[-1] if cues else None
    if cue is None or re.search(r"[，,；;]", text[cue.end():start]):
        return False
    return not any(cue.end() <= r.start < start for r in refs)


# "苏州企业", "吴中区援建资金", "enterprises from Suzhou", "Suzhou was paired with Tongren":
# the helper of paired assistance; its enterprises' and funds' figures are counted in the
# receiving place.
_HELPER_AFTER = re.compile(rf"(?:市|区)?(?:的)?(?:{_words('helper_funds_zh')})")
# Enterprises and partners are helpers only where the place is an eastern helping province
# (a western city's own enterprises are its own figures).
_HELPER_FIRMS = re.compile(rf"(?:市|区)?(?:的)?(?:{_words('helper_firms_zh')})")
_EASTERN = frozenset(_W["eastern_provinces"])
_HELPER_BEFORE = re.compile(
    r"\b(?:enterprises|companies|firms|businesses|investors|investment|funds?|aid)\s+from\s+"
    r"(?:the\s+)?$", re.I)
_HELPER_PAIRED = re.compile(r"\s+(?:was|were|has\s+been|is)\s+paired\s+(?:up\s+)?with\b", re.I)
_HELPER_PARTNER = re.compile(rf"(?:{_words('helper_partner_zh')})")
_HELPER_QUICK = skipping(re.compile(
    r"企业|援建|援助|帮扶资金|客商|商会|投资商|结对|对口|协作|\bfrom\b|paired", re.I))
# "例如哲觉镇…", "in towns such as Zhejue township": an example inside a larger figure.
_EXAMPLE_BEFORE = skipping(re.compile(
    rf"(?:{_words('example_before_zh')})$"
    r"|\b(?:such\s+as|e\.g\.,?|for\s+example,?|for\s+instance,?)\s+(?:the\s+)?$", re.I))


def helpers(text: str, refs: list[PlaceRef]) -> list[PlaceRef]:
    """The helping places of paired assistance named as the source of enterprises or funds."""
    if not refs or not _HELPER_QUICK.search(text):
        return []
    lookback = SETTINGS.places.helper_lookback
    return [r for r in refs if _HELPER_AFTER.match(text, r.end) or (
        _province(r) in _EASTERN and (
            _HELPER_FIRMS.match(text, r.end)
            or _HELPER_BEFORE.search(text, max(0, r.start - lookback), r.start)
            or _HELPER_PAIRED.match(text, r.end)
            or (text[r.start - 1:r.start] in ("与", "和", "同")
                and _HELPER_PARTNER.match(text, r.end))))]


def examples(text: str, refs: list[PlaceRef]) -> list[PlaceRef]:
    """Places named only as an example (例如X镇, "such as X township")."""
    return [r for r in refs if _example_at(text, r.start)]


@lru_cache(maxsize=512)  # each figure of a sentence asks again about the same places
def _example_at(text: str, start: int) -> bool:
    return _EXAMPLE_BEFORE.search(text[max(0, start - SETTINGS.places.role_lookback):start]
                                  ) is not None


_GIVEN_TO_ZH = ordered_alternation([w for w in _W["receiver_before_zh"] if w != "在"] + ["帮助"])
_RECEIVES = skipping(re.compile(
    rf"(?:{_GIVEN_TO_ZH})$"
    r"|\b(?:aid|assistance|support|help|funds?|funding)\s+(?:to|for)\s+(?:the\s+)?$"
    r"|\b(?:helped|helping|assisted|assisting|supported|supporting)\s+(?:the\s+)?$", re.I))


# "have sent 837 cadres and 3,680 technicians to Yunnan": what was sent went to the receiver.
_SENT = skipping(re.compile(r"\b(?:sent|dispatched|donated|transferred|assigned|seconded)\b", re.I))
_TO = re.compile(r"\bto\s+(?:the\s+)?$", re.I)


@lru_cache(maxsize=512)  # each figure of a sentence asks again about the same places
def receives(text: str, ref: PlaceRef) -> bool:
    """Whether ``ref`` is named as the receiver of aid, funds or help (向西部, 援助X, "aid to",
    "sent ... to X")."""
    before = _before(text, ref)
    if _TO.search(before) and _SENT.search(text, max(0, ref.start - 120), ref.start):
        return True
    return bool(_RECEIVES.search(before)) and not _destination(text, ref)
