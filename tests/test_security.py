"""The service's security rules, one test (or more) per rule, each failing without the rule.

In-process through httpx's ASGI transport (real app, real SQLite); URL fetching through
``httpx.MockTransport`` or a server on 127.0.0.1: nothing leaves the machine.
"""

from __future__ import annotations

import asyncio
import http.server
import re
import socket
import threading
import time

import httpcore
import httpx
import pytest

from storylens.errors import FetchError
from storylens.ingest import Fetcher
from storylens.serve import create_app
from storylens.serve.pages import CSRF_COOKIE, render_index, render_job
from storylens.serve.ratelimit import RateLimiter
from storylens.serve.security import is_loopback_host, same_origin

PUBLIC_IP = "93.184.216.34"
TEXT = ("Minister Jane Doe said on Tuesday that the new bridge would cost 12 million euros, and the city council "
        "approved it after a long debate.")


@pytest.fixture()
def make(settings, tmp_path):
    apps = []

    def build(**kwargs):
        overrides = kwargs.pop("settings", {})
        app = create_app(settings.model_copy(update={"db_path": tmp_path / "sec.sqlite3", **overrides}), **kwargs)
        apps.append(app)
        return app

    yield build
    for app in apps:
        app.state.close()


def client(app, host="127.0.0.1", base_url="http://storylens.test"):
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app, client=(host, 50000)), base_url=base_url)


def story(text=TEXT):
    return {"articles": [{"text": text, "published": "2010-08-30"}]}


AUTH = {"Authorization": "Bearer t0k"}


# --------------------------------------------------------------------------- rate limits


def test_ratelimit_bucket_burst_then_rate():
    now = [100.0]
    limiter = RateLimiter(per_minute=60, burst=3, clock=lambda: now[0])
    assert [limiter.acquire("a") for _ in range(3)] == [0.0, 0.0, 0.0]
    wait = limiter.acquire("a")
    assert wait == pytest.approx(1.0)  # one token a second
    assert limiter.acquire("b") == 0.0  # another client has its own bucket
    now[0] += 1.0
    assert limiter.acquire("a") == 0.0
    assert limiter.acquire("a") > 0


def test_ratelimit_memory_is_bounded():
    now = [0.0]
    limiter = RateLimiter(per_minute=60, burst=5, max_clients=100, clock=lambda: now[0])
    for n in range(1000):
        limiter.acquire(f"client-{n}")
    assert len(limiter) == 100  # the least recently used are forgotten
    now[0] += limiter.idle_after + 0.01  # long enough for every bucket to be full again
    limiter.acquire("new")
    assert len(limiter) == 1  # idle buckets are dropped: a new one behaves the same


def test_ratelimit_is_thread_safe():
    limiter = RateLimiter(per_minute=0.001, burst=50)  # no refill to speak of during the test
    granted = []

    def hammer():
        granted.extend(1 for _ in range(100) if limiter.acquire("same") == 0.0)

    threads = [threading.Thread(target=hammer) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(granted) == 50  # exactly the burst, never more


@pytest.mark.anyio
async def test_serve_rate_limit_429_with_retry_after(make):
    app = make(token="t0k", settings={"rate_limit_writes_per_minute": 6, "rate_limit_burst": 2,
                                      "rate_limit_reads_per_minute": 60, "rate_limit_read_burst": 3})
    async with client(app, host="203.0.113.5") as c:
        codes = [(await c.post("/api/stories", json=story(), headers=AUTH)).status_code for _ in range(3)]
        assert codes == [202, 202, 429]
        refused = await c.post("/api/stories", json=story(), headers=AUTH)
        assert refused.status_code == 429
        assert 1 <= int(refused.headers["retry-after"]) <= 10  # a token every 10 s
        reads = [(await c.get("/api/stories")).status_code for _ in range(4)]
        assert reads == [200, 200, 200, 429]  # reads have their own, looser bucket
        assert (await c.get("/api/health")).status_code == 200  # never limited
    async with client(app, host="203.0.113.6") as other:
        assert (await other.post("/api/stories", json=story(), headers=AUTH)).status_code == 202


@pytest.mark.anyio
async def test_serve_rate_limit_on_a_page_answers_a_page(make):
    # the pages answer their errors as pages: a reader over the limit on the story list, or a form sent once too
    # often, is shown a page saying when to try again, not raw JSON (the API keeps its {"detail"})
    app = make(token="t0k", settings={"rate_limit_writes_per_minute": 6, "rate_limit_burst": 1,
                                      "rate_limit_reads_per_minute": 60, "rate_limit_read_burst": 1})
    async with client(app, host="203.0.113.7") as c:
        assert (await c.get("/")).status_code == 200
        for path in ("/", "/?q=bridge", "/stories/nope", "/submit"):
            refused = await c.get(path)
            assert refused.status_code == 429, path
            assert refused.headers["content-type"].startswith("text/html"), path
            assert 1 <= int(refused.headers["retry-after"]) <= 2
            assert "content-security-policy" in refused.headers  # a page, with the pages' policy
            assert "retry after" in refused.text and "<h1>" in refused.text
        api = await c.get("/api/stories")
        assert api.status_code == 429 and api.json()["detail"].startswith("too many requests")
        assert (await c.post("/submit", data={"token": "t0k"})).status_code == 403  # the one write: no Origin
        form = await c.post("/submit", data={"token": "t0k"}, headers={"Origin": "http://storylens.test"})
        assert form.status_code == 429 and form.headers["content-type"].startswith("text/html")


# --------------------------------------------------------------------------- authorisation


@pytest.mark.anyio
async def test_serve_token_compared_safely_with_any_header_bytes(make):
    app = make(token="t0k")
    async with client(app) as c:
        reply = await c.post("/api/stories", json=story(), headers={"Authorization": "Bearer t\xe9k".encode("latin-1")})
        assert reply.status_code == 401  # not a 500 from comparing non-ASCII text


@pytest.mark.anyio
async def test_serve_without_token_refuses_browser_writes_from_other_origins(make):
    app = make()  # no token: loopback only
    base = "http://127.0.0.1:8000"
    async with client(app, host="127.0.0.1", base_url=base) as c:
        for origin in ("http://evil.example", "http://rebound.example:8000", "null"):
            reply = await c.post("/api/stories", json=story(), headers={"Origin": origin})
            assert reply.status_code == 403, origin
        # the server's own page on loopback may write; so may a program (no Origin)
        assert (await c.post("/api/stories", json=story(), headers={"Origin": base})).status_code == 202
        assert (await c.post("/api/stories", json=story())).status_code == 202
    # DNS rebinding: the page's origin and the Host both say rebound.example, the peer is loopback
    async with client(app, host="127.0.0.1", base_url="http://rebound.example:8000") as c:
        reply = await c.post("/api/stories", json=story(), headers={"Origin": "http://rebound.example:8000"})
        assert reply.status_code == 403


def test_loopback_host_names():
    assert all(is_loopback_host(h) for h in ("127.0.0.1", "localhost", "[::1]", "::ffff:127.0.0.1", "a.localhost"))
    assert not any(is_loopback_host(h) for h in ("10.0.0.1", "evil.example", "localhost.evil.example", "", None))


# --------------------------------------------------------------------------- sizes


@pytest.mark.anyio
async def test_serve_refuses_large_chunked_requests(make):
    app = make(token="t0k", max_request_bytes=1000)
    payload = httpx.Request("POST", "http://x", json=story("word " * 500)).content

    async def chunks():
        for n in range(0, len(payload), 100):
            yield payload[n:n + 100]

    async with client(app) as c:
        reply = await c.post("/api/stories", content=chunks(), headers={**AUTH, "Content-Type": "application/json"})
        assert reply.status_code == 413
        small = httpx.Request("POST", "http://x", json=story()).content

        async def small_chunks():
            yield small

        ok = await c.post("/api/stories", content=small_chunks(), headers={**AUTH, "Content-Type": "application/json"})
        assert ok.status_code == 202  # a chunked body under the limit is read whole


@pytest.mark.anyio
async def test_serve_refuses_articles_over_max_article_bytes(make):
    app = make(token="t0k", settings={"max_article_bytes": 500})
    async with client(app) as c:
        reply = await c.post("/api/stories", json=story("The council met again. " * 40), headers=AUTH)
        assert reply.status_code == 413 and "over 500 bytes" in reply.json()["detail"]


@pytest.mark.anyio
async def test_serve_holds_a_pasted_page_s_article_not_its_markup_to_max_article_bytes(make):
    # a page pasted as the text is read as a page file is: its markup (scripts, styles) up to fetch_max_bytes, its
    # article's text to max_article_bytes; before, the markup was held to max_article_bytes, so a page of a short
    # article with a big script was refused (413), and a page whose article was a few words was accepted, then
    # skipped by the job
    app = make(token="t0k", settings={"max_article_bytes": 600})
    article = "<p>The ferry to the island runs again from Monday, the harbour office said on Friday.</p>"
    script = "<script>var tracker = '" + "x" * 2000 + "';</script>"
    page = f"<!doctype html><html><head><title>Ferry</title>{script}</head><body><article>{article}</article></body></html>"
    async with client(app) as c:
        accepted = await c.post("/api/stories", json=story(page), headers=AUTH)
        assert accepted.status_code == 202, accepted.text
        long_article = page.replace(article, "".join(
            f"<p>Sailing {n} of the day leaves the quay at {n} o'clock and calls at the island pier.</p>"
            for n in range(1, 13)))
        refused = await c.post("/api/stories", json=story(long_article), headers=AUTH)
        assert refused.status_code == 413 and "over 600 bytes of text" in refused.json()["detail"]
        wordless = page.replace(article, "<p>Ferry.</p>")
        empty = await c.post("/api/stories", json=story(wordless), headers=AUTH)
        assert empty.status_code == 422
        assert empty.json()["detail"].startswith("article 1: the article of its page: too little text")
        moved = page.replace("<head>", '<head><meta http-equiv="refresh" content="0; url=https://ferry.example/news">')
        redirect = await c.post("/api/stories", json=story(moved), headers=AUTH)  # a redirect notice, not an article
        assert redirect.status_code == 422 and "a redirect page" in redirect.json()["detail"]
        assert "https://ferry.example/news" in redirect.json()["detail"]


# --------------------------------------------------------------------------- fetching


def test_fetch_total_time_limit_stops_a_slow_body():
    def drip():
        for _ in range(40):
            time.sleep(0.1)
            yield b"<p>slow</p>"

    fetcher = Fetcher(timeout=0.5, allow_private=False, resolver=lambda host: [PUBLIC_IP],
                      transport=httpx.MockTransport(lambda request: httpx.Response(200, content=drip())))
    started = time.monotonic()
    with pytest.raises(FetchError, match="within 0.5 s"):
        fetcher.fetch("http://slow.example/")
    assert time.monotonic() - started < 2.0  # not the 4 s the whole body takes


class _Server:
    """An HTTP server on 127.0.0.1 that records the requests it answers."""

    def __init__(self):
        self.hits = []
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802
                outer.hits.append((self.path, self.headers.get("Host")))
                body = b"<html><body><p>internal secret</p></body></html>"
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture()
def local_server():
    server = _Server()
    yield server
    server.close()


class _Recorder(httpcore.NetworkBackend):
    """A network that records where connections go; ``route`` maps an address to a real one (or refuses)."""

    def __init__(self, route):
        self.route = route
        self.asked = []
        self.real = httpcore.SyncBackend()

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        self.asked.append(host)
        target = self.route.get(host)
        if target is None:
            raise httpcore.ConnectError(f"test network: no route to {host}")
        return self.real.connect_tcp(target, port, timeout=timeout, socket_options=socket_options)


def test_fetch_connects_to_the_checked_address_not_a_rebound_one(local_server, monkeypatch):
    """DNS rebinding: the guard's lookup says public, the next lookup says 127.0.0.1.  The connection
    must go to the checked address, never resolve the name again."""
    real_getaddrinfo = socket.getaddrinfo

    def rebound(host, *args, **kwargs):
        if host == "rebind.example":
            return real_getaddrinfo("127.0.0.1", *args, **kwargs)
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", rebound)
    network = _Recorder(route={"127.0.0.1": "127.0.0.1"})  # the public address is unreachable here
    fetcher = Fetcher(timeout=2, allow_private=False, resolver=lambda host: [PUBLIC_IP], network_backend=network)
    with pytest.raises(FetchError, match="unreachable"):
        fetcher.fetch(f"http://rebind.example:{local_server.port}/admin")
    assert network.asked == [PUBLIC_IP]
    assert local_server.hits == []


def test_fetch_pinned_connection_keeps_the_host_name(local_server):
    network = _Recorder(route={PUBLIC_IP: "127.0.0.1"})  # stands in for the public server
    fetcher = Fetcher(timeout=2, allow_private=False, resolver=lambda host: [PUBLIC_IP], network_backend=network)
    fetched = fetcher.fetch(f"http://news.example:{local_server.port}/story")
    assert b"internal secret" in fetched.content
    assert network.asked == [PUBLIC_IP]
    assert local_server.hits == [("/story", f"news.example:{local_server.port}")]


def test_fetch_guard_ignores_proxy_settings(local_server, monkeypatch):
    monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{local_server.port}")
    monkeypatch.setenv("http_proxy", f"http://127.0.0.1:{local_server.port}")
    network = _Recorder(route={})
    fetcher = Fetcher(timeout=2, allow_private=False, resolver=lambda host: [PUBLIC_IP], network_backend=network)
    with pytest.raises(FetchError):
        fetcher.fetch("http://news.example/story")
    assert local_server.hits == []  # a proxy would resolve the name itself, past the guard


@pytest.mark.anyio
async def test_serve_refuses_redirect_to_metadata_address(make):
    calls = []

    def handler(request):
        calls.append(str(request.url))
        return httpx.Response(302, headers={"location": "http://169.254.169.254/latest/meta-data/"})

    fetcher = Fetcher(transport=httpx.MockTransport(handler), allow_private=False, resolver=lambda host: [PUBLIC_IP])
    app = make(token="t0k", fetcher=fetcher)
    async with client(app) as c:
        reply = await c.post("/api/stories", json={"urls": ["http://news.example/a"]}, headers=AUTH)
        job_id = reply.json()["job_id"]
        for _ in range(300):
            job = (await c.get(f"/api/jobs/{job_id}")).json()
            if job["status"] in ("done", "failed"):
                break
            await asyncio.sleep(0.1)
    assert job["status"] == "failed"
    assert "169.254.169.254" in job["skipped"][0]["reason"]
    assert calls == ["http://news.example/a"]  # the metadata address was never asked


# --------------------------------------------------------------------------- the web form


def test_same_origin_check():
    def scope(**headers):
        return {"type": "http", "scheme": "http", "headers": [(k.replace("_", "-").encode(), v.encode())
                                                               for k, v in {"host": "app.test:8000", **headers}.items()]}

    assert same_origin(scope(origin="http://app.test:8000"))[0]
    assert same_origin(scope(referer="http://app.test:8000/submit"))[0]
    assert not same_origin(scope(origin="http://evil.test"))[0]
    assert not same_origin(scope(origin="https://app.test:8000"))[0]
    assert not same_origin(scope(referer="http://app.test.evil.test/"))[0]
    assert not same_origin(scope())[0]  # neither header: refused
    assert not same_origin(scope(origin="http://app.test:8000", sec_fetch_site="cross-site"))[0]


async def _form(c):
    page = await c.get("/submit")
    assert page.status_code == 200
    csrf = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)
    return page, csrf


@pytest.mark.anyio
async def test_form_submission_needs_same_origin_and_csrf_token(make):
    app = make(token="t0k")
    own = "http://storylens.test"
    async with client(app) as c:
        page, csrf = await _form(c)
        assert c.cookies.get(CSRF_COOKIE) == csrf
        assert "samesite=strict" in page.headers["set-cookie"].lower()
        fields = {"csrf": csrf, "token": "t0k", "text-1": TEXT, "published-1": "2010-08-30"}
        assert (await c.post("/submit", data=fields)).status_code == 403  # no Origin, no Referer
        assert (await c.post("/submit", data=fields, headers={"Origin": "http://evil.example"})).status_code == 403
        wrong = await c.post("/submit", data={**fields, "csrf": "forged"}, headers={"Origin": own})
        assert wrong.status_code == 403 and "expired" in wrong.text
        bad_token = await c.post("/submit", data={**fields, "token": "nope"}, headers={"Origin": own})
        assert bad_token.status_code == 401 and 'role="alert"' in bad_token.text
        assert "nope" not in bad_token.text  # the token is never written back into the page
        assert TEXT in bad_token.text  # the rest of the form is kept
        ok = await c.post("/submit", data=fields, headers={"Origin": own})
        assert ok.status_code == 303 and ok.headers["location"].startswith("/jobs/")
        job_page = await c.get(ok.headers["location"])
        assert job_page.status_code == 200 and 'id="job-status"' in job_page.text
        many = await c.post("/submit", content="&".join(f"f{n}=x" for n in range(500)), headers={
            "Origin": own, "Content-Type": "application/x-www-form-urlencoded"})
        assert many.status_code == 400 and "more fields" in many.text  # not a 500
    async with client(app) as other:  # a cookie from another browser does not help
        other.cookies.set(CSRF_COOKIE, "mine")
        reply = await other.post("/submit", data={**fields, "csrf": csrf}, headers={"Origin": own})
        assert reply.status_code == 403


@pytest.mark.anyio
async def test_form_names_the_fieldset_at_fault_and_takes_dates_as_the_api_does(make):
    app = make(token="t0k")
    async with client(app) as c:
        page, csrf = await _form(c)
        assert 'pattern="' not in page.text  # the browser held back "30 August 2010", which the API reads
        fields = {"csrf": csrf, "token": "t0k", "text-1": TEXT, "published-1": "30 August 2010", "text-3": "Too short."}
        reply = await c.post("/submit", data=fields, headers={"Origin": "http://storylens.test"})
        assert reply.status_code == 422 and "article 3: too little text" in reply.text  # the API's 2nd, the form's 3rd
        reply = await c.post("/submit", data={**fields, "text-3": ""}, headers={"Origin": "http://storylens.test"})
        assert reply.status_code == 303


@pytest.mark.anyio
async def test_form_author_field_is_checked_and_kept_as_the_apis(make):
    """Each fieldset's author is the API's ``author``: one over its bound is refused in the API's words, the field
    marked at fault and its value kept; an author given without a text is said, not dropped unsaid."""
    app = make(token="t0k")
    async with client(app) as c:
        page, csrf = await _form(c)
        assert '<label for="author-6">Author' in page.text and 'name="author-6"' in page.text
        fields = {"csrf": csrf, "token": "t0k", "text-1": TEXT, "author-1": "A" * 300}
        long = await c.post("/submit", data=fields, headers={"Origin": "http://storylens.test"})
        assert long.status_code == 422 and "article 1: author: String should have at most 256 characters" in long.text
        assert re.search(r'id="author-1" name="author-1" value="A{300}" aria-invalid="true"', long.text)
        alone = await c.post("/submit", data={**fields, "author-1": "Ines Varga", "author-4": "Ola Berg"},
                             headers={"Origin": "http://storylens.test"})
        assert alone.status_code == 422
        assert "article 4: no text, though its author is given: paste its text, or clear that field" in alone.text
        assert "<details open>" in alone.text and 'value="Ines Varga"' in alone.text


@pytest.mark.anyio
async def test_form_marks_the_field_at_fault_for_an_article_and_for_an_address(make):
    app = make(token="t0k")
    async with client(app) as c:
        _, csrf = await _form(c)
        fields = {"csrf": csrf, "token": "t0k", "text-1": TEXT, "published-1": "soon"}
        reply = await c.post("/submit", data=fields, headers={"Origin": "http://storylens.test"})
        assert reply.status_code == 422
        assert re.search(r'id="published-1" [^>]*aria-invalid="true" aria-describedby="form-error"', reply.text)
        reply = await c.post("/submit", data={**fields, "published-1": "", "urls": "https://news.example/a\nftp://x.example/b"},
                             headers={"Origin": "http://storylens.test"})
        assert reply.status_code == 422 and "only http and https" in reply.text
        assert re.search(r'<textarea id="urls" [^>]*aria-invalid="true"', reply.text)
        assert '<a href="#urls">Go to the field</a>' in reply.text


@pytest.mark.anyio
async def test_form_without_token_configured_accepts_loopback_only(make):
    app = make()
    for host, expected in (("198.51.100.7", 403), ("127.0.0.1", 303)):
        async with client(app, host=host, base_url="http://127.0.0.1:8000") as c:
            _, csrf = await _form(c)
            reply = await c.post("/submit", data={"csrf": csrf, "text-1": TEXT},
                                 headers={"Origin": "http://127.0.0.1:8000"})
            assert reply.status_code == expected, host


# --------------------------------------------------------------------------- escaping and page headers


def test_pages_escape_everything_they_show():
    evil = "<script>alert(1)</script>"
    page = render_index([{"id": '"><img src=x onerror=alert(1)>', "title": evil, "articles": 2,
                          "created": evil}], evil)
    assert "<script>alert" not in page and "<img" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    job = render_job({"id": evil, "status": "failed", "error": evil, "skipped": [{"source": evil, "reason": evil}]})
    assert "<script>alert" not in job


@pytest.mark.anyio
async def test_pages_escape_search_query_and_form_values(make):
    app = make(token="t0k")
    async with client(app) as c:
        listing = await c.get("/", params={"q": '"><script>alert(1)</script>'})
        assert listing.status_code == 200 and "<script>alert" not in listing.text
        _, csrf = await _form(c)
        refill = await c.post("/submit", data={"csrf": csrf, "token": "nope", "text-1": "</textarea><script>x()</script>",
                                               "title-1": '"><script>y()</script>'},
                              headers={"Origin": "http://storylens.test"})
        assert refill.status_code == 401
        assert "<script>x()" not in refill.text and "<script>y()" not in refill.text


@pytest.mark.anyio
async def test_pages_have_a_content_security_policy_that_allows_only_their_own_scripts(make):
    app = make(token="t0k")
    async with client(app) as c:
        for path in ("/", "/submit"):
            reply = await c.get(path)
            csp = reply.headers["content-security-policy"]
            assert "default-src 'none'" in csp and "frame-ancestors 'none'" in csp and "unsafe-inline" not in \
                csp.split("script-src")[1].split(";")[0]
            assert reply.headers["x-content-type-options"] == "nosniff"
        api = await c.get("/api/stories")
        assert api.headers["x-content-type-options"] == "nosniff" and "content-security-policy" not in api.headers


@pytest.mark.anyio
async def test_form_refuses_an_article_given_a_title_or_date_but_no_text(make):
    # a fieldset with its title and date filled and its text not pasted was left out as an empty one: the story was
    # analysed without that report, and its fields were lost without a word
    app = make(token="t0k")
    async with client(app) as c:
        _, csrf = await _form(c)
        fields = {"csrf": csrf, "token": "t0k", "text-1": TEXT, "published-1": "2010-08-30",
                  "title-2": "Ministers meet on camps", "published-2": "2010-08-31"}
        reply = await c.post("/submit", data=fields, headers={"Origin": "http://storylens.test"})
        assert reply.status_code == 422
        assert "article 2: no text, though its date and title are given: paste its text" in reply.text
        assert re.search(r'<textarea id="text-2" [^>]*aria-invalid="true"', reply.text)
        assert 'value="Ministers meet on camps"' in reply.text  # the form comes back filled
        reply = await c.post("/submit", data={**fields, "title-2": "", "published-2": ""},
                             headers={"Origin": "http://storylens.test"})
        assert reply.status_code == 303


@pytest.mark.anyio
async def test_api_bounds_an_articles_one_line_fields(make):
    # an article's id is written in every span of the dossier and every sentence's anchor of the report: a
    # 100,000-character id made a 1.3 GB dossier of a 4 KB text in the worker's memory; the one-line fields are
    # bounded (id and outlet 256 characters, title 1,000, url and an address 4,096), 422 naming the field
    app = make(token="t0k")
    text = "The harbour board met on Tuesday and agreed to repair the old pier before winter, its chair said."
    auth = {"Authorization": "Bearer t0k"}
    async with client(app) as c:
        for field, size in (("id", 257), ("outlet", 257), ("title", 1_001), ("url", 4_097)):
            reply = await c.post("/api/stories", json={"articles": [{"text": text, field: "x" * size}]}, headers=auth)
            assert reply.status_code == 422, field
            [issue] = reply.json()["detail"]
            assert issue["loc"] == ["body", "articles", 0, field] and "at most" in issue["msg"]
        reply = await c.post("/api/stories", json={"urls": ["https://news.example/" + "a" * 4_100]}, headers=auth)
        assert reply.status_code == 422
        ok = await c.post("/api/stories", json={"articles": [{"text": text, "id": "x" * 256, "title": "t" * 1_000}]},
                          headers=auth)
        assert ok.status_code == 202
        # the form says which article and field, and marks it
        _, csrf = await _form(c)
        fields = {"csrf": csrf, "token": "t0k", "text-1": text, "text-2": text, "title-2": "t" * 1_001}
        reply = await c.post("/submit", data=fields, headers={"Origin": "http://storylens.test"})
        assert reply.status_code == 422 and "article 2: title: String should have at most 1000 characters" in reply.text
        assert re.search(r'id="title-2" [^>]*aria-invalid="true"', reply.text)
