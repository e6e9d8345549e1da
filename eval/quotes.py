"""Attribution (quotes and reported speech) extraction, scored against PolNeAR, with textacy as a baseline.

Run: .venv/bin/python eval/quotes.py [--split dev|train|all] [--limit N] [--evaldata PATH] [--errors N] [--near N]
                                     [--source-match overlap|jaccard] [--model NAME] [--cache FILE]

Gold (``../shared/evaldata/polnear/data.jsonl``, never copied here): PolNeAR, US political news of 2016, one
annotator's attributions per article (source, cue, content as character spans).  The ``dev`` split is scored
by default.  Each article's text is parsed once with ``nlp.pipe``; both systems read the same ``Doc``.

- Content P / R / F1: a predicted content matches a gold content if the Jaccard index of their word-token
  sets is at least 0.5.  Tokens are the text's words (``\\w+`` runs, with inner apostrophes) identified by
  their character position, so quotation marks and punctuation do not count; a token belongs to a span
  when they share a character.  A gold content of several spans is the union of its spans.  Matching is
  one-to-one, greedy by best Jaccard.  Gold attributions without a content are left out (one in dev).
- Source accuracy, on the matched pairs: the predicted speaker span matches the gold source if they share
  a character (``--source-match overlap``, the default) or have token Jaccard >= 0.5 (``jaccard``).  A gold
  attribution without a source (``has_source`` false, or no source span) is matched only by a null speaker.
- Source+content P / R / F1: a true positive is a content match whose source also matches.
- Baseline "textacy": ``textacy.extract.triples.direct_quotations(doc)`` (direct quotations only); its
  speaker, cue and content tokens become character spans (first to last token) scored the same way.
  textacy refuses a document with an odd number of quotation marks: such articles are counted and score
  as producing no quotes.  The baseline is skipped with a message if textacy is not installed.
- Timing: seconds spent parsing (``nlp.pipe``) against seconds in ``extract_quotes`` over the parsed docs.
  The goal is that attribution adds at most 15% to the parse time.

Also printed: content recall on gold contents with and without quotation marks, and content F1 by publisher.
``--limit N`` keeps the first N articles of the split in file order (the file is grouped by publisher).
``--errors N`` prints N sampled storylens false positives, false negatives and wrong sources, and the gold
cues most often missed.  ``--near N`` counts the boundary near-misses (gold contents missed that a prediction
overlaps with Jaccard < 0.5) by how the best overlapping prediction differs: too long or too short at its start
or end, or shifted; and prints N sampled ones with the words in excess or missing at each end.
"""

from __future__ import annotations

import argparse
import bisect
import json
import logging
import random
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from storylens.extract.quotes import extract_quotes  # noqa: E402
from storylens.models import Article  # noqa: E402
from storylens.parse.pipeline import load_pipeline  # noqa: E402

logger = logging.getLogger("eval.quotes")
MIN_JACCARD = 0.5
WORD = re.compile(r"\w+(?:['’]\w+)*")
QUOTE_MARKS = "\"“”«»„"  # and "''", the New York Times's quotation mark


@dataclass
class Attribution:
    """One attribution, gold or predicted, as character spans of its article."""

    content: list[tuple[int, int]]
    source: list[tuple[int, int]] | None  # None: no source (gold) / null speaker (predicted)
    cue: list[tuple[int, int]] | None
    tokens: frozenset[int] = frozenset()  # word-token indices of the content
    source_tokens: frozenset[int] = frozenset()
    kind: str = ""  # predicted: storylens's kind; gold: "quoted" if its content has a quotation mark


@dataclass
class Document:
    id: str
    text: str
    publisher: str
    gold: list[Attribution]
    starts: list[int] = field(default_factory=list)  # word-token character starts and ends
    ends: list[int] = field(default_factory=list)
    preds: dict[str, list[Attribution]] = field(default_factory=dict)

    def tokens(self, spans: list[tuple[int, int]] | None) -> frozenset[int]:
        """Indices of the word tokens sharing a character with any of ``spans``."""
        found: set[int] = set()
        for start, end in spans or ():
            first = bisect.bisect_right(self.ends, start)  # first token ending after start
            last = bisect.bisect_left(self.starts, end)  # first token starting at or after end
            found.update(range(first, last))
        return frozenset(found)

    def fill(self, att: Attribution) -> Attribution:
        att.tokens = self.tokens(att.content)
        att.source_tokens = self.tokens(att.source)
        return att

    def show(self, spans: list[tuple[int, int]] | None, limit: int = 160) -> str:
        if not spans:
            return "-"
        text = " … ".join(self.text[s:e] for s, e in spans).replace("\n", " ")
        return repr(text if len(text) <= limit else text[: limit // 2] + " [...] " + text[-limit // 2:])


def spans_of(role: dict | None) -> list[tuple[int, int]] | None:
    return [(s, e) for s, e in role["spans"]] if role and role.get("spans") else None


def load(path: Path, split: str, limit: int | None) -> list[Document]:
    docs, no_content = [], 0
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            if split != "all" and row["split"] != split:
                continue
            # the text as storylens reads it (no-break spaces as spaces: one character for one, so the gold's
            # offsets hold), so the parse scored is the product's
            doc = Document(row["doc_id"], Article(id=row["doc_id"], text=row["text"]).text, row.get("publisher") or "?", [])
            for m in WORD.finditer(doc.text):
                doc.starts.append(m.start())
                doc.ends.append(m.end())
            for a in row["attributions"]:
                content = spans_of(a["content"])
                if content is None:
                    no_content += 1
                    continue
                source = spans_of(a["source"]) if a["has_source"] else None
                pieces = [doc.text[s:e] for s, e in content]
                quoted = any("''" in piece or any(c in QUOTE_MARKS for c in piece) for piece in pieces)
                doc.gold.append(doc.fill(Attribution(content, source, spans_of(a["cue"]), kind="quoted" if quoted
                                                     else "unquoted")))
            docs.append(doc)
            if limit is not None and len(docs) >= limit:
                break
    if no_content:
        logger.info("%d gold attributions without a content left out", no_content)
    return docs


def load_textacy():
    try:
        from textacy.extract.triples import direct_quotations
    except ImportError as exc:
        logger.info("textacy not importable (%s)", exc)
        return None
    return direct_quotations


def char_span(tokens) -> list[tuple[int, int]] | None:
    tokens = sorted(tokens, key=lambda t: t.i)
    return [(tokens[0].idx, tokens[-1].idx + len(tokens[-1].text))] if tokens else None


@dataclass
class Timing:
    parse: float = 0.0
    storylens: float = 0.0
    textacy: float = 0.0
    textacy_failed: int = 0


def parsed_docs(nlp, docs: list[Document], batch_size: int, cache: Path | None):
    """``nlp.pipe`` over the texts, or the docs stored in ``cache`` (a DocBin written by an earlier run with the
    same split, limit and model; the first run writes it)."""
    if cache is None:
        yield from nlp.pipe((d.text for d in docs), batch_size=batch_size)
        return
    from spacy.tokens import DocBin

    if cache.is_file():
        stored = list(DocBin().from_disk(cache).get_docs(nlp.vocab))
        if [d.text for d in stored] == [d.text for d in docs]:
            yield from stored
            return
        logger.info("cache %s holds other texts: parsing again", cache)
    store = DocBin(store_user_data=False)
    for parsed in nlp.pipe((d.text for d in docs), batch_size=batch_size):
        store.add(parsed)
        yield parsed
    store.to_disk(cache)


def attributions_of(doc: Document, quotes) -> list[Attribution]:
    """storylens's quotes as :class:`Attribution` of ``doc``: a content given in pieces around its cue clause
    (``content_parts``) is its pieces, as the gold's are."""
    return [
        doc.fill(Attribution(
            [(p.start, p.end) for p in q.content_parts] or [(q.content.start, q.content.end)],
            [(q.speaker.span.start, q.speaker.span.end)] if q.speaker.span is not None else None,
            [(q.cue.start, q.cue.end)] if q.cue is not None else None,
            kind=q.kind,
        ))
        for q in quotes
    ]


def predict(nlp, docs: list[Document], direct_quotations, batch_size: int, cache: Path | None = None) -> Timing:
    """Parse every text once and fill ``doc.preds`` for each system, timing each step."""
    timing = Timing()
    stream = parsed_docs(nlp, docs, batch_size, cache)
    for n, doc in enumerate(docs, 1):
        started = time.perf_counter()
        parsed = next(stream)
        timing.parse += time.perf_counter() - started

        article = Article(id=doc.id, text=doc.text)
        started = time.perf_counter()
        quotes = extract_quotes(article, parsed)
        timing.storylens += time.perf_counter() - started
        doc.preds["storylens"] = attributions_of(doc, quotes)

        if direct_quotations is not None:
            started = time.perf_counter()
            try:
                triples = list(direct_quotations(parsed))
            except ValueError as exc:
                logger.debug("textacy failed on %s: %s", doc.id, exc)
                triples = []
                timing.textacy_failed += 1
            timing.textacy += time.perf_counter() - started
            doc.preds["textacy"] = [
                doc.fill(Attribution(char_span(t.content), char_span(t.speaker), char_span(t.cue), kind="direct"))
                for t in triples
            ]
        if n % 20 == 0 or n == len(docs):
            logger.info("%d/%d articles: parse %.1fs, extract_quotes %.1fs", n, len(docs), timing.parse,
                        timing.storylens)
    next(stream, None)  # the generator's end: writes the cache
    return timing


def jaccard(a: frozenset[int], b: frozenset[int]) -> float:
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def match(preds: list[Attribution], golds: list[Attribution]) -> list[tuple[int, int, float]]:
    """One-to-one (prediction, gold, Jaccard) triples with content Jaccard >= 0.5, greedy by best Jaccard."""
    pairs = sorted(
        ((jaccard(p.tokens, g.tokens), i, j) for i, p in enumerate(preds) for j, g in enumerate(golds)
         if p.tokens & g.tokens),
        key=lambda x: (-x[0], x[1], x[2]),
    )
    used_p, used_g, result = set(), set(), []
    for value, i, j in pairs:
        if value < MIN_JACCARD:
            break
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            result.append((i, j, value))
    return result


def source_ok(pred: Attribution, gold: Attribution, how: str) -> bool:
    if gold.source is None or pred.source is None:
        return gold.source is None and pred.source is None
    if how == "jaccard":
        return jaccard(pred.source_tokens, gold.source_tokens) >= MIN_JACCARD
    return any(ps < ge and gs < pe for ps, pe in pred.source for gs, ge in gold.source)


@dataclass
class Score:
    gold: int = 0
    pred: int = 0
    matched: int = 0
    both: int = 0  # matched with the right source
    gold_by_kind: Counter = field(default_factory=Counter)
    found_by_kind: Counter = field(default_factory=Counter)
    by_publisher: Counter = field(default_factory=Counter)  # (publisher, "gold" | "pred" | "matched") -> count
    false_pos: list = field(default_factory=list)  # (doc, pred, best overlapping gold or None, its Jaccard)
    false_neg: list = field(default_factory=list)  # (doc, gold, best overlapping pred or None, its Jaccard)
    wrong_source: list = field(default_factory=list)  # (doc, pred, gold)


def best_overlap(item: Attribution, others: list[Attribution]) -> tuple[Attribution | None, float]:
    scored = [(jaccard(item.tokens, o.tokens), k) for k, o in enumerate(others) if item.tokens & o.tokens]
    if not scored:
        return None, 0.0
    value, k = max(scored)
    return others[k], value


def score(docs: list[Document], system: str, how: str) -> Score:
    result = Score()
    for doc in docs:
        preds, golds = doc.preds[system], doc.gold
        pairs = match(preds, golds)
        result.gold += len(golds)
        result.pred += len(preds)
        result.matched += len(pairs)
        result.by_publisher.update({(doc.publisher, "gold"): len(golds), (doc.publisher, "pred"): len(preds),
                                    (doc.publisher, "matched"): len(pairs)})
        hit_p, hit_g = {i for i, _, _ in pairs}, {j for _, j, _ in pairs}
        for i, j, _ in pairs:
            if source_ok(preds[i], golds[j], how):
                result.both += 1
            else:
                result.wrong_source.append((doc, preds[i], golds[j]))
        for j, g in enumerate(golds):
            result.gold_by_kind[g.kind] += 1
            result.found_by_kind[g.kind] += j in hit_g
            if j not in hit_g:
                result.false_neg.append((doc, g, *best_overlap(g, preds)))
        result.false_pos += [(doc, p, *best_overlap(p, golds)) for i, p in enumerate(preds) if i not in hit_p]
    return result


def prf(tp: int, pred: int, gold: int) -> tuple[float, float, float]:
    p = tp / pred if pred else 0.0
    r = tp / gold if gold else 0.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def pct(values) -> str:
    return " ".join(f"{100 * v:6.1f}" for v in values)


def print_table(scores: dict[str, Score]) -> None:
    print(f"{'system':10} {'cont P':>6} {'R':>6} {'F1':>6}  {'src acc':>7}  {'s+c P':>6} {'R':>6} {'F1':>6}"
          f"  {'gold':>5} {'pred':>5} {'match':>5} {'src ok':>6}")
    for name, s in scores.items():
        accuracy = s.both / s.matched if s.matched else 0.0
        print(f"{name:10} {pct(prf(s.matched, s.pred, s.gold))}  {100 * accuracy:7.1f}  "
              f"{pct(prf(s.both, s.pred, s.gold))}  {s.gold:5d} {s.pred:5d} {s.matched:5d} {s.both:6d}")
    print("content recall by gold type (quoted = content holds a quotation mark or ''): " + "; ".join(
        name + " " + ", ".join(f"{k} {100 * s.found_by_kind[k] / n:.1f}% of {n}"
                               for k, n in sorted(s.gold_by_kind.items()))
        for name, s in scores.items()))
    for name, s in scores.items():
        publishers = sorted({p for p, _ in s.by_publisher})
        print(f"{name} content F1 by publisher: " + ", ".join(
            f"{p} {100 * prf(s.by_publisher[p, 'matched'], s.by_publisher[p, 'pred'], s.by_publisher[p, 'gold'])[2]:.1f}"
            for p in publishers))


def print_errors(s: Score, n: int, seed: int) -> None:
    rng = random.Random(seed)

    def sample(items):
        return rng.sample(items, min(n, len(items)))

    def cue(doc, att):
        return doc.show(att.cue, 40)

    near = sum(1 for *_, value in s.false_neg if value > 0)
    print(f"\nstorylens false negatives: {len(s.false_neg)} gold contents unmatched "
          f"({near} overlap a prediction with Jaccard < {MIN_JACCARD}); sample:")
    for doc, g, p, value in sample(s.false_neg):
        print(f"  {doc.id}: source {doc.show(g.source, 60)} cue {cue(doc, g)}\n    gold {doc.show(g.content)}")
        if p is not None:
            print(f"    best prediction (J={value:.2f}) {doc.show(p.content)}")
    near = sum(1 for *_, value in s.false_pos if value > 0)
    print(f"\nstorylens false positives: {len(s.false_pos)} predictions unmatched "
          f"({near} overlap a gold content with Jaccard < {MIN_JACCARD}); sample:")
    for doc, p, g, value in sample(s.false_pos):
        print(f"  {doc.id}: [{p.kind}] speaker {doc.show(p.source, 60)} cue {cue(doc, p)}\n"
              f"    predicted {doc.show(p.content)}")
        if g is not None:
            print(f"    best gold (J={value:.2f}) {doc.show(g.content)}")
    print(f"\nstorylens wrong sources: {len(s.wrong_source)} of {s.matched} matched; sample:")
    for doc, p, g in sample(s.wrong_source):
        print(f"  {doc.id}: cue {cue(doc, p)} / gold cue {cue(doc, g)}: predicted {doc.show(p.source, 80)}, "
              f"gold {doc.show(g.source, 80)}\n    content {doc.show(g.content, 120)}")
    missed = Counter(doc.text[g.cue[0][0]:g.cue[-1][1]].lower() for doc, g, *_ in s.false_neg if g.cue)
    print("\ngold cues most often missed: " + ", ".join(f"{c!r} {k}" for c, k in missed.most_common(25)))


def boundary(g: Attribution, p: Attribution) -> tuple[str, int, int]:
    """How a prediction's content differs from a gold content it overlaps: "long" (a superset), "short" (a
    subset) or "shifted", and the word offsets of its first and last word from the gold's (negative: earlier)."""
    shape = "long" if p.tokens >= g.tokens else "short" if p.tokens <= g.tokens else "shifted"
    return shape, min(p.tokens) - min(g.tokens), max(p.tokens) - max(g.tokens)


def print_near_misses(s: Score, n: int, seed: int) -> None:
    near = [(doc, g, p, value) for doc, g, p, value in s.false_neg if p is not None]
    counts = Counter()
    for _, g, p, _ in near:
        shape, first, last = boundary(g, p)
        counts[shape, "start " + ("early" if first < 0 else "late" if first > 0 else "same"),
               "end " + ("early" if last < 0 else "late" if last > 0 else "same")] += 1
    print(f"\nstorylens boundary near-misses: {len(near)} of {len(s.false_neg)} missed gold contents overlap a "
          f"prediction with Jaccard < {MIN_JACCARD}; by the prediction's shape:")
    for key, k in counts.most_common():
        print(f"  {' / '.join(key)}: {k}")

    def words(doc: Document, tokens) -> str:
        text = " ".join(doc.text[doc.starts[t]:doc.ends[t]] for t in sorted(tokens))
        return repr(text if len(text) <= 80 else text[:38] + " [...] " + text[-38:])

    for doc, g, p, value in random.Random(seed).sample(near, min(n, len(near))):
        shape, _, _ = boundary(g, p)
        lo, hi = min(g.tokens), max(g.tokens)
        print(f"  {doc.id}: {shape} (J={value:.2f}) cue {doc.show(g.cue, 40)}\n    gold {doc.show(g.content)}")
        for label, tokens in (("extra before", {t for t in p.tokens - g.tokens if t < lo}),
                              ("extra after", {t for t in p.tokens - g.tokens if t > hi}),
                              ("extra inside", {t for t in p.tokens - g.tokens if lo < t < hi}),
                              ("missing", g.tokens - p.tokens)):
            if tokens:
                print(f"    {label}: {words(doc, tokens)}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("dev", "train", "all"), default="dev")
    parser.add_argument("--limit", type=int, default=None, help="score only the first N articles of the split")
    parser.add_argument("--evaldata", type=Path, default=ROOT.parent / "shared" / "evaldata")
    parser.add_argument("--source-match", choices=("overlap", "jaccard"), default="overlap",
                        help="a predicted speaker matches the gold source if they share a character, "
                        "or if their token Jaccard is >= 0.5")
    parser.add_argument("--model", default="en_core_web_sm", help="spaCy pipeline (storylens's fallbacks apply)")
    parser.add_argument("--batch-size", type=int, default=16, help="articles per nlp.pipe batch")
    parser.add_argument("--errors", type=int, default=0,
                        help="also print N sampled storylens false positives, false negatives and wrong sources")
    parser.add_argument("--near", type=int, default=0,
                        help="also count boundary near-misses by shape and print N sampled ones")
    parser.add_argument("--seed", type=int, default=0, help="seed of the --errors and --near samples")
    parser.add_argument("--cache", type=Path, default=None,
                        help="a file for the parsed docs (spaCy DocBin): written on the first run, read on the next "
                        "ones (the parse time is then the time to load it)")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")

    path = args.evaldata / "polnear" / "data.jsonl"
    if not path.is_file():
        print(f"PolNeAR: no gold data at {path}; nothing scored (see --evaldata)")
        return 0
    docs = load(path, args.split, args.limit)
    if not docs:
        print(f"PolNeAR: no articles in split {args.split!r} at {path}; nothing scored")
        return 0
    direct_quotations = load_textacy()
    if direct_quotations is None:
        print("textacy is not installed: baseline skipped (.venv/bin/pip install textacy)")
    nlp = load_pipeline(args.model)
    timing = predict(nlp, docs, direct_quotations, args.batch_size, args.cache)

    systems = ["storylens"] + (["textacy"] if direct_quotations is not None else [])
    scores = {name: score(docs, name, args.source_match) for name in systems}
    words = sum(len(d.starts) for d in docs)
    print(f"PolNeAR {args.split}: {len(docs)} articles, {words} words, {scores['storylens'].gold} gold attributions;"
          f" content match: token Jaccard >= {MIN_JACCARD}; source match: {args.source_match}")
    print_table(scores)
    if direct_quotations is not None:
        print(f"textacy refused {timing.textacy_failed} of {len(docs)} articles (odd number of quotation marks);"
              " scored as no quotes")
    ratio = timing.storylens / timing.parse if timing.parse else 0.0
    print(f"timing: parse (nlp.pipe) {timing.parse:.2f}s, extract_quotes {timing.storylens:.2f}s "
          f"= {100 * ratio:.1f}% of parse (goal <= 15%)"
          + (f"; textacy {timing.textacy:.2f}s" if direct_quotations is not None else ""))
    if args.errors:
        print_errors(scores["storylens"], args.errors, args.seed)
    if args.near:
        print_near_misses(scores["storylens"], args.near, args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
