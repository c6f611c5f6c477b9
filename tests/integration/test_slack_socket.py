"""Socket Mode: `run_socket` connects through apps.connections.open (on SLACK_API_URL) to a local
WebSocket, acknowledges an event envelope and answers in the thread."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator

from fakes_slack.fake_service import FakeService
from fakes_slack.mock_api import TEAM_ID, MockSlackAPI
from fakes_slack.signed import event_body, mention
from fakes_slack.socket_mode import FakeSocketMode

from advisor.adapters.slack.server import SlackSettings, run_socket
from advisor.adapters.slack.turns import Conversations

BOT_TOKEN = "xoxb-socket-test"
APP_TOKEN = "xapp-1-socket-test"


async def test_socket_mode_acknowledges_and_replies_in_the_thread() -> None:
    fake_ws = await FakeSocketMode().start()
    api = MockSlackAPI(token=BOT_TOKEN, app_token=APP_TOKEN, ws_url=fake_ws.url).start()
    service = FakeService()

    @contextlib.asynccontextmanager
    async def open_service() -> AsyncIterator[Conversations]:
        yield service

    stop = asyncio.Event()
    settings = SlackSettings(bot_token=BOT_TOKEN, app_token=APP_TOKEN, api_url=api.url)
    runner = asyncio.create_task(run_socket(settings, open_service, stop))
    try:
        await asyncio.wait_for(fake_ws.connected.wait(), 10)
        envelope = await fake_ws.push_event(event_body(mention("C301", "301.1", "summaries over the socket")))
        await asyncio.to_thread(api.wait_posts, "C301", 1, 10.0)
        assert any(ack.get("envelope_id") == envelope for ack in fake_ws.acks)
        opened = api.find("apps.connections.open")
        assert opened and opened[0].authorized  # the app token, not the bot token, opened the socket
        post = api.find("chat.postMessage", "C301")[0]
        assert post.authorized and post.params["thread_ts"] == "301.1"
        assert service.turns == {f"slack:{TEAM_ID}:C301:301.1": ["summaries over the socket"]}
    finally:
        stop.set()
        await asyncio.wait_for(runner, 10)
        await fake_ws.stop()
        api.stop()
