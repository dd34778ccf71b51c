"""Place gazetteer and linker: codes, names, short forms, ambiguity, villages, guards."""

from __future__ import annotations

import json
from dataclasses import fields
from pathlib import Path

import pytest

from nlp.places import Place, get_place, iter_places, link_places, lookup
from nlp.places.references import PlaceRef

SHARED = Path(__file__).resolve().parents[3] / "shared"


def linked(text: str) -> list[tuple[str, str | None]]:
    return [(m.text, m.place.code) for m in link_places(text)]


def codes(text: str) -> list[str | None]:
    return [m.place.code for m in link_places(text)]


def only(text: str, name: str):
    found = [m for m in link_places(text) if m.text == name]
    assert len(found) == 1, [m.text for m in link_places(text)]
    return found[0].place


# --- Chinese divisions -------------------------------------------------------------------

def test_full_chinese_names_get_their_codes():
    text = "湖南省湘西土家族苗族自治州花垣县召开以工代赈现场推进会"
    assert linked(text) == [("湖南省", "430000"), ("湘西土家族苗族自治州", "433100"),
                            ("花垣县", "433124")]


@pytest.mark.parametrize(("text", "name", "code"), [
    ("湘西州今年安排以工代赈资金", "湘西州", "433100"),
    ("黔东南州实施项目86个", "黔东南州", "522600"),
    ("大化县发放劳务报酬", "大化县", "451229"),
    ("铜鼓县储备项目20个", "铜鼓县", "360926"),
    ("去年河池吸纳搬迁群众就业", "河池", "451200"),
    ("广西今年新增就业岗位", "广西", "450000"),
    ("内蒙古、宁夏两地推进", "内蒙古", "150000"),
    ("新疆各地州加快建设", "新疆", "650000"),
    ("西藏自治区发展改革委", "西藏自治区", "540000"),
    ("今年湖南脱贫人口务工规模稳定", "湖南", "430000"),
    ("甘肃临夏州东乡县实施以工代赈", "东乡县", "622926"),
])
def test_chinese_short_forms_link_to_the_division(text, name, code):
    assert only(text, name).code == code


def test_wrapped_in_province_and_prefecture_chain():
    text = "江西省宜春市铜鼓县围绕以工代赈项目建设"
    assert codes(text) == ["360000", "360900", "360926"]


def test_parent_codes_follow_the_hierarchy():
    assert get_place("433124").parent_code == "433100"
    assert get_place("433100").parent_code == "430000"
    assert get_place("430000").parent_code is None


def test_municipality_counties_hang_on_the_municipality():
    place = only("重庆市城口县推进搬迁后续扶持", "城口县")
    assert place.parent_code == "500000"


# --- English and pinyin -------------------------------------------------------------------

@pytest.mark.parametrize(("text", "name", "code"), [
    ("Officials from Xiangxi Tujia and Miao Autonomous Prefecture met.",
     "Xiangxi Tujia and Miao Autonomous Prefecture", "433100"),
    ("A meeting was held in Xiangxi Prefecture last week.", "Xiangxi Prefecture", "433100"),
    ("Inspectors visited Huayuan County on Monday.", "Huayuan County", "433124"),
    ("The project in Dahua Yao autonomous county hired locals.",
     "Dahua Yao autonomous county", "451229"),
    ("Hechi City created 13,200 posts.", "Hechi City", "451200"),
    ("Both exceeded the targets set by Guangxi Zhuang autonomous region.",
     "Guangxi Zhuang autonomous region", "450000"),
    ("Workers returned to Hunan Province in spring.", "Hunan Province", "430000"),
    ("Herders in Inner Mongolia joined the scheme.", "Inner Mongolia", "150000"),
    ("Relocated families in Tibet received training.", "Tibet", "540000"),
    ("A conference was held in Chongqing on the 27th.", "Chongqing", "500000"),
    ("Jobs in Shaanxi rose while Shanxi held steady.", "Shaanxi", "610000"),
    ("Jobs in Shaanxi rose while Shanxi held steady.", "Shanxi", "140000"),
])
def test_english_names_link_to_the_division(text, name, code):
    assert only(text, name).code == code


def test_bare_pinyin_counties_in_a_list():
    text = "Relocation sites in Dahua, Huanjiang, and Du'an were expanded."
    assert linked(text) == [("Dahua", "451229"), ("Huanjiang", "451226"), ("Du'an", "451228")]


def test_curly_apostrophe_is_read_like_a_straight_one():
    assert codes("Villagers in Du’an built roads.") == ["451228"]


def test_english_names_in_the_gazetteer():
    assert get_place("433100").name_en == "Xiangxi Tujia and Miao Autonomous Prefecture"
    assert get_place("451228").name_en == "Du'an Yao Autonomous County"
    assert get_place("610100").name_en == "Xi'an City"


def test_lookup_accepts_chinese_english_pinyin_and_short_forms():
    names = ("湘西土家族苗族自治州", "湘西州", "湘西", "Xiangxi", "Xiangxi Prefecture", "xiangxi")
    for name in names:
        assert [p.code for p in lookup(name)] == ["433100"], name
    assert [p.code for p in lookup("duan")] == ["451228"]
    assert [p.code for p in lookup("Du'an")] == ["451228"]


def test_lookup_returns_every_division_sharing_a_name():
    assert {p.code for p in lookup("Yichun")} == {"360900", "230700"}
    assert {p.code for p in lookup("永定区")} == {"350803", "430802"}


def test_lookup_keeps_apostrophe_names_apart():
    assert "130929" not in {p.code for p in lookup("Xi'an")}  # 献县 is Xian County
    assert "610100" in {p.code for p in lookup("Xi'an")}


def test_lookup_and_get_place_survive_bad_input():
    assert lookup("") == []
    assert lookup(None) == []  # type: ignore[arg-type]
    assert get_place("999999") is None
    assert get_place(None) is None  # type: ignore[arg-type]
    assert get_place("433124000000").name_zh == "花垣县"


def test_iter_places_covers_all_levels_with_unique_codes():
    places = list(iter_places())
    assert len(places) > 3000
    assert len({p.code for p in places}) == len(places)
    assert {p.level for p in places} == {"province", "prefecture", "county"}
    assert all(isinstance(p, Place) and len(p.code) == 6 for p in places)


# --- Ambiguity ---------------------------------------------------------------------------

def test_yichun_goes_to_jiangxi_when_the_document_names_jiangxi():
    text = "Tonggu County lies in Jiangxi Province.\n\nYichun has reserved 20 projects."
    assert only(text, "Yichun").code == "360900"


def test_yichun_goes_to_heilongjiang_when_the_document_names_heilongjiang():
    text = "Yichun trained 3,000 forest workers, the Heilongjiang Province bureau said."
    assert only(text, "Yichun").code == "230700"


def test_same_district_name_in_two_provinces_follows_the_document():
    fujian = "龙岩市召开会议。永定区今年新建产业路12公里。"
    hunan = "张家界市召开会议。永定区今年新建产业路12公里。"
    assert only(fujian, "永定区").code == "350803"
    assert only(hunan, "永定区").code == "430802"


def test_ambiguous_name_without_context_prefers_the_higher_level():
    assert only("吉林推进易地搬迁后续扶持", "吉林").code == "220000"
    assert only("海南今年新增就业", "海南").code == "460000"


def test_person_named_like_a_place_is_not_a_place():
    text = "Wang Yichun, head of the village committee, said wages were paid."
    assert link_places(text) == []


# --- Towns and villages -------------------------------------------------------------------

def test_chinese_village_attached_to_the_county_before_it():
    place = only("保靖县干溪村实施村内道路提质改造", "干溪村")
    assert (place.code, place.level, place.parent_code) == (None, "village", "433125")
    assert place.name_en == "Ganxi Village"


def test_chinese_town_and_village_chain():
    mentions = link_places("铜鼓县三都镇大塅村组织群众投工投劳")
    assert [(m.text, m.place.level, m.place.parent_code) for m in mentions] == [
        ("铜鼓县", "county", "360900"), ("三都镇", "town", "360926"),
        ("大塅村", "village", "360926")]


def test_village_after_a_verb_keeps_only_its_name():
    place = only("以工代赈项目帮助十八洞村65户群众增收", "十八洞村")
    assert place.name_en == "Shibadong Village"


def test_village_takes_the_nearest_county_in_the_sentence():
    text = "在花垣县，十八洞村去年投入40万元改善人居环境。"
    assert only(text, "十八洞村").parent_code == "433124"


def test_village_gets_no_county_from_another_sentence():
    text = "花垣县召开推进会。十八洞村去年投入40万元。"
    assert only(text, "十八洞村").parent_code is None


def test_english_village_followed_by_its_county():
    text = "Liu, secretary of Ganxi Village, Baojing County, said wages were paid."
    place = only(text, "Ganxi Village")
    assert (place.level, place.parent_code, place.name_zh) == ("village", "433125", "")


def test_english_town_in_a_county():
    place = only("The demonstration project in Sandu Town in Tonggu County hired locals.",
                 "Sandu Town")
    assert (place.level, place.parent_code) == ("town", "360926")


def test_lowercase_town_before_autonomous_county():
    place = only("Damou town in Dahua Yao autonomous county", "Damou town")
    assert place.parent_code == "451229"


def test_english_village_without_county_has_no_parent():
    place = only("Last year, Shibadong Village invested 400,000 yuan.", "Shibadong Village")
    assert place.parent_code is None


@pytest.mark.parametrize("text", [
    "The Village committee met. Each Village reported. Model Village status was granted.",
    "Rural Town planning and New Community services improved.",
])
def test_english_common_words_before_village_are_not_names(text):
    assert link_places(text) == []


@pytest.mark.parametrize("text", [
    "推进乡村振兴，建设美丽乡村，促进城乡融合发展",
    "各村、全村、该村村民和贫困村、示范村、重点村",
    "城镇化率提高，乡镇干部下乡，返乡创业人员",
    "易地搬迁安置社区治理，农村地区和行政村、自然村",
    "我们村的村集体经济",
])
def test_generic_words_ending_in_village_or_town_are_not_places(text):
    assert link_places(text) == []


# --- False positives -----------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "搬迁安置点配套设施建设",
    "以工代赈项目带动群众就业",
    "发展和改革委员会",
    "新华社北京电 通道建设 维护世界和平 东方红",
    "确保社会长治久安，大同小异",
    "长安汽车投资新能源项目",
    "幸福安康，培育新乡贤",
    "继承铜鼓文化",
])
def test_ordinary_chinese_words_are_not_places(text):
    assert all(m.text in ("北京",) for m in link_places(text)), linked(text)


@pytest.mark.parametrize("text", [
    "He said An Long Ning and Xin were there.",
    "Xinhua reported that Guide books and a Mile race were popular.",
    "wages were paid to dahua workers in hechi",
])
def test_english_words_and_lowercase_pinyin_are_not_places(text):
    assert link_places(text) == []


def test_bad_input_never_crashes():
    assert link_places("") == []
    assert link_places(None) == []  # type: ignore[arg-type]
    assert link_places("\x00\ufffd村镇乡" * 10) == []
    assert isinstance(link_places("县" * 500 + "Village " * 50), list)


def test_mentions_are_ordered_and_do_not_overlap():
    text = "湖南湘西州保靖县干溪村和Hechi City, Dahua County以及宜春市铜鼓县三都镇"
    mentions = link_places(text)
    assert [text[m.start:m.end] for m in mentions] == [m.text for m in mentions]
    for left, right in zip(mentions, mentions[1:], strict=False):
        assert left.end <= right.start


# --- Shared seeds (skipped without ../shared) ---------------------------------------------

@pytest.mark.shared
def test_every_gold_place_is_found_in_its_seed():
    gold_dir, corpus = SHARED / "gold" / "seeds", SHARED / "corpus" / "seeds"
    if not gold_dir.is_dir():
        pytest.skip("shared ground truth is absent")
    for gold_file in sorted(gold_dir.glob("*.json")):
        doc = json.loads(gold_file.read_text(encoding="utf-8"))
        text = (corpus / f"{doc['id']}.txt").read_text(encoding="utf-8")
        found = {m.text.lower() for m in link_places(text)}
        for fact in doc["facts"]:
            place = fact.get("place")
            if place and "," not in place:
                assert place.lower() in found or any(place.lower() in f for f in found), place


# --- Exonyms, guarded bare names, minority-name towns -------------------------------------

@pytest.mark.parametrize(("text", "name", "code"), [
    ("Hotan Prefecture relocated 2,000 households.", "Hotan Prefecture", "653200"),
    ("Kashgar created 5,000 jobs last year.", "Kashgar", "653100"),
    ("Kashgar Region trained herders.", "Kashgar Region", "653100"),
    ("Kashgar City opened a workshop.", "Kashgar City", "653101"),
    ("Projects in Urumqi hired 300 people.", "Urumqi", "650100"),
    ("Aksu Prefecture paid wages.", "Aksu Prefecture", "652900"),
    ("Kizilsu Kirgiz Autonomous Prefecture built roads.",
     "Kizilsu Kirgiz Autonomous Prefecture", "653000"),
    ("The Bayingolin Mongol Autonomous Prefecture hired.",
     "Bayingolin Mongol Autonomous Prefecture", "652800"),
    ("Korla City and Turpan hired.", "Korla City", "652801"),
    ("Shigatse relocated 1,200 people.", "Shigatse", "540200"),
    ("Xigaze City relocated 1,200 people.", "Xigaze City", "540200"),
    ("Nyingchi built 40 houses.", "Nyingchi", "540400"),
    ("Ngari Prefecture added 300 posts.", "Ngari Prefecture", "542500"),
    ("Hohhot hired 700 workers.", "Hohhot", "150100"),
    ("Xilingol League moved herders.", "Xilingol League", "152500"),
    ("Alxa League planted shrubs.", "Alxa League", "152900"),
    ("Golmud City paid 3 million yuan.", "Golmud City", "632801"),
    ("Garze Tibetan Autonomous Prefecture relocated people.",
     "Garze Tibetan Autonomous Prefecture", "513300"),
    ("Ngawa Prefecture hired 500.", "Ngawa Prefecture", "513200"),
    ("Keriya County built roads.", "Keriya County", "653226"),
    ("Xinjiang Uyghur Autonomous Region", "Xinjiang Uyghur Autonomous Region", "650000"),
    ("The Xizang Autonomous Region reported gains.", "Xizang Autonomous Region", "540000"),
    ("Hongsibu District of Wuzhong hired 90.", "Hongsibu District", "640303"),
    ("Officials in Chaoyang District, Beijing, met.", "Chaoyang District", "110105"),
])
def test_english_exonyms_link_to_the_division(text, name, code):
    assert only(text, name).code == code


def test_exonym_found_by_lookup():
    assert [p.code for p in lookup("Kashgar")][:1] == ["653100"]
    assert [p.code for p in lookup("Lhasa")] == ["540100"]


@pytest.mark.parametrize(("text", "name", "code"), [
    ("In Hotan Prefecture, Lop hired 200 people.", "Lop", "653224"),
    ("Ngari Prefecture, known locally as Ali, is in Tibet.", "Ali", "542500"),
    ("Aba in Sichuan relocated 900 people.", "Aba", "513200"),
    ("Daxing in Beijing hired 40 people.", "Daxing", "110115"),
    ("Fengjie in Chongqing built 12 roads.", "Fengjie", "500236"),
    ("Huanjiang, Guangxi, hired 30 people.", "Huanjiang", "451226"),
])
def test_guarded_bare_names_with_their_province_or_prefecture(text, name, code):
    assert only(text, name).code == code


@pytest.mark.parametrize("text", [
    "Lop hired 200 people.",
    "Ali said the project employed 200 people.",
    "Aba and his brother found work.",
    "Hami melon farms expanded in Xinjiang.",
    "Lop Nur lies in Xinjiang.",
    "Daxing said 40 people were hired.",
])
def test_guarded_bare_names_without_context_are_not_places(text):
    assert all(m.text not in ("Lop", "Ali", "Aba", "Hami", "Daxing") for m in link_places(text))


def test_jining_follows_the_document():
    assert only("Jining District, Ulanqab, hired 40.", "Jining District").code == "150902"
    assert only("Jining in Shandong hired 40.", "Jining").code == "370800"


def test_native_township_in_a_minority_area():
    place = only("Bostan Township in Lop County, Hotan Prefecture, hired 300.",
                 "Bostan Township")
    assert (place.level, place.parent_code, place.name_en) == ("town", "653224",
                                                                "Bostan Township")


def test_native_village_takes_the_prefecture_in_the_sentence():
    place = only("In Kashgar, Tokkuzak Village built a workshop.", "Tokkuzak Village")
    assert (place.level, place.parent_code) == ("village", "653100")


@pytest.mark.parametrize("text", [
    "Bostan Township hired 300 people.",
    "In Hotan, the Model Village hired 30 people.",
    "Lhasa opened a Smart Village and a Market Town.",
])
def test_non_pinyin_town_needs_a_minority_area_and_a_name(text):
    assert all(m.place.level not in ("town", "village") for m in link_places(text))


def test_every_exonym_row_names_an_existing_division():
    data = Path(__file__).resolve().parents[2] / "nlp" / "places" / "data" / "exonyms.tsv"
    for line in data.read_text(encoding="utf-8").splitlines()[1:]:
        if line and not line.startswith("#"):
            exonym, code, name_zh, _flags = line.split("\t")
            assert get_place(code).name_zh == name_zh, exonym


def test_a_shifted_place_keeps_every_field() -> None:
    # every field set to its own value, so a field added later and not passed on fails here
    names = [f.name for f in fields(PlaceRef)]
    ref = PlaceRef(*[3, 6, *[f"value of {name}" for name in names[2:]]])
    moved = ref.shifted(5)
    assert (moved.start, moved.end) == (8, 11)
    assert all(getattr(moved, name) == getattr(ref, name) for name in names[2:])
    assert moved.shifted(-5) == ref
