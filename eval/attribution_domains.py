"""Statements on news that is not about politics: counts by shape over ECB+ and MEANTIME, which have no attribution gold.

Run: .venv/bin/python eval/attribution_domains.py [--evaldata PATH] [--sample N] [--seed S]

Reads every ECB+ and MEANTIME text of ``../shared/evaldata`` (never copied here), each written as ``bench/batch.py``
writes them (tokens joined by spaces, a line break between sentences), finds its statements with
``extract_quotes`` and counts those of shapes that PolNeAR (US political news) rarely shows, so that a rule learnt or
checked there can be looked at on other news:

- object contents (the content's root is the cue verb's object: "hurled [petrol bombs at stores]");
- sources across a line break, and sources wholly on another line than their cue (a headline or a date line the
  parse read into the next line's sentence);
- colon labels ("PUBLISHED: ...") and the words before the colon.

``--sample N`` prints N statements drawn at random (``--seed``) with their speaker words and cue, to be read by hand.
Prints its results; not part of the tests.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from storylens.extract.quotes import extract_quotes  # noqa: E402
from storylens.models import Article  # noqa: E402
from storylens.parse.pipeline import load_pipeline  # noqa: E402


def texts(evaldata: Path) -> list[tuple[str, str]]:
    """``(id, text)`` of every ECB+ and MEANTIME document, a line a sentence."""
    out = []
    with (evaldata / "ecbplus" / "data.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            doc = json.loads(line)
            sentences = [" ".join(t["text"] if isinstance(t, dict) else str(t) for t in s) for s in doc["sentences"]]
            out.append((doc["doc_id"], "\n".join(sentences)))
    with (evaldata / "meantime" / "data.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            out.append((row["doc_key"].replace("/", "-"), "\n".join(" ".join(s) for s in row["sentences"])))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--evaldata", type=Path, default=ROOT.parent / "shared" / "evaldata")
    parser.add_argument("--sample", type=int, default=0, help="statements to print, drawn at random")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    nlp = load_pipeline("en_core_web_sm")
    docs = texts(args.evaldata)
    counts: Counter = Counter()
    labels: Counter = Counter()
    found = []
    for (doc_id, text), parse in zip(docs, nlp.pipe([t for _, t in docs], batch_size=32), strict=True):
        for q in extract_quotes(Article(id=doc_id, text=text), parse):
            counts["statements"] += 1
            source = q.speaker.span
            cue = q.cue.text if q.cue else ""
            found.append((source.text if source else None, cue, q.content.text))
            if cue.strip() == ":":
                counts["colon labels"] += 1
                labels[source.text if source else None] += 1
            if source is not None and q.cue is not None:
                if "\n" in source.text:
                    counts["sources across a line break"] += 1
                lo, hi = (source.end, q.cue.start) if source.end <= q.cue.start else (q.cue.end, source.start)
                if lo < hi and "\n" in text[lo:hi]:
                    counts["sources on another line than their cue"] += 1
            content = parse.char_span(q.content.start, q.content.end, alignment_mode="expand")
            verb = parse.char_span(q.cue.start, q.cue.end, alignment_mode="expand") if q.cue else None
            if content is not None and verb is not None and any(
                    t.dep_ == "dobj" and t.head.i == verb[0].i for t in content):
                counts["object contents"] += 1
    print(f"ECB+ and MEANTIME: {len(docs)} texts")
    for name, n in counts.most_common():
        print(f"  {name}: {n}")
    print("  words before a colon label: " + ", ".join(f"{k!r} {n}" for k, n in labels.most_common(20)))
    random.Random(args.seed).shuffle(found)
    for source, cue, content in found[: args.sample]:
        print(f"  [{source!r} | {cue!r}] {content[:120]!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
