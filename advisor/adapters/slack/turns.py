"""One conversation turn from Slack: serialise per thread, show the thinking status, ask the service,
post the reply in the thread (a new card with its report file, or one line when nothing changed).

Listeners (app.py) decide *whether* an event is a turn; this module decides nothing about advice —
it hands the user's text to the conversation service and renders what comes back.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Protocol

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from advisor.adapters.names import Names
from advisor.adapters.slack.blocks import SlackMessage
from advisor.adapters.slack.guard import Claims, MemoryClaims
from advisor.adapters.slack.home import MemoryRecent, Recent, RecentEntry
from advisor.adapters.slack.labels import label
from advisor.adapters.slack.messages import plain_message, reply_messages
from advisor.adapters.slack.recommendation import CardKey, deployment_text, money
from advisor.adapters.slack.threads import KnownThreads, ThreadLocks, thread_id
from advisor.agent.reply import Reply

log = logging.getLogger(__name__)

# Channels where assistant.threads.setStatus is refused (not an assistant container): not asked again.
_MAX_NO_STATUS = 10_000


class Conversations(Protocol):
    """The part of advisor.agent.service.ConversationService the Slack adapter uses."""

    async def respond(self, thread_id: str, text: str) -> Reply: ...

    async def get_reply(self, thread_id: str) -> Reply | None: ...


@dataclass(frozen=True)
class SlackThread:
    team: str | None
    channel: str
    thread_ts: str

    @property
    def id(self) -> str:
        return thread_id(self.team, self.channel, self.thread_ts)


class TurnRunner:
    """Holds the adapter's state: which threads are ours (with their language and last card), which
    requests were seen (``claims``), a lock per thread, and each user's recent recommendations."""

    def __init__(
        self,
        service: Conversations,
        max_threads: int = 50_000,
        *,
        claims: Claims | None = None,
        recent: Recent | None = None,
        names: Names | None = None,
    ) -> None:
        self.service = service
        self.claims: Claims = claims or MemoryClaims()
        self.recent: Recent = recent or MemoryRecent()
        self.names = names or Names()
        self.locks = ThreadLocks()
        self.known = KnownThreads(max_threads)
        # threads looked up and found not to be conversations: a busy channel's thread chatter then
        # costs one checkpoint lookup per thread, not one per message
        self.foreign = KnownThreads(max_threads)
        self.user_lang: dict[str, str] = {}
        self._no_status: set[str] = set()

    def lang(self, thread: SlackThread, default: str = "en") -> str:
        info = self.known.get(thread.id)
        return info.lang if info else default

    async def is_ours(self, thread: SlackThread) -> bool:
        """A thread the bot holds a conversation in; after a restart the saved checkpoints tell."""
        if thread.id in self.known:
            return True
        if thread.id in self.foreign:
            return False
        try:
            saved = await self.service.get_reply(thread.id)
        except Exception:
            log.exception("could not look up thread %s", thread.id)
            return False
        if saved is None:
            self.foreign.add(thread.id)
            return False
        self.known.add(thread.id, saved.lang).shown = CardKey.of(saved.recommendation)
        return True

    def adopt(self, thread: SlackThread, lang: str) -> None:
        """Marks a thread as a conversation before its first turn (slash command, empty mention)."""
        if thread.id not in self.known:
            self.known.add(thread.id, lang)

    async def turn(
        self,
        client: AsyncWebClient,
        thread: SlackThread,
        text: str,
        *,
        user: str = "",
        answering: str | None = None,
        on_answer: Callable[[bool], Awaitable[None]] | None = None,
        echo: str = "",
    ) -> Reply | None:
        """Runs one user turn and posts the reply in the thread; one turn at a time per thread.

        ``answering`` is the ts of the question message a button click answers. Only the open
        question can be answered by a click: a click on an older one (already answered by typing,
        or superseded) is refused — ``on_answer(False)`` — and nothing is sent to the service.
        ``echo`` (mrkdwn) heads the reply: what a follow-up click asked.
        """
        info = self.known.add(thread.id)
        async with self.locks.hold(thread.id):
            if answering is not None:
                open_question = not info.tracked or info.question_ts == answering
                if on_answer is not None:
                    await on_answer(open_question)
                if not open_question:
                    return None
            await self.status(client, thread, label(info.lang, "thinking"))
            try:
                reply = await self.service.respond(thread.id, text)
            except Exception:
                log.exception("turn failed in thread %s", thread.id)
                await self.post(client, thread, [plain_message(label(info.lang, "error"))])
                await self.status(client, thread, "")
                return None
            rendered = reply_messages(reply, previous=info.shown, names=self.names, echo=echo)
            info.lang = reply.lang
            key = CardKey.of(reply.recommendation)
            if key is None or reply.question is None:
                info.shown = key  # after "start over" the next recommendation is a new card
            if user:
                self.user_lang[user] = reply.lang
                if key is not None and reply.recommendation and reply.recommendation.get("primary"):
                    await self.remember(user, thread, reply)
            posted = await self.post(client, thread, rendered.messages)
            if rendered.attach_report:
                await self.upload_report(client, thread, reply)
            await self.status(client, thread, "")
            info.tracked = True
            info.question_ts = posted[-1] if reply.question is not None and posted else None
            return reply

    async def remember(self, user: str, thread: SlackThread, reply: Reply) -> None:
        """The thread's latest choice in the user's App Home list."""
        assert reply.recommendation is not None
        primary = reply.recommendation["primary"]
        summary = (
            deployment_text(primary, reply.lang, self.names)
            + " · "
            + label(reply.lang, "per_month", amount=money(primary.get("monthly_cost_usd")))
        )
        await self.recent.add(
            user, RecentEntry(thread.id, thread.channel, self.names.candidate(primary), summary, time.time())
        )

    async def status(self, client: AsyncWebClient, thread: SlackThread, text: str) -> None:
        """The assistant thread's "is thinking…" status (``""`` clears it). Outside Slack's assistant
        threads the API refuses; that channel is then not asked again."""
        if thread.channel in self._no_status:
            return
        try:
            await client.assistant_threads_setStatus(
                channel_id=thread.channel, thread_ts=thread.thread_ts, status=text
            )
        except SlackApiError as exc:
            log.debug("no thinking status in %s: %s", thread.channel, exc.response.get("error"))
            if len(self._no_status) >= _MAX_NO_STATUS:
                self._no_status.clear()
            self._no_status.add(thread.channel)

    async def upload_report(self, client: AsyncWebClient, thread: SlackThread, reply: Reply) -> None:
        """The full Markdown report as a file in the thread (files.getUploadURLExternal, the upload,
        files.completeUploadExternal: slack_sdk's files_upload_v2)."""
        primary = (reply.recommendation or {}).get("primary") or {}
        name = self.names.candidate(primary) if primary else label(reply.lang, "no_candidate")
        try:
            await client.files_upload_v2(
                channel=thread.channel,
                thread_ts=thread.thread_ts,
                content=reply.report_markdown or "",
                filename=f"advisor-report-{primary.get('model_id') or 'none'}.md",
                title=label(reply.lang, "report_title", name=name),
            )
        except SlackApiError as exc:
            log.error("report upload failed in %s: %s", thread.id, exc.response.get("error"))
        except Exception as exc:  # the upload URL unreachable: the card is posted, the file is not
            log.error("report upload failed in %s: %s", thread.id, type(exc).__name__)

    async def post(
        self, client: AsyncWebClient, thread: SlackThread, messages: list[SlackMessage]
    ) -> list[str]:
        """Posts messages in order in the thread; returns their ts values."""
        posted: list[str] = []
        for message in messages:
            try:
                resp = await client.chat_postMessage(
                    channel=thread.channel,
                    thread_ts=thread.thread_ts,
                    unfurl_links=False,
                    unfurl_media=False,
                    **message.as_kwargs(),
                )
            except SlackApiError as exc:
                log.error("chat.postMessage failed in %s: %s", thread.id, exc.response.get("error"))
                break
            posted.append(str(resp.get("ts", "")))
        return posted
