"""Benchmark: how the analysis of one long article grows with its length, against spaCy's parse of it.

Run: .venv/bin/python bench/long_article.py [--kb 50 200] [--repeat N] [--evaldata PATH]

Builds one long article by joining news texts, a blank line between them, until it is as long as asked: the
NeuS articles of ``../shared/evaldata`` when they are there, else the bundled ``examples/roma-2010`` texts
repeated.  For each length it prints, measured in the same process, best of N: the baseline (one
``nlp.pipe`` over the text, the parse alone) and storylens's whole analysis of the article (no store), each
in CPU seconds of the process (the machine is shared: wall time follows other work's load; the wall time is
printed too) and per KB, and their ratio.  Between the two lengths it prints the growth of the time per KB: about 1
for a step that grows linearly with the length, about the ratio of the lengths for a quadratic one.  Not part
of the tests; prints its results.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from batch import neus_stories  # noqa: E402

from storylens import Pipeline, Settings  # noqa: E402
from storylens.models import Article  # noqa: E402
from storylens.parse import load_pipeline  # noqa: E402


def source_texts(evaldata: Path) -> tuple[str, list[str]]:
    """News texts to join: the NeuS articles if the shared data is there, else the bundled example's."""
    data = evaldata / "neus" / "data.jsonl"
    if data.is_file():
        texts = [a.text for story in neus_stories(data) for a in story if len(a.text) >= 200]
        if texts:
            return "NeuS (neus/data.jsonl)", texts
    folder = ROOT / "examples" / "roma-2010"
    return "examples/roma-2010", [p.read_text(encoding="utf-8").strip() for p in sorted(folder.glob("*.txt"))]


def long_text(texts: list[str], size: int) -> str:
    """``texts`` joined by blank lines, round and round, cut to ``size`` characters."""
    parts: list[str] = []
    length = 0
    while length < size:
        parts.append(texts[len(parts) % len(texts)])
        length += len(parts[-1]) + 2
    return "\n\n".join(parts)[:size]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kb", type=int, nargs=2, default=[50, 200], help="the two lengths, in KB (1,000 chars)")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--evaldata", type=Path, default=ROOT.parent / "shared" / "evaldata")
    args = parser.parse_args()

    settings = Settings.load(use_store=False, progress=False)
    nlp = load_pipeline(settings.model)
    pipeline = Pipeline(settings)
    name, texts = source_texts(args.evaldata)
    print(f"texts: {name}, {len(texts)} joined round and round")
    pipeline.analyze_articles([Article(id="warm", text=texts[0])])  # loads the lexicons and the models once

    def best(fn) -> tuple[float, float]:
        """CPU and wall seconds of the run with the least CPU time."""
        times = []
        for _ in range(args.repeat):
            c0, t0 = time.process_time(), time.perf_counter()
            fn()
            times.append((time.process_time() - c0, time.perf_counter() - t0))
        return min(times)

    per_kb = {}
    for kb in args.kb:
        text = long_text(texts, kb * 1000)
        article = Article(id=f"long{kb}", text=text)
        (parse, parse_wall) = best(lambda text=text: list(nlp.pipe([text])))
        (full, full_wall) = best(lambda article=article: pipeline.analyze_articles([article]))
        per_kb[kb] = (parse / kb, full / kb)
        print(f"{kb:4d} KB: parse {parse:7.2f} CPU s ({parse / kb:.3f} s/KB; wall {parse_wall:.1f} s), analysis "
              f"{full:7.2f} CPU s ({full / kb:.3f} s/KB; wall {full_wall:.1f} s), analysis/parse {full / parse:5.2f}x")
    (a, b) = args.kb
    print(f"growth of the time per KB from {a} to {b} KB ({b / a:.1f}x longer): "
          f"parse {per_kb[b][0] / per_kb[a][0]:.2f}x, analysis {per_kb[b][1] / per_kb[a][1]:.2f}x "
          f"(1 = linear, {b / a:.1f} = quadratic)")
    print(f"peak resident memory of the process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
