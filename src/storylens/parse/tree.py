"""A parsed doc's dependency tree as lists of token indices, for the steps that walk it many times.

spaCy's ``Token.children`` and ``Token.subtree`` make a Python Token object per token visited; the steps that
walk a doc's tree for every sentence or mention (the summary's predicates, tone's clauses) read the same tree
from one array of heads instead, in the same orders.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


class DepTree:
    """Children and subtrees of a doc's tokens, from each token's head (``heads[i] == i`` for a root)."""

    def __init__(self, heads: Sequence[int] | np.ndarray) -> None:
        array = np.asarray(heads, dtype=np.int64)
        by_head = np.argsort(array, kind="stable")  # each token's children together, by position
        self._by_head: list[int] = by_head.tolist()
        self._bounds: list[int] = np.searchsorted(array[by_head], np.arange(len(array) + 1)).tolist()
        self._subtrees: dict[int, list[int]] = {}
        self._children: dict[int, list[int]] = {}

    def children(self, i: int) -> list[int]:
        """Token ``i``'s children in ``Token.children`` order (by position), kept once asked for (the caller must
        not change the list)."""
        found = self._children.get(i)
        if found is None:
            found = self._children[i] = [c for c in self._by_head[self._bounds[i]:self._bounds[i + 1]] if c != i]
        return found

    def subtree(self, i: int) -> list[int]:
        """Token ``i``'s subtree in ``Token.subtree`` order: each left child's subtree, ``i``, then each right
        child's (by position for a projective tree).  Each subtree is built once, from its children's (the
        caller must not change the list)."""
        done = self._subtrees
        found = done.get(i)
        if found is not None:
            return found
        stack = [i]
        while stack:  # children before their head, without recursion (a tree may be deep)
            token = stack[-1]
            children = self.children(token)
            pending = [c for c in children if c not in done]
            if pending:
                stack.extend(pending)
                continue
            stack.pop()
            order: list[int] = []
            for c in children:
                if c < token:
                    order.extend(done[c])
            order.append(token)
            for c in children:
                if c > token:
                    order.extend(done[c])
            done[token] = order
        return done[i]
