"""A linear-chain CRF that tags attribution contents, stacked on the rule extractor, scored against PolNeAR.

Run: PYTHONPATH=src .venv/bin/python eval/crf_attribution.py [--train-cache FILE] [--dev-cache FILE]
                                [--folds 3] [--c1 C1 ...] [--c2 C2] [--iterations N] [--choose-only] [--limit N]

PolNeAR annotates each token with one role (source, cue, content, none), so an attribution is a tag sequence.
Each spaCy token of an article (the article is one sequence) gets a BIO tag for CONTENT, SOURCE and CUE
(``B-C I-C B-S I-S B-V I-V O``), gold tags from the PolNeAR character spans (a token is in a span when it shares a
character with it; the first token of each span piece is B).  Features: the word, lemma, POS, tag, dependency,
the head's lemma / POS / dependency, inside quotation marks (``quotation_regions``, paired per paragraph), position
in the sentence, the nearest governing verb's lemma and whether it is a cue of ``cues.toml`` (as amended by
``cue_frames.toml``), the dependency path up to it, the nearest governing cue and the dependency by which the
token's branch hangs from it, and - the stacking - the rule extractor's own label of the token (content begin /
inside with the quote's kind, source, cue, outside), with windows of +-1 and +-2.  ``--no-rules`` features
(the "CRF alone") leave out every rule-label feature.

Decoding: each predicted content run (a B-C and its I-C tokens) is an attribution; with "merge", two runs of one
paragraph separated by at most 12 tokens none of which is content, at least one a predicted source or cue, are one
content of two pieces (a cue clause inside a quotation).  A run's source is the speaker of the rule quote whose
content overlaps it most, else the CRF's nearest SOURCE run in its sentence (or the previous sentence), else none.
Hybrid decodings: "union" keeps every rule quote and adds the CRF runs that overlap no rule quote; "replace" keeps
every rule quote but, where a CRF run and a rule quote are each other's best overlap, takes the CRF run's
boundaries; "replace+add" does both.  "p>=X": a CRF content is added only if its tokens' mean marginal probability
of being content (B-C or I-C) is at least X.

Scored with eval/quotes.py's own functions (``match`` / ``score``: content = token Jaccard >= 0.5 one to one;
source overlap).  Printed:

1. held out within train: the train articles shuffled (seed 0) into ``--folds`` parts by article; the CRF is
   trained on the other parts and tags each part.  The rule extractor's learnt files (cue frames, bound weights)
   were learnt on all of train, so its labels (and the rules-alone row) are slightly in-sample there; the fair
   comparison is rules alone against the CRF rows on the same folds.  Every ``--c1`` is tried here and the setting
   (c1, feature set, decoding) with the best held-out content F1 is chosen; dev is not read for the choice.
2. dev: per feature set, the CRF of the chosen c1 trained on all of train, scored once per decoding on dev.

Also printed: model file sizes, training times, and per-article times of the rules, the CRF's features and
tagging against the parse time (dev re-parsed with ``nlp.pipe`` for that, unless ``--no-parse-timing``).

Result (2026-12-05; ``--reuse --alone-c1 0.05 --dev-model fold0``: the machine was too loaded to train on all of
train in time, so dev was tagged by the first fold's models, trained on 2/3 of train): no variant beats rules alone
by +1.0 content F1.  Chosen on the folds (stacked c1=0.5, "union p>=0.8"): content F1 74.9 against 74.5 held out,
74.7 against 74.1 on dev; source+content F1 69.3 against 70.1, 69.6 against 70.4.  The CRF decoded alone: content
F1 67.8 held out (stacked), 61.6 (without the rule features).  Not shipped.
"""

from __future__ import annotations

import argparse
import bisect
import logging
import multiprocessing
import os
import random
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "eval"))

import pycrfsuite  # noqa: E402

from quotes import Attribution, Document, attributions_of, load, parsed_docs, prf, score  # noqa: E402
from storylens.extract.quotes import cue_lexicon, extract_quotes, quotation_regions  # noqa: E402
from storylens.models import Article  # noqa: E402
from storylens.parse.pipeline import load_pipeline  # noqa: E402

logger = logging.getLogger("eval.crf_attribution")
DECODINGS = ("crf", "union", "replace", "replace+add")
THRESHOLDS = (0.0, 0.6, 0.7, 0.8, 0.9)  # the least mean content probability of a CRF content added to the rules
MERGE_GAP = 12
PARAMS = {"c2": 0.01, "max_iterations": 100, "feature.possible_transitions": True}


# --------------------------------------------------------------------------------------------------- the data

@dataclass
class Item:
    """One article: its gold and rule attributions (``doc``), its parse, and the CRF's inputs."""

    doc: Document
    parsed: object
    rules: list[Attribution]
    gold_tags: list[str] = field(default_factory=list)
    features: list[list[str]] = field(default_factory=list)
    rule_seconds: float = 0.0
    feature_seconds: float = 0.0


def rule_attributions(doc: Document, parsed) -> tuple[list[Attribution], float]:
    """The rule extractor's quotes as ``Attribution`` (as eval/quotes.py's ``predict`` makes them) and its time."""
    started = time.perf_counter()
    quotes = extract_quotes(Article(id=doc.id, text=doc.text), parsed)
    seconds = time.perf_counter() - started
    return attributions_of(doc, quotes), seconds


def token_range(starts: list[int], ends: list[int], start: int, end: int) -> range:
    """The spaCy tokens sharing a character with ``[start, end)``."""
    return range(bisect.bisect_right(ends, start), bisect.bisect_left(starts, end))


def tag_spans(parsed, attributions: list[Attribution], with_kind: bool) -> list[str]:
    """BIO tags of the content (C), source (S) and cue (V) spans of ``attributions`` over ``parsed``'s tokens; a
    token keeps its first tag (PolNeAR's roles do not overlap; the rules' rarely do)."""
    starts = [t.idx for t in parsed]
    ends = [t.idx + len(t.text) for t in parsed]
    tags = ["O"] * len(parsed)
    for att in attributions:
        kind = f"-{att.kind}" if with_kind and att.kind else ""
        for role, spans in (("C", att.content), ("S", att.source), ("V", att.cue)):
            for start, end in spans or ():
                first = True
                for i in token_range(starts, ends, start, end):
                    if parsed[i].is_space:
                        continue
                    if tags[i] == "O":
                        tags[i] = f"{'B' if first else 'I'}-{role}{kind if role == 'C' else ''}"
                    first = False
    return tags


def cue_words() -> frozenset[str]:
    lex = cue_lexicon()
    return (lex.cue_verbs | lex.speech_verbs | lex.stance_verbs | lex.object_verbs
            | frozenset(c.split()[0] for c in lex.noun_cues | lex.adjective_cues | lex.preposition_cues)
            | frozenset({"according"}))


def bucket(n: int) -> str:
    return str(n) if n < 4 else "4-6" if n < 7 else "7-12" if n < 13 else "13+"


def features(parsed, text: str, rule_tags: list[str], cues: frozenset[str]) -> list[list[str]]:
    """The feature strings of each token; the rule-label features start with "R"."""
    regions = quotation_regions(text)
    region_starts = [s for s, _ in regions]
    inside = []
    for t in parsed:
        k = bisect.bisect_right(region_starts, t.idx) - 1
        inside.append(k >= 0 and t.idx < regions[k][1])
    lower = [t.lower_ for t in parsed]
    pos = [t.pos_ for t in parsed]
    n = len(parsed)
    rows = []
    for i, t in enumerate(parsed):
        sent = t.sent
        at, left = i - sent.start, sent.end - 1 - i
        head = t.head
        row = [
            "b", "w=" + lower[i], "l=" + t.lemma_.lower(), "p=" + pos[i], "t=" + t.tag_, "d=" + t.dep_,
            "hl=" + head.lemma_.lower(), "hp=" + head.pos_, "hd=" + head.dep_, "dhl=" + t.dep_ + "|" + head.lemma_.lower(),
            "q=" + str(inside[i]), "sp=" + bucket(at), "se=" + bucket(left), "sh=" + t.shape_[:4],
            "cue=" + str(t.lemma_.lower() in cues and t.pos_ in ("VERB", "NOUN", "ADJ", "ADP")),
        ]
        if at == 0:
            row.append("sent_first")
        if left == 0:
            row.append("sent_last")
        if t.is_punct:
            row.append("punct")
        if t.is_space:
            row.append("space")
        # the nearest governing verb and the nearest governing cue, with the dependency path up to each
        path, verb_done, node = [t.dep_], False, t
        while node.head.i != node.i and len(path) < 12:
            node = node.head
            if not verb_done and node.pos_ in ("VERB", "AUX"):
                verb_done = True
                lemma = node.lemma_.lower()
                row += ["gv=" + lemma, "gvc=" + str(lemma in cues), "gvp=" + "/".join(path[:3])]
            if node.lemma_.lower() in cues and node.pos_ in ("VERB", "NOUN", "ADJ"):
                row += ["gc=" + node.lemma_.lower(), "gca=" + path[-1], "gcn=" + bucket(len(path)),
                        "gcq=" + path[-1] + "|" + str(inside[i])]
                break
            path.append(node.dep_)
        else:
            row.append("gc=none")
        for k in (-2, -1, 1, 2):
            j = i + k
            if 0 <= j < n:
                row += [f"w{k}=" + lower[j], f"p{k}=" + pos[j], f"q{k}=" + str(inside[j])]
            else:
                row.append(f"edge{k}")
        if rule_tags:
            row += ["R0=" + rule_tags[i], "R0r=" + rule_tags[i][:3], "R0w=" + rule_tags[i][:3] + "|" + lower[i]]
            for k in (-2, -1, 1, 2):
                j = i + k
                row.append(f"R{k}=" + (rule_tags[j][:3] if 0 <= j < n else "-"))
            row.append("R-1R0=" + (rule_tags[i - 1][:3] if i else "-") + "|" + rule_tags[i][:3])
        rows.append(row)
    return rows


def prepare(docs: list[Document], parsed: list) -> list[Item]:
    cues = cue_words()
    items = []
    for n, (doc, p) in enumerate(zip(docs, parsed, strict=True), 1):
        rules, seconds = rule_attributions(doc, p)
        item = Item(doc, p, rules, gold_tags=tag_spans(p, doc.gold, False), rule_seconds=seconds)
        started = time.perf_counter()
        item.features = features(p, doc.text, tag_spans(p, rules, True), cues)
        item.feature_seconds = time.perf_counter() - started
        items.append(item)
        if n % 200 == 0 or n == len(docs):
            logger.info("features: %d/%d articles", n, len(docs))
    return items


# ------------------------------------------------------------------------------------------ training, tagging

ITEMS: list[Item] = []  # the train items, shared with forked training workers


def without_rules(rows: list[list[str]]) -> list[list[str]]:
    return [[f for f in row if f[0] != "R"] for row in rows]


def train(job: tuple[list[int], bool, float, str]) -> tuple[str, float, int]:
    """Train on ``ITEMS[indices]`` (with or without the rule features) into ``path``; its time and size."""
    indices, rules, c1, path = job
    started = time.perf_counter()
    trainer = pycrfsuite.Trainer(verbose=False)
    for i in indices:
        rows = ITEMS[i].features if rules else without_rules(ITEMS[i].features)
        trainer.append(pycrfsuite.ItemSequence(rows), ITEMS[i].gold_tags)
    trainer.set_params({**PARAMS, "c1": c1})
    trainer.train(path)
    return path, time.perf_counter() - started, os.path.getsize(path)


def run_jobs(jobs: list[tuple], workers: int, reuse: bool) -> list[tuple[str, float, int]]:
    """Train every job, ``workers`` at once; with ``reuse``, a model file already there is kept (time 0)."""
    kept = {job[3]: (job[3], 0.0, os.path.getsize(job[3])) for job in jobs if reuse and os.path.exists(job[3])}
    todo = [job for job in jobs if job[3] not in kept]
    if workers <= 1 or len(todo) <= 1:
        done = [train(job) for job in todo]
    else:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            done = pool.map(train, todo, chunksize=1)
    found = kept | {path: (path, seconds, size) for path, seconds, size in done}
    return [found[job[3]] for job in jobs]


def tag(tagger: pycrfsuite.Tagger, item: Item, rules: bool) -> tuple[list[str], list[float], float]:
    """The CRF's tags of ``item``, each token's marginal probability of being content, and the time taken."""
    started = time.perf_counter()
    tagger.set(pycrfsuite.ItemSequence(item.features if rules else without_rules(item.features)))
    tags = tagger.tag()
    probs = [tagger.marginal("B-C", i) + tagger.marginal("I-C", i) for i in range(len(tags))]
    return tags, probs, time.perf_counter() - started


# ---------------------------------------------------------------------------------------------------- decoding

def runs(tags: list[str], role: str) -> list[list[int]]:
    """Token index lists of the contiguous ``role`` runs (a B starts a new one)."""
    found, current = [], []
    for i, t in enumerate(tags):
        if t == "B-" + role or (t == "I-" + role and not current):
            if current:
                found.append(current)
            current = [i]
        elif t == "I-" + role:
            current.append(i)
        elif current:
            found.append(current)
            current = []
    if current:
        found.append(current)
    return found


def span(parsed, tokens: list[int]) -> tuple[int, int]:
    return parsed[tokens[0]].idx, parsed[tokens[-1]].idx + len(parsed[tokens[-1]].text)


def merged(parsed, tags: list[str], content_runs: list[list[int]]) -> list[list[list[int]]]:
    """Content runs grouped into contents: a run joins the previous one across a gap of one paragraph, at most
    ``MERGE_GAP`` tokens, holding a predicted source or cue and no content."""
    groups: list[list[list[int]]] = []
    for run in content_runs:
        if groups:
            last = groups[-1][-1][-1]
            gap = range(last + 1, run[0])
            if (len(gap) <= MERGE_GAP and any(tags[g][2:] in ("S", "V") for g in gap)
                    and not any("\n" in parsed[g].text for g in gap)):
                groups[-1].append(run)
                continue
        groups.append([run])
    return groups


def crf_attributions(item: Item, tags: list[str], probs: list[float], merge: bool) -> list[tuple[Attribution, float]]:
    """The CRF's contents as attributions, each with its mean content marginal probability."""
    parsed, doc = item.parsed, item.doc
    content_runs = runs(tags, "C")
    groups = merged(parsed, tags, content_runs) if merge else [[r] for r in content_runs]
    sources = runs(tags, "S")
    sent_of = [t.sent.start for t in parsed]
    out = []
    for group in groups:
        att = doc.fill(Attribution([span(parsed, r) for r in group], None, None, kind="crf"))
        if not att.tokens:
            continue
        best = max(item.rules, key=lambda r: len(r.tokens & att.tokens), default=None)
        if best is not None and best.tokens & att.tokens:
            att.source = best.source
        else:
            first, last = group[0][0], group[-1][-1]
            sent = sent_of[first]
            prev = sent_of[sent - 1] if sent > 0 else sent
            near = [(min(abs(s[0] - last), abs(s[-1] - first)), s) for s in sources
                    if sent_of[s[0]] in (sent, prev) and not first <= s[0] <= last]
            near = [x for x in near if sent_of[x[1][0]] == sent] or near  # the same sentence first
            if near:
                att.source = [span(parsed, min(near)[1])]
        tokens = [i for r in group for i in r]
        out.append((doc.fill(att), sum(probs[i] for i in tokens) / len(tokens)))
    return out


def hybrid(rules: list[Attribution], scored: list[tuple[Attribution, float]], how: str, least: float,
           doc: Document) -> list[Attribution]:
    """The attributions of decoding ``how``; a CRF content is added to the rule quotes only if its mean content
    probability is at least ``least``."""
    crf = [att for att, _ in scored]
    if how == "crf":
        return crf
    out = list(rules)
    if how in ("replace", "replace+add"):
        def best(att, others):
            scored = [(len(att.tokens & o.tokens), -k) for k, o in enumerate(others) if att.tokens & o.tokens]
            return -max(scored)[1] if scored else None
        for k, rule in enumerate(rules):
            j = best(rule, crf)
            if j is not None and best(crf[j], rules) == k:
                out[k] = doc.fill(Attribution(crf[j].content, rule.source, rule.cue, kind=rule.kind))
    if how in ("union", "replace+add"):
        out += [c for c, p in scored if p >= least and not any(c.tokens & r.tokens for r in rules)]
    return out


# ------------------------------------------------------------------------------------------------------ scoring

def tally(items: list[Item], system: str, total: Counter) -> None:
    s = score([it.doc for it in items], system, "overlap")
    total.update(gold=s.gold, pred=s.pred, matched=s.matched, both=s.both)


def row_text(name: str, c: Counter) -> str:
    content = prf(c["matched"], c["pred"], c["gold"])
    both = prf(c["both"], c["pred"], c["gold"])
    return (f"{name:42} " + " ".join(f"{100 * v:5.1f}" for v in content) + "   "
            + " ".join(f"{100 * v:5.1f}" for v in both) + f"   {c['gold']:5d} {c['pred']:5d} {c['matched']:5d}")


def evaluate(items: list[Item], tagged: dict[str, list[list[str]]], totals: dict[str, Counter]) -> None:
    """Score rules alone and every (model, decoding, merge) row on ``items`` into ``totals``."""
    for it in items:
        it.doc.preds["rules"] = it.rules
    tally(items, "rules", totals.setdefault("rules alone", Counter()))
    for model, results in tagged.items():
        for merge in (False, True):
            crf = [crf_attributions(it, tags, probs, merge) for it, (tags, probs) in zip(items, results, strict=True)]
            for how in DECODINGS:
                for least in THRESHOLDS if how in ("union", "replace+add") else (0.0,):
                    name = f"{model} {how}{' merge' if merge else ''}{f' p>={least}' if least else ''}"
                    for it, atts in zip(items, crf, strict=True):
                        it.doc.preds[name] = hybrid(it.rules, atts, how, least, it.doc)
                    tally(items, name, totals.setdefault(name, Counter()))


def print_table(title: str, totals: dict[str, Counter]) -> None:
    print(f"\n{title}")
    print(f"{'system':42} {'content P':>9} {'R':>5} {'F1':>5}   {'s+c P':>5} {'R':>5} {'F1':>5}   "
          f"{'gold':>5} {'pred':>5} {'match':>5}")
    for name, c in totals.items():
        print(row_text(name, c))


def f1(c: Counter) -> float:
    return prf(c["matched"], c["pred"], c["gold"])[2]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--evaldata", type=Path, default=ROOT.parent / "shared" / "evaldata")
    parser.add_argument("--train-cache", type=Path, default=Path("/work/cache/polnear_train.spacy"))
    parser.add_argument("--dev-cache", type=Path, default=Path("/work/cache/polnear_dev.spacy"))
    parser.add_argument("--folds", type=int, default=3)
    parser.add_argument("--c1", type=float, action="append", default=None,
                        help="L1 regularisation values tried on the folds (repeatable; default 0.05 and 0.5)")
    parser.add_argument("--alone-c1", type=float, action="append", default=None,
                        help="the c1 values tried for the CRF alone (default: those of --c1)")
    parser.add_argument("--c2", type=float, default=PARAMS["c2"], help="L2 regularisation")
    parser.add_argument("--iterations", type=int, default=PARAMS["max_iterations"], help="L-BFGS iterations")
    parser.add_argument("--workers", type=int, default=2, help="CRF trainings run at once")
    parser.add_argument("--limit", type=int, default=None, help="only the first N train and dev articles (a smoke test)")
    parser.add_argument("--model-dir", type=Path, default=None, help="keep the models here (default: a temp dir)")
    parser.add_argument("--dev-model", choices=("all", "fold0"), default="all",
                        help="the model that tags dev: trained on all of train, or the first fold's (2/3 of train)")
    parser.add_argument("--reuse", action="store_true",
                        help="use the models already in --model-dir (all of them; training times then read 0)")
    parser.add_argument("--no-parse-timing", action="store_true", help="do not re-parse dev to time the parse")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    PARAMS.update(c2=args.c2, max_iterations=args.iterations)
    c1s = args.c1 or [0.05, 0.5]

    path = args.evaldata / "polnear" / "data.jsonl"
    nlp = load_pipeline("en_core_web_sm")
    train_docs = load(path, "train", args.limit)
    dev_docs = load(path, "dev", args.limit)
    train_parsed = list(parsed_docs(nlp, train_docs, 16, args.train_cache if args.limit is None else None))
    dev_parsed = list(parsed_docs(nlp, dev_docs, 16, args.dev_cache if args.limit is None else None))
    ITEMS[:] = prepare(train_docs, train_parsed)
    dev = prepare(dev_docs, dev_parsed)
    labels = Counter(t for it in ITEMS for t in it.gold_tags)
    logger.info("train: %d articles, %d tokens, gold tags %s", len(ITEMS), sum(labels.values()), dict(labels))

    model_dir = args.model_dir or Path(tempfile.mkdtemp(prefix="crf_attribution_"))
    model_dir.mkdir(parents=True, exist_ok=True)
    order = list(range(len(ITEMS)))
    random.Random(0).shuffle(order)
    parts = [sorted(order[k::args.folds]) for k in range(args.folds)]
    configs = [("stacked", True, c1) for c1 in c1s] + [("alone", False, c1) for c1 in args.alone_c1 or c1s]

    # 1. held out within train
    jobs = [([i for j, p in enumerate(parts) if j != k for i in p], rules, c1, str(model_dir / f"{name}_{c1}_fold{k}"))
            for name, rules, c1 in configs for k in range(args.folds)]
    logger.info("training %d fold models", len(jobs))
    trained = run_jobs(jobs, args.workers, args.reuse)
    fold_totals: dict[str, Counter] = {}
    for k, part in enumerate(parts):
        held = [ITEMS[i] for i in part]
        tagged = {}
        for name, rules, c1 in configs:
            tagger = pycrfsuite.Tagger()
            tagger.open(str(model_dir / f"{name}_{c1}_fold{k}"))
            tagged[f"{name} c1={c1}"] = [tag(tagger, it, rules)[:2] for it in held]
        evaluate(held, tagged, fold_totals)
    fold_train = {name: (seconds, size) for (name, seconds, size) in trained}

    # the choice, on the folds only: per feature set, the best content F1 among the rows whose source+content F1 is
    # not below rules alone's (if none is, the best content F1)
    def sc(c: Counter) -> float:
        return prf(c["both"], c["pred"], c["gold"])[2]

    chosen = {}
    for name, _, _ in configs:
        rows = [k for k in fold_totals if k.startswith(name + " ")]
        chosen[name] = max(rows, key=lambda k: (sc(fold_totals[k]) >= sc(fold_totals["rules alone"]),
                                                f1(fold_totals[k]), sc(fold_totals[k])))
    logger.info("chosen on the folds: %s", chosen)

    # 2. dev: per feature set, the chosen c1's model trained on all of train, with every decoding
    configs = [(name, rules, c1) for name, rules, c1 in configs if chosen[name].startswith(f"{name} c1={c1} ")]
    everything = list(range(len(ITEMS)))
    suffix = "all" if args.dev_model == "all" else "fold0"
    full_jobs = [(everything if suffix == "all" else [i for p in parts[1:] for i in p], rules, c1,
                  str(model_dir / f"{name}_{c1}_{suffix}")) for name, rules, c1 in configs]
    logger.info("%d models to tag dev (%s)", len(full_jobs), suffix)
    full = run_jobs(full_jobs, args.workers, args.reuse)
    dev_totals: dict[str, Counter] = {}
    tagged, tag_seconds = {}, {}
    for name, rules, c1 in configs:
        tagger = pycrfsuite.Tagger()
        tagger.open(str(model_dir / f"{name}_{c1}_{suffix}"))
        results = [tag(tagger, it, rules) for it in dev]
        tagged[f"{name} c1={c1}"] = [(tags, probs) for tags, probs, _ in results]
        tag_seconds[f"{name} c1={c1}"] = sum(s for *_, s in results)
    evaluate(dev, tagged, dev_totals)

    print(f"PolNeAR: train {len(ITEMS)} articles ({args.folds} folds by article, seed 0), dev {len(dev)} articles; "
          f"CRF L-BFGS c2={args.c2}, {args.iterations} iterations; content match token Jaccard >= 0.5, "
          "source match overlap")
    print("note: the rule extractor's learnt files were learnt on all of train: its labels are slightly in-sample on "
          "the folds (rules alone included)")
    print_table(f"1. held out within train ({args.folds} folds)", fold_totals)
    print_table("2. dev (CRF trained on " + ("all of train)" if suffix == "all" else "folds 2 and 3 of train: the first "
                "fold's model)"), dev_totals)
    print("\nchosen on the train folds (per feature set, the best held-out content F1 not lowering s+c F1): " + "; ".join(
        f"{k}: {v}" for k, v in chosen.items()))
    for row in chosen.values():
        rules_f, rules_d = fold_totals["rules alone"], dev_totals["rules alone"]
        print(f"  {row}: content F1 {100 * (f1(fold_totals[row]) - f1(rules_f)):+.1f} folds, "
              f"{100 * (f1(dev_totals[row]) - f1(rules_d)):+.1f} dev against rules alone; s+c F1 "
              f"{100 * (sc(fold_totals[row]) - sc(rules_f)):+.1f} folds, {100 * (sc(dev_totals[row]) - sc(rules_d)):+.1f} dev")

    print(f"\nmodels that tagged dev ({suffix}): " + "; ".join(
        f"{Path(p).name} {size / 1024:.0f} KiB, {seconds:.0f}s to train" for p, seconds, size in full))
    print("fold models: " + "; ".join(f"{Path(p).name} {s:.0f}s" for p, (s, _) in fold_train.items()))
    rule_s = sum(it.rule_seconds for it in dev)
    feat_s = sum(it.feature_seconds for it in dev)
    parse_s = None
    if not args.no_parse_timing:
        started = time.perf_counter()
        for _ in nlp.pipe((d.text for d in dev_docs), batch_size=16):
            pass
        parse_s = time.perf_counter() - started
    per = 1000 / len(dev)
    line = (f"timing on dev ({len(dev)} articles), ms per article: rules {rule_s * per:.1f}, CRF features "
            f"{feat_s * per:.1f}, tagging " + ", ".join(f"{k} {s * per:.1f}" for k, s in tag_seconds.items()))
    if parse_s:
        line += (f"; parse {parse_s * per:.0f} (nlp.pipe): rules {100 * rule_s / parse_s:.1f}% of the parse, rules + "
                 f"features + tagging {100 * (rule_s + feat_s + max(tag_seconds.values())) / parse_s:.1f}%")
    print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
