"""With the real conversation service (offline, temporary ADVISOR_DB): a bot restarted mid-interview
still owns its threads — a plain reply in the thread continues the saved conversation."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fakes_slack.harness import SECRET, running_api, slack_app
from fakes_slack.mock_api import MockSlackAPI
from fakes_slack.signed import event_body, mention, message, signed_headers
from slack_bolt.async_app import AsyncApp
from slack_bolt.request.async_request import AsyncBoltRequest

from advisor.agent.context import Context
from advisor.agent.service import ConversationService


@pytest.fixture
def api() -> Iterator[MockSlackAPI]:
    with running_api() as mock:
        yield mock


async def send(app: AsyncApp, body: str) -> int:
    headers = {k.lower(): [v] for k, v in signed_headers(SECRET, body).items()}
    return (await app.async_dispatch(AsyncBoltRequest(body=body, headers=headers))).status


async def test_reply_after_restart_continues_the_saved_conversation(
    api: MockSlackAPI, tmp_path: Path
) -> None:
    context = Context(llm="offline", db_path=str(tmp_path / "state.db"))
    async with ConversationService(context=context) as first:
        app = slack_app(first, api)
        assert (
            await send(app, event_body(mention("C401", "401.1", "We summarise patient records in Japanese")))
            == 200
        )
        question = (await asyncio.to_thread(api.wait_posts, "C401", 1, 15.0))[0]
        assert "actions" in json.dumps(question.params["blocks"])
    async with ConversationService(
        context=Context(llm="offline", db_path=str(tmp_path / "state.db"))
    ) as second:
        app = slack_app(second, api)
        assert await send(app, event_body(message("C401", "401.2", "on_prem", thread_ts="401.1"))) == 200
        assert await send(app, event_body(message("C401", "401.3", "unrelated", thread_ts="399.9"))) == 200
        posts = await asyncio.to_thread(api.wait_posts, "C401", 2, 15.0)
        assert posts[1].params["thread_ts"] == "401.1"
        reply = await second.get_reply("slack:T0001:C401:401.1")
        assert reply is not None and reply.profile.get("deployment") == "on_prem"
        assert await second.get_reply("slack:T0001:C401:399.9") is None
