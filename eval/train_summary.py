"""Train the summary's sentence scorer on NeuS train records; writes ``src/storylens/data/summary_weights.toml``.

Run: .venv/bin/python eval/train_summary.py [--start 300] [--end 2000] [--evaldata PATH] [--out PATH] [--embeddings]

Offline only (needs scikit-learn, the ``eval`` extra); storylens reads the written weights with no extra
dependency.  Records ``--start``..``--end`` of the *train* split are used (the first 300 are kept for checking
settings, val is never read).  Each record is parsed and cut into units exactly as :func:`summarize` does, each
unit gets the features of :data:`storylens.analyse.summary.FEATURES`, and its label is 1 when a greedy oracle
keeps it: sentences are added one at a time, each at the place in the order that most raises ROUGE-L (as
``eval/summary.py`` computes it, output truncated to the reference's length) against the reference, until
nothing raises it (at most 8).  A logistic regression (L2, C=1) is fitted on the labels; its coefficients
and intercept are written with their provenance.

With ``--embeddings`` the opt-in re-ranking (setting ``summary_embeddings``) is fitted instead, on the same records
and labels, and written to ``src/storylens/data/summary_embedding_weights.toml`` (``summary_weights.toml`` is left
as it is): each unit's all-MiniLM-L6-v2 vector and that vector minus the mean of its story's vectors
(:func:`storylens.analyse.summary._embedding_columns`), beside the shipped scorer's logit as one more column, by
logistic regression (L2, C=0.03; chosen on train records 0..300 and 2000.. by ``eval/summary_tried5.py``); the
written ``scale`` is one over the logit column's coefficient, so the weights add to the shipped logit in its units.
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "eval"))

from storylens.analyse import summary as S  # noqa: E402
from storylens.models import Article, ArticleInfo, Dossier  # noqa: E402
from storylens.parse.pipeline import load_pipeline  # noqa: E402
from summary import load, rouge_l, tokens  # noqa: E402  (eval/summary.py)


def record_units(record: dict, nlp, with_docs: bool = False) -> tuple | None:
    """A NeuS record's reference, and its articles cut into units with their feature rows exactly as
    :func:`summarize` does (and, ``with_docs``, the parsed docs by article id); None when it has no
    reference, no text or no unit."""
    reference = (record.get("target") or {}).get("text") or ""
    texts = [(a.get("text") or "") for a in record.get("articles") or []]
    if not reference.split() or not any(t.strip() for t in texts):
        return None
    articles = [Article(id=f"a{i}", text=t) for i, t in enumerate(texts)]
    docs = list(nlp.pipe([a.text for a in articles]))  # the text as storylens reads it
    dossier = Dossier(articles=[
        ArticleInfo.of(a, [(s.start_char, s.end_char) for s in d.sents]) for a, d in zip(articles, docs, strict=True)
    ])
    by_id = {a.id: d for a, d in zip(articles, docs, strict=True)}
    units = S._units(dossier, by_id)
    if not units:
        return None
    n_articles = len({u.article_index for u in units})
    x, centroid = S._matrix(units, n_articles)
    coverage = S._entity_coverage(units, S._main_entities(dossier, by_id))
    features = S._features(units, x, centroid, coverage, n_articles)
    return (reference, units, features, by_id) if with_docs else (reference, units, features)


def oracle(units: list, reference: str, max_sentences: int = 8) -> set[int]:
    n, ref = len(reference.split()), tokens(reference)
    unit_tokens = [tokens(u.text) for u in units]
    chosen: list[int] = []
    current = 0.0
    while len(chosen) < max_sentences:
        best = None
        for i in range(len(units)):
            if i in chosen:
                continue
            for k in range(len(chosen) + 1):
                order = chosen[:k] + [i] + chosen[k:]
                value = rouge_l([t for j in order for t in unit_tokens[j]][:n], ref)
                if best is None or value > best[0]:
                    best = (value, order)
        if best is None or best[0] <= current + 1e-9:
            break
        current, chosen = best
    return set(chosen)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--start", type=int, default=300)
    parser.add_argument("--end", type=int, default=2000)
    parser.add_argument("--evaldata", type=Path, default=ROOT.parent / "shared" / "evaldata")
    parser.add_argument("--out", type=Path, default=None,
                        help="default: src/storylens/data/summary_weights.toml (summary_embedding_weights.toml with "
                             "--embeddings)")
    parser.add_argument("--embeddings", action="store_true", help="fit the opt-in embedding re-ranking instead")
    args = parser.parse_args(argv)
    data = ROOT / "src" / "storylens" / "data"
    args.out = args.out or data / (S.EMBEDDING_WEIGHTS if args.embeddings else "summary_weights.toml")
    from sklearn.linear_model import LogisticRegression

    records = load(args.evaldata / "neus" / "data.jsonl", "train", args.end)[args.start:]
    nlp = load_pipeline("en_core_web_sm")
    rows, labels = [], []
    started = time.monotonic()
    for record in records:
        built = record_units(record, nlp)
        if built is None:
            continue
        reference, units, features = built
        if args.embeddings:
            from storylens.align.embeddings import embed

            with S._one_blas_thread():
                columns = S._embedding_columns(embed([u.text for u in units]))
            weights, intercept = S.sentence_model()
            logit = features @ np.array([weights[name] for name in S.FEATURES]) + intercept
            features = np.hstack([logit[:, None], columns])
        rows.append(features)
        keep = oracle(units, reference)
        labels.extend(float(i in keep) for i in range(len(units)))
    features, y = np.vstack(rows), np.array(labels)
    if args.embeddings:
        model = LogisticRegression(C=0.03, max_iter=5000).fit(features, y)
        a = float(model.coef_[0][0])
        lines = [
            "# The summary's opt-in embedding re-ranking (storylens.analyse.summary, setting summary_embeddings):",
            "# weights over a unit's all-MiniLM-L6-v2 vector (384) then that vector minus its story's mean vector",
            f"# (384), added to the shipped scorer's logit times scale. Written by eval/train_summary.py --embeddings on"
            f" {date.today().isoformat()}:",
            f"# NeuS train records {args.start}..{args.end} ({len(rows)} stories, {len(y)} units, {int(y.sum())} kept by"
            " the greedy ROUGE-L oracle);",
            f"# logistic regression, L2, C=0.03, beside the shipped logit (its coefficient {a:.6f}; scale = 1 / it).",
            "# Regenerate rather than edit by hand.",
            f"scale = {1.0 / a:.6f}",
            "weights = [" + ", ".join(f"{w:.6f}" for w in model.coef_[0][1:]) + "]",
        ]
        args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"wrote {args.out}: {len(rows)} stories, {len(y)} units, {time.monotonic() - started:.0f} s")
        return 0
    model = LogisticRegression(C=1.0, max_iter=3000).fit(features, y)
    lines = [
        "# The summary's sentence scorer (storylens.analyse.summary): logistic regression weights per feature.",
        f"# Written by eval/train_summary.py on {date.today().isoformat()}: NeuS train records {args.start}..{args.end}",
        f"# ({len(rows)} stories, {len(y)} units, {int(y.sum())} kept by the greedy ROUGE-L oracle); L2, C=1.",
        "# Features are story-relative (see FEATURES in summary.py); regenerate rather than edit by hand.",
        f"intercept = {model.intercept_[0]:.6f}",
        "",
        "[weights]",
    ]
    lines += [f"{name} = {w:.6f}" for name, w in zip(S.FEATURES, model.coef_[0], strict=True)]
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {args.out}: {len(rows)} stories, {len(y)} units, {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
