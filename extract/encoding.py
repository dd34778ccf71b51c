"""Decode HTML bytes: BOM, HTTP header, <meta>, validation and detection.

A declared charset is trusted only when the bytes decode strictly with it. GB2312 and GBK
are read as GB18030 (their superset). Undecodable bytes are replaced only as a last resort.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_CHARSET = re.compile(rb"""charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)""", re.I)
_META = re.compile(rb"<meta\b[^>]*?charset[^>]*>", re.I)
_XML_DECL = re.compile(rb"""<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_.\-]+)""", re.I)
_CHINESE_ALIASES = {"gb2312", "gbk", "gb18030", "cp936", "hz-gb-2312", "euc-cn", "x-gbk"}
_SINGLE_BYTE = {"latin-1", "iso8859-1", "cp1252", "ascii"}
_META_SCAN_BYTES = 16384
_HIGH_BYTES = bytes(range(0x80, 0x100))
_GB2312_PAIR = re.compile(rb"[\xa1-\xf7][\xa1-\xfe]")


def normalize_encoding(name: str | None) -> str | None:
    """Python codec name for a declared charset; GB2312/GBK become gb18030; None if unknown."""
    if not name:
        return None
    label = name.strip().strip("\"'").lower()
    if label in _CHINESE_ALIASES or label.replace("_", "") in {"gb2312", "gbk"}:
        return "gb18030"
    try:
        codec = codecs.lookup(label).name
    except LookupError:
        return None
    if codec in {"gb2312", "gbk", "hz"}:
        return "gb18030"
    if codec in {"latin-1", "iso8859-1", "ascii"}:
        return "cp1252"  # as browsers do (WHATWG encoding standard)
    return codec


def header_charset(headers: dict[str, str] | None) -> str | None:
    """The charset of a Content-Type header (keys in any case, values str or bytes)."""
    for key, value in (headers or {}).items():
        key_text = key.decode("latin-1") if isinstance(key, bytes) else str(key)
        if key_text.lower() != "content-type":
            continue
        raw = value if isinstance(value, bytes) else str(value).encode("latin-1", "replace")
        match = _CHARSET.search(raw)
        return normalize_encoding(match.group(1).decode("ascii")) if match else None
    return None


def meta_charset(body: bytes) -> str | None:
    """The charset declared in a <meta> tag (either form) or an XML declaration."""
    head = body[:_META_SCAN_BYTES]
    for tag in _META.finditer(head):
        match = _CHARSET.search(tag.group(0))
        if match:
            found = normalize_encoding(match.group(1).decode("ascii"))
            if found:
                return found
    match = _XML_DECL.search(head[:200])
    return normalize_encoding(match.group(1).decode("ascii")) if match else None


def decodes_strictly(body: bytes, encoding: str) -> bool:
    """True if ``body`` decodes without error (an incomplete final character is allowed)."""
    try:
        codecs.getincrementaldecoder(encoding)("strict").decode(body, final=False)
    except (UnicodeDecodeError, LookupError):
        return False
    return True


def _looks_like_gb_text(body: bytes) -> bool:
    """GBK-encoded Chinese: most high bytes pair up in the GB2312 hanzi/punctuation area."""
    high = len(body) - len(body.translate(None, _HIGH_BYTES))
    pairs = len(_GB2312_PAIR.findall(body))
    return high > 0 and 2 * pairs / high >= 0.8


def _detect(body: bytes) -> str | None:
    try:
        best = from_bytes(body[:200_000]).best()
    except Exception:  # noqa: BLE001 - a detector failure only means "unknown"
        return None
    return normalize_encoding(best.encoding) if best else None


def decode_html(body: bytes, headers: dict[str, str] | None = None) -> tuple[str, str]:
    """Decode an HTML page; returns ``(text, encoding used)``."""
    body = bytes(body or b"")
    for bom, name in _BOMS:
        if body.startswith(bom):
            return _decode(body[len(bom) :], name), name.split("-le")[0].split("-be")[0]
    declared = [e for e in (header_charset(headers), meta_charset(body)) if e]
    if body.isascii():
        chosen = next((e for e in declared if decodes_strictly(body, e)), "utf-8")
        return _decode(body, chosen), chosen
    # Multi-byte UTF-8 almost never happens by accident, so it beats any declaration.
    if decodes_strictly(body, "utf-8"):
        return _decode(body, "utf-8"), "utf-8"
    gb_plausible = decodes_strictly(body, "gb18030") and _looks_like_gb_text(body)
    for encoding in declared:
        if encoding == "utf-8":
            continue
        if encoding in _SINGLE_BYTE or encoding.startswith("iso8859"):
            if gb_plausible:
                return _decode(body, "gb18030"), "gb18030"
        if decodes_strictly(body, encoding):
            return _decode(body, encoding), encoding
    if gb_plausible:
        return _decode(body, "gb18030"), "gb18030"
    nearly_valid = [e for e in declared if e != "utf-8"]
    nearly_valid += ["gb18030"] if _looks_like_gb_text(body) else []
    for encoding in [*nearly_valid, "utf-8"]:
        if _replacement_share(body, encoding) <= 0.01:
            return _decode(body, encoding), encoding
    detected = _detect(body)
    if detected and decodes_strictly(body, detected):
        return _decode(body, detected), detected
    fallback = _fallback_guess(body)
    return _decode(body, fallback), fallback


def _decode(body: bytes, encoding: str) -> str:
    """Decode, replacing bad bytes; an incomplete character at the very end is dropped."""
    return codecs.getincrementaldecoder(encoding)("replace").decode(body, final=False)


def _replacement_share(body: bytes, encoding: str) -> float:
    text = _decode(body, encoding)
    return text.count("\ufffd") / max(len(text), 1)


def _fallback_guess(body: bytes) -> str:
    """Last resort: whichever of UTF-8 and GB18030 replaces fewer bytes."""
    utf8_bad = _decode(body, "utf-8").count("\ufffd")
    gb_bad = _decode(body, "gb18030").count("\ufffd")
    return "gb18030" if gb_bad < utf8_bad else "utf-8"
