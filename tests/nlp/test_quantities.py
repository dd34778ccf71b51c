"""Behaviour of nlp.quantities.find_quantities on hand-written Chinese and English text."""

from __future__ import annotations

import pytest

from nlp.quantities import Quantity, find_quantities

# (text, [(value, unit, approx), ...]) -- every quantity the text holds, in order.
CASES: list[tuple[str, list[tuple[float, str | None, bool]]]] = [
    # Arabic digits: separators, full width, decimals
    ("The county hired 21,700 people.", [(21700, "people", False)]),
    ("The county hired 21 700 people.", [(21700, "people", False)]),
    ("The county hired 21\u00a0700 people.", [(21700, "people", False)]),
    ("The county hired 21\u202f700 people.", [(21700, "people", False)]),
    ("全县共吸纳２１７００人务工。", [(21700, "people", False)]),
    ("人均增收１２，１５６元", [(12156, "yuan", False)]),
    ("Per capita income rose to 12,156.5 yuan.", [(12156.5, "yuan", False)]),
    # Chinese numerals and mixed forms
    ("全镇组织二十六个村开展培训", [(26, "count", False)]),
    ("一百二十多人参加了招聘会", [(120, "people", True)]),
    ("安置两千名搬迁群众", [(2000, "people", False)]),
    ("该村二〇〇五户", [(2005, "households", False)]),
    ("下达劳务报酬壹仟贰佰元整", [(1200, "yuan", False)]),
    ("发放劳务报酬1.029万元", [(10290, "yuan", False)]),
    ("累计投资4.8亿元", [(480000000, "yuan", False)]),
    ("计划投入3千万元", [(30000000, "yuan", False)]),
    ("带动20余万群众就近就业", [(200000, "people", True)]),
    ("吸纳1万多人就业", [(10000, "people", True)]),
    ("培训0.8万人次", [(8000, "people", False)]),
    ("全省实施1233个项目", [(1233, "projects", False)]),
    ("带动就业2.3万人", [(23000, "people", False)]),
    ("惠及1661人、446户", [(1661, "people", False), (446, "households", False)]),
    ("开发乡村公益岗位3200个", [(3200, "positions", False)]),
    ("提供就业岗位1.2万个", [(12000, "positions", False)]),
    ("新建12个就业帮扶车间，吸纳300名脱贫劳动力", [(12, "count", False), (300, "people", False)]),
    ("设立58个公益性岗位", [(58, "positions", False)]),
    ("引进15家企业入驻", [(15, "count", False)]),
    # English number words and scales
    ("the living environment of four natural villages", [(4, "count", False)]),
    ("Twenty-six migrant workers returned.", [(26, "people", False)]),
    ("one hundred and twenty villagers were hired", [(120, "people", False)]),
    ("a budget of 405 million yuan", [(405000000, "yuan", False)]),
    ("an investment of 2.436 billion yuan", [(2436000000, "yuan", False)]),
    ("a fund of 3 thousand yuan", [(3000, "yuan", False)]),
    ("The scale reached 32.953 million.", [(32953000, None, False)]),
    # approximations and bounds
    ("helped over 100 people from 65 households",
     [(100, "people", True), (65, "households", False)]),
    ("wages of about 150,000 yuan were paid", [(150000, "yuan", True)]),
    ("saved approximately 200,000 yuan", [(200000, "yuan", True)]),
    ("the number has exceeded 420,000", [(420000, None, True)]),
    ("more than 1,000 people found work", [(1000, "people", True)]),
    ("nearly 3,000 households moved", [(3000, "households", True)]),
    ("近3000人实现就业", [(3000, "people", True)]),
    ("务工人数1000人以上", [(1000, "people", True)]),
    ("劳务报酬超过2万元", [(20000, "yuan", True)]),
    ("搬迁群众约5.6万人", [(56000, "people", True)]),
    ("逾500户群众受益", [(500, "households", True)]),
    ("每人每月增收2000元左右", [(2000, "yuan", True)]),
    ("上万人次参加", [(10000, "people", True)]),
    # ranges
    ("项目总投资3000万-5000万元", [(30000000, "yuan", False)]),
    ("每人补贴3至5万元", [(30000, "yuan", False)]),
    ("每个项目可吸纳两三百人", [(200, "people", True)]),
    ("between 30 and 50 people were trained", [(30, "people", False)]),
    ("income grew from 1,668 yuan in 2013 to 23,800 yuan in 2023",
     [(1668, "yuan", False), (23800, "yuan", False)]),
    # percentages and percentage points
    ("增长41.3%", [(41.3, "percent", False)]),
    ("占比４５％", [(45, "percent", False)]),
    ("覆盖率达到百分之九十五", [(95, "percent", False)]),
    ("a rise of 28.12 percent", [(28.12, "percent", False)]),
    ("a rise of 7 per cent", [(7, "percent", False)]),
    ("同比提高3.5个百分点", [(3.5, "percentage_points", False)]),
    ("up 2 percentage points", [(2, "percentage_points", False)]),
    # currency: yuan forms and foreign conversions
    ("a planned investment of 4.8 billion yuan ($712 million)",
     [(4800000000, "yuan", False), (712000000, "foreign_currency", False)]),
    ("RMB 5 million was allocated", [(5000000, "yuan", False)]),
    ("a grant of 80 million renminbi", [(80000000, "yuan", False)]),
    ("总投资8亿元人民币（约合1.1亿美元）",
     [(800000000, "yuan", False), (110000000, "foreign_currency", True)]),
    ("CNY 300 per month", [(300, "yuan", False)]),
    # durations and measures keep their own units
    ("持续7个月", [(7, "duration", False)]),
    ("for seven consecutive months", [(7, "duration", False)]),
    ("修建道路12.5公里", [(12.5, "measure", False)]),
    ("收入增长2倍", [(2, "multiple", False)]),
]

NOT_QUANTITIES = [
    "2023年，全县实施以工代赈项目。",
    "The plan covers 2021-25.",
    "during the 14th Five-Year Plan period (2021-2025)",
    "Updated: 2024-09-29",
    "Recently, Apr 2024, the county met.",
    "in 2019 the county began",
    "7月23日召开会议",
    "2025年7月23日",
    "on the 27th of this month",
    "Zhong Guo Fa Zhan Wang· 2025-08-21 04:33",
    "村第一书记到岗",
    "the first meeting",
    "做好两不愁三保障",
    "“十四五”时期",
    "the 14th Five-Year Plan",
    "建立三级联动机制",
    "a three-level linkage mechanism",
    "发展一村一品",
    "以工代赈四维发力",
    "湘公网安备 43010402001229号",
    "粤ICP备19140089号",
    "Tel:020-817896455",
    "fund management [1] - details [2]",
    "upgrade to version 2.3.1 now",
    "see https://www.example.gov.cn/2024/0929/art_12_3456.html",
    "write to office2024@example.cn",
    "一是加强组织领导，二是强化资金保障",
    "四川省",
    "千万不能松懈",
    "COVID-19 epidemic",
    "国发〔2021〕4号文件",
    "",
]


def _triples(found: list[Quantity]) -> list[tuple[float, str | None, bool]]:
    return [(q.value, q.unit, q.approx) for q in found]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_finds_value_unit_and_approximation(text: str, expected: list) -> None:
    found = find_quantities(text)
    assert _triples(found) == [(pytest.approx(v), u, a) for v, u, a in expected]


@pytest.mark.parametrize("text", NOT_QUANTITIES)
def test_dates_names_and_identifiers_are_not_quantities(text: str) -> None:
    assert find_quantities(text) == []


def test_offsets_point_at_the_written_expression() -> None:
    text = "Last year 108 local villagers earned about 150,000 yuan."
    for q in find_quantities(text):
        assert text[q.start:q.end] == q.text
    people, money = find_quantities(text)
    assert people.text == "108"
    assert text[people.start:people.noun_end] == "108 local villagers"
    assert money.text == "about 150,000 yuan"


def test_span_includes_adjacent_approximation_words() -> None:
    texts = {"over 100 people": "over 100", "20余万群众": "20余万群众", "近3000人": "近3000人",
             "1000人以上": "1000人以上", "exceeded 420,000": "exceeded 420,000"}
    for text, span in texts.items():
        assert [q.text for q in find_quantities(text)] == [span]


def test_bounds_set_low_or_high() -> None:
    over, nearly = find_quantities("over 100 people and nearly 50 households")
    assert (over.low, over.high) == (100, None)
    assert (nearly.low, nearly.high) == (None, 50)


def test_ranges_carry_both_ends_but_sequences_do_not() -> None:
    (ranged,) = find_quantities("每人补贴3至5万元")
    assert (ranged.low, ranged.high) == (30000, 50000)
    (vague,) = find_quantities("两三百人")
    assert (vague.low, vague.high) == (200, 300)
    first, second = find_quantities("from 1,668 yuan in 2013 to 23,800 yuan")
    assert first.high is None and second.low is None


def test_counted_noun_is_reported_as_written() -> None:
    cases = {
        "20余万群众": "群众",
        "1233个项目": "项目",
        "43 follow-up support projects": "follow-up support projects",
        "13,200 village-level temporary posts": "village-level temporary posts",
        "17,800 non-fixed village-level public welfare posts":
            "non-fixed village-level public welfare posts",
        "67,700 new rural labor jobs": "new rural labor jobs",
    }
    for text, noun in cases.items():
        (q,) = find_quantities(text)
        assert q.noun == noun
        assert q.noun_end == len(text)


def test_currency_codes() -> None:
    yuan, dollars = find_quantities("4.8 billion yuan ($712 million)")
    assert (yuan.currency, dollars.currency) == ("CNY", "USD")
    assert dollars.value > 0


def test_negative_numbers() -> None:
    (q,) = find_quantities("增速为负3.2%")
    assert q.value == pytest.approx(-3.2)


def test_language_hint_does_not_change_results() -> None:
    text = "吸纳1,002人 and 87 companies"
    assert find_quantities(text, "zh") == find_quantities(text, "en") == find_quantities(text)


@pytest.mark.parametrize("bad", ["\x00\x01\xff" * 50, "\ud800abc", "１" * 5000, "万" * 3000,
                                 "-" * 1000 + "5", "百分之" * 200, "one " * 2000])
def test_odd_input_returns_a_list(bad: str) -> None:
    found = find_quantities(bad)
    assert isinstance(found, list)
    for q in found:
        assert bad[q.start:q.end] == q.text


def test_non_string_input_returns_empty() -> None:
    assert find_quantities(None) == []  # type: ignore[arg-type]


def test_numbers_inside_long_links_are_not_quantities() -> None:
    link = "https://www.example.gov.cn/" + "a" * 200 + "/art_2024_56789.html"
    assert [q.value for q in find_quantities(f"详见 {link} ，共带动300人")] == [300]
    assert [q.value for q in find_quantities(f"see {link} now")] == []
