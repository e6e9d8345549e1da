"""End to end in a real headless Chromium: the web page of ``storylens serve``.

The real server runs as a subprocess on 127.0.0.1 (a free port, a temporary database, a
write token); Playwright drives Debian's ``chromium`` (``/usr/bin/chromium``, or
``STORYLENS_CHROMIUM``) through submitting the example story with the form, following the
job, and reading the report with the mouse and the keyboard.  Skipped when Chromium is
absent, except under CI (``CI=true``), where that is a failure.  Set
``STORYLENS_SCREENSHOTS=DIR`` to keep the screenshots.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "roma-2010"
CHROMIUM = os.environ.get("STORYLENS_CHROMIUM", "/usr/bin/chromium")
TOKEN = "browser-test-token"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
#: each server's database (its base address -> its SQLite file), for a test that writes to it as another server does
_DATABASES: dict[str, Path] = {}
TITLES = {"000": "France will not stop deporting Roma", "001": "Police crack down on Roma gangs in Paris",
          "002": "France keeps repatriating Roma"}


def _chromium_or_skip() -> str:
    if Path(CHROMIUM).exists():
        return CHROMIUM
    message = (f"Chromium not found at {CHROMIUM}: install Debian's chromium (apt-get install chromium) "
               "to run the browser tests")
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message + " [CI=true: not skipping]")
    pytest.skip(message)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory, server_is_up):
    _chromium_or_skip()
    tmp = tmp_path_factory.mktemp("web")
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("STORYLENS_")}
    env.update(STORYLENS_TOKEN=TOKEN, STORYLENS_PROGRESS="false")
    log = open(tmp / "server.log", "w")  # noqa: SIM115 - closed below
    process = subprocess.Popen(
        [sys.executable, "-m", "storylens", "serve", "--host", "127.0.0.1", "--port", str(port),
         "--db", str(tmp / "web.sqlite3")],
        cwd=tmp, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    _DATABASES[base] = tmp / "web.sqlite3"
    if not server_is_up(base, process):
        process.kill()
        log.close()
        pytest.fail("the server did not start:\n" + (tmp / "server.log").read_text())
    yield base
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
    log.close()


@pytest.fixture(scope="module")
def browser():
    executable = _chromium_or_skip()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    problems: list[str] = []
    page.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
    page.on("console", lambda msg: problems.append(f"console {msg.type}: {msg.text} at {msg.location.get('url')}") if msg.type == "error" else None)
    page.problems = problems
    yield page
    context.close()


def _shots(tmp_path: Path) -> Path:
    target = Path(os.environ.get("STORYLENS_SCREENSHOTS") or tmp_path)
    target.mkdir(parents=True, exist_ok=True)
    return target


def _focused_id(page) -> str | None:
    return page.evaluate("document.activeElement && document.activeElement.id")


def _follow(page, link) -> str:
    """Click an in-page link; check its target is focused and its sentence highlighted; return the target id."""
    target = link.get_attribute("href")[1:]
    link.click()
    page.wait_for_function("id => document.activeElement && document.activeElement.id === id", arg=target)
    state = page.evaluate(
        """id => { const t = document.getElementById(id); const s = t.closest('.sent');
                   const cs = getComputedStyle(s);
                   return {target: t.matches(':target'), bg: cs.backgroundColor, outline: cs.outlineStyle,
                           visible: (() => { const r = t.getBoundingClientRect();
                                             return r.bottom > 0 && r.top < innerHeight; })()}; }""",
        target,
    )
    assert state["target"], state
    assert state["bg"] == "rgb(255, 241, 168)", state  # the highlight colour ...
    assert state["outline"] == "dashed", state  # ... and an outline, so not by colour alone
    assert state["visible"], state
    return target


def test_web_submit_the_example_story_and_read_it(server, page, tmp_path):
    shots = _shots(tmp_path)
    manifest = {entry["id"]: entry for entry in json.loads((EXAMPLE / "articles.json").read_text(encoding="utf-8"))}

    page.goto(server + "/")
    assert page.locator("h1").inner_text() == "Stories"
    assert "No stories yet" in page.locator("main").inner_text()

    page.get_by_role("link", name="Submit articles").first.click()
    page.get_by_label("Access token").fill(TOKEN)
    for n, (article_id, entry) in enumerate(sorted(manifest.items()), 1):
        page.locator(f"#text-{n}").fill((EXAMPLE / entry["file"]).read_text(encoding="utf-8"))
        page.get_by_label("Publication date").nth(n - 1).fill(entry["published"])
        page.locator(f"#title-{n}").fill(TITLES[article_id])
    page.get_by_role("button", name="Analyse").click()

    page.wait_for_url("**/jobs/*")
    assert page.get_by_role("status").count() == 1
    story_link = page.locator("#story-link")
    story_link.wait_for(timeout=60_000)  # the page follows the job by itself
    page.screenshot(path=str(shots / "job.png"))
    story_link.click()

    page.wait_for_url("**/stories/*")
    story_url = page.url
    assert page.locator("html").get_attribute("lang") == "en"
    for landmark in ("banner", "navigation", "main"):
        assert page.get_by_role(landmark).count() >= 1, landmark
    columns = page.locator(".sources article.source")
    assert columns.count() == 3
    boxes = [columns.nth(i).bounding_box() for i in range(3)]
    assert all(abs(b["y"] - boxes[0]["y"]) < 2 for b in boxes), boxes  # side by side: one row ...
    assert boxes[0]["x"] < boxes[1]["x"] < boxes[2]["x"], boxes  # ... in order
    assert all(b["x"] + b["width"] <= 1440 + 1 for b in boxes), boxes  # all three in view
    page.screenshot(path=str(shots / "story.png"))

    # an entity's mention, a statement, a figure: each link focuses its highlighted sentence
    entities = page.locator("section[aria-labelledby=h-entities]")
    mention = _follow(page, entities.locator('a[href^="#m-"]').first)
    assert mention.startswith("m-")
    quote = _follow(page, page.locator('section[aria-labelledby=h-quotes] tbody a[href^="#s-"]').first)
    assert quote.startswith("s-")
    number = _follow(page, page.locator('section[aria-labelledby=h-numbers] tbody a[href^="#s-"]').first)
    assert number.startswith("s-")
    page.screenshot(path=str(shots / "number-linked.png"))

    # the entity buttons toggle their mentions' highlight and say so
    button = entities.locator("button.entity").first
    assert button.get_attribute("aria-pressed") == "false"
    button.click()
    assert button.get_attribute("aria-pressed") == "true"
    entity_id = button.get_attribute("data-entity")
    on = page.locator(f'mark.on[data-entity="{entity_id}"]').count()
    assert on >= 1 and on == page.locator(f'mark[data-entity="{entity_id}"]').count()

    # the keyboard: the first Tab reaches the skip link, Enter moves into main
    page.goto(story_url.split("#")[0])
    page.keyboard.press("Tab")
    skip = page.evaluate("({cls: document.activeElement.className, text: document.activeElement.textContent, "
                         "left: document.activeElement.getBoundingClientRect().left})")
    assert skip["cls"] == "skip" and skip["left"] >= 0, skip  # focused and shown
    page.keyboard.press("Enter")
    page.wait_for_function("document.activeElement && document.activeElement.id === 'main'")
    page.keyboard.press("Tab")
    assert page.evaluate("document.getElementById('main').contains(document.activeElement)")
    # a sentence link followed with Enter takes the focus there too
    link = page.locator('section[aria-labelledby=h-timeline] a[href^="#s-"]').first
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("id => document.activeElement.id === id", arg=link.get_attribute("href")[1:])
    page.screenshot(path=str(shots / "keyboard.png"))

    # the story list finds it by a word of its texts, and not by a word that is in none
    page.goto(server + "/?q=Gueant")
    assert page.locator("ul.stories li").count() == 1
    page.get_by_label("Search stories").fill("no-such-word-anywhere")
    page.get_by_label("Search stories").press("Enter")
    page.wait_for_url("**/?q=no-such-word-anywhere")
    assert page.locator("ul.stories li").count() == 0

    assert page.problems == []  # no script error, no CSP violation on any page


def test_web_article_script_stays_text_in_the_browser(server, page):
    """A ``<script>`` inside an article is shown as text and never runs."""
    text = ("Minister Jane Doe said <script>window.injected = 1</script> the plan and the budget were fine. "
            "The European Commission in Brussels said nothing about it on Tuesday, officials said.")
    reply = httpx.post(f"{server}/api/stories", headers={"Authorization": f"Bearer {TOKEN}"},
                       json={"articles": [{"text": text, "published": "2010-08-30", "title": "<i>Title</i>"}]})
    assert reply.status_code == 202
    job_url = reply.json()["status_url"]
    deadline = time.monotonic() + 60
    while (job := httpx.get(server + job_url).json())["status"] not in ("done", "failed"):
        assert time.monotonic() < deadline
        time.sleep(0.3)
    assert job["status"] == "done", job
    page.goto(f"{server}/stories/{job['story_id']}")
    assert page.evaluate("window.injected === undefined")
    assert "<script>window.injected = 1</script>" in page.locator(".sources").inner_text()
    # the headline is shown as text with its source (the page's heading is the story's, not one outlet's)
    assert "<i>Title</i>" in page.locator(".sources").inner_text() and page.locator("main i").count() == 0
    assert page.locator("h1").inner_text().startswith("Brussels, European Commission, Jane Doe: 1 report")
    assert page.problems == []


def _analysed(server: str, articles: list[dict]) -> str:
    """The story id of ``articles`` submitted through the API and analysed."""
    reply = httpx.post(f"{server}/api/stories", headers={"Authorization": f"Bearer {TOKEN}"},
                       json={"articles": articles})
    assert reply.status_code == 202, reply.text
    deadline = time.monotonic() + 60
    while (job := httpx.get(server + reply.json()["status_url"]).json())["status"] not in ("done", "failed"):
        assert time.monotonic() < deadline
        time.sleep(0.3)
    assert job["status"] == "done", job
    return job["story_id"]


def test_web_links_into_an_article_whose_id_holds_a_percent_sign(server, page):
    """An article id is the client's (or a file's name): '50%' made the page's focus script throw URIError
    (decodeURIComponent of '%-0') on every link into that article."""
    story_id = _analysed(server, [
        {"id": "50%", "text": "The mayor of Springfield said on Monday that the old bridge will close for two weeks."},
        {"id": "b", "text": "Springfield Mayor Ann Lee announced on Monday that the river bridge closes for 14 days."}])
    page.goto(f"{server}/stories/{story_id}")
    link = page.locator('main a[href^="#s-50~25-"]').first  # the id's '%' written '~25' in the page's ids
    _follow(page, link)
    assert page.problems == []


def test_web_links_into_articles_whose_ids_a_browser_would_confuse(server, page):
    """Articles 'a b' and 'a%20b' had the sentence ids 's-a b-0' and 's-a%20b-0': the browser percent-encodes a
    link's fragment, so every link to the first took the focus to the second's sentence."""
    story_id = _analysed(server, [
        {"id": "a%20b", "text": "The mayor of Springfield said on Monday that the old bridge will close for two weeks."},
        {"id": "a b", "text": "Springfield Mayor Ann Lee announced on Monday that the river bridge closes for 14 days."}])
    page.goto(f"{server}/stories/{story_id}")
    links = page.locator('main a[href^="#s-"]')
    followed = {_follow(page, links.nth(n)) for n in range(links.count())}
    assert {"s-a~20b-0", "s-a~2520b-0"} <= followed
    assert page.problems == []


def test_web_form_takes_a_date_in_words_and_names_the_fieldset_at_fault(server, page):
    """The form's date field had an ISO-only pattern, so the browser refused '30 August 2010' the API reads; and an
    error about the third fieldset, with the second left empty, said 'article 2'."""
    page.goto(server + "/submit")
    page.fill("#token", TOKEN)
    page.fill("#text-1", "The mayor of Springfield said on Monday that the old bridge will close for two weeks.")
    page.fill("#text-3", "Too short.")
    page.click("button[type=submit]")
    page.wait_for_selector("#form-error")
    assert page.locator("#form-error").inner_text().startswith("article 3: too little text"), \
        page.locator("#form-error").inner_text()
    page.fill("#token", TOKEN)  # never written back into the page
    page.fill("#text-3", "")
    page.fill("#published-1", "30 August 2010")
    page.click("button[type=submit]")
    page.wait_for_url("**/jobs/*")
    page.wait_for_selector("#story-link")
    page.click("#story-link")
    page.wait_for_url("**/stories/*")
    assert "2010-08-30" in page.locator(".sources").inner_text()
    assert [p for p in page.problems if "422" not in p] == []  # the refused submission's answer, and nothing else


def test_web_form_takes_each_articles_author_and_keeps_it_on_a_failed_submit(server, page):
    """The form had no author field, though the API takes each article's ``author``: each fieldset has one, labelled,
    kept when the form comes back with an error, and carried into the story's article as the API's field is."""
    page.goto(server + "/submit")
    page.fill("#token", TOKEN)
    page.fill("#text-1", "The harbour master of Dunmore said on Tuesday that the east pier will reopen in May.")
    page.get_by_label("Author").nth(0).fill("  Mira Holt ")
    page.fill("#text-3", "Too short.")
    page.get_by_label("Author").nth(2).fill("Tomas Reyes")
    page.click("button[type=submit]")
    page.wait_for_selector("#form-error")
    assert page.locator("#form-error").inner_text().startswith("article 3: too little text")
    assert [page.locator(f"#author-{n}").input_value() for n in (1, 2, 3)] == ["  Mira Holt ", "", "Tomas Reyes"]
    page.fill("#token", TOKEN)
    page.fill("#text-3", "Dunmore's east pier, shut since the January storm, reopens in May, its harbour master said.")
    page.click("button[type=submit]")
    page.wait_for_url("**/jobs/*")
    page.wait_for_selector("#story-link")
    story_id = page.locator("#story-link").get_attribute("href").rsplit("/", 1)[-1]
    articles = httpx.get(f"{server}/api/stories/{story_id}").json()["articles"]
    assert {article["id"]: article["author"] for article in articles} == {"a1": "Mira Holt", "a3": "Tomas Reyes"}
    assert [p for p in page.problems if "422" not in p] == []


def test_web_story_list_links_to_older_stories_until_the_oldest(server, page):
    """The story list showed the newest 200 stories and no way to older ones: an "Older stories" link, the search
    kept, leads page by page to the oldest, and "Newest stories" back to the first page."""
    from storylens.models import Article, Dossier
    from storylens.store import Store

    with Store(_DATABASES[server]) as store:  # as many stories as two pages and some (saved as a batch saves them)
        for n in range(205):
            text = f"Ledger {n:03d}: the Quillon lighthouse keeper logged {n} ships passing on a calm night at sea."
            store.save_story(f"ledger-{n:03d}", [Article(id=f"q{n}", text=text, source="request[1]")], Dossier())
        stored = len(store.list_stories(limit=10_000))
    page.goto(server + "/")
    page.get_by_label("Search stories").fill("Quillon")
    page.get_by_label("Search stories").press("Enter")
    page.wait_for_url("**/?q=Quillon")
    listed = [page.locator("ul.stories li a").nth(n).get_attribute("href") for n in range(200)]
    page.get_by_role("link", name="Older stories").click()
    page.wait_for_url("**/?q=Quillon&cursor=*")
    assert page.locator("ul.stories li").count() == 5
    assert "5 older stories matching “Quillon”" in page.locator("#results-summary").inner_text()
    listed += [page.locator("ul.stories li a").nth(n).get_attribute("href") for n in range(5)]
    assert sorted(listed) == [f"/stories/ledger-{n:03d}" for n in range(205)]
    assert page.get_by_role("link", name="Older stories").count() == 0
    page.get_by_role("link", name="Newest stories").click()
    page.wait_for_url("**/?q=Quillon")
    # without a search, by the keyboard: every stored story is reached
    page.goto(server + "/")
    seen = page.locator("ul.stories li").count()
    while page.get_by_role("link", name="Older stories").count():
        page.get_by_role("link", name="Older stories").focus()
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert "?cursor=" in page.url
        seen += page.locator("ul.stories li").count()
    assert seen == stored >= 205
    assert page.problems == []


def test_web_job_page_says_what_a_job_reserved_for_another_server_waits_for(server, page):
    """A job reserved for another server process on the same database (which received its address with a user name
    and password) showed "Status: queued." and nothing more: the page says what it waits for and until when, its
    script follows the reservation as that process renews it, and the line goes once the job has run."""
    from datetime import UTC, datetime, timedelta

    from sqlalchemy import update

    from storylens.models import Article
    from storylens.store import Store
    from storylens.store.schema import jobs

    text = "The mayor of Springfield said on Monday that the old bridge will close for two weeks in the spring."
    with Store(_DATABASES[server]) as store:  # as a server on another host accepts it, holding the credentials
        job_id = store.submit_job([Article(id="x", text=text)], ["https://ed:hunter2@news.example/pier"],
                                  reserve_for="elsewhere:4242:live", reserve_seconds=3600)
        page.goto(f"{server}/jobs/{job_id}")
        waiting = page.locator("#job-waiting")
        assert waiting.is_visible() and waiting.inner_text().startswith("Waiting for the server process that received")
        assert page.locator("#job-status").inner_text() == "Status: queued."
        later = datetime.now(UTC) + timedelta(hours=2)
        with store._write("test") as conn:  # the other server renews the reservation: the page follows it
            conn.execute(update(jobs).where(jobs.c.id == job_id).values(reserved_until=later.isoformat()))
        page.wait_for_function("t => document.getElementById('job-waiting').textContent.includes(t)",
                               arg=f"until {later:%Y-%m-%d %H:%M:%S} UTC", timeout=30_000)
        with store._write("test") as conn:  # it stopped renewing it: the reservation lapses, this server runs the job
            conn.execute(update(jobs).where(jobs.c.id == job_id).values(reserved_until="2000-01-01T00:00:00+00:00"))
    page.wait_for_selector("#story-link", timeout=120_000)
    assert page.locator("#job-waiting").count() == 0
    assert "https://news.example/pier" in page.locator("main").inner_text()  # not fetched, said why
    assert page.problems == []


def test_web_report_fits_the_width_of_a_phone_and_of_many_sources(browser, roma_dossier):
    """A table's long words and many source columns had widened the whole page past the screen (the example's
    entity table 503 px on a 390 px phone; 25 sources' figure table 2,463 px on a 1,440 px screen), and so did a
    word longer than the screen anywhere: words now break where they must; the sources side by side scroll in
    their own box, and on a narrow screen so does each table (25 sources' tables on a 390 px phone: a column per
    source does not fit, however the words break)."""
    from storylens.models import ArticleInfo
    from storylens.report import render_html

    wide = roma_dossier.model_copy(deep=True)
    first = wide.articles[0]
    wide.articles = [ArticleInfo(**{**first.model_dump(), "id": f"{first.id}-{n}", "outlet": f"Outlet number {n}"})
                     for n in range(25)] + wide.articles
    # a word longer than the screen (an address, a run of characters) in a title, a text and the summary
    long_word = roma_dossier.model_copy(deep=True)
    word = "https://news.example/" + "x" * 300
    long_word.articles[0].title = word
    long_word.articles[0].text = long_word.articles[0].text.replace(" ", f" {word} ", 1)
    long_word.summary[0].text = word
    for dossier, width in ((roma_dossier, 390), (wide, 1440), (wide, 390), (long_word, 390)):
        context = browser.new_context(viewport={"width": width, "height": 800})
        page = context.new_page()
        page.set_content(render_html(dossier))
        sizes = page.evaluate("({scroll: document.documentElement.scrollWidth, "
                              "client: document.documentElement.clientWidth})")
        context.close()
        assert sizes["scroll"] <= sizes["client"], (width, sizes)


def test_web_pages_fit_a_phone_with_a_long_word_in_them(server, page):
    """A search for a 300-character word made the story list 1,939 px wide on a 390 px phone (its heading)."""
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(server + "/?q=" + "x" * 300)
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")


def test_web_chromium_is_debians(browser):
    assert browser.version  # the real browser answered
    assert shutil.which(CHROMIUM) or Path(CHROMIUM).exists()
