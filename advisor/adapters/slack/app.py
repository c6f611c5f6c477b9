"""The Bolt app: listeners that recognise a conversation turn and hand it to TurnRunner.

Every listener acknowledges first (events are acknowledged by Bolt before the listener runs; actions
and commands call ``ack()`` on their first line), so Slack gets its answer within 3 seconds while the
turn runs on as an asyncio task. Only correctly signed, fresh requests reach these listeners
(guard.py checks ``X-Slack-Signature`` and rejects timestamps older than five minutes with 401), and
each only once (a retried event, a replayed command or click is acknowledged and dropped).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncRespond
from slack_bolt.context.async_context import AsyncBoltContext
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from advisor.adapters.names import Names, names_of
from advisor.adapters.slack.blocks import ANSWER_ACTION_PREFIX
from advisor.adapters.slack.followups import (
    FOLLOWUP_PREFIX,
    clicked_label,
    clicked_value,
    decode,
    followup_text,
)
from advisor.adapters.slack.guard import Claims, QuietBoltFilter, drop_repeats, verify_signatures
from advisor.adapters.slack.home import Recent, register_home
from advisor.adapters.slack.inbound import clean_text, guess_lang, mentions
from advisor.adapters.slack.labels import label
from advisor.adapters.slack.messages import mark_answered, mark_stale, plain_message
from advisor.adapters.slack.mrkdwn import escape, truncate
from advisor.adapters.slack.turns import Conversations, SlackThread, TurnRunner

log = logging.getLogger(__name__)

DEFAULT_API_URL = "https://slack.com/api/"
SLASH_COMMAND = "/advisor"
# Message subtypes that are still a person writing; edits, joins, deletions and bot posts are not turns.
_USER_SUBTYPES = {None, "thread_broadcast", "file_share"}


def build_app(
    service: Conversations,
    *,
    bot_token: str,
    signing_secret: str,
    api_url: str = DEFAULT_API_URL,
    claims: Claims | None = None,
    recent: Recent | None = None,
    names: Names | None = None,
) -> AsyncApp:
    """An AsyncApp wired to ``service``; ``api_url`` points the Web API client elsewhere (proxies, tests).
    Each app has its own adapter state (TurnRunner), as a fresh process would. ``claims`` (request
    deduplication) and ``recent`` (App Home lists) default to this process's memory; ``names`` to the
    service's knowledge base."""
    base_url = api_url if api_url.endswith("/") else api_url + "/"
    bolt_logger = logging.getLogger("advisor.slack.bolt")
    if not any(isinstance(f, QuietBoltFilter) for f in bolt_logger.filters):
        bolt_logger.addFilter(QuietBoltFilter())
    app = AsyncApp(
        name="advisor",
        client=AsyncWebClient(token=bot_token, base_url=base_url),
        signing_secret=signing_secret,
        process_before_response=False,
        logger=bolt_logger,
        # our own check, which logs one line and never the body (Bolt's logs rejected bodies at INFO)
        request_verification_enabled=False,
        before_authorize=verify_signatures(signing_secret),
    )
    register(app, TurnRunner(service, claims=claims, recent=recent, names=names or names_of(service)))
    return app


def register(app: AsyncApp, runner: TurnRunner) -> None:
    """Adds the middleware and listeners (separate from build_app so tests can wire their own app)."""
    app.middleware(drop_repeats(runner.claims))
    register_home(app, runner.recent, lambda user: runner.user_lang.get(user, "en"))

    @app.event("app_mention")
    async def on_mention(event: dict[str, Any], context: AsyncBoltContext, client: AsyncWebClient) -> None:
        if event.get("bot_id"):
            return
        thread = SlackThread(
            context.team_id or event.get("team"), event["channel"], event.get("thread_ts") or event["ts"]
        )
        text = clean_text(event.get("text", ""), context.bot_user_id)
        if not text:
            runner.adopt(thread, "en")
            await runner.post(client, thread, [plain_message(label(runner.lang(thread), "describe"))])
            return
        await runner.turn(client, thread, text, user=event.get("user", ""))

    @app.event("message")
    async def on_message(event: dict[str, Any], context: AsyncBoltContext, client: AsyncWebClient) -> None:
        if event.get("subtype") not in _USER_SUBTYPES or event.get("bot_id") or not event.get("user"):
            return
        direct = event.get("channel_type") == "im"
        if not direct and (
            not event.get("thread_ts") or mentions(event.get("text", ""), context.bot_user_id)
        ):
            return  # top-level channel chatter, or a mention that on_mention answers
        thread = SlackThread(
            context.team_id or event.get("team"), event["channel"], event.get("thread_ts") or event["ts"]
        )
        if not direct and not await runner.is_ours(thread):
            return
        text = clean_text(event.get("text", ""), context.bot_user_id)
        if text:
            await runner.turn(client, thread, text, user=event["user"])

    @app.action(re.compile(f"^{ANSWER_ACTION_PREFIX}:"))
    async def on_answer(ack: AsyncAck, body: dict[str, Any], client: AsyncWebClient) -> None:
        await ack()
        await _answer_click(runner, body, client)

    @app.action(re.compile(f"^{FOLLOWUP_PREFIX}:"))
    async def on_followup(ack: AsyncAck, body: dict[str, Any], client: AsyncWebClient) -> None:
        await ack()
        await _followup_click(runner, body, client)

    @app.command(SLASH_COMMAND)
    async def on_command(
        ack: AsyncAck, command: dict[str, Any], client: AsyncWebClient, respond: AsyncRespond
    ) -> None:
        await ack()
        await _start_from_command(runner, command, client, respond)


@dataclass(frozen=True)
class _Click:
    """Where a click happened: the message it was on and the thread that message belongs to."""

    thread: SlackThread
    message: dict[str, Any]
    message_ts: str
    user: str

    @classmethod
    def of(cls, body: dict[str, Any]) -> _Click | None:
        message = body.get("message") or {}
        container = body.get("container") or {}
        channel = (body.get("channel") or {}).get("id") or container.get("channel_id")
        message_ts = message.get("ts") or container.get("message_ts")
        if not channel or not message_ts:
            return None
        team = (body.get("team") or {}).get("id") or (body.get("user") or {}).get("team_id")
        thread = SlackThread(team, channel, message.get("thread_ts") or message_ts)
        return cls(thread, message, str(message_ts), (body.get("user") or {}).get("id", ""))

    def key(self, kind: str, *extra: str) -> str:
        return ":".join([kind, self.thread.team or "-", self.thread.channel, self.message_ts, *extra])


async def _answer_click(runner: TurnRunner, body: dict[str, Any], client: AsyncWebClient) -> None:
    """A button click answers the open question: the message is updated (choice marked, buttons
    removed), then the option's value goes to the service as the user's text. A second click on the
    same message (double click, two people) is ignored; a click on an older question only loses
    its buttons."""
    action = body["actions"][0]
    click = _Click.of(body)
    if click is None or not await runner.claims.claim_once(click.key("answer")):
        return
    thread, message = click.thread, click.message
    chosen = (action.get("text") or {}).get("text") or action.get("value", "")

    async def mark(open_question: bool) -> None:
        lang, original = runner.lang(thread), message.get("blocks") or []
        blocks = (
            mark_answered(original, user=click.user, chosen=chosen, lang=lang)
            if open_question
            else mark_stale(original, lang=lang)
        )
        try:
            await client.chat_update(
                channel=thread.channel,
                ts=click.message_ts,
                blocks=blocks,
                text=truncate(f"{message.get('text', '')} → {escape(chosen)}", 3000),
            )
        except SlackApiError as exc:
            log.error("chat.update failed in %s: %s", thread.id, exc.response.get("error"))

    await runner.turn(
        client, thread, action.get("value", ""), user=click.user, answering=click.message_ts, on_answer=mark
    )


async def _followup_click(runner: TurnRunner, body: dict[str, Any], client: AsyncWebClient) -> None:
    """A follow-up button under a card: its structured value becomes the user's words in the thread's
    language; the reply says who asked what. The same button of the same card clicked twice runs once."""
    action = body["actions"][0]
    followup, click = decode(clicked_value(action)), _Click.of(body)
    if (
        followup is None
        or click is None
        or not await runner.claims.claim_once(click.key("followup", followup.encode()))
    ):
        return
    if not await runner.is_ours(click.thread):
        return
    lang = runner.lang(click.thread)
    echo = label(lang, "asked", user=escape(click.user), label=escape(truncate(clicked_label(action), 200)))
    await runner.turn(client, click.thread, followup_text(followup, lang), user=click.user, echo=echo)


async def _start_from_command(
    runner: TurnRunner, command: dict[str, Any], client: AsyncWebClient, respond: AsyncRespond
) -> None:
    """``/advisor [brief]`` posts a message in the channel and holds the conversation in its thread."""
    text = (command.get("text") or "").strip()
    user, lang = command.get("user_id", ""), guess_lang(text)
    opening = (
        label(lang, "started_with", user=escape(user), text=escape(truncate(text, 2500)))
        if text
        else label(lang, "started", user=escape(user))
    )
    try:
        resp = await client.chat_postMessage(
            channel=command["channel_id"], text=opening, blocks=plain_message(opening).blocks
        )
    except SlackApiError as exc:
        error = exc.response.get("error")
        log.error("/advisor could not post in %s: %s", command.get("channel_id"), error)
        await respond(text=label(lang, "cannot_post", error=escape(str(error))), response_type="ephemeral")
        return
    thread = SlackThread(command.get("team_id"), command["channel_id"], str(resp["ts"]))
    runner.adopt(thread, lang)
    if text:
        await runner.turn(client, thread, clean_text(text), user=user)
    else:
        await runner.post(client, thread, [plain_message(label(lang, "describe"))])
