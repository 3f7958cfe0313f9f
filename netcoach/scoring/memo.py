"""Remember the parts of a score by the settings each part depends on.

Moving one slider in the score widget changes one setting. With a :class:`Memo`, scoring
recomputes only the parts that read that setting (the lead table for the lead window,
the cadence table for a tier's cadence, ...) and reuses the rest. Results are identical
to scoring from scratch; ``tests/test_scoring_memo.py`` checks that.

A memo belongs to one log: :class:`netcoach.scoring.Scorer` holds one per log.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar

T = TypeVar("T")


class Memo:
    """A small least-recently-used store of computed parts, keyed by (part, settings)."""

    def __init__(self, max_entries: int = 256) -> None:
        self._store: OrderedDict[tuple[str, Hashable], object] = OrderedDict()
        self.max_entries = max_entries
        self.computed: dict[str, int] = {}
        """How many times each part was computed (not reused): for tests and benchmarks."""

    def __call__(self, part: str, key: Hashable, make: Callable[[], T]) -> T:
        """The stored value for ``(part, key)``, computing it with ``make`` if missing."""
        full_key = (part, key)
        if full_key in self._store:
            self._store.move_to_end(full_key)
            return self._store[full_key]  # type: ignore[return-value]
        value = make()
        self.computed[part] = self.computed.get(part, 0) + 1
        self._store[full_key] = value
        if len(self._store) > self.max_entries:
            self._store.popitem(last=False)
        return value


def compute(memo: Memo | None, part: str, key: Hashable, make: Callable[[], T]) -> T:
    """``memo(part, key, make)``, or just ``make()`` when there is no memo."""
    return make() if memo is None else memo(part, key, make)
