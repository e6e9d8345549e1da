"""Benchmark: story grouping time and peak memory as the stream grows (not part of the tests).

Run: .venv/bin/python bench/stories.py [--sizes 1000 10000] [--big] [--evaldata PATH] [--seed N]

Articles are made from the shared sets' texts (``../shared/evaldata``: ECB+ documents rebuilt from their
tokens, and NeuS articles, title plus text), shuffled, cycled and varied: every copy after the first drops a random
10-30% of the words, so the stream holds near-duplicates and rewrites as a feed does; each gets a random
publication day in 2020-2021.  For each size: wall time of ``group_stories`` (one run, without tracing),
then the peak of Python allocations during a second run under tracemalloc (slow: ``--no-memory`` skips it),
the process's maximum resident size so far (cumulative over sizes), the time per article, and the
growth per doubling of the stream from the previous size: ``(t2/t1) ** (1/log2(n2/n1))`` for the total
time (2.0 = linear) and for the time per article (1.0 = linear).  ``--big`` adds 10^5 articles.
"""

from __future__ import annotations

import argparse
import json
import logging
import math
import random
import resource
import sys
import time
import tracemalloc
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from storylens.align.stories import group_stories  # noqa: E402
from storylens.models import Article  # noqa: E402

logger = logging.getLogger("bench.stories")


def base_texts(evaldata: Path) -> list[str]:
    texts = []
    ecb = evaldata / "ecbplus" / "data.jsonl"
    if ecb.is_file():
        with ecb.open(encoding="utf-8") as handle:
            for line in handle:
                doc = json.loads(line)
                texts.append("\n".join(" ".join(t if isinstance(t, str) else t["text"] for t in s)
                                       for s in doc["sentences"]))
    neus = evaldata / "neus" / "data.jsonl"
    if neus.is_file():
        with neus.open(encoding="utf-8") as handle:
            for line in handle:
                for item in json.loads(line)["articles"]:
                    text = f"{item.get('title') or ''}\n{item.get('text') or ''}".strip()
                    if len(text.split()) >= 20:
                        texts.append(text)
    return texts


def make_stream(texts: list[str], size: int, seed: int) -> list[Article]:
    rng = random.Random(seed)
    texts = list(texts)
    rng.shuffle(texts)  # the same mix of long (ECB+) and short (NeuS) texts at every size
    start = date(2020, 1, 1)
    articles = []
    for i in range(size):
        text = texts[i % len(texts)]
        if i >= len(texts):
            keep = 1.0 - rng.uniform(0.1, 0.3)
            text = " ".join(w for w in text.split(" ") if rng.random() < keep)
        day = start + timedelta(days=rng.randrange(730))
        articles.append(Article(id=f"a{i}", text=text, published=day.isoformat()))
    return articles


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--big", action="store_true", help="add 100000 articles")
    parser.add_argument("--evaldata", type=Path, default=ROOT.parent / "shared" / "evaldata")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--no-memory", action="store_true", help="skip the tracemalloc run")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, format="%(message)s")

    texts = base_texts(args.evaldata)
    if not texts:
        print(f"no ECB+ or NeuS data under {args.evaldata}: nothing to benchmark (pass --evaldata PATH)")
        return
    sizes = sorted(set(args.sizes + ([100000] if args.big else [])))
    print(f"{len(texts)} base texts; sizes {sizes}")
    print("| articles | words | stories | seconds | ms/article | peak MiB (tracemalloc) | process max RSS MiB | "
          "time x per doubling | per-article x per doubling |")
    print("|---|---|---|---|---|---|---|---|---|")
    previous: tuple[int, float] | None = None
    for size in sizes:
        articles = make_stream(texts, size, args.seed)
        words = sum(len(a.text.split()) for a in articles)
        logger.info("grouping %d articles", size)
        start = time.perf_counter()
        stories = group_stories(articles)
        seconds = time.perf_counter() - start
        logger.info("%d articles grouped in %.1f s; now the tracemalloc run", size, seconds)
        peak = "-"
        if not args.no_memory:
            tracemalloc.start()
            group_stories(articles)
            peak = f"{tracemalloc.get_traced_memory()[1] / 2**20:.0f}"
            tracemalloc.stop()
        growth = per_article = "-"
        if previous is not None:
            doublings = math.log2(size / previous[0])
            total = (seconds / previous[1]) ** (1 / doublings)
            growth, per_article = f"{total:.2f}", f"{total / 2:.2f}"
        print(f"| {size} | {words} | {len(stories)} | {seconds:.1f} | {1000 * seconds / size:.2f} | {peak} | "
              f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} | {growth} | {per_article} |")
        previous = (size, seconds)


if __name__ == "__main__":
    main()
