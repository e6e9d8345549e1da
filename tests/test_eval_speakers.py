"""eval/speakers.py: a statement judged by hand re-judged after its speaker changed (hand-made rows, no shared data)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

_EVAL = Path(__file__).resolve().parent.parent / "eval"
_SPEC = importlib.util.spec_from_file_location("eval_speakers", _EVAL / "speakers.py")
S = sys.modules["eval_speakers"] = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(S)


def _row(resolved, entity, source="the paper"):
    return {"key": "a/0/10", "class": "description", "source": source, "resolved": resolved, "entity": entity}


def test_a_source_judged_to_name_no_entity_is_kept_once_left_as_its_words():
    # judged wrong when taken for a newspaper; the right answer is the source's own words: left so, it is kept
    seen = {"resolved": "Eastport Herald", "verdict": "wrong", "expected": "the paper"}
    assert S.verdict_of(_row("The paper", False, "The paper"), seen) == "kept"
    assert S.verdict_of(_row("Harwick Times", True, "The paper"), seen) is None  # another entity: judged again
    assert S.verdict_of({**_row("The paper", False), "resolved": "Eastport Herald"}, seen) == "wrong"  # unchanged


def test_a_source_judged_to_name_an_entity_is_right_or_unresolved_after_a_change():
    seen = {"resolved": "Tom Hale", "verdict": "wrong", "expected": "Dan Reyes"}
    assert S.verdict_of(_row("Dan Reyes", True, "he"), seen) == "right"
    assert S.verdict_of(_row("he", False, "he"), seen) == "unresolved"
    assert S.verdict_of(_row("Ann Ford", True, "he"), seen) is None
    assert S.verdict_of(_row("he", False, "he"), {**seen, "expected": ""}) == "kept"
