"""Benchmark: many clients submitting at once to ``storylens serve``: nothing lost, nothing twice.

Run: .venv/bin/python bench/serve_load.py [--clients 50] [--articles 1000] [--per-story 4]

Starts the real server as a subprocess on 127.0.0.1 (a free port, a temporary database, a
write token, the rate limits given here), then ``--clients`` concurrent clients (asyncio +
httpx) submit ``--articles`` distinct articles, ``--per-story`` to a submission, made from
the example story's texts with their sentences, numbers and names varied so that no two
are alike; a few submissions repeat earlier articles on purpose (``--duplicates``).  A
client answered 429 waits the ``Retry-After`` it is given and tries again.  Then every job
is followed to its end, and the store is opened and checked:

- none lost: every accepted submission's job is ``done`` and every distinct article's text
  is in the store;
- none duplicated: the store holds exactly as many articles as distinct texts were sent;
- no error response but 429.

Prints throughput, latency percentiles and the 429 count; exits 1 when a check fails.
Loopback only, bounded in count (the arguments) and time (``--max-seconds``); it stops the
server itself.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from storylens import Settings  # noqa: E402
from storylens.models import Article  # noqa: E402
from storylens.store import Store  # noqa: E402

HOST = "127.0.0.1"  # loopback only, by design
TOKEN = "load-benchmark"
CITIES = ["Lyon", "Marseille", "Nantes", "Lille", "Toulouse", "Bordeaux", "Grenoble", "Rennes", "Dijon", "Metz",
          "Brussels", "Bucharest", "Sofia", "Cluj", "Varna", "Timisoara", "Iasi", "Plovdiv", "Ghent", "Liege"]
NAMES = ["Anne Martin", "Paul Girard", "Ioana Popescu", "Dimitar Ivanov", "Claire Dubois", "Mihai Stan",
         "Elena Petrova", "Luc Bernard", "Sofia Georgieva", "Marc Lefevre"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def sentences_of(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+(?=[A-Z\"“])", text) if len(s.strip()) > 30]


def make_articles(count: int, seed: int = 8) -> list[dict]:
    """``count`` distinct articles (API records) from the example texts, sentences and figures varied."""
    rng = random.Random(seed)
    bases = [sentences_of(p.read_text(encoding="utf-8")) for p in sorted((ROOT / "examples" / "roma-2010").glob("*.txt"))]
    articles = []
    for n in range(count):
        base = bases[n % len(bases)]
        start = rng.randrange(0, max(1, len(base) - 5))
        body = base[start:start + 5]
        rng.shuffle(body)
        body = [re.sub(r"\d[\d,]*", lambda m: f"{int(m.group().replace(',', '')) + rng.randint(1, 97):,}", s)
                for s in body]
        city, name, day = rng.choice(CITIES), rng.choice(NAMES), rng.choice(DAYS)
        lead = (f"In {city} on {day}, {name} said that {n + 3:,} people had signed a petition about the "
                f"expulsions, report number {n + 1} of the series.")
        articles.append({"id": f"load-{n}", "text": " ".join([lead, *body]),
                         "published": f"2010-{8 + n % 2:02d}-{1 + n % 28:02d}", "outlet": f"Outlet {n % 17}",
                         "title": f"{city}: petition on the expulsions ({n + 1})"})
    return articles


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))]


class Stats:
    def __init__(self) -> None:
        self.accepted: list[tuple[list[dict], str]] = []  # (articles, job id)
        self.latency: list[float] = []  # successful POSTs
        self.with_retries: list[float] = []  # from the first try to acceptance
        self.limited = 0
        self.errors: list[str] = []


async def submitter(client: httpx.AsyncClient, queue: asyncio.Queue, stats: Stats, deadline: float) -> None:
    while True:
        try:
            batch = queue.get_nowait()
        except asyncio.QueueEmpty:
            return
        first = time.perf_counter()
        while time.monotonic() < deadline:
            sent = time.perf_counter()
            try:
                reply = await client.post("/api/stories", json={"articles": batch},
                                          headers={"Authorization": f"Bearer {TOKEN}"})
            except httpx.HTTPError as exc:
                stats.errors.append(f"POST: {type(exc).__name__}: {exc}")
                break
            if reply.status_code == 429:
                stats.limited += 1
                await asyncio.sleep(float(reply.headers.get("retry-after", "1")))
                continue
            if reply.status_code != 202:
                stats.errors.append(f"POST: HTTP {reply.status_code}: {reply.text[:200]}")
                break
            now = time.perf_counter()
            stats.latency.append(now - sent)
            stats.with_retries.append(now - first)
            stats.accepted.append((batch, reply.json()["job_id"]))
            break
        else:
            stats.errors.append("POST: gave up at the time limit")


async def get_json(client: httpx.AsyncClient, path: str, stats: Stats):
    while True:
        reply = await client.get(path)
        if reply.status_code == 429:
            stats.limited += 1
            await asyncio.sleep(float(reply.headers.get("retry-after", "1")))
            continue
        if reply.status_code != 200:
            stats.errors.append(f"GET {path}: HTTP {reply.status_code}")
            return None
        return reply.json()


async def run(args, base: str) -> tuple[Stats, dict, float, float]:
    distinct = make_articles(args.articles)
    batches = [distinct[i:i + args.per_story] for i in range(0, len(distinct), args.per_story)]
    rng = random.Random(1)
    for _ in range(args.duplicates):  # earlier articles again, under other ids: stored once
        again = [dict(a, id=f"{a['id']}-again") for a in rng.sample(distinct, 2)]
        batches.insert(rng.randrange(len(batches)), again)
    queue: asyncio.Queue = asyncio.Queue()
    for batch in batches:
        queue.put_nowait(batch)
    stats = Stats()
    deadline = time.monotonic() + args.max_seconds
    limits = httpx.Limits(max_connections=args.clients, max_keepalive_connections=args.clients)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60) as client:
        started = time.perf_counter()
        await asyncio.gather(*(submitter(client, queue, stats, deadline) for _ in range(args.clients)))
        submitted = time.perf_counter() - started
        jobs: dict[str, dict] = {}
        pending = [job_id for _, job_id in stats.accepted]
        while pending and time.monotonic() < deadline:
            still = []
            for job_id in pending:
                job = await get_json(client, f"/api/jobs/{job_id}", stats)
                if job is None:
                    continue
                if job["status"] in ("done", "failed"):
                    jobs[job_id] = job
                else:
                    still.append(job_id)
            pending = still
            if pending:
                await asyncio.sleep(1.0)
        finished = time.perf_counter() - started
        if pending:
            stats.errors.append(f"{len(pending)} jobs not finished within {args.max_seconds} s")
    return stats, jobs, submitted, finished


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--per-story", type=int, default=4, help="articles to a submission")
    parser.add_argument("--duplicates", type=int, default=10, help="extra submissions of 2 already sent articles")
    parser.add_argument("--writes-per-minute", type=float, default=600, help="the server's write rate limit")
    parser.add_argument("--burst", type=int, default=20, help="the server's write burst")
    parser.add_argument("--reads-per-minute", type=float, default=6000)
    parser.add_argument("--max-seconds", type=float, default=1200, help="give up after this long")
    args = parser.parse_args()
    if not (1 <= args.clients <= 200 and 1 <= args.articles <= 20_000):
        parser.error("keep it bounded: 1-200 clients, 1-20,000 articles")

    with tempfile.TemporaryDirectory(prefix="storylens-load-") as tmp:
        db = Path(tmp) / "load.sqlite3"
        port = free_port()
        env = {k: v for k, v in os.environ.items() if not k.startswith("STORYLENS_")}
        env.update(STORYLENS_TOKEN=TOKEN, STORYLENS_RATE_LIMIT_WRITES_PER_MINUTE=str(args.writes_per_minute),
                   STORYLENS_RATE_LIMIT_BURST=str(args.burst),
                   STORYLENS_RATE_LIMIT_READS_PER_MINUTE=str(args.reads_per_minute),
                   STORYLENS_RATE_LIMIT_READ_BURST=str(max(args.clients * 2, 100)))
        log_path = Path(tmp) / "server.log"
        with open(log_path, "w") as log:
            server = subprocess.Popen([sys.executable, "-m", "storylens", "serve", "--host", HOST, "--port", str(port),
                                       "--db", str(db)], cwd=tmp, env=env, stdout=log, stderr=subprocess.STDOUT)
            base = f"http://{HOST}:{port}"
            try:
                for _ in range(300):
                    try:
                        if httpx.get(f"{base}/api/health", timeout=1).status_code == 200:
                            break
                    except httpx.HTTPError:
                        time.sleep(0.2)
                    if server.poll() is not None:
                        break
                else:
                    raise SystemExit("the server did not start")
                if server.poll() is not None:
                    raise SystemExit("the server stopped:\n" + log_path.read_text())
                stats, jobs, submitted, finished = asyncio.run(run(args, base))
            finally:
                server.terminate()
                try:
                    server.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    server.kill()

        sent = {}
        for batch, _ in stats.accepted:
            for record in batch:
                article = Article(id=record["id"], text=record["text"])
                sent[article.content_hash] = record
        store = Store.open(Settings.load(db_path=db))
        try:
            stored = store.counts()["articles"]
            missing = [h for h in sent if store.article_text(h) is None]
        finally:
            store.close()

    done = sum(1 for j in jobs.values() if j["status"] == "done")
    failed = [j for j in jobs.values() if j["status"] != "done"]
    submissions = len(stats.accepted)
    total_articles = sum(len(b) for b, _ in stats.accepted)
    print(f"clients {args.clients}, submissions accepted {submissions} ({total_articles} articles, "
          f"{len(sent)} distinct), rate limit {args.writes_per_minute:g} writes/min burst {args.burst}")
    print(f"submission phase: {submitted:.1f} s, {submissions / submitted:.1f} submissions/s, "
          f"{total_articles / submitted:.1f} articles/s accepted")
    print(f"accepted POST latency: p50 {percentile(stats.latency, 50) * 1000:.1f} ms, "
          f"p95 {percentile(stats.latency, 95) * 1000:.1f} ms, p99 {percentile(stats.latency, 99) * 1000:.1f} ms, "
          f"max {max(stats.latency, default=0) * 1000:.1f} ms")
    print(f"first try to acceptance (with 429 waits): p50 {percentile(stats.with_retries, 50):.2f} s, "
          f"p95 {percentile(stats.with_retries, 95):.2f} s, mean {statistics.fmean(stats.with_retries or [0]):.2f} s")
    print(f"429 answers: {stats.limited}; other errors: {len(stats.errors)}")
    print(f"all jobs finished after {finished:.1f} s: {done} done, {len(failed)} not; "
          f"{len(sent) / finished:.1f} distinct articles/s end to end")
    print(f"store: {stored} articles for {len(sent)} distinct texts sent; missing {len(missing)}")
    problems = list(stats.errors[:5])
    if failed:
        problems.append(f"{len(failed)} jobs failed, e.g. {failed[0]}")
    if len(jobs) != submissions:
        problems.append(f"{submissions - len(jobs)} accepted jobs without an end")
    if missing:
        problems.append(f"{len(missing)} accepted articles lost")
    if stored != len(sent):
        problems.append(f"{stored} articles stored for {len(sent)} distinct texts (duplicates or strays)")
    expected = args.articles
    if len(sent) != expected:
        problems.append(f"{len(sent)} distinct articles accepted, {expected} meant")
    for problem in problems:
        print("FAIL:", problem)
    print("OK" if not problems else "FAILED")
    return 0 if not problems else 1


if __name__ == "__main__":
    raise SystemExit(main())
