"""Slack request bodies (events, block_actions, slash commands) and their signatures, as Slack sends them."""

from __future__ import annotations

import itertools
import json
import time
from typing import Any
from urllib.parse import urlencode

from slack_sdk.signature import SignatureVerifier

from .mock_api import BOT_USER_ID, TEAM_ID

_ids = itertools.count(1)


def signed_headers(secret: str, body: str, *, timestamp: int | None = None, content_type: str = "application/json",
                   retry_num: int | None = None) -> dict[str, str]:
    ts = str(int(time.time()) if timestamp is None else timestamp)
    headers = {
        "Content-Type": content_type,
        "X-Slack-Request-Timestamp": ts,
        "X-Slack-Signature": SignatureVerifier(secret).generate_signature(timestamp=ts, body=body),
    }
    if retry_num is not None:
        headers["X-Slack-Retry-Num"] = str(retry_num)
        headers["X-Slack-Retry-Reason"] = "http_timeout"
    return headers


def event_body(event: dict[str, Any], *, team: str = TEAM_ID, event_id: str | None = None) -> str:
    return json.dumps({
        "token": "legacy-verification-token-unused",
        "team_id": team,
        "api_app_id": "A0001",
        "event": {**event, "event_ts": event.get("ts", "")},
        "type": "event_callback",
        "event_id": event_id or f"Ev{next(_ids):08d}",
        "event_time": int(time.time()),
        "authorizations": [{"team_id": team, "user_id": BOT_USER_ID, "is_bot": True}],
    })


def mention(channel: str, ts: str, text: str, *, user: str = "U1", thread_ts: str | None = None,
            team: str = TEAM_ID) -> dict[str, Any]:
    event = {"type": "app_mention", "user": user, "text": f"<@{BOT_USER_ID}> {text}", "ts": ts,
             "channel": channel, "team": team}
    if thread_ts:
        event["thread_ts"] = thread_ts
    return event


def message(channel: str, ts: str, text: str, *, user: str | None = "U1", thread_ts: str | None = None,
            channel_type: str = "channel", team: str = TEAM_ID, **extra: Any) -> dict[str, Any]:
    event: dict[str, Any] = {"type": "message", "text": text, "ts": ts, "channel": channel,
                             "channel_type": channel_type, "team": team, **extra}
    if user:
        event["user"] = user
    if thread_ts:
        event["thread_ts"] = thread_ts
    return event


def trigger_id() -> str:
    """Slack gives every user action (a command, a click) its own trigger_id."""
    return f"{next(_ids)}.{int(time.time())}.t{next(_ids):x}"


def block_actions_body(posted: dict[str, Any], *, channel: str, message_ts: str, action_index: int = 0,
                       user: str = "U1", team: str = TEAM_ID, thread_ts: str | None = None,
                       option_index: int | None = None) -> str:
    """The form-encoded `payload=` Slack sends when a user clicks a button in the message we posted
    (or, with ``option_index``, picks an option of a menu)."""
    actions = [el for b in posted["blocks"] if b["type"] == "actions" for el in b["elements"]]
    clicked = actions[action_index]
    block_id = next(b["block_id"] for b in posted["blocks"] if b["type"] == "actions" and clicked in b["elements"])
    if option_index is not None:
        clicked = {**clicked, "selected_option": clicked["options"][option_index]}
    message: dict[str, Any] = {"type": "message", "user": BOT_USER_ID, "bot_id": "BBOT0001", "ts": message_ts,
                               "text": posted.get("text", ""), "blocks": posted["blocks"]}
    if thread_ts:
        message["thread_ts"] = thread_ts
    payload = {
        "type": "block_actions",
        "user": {"id": user, "username": "someone", "team_id": team},
        "api_app_id": "A0001",
        "token": "legacy-verification-token-unused",
        "container": {"type": "message", "message_ts": message_ts, "channel_id": channel, "is_ephemeral": False},
        "trigger_id": trigger_id(),
        "team": {"id": team, "domain": "test"},
        "channel": {"id": channel, "name": "general"},
        "message": message,
        "response_url": "https://hooks.slack.invalid/actions/x",
        "actions": [{"type": "button", **clicked, "block_id": block_id, "action_ts": str(time.time())}],
    }
    return urlencode({"payload": json.dumps(payload)})


def slash_command_body(channel: str, text: str, *, user: str = "U1", team: str = TEAM_ID,
                       response_url: str = "https://hooks.slack.invalid/commands/x") -> str:
    return urlencode({
        "token": "legacy-verification-token-unused", "team_id": team, "team_domain": "test",
        "channel_id": channel, "channel_name": "general", "user_id": user, "user_name": "someone",
        "command": "/advisor", "text": text, "api_app_id": "A0001", "response_url": response_url,
        "trigger_id": trigger_id(),
    })
