"""Durable jobs of the service, in-process on SQLite and PostgreSQL: submissions committed before the
reply, duplicates stored once, jobs of a killed server finished on start-up, re-runs idempotent."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import threading
import time

import pytest
from sqlalchemy import update

from asgi import asgi_client, wait_for_job
from storylens.models import Article
from storylens.serve.jobs import JobWorker, dead_local_workers, local_host
from storylens.serve.pages import render_job
from storylens.store import Store
from storylens.store.schema import jobs

AUTH = {"Authorization": "Bearer t"}
TEXT = ("France's Interior Minister Brice Hortefeux said on Thursday that 79 Roma had been flown to "
        "Bucharest from Lyon, and that more flights would follow in September, officials in Paris said.")


@pytest.fixture()
def db_settings(db_settings):
    """No rate limits here: these tests submit and poll faster than a client is allowed to (tests/test_web*)."""
    db_settings.rate_limit_writes_per_minute = 0
    db_settings.rate_limit_reads_per_minute = 0
    return db_settings


def _target(settings):
    return settings.db_url or settings.db_path


def _dead_worker() -> str:
    """The worker id of a process of this host that has ended."""
    process = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                             text=True, check=True)
    return f"{local_host()}:{process.stdout.strip()}:test"


@pytest.mark.anyio
async def test_job_left_running_by_a_killed_server_is_finished_on_start(make_app, db_settings, example_dir):
    text = (example_dir / "002_be838537c08868b8.txt").read_text(encoding="utf-8")
    with Store(_target(db_settings)) as store:  # a server of this host accepted the job, claimed it, was killed
        job_id = store.submit_job([Article(id="x", text=text, published="2010-08-30")])
        assert store.claim_job(_dead_worker()).status == "running"  # its lease has not run out yet
    app = make_app(token="t")
    async with app.router.lifespan_context(app), asgi_client(app) as client:  # the server starts again
        job = await wait_for_job(client, job_id)
        assert job["status"] == "done" and job["attempts"] == 2, job
        dossier = (await client.get(f"/api/stories/{job['story_id']}")).json()
        assert any(e["name"] == "Eric Besson" for e in dossier["entities"])
    with Store(_target(db_settings)) as store:
        assert store.counts() == {"articles": 1, "stories": 1, "dossiers": 1}


@pytest.mark.anyio
async def test_same_article_twice_is_stored_and_analysed_once(make_app, db_settings):
    app = make_app(token="t")
    async with asgi_client(app) as client:
        ids = []
        for outlet in ("BBC", "BBC"):
            reply = await client.post("/api/stories", headers=AUTH,
                                      json={"articles": [{"id": "a", "text": TEXT, "outlet": outlet}]})
            assert reply.status_code == 202
            ids.append(reply.json()["job_id"])
        first, second = [await wait_for_job(client, i) for i in ids]
        assert first["status"] == second["status"] == "done"
        assert first["story_id"] == second["story_id"]
    store = app.state.store
    assert store.counts() == {"articles": 1, "stories": 1, "dossiers": 1}

    # killed after the dossier was saved but before the job was marked done: the re-run adds nothing
    app.state.worker.stop()
    with store._write("test") as conn:
        conn.execute(update(jobs).where(jobs.c.id == ids[1]).values(status="running", claimed_by="killed"))
    app.state.worker = worker = type(app.state.worker)(store, app.state.worker.pipeline)
    worker.start()
    deadline = time.monotonic() + 60
    while store.get_job(ids[1]).status != "done" and time.monotonic() < deadline:
        await asyncio.sleep(0.1)
    worker.stop()
    rerun = store.get_job(ids[1])
    assert rerun.status == "done" and rerun.attempts == 2 and rerun.story_id == first["story_id"]
    assert store.counts() == {"articles": 1, "stories": 1, "dossiers": 1}


@pytest.mark.anyio
async def test_concurrent_submissions_are_committed_before_the_reply(make_app):
    app = make_app(token="t")
    texts = [f"{TEXT} The report numbered {n} came from desk {n * 7}." for n in range(8)]
    async with asgi_client(app) as client:
        replies = await asyncio.gather(*[
            client.post("/api/stories", headers=AUTH, json={"articles": [{"id": f"r{k % 8}", "text": texts[k % 8]}]})
            for k in range(24)
        ])
        assert [r.status_code for r in replies] == [202] * 24
        store = app.state.store
        counts = store.job_counts()
        assert sum(counts.values()) == 24  # every accepted job is in the database when its reply comes
        assert store.counts()["articles"] == 8  # each text once
        finished = [await wait_for_job(client, r.json()["job_id"]) for r in replies]
    assert all(j["status"] == "done" for j in finished)
    assert len({j["story_id"] for j in finished}) == 8
    assert store.counts() == {"articles": 8, "stories": 8, "dossiers": 8}


@pytest.mark.anyio
async def test_a_job_held_by_a_live_worker_waits_for_its_lease_to_run_out(make_app, db_settings):
    with Store(_target(db_settings)) as store:  # a server on another host holds the job and renews its lease
        job_id = store.submit_job([Article(id="x", text=TEXT, published="2010-08-30")])
        assert store.claim_job("elsewhere:4242:live", lease_seconds=3600).status == "running"
    app = make_app(token="t")
    async with app.router.lifespan_context(app), asgi_client(app) as client:
        await asyncio.sleep(1.5)  # the worker has started and polled: the job is not taken from its holder
        job = (await client.get(f"/api/jobs/{job_id}", headers=AUTH)).json()
        assert (job["status"], job["attempts"]) == ("running", 1), job
        store = app.state.store
        with store._write("test") as conn:  # the other server stopped renewing: its lease runs out
            conn.execute(update(jobs).where(jobs.c.id == job_id).values(lease_until="2000-01-01T00:00:00+00:00"))
        app.state.worker._next_expiry_check = 0.0  # rather than wait half a lease for the next check
        job = await wait_for_job(client, job_id)
        assert job["status"] == "done" and job["attempts"] == 2, job


def test_dead_local_workers_are_this_hosts_ended_processes_only():
    from storylens.serve.jobs import dead_local_workers

    dead, host = _dead_worker(), local_host()
    alive = f"{host}:{os.getppid()}:parent"
    ours = JobWorker(None, None)  # another worker of this process, not stopped
    assert dead_local_workers({dead, alive, ours.id, "elsewhere:1:x", "killed"}) == [dead]


def test_a_job_held_under_this_pid_by_no_worker_of_this_process_is_an_earlier_servers():
    # a container's server is pid 1 at every start: a job its killed predecessor held under the same pid is queued
    # again at once, not left to its lease; a worker of this process keeps its job until it stops
    from storylens.serve.jobs import dead_local_workers

    earlier = f"{local_host()}:{os.getpid()}:killed0"
    ours = JobWorker(None, None)
    assert dead_local_workers({earlier, ours.id}) == [earlier]
    ours.stop()
    assert dead_local_workers({ours.id}) == [ours.id]
    ours.store, ours.pipeline = _NoJobs(), _NoModel()  # started again after its stop: its jobs are its own again
    ours.start()
    try:
        assert dead_local_workers({ours.id}) == []
    finally:
        ours.stop()


def test_a_worker_of_another_pid_namespace_given_this_host_name_is_not_judged_dead(monkeypatch):
    """Two containers given one host name (docker's --network host takes the host's, as a pod on the host network
    does) number their processes each in its own pid namespace: a server starting in one took the other's live
    worker for a process of this host that no longer runs (no such pid here), queued its running job again and
    released its reservations, so its job ran without the addresses whose credentials that worker held.  A worker
    id names its pid namespace; one of another is left to its lease and reservation."""
    real = os.readlink

    def in_namespace(number):
        return lambda path, *args, **kwargs: (f"pid:[{number}]" if str(path) == "/proc/self/ns/pid"
                                              else real(path, *args, **kwargs))

    gone = _dead_worker().split(":")[-2]  # a pid that no process of this namespace has
    monkeypatch.setattr(os, "readlink", in_namespace(4026532001))
    sibling = JobWorker(None, None)  # the other container's server, alive, under that pid in its own namespace
    sibling.stop()
    sibling_id = sibling.id.replace(f":{os.getpid()}:", f":{gone}:")
    monkeypatch.setattr(os, "readlink", in_namespace(4026532002))
    here = JobWorker(None, None)
    here.stop()
    ended_here = here.id.replace(f":{os.getpid()}:", f":{gone}:")  # a process of this namespace that ended
    assert sibling_id.split(":")[0] != ended_here.split(":")[0]
    assert dead_local_workers({sibling_id, ended_here}) == [ended_here]


class _NoModel:
    nlp = None


class _NoJobs:
    """A store with no job to recover or claim (for a worker started without a database)."""

    def requeue_running(self, **kwargs) -> int:
        return 0

    def running_holders(self) -> set[str]:
        return set()

    def reservation_holders(self) -> set[str]:
        return set()

    def release_reservations(self, workers) -> int:
        return 0

    def renew_reservations(self, *args, **kwargs) -> None:
        return None

    def claim_job(self, *args, **kwargs):
        return None


@pytest.mark.anyio
async def test_a_text_sent_again_in_other_case_or_spacing_is_analysed_as_sent(make_app):
    """The store keys a text by its content hash (blind to case and spacing): a job given a corrected copy of a
    stored text (its case or spacing fixed) was analysed with the first copy.  Each job analyses, and its dossier
    shows, the text it was sent; the text is still recognised as the same one (stored once)."""
    first = ("the harbour master, tomas elling, said on monday that the north pier would reopen in may, "
             "after repairs costing 2 million euros.")
    corrected = ("The harbour master, Tomas Elling, said on Monday  that the north pier would reopen in May, "
                 "after repairs costing 2 million euros.")
    app = make_app(token="t")
    async with asgi_client(app) as client:
        dossiers = []
        for text in (first, corrected):
            reply = await client.post("/api/stories", headers=AUTH, json={"articles": [{"id": "p", "text": text}]})
            job = await wait_for_job(client, reply.json()["job_id"])
            assert job["status"] == "done", job
            dossiers.append((await client.get(f"/api/stories/{job['story_id']}")).json())
    assert [d["articles"][0]["text"] for d in dossiers] == [first, corrected]
    assert dossiers[0]["articles"][0]["content_hash"] == dossiers[1]["articles"][0]["content_hash"]
    assert app.state.store.counts()["articles"] == 1


def test_a_job_record_keeps_no_url_credentials_and_a_restarted_server_says_it_cannot_fetch(db_settings, tmp_path):
    """A URL's user name and password were written into the job record (the database, and through it the job's
    page and JSON): the record keeps the address without them; the worker of the process that accepted the job
    fetches with them, and one without them (a restarted server) skips the address, saying why."""
    with Store(_target(db_settings)) as store:
        pipeline = type("P", (), {})()
        worker = JobWorker(store, pipeline)
        job_id = worker.submit([], ["https://editor:hunter2@news.example/pier", " https://news.example/open"])
        job = store.get_job(job_id)
        assert job.urls == ["https://news.example/pier", " https://news.example/open"]
        assert job.urls_with_credentials == [0]
        with store._read() as conn:
            assert "hunter2" not in repr(conn.execute(jobs.select()).all())
        fetch, refused = worker._addresses(job)
        assert fetch == ["https://editor:hunter2@news.example/pier", "https://news.example/open"] and refused == []

        restarted = JobWorker(store, pipeline)  # another process: the credentials were in the first one's memory
        fetch, refused = restarted._addresses(job)
        assert fetch == ["https://news.example/open"]
        assert [(s.source, s.stage) for s in refused] == [("https://news.example/pier", "ingest")]
        assert "user name and password" in refused[0].reason and "submit the address again" in refused[0].reason
        worker._finish(job, "failed", error="test")  # a job ended: its credentials are forgotten
        assert worker._addresses(job)[0] == ["https://news.example/open"]

        other = worker.submit([], ["https://ed:pw2@news.example/quay"])  # ended by another server
        with store._write("test") as conn:  # once their reservation for this worker lapsed
            conn.execute(update(jobs).values(reserved_until="2000-01-01T00:00:00+00:00"))
        for _ in range(2):  # (the first job, then this one)
            taken = store.claim_job("elsewhere:1:w")
            assert store.finish_job(taken.id, "elsewhere:1:w", "done")
        assert taken.id == other and other in worker._credentials
        worker._next_expiry_check = 0.0
        worker._requeue_expired()  # an idle worker's periodic check
        assert other not in worker._credentials


def test_a_job_with_credentials_is_left_to_the_process_holding_them_and_said_when_they_are_gone(db_settings):
    """Another server process on the same database claimed a queued job whose address's user name and password only
    the accepting process held, and ran it without that address, though the accepting process was there to fetch it:
    such a job is reserved for the worker that holds them while it runs (renewing it), other jobs are not; once that
    process is gone (its reservation released by a restarted server of its host, or lapsed), another server runs the
    job and names the address among the inputs not analysed, saying to submit it again with its credentials."""
    with Store(_target(db_settings)) as store:
        pipeline = type("P", (), {})()
        accepting, other = JobWorker(store, pipeline, lease_seconds=3), JobWorker(store, pipeline)
        held = accepting.submit([], ["https://ed:hunter2@news.example/pier"])
        plain = accepting.submit([], ["https://news.example/quay"])
        taken = store.claim_job(other.id)
        assert taken.id == plain  # the job without credentials is anyone's; the other is left to its holder
        assert store.claim_job(other.id) is None
        time.sleep(1.2)
        accepting._next_reservation_renewal = 0.0
        accepting._renew_reservations()  # its worker renews the reservation while it runs
        time.sleep(2.2)  # past the first reservation's end, within the renewed one
        assert store.claim_job(other.id) is None
        mine = store.claim_job(accepting.id)
        assert mine.id == held and accepting._addresses(mine) == (["https://ed:hunter2@news.example/pier"], [])
        assert store.finish_job(held, accepting.id, "queued")  # (as if interrupted, and queued again)

        # the accepting process ended: a server started on its host releases the reservation at once
        dead = _dead_worker()
        with store._write("test") as conn:
            conn.execute(update(jobs).where(jobs.c.id == held).values(reserved_for=dead))
        assert store.claim_job(other.id) is None
        assert store.release_reservations(dead_local_workers(store.reservation_holders())) == 1
        taken = store.claim_job(other.id)
        assert taken.id == held
        fetch, refused = other._addresses(taken)
        assert fetch == [] and [s.source for s in refused] == ["https://news.example/pier"]
        assert "not fetched" in refused[0].reason and "submit the address again with its user name and password" \
            in refused[0].reason
        assert "hunter2" not in repr(store.get_job(held))
        page = render_job({"id": held, "status": "done", "story_id": "s", "skipped": [refused[0].model_dump()]})
        assert "Inputs not analysed" in page and "https://news.example/pier" in page and "submit the address" in page


def test_two_servers_on_one_database_each_run_what_is_left_to_them(db_settings):
    """Two server processes' workers, each with its own store on one database, both running: the one that did not
    accept a job with an address's credentials leaves it while the accepting one lives (busy with another job past
    the first reservation, which it renews meanwhile), runs the jobs without credentials, and runs such a job once
    the accepting worker stops, naming the address as not fetched; the accepting worker runs its jobs with them."""
    ran = {}

    class Recording(JobWorker):
        def _analyse(self, job):
            fetch, refused = self._addresses(job)
            if any(url.endswith("/slow") for url in fetch):
                time.sleep(2.5)  # longer than a reservation of 1.5 s
            ran[job.id] = (self.id, fetch, [s.source for s in refused])
            self._finish(job, "done")

    def wait_for(condition, seconds=10.0):
        end = time.monotonic() + seconds
        while not condition() and time.monotonic() < end:
            time.sleep(0.05)
        return condition()

    with Store(_target(db_settings)) as accepting_store, Store(_target(db_settings)) as other_store:
        accepting = Recording(accepting_store, _NoModel(), poll_seconds=0.05, lease_seconds=1.5)
        other = Recording(other_store, _NoModel(), poll_seconds=0.05, lease_seconds=1.5)
        try:
            accepting.start()
            other.start()
            slow = accepting.submit([], ["https://ed:hunter2@news.example/slow"])
            assert wait_for(lambda: accepting_store.get_job(slow).status == "running")
            held = accepting.submit([], ["https://ed:hunter2@news.example/pier"])
            plain = [accepting.submit([], [f"https://news.example/{n}"]) for n in range(3)]
            assert wait_for(lambda: all(job in ran for job in plain))
            assert {ran[job][0] for job in plain} == {other.id}  # (the accepting worker busy)
            assert wait_for(lambda: held in ran and slow in ran)
            assert ran[slow] == (accepting.id, ["https://ed:hunter2@news.example/slow"], [])
            assert ran[held] == (accepting.id, ["https://ed:hunter2@news.example/pier"], [])

            accepting.stop()
            later = accepting.submit([], ["https://ed:hunter2@news.example/quay"])  # held by a stopped worker
            time.sleep(0.5)
            assert later not in ran and other_store.get_job(later).status == "queued"
            accepting.stop()  # it releases the reservation: the other runs the job without that address
            assert wait_for(lambda: later in ran, seconds=1.0)
            assert ran[later] == (other.id, [], ["https://news.example/quay"])
        finally:
            accepting.stop()
            other.stop()


def test_a_job_submitted_while_the_model_loads_stays_reserved_for_its_worker(db_settings):
    """The worker loads the model before it claims a job, and renewed no reservation meanwhile: a job with an
    address's credentials submitted as the server started lapsed after one lease when the model took longer to load,
    and another server ran it without that address.  The reservations are renewed while the model loads."""
    loaded = threading.Event()

    class SlowModel:
        @property
        def nlp(self):
            time.sleep(2.5)  # longer than a lease of 1.5 s
            loaded.set()

    with Store(_target(db_settings)) as store, Store(_target(db_settings)) as other_store:
        worker = JobWorker(store, SlowModel(), poll_seconds=0.05, lease_seconds=1.5)
        held = worker.submit([], ["https://ed:hunter2@news.example/pier"])
        worker.start()
        try:
            time.sleep(2.0)  # past the first reservation's end, the model still loading
            assert not loaded.is_set()
            assert other_store.claim_job("elsewhere:1:w") is None
        finally:
            worker.stop()
        assert other_store.claim_job("elsewhere:1:w").id == held  # (stopped: its reservation released)


def test_a_worker_that_lost_its_jobs_lease_still_renews_its_reservations(db_settings):
    """A worker whose lease on the job it runs was lost (another worker took the job) stopped renewing the
    reservations of its queued jobs with an address's credentials too, until that job ended here: they lapsed, and
    another server process on the same database ran them without their addresses.  The lost lease is no longer
    renewed; the reservations still are."""
    started, release, lost = threading.Event(), threading.Event(), threading.Event()
    ran = {}

    class Recording(JobWorker):
        def _analyse(self, job):
            fetch, refused = self._addresses(job)
            if any(url.endswith("/slow") for url in fetch):
                started.set()
                release.wait(60)
            ran[job.id] = (self.id, fetch, [s.source for s in refused])
            self._finish(job, "done")

    def wait_for(condition, seconds=30.0):
        end = time.monotonic() + seconds
        while not condition() and time.monotonic() < end:
            time.sleep(0.05)
        return condition()

    with Store(_target(db_settings)) as store, Store(_target(db_settings)) as other_store:
        renew_lease = store.renew_lease

        def renew_and_tell(*args, **kwargs):
            held = renew_lease(*args, **kwargs)
            if not held:
                lost.set()
            return held

        store.renew_lease = renew_and_tell
        worker = Recording(store, _NoModel(), poll_seconds=0.05, lease_seconds=1.5)
        try:
            worker.start()
            slow = worker.submit([], ["https://news.example/slow"])
            assert started.wait(30)
            held = worker.submit([], ["https://ed:hunter2@news.example/pier"])  # reserved for the worker
            with other_store._write("test") as conn:  # another worker took the running job (its lease lapsed)
                conn.execute(update(jobs).where(jobs.c.id == slow).values(claimed_by="elsewhere:1:w"))
            assert lost.wait(30)  # the worker found its lease lost, the job still in hand
            until = other_store.get_job(held).reserved_until
            assert wait_for(lambda: other_store.get_job(held).reserved_until > until)  # renewed since
            assert other_store.claim_job("elsewhere:2:w") is None  # so still left to the worker holding them
            assert other_store.get_job(held).reserved_for == worker.id
            release.set()
            assert wait_for(lambda: held in ran)
            assert ran[held] == (worker.id, ["https://ed:hunter2@news.example/pier"], [])
        finally:
            release.set()
            worker.stop()


@pytest.mark.anyio
async def test_a_url_with_credentials_is_fetched_with_them_and_stored_without(make_app):
    import base64

    import httpx

    from storylens.ingest import Fetcher

    sent = []
    body = "The harbour master said on Monday that the north pier would reopen in May after repairs, officials said. "

    def handler(request):
        sent.append(request.headers.get("authorization"))
        return httpx.Response(200, headers={"content-type": "text/plain"}, text=body * 3)

    fetcher = Fetcher(transport=httpx.MockTransport(handler), allow_private=False, resolver=lambda host: ["93.184.216.34"])
    app = make_app(token="t", fetcher=fetcher)
    async with asgi_client(app) as client:
        reply = await client.post("/api/stories", headers=AUTH, json={"urls": ["https://ed:hunter2@news.example/pier"]})
        job = await wait_for_job(client, reply.json()["job_id"])
        assert job["status"] == "done", job
        page = (await client.get(f"/jobs/{job['id']}")).text
    assert sent == ["Basic " + base64.b64encode(b"ed:hunter2").decode()]
    assert "hunter2" not in repr(job) and "hunter2" not in page
    with app.state.store._read() as conn:
        assert "hunter2" not in repr(conn.execute(jobs.select()).all())


@pytest.mark.anyio
async def test_a_skipped_submitted_article_is_named_by_its_number_and_title_or_address(make_app):
    """The job's page and JSON named a submitted article that was not analysed ``request[2]``, which no user
    knows: it is the form's and the errors' ``article 2``, with its title, else its address."""
    french = ("Le capitaine du port a déclaré lundi que la jetée nord rouvrirait en mai, après des travaux qui "
              "ont coûté deux millions d'euros, selon la mairie de la ville.")
    app = make_app(token="t")
    async with asgi_client(app) as client:
        reply = await client.post("/api/stories", headers=AUTH, json={"articles": [
            {"text": TEXT}, {"text": french, "title": "La jetée nord rouvre"},
            {"text": french + " Encore.", "url": "https://ed:hunter2@port.example/jetee"}]})
        job = await wait_for_job(client, reply.json()["job_id"])
        page = (await client.get(f"/jobs/{job['id']}")).text
    assert job["status"] == "done", job
    named = {s["source"] for s in job["skipped"] if s["stage"] == "language"}
    assert named == {'article 2 "La jetée nord rouvre"', "article 3 <https://port.example/jetee>"}
    assert "article 2 &quot;La jetée nord rouvre&quot;" in page and "request[" not in page


@pytest.mark.anyio
async def test_a_job_reserved_for_another_server_says_on_its_page_and_json_what_it_waits_for(make_app, db_settings):
    """A queued job reserved for the live server process that received its address with a user name and password
    (another process on the same database) showed "queued" and nothing more, however long it waited: its page and JSON
    say what it waits for, and until when (the reservation's end, UTC); once it no longer waits, nothing."""
    from datetime import UTC, datetime, timedelta

    from storylens.serve.jobs import reservation_wait

    with Store(_target(db_settings)) as store:  # accepted by a server on another host, which holds the credentials
        job_id = store.submit_job([Article(id="x", text=TEXT, published="2010-08-30")],
                                  ["https://ed:hunter2@news.example/pier"], reserve_for="elsewhere:4242:live",
                                  reserve_seconds=3600)
        until = store.get_job(job_id).reserved_until
    shown_until = f"{datetime.fromisoformat(until).astimezone(UTC):%Y-%m-%d %H:%M:%S} UTC"
    app = make_app(token="t")
    async with app.router.lifespan_context(app), asgi_client(app) as client:
        await asyncio.sleep(1.5)  # the worker has started and polled: the job is left to the process holding them
        job = (await client.get(f"/api/jobs/{job_id}")).json()
        assert job["status"] == "queued", job
        assert job["reserved_until"] == until, job
        assert job["waiting"].startswith("Waiting for the server process that received this job's address with a "
                                         "user name and password"), job
        assert f"until {shown_until}" in job["waiting"], job
        assert "elsewhere" not in repr(job) and "hunter2" not in repr(job)  # (no server's name, no password)
        page = (await client.get(f"/jobs/{job_id}")).text
        assert '<p id="job-waiting">Waiting for the server process that received this job&#x27;s address' in page
        assert f"until {shown_until}" in page and "Status: queued." in page

        store = app.state.store
        stored = store.get_job(job_id)
        assert reservation_wait(stored, now=datetime.fromisoformat(until) + timedelta(seconds=1)) is None  # (ended)
        with store._write("test") as conn:  # the other process stopped renewing: its reservation lapsed
            conn.execute(update(jobs).where(jobs.c.id == job_id).values(reserved_until="2000-01-01T00:00:00+00:00"))
        app.state.worker.notify()
        job = await wait_for_job(client, job_id)
        assert job["status"] == "done" and job["waiting"] is None and job["reserved_until"] is None, job
        page = (await client.get(f"/jobs/{job_id}")).text
    assert "job-waiting" not in page and "Waiting for" not in page
    assert [s["source"] for s in job["skipped"]] == ["https://news.example/pier"]


def test_submission_source_names_a_submitted_article_as_a_user_knows_it_and_no_file():
    from storylens.align.stories import article_origin
    from storylens.models import submission_source

    assert submission_source(4, "  Pier\nreopens ", "https://port.example/a") == 'article 4 "Pier reopens"'
    assert submission_source(1, None, " https://port.example/a ") == "article 1 <https://port.example/a>"
    assert submission_source(2) == "article 2"
    long = submission_source(3, "word " * 40)
    assert long.startswith('article 3 "word word') and long.endswith('…"') and len(long) < 100
    for source in ('article 4 "Pier reopens"', "article 2", "request[2]"):  # no file of that name is looked for
        assert article_origin(Article(id="x", text=TEXT, source=source)) == {}
    assert "file" in article_origin(Article(id="x", text=TEXT, source="article 2.txt"))


def test_credentials_are_kept_while_a_job_is_committed_and_while_its_end_is_not_recorded(db_settings):
    """An idle worker's periodic check forgot the credentials of a job being submitted (not in the database yet:
    "no such job" was read as ended), so the job, committed a moment later, skipped its address; and a worker that
    could not record a job's end had forgotten them, so the job, queued again and run here, skipped it too."""
    from storylens.errors import StoreError

    with Store(_target(db_settings)) as store:
        worker = JobWorker(store, type("P", (), {})())
        submit_job = store.submit_job

        def submit_while_checked(*args, **kwargs):
            worker._next_expiry_check = 0.0
            worker._requeue_expired()  # the worker thread's check, between holding the credentials and the commit
            return submit_job(*args, **kwargs)

        store.submit_job = submit_while_checked
        job_id = worker.submit([], ["https://ed:hunter2@news.example/pier"])
        store.submit_job = submit_job
        job = store.claim_job(worker.id)
        assert job.id == job_id
        assert worker._addresses(job) == (["https://ed:hunter2@news.example/pier"], [])

        finish_job = store.finish_job

        def unrecorded(*args, **kwargs):
            raise StoreError("the database is away")

        store.finish_job = unrecorded
        worker._finish(job, "failed", error="test")  # left running: it will be queued again
        assert worker._addresses(job) == (["https://ed:hunter2@news.example/pier"], [])
        store.finish_job = finish_job
        worker._finish(job, "done")
        assert worker._addresses(job)[0] == []  # recorded: forgotten


@pytest.mark.anyio
async def test_a_skipped_article_of_the_form_is_named_by_its_fieldset(make_app):
    """The form leaves its empty fieldsets out of what it sends: a skipped article was named by its place among
    those sent ("article 1" for the form's second fieldset, the first left empty), where an error at submission,
    and the form itself, number it by its fieldset."""
    import re

    french = ("Le capitaine du port a déclaré lundi que la jetée nord rouvrirait en mai, après des travaux qui "
              "ont coûté deux millions d'euros, selon la mairie de la ville.")
    app = make_app(token="t")
    async with asgi_client(app) as client:
        form = await client.get("/submit")
        csrf = re.search(r'name="csrf" value="([^"]+)"', form.text).group(1)
        sent = await client.post("/submit", data={"csrf": csrf, "token": "t", "text-2": french, "title-2": "La jetée",
                                                  "text-3": TEXT}, headers={"Origin": "http://storylens.test"})
        assert sent.status_code == 303, sent.text
        job = await wait_for_job(client, sent.headers["location"].rsplit("/", 1)[1])
        api = await client.post("/api/stories", headers=AUTH, json={"articles": [{"text": french, "title": "La jetée"},
                                                                                 {"text": TEXT}]})
        by_api = await wait_for_job(client, api.json()["job_id"])
    assert job["status"] == "done", job
    assert {s["source"] for s in job["skipped"] if s["stage"] == "language"} == {'article 2 "La jetée"'}
    assert {s["source"] for s in by_api["skipped"] if s["stage"] == "language"} == {'article 1 "La jetée"'}
