"""Derive ``src/storylens/data/statement_filter.toml`` (which statements found to drop) from PolNeAR train.

Run: .venv/bin/python eval/derive_filter.py [--cache FILE.spacy] > /tmp/statement_filter.toml
     && mv /tmp/statement_filter.toml src/storylens/data/statement_filter.toml
(through a temporary file, as for the other derive scripts; run it last, after ``derive_bounds.py``: the filter
reads the statements as the rules and the other learnt files leave them).

For every statement the extractor finds in train (without the filter), :func:`statement_features`
(:mod:`storylens.extract.quotes`) describes how it was found (rule, kind, cue, relation of the content to the cue,
source, length, quotation marks, nesting among the other statements), and it is labelled by whether it matches a
gold content (one to one, token Jaccard >= 0.5, as ``eval/quotes.py`` scores).  A logistic regression (L2, ``--c``;
features met in ``MIN_COUNT`` or more statements) is fitted to those labels, and the threshold under which a
statement is dropped is the highest within ``--tolerance`` of the one that maximises the smaller gain of content F1
and source+content F1 (``--objective``) on out-of-fold probabilities (``--folds`` parts of train, each scored by a
model fitted on the others).  Only feature names and weights are
written.

When ``cue_frames.toml`` lists weak frames (``derive_cues.py`` with ``WEAK_RATE`` set; off as shipped), the statements
found only through them get a model of their own (the ``[weak]`` table), fitted on them alone, and a threshold
chosen after the other's, which is chosen as if they were not there; ``--weak-rate`` sets the rate of the weak frames
learnt in the folds.

``--cv FOLDS`` instead scores the filter held out, with the same folds as ``eval/cue_frames_cv.py`` (train shuffled
with seed 0): for each fold, the cue frames are learnt from the other folds (as ``cue_frames_cv.py`` does, at 0.3:2),
the extractor with them is run on all of train, the filter is fitted on the other folds' statements with its
threshold chosen there (out-of-fold within them), and the held-out fold is scored with and without it.  Dev and test
are not read.
"""

from __future__ import annotations

import argparse
import logging
import random
import sys
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "eval"))

import storylens.extract.quotes as extractor  # noqa: E402
from derive_cues import WEAK_FRAMES, WEAK_RATE, count_frames, parsed_train, select  # noqa: E402
from quotes import Attribution, attributions_of, match, prf, score, source_ok  # noqa: E402
from storylens.models import Article  # noqa: E402

logger = logging.getLogger("eval.derive_filter")
MIN_COUNT = 10  # statements a feature must be met in to get a weight
THRESHOLDS = [round(0.02 * k, 2) for k in range(0, 31)]  # 0 keeps every statement


def record(doc, parse) -> list[tuple[dict[str, float], bool, bool, Attribution]]:
    """One article's statements as the extractor finds them without the filter: ``[(features, matched, right source,
    attribution)]``, matched one to one against the gold as ``eval/quotes.py`` matches."""
    seen: list[dict] = []
    original = extractor._drop_unlikely

    def recording(sdoc, rows, regions, weak=frozenset()):
        seen.extend(extractor.statement_features(sdoc, rows, k, regions, weak) for k in range(len(rows)))
        return rows

    extractor._drop_unlikely = recording
    try:
        quotes = extractor.extract_quotes(Article(id=doc.id, text=doc.text), parse)
    finally:
        extractor._drop_unlikely = original
    assert len(quotes) == len(seen)
    preds = attributions_of(doc, quotes)
    pairs = match(preds, doc.gold)
    matched = {i: j for i, j, _ in pairs}
    return [(feats, i in matched, i in matched and source_ok(p, doc.gold[matched[i]], "overlap"), p)
            for i, (feats, p) in enumerate(zip(seen, preds, strict=True))]


def fit(rows: list[tuple], c: float, min_count: int | None = None) -> tuple[dict[str, float], float]:
    """Weights and intercept of a logistic regression of ``matched`` on the features (those met in ``min_count`` or
    more statements), L2 with inverse strength ``c``."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    min_count = MIN_COUNT if min_count is None else min_count
    counts = Counter(name for feats, *_ in rows for name in feats)
    kept = [{n: v for n, v in feats.items() if counts[n] >= min_count} for feats, *_ in rows]
    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform(kept)
    y = np.array([m for _, m, *_ in rows], dtype=int)
    model = LogisticRegression(C=c, max_iter=2000)
    model.fit(x, y)
    weights = {name: round(float(w), 3) for name, w in zip(vectorizer.feature_names_, model.coef_[0], strict=True)
               if abs(w) >= 0.0005}
    return weights, round(float(model.intercept_[0]), 3)


def fit_both(rows: list[tuple], c: float) -> tuple[tuple[dict[str, float], float], tuple[dict[str, float], float] | None]:
    """:func:`fit` of the statements of the established frames, and apart of those of weak frames (None when there
    are none, or all of one label)."""
    weak = [r for r in rows if "weak frame" in r[0]]
    main = fit([r for r in rows if "weak frame" not in r[0]], c)
    return main, fit(weak, c) if len({r[1] for r in weak}) == 2 else None


def probability_of(feats: dict[str, float], models) -> float:
    """A statement's probability by the model of its kind (``models`` as :func:`fit_both` gives them)."""
    main, weak = models
    if "weak frame" in feats:
        return probability(feats, *weak) if weak is not None else 0.0
    return probability(feats, *main)


def probability(feats: dict[str, float], weights: dict[str, float], intercept: float) -> float:
    value = intercept + sum([weights.get(name, 0.0) * x for name, x in feats.items()])
    return 1.0 / (1.0 + np.exp(-value))


def scored(docs, recorded, indices, probs, threshold: float, weak_threshold: float | None = None) -> Counter:
    """Content and source+content counts of the articles ``indices`` keeping the statements whose probability (in
    ``probs``, by article) is at least ``threshold`` (``weak_threshold`` for those of a weak frame, if given)."""
    weak_threshold = threshold if weak_threshold is None else weak_threshold
    for i in indices:
        docs[i].preds["storylens"] = [r[3] for r, p in zip(recorded[i], probs[i], strict=True)
                                      if p >= (weak_threshold if "weak frame" in r[0] else threshold)]
    s = score([docs[i] for i in indices], "storylens", "overlap")
    return Counter(gold=s.gold, pred=s.pred, matched=s.matched, both=s.both)


def f1s(total: Counter) -> tuple[float, float]:
    return prf(total["matched"], total["pred"], total["gold"])[2], prf(total["both"], total["pred"], total["gold"])[2]


OBJECTIVE = "min"  # "min": the smaller gain of content F1 and source+content F1 over keeping every statement; "sum"
#: how far under the best objective a higher (more precise) threshold of the established statements may be and still
#: be chosen (0: the best alone): the sweep is flat near its best, so the best alone moves with every refit
TOLERANCE = 0.0002


def out_of_fold(recorded, indices: list[int], c: float, folds: int) -> dict[int, list[float]]:
    """Each article's statements' probabilities from a model fitted on the other parts of ``indices``."""
    order = list(indices)
    random.Random(1).shuffle(order)
    parts = [order[k::folds] for k in range(folds)]
    probs = {}
    for k, part in enumerate(parts):
        models = fit_both([r for j, other in enumerate(parts) if j != k for i in other for r in recorded[i]], c)
        for i in part:
            probs[i] = [probability_of(r[0], models) for r in recorded[i]]
    return probs


def chosen_threshold(values: list[tuple[float, float]], chosen: float, chosen_value: float,
                     tolerance: float = 0.0) -> tuple[float, float]:
    """Of ``(threshold, objective)`` pairs, those that gain over ``chosen_value`` (``(chosen, chosen_value)`` when
    none does): the lowest threshold of the best objective, or with a ``tolerance`` the highest (the most precise)
    whose objective is within it of the best."""
    gaining = [(threshold, value) for threshold, value in values if value > chosen_value + 1e-9]
    if not gaining:
        return chosen, chosen_value
    best_value = max(value for _, value in gaining)
    near = [(threshold, value) for threshold, value in gaining if value >= best_value - tolerance - 1e-9]
    return max(near) if tolerance > 0 else min(near)


def threshold_for(docs, recorded, indices: list[int], c: float, folds: int) -> tuple[float, float, list[str]]:
    """The threshold that maximises the objective (the smaller or the sum of the gains of content F1 and
    source+content F1) over ``indices`` on out-of-fold probabilities, or the highest within ``TOLERANCE`` of it, the
    statements of weak frames left out, then
    the threshold of those statements (chosen the same way with the other fixed; the same when there are none) and a
    line per threshold tried."""
    probs = out_of_fold(recorded, indices, c, folds)
    best, best_value, lines = 0.0, -1.0, []
    none = 1.0  # no statement of a weak frame kept: the others' threshold is chosen as if there were none
    base = f1s(scored(docs, recorded, indices, probs, 0.0, none))

    def gain(total: Counter) -> float:
        """The objective's gain over keeping every statement: the smaller F1 gain, or their sum."""
        gains = [after - before for after, before in zip(f1s(total), base, strict=True)]
        return min(gains) if OBJECTIVE == "min" else sum(gains)

    def sweep(label: str, chosen: float, chosen_value: float, totals, tolerance: float = 0.0) -> tuple[float, float]:
        """The threshold of THRESHOLDS whose statements gain most over ``chosen_value`` (``chosen`` when none does),
        or, with a ``tolerance``, the highest whose gain is within it of that best, each threshold's figures listed
        under ``label``; ``totals(threshold)`` scores one."""
        values = []
        for threshold in THRESHOLDS:
            total = totals(threshold)
            values.append((threshold, gain(total)))
            lines.append(f"  {label} {threshold:.2f}: {describe(total)}")
        return chosen_threshold(values, chosen, chosen_value, tolerance)

    # the established statements' threshold: the highest within TOLERANCE of the best, as the sweep is flat near it
    best, best_value = sweep("threshold", best, best_value,
                             lambda threshold: scored(docs, recorded, indices, probs, threshold, none), TOLERANCE)
    weak = best
    if any("weak frame" in r[0] for i in indices for r in recorded[i]):
        # the statements of weak frames held to a threshold of their own, chosen the same way with the others' fixed
        # (1: none of them kept, when no threshold adds to the gain); the best alone (a tolerance lowered the
        # held-out check here, docs/experiments.md)
        weak, best_value = sweep("weak frames' threshold", none, best_value,
                                 lambda threshold: scored(docs, recorded, indices, probs, best, threshold))
    return best, weak, lines


def describe(total: Counter) -> str:
    content = prf(total["matched"], total["pred"], total["gold"])
    both = prf(total["both"], total["pred"], total["gold"])
    return (f"content P/R/F1 {' '.join(f'{100 * v:.2f}' for v in content)}; source+content "
            f"{' '.join(f'{100 * v:.2f}' for v in both)} ({total['pred']} predicted, {total['matched']} matched, "
            f"{total['both']} right sources)")


def frame_counts(docs, parsed) -> list[tuple[Counter, Counter]]:
    """Each article's cue frames as ``derive_cues.py`` counts them: ``[(seen, hits)]``."""
    counts = []
    for doc, parse in zip(docs, parsed, strict=True):
        seen, hits = Counter(), Counter()
        count_frames(doc, parse, seen, hits)
        counts.append((seen, hits))
    return counts


weak_rate = WEAK_RATE  # the rate of derive_cues.py's weak frames (--weak-rate)
weak_frames = WEAK_FRAMES  # and their kinds (--weak-frames)


def frames_from(counts, indices) -> dict:
    """The cue frames ``derive_cues.py`` learns (at 0.3:2 and its weak rate, as shipped) from the articles
    ``indices``."""
    seen, hits = Counter(), Counter()
    for i in indices:
        seen.update(counts[i][0])
        hits.update(counts[i][1])
    chosen = select(seen, hits, 0.3, 2, 0.2, 10, weak_rate, weak_frames)
    return {f: {n: [lemma for lemma, _, _ in rows] for n, rows in c.items()} for f, c in chosen.items()}


def record_with(frames: dict, docs, parsed, indices) -> dict[int, list]:
    """:func:`record` of the articles ``indices`` by the extractor with ``frames`` for ``cue_frames.toml``."""
    original = extractor._load
    extractor._load = lambda name: frames if name == "cue_frames.toml" else original(name)
    extractor.cue_lexicon.cache_clear()
    try:
        return {i: record(docs[i], parsed[i]) for i in indices}
    finally:
        extractor._load = original
        extractor.cue_lexicon.cache_clear()


def held_out_records(counts, docs, parsed, pool: list[int], folds: int) -> dict[int, list]:
    """:func:`record` of every article of ``pool``, each by the extractor with cue frames learnt from the other parts
    of ``pool`` (``folds`` parts, train's shuffle of seed 0): the statements as the extractor finds them in an article
    its frames were not learnt from, as at run time."""
    order = [i for i in _shuffled(len(docs)) if i in set(pool)]
    parts = [sorted(order[k::folds]) for k in range(folds)]
    found: dict[int, list] = {}
    for k, part in enumerate(parts):
        others = [i for j, other in enumerate(parts) if j != k for i in other]
        found.update(record_with(frames_from(counts, others), docs, parsed, part))
    return found


def _shuffled(n: int) -> list[int]:
    order = list(range(n))
    random.Random(0).shuffle(order)
    return order


def main() -> int:
    global OBJECTIVE, TOLERANCE, weak_rate, weak_frames
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--evaldata", type=Path, default=ROOT.parent / "shared" / "evaldata")
    parser.add_argument("--cache", type=Path, default=None, help="a DocBin of the parsed train texts (made if absent)")
    parser.add_argument("--c", type=float, default=0.3, help="inverse L2 strength of the logistic regression")
    parser.add_argument("--folds", type=int, default=3, help="parts of the out-of-fold choice of the threshold")
    parser.add_argument("--objective", choices=("min", "sum"), default=OBJECTIVE,
                        help="the threshold's aim: the smaller or the sum of the gains of the two F1s")
    parser.add_argument("--weak-rate", type=float, default=WEAK_RATE,
                        help="the rate of the weak cue frames learnt in the folds, as derive_cues.py's; 0 or less: none")
    parser.add_argument("--weak-frames", default=",".join(WEAK_FRAMES) if WEAK_FRAMES else None,
                        help="the kinds of the weak cue frames learnt in the folds, as derive_cues.py's --weak-frames")
    parser.add_argument("--tolerance", type=float, default=TOLERANCE,
                        help="a higher threshold is chosen when its objective is within this of the best's (F1 as a "
                             "fraction: 0.0002 is 0.02 point)")
    parser.add_argument("--cv", type=int, default=0, help="folds of a held-out check (cue frames refitted per fold)")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)
    OBJECTIVE = args.objective
    TOLERANCE = args.tolerance
    weak_rate = args.weak_rate if args.weak_rate is not None and args.weak_rate > 0 else None
    weak_frames = tuple(args.weak_frames.split(",")) if args.weak_frames else None
    docs, parsed = parsed_train(args.evaldata, args.cache)
    extractor.filter_model.cache_clear()
    extractor.weak_filter_model.cache_clear()
    counts = frame_counts(docs, parsed)
    everything = list(range(len(docs)))

    if not args.cv:
        found = held_out_records(counts, docs, parsed, everything, args.folds)
        recorded = [found[i] for i in everything]
        threshold, weak_threshold, lines = threshold_for(docs, recorded, everything, args.c, args.folds)
        for line in lines:
            logger.info(line)
        (weights, intercept), weak_model = fit_both([r for doc in recorded for r in doc], args.c)
        n = sum(1 for doc in recorded for r in doc if "weak frame" not in r[0])
        print("# Which statements found to drop, learnt on PolNeAR's train split by eval/derive_filter.py: a logistic")
        print("# regression of whether a statement the rules find matches a gold content (statement_features in")
        print(f"# storylens.extract.quotes; {n} statements, each found with cue frames learnt from the other")
        print(f"# {args.folds - 1} of {args.folds} parts of train; L2 with C = {args.c:g}; features met in {MIN_COUNT} or more statements).")
        print("# A statement whose probability is under the threshold is dropped; the threshold is the highest within")
        print(f"# {100 * args.tolerance:g} point of the best {'smaller' if args.objective == 'min' else 'sum of the'} "
              f"gain of content F1 and source+content F1 on {args.folds}-fold")
        print("# out-of-fold probabilities within train.")
        print("# Names and weights only; regenerate rather than edit by hand.")
        print(f"threshold = {threshold:g}")
        print(f"intercept = {intercept:g}")
        print("\n[weights]")
        for name, w in sorted(weights.items()):
            print(f'"{name}" = {w:g}')
        if weak_model is not None:
            weak_n = sum(1 for doc in recorded for r in doc if "weak frame" in r[0])
            print("\n# The statements found only through a weak cue frame (cue_frames.toml), their own model, fitted on")
            print(f"# {weak_n} of them; their threshold is chosen after the other's, with it fixed (1: none kept).")
            print("[weak]")
            print(f"threshold = {weak_threshold:g}")
            print(f"intercept = {weak_model[1]:g}")
            print("\n[weak.weights]")
            for name, w in sorted(weak_model[0].items()):
                print(f'"{name}" = {w:g}')
        return 0

    order = _shuffled(len(docs))
    parts = [sorted(order[k::args.cv]) for k in range(args.cv)]
    totals = {"rules": Counter(), "filter": Counter()}
    for k, part in enumerate(parts):
        training = sorted(i for j, other in enumerate(parts) if j != k for i in other)
        found = held_out_records(counts, docs, parsed, training, args.folds)
        recorded = [found.get(i, []) for i in everything]
        threshold, weak_threshold, lines = threshold_for(docs, recorded, training, args.c, args.folds)
        models = fit_both([r for i in training for r in recorded[i]], args.c)
        held = record_with(frames_from(counts, training), docs, parsed, part)
        for i in part:
            recorded[i] = held[i]
        probs = {i: [probability_of(r[0], models) for r in recorded[i]] for i in part}
        rules = scored(docs, recorded, part, probs, 0.0)
        kept = scored(docs, recorded, part, probs, threshold, weak_threshold)
        totals["rules"].update(rules)
        totals["filter"].update(kept)
        logger.info("fold %d: threshold %.2f, weak frames' %.2f (chosen on the other folds)\n  rules:  %s\n"
                    "  filter: %s", k, threshold, weak_threshold,
                    describe(rules), describe(kept))
    for name, total in totals.items():
        print(f"{name:7} {describe(total)} ({args.cv} folds, {total['gold']} gold)", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
