"""The cited extractive summary scored on NeuS (AllSides: three articles, left/centre/right, and a neutral roundup).

Run: .venv/bin/python eval/summary.py [--split val|train|all] [--limit N] [--evaldata PATH] [--max-sentences N]
     [--embeddings N]

Data: ``../shared/evaldata/neus/data.jsonl`` (never copied here); each record has three ``articles`` ``{title,
text}`` in random order and a ``target`` ``{title, text}``, the AllSides editors' neutral summary (the reference).

How it is run: each article's text (not its title) becomes an :class:`Article` (ids ``a0``..``a2`` in the file's
order, no outlet or date: the file gives none); the three are parsed with ``en_core_web_sm`` and put into a minimal
:class:`Dossier` built directly (``Dossier(articles=[ArticleInfo.of(article, sentence ranges)])``: no entities,
claims or timeline, so no conflict statements; the story's main entities come from the docs' named entities).
``storylens.analyse.summary.summarize`` then picks up to ``--max-sentences`` sentences (default 8), and stops
once it has the reference's number of words (``max_words``: the length setting matched to the reference, as
every system's is below).  Its sentence scorer was fitted on train records 300..2000 (``eval/train_summary.py``)
and its settings chosen on train records (the first 300, and 2000 on), not on val.

Every system's output is joined in its own order and **truncated to the reference's length in words** before
scoring, so no system gains from being longer:

- ``storylens``: the summary, in its output order (article by article); every citation is
  checked by :func:`check_citations` and the table counts the summaries with any problem.
- ``storylens+emb``, with ``--embeddings N`` only: the same with the opt-in setting ``summary_embeddings`` N (the
  N best-scored sentences re-ranked by their sentence embeddings); its citation problems are counted too.
- ``lead-3``: the first three sentences of the first article in the file (the order is random, so this is
  "one random outlet's lead").
- ``lead-1 each``: the first sentence of each of the three articles, in file order.
- ``centroid``: Radev et al.'s centroid summariser: TF-IDF of the sentences' content lemmas (idf over the three
  articles, smoothed), sentences ranked by cosine to the mean vector, a sentence skipped when its cosine to one
  already picked is 0.5 or more, in rank order.

ROUGE is computed here, in a few lines, as rouge-score does it without stemming: text lower-cased, every
non-alphanumeric character a space, tokens split on whitespace; ROUGE-1/2 F1 on clipped n-gram counts, ROUGE-L F1
on the longest common subsequence of the whole texts (``rougeL``, not ``rougeLsum``).  Means over the records;
records whose reference or articles are empty are skipped and counted.
"""

from __future__ import annotations

import argparse
import json
import logging
import re
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from storylens.analyse.summary import check_citations, summarize  # noqa: E402
from storylens.models import Article, ArticleInfo, Dossier  # noqa: E402
from storylens.parse.pipeline import load_pipeline  # noqa: E402

logger = logging.getLogger("eval.summary")
SYSTEMS = ("storylens", "lead-3", "lead-1 each", "centroid")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")


# ---------------------------------------------------------------------------------------------- ROUGE


def tokens(text: str) -> list[str]:
    return _NON_ALNUM.sub(" ", text.lower()).split()


def _f1(overlap: float, n_pred: int, n_ref: int) -> float:
    if not overlap or not n_pred or not n_ref:
        return 0.0
    p, r = overlap / n_pred, overlap / n_ref
    return 2 * p * r / (p + r)


def rouge_n(pred: list[str], ref: list[str], n: int) -> float:
    cp = Counter(tuple(pred[i:i + n]) for i in range(len(pred) - n + 1))
    cr = Counter(tuple(ref[i:i + n]) for i in range(len(ref) - n + 1))
    return _f1(sum((cp & cr).values()), sum(cp.values()), sum(cr.values()))


def lcs_length(a: list[str], b: list[str]) -> int:
    """The length of the longest common subsequence of two token lists."""
    prev = [0] * (len(b) + 1)
    for x in a:
        cur = [0]
        for j, y in enumerate(b):
            cur.append(prev[j] + 1 if x == y else max(prev[j + 1], cur[j]))
        prev = cur
    return prev[-1]


def rouge_l(pred: list[str], ref: list[str]) -> float:
    if not pred or not ref:
        return 0.0
    return _f1(lcs_length(pred, ref), len(pred), len(ref))


def rouge(pred: str, ref: str) -> tuple[float, float, float]:
    p, r = tokens(pred), tokens(ref)
    return rouge_n(p, r, 1), rouge_n(p, r, 2), rouge_l(p, r)


def truncate(sentences: Sequence[str], n_words: int) -> str:
    words = " ".join(sentences).split()
    return " ".join(words[:n_words])


# ---------------------------------------------------------------------------------------------- baselines


def _sentences(doc) -> list:
    return [s for s in doc.sents if s.text.strip()]


def lead3(docs: list) -> list[str]:
    for doc in docs:
        sents = _sentences(doc)
        if sents:
            return [s.text.strip() for s in sents[:3]]
    return []


def lead1_each(docs: list) -> list[str]:
    return [_sentences(doc)[0].text.strip() for doc in docs if _sentences(doc)]


def centroid(docs: list, threshold: float = 0.5) -> list[str]:
    sents = [s for doc in docs for s in _sentences(doc)]
    bags = [{t.lemma_.lower() for t in s if not (t.is_stop or t.is_punct or t.is_space)} for s in sents]
    vocab = sorted(set().union(*bags)) if bags else []
    if not vocab:
        return [s.text.strip() for s in sents]
    index = {w: i for i, w in enumerate(vocab)}
    doc_bags = [{t.lemma_.lower() for t in doc} for doc in docs]
    df = np.array([sum(w in b for b in doc_bags) for w in vocab], dtype=float)
    idf = np.log((1 + len(docs)) / (1 + df)) + 1
    x = np.zeros((len(sents), len(vocab)))
    for row, bag in enumerate(bags):
        for w in bag:
            x[row, index[w]] += 1
    x *= idf
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    x = np.divide(x, norms, out=np.zeros_like(x), where=norms > 0)
    c = x.mean(axis=0)
    order = np.argsort(-(x @ c), kind="stable")
    picked: list[int] = []
    for i in order:
        if all(x[i] @ x[j] < threshold for j in picked):
            picked.append(int(i))
    return [sents[i].text.strip() for i in picked]


# ---------------------------------------------------------------------------------------------- run


def load(path: Path, split: str, limit: int | None) -> list[dict]:
    records = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            record = json.loads(line)
            if split == "all" or record.get("split") == split:
                records.append(record)
            if limit and len(records) >= limit:
                break
    return records


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="val", choices=["val", "train", "all"])
    parser.add_argument("--limit", type=int, default=None, help="score only the first N records of the split")
    parser.add_argument("--evaldata", type=Path, default=ROOT.parent / "shared" / "evaldata")
    parser.add_argument("--max-sentences", type=int, default=8)
    parser.add_argument("--model", default="en_core_web_sm")
    parser.add_argument("--embeddings", type=int, default=0,
                        help="also score storylens with summary_embeddings N (the opt-in re-ranking)")
    args = parser.parse_args(argv)
    systems = SYSTEMS if not args.embeddings else (SYSTEMS[0], "storylens+emb", *SYSTEMS[1:])
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)

    path = args.evaldata / "neus" / "data.jsonl"
    if not path.is_file():
        print(f"NeuS data not found at {path}: nothing to evaluate (see ../shared/evaldata/README.md).")
        return 0
    records = load(path, args.split, args.limit)
    nlp = load_pipeline(args.model)
    scores = {name: [] for name in systems}
    skipped = citation_problems = emb_problems = 0
    started = time.monotonic()
    for n, record in enumerate(records, 1):
        reference = (record.get("target") or {}).get("text") or ""
        texts = [(a.get("text") or "") for a in record.get("articles") or []]
        n_words = len(reference.split())
        if not n_words or not any(t.strip() for t in texts):
            skipped += 1
            continue
        articles = [Article(id=f"a{i}", text=t) for i, t in enumerate(texts)]
        docs = list(nlp.pipe([a.text for a in articles]))  # the text as storylens reads it
        dossier = Dossier(articles=[
            ArticleInfo.of(a, [(s.start_char, s.end_char) for s in d.sents]) for a, d in zip(articles, docs, strict=True)
        ])
        summary = summarize(dossier, {a.id: d for a, d in zip(articles, docs, strict=True)},
                            max_sentences=args.max_sentences, max_words=n_words)
        if check_citations(summary, dossier):
            citation_problems += 1
        outputs = {"storylens": [s.text for s in summary]}
        if args.embeddings:
            with_emb = summarize(dossier, {a.id: d for a, d in zip(articles, docs, strict=True)},
                                 max_sentences=args.max_sentences, max_words=n_words, embeddings=args.embeddings)
            emb_problems += bool(check_citations(with_emb, dossier))
            outputs["storylens+emb"] = [s.text for s in with_emb]
        outputs |= {
            "lead-3": lead3(docs),
            "lead-1 each": lead1_each(docs),
            "centroid": centroid(docs),
        }
        for name, sentences in outputs.items():
            scores[name].append(rouge(truncate(sentences, n_words), reference))
        if n % 50 == 0:
            logger.info("%d/%d records (%.0f s)", n, len(records), time.monotonic() - started)

    scored = len(records) - skipped
    print(f"NeuS {args.split}: {scored} records scored ({skipped} skipped: empty reference or articles); "
          f"outputs truncated to the reference's length in words; ROUGE F1, no stemming")
    print(f"{'system':<14} {'ROUGE-1':>8} {'ROUGE-2':>8} {'ROUGE-L':>8}")
    for name in systems:
        values = np.array(scores[name]) if scores[name] else np.zeros((1, 3))
        r1, r2, rl = values.mean(axis=0)
        print(f"{name:<14} {r1:8.3f} {r2:8.3f} {rl:8.3f}")
    print(f"storylens summaries with a citation problem: {citation_problems} of {scored}")
    if args.embeddings:
        print(f"storylens+emb (summary_embeddings {args.embeddings}) summaries with a citation problem: "
              f"{emb_problems} of {scored}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
