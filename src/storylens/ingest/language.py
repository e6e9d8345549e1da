"""Which language an article is written in (py3langid ships its model: no download)."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def unknown_languages(codes: list[str]) -> list[str]:
    """The codes among ``codes`` the language detector never gives: no article could be found in such a language."""
    known = set(_identifier().nb_classes)
    return [code for code in codes if code not in known]


def detect_language(text: str) -> tuple[str, float]:
    """Return (ISO 639-1 code, probability) for ``text`` (its first 5,000 characters)."""
    lang, prob = _identifier().classify(text[:5000])
    return lang, float(prob)


#: a sentence ends at ., ! or ? (a closing quotation mark or bracket may follow) before a space, or at a line break
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’»)\]]*\s+|\n+")
#: a piece with fewer letters says too little to be judged
_MIN_PIECE_LETTERS = 3


def language_shares(text: str, candidates: list[str]) -> dict[str, float]:
    """The share of ``text`` in each of ``candidates``, judged sentence by sentence (line by line too).

    Each sentence goes to the candidate py3langid finds likeliest for it (only among ``candidates``, so that a
    short English sentence is not lost to a language no one asked about), weighed by its letters, each letter by
    its UTF-8 bytes (a Chinese character, about a word, 3; a Latin one 1): an English article quoting a long French
    passage is mostly English even when the French's accents and function words tip a guess on the whole text,
    and a Chinese article quoting English is not made English by the Latin letters' number.  The whole text is read, not its first 5,000 characters.  Empty when the
    text holds fewer than two sentences to weigh (one sentence is judged by :func:`detect_language`)."""
    identifier = _identifier()
    letters_by_language: Counter[str] = Counter()
    pieces = 0
    for piece in _SENTENCE_END.split(text):
        letters = [char for char in piece if char.isalpha()]
        if len(letters) < _MIN_PIECE_LETTERS:
            continue
        scores = dict(identifier.rank(piece))
        best = max(candidates, key=lambda code: scores.get(code, 0.0))
        letters_by_language[best] += len("".join(letters).encode("utf-8"))
        pieces += 1
    total = sum(letters_by_language.values())
    if pieces < 2 or not total:
        return {}
    return {code: letters_by_language[code] / total for code in candidates}
