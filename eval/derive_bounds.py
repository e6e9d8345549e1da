"""Derive ``src/storylens/data/bound_weights.toml`` (where a content starts and ends) from PolNeAR train.

Run: .venv/bin/python eval/derive_bounds.py [--cache FILE.spacy] [--cv FOLDS] > /tmp/bound_weights.toml
     && mv /tmp/bound_weights.toml src/storylens/data/bound_weights.toml
(through a temporary file, as for ``derive_cues.py``: the extractor reads the data files while the script runs).

For every content the extractor finds in train, ``bound_candidates`` (:mod:`storylens.extract.quotes`) proposes
other boundaries from the parse: ends after each phrase that follows the content in its sentence or before each
phrase that ends it, starts before a phrase that precedes it or after one that opens it, each described by the
features of the words it adds or removes (their dependency labels, parts of speech, first function word, length,
a comma before them, a cue verb, a date, quotation marks ...).  A candidate is good when its token Jaccard with
some gold content of the article is >= 0.5 (as ``eval/quotes.py`` scores).  A conditional logit over each
content's candidates (the content as found scores 0) is fitted with an L2 penalty to put the probability on the
good ones, on the contents where some candidates are good and some are not (features met in fewer than
``MIN_COUNT`` of them get no weight).  At run time a content takes the
best-scoring candidate when it scores more than ``--margin``.  Only feature names and weights are written.

``--cv FOLDS`` instead learns the weights on all folds of train but one and scores the extractor on that one, for
each of ``--margins`` and ``--penalties``, and prints the summed content and source+content P / R / F1 (and the
counts: matches, right sources, predictions) beside the extractor without the weights on the same folds and an
oracle that takes a good candidate whenever there is one (what the candidates allow); ``--seed`` shuffles the
articles into other folds, to see how much of a difference between settings is the folds' noise.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter
from pathlib import Path

import numpy as np
from scipy.optimize import minimize

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "eval"))

import storylens.extract.quotes as extractor  # noqa: E402
from derive_cues import parsed_train, without_weak_frames  # noqa: E402
from quotes import Attribution, jaccard, prf, score  # noqa: E402
from storylens.models import Article  # noqa: E402

MIN_JACCARD = 0.5
MIN_COUNT = 5  # contents a feature must be met in to get a weight
ORACLE: dict[str, float] = {"oracle": 0.0}  # --cv: pick a good candidate whenever there is one


def record(doc, parse) -> list[tuple]:
    """One article's quotes with, for each, its candidate boundaries: ``[(quote, [(tokens, good, features)])]``;
    the first candidate is the content as found.  Every statement the rules find, without the learnt filter
    (``statement_filter.toml``, fitted after these weights by ``derive_filter.py``)."""
    seen: list[list] = []
    original_model, original_choose = extractor.bound_model, extractor._choose_bounds

    def recording(sdoc, entry, regions, info):
        cands = []
        movable = extractor.bound_movable(entry, regions)  # else only the content as found: nothing to learn
        for start, end, feats in extractor.bound_candidates(sdoc, entry, regions, info)[:None if movable else 1]:
            start, end = extractor._tidy(doc.text, start, end, entry[4])
            tokens = doc.tokens([(start, end)])
            good = max((jaccard(tokens, g.tokens) for g in doc.gold), default=0.0) >= MIN_JACCARD
            cands.append((tokens, good, feats))
        seen.append(cands)
        return entry[0], entry[1]

    original_filter = extractor._drop_unlikely
    extractor.bound_model = lambda: ({"record": 1.0}, 0.0)
    extractor._choose_bounds = recording
    # every statement, before the learnt filter
    extractor._drop_unlikely = lambda sdoc, rows, regions, weak=frozenset(): rows
    try:
        with without_weak_frames():  # learnt from the statements of the established frames
            quotes = extractor.extract_quotes(Article(id=doc.id, text=doc.text), parse)
    finally:
        extractor.bound_model, extractor._choose_bounds = original_model, original_choose
        extractor._drop_unlikely = original_filter
    assert len(quotes) == len(seen)
    return list(zip(quotes, seen, strict=True))


def fit(groups: list[list[tuple]], penalty: float, min_count: int = MIN_COUNT) -> dict[str, float]:
    """Weights of a conditional logit over each group's candidates (the first, the content as found, scores 0),
    maximising the log-probability of the good candidates, with an L2 penalty; only features met in ``min_count``
    or more of the contents learnt from."""
    informative = [cands for cands in groups if any(c[1] for c in cands) and not all(c[1] for c in cands)]
    seen = Counter(name for cands in informative for name in {n for _, _, feats in cands for n in feats})
    names = sorted(name for name, n in seen.items() if n >= min_count)
    index = {name: k for k, name in enumerate(names)}
    rows, cols, vals, group_of, good = [], [], [], [], []
    n = 0
    for g, cands in enumerate(groups):
        if all(c[1] for c in cands) or not any(c[1] for c in cands):
            continue  # nothing to learn: every candidate, or none, matches
        for _, ok, feats in cands:
            for name, value in feats.items():
                if name not in index:
                    continue
                rows.append(n)
                cols.append(index[name])
                vals.append(value)
            group_of.append(g)
            good.append(ok)
            n += 1
    if not n:
        return {}
    from scipy.sparse import csr_matrix

    x = csr_matrix((vals, (rows, cols)), shape=(n, len(names)))
    _, group_ids = np.unique(np.array(group_of), return_inverse=True)
    n_groups = group_ids.max() + 1
    good_mask = np.array(good, dtype=bool)

    def loss(w):
        s = x @ w
        top = np.full(n_groups, -np.inf)
        np.maximum.at(top, group_ids, s)
        e = np.exp(s - top[group_ids])
        z = np.bincount(group_ids, e, n_groups)
        zg = np.bincount(group_ids, e * good_mask, n_groups)
        value = -(np.log(zg) - np.log(z)).sum() + 0.5 * penalty * w @ w
        p_all = e / z[group_ids]
        p_good = np.where(good_mask, e / zg[group_ids], 0.0)
        grad = x.T @ (p_all - p_good) + penalty * w
        return value, grad

    result = minimize(loss, np.zeros(len(names)), jac=True, method="L-BFGS-B", options={"maxiter": 500})
    return {name: round(float(w), 3) for name, w in zip(names, result.x, strict=True) if abs(w) >= 0.0005}


def choose(cands: list[tuple], weights: dict[str, float], margin: float) -> int:
    if weights is ORACLE:
        return 0 if not cands or cands[0][1] else next((k for k, c in enumerate(cands) if c[1]), 0)
    best, best_score = 0, margin
    for k, (_, _, feats) in enumerate(cands[1:], 1):
        value = sum(weights.get(name, 0.0) * x for name, x in feats.items())
        if value > best_score:
            best, best_score = k, value
    return best


def predictions(doc, recorded, weights, margin) -> None:
    doc.preds["storylens"] = []
    for quote, cands in recorded:
        k = choose(cands, weights, margin) if weights else 0
        source = [(quote.speaker.span.start, quote.speaker.span.end)] if quote.speaker.span is not None else None
        if k == 0:
            content = [(p.start, p.end) for p in quote.content_parts] or [(quote.content.start, quote.content.end)]
            doc.preds["storylens"].append(doc.fill(Attribution(content, source, None)))
        else:
            doc.preds["storylens"].append(Attribution([], source, None, tokens=cands[k][0],
                                                      source_tokens=doc.tokens(source)))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--evaldata", type=Path, default=ROOT.parent / "shared" / "evaldata")
    parser.add_argument("--cache", type=Path, default=None, help="a DocBin of the parsed train texts (made if absent)")
    parser.add_argument("--margin", type=float, default=0.5)
    parser.add_argument("--penalty", type=float, default=3.0)
    parser.add_argument("--cv", type=int, default=0, help="folds of a cross-validation of the margins and penalties")
    parser.add_argument("--margins", type=float, nargs="+", default=[0.0, 0.5, 1.0, 2.0])
    parser.add_argument("--penalties", type=float, nargs="+", default=[1.0, 10.0, 100.0])
    parser.add_argument("--seed", type=int, default=0, help="--cv: the seed of the shuffle into folds")
    args = parser.parse_args()
    docs, parsed = parsed_train(args.evaldata, args.cache)
    recorded = [record(d, p) for d, p in zip(docs, parsed, strict=True)]

    if not args.cv:
        weights = fit([cands for doc in recorded for _, cands in doc], args.penalty)
        groups = sum(len(doc) for doc in recorded)
        print("# Where a content starts and ends, learnt on PolNeAR's train split by eval/derive_bounds.py: a weight per")
        print("# feature of a change of a content's boundaries (bound_candidates in storylens.extract.quotes: E+ / E-")
        print("# words added / removed at the end, S+ / S- at the start), fitted as a conditional logit over each")
        print(f"# content's candidates ({groups} contents; L2 penalty {args.penalty:g}; features met in {MIN_COUNT} or more")
        print("# contents).  A content takes the best candidate when its summed weights exceed the margin.  Names and")
        print("# weights only; regenerate rather than edit by hand.")
        print(f"margin = {args.margin:g}")
        print("\n[weights]")
        for name, w in sorted(weights.items()):
            print(f'"{name}" = {w:g}')
        return 0

    order = list(range(len(docs)))
    random.Random(args.seed).shuffle(order)
    parts = [sorted(order[k::args.cv]) for k in range(args.cv)]
    settings = [(None, None), ("oracle", None)] + [(c, m) for c in args.penalties for m in args.margins]
    totals = {s: Counter() for s in settings}
    for k, part in enumerate(parts):
        train = [cands for j, other in enumerate(parts) if j != k for i in other for _, cands in recorded[i]]
        for penalty in args.penalties:
            weights = fit(train, penalty)
            for margin in args.margins:
                for i in part:
                    predictions(docs[i], recorded[i], weights, margin)
                s = score([docs[i] for i in part], "storylens", "overlap")
                totals[penalty, margin].update(gold=s.gold, pred=s.pred, matched=s.matched, both=s.both)
        for setting, weights in (((None, None), {}), (("oracle", None), ORACLE)):
            for i in part:
                predictions(docs[i], recorded[i], weights, 0.0)
            s = score([docs[i] for i in part], "storylens", "overlap")
            totals[setting].update(gold=s.gold, pred=s.pred, matched=s.matched, both=s.both)
    for setting in settings:
        total = totals[setting]
        content = prf(total["matched"], total["pred"], total["gold"])
        both = prf(total["both"], total["pred"], total["gold"])
        name = "without weights" if setting[0] is None else "oracle" if setting[0] == "oracle" else f"penalty {setting[0]:g} margin {setting[1]:g}"
        print(f"{name}: content P/R/F1 {' '.join(f'{100 * v:.2f}' for v in content)}; "
              f"source+content {' '.join(f'{100 * v:.2f}' for v in both)} ({total['matched']} matches, "
              f"{total['both']} right sources of {total['pred']} predictions)", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
