"""The web page: story list and search, the submission form, job status; rendered on the server.

Every value reaches the page through :func:`html.escape`; no external asset is loaded
(no CDN, font or script from elsewhere), so the pages work offline.  Each page has a skip
link, ``header``/``nav``/``main`` landmarks, labelled form fields, a visible focus
outline, and announces changes (errors, job status) in live regions.  The story view
itself is the report of :mod:`storylens.report.html`.

The form posts to ``/submit`` (``application/x-www-form-urlencoded``), which checks that the
request comes from this server's own page (``Origin``/``Referer`` and a CSRF token held in a
``SameSite=Strict`` cookie and in the form) and then submits through the API's own
function, under the API's authorisation rules: the token field is sent as the bearer token;
with no token configured, only a browser on this machine may submit.

The routes call the API's route functions (``submit(body, request)``, ``job_status(job_id)``,
``stories_page(q, limit, cursor)``), so pages and API share one behaviour and one store.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import re
import secrets
from collections.abc import Callable
from datetime import UTC, datetime
from html import escape
from urllib.parse import parse_qs, quote, urlencode

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool

from ..errors import shown
from ..report.html import escape as shown_text  # articles' words: without bidi overrides that turn the line around
from .cursor import NotACursor
from .security import same_origin

logger = logging.getLogger(__name__)

ARTICLE_SLOTS = 6  # article fieldsets in the form; the first 3 open, the rest under "More articles"
OPEN_SLOTS = 3
#: each article's fields besides its text, in the form's order: named as the API's fields (``ArticleIn``), and
#: ``published-N``, ``title-N``... in the form
ARTICLE_FIELDS = ("published", "title", "outlet", "author")
CSRF_COOKIE = "storylens_csrf"
MAX_QUERY_CHARS = 200

_CSS = """
:root { --ink:#1b1b1b; --muted:#5c5c5c; --line:#c8c8c8; --accent:#1a5fb4; --bad:#a61b1b; }
* { box-sizing: border-box; }
body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); margin: 0;
       overflow-wrap: anywhere; }
header, nav, main, footer { padding: 0 1.5rem; max-width: 60rem; }
header { display: flex; align-items: baseline; gap: 1.5rem; flex-wrap: wrap; border-bottom: 1px solid var(--line); }
header p { margin: .75rem 0; font-weight: 700; font-size: 1.2rem; }
nav ul { display: flex; gap: 1rem; list-style: none; padding: 0; margin: .75rem 0; }
a { color: var(--accent); }
a:focus-visible, button:focus-visible, input:focus-visible, textarea:focus-visible, summary:focus-visible {
  outline: 3px solid var(--accent); outline-offset: 2px; }
main:focus { outline: none; }
.skip { position: absolute; left: -999px; top: .5rem; background: #fff; padding: .4rem .8rem; z-index: 10; }
.skip:focus { left: .5rem; }
.muted { color: var(--muted); }
label { display: block; font-weight: 600; margin-top: .6rem; }
input[type=text], input[type=search], input[type=password], textarea { font: inherit; width: 100%;
  padding: .4rem; border: 1px solid #767676; border-radius: 4px; }
textarea { min-height: 7rem; }
fieldset { border: 1px solid var(--line); border-radius: 6px; margin: 1rem 0; padding: .5rem 1rem 1rem; }
legend { font-weight: 700; padding: 0 .3rem; }
.row { display: grid; grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr)); gap: 0 1rem; }
button { font: inherit; padding: .45rem 1.1rem; border: 1px solid var(--accent); background: var(--accent);
  color: #fff; border-radius: 4px; cursor: pointer; }
form[role=search] { display: flex; gap: .5rem; align-items: end; margin: 1rem 0; }
form[role=search] div { flex: 1; }
.error { border: 2px solid var(--bad); border-left-width: 8px; padding: .5rem 1rem; }
.error::before { content: "Error: "; font-weight: 700; }
.stories li { margin: .4rem 0; }
.hint { font-weight: normal; color: var(--muted); font-size: .92rem; }
.vh { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
table { border-collapse: collapse; margin: .5rem 0 1rem; }
th, td { border: 1px solid var(--line); padding: .25rem .5rem; text-align: left; vertical-align: top; }
section { border-top: 1px solid var(--line); }
"""

_JOB_SCRIPT = """
(function () {
  var box = document.getElementById('job');
  if (!box || box.dataset.final === 'true') { return; }
  var status = document.getElementById('job-status');
  function poll() {
    fetch(box.dataset.api, {headers: {'Accept': 'application/json'}}).then(function (reply) {
      if (!reply.ok) { throw new Error('HTTP ' + reply.status); }
      return reply.json();
    }).then(function (job) {
      if (job.status === 'done' || job.status === 'failed') { location.reload(); return; }
      status.textContent = 'Status: ' + job.status + '.';
      var waiting = document.getElementById('job-waiting');
      if (waiting) { waiting.textContent = job.waiting || ''; waiting.hidden = !job.waiting; }
      setTimeout(poll, 1000);
    }).catch(function () { setTimeout(poll, 3000); });
  }
  setTimeout(poll, 1000);
})();
"""


_FAVICON = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" '
            'fill="#1a5fb4"/><circle cx="7" cy="7" r="3.5" fill="none" stroke="#fff" stroke-width="1.6"/>'
            '<path d="M9.6 9.6 13 13" stroke="#fff" stroke-width="1.8"/></svg>')


def _hash(source: str) -> str:
    return f"'sha256-{base64.b64encode(hashlib.sha256(source.encode('utf-8')).digest()).decode()}'"


def script_hashes() -> list[str]:
    """CSP source expressions for the pages' inline scripts."""
    return [_hash(_JOB_SCRIPT)]


# --------------------------------------------------------------------------- rendering


def layout(title: str, body: str, *, head: str = "", script: str = "") -> str:
    """A whole page: skip link, header with the site name and navigation, ``main``."""
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)} · storylens</title><style>{_CSS}</style>{head}</head><body>"
        '<a class="skip" href="#main">Skip to content</a>'
        '<header><p>storylens</p><nav aria-label="Site"><ul>'
        '<li><a href="/">Stories</a></li><li><a href="/submit">Submit articles</a></li>'
        '<li><a href="/docs">API</a></li></ul></nav></header>'
        f'<main id="main" tabindex="-1">{body}</main>'
        + (f"<script>{script}</script>" if script else "")
        + "</body></html>"
    )


def _when(value: object) -> str:
    """A stored time as a reader reads it, to the minute in UTC ("2026-12-06 00:51 UTC"), in a ``<time>`` element
    that keeps the exact value; a value that is not an ISO time is shown as it is."""
    text = str(value or "")
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return escape(text)
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return f'<time datetime="{escape(text, quote=True)}">{moment:%Y-%m-%d %H:%M} UTC</time>'


#: stories one page of the story list shows, the newest first; an "Older stories" link leads to the next page
INDEX_LIMIT = 200


def _list_address(query: str | None, cursor: str | None = None) -> str:
    """The story list's address for a search and a page (the ``cursor`` of the story it starts after)."""
    params = {**({"q": query} if query else {}), **({"cursor": cursor} if cursor else {})}
    return "/" + (f"?{urlencode(params)}" if params else "")


def render_index(stories: list[dict], query: str | None, *, next_cursor: str | None = None,
                 older: bool = False) -> str:
    """One page of the story list, newest first, with the search form; ``query`` is what was searched.  With
    ``next_cursor`` (there are older stories), the page links to the next one ("Older stories", the search kept);
    ``older``: this page is not the first (it links back to the newest)."""
    more = next_cursor is not None
    q = escape(query or "", quote=True)
    search = (
        '<form role="search" method="get" action="/">'
        '<div><label for="q">Search stories <span class="hint">(titles and article texts)</span></label>'
        f'<input type="search" id="q" name="q" value="{q}" maxlength="{MAX_QUERY_CHARS}"></div>'
        '<button type="submit">Search</button></form>'
    )
    noun = "story" if len(stories) == 1 else "stories"
    counted = f"{len(stories)} {noun}"
    matching = f" matching “{escape(query)}”" if query else ""
    show_all = ' <a href="/">Show all stories</a>.' if query else ""
    if older and not stories:
        summary = f'<p id="results-summary" role="status">No older stories{matching}.{show_all}</p>'
    elif older:
        summary = (f'<p id="results-summary" role="status">{len(stories)} older {noun}{matching}, newest first'
                   + ("; older ones on the next page" if more else "") + f".{show_all}</p>")
    elif query and more:
        summary = (f'<p id="results-summary" role="status">More than {len(stories)} stories match “{escape(query)}”: '
                   f"the newest {len(stories)} are shown; older ones on the next page.{show_all}</p>")
    elif query:
        summary = f'<p id="results-summary" role="status">{counted}{matching}.{show_all}</p>'
    elif more:
        summary = (f'<p id="results-summary" role="status">More than {len(stories)} stories: the newest '
                   f"{len(stories)} are shown, newest first; older ones on the next page.</p>")
    else:
        summary = f'<p id="results-summary" role="status">{counted}, newest first.</p>'
    items = "".join(
        f'<li><a href="/stories/{quote(st["id"], safe="")}">{shown_text(st.get("title") or "Story " + st["id"])}</a> '
        f'<span class="muted">— {int(st.get("articles") or 0)} '
        f'{"source" if st.get("articles") == 1 else "sources"}, {_when(st.get("created"))}</span>'
        + ("" if st.get("readable", True) else
           ' <strong class="needs-analysis">cannot be shown: its stored analysis is unreadable by this version; '
           "analyse its articles again</strong>")
        + ("" if not st.get("superseded_by") else
           f' <span class="superseded">(superseded by <a href="/stories/{quote(st["superseded_by"], safe="")}">'
           "a later analysis with more reports</a>)</span>")
        + "</li>"
        for st in stories
    )
    if items:
        listing = f'<ul class="stories" aria-labelledby="h-stories">{items}</ul>'
    elif older:  # a page past the last (its stories deleted since)
        listing = ""
    else:
        listing = '<p>No stories yet. <a href="/submit">Submit articles</a> to analyse one.</p>'
    pages = ([f'<li><a href="{escape(_list_address(query), quote=True)}">Newest stories</a></li>'] if older else []) + (
        [f'<li><a id="older-stories" rel="next" href="{escape(_list_address(query, next_cursor), quote=True)}">'
         "Older stories</a></li>"] if more else [])
    if pages:
        listing += f'<nav aria-label="Pages of the story list"><ul>{"".join(pages)}</ul></nav>'
    body = f'<h1 id="h-stories">Stories</h1>{search}{summary}{listing}'
    title = "Stories" if not query else f"Stories matching {query}"
    return layout(f"{title} (older)" if older else title, body)


def render_form(*, csrf: str, token_configured: bool, values: dict[str, str] | None = None,
                error: str | None = None) -> str:
    """The submission form; ``values`` refills it after an error (never the token)."""
    values = values or {}
    at_fault = _field_at_fault(error, values) if error else None

    def field(name: str) -> str:
        return escape(values.get(name, ""), quote=True)

    def fault(name: str) -> str:
        """The field the error names is marked invalid and described by the error, for a screen reader."""
        return ' aria-invalid="true" aria-describedby="form-error"' if name == at_fault else ""

    parts = ['<h1 id="h-submit">Submit articles</h1>']
    if error:
        go_to = f' <a href="#{at_fault}">Go to the field</a>' if at_fault else ""
        parts.append(f'<div class="error" role="alert" id="form-error">{escape(error)}{go_to}</div>')
    parts.append('<p>Paste the texts of several reports of one story, and/or give their addresses. '
                 "They are analysed together as one story; the page then shows its status.</p>")
    parts.append('<form method="post" action="/submit" aria-labelledby="h-submit">'
                 f'<input type="hidden" name="csrf" value="{escape(csrf, quote=True)}">')
    if token_configured:
        parts.append('<label for="token">Access token <span class="hint">(the server\'s write token)</span></label>'
                     '<input type="password" id="token" name="token" autocomplete="current-password" required>')
    else:
        parts.append('<p class="muted" id="no-token">This server has no access token configured: it accepts '
                     "submissions from this machine only.</p>")
    slots = []
    for n in range(1, ARTICLE_SLOTS + 1):
        slots.append(
            f'<fieldset><legend>Article {n}</legend>'
            f'<label for="text-{n}">Text</label>'
            f'<textarea id="text-{n}" name="text-{n}" rows="8"{fault(f"text-{n}")}>'
            f'{escape(values.get(f"text-{n}", ""))}</textarea>'
            '<div class="row">'
            f'<div><label for="published-{n}">Publication date <span class="hint">(2010-08-30, 2010-08, 2010, or '
            f'as written with its year: 30 August 2010)</span></label><input type="text" id="published-{n}" '
            f'name="published-{n}" value="{field(f"published-{n}")}"{fault(f"published-{n}")}></div>'
            f'<div><label for="title-{n}">Title</label><input type="text" id="title-{n}" name="title-{n}" '
            f'value="{field(f"title-{n}")}"{fault(f"title-{n}")}></div>'
            f'<div><label for="outlet-{n}">Outlet</label><input type="text" id="outlet-{n}" name="outlet-{n}" '
            f'value="{field(f"outlet-{n}")}"{fault(f"outlet-{n}")}></div>'
            f'<div><label for="author-{n}">Author <span class="hint">(its byline)</span></label><input type="text" '
            f'id="author-{n}" name="author-{n}" value="{field(f"author-{n}")}"{fault(f"author-{n}")}></div>'
            '</div></fieldset>'
        )
    parts.extend(slots[:OPEN_SLOTS])
    # open when the form comes back with something in those articles (an error names one of them): hidden, the text
    # given there and the field at fault could not be seen
    filled = any(values.get(f"{name}-{n}", "").strip() for n in range(OPEN_SLOTS + 1, ARTICLE_SLOTS + 1)
                 for name in ("text", *ARTICLE_FIELDS))
    parts.append(f"<details{' open' if filled else ''}><summary>More articles</summary>" + "".join(slots[OPEN_SLOTS:])
                 + "</details>")
    parts.append('<label for="urls">Addresses of articles <span class="hint">(one http or https URL a line)'
                 f'</span></label><textarea id="urls" name="urls" rows="3"{fault("urls")}>'
                 f'{escape(values.get("urls", ""))}</textarea>'
                 '<p><button type="submit">Analyse</button></p></form>')
    return layout("Submit articles", "".join(parts))


# an error about one of the form's articles, as _in_form_terms words it: "article 3: published: ..." names its date,
# "article 3: title: ..." ("outlet", "author") that field, "article 3: ..." its text (too little, binary, too long, a
# page without text, a field of the wrong kind)
_ARTICLE_FAULT = re.compile(rf"\Aarticle (\d+)(?:: ({'|'.join(ARTICLE_FIELDS)})\b)?")


def _field_at_fault(error: str, values: dict[str, str]) -> str | None:
    """The id of the form field an error names, or None (an error about the token, the form): an article's date or
    text, or the addresses when the error quotes one of them (the API names a refused address first)."""
    match = _ARTICLE_FAULT.match(error)
    if match is not None:
        return f"{match[2] or 'text'}-{match[1]}" if 0 < int(match[1]) <= ARTICLE_SLOTS else None
    addresses = [line.strip() for line in values.get("urls", "").splitlines() if line.strip()]
    if any(error.startswith(f"{shown(address)}:") for address in addresses):
        return "urls"
    return None


def render_job(job: dict) -> str:
    """A job's status; while it runs the page refreshes itself (with or without script)."""
    status = str(job.get("status") or "unknown")
    final = status in ("done", "failed")
    job_id = str(job.get("id") or "")
    parts = [f'<h1>Analysis {escape(job_id)}</h1>',
             f'<div id="job" data-api="/api/jobs/{quote(job_id, safe="")}" data-final="{"true" if final else "false"}">']
    if status == "done" and job.get("story_id"):
        parts.append('<p id="job-status" role="status" aria-live="polite">Done. '
                     f'<a id="story-link" href="/stories/{quote(str(job["story_id"]), safe="")}">Read the story</a>.</p>')
    elif status == "failed":
        parts.append('<p id="job-status" role="status" aria-live="polite">Failed.</p>'
                     f'<div class="error" role="alert">{escape(str(job.get("error") or "the analysis failed"))}</div>'
                     '<p><a href="/submit">Submit again</a></p>')
    else:
        # a queued job reserved for the server process that holds its addresses' credentials says so, and until when
        waiting = str(job.get("waiting") or "") if status == "queued" else ""
        parts.append(f'<p id="job-status" role="status" aria-live="polite">Status: {escape(status)}.</p>'
                     f'<p id="job-waiting"{"" if waiting else " hidden"}>{escape(waiting)}</p>'
                     '<p class="muted">This page follows the analysis and shows a link to the story when it is done.</p>')
    parts.append("</div>")
    skipped = job.get("skipped") or []
    # a warning's input was analysed (without a date, say): listed apart, as the report lists them
    for heading, items in (("Inputs not analysed", [s for s in skipped if s.get("stage") != "warning"]),
                           ("Inputs analysed with a warning", [s for s in skipped if s.get("stage") == "warning"])):
        if items:
            parts.append(f"<h2>{heading}</h2><ul>")
            for s in items:
                parts.append(f"<li><code>{shown_text(str(s.get('source', '')))}</code>: "
                             f"{shown_text(str(s.get('reason', '')))}</li>")
            parts.append("</ul>")
    head = "" if final else '<noscript><meta http-equiv="refresh" content="2"></noscript>'
    return layout(f"Analysis {job_id}", "".join(parts), head=head, script="" if final else _JOB_SCRIPT)


_METHODS = ("get", "post", "put", "patch", "delete")


def _schema_name(schema: dict | None) -> str:
    """A schema as a reader names it: its component's name, ``list of X``, ``X or Y``, or its type."""
    if not schema:
        return "any"
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    if schema.get("type") == "array":
        return f"list of {_schema_name(schema.get('items'))}"
    for key in ("anyOf", "oneOf"):
        if key in schema:
            return " or ".join(_schema_name(s) for s in schema[key])
    return str(schema.get("type", "any"))


def _fields_table(name: str, schema: dict) -> str:
    required = set(schema.get("required", []))
    rows = "".join(
        f"<tr><th scope=\"row\"><code>{escape(field)}</code></th><td>{escape(_schema_name(prop))}</td>"
        f"<td>{'yes' if field in required else 'no'}</td>"
        f"<td>{escape(prop.get('description', '') or prop.get('title', ''))}</td></tr>"
        for field, prop in schema.get("properties", {}).items()
    )
    extra = " Other fields are refused (422)." if schema.get("additionalProperties") is False else ""
    return (f'<h3 id="schema-{escape(name, quote=True)}">{escape(name)}</h3>'
            f'<p class="muted">{escape(schema.get("description", "") or "")}{extra}</p>'
            f'<table><caption class="vh">Fields of {escape(name)}</caption><thead><tr><th scope="col">field</th>'
            f'<th scope="col">type</th><th scope="col">required</th><th scope="col">about</th></tr></thead>'
            f"<tbody>{rows}</tbody></table>")


def render_api(schema: dict) -> str:
    """The API's page: every endpoint of the OpenAPI schema with its parameters, body and answers, and the fields
    of the request bodies and error answers; no script, no external asset (Swagger UI and ReDoc load theirs
    from a CDN)."""
    components = schema.get("components", {}).get("schemas", {})
    shown: list[str] = []
    sections = []
    for path, item in sorted(schema.get("paths", {}).items()):
        for method in _METHODS:
            op = item.get(method)
            if op is None:
                continue
            params = "".join(
                f"<li><code>{escape(p['name'])}</code> ({escape(p.get('in', ''))}, "
                f"{escape(_schema_name(p.get('schema')))}{', required' if p.get('required') else ''}"
                f"{', default ' + escape(str(p['schema']['default'])) if 'default' in (p.get('schema') or {}) else ''})"
                f"{': ' + escape(p['description']) if p.get('description') else ''}</li>"
                for p in op.get("parameters", []))
            body = ""
            if "requestBody" in op:
                for media, content in op["requestBody"].get("content", {}).items():
                    name = _schema_name(content.get("schema"))
                    body = f"<p>Body ({escape(media)}): <a href=\"#schema-{escape(name, quote=True)}\">{escape(name)}</a></p>"
                    if name in components and name not in shown:
                        shown.append(name)
            answers = []
            for code, answer in sorted(op.get("responses", {}).items()):
                kinds = [f"{escape(media)}: {escape(_schema_name(c.get('schema')))}"
                         for media, c in answer.get("content", {}).items() if c.get("schema")]
                for c in answer.get("content", {}).values():
                    name = _schema_name(c.get("schema"))
                    if name in components and name not in shown and name != "Dossier":
                        shown.append(name)
                answers.append(f"<li><strong>{escape(code)}</strong> {escape(answer.get('description', ''))}"
                               + (f" <span class=\"muted\">({'; '.join(kinds)})</span>" if kinds else "") + "</li>")
            sections.append(
                f"<section><h2><code>{method.upper()} {escape(path)}</code></h2>"
                f"<p>{escape(op.get('summary', ''))}</p>"
                + (f"<p>Parameters:</p><ul>{params}</ul>" if params else "")
                + body + f"<p>Answers:</p><ul>{''.join(answers)}</ul></section>")
    for name in list(shown):  # the models those refer to (an article of a story, an issue of an error)
        for prop in components.get(name, {}).get("properties", {}).values():
            for ref in _refs(prop):
                if ref in components and ref not in shown and ref != "Dossier":
                    shown.append(ref)
    schemas = "".join(_fields_table(name, components[name]) for name in shown)
    body = (
        f"<h1>{escape(schema.get('info', {}).get('title', 'API'))} API</h1>"
        '<p>The HTTP API, as its OpenAPI schema describes it: <a href="/openapi.json">/openapi.json</a> '
        "(give it to any OpenAPI tool for more). Writes need <code>Authorization: Bearer TOKEN</code> when a token "
        "is configured. The dossier's fields are described by its JSON Schema (<code>storylens schema</code>) and "
        "in <code>/openapi.json</code>.</p>"
        + "".join(sections) + (f"<h2>Request and error fields</h2>{schemas}" if schemas else "")
    )
    return layout("API", body)


def _refs(schema: dict) -> list[str]:
    """The component names a property's schema refers to, through lists and unions."""
    out = []
    if "$ref" in schema:
        out.append(schema["$ref"].rsplit("/", 1)[-1])
    if isinstance(schema.get("items"), dict):
        out += _refs(schema["items"])
    for key in ("anyOf", "oneOf"):
        for sub in schema.get(key, []):
            out += _refs(sub)
    return out


def render_error(status: int, message: str, *, back: str = "/") -> str:
    """An error page; its link leads ``back`` (the story list, or the first page of its search)."""
    return layout(f"Error {status}", f'<h1>Error {status}</h1><p class="error" role="alert">{escape(message)}</p>'
                                     f'<p><a href="{escape(back, quote=True)}">Back to the stories</a></p>')


# --------------------------------------------------------------------------- the form's data


#: the key, in the request's ASGI scope (set by the server, never by a client), under which the form hands the API
#: its fieldset number of each article it submits: the API numbers the articles it is given, the form's empty
#: fieldsets left out
FORM_NUMBERS = "storylens.form_numbers"


def form_to_story(fields: dict[str, str]) -> dict:
    """The API's submission body (``StoryIn`` fields) from the form's fields; empty slots are left out."""
    articles = []
    for n in range(1, ARTICLE_SLOTS + 1):
        text = fields.get(f"text-{n}", "")
        if not text.strip():
            continue
        article: dict = {"id": f"a{n}", "text": text.replace("\r\n", "\n")}
        for name in ARTICLE_FIELDS:  # each as the API's field of that name
            value = fields.get(f"{name}-{n}", "").strip()
            if value:
                article[name] = value
        articles.append(article)
    urls = [line.strip() for line in fields.get("urls", "").splitlines() if line.strip()]
    return {"articles": articles, "urls": urls}


def slots_without_text(fields: dict[str, str]) -> list[int]:
    """The form's articles given a date, a title, an outlet or an author and no text (a text not pasted): left out as
    empty slots, their fields would be lost without a word."""
    return [n for n in range(1, ARTICLE_SLOTS + 1) if not fields.get(f"text-{n}", "").strip()
            and any(fields.get(f"{name}-{n}", "").strip() for name in ARTICLE_FIELDS)]


def _where(loc: tuple) -> str:
    """Where in a submission a validation error is, as the API's messages say it: "article 2: title: ", "urls: "."""
    if len(loc) >= 3 and loc[0] == "articles" and isinstance(loc[1], int):
        return f"article {loc[1] + 1}: {loc[2]}: "
    return f"{loc[0]}: " if loc else ""


_API_ARTICLE = re.compile(r"^article (\d+)\b")


def _in_form_terms(message: str, story: dict) -> str:
    """The API's error ``message`` about its article N, said of the form's fieldset that article came from: the API
    numbers the articles it was given, and the form leaves its empty fieldsets out (``story``: from
    :func:`form_to_story`, whose ids are ``a`` and the fieldset's number)."""
    slots = [article["id"] for article in story.get("articles", [])]

    def fieldset(match: re.Match) -> str:
        n = int(match[1])
        return f"article {slots[n - 1][1:]}" if 0 < n <= len(slots) else match[0]

    return _API_ARTICLE.sub(fieldset, message)


def _html(content: str, status: int = 200, headers: dict[str, str] | None = None) -> HTMLResponse:
    return HTMLResponse(content, status_code=status, headers={"Cache-Control": "no-store", **(headers or {})})


def _csrf_cookie(response: Response, value: str, secure: bool) -> None:
    response.set_cookie(CSRF_COOKIE, value, httponly=True, samesite="strict", secure=secure, path="/submit")


# --------------------------------------------------------------------------- routes


def add_pages(
    app: FastAPI,
    *,
    submit: Callable,
    job_status: Callable[[str], dict],
    stories_page: Callable[[str | None, int, str | None], tuple[list[dict], str | None]],
    story_model: type,
    token_configured: bool,
    openapi: Callable[[], dict] | None = None,
) -> None:
    """Add ``/``, ``/submit`` (GET and POST), ``/jobs/{id}`` and ``/docs`` (the API, from ``openapi()``, the
    OpenAPI schema) to ``app``.

    ``submit(body, request)`` is the API's submission function (it authorises ``request``),
    ``story_model`` its body's model, ``job_status(id)`` and ``stories_page(q, limit, cursor)`` its readers (the
    latter: a page of the story list and the next page's cursor, as ``GET /api/stories`` lists it; NotACursor for a
    cursor that is not one).
    """

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        return Response(_FAVICON, media_type="image/svg+xml", headers={"Cache-Control": "max-age=86400"})

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def index(q: str | None = None, cursor: str | None = None) -> HTMLResponse:
        query = (q or "").strip()[:MAX_QUERY_CHARS] or None
        try:  # the API's pages: the same stories in the same order, the next one from the same cursor
            stories, next_cursor = stories_page(query, INDEX_LIMIT, cursor or None)
        except NotACursor:
            return _html(render_error(422, "this address is not one of the story list's pages (its cursor was not "
                                           "made by this list): start again from the newest stories",
                                      back=_list_address(query)), 422)  # of the search, as "Newest stories" is
        return _html(render_index(stories, query, next_cursor=next_cursor, older=bool(cursor)))

    @app.get("/submit", response_class=HTMLResponse, include_in_schema=False)
    def submit_form(request: Request) -> HTMLResponse:
        csrf = request.cookies.get(CSRF_COOKIE) or secrets.token_urlsafe(24)
        response = _html(render_form(csrf=csrf, token_configured=token_configured))
        _csrf_cookie(response, csrf, request.url.scheme == "https")
        return response

    @app.post("/submit", include_in_schema=False)
    async def submit_from_form(request: Request) -> Response:
        ok, reason = same_origin(request.scope)
        if not ok:
            logger.warning("form submission refused: %s", reason)
            return _html(render_error(403, f"refused: {reason}"), 403)
        content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if content_type != "application/x-www-form-urlencoded":
            return _html(render_error(415, "the form is sent as application/x-www-form-urlencoded"), 415)
        raw = (await request.body()).decode("utf-8", errors="replace")
        try:
            parsed = parse_qs(raw, keep_blank_values=True, max_num_fields=8 * ARTICLE_SLOTS + 10)
        except ValueError:  # more fields than the form has: not this server's form
            return _html(render_error(400, "the form has more fields than this server's form"), 400)
        fields = {name: values[0] for name, values in parsed.items()}
        cookie = request.cookies.get(CSRF_COOKIE, "")
        given = fields.get("csrf", "")
        fresh = cookie or secrets.token_urlsafe(24)
        if not cookie or not secrets.compare_digest(cookie.encode(), given.encode()):
            logger.warning("form submission refused: CSRF token missing or wrong")
            response = _html(render_form(csrf=fresh, token_configured=token_configured, values=fields,
                                         error="the form has expired; please send it again"), 403)
            _csrf_cookie(response, fresh, request.url.scheme == "https")
            return response

        def again(status: int, message: str) -> HTMLResponse:
            return _html(render_form(csrf=cookie, token_configured=token_configured, values=fields, error=message),
                         status)

        untexted = slots_without_text(fields)
        if untexted:
            n = untexted[0]
            given = [{"published": "date"}.get(name, name) for name in ARTICLE_FIELDS
                     if fields.get(f"{name}-{n}", "").strip()]
            said = f"{', '.join(given[:-1])} and {given[-1]} are" if len(given) > 1 else f"{given[0]} is"
            return again(422, f"article {n}: no text, though its {said} given: paste its text, or clear "
                              f"{'those fields' if len(given) > 1 else 'that field'}")
        story = form_to_story(fields)
        try:
            body = story_model.model_validate(story)
        except ValidationError as exc:  # said of the article and field at fault, as the API's own checks are
            return again(422, _in_form_terms("; ".join(_where(e["loc"]) + e["msg"] for e in exc.errors()[:3]), story))
        headers = [(k, v) for k, v in request.scope["headers"] if k.lower() != b"authorization"]
        token = fields.get("token", "")
        if token:
            headers.append((b"authorization", f"Bearer {token}".encode()))
        # the form's own number of each article it sends (empty fieldsets counted), which the job names it by, as
        # an error at submission does (:func:`_in_form_terms`)
        api_request = Request({**request.scope, "headers": headers,
                               FORM_NUMBERS: [int(article["id"][1:]) for article in story["articles"]]})
        try:
            reply = await run_in_threadpool(submit, body, api_request)
        except HTTPException as exc:
            return again(exc.status_code, _in_form_terms(str(exc.detail), story))
        return RedirectResponse(f"/jobs/{quote(str(reply['job_id']), safe='')}", status_code=303)

    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    def api_page() -> HTMLResponse:
        return _html(render_api(openapi() if openapi is not None else app.openapi()))

    @app.get("/jobs/{job_id}", response_class=HTMLResponse, include_in_schema=False)
    def job_page(job_id: str) -> HTMLResponse:
        try:
            job = job_status(job_id)
        except HTTPException as exc:
            return _html(render_error(exc.status_code, str(exc.detail)), exc.status_code)
        return _html(render_job(job))
