"""Entity mentions and cross-article merging on the bundled example story, scored against our own annotation.

Run: PYTHONPATH=src .venv/bin/python eval/example_entities.py [--errors] [--demonyms-as-places] [--check]

Gold: ``eval/data/roma-2010-entities.jsonl``, a hand annotation of ``examples/roma-2010`` (its header gives the
guideline).  It is a development estimate of the held-out annotation the goal is measured on (issue 2), not that
annotation: conventions may differ (see ``--demonyms-as-places``).

- storylens: ``Pipeline`` with the store off (as ``tests/conftest.py``'s ``roma_dossier``), every mention of every
  entity of the dossier.
- Baseline "spaCy NER": ``doc.ents`` of ``ENTITY_LABELS`` on the same texts, merged by case-insensitive text.

Scoring mirrors ``eval/entities.py``: a prediction matches a gold mention of its article when it overlaps the
gold's last word; one-to-one, greedy by character overlap; gold mentions nested on the same last word count once.
Unmatched predictions are false positives.  Merging: B-cubed over the matched pairs (gold cluster = entity,
predicted cluster = entity), micro-averaged over matched mentions.

``--demonyms-as-places`` scores a variant of the gold in which the demonym entities join their place ("French" is
a mention of France, as ACE would annotate "French police"), to show how much the demonym convention matters.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

import entities as entities_eval  # noqa: E402  (eval/entities.py: the same matching rule)
from storylens import Pipeline, Settings  # noqa: E402
from storylens.extract.mentions import ENTITY_LABELS  # noqa: E402

EXAMPLE = ROOT / "examples" / "roma-2010"
GOLD = ROOT / "eval" / "data" / "roma-2010-entities.jsonl"
#: the variant convention of --demonyms-as-places: demonym entity -> place entity of the annotation
DEMONYM_PLACES = {"french": "france", "romanian": "romania", "european": "europe", "eastern_european": "eastern_europe"}


@dataclass
class Gold:
    article: str
    start: int
    end: int
    key: tuple[int, int]  # character span of the last word, which a prediction must overlap
    entity: str
    type: str


@dataclass
class Score:
    gold: int = 0
    pred: int = 0
    tp: int = 0
    b3_p: float = 0.0
    b3_r: float = 0.0
    found_by_type: Counter = field(default_factory=Counter)
    gold_by_type: Counter = field(default_factory=Counter)
    missed: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)
    over_merged: list[str] = field(default_factory=list)
    split: list[str] = field(default_factory=list)


def article_texts() -> dict[str, str]:
    meta = json.loads((EXAMPLE / "articles.json").read_text(encoding="utf-8"))
    return {a["id"]: (EXAMPLE / a["file"]).read_text(encoding="utf-8") for a in meta}


def load_gold(texts: dict[str, str], path: Path = GOLD) -> list[Gold]:
    """The annotation, each offset checked against the file text."""
    golds, problems = [], []
    for n, line in enumerate(path.open(encoding="utf-8"), 1):
        if line.startswith("#") or not line.strip():
            continue
        row = json.loads(line)
        text = texts[row["article_id"]]
        if text[row["start"]:row["end"]] != row["text"]:
            problems.append(f"line {n}: {row['text']!r} != {text[row['start']:row['end']]!r}")
            continue
        last = list(re.finditer(r"\w+", row["text"]))[-1]
        key = (row["start"] + last.start(), row["start"] + last.end())
        golds.append(Gold(row["article_id"], row["start"], row["end"], key, row["entity"], row["type"]))
    if problems:
        raise SystemExit(f"{path}: offsets do not match the texts:\n  " + "\n  ".join(problems))
    return golds


def predict(texts: dict[str, str]) -> dict[str, list[tuple[str, int, int, str]]]:
    """(article, start, end, cluster) of storylens and of the baseline."""
    settings = Settings.load(use_store=False, progress=False)
    with Pipeline(settings) as pipeline:
        dossier = pipeline.analyze([EXAMPLE])
        nlp = pipeline.nlp
    for info in dossier.articles:
        if info.text != texts[info.id]:
            raise SystemExit(f"article {info.id}: the dossier's text differs from the file's; offsets would not match")
    ours = [(s.article_id, s.start, s.end, e.id) for e in dossier.entities for s in e.mentions]
    baseline = []
    for article_id, text in texts.items():
        baseline += [(article_id, e.start_char, e.end_char, e.text.lower()) for e in nlp(text).ents
                     if e.label_ in ENTITY_LABELS]
    return {"storylens": ours, "spaCy NER": baseline}


def match(preds: list[tuple[str, int, int, str]], golds: list[Gold]) -> list[tuple[int, int]]:
    """One-to-one (prediction, gold) index pairs where the prediction overlaps the gold's last word: the
    matching of ``eval/entities.py``, on predictions that also carry their article."""
    return entities_eval.match([p[1:] for p in preds], golds)


def score(preds: list[tuple[str, int, int, str]], golds: list[Gold], texts: dict[str, str]) -> Score:
    result = Score()
    pairs: list[tuple[str, str, str]] = []  # (gold entity, predicted cluster, where) of each match
    for article, text in texts.items():
        article_preds = list(dict.fromkeys(p for p in preds if p[0] == article))
        main: dict[tuple[int, int], Gold] = {}
        for g in golds:
            if g.article == article and (g.key not in main or g.end - g.start < main[g.key].end - main[g.key].start):
                main[g.key] = g
        article_golds = list(main.values())
        matched = match(article_preds, article_golds)
        hit_p, hit_g = {i for i, _ in matched}, {j for _, j in matched}
        result.gold += len(article_golds)
        result.pred += len(article_preds)
        result.tp += len(matched)
        for i, j in matched:
            p = article_preds[i]
            pairs.append((article_golds[j].entity, p[3], f"{article}:{text[p[1]:p[2]]!r}"))
        for j, g in enumerate(article_golds):
            result.gold_by_type[g.type] += 1
            result.found_by_type[g.type] += j in hit_g
            if j not in hit_g:
                result.missed.append(f"{article} {g.start}: {text[g.start:g.end]!r} ({g.type} {g.entity})")
        result.spurious += [f"{article} {p[1]}: {text[p[1]:p[2]]!r} (as {p[3]})"
                            for i, p in enumerate(article_preds) if i not in hit_p]
    both = Counter((g, p) for g, p, _ in pairs)
    g_size, p_size = Counter(g for g, _, _ in pairs), Counter(p for _, p, _ in pairs)
    result.b3_p = sum(both[(g, p)] / p_size[p] for g, p, _ in pairs)
    result.b3_r = sum(both[(g, p)] / g_size[g] for g, p, _ in pairs)
    for p in sorted(p_size):
        chains = Counter(g for g, q, _ in pairs if q == p)
        if len(chains) > 1:
            result.over_merged.append(f"{p}: " + ", ".join(f"{g} x{n}" for g, n in chains.most_common()))
    for g in sorted(g_size):
        clusters = Counter(p for c, p, _ in pairs if c == g)
        if len(clusters) > 1:
            examples = {p: next(w for c, q, w in pairs if c == g and q == p) for p in clusters}
            result.split.append(f"{g}: " + ", ".join(f"{p} x{n} (e.g. {examples[p]})" for p, n in clusters.most_common()))
    return result


def prf(p: float, r: float) -> tuple[float, float, float]:
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="list misses, spurious mentions and merge errors")
    parser.add_argument("--demonyms-as-places", action="store_true",
                        help="score the variant gold in which demonyms ('French') are mentions of their place")
    parser.add_argument("--check", action="store_true", help="only check the annotation's offsets and count it")
    args = parser.parse_args()
    texts = article_texts()
    golds = load_gold(texts)
    if args.demonyms_as_places:
        for g in golds:
            g.entity = DEMONYM_PLACES.get(g.entity, g.entity)
    if args.check:
        for article in texts:
            mine = [g for g in golds if g.article == article]
            print(f"{article}: {len(mine)} mentions, {len({g.entity for g in mine})} entities")
        print(f"all: {len(golds)} mentions, {len({g.entity for g in golds})} entities; offsets OK")
        return 0
    predictions = predict(texts)
    variant = " (variant: demonyms are mentions of their place)" if args.demonyms_as_places else ""
    print(f"roma-2010: {len(texts)} articles, {len(golds)} gold mentions, {len({g.entity for g in golds})} "
          f"gold entities{variant}")
    print(f"{'system':10} {'ment P':>6} {'R':>6} {'F1':>6}  {'B3 P':>6} {'R':>6} {'F1':>6} {'gold':>5} {'pred':>5} "
          f"{'match':>5}")
    scores = {}
    for system, preds in predictions.items():
        s = scores[system] = score(preds, golds, texts)
        m = prf(s.tp / s.pred if s.pred else 0.0, s.tp / s.gold if s.gold else 0.0)
        b = prf(s.b3_p / s.tp, s.b3_r / s.tp) if s.tp else (0.0, 0.0, 0.0)
        cells = " ".join(f"{100 * v:6.1f}" for v in m) + "  " + " ".join(f"{100 * v:6.1f}" for v in b)
        print(f"{system:10} {cells} {s.gold:5d} {s.pred:5d} {s.tp:5d}")
    ours, theirs = scores["storylens"], scores["spaCy NER"]
    print("gold found by type (storylens/spaCy/gold): " + ", ".join(
        f"{t} {ours.found_by_type[t]}/{theirs.found_by_type[t]}/{n}" for t, n in ours.gold_by_type.most_common()))
    if args.errors:
        for system, s in scores.items():
            for kind in ("missed", "spurious", "over_merged", "split"):
                items = getattr(s, kind)
                print(f"\n{system} {kind.replace('_', '-')} ({len(items)}):" + "".join(f"\n  {x}" for x in items))
    return 0


if __name__ == "__main__":
    sys.exit(main())
