"""Entity mention detection and cross-document entity merging, scored against gold data.

Run: .venv/bin/python eval/entities.py [--dataset meantime|ecbplus|all] [--limit N] [--evaldata PATH] [--errors N]

Gold (``../shared/evaldata``, never copied here): MEANTIME (4 Wikinews topics = 4 stories), ECB+ train+dev
(story = topic + subtopic).  A document's text is rebuilt from its tokens (spaces; "\\n" between sentences)
and analysed whole; a story's documents go through ``extract_mentions`` and one ``merge_entities``.  Scored
are only the exhaustively annotated sentences, gold and predictions alike: ECB+'s ``coref_sentences`` (the
standard evaluation subset) and MEANTIME's first six (later ones only mark cross-document instances); documents
without any gold mention are not scored.  MEANTIME's "cross_intra_X", "cross_X", "intra_X" are one chain X.

Gold mentions of ``kind == "entity"``, in two scopes: ``named`` (head - MEANTIME's ``head``, ECB+'s last word -
capitalised and not a pronoun) and ``all``.

- Mentions: a prediction matches a gold mention of its document if it overlaps the gold's last word
  (``--match-on head``: MEANTIME's head word); one-to-one, greedy by character overlap.  Gold mentions
  nested on the same word ("Airbus parent EADS", "EADS") count once.  A prediction matching only an
  unscored gold mention (out of scope, or an event) is ignored; one matching none is a false positive.
- Merging: B-cubed over the matched pairs (gold cluster = chain, null chain = singleton; predicted =
  entity), per story, micro-averaged over mentions.
- Baseline "spaCy NER": ``doc.ents`` of the entity labels, merged across a story by case-insensitive text.
"""

from __future__ import annotations

import argparse
import json
import logging
import re
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from storylens.align.entities import merge_entities  # noqa: E402
from storylens.extract.mentions import ENTITY_LABELS, extract_mentions  # noqa: E402
from storylens.models import Article  # noqa: E402
from storylens.parse.pipeline import load_pipeline, word_classes  # noqa: E402

logger = logging.getLogger("eval.entities")
MEANTIME_FULLY_ANNOTATED = 6  # title, date line and four sentences
PRONOUNS = frozenset(
    "i me my mine myself you your yours yourself he him his himself she her hers herself it its itself we us our "
    "ours ourselves they them their theirs themselves this that these those who whom whose which what".split()
)


@dataclass
class Gold:
    start: int  # character span of the mention
    end: int
    key: tuple[int, int]  # character span of the word a prediction must overlap
    chain: str
    kind: str  # entity | event
    named: bool
    type: str


@dataclass
class Document:
    id: str
    story: str
    text: str
    gold: list[Gold]
    scored: list[tuple[int, int]]  # character ranges of the scored sentences
    preds: dict[str, list[tuple[int, int, str]]] = field(default_factory=dict)  # system -> (start, end, cluster)

    def in_scope(self, start: int) -> bool:
        return any(s <= start < e for s, e in self.scored)


def is_name(word: str) -> bool:
    return word.lstrip("\"'`(")[:1].isupper() and word.lstrip("\"'`(").lower() not in PRONOUNS


def layout(sentences: list[list[str]]) -> tuple[str, list[list[tuple[int, int]]]]:
    """The text (tokens joined by spaces, sentences by newlines) and each token's character span."""
    offsets, pos = [], 0
    for tokens in sentences:
        offsets.append([])
        for token in tokens:
            offsets[-1].append((pos, pos + len(token)))
            pos += len(token) + 1  # the space or newline after it
        pos += not tokens
    return "\n".join(" ".join(tokens) for tokens in sentences), offsets


def sentence_ranges(offsets: list[list[tuple[int, int]]], keep) -> list[tuple[int, int]]:
    return [(row[0][0], row[-1][1] + 1) for i, row in enumerate(offsets) if row and keep(i)]


def gold_mention(spans, words: list[str], chain: str, kind: str, head: str | None, type_: str, on_head: bool) -> Gold:
    last = max((i for i, w in enumerate(words) if any(c.isalnum() for c in w)), default=len(words) - 1)
    key = words.index(head) if on_head and head in words else last
    return Gold(spans[0][0], spans[-1][1], spans[key], chain, kind, is_name(head or words[last]), type_)


def load_meantime(path: Path, on_head: bool) -> list[Document]:
    docs = []
    for line in path.open(encoding="utf-8"):
        row = json.loads(line)
        text, offsets = layout(row["sentences"])
        gold = []
        for m in row["mentions"]:
            ids = sorted(m["token_ids"])
            spans = [offsets[m["sent_id"]][i] for i in ids]
            words = [row["sentences"][m["sent_id"]][i] for i in ids]
            chain = re.sub(r"^(cross_intra_|cross_|intra_)", "", m["chain"])
            gold.append(gold_mention(spans, words, chain, m["kind"], m["head"], m["type"], on_head))
        scored = sentence_ranges(offsets, lambda i: i < MEANTIME_FULLY_ANNOTATED) if gold else []
        docs.append(Document(row["doc_key"], row["topic"], text, gold, scored))
    return docs


def load_ecbplus(path: Path, on_head: bool) -> list[Document]:
    docs = []
    for line in path.open(encoding="utf-8"):
        row = json.loads(line)
        if row["split"] not in ("train", "dev"):
            continue
        text, offsets = layout(row["sentences"])
        where, seen = {}, Counter()
        for tok in row["tokens"]:
            where[tok["t_id"]] = (tok["sent"], seen[tok["sent"]])
            seen[tok["sent"]] += 1
        keep, gold = set(row["coref_sentences"]), []
        for m in row["mentions"]:
            if m["sent"] in keep:
                pos = [where[t] for t in sorted(m["t_ids"])]
                spans, words = [offsets[s][i] for s, i in pos], [row["sentences"][s][i] for s, i in pos]
                chain = m["chain"] or f"{row['doc_id']}#{m['m_id']}"
                gold.append(gold_mention(spans, words, chain, m["kind"], None, m["type"], on_head))
        docs.append(Document(row["doc_id"], row["story_id"], text, gold, sentence_ranges(offsets, keep.__contains__)))
    return docs


def predict(nlp, stories: dict[str, list[Document]]) -> None:
    """Fill ``doc.preds`` with storylens's and the baseline's mentions, story by story."""
    started, words = time.perf_counter(), 0
    for n, (story, docs) in enumerate(stories.items(), 1):
        articles = [Article(id=d.id, text=d.text) for d in docs]
        parsed = list(nlp.pipe(a.text for a in articles))
        classes = word_classes(nlp)
        mentions = [extract_mentions(a, p, words=classes) for a, p in zip(articles, parsed, strict=True)]
        for d, p in zip(docs, parsed, strict=True):
            d.preds = {"storylens": [], "spaCy NER": [(e.start_char, e.end_char, e.text.lower()) for e in p.ents
                                                     if e.label_ in ENTITY_LABELS]}
        by_id = {d.id: d for d in docs}
        for entity in merge_entities(articles, mentions, words=classes):
            for span in entity.mentions:
                by_id[span.article_id].preds["storylens"].append((span.start, span.end, entity.id))
        words += sum(len(d.text.split()) for d in docs)
        logger.info("story %d/%d %s: %d documents, %.0f words/s so far", n, len(stories), story, len(docs),
                    words / (time.perf_counter() - started))


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def match(preds: list, golds: list[Gold]) -> list[tuple[int, int]]:
    """One-to-one (prediction, gold) index pairs where the prediction overlaps the gold's key word."""
    pairs = sorted(
        ((overlap(p[:2], (g.start, g.end)) / (max(p[1], g.end) - min(p[0], g.start)), i, j)
         for i, p in enumerate(preds) for j, g in enumerate(golds) if overlap(p[:2], g.key)),
        reverse=True,
    )
    used_p, used_g, result = set(), set(), []
    for _, i, j in pairs:
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            result.append((i, j))
    return result


@dataclass
class Score:
    gold: int = 0
    pred: int = 0
    tp: int = 0
    b3_p: float = 0.0  # B-cubed sums over matched mentions
    b3_r: float = 0.0
    by_type: Counter = field(default_factory=Counter)  # (gold type, found?) -> gold mentions
    errors: dict = field(default_factory=lambda: defaultdict(list))


def score(stories: dict[str, list[Document]], system: str, scope: str) -> Score:
    result = Score()
    for docs in stories.values():
        pairs = []  # (gold chain, predicted cluster) of each match in the story
        for doc in docs:
            preds = list(dict.fromkeys(p for p in doc.preds[system] if doc.in_scope(p[0])))
            all_gold = [g for g in doc.gold if doc.in_scope(g.start)]
            main: dict[tuple[int, int], Gold] = {}
            for g in all_gold:
                if g.kind == "entity" and (scope == "all" or g.named):
                    if g.key not in main or g.end - g.start < main[g.key].end - main[g.key].start:
                        main[g.key] = g
            golds = list(main.values())
            matched = match(preds, golds)
            hit_p, hit_g = {i for i, _ in matched}, {j for _, j in matched}
            left = [p for i, p in enumerate(preds) if i not in hit_p]
            ignored = {i for i, _ in match(left, [g for g in all_gold if all(g is not m for m in golds)])}
            result.gold += len(golds)
            result.tp += len(matched)
            result.pred += len(matched) + len(left) - len(ignored)
            pairs += [(golds[j].chain, preds[i][2]) for i, j in matched]
            for j, g in enumerate(golds):
                result.by_type[(g.type, j in hit_g)] += 1
                if j not in hit_g:
                    result.errors["missed"].append(f"{doc.id}: {doc.text[g.start:g.end]!r}")
            result.errors["spurious"] += [f"{doc.id}: {doc.text[p[0]:p[1]]!r}" for i, p in enumerate(left)
                                          if i not in ignored]
        both, g_size, p_size = Counter(pairs), Counter(g for g, _ in pairs), Counter(p for _, p in pairs)
        result.b3_p += sum(both[(g, p)] / p_size[p] for g, p in pairs)
        result.b3_r += sum(both[(g, p)] / g_size[g] for g, p in pairs)
        for p in p_size:
            if len(chains := sorted({g for g, q in both if q == p})) > 1:
                result.errors["over-merged (entity: gold chains)"].append(f"{p}: {chains}")
        for g in g_size:
            if len(clusters := sorted({q for c, q in both if c == g})) > 1:
                result.errors["split (gold chain: entities)"].append(f"{g}: {clusters}")
    return result


def prf(p: float, r: float) -> tuple[float, float, float]:
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def report(name: str, stories: dict[str, list[Document]], errors: int) -> None:
    print(f"\n{name}: {len(stories)} stories, {sum(len(d) for d in stories.values())} documents")
    print(f"{'scope':6} {'system':10} {'ment P':>6} {'R':>6} {'F1':>6}  {'B3 P':>6} {'R':>6} {'F1':>6}"
          f" {'gold':>6} {'pred':>6} {'match':>6}")
    scores = {}
    for scope in ("named", "all"):
        for system in ("storylens", "spaCy NER"):
            s = scores[scope, system] = score(stories, system, scope)
            m = prf(s.tp / s.pred if s.pred else 0.0, s.tp / s.gold if s.gold else 0.0)
            b = prf(s.b3_p / s.tp, s.b3_r / s.tp) if s.tp else (0.0, 0.0, 0.0)
            cells = " ".join(f"{100 * v:6.1f}" for v in m) + "  " + " ".join(f"{100 * v:6.1f}" for v in b)
            print(f"{scope:6} {system:10} {cells} {s.gold:6d} {s.pred:6d} {s.tp:6d}")
    ours, theirs = scores["named", "storylens"].by_type, scores["named", "spaCy NER"].by_type
    totals = Counter({t: ours[(t, True)] + ours[(t, False)] for t, _ in ours})
    print("named gold found by type (storylens/spaCy/gold): " + ", ".join(
        f"{t} {ours[(t, True)]}/{theirs[(t, True)]}/{n}" for t, n in totals.most_common()))
    for kind, items in scores["named", "storylens"].errors.items() if errors else ():
        sample = items[:: max(1, len(items) // errors)][:errors]
        print(f"  storylens {kind}, named scope ({len(items)}):\n    " + "\n    ".join(sample))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dataset", choices=("meantime", "ecbplus", "all"), default="all")
    parser.add_argument("--limit", type=int, default=None, help="score only the first N stories of each dataset")
    parser.add_argument("--evaldata", type=Path, default=ROOT.parent / "shared" / "evaldata")
    parser.add_argument("--match-on", choices=("last", "head"), default="last",
                        help="gold word a prediction must overlap: the last one, or the head where the gold gives one")
    parser.add_argument("--errors", type=int, default=0, help="also print N examples of each kind of storylens error")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    loaders = {"meantime": ("MEANTIME", load_meantime), "ecbplus": ("ECB+ (train+dev)", load_ecbplus)}
    nlp = None
    for key in loaders if args.dataset == "all" else [args.dataset]:
        path = args.evaldata / key / "data.jsonl"
        if not path.is_file():
            print(f"{key}: no gold data at {path}; skipped (see --evaldata)")
            continue
        name, loader = loaders[key]
        stories: dict[str, list[Document]] = defaultdict(list)
        for doc in loader(path, args.match_on == "head"):
            stories[doc.story].append(doc)
        stories = dict(list(stories.items())[: args.limit])
        nlp = nlp or load_pipeline("en_core_web_sm")
        predict(nlp, stories)
        report(name, stories, args.errors)
    return 0


if __name__ == "__main__":
    sys.exit(main())
