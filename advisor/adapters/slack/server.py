"""Runners for the Bolt app: HTTP on 127.0.0.1 (``POST /slack/events``) or Socket Mode.

The HTTP runner answers as soon as the listener has acknowledged (Bolt's default
``process_before_response=False``); the turn continues as a task on the server's event loop, so Slack's
3-second deadline holds however long the advisor takes. That is right for a long-running server and
wrong for FaaS, which freezes the process after the response — this bot is not meant for FaaS.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
from slack_bolt.async_app import AsyncApp

from advisor.adapters.slack.app import DEFAULT_API_URL, build_app
from advisor.adapters.slack.guard import Claims, well_formed
from advisor.adapters.slack.turns import Conversations

log = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"
HEALTH_PATH = "/slack/health"
HOST = "127.0.0.1"

ServiceFactory = Callable[[], AbstractAsyncContextManager[Conversations]]


@dataclass(frozen=True)
class SlackSettings:
    """Credentials and endpoints; repr never shows a secret (settings objects end up in logs)."""

    bot_token: str
    signing_secret: str = ""
    app_token: str = ""
    api_url: str = DEFAULT_API_URL

    def __repr__(self) -> str:
        return f"SlackSettings(api_url={self.api_url!r}, secrets=<hidden>)"


def make_web_app(bolt: AsyncApp) -> web.Application:
    """aiohttp application serving Slack's single endpoint (events, interactivity, slash commands)."""

    async def events(request: web.Request) -> web.Response:
        try:
            bolt_request = await to_bolt_request(request)
            malformed = not well_formed(bolt_request.body)
        except web.HTTPRequestEntityTooLarge:
            log.warning("request body over %d bytes rejected", request.client_max_size)
            raise
        except Exception:  # not JSON, not a form, a payload that is not JSON: the sender's mistake
            malformed = True
        if malformed:
            log.warning("malformed request body (%s bytes) rejected", request.content_length)
            return web.json_response({"error": "malformed request"}, status=400)
        bolt_response = await bolt.async_dispatch(bolt_request)
        return await to_aiohttp_response(bolt_response)

    async def health(_: web.Request) -> web.Response:
        return web.Response(text="ok")

    web_app = web.Application(client_max_size=1024 * 1024)
    web_app.router.add_post(EVENTS_PATH, events)
    web_app.router.add_get(HEALTH_PATH, health)
    return web_app


async def _wait(stop: asyncio.Event | None) -> None:
    """Until ``stop`` is set, or by default until SIGINT/SIGTERM."""
    if stop is None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(NotImplementedError, RuntimeError):
                loop.add_signal_handler(sig, stop.set)
    await stop.wait()


@contextlib.asynccontextmanager
async def serving(bolt: AsyncApp, port: int, host: str = HOST) -> AsyncIterator[int]:
    """Serves ``bolt`` over HTTP while the block runs; yields the bound port (``port=0`` picks one)."""
    runner = web.AppRunner(make_web_app(bolt), access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, host, port)
    await site.start()
    bound = int(runner.addresses[0][1]) if runner.addresses else port
    try:
        yield bound
    finally:
        await runner.cleanup()


def _shared_claims(service: object) -> Claims | None:
    """The service's database-backed claims (shared by replicas), when it has them."""
    return service if callable(getattr(service, "claim_once", None)) else None  # type: ignore[return-value]


def _app_for(service: Conversations, settings: SlackSettings) -> AsyncApp:
    """The Bolt app for one transport; retries and replays are claimed in the shared database (when
    the service has one), so every replica answers once."""
    return build_app(
        service,
        bot_token=settings.bot_token,
        signing_secret=settings.signing_secret,
        api_url=settings.api_url,
        claims=_shared_claims(service),
    )


async def run_http(
    settings: SlackSettings, open_service: ServiceFactory, port: int, stop: asyncio.Event | None = None
) -> None:
    """Runs the HTTP endpoint until ``stop`` is set (default: SIGINT/SIGTERM)."""
    async with open_service() as service:
        bolt = _app_for(service, settings)
        async with serving(bolt, port) as bound:
            log.info("listening on http://%s:%d%s", HOST, bound, EVENTS_PATH)
            await _wait(stop)


async def run_socket(
    settings: SlackSettings, open_service: ServiceFactory, stop: asyncio.Event | None = None
) -> None:
    """Connects over Socket Mode (no public URL needed) until ``stop`` is set (default: SIGINT/SIGTERM)."""
    from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler

    async with open_service() as service:
        bolt = _app_for(service, settings)
        handler = AsyncSocketModeHandler(bolt, settings.app_token)
        await handler.connect_async()
        log.info("connected over Socket Mode")
        try:
            await _wait(stop)
        finally:
            await handler.close_async()
