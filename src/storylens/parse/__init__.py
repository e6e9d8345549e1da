"""Parse: one spaCy pipeline, loaded once, run once over all articles."""

from .pipeline import load_pipeline, parse_articles

__all__ = ["load_pipeline", "parse_articles"]
