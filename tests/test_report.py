"""The Markdown and HTML reports."""

from __future__ import annotations

import re
from html import escape

from storylens import Pipeline
from storylens.models import Article
from storylens.report import render_html, render_markdown


def test_report_html_self_contained_and_linked(roma_dossier):
    page = render_html(roma_dossier)
    assert "<script src" not in page and "<link" not in page and "@import" not in page
    assert not re.search(r'(src|href)="https?://', page)  # the example has no URLs: nothing external at all
    ids = set(re.findall(r'id="([^"]+)"', page))
    targets = re.findall(r'href="#([^"]+)"', page)
    assert len(targets) > 100
    missing = [t for t in targets if t not in ids]
    assert not missing, missing[:5]
    for info in roma_dossier.articles:  # every source shown in full
        assert f'id="src-{info.id}"' in page


def test_report_html_escapes_article_text(settings):
    text = ("Minister Jane Doe said <script>alert('x')</script> the plan & the budget were fine. "
            "The European Commission in Brussels said nothing about it on Tuesday.")
    settings.use_store = False
    with Pipeline(settings) as pipeline:
        dossier = pipeline.analyze_articles([Article(id="x", text=text, title="<b>Title</b>")])
    page = render_html(dossier)
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert "&lt;b&gt;Title&lt;/b&gt;" in page


def test_report_markdown_lists_people_with_roles(roma_dossier):
    text = render_markdown(roma_dossier)
    assert "## Who is who" in text
    assert re.search(r"Claude Gueant.*Interior Minister", text)
    assert "2010-08-30" in text


def test_report_markdown_quotes_words_not_paraphrases(settings):
    text = ('"We will not back down," Mayor Tom Reed said on Friday. '
            "The city council said the bridge would stay closed until May.")
    settings.use_store = False
    with Pipeline(settings) as pipeline:
        dossier = pipeline.analyze_articles([Article(id="x", text=text)])
    page = render_markdown(dossier)
    assert "direct (said): “We will not back down”" in page  # the marks and the comma of the span not doubled
    assert re.search(r"indirect \(said\): the bridge would stay closed until May(?!”)", page), page



def test_report_markdown_unmarked_speech_not_put_in_marks(roma_dossier):
    text = render_markdown(roma_dossier)  # article 001: "It is a cruel, unacceptable situation, Gueant told reporters"
    assert re.search(r"direct \(told\): It is a cruel, unacceptable situation", text), text
    assert "“It is a cruel" not in text
    assert "direct (said): “The way in which certain governments" in text  # article 000 quotes Jean Lambert


def test_report_html_links_only_web_addresses(settings):
    settings.use_store = False
    text = "Minister Jane Doe said on Tuesday that the bridge would stay closed until the end of May."
    with Pipeline(settings) as pipeline:
        dossier = pipeline.analyze_articles([Article(id="x", text=text, url="javascript:alert(3)")])
    page = render_html(dossier)
    assert 'href="javascript:' not in page and "<code>javascript:alert(3)</code>" in page
    assert "http-equiv=\"Content-Security-Policy\"" in page  # a file opened from disk is guarded too


def test_report_same_statement_shown_side_by_side(roma_dossier):
    [group] = [g for g in roma_dossier.statement_groups if len(g.quote_ids) == 2]
    said = [q.said for q in roma_dossier.quotes if q.id in group.quote_ids]
    page = render_html(roma_dossier)
    section = page[page.index("The same statement in several sources"):]
    text = render_markdown(roma_dossier)
    for words in said:
        assert escape(words) in section[:section.index("</section>")]
        assert words in text[text.index("### The same statement in several sources"):]
    # how the sources differ, the sources named as the reader knows them (outlet, else "article ID")
    assert "speaker named by article 000; not named by article 002" in section
    assert "speaker named by article 000; not named by article 002" in text


def test_report_markdown_labels_and_coverage_by_source(roma_dossier):
    text = render_markdown(roma_dossier)
    labels = text[text.index("## How each source names them"):text.index("## Who reports what")]
    [roma] = [line for line in labels.splitlines() if line.startswith("| Roma |")]
    ids = [a.id for a in roma_dossier.articles]
    cells = [c.strip() for c in roma.strip("|").split("|")][1:]
    assert "Gypsies" in cells[ids.index("001")] and "Gypsies" not in cells[ids.index("002")]
    coverage = text[text.index("## Who reports what"):]
    rows = [line for line in coverage.splitlines() if "8,300" in line and line.startswith("| event")]
    assert rows and all(line.count("yes") == 1 for line in rows)


def test_report_warnings_apart_from_inputs_not_analysed(roma_dossier):
    from storylens.models import Skipped

    dossier = roma_dossier.model_copy(update={"skipped": [
        Skipped(source="feed.xml#2", stage="warning", reason="analysed without a date ('soon' is not a date)"),
        Skipped(source="empty.txt", stage="ingest", reason="too little text to analyse (0 characters)"),
    ]})
    text = render_markdown(dossier)
    warned = text[text.index("## Inputs analysed with a warning"):text.index("## Inputs not analysed")]
    assert "feed.xml#2" in warned and "empty.txt" not in warned
    assert "empty.txt" in text[text.index("## Inputs not analysed"):]
    page = render_html(dossier)
    warned = page[page.index('id="h-warnings"'):page.index('id="h-skipped"')]
    assert "feed.xml#2" in warned and "empty.txt" not in warned


def test_reports_show_who_the_anonymous_speakers_are():
    from storylens.models import ArticleInfo, Dossier, VoiceShare

    dossier = Dossier(articles=[ArticleInfo(id="a", text="Officials said so.", outlet="Daily")], voices=[
        VoiceShare(article_id="a", category="anonymous", statements=2, words=10, share_of_words=1.0,
                   speakers=["A senior water official", "officials"])])
    assert "anonymous: A senior water official; officials" in render_markdown(dossier)
    assert "A senior water official; officials</span>" in render_html(dossier)


def test_report_markdown_escapes_html_and_table_breakers(settings):
    # HTML in the text, id, title, outlet; '|' and a line break in an id, a title, an outlet
    text = ("<script>alert(1)</script> Mayor Claire Dubois of Lyon said on Tuesday that 1,200 residents were "
            "evacuated after a fire at the <img src=x onerror=alert(2)> Rhone Chemicals plant & depot.")
    other = ("Mayor Claire Dubois said on Wednesday that the Rhone Chemicals plant would stay closed | for weeks, "
             "and that 400 firefighters had put out the fire.")
    settings.use_store = False
    with Pipeline(settings) as pipeline:
        dossier = pipeline.analyze_articles([
            Article(id="x<script>alert(3)</script>", text=text, title="<img src=x onerror=alert(4)>",
                    outlet="<b onmouseover=alert(5)>Evil</b>", published="2026-03-03"),
            Article(id="p|ipe", text=other, title="Fire | Lyon\n# Injected heading", outlet="Wire|post",
                    published="2026-03-04"),
        ])
    page = render_markdown(dossier)
    assert "<" not in page and ">" not in page  # no tag survives anywhere, in any section
    assert "&lt;script&gt;alert(3)&lt;/script&gt;" in page and "&lt;img src=x onerror=alert(4)&gt;" in page
    assert "\n# Injected" not in page and "Fire \\| Lyon # Injected heading" in page
    assert "plant &amp; depot" in page
    unescaped_pipes = re.compile(r"(?<!\\)\|")
    lines = page.splitlines()
    for n, line in enumerate(lines):  # every table row has as many cells as its header
        if line.startswith("|") and not line.startswith("|---"):
            header = next(h for h in reversed(lines[:n + 1]) if h.startswith("|") and
                          lines[lines.index(h) + 1].startswith("|---"))
            assert len(unescaped_pipes.findall(line)) == len(unescaped_pipes.findall(header)), line
    assert any(line.startswith("| p\\|ipe | Wire\\|post | 2026-03-04 (day) | Fire \\| Lyon # Injected heading |")
               for line in lines)  # the Sources table's row


def test_report_markdown_escapes_links_and_emphasis_in_source_text(settings):
    text = ('Mayor Claire Dubois said on Tuesday that "residents should read [the plan](http://evil.example/x) '
            'and *not* panic over the __fire__ at the `depot`," adding that ~~nothing~~ was hidden.')
    settings.use_store = False
    with Pipeline(settings) as pipeline:
        dossier = pipeline.analyze_articles([Article(id="a_1", text=text, title="Fire at *Rhone* [depot]",
                                                     outlet="Wire", published="2026-03-03")])
    page = render_markdown(dossier)
    assert "\\[the plan\\](http://evil.example/x)" in page and "[the plan](" not in page
    assert "\\*not\\*" in page and "\\_\\_fire\\_\\_" in page and "\\`depot\\`" in page
    assert "| a\\_1 | Wire | 2026-03-03 (day) | Fire at \\*Rhone\\* \\[depot\\] |" in page
    unescaped = re.compile(r"(?<!\\)[*_`\[\]]")  # every mark of the source text escaped; the report's own "**"
    for line in page.splitlines():
        line = re.sub(r"^(\s*- )\*\*(.*)\*\*", r"\1\2", line)  # a speaker's name in bold
        line = re.sub(r"\*\*(\d{4}[-\d]*)\*\*", r"\1", line)  # a timeline date in bold
        assert not unescaped.search(re.sub(r"\[[\w\\, ]+\]$", "", line)), line  # a summary line's citations


def test_report_counts_are_singular_for_one(settings):
    text = "Minister Jane Doe said on Tuesday that the bridge would stay closed until the end of May."
    settings.use_store = False
    with Pipeline(settings) as pipeline:
        dossier = pipeline.analyze_articles([Article(id="x", text=text)])
    assert "1 source," in render_markdown(dossier) and "1 sources" not in render_markdown(dossier)
    assert "1 source ·" in render_html(dossier) and "1 sources" not in render_html(dossier)


def test_report_html_markers_name_the_outlet_when_it_is_the_storys_only_one(roma_dossier):
    import re

    dossier = roma_dossier.model_copy(deep=True)
    assert dossier.summary  # the example's summary cites its sources
    dossier.articles[0].outlet = "Wirepost"
    dossier.articles[1].outlet = dossier.articles[2].outlet = "Daily Ledger"  # two articles of one outlet
    page = render_html(dossier)
    markers = re.findall(r'<a class="marker"[^>]*>([^<]*)</a>', page)
    cited = {c.article_id for s in dossier.summary for c in s.citations}
    assert markers and set(markers) <= {"Wirepost", dossier.articles[1].id, dossier.articles[2].id}
    assert ("Wirepost" in markers) == (dossier.articles[0].id in cited)
    assert dossier.articles[0].id not in markers  # named by its outlet, not its id


def test_dossier_articles_carry_the_byline_and_the_reports_show_it():
    from storylens.models import Article, ArticleInfo
    from storylens.report.labels import source_label

    article = Article(id="a", text="Officials said 40 homes were evacuated on Friday.", outlet="Wirepost",
                      author="Ana Lopez", published="2026-03-06")
    info = ArticleInfo.of(article)
    assert info.author == "Ana Lopez"
    assert source_label(info) == "Wirepost, by Ana Lopez, 2026-03-06"
    assert source_label(ArticleInfo.of(Article(id="b", text=article.text))) == "article b"


def test_report_a_region_is_not_called_a_country_or_city(roma_dossier):
    # "Florida | place (country, city)": a state or a region is a place of the tagger's GPE type too
    text = render_markdown(roma_dossier)
    assert "| place (country, state, city) |" in text and "place (country, city)" not in text


def test_report_markdown_timeline_entry_names_its_other_dates_after_a_space():
    from storylens.models import ArticleInfo, Dossier, Span, TimelineEntry

    text = "The clinic opened on Monday."
    dossier = Dossier(articles=[ArticleInfo(id="a", text=text)], timeline=[
        TimelineEntry(date="2026-11-23", precision="day", event="The clinic opened",
                      sources=[Span(article_id="a", start=0, end=len(text), text=text)], other_dates=["2026-11-25"])])
    assert "- **2026-11-23** The clinic opened — a (also dated 2026-11-25 elsewhere)" in render_markdown(dossier)


def test_coverage_row_of_a_timeline_entry_names_its_span_of_time():
    # an event of 1994 to 1999 was listed in "who reports what" as of 1994 alone, as neither report writes it
    from storylens.analyse.coverage import coverage
    from storylens.models import ArticleInfo, Dossier, Span, TimelineEntry

    text = "Between 1994 and 1999 the ferry ran daily. The pier opened in 2001."
    entries = [TimelineEntry(date="1994", precision="year", event="the ferry ran daily", until="1999",
                             sources=[Span(article_id="a", start=0, end=42, text=text[:42])]),
               TimelineEntry(date="2001", precision="year", event="The pier opened",
                             sources=[Span(article_id="a", start=43, end=len(text), text=text[43:])])]
    dossier = Dossier(articles=[ArticleInfo(id="a", text=text)], timeline=entries)
    events = {row.ref: row.description for row in coverage(dossier) if row.kind == "event"}
    assert events == {"1994": "1994 to 1999: the ferry ran daily", "2001": "2001: The pier opened"}


def test_reports_say_so_for_a_story_with_no_entities_statements_figures_or_dates():
    # the sections a story gives nothing for vanished from both reports (and the HTML report's "Who is who" was a
    # table of headers with no row): a reader could not tell "none found" from "not looked for"
    from storylens.models import ArticleInfo, Dossier
    from storylens.report.labels import NONE_FOUND

    text = "The keeper painted the tower white and planted roses along the path."
    dossier = Dossier(articles=[ArticleInfo(id="a", text=text, sentences=[(0, len(text))])])
    markdown, page = render_markdown(dossier), render_html(dossier)
    for heading, key in (("Summary", "summary"), ("Who is who", "entities"), ("Who said what", "quotes"),
                         ("The numbers", "numbers"), ("Timeline", "timeline")):
        assert f"## {heading}\n\n{NONE_FOUND[key]}" in markdown
        assert re.search(rf'<h2 id="h-{key}">{heading}</h2>\s*<p class="muted none-found">{re.escape(NONE_FOUND[key])}',
                         page), heading
        assert f'href="#h-{key}"' in page  # in the table of contents too
    assert "<tbody></tbody>" not in page and "| entity | type |" not in markdown


def test_reports_list_figures_each_given_by_one_source():
    # figures no other source gives (no claim group) were left out of the Markdown report altogether, and the HTML
    # report showed a table of headers with no row above them
    from storylens.models import ArticleInfo, Claim, Dossier, Span
    from storylens.report.labels import NO_FIGURE_GROUPS

    first, second = "Forty homes were flooded on Friday.", "The river rose two metres overnight."
    dossier = Dossier(articles=[ArticleInfo(id="a", text=first), ArticleInfo(id="b", text=second)], claims=[
        Claim(id="c1", article_id="a", span=Span(article_id="a", start=0, end=5, text="Forty"), value=40,
              approx="exact", kind="count", counts="homes"),
        Claim(id="c2", article_id="b", span=Span(article_id="b", start=15, end=25, text="two metres"), value=2,
              approx="exact", kind="measure")])
    markdown, page = render_markdown(dossier), render_html(dossier)
    numbers = markdown[markdown.index("## The numbers"):markdown.index("## Timeline")]
    assert NO_FIGURE_GROUPS in numbers and "- Forty — homes (a)" in numbers and "- two metres (b)" in numbers
    section = page[page.index('id="h-numbers"'):page.index('id="h-timeline"')]
    assert NO_FIGURE_GROUPS in section and "<table" not in section
    assert "<details open><summary>2 figures, each from one source</summary>" in section


def test_reports_drop_bidi_overrides_that_would_turn_the_reports_own_words_around():
    # an unclosed right-to-left override (U+202E) in an article's id, title or text turned everything after it on
    # its line or in its cell around, the report's own words and other sources' ids included ("[a1, b]" shown as
    # "[a]b ,1"); the reports show the text without explicit bidi controls, the dossier keeps them
    from storylens.models import ArticleInfo, Dossier, Span, SummarySentence

    text = "Officials said the \u202edam held\u202c and the \u2067road\u2069 was shut \u202bafter dark."
    dossier = Dossier(
        articles=[ArticleInfo(id="a\u202e1", text=text, title="Dam \u202eholds", sentences=[(0, len(text))]),
                  ArticleInfo(id="b", text="Rain fell.", outlet="Vale \u202dPost")],
        summary=[SummarySentence(text=text, citations=[Span(article_id="a\u202e1", start=0, end=len(text), text=text),
                                                      Span(article_id="b", start=0, end=10, text="Rain fell.")])])
    markdown, page = render_markdown(dossier), render_html(dossier)
    for report in (markdown, page):
        assert not re.search("[\u202a-\u202e\u2066-\u2069]", report)
    assert "- Officials said the dam held and the road was shut after dark. [a1, b]" in markdown
    assert "Dam holds" in page and "Vale Post" in page and 'id="src-a~e2~80~ae1"' in page
    assert dossier.articles[0].text == text  # the dossier's text is the article's, every character kept


def test_report_markdown_carries_no_escape_sequence_of_an_article():
    # the Markdown report, printed to a terminal with --md -, carried an article's escape sequences as they were
    from storylens.models import ArticleInfo, Dossier

    text = "\x1b]0;owned\x07\x1b[31mThe harbour board met.\x9b2J"
    markdown = render_markdown(Dossier(articles=[ArticleInfo(id="a\x1b[1m", text=text, title="Pier\x1b[5m news")]))
    assert not re.search("[\x00-\x09\x0b-\x1f\x7f-\x9f]", markdown), repr(markdown)
    assert "Pier\\[5m news" in markdown  # the escape character dropped, the bracket escaped


def test_dossier_sentence_of_finds_the_sentence_by_bisection_and_in_any_order():
    from storylens.models import ArticleInfo, Dossier, Span

    text = "One. Two two. Three.  Four four four."
    dossier = Dossier(articles=[ArticleInfo(id="a", text=text, sentences=[(0, 4), (5, 13), (14, 20), (22, 37)]),
                                ArticleInfo(id="b", text=text, sentences=[(22, 37), (0, 4), (5, 13)])])
    found = [dossier.sentence_of(Span(article_id=a, start=i, end=i + 1, text=text[i])) for a in "ab"
             for i in (0, 3, 4, 5, 12, 20, 21, 22, 36)]
    assert found == [(0, 4), (0, 4), None, (5, 13), (5, 13), None, None, (22, 37), (22, 37),
                     (0, 4), (0, 4), None, (5, 13), (5, 13), None, None, (22, 37), (22, 37)]


def test_report_of_a_long_article_with_many_figures_is_not_quadratic():
    # a 200,000-character article of repeated figures (78,020 groups of its 3,039 figures) took 27 s to render, a
    # request to /stories/ID each time: each figure was looked for in every group, each link's sentence in every
    # sentence; 2.3 s since
    import time

    from storylens.models import ArticleInfo, Claim, ClaimGroup, Dossier, Span

    n = 20_000
    text = "".join(f"Boats {i:05d} sank. " for i in range(n))
    sentences = [(19 * i, 19 * i + 18) for i in range(n)]
    claims = [Claim(id=f"c{i}", article_id="a", span=Span(article_id="a", start=19 * i + 6, end=19 * i + 11,
                                                            text=text[19 * i + 6:19 * i + 11]),
                    value=i, approx="exact", kind="count", counts="boats") for i in range(n)]
    groups = [ClaimGroup(id=f"g{i}", claim_ids=[f"c{2 * i}", f"c{2 * i + 1}"], relation="different-scope",
                         reason="one source gives both figures") for i in range(n // 2 - 500)]
    dossier = Dossier(articles=[ArticleInfo(id="a", text=text, sentences=sentences)], claims=claims,
                      claim_groups=groups)
    started = time.process_time()
    page = render_html(dossier)
    assert time.process_time() - started < 8, "the numbers section is quadratic again"
    assert page.count('<tr class="rel-different-scope">') == n // 2 - 500
    assert "1,000 other figures" in page or "1000 other figures" in page


def test_report_html_ids_of_awkward_article_ids_are_distinct_and_plain():
    # articles 'a b' and 'a%20b' made the element ids 's-a b-0' and 's-a%20b-0': a browser percent-encodes a link's
    # fragment, so a link to the first took the focus to the second ('ü' and '%C3%BC' likewise), and a space is no
    # part of an HTML id
    from storylens.models import ArticleInfo, Dossier, Span, SummarySentence

    ids = ["a b", "a%20b", "ü", "%C3%BC", "50%", 'q"x', "h#x", "a~20b", "a-1", "a"]
    text = "The harbour board met on Monday."
    articles = [ArticleInfo(id=i, text=text, sentences=[(0, len(text))], outlet=f"Post {n}") for n, i in enumerate(ids)]
    summary = [SummarySentence(text=text, citations=[Span(article_id=i, start=0, end=len(text), text=text)])
               for i in ids]
    page = render_html(Dossier(articles=articles, summary=summary))
    sentence_ids = re.findall(r'<span class="sent" id="([^"]+)"', page)
    assert len(sentence_ids) == len(set(sentence_ids)) == len(ids)
    assert all(re.fullmatch(r"s-[A-Za-z0-9_.~-]+-0", found) for found in sentence_ids), sentence_ids
    links = re.findall(r'<a class="marker" href="#([^"]+)"', page)
    assert links == sentence_ids  # each citation to its own article's sentence, none to another's
    assert len(set(re.findall(r'<article class="source" id="([^"]+)"', page))) == len(ids)
    assert 'id="s-a~20b-0"' in page and 'id="s-a~2520b-0"' in page and 'id="s-a~7e20b-0"' in page


def test_report_html_carries_no_control_character_of_an_article():
    # `--html -` printed an article's escape sequences as they were ("\x1b[2J" cleared the terminal), where the
    # Markdown report drops them; a control character is a parse error in HTML, shown by no browser
    from storylens.models import ArticleInfo, Dossier

    text = "The quay \x1b[2Jcommittee met\x07 on Friday.\x9b1m It voted\tto dredge."
    dossier = Dossier(articles=[ArticleInfo(id="q\x1b1", text=text, title="Quay\x1b]0;x\x07 vote", outlet="Post\x85",
                                            sentences=[(0, 41), (42, len(text))])])
    page = render_html(dossier)
    assert not re.search("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]", page), repr(re.findall("[\x00-\x1f\x7f-\x9f]", page))
    assert "The quay [2Jcommittee met on Friday." in page and "Quay]0;x vote" in page and "It voted\tto dredge." in page


def test_statements_joined_through_one_without_a_figure_say_their_figures_differ(settings):
    settings.use_store = False
    background = ("Roads were closed for hours. Neighbours gathered outside the school. The council met late into "
                  "the evening. Trains ran slowly through the district. ")
    blast = " killed in the blast at the Varnell paper mill in Ostley on Monday"
    articles = [Article(id="a", text=background + "Five workers were" + blast + ", the fire service said."),
                Article(id="b", text=background + "Seven workers were" + blast + ", police said."),
                Article(id="c", text=background + "Workers were" + blast + ", officials said.")]
    with Pipeline(settings) as pipeline:
        dossier = pipeline.analyze_articles(articles)
    [group] = dossier.statement_groups  # c is each one's statement; a and b give different counts
    assert "the figures differ: 5 (article a), 7 (article b)" in group.differences
    text = render_markdown(dossier)
    assert "- the figures differ: 5 (article a), 7 (article b)" in text and "reported alike" not in text
    assert "the figures differ: 5 (article a), 7 (article b)" in render_html(dossier)
