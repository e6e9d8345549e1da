"""eval/quotes.py: the boundary near-miss shapes on a hand-made pair of spans (no shared data)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

_PATH = Path(__file__).resolve().parent.parent / "eval" / "quotes.py"
_SPEC = importlib.util.spec_from_file_location("eval_quotes", _PATH)
Q = sys.modules["eval_quotes"] = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(Q)


def test_boundary_shapes_of_a_prediction_against_its_gold():
    text = "Officials said the bridge will reopen in May after the repairs, the mayor added."
    doc = Q.Document("d", text, "p", [])
    for m in Q.WORD.finditer(text):
        doc.starts.append(m.start())
        doc.ends.append(m.end())
    gold = doc.fill(Q.Attribution([(15, 62)], None, None))  # "the bridge will reopen in May after the repairs"
    longer = doc.fill(Q.Attribution([(15, 79)], None, None))  # runs on into ", the mayor added"
    shorter = doc.fill(Q.Attribution([(15, 44)], None, None))  # stops at "May"
    shifted = doc.fill(Q.Attribution([(0, 33)], None, None))  # "Officials said the bridge will reopen"
    assert Q.boundary(gold, longer) == ("long", 0, 3)
    assert Q.boundary(gold, shorter) == ("short", 0, -3)
    assert Q.boundary(gold, shifted) == ("shifted", -2, -5)
