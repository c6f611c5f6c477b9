"""The recommendation card as a Slack user gets it: the Bolt app in process, a scripted service, the mock
Web API. One compact card with its report file, the thinking status around the turn, follow-up buttons
that ask in the thread's language, one line instead of a second identical card, App Home, and user
text that can never ping a channel."""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
from fakes_slack.fake_service import REPORT, FakeService, FollowupService
from fakes_slack.harness import running_api, send, slack_app, wait
from fakes_slack.mock_api import TEAM_ID, Call, MockSlackAPI
from fakes_slack.signed import block_actions_body, event_body, mention, message, slash_command_body
from slack_bolt.async_app import AsyncApp
from slack_limits import violations

from advisor.adapters.slack.recommendation import MAX_CARD_BLOCKS


@pytest.fixture(scope="module")
def api() -> Iterator[MockSlackAPI]:
    with running_api() as mock:
        yield mock


@pytest.fixture
def service() -> FollowupService:
    return FollowupService()


@pytest.fixture
def bolt(api: MockSlackAPI, service: FollowupService) -> AsyncApp:
    return slack_app(service, api)


def in_channel(calls: list[Call], channel: str, method: str) -> list[Call]:
    return [c for c in calls if c.channel == channel and c.method == method]


async def card_in(bolt: AsyncApp, api: MockSlackAPI, channel: str, text: str = "summaries") -> Call:
    """Starts a conversation whose first turn is a recommendation; returns the card's post."""
    assert await send(bolt, event_body(mention(channel, f"{channel[1:]}.1", text))) == 200
    calls = await wait(
        api,
        lambda calls: (
            len(in_channel(calls, channel, "files.completeUploadExternal")) == 1
            and (
                channel in api.no_status_channels
                or len(in_channel(calls, channel, "assistant.threads.setStatus")) == 2
            )
        ),
    )
    (card,) = in_channel(calls, channel, "chat.postMessage")
    return card


def elements(call: Call) -> list[dict[str, Any]]:
    return [e for b in call.params["blocks"] if b["type"] == "actions" for e in b["elements"]]


async def test_card_is_compact_with_report_file_and_thinking_status(
    bolt: AsyncApp, api: MockSlackAPI
) -> None:
    card = await card_in(bolt, api, "C501")
    blocks = card.params["blocks"]
    assert len(blocks) <= MAX_CARD_BLOCKS and violations(blocks) == []
    heading = next(b for b in blocks if b["type"] == "header")
    assert "Qwen2.5 32B Instruct" in heading["text"]["text"]
    assert [e["action_id"].split(":")[1] for e in elements(card)] == [
        "why_not",
        "compare",
        "what_if",
        "restart",
    ]
    assert REPORT.strip() not in card.text_all  # the report is the file, not the message
    # the report went through the three steps of the current upload API, into the thread
    calls = api.calls
    upload = [
        c.method.split("/")[0] if c.method.startswith("upload/") else c.method
        for c in calls
        if c.channel == "C501" or c.method.startswith(("upload/", "files."))
    ]
    steps = [
        m for m in upload if m in ("files.getUploadURLExternal", "upload", "files.completeUploadExternal")
    ]
    assert steps[-3:] == ["files.getUploadURLExternal", "upload", "files.completeUploadExternal"]
    ((done, content),) = api.uploaded_reports("C501")
    assert content == REPORT and done.params["thread_ts"] == "501.1"
    assert "Qwen2.5 32B Instruct" in json.loads(done.params["files"])[0]["title"]
    # "thinking" while the turn ran, cleared after the card was posted
    statuses = in_channel(calls, "C501", "assistant.threads.setStatus")
    assert [bool(s.params["status"]) for s in statuses] == [True, False]
    order = [c for c in calls if c.channel == "C501"]
    assert order.index(statuses[0]) < order.index(card) < order.index(statuses[1])
    assert all(s.params["thread_ts"] == "501.1" for s in statuses)


async def test_status_refused_outside_assistant_threads_is_not_asked_again(
    bolt: AsyncApp, api: MockSlackAPI
) -> None:
    api.no_status_channels.add("C502")
    await card_in(bolt, api, "C502")
    await send(bolt, event_body(message("C502", "502.2", "why not llama?", thread_ts="502.1")))
    calls = await wait(api, lambda calls: len(in_channel(calls, "C502", "chat.postMessage")) == 2)
    assert len(in_channel(calls, "C502", "assistant.threads.setStatus")) == 1


async def test_follow_up_buttons_ask_in_the_thread_and_never_repeat_the_card(
    bolt: AsyncApp, api: MockSlackAPI, service: FollowupService
) -> None:
    card = await card_in(bolt, api, "C503")
    thread = f"slack:{TEAM_ID}:C503:503.1"

    async def click(index: int, option: int | None = None, count: int = 0) -> Call:
        body = block_actions_body(
            card.params,
            channel="C503",
            message_ts=card.response["ts"],
            action_index=index,
            thread_ts="503.1",
            user="U9",
            option_index=option,
        )
        assert await send(bolt, body, form=True) == 200
        calls = await wait(api, lambda calls: len(in_channel(calls, "C503", "chat.postMessage")) >= count)
        return in_channel(calls, "C503", "chat.postMessage")[-1]

    why = await click(0, count=2)
    assert service.turns[thread][-1] == "Why not llama-3.3-70b-instruct?"
    assert "<@U9>" in why.text_all and "Llama 3.3 70B" in why.text_all
    compare = await click(1, count=3)
    assert service.turns[thread][-1] == "Compare"
    rows = [b for b in compare.params["blocks"] if b["type"] == "section" and "fields" in b]
    assert [r["text"]["text"] for r in rows] == ["*Qwen2.5 32B Instruct*", "*Llama 3.3 70B*"]
    assert all(len(r["fields"]) == 3 for r in rows) and "```" not in compare.text_all
    what_if = await click(2, option=0, count=4)
    assert service.turns[thread][-1] == "What if the volume doubles?"
    # none of the follow-ups posted a second card or a second report
    for reply in (why, compare, what_if):
        assert "header" not in {b["type"] for b in reply.params["blocks"]}
        assert violations(reply.params["blocks"]) == []
    assert len(api.uploaded_reports("C503")) == 1
    # the same button clicked twice runs once
    body = block_actions_body(
        card.params, channel="C503", message_ts=card.response["ts"], action_index=1, thread_ts="503.1"
    )
    assert await send(bolt, body, form=True) == 200
    await asyncio.sleep(0.2)
    assert service.turns[thread].count("Compare") == 1


async def test_same_choice_at_a_new_cost_is_one_line_and_a_new_report(
    bolt: AsyncApp, api: MockSlackAPI
) -> None:
    await card_in(bolt, api, "C504")
    await send(bolt, event_body(message("C504", "504.2", "our budget is $50", thread_ts="504.1")))
    calls = await wait(api, lambda calls: len(in_channel(calls, "C504", "files.completeUploadExternal")) == 2)
    line = in_channel(calls, "C504", "chat.postMessage")[-1]
    assert "header" not in {b["type"] for b in line.params["blocks"]}
    assert re.search(r"Still \*Qwen2\.5 32B Instruct\*.{0,3}; cost \$0\.00 → \$12\.00", line.text_all)
    assert "LLM recommendation" not in line.text_all  # the reworked report is the new file
    assert "$12.00" in api.uploaded_reports("C504")[-1][1]


async def test_start_over_then_a_new_card(
    bolt: AsyncApp, api: MockSlackAPI, service: FollowupService
) -> None:
    card = await card_in(bolt, api, "C505")
    restart = block_actions_body(
        card.params, channel="C505", message_ts=card.response["ts"], action_index=3, thread_ts="505.1"
    )
    assert await send(bolt, restart, form=True) == 200
    calls = await wait(api, lambda calls: len(in_channel(calls, "C505", "chat.postMessage")) == 2)
    assert "What should the model do?" in in_channel(calls, "C505", "chat.postMessage")[1].text_all
    assert service.turns[f"slack:{TEAM_ID}:C505:505.1"][-1] == "Start over"


async def test_app_home_lists_the_users_recent_recommendations(bolt: AsyncApp, api: MockSlackAPI) -> None:
    body = event_body({"type": "app_home_opened", "user": "U1", "channel": "D1", "tab": "home"})
    assert await send(bolt, body) == 200
    calls = await wait(api, lambda calls: any(c.method == "views.publish" for c in calls))
    empty = [c for c in calls if c.method == "views.publish"][-1]
    assert "/advisor" in json.dumps(empty.params["view"]) and empty.params["user_id"] == "U1"
    await card_in(bolt, api, "C506")
    assert (
        await send(
            bolt, event_body({"type": "app_home_opened", "user": "U1", "channel": "D1", "tab": "home"})
        )
        == 200
    )
    calls = await wait(api, lambda calls: sum(c.method == "views.publish" for c in calls) >= 2)
    view = [c for c in calls if c.method == "views.publish"][-1].params["view"]
    view = json.loads(view) if isinstance(view, str) else view
    assert view["type"] == "home" and violations(view["blocks"]) == []
    shown = json.dumps(view["blocks"], ensure_ascii=False)
    assert "Qwen2.5 32B Instruct" in shown and "<#C506>" in shown and "$0.00 / month" in shown


async def test_user_text_never_pings_in_text_or_blocks(api: MockSlackAPI) -> None:
    app = slack_app(FakeService(), api)
    typed = "&lt;!everyone&gt; &lt;!channel&gt; &lt;@U0BOSS&gt; &lt;!here&gt; &amp; more <!channel>"
    assert await send(app, event_body(mention("C507", "507.1", typed))) == 200
    assert await send(app, slash_command_body("C508", "&lt;!everyone&gt; pick a model"), form=True) == 200
    calls = await wait(
        api,
        lambda calls: (
            len(in_channel(calls, "C507", "chat.postMessage")) == 1
            and len(in_channel(calls, "C508", "chat.postMessage")) == 2
        ),
    )
    posted = in_channel(calls, "C507", "chat.postMessage") + in_channel(calls, "C508", "chat.postMessage")
    for call in posted:
        inner = re.findall(r'"text": "((?:[^"\\]|\\.)*)"', json.dumps(call.params["blocks"]))
        texts = [call.params.get("text", ""), *inner]
        for text in texts:
            assert not re.search(r"<!(everyone|channel|here)|<@U0BOSS", text), text
    assert "&lt;!everyone&gt;" in posted[0].params["text"]  # shown, escaped, in the notification text too
