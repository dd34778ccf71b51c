"""Search that finds: one behaviour in every search box and canned query, for every form."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from db.search import index_text, match_expression
from tests.publishing.conftest import get

# (query, spans that must be found among facts, spans that must not)
FORMS = [
    ("河池", {"1.92亿元", "2.1亿元", "3200户", "12,000 households"}, {"4.05亿元"}),
    ("河池市", {"1.92亿元", "2.1亿元", "3200户"}, {"4.05亿元"}),
    ("湘西土家族苗族自治州", {"4.05亿元", "40500", "405 million yuan"}, {"3200户"}),
    ("湘西州", {"4.05亿元", "405 million yuan"}, {"1.92亿元"}),
    ("Hechi", {"1.92亿元", "3200户", "12,000 households"}, {"4.05亿元"}),
    ("Hechi City", {"1.92亿元", "3200户"}, {"405 million yuan"}),
    ("hechi city", {"1.92亿元"}, set()),
    ("巴马", {"3200户", "12.5%"}, {"1.92亿元"}),        # two characters, a county
    ("搬迁", {"3200户", "12.5%"}, {"4.05亿元"}),        # two-character word in the text
    ("劳务报酬发放", set(), {"4.05亿元"}),               # phrase absent from facts' sentences
    ("发放劳务报酬", {"4.05亿元"}, {"1.92亿元"}),        # unspaced phrase
    ("households", {"12,000 households"}, {"3200户"}),
    ("household", {"12,000 households"}, set()),        # English stems
    ("relocated", {"12,000 households"}, set()),
    ("广西", {"1.92亿元", "3200户"}, {"4.05亿元"}),     # a province finds its counties
]


def spans(rows):
    return {r["span"] for r in rows}


@pytest.mark.parametrize(("query", "found", "absent"), FORMS)
def test_facts_search_box(ds, query, found, absent):
    result = spans(get(ds, f"/reliefwatch/facts.json?_shape=array&_size=max"
                           f"&_search={quote(query)}").json())
    assert found <= result, result
    assert not (absent & result), result


@pytest.mark.parametrize(("query", "found", "absent"), FORMS)
def test_fact_evidence_search_box(ds, query, found, absent):
    result = spans(get(ds, f"/reliefwatch/fact_evidence.json?_shape=array&_size=max"
                           f"&_search={quote(query)}").json())
    assert found <= result and not (absent & result), result


@pytest.mark.parametrize(("query", "found", "absent"), FORMS)
def test_search_facts_canned_query(ds, query, found, absent):
    result = spans(get(ds, f"/reliefwatch/search_facts.json?_shape=array"
                           f"&q={quote(query)}").json())
    assert found <= result and not (absent & result), result


def test_documents_search_finds_unspaced_phrases_and_two_character_words(ds):
    def titles(q):
        return {r["title"] for r in get(
            ds, f"/reliefwatch/documents.json?_shape=array&_search={quote(q)}").json()}

    assert titles("劳务报酬发放") == {"湘西州以工代赈工作推进会召开"}
    assert "湘西州务工增收" in titles("务工")
    assert titles("payrolls") == {"Work relief puts Xiangxi villagers on payrolls"}
    assert titles("不存在的词") == set()


def test_search_page_shows_the_search_box_with_the_words(ds):
    page = get(ds, f"/reliefwatch/facts?_search={quote('河池')}").text
    assert 'name="_search"' in page and 'value="河池"' in page
    assert "2.1亿元" in page


@pytest.mark.parametrize("place", ["河池", "河池市", "Hechi City", "451200", "hechi"])
def test_place_filter_in_canned_query_includes_counties(ds, place):
    result = get(ds, f"/reliefwatch/facts_for_place.json?_shape=array"
                     f"&place={quote(place)}").json()
    assert {"1.92亿元", "3200户", "12.5%"} <= spans(result)
    assert "4.05亿元" not in spans(result)


def test_prefecture_code_filter_includes_counties(ds):
    result = get(ds, "/reliefwatch/fact_evidence.json?_shape=array&prefecture_code=451200").json()
    assert {"3200户", "12.5%"} <= spans(result)


def test_query_syntax_never_errors(ds):
    for q in ['"', "a OR", "NEAR(", "*", "-", "河池 \"湘西", "()"]:
        response = get(ds, f"/reliefwatch/facts.json?_search={quote(q)}")
        assert response.status_code == 200, (q, response.text[:200])


def test_index_text_is_bigrams_plus_the_last_character():
    assert index_text("河池市") == " 河池 池市 市 "
    assert match_expression("劳务报酬") == '"劳务 务报 报酬"'
    assert match_expression("县") == '"县" *'
    assert match_expression("Hechi City") == '"Hechi" AND "City"'
