"""Derive ``src/storylens/data/aside_cuts.toml`` (which trailing asides a content keeps) from PolNeAR train.

Run: .venv/bin/python eval/derive_asides.py [--cache FILE.spacy] [--cv FOLDS] > /tmp/aside_cuts.toml
     && mv /tmp/aside_cuts.toml src/storylens/data/aside_cuts.toml
(through a temporary file, as for ``derive_cues.py``: the extractor reads the data files while the script runs).

The extractor cuts a comma-set aside that ends an indirect content (an apposition, a relative, participle or
cue-bearing adverbial clause: ``trailing_asides`` in :mod:`storylens.extract.quotes`).  For every such aside
met while extracting train, the script compares the content kept whole and the content cut before the aside
with the gold contents of the article: the kind of aside (``aside_key``) scores a "keep" when only the whole
content matches a gold content (token Jaccard >= 0.5, as ``eval/quotes.py`` scores) and a "cut" when only the
cut one does.  A kind is kept when its keeps outnumber its cuts by ``--margin`` or more.  Only kinds and
counts are written.  ``--cv FOLDS`` instead learns the table on all folds but one and scores the extractor on
that one, for each of ``--margins``, and prints the summed content and source+content P / R / F1.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "eval"))

import storylens.extract.quotes as extractor  # noqa: E402
from derive_cues import parsed_train, without_weak_frames  # noqa: E402
from quotes import Attribution, jaccard, prf, score  # noqa: E402
from storylens.models import Article  # noqa: E402

MIN_JACCARD = 0.5
def extract(doc, parse):
    doc.preds["storylens"] = [
        doc.fill(Attribution(
            [(p.start, p.end) for p in q.content_parts] or [(q.content.start, q.content.end)],
            [(q.speaker.span.start, q.speaker.span.end)] if q.speaker.span is not None else None, None))
        for q in extractor.extract_quotes(Article(id=doc.id, text=doc.text), parse)]


def count_asides(doc, parse, key) -> Counter:
    """``(kind, "keep" | "cut")`` counts of one article's trailing asides."""
    counts: Counter = Counter()
    original = extractor._drop_trailing_aside

    def recording(sdoc, content):
        for token, before in extractor.trailing_asides(sdoc, content):
            whole = doc.tokens([content])
            cut = doc.tokens([(content[0], before.idx)])
            best_whole = max((jaccard(whole, g.tokens) for g in doc.gold), default=0.0)
            best_cut = max((jaccard(cut, g.tokens) for g in doc.gold), default=0.0)
            if best_whole >= MIN_JACCARD > best_cut:
                counts[extractor._is_aside(token, before), key(token), "keep"] += 1
            elif best_cut >= MIN_JACCARD > best_whole:
                counts[extractor._is_aside(token, before), key(token), "cut"] += 1
        return original(sdoc, content)

    extractor._drop_trailing_aside = recording
    try:
        with without_weak_frames():  # learnt from the statements of the established frames
            extractor.extract_quotes(Article(id=doc.id, text=doc.text), parse)
    finally:
        extractor._drop_trailing_aside = original
    return counts


def kept(counts: Counter, margin: int) -> list[str]:
    """The kinds of comma-set aside kept; never one holding a cue verb of its own ("..., arguing that ..."): its
    own statement, which the longer content would swallow (``_drop_nested``)."""
    kinds = {k for a, k, _ in counts if a and not k.endswith(" cue")}
    return sorted(k for k in kinds if counts[True, k, "keep"] - counts[True, k, "cut"] >= margin
                  and counts[True, k, "keep"] >= 2 * counts[True, k, "cut"])


def cut(counts: Counter, margin: int) -> list[str]:
    """The kinds of other trailing phrase cut."""
    kinds = {k for a, k, _ in counts if not a}
    return sorted(k for k in kinds if counts[False, k, "cut"] - counts[False, k, "keep"] >= margin
                  and counts[False, k, "cut"] >= 2 * counts[False, k, "keep"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--evaldata", type=Path, default=ROOT.parent / "shared" / "evaldata")
    parser.add_argument("--cache", type=Path, default=None, help="a DocBin of the parsed train texts (made if absent)")
    parser.add_argument("--margin", type=int, default=3)
    parser.add_argument("--cv", type=int, default=0, help="folds of a cross-validation of the margins")
    parser.add_argument("--margins", type=int, nargs="+", default=[1, 2, 3, 5])
    args = parser.parse_args()
    docs, parsed = parsed_train(args.evaldata, args.cache)
    original_keeps = extractor.aside_keeps
    original_cuts = extractor.aside_cuts

    if not args.cv:
        extractor.aside_keeps = lambda: frozenset()  # count against the extractor that cuts every aside
        extractor.aside_cuts = lambda: frozenset()  # and keeps every other trailing phrase
        try:
            counts = sum((count_asides(d, p, extractor.aside_key) for d, p in zip(docs, parsed, strict=True)),
                         Counter())
        finally:
            extractor.aside_keeps = original_keeps
            extractor.aside_cuts = original_cuts
        print("# Trailing asides a content keeps, derived from PolNeAR's train split by eval/derive_asides.py;")
        print("# kinds (dependency label, head's part of speech, comma, cue verb) and counts only.  A kind is kept when")
        print(f"# keeping it matched a gold content and cutting it did not at least {args.margin} times more")
        print("# often than the reverse and at least twice as often, unless it holds a cue verb of its own")
        print("# (a statement of its own); any other")
        print(f"# trailing phrase is cut when cutting it matched {args.margin} times more often and twice as often.")
        print("# Comments give keep/cut counts.  Regenerate rather than edit by hand.")
        print("keep = [")
        for k in kept(counts, args.margin):
            print(f'  "{k}",'.ljust(30) + f"# {counts[True, k, 'keep']}/{counts[True, k, 'cut']}")
        print("]")
        print("cut = [")
        for k in cut(counts, args.margin):
            print(f'  "{k}",'.ljust(30) + f"# {counts[False, k, 'keep']}/{counts[False, k, 'cut']}")
        print("]")
        return 0

    order = list(range(len(docs)))
    random.Random(0).shuffle(order)
    parts = [sorted(order[k::args.cv]) for k in range(args.cv)]
    try:
        extractor.aside_keeps = lambda: frozenset()
        extractor.aside_cuts = lambda: frozenset()
        per_doc = [count_asides(d, p, extractor.aside_key) for d, p in zip(docs, parsed, strict=True)]
        for margin in [None, *args.margins]:
            total = Counter()
            for k, part in enumerate(parts):
                counts = sum((per_doc[i] for j, other in enumerate(parts) if j != k for i in other), Counter())
                keep = frozenset(kept(counts, margin)) if margin else frozenset()
                cuts = frozenset(cut(counts, margin)) if margin else frozenset()
                extractor.aside_keeps = lambda keep=keep: keep
                extractor.aside_cuts = lambda cuts=cuts: cuts
                for i in part:
                    extract(docs[i], parsed[i])
                s = score([docs[i] for i in part], "storylens", "overlap")
                total.update(gold=s.gold, pred=s.pred, matched=s.matched, both=s.both)
            content = prf(total["matched"], total["pred"], total["gold"])
            both = prf(total["both"], total["pred"], total["gold"])
            print(f"margin {margin}: content P/R/F1 {' '.join(f'{100 * v:.1f}' for v in content)}; "
                  f"source+content {' '.join(f'{100 * v:.1f}' for v in both)}", flush=True)
    finally:
        extractor.aside_keeps = original_keeps
        extractor.aside_cuts = original_cuts
    return 0


if __name__ == "__main__":
    sys.exit(main())
