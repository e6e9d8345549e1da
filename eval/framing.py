"""Loaded terms against BASIL's lexical-bias spans, and label tables against NewsWCL50's target concepts.

Run: .venv/bin/python eval/framing.py [--part basil|newswcl50|all] [--limit N] [--evaldata PATH] [--misses N]

Gold (``../shared/evaldata``, never copied here):

- BASIL (``basil/data.jsonl``): articles by Fox, NYT and HuffPost on the same events, with annotated bias spans
  (``bias`` "lex" = lexical, "inf" = informational; ``doc_start``/``doc_end`` into ``text``; title spans have no
  offsets and are left out).  Each article goes alone through ``loaded_terms`` (the shipped lexicon, no quotes).
  A flag is correct if it overlaps a gold lex span (precision; also against any bias span, lex or inf); a gold lex
  span is found if it overlaps at least one flag (recall).  "chance" is the precision a flag placed on a random
  word would get: the share of words inside a gold span.  Per outlet: flags and gold lex spans per 1,000 words.
  The lexicon is small and about stigmatising group labels and contested words; BASIL's lexical bias is any
  word choice that frames an entity, so low recall is expected.
- NewsWCL50 (``newswcl50/data.jsonl``): per event, 5 outlets' articles; text rebuilt from the tokens (spaces,
  "\\n" between sentences).  ``conll_mentions`` with the same ``chain`` across an event's articles are one target
  concept.  The event's 5 articles go through the storylens ``Pipeline`` as one story.  For each chain found in
  at least 2 articles, the matched entity is the one whose mentions overlap the most of the chain's gold mentions
  (ties: most overlapping characters); an entity may match several chains.  Scored, micro-averaged over chains:
  found (a matched entity exists), mention recall (gold mentions overlapped by the matched entity's mentions or
  its label-row spans, over all gold mentions of the chain; an unfound chain counts all its mentions as missed;
  "R named" the same over the gold mentions with a capitalised word other than a determiner, pronoun or title),
  mention precision (the matched entity's mentions that overlap a gold mention of that chain) and the share of
  chains whose matched entity has a row in the label table.  Rows by the chain's type (the last part of its
  name); "named targets" = ACTOR + COUNTRY + GROUP, the chains storylens's entities are meant for.  An EVENT,
  ACTION or MISC chain is usually "found" through a name inside its mentions ("the summit with Kim").  NewsWCL50 chains include many non-named mentions ("the president", "his administration", "the
  talks") and whole events, actions and issues; storylens links named entities only.
"""

from __future__ import annotations

import argparse
import json
import logging
import re
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from storylens.analyse.labels import loaded_terms  # noqa: E402
from storylens.models import Article, ArticleInfo  # noqa: E402
from storylens.pipeline import Pipeline  # noqa: E402
from storylens.settings import Settings  # noqa: E402

logger = logging.getLogger("eval.framing")
OUTLETS = ("fox", "nyt", "hpo")
WORD = re.compile(r"\w+")
# NewsWCL50 chain types, grouped: entity-like targets first
TYPE_GROUPS = {"ACTOR": "ACTOR", "COUNTRY": "COUNTRY", "GROUP": "GROUP", "ACTOR-I": "ACTOR-I",
               "EVENT": "EVENT/ACTION", "ACTION": "EVENT/ACTION", "MISC": "MISC/OBJECT", "OBJECT": "MISC/OBJECT"}


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def char_overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def prf(tp_p: int, n_p: int, tp_r: int, n_r: int) -> tuple[float, float, float]:
    p = tp_p / n_p if n_p else 0.0
    r = tp_r / n_r if n_r else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def table(header: list[str], rows: list[list]) -> str:
    cells = [header] + [[f"{c:.3f}" if isinstance(c, float) else str(c) for c in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    lines = ["  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths, strict=True)))
             for row in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


# ---------------------------------------------------------------- BASIL


@dataclass
class OutletScore:
    articles: int = 0
    words: int = 0
    flags: int = 0
    flags_in_lex: int = 0
    flags_in_any: int = 0
    lex: int = 0
    lex_found: int = 0
    words_in_lex: int = 0
    words_in_any: int = 0

    def add(self, other: OutletScore) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))


def score_basil(rows: list[dict], misses: list[str]) -> dict[str, OutletScore]:
    scores: dict[str, OutletScore] = defaultdict(OutletScore)
    terms: Counter = Counter()
    for n, row in enumerate(rows, 1):
        text = row["text"]
        spans = [s for s in row["bias_spans"] if s["doc_start"] is not None]
        lex = [(s["doc_start"], s["doc_end"]) for s in spans if s["bias"] == "lex"]
        any_bias = [(s["doc_start"], s["doc_end"]) for s in spans]
        found = loaded_terms([ArticleInfo(id=row["article_id"], text=text)], [])
        flags = [(t.span.start, t.span.end) for t in found]
        terms.update(t.term for t in found)
        words = [(m.start(), m.end()) for m in WORD.finditer(text)]
        s = OutletScore(
            articles=1,
            words=len(words),
            flags=len(flags),
            flags_in_lex=sum(any(overlaps(f, g) for g in lex) for f in flags),
            flags_in_any=sum(any(overlaps(f, g) for g in any_bias) for f in flags),
            lex=len(lex),
            lex_found=sum(any(overlaps(f, g) for f in flags) for g in lex),
            words_in_lex=sum(any(overlaps(w, g) for g in lex) for w in words),
            words_in_any=sum(any(overlaps(w, g) for g in any_bias) for w in words),
        )
        scores[row["source"]].add(s)
        misses += [f"{row['source']}: {text[a:b]!r}" for a, b in lex if not any(overlaps(f, (a, b)) for f in flags)]
        if n % 50 == 0:
            logger.info("BASIL: %d/%d articles", n, len(rows))
    logger.info("BASIL: flagged terms %s", dict(terms.most_common()))
    return scores


def basil_table(scores: dict[str, OutletScore]) -> str:
    total = OutletScore()
    for s in scores.values():
        total.add(s)
    out = []
    for name, s in [*((o, scores[o]) for o in OUTLETS if o in scores), ("all", total)]:
        p, r, f = prf(s.flags_in_lex, s.flags, s.lex_found, s.lex)
        out.append([
            name, s.articles, s.words, s.flags, round(1000 * s.flags / s.words, 2) if s.words else 0.0,
            s.lex, round(1000 * s.lex / s.words, 2) if s.words else 0.0,
            p, r, f, s.flags_in_any / s.flags if s.flags else 0.0,
            s.words_in_lex / s.words if s.words else 0.0, s.words_in_any / s.words if s.words else 0.0,
        ])
    header = ["outlet", "articles", "words", "flags", "flags/1k", "gold lex", "lex/1k", "P(lex)", "R(lex)",
              "F1(lex)", "P(any)", "chance lex", "chance any"]
    return "BASIL: loaded-terms lexicon vs gold lexical-bias spans (span overlap)\n" + table(header, out)


# ---------------------------------------------------------------- NewsWCL50


NOT_NAMES = frozenset("the a an his her its their this that these those he she it they we i our your "
                      "mr. mrs. ms. dr. president prime minister".split())


def is_named(text: str) -> bool:
    """A mention with a capitalised word that is not a determiner, pronoun or title: "Mr. Trump", "North Korea"."""
    return any(w[:1].isupper() and w.lower() not in NOT_NAMES for w in text.split())


def layout(sentences: list[list[str]]) -> tuple[str, list[list[tuple[int, int]]]]:
    """The text (tokens joined by spaces, sentences by newlines) and each token's character span."""
    offsets, pos = [], 0
    for tokens in sentences:
        offsets.append([])
        for token in tokens:
            offsets[-1].append((pos, pos + len(token)))
            pos += len(token) + 1
        pos += not tokens
    return "\n".join(" ".join(tokens) for tokens in sentences), offsets


@dataclass
class ChainScore:
    chains: int = 0
    found: int = 0
    labelled: int = 0
    gold: int = 0
    gold_covered: int = 0
    pred: int = 0
    pred_inside: int = 0
    named: int = 0
    named_covered: int = 0


def score_event(pipeline: Pipeline, docs: list[dict], scores: dict[str, ChainScore]) -> None:
    articles, gold, named = [], defaultdict(list), set()  # chain -> [(article id, start, end)]; named mentions
    for doc in docs:
        text, offsets = layout(doc["sentences"])
        articles.append(Article(id=doc["doc_id"], text=text, outlet=doc["outlet"]))
        for m in doc["conll_mentions"]:
            if m["end"] > m["start"]:
                row = offsets[m["sent"]]
                gold[m["chain"]].append((doc["doc_id"], row[m["start"]][0], row[m["end"] - 1][1]))
                if is_named(m["text"]):
                    named.add((doc["doc_id"], row[m["start"]][0], row[m["end"] - 1][1]))
    dossier = pipeline.analyze_articles(articles)
    labelled = {row.entity_id: row for row in dossier.labels}
    for chain, mentions in gold.items():
        mentions = sorted(set(mentions))
        if len({a for a, _, _ in mentions}) < 2:
            continue
        kind = TYPE_GROUPS.get(chain.rsplit("_", 1)[-1], "other")
        best, best_key = None, (0, 0)
        for entity in dossier.entities:
            hit = [max((char_overlap((g[1], g[2]), (s.start, s.end)) for s in entity.mentions
                        if s.article_id == g[0]), default=0) for g in mentions]
            key = (sum(h > 0 for h in hit), sum(hit))
            if key > best_key:
                best, best_key = entity, key
        groups = (kind, "named targets", "all") if kind in ("ACTOR", "COUNTRY", "GROUP") else (kind, "all")
        for name in groups:
            s = scores[name]
            s.chains += 1
            s.gold += len(mentions)
            s.named += sum(g in named for g in mentions)
            if best is None:
                continue
            s.found += 1
            s.labelled += best.id in labelled
            spans = [*best.mentions, *(labelled[best.id].spans if best.id in labelled else [])]
            covered = [g for g in mentions
                       if any(x.article_id == g[0] and overlaps((x.start, x.end), g[1:]) for x in spans)]
            s.gold_covered += len(covered)
            s.named_covered += sum(g in named for g in covered)
            s.pred += len(best.mentions)
            s.pred_inside += sum(any(x.article_id == a and overlaps((x.start, x.end), (b, e)) for a, b, e in mentions)
                                 for x in best.mentions)
        logger.debug("%s -> %s %s", chain, best.name if best else None, best_key)


def newswcl_table(scores: dict[str, ChainScore]) -> str:
    order = ["ACTOR", "COUNTRY", "GROUP", "ACTOR-I", "EVENT/ACTION", "MISC/OBJECT", "other", "named targets", "all"]
    out = []
    for name in order:
        s = scores.get(name)
        if s is None or not s.chains:
            continue
        p, r, f = prf(s.pred_inside, s.pred, s.gold_covered, s.gold)
        out.append([name, s.chains, s.gold, s.found / s.chains, r, p, f, s.named,
                    s.named_covered / s.named if s.named else 0.0, s.labelled / s.chains])
    header = ["chain type", "chains", "gold mentions", "found", "mention R", "mention P", "F1", "named mentions",
              "R named", "in label table"]
    return ("NewsWCL50: storylens entities / label rows vs gold target concepts (chains in >=2 articles)\n"
            + table(header, out))


# ---------------------------------------------------------------- main


def load(path: Path, what: str) -> list[dict] | None:
    if not path.is_file():
        print(f"{what}: no gold data at {path}; nothing scored (see --evaldata)")
        return None
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def run_basil(evaldata: Path, limit: int | None, n_misses: int) -> None:
    rows = load(evaldata / "basil" / "data.jsonl", "BASIL")
    if rows is None:
        return
    rows = rows[:limit] if limit else rows
    misses: list[str] = []
    print(basil_table(score_basil(rows, misses)))
    if n_misses:
        print(f"\nBASIL lex spans with no flag (first {n_misses} of {len(misses)}):")
        for line in misses[:n_misses]:
            print("  " + line)


def run_newswcl(evaldata: Path, limit: int | None) -> None:
    rows = load(evaldata / "newswcl50" / "data.jsonl", "NewsWCL50")
    if rows is None:
        return
    events: dict[int, list[dict]] = defaultdict(list)
    for row in rows:
        events[row["event_id"]].append(row)
    keys = sorted(events)[:limit] if limit else sorted(events)
    scores: dict[str, ChainScore] = defaultdict(ChainScore)
    with Pipeline(Settings.load(use_store=False, progress=False)) as pipeline:
        for n, key in enumerate(keys, 1):
            started = time.perf_counter()
            score_event(pipeline, events[key], scores)
            logger.info("NewsWCL50: event %s (%d/%d) in %.1fs", key, n, len(keys), time.perf_counter() - started)
    print(newswcl_table(scores))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", choices=("basil", "newswcl50", "all"), default="all")
    parser.add_argument("--limit", type=int, default=None,
                        help="only the first N articles (BASIL) / events (NewsWCL50)")
    parser.add_argument("--evaldata", type=Path, default=ROOT.parent / "shared" / "evaldata")
    parser.add_argument("--misses", type=int, default=0, help="also print N gold lex spans the lexicon misses")
    parser.add_argument("--verbose", action="store_true", help="log each NewsWCL50 chain's match")
    args = parser.parse_args()
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.INFO,
                        format="%(asctime)s %(levelname)s %(message)s")
    if args.verbose:
        for name in logging.root.manager.loggerDict:
            if not name.startswith("eval"):
                logging.getLogger(name).setLevel(logging.INFO)
    if args.part in ("basil", "all"):
        run_basil(args.evaldata, args.limit, args.misses)
    if args.part == "all":
        print()
    if args.part in ("newswcl50", "all"):
        run_newswcl(args.evaldata, args.limit)
    return 0


if __name__ == "__main__":
    sys.exit(main())
