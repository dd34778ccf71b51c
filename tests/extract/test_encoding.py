"""decode_html: declared, wrong, missing charsets on real GBK/GB18030 bytes."""

from __future__ import annotations

import codecs

import pytest

from extract import decode_html
from extract.encoding import normalize_encoding

ARTICLE = "2023年全州实施以工代赈项目46个，带动务工群众5820人，发放劳务报酬4160万元。"


def page(meta: str = "", text: str = ARTICLE) -> str:
    return f"<html><head>{meta}<title>以工代赈</title></head><body><p>{text}</p></body></html>"


@pytest.mark.parametrize("label", ["gb2312", "GBK", "x-gbk", "cp936", "GB18030", "gb_2312"])
def test_chinese_labels_become_gb18030(label):
    assert normalize_encoding(label) == "gb18030"


def test_unknown_label_is_none():
    assert normalize_encoding("no-such-charset") is None


def test_charset_in_http_header_with_any_key_case():
    body = page().encode("gbk")
    text, used = decode_html(body, {"CONTENT-TYPE": "text/html; charset=GBK"})
    assert ARTICLE in text
    assert used == "gb18030"


def test_meta_http_equiv_charset():
    body = page('<meta http-equiv="Content-Type" content="text/html; charset=gb2312">').encode(
        "gbk"
    )
    text, used = decode_html(body)
    assert ARTICLE in text and used == "gb18030"


def test_meta_charset_attribute():
    text, used = decode_html(page('<meta charset="gbk">').encode("gbk"), {})
    assert ARTICLE in text and used == "gb18030"


@pytest.mark.parametrize("declared", ["UTF-8", "ISO-8859-1", "windows-1252"])
def test_wrong_header_charset_on_gbk_bytes(declared):
    body = page().encode("gbk")
    text, used = decode_html(body, {"Content-Type": f"text/html; charset={declared}"})
    assert ARTICLE in text
    assert used == "gb18030"


def test_meta_gb2312_but_gb18030_only_characters():
    rare = "项目负责人王䶮介绍，石𬌗村群众在家门口务工。"
    body = page('<meta charset="gb2312">', ARTICLE + rare).encode("gb18030")
    with pytest.raises(UnicodeEncodeError):
        rare.encode("gbk")
    text, _ = decode_html(body)
    assert rare in text


def test_no_declaration_gbk_bytes():
    text, used = decode_html(page().encode("gbk"))
    assert ARTICLE in text and used == "gb18030"


def test_utf8_bytes_beat_a_wrong_gbk_declaration():
    body = page('<meta charset="gbk">').encode("utf-8")
    text, used = decode_html(body, {"content-type": "text/html; charset=gbk"})
    assert ARTICLE in text and used == "utf-8"


@pytest.mark.parametrize("codec", ["utf-8", "utf-16-le", "utf-16-be"])
def test_byte_order_mark_wins(codec):
    boms = {"utf-8": codecs.BOM_UTF8, "utf-16-le": codecs.BOM_UTF16_LE,
            "utf-16-be": codecs.BOM_UTF16_BE}
    body = boms[codec] + page('<meta charset="gbk">').encode(codec)
    text, used = decode_html(body, {"Content-Type": "text/html; charset=gbk"})
    assert ARTICLE in text
    assert not text.startswith("\ufeff")
    assert used.startswith("utf")


def test_real_latin1_page_keeps_its_declared_charset():
    body = (
        '<html><head><meta charset="iso-8859-1"></head>'
        "<body><p>Le café coûte 3 € à Zürich.</p></body></html>"
    ).encode("cp1252")
    text, used = decode_html(body)
    assert "Le café coûte 3 € à Zürich." in text
    assert used == "cp1252"  # browsers read ISO-8859-1 labels as windows-1252


def test_gbk_truncated_inside_a_character_still_decodes():
    body = page().encode("gbk")
    cut = body[: body.index("劳务".encode("gbk")) + 1]  # half of 劳
    text, used = decode_html(cut, {"Content-Type": "text/html; charset=utf-8"})
    assert used == "gb18030"
    assert "带动务工群众5820人，发放" in text


def test_one_corrupt_byte_is_replaced_not_fatal():
    body = bytearray(page('<meta charset="gbk">').encode("gbk"))
    position = body.index("务工".encode("gbk"))
    body[position : position + 2] = b"\xff\x20"
    text, used = decode_html(bytes(body))
    assert used == "gb18030"
    assert "以工代赈项目46个" in text and "\ufffd" in text


def test_empty_and_ascii_bodies():
    assert decode_html(b"") == ("", "utf-8")
    text, used = decode_html(b"<p>plain</p>", {"Content-Type": "text/html; charset=gbk"})
    assert text == "<p>plain</p>" and used == "gb18030"
