"""Article-choice variants of the summary tried on NeuS train held-out stories (none kept; see docs/experiments.md, "Summary methods").

Run: .venv/bin/python eval/summary_tried.py [--evaldata PATH]

Scores, on the train stories the summariser's settings are checked on (the first 300 and 2000 on; never val),
the shipped pick and order against variants that choose one article and give it whole before the rest:

- ``shipped``: :func:`summarize`'s greedy pick by the learned score, laid out article by article.
- ``score order``: the same picks in the order they were picked.
- ``whole article, best first sentence``: the article whose first sentence scores best is given whole, in
  its order, then the greedy pick goes on over the rest (near-duplicates skipped, as in ``summarize``).
- ``whole article, ROUGE-L medoid``: the same with the article whose text has the greatest summed ROUGE-L F1
  to the other articles (the one the others' wording follows most).
- ``whole article, oracle``: the same with the article whose output scores best against the reference (an
  upper bound, for scale).

Each output is cut to the reference's length in words and scored with ``eval/summary.py``'s ROUGE-L.
"""

from __future__ import annotations

import argparse
import math
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "eval"))

from storylens.analyse import summary as S  # noqa: E402
from storylens.parse.pipeline import load_pipeline  # noqa: E402
from summary import load, rouge_l, tokens, truncate  # noqa: E402  (eval/summary.py)
from train_summary import record_units  # noqa: E402  (eval/train_summary.py)


def greedy(units: list, score: np.ndarray, n_words: int, bonus: Callable | None = None,
           max_sentences: int = 8) -> list[int]:
    """:func:`summarize`'s greedy pick (no claims, so no conflict statements), in picking order; ``bonus(chosen,
    score)`` changes (a copy of) the scores after each pick."""
    score = score.copy()
    open_ = np.ones(len(units), dtype=bool)
    chosen: list[int] = []
    words = 0
    while len(chosen) < max_sentences and words < n_words and open_.any():
        best = int(np.flatnonzero(open_)[np.argmax(score[open_])])
        open_[best] = False
        if any(S._repeats(units[best], units[j]) for j in chosen):
            continue
        chosen.append(best)
        if bonus is not None:
            bonus(best, score)
        for j, other in enumerate(units):
            if open_[j] and S._same_statement(units[best], other):
                open_[j] = False
        words += len(units[best].text.split())
    return chosen


def pick(units: list, score: np.ndarray, n_words: int, order: str = "article", max_sentences: int = 8) -> list[int]:
    """:func:`greedy`'s pick in :func:`summarize`'s order (``order`` "article") or in picking order."""
    chosen = greedy(units, score, n_words, max_sentences=max_sentences)
    if order == "article":
        top: dict[int, float] = {}
        for i in chosen:
            a = units[i].article_index
            top[a] = max(top.get(a, -math.inf), float(score[i]))
        rank = {a: r for r, a in enumerate(sorted(top, key=lambda a: (-top[a], a)))}
        chosen.sort(key=lambda i: (rank[units[i].article_index], units[i].position))
    return chosen


def whole(units: list, score: np.ndarray, n_words: int, article: int) -> list[int]:
    boosted = score + 100.0 * np.array([u.article_index == article for u in units])
    return pick(units, boosted, n_words)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--evaldata", type=Path, default=ROOT.parent / "shared" / "evaldata")
    args = parser.parse_args(argv)
    path = args.evaldata / "neus" / "data.jsonl"
    if not path.is_file():
        print(f"NeuS data not found at {path}: nothing to evaluate.")
        return 0
    train = load(path, "train", None)
    ranges = {"train 0-300": train[:300], "train 2000-": train[2000:]}
    nlp = load_pipeline("en_core_web_sm")
    weights, intercept = S.sentence_model()
    w = np.array([weights[name] for name in S.FEATURES])
    results: dict[str, dict[str, list[float]]] = {}
    for label, records in ranges.items():
        for record in records:
            built = record_units(record, nlp)
            if built is None:
                continue
            reference, units, features = built
            n = len(reference.split())
            score = features @ w + intercept
            ref = tokens(reference)
            arts = sorted({u.article_index for u in units})
            words = {a: [t for u in units if u.article_index == a for t in tokens(u.text)] for a in arts}
            medoid = max(arts, key=lambda a: sum(rouge_l(words[a], words[b]) for b in arts if b != a))
            first = max(
                arts,
                key=lambda a: max(score[i] for i, u in enumerate(units) if u.article_index == a and u.position == 0),
            )

            def rl(order: list[int], units=units, n=n, ref=ref) -> float:
                return rouge_l(tokens(truncate([units[i].text for i in order], n)), ref)

            variants = {
                "shipped": rl(pick(units, score, n)),
                "score order": rl(pick(units, score, n, order="score")),
                "whole article, best first sentence": rl(whole(units, score, n, first)),
                "whole article, ROUGE-L medoid": rl(whole(units, score, n, medoid)),
                "whole article, oracle": max(rl(whole(units, score, n, a)) for a in arts),
            }
            for name, value in variants.items():
                results.setdefault(name, {}).setdefault(label, []).append(value)
    print_table(results, ranges)
    return 0


def print_table(results: dict[str, dict[str, list[float]]], ranges, width: int = 36) -> None:
    """Each variant's mean ROUGE-L F1 over the stories of each train range."""
    print(f"{'variant':<{width}} " + " ".join(f"{label:>12}" for label in ranges) + "   (ROUGE-L F1)")
    for name, by_range in results.items():
        print(f"{name:<{width}} " + " ".join(f"{np.mean(by_range[label]):12.4f}" for label in ranges))


if __name__ == "__main__":
    raise SystemExit(main())
