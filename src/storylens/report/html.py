"""The dossier as one self-contained HTML page: sources side by side, every item linked.

No external asset (no CDN, no font, no script from elsewhere): the page works offline
and from a file.  All article text is escaped.  Each mention in the source columns is a
``<mark id="m-ARTICLE-START-END">``, each sentence a ``<span id="s-ARTICLE-START">`` (ARTICLE the article's id
written with letters, digits, ``_``, ``.`` and ``-`` only: :func:`id_part`); every item in the tables links to them,
and the linked sentence is highlighted and focused.

Accessibility: ``header``/``nav``/``main`` landmarks, a skip link, a table of contents,
headings in order (h1 page, h2 section, h3 part), tables with a ``<caption>`` and ``scope``
on every header cell, a visible focus outline, toggle buttons with ``aria-pressed``, link
targets that take the focus (``tabindex="-1"``) so a screen reader reads the sentence, the
``lang`` of each source, and no meaning carried by colour alone (conflicts are written out;
highlights also have an outline).

The page is a list of sections (:func:`_sections`): each is a function of the dossier that
returns its body, or ``""`` to leave the section out; the table of contents follows the list.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Callable
from html import escape as escape_html
from urllib.parse import urlsplit

from ..align.statements import FIGURES_DIFFER, statement_differences
from ..analyse.heading import story_heading
from ..models import ArticleInfo, Dossier, Span, Speaker
from .labels import NO_FIGURE_GROUPS, NONE_FOUND, TYPE_NAMES, count, drop_bidi_controls, role_text, source_label

#: the control characters HTML has no use for (all but tab, line feed, form feed and carriage return): a parse
#: error in a page, shown by no browser, and run by a terminal the page is printed to (``--html -``)
_HTML_CONTROLS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


def escape(text: str, quote: bool = True) -> str:
    """``text`` as HTML text or an attribute's value: markup escaped, its explicit bidi controls dropped
    (:func:`~storylens.report.labels.drop_bidi_controls`), so that no piece of an article turns the page's words
    after it around, and its control characters dropped (an article's ``\\x1b[2J`` was printed by ``--html -`` to
    the terminal, which ran it), as the Markdown report drops them."""
    return escape_html(drop_bidi_controls(_HTML_CONTROLS.sub("", text)), quote=quote)


_CSS = """
:root { --ink:#1b1b1b; --muted:#5c5c5c; --line:#d6d6d6; --hl:#fff1a8; --target:#ffb347; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); margin: 0;
       overflow-wrap: anywhere; }
header, main > section { padding: 0 1.5rem; }
h1 { font-size: 1.5rem; margin: 1rem 0 .25rem; } h2 { font-size: 1.2rem; margin-top: 1.5rem; }
.muted { color: var(--muted); }
.sources { display: grid; grid-auto-flow: column; grid-auto-columns: minmax(22rem, 1fr); gap: 1rem;
           overflow-x: auto; padding-bottom: .5rem; }
.source { border: 1px solid var(--line); border-radius: 6px; padding: .75rem 1rem; max-height: 75vh; overflow-y: auto; }
.source h3 { font-size: 1rem; margin: 0 0 .25rem; }
.text { white-space: pre-wrap; }
mark { background: none; border-bottom: 2px solid #9ab; padding: 0 1px; color: inherit; }
mark.t-PERSON { border-color: #c0392b; } mark.t-ORG { border-color: #2c7be5; }
mark.t-GPE, mark.t-LOC, mark.t-FAC { border-color: #27ae60; } mark.t-NORP { border-color: #8e44ad; }
mark.on { background: var(--hl); }
.sent:target, .sent:has(mark:target) { background: var(--hl); }
mark:target { background: var(--target); outline: 2px solid var(--target); }
table { border-collapse: collapse; width: 100%; }
th, td { border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; padding: .35rem .5rem; }
thead th { background: #f4f4f4; position: sticky; top: 0; } tbody th { font-weight: normal; }
a { color: #1a5fb4; } a:focus, button:focus { outline: 3px solid var(--target); }
button.entity { font: inherit; background: none; border: 0; padding: 0; color: #1a5fb4; cursor: pointer; text-decoration: underline; }
.skipped li { margin: .2rem 0; }
tr.rel-conflict td { background: #fde2e2; }
a.marker { display: inline-block; padding: 0 .35rem; border: 1px solid var(--line); border-radius: 4px; margin-right: .2rem; }
.skip { position: absolute; left: -999px; top: .5rem; background: #fff; padding: .4rem .8rem; z-index: 10; }
.skip:focus { left: .5rem; }
nav.toc { padding: 0 1.5rem; } nav.toc ul { display: flex; flex-wrap: wrap; gap: .25rem 1rem; list-style: none; padding: 0; margin: .5rem 0; }
caption { text-align: left; font-weight: 600; padding: .25rem 0; }
.vh { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
a:focus-visible, button:focus-visible, summary:focus-visible, .source:focus-visible, .table-box:focus-visible { outline: 3px solid #1a5fb4; outline-offset: 2px; }
.sent:focus, mark:focus { outline: 3px solid #1a5fb4; outline-offset: 1px; }
.sent:target, .sent:has(mark:target) { outline: 2px dashed var(--ink); }
mark.on { outline: 1px dashed var(--ink); }
tr.rel-conflict td:first-child, tr.rel-conflict th:first-child { border-left: 4px double #a61b1b; }
main:focus { outline: none; }
.sent, mark { scroll-margin: 4rem; }
@media (max-width: 48rem) { .table-box { overflow-x: auto; } }
"""



def _table_start(caption: str, *, without_links: bool = False) -> str:
    """A table's opening, in a box of its own that scrolls sideways on a narrow screen (a column per source: a dozen
    sources' figure table was 457 px wide on a 390 px phone, widening the whole page), named for screen readers.

    A table ``without_links`` (nothing in it takes the focus) has a box that does, so that a keyboard can scroll
    it: on a phone, or a desktop zoomed to 400%, its other sources' columns were out of a keyboard's reach."""
    focus = ' tabindex="0"' if without_links else ""
    return (f'<div class="table-box" role="region" aria-label="{escape(caption)}"{focus}><table>'
            f'<caption class="vh">{escape(caption)}</caption>')


_SCRIPT = """
document.querySelectorAll('button.entity').forEach(function (button) {
  button.addEventListener('click', function () {
    var id = button.dataset.entity, on = button.getAttribute('aria-pressed') !== 'true';
    document.querySelectorAll('mark[data-entity="' + id + '"]').forEach(function (m) { m.classList.toggle('on', on); });
    button.setAttribute('aria-pressed', on ? 'true' : 'false');
  });
});
function storylensFocus(hash) {
  if (!hash || hash.length < 2) { return; }
  var id = hash.slice(1), target = document.getElementById(id);
  if (!target) {
    try { target = document.getElementById(decodeURIComponent(id)); } catch (e) { target = null; }
  }
  if (target) {
    if (!target.hasAttribute('tabindex')) { target.setAttribute('tabindex', '-1'); }
    target.focus();
  }
}
document.addEventListener('click', function (event) {
  var link = event.target.closest ? event.target.closest('a[href^="#"]') : null;
  if (link) { setTimeout(function () { storylensFocus(link.getAttribute('href')); }, 0); }
});
window.addEventListener('hashchange', function () { storylensFocus(location.hash); });
if (location.hash) { storylensFocus(location.hash); }
"""


def script_hashes() -> list[str]:
    """CSP source expressions (``'sha256-...'``) for the page's inline script, for a server's header."""
    digest = hashlib.sha256(_SCRIPT.encode("utf-8")).digest()
    return [f"'sha256-{base64.b64encode(digest).decode()}'"]


def id_part(article_id: str) -> str:
    """An article's id as a part of the page's element ids and of the links to them: ASCII letters, digits, ``_``,
    ``.`` and ``-`` as they are, every other character as the bytes of its UTF-8, each ``~`` and two hex digits
    (``a b`` is ``a~20b``; ``~`` itself ``~7e``), so that two ids never make one.

    A browser percent-encodes a link's fragment and looks for the element of either form: articles ``a b`` and
    ``a%20b`` made ``#s-a b-0`` and ``#s-a%20b-0``, and a link to the first took the focus to the second, as did
    ``ü`` and ``%C3%BC``; a space is no part of an HTML id at all."""
    return "".join(char if char.isascii() and (char.isalnum() or char in "_.-")
                   else "".join(f"~{byte:02x}" for byte in char.encode("utf-8", "surrogatepass"))
                   for char in article_id)


def mark_id(span: Span) -> str:
    return f"m-{id_part(span.article_id)}-{span.start}-{span.end}"


def sentence_id(article_id: str, start: int) -> str:
    return f"s-{id_part(article_id)}-{start}"


def render_html(dossier: Dossier, *, title: str | None = None) -> str:
    page_title = title or story_heading(dossier)
    sections = [(key, heading, body) for key, heading, render in _sections()
                if (body := render(dossier) or _none_found(key))]
    toc = "".join(f'<li><a href="#h-{key}">{escape(heading)}</a></li>' for key, heading, _ in sections)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        # the same policy a file opened from disk as served: only this page's own script, no other source
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'; '
        f"img-src data:; script-src {' '.join(script_hashes())}; base-uri 'none'; form-action 'none'\">",
        f"<title>{escape(page_title)}</title><style>{_CSS}</style></head><body>",
        '<a class="skip" href="#main">Skip to the dossier</a>',
        f"<header><h1>{escape(page_title)}</h1>",
        f'<p class="muted">{count(len(dossier.articles), "source")} · {count(len(dossier.entities), "entity")} · '
        f"dossier schema {escape(dossier.schema_version)}"
        + (f" · {escape(dossier.run.model)} {escape(dossier.run.model_version)}" if dossier.run else "")
        + "</p></header>",
        f'<nav class="toc" aria-label="Contents"><ul>{toc}</ul></nav>',
        '<main id="main" tabindex="-1">',
    ]
    for key, heading, body in sections:
        parts.append(f'<section aria-labelledby="h-{key}"><h2 id="h-{key}">{escape(heading)}</h2>')
        parts.append(body)
        parts.append("</section>")
    parts.append(f"</main><script>{_SCRIPT}</script></body></html>")
    return "\n".join(parts)


def _none_found(key: str) -> str:
    """A content section with nothing in it says so (:data:`NONE_FOUND`); a list of inputs left out is left out."""
    return f'<p class="muted none-found">{escape(NONE_FOUND[key])}</p>' if key in NONE_FOUND else ""


def _summary(dossier: Dossier) -> str:
    if not dossier.summary:
        return ""
    items = []
    for sentence in dossier.summary:
        cites = " ".join(
            f'<a class="marker" href="#{escape(_sentence_link(dossier, c), quote=True)}" '
            f'title="{escape(c.text, quote=True)}" aria-label="source {escape(_marker_label(dossier, c.article_id), quote=True)}">'
            f"{escape(_marker_label(dossier, c.article_id))}</a>"
            for c in sentence.citations
        )
        items.append(f"<li>{escape(sentence.text)} {cites}</li>")
    return "<ul>" + "".join(items) + "</ul>"


def _marker_label(dossier: Dossier, article_id: str) -> str:
    """What a citation marker shows: the article's outlet, as the source columns name it, when no other article
    of the story has that outlet; else the article's id."""
    outlets = [a.outlet for a in dossier.articles if a.id == article_id]
    outlet = outlets[0] if outlets else None
    if outlet and sum(a.outlet == outlet for a in dossier.articles) == 1:
        return outlet
    return article_id


def _sources(dossier: Dossier) -> str:
    marks: dict[str, list[tuple[int, int, str, str]]] = defaultdict(list)
    for entity in dossier.entities:
        for span in entity.mentions:
            marks[span.article_id].append((span.start, span.end, entity.id, entity.type))
    columns = "".join(_source_column(info, marks.get(info.id, [])) for info in dossier.articles)
    return f'<div class="sources">{columns}</div>'


def _skipped(dossier: Dossier) -> str:
    return _input_list([s for s in dossier.skipped if s.stage != "warning"])


def _warnings(dossier: Dossier) -> str:
    return _input_list([s for s in dossier.skipped if s.stage == "warning"])


def _input_list(items: list) -> str:
    if not items:
        return ""
    rows = "".join(f"<li><code>{escape(s.source)}</code> ({escape(s.stage)}): {escape(s.reason)}</li>" for s in items)
    return f'<ul class="skipped">{rows}</ul>'


def _is_web_address(url: str) -> bool:
    try:
        return urlsplit(url.strip()).scheme.lower() in ("http", "https")
    except ValueError:
        return False


def _source_column(info: ArticleInfo, marks: list[tuple[int, int, str, str]]) -> str:
    heading = escape(info.title or f"Article {info.id}")
    meta = escape(source_label(info))
    if info.url and _is_web_address(info.url):
        meta += f' · <a href="{escape(info.url, quote=True)}" rel="noopener noreferrer">original</a>'
    elif info.url:  # a javascript: or data: address is shown, never linked
        meta += f" · <code>{escape(info.url)}</code>"
    body = _marked_text(info, marks)
    lang = f' lang="{escape(info.language, quote=True)}"' if info.language else ""
    return (
        f'<article class="source" id="src-{id_part(info.id)}"{lang} tabindex="0" '
        f'aria-label="{escape(source_label(info), quote=True)}">'
        f'<h3>{heading}</h3><p class="muted">{meta}</p><div class="text">{body}</div></article>'
    )


def _marked_text(info: ArticleInfo, marks: list[tuple[int, int, str, str]]) -> str:
    """The article's text, escaped, with sentences and (possibly nested) mention marks.

    A mark that crosses a sentence boundary or partly overlaps another is left out.
    """
    text = info.text
    sentences = info.sentences or [(0, len(text))]
    article_part = id_part(info.id)
    out: list[str] = []
    cursor = 0
    ordered = sorted(set(marks), key=lambda m: (m[0], -m[1]))
    index = 0
    for s_start, s_end in sentences:
        if s_start > cursor:
            out.append(escape(text[cursor:s_start]))
        out.append(f'<span class="sent" id="s-{article_part}-{s_start}" tabindex="-1">')  # sentence_id
        pos = s_start
        stack: list[int] = []  # ends of the open marks
        while index < len(ordered) and ordered[index][0] < s_end:
            m_start, m_end, entity_id, label = ordered[index]
            index += 1
            while stack and stack[-1] <= m_start:
                out.append(escape(text[pos:stack[-1]]) + "</mark>")
                pos = stack.pop()
            if m_start < pos or m_end > s_end or (stack and m_end > stack[-1]):
                continue
            out.append(escape(text[pos:m_start]))
            span_id = f"m-{article_part}-{m_start}-{m_end}"  # mark_id, the article's part written once
            out.append(
                f'<mark id="{escape(span_id, quote=True)}" class="t-{escape(label, quote=True)}" tabindex="-1" '
                f'data-entity="{escape(entity_id, quote=True)}">'
            )
            pos = m_start
            stack.append(m_end)
        while stack:
            out.append(escape(text[pos:stack[-1]]) + "</mark>")
            pos = stack.pop()
        out.append(escape(text[pos:s_end]) + "</span>")
        cursor = s_end
    out.append(escape(text[cursor:]))
    return "".join(out)


def _sentence_link(dossier: Dossier, span: Span) -> str:
    sentence = dossier.sentence_of(span)
    return sentence_id(span.article_id, sentence[0]) if sentence else f"src-{id_part(span.article_id)}"


def _who_said_what(dossier: Dossier) -> str:
    if not dossier.quotes:
        return ""
    groups: dict[str, list] = {}
    names: dict[str, str] = {}
    kinds: dict[str, str] = {}
    said_by: dict[tuple[str, str], Speaker] = {}  # (key, quote id) -> the speaker it is under
    for quote in dossier.quotes:
        for speaker in quote.speakers:  # "Manchin and Murkowski said": under each
            key = speaker.entity_id or f"~{(speaker.name or 'unknown').lower()}"
            if (key, quote.id) in said_by:
                continue
            groups.setdefault(key, []).append(quote)
            names.setdefault(key, speaker.name or "unknown speaker")
            kinds.setdefault(key, speaker.kind or "")
            said_by[(key, quote.id)] = speaker
    order = sorted(groups, key=lambda k: (k.startswith("~"), -len({q.article_id for q in groups[k]}), -len(groups[k]), names[k]))
    rows = [
        '<p class="muted">Statements grouped by speaker, across sources. Kinds: direct (quoted, with or without '
        "quotation marks), indirect (reported), mixed.</p>",
        _table_start("Statements by speaker and source")
        + '<thead><tr><th scope="col">Speaker</th><th scope="col">Source</th><th scope="col">Kind</th>'
        '<th scope="col">Statement</th></tr></thead>',
    ]
    for key in order:
        quotes = groups[key]
        first = True
        # each speaker's rows are a row group of their own, so the speaker's rowgroup header names their statements
        # only (in one tbody a screen reader reads it as the header of every later speaker's rows too)
        rows.append("<tbody>")
        for quote in sorted(quotes, key=lambda q: (q.article_id, q.content.start)):
            speaker_cell = ""
            if first:
                kind = kinds[key]
                speaker_cell = f'<th scope="rowgroup" rowspan="{len(quotes)}">{escape(names[key])}<br><span class="muted">{escape(kind)}</span></th>'
                first = False
            said_as = ""
            speaker = said_by[(key, quote.id)]
            if speaker.resolved_from and speaker.resolved_from != names[key]:
                said_as = f'<br><span class="muted">as “{escape(speaker.resolved_from)}”</span>'
            others = [s.name or "unknown speaker" for s in quote.speakers if s is not speaker]
            if quote.co_speakers and others:
                said_as += f'<br><span class="muted">with {escape(", ".join(others))}</span>'
            info = dossier.article(quote.article_id)
            rows.append(
                f"<tr>{speaker_cell}<td>{escape(source_label(info))}{said_as}</td><td>{escape(quote.kind)}</td>"
                f'<td><a href="#{escape(_sentence_link(dossier, quote.content), quote=True)}">{escape(quote.said)}</a>'
                + (f' <span class="muted">({escape(quote.cue.text)})</span>' if quote.cue else "")
                + "</td></tr>"
            )
        rows.append("</tbody>")
    rows.append("</table></div>")
    if dossier.statement_groups:
        by_id = {q.id: q for q in dossier.quotes}
        rows.append("<h3>The same statement in several sources</h3><ul>")
        for group in dossier.statement_groups:
            items = "".join(
                f'<li><a href="#{escape(_sentence_link(dossier, by_id[i].content), quote=True)}">'
                f"{escape(source_label(dossier.article(by_id[i].article_id)))}</a>, "
                f"{escape(by_id[i].speaker.name or 'unknown speaker')}, {escape(by_id[i].kind)}: "
                f"{escape(by_id[i].said)}</li>"
                for i in group.quote_ids
            )
            # the same notes as the dossier's, the sources named by outlet rather than by article id
            members = [by_id[i] for i in group.quote_ids]
            notes = statement_differences(members, {q.article_id: dossier.article(q.article_id).text for q in members},
                                          lambda a: dossier.article(a).outlet or f"article {a}")
            notes += [d for d in group.differences if d.startswith(FIGURES_DIFFER)]  # its articles named by id
            notes = escape("; ".join(notes) or "reported alike")
            rows.append(f"<li>{notes}<ul>{items}</ul></li>")
        rows.append("</ul>")
    return "\n".join(rows)


_RELATION_LABELS = {
    "agree": "agree",
    "conflict": "CONFLICT",
    "different-scope": "different scope",
    "different-time": "different time",
}


def _numbers(dossier: Dossier) -> str:
    if not dossier.claims:
        return ""
    claims = {c.id: c for c in dossier.claims}
    names = {e.id: e.name for e in dossier.entities}
    sources = [a.id for a in dossier.articles]
    rows = [
        '<p class="muted">A row per group of figures about one quantity; a column per source. Money is compared at '
        "the European Central Bank rate of each article's date.</p>",
        _table_start("Figures about one quantity across the sources")
        + '<thead><tr><th scope="col">Relation</th>'
        + "".join(f'<th scope="col">{escape(source_label(dossier.article(a)))}</th>' for a in sources)
        + '<th scope="col">Why</th></tr></thead><tbody>',
    ] if dossier.claim_groups else [f'<p class="muted none-found">{escape(NO_FIGURE_GROUPS)}</p>']
    for group in dossier.claim_groups:
        label = _RELATION_LABELS.get(group.relation, group.relation)
        cells = []
        for article_id in sources:
            items = []
            for claim_id in group.claim_ids:
                claim = claims[claim_id]
                if claim.article_id != article_id:
                    continue
                speaker = names.get(claim.attributed_to, claim.attributed_to) if claim.attributed_to else None
                said = f' <span class="muted">(says {escape(speaker)})</span>' if speaker else ""
                items.append(f'<a href="#{escape(_sentence_link(dossier, claim.span), quote=True)}">'
                             f"{escape(claim.span.text)}</a>{said}")
            cells.append("<td>" + "<br>".join(items) + "</td>")
        strong = "<strong>" if group.relation == "conflict" else ""
        rows.append(f'<tr class="rel-{escape(group.relation)}"><th scope="row">{strong}{escape(label)}'
                    f'{strong and "</strong>"}</th>'
                    + "".join(cells) + f"<td>{escape(group.reason)}</td></tr>")
    if dossier.claim_groups:
        rows.append("</tbody></table></div>")
    grouped = {claim_id for group in dossier.claim_groups for claim_id in group.claim_ids}
    ungrouped = [c for c in dossier.claims if c.id not in grouped]
    if ungrouped:
        # with no group, the figures are all there is: shown open
        rows.append(f"<details><summary>{count(len(ungrouped), 'other figure')}</summary><ul>" if dossier.claim_groups
                    else f"<details open><summary>{count(len(ungrouped), 'figure')}, each from one source</summary><ul>")
        for claim in ungrouped:
            what = f" — {escape(claim.counts)}" if claim.counts else ""
            rows.append(f'<li><a href="#{escape(_sentence_link(dossier, claim.span), quote=True)}">'
                        f"{escape(claim.span.text)}</a>{what} ({escape(claim.article_id)})</li>")
        rows.append("</ul></details>")
    return "\n".join(rows)


def _timeline(dossier: Dossier) -> str:
    if not dossier.timeline:
        return ""
    rows = ['<p class="muted">Dates resolved against each article\'s publication date; a marker per source.</p><ol>']
    for entry in dossier.timeline:
        markers = " ".join(
            f'<a class="marker" href="#{escape(_sentence_link(dossier, span), quote=True)}" '
            f'title="{escape(span.text, quote=True)}" aria-label="source {escape(_marker_label(dossier, span.article_id), quote=True)}: '
            f'{escape(span.text, quote=True)}">{escape(_marker_label(dossier, span.article_id))}</a>'
            for span in entry.sources
        )
        other = (f' <span class="muted">(also dated {escape(", ".join(entry.other_dates))} elsewhere)</span>'
                 if entry.other_dates else "")
        rows.append(f"<li><strong>{escape(entry.when)}</strong> {escape(entry.event)} — {markers}{other}</li>")
    rows.append("</ol>")
    return "\n".join(rows)


def _framing(dossier: Dossier) -> str:
    sources = [a.id for a in dossier.articles]
    heads = "".join(f'<th scope="col">{escape(source_label(dossier.article(a)))}</th>' for a in sources)
    out: list[str] = []
    if dossier.independent_sources is not None:
        out.append(f"<p>{count(len(sources), 'source')}, {dossier.independent_sources} independent "
                   f"({count(len(dossier.shared_passages), 'passage')} shared near-verbatim).</p>")
    if dossier.voices:
        categories = sorted({v.category for v in dossier.voices})
        cells = {(v.article_id, v.category): v for v in dossier.voices}
        out.append(f'<h3>Voices</h3><p class="muted">Share of the words of attributed statements, and their '
                   f'number.</p>{_table_start("Voices by speaker category and source", without_links=True)}'
                   f'<thead><tr><th scope="col">Speakers</th>{heads}</tr></thead><tbody>')
        for category in categories:
            row = []
            for a in sources:
                v = cells.get((a, category))
                # unnamed speakers are shown by their descriptions ("A senior health official"): who they
                # are is all the reader gets of them
                who = (f'<br><span class="muted">{escape("; ".join(v.speakers))}</span>'
                       if v and category == "anonymous" else "")
                row.append(f'<td title="{escape(", ".join(v.speakers), quote=True)}">{v.share_of_words:.0%} '
                           f"({v.statements}){who}</td>" if v else "<td>—</td>")
            out.append(f"<tr><th scope=\"row\">{escape(category)}</th>{''.join(row)}</tr>")
        out.append("</tbody></table></div>")
    if dossier.labels:
        out.append(f'<h3>Labels</h3>{_table_start("The words each source uses for each entity", without_links=True)}'
                   f'<thead><tr><th scope="col">Entity</th>{heads}</tr></thead><tbody>')
        for label in dossier.labels:
            row = "".join(f"<td>{escape('; '.join(label.by_article.get(a, [])) or '—')}</td>" for a in sources)
            out.append(f"<tr><th scope=\"row\">{escape(label.name)}</th>{row}</tr>")
        out.append("</tbody></table></div>")
    if dossier.tone:
        out.append(_tone_table(dossier, sources, heads))
    if dossier.loaded_terms:
        out.append('<h3>Loaded terms</h3><ul>')
        for term in dossier.loaded_terms:
            voice = "in a quoted statement" if term.quoted else "in the outlet's own words"
            out.append(f'<li><a href="#{escape(_sentence_link(dossier, term.span), quote=True)}">'
                       f"{escape(term.span.text)}</a> ({escape(term.span.article_id)}, {voice}): "
                       f"{escape(term.category)}, {escape(term.note)} [{escape(term.source)}]</li>")
        out.append("</ul>")
    if dossier.coverage:
        out.append(f'<h3>Who reports what</h3>{_table_start("Which source reports which fact", without_links=True)}'
                   f'<thead><tr><th scope="col">Fact</th>{heads}</tr></thead><tbody>')
        for row in dossier.coverage:
            cells = "".join("<td>reported</td>" if a in row.reported_by else '<td class="muted">left out</td>'
                            for a in sources)
            out.append(f"<tr><th scope=\"row\">{escape(row.description)}</th>{cells}</tr>")
        out.append("</tbody></table></div>")
    return "\n".join(out)


def _tone_table(dossier: Dossier, sources: list[str], heads: str) -> str:
    """Tone toward each entity per outlet: label and score, with links to the clauses that set it."""
    cells: dict[tuple[str, str], object] = {(t.entity_id, t.article_id): t for t in dossier.tone}
    names = {t.entity_id: t.name for t in dossier.tone}
    out = ['<h3>Tone toward each entity</h3><p class="muted">Mean lexicon score (VADER, -1 to 1) of the clauses '
           "that name it; a rough instrument that knows words, not events. Links go to the most negative (−) "
           "and most positive (+) clause.</p>",
           f'{_table_start("Tone toward each entity, by source")}'
           f'<thead><tr><th scope="col">Entity</th>{heads}</tr></thead><tbody>']
    for entity_id, name in names.items():
        row = []
        for a in sources:
            t = cells.get((entity_id, a))
            if t is None:
                row.append('<td class="muted">—</td>')
                continue
            links = "".join(
                f' <a href="#{escape(_sentence_link(dossier, span), quote=True)}" '
                f'title="{escape(span.text, quote=True)}" aria-label="{word} clause">{sign}</a>'
                for span, sign, word in ((t.most_negative, "−", "most negative"), (t.most_positive, "+", "most positive"))
                if span is not None
            )
            row.append(f"<td>{escape(t.label)} ({t.score:+.2f}, {t.clauses} clauses){links}</td>")
        out.append(f"<tr><th scope=\"row\">{escape(name)}</th>{''.join(row)}</tr>")
    out.append("</tbody></table></div>")
    return "\n".join(out)


def _entity_table(dossier: Dossier) -> str:
    if not dossier.entities:
        return ""
    rows = [
        '<p class="muted">Press a name to highlight its mentions in the sources; each link goes to the sentence.</p>',
        _table_start("Entities, their roles and their mentions")
        + "<thead><tr><th scope=\"col\">Entity</th><th scope=\"col\">Type</th>"
        "<th scope=\"col\">Roles, as each source gives them</th><th scope=\"col\">Mentions</th></tr></thead><tbody>",
    ]
    for entity in dossier.entities:
        roles = []
        for role in entity.roles:
            info = dossier.article(role.article_id)
            target = _sentence_link(dossier, role.span)
            roles.append(
                f'<li><a href="#{escape(target, quote=True)}">{escape(role_text(role))}</a> '
                f'<span class="muted">({escape(source_label(info))})</span></li>'
            )
        per_source = Counter(span.article_id for span in entity.mentions)
        links = []
        for article_id in sorted(per_source):
            spans = [s for s in entity.mentions if s.article_id == article_id]
            items = ", ".join(
                f'<a href="#{escape(mark_id(s), quote=True)}" title="{escape(s.text, quote=True)}" '
                f'aria-label="mention {n} in {escape(article_id, quote=True)}: {escape(s.text, quote=True)}">{n}</a>'
                for n, s in enumerate(spans, 1)
            )
            links.append(f"{escape(article_id)}: {items}")
        aliases = f'<br><span class="muted">also: {escape(", ".join(entity.aliases))}</span>' if entity.aliases else ""
        rows.append(
            f'<tr id="e-{escape(entity.id, quote=True)}"><th scope="row"><button type="button" class="entity" '
            f'aria-pressed="false" data-entity="{escape(entity.id, quote=True)}">{escape(entity.name)}</button>'
            f"{aliases}</th>"
            f"<td>{escape(TYPE_NAMES.get(entity.type, entity.type))}</td>"
            f"<td><ul>{''.join(roles)}</ul></td><td>{'<br>'.join(links)}</td></tr>"
        )
    rows.append("</tbody></table></div>")
    return "\n".join(rows)


def _sections() -> list[tuple[str, str, Callable[[Dossier], str]]]:
    """The page's sections in order: (key, heading, renderer).  A section's ids are ``h-KEY``."""
    return [
        ("summary", "Summary", _summary),
        ("sources", "Sources side by side", _sources),
        ("entities", "Who is who", _entity_table),
        ("quotes", "Who said what", _who_said_what),
        ("numbers", "The numbers", _numbers),
        ("timeline", "Timeline", _timeline),
        ("framing", "How each outlet tells it", _framing),
        ("warnings", "Inputs analysed with a warning", _warnings),
        ("skipped", "Inputs not analysed", _skipped),
    ]
