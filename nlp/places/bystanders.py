"""Places that describe a person or an organisation, or sit inside a quotation.

- A person's origin or employer ("said a villager who worked in Dongguan", "Zhang, from
  Rizhao,", "a native of Shandong"): never the place of the sentence's figures nor an
  antecedent of "the county".
- An organisation named after a place (广东省发展改革委, 新疆生产建设兵团, "the Guangdong
  Provincial Development and Reform Commission") gives no place to a national figure.
- A place inside quotation marks belongs only to figures inside the same quotation.
- The ends of a route named as a works (北京至商丘高铁) are part of the works' name.
"""

from __future__ import annotations

import re

from nlp.lookahead import skipping
from nlp.places.references import PlaceRef
from nlp.resources import load_json, ordered_alternation
from nlp.settings import SETTINGS
from nlp.spans import SpanIndex

_W = load_json("nlp.places", "bystanders.json")


def _words(name: str) -> str:
    return ordered_alternation(_W[name])


_PERSON_BEFORE = re.compile(
    r"\bwho\s+(?:(?:is|was|had|has|once|previously|used\s+to|formerly)\s+){0,2}"
    r"(?:work(?:s|ed|ing)?|live[sd]?|living|stud(?:y|ied|ies)|grew\s+up|born|come[s]?|came)"
    r"\s+(?:in|at|from)\s+(?:the\s+)?$"
    r"|\b(?:a\s+native\s+of|natives?\s+of|hails?\s+from|hailing\s+from|originally\s+from)"
    r"\s+(?:the\s+)?$"
    r"|\b[A-Z][a-z]+,\s+(?:who\s+is\s+|\d+,\s+)?from\s+(?:the\s+)?$"
    r"|\b(?:a|an)\s+(?:[a-z-]+\s+){0,2}"
    rf"(?:{_words('person_nouns_en')})\s+from\s+(?:the\s+)?$",
)
# 来自日照的技术员, 曾在东莞打工多年的村民: one person's origin or former workplace.
_PERSON_ZH = re.compile(rf"(?:{_words('person_origin_zh')})$")
_PERSON_NOUN_ZH = re.compile(r"(?:籍)?的[\u4e00-\u9fff]{0,4}?"
                            rf"(?:{_words('person_nouns_zh')})")
_FORMER_ZH = re.compile(rf"(?:{_words('former_place_zh')})$")
_FORMER_AFTER_ZH = re.compile(rf"(?:{_words('former_work_zh')})" r"[^，,。；;\d]{0,6}的")
_ORG_AFTER = re.compile(
    rf"(?:省|市|自治区|州|县|区)?(?:{_words('organisations_zh')})"
    r"|\s+(?:(?:Provincial|Municipal|Prefectural|Regional|County)\s+)?"
    r"(?:Development\s+and\s+Reform\s+Commission|Production\s+and\s+Construction\s+Corps|"
    r"Department\s+of|Bureau\s+of|Daily\b|University\b)"
    r"|(?:\s+[A-Z][a-z]+){0,4}\s+(?:Group|Company|Co\.|Corporation|Corp\.|Investment|Bank|"
    r"Holdings|Ltd\b|Limited)"
)
_Q = SETTINGS.places.quote_max_chars
_QUOTE = re.compile(rf"\"[^\"\n]{{2,{_Q}}}\"|“[^”\n]{{2,{_Q}}}”|「[^」\n]{{2,{_Q}}}」")
# a cheap test before the place-by-place checks: keep it in step with the words above
_QUICK = skipping(re.compile(
    r"\bwho\b|\bfrom\b|native|hail|来自|家住|老家在|曾|以前在|此前在|原在|早年在|之前在", re.I))


def persons(text: str, refs: list[PlaceRef]) -> list[PlaceRef]:
    """Places that are a person's origin or workplace."""
    if not _QUICK.search(text):
        return []
    reach_en, reach_zh = SETTINGS.places.person_lookback_en, SETTINGS.places.person_lookback_zh
    return [r for r in refs if _PERSON_BEFORE.search(text, max(0, r.start - reach_en), r.start)
            or (_PERSON_ZH.search(text, max(0, r.start - reach_zh), r.start)
                and _PERSON_NOUN_ZH.match(text, r.end))
            or (_FORMER_ZH.search(text, max(0, r.start - reach_zh), r.start)
                and _FORMER_AFTER_ZH.match(text, r.end))]


# "a news conference in Beijing", 在北京召开: where an event was held, not what it reports on.
_VENUE_BEFORE_EN = re.compile(
    r"\b(?:conference|meeting|forum|briefing|symposium|ceremony|event|session)s?\s+"
    r"(?:(?:held|organized|organised|hosted)\s+)?in\s+(?:the\s+)?$|\bheld\s+in\s+(?:the\s+)?$",
    re.I)
_VENUE_AFTER_ZH = re.compile(r"[^，,。；;]{0,10}?(?:召开|举行|举办)(?:的|了)?[^，,。；;]{0,24}?"
                             r"(?:新闻发布会|发布会|会议|会|论坛|仪式|活动)")


_VENUE_CHAIN = re.compile(r"\s*(?:,|\bin\b|\bof\b)\s*(?:the\s+)?|")  # 在凉山州昭觉县召开


def venues(text: str, refs: list[PlaceRef]) -> list[PlaceRef]:
    """Places named as where a meeting, conference or ceremony was held, with the places
    that locate them ("held in Sanhe village in Zhaojue county, Sichuan province")."""
    out: list[PlaceRef] = []
    for r in sorted(refs, key=lambda r: r.start):
        if (_VENUE_BEFORE_EN.search(text, max(0, r.start - 60), r.start)
                or (text[r.start - 1:r.start] == "在" and _VENUE_AFTER_ZH.match(text, r.end))
                or (out and _VENUE_CHAIN.fullmatch(text, out[-1].end, r.start))):
            out.append(r)
    return out


# 北京至商丘高铁, 五营乡大石面至崔家川堤防工程: the ends of a route named as a works, not
# where the figures are.
_WORKS = r"(?:高速铁路|高铁|铁路|高速公路|高速|公路|国道|省道|线|段|堤防|工程|大桥|隧道|管道)"
_NAME_CHAR = r"[^，,。；;、：:\s\d]"
_ROUTE_FROM = re.compile(rf"{_NAME_CHAR}{{0,10}}?至(?!今){_NAME_CHAR}{{1,10}}?{_WORKS}")
_ROUTE_TO = re.compile(rf"{_NAME_CHAR}{{0,8}}?{_WORKS}")


def routes(text: str, refs: list[PlaceRef]) -> list[PlaceRef]:
    """Places that start or end a route named as a works (a railway, road or embankment)."""
    if "至" not in text:
        return []
    return [r for r in refs if _ROUTE_FROM.match(text, r.end)
            or (text[r.start - 1:r.start] == "至" and _ROUTE_TO.match(text, r.end))]


# A photo caption: "[Photo/Xinhua]", "GENG XINNING/XINHUA", "(People's Daily Online/Li Suren)",
# "Photo shows ...", 图为…, （张三 摄）. Its places illustrate; they frame no article.
_CAPTION = re.compile(
    r"^[^\S\n]*(?:Photo\s+shows|图为)|\[Photo\b|\bPhoto\s*/|/\s*(?:Xinhua|XINHUA|China\s+Daily|"
    r"chinadaily\.com\.cn)\b|\b[A-Z]{2,}(?:\s+[A-Z]{2,})*/[A-Z]{2,}\b|"
    r"\([^()\n]{0,40}/[^()\n]{0,30}\)[^\S\n]*$|[（(][^（）()\n]{0,20}摄[）)]", re.M)
_CAPTION_QUICK = re.compile(r"Photo|图为|摄|/")


def captions(text: str, refs: list[PlaceRef]) -> list[PlaceRef]:
    """Places named in a photo caption (a line that carries a photo credit)."""
    if not _CAPTION_QUICK.search(text):
        return []
    credits = [m.start() for m in _CAPTION.finditer(text)]
    if not credits:
        return []
    index = SpanIndex([(text.rfind("\n", 0, at) + 1, _line_end(text, at)) for at in credits])
    return [r for r in refs if index.encloses(r.start, r.end)]


def _line_end(text: str, pos: int) -> int:
    end = text.find("\n", pos)
    return len(text) if end < 0 else end


def organisations(text: str, refs: list[PlaceRef]) -> list[PlaceRef]:
    """Places that only open an organisation's name."""
    return [r for r in refs if _ORG_AFTER.match(text, r.end)]


def quote_spans(text: str) -> list[tuple[int, int]]:
    if '"' not in text and "“" not in text and "「" not in text:
        return []
    return [m.span() for m in _QUOTE.finditer(text)]


def quoted(text: str, refs: list[PlaceRef]) -> list[PlaceRef]:
    """Places inside a quotation."""
    quotes = SpanIndex(quote_spans(text))
    return [r for r in refs if quotes.encloses(r.start, r.end)]


def outside_quote(text: str, refs: list[PlaceRef], pos: int) -> list[PlaceRef]:
    """``refs`` without the places quoted in a quotation that does not hold ``pos``."""
    spans = [(s, e) for s, e in quote_spans(text) if not s <= pos < e]
    return [r for r in refs if not any(s < r.start and r.end < e for s, e in spans)]
