"""eval/derive_cues.py: the weak frames listed, by rate and by kind, on hand-made counts (no shared data)."""

from __future__ import annotations

import importlib.util
import sys
from collections import Counter
from pathlib import Path

_EVAL = Path(__file__).resolve().parent.parent / "eval"
sys.path.insert(0, str(_EVAL))
_SPEC = importlib.util.spec_from_file_location("eval_derive_cues", _EVAL / "derive_cues.py")
C = sys.modules["eval_derive_cues"] = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(C)

# (lemma, frame): (matched, seen); every one at 20%, between a weak rate of 15% and the adding rate of 30%
_COUNTS = {("grumble", "clause"): (2, 10), ("dither", "infinitive"): (2, 10), ("juggle", "object"): (2, 10),
           ("rumour that", "noun"): (2, 10), ("rumour about", "noun"): (2, 10), ("sure of", "adjective"): (2, 10)}


def _weak(kinds):
    seen = Counter({k: n for k, (_, n) in _COUNTS.items()})
    hits = Counter({k: h for k, (h, _) in _COUNTS.items()})
    chosen = C.select(seen, hits, 0.3, 2, 0.2, 10, 0.15, kinds)
    return {(lemma, frame) for frame, lists in chosen.items() for lemma, _, _ in lists.get("weak", ())}


def test_weak_frames_of_every_kind_without_a_restriction():
    assert _weak(None) == set(_COUNTS)


def test_weak_frames_restricted_to_kinds_and_a_noun_to_its_that():
    assert _weak(("clause", "adjective", "noun:that")) == {("grumble", "clause"), ("sure of", "adjective"),
                                                          ("rumour that", "noun")}
    assert _weak(("noun",)) == {("rumour that", "noun"), ("rumour about", "noun")}
    assert _weak(()) == set()
