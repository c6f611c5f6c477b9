"""App Home: opening the bot's Home tab shows the user's recent recommendations, each with its cost and
the channel it was given in (``app_home_opened`` → ``views.publish``).

The list is kept by the adapter, per user, newest first, one entry per thread (its latest choice);
``Recent`` is a small interface so a deployment can keep it in the shared database.
"""

from __future__ import annotations

import logging
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from slack_bolt.async_app import AsyncApp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from advisor.adapters.slack.blocks import Block, context_blocks, header, sections
from advisor.adapters.slack.labels import label
from advisor.adapters.slack.mrkdwn import escape

log = logging.getLogger(__name__)

MAX_SHOWN = 10


@dataclass(frozen=True)
class RecentEntry:
    thread_id: str
    channel: str
    name: str
    summary: str  # plain text: deployment and monthly cost
    at: float


class Recent(Protocol):
    async def add(self, user: str, entry: RecentEntry) -> None: ...

    async def recent(self, user: str, limit: int = MAX_SHOWN) -> list[RecentEntry]: ...


class MemoryRecent:
    """Recent recommendations in this process, bounded per user and in users."""

    def __init__(self, per_user: int = MAX_SHOWN, max_users: int = 10_000) -> None:
        self._by_user: OrderedDict[str, OrderedDict[str, RecentEntry]] = OrderedDict()
        self._per_user, self._max_users = per_user, max_users

    async def add(self, user: str, entry: RecentEntry) -> None:
        entries = self._by_user.setdefault(user, OrderedDict())
        entries.pop(entry.thread_id, None)
        entries[entry.thread_id] = entry
        while len(entries) > self._per_user:
            entries.popitem(last=False)
        self._by_user.move_to_end(user)
        while len(self._by_user) > self._max_users:
            self._by_user.popitem(last=False)

    async def recent(self, user: str, limit: int = MAX_SHOWN) -> list[RecentEntry]:
        return list(reversed(self._by_user.get(user, OrderedDict()).values()))[:limit]


def home_view(entries: list[RecentEntry], lang: str) -> dict[str, Any]:
    """The Home tab: a heading, then one section per recommendation (or how to start)."""
    blocks: list[Block] = [header(label(lang, "home.title"))]
    if not entries:
        blocks += sections(label(lang, "home.empty"))
    for entry in entries:
        when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(entry.at))
        blocks += sections(f"*{escape(entry.name)}*\n{escape(entry.summary)}")
        blocks += context_blocks([label(lang, "home.entry", channel=escape(entry.channel), when=when)])
    if entries:
        blocks += context_blocks([label(lang, "home.how")])
    return {"type": "home", "blocks": blocks}


def register_home(app: AsyncApp, recent: Recent, lang_of: Callable[[str], str]) -> None:
    """``lang_of(user)``: the language of the user's last conversation (English by default)."""

    @app.event("app_home_opened")
    async def on_home(event: dict[str, Any], client: AsyncWebClient) -> None:
        if event.get("tab", "home") != "home" or not event.get("user"):
            return
        user = str(event["user"])
        view = home_view(await recent.recent(user), lang_of(user))
        try:
            await client.views_publish(user_id=user, view=view)
        except SlackApiError as exc:
            log.error("views.publish failed: %s", exc.response.get("error"))
