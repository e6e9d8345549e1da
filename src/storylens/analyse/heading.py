"""The story's heading: what it is about, in words no one outlet chose."""

from __future__ import annotations

from ..models import Dossier

#: The entity types that name what a story is about (not dates, numbers or works).
_HEADING_TYPES = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT"}


def story_heading(dossier: Dossier, names: int = 3) -> str:
    """A neutral heading for the story: the names most of its sources mention, and their dates ("European
    Union, France, Roma: 3 reports, 2010-08-30 to 2012-03"), rather than one outlet's headline, which carries
    that outlet's framing and figures.  The outlets' own headlines are listed with the sources."""
    ranked = sorted(
        (e for e in dossier.entities
         if e.type in _HEADING_TYPES and not any((r.title or "").endswith(" credit") for r in e.roles)),
        key=lambda e: (-len(e.articles), -len(e.mentions), e.name),
    )
    count = len(dossier.articles)
    about = f"{count} report{'s' if count != 1 else ''}"
    dates = sorted({a.published for a in dossier.articles if a.published})
    if dates:
        about += f", {dates[0]}" if len(dates) == 1 else f", {dates[0]} to {dates[-1]}"
    if not ranked:
        return f"storylens dossier: {about}"
    return f"{', '.join(e.name for e in ranked[:names])}: {about}"
