"""A fifth round of summary variants tried on NeuS train held-out stories: sentence embeddings (one kept, opt-in;
see docs/experiments.md, "Summary methods").

Run: .venv/bin/python eval/summary_tried5.py [--evaldata PATH] [--cache DIR] [--cost N]

The shipped sentence scorer (``_features``: lemma TF-IDF centrality, cross-source support, entities, position,
form) is refitted with extra columns computed from each unit's all-MiniLM-L6-v2 embedding
(:mod:`storylens.align.embeddings`, the encoder storylens already ships, run in NumPy), as
``eval/train_summary.py`` fits it: logistic regression (L2, C=1) on train records 300..2000 against the greedy
ROUGE-L oracle's labels (``train_summary.oracle``).  Each refit is scored with the shipped greedy pick and order
(:func:`summary_tried.pick`) on train records 0..300 and 2000.. (never val), output cut to the reference's
length, ROUGE-L as ``eval/summary.py`` computes it.  The extra columns (:func:`embedding_features`):

- ``e_central``: cosine of the unit to the story's embedding centroid (the normalised mean of every unit).
- ``e_lead``: cosine to the normalised mean of the articles' first units (their leads).
- ``e_support`` / ``e_support_max``: the mean / the greatest, over the other articles, of the unit's best cosine
  to a unit of that article (cross-outlet support in meaning, not words).
- ``e_support_mean``: the mean cosine to every unit of the other articles.
- ``e_article``: the mean ``e_central`` of the unit's article (how central its outlet's report is).
- ``e_central_first`` / ``e_support_first``: ``e_central`` / ``e_support`` of an article's first unit (0 elsewhere),
  as the shipped ``central_first``, ``support_first``.
- ``e_title``: the mean cosine to the three articles' titles (NeuS gives titles; ``eval/summary.py`` does not pass
  them to the summary, so this one would change what the summary is given).

Variants of cost: ``top-K``: only the K best units by the shipped score are encoded (their embedding columns
computed among themselves), the others keep the shipped score and are ranked after them (:func:`topk_scores`);
``trunc T``: every unit's word pieces truncated to T before encoding; ``static``: the mean of the word pieces'
input embeddings, no layer run.  Then:

- ``emb redundancy C``: a unit whose embedding cosine to a picked one is C or more is not picked.
- ``shipped score + ...``: the shipped logit as one column beside the embedding columns (an offset to it).
- ``dense embedding``: the unit's vector itself (384 columns; ``+ relative``: and the vector minus the story's
  mean vector, 768) beside the shipped logit, logistic with C=``C`` (:func:`fit_dense`); the dense part is added
  to the shipped logit times ``A`` over the logit column's coefficient (A=1: the fitted model's ranking).  The one
  kept, opt-in, as ``summary_embeddings`` (``+ relative``, C=0.03, A=1, the 8 best units encoded): see
  ``storylens.analyse.summary``; its weights are written by ``eval/train_summary.py --embeddings``.
- ``whole article first, embedding medoid``: the article whose mean vector is nearest the others' given whole
  first (as ``summary_tried.whole``).

``--cost N``: CPU seconds (``time.process_time``, one BLAS thread, as the summary runs) of the spaCy parse of the
first N train stories' three articles against the encoder over their units (all, top-K, truncated, static); with
``--cost-source ecb``, of ``bench/batch.py``'s ECB+ stories of N documents in all (the speed goal's articles).

The parsed stories, their oracle labels and embeddings are pickled under ``--cache`` (default
``/tmp/sumemb``) on the first run (about 13 minutes on a busy 2-core machine) and read back after (then about 2 minutes).
"""

from __future__ import annotations

import argparse
import pickle
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "eval"))

from storylens.analyse import summary as S  # noqa: E402
from storylens.models import Article  # noqa: E402
from summary import load, rouge_l, tokens, truncate  # noqa: E402  (eval/summary.py)
from summary_tried import pick, print_table  # noqa: E402  (eval/summary_tried.py)
from train_summary import oracle, record_units  # noqa: E402  (eval/train_summary.py)

RANGES = {"train 0-300": (0, 300), "train 300-2000": (300, 2000), "train 2000-": (2000, None)}
TRUNCATIONS = (64, 32)
#: the static variant: ``emb0`` holds the mean input embedding of the word pieces (no layer run)
STATIC = 0


def one_blas_thread():
    return S._one_blas_thread()


def encode(texts: list[str], max_length: int | None = None) -> np.ndarray:
    """all-MiniLM-L6-v2 vectors of ``texts``; with ``max_length``, tokens truncated to it (special ones included)."""
    from storylens.align.embeddings import encoder

    enc = encoder()
    if max_length is None:
        return enc.encode(texts)
    if max_length == 0:  # static: the mean of the word pieces' input embeddings, no transformer layer
        return enc.static(texts)
    saved = enc.max_length
    enc.tokenizer.enable_truncation(max_length=max_length)
    try:
        return enc.encode(texts)
    finally:
        enc.tokenizer.enable_truncation(max_length=saved)


def build(args) -> list[dict]:
    """Every train story of :data:`RANGES`: its units, shipped features, titles, embeddings (full and truncated)
    and, for train 300..2000, the oracle labels; pickled in ``args.cache``."""
    path = args.cache / "stories.pkl"
    if path.is_file():
        with path.open("rb") as fh:
            return pickle.load(fh)
    from storylens.parse.pipeline import load_pipeline

    args.cache.mkdir(parents=True, exist_ok=True)
    train = load(args.evaldata / "neus" / "data.jsonl", "train", None)
    from storylens.align.embeddings import encoder

    nlp = load_pipeline("en_core_web_sm")
    stories = []
    started = time.monotonic()
    with one_blas_thread():
        for label, (lo, hi) in RANGES.items():
            for k in range(lo, hi if hi is not None else len(train)):
                record = train[k]
                built = record_units(record, nlp)
                if built is None:
                    continue
                reference, units, features = built
                texts = [u.text for u in units]
                story = {"label": label, "idx": k, "reference": reference, "units": units, "features": features,
                         "titles": [(a.get("title") or "") for a in record.get("articles") or []],
                         "emb": encode(texts)}
                story["emb_title"] = encode(story["titles"])
                lengths = [len(e.ids) for e in encoder().tokenizer.encode_batch(texts)]
                for t in (*TRUNCATIONS, STATIC):
                    # truncation changes only the longer texts: the others keep their whole vector
                    long = [i for i, n in enumerate(lengths) if n > t] if t else list(range(len(texts)))
                    story[f"emb{t}"] = story["emb"].copy()
                    if long:
                        story[f"emb{t}"][long] = encode([texts[i] for i in long], t)
                if label == "train 300-2000":
                    keep = oracle(units, reference)
                    story["labels"] = np.array([float(i in keep) for i in range(len(units))])
                stories.append(story)
                if len(stories) % 200 == 0:
                    print(f"  built {len(stories)} stories, {time.monotonic() - started:.0f} s", flush=True)
    with path.open("wb") as fh:
        pickle.dump(stories, fh)
    return stories


# ---------------------------------------------------------------------------------------------- features

EMB_FEATURES = ("e_central", "e_lead", "e_support", "e_support_max", "e_support_mean", "e_article",
                "e_central_first", "e_support_first", "e_title")


def embedding_features(units: list, e: np.ndarray, e_title: np.ndarray | None = None) -> np.ndarray:
    """The columns of :data:`EMB_FEATURES` for ``units`` with unit-length embeddings ``e`` (rows)."""
    n = len(units)
    out = np.zeros((n, len(EMB_FEATURES)))
    if n == 0:
        return out
    article = np.array([u.article_index for u in units])
    first = np.array([u.position == 0 for u in units])

    def unit(v: np.ndarray) -> np.ndarray:
        norm = np.linalg.norm(v)
        return v / norm if norm > 0 else v

    central = e @ unit(e.mean(axis=0))
    lead = e @ unit(e[first].mean(axis=0)) if first.any() else central
    sims = e @ e.T
    arts = sorted(set(article.tolist()))
    support = np.zeros(n)
    support_max = np.zeros(n)
    support_mean = np.zeros(n)
    for row in range(n):
        best = [sims[row, article == a].max() for a in arts if a != article[row]]
        if best:
            support[row] = np.mean(best)
            support_max[row] = max(best)
            support_mean[row] = sims[row, article != article[row]].mean()
    art_mean = {a: float(central[article == a].mean()) for a in arts}
    title = (e @ e_title.T).mean(axis=1) if e_title is not None and len(e_title) else np.zeros(n)
    out[:, 0] = central
    out[:, 1] = lead
    out[:, 2] = support
    out[:, 3] = support_max
    out[:, 4] = support_mean
    out[:, 5] = [art_mean[a] for a in article.tolist()]
    out[:, 6] = central * first
    out[:, 7] = support * first
    out[:, 8] = title
    return out


def columns(story: dict, names: tuple[str, ...], emb_key: str = "emb") -> np.ndarray:
    """The shipped features plus the embedding columns ``names`` (from embeddings ``emb_key``)."""
    if not names:
        return story["features"]
    cache = story.setdefault("_ef", {})
    if emb_key not in cache:
        cache[emb_key] = embedding_features(story["units"], story[emb_key], story["emb_title"])
    idx = [EMB_FEATURES.index(n) for n in names]
    return np.hstack([story["features"], cache[emb_key][:, idx]])


def offset_columns(story: dict, names: tuple[str, ...], emb_key: str = "emb") -> np.ndarray:
    """The shipped score (logit) as one column, then the embedding columns ``names``."""
    weights, intercept = S.sentence_model()
    ship = story["features"] @ np.array([weights[n] for n in S.FEATURES]) + intercept
    return np.hstack([ship[:, None], columns(story, names, emb_key)[:, len(S.FEATURES):]])


def fit(stories: list[dict], names: tuple[str, ...], emb_key: str = "emb", make=columns):
    from sklearn.linear_model import LogisticRegression

    train = [s for s in stories if s["label"] == "train 300-2000"]
    x = np.vstack([make(s, names, emb_key) for s in train])
    y = np.concatenate([s["labels"] for s in train])
    model = LogisticRegression(C=1.0, max_iter=5000).fit(x, y)
    return model.coef_[0], float(model.intercept_[0])


def topk_scores(story: dict, names: tuple[str, ...], w_ship: np.ndarray, b_ship: float, w: np.ndarray, b: float,
                k: int, emb_key: str = "emb") -> np.ndarray:
    """Scores when only the ``k`` best units by the shipped score are encoded: those get the refitted score with
    their embedding columns computed among themselves, the rest keep the shipped score minus a margin that ranks
    them after every encoded one."""
    units, feats = story["units"], story["features"]
    ship = feats @ w_ship + b_ship
    if len(units) <= k:
        return columns(story, names, emb_key) @ w + b
    top = np.argsort(-ship, kind="stable")[:k]
    sub = [units[i] for i in top]
    ef = embedding_features(sub, story[emb_key][top], story["emb_title"])
    idx = [EMB_FEATURES.index(n) for n in names]
    new = np.hstack([feats[top], ef[:, idx]]) @ w + b
    score = ship - 1000.0
    score[top] = new
    return score


def dense(story: dict, key: str = "emb", relative: bool = True, rows: np.ndarray | None = None) -> np.ndarray:
    """The unit embeddings (rows), and with ``relative`` each minus the story's mean embedding beside them;
    ``rows``: those units only (the mean over them)."""
    e = story[key].astype(float)
    if rows is not None:
        e = e[rows]
    return np.hstack([e, e - e.mean(axis=0)]) if relative else e


def fit_dense(stories: list[dict], key: str = "emb", relative: bool = True, c: float = 0.03
              ) -> tuple[np.ndarray, float]:
    """Logistic regression (L2, C=``c``) on train 300..2000's oracle labels over the shipped score (one column)
    and :func:`dense`'s columns: the dense weights and the shipped score's coefficient."""
    from sklearn.linear_model import LogisticRegression

    weights, intercept = S.sentence_model()
    w_ship = np.array([weights[n] for n in S.FEATURES])
    train = [s for s in stories if s["label"] == "train 300-2000"]
    x = np.hstack([np.concatenate([s["features"] @ w_ship + intercept for s in train])[:, None],
                   np.vstack([dense(s, key, relative) for s in train])])
    y = np.concatenate([s["labels"] for s in train])
    model = LogisticRegression(C=c, max_iter=5000).fit(x, y)
    return model.coef_[0][1:], float(model.coef_[0][0])


def dense_scores(story: dict, w_ship: np.ndarray, b_ship: float, wd: np.ndarray, scale: float, key: str = "emb",
                 relative: bool = True, top_k: int | None = None) -> np.ndarray:
    """The shipped score plus ``scale`` times the dense part; with ``top_k``, only the ``top_k`` best units by the
    shipped score are encoded (the story mean over them), the others ranked after them."""
    ship = story["features"] @ w_ship + b_ship
    if top_k is None or len(ship) <= top_k:
        return ship + scale * (dense(story, key, relative) @ wd)
    top = np.argsort(-ship, kind="stable")[:top_k]
    score = ship - 1000.0
    score[top] = ship[top] + scale * (dense(story, key, relative, top) @ wd)
    return score


def emb_greedy(units: list, score: np.ndarray, n_words: int, e: np.ndarray, cutoff: float) -> list[int]:
    """:func:`summary_tried.greedy` with one more check: a unit whose embedding cosine to a picked one is
    ``cutoff`` or more is skipped; laid out in the shipped order."""
    from summary_tried3 import ordered

    sims = e @ e.T
    open_ = np.ones(len(units), dtype=bool)
    chosen: list[int] = []
    words = 0
    while len(chosen) < 8 and words < n_words and open_.any():
        best = int(np.flatnonzero(open_)[np.argmax(score[open_])])
        open_[best] = False
        if any(S._repeats(units[best], units[j]) for j in chosen) or any(sims[best, j] >= cutoff for j in chosen):
            continue
        chosen.append(best)
        for j, other in enumerate(units):
            if open_[j] and S._same_statement(units[best], other):
                open_[j] = False
        words += len(units[best].text.split())
    return ordered(units, score, chosen)


# ---------------------------------------------------------------------------------------------- cost


def bench_records(evaldata: Path, n_articles: int) -> list[dict]:
    """``bench/batch.py``'s ECB+ stories (whole stories in file order until ``n_articles`` documents), as
    NeuS-like records (a dummy reference), for the cost on articles of the speed goal's size."""
    sys.path.insert(0, str(ROOT / "bench"))
    from batch import ecbplus_stories, take  # bench/batch.py

    stories = take(ecbplus_stories(evaldata / "ecbplus" / "data.jsonl"), n_articles)
    return [{"target": {"text": "x"}, "articles": [{"text": a.text} for a in story]} for story in stories]


def cost(args, n_stories: int) -> None:
    """CPU seconds per story: the parse of its articles, and the encoder over its units."""
    from storylens.parse.pipeline import load_pipeline

    if args.cost_source == "ecb":
        train = bench_records(args.evaldata, n_stories)
    else:
        train = load(args.evaldata / "neus" / "data.jsonl", "train", n_stories)
    nlp = load_pipeline("en_core_web_sm")
    weights, intercept = S.sentence_model()
    w = np.array([weights[name] for name in S.FEATURES])
    list(nlp.pipe(["Warm up the parser with a sentence."]))
    encode(["Warm up the encoder."])
    totals: dict[str, float] = {}
    n_units = n_words = n_tokens = 0
    from storylens.align.embeddings import encoder

    enc = encoder()
    with one_blas_thread():
        for record in train:
            texts = [Article(id=f"a{i}", text=a.get("text") or "").text  # as storylens reads it
                     for i, a in enumerate(record.get("articles") or [])]
            t0 = time.process_time()
            list(nlp.pipe(texts))
            totals["parse"] = totals.get("parse", 0.0) + time.process_time() - t0
            built = record_units(record, nlp)
            if built is None:
                continue
            _, units, features = built
            unit_texts = [u.text for u in units]
            n_units += len(units)
            n_words += sum(len(t.split()) for t in texts)
            n_tokens += sum(len(e.ids) for e in enc.tokenizer.encode_batch(unit_texts))
            order = np.argsort(-(features @ w + intercept), kind="stable")
            runs = {"encode all": (unit_texts, None)}
            for t in TRUNCATIONS:
                runs[f"encode all, trunc {t}"] = (unit_texts, t)
            runs["static (mean input embedding)"] = (unit_texts, STATIC)
            for k in (4, 6, 8):
                runs[f"encode top-{k}"] = ([unit_texts[i] for i in order[:k]], None)
                runs[f"encode top-{k}, trunc 64"] = ([unit_texts[i] for i in order[:k]], 64)
            for name, (batch, t) in runs.items():
                t0 = time.process_time()
                encode(batch, t)
                totals[name] = totals.get(name, 0.0) + time.process_time() - t0
    n = len(train)
    print(f"\nCPU cost over {n} {args.cost_source} stories ({n_units / n:.1f} units, {n_words / n:.0f} words, "
          f"{n_tokens / n:.0f} word pieces per story; one BLAS thread):")
    print(f"{'step':<28} {'ms per story':>12} {'x parse':>8}")
    for name, total in totals.items():
        print(f"{name:<28} {1000 * total / n:12.1f} {total / totals['parse']:8.2f}")


# ---------------------------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--evaldata", type=Path, default=ROOT.parent / "shared" / "evaldata")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/sumemb"))
    parser.add_argument("--cost", type=int, default=0, help="measure the CPU cost on the first N train stories")
    parser.add_argument("--cost-source", choices=["neus", "ecb"], default="neus",
                        help="--cost on the first N NeuS train stories, or on bench/batch.py's ECB+ stories of N "
                             "documents in all")
    parser.add_argument("--build-only", action="store_true")
    args = parser.parse_args(argv)
    if args.cost:
        cost(args, args.cost)
        return 0
    if not (args.evaldata / "neus" / "data.jsonl").is_file() and not (args.cache / "stories.pkl").is_file():
        print("NeuS data not found: nothing to evaluate.")
        return 0
    stories = build(args)
    if args.build_only:
        return 0
    run_variants(stories)
    return 0


def run_variants(stories: list[dict]) -> None:
    weights, intercept = S.sentence_model()
    w_ship = np.array([weights[name] for name in S.FEATURES])
    held = [s for s in stories if s["label"] != "train 300-2000"]
    ranges = {"train 0-300": None, "train 2000-": None}
    results: dict[str, dict[str, list[float]]] = {}

    def score_rows(name: str, scorer, picker=None) -> None:
        for s in held:
            units, n, ref = s["units"], len(s["reference"].split()), tokens(s["reference"])
            score = scorer(s)
            chosen = picker(s, score) if picker else pick(units, score, n)
            value = rouge_l(tokens(truncate([units[i].text for i in chosen], n)), ref)
            results.setdefault(name, {}).setdefault(s["label"], []).append(value)

    score_rows("shipped", lambda s: s["features"] @ w_ship + intercept)
    w0, b0 = fit(stories, ())
    score_rows("refit, shipped features (check)", lambda s: s["features"] @ w0 + b0)
    sets: dict[str, tuple[str, ...]] = {name: (name,) for name in EMB_FEATURES}
    sets["e_central + e_support"] = ("e_central", "e_support")
    sets["e_support, e_support_max"] = ("e_support", "e_support_max")
    sets["centrality and support set (no title)"] = ("e_central", "e_lead", "e_support", "e_support_max",
                                                     "e_support_mean", "e_article")
    sets["all but title"] = tuple(n for n in EMB_FEATURES if n != "e_title")
    sets["all"] = EMB_FEATURES
    fitted: dict[str, tuple] = {}
    for label, names in sets.items():
        w, b = fit(stories, names)
        fitted[label] = (names, w, b)
        score_rows(f"+ {label}", lambda s, names=names, w=w, b=b: columns(s, names) @ w + b)
    for label in ("all but title", "e_central + e_support"):
        names, _, _ = fitted[label]
        for t in (*TRUNCATIONS, STATIC):
            w, b = fit(stories, names, f"emb{t}")
            score_rows(f"+ {label}, " + (f"trunc {t}" if t else "static embeddings"), lambda s, names=names, w=w, b=b, t=t: columns(s, names, f"emb{t}") @ w + b)
        _, w, b = fitted[label]
        for k in (4, 6, 8):
            score_rows(f"+ {label}, top-{k} encoded",
                       lambda s, names=names, w=w, b=b, k=k: topk_scores(s, names, w_ship, intercept, w, b, k))
    for cutoff in (0.6, 0.7, 0.8):
        score_rows(f"shipped + emb redundancy {cutoff}", lambda s: s["features"] @ w_ship + intercept,
                   lambda s, score, cutoff=cutoff: emb_greedy(s["units"], score, len(s["reference"].split()), s["emb"],
                                                              cutoff))
    # the shipped score kept, as a column, with the embedding columns fitted beside it (an offset to it)
    for label in ("e_support_max", "e_title", "all but title", "all"):
        names = sets[label]
        for key in ("emb", f"emb{STATIC}"):
            w, b = fit(stories, names, key, offset_columns)
            score_rows(f"shipped score + {label}" + (" (static)" if key != "emb" else ""),
                       lambda s, names=names, w=w, b=b, key=key: offset_columns(s, names, key) @ w + b)
    # the unit's embedding itself (384 columns: what kind of sentence it is, as the style bag of round 3), beside the
    # shipped score; its part added to the shipped score times A (:func:`fit_dense`, :func:`dense_scores`)
    for key in ("emb", f"emb{STATIC}"):
        for relative in (False, True):
            for c in (0.03, 0.3):
                wd, a_ship = fit_dense(stories, key, relative, c)
                for a in (0.5, 1.0):
                    name = (f"dense {'static ' if key != 'emb' else ''}embedding{' + relative' if relative else ''}"
                            f", C={c}, A={a}")
                    score_rows(name, lambda s, key=key, relative=relative, wd=wd, a=a, a_ship=a_ship:
                               dense_scores(s, w_ship, intercept, wd, a / a_ship, key, relative))
    # around the best of them (relative, C=0.03, A=1): its neighbours, and its cheap variants
    for c in (0.01, 0.03, 0.1):
        wd, a_ship = fit_dense(stories, "emb", True, c)
        for a in (0.75, 1.0, 1.5):
            if (c, a) != (0.03, 1.0):
                score_rows(f"dense embedding + relative, C={c}, A={a}",
                           lambda s, wd=wd, a=a, a_ship=a_ship: dense_scores(s, w_ship, intercept, wd, a / a_ship))
        if c != 0.03:
            continue
        for t in TRUNCATIONS:
            wt, at = fit_dense(stories, f"emb{t}", True, c)
            score_rows(f"dense embedding + relative, C={c}, A=1.0, trunc {t}",
                       lambda s, wt=wt, at=at, t=t: dense_scores(s, w_ship, intercept, wt, 1.0 / at, f"emb{t}"))
        for k in (4, 6, 8, 10):
            score_rows(f"dense embedding + relative, C={c}, A=1.0, top-{k} encoded",
                       lambda s, wd=wd, a_ship=a_ship, k=k: dense_scores(s, w_ship, intercept, wd, 1.0 / a_ship,
                                                                         top_k=k))
    # the article the roundup follows, chosen by embeddings and given whole first (as summary_tried.whole)
    from summary_tried import whole

    def medoid(s: dict, key: str = "emb") -> int:
        article = np.array([u.article_index for u in s["units"]])
        arts = sorted(set(article.tolist()))
        means = np.array([s[key][article == a].mean(axis=0) for a in arts])
        means /= np.maximum(np.linalg.norm(means, axis=1, keepdims=True), 1e-12)
        sims = means @ means.T
        return arts[int(np.argmax(sims.sum(axis=1) - 1.0))]

    for key in ("emb", f"emb{STATIC}"):
        score_rows("whole article first, embedding medoid" + (" (static)" if key != "emb" else ""),
                   lambda s: s["features"] @ w_ship + intercept,
                   lambda s, score, key=key: whole(s["units"], score, len(s["reference"].split()), medoid(s, key)))
    print_table(results, ranges, width=60)
    # the shipped opt-in (summary_embeddings = 8): its gain over the shipped pick, paired over stories
    shipped_name, kept = "shipped", "dense embedding + relative, C=0.03, A=1.0, top-8 encoded"
    print(f"\n{kept} minus shipped, paired over stories (mean, standard error, share of stories changed):")
    for label in ranges:
        d = np.array(results[kept][label]) - np.array(results[shipped_name][label])
        print(f"  {label:<12} {d.mean():+.4f} +- {d.std(ddof=1) / np.sqrt(len(d)):.4f}, {np.mean(d != 0):.2f} changed")
    for label, (names, w, b) in fitted.items():
        if label in ("all", "all but title"):
            print(f"\nweights, + {label}: " + ", ".join(f"{n} {v:+.3f}" for n, v in zip(S.FEATURES + names, w,
                                                                                        strict=True)) + f"; b {b:+.3f}")


if __name__ == "__main__":
    raise SystemExit(main())
