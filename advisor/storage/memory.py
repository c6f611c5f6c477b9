"""The store for a checkpointer handed in by the caller (tests, evaluation): locks and claims in
this process only, no pruning (an in-memory saver dies with the process)."""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from advisor.storage.base import Storage

MAX_CLAIMS = 100_000


class MemoryStorage(Storage):
    kind = "memory"

    def __init__(self, checkpointer: Any) -> None:
        super().__init__()
        self.checkpointer = checkpointer
        self._claims: OrderedDict[str, None] = OrderedDict()

    async def claim_once(self, key: str) -> bool:
        if key in self._claims:
            return False
        self._claims[key] = None
        if len(self._claims) > MAX_CLAIMS:
            self._claims.popitem(last=False)
        return True
