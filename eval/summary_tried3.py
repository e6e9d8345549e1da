"""A third round of summary variants tried on NeuS train held-out stories (none kept; see docs/experiments.md, "Summary methods").

Run: .venv/bin/python eval/summary_tried3.py [--evaldata PATH] [--lexical]

Scores, on the train stories the summariser's settings are checked on (the first 300 and 2000 on; never val),
the shipped pick and order (:func:`summary_tried.pick`) against variants of it:

- ``order: rank + b * position``: the picks ordered by their article's rank plus ``b`` times their position in
  it (b small: the shipped article-by-article order; b large: every article's lead first).
- ``compress: RULE``: every unit shortened before the pick by a dependency rule (its text the kept tokens):
  ``paren`` drops bracketed text, ``appos`` a comma-led appositive, ``relcl`` a comma-led relative clause
  opened by a wh-word, ``lead`` a comma-closed adverbial or prepositional phrase opening the sentence.
- ``coverage MU``: the greedy pick by the unit's probability plus ``MU`` times the (10x, normalised) weight of
  the content lemmas it adds to those the summary covers, a lemma weighing as many articles as use it.
- ``continue B`` / ``same article B``: once a unit is picked, ``B`` is added to the score (logit) of the next
  unit of its article / ``B`` to every other unit of its article and ``2B`` to the next one.
- with ``--lexical`` (about 12 more minutes: the oracle labels of train 300..2000): a sentence model over hashed
  tokens (``HashingVectorizer``, 2**18, binary, L2) fitted on train 300..2000 against the greedy oracle's labels
  (``train_summary.oracle``) by logistic regression with the shipped score as one more column, its token part
  added to the shipped score times ``A``: ``lemmas`` (content lemmas, C=0.1) or ``style`` (stop words, POS tags
  and POS bigrams, the first three words; C=0.03), and ``style`` with ``same article 0.1``; then the style
  tokens met in 20 training units or more only (about 700), as an offset to the shipped score or refitted with
  the shipped features (C=0.03), with ``same article`` 0 and 0.2.

With ``--learnt-order`` (about 1 more minute): ``order: learnt pairwise``, the shipped picks ordered by a
pairwise logistic model of which pick comes first in their best order, fitted on train 300..2000
(:func:`fit_order_model`); and, for scale, the best order of the shipped picks known from the reference (for
the stories with at most 4 picks; the others keep the shipped order).

Each output is cut to the reference's length in words and scored with ``eval/summary.py``'s ROUGE-L.
"""

from __future__ import annotations

import argparse
import copy
import itertools
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
from summary_tried import greedy, pick, print_table  # noqa: E402  (eval/summary_tried.py)
from train_summary import oracle, record_units  # noqa: E402  (eval/train_summary.py)


def ordered(units: list, score: np.ndarray, chosen: list[int], b: float | None = None) -> list[int]:
    """``chosen`` (in picking order) ordered by article rank (the article of the best-scored pick first), then
    position (the shipped order); with ``b``, by rank plus ``b`` * position, ties kept in picking order."""
    top: dict[int, float] = {}
    for i in chosen:
        a = units[i].article_index
        top[a] = max(top.get(a, -math.inf), float(score[i]))
    rank = {a: r for r, a in enumerate(sorted(top, key=lambda a: (-top[a], a)))}
    if b is None:
        return sorted(chosen, key=lambda i: (rank[units[i].article_index], units[i].position))
    return sorted(chosen, key=lambda i: rank[units[i].article_index] + b * units[i].position)


def continuation(units: list, amount: float, whole_article: bool) -> Callable:
    """After a pick, ``amount`` added to the next unit of its article (and, ``whole_article``, to every other
    unit of its article too: the next one then gets twice ``amount``)."""
    def bonus(best: int, score: np.ndarray) -> None:
        unit = units[best]
        for k, other in enumerate(units):
            if other.article_index == unit.article_index and k != best:
                score[k] += amount * ((other.position == unit.position + 1) + whole_article)
    return bonus


def coverage_pick(units: list, prob: np.ndarray, n_words: int, mu: float, max_sentences: int = 8) -> list[int]:
    arts: dict[str, set[int]] = {}
    for u in units:
        for t in set(u.terms):
            arts.setdefault(t, set()).add(u.article_index)
    weight = {t: len(a) for t, a in arts.items()}
    total = sum(weight.values()) or 1
    covered: set[str] = set()
    open_ = np.ones(len(units), dtype=bool)
    chosen: list[int] = []
    words = 0
    while len(chosen) < max_sentences and words < n_words and open_.any():
        values = np.full(len(units), -np.inf)
        for i in np.flatnonzero(open_):
            values[i] = prob[i] + mu * 10 * sum(weight[t] for t in set(units[i].terms) if t not in covered) / total
        best = int(np.argmax(values))
        open_[best] = False
        if any(S.near_duplicate(units[best].text, units[j].text) for j in chosen):
            continue
        chosen.append(best)
        covered |= set(units[best].terms)
        for j, other in enumerate(units):
            if open_[j] and S.near_duplicate(units[best].text, other.text):
                open_[j] = False
        words += len(units[best].text.split())
    return chosen


def compressed(unit, doc, rule: str) -> str:
    span = doc.char_span(unit.start, unit.end, alignment_mode="expand")
    if span is None:
        return unit.text
    drop: set[int] = set()
    if rule == "paren":
        depth = 0
        for t in span:
            depth += t.text in "(["
            if depth:
                drop.add(t.i)
            if t.text in ")]" and depth:
                depth -= 1
    for t in span:
        lo, hi = t.left_edge.i, t.right_edge.i
        comma_before = lo - 1 >= span.start and doc[lo - 1].text == ","
        if rule == "appos" and t.dep_ == "appos" and comma_before:
            drop.update(range(lo - 1, hi + 1))
        if rule == "relcl" and t.dep_ == "relcl" and comma_before and doc[lo].tag_ in ("WDT", "WP", "WP$", "WRB"):
            drop.update(range(lo - 1, hi + (hi + 1 < span.end and doc[hi + 1].text == ",")))
        if rule == "lead" and t.dep_ == "ROOT":
            for c in t.children:
                if (c.i < t.i and c.dep_ in ("advmod", "prep", "npadvmod", "advcl") and c.i == span.start
                        and c.right_edge.i + 1 < span.end and doc[c.right_edge.i + 1].text == ","):
                    drop.update(range(c.left_edge.i, c.right_edge.i + 2))
    kept = [t for t in span if t.i not in drop]
    return "".join(t.text_with_ws for t in kept).strip() if drop and len(kept) >= 4 else unit.text


def lexical_tokens(unit, doc, kind: str) -> list[str]:
    span = doc.char_span(unit.start, unit.end, alignment_mode="expand")
    words = [("S_" + t.lower_) if t.is_stop else ("L_" + (t.lemma_ or t.text).lower())
             for t in span if not (t.is_punct or t.is_space)]
    if kind == "lemmas":
        return [w for w in words if w.startswith("L_")]
    pos = ["P_" + t.pos_ for t in span]
    return ([w for w in words if w.startswith("S_")] + pos + [a + "|" + b for a, b in zip(pos[:-1], pos[1:], strict=True)]
            + ["F_" + w for w in words[:3]])


def _order_rows(units: list, features: np.ndarray, score: np.ndarray, chosen: list[int]) -> dict[int, np.ndarray]:
    """Each pick's row for the order model: its article's rank, position, first, relative position, score,
    length, and some of its scorer features (centrality, support, entities, short, quote, leading pronoun...)."""
    top: dict[int, float] = {}
    for i in chosen:
        top[units[i].article_index] = max(top.get(units[i].article_index, -math.inf), float(score[i]))
    rank = {a: r for r, a in enumerate(sorted(top, key=lambda a: (-top[a], a)))}
    count: dict[int, int] = {}
    for u in units:
        count[u.article_index] = count.get(u.article_index, 0) + 1
    return {i: np.array([
        rank[units[i].article_index], units[i].position, float(units[i].position == 0),
        units[i].position / max(1, count[units[i].article_index] - 1), score[i], min(units[i].n_words, 60) / 60,
        *features[i][[0, 1, 3, 10, 11, 12, 15, 16]],
    ]) for i in chosen}


def _pair(units: list, rows: dict, i: int, j: int) -> np.ndarray:
    same = float(units[i].article_index == units[j].article_index)
    return np.concatenate([rows[i] - rows[j], [same * (rows[i][1] - rows[j][1])]])


def fit_order_model(stories: list, w: np.ndarray, intercept: float):
    """A pairwise logistic model (no intercept, C=1, each pair weighed by the story's spread between its best
    and worst order) of "i comes before j" in the best order of the shipped picks (stories of train 300..2000
    with 2-4 picks; the first best permutation), the picks then sorted by their summed decisions."""
    from sklearn.linear_model import LogisticRegression

    x, y, weight = [], [], []
    for label, reference, units, features, _ in stories:
        score = features @ w + intercept
        n, ref = len(reference.split()), tokens(reference)
        chosen = greedy(units, score, n)
        if label != "fit 300-2000" or not 2 <= len(chosen) <= 4:
            continue
        values = [(rouge_l(tokens(truncate([units[i].text for i in p], n)), ref), p)
                  for p in itertools.permutations(chosen)]
        high, low = max(v for v, _ in values), min(v for v, _ in values)
        if high - low < 1e-9:
            continue
        best = next(p for v, p in values if v == high)
        place = {i: k for k, i in enumerate(best)}
        rows = _order_rows(units, features, score, chosen)
        for i in chosen:
            for j in chosen:
                if i != j:
                    x.append(_pair(units, rows, i, j))
                    y.append(float(place[i] < place[j]))
                    weight.append(high - low)
    return LogisticRegression(C=1.0, max_iter=2000, fit_intercept=False).fit(
        np.array(x), np.array(y), sample_weight=np.array(weight))


def learnt_order(model, units: list, features: np.ndarray, score: np.ndarray, chosen: list[int]) -> list[int]:
    rows = _order_rows(units, features, score, chosen)
    won = {i: sum(float(model.decision_function([_pair(units, rows, i, j)])[0]) for j in chosen if j != i)
           for i in chosen}
    return sorted(chosen, key=lambda i: -won[i])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--evaldata", type=Path, default=ROOT.parent / "shared" / "evaldata")
    parser.add_argument("--lexical", action="store_true", help="also the hashed-token sentence models")
    parser.add_argument("--learnt-order", action="store_true", help="also the pairwise order model")
    args = parser.parse_args(argv)
    path = args.evaldata / "neus" / "data.jsonl"
    if not path.is_file():
        print(f"NeuS data not found at {path}: nothing to evaluate.")
        return 0
    train = load(path, "train", None)
    ranges = {"train 0-300": range(0, 300), "train 2000-": range(2000, len(train))}
    if args.lexical or args.learnt_order:
        ranges["fit 300-2000"] = range(300, 2000)
    nlp = load_pipeline("en_core_web_sm")
    weights, intercept = S.sentence_model()
    w = np.array([weights[name] for name in S.FEATURES])
    stories = []
    for label, indices in ranges.items():
        for k in indices:
            built = record_units(train[k], nlp, with_docs=True)
            if built is not None:
                stories.append((label, *built))

    lexical: dict[str, list[np.ndarray]] = {}
    if args.lexical:
        from scipy import sparse
        from sklearn.feature_extraction.text import HashingVectorizer
        from sklearn.linear_model import LogisticRegression

        hv = HashingVectorizer(analyzer=lambda x: x, n_features=2**18, alternate_sign=False, norm="l2", binary=True)
        fit = np.array([label == "fit 300-2000" for label, _, units, _, _ in stories for _ in units])
        base = np.concatenate([f @ w + intercept for _, _, _, f, _ in stories])
        y = []
        for label, ref, units, _, _ in stories:
            keep = oracle(units, ref) if label == "fit 300-2000" else set()
            y.extend(float(i in keep) for i in range(len(units)))
        y = np.array(y)
        for kind, c in (("lemmas", 0.1), ("style", 0.03)):
            x = hv.transform([lexical_tokens(u, docs[u.article_id], kind)
                              for _, _, units, _, docs in stories for u in units])
            model = LogisticRegression(C=c, max_iter=3000).fit(
                sparse.hstack([x, sparse.csr_matrix(base[:, None])]).tocsr()[fit], y[fit])
            values = x @ model.coef_[0][:-1]
            lexical[kind], at = [], 0
            for _, _, units, _, _ in stories:
                lexical[kind].append(values[at:at + len(units)])
                at += len(units)
        # the style tokens met in 20 training stories' units or more (a vocabulary small enough to ship), L2 rows;
        # "offset": the shipped score a column, as above; "refit": the shipped features refitted alongside
        from collections import Counter

        from sklearn.feature_extraction import DictVectorizer

        bags = [lexical_tokens(u, docs[u.article_id], "style") for _, _, units, _, docs in stories for u in units]
        seen = Counter(t for bag, f in zip(bags, fit, strict=True) if f for t in set(bag))
        x = DictVectorizer().fit_transform([{t: 1.0 for t in bag if seen[t] >= 20} for bag in bags])
        norms = np.sqrt(np.asarray(x.sum(axis=1)).ravel())
        x = sparse.diags(1 / np.where(norms > 0, norms, 1)) @ x
        dense = np.vstack([f for _, _, _, f, _ in stories])
        model = LogisticRegression(C=0.03, max_iter=5000).fit(
            sparse.hstack([x, sparse.csr_matrix(base[:, None])]).tocsr()[fit], y[fit])
        pruned = {"offset": base + x @ model.coef_[0][:-1]}
        joint = sparse.hstack([x, sparse.csr_matrix(dense)]).tocsr()
        pruned["refit"] = LogisticRegression(C=0.03, max_iter=5000).fit(joint[fit], y[fit]).decision_function(joint)
        for name, values in pruned.items():
            lexical[f"pruned {name}"], at = [], 0
            for _, _, units, _, _ in stories:
                lexical[f"pruned {name}"].append(values[at:at + len(units)])
                at += len(units)

    order_model = fit_order_model(stories, w, intercept) if args.learnt_order else None
    results: dict[str, dict[str, list[float]]] = {}
    for n_story, (label, reference, units, features, docs) in enumerate(stories):
        n, ref = len(reference.split()), tokens(reference)
        score = features @ w + intercept
        prob = 1.0 / (1.0 + np.exp(-score))

        def rl(order: list[int], texts: list[str] | None = None, units=units, n=n, ref=ref) -> float:
            texts = texts or [u.text for u in units]
            return rouge_l(tokens(truncate([texts[i] for i in order], n)), ref)

        chosen = greedy(units, score, n)
        variants = {"shipped": rl(pick(units, score, n))}
        for b in (0.5, 1.0, 3.0):
            variants[f"order: rank + {b} * position"] = rl(ordered(units, score, chosen, b))
        for rule in ("paren", "appos", "relcl", "lead"):
            texts = [compressed(u, docs[u.article_id], rule) for u in units]
            short = [copy.copy(u) for u in units]
            for u, t in zip(short, texts, strict=True):
                u.text = t
            variants[f"compress: {rule}"] = rl(pick(short, score, n), texts)
        for mu in (0.01, 0.05):
            variants[f"coverage {mu}"] = rl(ordered(units, score, coverage_pick(units, prob, n, mu)))
        for amount in (0.2, 0.5):
            variants[f"continue {amount}"] = rl(ordered(units, score, greedy(
                units, score, n, continuation(units, amount, False))))
            variants[f"same article {amount}"] = rl(ordered(units, score, greedy(
                units, score, n, continuation(units, amount, True))))
        for kind, values in lexical.items():
            if kind.startswith("pruned"):  # these are whole scores, not a part added to the shipped one
                for amount in (0.0, 0.2):
                    variants[f"lexical style {kind}, same article {amount}"] = rl(ordered(
                        units, values[n_story], greedy(units, values[n_story], n,
                                                        continuation(units, amount, True))))
                continue
            for a in (0.5, 1.0):
                s = score + a * values[n_story]
                variants[f"lexical {kind} A={a}"] = rl(ordered(units, s, greedy(units, s, n)))
            if kind == "style":
                s = score + 0.5 * values[n_story]
                variants["lexical style A=0.5, same article 0.1"] = rl(ordered(units, s, greedy(
                    units, s, n, continuation(units, 0.1, True))))
        if order_model is not None:
            variants["order: learnt pairwise"] = rl(learnt_order(order_model, units, features, score, chosen))
            variants["order: best permutation (upper bound)"] = (
                max(rl(list(p)) for p in itertools.permutations(chosen)) if len(chosen) <= 4
                else variants["shipped"])
        for name, value in variants.items():
            results.setdefault(name, {}).setdefault(label, []).append(value)
    print_table(results, ranges, width=40)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
