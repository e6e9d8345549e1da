"""Resolved speakers, checked by hand: is a statement's speaker the right entity of the story?

Run: .venv/bin/python eval/speakers.py [--evaldata PATH] [--seed S] [--stories N] [--ecbplus N] [--sample N]
[--judged FILE] [--show] [--rows FILE]

PolNeAR marks each statement's source span ("he", "the minister") but links no source to the person it stands
for, so whether ``align/speakers.py`` resolves a pronoun or a description to the right entity is read by hand.
The script analyses ``--stories`` NeuS train stories and ``--ecbplus`` ECB+ topics (none that ``bench/identity.py`` reads) drawn with
``--seed``, as dossiers (no store), and draws
``--sample`` statements whose source needs resolving: a pronoun ("he", "they", "it", "who"), or a description
without a capitalised word after its first ("the minister", "a spokesman for the company", "his lawyer"). Each is
printed with its key, the words before it in the article, its source words and the speaker it was resolved to.

``--judged FILE`` (JSON, kept outside the repository as it holds names from the articles): for each key, the
speaker that was judged (``resolved``), the verdict and the right answer (``expected``: the entity's name, or the
source's own words when it names no entity of the story, such as "sources"; see ``verdict_of``). Verdicts: ``right``, ``wrong`` (an
entity, but not the one meant), ``unresolved`` (left as its words though the story names whom it stands for),
``kept`` (rightly left as its words: anonymous, a group, or no one named). A statement whose speaker changed since
it was judged is right when the new one is the expected one, unresolved when it is left as its words though an
entity is expected, kept when none is, else printed to be judged again. Prints counts.
Reads ``../shared/evaldata/neus/data.jsonl`` (and ``ecbplus/data.jsonl``) when present; says so and stops when it is absent.
"""

from __future__ import annotations

import argparse
import json
import logging
import random
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from batch import ecbplus_stories, neus_stories, take  # noqa: E402

from storylens import Pipeline, Settings  # noqa: E402
from storylens.models import Article  # noqa: E402

log = logging.getLogger("eval.speakers")

PRONOUNS = {"he", "she", "him", "his", "her", "they", "we", "their", "it", "who", "which", "that", "whom"}


def needs_resolving(words: str) -> str | None:
    """The class of a source's words that must be resolved to an entity: "pronoun", "description", or None (a
    name, which the mentions give)."""
    tokens = re.findall(r"[\w'’.-]+", words)
    if not tokens:
        return None
    if len(tokens) == 1 and tokens[0].lower() in PRONOUNS:
        return "pronoun"
    if any(t[:1].isupper() for t in tokens[1:]) or (tokens[0][:1].isupper() and tokens[0].lower() not in (
            "the", "a", "an", "his", "her", "their", "its", "one", "some", "two", "three", "both", "another")):
        return None
    return "description"


def verdict_of(row: dict, seen: dict) -> str | None:
    """The verdict of a statement judged before (``seen``: its ``resolved``, ``verdict`` and ``expected``), or None
    when its speaker changed so that it must be judged again.  An ``expected`` that is the source's own words (or
    empty) means no entity of the story is meant."""
    if row["resolved"] == seen["resolved"]:
        return seen["verdict"]
    expected = (seen.get("expected") or "").strip().lower()
    if not expected or expected == row["source"].strip().lower():
        return None if row["entity"] else "kept"  # no entity of the story is meant
    if not row["entity"]:
        return "unresolved"  # left as its words, though the expected entity is named
    if expected in (row["resolved"] or "").lower():
        return "right"
    return None


def drawn_stories(evaldata: Path, seed: int, neus: int, ecbplus: int) -> list[list[Article]]:
    """``neus`` NeuS train stories and ``ecbplus`` ECB+ topics (at most 8 texts each, none of the documents
    ``bench/identity.py`` reads) drawn with ``seed``; the ECB+ ones only when its data is there."""
    stories = [s for s in neus_stories(evaldata / "neus" / "data.jsonl") if s[0].id.startswith("neus-train-")]
    drawn = [stories[n] for n in sorted(random.Random(seed).sample(range(len(stories)), neus))]
    path = evaldata / "ecbplus" / "data.jsonl"
    if ecbplus and path.is_file():
        every = ecbplus_stories(path)
        seen = {a.id for s in take(every, 200) for a in s}
        fresh = [s[:8] for s in every if not any(a.id in seen for a in s)]
        drawn += [fresh[n] for n in sorted(random.Random(seed).sample(range(len(fresh)), ecbplus))]
    return drawn


def statements(stories: list[list[Article]]) -> list[dict]:
    """Every statement of the stories with a source, with its source's class and context."""
    pipeline = Pipeline(Settings.load(use_store=False, progress=False))
    rows = []
    for story in stories:
        texts = {a.id: a.text for a in story}
        dossier = pipeline.analyze_articles(story)
        names = {e.id: e.name for e in dossier.entities}
        for quote in dossier.quotes:
            span = quote.speaker.span
            if span is None or quote.article_id not in texts:
                continue
            kind = needs_resolving(span.text)
            text = texts[quote.article_id]
            end = quote.cue.end if quote.cue is not None and quote.cue.end > span.end else span.end
            rows.append({
                "key": f"{quote.article_id}/{span.start}/{quote.content.start}",
                "class": kind,
                "source": span.text,
                "resolved": names.get(quote.speaker.entity_id) or quote.speaker.name,
                "speaker_kind": quote.speaker.kind,
                "entity": quote.speaker.entity_id is not None,
                "context": text[max(0, span.start - 500):end].replace("\n", " / "),
                "content": quote.content.text[:160],
            })
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--evaldata", type=Path, default=ROOT.parent / "shared" / "evaldata")
    parser.add_argument("--seed", type=int, default=202, help="draws the stories and the sample")
    parser.add_argument("--stories", type=int, default=50, help="NeuS train stories")
    parser.add_argument("--ecbplus", type=int, default=10, help="ECB+ topics")
    parser.add_argument("--sample", type=int, default=100, help="statements to judge (the measured samples: 100)")
    parser.add_argument("--judged", type=Path, help="JSON of verdicts by key (see the module's docstring)")
    parser.add_argument("--show", action="store_true", help="print every sampled statement, judged or not")
    parser.add_argument("--rows", type=Path, help="a JSON file of the statements: read when present, else written")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    if not (args.evaldata / "neus" / "data.jsonl").is_file():
        print(f"NeuS is not at {args.evaldata / 'neus'}: nothing to check")
        return 1
    if args.judged and not args.judged.is_file():
        print(f"no verdicts at {args.judged}: give an existing --judged file, or none to judge the sample afresh")
        return 1
    if args.rows and args.rows.is_file():
        rows = json.loads(args.rows.read_text(encoding="utf-8"))
    else:
        rows = statements(drawn_stories(args.evaldata, args.seed, args.stories, args.ecbplus))
        if args.rows:
            args.rows.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    classes = Counter(r["class"] or "name" for r in rows)
    print(f"{len(rows)} statements with a source: " + ", ".join(f"{k} {v}" for k, v in sorted(classes.items())))
    pool = [r for r in rows if r["class"] is not None]
    sample = random.Random(args.seed).sample(pool, min(args.sample, len(pool)))
    judged = json.loads(args.judged.read_text(encoding="utf-8")) if args.judged and args.judged.is_file() else {}
    verdicts: Counter = Counter()
    by_class: Counter = Counter()
    for row in sample:
        verdict = verdict_of(row, judged[row["key"]]) if row["key"] in judged else None
        verdicts[verdict or "to judge"] += 1
        by_class[(row["class"], verdict or "to judge")] += 1
        if verdict is None or args.show:
            print(f"\n[{row['key']}] {row['class']}  verdict: {verdict}")
            print(f"  ...{row['context']}")
            print(f"  source {row['source']!r} -> {row['resolved']!r} ({row['speaker_kind']})")
            print(f"  said: {row['content']!r}")
    print(f"\nsample of {len(sample)}: " + ", ".join(f"{k} {v}" for k, v in sorted(verdicts.items())))
    for (kind, verdict), n in sorted(by_class.items()):
        print(f"  {kind:12} {verdict:10} {n}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
