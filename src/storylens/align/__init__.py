"""Align: work across the articles of one story (entities merged across sources)."""
