"""Tone toward entities against BASIL's polarity annotations.

Run: .venv/bin/python eval/tone.py [--limit N] [--evaldata PATH]

Gold (``../shared/evaldata/basil/data.jsonl``, never copied here): articles by Fox, NYT and HuffPost on the same
events.  Two annotations say how an article treats an entity:

- *bias spans*: each has a ``target`` entity (``Donald_Trump``) and a ``polarity`` toward it (pos or neg), for
  lexical ("lex") and informational ("inf") bias alike.  Title spans have no offsets and are left out.
- *author feelings*: per article and main entity, the annotators' reading of the author's feeling toward it
  (``author_feeling_Donald_Trump``: pos, neu or neg).

Each article goes through the storylens steps alone (parse, mentions, entities, quotes).  A gold target is matched
to the entity with the most mentions whose name or aliases share a capitalised word with the target's name.

Span polarity: storylens scores the clauses of the target's mentions inside the span (``analyse/tone.py``), or the
span's own text when the target is not named in it; the baseline is VADER on the span's text (its sentence).
A prediction is its score's sign beyond VADER's cut-offs (+-0.05); a neutral prediction is wrong on this gold,
which has no neutral spans.  Scored: accuracy, and per polarity P/R/F1 with their macro average.

Author feeling: storylens's label for the matched entity in that article (neutral when no clause names it); the
baseline is VADER's mean over the sentences naming the target; "majority" always says neutral.  Scored: accuracy
and macro F1 over the three classes.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from storylens.align.entities import merge_entities  # noqa: E402
from storylens.align.speakers import link_speakers  # noqa: E402
from storylens.analyse.tone import label_of, mention_score, polarity, tone  # noqa: E402
from storylens.extract.mentions import extract_mentions  # noqa: E402
from storylens.extract.quotes import extract_quotes  # noqa: E402
from storylens.models import Article  # noqa: E402
from storylens.parse.pipeline import load_pipeline, parse_articles, word_classes  # noqa: E402
from storylens.settings import Settings  # noqa: E402

logger = logging.getLogger("eval.tone")
SHORT = {"positive": "pos", "neutral": "neu", "negative": "neg"}


def load(path: Path) -> list[dict] | None:
    if not path.exists():
        return None
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def target_words(target: str) -> set[str]:
    return {w.lower() for w in target.replace("_", " ").split() if w[:1].isupper()}


def match_entity(target: str, entities) -> object | None:
    words = target_words(target)
    best = None
    for entity in entities:
        names = [entity.name, *entity.aliases]
        if any(words & {w.lower().strip(".,'’s") for w in n.split()} for n in names):
            if best is None or len(entity.mentions) > len(best.mentions):
                best = entity
    return best


def macro(gold: list[str], pred: list[str], classes: tuple[str, ...]) -> tuple[float, dict[str, tuple]]:
    per = {}
    for c in classes:
        tp = sum(1 for g, p in zip(gold, pred, strict=True) if g == p == c)
        n_p = sum(1 for p in pred if p == c)
        n_g = sum(1 for g in gold if g == c)
        prec = tp / n_p if n_p else 0.0
        rec = tp / n_g if n_g else 0.0
        per[c] = (prec, rec, 2 * prec * rec / (prec + rec) if prec + rec else 0.0, n_g)
    return sum(v[2] for v in per.values()) / len(classes), per


def accuracy(gold: list[str], pred: list[str]) -> float:
    return sum(g == p for g, p in zip(gold, pred, strict=True)) / len(gold) if gold else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--evaldata", type=Path, default=ROOT.parent / "shared" / "evaldata")
    parser.add_argument("--limit", type=int, default=None, help="score only the first N articles")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    rows = load(args.evaldata / "basil" / "data.jsonl")
    if rows is None:
        print(f"BASIL: no gold data at {args.evaldata / 'basil' / 'data.jsonl'}; nothing scored (see --evaldata)")
        return
    rows = rows[: args.limit] if args.limit else rows
    started = time.perf_counter()
    nlp = load_pipeline(Settings.load().model)
    articles = [Article(id=str(r["article_id"]), text=r["text"], published=(r.get("date") or None),
                        outlet=r["source"], source=f"basil:{r['article_id']}") for r in rows]
    docs = parse_articles(nlp, articles, batch_size=16, progress=False)

    span_gold: list[str] = []
    span_sl: list[str] = []
    span_base: list[str] = []
    named_in_span = 0
    feel_gold: list[str] = []
    feel_sl: list[str] = []
    feel_base: list[str] = []
    classes = word_classes(nlp)  # as the pipeline passes them
    for row, article, doc in zip(rows, articles, docs, strict=True):
        mentions = extract_mentions(article, doc, words=classes)
        entities = merge_entities([article], [mentions], words=classes)
        quotes = extract_quotes(article, doc)
        link_speakers(quotes, entities)
        tone_rows = {t.entity_id: t for t in tone(entities, quotes, {article.id: doc}, min_mentions=1)}
        for span in row["bias_spans"]:
            if span.get("doc_start") is None or span.get("polarity") not in ("pos", "neg"):
                continue
            start, end = span["doc_start"], span["doc_end"]
            text = article.text[start:end]
            span_gold.append(span["polarity"])
            span_base.append(SHORT[label_of(polarity(text))])
            entity = match_entity(span.get("target") or "", entities)
            inside = [m for m in (entity.mentions if entity else []) if start <= m.start and m.end <= end]
            clauses = {c[:2]: c[2] for m in inside if (c := mention_score(doc, m.start, m.end)) is not None}
            if clauses:
                named_in_span += 1
                score = sum(clauses.values()) / len(clauses)
            else:
                score = polarity(text)
            span_sl.append(SHORT[label_of(score)])
        for key, value in row["article_annotations"].items():
            if not key.startswith("author_feeling_") or key == "author_feeling_main_event":
                continue
            if value not in ("pos", "neu", "neg"):
                continue
            target = key.removeprefix("author_feeling_")
            feel_gold.append(value)
            entity = match_entity(target, entities)
            found = tone_rows.get(entity.id) if entity is not None else None
            feel_sl.append(SHORT[found.label] if found else "neu")
            words = target_words(target)
            sents = [s.text for s in doc.sents if words & {t.lower_ for t in s}]
            base = sum(polarity(s) for s in sents) / len(sents) if sents else 0.0
            feel_base.append(SHORT[label_of(base)])
    elapsed = time.perf_counter() - started

    print(f"BASIL: {len(rows)} articles, {len(span_gold)} bias spans with a polarity "
          f"({Counter(span_gold)['neg']} negative), target named in {named_in_span}; "
          f"{len(feel_gold)} author feelings {dict(Counter(feel_gold))}; {elapsed:.0f} s\n")
    print("Span polarity toward the target (pos/neg; a neutral prediction counts as wrong)")
    print(f"{'system':<34}{'accuracy':>9}{'F1 neg':>8}{'F1 pos':>8}{'macro F1':>10}{'said neutral':>14}")
    for name, pred in (("storylens (clauses of the target)", span_sl), ("VADER on the span's sentence", span_base)):
        m, per = macro(span_gold, pred, ("neg", "pos"))
        print(f"{name:<34}{accuracy(span_gold, pred):>9.3f}{per['neg'][2]:>8.3f}{per['pos'][2]:>8.3f}{m:>10.3f}"
              f"{pred.count('neu') / len(pred):>14.1%}")
    print("\nAuthor's feeling toward a main entity (pos/neu/neg)")
    print(f"{'system':<34}{'accuracy':>9}{'macro F1':>10}")
    for name, pred in (("storylens (tone row of the entity)", feel_sl), ("VADER on sentences naming it", feel_base),
                       ("majority (always neutral)", ["neu"] * len(feel_gold))):
        m, _ = macro(feel_gold, pred, ("neg", "neu", "pos"))
        print(f"{name:<34}{accuracy(feel_gold, pred):>9.3f}{m:>10.3f}")


if __name__ == "__main__":
    main()
