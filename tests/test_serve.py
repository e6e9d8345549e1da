"""The HTTP service in-process (real FastAPI app, real SQLite and PostgreSQL), through httpx's ASGI transport."""

from __future__ import annotations

import json
import re

import httpx
import pytest

from asgi import asgi_client, wait_for_job
from storylens.ingest import Fetcher

ROMA = "examples/roma-2010/002_be838537c08868b8.txt"


@pytest.fixture()
def app(make_app):
    return make_app(token="s3cret")


def _article(text, **extra):
    return {"id": "x", "text": text, "published": "2010-08-30", **extra}


@pytest.mark.anyio
async def test_serve_submit_analyse_and_read(app, example_dir):
    text = (example_dir / "002_be838537c08868b8.txt").read_text(encoding="utf-8")
    async with asgi_client(app, host="203.0.113.9") as client:
        reply = await client.post("/api/stories", json={"articles": [_article(text)]},
                                  headers={"Authorization": "Bearer s3cret"})
        assert reply.status_code == 202
        job = await wait_for_job(client, reply.json()["job_id"])
        assert job["status"] == "done", job
        story_id = job["story_id"]
        listing = (await client.get("/api/stories")).json()
        assert [s["id"] for s in listing] == [story_id]
        dossier = (await client.get(f"/api/stories/{story_id}")).json()
        assert any(e["name"] == "Eric Besson" for e in dossier["entities"])
        page = await client.get(f"/stories/{story_id}")
        assert page.status_code == 200 and "Who is who" in page.text
        assert story_id in (await client.get("/")).text


@pytest.mark.anyio
async def test_serve_reads_a_page_pasted_as_the_text_as_a_page(app, example_dir):
    body = (example_dir / "002_be838537c08868b8.txt").read_text(encoding="utf-8")
    paragraphs = "".join(f"<p>{p}</p>" for p in body.split("\n") if p.strip())
    html = ("<!doctype html><html><head><title>Roma camps: ministers meet</title>"
            "<meta property='og:site_name' content='Wirepost'><meta name='author' content='Ann Reed'></head>"
            f"<body><nav>Home | World</nav><article>{paragraphs}</article></body></html>")
    async with asgi_client(app, host="203.0.113.9") as client:
        reply = await client.post("/api/stories", json={"articles": [{"id": "p", "text": html}]},
                                  headers={"Authorization": "Bearer s3cret"})
        assert reply.status_code == 202
        job = await wait_for_job(client, reply.json()["job_id"])
        assert job["status"] == "done", job
        [article] = (await client.get(f"/api/stories/{job['story_id']}")).json()["articles"]
    assert "<p>" not in article["text"] and "Home | World" not in article["text"]
    assert article["text"].startswith(body.strip().split("\n")[0][:40])
    assert article["title"] == "Roma camps: ministers meet"
    assert article["author"] == "Ann Reed"  # the page's byline, as a page file gives it (it had been dropped)


@pytest.mark.anyio
async def test_serve_takes_an_articles_author_as_files_and_records_do(app, example_dir):
    """An article's byline (`author`), which a record or a manifest entry gives, had been refused with 422 ("unknown
    field"): it is carried into the dossier's article, over a pasted page's own byline."""
    text = (example_dir / "002_be838537c08868b8.txt").read_text(encoding="utf-8")
    other = next(example_dir.glob("000_*.txt")).read_text(encoding="utf-8")
    page = ("<!doctype html><html><head><title>Ministers meet</title><meta name='author' content='Page Byline'>"
            "</head><body><article>" + "".join(f"<p>{p}</p>" for p in other.split("\n") if p.strip())
            + "</article></body></html>")
    async with asgi_client(app, host="203.0.113.9") as client:
        reply = await client.post("/api/stories", headers={"Authorization": "Bearer s3cret"}, json={"articles": [
            _article(text, author="Ann Reed"), {"id": "p", "text": page, "author": "Bo Lindqvist"}]})
        assert reply.status_code == 202, reply.text
        job = await wait_for_job(client, reply.json()["job_id"])
        assert job["status"] == "done", job
        articles = (await client.get(f"/api/stories/{job['story_id']}")).json()["articles"]
        too_long = await client.post("/api/stories", headers={"Authorization": "Bearer s3cret"},
                                     json={"articles": [_article(text, author="A" * 257)]})
        schema = (await client.get("/openapi.json")).json()
    assert {a["id"]: a["author"] for a in articles} == {"x": "Ann Reed", "p": "Bo Lindqvist"}
    assert too_long.status_code == 422 and too_long.json()["detail"][0]["loc"][-1] == "author"
    assert "author" in schema["components"]["schemas"]["ArticleIn"]["properties"]


@pytest.mark.anyio
async def test_serve_story_does_not_list_the_inputs_another_submission_left_out(app):
    # one story, submitted twice: with a Spanish text beside its article, then alone with an unreachable address. The
    # inputs left out are each job's; the story's dossier and page had listed the first job's Spanish text to everyone
    # who opened it (and not the second job's address)
    ferry = ("The ferry to the island runs again from Monday, the harbour office said on Friday after the storm. "
             "Crews checked the pier and the landing stage over the weekend.")
    spanish = ("El transbordador a la isla vuelve a funcionar desde el lunes, dijo el viernes la oficina del puerto "
               "tras la tormenta. Las tripulaciones revisaron el muelle durante el fin de semana.")
    auth = {"Authorization": "Bearer s3cret"}
    async with asgi_client(app, host="203.0.113.9") as client:
        first = await client.post("/api/stories", json={"articles": [_article(ferry), _article(spanish, id="es")]},
                                  headers=auth)
        first_job = await wait_for_job(client, first.json()["job_id"])
        assert first_job["status"] == "done" and [s["stage"] for s in first_job["skipped"]] == ["language"]
        second = await client.post("/api/stories", json={"articles": [_article(ferry)],
                                                         "urls": ["http://10.0.0.1/ferry"]}, headers=auth)
        second_job = await wait_for_job(client, second.json()["job_id"])
        assert second_job["story_id"] == first_job["story_id"]
        assert [s["source"] for s in second_job["skipped"]] == ["http://10.0.0.1/ferry"]
        dossier = (await client.get(f"/api/stories/{first_job['story_id']}")).json()
        assert [a["id"] for a in dossier["articles"]] == ["x"]
        assert all(s["stage"] in ("warning", "parse", "extract") for s in dossier["skipped"])
        page = (await client.get(f"/stories/{first_job['story_id']}")).text
        assert "written in" not in page and "10.0.0.1" not in page


@pytest.mark.anyio
async def test_serve_articles_given_no_id_are_listed_in_the_order_given(app):
    """Articles submitted without ids were a1, a2... a10, a11, and the dossier, which lists a day's articles by id,
    put a10 and a11 between a1 and a2: they are numbered to one width (a01... a11), so they keep the order given."""
    places = ["Arnhem", "Breda", "Delft", "Emmen", "Gouda", "Hoorn", "Leiden", "Venlo", "Weert", "Zwolle", "Assen"]
    texts = [f"The council of {place} said on Monday that its harbour bridge would reopen to traffic in May after "
             f"repairs, the mayor of {place} told reporters." for place in places]
    async with asgi_client(app, host="203.0.113.9") as client:
        reply = await client.post("/api/stories", headers={"Authorization": "Bearer s3cret"}, json={
            "articles": [{"text": text, "published": "2021-03-01"} for text in texts]})
        job = await wait_for_job(client, reply.json()["job_id"])
        assert job["status"] == "done", job
        dossier = (await client.get(f"/api/stories/{job['story_id']}")).json()
    assert [a["id"] for a in dossier["articles"]] == [f"a{n:02d}" for n in range(1, 12)]
    assert [a["text"] for a in dossier["articles"]] == texts


@pytest.mark.anyio
async def test_serve_writes_need_the_token(app):
    async with asgi_client(app, host="127.0.0.1") as client:
        assert (await client.post("/api/stories", json={"articles": [_article("word " * 50)]})).status_code == 401
        wrong = {"Authorization": "Bearer nope"}
        assert (await client.post("/api/stories", json={"articles": [_article("word " * 50)]}, headers=wrong)).status_code == 401


@pytest.mark.anyio
async def test_serve_without_token_writes_from_loopback_only(make_app):
    app = make_app()
    async with asgi_client(app, host="198.51.100.7") as client:
        assert (await client.post("/api/stories", json={"articles": [_article("word " * 50)]})).status_code == 403
    async with asgi_client(app, host="127.0.0.1") as client:
        assert (await client.post("/api/stories", json={"articles": [_article("word " * 50)]})).status_code == 202


@pytest.mark.anyio
async def test_serve_refuses_large_requests(make_app):
    app = make_app(token="t", max_request_bytes=1000)
    async with asgi_client(app) as client:
        reply = await client.post("/api/stories", json={"articles": [_article("word " * 500)]},
                                  headers={"Authorization": "Bearer t"})
        assert reply.status_code == 413 and reply.json()["detail"].startswith("request larger than")
        # the form's texts over the limit: a page, as the form's other errors are (it had been raw JSON), with the
        # pages' headers; so with no declared length (streamed)
        form = {"text-1": "word " * 500}
        page = await client.post("/submit", data=form, headers={"Origin": "http://storylens.test"})
        async def chunks():
            yield b"text-1=" + b"word+" * 500

        streamed = await client.post("/submit", content=chunks(),
                                     headers={"Origin": "http://storylens.test",
                                              "Content-Type": "application/x-www-form-urlencoded"})
        for reply in (page, streamed):
            assert reply.status_code == 413 and reply.headers["content-type"].startswith("text/html"), reply.text
            assert "request larger than 1000 bytes" in reply.text and 'role="alert"' in reply.text
            assert "default-src 'none'" in reply.headers["content-security-policy"]
            assert reply.headers["x-content-type-options"] == "nosniff"


@pytest.mark.anyio
async def test_serve_refuses_an_article_over_the_character_limit_at_submission(make_app, db_settings):
    # the request is under the byte limit, but one article is over max_article_chars: refused now (413),
    # not accepted with a 202 and then skipped by the job
    app = make_app(token="t")
    text = "word " * (db_settings.max_article_chars // 5 + 10)
    async with asgi_client(app) as client:
        reply = await client.post("/api/stories", json={"articles": [_article(text)]},
                                  headers={"Authorization": "Bearer t"})
        assert reply.status_code == 413
        assert "article 1" in reply.json()["detail"] and "characters" in reply.json()["detail"]


@pytest.mark.anyio
async def test_serve_never_fetches_private_addresses(make_app):
    calls = []

    def handler(request):
        calls.append(str(request.url))
        return httpx.Response(200, text="<html><body><p>secret</p></body></html>")

    fetcher = Fetcher(transport=httpx.MockTransport(handler), allow_private=False,
                      resolver=lambda host: ["10.1.2.3"] if host == "intranet.example" else ["93.184.216.34"])
    app = make_app(token="t", fetcher=fetcher)
    async with asgi_client(app) as client:
        for url in ("http://127.0.0.1/admin", "http://169.254.169.254/latest/meta-data/", "http://intranet.example/"):
            reply = await client.post("/api/stories", json={"urls": [url]}, headers={"Authorization": "Bearer t"})
            job = await wait_for_job(client, reply.json()["job_id"])
            assert job["status"] == "failed"
            assert "refused" in job["skipped"][0]["reason"]
    assert calls == []


@pytest.mark.anyio
async def test_serve_fetches_a_url_given_with_surrounding_spaces(make_app):
    """A URL pasted with a space before it is accepted (202) and fetched as that URL, never looked up as a path."""
    calls = []
    body = "Minister Jane Doe said on Tuesday the bridge would stay closed until May, officials in the city said. " * 3

    def handler(request):
        calls.append(str(request.url))
        return httpx.Response(200, headers={"content-type": "text/plain"}, text=body)

    fetcher = Fetcher(transport=httpx.MockTransport(handler), allow_private=False, resolver=lambda host: ["93.184.216.34"])
    app = make_app(token="t", fetcher=fetcher)
    async with asgi_client(app) as client:
        reply = await client.post("/api/stories", json={"urls": ["  https://news.example/story \n"]},
                                  headers={"Authorization": "Bearer t"})
        assert reply.status_code == 202, reply.text
        job = await wait_for_job(client, reply.json()["job_id"])
        assert job["status"] == "done", job
        # a job queued with the spaces kept (by an earlier version) is fetched alike, nothing listed as refused
        queued = app.state.store.submit_job([], [" https://news.example/queued "])
        app.state.worker.notify()
        job = await wait_for_job(client, queued)
        assert job["status"] == "done" and job["skipped"] == [], job
    assert calls == ["https://news.example/story", "https://news.example/queued"]


@pytest.mark.anyio
async def test_serve_article_text_is_escaped_in_pages(app):
    text = ("Minister Jane Doe said <script>alert('x')</script> the budget was fine. The European Commission in "
            "Brussels said nothing about it on Tuesday, officials said.")
    async with asgi_client(app) as client:
        reply = await client.post("/api/stories", json={"articles": [_article(text, title="<b>t</b>")]},
                                  headers={"Authorization": "Bearer s3cret"})
        job = await wait_for_job(client, reply.json()["job_id"])
        page = await client.get(f"/stories/{job['story_id']}")
        assert "<script>alert" not in page.text and "&lt;script&gt;" in page.text


@pytest.mark.anyio
async def test_serve_refuses_local_paths_and_other_schemes(make_app, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("the server's own file, never to be read for a client. " * 5, encoding="utf-8")
    app = make_app(token="t")
    auth = {"Authorization": "Bearer t"}
    async with asgi_client(app) as client:
        for url in (str(secret), str(tmp_path), f"file://{secret}", "ftp://example.org/a", "javascript:alert(1)",
                    "http:///no-host"):
            reply = await client.post("/api/stories", json={"urls": [url]}, headers=auth)
            assert reply.status_code == 422, (url, reply.text)
        assert (await client.get("/api/stories")).json() == []


@pytest.mark.anyio
async def test_serve_refuses_an_address_whose_host_or_port_no_url_has(make_app):
    # "http://exa mple.com/" and "http://example.com:99999/" were accepted (202), and the job failed on them later
    # ("cannot resolve host 'exa mple.com'"); they are refused at submission, saying why, as a path or a file: URL is
    app = make_app(token="t")
    auth = {"Authorization": "Bearer t"}
    async with asgi_client(app) as client:
        for url, why in (("http://exa mple.com/", "its host"), ("http://quay%2Eexample/", "its host"),
                         ("http://quay.example:99999/", "its port"), ("https://quay.example:0/a", "its port"),
                         ("http://quay.example:8o/", "its port")):
            reply = await client.post("/api/stories", json={"urls": [url]}, headers=auth)
            assert reply.status_code == 422 and why in reply.text, (url, reply.text)
        assert (await client.get("/api/stories")).json() == []
        jobs = await client.post("/api/stories", json={"urls": ["http://quay.example:8080/a b?q=%20"]}, headers=auth)
        assert jobs.status_code == 202, jobs.text  # a space in its path is the path's to escape


def test_job_worker_skips_a_stored_path_without_reading_it(make_app, tmp_path):
    """Defence in depth: a job stored with a path (by an older server) is refused by the worker too."""
    secret = tmp_path / "secret.txt"
    secret.write_text("private words " * 20, encoding="utf-8")
    app = make_app(token="t")
    store, worker = app.state.store, app.state.worker
    job_id = store.submit_job([], [str(secret)])
    job = store.claim_job(worker.id)
    assert job is not None and job.id == job_id
    worker._analyse(job)
    job = store.get_job(job_id)
    assert job.status == "failed"
    assert [s["reason"] for s in job.skipped] == ["only http and https URLs are fetched"]


@pytest.mark.anyio
async def test_serve_control_characters_in_fields_are_dropped_or_refused_on_every_store(make_app):
    """A NUL in a title, outlet, id or URL is dropped (PostgreSQL cannot store one: the submission failed with
    500 there), one in the text or a URL to fetch is refused (422), wherever it stands in the text."""
    app = make_app(token="t")
    auth = {"Authorization": "Bearer t"}
    text = "Minister Jane Doe said the bridge would stay closed until May, officials in the city said on Monday. " * 2
    async with asgi_client(app) as client:
        sent = await client.post("/api/stories", headers=auth, json={"articles": [_article(
            text, id="x\u0000y", title="Bridge\u0000 closed", outlet="The\u001b Courier", url="https://e.org/\u0000a")]})
        assert sent.status_code == 202, sent.text
        job = await wait_for_job(client, sent.json()["job_id"])
        assert job["status"] == "done", job
        [article] = (await client.get(f"/api/stories/{job['story_id']}")).json()["articles"]
        assert (article["id"], article["title"], article["outlet"], article["url"]) == (
            "xy", "Bridge closed", "The Courier", "https://e.org/a")
        deep = await client.post("/api/stories", headers=auth, json={"articles": [_article(text * 50 + "\u0000")]})
        assert deep.status_code == 422 and "binary data" in deep.json()["detail"], deep.text
        url = await client.post("/api/stories", headers=auth, json={"urls": ["https://example.org/\u0000"]})
        assert url.status_code == 422 and "control character" in url.json()["detail"], url.text


@pytest.mark.anyio
async def test_serve_unpaired_surrogates_are_replaced_not_a_500(make_app):
    """JSON may carry an unpaired "\\ud800", which no UTF-8 encodes: the submission answered 500 (measuring the
    text in bytes, or storing it). It is read as U+FFFD, as a decoder reads a bad byte; in a URL it is refused."""
    app = make_app(token="t")
    auth = {"Authorization": "Bearer t"}
    text = "Minister Jane Doe said the bridge would stay closed until May, officials in the city said on Monday. " * 2
    raw = json.dumps({"articles": [{"text": text + "\\ud800 end", "title": "Bridge \\udfff", "published": "2010-08-30"}]})
    async with asgi_client(app) as client:
        sent = await client.post("/api/stories", headers={**auth, "Content-Type": "application/json"},
                                 content=raw.replace("\\\\u", "\\u"))
        assert sent.status_code == 202, sent.text
        job = await wait_for_job(client, sent.json()["job_id"])
        assert job["status"] == "done", job
        [article] = (await client.get(f"/api/stories/{job['story_id']}")).json()["articles"]
        assert article["text"].endswith("\ufffd end") and article["title"] == "Bridge \ufffd"
        url = await client.post("/api/stories", headers={**auth, "Content-Type": "application/json"},
                                content='{"urls": ["https://example.org/\\ud800"]}')
        assert url.status_code == 422, url.text


@pytest.mark.anyio
async def test_serve_database_failure_is_a_503_said_like_the_other_errors(make_app, monkeypatch):
    """A store that fails (down, locked, full) answers 503 {"detail"} on the API and an HTML page elsewhere, with
    Retry-After, not a text/plain 500, and without the driver's message (it can hold the request's text)."""
    from storylens.errors import StoreError

    app = make_app(token="t")
    store = app.state.store

    def broken(*args, **kwargs):
        raise StoreError("cannot save the submission in sqlite:///x: INSERT ... [parameters: {'text': 'SECRET'}]")

    for name in ("submit_job", "list_stories", "get_job", "load_dossier", "read_dossier"):
        monkeypatch.setattr(store, name, broken)
    async with asgi_client(app) as client:
        answers = [await client.post("/api/stories", json={"articles": [_article("word " * 50)]},
                                     headers={"Authorization": "Bearer t"}),
                   await client.get("/api/stories"), await client.get("/api/jobs/x"), await client.get("/api/stories/x")]
        for answer in answers:
            assert answer.status_code == 503 and answer.headers["retry-after"] == "30", answer.text
            assert answer.json() == {"detail": "the database is unavailable; try again later"}
        for path in ("/", "/stories/x", "/jobs/x"):
            page = await client.get(path)
            assert page.status_code == 503 and page.headers["content-type"].startswith("text/html"), path
            assert "the database is unavailable" in page.text and "SECRET" not in page.text
        schema = (await client.get("/openapi.json")).json()
        assert "503" in schema["paths"]["/api/stories"]["post"]["responses"]


@pytest.mark.anyio
async def test_serve_unexpected_error_is_a_500_said_like_the_other_errors(make_app, monkeypatch):
    app = make_app(token="t")

    def bug(*args, **kwargs):
        raise RuntimeError("SECRET internal state")

    monkeypatch.setattr(app.state.store, "list_stories", bug)
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as client:
        api = await client.get("/api/stories")
        assert api.status_code == 500 and list(api.json()) == ["detail"] and "SECRET" not in api.text
        page = await client.get("/")
        assert page.status_code == 500 and page.headers["content-type"].startswith("text/html")
        assert "SECRET" not in page.text


@pytest.mark.anyio
async def test_serve_a_nul_in_an_id_or_a_search_is_not_found_on_every_store(make_app):
    """PostgreSQL refuses a NUL in a query: /api/jobs/%00 must be a 404 as on SQLite, not a database error."""
    app = make_app(token="t")
    async with asgi_client(app) as client:
        for path in ("/api/jobs/a%00", "/api/stories/a%00", "/stories/a%00", "/jobs/a%00"):
            assert (await client.get(path)).status_code == 404, path
        for path in ("/api/stories?q=a%00b", "/?q=a%00b"):
            assert (await client.get(path)).status_code == 200, path


@pytest.mark.anyio
async def test_serve_a_search_is_bounded_as_the_web_page_bounds_it(make_app):
    """The web page cuts its search to 200 characters; the API refuses a longer one (422 naming q), as it does every
    other field over its bound, rather than scanning every text for it."""
    app = make_app(token="t")
    async with asgi_client(app) as client:
        assert (await client.get("/api/stories", params={"q": "h" * 200})).status_code == 200
        refused = await client.get("/api/stories", params={"q": "h" * 201})
        assert refused.status_code == 422 and refused.json()["detail"][0]["loc"][-1] == "q", refused.text
        assert (await client.get("/", params={"q": "h" * 5000})).status_code == 200  # the page cuts it


@pytest.mark.anyio
async def test_serve_refuses_bad_articles_up_front_with_short_messages(make_app):
    app = make_app(token="t")
    auth = {"Authorization": "Bearer t"}
    async with asgi_client(app) as client:
        empty = await client.post("/api/stories", json={"articles": [_article("  ")]}, headers=auth)
        assert empty.status_code == 422 and "too little text" in empty.json()["detail"]
        binary = await client.post("/api/stories", json={"articles": [_article("\u0000\u0001\u0002 data " * 30)]},
                                   headers=auth)
        assert binary.status_code == 422 and "binary data" in binary.json()["detail"], binary.text
        bad_date = await client.post("/api/stories", json={"articles": [_article("word " * 50, published="soon")]},
                                     headers=auth)
        assert bad_date.status_code == 422
        assert bad_date.json()["detail"].startswith("article 1: published") and "pydantic" not in bad_date.text
        written_out = await client.post("/api/stories", headers=auth, json={"articles": [
            _article("Minister Jane Doe said the bridge would stay closed until May. " * 3, published="June 19, 2010")]})
        assert written_out.status_code == 202, written_out.text
        many = await client.post("/api/stories", json={"articles": [_article("unique words here " * 20)] * 201},
                                 headers=auth)
        assert many.status_code == 422 and "unique words here" not in many.text  # the request is not echoed
        # a bad value is named, not echoed back whole (a 100,000-character date or address came back in full)
        for body in ({"articles": [_article("word " * 50, published="June " + "x" * 100_000)]},
                     {"articles": [_article("word " * 50, published="2010-" + "1" * 100_000)]},
                     {"urls": ["file:///" + "x" * 100_000]}):
            long = await client.post("/api/stories", json=body, headers=auth)
            assert long.status_code == 422 and len(long.text) < 400, len(long.text)


@pytest.mark.anyio
async def test_serve_missing_report_page_is_html(make_app):
    async with asgi_client(make_app(token="t")) as client:
        page = await client.get("/stories/nope")
        assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")
        assert "no such story" in page.text


@pytest.mark.anyio
async def test_serve_token_checked_before_the_body(make_app):
    async with asgi_client(make_app(token="t")) as client:
        reply = await client.post("/api/stories", json={"articles": "not a list"})
        assert reply.status_code == 401  # not a 422 describing the expected body
        reply = await client.post("/api/stories", json={"articles": "not a list"}, headers={"Authorization": "Bearer t"})
        assert reply.status_code == 422


# ------------------------------------------------------------- the API's contract (fields, order of checks, docs)


@pytest.mark.anyio
async def test_serve_refuses_unknown_fields_naming_them(app):
    auth = {"Authorization": "Bearer s3cret"}
    text = "City officials said on Tuesday that 1,200 residents were evacuated after a fire at the plant."
    async with asgi_client(app) as client:
        reply = await client.post("/api/stories", headers=auth, json={"articles": [
            {"text": text, "date": "2026-03-03", "source": "Wirepost", "headline": "Fire"}]})
        assert reply.status_code == 422
        issues = reply.json()["detail"]
        named = {issue["loc"][-1]: issue["msg"] for issue in issues}
        assert set(named) == {"date", "source", "headline"}
        assert all("unknown field" in msg for msg in named.values())
        assert issues[0]["loc"][:3] == ["body", "articles", 0]
        top = await client.post("/api/stories", headers=auth, json={"articles": [{"text": text}], "foo": 2})
        assert top.status_code == 422 and top.json()["detail"][0]["loc"] == ["body", "foo"]

        # JSON sent as text/plain (curl -d without its header) had been told "Input should be a valid dictionary"
        plain = await client.post("/api/stories", content=json.dumps({"articles": [{"text": text}]}),
                                  headers={**auth, "Content-Type": "text/plain"})
        assert plain.status_code == 422 and "Content-Type: application/json" in plain.json()["detail"][0]["msg"]
        assert "text/plain" in plain.json()["detail"][0]["msg"]
        listed = await client.post("/api/stories", headers=auth, json=[{"text": text}])  # JSON, but not an object
        assert listed.status_code == 422 and "Content-Type" not in listed.text


@pytest.mark.anyio
async def test_serve_checks_the_token_before_reading_the_body(app, make_app):
    malformed = {"content": b"{bad", "headers": {"Content-Type": "application/json"}}
    async with asgi_client(app) as client:
        reply = await client.post("/api/stories", **malformed)
        assert reply.status_code == 401 and reply.headers["www-authenticate"] == "Bearer"
        wrong = await client.post("/api/stories", content=b"{bad",
                                  headers={"Content-Type": "application/json", "Authorization": "Bearer nope"})
        assert wrong.status_code == 401
        assert (await client.post("/api/stories", json={"articles": [{"nope": 1}]})).status_code == 401
        right = await client.post("/api/stories", content=b"{bad",
                                  headers={"Content-Type": "application/json", "Authorization": "Bearer s3cret"})
        assert right.status_code == 422  # with the token, the body's fault is said
    async with asgi_client(make_app(), host="198.51.100.7") as client:  # no token configured: not from loopback
        assert (await client.post("/api/stories", **malformed)).status_code == 403


@pytest.mark.anyio
async def test_serve_openapi_documents_the_error_answers_and_the_dossier(app):
    async with asgi_client(app) as client:
        schema = (await client.get("/openapi.json")).json()
    paths = schema["paths"]
    expected = {
        ("/api/stories", "post"): {"202", "401", "403", "413", "422", "429"},
        ("/api/stories", "get"): {"200", "422", "429"},
        ("/api/jobs/{job_id}", "get"): {"200", "404", "429"},
        ("/api/stories/{story_id}", "get"): {"200", "404", "429"},
        ("/stories/{story_id}", "get"): {"200", "404", "429"},
    }
    for (path, method), codes in expected.items():
        responses = paths[path][method]["responses"]
        assert codes <= set(responses), (path, method, set(responses))
        for code in codes - {"200", "202"}:
            if path.startswith("/api/"):
                ref = responses[code]["content"]["application/json"]["schema"]["$ref"]
                assert ref == "#/components/schemas/Problem", (path, code)
    assert "HTTPValidationError" not in schema["components"]["schemas"]  # 422 sends Problem, as documented
    problem = schema["components"]["schemas"]["Problem"]["properties"]["detail"]
    assert {s.get("type") for s in problem["anyOf"]} == {"string", "array"}
    dossier = paths["/api/stories/{story_id}"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    assert dossier["$ref"] == "#/components/schemas/Dossier" and "Dossier" in schema["components"]["schemas"]
    assert "Retry-After" in paths["/api/stories"]["post"]["responses"]["429"]["headers"]


@pytest.mark.anyio
async def test_serve_semantic_422_matches_the_documented_problem(app):
    async with asgi_client(app) as client:
        reply = await client.post("/api/stories", json={"articles": []}, headers={"Authorization": "Bearer s3cret"})
        assert reply.status_code == 422 and isinstance(reply.json()["detail"], str)


@pytest.mark.anyio
async def test_serve_api_page_is_local_and_lists_the_endpoints(app):
    async with asgi_client(app) as client:
        page = await client.get("/docs")
        assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
        html = page.text
        assert "http://" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "") and "https://" not in html
        assert "<script" not in html and "cdn" not in html.lower()
        assert "``" not in html  # no docstring markup shown as it is ("``detail``" had been)
        # the parameters and fields say what they are, not their names again ("limit (query, integer)", "published:
        # Published" had been all a reader learnt of them)
        assert ("<code>limit</code> (query, integer, default 50): the newest stories listed, 1 to 500 (another value "
                "is refused: 422)") in html
        assert "30 August 2010" in html and "at most 200" in html and "at most 50" in html
        assert ">Published<" not in html and ">Urls<" not in html and ">Msg<" not in html
        assert "content-security-policy" in page.headers  # the pages' policy, no exception for the docs
        for endpoint in ("POST /api/stories", "GET /api/jobs/{job_id}", "GET /api/stories/{story_id}"):
            assert endpoint in html
        assert 'id="schema-ArticleIn"' in html and "<code>published</code>" in html and "refused (422)" in html
        assert (await client.get("/redoc")).status_code == 404
        assert (await client.get("/openapi.json")).status_code == 200
        assert 'href="/docs">API</a>' in (await client.get("/")).text


@pytest.mark.anyio
async def test_serve_answers_the_favicon_with_the_pages_icon(app):
    async with asgi_client(app, host="203.0.113.9") as client:
        reply = await client.get("/favicon.ico")
    assert reply.status_code == 200
    assert reply.headers["content-type"].startswith("image/svg+xml")
    assert b"<svg" in reply.content


def test_story_list_shows_when_to_the_minute_in_utc():
    from storylens.serve.pages import render_index

    page = render_index([{"id": "s1", "title": "A story", "articles": 2,
                          "created": "2026-03-01T23:59:58.123456+02:00"}], None)
    assert '<time datetime="2026-03-01T23:59:58.123456+02:00">2026-03-01 21:59 UTC</time>' in page
    assert ".123456<" not in page
    assert "not a time" in render_index([{"id": "s2", "title": "B", "articles": 1, "created": "not a time"}], None)


@pytest.mark.anyio
async def test_serve_story_list_page_links_to_older_stories_until_every_one_is_reached(app):
    """The story list showed the newest 200 stories and no way to the others (a search found some): its "Older
    stories" link carries the cursor of the page's last story, and the search, as the API's Link header does; the
    pages together list every story once, in the API's order; an address whose cursor is not one is refused."""
    from html import unescape

    from storylens.models import Article, Dossier

    store = app.state.store
    for n in range(403):
        words = "Kelloway" if n % 2 else "Tarrow"
        text = f"Harbour note {n:03d}: the ferry to {words} island sailed {n} minutes late on a grey morning."
        store.save_story(f"story-{n:03d}", [Article(id=f"h{n}", text=text, source="request[1]")], Dossier())

    async def follow(address: str) -> tuple[list[list[str]], list[str]]:
        """The stories of each page from ``address`` on, by its "Older stories" links, and the pages' texts."""
        pages, texts = [], []
        while address:
            answer = await client.get(address)
            assert answer.status_code == 200, answer.text
            pages.append(re.findall(r'href="/stories/(story-\d+)"', answer.text))
            texts.append(answer.text)
            older = re.search(r'<a id="older-stories" rel="next" href="([^"]+)">Older stories</a>', answer.text)
            address = unescape(older.group(1)) if older else None
        return pages, texts

    async with asgi_client(app, host="203.0.113.9") as client:
        pages, texts = await follow("/")
        searched, searched_texts = await follow("/?q=Kelloway")
        api = (await client.get("/api/stories?limit=500")).json()
        wrong = await client.get("/?cursor=nonsense")
    newest_first = [s["id"] for s in api]
    assert [len(page) for page in pages] == [200, 200, 3]
    assert [i for page in pages for i in page] == newest_first  # every story, once, in the API's order
    assert "More than 200 stories: the newest 200 are shown, newest first; older ones on the next page" in texts[0]
    assert "200 older stories, newest first; older ones on the next page." in texts[1]
    assert "3 older stories, newest first." in texts[2] and "Older stories</a>" not in texts[2]
    assert 'href="/">Newest stories</a>' in texts[2] and "Newest stories" not in texts[0]
    assert [len(page) for page in searched] == [200, 1]
    assert [i for page in searched for i in page] == [i for i in newest_first if int(i[-3:]) % 2]
    assert "More than 200 stories match “Kelloway”: the newest 200 are shown" in searched_texts[0]
    assert "1 older story matching “Kelloway”" in searched_texts[1]
    assert 'href="/?q=Kelloway">Newest stories</a>' in searched_texts[1]
    assert wrong.status_code == 422 and "not one of the story list&#x27;s pages" in wrong.text


@pytest.mark.anyio
async def test_serve_story_list_page_with_a_cursor_not_of_the_list_leads_back_to_its_search(app):
    """A page address whose cursor is none of the list's said "start again from the newest stories" and linked to
    every story, the search dropped: its link is the search's first page, escaped; the cursor is echoed nowhere."""
    async with asgi_client(app, host="203.0.113.9") as client:
        searched = await client.get("/", params={"q": 'pier "<b>" & 100%', "cursor": "<script>x</script>"})
        plain = await client.get("/", params={"cursor": "W10"})  # "[]": no cursor's shape
    assert searched.status_code == 422 and plain.status_code == 422
    assert ('<a href="/?q=pier+%22%3Cb%3E%22+%26+100%25">Back to the stories</a>' in searched.text)
    assert "<script>x" not in searched.text and "&lt;script&gt;x" not in searched.text
    assert '<a href="/">Back to the stories</a>' in plain.text


@pytest.mark.anyio
async def test_serve_story_list_pages_through_every_story_by_its_next_link(app):
    """`GET /api/stories` gave the newest `limit` (at most 500) and no way to the others: a Link header (rel="next")
    gives the next page's address, the same q and limit and a cursor, until the last page; a story saved meanwhile
    shifts no page (it is newer than them all); a cursor that is not one is a 422 saying so."""
    from storylens.models import Article, Dossier

    store = app.state.store

    def save(n: int, words: str) -> None:
        text = f"Note {n:03d}: the ferry to Kelloway island sailed {n} minutes late on a grey morning, {words}."
        store.save_story(f"story-{n:03d}", [Article(id=f"h{n}", text=text, source="request[1]")], Dossier())

    for n in range(7):
        save(n, "harbour" if n % 2 else "pier")
    newest_first = [s["id"] for s in store.list_stories(limit=100)]
    async with asgi_client(app, host="203.0.113.9") as client:
        pages, address = [], "/api/stories?limit=3"
        while address:
            answer = await client.get(address)
            assert answer.status_code == 200, answer.text
            pages.append([s["id"] for s in answer.json()])
            if len(pages) == 1:
                save(7, "pier")  # saved between two pages: it heads the list, and the next page is not shifted
            link = answer.headers.get("link")
            address = re.fullmatch(r'<(/api/stories\?[^>]+)>; rel="next"', link).group(1) if link else None
            assert address is None or "limit=3" in address
        searched, address = [], "/api/stories?q=harbour&limit=2"
        while address:
            answer = await client.get(address)
            searched.append([s["id"] for s in answer.json()])
            link = answer.headers.get("link")
            address = re.fullmatch(r"<([^>]+)>; .*", link).group(1) if link else None
            assert address is None or "q=harbour" in address
        last = await client.get("/api/stories?limit=10")
        bad = [await client.get(f"/api/stories?cursor={cursor}") for cursor in ("nonsense", "WzFd", "x" * 1001)]
        docs = (await client.get("/docs")).text
    assert [len(page) for page in pages] == [3, 3, 1]
    assert [i for page in pages for i in page] == newest_first  # each story once, in the list's order
    assert [i for page in searched for i in page] == [i for i in newest_first if int(i[-3:]) % 2]
    assert [len(page) for page in searched] == [2, 1]
    assert "link" not in last.headers and len(last.json()) == 8
    assert [answer.status_code for answer in bad] == [422, 422, 422]
    assert bad[0].json()["detail"].startswith("cursor: not a cursor of this list")
    assert bad[2].json()["detail"][0]["loc"] == ["query", "cursor"]
    assert "cursor" in docs and "rel=&quot;next&quot;" in docs


@pytest.mark.anyio
async def test_serve_story_list_pages_through_stories_saved_at_one_instant(app):
    """Stories of one `created` time (a batch's, or several servers' on one database) are ordered by id, and a page
    ends between two of them: the next page starts after its last one's id, each story listed once."""
    from storylens.models import Article, Dossier
    from storylens.store.schema import stories

    store = app.state.store
    ids = ["s-1", "s_1", "s.1", "S-2", "s1", "story a", "Story-b"]  # an order that collations disagree on
    for n, story_id in enumerate(ids):
        text = f"Note {n}: the ferry to Kelloway island sailed {n} minutes late on a grey morning."
        store.save_story(story_id, [Article(id=f"h{n}", text=text, source="request[1]")], Dossier())
    with store.engine.begin() as conn:
        conn.execute(stories.update().values(created="2026-12-07T00:00:00.000000+00:00"))
    listed = [s["id"] for s in store.list_stories(limit=100)]
    async with asgi_client(app, host="203.0.113.9") as client:
        for limit in (1, 2, 3):
            pages, address = [], f"/api/stories?limit={limit}"
            while address:
                answer = await client.get(address)
                pages += [s["id"] for s in answer.json()]
                link = answer.headers.get("link")
                address = re.fullmatch(r'<([^>]+)>; rel="next"', link).group(1) if link else None
            assert pages == listed, limit
    assert sorted(listed) == sorted(ids)


@pytest.mark.anyio
async def test_serve_story_list_at_the_largest_limit_links_to_the_next_page(app):
    """At limit=500, the largest, the list asked the store for 501 stories to know whether there is a next page, but
    the store was asked for 500 at most: 501 stories gave 500 and no Link header, and the 501st could not be reached
    by paging, the case the cursor was for."""
    from storylens.models import Article, Dossier

    store = app.state.store
    for n in range(501):
        text = f"Note {n:03d}: the ferry to Kelloway island sailed {n} minutes late on a grey morning."
        store.save_story(f"story-{n:03d}", [Article(id=f"h{n}", text=text, source="request[1]")], Dossier())
    async with asgi_client(app, host="203.0.113.9") as client:
        first = await client.get("/api/stories?limit=500")
        link = first.headers.get("link")
        assert len(first.json()) == 500 and link is not None, link
        second = await client.get(re.fullmatch(r'<(/api/stories\?[^>]+)>; rel="next"', link).group(1))
    assert [s["id"] for s in second.json()] == ["story-000"] and "link" not in second.headers


@pytest.mark.anyio
async def test_serve_story_list_refuses_a_limit_out_of_range_saying_the_range(app):
    """A limit over 500, under 1 or not a whole number was clamped (9999 listed 500) or refused in pydantic's words
    without the range: each is a 422 as the other bad parameters are ({loc, msg}), its message the range."""
    async with asgi_client(app, host="203.0.113.9") as client:
        refused = {limit: await client.get(f"/api/stories?limit={limit}")
                   for limit in ("9999", "501", "0", "-3", "ten", "2.5", "")}
        taken = [await client.get(f"/api/stories?limit={limit}") for limit in ("1", "500")]
        schema = (await client.get("/openapi.json")).json()
    for limit, answer in refused.items():
        assert answer.status_code == 422, limit
        assert answer.json() == {"detail": [{"loc": ["query", "limit"], "msg": "must be a whole number from 1 to 500 "
                                                                               "(the stories a page lists)"}]}, limit
    assert [answer.status_code for answer in taken] == [200, 200]
    [limit] = [p for p in schema["paths"]["/api/stories"]["get"]["parameters"] if p["name"] == "limit"]
    assert (limit["schema"]["minimum"], limit["schema"]["maximum"]) == (1, 500)
    assert "refused: 422" in limit["description"]


@pytest.mark.anyio
async def test_serve_a_story_whose_dossier_cannot_be_read_is_listed_as_such_and_says_why(make_app):
    """A stored dossier this version cannot read (damaged JSON, another schema): listed with the problem, and its
    pages answer 410 saying why, not 404 "no such story"; a readable story beside it is unaffected."""
    from sqlalchemy import update

    from storylens.models import Article, ArticleInfo, Dossier
    from storylens.store.schema import dossiers

    app = make_app(token="s3cret")
    store = app.state.store
    for story_id in ("good", "damaged", "other-schema"):
        article = Article(id=story_id, text=f"The council of {story_id} met on Monday to vote on the budget.")
        store.save_story(story_id, [article], Dossier(articles=[ArticleInfo.of(article)]))
    with store.engine.begin() as conn:
        conn.execute(update(dossiers).where(dossiers.c.story_id == "damaged").values(json='{"articles": [{"id"'))
        conn.execute(update(dossiers).where(dossiers.c.story_id == "other-schema")
                     .values(schema_version="9.0.0", json='{"schema_version": "9.0.0", "people": []}'))
    async with asgi_client(app, host="127.0.0.1") as client:
        listing = {s["id"]: s for s in (await client.get("/api/stories")).json()}
        assert set(listing) == {"good", "damaged", "other-schema"}
        assert (listing["good"]["readable"], listing["good"]["problem"]) == (True, None)
        assert listing["damaged"]["readable"] is False and "damaged" in listing["damaged"]["problem"]
        assert "schema 9.0.0" in listing["other-schema"]["problem"]
        assert "people" in listing["other-schema"]["problem"]
        index = (await client.get("/")).text
        assert index.count("cannot be shown") == 2

        assert (await client.get("/api/stories/good")).status_code == 200
        for story_id, why in (("damaged", "stored JSON is damaged"), ("other-schema", "dossier schema 9.0.0")):
            api = await client.get(f"/api/stories/{story_id}")
            assert api.status_code == 410
            assert why in api.json()["detail"] and "analyse its articles again" in api.json()["detail"]
            page = await client.get(f"/stories/{story_id}")
            assert page.status_code == 410 and why in page.text and "no such story" not in page.text
        missing = await client.get("/stories/nothing-here")
        assert missing.status_code == 404 and "no such story" in missing.text
    assert store.load_dossier("damaged") is None  # the pipeline's cache: analysed again, as before


@pytest.mark.anyio
async def test_serve_head_is_answered_as_get_without_a_body(make_app):
    """HEAD on every GET page and API route answers as GET would (status, type, length), with no body; before,
    FastAPI's GET-only routes answered 405."""
    app = make_app(token="s3cret")
    paths = ("/", "/?q=council", "/submit", "/docs", "/favicon.ico", "/openapi.json", "/api/health", "/api/stories",
             "/api/stories/nothing-here", "/stories/nothing-here", "/api/jobs/nothing-here", "/jobs/nothing-here")
    async with asgi_client(app, host="127.0.0.1") as client:
        for path in paths:
            get = await client.get(path)
            head = await client.head(path)
            assert head.status_code == get.status_code != 405, path
            assert head.headers.get("content-type") == get.headers.get("content-type"), path
            assert head.headers.get("content-length") == str(len(get.content)), path
            assert head.headers.get("content-security-policy") == get.headers.get("content-security-policy"), path
            assert head.content == b"", path
        assert (await client.get("/")).status_code == 200  # GET itself unchanged


@pytest.mark.anyio
async def test_serve_unknown_address_or_method_is_a_page_on_the_pages_and_json_on_the_api(make_app):
    """The router's own 404 and 405 follow the routes' rule: a page (with its security policy) at a page's address,
    {"detail"} under /api/ (before, a browser at a mistyped page address was answered raw JSON)."""
    async with asgi_client(make_app(), host="127.0.0.1") as client:
        for path in ("/storys/abc", "/stories/"):
            missing = await client.get(path)
            assert missing.status_code == 404 and missing.headers["content-type"].startswith("text/html"), path
            assert "no such page" in missing.text and "content-security-policy" in missing.headers
        wrong_method = await client.put("/submit")
        assert wrong_method.status_code == 405 and wrong_method.headers["content-type"].startswith("text/html")
        api_missing = await client.get("/api/storys")
        assert api_missing.status_code == 404 and api_missing.json() == {"detail": "Not Found"}
        api_method = await client.delete("/api/stories")
        assert api_method.status_code == 405 and api_method.json() == {"detail": "Method Not Allowed"}
        assert api_method.headers["allow"] == "GET, HEAD, POST"  # Starlette had named the first route's: POST


def test_form_returned_with_an_error_opens_more_articles_when_one_of_them_was_filled():
    """The form refilled after an error kept "More articles" closed, hiding the article its error named (article 5's
    text and date) from sight and from the keyboard's tab order."""
    from storylens.serve.pages import render_form

    later = render_form(csrf="c", token_configured=False, error="article 5: published: not a date with a year",
                        values={"text-5": "The quay wall will be rebuilt before the winter storms.", "published-5": "soon"})
    assert "<details open><summary>More articles</summary>" in later
    first = render_form(csrf="c", token_configured=False, error="article 1: too little text",
                        values={"text-1": "Short."})
    blank = render_form(csrf="c", token_configured=False)
    assert "<details><summary>More articles</summary>" in first and "<details><summary>More articles</summary>" in blank


def test_form_returned_with_an_error_marks_the_field_at_fault_and_links_to_it():
    """A keyboard or screen reader user heard the error but had to find the field: the date or text the error names
    is marked invalid, described by the error, and the error links to it."""
    from storylens.serve.pages import render_form

    dated = render_form(csrf="c", token_configured=False, error="article 2: published: not a date with a year: 'soon'",
                        values={"text-2": "The quay wall will be rebuilt before the winter storms.", "published-2": "soon"})
    assert re.search(r'<input type="text" id="published-2" [^>]*aria-invalid="true" aria-describedby="form-error"',
                     dated)
    assert '<a href="#published-2">Go to the field</a>' in dated
    assert dated.count('aria-invalid="true"') == 1
    short = render_form(csrf="c", token_configured=False, error="article 3: too little text to analyse (6 characters)",
                        values={"text-3": "Short."})
    assert re.search(r'<textarea id="text-3" [^>]*aria-invalid="true"', short) and 'href="#text-3"' in short
    other = render_form(csrf="c", token_configured=False, error="a valid bearer token is needed to write")
    assert "aria-invalid" not in other and "Go to the field" not in other


def test_job_page_lists_warnings_apart_from_the_inputs_not_analysed():
    """An article analysed without a date (a warning) was listed under "Inputs not analysed" on the job's page."""
    from storylens.serve.pages import render_job

    page = render_job({"id": "j1", "status": "done", "story_id": "s1", "skipped": [
        {"source": "request[1]", "stage": "warning", "reason": "analysed without a date: no date given"},
        {"source": "request[2]", "stage": "language", "reason": "written in 'fr'"}]})
    not_analysed = page.index("<h2>Inputs not analysed</h2>")
    warned = page.index("<h2>Inputs analysed with a warning</h2>")
    assert not_analysed < page.index("request[2]") < warned < page.index("request[1]")


def test_serve_refuses_to_start_with_a_language_no_article_can_be_in(tmp_path):
    # languages = ["xx"] had the server start, then skip every submitted article as not in that language
    from storylens.errors import ConfigError
    from storylens.serve import create_app
    from storylens.settings import Settings

    with pytest.raises(ConfigError, match="'xx' is no language the detector knows"):
        create_app(Settings.load(db_path=tmp_path / "s.sqlite3", languages=["en", "xx"]))


@pytest.mark.anyio
async def test_serve_story_list_refuses_a_cursor_that_names_no_time(app):
    """A cursor is a story's time and id: one whose time is no time (text that reads as a pair of strings, hand-made
    or garbled) was taken, and listed the stories "before" it in text order (all, or none), where a cursor that is
    not one is a 422 saying so."""
    import base64

    def cursor(value) -> str:
        return base64.urlsafe_b64encode(json.dumps(value).encode()).decode().rstrip("=")

    async with asgi_client(app, host="203.0.113.9") as client:
        refused = [await client.get(f"/api/stories?cursor={cursor(value)}")
                   for value in (["a", "b"], ["", "story-1"], ["9999", "story-1"], ["2026-12-07 later", "x"])]
        taken = await client.get(f"/api/stories?cursor={cursor(['2026-12-07T00:00:00.000000+00:00', 'story-1'])}")
    assert [answer.status_code for answer in refused] == [422] * 4
    assert all(answer.json()["detail"].startswith("cursor: not a cursor of this list") for answer in refused)
    assert taken.status_code == 200 and taken.json() == []
