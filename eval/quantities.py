"""Quantity extraction scored on the CQE evaluation sets (NewsQuant and Recognizers-Text cases).

Run: .venv/bin/python eval/quantities.py [--subset NewsQuant|currency-model|dimension-model|age-model|
temperature-model|all] [--evaldata PATH] [--errors N] [--no-baseline]

Gold: ``../shared/evaldata/cqe_newsquant/data.jsonl`` (never copied here), one sentence a record, each with
``quantities`` ``[{value, unit, normalized_unit, change}]``.  Each sentence is analysed alone as an article.

Matching rule (per sentence, one-to-one, greedy in gold order):

- value: numbers equal within ``rel_tol=1e-5`` (the CQE authors' ``np.isclose``).  A gold range ("62-68") is
  a pair; it matches a predicted range with the same two ends, in either order (gold writes "from 4.8 to 4.7"
  as written, storylens keeps ``value <= value_max``).  A single number never matches a range.
- unit: the gold ``normalized_unit`` (lower case) against ours mapped to CQE's names: ISO codes to currency
  names (USD -> "dollar", EUR -> "euro", GBP -> "pound sterling", JPY -> "japanese yen" ...), "percent" ->
  "percentage", measure units are already CQE/quantulum-style names ("mile per hour", "year of age"), money
  with a rate ("per month" in ``counts``) -> "dollar per month", and no unit -> "-".  CQE's gold gives a
  count the counted noun as its unit ("13000 workers" -> "worker", "50 different products" -> "different
  product"); a count matches when the last word of the gold unit, singularised, equals our counted noun
  (``unit``) singularised.  Otherwise the names must be equal.
- change: storylens's ``approx`` mapped to CQE's marks: exact, range, vague -> "=" (CQE marks vague plurals
  such as "millions of" "=" with a range value); about -> "~"; over, at_least -> ">"; under, at_most -> "<".
  CQE's "up"/"down" (direction of a change: "rose 8%") have no counterpart in a Claim and count as misses.

A prediction is matched to at most one gold quantity: first a gold with equal value and unit, else one with
equal value.  Precision = matches / predictions, recall = matches / gold, F1 their harmonic mean; the three
metrics differ in what a match needs (value; value and unit; value and change).

Baseline: quantulum3 (``quantulum3.classifier.USE_CLF = False``: its shipped classifier needs scikit-learn and
breaks with recent versions), scored the same way; its unit's ``name`` is its normalised unit ("dimensionless"
-> "-"), its change is "=" (it reads no approximator).  quantulum3's output depends on Python's string hash
seed (set order in its disambiguation): run with ``PYTHONHASHSEED=0`` for repeatable numbers.
"""

from __future__ import annotations

import argparse
import json
import logging
import math
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from storylens.extract.quantities import extract_quantities  # noqa: E402
from storylens.models import Article, Claim  # noqa: E402
from storylens.parse.pipeline import load_pipeline  # noqa: E402
from storylens.settings import Settings  # noqa: E402

logger = logging.getLogger("eval.quantities")
SUBSETS = ("NewsQuant", "currency-model", "dimension-model", "age-model", "temperature-model")
CURRENCY_NAMES = {
    "USD": "dollar", "EUR": "euro", "GBP": "pound sterling", "JPY": "japanese yen", "HKD": "hong kong dollar",
    "AUD": "australian dollar", "CAD": "canadian dollar", "NZD": "new zealand dollar", "SGD": "singapore dollar",
    "CNY": "renminbi", "INR": "indian rupee", "MYR": "malaysian ringgit", "ILS": "shekel", "KRW": "south korean won",
    "RUB": "russian ruble", "CHF": "swiss franc", "SEK": "swedish krona", "ZAR": "south african rand",
    "TRY": "turkish lira", "MXN": "mexican peso", "BRL": "brazilian real", "HRK": "croatian kuna",
}
CHANGE = {"exact": "=", "range": "=", "vague": "=", "about": "~", "over": ">", "at_least": ">", "under": "<",
          "at_most": "<"}


@dataclass
class Q:
    value: float | tuple[float, float]
    unit: str
    change: str
    text: str = ""
    count: bool = False


@dataclass
class Score:
    gold: int = 0
    pred: int = 0
    hits: dict[str, int] = field(default_factory=lambda: {"value": 0, "value+unit": 0, "value+change": 0})

    def prf(self, metric: str) -> tuple[float, float, float]:
        tp = self.hits[metric]
        p = tp / self.pred if self.pred else 0.0
        r = tp / self.gold if self.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def singular(word: str) -> str:
    w = word.lower().strip(".,")
    for suffix, repl in (("ies", "y"), ("ses", "s"), ("xes", "x"), ("s", "")):
        if w.endswith(suffix) and len(w) > len(suffix) + 2:
            return w[: -len(suffix)] + repl
    return w


def gold_value(raw: str) -> float | tuple[float, float]:
    raw = str(raw).strip()
    if "-" in raw[1:] and "e" not in raw.lower():
        cut = raw.index("-", 1)
        return float(raw[:cut]), float(raw[cut + 1:])
    return float(raw)


def values_match(a, b) -> bool:
    if isinstance(a, tuple) != isinstance(b, tuple):
        return False
    if isinstance(a, tuple):
        return (close(a[0], b[0]) and close(a[1], b[1])) or (close(a[0], b[1]) and close(a[1], b[0]))
    return close(a, b)


def close(x: float, y: float) -> bool:
    return math.isclose(x, y, rel_tol=1e-5, abs_tol=1e-8)


def units_match(gold: Q, pred: Q) -> bool:
    g, p = gold.unit.lower(), pred.unit.lower()
    if g == p:
        return True
    if pred.count and g != "-" and p != "-":
        return singular(g.split()[-1]) == singular(p.split()[-1])
    return False


def score_sentence(gold: list[Q], pred: list[Q], score: Score) -> list[tuple[str, Q | None, Q | None]]:
    """Add one sentence to ``score``; returns (what, gold, pred) error rows."""
    score.gold += len(gold)
    score.pred += len(pred)
    free = list(range(len(gold)))
    errors = []
    for pq in pred:
        same_value = [i for i in free if values_match(gold[i].value, pq.value)]
        if not same_value:
            errors.append(("spurious", None, pq))
            continue
        with_unit = [i for i in same_value if units_match(gold[i], pq)]
        i = (with_unit or same_value)[0]
        free.remove(i)
        score.hits["value"] += 1
        if with_unit:
            score.hits["value+unit"] += 1
        else:
            errors.append(("unit", gold[i], pq))
        if gold[i].change == pq.change:
            score.hits["value+change"] += 1
        else:
            errors.append(("change", gold[i], pq))
    errors.extend(("missed", gold[i], None) for i in free)
    return errors


def from_claim(claim: Claim) -> Q:
    value: float | tuple[float, float] = claim.value if claim.value is not None else float("nan")
    if claim.value_max is not None and claim.value is not None:
        value = (claim.value, claim.value_max)
    if claim.kind == "money":
        unit = CURRENCY_NAMES.get(claim.unit or "", (claim.unit or "-").lower())
        if claim.counts and claim.counts.startswith("per "):
            unit = f"{unit} {claim.counts}"
    elif claim.kind == "percent":
        unit = "percentage"
    else:
        unit = claim.unit or "-"
    return Q(value, unit, CHANGE[claim.approx], claim.span.text, count=claim.kind == "count")


def storylens_system(nlp) -> Callable[[str], list[Q]]:
    def run(text: str) -> list[Q]:
        doc = nlp(text)
        return [from_claim(c) for c in extract_quantities(Article(id="s", text=text), doc) if c.value is not None]
    return run


def quantulum_system() -> Callable[[str], list[Q]] | None:
    try:
        import warnings

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            import quantulum3.classifier as qclf
            qclf.USE_CLF = False
            from quantulum3 import parser
    except Exception as exc:  # noqa: BLE001 - the baseline is optional
        logger.warning("quantulum3 not available (%s): no baseline", exc)
        return None

    def run(text: str) -> list[Q]:
        try:
            found = parser.parse(text)
        except Exception:  # noqa: BLE001
            return []
        out = []
        for q in found:
            name = q.unit.name if q.unit is not None else "dimensionless"
            unit = "-" if name == "dimensionless" else name
            out.append(Q(float(q.value), unit, "=", q.surface, count=False))
        return out
    return run


def load(path: Path, subset: str) -> list[dict]:
    records = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if subset == "all" or record["subset"] == subset:
                records.append(record)
    return records


def gold_of(record: dict) -> list[Q]:
    out = []
    for q in record["quantities"]:
        try:
            value = gold_value(q["value"])
        except (ValueError, KeyError):
            continue
        out.append(Q(value, str(q.get("normalized_unit") or "-").lower(), q.get("change", "="), q.get("unit", "")))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--subset", default="NewsQuant", choices=(*SUBSETS, "all"))
    ap.add_argument("--evaldata", type=Path, default=ROOT.parent / "shared" / "evaldata")
    ap.add_argument("--errors", type=int, default=0, help="print N examples of errors of storylens")
    ap.add_argument("--no-baseline", action="store_true", help="do not run quantulum3")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    data = args.evaldata / "cqe_newsquant" / "data.jsonl"
    if not data.exists():
        print(f"no evaluation data at {data}: nothing to score (see ../shared/evaldata/README.md)")
        return 0
    records = load(data, args.subset)
    logger.info("%d sentences of %s", len(records), args.subset)
    started = time.time()
    nlp = load_pipeline(Settings.load().model)
    systems: dict[str, Callable[[str], list[Q]]] = {"storylens": storylens_system(nlp)}
    if not args.no_baseline:
        baseline = quantulum_system()
        if baseline is not None:
            systems["quantulum3"] = baseline
    scores = {name: Score() for name in systems}
    errors: list[tuple[str, str, Q | None, Q | None]] = []
    for n, record in enumerate(records, 1):
        gold = gold_of(record)
        for name, system in systems.items():
            errs = score_sentence(gold, system(record["text"]), scores[name])
            if name == "storylens":
                errors.extend((record["text"], *e) for e in errs)
        if n % 100 == 0:
            logger.info("%d/%d sentences (%.0f s)", n, len(records), time.time() - started)
    print(f"subset: {args.subset} ({len(records)} sentences, {scores['storylens'].gold} gold quantities)")
    print(f"{'system':<12} {'metric':<13} {'P':>6} {'R':>6} {'F1':>6}")
    for name, score in scores.items():
        for metric in ("value", "value+unit", "value+change"):
            p, r, f = score.prf(metric)
            print(f"{name:<12} {metric:<13} {p:6.3f} {r:6.3f} {f:6.3f}")
    if args.errors:
        print()
        for text, what, g, p in errors[: args.errors]:
            gs = f"{g.value} {g.unit} {g.change} [{g.text}]" if g else "-"
            ps = f"{p.value} {p.unit} {p.change} [{p.text}]" if p else "-"
            print(f"{what:<9} gold: {gs} | pred: {ps}\n          {text}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
