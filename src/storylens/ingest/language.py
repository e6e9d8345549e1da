"""Which language an article is written in (py3langid ships its model: no download)."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> tuple[str, float]:
    """Return (ISO 639-1 code, probability) for ``text`` (its first 5,000 characters)."""
    lang, prob = _identifier().classify(text[:5000])
    return lang, float(prob)
