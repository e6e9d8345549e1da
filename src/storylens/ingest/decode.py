"""Bytes to text, refusing what is not an article: empty, binary, not UTF-8, too large."""

from __future__ import annotations

import codecs
import re

from ..errors import BinaryInput, EmptyInput, NotUtf8, TooLarge
from ..models import TERMINAL_SEQUENCES

_CONTROL = {c for c in range(32) if c not in (9, 10, 12, 13)}
_CONTROL_CHARS = re.compile("[" + "".join(chr(c) for c in sorted(_CONTROL)) + "]")
#: a terminal's control sequences in UTF-8 bytes (:data:`storylens.models.TERMINAL_SEQUENCES`, whose 8-bit CSI is two
#: bytes in UTF-8 and holds no control byte): their ESC bytes are no binary data's
_TERMINAL_BYTES = re.compile(rb"\x1b\[[0-?]*[ -/]*[@-~]?|\x1b\][^\x07\x1b\n]*(?:\x07|\x1b\\)|\x1b[ -~]?")
#: byte-order marks of the wide encodings, UTF-32's first (its little-endian mark starts with UTF-16's)
_UNICODE_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode_text(data: bytes, source: str, *, max_bytes: int, min_chars: int = 1, encoding: str | None = None,
                limit_named: str = "setting max_article_bytes") -> str:
    """Return ``data`` as text, or raise an :class:`~storylens.errors.IngestError` saying why not.

    A UTF-8 byte-order mark is dropped; no other change is made, so offsets into the
    returned text are offsets into the file as a reader sees it.  A file that starts with a UTF-16 or UTF-32
    byte-order mark (Windows' "Unicode" text) is decoded as such; without a mark, UTF-16 is binary data.
    ``encoding`` is the one the source declares (a web page's charset): UTF-16 or UTF-32 declared without a
    byte-order mark is read as such when the bytes hold NULs (as those of text in them do); bytes that are not UTF-8
    are read in a declared encoding other than UTF-8 (ISO-8859-1 and ASCII as windows-1252, as browsers read them).  Valid
    UTF-8 stays UTF-8 whatever is declared: servers often send a default ISO-8859-1 for UTF-8 pages, and
    windows-1252 text is almost never valid UTF-8 beyond ASCII.
    """
    marked = data.startswith(tuple(bom for bom, _ in _UNICODE_BOMS) + (codecs.BOM_UTF8,))
    wide = _declared_wide(encoding)
    if wide is not None and not marked and b"\x00" in data[:8192]:  # UTF-16 or -32 declared, without a mark
        if wide in ("utf-16", "utf-32"):  # no order named: ASCII's NULs come after its bytes in little-endian
            wide += "-be" if data[:1] == b"\x00" else "-le"
        return _decode_declared(data, source, wide, max_bytes=max_bytes, min_chars=min_chars,
                                limit_named=limit_named)
    codec = _declared_codec(encoding)
    if codec is not None and not marked:
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            return _decode_declared(data, source, codec, max_bytes=max_bytes, min_chars=min_chars,
                                    limit_named=limit_named)
    if len(data) > max_bytes:
        raise TooLarge(source, f"{len(data):,} bytes is over the limit of {max_bytes:,} ({limit_named})")
    if not data.strip():
        raise EmptyInput(source, "empty input: no text to analyse")
    unicode_bom = next((codec for bom, codec in _UNICODE_BOMS if data.startswith(bom)), None)
    if unicode_bom is not None:
        return _decode_wide(data, source, unicode_bom, min_chars=min_chars)
    head = data[:8192]
    # a terminal's escape sequences ("\x1b[31m" colours what follows red) are text's, not binary data's, as ESC
    # bytes: an article pasted from a terminal becomes spaces where they were (:class:`~storylens.models.Article`)
    controls = _TERMINAL_BYTES.sub(b"", head) if b"\x1b" in head else head
    if b"\x00" in head or sum(b in _CONTROL for b in controls) > len(head) * 0.05:
        raise BinaryInput(source, "binary data, not text (give a .txt, .html, .json or .jsonl file)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        offset = exc.start + (3 if data.startswith(b"\xef\xbb\xbf") else 0)
        raise NotUtf8(
            source, f"not UTF-8 (invalid byte at offset {offset}); convert it first, e.g. iconv -t UTF-8"
        ) from exc
    check_text(text, source, min_chars=min_chars)
    return text


#: characters that show nothing (Unicode's format characters): a soft hyphen, zero-width spaces and joiners, word
#: joiners, bidi marks and controls, a byte-order mark
_FORMAT_CHARS = re.compile("[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff"
                           "\ufff9-\ufffb]")


def check_text(text: str, source: str, *, min_chars: int = 1) -> None:
    """Refuse a text that is empty (under ``min_chars``) or binary data: a NUL anywhere, or control characters over 5%
    of its head, as :func:`decode_text` refuses such bytes; so for a text that comes as a string too (a record's, a
    request's, an ``Article``'s), where JSON's ``\\u0000`` escapes hide them from the byte check."""
    length = len(text.strip())
    # a terminal's escape sequences ("\x1b[31m"), which an article's text loses, are no text, nor control characters
    # of binary data: a text of them alone is empty (since 2026-12-07)
    shown = TERMINAL_SEQUENCES.sub("", text) if "\x1b" in text or "\x9b" in text else text
    # zero-width spaces, joiners, bidi marks are no text: a text of them alone is empty
    visible = len(_FORMAT_CHARS.sub("", shown).strip()) if shown is not text or _FORMAT_CHARS.search(text) else length
    if visible < min_chars:
        invisible = f" and {length - visible} invisible ones" if length > visible else ""
        raise EmptyInput(source, f"too little text to analyse ({visible} characters{invisible})")
    head = text[:8192]
    if "\x00" in text or len(_CONTROL_CHARS.findall(shown[:8192])) > len(head) * 0.05:
        raise BinaryInput(source, "binary data, not text (control characters)")


def _decode_wide(data: bytes, source: str, codec: str, *, min_chars: int) -> str:
    """``data``, which starts with a UTF-16 or UTF-32 byte-order mark, as text (the mark dropped)."""
    name = codec.upper()
    try:
        text = data.decode(codec)  # "utf-16" and "utf-32" read the mark, and drop it
    except UnicodeDecodeError as exc:
        raise NotUtf8(source, f"starts with a {name} byte-order mark but is not valid {name} (at byte {exc.start}); "
                      "convert it first, e.g. iconv -t UTF-8") from exc
    head = text[:8192]
    if "\x00" in head or sum(ord(c) in _CONTROL for c in head) > len(head) * 0.05:
        raise BinaryInput(source, f"binary data, not text (after a {name} byte-order mark)")
    check_text(text, source, min_chars=min_chars)
    return text


def _declared_codec(encoding: str | None) -> str | None:
    """Python's codec for a declared 8-bit charset other than UTF-8, or None (none declared, UTF-8, a wide one, or
    a name Python does not know: read as UTF-8 then)."""
    if not encoding:
        return None
    try:
        name = codecs.lookup(encoding.strip().strip("\"'")).name
    except LookupError:
        return None
    if name.startswith("utf"):
        return None
    if name in ("iso8859-1", "ascii"):
        return "cp1252"  # the WHATWG encoding standard: these labels mean windows-1252
    return name


def _declared_wide(encoding: str | None) -> str | None:
    """Python's codec for a declared UTF-16 or UTF-32 (``utf-16``, ``utf-16-le``...), or None."""
    try:
        name = codecs.lookup(encoding.strip().strip("\"'")).name if encoding else ""
    except LookupError:
        return None
    return name if name.startswith(("utf-16", "utf-32")) else None


def _decode_declared(data: bytes, source: str, codec: str, *, max_bytes: int, min_chars: int,
                     limit_named: str = "setting max_article_bytes") -> str:
    if len(data) > max_bytes:
        raise TooLarge(source, f"{len(data):,} bytes is over the limit of {max_bytes:,} ({limit_named})")
    if not data.strip():
        raise EmptyInput(source, "empty input: no text to analyse")
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        raise NotUtf8(source, f"not valid {codec}, its declared encoding (at byte {exc.start})") from exc
    check_text(text, source, min_chars=min_chars)
    return text


_CHARSET_PARAM = re.compile(r";\s*charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"\s*<\?xml\b[^>]*?\bencoding\s*=\s*[\"']([\w.:-]+)")
_META_CHARSET = re.compile(rb"<meta\b[^>]*?\bcharset\s*=\s*[\"']?\s*([\w.:-]+)", re.IGNORECASE)


def declared_encoding(content_type: str, data: bytes) -> str | None:
    """The charset a fetched answer declares: its ``Content-Type``'s, else its XML declaration's (a feed's), else,
    for an HTML page, its ``<meta charset>`` (or ``http-equiv`` content type) in its first 2 KB, as browsers look
    for it."""
    found = _CHARSET_PARAM.search(content_type or "")
    if found:
        return found.group(1)
    prolog = _XML_ENCODING.match(data[:200])  # a feed's <?xml ... encoding="ISO-8859-1"?>
    if prolog:
        return prolog.group(1).decode("ascii")
    if "html" in (content_type or "").lower() or b"<html" in data[:2048].lower():
        meta = _META_CHARSET.search(data[:2048])
        if meta:
            return meta.group(1).decode("ascii")
    return None
