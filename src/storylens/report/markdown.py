"""The dossier as a Markdown report."""

from __future__ import annotations

from collections import Counter

from ..align.statements import in_quotation_marks, statement_differences
from ..analyse.heading import story_heading
from ..models import Dossier
from .labels import TYPE_NAMES, role_text, source_label


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def render_markdown(dossier: Dossier) -> str:
    lines = [f"# {_cell(story_heading(dossier))}", ""]
    lines.append(f"{len(dossier.articles)} sources, {len(dossier.entities)} entities. "
                 f"Schema {dossier.schema_version}.")
    if dossier.summary:
        lines += ["", "## Summary", ""]
        for sentence in dossier.summary:
            cites = ", ".join(sorted({c.article_id for c in sentence.citations}))
            lines.append(f"- {_cell(sentence.text)} [{cites}]")
    lines += ["", "## Sources", "", "| id | outlet | published | title |", "|---|---|---|---|"]
    for info in dossier.articles:
        published = f"{info.published} ({info.published_precision})" if info.published else "unknown"
        lines.append(f"| {info.id} | {_cell(info.outlet or '')} | {published} | {_cell(info.title or '')} |")
    lines += ["", "## Who is who", "", "| entity | type | roles (source, date) | mentions by source |", "|---|---|---|---|"]
    for entity in dossier.entities:
        roles = "; ".join(f"{role_text(r)} ({r.article_id}, {r.date or 'undated'})" for r in entity.roles)
        per_source = Counter(m.article_id for m in entity.mentions)
        counts = ", ".join(f"{a}: {n}" for a, n in sorted(per_source.items()))
        name = entity.name if not entity.aliases else f"{entity.name} (also: {', '.join(entity.aliases)})"
        lines.append(f"| {_cell(name)} | {TYPE_NAMES.get(entity.type, entity.type)} | {_cell(roles)} | {counts} |")
    people = [e for e in dossier.entities if e.type == "PERSON" and e.roles]
    if people:
        lines += ["", "### Roles as each source gives them", ""]
        for entity in people:
            lines.append(f"- **{entity.name}**")
            for role in entity.roles:
                info = dossier.article(role.article_id)
                lines.append(f"  - {role_text(role)} — {source_label(info)}: “{_cell(role.span.text)}”")
    if dossier.quotes:
        lines += ["", "## Who said what", ""]
        by_speaker: dict[str, list] = {}
        for quote in dossier.quotes:
            by_speaker.setdefault(quote.speaker.name or "unknown speaker", []).append(quote)
        for speaker, quotes in sorted(by_speaker.items(), key=lambda item: (-len(item[1]), item[0])):
            lines.append(f"- **{speaker}** ({quotes[0].speaker.kind or 'unresolved'})")
            for quote in quotes:
                info = dossier.article(quote.article_id)
                said = _cell(quote.said)
                cue = f" ({_cell(quote.cue.text)})" if quote.cue else ""
                lines.append(f"  - {source_label(info)}, {quote.kind}{cue}: "
                             + (f"“{said}”" if in_quotation_marks(quote, info.text) else said))
        if dossier.statement_groups:
            by_id = {q.id: q for q in dossier.quotes}
            lines += ["", "### The same statement in several sources", ""]
            for group in dossier.statement_groups:
                members = [by_id[i] for i in group.quote_ids]  # the dossier's notes, sources named by outlet
                notes = statement_differences(members, {q.article_id: dossier.article(q.article_id).text
                                                        for q in members},
                                              lambda a: dossier.article(a).outlet or f"article {a}")
                lines.append(f"- {_cell('; '.join(notes) or 'reported alike')}")
                for quote in (by_id[i] for i in group.quote_ids):
                    info = dossier.article(quote.article_id)
                    lines.append(f"  - {source_label(info)}, {_cell(quote.speaker.name or 'unknown speaker')}, "
                                 f"{quote.kind}: {_cell(quote.said)}")
    if dossier.claim_groups:
        claims = {c.id: c for c in dossier.claims}
        lines += ["", "## The numbers", "", "| relation | figures (source) | why |", "|---|---|---|"]
        for group in dossier.claim_groups:
            figures = "; ".join(f"{claims[i].span.text} ({claims[i].article_id})" for i in group.claim_ids)
            lines.append(f"| {group.relation} | {_cell(figures)} | {_cell(group.reason)} |")
    if dossier.timeline:
        lines += ["", "## Timeline", ""]
        for entry in dossier.timeline:
            sources = ", ".join(sorted({s.article_id for s in entry.sources}))
            other = f" (also dated {', '.join(entry.other_dates)} elsewhere)" if entry.other_dates else ""
            lines.append(f"- **{entry.date}** {entry.event} — {sources}{other}")
    if dossier.voices:
        lines += ["", "## Voices by outlet", "", "| source | speakers | statements | share of words |", "|---|---|---|---|"]
        for v in dossier.voices:
            category = f"{v.category}: {'; '.join(v.speakers)}" if v.category == "anonymous" else v.category
            lines.append(f"| {v.article_id} | {_cell(category)} | {v.statements} | {v.share_of_words:.0%} |")
    if dossier.tone:
        lines += ["", "## Tone toward entities (lexicon score of the clauses naming them)", "",
                  "| entity | source | tone | score | clauses |", "|---|---|---|---|---|"]
        for t in dossier.tone:
            lines.append(f"| {t.name} | {t.article_id} | {t.label} | {t.score:+.2f} | {t.clauses} |")
    if dossier.labels:
        ids = [a.id for a in dossier.articles]
        lines += ["", "## How each source names them", "", "| entity | " + " | ".join(ids) + " |",
                  "|---|" + "---|" * len(ids)]
        for row in dossier.labels:
            cells = [_cell("; ".join(row.by_article.get(i, [])) or "—") for i in ids]
            lines.append(f"| {_cell(row.name)} | " + " | ".join(cells) + " |")
    if dossier.coverage:
        ids = [a.id for a in dossier.articles]
        lines += ["", "## Who reports what (coverage)", "", "| fact | " + " | ".join(ids) + " |",
                  "|---|" + "---|" * len(ids)]
        for row in dossier.coverage:
            marks = ["yes" if i in row.reported_by else "—" for i in ids]
            lines.append(f"| {row.kind}: {_cell(row.description)} | " + " | ".join(marks) + " |")
    if dossier.loaded_terms:
        lines += ["", "## Loaded terms", ""]
        for t in dossier.loaded_terms:
            voice = "quoted" if t.quoted else "own words"
            lines.append(f"- “{t.span.text}” ({t.span.article_id}, {voice}): {t.category}; {t.note} [{t.source}]")
    if dossier.independent_sources is not None:
        lines += ["", f"{len(dossier.articles)} sources, {dossier.independent_sources} independent."]
    for heading, items in (
        ("Inputs analysed with a warning", [s for s in dossier.skipped if s.stage == "warning"]),
        ("Inputs not analysed", [s for s in dossier.skipped if s.stage != "warning"]),
    ):
        if items:
            lines += ["", f"## {heading}", ""]
            lines += [f"- `{s.source}` ({s.stage}): {s.reason}" for s in items]
    lines.append("")
    return "\n".join(lines)


