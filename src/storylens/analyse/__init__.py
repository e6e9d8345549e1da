"""Analyse: views derived from the aligned story (voices, labels, coverage, independence, summary)."""
