"""eval/derive_filter.py: the choice of the filter's threshold on a hand-made sweep (no shared data)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

_EVAL = Path(__file__).resolve().parent.parent / "eval"
sys.path.insert(0, str(_EVAL))
_SPEC = importlib.util.spec_from_file_location("eval_derive_filter", _EVAL / "derive_filter.py")
F = sys.modules["eval_derive_filter"] = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(F)


def test_the_threshold_is_the_highest_within_the_tolerance_of_the_best():
    # a flat sweep: 0.32 is the best by a hair, 0.38 nearly as good and more precise, 0.40 clearly worse
    sweep = [(0.0, 0.0), (0.30, 0.0007), (0.32, 0.0008), (0.36, 0.0006), (0.38, 0.00065), (0.40, 0.0001)]
    assert F.chosen_threshold(sweep, 0.0, -1.0) == (0.32, 0.0008)
    assert F.chosen_threshold(sweep, 0.0, -1.0, 0.0002) == (0.38, 0.00065)
    assert F.chosen_threshold(sweep, 0.0, -1.0, 0.0001) == (0.32, 0.0008)  # 0.38 is 0.00015 under the best
    # a threshold must gain over the value given: none does, so the one given stays
    assert F.chosen_threshold(sweep, 1.0, 0.001, 0.0002) == (1.0, 0.001)
    assert F.TOLERANCE == 0.0002
