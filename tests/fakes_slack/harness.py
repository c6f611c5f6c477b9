"""The Slack test bench shared by the listener, card, HTTP-guard and restart tests: one token pair,
the mock Web API started and stopped around a module (or a test), the Bolt app wired to it, signed
dispatch, and waiting for the Web API calls a turn makes."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from slack_bolt.async_app import AsyncApp

from advisor.adapters.slack.app import build_app
from advisor.adapters.slack.turns import Conversations

from .dispatch import dispatch
from .mock_api import Call, MockSlackAPI

TOKEN = "xoxb-test-token-0123456789"
SECRET = "test-signing-secret-abcdef"


@contextmanager
def running_api() -> Iterator[MockSlackAPI]:
    """The mock Web API on a free port for as long as the block runs."""
    mock = MockSlackAPI(token=TOKEN).start()
    try:
        yield mock
    finally:
        mock.stop()


def slack_app(service: Conversations, api: MockSlackAPI) -> AsyncApp:
    """The Bolt app on ``service``, talking to the mock Web API."""
    return build_app(service, bot_token=TOKEN, signing_secret=SECRET, api_url=api.url)


async def send(app: AsyncApp, body: str, **kwargs: Any) -> int:
    """Dispatch a signed request body to the app in process; its HTTP status."""
    return await dispatch(app, SECRET, body, **kwargs)


async def wait(
    api: MockSlackAPI, predicate: Callable[[list[Call]], bool], timeout: float = 10.0
) -> list[Call]:
    """The Web API calls so far, once ``predicate`` holds for them (fails after ``timeout``)."""
    return await asyncio.to_thread(api.wait_for, predicate, timeout)
