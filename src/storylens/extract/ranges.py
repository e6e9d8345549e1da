"""Character ranges already taken, asked whether a new range overlaps one, in logarithmic time."""

from __future__ import annotations

from bisect import bisect_right, insort


class TakenRanges:
    """Character ranges ``(start, end)`` kept by start: one overlapping ``[start, end)`` starts at most the longest
    range's length before ``start``, so only those are tested (a scan of every range made a long article's
    extraction quadratic)."""

    def __init__(self) -> None:
        self.ranges: list[tuple[int, int]] = []
        self.longest = 0

    def append(self, taken: tuple[int, int]) -> None:
        insort(self.ranges, taken)
        self.longest = max(self.longest, taken[1] - taken[0])

    def overlaps(self, start: int, end: int) -> bool:
        """Whether a kept range ``(s, e)`` has ``s < end`` and ``start < e``."""
        low = bisect_right(self.ranges, (start - self.longest, end))
        high = bisect_right(self.ranges, (end, end))
        return any(s < end and start < e for s, e in self.ranges[low:high])
