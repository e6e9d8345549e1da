"""Time expressions: extraction and TIMEX3 normalisation, scored the TempEval-3 way.

Run: .venv/bin/python eval/timex.py [--split all-train|train_timebank|train_aquaint|test_platinum]
                                     [--evaldata PATH] [--limit N] [--errors N]

Gold (``../shared/evaldata/tempeval3/data.jsonl``, never copied here): TimeBank and AQUAINT
(TBAQ-cleaned) for development; the held-out ``test_platinum``, when present, is scored only
when asked for with ``--split test_platinum`` (never tune on it).  Each document is an
:class:`~storylens.models.Article` whose publication date is the document creation time
(``dct``, cut to its day, day precision).

Scores (one-to-one matching within a document, greedy by character overlap):

- extraction, strict: same start and end; relaxed: any overlap.  Precision, recall, F1.
- type accuracy: among relaxed matches, the share with the gold TIMEX3 type.
- value F1 (TempEval-3): a relaxed match with the gold value is correct; value precision =
  correct / predicted expressions, value recall = correct / gold expressions.

Systems:

- ``storylens``: :func:`storylens.extract.timex.extract_time_expressions`.
- ``baseline``: spaCy DATE/TIME entities as they are (type DATE or TIME by label), valued by
  dateparser (``RELATIVE_BASE`` = dct, ``PREFER_DATES_FROM`` = past) at the period it reports
  (day, week, month, year, time); what dateparser cannot read is valued XXXX-XX-XX.

Logging goes to stderr; only the table (and ``--errors`` examples) is printed.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from storylens.extract.timex import extract_time_expressions  # noqa: E402
from storylens.models import Article  # noqa: E402
from storylens.parse.pipeline import load_pipeline  # noqa: E402
from storylens.settings import Settings  # noqa: E402

logger = logging.getLogger("eval.timex")
TRAIN_SPLITS = ("train_timebank", "train_aquaint")
SPLITS = ("all-train", *TRAIN_SPLITS, "test_platinum")


@dataclass
class Timex:
    start: int
    end: int
    type: str
    value: str
    text: str


@dataclass
class Document:
    id: str
    dct: str
    text: str
    gold: list[Timex]
    preds: dict[str, list[Timex]] = field(default_factory=dict)


@dataclass
class Score:
    gold: int = 0
    pred: int = 0
    strict: int = 0
    relaxed: int = 0
    type_ok: int = 0
    value_ok: int = 0

    def add(self, other: Score) -> None:
        for name in ("gold", "pred", "strict", "relaxed", "type_ok", "value_ok"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


def prf(correct: int, pred: int, gold: int) -> tuple[float, float, float]:
    p = correct / pred if pred else 0.0
    r = correct / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def load_documents(path: Path, split: str, limit: int | None) -> list[Document]:
    wanted = TRAIN_SPLITS if split == "all-train" else (split,)
    docs = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if record["split"] not in wanted:
                continue
            gold = [Timex(t["start"], t["end"], t["type"], t["value"], t["text"]) for t in record["timexes"]]
            docs.append(Document(record["doc_id"], record["dct"][:10], record["text"], gold))
            if limit and len(docs) >= limit:
                break
    return docs


def match(gold: list[Timex], pred: list[Timex]) -> list[tuple[Timex, Timex]]:
    """One-to-one pairs of overlapping expressions, greedy by overlap."""
    pairs = []
    for g in gold:
        for p in pred:
            overlap = min(g.end, p.end) - max(g.start, p.start)
            if overlap > 0:
                pairs.append((overlap, g, p))
    pairs.sort(key=lambda x: -x[0])
    used_g, used_p, result = set(), set(), []
    for _, g, p in pairs:
        if id(g) in used_g or id(p) in used_p:
            continue
        used_g.add(id(g))
        used_p.add(id(p))
        result.append((g, p))
    return result


def score_document(gold: list[Timex], pred: list[Timex]) -> Score:
    score = Score(gold=len(gold), pred=len(pred))
    gold_spans = {(g.start, g.end) for g in gold}
    score.strict = len({(p.start, p.end) for p in pred} & gold_spans)
    for g, p in match(gold, pred):
        score.relaxed += 1
        score.type_ok += g.type == p.type
        score.value_ok += g.value == p.value
    return score


def baseline(doc, dct: str) -> list[Timex]:
    from dateparser.date import DateDataParser

    base = datetime.fromisoformat(dct)
    parser = DateDataParser(languages=["en"], settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past",
                                                        "RETURN_TIME_AS_PERIOD": True})
    out = []
    for ent in doc.ents:
        if ent.label_ not in ("DATE", "TIME"):
            continue
        value = "XXXX-XX-XX"
        try:
            data = parser.get_date_data(ent.text)
        except Exception:  # noqa: BLE001
            data = None
        if data is not None and data.date_obj is not None:
            d, period = data.date_obj, data.period
            value = {
                "year": f"{d.year:04d}",
                "month": f"{d.year:04d}-{d.month:02d}",
                "week": f"{d.isocalendar()[0]:04d}-W{d.isocalendar()[1]:02d}",
                "time": f"{d.date().isoformat()}T{d.hour:02d}:{d.minute:02d}",
            }.get(period, d.date().isoformat())
        out.append(Timex(ent.start_char, ent.end_char, ent.label_, value, ent.text))
    return out


def parse(docs: list[Document], cache: Path | None) -> list:
    """spaCy Docs of the documents, read from ``cache`` (a DocBin file) when it holds these texts."""
    from spacy.tokens import DocBin

    nlp = load_pipeline(Settings.load().model)
    if cache is not None and cache.is_file():
        parsed = list(DocBin().from_disk(cache).get_docs(nlp.vocab))
        if [d.text for d in parsed] == [d.text for d in docs]:
            logger.info("parsed documents read from %s", cache)
            return parsed
    parsed = list(nlp.pipe(d.text for d in docs))
    if cache is not None:
        DocBin(store_user_data=True, docs=parsed).to_disk(cache)
    return parsed


def run(docs: list[Document], cache: Path | None = None) -> None:
    started = time.time()
    parsed = parse(docs, cache)
    logger.info("parsed %d documents (%.0fs)", len(docs), time.time() - started)
    for index, (document, doc) in enumerate(zip(docs, parsed, strict=True)):
        article = Article(id=document.id, text=document.text, published=document.dct)
        document.preds["storylens"] = [
            Timex(t.start, t.end, t.type, t.value, t.text) for t in extract_time_expressions(article, doc)
        ]
        document.preds["baseline"] = baseline(doc, document.dct)
        if (index + 1) % 50 == 0:
            logger.info("%d/%d documents (%.0fs)", index + 1, len(docs), time.time() - started)


def table(docs: list[Document], split: str) -> str:
    lines = [
        f"TempEval-3 {split}: {len(docs)} documents, {sum(len(d.gold) for d in docs)} gold TIMEX3",
        "",
        "| system | strict P | strict R | strict F1 | relaxed P | relaxed R | relaxed F1 | type acc | value P | "
        "value R | value F1 |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for system in ("storylens", "baseline"):
        total = Score()
        for d in docs:
            total.add(score_document(d.gold, d.preds.get(system, [])))
        sp, sr, sf = prf(total.strict, total.pred, total.gold)
        rp, rr, rf = prf(total.relaxed, total.pred, total.gold)
        vp, vr, vf = prf(total.value_ok, total.pred, total.gold)
        acc = total.type_ok / total.relaxed if total.relaxed else 0.0
        lines.append(f"| {system} | {sp:.3f} | {sr:.3f} | {sf:.3f} | {rp:.3f} | {rr:.3f} | {rf:.3f} | {acc:.3f} | "
                     f"{vp:.3f} | {vr:.3f} | {vf:.3f} |")
    return "\n".join(lines)


def errors(docs: list[Document], n: int) -> str:
    missed, spurious, wrong = [], [], []
    for d in docs:
        pred = d.preds.get("storylens", [])
        pairs = match(d.gold, pred)
        matched_g = {id(g) for g, _ in pairs}
        matched_p = {id(p) for _, p in pairs}

        def ctx(t: Timex, doc: Document = d) -> str:
            left = doc.text[max(0, t.start - 40):t.start].replace("\n", " ")
            right = doc.text[t.end:t.end + 40].replace("\n", " ")
            return f"...{left}[{doc.text[t.start:t.end]}]{right}..."

        missed += [f"{d.dct} {g.type} {g.value!r}: {ctx(g)}" for g in d.gold if id(g) not in matched_g]
        spurious += [f"{d.dct} {p.type} {p.value!r}: {ctx(p)}" for p in pred if id(p) not in matched_p]
        wrong += [f"{d.dct} gold {g.type} {g.value!r} [{g.text}] got {p.type} {p.value!r}: {ctx(p)}"
                  for g, p in pairs if g.value != p.value]
    out = []
    for title, items in (("missed", missed), ("spurious", spurious), ("wrong value", wrong)):
        out.append(f"\n## {title} ({len(items)})")
        out.extend(items[:n])
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=SPLITS, default="all-train")
    parser.add_argument("--evaldata", type=Path, default=ROOT.parent / "shared" / "evaldata")
    parser.add_argument("--limit", type=int, default=None, help="score only the first N documents")
    parser.add_argument("--errors", type=int, default=0, help="print N examples of each kind of error")
    parser.add_argument("--cache", type=Path, default=None, help="keep the parsed documents in this file (DocBin)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    path = args.evaldata / "tempeval3" / "data.jsonl"
    if not path.is_file():
        logger.warning("no TempEval-3 data at %s: nothing to score (see the evaldata README)", path)
        return 0
    docs = load_documents(path, args.split, args.limit)
    if not docs:
        logger.warning("no documents of split %s in %s", args.split, path)
        return 0
    logger.info("scoring %d documents of %s", len(docs), args.split)
    run(docs, args.cache)
    print(table(docs, args.split))
    if args.errors:
        print(errors(docs, args.errors))
    return 0


if __name__ == "__main__":
    sys.exit(main())
