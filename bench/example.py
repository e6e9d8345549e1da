"""Benchmark: the example story's analysis against a plain spaCy parse of the same texts.

Run: .venv/bin/python bench/example.py [--repeat N] [INPUT ...]

Prints wall time of (a) loading the pipeline, (b) the baseline: one ``nlp.pipe`` over the
texts, (c) storylens's whole analysis of the same articles (no store), and the ratio
(c)/(b), measured in the same process, best of N; then the process's peak resident memory
and the peak of Python allocations during one analysis (tracemalloc).
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from storylens import Pipeline, Settings  # noqa: E402
from storylens.parse import load_pipeline  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="*", default=[str(ROOT / "examples" / "roma-2010")])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    settings = Settings.load(use_store=False, progress=False)
    start = time.perf_counter()
    nlp = load_pipeline(settings.model)
    load_time = time.perf_counter() - start
    pipeline = Pipeline(settings)
    articles = pipeline.ingest(args.inputs).articles
    texts = [a.text for a in articles]
    words = sum(len(t.split()) for t in texts)

    def best(fn) -> float:
        times = []
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            fn()
            times.append(time.perf_counter() - t0)
        return min(times)

    baseline = best(lambda: list(nlp.pipe(texts)))
    full = best(lambda: pipeline.analyze_articles(articles))
    tracemalloc.start()
    pipeline.analyze_articles(articles)
    _, peak_alloc = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    peak_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    print(f"articles: {len(articles)}, words: {words}")
    print(f"pipeline load:          {load_time:7.3f} s")
    print(f"baseline spaCy parse:   {baseline:7.3f} s  ({words / baseline:,.0f} words/s)")
    print(f"storylens analysis:     {full:7.3f} s  ({words / full:,.0f} words/s)")
    print(f"ratio analysis/parse:   {full / baseline:7.2f}x")
    print(f"peak Python allocations during one analysis: {peak_alloc / 2**20:.1f} MiB")
    print(f"peak resident memory of the process:        {peak_rss:.0f} MiB")


if __name__ == "__main__":
    main()
