"""The HTTP endpoint against what the internet sends: forged bodies are refused without being logged,
malformed bodies get 400 without a traceback, and a replayed slash command runs once (the aiohttp
server in process on a free 127.0.0.1 port, the mock Web API behind it)."""

from __future__ import annotations

import asyncio
import json
import logging
import time
import urllib.error
import urllib.request
from collections.abc import Iterator

import pytest
from fakes_slack.fake_service import FakeService
from fakes_slack.harness import SECRET, running_api, slack_app
from fakes_slack.mock_api import MockSlackAPI
from fakes_slack.signed import event_body, mention, signed_headers, slash_command_body

from advisor.adapters.slack.server import EVENTS_PATH, serving

FORM = "application/x-www-form-urlencoded"


@pytest.fixture(scope="module")
def api() -> Iterator[MockSlackAPI]:
    with running_api() as mock:
        yield mock


def post(url: str, body: bytes, headers: dict[str, str]) -> int:
    req = urllib.request.Request(url, data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(req, timeout=10) as resp:
            return int(resp.status)
    except urllib.error.HTTPError as exc:
        return int(exc.code)


async def post_signed(url: str, body: str, content_type: str = "application/json", **kwargs: object) -> int:
    headers = signed_headers(SECRET, body, content_type=content_type, **kwargs)  # type: ignore[arg-type]
    return await asyncio.to_thread(post, url, body.encode(), headers)


async def test_forged_megabyte_bodies_are_refused_and_never_logged(
    api: MockSlackAPI, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    service = FakeService()
    async with serving(slack_app(service, api), 0) as port:
        url = f"http://127.0.0.1:{port}{EVENTS_PATH}"
        marker = "FORGED-BODY-MARKER-"
        forged = json.dumps(
            {"type": "event_callback", "event": {"type": "app_mention", "text": marker * 50_000}}
        )
        assert len(forged) > 900_000
        headers = signed_headers("not-the-secret", forged)
        statuses = await asyncio.gather(
            *(asyncio.to_thread(post, url, forged.encode(), headers) for _ in range(20))
        )
        stale = await post_signed(
            url, event_body(mention("C601", "601.1", marker)), timestamp=int(time.time()) - 600
        )
    assert set(statuses) == {401} and stale == 401
    assert marker not in caplog.text
    shown = [r.getMessage() for r in caplog.records if r.levelno >= logging.INFO]  # what `advisor slack` logs
    assert len(shown) == 21 and sum(len(m) for m in shown) < 21 * 120  # one short line per refusal
    assert "Traceback" not in caplog.text
    assert service.turns == {} and api.find("chat.postMessage", "C601") == []


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        ("this is not json {", "application/json"),
        ("payload=%7Bnot-json", FORM),
        ("payload=", FORM),
        ("[1, 2, 3]", "application/json"),
        ("42", "application/json"),
        ("{}", "application/json"),
        ('{"type": "event_callback"}', "application/json"),
        ('{"type": "event_callback", "event": "not an object", "event_id": "Ev1"}', "application/json"),
        ("payload=" + json.dumps({"type": "block_actions", "actions": []}), FORM),
        ("\udcff".encode("utf-8", "surrogateescape").decode("latin-1"), "application/json"),
    ],
)
async def test_malformed_signed_bodies_get_400_or_are_ignored_without_a_traceback(
    api: MockSlackAPI, caplog: pytest.LogCaptureFixture, body: str, content_type: str
) -> None:
    caplog.set_level(logging.DEBUG)
    service = FakeService()
    async with serving(slack_app(service, api), 0) as port:
        status = await post_signed(f"http://127.0.0.1:{port}{EVENTS_PATH}", body, content_type)
        await asyncio.sleep(0.05)
    assert status in (200, 400, 404), status
    assert status != 500
    assert "Traceback" not in caplog.text and "Error" not in caplog.text.replace('error"', "")
    assert service.turns == {}


async def test_replayed_slash_command_runs_once(api: MockSlackAPI) -> None:
    service = FakeService()
    async with serving(slack_app(service, api), 0) as port:
        url = f"http://127.0.0.1:{port}{EVENTS_PATH}"
        body = slash_command_body("C602", "we summarise contracts")
        stamp = int(time.time())
        first = await post_signed(url, body, FORM, timestamp=stamp)
        replays = [await post_signed(url, body, FORM, timestamp=stamp) for _ in range(3)]
        await asyncio.to_thread(api.wait_posts, "C602", 2, 10.0)
        # the same words typed again are a new command (a new trigger_id): answered
        assert await post_signed(url, slash_command_body("C602", "we summarise contracts"), FORM) == 200
        await asyncio.to_thread(api.wait_posts, "C602", 4, 10.0)
    assert first == 200 and replays == [200, 200, 200]
    assert len(api.find("chat.postMessage", "C602")) == 4
    assert sorted(len(t) for t in service.turns.values()) == [1, 1]
