"""Bytes to text: UTF-8 first, legacy encodings (cp1252, latin-1…) detected.

charset-normalizer does the detection; veille adds the refusals it does not
make: binary data, and UTF-8 text broken by invalid bytes (guessing a legacy
encoding there would silently produce mojibake).
"""

from __future__ import annotations

import codecs
import re

from veille.errors import VeilleError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# A well-formed multi-byte UTF-8 sequence: proof the producer meant UTF-8.
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F])  # the same characters, all ASCII


REPLACED = "invalid_utf8_replaced"
"""Flag of an article whose UTF-8 had a few broken bytes, decoded as U+FFFD."""


def decode(data: bytes, source: str, encoding: str | None = None) -> str:
    """Decode ``data`` or raise a coded error saying why it cannot be text."""
    return decode_flagged(data, source, encoding)[0]


def decode_flagged(data: bytes, source: str, encoding: str | None = None) -> tuple[str, list[str]]:
    """:func:`decode`, with the flags of what it had to do: UTF-8 text with a few broken
    bytes (at most one per 1,000 bytes) is decoded with replacement characters and
    flagged :data:`REPLACED` instead of refused."""
    if not data.strip():
        raise VeilleError("E003", source)
    flags: list[str] = []
    try:
        text = _decode(data, source, encoding)
    except VeilleError as exc:
        if exc.code != "E006" or encoding or not _UTF8_MULTIBYTE.search(data):
            raise
        text = data.decode("utf-8", errors="replace")
        broken = text.count("\ufffd") - data.count("\ufffd".encode())
        if broken > max(1, len(data) // 1000):
            raise
        flags.append(REPLACED)
    return _checked(text, source), flags


def _checked(text: str, source: str) -> str:
    """Refuse control characters and blank text; Unix line ends."""
    if _control_count(text[:65536]) > max(8, len(text[:65536]) // 100):
        raise VeilleError("E004", source, "control characters")
    if not text.strip():
        raise VeilleError("E003", source)
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def _control_count(sample: str) -> int:
    """How many characters ``_CONTROL`` matches: counted as the ASCII bytes of the UTF-8
    form that ``bytes.translate`` deletes (several times faster than the regex)."""
    raw = sample.encode("utf-8", "surrogatepass")
    return len(raw) - len(raw.translate(None, _CONTROL_BYTES))


def _decode(data: bytes, source: str, encoding: str | None) -> str:
    """Pick the encoding: forced, BOM, UTF-8, then detection."""
    if encoding:
        try:
            return data.decode(encoding)
        except (LookupError, UnicodeDecodeError) as exc:
            raise VeilleError("E006", source, f"{encoding}: {exc.__class__.__name__}") from None
    for bom, name in _BOMS:
        if data.startswith(bom):
            return data.decode(name, errors="replace")
    if b"\x00" in data[:8192]:
        raise VeilleError("E004", source, "NUL bytes")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if _UTF8_MULTIBYTE.search(data):
            raise VeilleError("E006", source, f"invalid UTF-8 byte at offset {exc.start}") from None
    return _detect(data, source)


def _detect(data: bytes, source: str) -> str:
    """Legacy single-byte text: let charset-normalizer choose."""
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is None:
        raise VeilleError("E006", source, "no text encoding fits these bytes")
    try:
        return data.decode(best.encoding)
    except UnicodeDecodeError:
        raise VeilleError("E006", source, f"bytes invalid in {best.encoding}") from None
