"""Derive ``src/storylens/data/cue_frames.toml`` (cue verbs by the frame of their content) from PolNeAR train.

Run: .venv/bin/python eval/derive_cues.py [--evaldata PATH] [--cache FILE.spacy] > /tmp/cue_frames.toml
     && mv /tmp/cue_frames.toml src/storylens/data/cue_frames.toml
(not a redirect into the data file itself: the script reads it while it runs, and the shell empties it first).

For every verb with a subject (as :mod:`storylens.extract.quotes` finds it) and a clause complement
(``ccomp``), an infinitive (``xcomp``) or a direct object (``dobj``) after it, the script counts how often
a gold attribution has that verb in its cue and a content matching the complement's subtree (token Jaccard
>= 0.5, as ``eval/quotes.py`` scores); likewise a passive verb with no agent, from its subject to its
complement (``passive_frame``: "[Trump] is expected [to win]"), a verb and its preposition, and a noun.
A lemma whose rate is high enough is added to that frame; a lemma of the hand-written lists
(``cues.toml``) whose rate is low on enough cases is dropped from it.
With ``--similar-rate R`` (off by default), a frame of fewer than ``--add-min`` cases is also listed under
``similar`` when a logistic model over its lemma's static vector (all-MiniLM-L6-v2's mean input embedding of
the word pieces) and the frame, fitted on the frames of more cases, rates it at R or more.
Only lemmas and counts are written: no text of the corpus.  The ``train`` split only; dev and test are
left for scoring.  ``_subject`` reads the current ``cue_frames.toml`` (a conjunct of a cue verb), so run it
twice after a change of rules: the second run reproduces the first.
"""

from __future__ import annotations

import argparse
import dataclasses
import math
import sys
from collections import Counter
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "eval"))

import numpy as np  # noqa: E402
from spacy.tokens import DocBin  # noqa: E402

import storylens.extract.quotes as extractor  # noqa: E402
from quotes import jaccard, load  # noqa: E402
from storylens.extract.quotes import (  # noqa: E402
    _as_phrase_end,
    _attached_after,
    _subject,
    adjective_frames,
    noun_frames,
    passive_frame,
    quotation_regions,
)
from storylens.parse.pipeline import load_pipeline  # noqa: E402
from storylens.resources import _load  # noqa: E402

FRAMES = {"ccomp": "clause", "xcomp": "infinitive", "dobj": "object"}


def object_end(verb, dobj):
    """The last token of an object content as :func:`storylens.extract.quotes._verb_attribution` reads it: the
    object with a predicate after it, the phrases the parse hung on the verb right after it and a
    characterising "as" phrase ("accused [the FDIC of trying ...]", "sees [immigrants as a burden]")."""
    oprd = next((c for c in verb.children if c.dep_ in ("oprd", "xcomp") and c.i > dobj.i), None)
    end_tok = _attached_after(verb, oprd.right_edge if oprd is not None else dobj.right_edge)
    as_prep = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "as" and c.i > end_tok.i), None)
    if as_prep is not None and as_prep.n_rights:
        end_tok = _as_phrase_end(as_prep)
    return end_tok


def count_frames(doc, parse, seen: Counter, hits: Counter) -> None:
    """Add one article's frames to ``seen`` and those whose content matches a gold content of the same cue to
    ``hits``, keyed ``(lemma, frame)``."""
    cues = [(g.cue[0][0], g.cue[-1][1], g) for g in doc.gold if g.cue]
    quoted = quotation_regions(doc.text)
    for verb in parse:
        if any(start < verb.idx < end for start, end in quoted):
            continue  # said within a quotation: part of its speaker's content, never a statement here
        golds = [g for start, end, g in cues if start <= verb.idx < end]
        # "his claim [that ...]", "concern [about the deficit]"; "is confident [that ...]", "was critical of [...]"
        word_frames = {"NOUN": ("noun", noun_frames), "ADJ": ("adjective", adjective_frames)}.get(verb.pos_)
        if word_frames is not None:
            kind, frames = word_frames
            for key, first, last in frames(verb):
                seen[key, kind] += 1
                tokens = doc.tokens([(first.idx, last.idx + len(last.text))])
                hits[key, kind] += any(jaccard(tokens, g.tokens) >= 0.5 for g in golds)
            continue
        if verb.pos_ != "VERB":
            continue
        frame = passive_frame(verb)  # "[Trump] is expected [to win]": no one named holds the view
        if frame is not None:
            key = (verb.lemma_.lower(), "passive")
            seen[key] += 1
            tokens = doc.tokens([(frame[0].idx, frame[1].idx + len(frame[1].text))])
            hits[key] += any(jaccard(tokens, g.tokens) >= 0.5 for g in golds)
        if _subject(verb) is None:
            continue
        for prep in verb.children:  # "spoke [about the economy]": the preposition's object
            if prep.dep_ == "prep" and prep.i > verb.i and prep.n_rights:
                first = next(prep.rights)
                key = (f"{verb.lemma_.lower()} {prep.lower_}", "preposition")
                seen[key] += 1
                tokens = doc.tokens([(first.left_edge.idx, prep.right_edge.idx + len(prep.right_edge.text))])
                hits[key] += any(jaccard(tokens, g.tokens) >= 0.5 for g in golds)
        for dep, frame in FRAMES.items():
            node = next((c for c in verb.children if c.dep_ == dep and c.i > verb.i), None)
            if node is None:
                continue
            key = (verb.lemma_.lower(), frame)
            seen[key] += 1
            last = object_end(verb, node) if frame == "object" else node.right_edge
            tokens = doc.tokens([(node.left_edge.idx, last.idx + len(last.text))])
            hits[key] += any(jaccard(tokens, g.tokens) >= 0.5 for g in golds)


@contextmanager
def without_weak_frames():
    """The extractor without its weak frames, for the scripts that learn from the statements of the others (the
    aside cuts, the boundary chooser): a weak frame only adds statements, weighed by the filter learnt last."""
    original = extractor.cue_lexicon
    lexicon = dataclasses.replace(original(), weak_lemmas=frozenset(), with_weak=None)
    extractor.cue_lexicon = lambda: lexicon
    try:
        yield
    finally:
        extractor.cue_lexicon = original


#: the lowest rate of the frames listed as "weak" (statements the learnt filter weighs apart); None: none listed.
#: None (off): at 0.15 they raise PolNeAR's figures but out of politics add mostly actions as statements, and no
#: restriction to some kinds (WEAK_FRAMES) adds mostly real ones (2026-12-06 18:00 UTC, docs/experiments.md,
#: *Weak cue frames by kind*)
WEAK_RATE: float | None = None
#: the kinds of frame whose weak keys are listed (None: every kind); "noun:that" is a kind restricted to the keys
#: whose word after the lemma is "that" ("idea that", not "support for")
WEAK_FRAMES: tuple[str, ...] | None = None
FRAME_NAMES = [*FRAMES.values(), "preposition", "noun", "passive", "adjective"]


def parsed_train(evaldata: Path, cache: Path | None):
    """PolNeAR's train documents and their parses as attribution reads them (a title-case headline parsed again in
    sentence case), read from ``cache`` (a DocBin) when it exists, else parsed and written there."""
    docs = load(evaldata / "polnear" / "data.jsonl", "train", None)
    nlp = load_pipeline("en_core_web_sm")
    parsed = list(DocBin().from_disk(cache).get_docs(nlp.vocab)) if cache is not None and cache.exists() else []
    if [p.text for p in parsed] != [d.text for d in docs]:  # no cache, or one of other texts: parsed again
        parsed = list(nlp.pipe((d.text for d in docs), batch_size=16))
        if cache is not None:
            DocBin(docs=parsed).to_disk(cache)
    return docs, parsed


def select(seen: Counter, hits: Counter, add_rate: float, add_min: int, drop_rate: float, drop_min: int,
           weak_rate: float | None = None, weak_frames: tuple[str, ...] | None = None) -> dict:
    """``{frame: {"add": [(lemma, hits, seen)], "drop": [...], "weak": [...]}}``: the lemmas added to each frame,
    the hand-listed ones dropped from it and, with ``weak_rate``, those of ``add_min`` or more cases at a rate from
    ``weak_rate`` up to ``add_rate`` (not hand-listed), whose statements the learnt filter weighs apart; with
    ``weak_frames``, only of those kinds (:func:`weak_kind`)."""
    lists = _load("cues.toml")
    hand = {"clause": set(lists["speech_verbs"]), "infinitive": set(lists["stance_verbs"]),
            "object": set(lists["object_verbs"])}
    chosen = {}
    for frame in FRAME_NAMES:
        rows = sorted((k[0], hits[k], n) for k, n in seen.items() if k[1] == frame)
        chosen[frame] = {
            "add": [(lemma, h, n) for lemma, h, n in rows
                    if n >= add_min and h / n >= add_rate and lemma not in hand.get(frame, ())],
            "drop": [(lemma, h, n) for lemma, h, n in rows
                     if n >= drop_min and h / n < drop_rate and lemma in hand.get(frame, ())],
        }
        if weak_rate is not None:
            chosen[frame]["weak"] = [(lemma, h, n) for lemma, h, n in rows
                                     if n >= add_min and weak_rate <= h / n < add_rate and lemma not in hand.get(frame, ())
                                     and weak_kind(frame, lemma, weak_frames)]
    return chosen


def weak_kind(frame: str, key: str, kinds: tuple[str, ...] | None) -> bool:
    """Whether the weak key ``key`` of ``frame`` is of one of ``kinds`` (None: of any): an entry is a frame's name
    ("clause") or a name and the word that must follow the lemma in the key ("noun:that": "idea that")."""
    if kinds is None:
        return True
    for kind in kinds:
        name, _, word = kind.partition(":")
        if name == frame and (not word or key.split()[1:2] == [word]):
            return True
    return False


def static_vectors(texts: list[str]) -> np.ndarray:
    """Unit-length static vectors of ``texts``: the mean input embedding of their word pieces in the shipped
    all-MiniLM-L6-v2 encoder (no transformer layer run)."""
    from storylens.align.embeddings import encoder

    return encoder().static(texts)


def similarity_features(keys: list[tuple[str, str]], vectors: np.ndarray) -> np.ndarray:
    """Per key: the frame (one-hot), the lemma's static vector and that vector again in the frame's own block."""
    width = vectors.shape[1]
    out = np.zeros((len(keys), len(FRAME_NAMES) * (1 + width) + width), dtype=np.float32)
    for row, ((_, frame), vector) in enumerate(zip(keys, vectors, strict=True)):
        f = FRAME_NAMES.index(frame)
        out[row, f] = 1.0
        out[row, len(FRAME_NAMES):len(FRAME_NAMES) + width] = vector
        start = len(FRAME_NAMES) + width * (1 + f)
        out[row, start:start + width] = vector
    return out


def fit_similarity(seen: Counter, hits: Counter, fewest: int, strength: float):
    """A logistic model of a frame's match rate from its lemma's static vector, fitted on the keys of ``fewest`` or
    more cases (each case weighted one): ``(weights, bias)`` over :func:`similarity_features`."""
    from sklearn.linear_model import LogisticRegression

    keys = sorted(k for k, n in seen.items() if n >= fewest)
    x = similarity_features(keys, static_vectors([lemma for lemma, _ in keys]))
    matched = np.array([hits[k] for k in keys], dtype=float)
    missed = np.array([seen[k] - hits[k] for k in keys], dtype=float)
    model = LogisticRegression(C=strength, max_iter=3000)
    model.fit(np.vstack([x, x]), np.r_[np.ones(len(keys)), np.zeros(len(keys))], sample_weight=np.r_[matched, missed])
    return model.coef_[0], float(model.intercept_[0])


def similar(model, keys: list[tuple[str, str]], rate: float) -> list[tuple[str, str]]:
    """The ``keys`` whose predicted match rate under ``model`` is ``rate`` or more."""
    if not keys:
        return []
    weights, bias = model
    width = (len(weights) - len(FRAME_NAMES)) // (1 + len(FRAME_NAMES))
    least = math.log(rate / (1.0 - rate))  # the score of that rate
    kept = []
    for f, frame in enumerate(FRAME_NAMES):  # per frame: the shared weights and the frame's own block
        chosen = [k for k in keys if k[1] == frame]
        if not chosen:
            continue
        w = weights[len(FRAME_NAMES):len(FRAME_NAMES) + width] + weights[len(FRAME_NAMES) + width * (1 + f):
                                                                         len(FRAME_NAMES) + width * (2 + f)]
        for start in range(0, len(chosen), 50000):
            part = chosen[start:start + 50000]
            scores = static_vectors([lemma for lemma, _ in part]) @ w + weights[f] + bias
            kept += [k for k, score in zip(part, scores, strict=True) if score >= least]
    return kept


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--evaldata", type=Path, default=ROOT.parent / "shared" / "evaldata")
    parser.add_argument("--cache", type=Path, default=None, help="a DocBin of the parsed train texts (made if absent)")
    parser.add_argument("--add-rate", type=float, default=0.3)
    parser.add_argument("--add-min", type=int, default=2)
    parser.add_argument("--drop-rate", type=float, default=0.2)
    parser.add_argument("--drop-min", type=int, default=10)
    parser.add_argument("--weak-rate", type=float, default=WEAK_RATE,
                        help="also list, as 'weak', the frames of --add-min or more cases from this rate up to --add-rate "
                             "(the learnt filter weighs their statements apart); 0 or less: none")
    parser.add_argument("--weak-frames", default=",".join(WEAK_FRAMES) if WEAK_FRAMES else None,
                        help="list weak keys only of these kinds, comma-separated frame names, a name followed by "
                             "':WORD' for the keys whose word after the lemma is WORD (e.g. 'clause,noun:that'); "
                             "default: every kind")
    parser.add_argument("--similar-rate", type=float, default=None,
                        help="also write 'similar' lists: the frames of fewer than --add-min cases that a logistic model "
                             "over the lemma's static vector rates at this rate or more (off by default: see "
                             "docs/experiments.md, 2026-12-06, where 0.35 was measured)")
    parser.add_argument("--similar-strength", type=float, default=0.3, help="the similarity model's C (inverse L2)")
    args = parser.parse_args()
    if args.weak_rate is not None and args.weak_rate <= 0:
        args.weak_rate = None
    weak_frames = tuple(args.weak_frames.split(",")) if args.weak_frames else None

    docs, parsed = parsed_train(args.evaldata, args.cache)

    seen: Counter = Counter()
    hits: Counter = Counter()
    for doc, parse in zip(docs, parsed, strict=True):
        count_frames(doc, parse, seen, hits)
    chosen = select(seen, hits, args.add_rate, args.add_min, args.drop_rate, args.drop_min, args.weak_rate,
                    weak_frames)
    if args.similar_rate is not None:
        model = fit_similarity(seen, hits, args.add_min, args.similar_strength)
        lists = _load("cues.toml")
        hand = {"clause": set(lists["speech_verbs"]), "infinitive": set(lists["stance_verbs"]),
                "object": set(lists["object_verbs"])}
        rare = sorted(k for k, n in seen.items() if n < args.add_min and k[0] not in hand.get(k[1], ()))
        for lemma, frame in similar(model, rare, args.similar_rate):
            chosen[frame].setdefault("similar", []).append((lemma, hits[lemma, frame], seen[lemma, frame]))

    print("# Cue verbs by the frame of their content, derived from PolNeAR's train split (840 articles of")
    print("# 2016 US political news, networkdynamics/PolNeAR) by eval/derive_cues.py; lemmas and counts only.")
    print("# A lemma is added to a frame when, among its verbs with a subject and that complement, at least")
    print(f"# {args.add_rate:.0%} of {args.add_min} or more had the complement as a gold content; a hand-listed lemma")
    print(f"# (cues.toml) is dropped from the frame below {args.drop_rate:.0%} of {args.drop_min} or more.")
    print("# clause: 'said [that ...]'; infinitive: 'vowed [to ...]'; object: 'cited [his record]';")
    print("# preposition (a verb and its preposition): 'spoke about [the economy]'; noun (a noun and a clause,")
    print("# an infinitive or a preposition): 'his claim that [...]', 'a plan to [...]', 'concern about [...]';")
    print("# passive (a passive verb with no agent, from its subject to its complement): '[Trump] is expected [to win]';")
    print("# adjective (a predicate adjective and a clause, an infinitive or a preposition): 'is confident [that ...]',")
    print("# 'was eager [to ...]', 'was critical of [the deal]'.")
    if args.similar_rate is not None:
        print(f"# similar: a frame of fewer than {args.add_min} cases whose lemma is like those of the frame's rate: a")
        print("# logistic model over the lemma's static vector (the mean input embedding of its word pieces in")
        print(f"# all-MiniLM-L6-v2) and the frame, fitted on the frames of {args.add_min} or more cases (C "
              f"{args.similar_strength}), rates it {args.similar_rate:.0%} or more.")
    if args.weak_rate is not None:
        print(f"# weak: a frame of {args.add_min} or more cases at {args.weak_rate:.0%} up to {args.add_rate:.0%}, not hand-listed;")
        if weak_frames is not None:
            print(f"# only of the kinds {', '.join(weak_frames)} (a kind 'noun:that': the keys of 'that');")
        print("# its statements are found as the others, marked for the learnt filter (statement_filter.toml), which")
        print("# weighs them apart.")
    print("# Verbs within quotation marks are not counted.  Comments give matched/seen counts.")
    print("# Regenerate rather than edit by hand.")
    for frame in FRAME_NAMES:
        print(f"\n[{frame}]")
        for name in ("add", "drop", "weak", "similar"):
            if name == "similar" and args.similar_rate is None or name not in chosen[frame] and name != "similar":
                continue
            print(f"{name} = [")
            for lemma, h, n in chosen[frame].get(name, ()):
                print(f"  {chr(34) + lemma + chr(34) + ',':24}  # {h}/{n}")
            print("]")
    return 0


if __name__ == "__main__":
    sys.exit(main())
