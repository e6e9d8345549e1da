"""Cross-document timelines of a target entity, scored against SemEval-2015 Task 4 (TimeLine).

Run: .venv/bin/python eval/timeline.py [--split trial] [--evaldata PATH] [--verbose]

Data (``../shared/evaldata/semeval2015_timeline``, never copied here): ``data.jsonl`` holds one
gold timeline per target entity (its events, each with a rank, a date ``YYYY``, ``YYYY-MM``,
``YYYY-MM-DD`` or partly unknown ``XXXX-XX-XX``/``2008-03-XX``, and its mentions: document,
sentence and token); ``documents.jsonl`` the corpus's documents (creation time, title,
sentences).  Only the *trial* corpus is in our copy (30 Wikinews articles about Apple, 6
target entities, 197 gold event mentions, one of them in a document the copy lacks): it is
small, and it is all there is to report.  Gold sentence ``n`` is the document's ``n - 1``-th
sentence string: sentence 0 of the gold is the title (checked: the gold token is in that
sentence for 193 of 196 mentions; the other three are split particle verbs).  Each document
is therefore given to storylens as the title and the date line, each a paragraph, then the
body's sentences as one paragraph, with every sentence's character range kept so that any
offset maps back to a gold sentence; the publication date is the creation time.

storylens: the corpus's documents are analysed as one story
(``Pipeline.analyze_articles``).  The target entity is the dossier entity whose name or an
alias best matches the target name (the most shared words over the longer of the two word
sets, ties broken by the number of mentions); the sentences about it are those holding one of
its mentions.  A timeline entry's source is a predicted event mention when its sentence is
about the target or the entry's event phrase holds the entity's name or an alias; its verb is
the entry's anchor in that source, its date the entry's date.

Baseline (same run, same scoring): every sentence holding the target name's last word (the
whole name when that word is shorter than 3 characters, e.g. "iPhone 4"), case-insensitive as
a whole word; the event is the sentence's root token (spaCy), the date the first spaCy DATE
entity in the sentence read by dateparser with ``RELATIVE_BASE`` = the creation time, or the
creation time itself when there is none or it cannot be read.

Scores (a simplified version of the task's temporal-awareness metric, which is not shipped):

1. anchoring: a predicted mention matches a gold mention (one-to-one, greedy) when it is in
   the same document and sentence and its verb, as written or as its lemma, equals the gold
   token (case-insensitive; a multiword gold token such as ``step_down`` is compared by its
   first word).  Precision = matched / predicted, recall = matched / gold mentions, F1.
2. date accuracy: over matched pairs whose gold date has a known year, the share whose
   predicted date agrees at the gold's precision (a predicted year cannot match a gold day; a
   week counts as the month of its Thursday).  Matched gold mentions with no known date
   (``XXXX-XX-XX``: the task puts them first, undated) are counted apart: a storylens entry
   always has a date, so none of them is right.
3. ordering: over pairs of matched gold mentions from different documents whose gold ranks
   differ (rank 0, not ordered, left out), the share whose predicted order (by date at the
   precision the two share; equal = not ordered, counted wrong) agrees with the gold order.
4. entry F1: as anchoring, but a match counts only with the right date (so only gold mentions
   with a known date can count).

Logging goes to stderr; the tables are printed.
"""

from __future__ import annotations

import argparse
import bisect
import json
import logging
import re
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

logger = logging.getLogger("eval.timeline")
SYSTEMS = ("storylens", "baseline")
_PRECISION_RANK = {"year": 1, "season": 1, "quarter": 1, "half": 1, "month": 2, "week": 2, "day": 3}


@dataclass(frozen=True)
class GoldMention:
    doc_id: str
    sent: int
    token: str
    rank: int
    date: str


@dataclass(frozen=True)
class Predicted:
    doc_id: str
    sent: int
    verb: str
    lemma: str
    date: str
    precision: str


@dataclass
class Timeline:
    corpus: str
    split: str
    entity: str
    gold: list[GoldMention]
    preds: dict[str, list[Predicted]] = field(default_factory=dict)
    note: str = ""
    reachable: int = 0  # gold mentions in a sentence where storylens has a timeline entry (about anything)


@dataclass
class Score:
    gold: int = 0
    pred: int = 0
    matched: int = 0
    dated_pairs: int = 0
    date_ok: int = 0
    undated_matched: int = 0
    order_pairs: int = 0
    order_ok: int = 0

    def add(self, other: Score) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))


def prf(correct: int, pred: int, gold: int) -> tuple[float, float, float]:
    p = correct / pred if pred else 0.0
    r = correct / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


# --- dates -----------------------------------------------------------------------------------


def gold_known(value: str) -> tuple[str, str] | None:
    """The known part of a gold date and its precision: "2008-03-XX" -> ("2008-03", "month")."""
    parts = value.split("-")
    known = []
    for part in parts:
        if not part.isdigit():
            break
        known.append(part)
    if not known:
        return None
    return "-".join(known), ("year", "month", "day")[len(known) - 1]


def _fields(value: str, precision: str) -> tuple[int, ...]:
    """(year,), (year, month) or (year, month, day); a week is the month of its Thursday; a season, a quarter or a
    half only its year (it spans months)."""
    if precision in ("season", "quarter", "half"):
        return (int(value[:4]),)
    if precision == "week":
        year, week = value.split("-W")
        thursday = date.fromisocalendar(int(year), int(week), 4)
        return thursday.year, thursday.month
    return tuple(int(x) for x in value.split("-")[: _PRECISION_RANK[precision]])


def date_correct(pred: Predicted, gold_date: str) -> bool:
    known = gold_known(gold_date)
    if known is None:
        return False
    value, precision = known
    if _PRECISION_RANK[pred.precision] < _PRECISION_RANK[precision] or (pred.precision == "week" and precision == "day"):
        return False
    want = tuple(int(x) for x in value.split("-"))
    return _fields(pred.date, pred.precision)[: len(want)] == want


def compare_dates(a: Predicted, b: Predicted) -> int:
    """-1, 0 or 1, at the precision the two share (0 = not ordered)."""
    fa, fb = _fields(a.date, a.precision), _fields(b.date, b.precision)
    n = min(len(fa), len(fb))
    return (fa[:n] > fb[:n]) - (fa[:n] < fb[:n])


# --- scoring ---------------------------------------------------------------------------------


def _same_event(pred: Predicted, gold: GoldMention) -> bool:
    if (pred.doc_id, pred.sent) != (gold.doc_id, gold.sent):
        return False
    token = gold.token.lower().split("_")[0]
    return token in (pred.verb.lower(), pred.lemma.lower())


def match(gold: list[GoldMention], preds: list[Predicted]) -> list[tuple[GoldMention, Predicted]]:
    """One-to-one pairs of a gold and a predicted mention of the same event, greedy in gold order,
    preferring a prediction with the right date."""
    used: set[int] = set()
    pairs = []
    for g in gold:
        candidates = [(not date_correct(p, g.date), i) for i, p in enumerate(preds) if i not in used and _same_event(p, g)]
        if candidates:
            _, i = min(candidates)
            used.add(i)
            pairs.append((g, preds[i]))
    return pairs


def score(gold: list[GoldMention], preds: list[Predicted]) -> Score:
    result = Score(gold=len(gold), pred=len(preds))
    pairs = match(gold, preds)
    result.matched = len(pairs)
    for g, p in pairs:
        if gold_known(g.date) is None:
            result.undated_matched += 1
        else:
            result.dated_pairs += 1
            result.date_ok += date_correct(p, g.date)
    ordered = [(g, p) for g, p in pairs if g.rank > 0]
    for i, (g1, p1) in enumerate(ordered):
        for g2, p2 in ordered[i + 1:]:
            if g1.doc_id == g2.doc_id or g1.rank == g2.rank:
                continue
            result.order_pairs += 1
            gold_order = 1 if g1.rank > g2.rank else -1
            result.order_ok += compare_dates(p1, p2) == gold_order
    return result


def row(name: str, s: Score) -> str:
    p, r, f = prf(s.matched, s.pred, s.gold)
    ep, er, ef = prf(s.date_ok, s.pred, s.gold)
    date_acc = f"{s.date_ok / s.dated_pairs:.3f} ({s.date_ok}/{s.dated_pairs})" if s.dated_pairs else "-"
    order = f"{s.order_ok / s.order_pairs:.3f} ({s.order_ok}/{s.order_pairs})" if s.order_pairs else "-"
    return (f"| {name} | {s.gold} | {s.pred} | {p:.3f} | {r:.3f} | {f:.3f} | {date_acc} | {s.undated_matched} | "
            f"{order} | {ep:.3f} | {er:.3f} | **{ef:.3f}** |")


HEADER = ("| system | gold | predicted | anchoring P | anchoring R | anchoring F1 | date accuracy | "
          "undated matched | ordering accuracy (pairs) | entry P | entry R | entry F1 |\n"
          "|---|---|---|---|---|---|---|---|---|---|---|---|")


# --- data ------------------------------------------------------------------------------------


@dataclass
class Document:
    doc_id: str
    dct: str
    title: str
    text: str
    starts: list[int]  # character start of gold sentence n (0 = the title)
    ends: list[int]

    def sentence_at(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset) - 1


def make_document(record: dict) -> Document:
    """The title and the date line as paragraphs of their own (they end without a full stop), then
    the body's sentences as one paragraph, as an article would arrive."""
    lines = [record["title"], *record["sentences"]]
    parts, starts, position = [], [], 0
    for index, line in enumerate(lines):
        separator = "" if index == 0 else ("\n\n" if index <= 2 else " ")
        position += len(separator)
        starts.append(position)
        parts.append(separator + line)
        position += len(line)
    ends = [start + len(line) for start, line in zip(starts, lines, strict=True)]
    return Document(record["doc_id"], record["dct"][:10], record["title"], "".join(parts), starts, ends)


def load(folder: Path, split: str) -> tuple[list[Timeline], dict[str, dict[str, Document]]]:
    documents: dict[str, dict[str, Document]] = defaultdict(dict)
    with (folder / "documents.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if record["split"] == split:
                documents[record["corpus"]][record["doc_id"]] = make_document(record)
    timelines = []
    with (folder / "data.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if record["split"] != split:
                continue
            gold = [GoldMention(m["doc_id"], m["sent"], m["token_text"], e["rank"], e["date"])
                    for e in record["events"] for m in e["mentions"]]
            timelines.append(Timeline(record["corpus"], split, record["entity"], gold))
    return timelines, documents


# --- storylens -------------------------------------------------------------------------------


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.lower()))


def pick_entity(dossier, target: str):
    """The entity whose name or an alias shares most words with ``target`` (over the larger set)."""
    want = _words(target)
    best, best_key = None, (0.0, 0)
    for entity in dossier.entities:
        overlap = max(len(want & _words(n)) / max(len(want), len(_words(n)) or 1)
                      for n in [entity.name, *entity.aliases])
        key = (overlap, len(entity.mentions))
        if overlap > 0 and key > best_key:
            best, best_key = entity, key
    return best


def storylens_predictions(dossier, docs: dict[str, Document], target: str,
                          parsed: dict[str, object] | None = None) -> tuple[list[Predicted], str]:
    """The sources of the timeline entries about ``target``, each as its anchor verb (lemma read from
    ``parsed``, the same texts parsed by the same model, when given)."""
    entity = pick_entity(dossier, target)
    if entity is None:
        return [], "no entity"
    about = {(m.article_id, docs[m.article_id].sentence_at(m.start)) for m in entity.mentions if m.article_id in docs}
    names = [n.lower() for n in [entity.name, *entity.aliases]]
    preds = set()
    for entry in dossier.timeline:
        named = any(re.search(rf"(?<!\w){re.escape(n)}(?!\w)", entry.event.lower()) for n in names)
        for anchor in entry.anchors:
            doc = docs.get(anchor.article_id)
            if doc is None:
                continue
            sent = doc.sentence_at(anchor.start)
            if named or (anchor.article_id, sent) in about:
                lemma = anchor.text
                if parsed is not None:
                    span = parsed[anchor.article_id].char_span(anchor.start, anchor.end, alignment_mode="expand")
                    lemma = span.root.lemma_ if span is not None else lemma
                preds.add(Predicted(anchor.article_id, sent, anchor.text, lemma, entry.date, entry.precision))
    ordered = sorted(preds, key=lambda p: (p.doc_id, p.sent, p.verb, p.date))
    return ordered, f"entity {entity.name!r}, aliases {entity.aliases} ({len(entity.mentions)} mentions)"


def run_storylens(corpus_docs: dict[str, Document]):
    from storylens import Pipeline, Settings
    from storylens.models import Article

    settings = Settings.load(use_store=False, progress=False)
    articles = [Article(id=d.doc_id, text=d.text, title=d.title, published=d.dct) for d in corpus_docs.values()]
    with Pipeline(settings) as pipeline:
        dossier = pipeline.analyze_articles(articles)
        nlp = pipeline.nlp
    return dossier, nlp


# --- baseline --------------------------------------------------------------------------------


def _dateparser_value(text: str, dct: str) -> tuple[str, str] | None:
    from dateparser.date import DateDataParser

    parser = DateDataParser(languages=["en"], settings={"RELATIVE_BASE": datetime.fromisoformat(dct),
                                                        "PREFER_DATES_FROM": "past"})
    try:
        data = parser.get_date_data(text)
    except Exception:  # noqa: BLE001
        return None
    if data is None or data.date_obj is None:
        return None
    d, period = data.date_obj, data.period
    if period == "year":
        return f"{d.year:04d}", "year"
    if period == "month":
        return f"{d.year:04d}-{d.month:02d}", "month"
    return d.date().isoformat(), "day"


def baseline_predictions(parsed: dict[str, object], docs: dict[str, Document], target: str) -> list[Predicted]:
    words = target.split()
    key = words[-1] if len(words[-1]) >= 3 else target
    pattern = re.compile(rf"(?<!\w){re.escape(key.lower())}(?!\w)")
    preds = []
    for doc_id, document in docs.items():
        spacy_doc = parsed[doc_id]
        for sent, (start, end) in enumerate(zip(document.starts, document.ends, strict=True)):
            if not pattern.search(document.text[start:end].lower()):
                continue
            span = spacy_doc.char_span(start, end, alignment_mode="expand")
            if span is None:
                continue
            roots = [t for t in span if t.head.i == t.i or not (span.start <= t.head.i < span.end)]
            if not roots:
                continue
            root = roots[0]
            value = None
            for ent in span.ents:
                if ent.label_ == "DATE":
                    value = _dateparser_value(ent.text, document.dct)
                    break
            value = value or (document.dct, "day")
            preds.append(Predicted(doc_id, sent, root.text, root.lemma_, *value))
    return preds


# --- run -------------------------------------------------------------------------------------


def run(timelines: list[Timeline], documents: dict[str, dict[str, Document]]) -> None:
    by_corpus: dict[str, list[Timeline]] = defaultdict(list)
    for timeline in timelines:
        by_corpus[timeline.corpus].append(timeline)
    for corpus, group in by_corpus.items():
        docs = documents[corpus]
        started = time.time()
        dossier, nlp = run_storylens(docs)
        logger.info("corpus %s: %d documents analysed (%.0fs), %d timeline entries", corpus, len(docs),
                    time.time() - started, len(dossier.timeline))
        parsed = dict(zip(docs, nlp.pipe(d.text for d in docs.values()), strict=True))
        dated = {(a.article_id, docs[a.article_id].sentence_at(a.start)) for e in dossier.timeline for a in e.anchors}
        for timeline in group:
            timeline.reachable = sum((g.doc_id, g.sent) in dated for g in timeline.gold)
            missing = sum(g.doc_id not in docs for g in timeline.gold)
            timeline.preds["storylens"], note = storylens_predictions(dossier, docs, timeline.entity, parsed)
            timeline.preds["baseline"] = baseline_predictions(parsed, docs, timeline.entity)
            timeline.note = note + (f"; {missing} gold mention(s) in a document not in the copy" if missing else "")


def report(timelines: list[Timeline], verbose: bool) -> str:
    gold = sum(len(t.gold) for t in timelines)
    lines = [f"SemEval-2015 TimeLine, split {timelines[0].split}: {len(timelines)} timelines, {gold} gold event "
             "mentions", "", HEADER]
    for system in SYSTEMS:
        total = Score()
        for t in timelines:
            total.add(score(t.gold, t.preds.get(system, [])))
        lines.append(row(system, total))
    reachable = sum(t.reachable for t in timelines)
    lines += ["", f"gold mentions in a sentence where storylens has any timeline entry: {reachable} of {gold} "
              f"(the most its anchoring can recall: only sentences with a resolved date get an entry)"]
    if verbose:
        for system in SYSTEMS:
            lines += ["", f"{system}, per timeline:", "", HEADER]
            for t in timelines:
                lines.append(row(t.entity, score(t.gold, t.preds.get(system, []))))
        lines += ["", "target entities chosen:"]
        lines += [f"- {t.entity}: {t.note}" for t in timelines]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="trial", help="the corpus split to score (our copy holds only 'trial')")
    parser.add_argument("--evaldata", type=Path, default=ROOT.parent / "shared" / "evaldata")
    parser.add_argument("--verbose", action="store_true", help="also print each timeline's scores")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    folder = args.evaldata / "semeval2015_timeline"
    if not (folder / "data.jsonl").is_file() or not (folder / "documents.jsonl").is_file():
        logger.warning("no SemEval-2015 TimeLine data at %s: nothing to score (see the evaldata README)", folder)
        return 0
    timelines, documents = load(folder, args.split)
    if not timelines:
        logger.warning("no timelines of split %s in %s", args.split, folder)
        return 0
    run(timelines, documents)
    print(report(timelines, args.verbose))
    return 0


if __name__ == "__main__":
    sys.exit(main())
