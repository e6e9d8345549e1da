"""Cross-validate the thresholds of ``eval/derive_cues.py`` within PolNeAR's train split.

Run: .venv/bin/python eval/cue_frames_cv.py [--cache FILE.spacy] [--folds 3] [--setting RATE:MIN ...]

The train articles are shuffled (seed 0) into ``--folds`` parts.  For each part, the cue frames are learnt
from the other parts as ``derive_cues.py`` learns them (a lemma is added to a frame at ``RATE`` or more of
``MIN`` or more cases; hand-listed lemmas under 20% of ten or more are dropped) and the extractor, with those
frames instead of ``cue_frames.toml``, is scored on the held-out part as ``eval/quotes.py`` scores.  The
counts of every part are summed, and content and source+content P / R / F1 are printed for each setting.
``--weak RATE`` adds, per part, the weak frames ``derive_cues.py --weak-rate`` would list (with no filter to weigh
them).  ``--similar C:RATE`` adds, per part, the frames ``derive_cues.py --similar-rate`` would list, fitted on the other parts.
The learnt statement filter (``statement_filter.toml``, fitted on all of train) is left out: its own held-out
check is ``eval/derive_filter.py --cv``.  Dev and test are not read.  The parsed train docs come from ``--cache`` (as ``derive_cues.py``'s).
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
from derive_cues import count_frames, fit_similarity, parsed_train, select, similar  # noqa: E402
from quotes import Attribution, prf, score  # noqa: E402
from storylens.models import Article  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--evaldata", type=Path, default=ROOT.parent / "shared" / "evaldata")
    parser.add_argument("--cache", type=Path, default=None, help="a DocBin of the parsed train texts (made if absent)")
    parser.add_argument("--folds", type=int, default=3)
    parser.add_argument("--setting", action="append", default=None,
                        help="RATE:MIN, the add rate and the fewest cases (repeatable; default 0.3:5 and 0.3:2)")
    parser.add_argument("--similar", default=None,
                        help="C:RATE[:unseen]: also admit a frame of fewer than MIN cases (at least one) in the training "
                             "folds whose lemma's static vector a logistic model (strength C, fitted on the training "
                             "folds' keys of MIN or more cases) rates at RATE or more, as derive_cues.py's 'similar' "
                             "lists; 'unseen': every held-out key of fewer than MIN training cases, none included (what "
                             "the model would add if run on every lemma at run time)")
    parser.add_argument("--weak", type=float, default=None,
                        help="RATE: also learn, per part, derive_cues.py's weak frames (from RATE up to the setting's "
                             "rate); without the learnt filter their statements are all kept")
    args = parser.parse_args()
    settings = [(float(r), int(m)) for r, m in (s.split(":") for s in args.setting or ["0.3:5", "0.3:2"])]

    docs, parsed = parsed_train(args.evaldata, args.cache)

    counts = []
    for doc, parse in zip(docs, parsed, strict=True):
        seen, hits = Counter(), Counter()
        count_frames(doc, parse, seen, hits)
        counts.append((seen, hits))
    order = list(range(len(docs)))
    random.Random(0).shuffle(order)
    parts = [sorted(order[k::args.folds]) for k in range(args.folds)]

    original = extractor._load
    original_filter = extractor._drop_unlikely
    extractor._drop_unlikely = lambda sdoc, rows, regions, weak=frozenset(): rows  # the rules alone: the filter is
    # learnt on all of train (its own held-out check is ``derive_filter.py --cv``)
    try:
        for rate, fewest in settings:
            total = Counter()
            for k, part in enumerate(parts):
                seen, hits = Counter(), Counter()
                for j, other in enumerate(parts):
                    if j != k:
                        for i in other:
                            seen.update(counts[i][0])
                            hits.update(counts[i][1])
                chosen = select(seen, hits, rate, fewest, 0.2, 10, args.weak)
                frames = {f: {n: [lemma for lemma, _, _ in rows] for n, rows in c.items()} for f, c in chosen.items()}
                if args.similar:
                    strength, least, *which = args.similar.split(":")
                    model = fit_similarity(seen, hits, fewest, float(strength))
                    if which == ["unseen"]:
                        held_keys = set()
                        for i in part:
                            held_keys.update(counts[i][0])
                        rare = sorted(key for key in held_keys if seen[key] < fewest)
                    else:
                        rare = sorted(key for key, n in seen.items() if n < fewest)
                    added = similar(model, rare, float(least))
                    total.update(similar_keys=len(added))
                    for frame in frames:
                        frames[frame]["similar"] = [lemma for lemma, f in added if f == frame]
                extractor._load = lambda name, frames=frames: frames if name == "cue_frames.toml" else original(name)
                extractor.cue_lexicon.cache_clear()
                held = [docs[i] for i in part]
                for i in part:
                    doc = docs[i]
                    doc.preds["storylens"] = [
                        doc.fill(Attribution([(q.content.start, q.content.end)],
                                             [(q.speaker.span.start, q.speaker.span.end)] if q.speaker.span else None,
                                             None))
                        for q in extractor.extract_quotes(Article(id=doc.id, text=doc.text), parsed[i])]
                s = score(held, "storylens", "overlap")
                total.update(gold=s.gold, pred=s.pred, matched=s.matched, both=s.both)
            content = prf(total["matched"], total["pred"], total["gold"])
            both = prf(total["both"], total["pred"], total["gold"])
            print(f"rate {rate:.2f}, {fewest} cases: content P/R/F1 {' '.join(f'{100 * v:.1f}' for v in content)}; "
                  f"source+content {' '.join(f'{100 * v:.1f}' for v in both)} ({args.folds} folds, {total['gold']} gold, "
                  f"{total['pred']} predicted, {total['matched']} matched, {total['both']} with the right source; {total['similar_keys']} keys by similarity)", flush=True)
    finally:
        extractor._load = original
        extractor._drop_unlikely = original_filter
        extractor.cue_lexicon.cache_clear()
    return 0


if __name__ == "__main__":
    sys.exit(main())
