"""Towns and villages found by pattern: 干溪村, 三都镇, "Shibadong Village", "Sandu Town"."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from nlp.lookahead import skipping
from nlp.places.romanize import is_pinyin, romanize
from nlp.places.scan import common_words, is_cjk
from nlp.resources import load_json
from nlp.spans import SpanIndex
from nlp.words import words

ZH_SUFFIXES = {"村": ("Village", "village"), "镇": ("Town", "town"), "乡": ("Township", "town"),
               "街道": ("Subdistrict", "town"), "社区": ("Community", "village")}
EN_LEVELS = {"village": "village", "town": "town", "township": "town",
             "community": "village", "subdistrict": "town"}
_ZH_SUFFIX = re.compile(r"街道|社区|[村镇乡]")
_EN_PATTERN = re.compile(
    r"([A-Z][a-z]+(?:['’-][a-z]+)*)(?:[ -]([A-Z][a-z]+(?:['’-][a-z]+)*))?"
    r"((?: [Nn]ew)? (?:Village|Town|Township|Community|Subdistrict|village|town|township|"
    r"community|subdistrict))\b"
)
# "Yilishe and Zhongping communities", "Ganxi, Laoji and Xiaozhai villages": names sharing one
# plural level word.
_EN_PLURAL = skipping(re.compile(
    r"((?:[A-Z][a-z]+(?:['’-][a-z]+)*, )*[A-Z][a-z]+(?:['’-][a-z]+)*,? and [A-Z][a-z]+"
    r"(?:['’-][a-z]+)*) (villages|towns|townships|communities|subdistricts)\b"))
_EN_PLURAL_QUICK = re.compile(r" and [A-Z].{0,40}? (?:villages|towns|townships|communities|subdis)")
_EN_NAME = re.compile(r"[A-Z][a-z]+(?:['’-][a-z]+)*")
_EN_PLURAL_LEVEL = {"villages": "Village", "towns": "Town", "townships": "Township",
                    "communities": "Community", "subdistricts": "Subdistrict"}
# Characters that never sit inside a village name (function words, measures, pronouns).
_STOP_CHARS = frozenset("的了是在个们着把被这那每各该其此也就又还并而或从到对向给让为于等将全本与及"
                        "已所之以由则但即按据当有和及")
_STRONG_STOP_CHARS = frozenset("的了是在个们着把被这那每各该其此也就又还并而或从到对给让为等将与"
                               "及已所之则但即按据当")
_SUFFIX_CHARS = frozenset("村镇乡县区市州旗")
_LOCATIVES = frozenset({"上", "里", "内", "中"})
# Characters a name does not start with (administrative suffixes of a preceding name).
_NO_LEAD = frozenset("县市省区镇乡村州")
# Generic words before 村/镇/乡/社区: 贫困村, 示范村, 城镇, 乡村, 安置社区 ...
_GENERIC_TAILS = (
    "贫困", "重点", "示范", "搬迁", "移民", "脱贫", "中心", "试点", "行政", "自然", "美丽", "和美",
    "特色", "安置", "新型", "帮扶", "结对", "先进", "文明", "宜居", "数字", "样板", "富裕", "旅游",
    "生态", "产业", "专业", "明星", "边境", "民族", "传统", "历史", "文化", "城市", "农村", "城乡",
    "所在", "周边", "附近", "相邻", "偏远", "薄弱", "空心", "集体", "社会", "易地", "少数",
    "欠发达",
    "农", "城", "乡", "小", "集", "家", "老", "故", "下", "返", "回", "离", "外", "邻", "同", "渔",
    "进", "驻", "入", "出", "建制", "村", "镇", "社", "街", "大型", "新建", "整", "苏木", "嘎查",
)
# 集镇 is a generic word, but 上集镇, 王集镇 are names: one character before 集, at the start of
# a name position, that is no generic modifier (小集镇, 各集镇) and makes no word (大集, 市集).
_MARKET_GENERIC = frozenset("小大中各新老农乡城该本每全这那其此村县市镇区州省")
_NAME_START = frozenset("，。；：！？,;:!?、（）()“”\"\n ")
# Words the suffix starts: 村民, 村级, 乡村, 乡镇 are not names.
_NOT_AFTER = {"村": frozenset("民委级庄落容貌务际"),
              "乡": frozenset("村镇亲贤土风情愁音下里间邻"), "镇": frozenset("级村")}
_LEADING_POS = ("v", "d", "p", "c", "r", "u", "f", "t", "q", "a")
_VERB_POS = ("v",)
# Words a village name may follow directly in running text: 在前进村, 赴团结村, 和胜利村.
_INTRODUCERS = frozenset("在到赴对和与及是为于从自至由向往、经去来入驻进")
_EN_STOP = frozenset({"The", "This", "That", "Each", "Every", "Our", "Their", "Its", "New", "Old",
                      "Model", "Key", "Poor", "Pilot", "Rural", "Home", "Small", "Central",
                      "Relocation", "Resettlement", "Relief", "Poverty", "Migrant", "Ecological"})


@dataclass
class Locality:
    """A town or village name at ``[start, end)``."""

    start: int
    end: int
    name_zh: str
    name_en: str
    level: str


@cache
def _name_edges() -> tuple[tuple[str, ...], str]:
    words = load_json("nlp.places", "localities.json")
    return tuple(words["not_name_start"]), words["not_name_end"]


def _edges_ok(text: str, start: int, end: int, floor: int) -> bool:
    """A name opens no verb, scope word or measure phrase, ends in no conjunction, and starts
    where a word starts (村委会|上坝村: 委会上坝 is no name); after a place name a locative
    word is no obstacle (宋家庄镇上苏庄村: 镇上 reads as one word, yet the name starts after
    the town)."""
    bad_start, bad_end = _name_edges()
    stem = text[start:end]
    if stem.startswith(bad_start) or stem[-1] in bad_end:
        return False
    lo = max(0, start - 4)
    pos = lo
    for word in words(text[lo:end + 1]):
        if pos == start:
            return True
        if pos < start < pos + len(word):
            return (pos == start - 1 and word[0] in _SUFFIX_CHARS
                    and word[1:] in _LOCATIVES and start == floor)
        pos += len(word)
    return True


def stem_ok(text: str, start: int, end: int, floor: int, listed: bool = False) -> bool:
    """Whether ``text[start:end]`` is a town or village name (the segmenter is asked last)."""
    stem = text[start:end]
    # Right after a place name (会川镇本庙村) or in a list (、以礼社区) a name may hold a
    # character that is a function word elsewhere (本, 以, 和, 向).
    named = listed or _name_position(text, start, floor)
    stops = _STRONG_STOP_CHARS if named else _STOP_CHARS
    if stem[0] in _NO_LEAD or any(ch in stops for ch in stem):
        return False
    words = common_words()
    if stem.endswith(_GENERIC_TAILS) and not _market_town(text, start, end, floor, words):
        return False
    if words.get(stem, "").startswith("t"):
        return False  # 今年村里, 目前村内: a time word before 村里, no name
    lead = words.get(stem[:2], "")
    if len(stem) > 2 and lead.startswith(_LEADING_POS):
        return False
    return not _ends_in_predicate(text, start, end, floor) and _edges_ok(text, start, end, floor)


def _market_town(text: str, start: int, end: int, floor: int, words: dict) -> bool:
    stem = text[start:end]
    if end - start != 2 or stem[1] != "集" or stem[0] in _MARKET_GENERIC or stem in words:
        return False
    return start == floor or text[start - 1] in _NAME_START or text[start - 1] in _INTRODUCERS


def _name_position(text: str, start: int, floor: int) -> bool:
    return (start == floor and start > 0 and text[start - 1] not in "，。；：！？,;:!?"
            ) or (start > 0 and text[start - 1] in "、")


def _ends_in_predicate(text: str, start: int, end: int, floor: int) -> bool:
    """"以工代赈方式实施村内道路": a stem ending in a verb of the running text is no name.

    A longer stem whose last word is a verb (方式|实施, 组织|实施) never names a village; a
    two-character verb stem (实施, 开展) does only right after a division or an introducing
    word (保靖县前进村, 在前进村), never glued to the running text.
    """
    tail = common_words().get(text[end - 2:end], "")
    if not tail.startswith(_VERB_POS):
        return False
    if end - start > 2:
        return True
    return start > floor and is_cjk(text[start - 1]) and text[start - 1] not in _INTRODUCERS


def find_chinese(text: str, floors: list[tuple[int, int]]) -> list[Locality]:
    """Chinese towns/villages; ``floors`` are spans already taken (gazetteer names)."""
    out: list[Locality] = []
    taken = sorted(floors)
    ti, floor = 0, 0
    for m in _ZH_SUFFIX.finditer(text):
        k, suffix = m.start(), m.group()
        while ti < len(taken) and taken[ti][1] <= k:
            floor = max(floor, taken[ti][1])
            ti += 1
        if ti < len(taken) and taken[ti][0] <= k:
            continue  # the suffix is inside a division name (乡城县)
        if out:
            floor = max(floor, out[-1].end)
        after = text[m.end():m.end() + 1]
        if after and after in _NOT_AFTER.get(suffix, ()):
            continue
        start = name_before(text, k, floor, listed=after == "、")
        if start is not None:
            en, level = ZH_SUFFIXES[suffix]
            out.append(Locality(start, m.end(), text[start:m.end()],
                                f"{romanize(text[start:k])} {en}", level))
    return out


# "in Xijie, a village in Juancheng county": the level word comes in an apposition.
_EN_APPOSITION = skipping(re.compile(  # nlp.lookahead: it opens with \b
    r"\b([A-Z][a-z]+(?:['’-][a-z]+)*), an? (?:[a-z]+ ){0,2}(village|town|township|community)\b"))


# "moved from the village of Sanbaoxiang": the level word comes first.
_EN_OF = skipping(re.compile(  # nlp.lookahead: it opens with \b
    r"\bthe (village|town|township|community) of ([A-Z][a-z]+(?:['’-][a-z]+)*)\b"))


def find_english_of(text: str) -> list[Locality]:
    """Towns and villages named after their level word: "the village of Sanbaoxiang"."""
    out = []
    for m in _EN_OF.finditer(text):
        kind, name = m.group(1), m.group(2)
        if name not in _EN_STOP and is_pinyin(name):
            out.append(Locality(m.start(2), m.end(2), "", f"{name} {kind.capitalize()}",
                                EN_LEVELS[kind]))
    return out


def find_english(text: str, lo: int, hi: int) -> list[Locality]:
    """English towns/villages inside ``text[lo:hi]`` ("Ganxi Village", "Damou town", "Xijie, a
    village in ...")."""
    out: list[Locality] = []
    for m in _EN_APPOSITION.finditer(text, lo, hi):
        name, kind = m.group(1), m.group(2)
        if name not in _EN_STOP and is_pinyin(name):
            out.append(Locality(m.start(1), m.end(1), "", f"{name} {kind.capitalize()}",
                                EN_LEVELS[kind]))
    for m in _EN_PATTERN.finditer(text, lo, hi):
        first, second, written = m.group(1), m.group(2), m.group(3).strip()
        kind = written.split()[-1]
        start = m.start(1)
        if second and (first in _EN_STOP or not is_pinyin(first)):
            first, start = second, m.start(2)
            second = None
        name = f"{first} {second}" if second else first
        if first in _EN_STOP or not is_pinyin(name):
            continue
        level = EN_LEVELS[kind.lower()]
        out.append(Locality(start, m.end(), "", f"{name} {written.title()}", level))
    return sorted(out + _english_plural(text, lo, hi), key=lambda loc: loc.start)


def _english_plural(text: str, lo: int, hi: int) -> list[Locality]:
    out: list[Locality] = []
    if not _EN_PLURAL_QUICK.search(text, lo, hi):
        return out
    for m in _EN_PLURAL.finditer(text, lo, hi):
        kind = _EN_PLURAL_LEVEL[m.group(2)]
        names = list(_EN_NAME.finditer(m.group(1)))
        if not all(n.group() not in _EN_STOP and is_pinyin(n.group()) for n in names):
            continue
        for n in names:
            start = m.start(1) + n.start()
            end = m.end() if n is names[-1] else m.start(1) + n.end()
            out.append(Locality(start, end, "", f"{n.group()} {kind}", EN_LEVELS[kind.lower()]))
    return out


# Named resettlement sites: 德胜安置区, 五里岗安置社区, "Xinmin resettlement community",
# "Wumeng Relocation Town". The name is kept as written; a generic modifier (集中安置区,
# 万人以上安置区) or a headline's type word alone ("the Relocation Town") is no name.
_ZH_SITE = skipping(re.compile(r"(?:易地移民扶贫搬迁|移民扶贫搬迁|易地扶贫搬迁|易地搬迁|扶贫搬迁|"
                               r"移民搬迁|生态搬迁|搬迁)?"
                               r"(?:集中)?"
                               r"(?:安置社区|安置小区|安置区|安置点)"))
_SITE_GENERIC = ("集中", "分散", "城镇", "县城", "城区", "大型", "中型", "小型", "万人", "千人",
                 "以上", "跨县", "跨区", "易地", "搬迁", "扶贫", "新建", "统一", "所有", "全部",
                 "各个", "部分", "这些", "多个", "移民", "后续", "上述", "前述", "以下", "其他",
                 "其余", "地", "全县", "全市", "全省", "全州", "全区", "全旗")
_QUOTED_NAME = re.compile(r"[“\"][\u4e00-\u9fff]{2,6}[”\"]$")
_SITE_COUNT = re.compile(r"^[一二两三四五六七八九十百千几数多余个座处]+$")
_EN_SITE = skipping(re.compile(
    r"\b([A-Z][a-z]+(?:['’-][a-z]+)*)(?: ([A-Z][a-z]+(?:['’-][a-z]+)*))? "
    r"(?:[Rr]esettlement|[Rr]elocation)(?: [Rr]esidential)? "
    r"(?:[Cc]ommunity|[Aa]rea|[Ss]ite|[Tt]own|[Zz]one|[Cc]ompound)\b"))
_EN_SITE_STOP = _EN_STOP | frozenset(
    "A An In At Of For To On Life Living Poverty Relief Large Big Largest Biggest Ecological "
    "National Provincial County City Village Township Town Its These Those Such Which Where "
    "Another Local Urban Centralized Centralised Relocation Resettlement China Chinese".split())


# A town, 街道 or community followed by the site word, perhaps with 易地扶贫搬迁 between:
# 茶店镇安置区, 柏杨林街道易地扶贫搬迁安置区. The whole compound names the site.
_COMPOUND_TAIL = re.compile(
    r"(?:易地扶贫搬迁|易地搬迁|扶贫搬迁|搬迁)?(?:安置社区|安置小区|安置区|安置点)")
_COMPOUND_HEADS = ("街道", "社区", "镇", "乡", "村")


def compound_sites(text: str, localities: list[Locality]) -> list[Locality]:
    """Sites whose name is a town, 街道 or community locality plus the site word."""
    out = []
    for loc in localities:
        m = _COMPOUND_TAIL.match(text, loc.end)
        if m and loc.name_zh.endswith(_COMPOUND_HEADS):
            out.append(Locality(loc.start, m.end(), text[loc.start:m.end()], "", "village"))
    return out


def name_before(text: str, suffix_start: int, floor: int,
                generic: Callable[[str], bool] | None = None, listed: bool = False) -> int | None:
    """Where a name of two to four Han characters ending at ``suffix_start`` (before 村, 安置区,
    经开区 ...) starts: the longest stem after ``floor`` that is not ``generic`` and reads as a
    name (:func:`stem_ok`; ``listed``: the name stands in a list); None when there is none."""
    for size in (4, 3, 2):
        start = suffix_start - size
        if start < floor or not all(is_cjk(ch) for ch in text[start:suffix_start]):
            continue
        if generic is not None and generic(text[start:suffix_start]):
            continue
        if stem_ok(text, start, suffix_start, floor, listed):
            return start
    return None


def _generic_site(stem: str) -> bool:
    """集中安置区, 万人以上安置区, 三个安置点: a kind or count of sites, not a name."""
    return (stem.endswith(_SITE_GENERIC) or any(g in stem for g in _SITE_GENERIC[:11])
            or bool(_SITE_COUNT.match(stem[:-1]))
            or common_words().get(stem[:2], "").startswith(_LEADING_POS))


def find_sites(text: str, floors: list[tuple[int, int]]) -> list[Locality]:
    """Named resettlement sites in Chinese and English (level ``village``: the most specific)."""
    out: list[Locality] = []
    if "安置" in text:
        taken = SpanIndex(floors)
        for m in _ZH_SITE.finditer(text):
            k = m.start()
            last = out[-1].end if out else 0
            floor = max(taken.last_end(k, last), last)
            if taken.covers(k):
                continue
            quoted = _QUOTED_NAME.search(text, max(floor, k - 10), k)
            if quoted:  # “五福”易地移民扶贫搬迁安置小区: a quoted name
                out.append(Locality(quoted.start(), m.end(), text[quoted.start():m.end()], "",
                                    "village"))
                continue
            start = name_before(text, k, floor, _generic_site)
            if start is not None:
                out.append(Locality(start, m.end(), text[start:m.end()], "", "village"))
    if "esettlement" in text or "elocation" in text:
        for m in _EN_SITE.finditer(text):
            first, second = m.group(1), m.group(2)
            start = m.start(1)
            if second and first in _EN_SITE_STOP:
                first, start = second, m.start(2)
            if first in _EN_SITE_STOP or (second and second in _EN_SITE_STOP):
                continue
            out.append(Locality(start, m.end(), "", text[start:m.end()], "village"))
    return sorted(out, key=lambda loc: loc.start)
