"""Parse: one spaCy pipeline, loaded once, run once over all articles."""

from .pipeline import doc_ents, doc_text, load_pipeline, parse_articles

__all__ = ["doc_ents", "doc_text", "load_pipeline", "parse_articles"]
