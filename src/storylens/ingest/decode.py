"""Bytes to text, refusing what is not an article: empty, binary, not UTF-8, too large."""

from __future__ import annotations

from ..errors import BinaryInput, EmptyInput, NotUtf8, TooLarge

_CONTROL = {c for c in range(32) if c not in (9, 10, 12, 13)}


def decode_text(data: bytes, source: str, *, max_bytes: int, min_chars: int = 1) -> str:
    """Return ``data`` as text, or raise an :class:`~storylens.errors.IngestError` saying why not.

    A UTF-8 byte-order mark is dropped; no other change is made, so offsets into the
    returned text are offsets into the file as a reader sees it.
    """
    if len(data) > max_bytes:
        raise TooLarge(source, f"{len(data):,} bytes is over the limit of {max_bytes:,} (setting max_article_bytes)")
    if not data.strip():
        raise EmptyInput(source, "empty input: no text to analyse")
    head = data[:8192]
    if b"\x00" in head or sum(b in _CONTROL for b in head) > len(head) * 0.05:
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


def check_text(text: str, source: str, *, min_chars: int = 1) -> None:
    if len(text.strip()) < min_chars:
        raise EmptyInput(source, f"too little text to analyse ({len(text.strip())} characters)")
