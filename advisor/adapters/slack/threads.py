"""Which conversation a Slack event belongs to, which events were already handled, and one turn at a
time per conversation.

A conversation is a Slack thread: team + channel + the thread's root ts. The team is part of the id so
two workspaces can never share state, and the channel because ts values are only unique per channel.
"""

from __future__ import annotations

import asyncio
import re
import time
from collections import OrderedDict
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

from advisor.adapters.slack.recommendation import CardKey

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]")


def thread_id(team: str | None, channel: str, thread_ts: str) -> str:
    """The service's thread id for a Slack thread (stable across restarts, safe as a key)."""
    parts = [team or "-", channel, thread_ts]
    return "slack:" + ":".join(_UNSAFE.sub("_", p) for p in parts)


class SeenEvents:
    """Remembers recently handled event ids so Slack's retries (same event_id, X-Slack-Retry-Num set)
    and double clicks are processed once. Bounded by size and age: retries come within minutes."""

    def __init__(self, max_items: int = 10_000, ttl_seconds: float = 3600.0) -> None:
        self._seen: OrderedDict[str, float] = OrderedDict()
        self._max = max_items
        self._ttl = ttl_seconds

    def first_time(self, key: str, now: float | None = None) -> bool:
        """True the first time ``key`` is offered (and records it); False for a repeat."""
        now = time.monotonic() if now is None else now
        while self._seen:
            oldest, stamp = next(iter(self._seen.items()))
            if now - stamp <= self._ttl and len(self._seen) < self._max:
                break
            del self._seen[oldest]
        if key in self._seen:
            return False
        self._seen[key] = now
        return True

    def __len__(self) -> int:
        return len(self._seen)


class ThreadLocks:
    """One asyncio.Lock per conversation, created on demand and dropped when nobody holds or waits on it,
    so events arriving together for one thread run in order while other threads proceed."""

    def __init__(self) -> None:
        self._locks: dict[str, asyncio.Lock] = {}
        self._users: dict[str, int] = {}

    @asynccontextmanager
    async def hold(self, key: str) -> AsyncIterator[None]:
        lock = self._locks.setdefault(key, asyncio.Lock())
        self._users[key] = self._users.get(key, 0) + 1
        try:
            async with lock:
                yield
        finally:
            self._users[key] -= 1
            if not self._users[key]:
                del self._users[key]
                del self._locks[key]

    def __len__(self) -> int:
        return len(self._locks)


@dataclass
class ThreadInfo:
    """What the adapter remembers about one of its threads: the language to write its own words in,
    the last recommendation shown (its primary and cost: a follow-up that keeps them gets one line, not
    a second card), and which message holds the open question (``tracked`` is False until this
    process has posted a reply there, e.g. after a restart, when any click is taken as the answer)."""

    lang: str = "en"
    shown: CardKey | None = None
    question_ts: str | None = None
    tracked: bool = False


class KnownThreads:
    """Threads the bot holds a conversation in, so replies there need no new mention. Kept in memory
    (bounded, least recently used dropped first); after a restart the service's checkpoints answer."""

    def __init__(self, max_items: int = 50_000) -> None:
        self._items: OrderedDict[str, ThreadInfo] = OrderedDict()
        self._max = max_items

    def add(self, key: str, lang: str | None = None) -> ThreadInfo:
        info = self._items.setdefault(key, ThreadInfo())
        if lang:
            info.lang = lang
        self._items.move_to_end(key)
        while len(self._items) > self._max:
            self._items.popitem(last=False)
        return info

    def get(self, key: str) -> ThreadInfo | None:
        return self._items.get(key)

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def __len__(self) -> int:
        return len(self._items)
