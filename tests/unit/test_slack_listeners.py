"""Listener tests: the Bolt app in process, a scripted fake service, the mock Slack Web API."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Iterator
from typing import Any

import pytest
from fakes_slack.fake_service import FakeService
from fakes_slack.harness import SECRET, TOKEN, running_api, send, slack_app, wait
from fakes_slack.mock_api import BOT_ID, BOT_USER_ID, TEAM_ID, Call, MockSlackAPI
from fakes_slack.signed import (
    block_actions_body,
    event_body,
    mention,
    message,
    slash_command_body,
)
from slack_bolt.async_app import AsyncApp
from slack_bolt.request.async_request import AsyncBoltRequest


@pytest.fixture(scope="module")
def api() -> Iterator[MockSlackAPI]:
    with running_api() as mock:
        yield mock


@pytest.fixture
def service() -> FakeService:
    return FakeService()


@pytest.fixture
def bolt(api: MockSlackAPI, service: FakeService) -> AsyncApp:
    return slack_app(service, api)


async def wait_posts(api: MockSlackAPI, channel: str, count: int) -> list[Call]:
    return await asyncio.to_thread(api.wait_posts, channel, count, 5.0)


async def settle(app: AsyncApp) -> None:
    """Lets background listeners finish before asserting that nothing (more) was posted."""
    for _ in range(20):
        await asyncio.sleep(0.01)


def buttons(call: Call) -> list[dict[str, Any]]:
    return [el for b in call.params["blocks"] if b["type"] == "actions" for el in b["elements"]]


async def test_mention_starts_a_conversation_in_its_thread(
    bolt: AsyncApp, api: MockSlackAPI, service: FakeService
) -> None:
    assert await send(bolt, event_body(mention("C100", "100.1", "we summarise &lt;PDFs&gt;"))) == 200
    posts = await wait_posts(api, "C100", 1)
    assert posts[0].params["thread_ts"] == "100.1"
    assert posts[0].authorized
    assert service.turns == {f"slack:{TEAM_ID}:C100:100.1": ["we summarise <PDFs>"]}
    assert [b["value"] for b in buttons(posts[0])] == ["public", "regulated"]
    assert "How sensitive is the data?" in posts[0].text_all


async def test_thread_replies_continue_without_mention_and_chatter_is_ignored(
    bolt: AsyncApp, api: MockSlackAPI, service: FakeService
) -> None:
    await send(bolt, event_body(mention("C101", "101.1", "summaries")))
    await wait_posts(api, "C101", 1)
    await send(bolt, event_body(message("C101", "101.5", "top-level chatter")))
    await send(bolt, event_body(message("C101", "101.6", "other thread", thread_ts="99.9")))
    await send(
        bolt, event_body(message("C101", "101.7", "edited", thread_ts="101.1", subtype="message_changed"))
    )
    await send(bolt, event_body(message("C101", "101.8", "from a bot", thread_ts="101.1", bot_id=BOT_ID)))
    await send(bolt, event_body(message("C101", "101.2", "regulated", thread_ts="101.1")))
    posts = await wait_posts(api, "C101", 2)
    await settle(bolt)
    assert service.turns == {f"slack:{TEAM_ID}:C101:101.1": ["summaries", "regulated"]}
    assert all(p.params["thread_ts"] == "101.1" for p in posts)
    assert "Qwen2.5 32B Instruct" in posts[1].text_all


async def test_mention_inside_a_thread_is_answered_once(
    bolt: AsyncApp, api: MockSlackAPI, service: FakeService
) -> None:
    await send(bolt, event_body(mention("C102", "102.1", "summaries")))
    await wait_posts(api, "C102", 1)
    text = f"<@{BOT_USER_ID}> regulated"
    await send(bolt, event_body(message("C102", "102.2", text, thread_ts="102.1")))
    await send(bolt, event_body(mention("C102", "102.2", "regulated", thread_ts="102.1")))
    await wait_posts(api, "C102", 2)
    await settle(bolt)
    assert service.turns[f"slack:{TEAM_ID}:C102:102.1"] == ["summaries", "regulated"]


async def test_button_click_answers_and_updates_the_question(
    bolt: AsyncApp, api: MockSlackAPI, service: FakeService
) -> None:
    await send(bolt, event_body(mention("C103", "103.1", "summaries")))
    question = (await wait_posts(api, "C103", 1))[0]
    body = block_actions_body(
        question.params,
        channel="C103",
        message_ts=question.response["ts"],
        action_index=1,
        thread_ts="103.1",
        user="U7",
    )
    assert await send(bolt, body, form=True) == 200
    assert await send(bolt, body, form=True) == 200  # a double click answers once
    posts = await wait_posts(api, "C103", 2)
    await settle(bolt)
    updates = api.find("chat.update", "C103")
    assert len(updates) == 1
    assert updates[0].params["ts"] == question.response["ts"]
    assert not [b for b in updates[0].params["blocks"] if b["type"] == "actions"]
    assert "<@U7> chose: *Regulated (e.g. patient data)*" in updates[0].text_all
    assert service.turns[f"slack:{TEAM_ID}:C103:103.1"] == ["summaries", "regulated"]
    assert posts[1].params["thread_ts"] == "103.1"


async def test_slash_command_posts_in_channel_and_runs_the_thread(
    bolt: AsyncApp, api: MockSlackAPI, service: FakeService
) -> None:
    assert await send(bolt, slash_command_body("C104", "we summarise contracts"), form=True) == 200
    posts = await wait_posts(api, "C104", 2)
    root, reply = posts
    assert "thread_ts" not in root.params
    assert reply.params["thread_ts"] == root.response["ts"]
    assert list(service.turns.values()) == [["we summarise contracts"]]
    # a reply in that thread continues it without a mention
    await send(bolt, event_body(message("C104", "104.9", "public", thread_ts=reply.params["thread_ts"])))
    await wait_posts(api, "C104", 3)
    assert list(service.turns.values()) == [["we summarise contracts", "public"]]


async def test_slash_command_without_text_invites_a_description(
    bolt: AsyncApp, api: MockSlackAPI, service: FakeService
) -> None:
    await send(bolt, slash_command_body("C105", ""), form=True)
    posts = await wait_posts(api, "C105", 2)
    assert "Describe your task" in posts[1].text_all
    assert service.turns == {}


async def test_slash_command_where_the_bot_cannot_post_answers_ephemerally(
    bolt: AsyncApp, api: MockSlackAPI
) -> None:
    api.fail_channels["C106"] = "not_in_channel"
    body = slash_command_body("C106", "hello", response_url=api.response_url_base + "c106")
    await send(bolt, body, form=True)
    calls = await wait(api, lambda calls: any(c.method == "response/c106" for c in calls))
    ephemeral = next(c for c in calls if c.method == "response/c106")
    assert ephemeral.params["response_type"] == "ephemeral"
    assert "not_in_channel" in ephemeral.params["text"]


async def test_retried_event_is_handled_once(bolt: AsyncApp, api: MockSlackAPI, service: FakeService) -> None:
    body = event_body(mention("C107", "107.1", "summaries"), event_id="EvRetry1")
    assert await send(bolt, body) == 200
    assert await send(bolt, body, retry_num=1) == 200
    assert await send(bolt, body, retry_num=2) == 200
    await wait_posts(api, "C107", 1)
    await settle(bolt)
    assert len(api.find("chat.postMessage", "C107")) == 1
    assert sum(len(t) for t in service.turns.values()) == 1


async def test_events_arriving_together_run_one_turn_at_a_time(api: MockSlackAPI) -> None:
    slow = FakeService(delay=0.05)
    app = slack_app(slow, api)
    await send(app, event_body(mention("C108", "108.1", "first")))
    await wait_posts(api, "C108", 1)
    await asyncio.gather(
        *(
            send(app, event_body(message("C108", f"108.{i}", f"msg {i}", thread_ts="108.1")))
            for i in range(2, 6)
        )
    )
    await wait_posts(api, "C108", 5)
    assert slow.overlaps == 0
    assert len(slow.turns[f"slack:{TEAM_ID}:C108:108.1"]) == 5


async def test_direct_message_starts_a_threaded_conversation(
    bolt: AsyncApp, api: MockSlackAPI, service: FakeService
) -> None:
    await send(bolt, event_body(message("D109", "109.1", "hello advisor", channel_type="im")))
    posts = await wait_posts(api, "D109", 1)
    assert posts[0].params["thread_ts"] == "109.1"
    assert service.turns == {f"slack:{TEAM_ID}:D109:109.1": ["hello advisor"]}


async def test_service_failure_is_reported_in_the_thread(bolt: AsyncApp, api: MockSlackAPI) -> None:
    await send(bolt, event_body(mention("C110", "110.1", "boom")))
    posts = await wait_posts(api, "C110", 1)
    assert "something went wrong" in posts[0].text_all
    assert posts[0].params["thread_ts"] == "110.1"


async def test_thread_survives_a_restart_through_saved_checkpoints(
    api: MockSlackAPI, service: FakeService
) -> None:
    first = slack_app(service, api)
    await send(first, event_body(mention("C111", "111.1", "summaries")))
    await wait_posts(api, "C111", 1)
    # a second app has fresh adapter state (as after a restart) over the same saved conversations
    second = slack_app(service, api)
    await send(second, event_body(message("C111", "111.2", "regulated", thread_ts="111.1")))
    await wait_posts(api, "C111", 2)
    assert service.turns[f"slack:{TEAM_ID}:C111:111.1"] == ["summaries", "regulated"]


async def test_unsigned_or_stale_requests_are_rejected(
    bolt: AsyncApp, api: MockSlackAPI, service: FakeService
) -> None:
    body = event_body(mention("C112", "112.1", "forged"))
    forged = AsyncBoltRequest(
        body=body,
        headers={
            "content-type": ["application/json"],
            "x-slack-request-timestamp": ["1700000000"],
            "x-slack-signature": ["v0=" + "0" * 64],
        },
    )
    assert (await bolt.async_dispatch(forged)).status == 401
    assert await send(bolt, body, timestamp=1_600_000_000) == 401  # correctly signed, but replayed
    await settle(bolt)
    assert api.find("chat.postMessage", "C112") == []
    assert service.turns == {}


async def test_tokens_never_reach_the_logs(
    api: MockSlackAPI, service: FakeService, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    app = slack_app(service, api)
    await send(app, event_body(mention("C113", "113.1", "boom")))  # the error path logs a traceback too
    await send(app, event_body(mention("C113", "113.2", "summaries")))
    await wait_posts(api, "C113", 2)
    await settle(app)
    logged = caplog.text + json.dumps([r.args for r in caplog.records], default=str)
    assert caplog.records
    assert TOKEN not in logged
    assert SECRET not in logged


async def test_slack_gets_its_answer_before_the_turn_is_done(api: MockSlackAPI) -> None:
    slow = FakeService(delay=0.3)
    app = slack_app(slow, api)
    assert await send(app, event_body(mention("C114", "114.1", "first"))) == 200
    assert slow.turns == {}  # acknowledged while the service is still thinking
    question = (await wait_posts(api, "C114", 1))[0]
    body = block_actions_body(
        question.params, channel="C114", message_ts=question.response["ts"], thread_ts="114.1"
    )
    assert await send(app, body, form=True) == 200
    assert len(slow.turns[f"slack:{TEAM_ID}:C114:114.1"]) == 1
    await wait_posts(api, "C114", 2)
    assert await send(app, slash_command_body("C115", "hello"), form=True) == 200
    assert not any(":C115:" in t for t in slow.turns)
    await wait_posts(api, "C115", 2)


async def test_click_on_a_question_already_answered_by_typing_changes_nothing(
    bolt: AsyncApp, api: MockSlackAPI, service: FakeService
) -> None:
    await send(bolt, event_body(mention("C116", "116.1", "summaries")))
    question = (await wait_posts(api, "C116", 1))[0]
    await send(bolt, event_body(message("C116", "116.3", "regulated", thread_ts="116.1")))
    await wait_posts(api, "C116", 2)
    body = block_actions_body(
        question.params, channel="C116", message_ts=question.response["ts"], thread_ts="116.1"
    )
    assert await send(bolt, body, form=True) == 200
    await wait(api, lambda calls: any(c.method == "chat.update" and c.channel == "C116" for c in calls))
    (update,) = api.find("chat.update", "C116")
    assert "already answered" in update.text_all and "actions" not in json.dumps(update.params["blocks"])
    await settle(bolt)
    assert service.turns[f"slack:{TEAM_ID}:C116:116.1"] == ["summaries", "regulated"]
    assert len(api.find("chat.postMessage", "C116")) == 2
