"""Kill test: ``storylens serve`` killed with SIGKILL during ingestion and analysis, restarted, checked.

Run: .venv/bin/python bench/serve_kill.py [--kills 10] [--jobs 80] [--json out.json]

Starts ``storylens serve`` as a subprocess on 127.0.0.1 (a free port; nothing else is contacted) with a
temporary SQLite database.  A client thread submits ``--jobs`` stories (one or two articles each: the
texts of examples/roma-2010 made distinct by an appended dispatch line, and every seventh an earlier
text again), retrying a submission whose reply was lost to a kill.  Meanwhile the server is killed with
SIGKILL ``--kills`` times, each time while a job is being analysed (and, spread over the run, while
submissions arrive), and started again.  After every kill ``PRAGMA integrity_check`` must say ok; at the
end every accepted (202) job must be ``done``, every accepted article stored exactly once, and each
story's dossier stored exactly once.  Exits 1 if any check fails.  Bounded: ``--jobs`` submissions,
``--kills`` kills, every wait has a deadline and the whole run ``--deadline`` seconds.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from storylens.models import content_hash  # noqa: E402

HOST = "127.0.0.1"
TOKEN = "kill-test"


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def base_texts() -> list[tuple[str, str, str]]:
    folder = ROOT / "examples" / "roma-2010"
    manifest = json.loads((folder / "articles.json").read_text(encoding="utf-8"))
    return [(m["id"], m["published"], (folder / m["file"]).read_text(encoding="utf-8")) for m in manifest]


def submissions(count: int, seed: int) -> list[list[dict]]:
    """``count`` stories of one or two articles; distinct variants of the example texts, some repeated."""
    rng = random.Random(seed)
    bases = base_texts()
    made: list[dict] = []
    stories = []
    for n in range(count):
        size = 2 if n % 5 == 4 else 1
        story = []
        for k in range(size):
            if n % 7 == 6 and made:  # an article submitted before, again
                story.append(dict(rng.choice(made)))
                continue
            base_id, published, text = bases[(n + k) % len(bases)]
            desk = rng.choice(["Paris", "Bucharest", "Brussels", "Lyon", "Geneva"])
            article = {"id": f"{base_id}-{n}-{k}", "published": published, "outlet": f"Wire {desk}",
                       "text": f"{text.rstrip()}\n\nThis is dispatch {n}.{k} from the {desk} desk ({rng.random():.6f})."}
            made.append(article)
            story.append(article)
        stories.append(story)
    return stories


class Server:
    def __init__(self, db: Path, port: int, log: Path) -> None:
        self.db, self.port, self.log = db, port, log
        self.proc: subprocess.Popen | None = None
        self.url = f"http://{HOST}:{port}"

    def start(self, timeout: float = 90) -> float:
        env = {**os.environ, "STORYLENS_TOKEN": TOKEN, "STORYLENS_RATE_LIMIT_WRITES_PER_MINUTE": "0",
               "STORYLENS_RATE_LIMIT_READS_PER_MINUTE": "0"}
        env.pop("STORYLENS_DB_URL", None)
        started = time.monotonic()
        with open(self.log, "a") as log:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "storylens", "serve", "--host", HOST, "--port", str(self.port),
                 "--db", str(self.db)], env=env, stdout=log, stderr=subprocess.STDOUT)
        while time.monotonic() - started < timeout:
            if self.proc.poll() is not None:
                raise RuntimeError(f"the server exited with {self.proc.returncode}; see {self.log}")
            try:
                if httpx.get(f"{self.url}/api/health", timeout=1).status_code == 200:
                    return time.monotonic() - started
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        raise RuntimeError(f"the server did not answer within {timeout} s; see {self.log}")

    def kill(self) -> None:
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(30)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.kill()


def query(db: Path, sql: str, params: tuple = ()) -> list[tuple]:
    conn = sqlite3.connect(db, timeout=30)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


class Client(threading.Thread):
    """Submits the stories one after another, retrying a submission whose reply did not arrive."""

    def __init__(self, url: str, stories: list[list[dict]], pause: float, deadline: float) -> None:
        super().__init__(daemon=True)
        self.url, self.stories, self.pause, self.deadline = url, stories, pause, deadline
        self.accepted: list[tuple[str, list[dict]]] = []  # (job id, articles)
        self.refused = 0  # connection refused: the server was down
        self.lost_replies = 0  # the request reached a server that was killed before it answered
        self.other_errors: Counter = Counter()
        self.done = threading.Event()

    def run(self) -> None:
        with httpx.Client(base_url=self.url, timeout=10, headers={"Authorization": f"Bearer {TOKEN}"}) as http:
            for story in self.stories:
                for _ in range(200):  # bounded retries: the server comes back within seconds
                    if time.monotonic() > self.deadline:
                        self.done.set()
                        return
                    try:
                        reply = http.post("/api/stories", json={"articles": story})
                    except httpx.ConnectError:
                        self.refused += 1
                        time.sleep(0.25)
                        continue
                    except httpx.HTTPError:
                        self.lost_replies += 1  # killed before answering (the job may or may not be stored)
                        time.sleep(0.25)
                        continue
                    if reply.status_code == 202:
                        self.accepted.append((reply.json()["job_id"], story))
                    else:
                        self.other_errors[reply.status_code] += 1
                    break
                time.sleep(self.pause)
        self.done.set()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=10)
    parser.add_argument("--jobs", type=int, default=80, help="stories submitted")
    parser.add_argument("--pause", type=float, default=0.25, help="seconds between submissions")
    parser.add_argument("--deadline", type=float, default=900, help="seconds the whole run may take")
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    parser.add_argument("--json", type=Path, help="write the figures here as JSON")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    t0 = time.monotonic()
    deadline = t0 + args.deadline
    work = Path(tempfile.mkdtemp(prefix="storylens-kill-"))
    db = work / "serve.sqlite3"
    server = Server(db, free_port(), work / "server.log")
    stories = submissions(args.jobs, args.seed)
    figures: dict = {"kills": 0, "kills_while_analysing": 0, "kills_while_submitting": 0, "integrity_ok": 0,
                     "restart_seconds": []}
    problems: list[str] = []
    try:
        figures["restart_seconds"].append(round(server.start(), 2))
        client = Client(server.url, stories, args.pause, deadline)
        client.start()
        for kill in range(args.kills):
            # spread the kills over the submissions, each while a job is being analysed
            due = (kill + 1) * len(stories) // (args.kills + 1)
            while len(client.accepted) < due and not client.done.is_set() and time.monotonic() < deadline:
                time.sleep(0.05)
            time.sleep(rng.uniform(0, 0.3))
            wait_until = min(deadline, time.monotonic() + 60)
            running = 0
            while time.monotonic() < wait_until:
                running = query(db, "SELECT count(*) FROM jobs WHERE status = 'running'")[0][0]
                if running:
                    break
                time.sleep(0.02)
            submitting = not client.done.is_set()
            server.kill()
            figures["kills"] += 1
            figures["kills_while_analysing"] += bool(running)
            figures["kills_while_submitting"] += submitting
            check = query(db, "PRAGMA integrity_check")
            if check == [("ok",)]:
                figures["integrity_ok"] += 1
            else:
                problems.append(f"integrity check after kill {kill + 1}: {check[:5]}")
            figures["restart_seconds"].append(round(server.start(), 2))
        client.join(max(1.0, deadline - time.monotonic()))
        # let the restarted server finish everything it accepted
        while time.monotonic() < deadline:
            left = query(db, "SELECT count(*) FROM jobs WHERE status IN ('queued', 'running')")[0][0]
            if not left:
                break
            time.sleep(0.25)
        server.stop()
        elapsed = time.monotonic() - t0

        check = query(db, "PRAGMA integrity_check")
        if check != [("ok",)]:
            problems.append(f"final integrity check: {check[:5]}")
        jobs = {row[0]: row[1:] for row in query(db, "SELECT id, status, story_id, attempts, error FROM jobs")}
        accepted_ids = [job_id for job_id, _ in client.accepted]
        not_done = [(i, jobs.get(i)) for i in accepted_ids if jobs.get(i, ("missing",))[0] != "done"]
        if not_done:
            problems.append(f"{len(not_done)} accepted jobs not done: {not_done[:5]}")
        accepted_hashes = {content_hash(a["text"]) for _, story in client.accepted for a in story}
        stored = Counter(h for (h,) in query(db, "SELECT content_hash FROM articles"))
        missing = [h for h in accepted_hashes if stored[h] != 1]
        if missing:
            problems.append(f"{len(missing)} accepted articles not stored exactly once")
        submitted_hashes = {content_hash(a["text"]) for story in stories for a in story}
        extra = set(stored) - submitted_hashes
        if extra:
            problems.append(f"{len(extra)} stored articles were never submitted")
        dossiers = Counter(s for (s,) in query(db, "SELECT story_id FROM dossiers"))
        linked = {(s, h) for s, h in query(db, "SELECT story_id, content_hash FROM story_articles")}
        for job_id, story in client.accepted:
            status, story_id, _, _ = jobs.get(job_id, (None, None, None, None))
            if status != "done":
                continue
            if dossiers[story_id] != 1:
                problems.append(f"job {job_id}: story {story_id} has {dossiers[story_id]} dossiers")
            for a in story:
                if (story_id, content_hash(a["text"])) not in linked:
                    problems.append(f"job {job_id}: article {a['id']} is not in its story {story_id}")
        story_ids = {row[1] for row in jobs.values() if row[0] == "done"}
        if set(dossiers) != story_ids:
            problems.append(f"{len(dossiers)} dossiers for {len(story_ids)} analysed stories")
        attempts = Counter(row[2] for row in jobs.values())

        figures.update({
            "stories_submitted": len(stories),
            "accepted_202": len(client.accepted),
            "submissions_refused_while_down": client.refused,
            "replies_lost_to_kills": client.lost_replies,
            "jobs_stored_but_not_acknowledged": len(set(jobs) - set(accepted_ids)),
            "other_error_replies": dict(client.other_errors),
            "jobs_in_database": len(jobs),
            "jobs_done": sum(1 for row in jobs.values() if row[0] == "done"),
            "jobs_failed": sum(1 for row in jobs.values() if row[0] == "failed"),
            "jobs_by_attempts": dict(sorted(attempts.items())),
            "distinct_articles_accepted": len(accepted_hashes),
            "articles_stored": sum(stored.values()),
            "dossiers_stored": sum(dossiers.values()),
            "distinct_stories_analysed": len(story_ids),
            "elapsed_seconds": round(elapsed, 1),
            "problems": problems,
        })
    finally:
        server.stop()
        if args.keep:
            print(f"kept {work}", file=sys.stderr)
        else:
            import shutil

            shutil.rmtree(work, ignore_errors=True)
    width = max(len(k) for k in figures)
    for key, value in figures.items():
        print(f"{key:<{width}}  {value}")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    print("OK" if not problems else f"FAILED: {len(problems)} problems")
    return 0 if not problems else 1


if __name__ == "__main__":
    sys.exit(main())
