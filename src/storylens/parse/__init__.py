"""Parse: one spaCy pipeline, loaded once, run once over all articles."""

from .pipeline import doc_text, load_pipeline, parse_articles

__all__ = ["doc_text", "load_pipeline", "parse_articles"]
