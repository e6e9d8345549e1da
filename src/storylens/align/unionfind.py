"""Disjoint sets over hashable keys, for every "link pairs, then read the groups" step."""

from __future__ import annotations

from collections.abc import Hashable, Iterable


class UnionFind:
    def __init__(self, keys: Iterable[Hashable] = ()) -> None:
        self.parent: dict[Hashable, Hashable] = {k: k for k in keys}

    def find(self, key: Hashable) -> Hashable:
        parent = self.parent
        parent.setdefault(key, key)
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    def union(self, a: Hashable, b: Hashable) -> None:
        """Join the sets of ``a`` and ``b``; the smaller root (by order) stays the root."""
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            low, high = (ra, rb) if ra < rb else (rb, ra)  # type: ignore[operator]
            self.parent[high] = low
