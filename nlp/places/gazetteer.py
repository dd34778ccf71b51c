"""The shipped gazetteer: divisions with Chinese, English, pinyin and short-form names."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache

from nlp.places.model import LEVEL_RANK, Place
from nlp.resources import read_text

# English words compared case-insensitively ("Dahua Yao autonomous county").
SUFFIX_WORDS = frozenset({
    "province", "city", "county", "prefecture", "autonomous", "region", "district", "banner",
    "league", "municipality", "special", "administrative", "forestry", "various", "ethnic",
    "groups",
})
_LATIN_JUNK = re.compile(r"[\s\-·.]+")
_CJK = re.compile(r"[\u4e00-\u9fff]")


@dataclass
class Gazetteer:
    """Name indexes over the divisions. ``bare`` keys are stems that need context guards."""

    places: dict[str, Place] = field(default_factory=dict)
    zh: dict[str, list[str]] = field(default_factory=dict)
    zh_bare: dict[str, list[str]] = field(default_factory=dict)
    zh_lengths: dict[str, tuple[int, ...]] = field(default_factory=dict)
    en: dict[tuple[str, ...], list[str]] = field(default_factory=dict)
    en_bare: dict[str, list[str]] = field(default_factory=dict)
    # Bare words that name a place only when the document names its province or prefecture.
    en_guarded: dict[str, list[str]] = field(default_factory=dict)
    # Bare words that are no place before these words ("Hami melon", "Lop Nur").
    en_not_next: dict[str, frozenset[str]] = field(default_factory=dict)
    en_max_words: int = 1
    zh_heads: frozenset[str] = frozenset()
    en_heads: frozenset[str] = frozenset()
    # where a Chinese name may start: a first character of one before a second one (or the end)
    zh_name_starts: re.Pattern = re.compile("(?!)")
    latin: dict[str, list[str]] = field(default_factory=dict)


def norm_word(word: str) -> str:
    """Token form used as an English key: curly apostrophes straightened, suffixes lowered."""
    word = word.replace("’", "'")
    return word.lower() if word.lower() in SUFFIX_WORDS else word


def en_key(name: str) -> tuple[str, ...]:
    return tuple(norm_word(w) for w in re.findall(r"[A-Za-z]+(?:['’][A-Za-z]+)*", name))


def latin_key(name: str) -> str:
    """Loose key for :func:`lookup`: lower case, no spaces or hyphens, v read as ü.

    Apostrophes stay (Xi'an is not Xian County); the plain pinyin key has none.
    """
    key = _LATIN_JUNK.sub("", name.lower().replace("’", "'"))
    return key.replace("v", "ü")


def _add(index: dict, key, code: str) -> None:
    if key:
        codes = index.setdefault(key, [])
        if code not in codes:
            codes.append(code)


@cache
def gazetteer() -> Gazetteer:
    """Load ``data/divisions.tsv`` once."""
    gaz = Gazetteer()
    aliases: dict[str, list[str]] = {}
    for row in _rows("divisions.tsv"):
        code = row["code"]
        gaz.places[code] = Place(code, row["name_zh"], row["name_en"], row["level"],
                                 row["parent_code"] or None)
        for alias in filter(None, row["aliases_zh"].split("|")):
            _add(gaz.zh, alias, code)
        _add(gaz.zh_bare, row["bare_zh"], code)
        aliases[code] = list(filter(None, row["aliases_en"].split("|")))
        for alias in aliases[code]:
            _add_en(gaz, alias, code)
        # A county stem whose Chinese form is a common word (大兴, 建华) needs context.
        weak = not row["bare_zh"] and row["level"] == "county"
        _add(gaz.en_guarded if weak else gaz.en_bare, row["bare_en"], code)
        _add(gaz.latin, latin_key(row["bare_en"]), code)
        _add(gaz.latin, row["pinyin"], code)
    add_exonyms(gaz, aliases)
    lengths: dict[str, set[int]] = {}
    for key in [*gaz.zh, *gaz.zh_bare]:
        lengths.setdefault(key[0], set()).add(len(key))
    gaz.zh_lengths = {ch: tuple(sorted(ls, reverse=True)) for ch, ls in lengths.items()}
    gaz.zh_heads = frozenset(key[:2] for key in [*gaz.zh, *gaz.zh_bare])
    seconds = {key[1] for key in [*gaz.zh, *gaz.zh_bare] if len(key) > 1}
    gaz.zh_name_starts = re.compile(
        f"[{re.escape(''.join(sorted(lengths)))}](?=[{re.escape(''.join(sorted(seconds)))}]|\\Z)")
    gaz.en_heads = frozenset([key[0] for key in gaz.en] + list(gaz.en_bare)
                             + list(gaz.en_guarded))
    return gaz


def _rows(name: str) -> list[dict[str, str]]:
    text = read_text("nlp.places", name)
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def _add_en(gaz: Gazetteer, alias: str, code: str) -> None:
    key = en_key(alias)
    _add(gaz.en, key, code)
    gaz.en_max_words = max(gaz.en_max_words, len(key))
    _add(gaz.latin, latin_key(alias), code)


def add_exonyms(gaz: Gazetteer, aliases: dict[str, list[str]]) -> None:
    """Conventional English names (``data/exonyms.tsv``): Kashgar for 喀什, Lhasa for 拉萨.

    Each division alias written with the pinyin stem is added again with the exonym
    (Kashi Prefecture -> Kashgar Prefecture). Flags: ``ctx`` (the bare exonym needs the
    province or prefecture named in the document), ``not=a,b`` (no place before these words).
    """
    for row in _rows("exonyms.tsv"):
        exonym, code, place = row["exonym"], row["code"], gaz.places[row["code"]]
        flags = dict(f.partition("=")[::2] for f in row["flags"].split(";") if f)
        key = en_key(exonym)
        if len(key) > 1:
            _add_en(gaz, exonym, code)
        else:
            _add(gaz.en_guarded if "ctx" in flags else gaz.en_bare, exonym, code)
            if "ctx" in flags and exonym in gaz.en_bare:  # the pinyin stem is guarded too
                for same in [c for c in gaz.en_bare[exonym] if c[:2] == code[:2]]:
                    gaz.en_bare[exonym].remove(same)
                    _add(gaz.en_guarded, exonym, same)
            _add(gaz.latin, latin_key(exonym), code)
            if flags.get("not"):
                gaz.en_not_next[exonym] = frozenset(flags["not"].split(","))
        if key[-1] in SUFFIX_WORDS:
            continue  # "Kashgar City" is already a full name
        stem = place.name_en.split()[0]
        for alias in aliases[code]:
            if alias.startswith(stem + " "):
                _add_en(gaz, exonym + alias[len(stem):], code)
        if place.name_zh.endswith("地区"):
            _add_en(gaz, exonym + " Region", code)


def sort_codes(codes: list[str]) -> list[str]:
    """Higher level first, then by code: the deterministic order of candidates."""
    places = gazetteer().places
    return sorted(set(codes), key=lambda c: (LEVEL_RANK[places[c].level], c))


def lookup(name: str) -> list[Place]:
    """Every division with that name or alias (Chinese, English, pinyin or short form)."""
    if not isinstance(name, str) or not name.strip():
        return []
    gaz, name = gazetteer(), name.strip()
    if _CJK.search(name):
        codes = gaz.zh.get(name, []) + gaz.zh_bare.get(name, [])
    else:
        codes = gaz.latin.get(latin_key(name), [])
    return [gaz.places[c] for c in sort_codes(codes)]


def get_place(code: str) -> Place | None:
    """The division with this 6-digit code (a 12-digit statistical code is cut to 6)."""
    if not isinstance(code, str):
        return None
    return gazetteer().places.get(code.strip()[:6])


def iter_places() -> Iterator[Place]:
    """All divisions in code order (for a ``places`` table)."""
    gaz = gazetteer()
    for code in sorted(gaz.places):
        yield gaz.places[code]
