"""A sixth round of summary variants tried on NeuS train held-out stories: nonlinear scorers, ranking objectives
and graded targets, and a story-level choice of order (see docs/experiments.md, "Summary methods").

Run: .venv/bin/python eval/summary_tried6.py [--evaldata PATH] [--cache DIR] [--only GROUP,...]

Every model is fitted on train records 300..2000 (the greedy ROUGE-L oracle's labels, ``train_summary.oracle``, as
``eval/train_summary.py`` fits the shipped logistic scorer, unless said otherwise) and scored with the shipped greedy
pick and order (:func:`summary_tried.pick`) on train records 0..300 and 2000.. (never val), output cut to the
reference's length, ROUGE-L as ``eval/summary.py`` computes it.  The parsed stories, their shipped features
(:data:`FEATURES`) and oracle labels come from ``eval/summary_tried5.py``'s cache (``--cache``, default
``/tmp/sumemb``; built on the first run, about 13 minutes); the style tokens are computed once more from a re-parse
(about 2 minutes) and kept beside it.  All of it runs in about 20 minutes on a shared 2-core machine.  Groups:

- ``gbt``: gradient-boosted trees over the shipped features (``HistGradientBoostingClassifier``, no early stopping,
  so deterministic; a few settings), and ``GradientBoostingClassifier`` (depth 2-3); ``+ story``: with the
  story-relative columns of :func:`story_columns` (each of central, support, support_max, entities and the shipped
  logit minus its story maximum and its rank in the story, the story's number of units and articles).
- ``mlp``: a small multilayer perceptron over the standardised features (``MLPClassifier``, seed fixed).
- ``offset``: trees boosted from the shipped logit (a correction to it; :func:`fit_lambdarank` with ``init``), on the
  log loss or on LambdaRank gradients.  ``blend``: the shipped logit plus A times a boosted model's logit.
- ``rank``: a linear model fitted on the differences of (kept, not kept) unit pairs of a story; boosted regression
  trees on RankNet / LambdaRank gradients within each story (:func:`fit_lambdarank`).
- ``graded``: the target is the unit's own ROUGE-L F1 (or LCS precision) against the reference (cut to the
  reference's length), regressed by boosted trees, or the oracle label plus it.
- ``style``: round 3's style tokens (``summary_tried3.lexical_tokens``) met in 20 training units or more, binary,
  beside the shipped features in trees (pointwise, or boosted from the shipped logit), and round 3's linear offset.
- ``step``: a learnt step-wise pick (:func:`run_step`): at each step of the greedy a conditional logit over the open
  units, fitted on the states the shipped greedy visits, the target the unit that adds most ROUGE-L; with columns of
  the budget left, which read the reference's length (``eval/summary.py`` gives it as ``max_words``), and the same
  model reading a budget a few words off it.
- ``order``: the shipped picks laid out by article (shipped), in picking order, or every article's lead first; the
  best of them known from the reference (upper bound); a story-level classifier (boosted trees over the story's pick
  features) choosing between the shipped order and one other.  ``pairorder``: round 3's pairwise order model, with
  boosted trees in place of its logistic model.
- ``noise``: the shipped logistic model refitted on bootstrap samples of the train 300..2000 stories (the protocol's
  own spread).

Nothing of it was kept (docs/experiments.md, "Summary methods", the sixth round).
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "eval"))

from storylens.analyse import summary as S  # noqa: E402
from summary import lcs_length, rouge_l, tokens, truncate  # noqa: E402  (eval/summary.py)
from summary_tried import greedy, pick, print_table  # noqa: E402  (eval/summary_tried.py)
from summary_tried3 import ordered  # noqa: E402  (eval/summary_tried3.py)
from summary_tried5 import build  # noqa: E402  (eval/summary_tried5.py)

TRAIN = "train 300-2000"
RANGES = {"train 0-300": None, "train 2000-": None}
GROUPS = ("gbt", "mlp", "offset", "blend", "rank", "graded", "step", "order", "pairorder", "noise", "style")
SEED = 0


def shipped_logit(story: dict) -> np.ndarray:
    weights, intercept = S.sentence_model()
    return story["features"] @ np.array([weights[n] for n in S.FEATURES]) + intercept


# ---------------------------------------------------------------------------------------------- features

STORY_BASE = ("central", "support", "support_max", "entities")


def story_columns(story: dict) -> np.ndarray:
    """Story-relative columns beside the shipped features: each of :data:`STORY_BASE` and the shipped logit minus
    its story maximum and its rank in the story (0 the best), the story's number of units and of articles."""
    cache = story.get("_story")
    if cache is not None:
        return cache
    f = story["features"]
    cols = [f[:, S.FEATURES.index(n)] for n in STORY_BASE] + [shipped_logit(story)]
    out = []
    for c in cols:
        out.append(c - c.max())
        out.append(np.argsort(np.argsort(-c, kind="stable"), kind="stable").astype(float))
    n = len(story["units"])
    out.append(np.full(n, float(min(n, 40))))
    out.append(np.full(n, float(len({u.article_index for u in story["units"]}))))
    story["_story"] = np.hstack([f, np.column_stack(out)])
    return story["_story"]


def plain(story: dict) -> np.ndarray:
    return story["features"]


def graded(story: dict, kind: str) -> np.ndarray:
    """Each unit's own ROUGE-L F1 ("f1") or LCS precision ("precision") against the reference, the unit cut to the
    reference's length."""
    key = f"_graded_{kind}"
    if key not in story:
        ref = tokens(story["reference"])
        n = len(story["reference"].split())
        values = []
        for u in story["units"]:
            t = tokens(truncate([u.text], n))
            if kind == "f1":
                values.append(rouge_l(t, ref))
            else:
                values.append(lcs_length(t, ref) / len(t) if t else 0.0)
        story[key] = np.array(values)
    return story[key]


# ---------------------------------------------------------------------------------------------- models


def train_rows(stories: list[dict], make) -> tuple[np.ndarray, np.ndarray, list[int]]:
    train = [s for s in stories if s["label"] == TRAIN]
    x = np.vstack([make(s) for s in train])
    y = np.concatenate([s["labels"] for s in train])
    return x, y, [len(s["units"]) for s in train]


def fit_classifier(stories: list[dict], make, model):
    x, y, _ = train_rows(stories, make)
    model.fit(x, y)
    return lambda s: model.predict_proba(make(s))[:, 1]


def fit_regressor(stories: list[dict], make, model, target):
    train = [s for s in stories if s["label"] == TRAIN]
    x = np.vstack([make(s) for s in train])
    y = np.concatenate([target(s) for s in train])
    model.fit(x, y)
    return lambda s: model.predict(make(s))


def fit_pairwise_logistic(stories: list[dict], make, c: float = 1.0):
    """Logistic regression on ``x_i - x_j`` (and its negation) for every kept unit i and unkept unit j of a story."""
    from sklearn.linear_model import LogisticRegression

    rows = []
    for s in stories:
        if s["label"] != TRAIN:
            continue
        x, y = make(s), s["labels"]
        pos, neg = np.flatnonzero(y == 1), np.flatnonzero(y == 0)
        if len(pos) and len(neg):
            d = (x[pos][:, None, :] - x[neg][None, :, :]).reshape(-1, x.shape[1])
            rows.append(d)
    d = np.vstack(rows)
    model = LogisticRegression(C=c, max_iter=5000, fit_intercept=False).fit(
        np.vstack([d, -d]), np.concatenate([np.ones(len(d)), np.zeros(len(d))]))
    w = model.coef_[0]
    return lambda s: make(s) @ w


def fit_lambdarank(stories: list[dict], make, label=None, n_trees: int = 150, depth: int = 3, rate: float = 0.1,
                   ndcg: bool = True, min_leaf: int = 40, init=None, loss: str = "rank"):
    """Boosted regression trees on LambdaRank gradients (RankNet's pairwise logistic loss within each story, each
    pair weighted by the change of NDCG when the two swap when ``ndcg``); ``label(story)`` the graded relevance
    (default the oracle's 0/1).  ``init(story)``: the score the trees start from (default 0; the shipped logit
    makes the trees a correction to it); ``loss`` "logistic": pointwise log loss on the 0/1 labels instead."""
    from sklearn.tree import DecisionTreeRegressor

    train = [s for s in stories if s["label"] == TRAIN]
    xs = [make(s) for s in train]
    ys = [label(s) if label else s["labels"] for s in train]
    x = np.vstack(xs)
    bounds = np.cumsum([0] + [len(v) for v in ys])
    f = np.concatenate([init(s) for s in train]) if init else np.zeros(len(x))
    trees = []
    for _ in range(n_trees):
        grad = np.zeros(len(x))
        hess = np.zeros(len(x))
        if loss == "logistic":
            p = 1.0 / (1.0 + np.exp(-f))
            yy = np.concatenate(ys)
            grad, hess = yy - p, p * (1 - p)
        for k, y in enumerate(ys if loss != "logistic" else []):
            lo, hi = bounds[k], bounds[k + 1]
            if hi - lo < 2 or np.all(y == y[0]):
                continue
            s = f[lo:hi]
            diff = y[:, None] - y[None, :]
            mask = diff > 0
            rho = 1.0 / (1.0 + np.exp(s[:, None] - s[None, :]))  # P(j above i) for i better than j
            if ndcg:
                order = np.argsort(-s, kind="stable")
                rank = np.empty(len(s))
                rank[order] = np.arange(len(s))
                gain = 2.0 ** y - 1
                disc = 1.0 / np.log2(rank + 2)
                ideal = np.sum(np.sort(gain)[::-1] / np.log2(np.arange(len(s)) + 2)) or 1.0
                weight = np.abs((gain[:, None] - gain[None, :]) * (disc[:, None] - disc[None, :])) / ideal
            else:
                weight = np.ones_like(rho)
            lam = np.where(mask, rho * weight, 0.0)
            h = np.where(mask, rho * (1 - rho) * weight, 0.0)
            grad[lo:hi] = lam.sum(axis=1) - lam.sum(axis=0)
            hess[lo:hi] = h.sum(axis=1) + h.sum(axis=0)
        tree = DecisionTreeRegressor(max_depth=depth, min_samples_leaf=min_leaf, random_state=SEED)
        tree.fit(x, grad)
        leaf = tree.apply(x)
        # Newton step per leaf
        values = {}
        for node in np.unique(leaf):
            idx = leaf == node
            values[node] = grad[idx].sum() / max(hess[idx].sum(), 1e-9)
        step = np.array([values[n] for n in leaf])
        f += rate * step
        trees.append((tree, values))

    def score(s: dict) -> np.ndarray:
        xx = make(s)
        out = init(s).astype(float) if init else np.zeros(len(xx))
        for tree, values in trees:
            out += rate * np.array([values.get(n, 0.0) for n in tree.apply(xx)])
        return out

    return score


# ---------------------------------------------------------------------------------------------- step-wise pick

STEP_FEATURES = ("logit", "logit_gap", "prob", "max_sim", "mean_sim", "same_first_article", "same_any_article",
                 "next_of_picked", "words_over_left", "overflow", "step", "first", "position", "left_over_length")


def similarities(story: dict) -> np.ndarray:
    if "_sims" not in story:
        units = story["units"]
        x, _ = S._matrix(units, len({u.article_index for u in units}))
        story["_sims"] = x @ x.T
    return story["_sims"]


def step_rows(units: list, logit: np.ndarray, sims: np.ndarray, chosen: list[int], cands: np.ndarray,
              n_words: int, words: int, extra: np.ndarray | None = None) -> np.ndarray:
    """The columns of :data:`STEP_FEATURES` for candidate units ``cands`` after the picks ``chosen`` (then the
    rows of ``extra``, per-unit columns, when given)."""
    left = max(n_words - words, 1)
    rows = []
    top = logit[cands].max()
    first_article = units[chosen[0]].article_index if chosen else -1
    picked_articles = {units[j].article_index for j in chosen}
    nexts = {(units[j].article_index, units[j].position + 1) for j in chosen}
    for i in cands:
        u = units[i]
        sim = sims[i, chosen] if chosen else np.zeros(1)
        rows.append([
            logit[i], logit[i] - top, 1.0 / (1.0 + math.exp(-logit[i])), float(sim.max()), float(sim.mean()),
            float(u.article_index == first_article), float(u.article_index in picked_articles),
            float((u.article_index, u.position) in nexts), min(u.n_words / left, 3.0),
            float(u.n_words > left), float(len(chosen)), float(u.position == 0), float(min(u.position, 10)),
            max(u.n_words - left, 0) / 30.0,
        ])
    rows = np.array(rows, dtype=float)
    return rows if extra is None else np.hstack([rows, extra[cands]])


def step_pick(story: dict, logit: np.ndarray, choose, max_sentences: int = 8, extra=None, shift: int = 0) -> list[int]:
    """:func:`summary_tried.greedy` with each pick chosen by ``choose(rows, cands, chosen) -> index into cands``
    (the shipped pick: the greatest logit), laid out in the shipped order."""
    units, n = story["units"], len(story["reference"].split())
    sims = similarities(story)
    open_ = np.ones(len(units), dtype=bool)
    chosen: list[int] = []
    words = 0
    while len(chosen) < max_sentences and words < n and open_.any():
        for i in np.flatnonzero(open_):  # a unit repeating a pick's words is never picked (the greedy skips it)
            if any(S._repeats(units[i], units[j]) for j in chosen):
                open_[i] = False
        cands = np.flatnonzero(open_)
        if not len(cands):
            break
        rows = step_rows(units, logit, sims, chosen, cands, n + shift, words, extra(story) if extra else None)
        best = int(cands[choose(rows, cands, chosen)])
        open_[best] = False
        chosen.append(best)
        for j, other in enumerate(units):
            if open_[j] and S._same_statement(units[best], other):
                open_[j] = False
        words += len(units[best].text.split())
    return ordered(units, logit, chosen)


def step_examples(story: dict, logit: np.ndarray, extra=None, choose=None, shift: int = 0
                  ) -> list[tuple[np.ndarray, np.ndarray]]:
    """The states the shipped greedy (or the policy ``choose``, as :func:`step_pick` takes it) goes through on
    ``story``, each with its candidates' rows and the ROUGE-L gain each candidate would bring (the summary laid out
    in the shipped order, cut to the reference's length)."""
    units, n = story["units"], len(story["reference"].split())
    ref = tokens(story["reference"])
    sims = similarities(story)
    out = []

    def value(order: list[int]) -> float:
        return rouge_l(tokens(truncate([units[i].text for i in ordered(units, logit, order)], n)), ref)

    open_ = np.ones(len(units), dtype=bool)
    chosen: list[int] = []
    words, current = 0, 0.0
    while len(chosen) < 8 and words < n and open_.any():
        for i in np.flatnonzero(open_):
            if any(S._repeats(units[i], units[j]) for j in chosen):
                open_[i] = False
        cands = np.flatnonzero(open_)
        if not len(cands):
            break
        rows = step_rows(units, logit, sims, chosen, cands, n + shift, words, extra(story) if extra else None)
        if len(cands) > 1:
            gains = np.array([value(chosen + [int(i)]) for i in cands]) - current
            out.append((rows, gains))
        best = int(cands[np.argmax(logit[cands]) if choose is None else choose(rows, cands, chosen)])
        open_[best] = False
        chosen.append(best)
        current = value(chosen)
        for j, other in enumerate(units):
            if open_[j] and S._same_statement(units[best], other):
                open_[j] = False
        words += len(units[best].text.split())
    return out


def fit_conditional_logit(examples: list[tuple[np.ndarray, np.ndarray]], columns: list[int], c: float = 1.0,
                          temperature: float = 0.0):
    """A linear conditional logit (softmax over a state's candidates) on ``columns`` of the step rows: the target
    the candidate of greatest gain (``temperature`` 0) or a softmax of the gains over ``temperature``."""
    from scipy.optimize import minimize

    xs = [r[:, columns] for r, _ in examples]
    mean = np.concatenate(xs).mean(axis=0)
    std = np.concatenate(xs).std(axis=0) + 1e-9
    xs = [(x - mean) / std for x in xs]
    targets = []
    for _, g in examples:
        if temperature:
            t = np.exp((g - g.max()) / temperature)
            targets.append(t / t.sum())
        else:
            t = (g == g.max()).astype(float)
            targets.append(t / t.sum())

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        total, grad = 0.5 * w @ w / c, w / c
        for x, t in zip(xs, targets, strict=True):
            z = x @ w
            z = z - z.max()
            p = np.exp(z)
            p /= p.sum()
            total -= float(t @ np.log(p + 1e-300))
            grad = grad + x.T @ (p - t)
        return total, grad

    w = minimize(loss, np.zeros(len(columns)), jac=True, method="L-BFGS-B").x
    return lambda rows, cands, chosen: int(np.argmax(((rows[:, columns] - mean) / std) @ w))


# ---------------------------------------------------------------------------------------------- order


def lead_first(units: list, score: np.ndarray, chosen: list[int]) -> list[int]:
    return ordered(units, score, chosen, b=100.0)


def order_candidates(units: list, score: np.ndarray, n: int) -> dict[str, list[int]]:
    chosen = greedy(units, score, n)
    return {"article": ordered(units, score, chosen), "picking": list(chosen), "leads": lead_first(units, score, chosen)}


def order_story_row(units: list, score: np.ndarray, features: np.ndarray, chosen: list[int]) -> np.ndarray:
    """Story-level features of a pick for the order chooser."""
    arts = [units[i].article_index for i in chosen]
    pos = [units[i].position for i in chosen]
    sc = np.sort(score[chosen])[::-1]
    n_art = len(set(arts))
    fi = {n: S.FEATURES.index(n) for n in ("central", "support", "length")}
    return np.array([
        len(chosen), n_art, len(units), float(np.mean(pos)), float(max(pos)), float(sum(p == 0 for p in pos)),
        float(sc[0]), float(sc[0] - sc[1]) if len(sc) > 1 else 0.0, float(units[chosen[0]].position == 0),
        float(features[chosen[0], fi["support"]]), float(features[chosen[0], fi["central"]]),
        float(features[chosen[0], fi["length"]]), float(len(set(arts[:2])) if len(arts) > 1 else 1),
    ])


# ---------------------------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--evaldata", type=Path, default=ROOT.parent / "shared" / "evaldata")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/sumemb"))
    parser.add_argument("--only", default="", help="comma-separated groups to run: " + ", ".join(GROUPS))
    args = parser.parse_args(argv)
    if not (args.evaldata / "neus" / "data.jsonl").is_file() and not (args.cache / "stories.pkl").is_file():
        print("NeuS data not found: nothing to evaluate.")
        return 0
    stories = build(args)
    if "style" in (args.only.split(",") if args.only else GROUPS):
        style_bags(stories, args.cache, args.evaldata)
    groups = set(args.only.split(",")) if args.only else set(GROUPS)
    run_variants(stories, groups)
    return 0


def run_variants(stories: list[dict], groups: set[str]) -> None:
    from sklearn.ensemble import (
        GradientBoostingClassifier,
        HistGradientBoostingClassifier,
        HistGradientBoostingRegressor,
    )
    from sklearn.neural_network import MLPClassifier
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    held = [s for s in stories if s["label"] != TRAIN]
    results: dict[str, dict[str, list[float]]] = {}
    started = time.monotonic()

    def rl(s: dict, order: list[int]) -> float:
        n = len(s["reference"].split())
        return rouge_l(tokens(truncate([s["units"][i].text for i in order], n)), tokens(s["reference"]))

    def score_rows(name: str, scorer) -> None:
        for s in held:
            score = scorer(s)
            chosen = pick(s["units"], score, len(s["reference"].split()))
            results.setdefault(name, {}).setdefault(s["label"], []).append(rl(s, chosen))
        r = results[name]
        print(f"  {name:<64} {np.mean(r['train 0-300']):.4f} {np.mean(r['train 2000-']):.4f}"
              f"  ({time.monotonic() - started:.0f} s)", flush=True)

    score_rows("shipped", shipped_logit)
    if "gbt" in groups:
        for make, tag in ((plain, ""), (story_columns, " + story")):
            for lr, iters, leaves, leaf in ((0.05, 200, 15, 40), (0.1, 100, 31, 20), (0.03, 300, 7, 80)):
                model = HistGradientBoostingClassifier(learning_rate=lr, max_iter=iters, max_leaf_nodes=leaves,
                                                       min_samples_leaf=leaf, early_stopping=False, random_state=SEED)
                score_rows(f"gbt hist lr {lr}, {iters} trees, {leaves} leaves, min leaf {leaf}{tag}",
                           fit_classifier(stories, make, model))
            for depth, iters in ((2, 200), (3, 150)):
                model = GradientBoostingClassifier(max_depth=depth, n_estimators=iters, learning_rate=0.05,
                                                   random_state=SEED)
                score_rows(f"gbt depth {depth}, {iters} trees, lr 0.05{tag}", fit_classifier(stories, make, model))
    if "mlp" in groups:
        for make, tag in ((plain, ""), (story_columns, " + story")):
            for hidden, alpha in (((16,), 1e-3), ((32, 16), 1e-2)):
                model = make_pipeline(StandardScaler(), MLPClassifier(hidden_layer_sizes=hidden, alpha=alpha,
                                                                      max_iter=500, random_state=SEED))
                score_rows(f"mlp {hidden}, alpha {alpha}{tag}", fit_classifier(stories, make, model))
    if "rank" in groups:
        score_rows("pairwise logistic", fit_pairwise_logistic(stories, plain))
        score_rows("pairwise logistic + story", fit_pairwise_logistic(stories, story_columns))
        score_rows("ranknet trees (depth 3, 150)", fit_lambdarank(stories, plain, ndcg=False))
        score_rows("lambdarank trees (depth 3, 150)", fit_lambdarank(stories, plain))
        score_rows("lambdarank trees + story", fit_lambdarank(stories, story_columns))
    if "offset" in groups:
        for make, tag in ((plain, ""), (story_columns, " + story")):
            for loss in ("logistic", "rank"):
                for n_trees, depth, rate in ((20, 2, 0.1), (50, 3, 0.05), (100, 3, 0.1)):
                    score_rows(f"trees from the shipped logit, {loss}, {n_trees} x depth {depth}, rate {rate}{tag}",
                               fit_lambdarank(stories, make, n_trees=n_trees, depth=depth, rate=rate,
                                              init=shipped_logit, loss=loss))
    if "step" in groups:
        run_step(stories, held, results, rl, started)
    if "blend" in groups:  # the shipped logit plus A times a boosted model's logit (an average of two scorers)
        for make, tag in ((plain, ""), (story_columns, " + story")):
            model = HistGradientBoostingClassifier(learning_rate=0.05, max_iter=200, max_leaf_nodes=15,
                                                   min_samples_leaf=40, early_stopping=False, random_state=SEED)
            prob = fit_classifier(stories, make, model)
            for a in (0.5, 1.0):
                score_rows(f"shipped logit + {a} x gbt hist logit (lr 0.05, 200 trees, 15 leaves){tag}",
                           lambda s, prob=prob, a=a: shipped_logit(s) + a * np.log(
                               np.clip(prob(s), 1e-9, 1) / np.clip(1 - prob(s), 1e-9, 1)))
    if "style" in groups:
        run_style(stories, score_rows)
    if "pairorder" in groups:
        run_pair_order(stories, held, results, rl, started)
    if "noise" in groups:
        run_noise(stories, score_rows)
    if "graded" in groups:
        for kind in ("f1", "precision"):
            model = HistGradientBoostingRegressor(learning_rate=0.05, max_iter=200, max_leaf_nodes=15,
                                                  min_samples_leaf=40, early_stopping=False, random_state=SEED)
            score_rows(f"graded {kind}, gbt regression",
                       fit_regressor(stories, plain, model, lambda s, kind=kind: graded(s, kind)))
        model = HistGradientBoostingRegressor(learning_rate=0.05, max_iter=200, max_leaf_nodes=15,
                                              min_samples_leaf=40, early_stopping=False, random_state=SEED)
        score_rows("graded label + f1, gbt regression",
                   fit_regressor(stories, plain, model, lambda s: s["labels"] + graded(s, "f1")))
        score_rows("lambdarank trees, graded label + 2 f1",
                   fit_lambdarank(stories, plain, label=lambda s: s["labels"] + 2 * graded(s, "f1")))
    if "order" in groups:
        run_order(stories, held, results, rl, started)
    print()
    print_table(results, RANGES, width=66)
    print("\nminus shipped, paired over stories (mean +- standard error), rows better than shipped on both ranges:")
    for name, by_range in results.items():
        diffs = {label: np.array(by_range[label]) - np.array(results["shipped"][label]) for label in RANGES
                 if len(by_range.get(label, [])) == len(results["shipped"][label])}
        if len(diffs) == len(RANGES) and name != "shipped" and min(d.mean() for d in diffs.values()) > 0.0:
            print(f"  {name:<66} " + "  ".join(
                f"{d.mean():+.4f} +- {d.std(ddof=1) / np.sqrt(len(d)):.4f}" for d in diffs.values()))


def run_step(stories, held, results, rl, started) -> None:
    """The step-wise pick (:func:`step_pick`): at each step of the greedy, a conditional logit over the open
    candidates (:func:`fit_conditional_logit`) fitted on the states the shipped greedy goes through on train
    300..2000 (:func:`step_examples`), the target the candidate adding most ROUGE-L; then DAgger rounds (states of
    the learnt pick added), and the length-fit columns read with a budget other than the reference's length."""
    from sklearn.ensemble import HistGradientBoostingRegressor

    train = [s for s in stories if s["label"] == TRAIN]
    extra = plain
    by_story = [step_examples(s, shipped_logit(s), extra) for s in train]
    examples = [e for x in by_story for e in x]
    print(f"  step examples: {len(examples)} states ({time.monotonic() - started:.0f} s)", flush=True)
    first_steps = [(r, g) for r, g in examples if r[0, 10] == 0]
    print(f"  first step, train 300-2000 ({len(first_steps)} stories): ROUGE-L of the best unit "
          f"{np.mean([g.max() for _, g in first_steps]):.3f}, of the shipped pick "
          f"{np.mean([g[np.argmax(r[:, 0])] for r, g in first_steps]):.3f}", flush=True)
    srp = step_scorer(held, results, rl, started, extra=extra)
    srp("step: shipped policy (check)", lambda rows, cands, chosen: int(np.argmax(rows[:, 0])))
    n_step, n_unit = len(STEP_FEATURES), len(S.FEATURES)
    unit = list(range(n_step, n_step + n_unit))
    length = [8, 9, 10, 13]  # words_over_left, overflow, step, left_over_length
    sets = {"logit, sims, article": [0, 1, 3, 4, 5, 6, 7], "logit, length left": [0, 1, *length],
            "all step columns": list(range(n_step))}
    for name, cols in sets.items():
        for c in (0.1, 10.0):
            for temp in (0.0, 0.02):
                srp(f"step: cl {name}, C {c}, temperature {temp}", fit_conditional_logit(examples, cols, c, temp))
    base = [0, 1, *length, *unit]
    for c in (0.03, 0.1, 1.0):
        srp(f"step: cl logit, length left, unit features, C {c}", fit_conditional_logit(examples, base, c))
    chosen_model = fit_conditional_logit(examples, base, 0.1)
    srp("step: cl logit, length left, unit features, C 0.1, temperature 0.02",
        fit_conditional_logit(examples, base, 0.1, 0.02))
    srp("step: cl logit, unit features (no length)", fit_conditional_logit(examples, [0, 1, *unit], 0.1))
    srp("step: cl unit features, length left (no logit)", fit_conditional_logit(examples, [*length, *unit], 0.1))
    first = [e for e in examples if e[0][0, 10] == 0]
    opening = fit_conditional_logit(first, base, 0.1)
    srp("step: first pick only by the cl (fitted on first steps), then shipped",
        lambda rows, cands, chosen: opening(rows, cands, chosen) if not chosen else int(np.argmax(rows[:, 0])))
    x = np.vstack([r[:, :n_step] for r, _ in examples])
    y = np.concatenate([g - g.max() for _, g in examples])
    model = HistGradientBoostingRegressor(learning_rate=0.05, max_iter=200, max_leaf_nodes=15, min_samples_leaf=40,
                                          early_stopping=False, random_state=SEED).fit(x, y)
    srp("step: gbt regression of the gain's shortfall, step columns",
        lambda rows, cands, chosen: int(np.argmax(model.predict(rows[:, :n_step]))))
    policy, pooled = chosen_model, list(examples)
    for k in (1, 2):
        pooled += [e for s in train for e in step_examples(s, shipped_logit(s), extra, choose=policy)]
        policy = fit_conditional_logit(pooled, base, 0.1)
        srp(f"step: cl logit, length left, unit features, C 0.1, DAgger round {k}", policy)
    # the length columns are a fingerprint of the reference's length (as the fourth round found): read them with
    # a budget a few words off the reference's, or fit and use them one word short
    for shift in (-1, -3, 1, 5):
        step_scorer(held, results, rl, started, extra=extra, shift=shift)(
            f"step: the same (C 0.1), the budget read as L{shift:+d}", chosen_model)
    short = [e for s in train for e in step_examples(s, shipped_logit(s), extra, shift=-1)]
    step_scorer(held, results, rl, started, extra=extra, shift=-1)(
        "step: the same, fitted and used with the budget L-1 (fair)", fit_conditional_logit(short, base, 0.1))


def step_scorer(held, results, rl, started, extra=None, shift: int = 0):
    def score_rows_pick(name: str, choose) -> None:
        for s in held:
            results.setdefault(name, {}).setdefault(s["label"], []).append(
                rl(s, step_pick(s, shipped_logit(s), choose, extra=extra, shift=shift)))
        r = results[name]
        print(f"  {name:<64} {np.mean(r['train 0-300']):.4f} {np.mean(r['train 2000-']):.4f}"
              f"  ({time.monotonic() - started:.0f} s)", flush=True)
    return score_rows_pick


def style_bags(stories: list[dict], cache: Path, evaldata: Path) -> None:
    """Round 3's style tokens (:func:`summary_tried3.lexical_tokens`, "style": stop words, POS tags and bigrams, the
    first three words) of every unit, as ``story["style"]`` (the stories re-parsed once, kept in ``cache``)."""
    import pickle

    path = cache / "style.pkl"
    if path.is_file():
        with path.open("rb") as fh:
            found = pickle.load(fh)
    else:
        from storylens.parse.pipeline import load_pipeline
        from summary import load
        from summary_tried3 import lexical_tokens
        from train_summary import record_units

        train = load(evaldata / "neus" / "data.jsonl", "train", None)
        nlp = load_pipeline("en_core_web_sm")
        found = {}
        for s in stories:
            _, units, _, docs = record_units(train[s["idx"]], nlp, with_docs=True)
            if [(u.article_index, u.start, u.end) for u in units] == [(u.article_index, u.start, u.end)
                                                                      for u in s["units"]]:
                found[s["idx"]] = [lexical_tokens(u, docs[u.article_id], "style") for u in units]
        with path.open("wb") as fh:
            pickle.dump(found, fh)
    for s in stories:
        s["style"] = found.get(s["idx"])


def run_style(stories, score_rows) -> None:
    """Boosted trees over the shipped features and round 3's style tokens met in 20 training units or more (binary
    columns), pointwise on the oracle labels, or boosted from the shipped logit; and round 3's linear offset again."""
    from sklearn.ensemble import HistGradientBoostingClassifier
    from sklearn.linear_model import LogisticRegression

    train = [s for s in stories if s["label"] == TRAIN and s.get("style") is not None]
    counts: dict[str, int] = {}
    for s in train:
        for bag in s["style"]:
            for token in set(bag):
                counts[token] = counts.get(token, 0) + 1
    vocab = {t: k for k, t in enumerate(sorted(t for t, n in counts.items() if n >= 20))}
    print(f"  style vocabulary: {len(vocab)} tokens", flush=True)

    def bag(s: dict) -> np.ndarray:
        if "_bag" not in s:
            out = np.zeros((len(s["units"]), len(vocab)))
            for row, tokens_ in enumerate(s["style"] or []):
                for token in set(tokens_):
                    if token in vocab:
                        out[row, vocab[token]] = 1.0
            s["_bag"] = out
        return s["_bag"]

    def with_bag(s: dict) -> np.ndarray:
        return np.hstack([s["features"], bag(s)])

    def with_story_bag(s: dict) -> np.ndarray:
        return np.hstack([story_columns(s), bag(s)])

    subset = [s for s in stories if s["label"] != TRAIN or s.get("style") is not None]
    for make, tag in ((with_bag, ""), (with_story_bag, " + story")):
        model = HistGradientBoostingClassifier(learning_rate=0.05, max_iter=200, max_leaf_nodes=15, min_samples_leaf=40,
                                               early_stopping=False, random_state=SEED)
        score_rows(f"style: gbt hist over features + style tokens{tag}", fit_classifier(subset, make, model))
    for n_trees, depth, rate in ((20, 2, 0.1), (50, 3, 0.05)):
        score_rows(f"style: trees from the shipped logit over features + style tokens, {n_trees} x depth {depth}",
                   fit_lambdarank(subset, with_bag, n_trees=n_trees, depth=depth, rate=rate, init=shipped_logit,
                                  loss="logistic"))
    x = np.vstack([np.hstack([shipped_logit(s)[:, None], bag(s)]) for s in train])
    y = np.concatenate([s["labels"] for s in train])
    model = LogisticRegression(C=0.03, max_iter=5000).fit(x, y)
    wb, a = model.coef_[0][1:], float(model.coef_[0][0])
    score_rows("style: round 3's linear offset (C 0.03, added times 1), for reference",
               lambda s: shipped_logit(s) + (bag(s) @ wb) / a)


def run_pair_order(stories, held, results, rl, started) -> None:
    """Round 3's pairwise order model (:func:`summary_tried3.fit_order_model`: which of two picks comes first in
    the best order of the shipped picks) with boosted trees in place of the logistic model, and round 3's logistic
    model again for reference."""
    from sklearn.ensemble import HistGradientBoostingClassifier

    from summary_tried3 import fit_order_model, learnt_order

    as_tuples = [("fit 300-2000" if s["label"] == TRAIN else s["label"], s["reference"], s["units"], s["features"],
                  None) for s in stories]
    weights, intercept = S.sentence_model()
    w = np.array([weights[n] for n in S.FEATURES])
    linear = fit_order_model(as_tuples, w, intercept)
    models = {"logistic (round 3)": linear}
    for leaves, iters in ((7, 100), (15, 200)):
        def make(leaves=leaves, iters=iters):
            return HistGradientBoostingClassifier(learning_rate=0.05, max_iter=iters, max_leaf_nodes=leaves,
                                                  min_samples_leaf=40, early_stopping=False, random_state=SEED)
        models[f"trees, {leaves} leaves, {iters}"] = refit_order(as_tuples, w, intercept, make)
    for name, model in models.items():
        for s in held:
            score = s["features"] @ w + intercept
            chosen = greedy(s["units"], score, len(s["reference"].split()))
            order = learnt_order(model, s["units"], s["features"], score, chosen) if len(chosen) > 1 else chosen
            results.setdefault(f"order: learnt pairwise, {name}", {}).setdefault(s["label"], []).append(rl(s, order))
        r = results[f"order: learnt pairwise, {name}"]
        print(f"  order: learnt pairwise, {name:<40} {np.mean(r['train 0-300']):.4f} {np.mean(r['train 2000-']):.4f}"
              f"  ({time.monotonic() - started:.0f} s)", flush=True)


def refit_order(as_tuples, w, intercept, make):
    """The pairs and weights :func:`summary_tried3.fit_order_model` fits, fitted by ``make()`` instead (the pairs
    caught by standing in for the logistic model it imports when called)."""
    import sklearn.linear_model as lm

    import summary_tried3

    caught = {}

    class Catch:
        def __init__(self, **kwargs):
            pass

        def fit(self, x, y, sample_weight=None):
            caught.update(x=x, y=y, weight=sample_weight)
            return self

    original = lm.LogisticRegression
    lm.LogisticRegression = Catch
    try:
        summary_tried3.fit_order_model(as_tuples, w, intercept)
    finally:
        lm.LogisticRegression = original
    return make().fit(caught["x"], caught["y"], sample_weight=caught["weight"])


def run_noise(stories, score_rows) -> None:
    """The spread of the protocol: the shipped logistic scorer refitted on bootstrap samples of the train 300..2000
    stories (as ``eval/train_summary.py`` fits it), each scored on both ranges."""
    from sklearn.linear_model import LogisticRegression

    train = [s for s in stories if s["label"] == TRAIN]
    rng = np.random.default_rng(SEED)
    for b in range(8):
        sample = [train[k] for k in rng.integers(0, len(train), len(train))] if b else train
        x = np.vstack([s["features"] for s in sample])
        y = np.concatenate([s["labels"] for s in sample])
        model = LogisticRegression(C=1.0, max_iter=3000).fit(x, y)
        w, c = model.coef_[0], float(model.intercept_[0])
        score_rows("refit logistic, all of train 300-2000" if not b else f"refit logistic, bootstrap sample {b}",
                   lambda s, w=w, c=c: s["features"] @ w + c)


def run_order(stories, held, results, rl, started) -> None:
    from sklearn.ensemble import HistGradientBoostingClassifier

    names = ("article", "picking", "leads")
    train = [s for s in stories if s["label"] == TRAIN]
    rows, labels = {k: [] for k in names[1:]}, {k: [] for k in names[1:]}
    for s in train:
        score = shipped_logit(s)
        cands = order_candidates(s["units"], score, len(s["reference"].split()))
        values = {k: rl(s, v) for k, v in cands.items()}
        row = order_story_row(s["units"], score, s["features"], cands["article"])
        for k in names[1:]:
            if values[k] != values["article"]:
                rows[k].append(row)
                labels[k].append(float(values[k] > values["article"]))
    models = {}
    for k in names[1:]:
        models[k] = HistGradientBoostingClassifier(learning_rate=0.05, max_iter=100, max_leaf_nodes=7,
                                                   min_samples_leaf=40, early_stopping=False,
                                                   random_state=SEED).fit(np.array(rows[k]), np.array(labels[k]))
    for s in held:
        score = shipped_logit(s)
        cands = order_candidates(s["units"], score, len(s["reference"].split()))
        values = {k: rl(s, v) for k, v in cands.items()}
        row = order_story_row(s["units"], score, s["features"], cands["article"])
        for k in names:
            results.setdefault(f"order: {k}", {}).setdefault(s["label"], []).append(values[k])
        results.setdefault("order: best of three (upper bound)", {}).setdefault(s["label"], []).append(
            max(values.values()))
        for k in names[1:]:
            for cut in (0.5, 0.6):
                p = models[k].predict_proba(row[None, :])[0, 1]
                results.setdefault(f"order: learnt choice article / {k}, p > {cut}", {}).setdefault(
                    s["label"], []).append(values[k] if p > cut else values["article"])
    print(f"  order rows done ({time.monotonic() - started:.0f} s)", flush=True)


if __name__ == "__main__":
    raise SystemExit(main())
