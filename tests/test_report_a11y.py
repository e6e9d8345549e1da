"""The HTML report's accessibility structure (the browser test checks the behaviour)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from storylens.report import render_html
from storylens.report.html import script_hashes


class _Outline(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.headings: list[int] = []
        self.open_tables = 0
        self.tables_with_caption = 0
        self.tables = 0
        self._just_opened_table = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag == "table":
            self.tables += 1
            self._just_opened_table = True
            return
        if tag == "caption" and self._just_opened_table:
            self.tables_with_caption += 1
        self._just_opened_table = False


def test_report_landmarks_skip_link_and_contents(roma_dossier):
    page = render_html(roma_dossier)
    outline = _Outline()
    outline.feed(page)
    tags = outline.tags
    assert tags[0][0] == "html" and tags[0][1].get("lang") == "en"
    first_in_body = next(i for i, (t, _) in enumerate(tags) if t == "body") + 1
    assert tags[first_in_body] == ("a", {"class": "skip", "href": "#main"})  # the first thing Tab reaches
    names = [t for t, _ in tags]
    assert names.count("header") == 1 and names.count("main") == 1 and names.count("nav") == 1
    main = next(a for t, a in tags if t == "main")
    assert main == {"id": "main", "tabindex": "-1"}
    toc = re.search(r'<nav class="toc" aria-label="Contents"><ul>(.*?)</ul></nav>', page).group(1)
    sections = re.findall(r'<section aria-labelledby="(h-[a-z]+)"><h2 id="\1">', page)
    assert re.findall(r'href="#(h-[a-z]+)"', toc) == sections  # one entry per section, in order
    assert {"h-sources", "h-entities", "h-quotes", "h-numbers", "h-timeline", "h-framing"} <= set(sections)


def test_report_headings_in_order_and_tables_described(roma_dossier):
    outline = _Outline()
    outline.feed(render_html(roma_dossier))
    assert outline.headings[0] == 1 and outline.headings.count(1) == 1
    assert all(b <= a + 1 for a, b in zip(outline.headings, outline.headings[1:], strict=False)), outline.headings
    assert outline.tables >= 4 and outline.tables_with_caption == outline.tables
    header_cells = [a for t, a in outline.tags if t == "th"]
    assert header_cells and all(a.get("scope") in ("col", "row", "rowgroup") for a in header_cells)


def test_report_each_speakers_rowgroup_header_heads_its_own_row_group(roma_dossier):
    # a th of scope rowgroup heads every row of its tbody below it: with every speaker in one tbody, a screen reader
    # named the first speaker as the header of all the later speakers' statements too
    page = render_html(roma_dossier)
    table = re.search(r"<table\b(?:(?!</table>).)*Statements by speaker and source.*?</table>", page, re.S).group(0)
    groups = re.findall(r"<tbody>(.*?)</tbody>", table, re.S)
    assert len(groups) >= 3
    assert table.count('scope="rowgroup"') == len(groups)
    for group in groups:
        rows = re.findall(r"<tr\b.*?</tr>", group, re.S)
        assert rows[0].startswith("<tr><th scope=\"rowgroup\"")
        assert f'rowspan="{len(rows)}"' in rows[0] and "rowgroup" not in "".join(rows[1:])


def test_report_a_table_box_without_links_takes_the_focus_to_scroll(roma_dossier):
    # on a narrow screen each table scrolls sideways in its box; a box whose table holds no link or button could not
    # be scrolled with a keyboard (the voices, labels and coverage tables); one with links needs no tab stop more
    page = render_html(roma_dossier)
    boxes = re.findall(r'(<div class="table-box"[^>]*>)(.*?)</table></div>', page, re.S)
    assert len(boxes) >= 6
    for opening, table in boxes:
        has_links = "<a " in table or "<button" in table
        assert ('tabindex="0"' in opening) != has_links, opening
    assert any('tabindex="0"' in opening for opening, _ in boxes)


def test_report_link_targets_take_focus_and_buttons_say_their_state(roma_dossier):
    page = render_html(roma_dossier)
    sentences = re.findall(r'<span class="sent" id="[^"]+"([^>]*)>', page)
    marks = re.findall(r"<mark ([^>]*)>", page)
    assert sentences and all('tabindex="-1"' in s for s in sentences)
    assert marks and all('tabindex="-1"' in m for m in marks)
    buttons = re.findall(r"<button ([^>]*)>", page)
    assert buttons and all('aria-pressed="false"' in b for b in buttons)
    assert "focus()" in page and ":focus" in page
    mention_links = re.findall(r'<a href="#m-[^"]+"[^>]*>', page)
    assert mention_links and all("aria-label=" in link for link in mention_links)  # not just "1", "2"
    # conflicts are written out, not only coloured
    for row in re.findall(r'<tr class="rel-conflict">(.*?)</tr>', page, flags=re.S):
        assert "CONFLICT" in row
    for source in roma_dossier.articles:
        if source.language:
            assert re.search(rf'id="src-{source.id}" lang="{source.language}"', page)


def test_report_script_hash_matches_the_inline_script(roma_dossier):
    import base64
    import hashlib

    page = render_html(roma_dossier)
    scripts = re.findall(r"<script>(.*?)</script>", page, flags=re.S)
    assert len(scripts) == 1
    digest = base64.b64encode(hashlib.sha256(scripts[0].encode()).digest()).decode()
    assert script_hashes() == [f"'sha256-{digest}'"]  # the server's CSP lets exactly this script run
