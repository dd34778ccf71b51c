"""Place gazetteer and linker: codes, names, short forms, ambiguity, villages, guards."""

from __future__ import annotations

from nlp.places import get_place, iter_places, link_places, lookup


def linked(text: str) -> list[tuple[str, str | None]]:
    return [(m.text, m.place.code) for m in link_places(text)]


def test_full_chinese_names_get_their_codes():
    text = "湖南省湘西土家族苗族自治州花垣县召开以工代赈现场会"
    assert linked(text) == [("湖南省", "430000"), ("湘西土家族苗族自治州", "433100"),
                            ("花垣县", "433124")]
