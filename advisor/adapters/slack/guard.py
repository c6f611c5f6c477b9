"""What stands between the internet and the listeners: signature checks that log one line and never a
request body, one answer per request however often Slack (or an attacker) sends it again, and the
deduplication store those decisions use.

Bolt's own verification logs every rejected body at INFO (20 forged 1 MB requests made 21 MB of log);
this one logs the reason and the size. Deduplication is behind ``Claims`` (``claim_once(key)`` is True the
first time a key is claimed) so a deployment with several replicas can put it in the shared database.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Awaitable, Callable
from typing import Any, Protocol

from slack_bolt.request.async_request import AsyncBoltRequest
from slack_bolt.response import BoltResponse
from slack_sdk.signature import SignatureVerifier

from advisor.adapters.slack.threads import SeenEvents

log = logging.getLogger(__name__)

Next = Callable[[], Awaitable[Any]]
Middleware = Callable[[AsyncBoltRequest, BoltResponse, Next], Awaitable[Any]]


class Claims(Protocol):
    """A deduplication store: ``claim_once(key)`` is True for the first claim of ``key`` only."""

    async def claim_once(self, key: str) -> bool: ...


class MemoryClaims:
    """Claims kept in this process (bounded by size and age: Slack retries within minutes)."""

    def __init__(self, seen: SeenEvents | None = None) -> None:
        self.seen = seen or SeenEvents()

    async def claim_once(self, key: str) -> bool:
        return self.seen.first_time(key)


def well_formed(body: Any) -> bool:
    """Whether a parsed body has the shape Bolt relies on (an object; an event that is an object; a
    click with its actions); anything else is the sender's mistake, answered 400 before Bolt sees it."""
    if not isinstance(body, dict):
        return False
    if not all(
        isinstance(body.get(k, {}), dict) for k in ("user", "team", "channel", "container", "message")
    ):
        return False
    if body.get("type") == "event_callback":
        event = body.get("event")
        return isinstance(event, dict) and isinstance(event.get("type"), str)
    if body.get("type") == "block_actions":
        actions = body.get("actions")
        return isinstance(actions, list) and bool(actions) and all(isinstance(a, dict) for a in actions)
    return True


def verify_signatures(signing_secret: str) -> Middleware:
    """Global middleware: only requests signed with ``signing_secret`` within five minutes go on;
    Socket Mode requests (already authenticated by the app token) are not signed and pass; without a
    secret (Socket Mode only) every HTTP request is refused."""
    verifier = SignatureVerifier(signing_secret) if signing_secret.strip() else None

    async def verify(req: AsyncBoltRequest, resp: BoltResponse, next: Next) -> Any:
        if req.mode == "socket_mode":
            return await next()
        timestamp = req.headers.get("x-slack-request-timestamp", ["0"])[0]
        signature = req.headers.get("x-slack-signature", [""])[0]
        if verifier is not None and verifier.is_valid(req.raw_body, timestamp, signature):
            return await next()
        log.warning("rejected a request with a bad or stale signature (%d bytes)", len(req.raw_body))
        return BoltResponse(status=401, body={"error": "invalid request"})

    return verify


def request_key(req: AsyncBoltRequest) -> str | None:
    """What makes a request the same request again: an event's ``event_id`` (Slack's retries carry
    it), a slash command's or a click's ``trigger_id`` (one per user action), else the signed body and
    its timestamp (a byte-for-byte replay)."""
    body = req.body
    if body.get("type") == "event_callback" and body.get("event_id"):
        return f"event:{body['event_id']}"
    if body.get("type") == "url_verification":
        return None
    if body.get("trigger_id"):
        return f"trigger:{body['trigger_id']}"
    timestamp = req.headers.get("x-slack-request-timestamp", [""])[0]
    return "body:" + hashlib.sha256(f"{timestamp}:{req.raw_body}".encode()).hexdigest()


def drop_repeats(claims: Claims) -> Middleware:
    """Global middleware: a request seen before is acknowledged (200) and not processed again."""

    async def drop(req: AsyncBoltRequest, resp: BoltResponse, next: Next) -> Any:
        key = request_key(req)
        if key and not await claims.claim_once(key):
            retry = req.headers.get("x-slack-retry-num", ["-"])[0]
            log.info("dropping a repeated request %s (retry %s)", key.split(":")[0], retry)
            return BoltResponse(status=200, body="")
        return await next()

    return drop


class QuietBoltFilter(logging.Filter):
    """Bolt's own log lines that would carry request content: an unhandled request or a bad signature
    becomes one line without the body; the warning that the client's token wins over SLACK_BOT_TOKEN
    (intended: the client carries SLACK_API_URL) goes."""

    _CARRY_BODIES = ("Unhandled request", "Invalid request signature", "request body", "Request body")

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if "`token` will be unused" in message:
            return False
        if message.startswith(self._CARRY_BODIES):
            record.msg, record.args = "%s (content not logged)", (message.split("(")[0].strip(),)
        return True
