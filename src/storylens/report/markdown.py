"""The dossier as a Markdown report."""

from __future__ import annotations

import re
from collections import Counter

from ..align.statements import FIGURES_DIFFER, in_quotation_marks, statement_differences
from ..analyse.heading import story_heading
from ..models import Dossier
from .labels import NO_FIGURE_GROUPS, NONE_FOUND, TYPE_NAMES, count, one_line, role_text, source_label

#: Markdown's inline marks, each escaped with a backslash in text from the articles: a backslash itself (first, so
#: that the escapes added are not doubled), emphasis, code, a link's or an image's brackets, strikethrough
_MD_MARKS = re.compile(r"([\\`*_\[\]~|])")


def _md(text: object) -> str:
    """Any text that comes from the articles or their metadata (or is built from it), made inert for Markdown:
    on one line (a line break would end a table row or a list item, or start a heading), without control characters
    (an escape sequence) or bidi overrides, ``&``, ``<`` and ``>``
    escaped (a renderer that passes HTML through would run ``<script>`` or ``<img onerror=...>``), and Markdown's
    inline marks escaped with a backslash: ``|`` (it would split a table row), ``[`` and ``]`` (a quotation's
    ``[text](http://...)`` would be a link, ``![x](...)`` an image), ``*``, ``_``, a backquote, ``~`` (emphasis,
    code, strikethrough) and the backslash itself.  Used for every such piece, in tables and in the text alike."""
    text = one_line(text)  # a terminal the report is printed to (--md -) would run an escape sequence
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_MARKS.sub(r"\\\1", text)


def render_markdown(dossier: Dossier) -> str:
    """The report.  Every piece of text from the articles (and every id, name, quote and reason built from them)
    goes through :func:`_md`; only the report's own words and numbers are written as they are."""
    lines = [f"# {_md(story_heading(dossier))}", ""]
    lines.append(f"{count(len(dossier.articles), 'source')}, {count(len(dossier.entities), 'entity')}. "
                 f"Schema {dossier.schema_version}.")
    lines += ["", "## Summary", ""]
    if not dossier.summary:
        lines.append(NONE_FOUND["summary"])
    else:
        for sentence in dossier.summary:
            cites = ", ".join(sorted({c.article_id for c in sentence.citations}))
            lines.append(f"- {_md(sentence.text)} [{_md(cites)}]")
    lines += ["", "## Sources", "", "| id | outlet | published | title |", "|---|---|---|---|"]
    for info in dossier.articles:
        published = f"{info.published} ({info.published_precision})" if info.published else "unknown"
        lines.append(f"| {_md(info.id)} | {_md(info.outlet or '')} | {_md(published)} | {_md(info.title or '')} |")
    lines += ["", "## Who is who", ""]
    lines += (["| entity | type | roles (source, date) | mentions by source |", "|---|---|---|---|"]
              if dossier.entities else [NONE_FOUND["entities"]])
    for entity in dossier.entities:
        roles = "; ".join(f"{role_text(r)} ({r.article_id}, {r.date or 'undated'})" for r in entity.roles)
        per_source = Counter(m.article_id for m in entity.mentions)
        counts = ", ".join(f"{a}: {n}" for a, n in sorted(per_source.items()))
        name = entity.name if not entity.aliases else f"{entity.name} (also: {', '.join(entity.aliases)})"
        lines.append(f"| {_md(name)} | {_md(TYPE_NAMES.get(entity.type, entity.type))} | {_md(roles)} | "
                     f"{_md(counts)} |")
    people = [e for e in dossier.entities if e.type == "PERSON" and e.roles]
    if people:
        lines += ["", "### Roles as each source gives them", ""]
        for entity in people:
            lines.append(f"- **{_md(entity.name)}**")
            for role in entity.roles:
                info = dossier.article(role.article_id)
                lines.append(f"  - {_md(role_text(role))} — {_md(source_label(info))}: “{_md(role.span.text)}”")
    lines += ["", "## Who said what", ""]
    if not dossier.quotes:
        lines.append(NONE_FOUND["quotes"])
    else:
        by_speaker: dict[str, list] = {}
        kinds: dict[str, str] = {}
        for quote in dossier.quotes:
            for speaker in quote.speakers:  # "Manchin and Murkowski said": under each
                name = speaker.name or "unknown speaker"
                by_speaker.setdefault(name, []).append(quote)
                kinds.setdefault(name, speaker.kind or "unresolved")
        for speaker, quotes in sorted(by_speaker.items(), key=lambda item: (-len(item[1]), item[0])):
            lines.append(f"- **{_md(speaker)}** ({_md(kinds[speaker])})")
            for quote in quotes:
                info = dossier.article(quote.article_id)
                said = _md(quote.said)
                cue = f" ({_md(quote.cue.text)})" if quote.cue else ""
                others = [s.name or "unknown speaker" for s in quote.speakers
                          if (s.name or "unknown speaker") != speaker]
                together = f", with {_md(', '.join(others))}" if quote.co_speakers else ""
                lines.append(f"  - {_md(source_label(info))}, {_md(quote.kind)}{cue}{together}: "
                             + (f"“{said}”" if in_quotation_marks(quote, info.text) else said))
        if dossier.statement_groups:
            by_id = {q.id: q for q in dossier.quotes}
            lines += ["", "### The same statement in several sources", ""]
            for group in dossier.statement_groups:
                members = [by_id[i] for i in group.quote_ids]  # the dossier's notes, sources named by outlet
                notes = statement_differences(members, {q.article_id: dossier.article(q.article_id).text
                                                        for q in members},
                                              lambda a: dossier.article(a).outlet or f"article {a}")
                notes += [d for d in group.differences if d.startswith(FIGURES_DIFFER)]  # its articles named by id
                lines.append(f"- {_md('; '.join(notes) or 'reported alike')}")
                for quote in (by_id[i] for i in group.quote_ids):
                    info = dossier.article(quote.article_id)
                    lines.append(f"  - {_md(source_label(info))}, {_md(quote.speaker.name or 'unknown speaker')}, "
                                 f"{_md(quote.kind)}: {_md(quote.said)}")
    lines += ["", "## The numbers", ""]
    claims = {c.id: c for c in dossier.claims}
    if not dossier.claims:
        lines.append(NONE_FOUND["numbers"])
    elif dossier.claim_groups:
        lines += ["| relation | figures (source) | why |", "|---|---|---|"]
        for group in dossier.claim_groups:
            figures = "; ".join(f"{claims[i].span.text} ({claims[i].article_id})" for i in group.claim_ids)
            lines.append(f"| {_md(group.relation)} | {_md(figures)} | {_md(group.reason)} |")
    else:
        lines.append(NO_FIGURE_GROUPS)
    grouped = {i for group in dossier.claim_groups for i in group.claim_ids}
    ungrouped = [c for c in dossier.claims if c.id not in grouped]
    if ungrouped:  # each from one source: listed, as the HTML report lists them, not dropped
        lines += ["", f"{'Other figures' if grouped else 'Figures'}, each from one source:", ""]
        for claim in ungrouped:
            what = f" — {_md(claim.counts)}" if claim.counts else ""
            lines.append(f"- {_md(claim.span.text)}{what} ({_md(claim.article_id)})")
    lines += ["", "## Timeline", ""]
    if not dossier.timeline:
        lines.append(NONE_FOUND["timeline"])
    else:
        for entry in dossier.timeline:
            sources = ", ".join(sorted({s.article_id for s in entry.sources}))
            dated = ", ".join(entry.other_dates)
            other = " " + _md(f"(also dated {dated} elsewhere)") if entry.other_dates else ""
            lines.append(f"- **{_md(entry.when)}** {_md(entry.event)} — {_md(sources)}{other}")
    if dossier.voices:
        lines += ["", "## Voices by outlet", "", "| source | speakers | statements | share of words |", "|---|---|---|---|"]
        for v in dossier.voices:
            category = f"{v.category}: {'; '.join(v.speakers)}" if v.category == "anonymous" else v.category
            lines.append(f"| {_md(v.article_id)} | {_md(category)} | {v.statements} | {v.share_of_words:.0%} |")
    if dossier.tone:
        lines += ["", "## Tone toward entities (lexicon score of the clauses naming them)", "",
                  "| entity | source | tone | score | clauses |", "|---|---|---|---|---|"]
        for t in dossier.tone:
            lines.append(f"| {_md(t.name)} | {_md(t.article_id)} | {_md(t.label)} | {t.score:+.2f} | {t.clauses} |")
    if dossier.labels:
        ids = [a.id for a in dossier.articles]
        lines += ["", "## How each source names them", "", "| entity | " + " | ".join(_md(i) for i in ids) + " |",
                  "|---|" + "---|" * len(ids)]
        for row in dossier.labels:
            cells = [_md("; ".join(row.by_article.get(i, [])) or "—") for i in ids]
            lines.append(f"| {_md(row.name)} | " + " | ".join(cells) + " |")
    if dossier.coverage:
        ids = [a.id for a in dossier.articles]
        lines += ["", "## Who reports what (coverage)", "", "| fact | " + " | ".join(_md(i) for i in ids) + " |",
                  "|---|" + "---|" * len(ids)]
        for row in dossier.coverage:
            marks = ["yes" if i in row.reported_by else "—" for i in ids]
            lines.append(f"| {_md(row.kind)}: {_md(row.description)} | " + " | ".join(marks) + " |")
    if dossier.loaded_terms:
        lines += ["", "## Loaded terms", ""]
        for t in dossier.loaded_terms:
            voice = "quoted" if t.quoted else "own words"
            lines.append(f"- “{_md(t.span.text)}” ({_md(t.span.article_id)}, {voice}): {_md(t.category)}; "
                         f"{_md(t.note)} [{_md(t.source)}]")
    if dossier.independent_sources is not None:
        lines += ["", f"{count(len(dossier.articles), 'source')}, {dossier.independent_sources} independent."]
    for heading, items in (
        ("Inputs analysed with a warning", [s for s in dossier.skipped if s.stage == "warning"]),
        ("Inputs not analysed", [s for s in dossier.skipped if s.stage != "warning"]),
    ):
        if items:
            lines += ["", f"## {heading}", ""]
            lines += [f"- {_md(s.source)} ({_md(s.stage)}): {_md(s.reason)}" for s in items]
    lines.append("")
    return "\n".join(lines)
