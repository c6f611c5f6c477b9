"""`advisor slack [--socket | --http --port N]`: the Slack bot over the conversation service.

Credentials come from the environment only (never flags, which show up in `ps`); a missing one is a
single clear line and exit code 2.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import os
import sys
from collections.abc import AsyncIterator, Mapping

from advisor.cli.main import add_kb_option

DEFAULT_PORT = 3000


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "slack",
        help="run the Slack bot (Socket Mode or HTTP on 127.0.0.1)",
        description="Run the Slack bot. Needs SLACK_BOT_TOKEN, plus SLACK_APP_TOKEN for --socket or "
        "SLACK_SIGNING_SECRET for --http; SLACK_API_URL overrides the Web API URL. See docs/slack.md.",
    )
    mode = p.add_mutually_exclusive_group()
    mode.add_argument(
        "--socket", action="store_true", help="connect over Socket Mode (default when SLACK_APP_TOKEN is set)"
    )
    mode.add_argument("--http", action="store_true", help="serve POST /slack/events on 127.0.0.1")
    p.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"HTTP port (default {DEFAULT_PORT})")
    add_kb_option(p)
    p.set_defaults(func=run)


def missing_credentials(socket_mode: bool, env: Mapping[str, str] = os.environ) -> list[str]:
    wanted = ["SLACK_BOT_TOKEN", "SLACK_APP_TOKEN" if socket_mode else "SLACK_SIGNING_SECRET"]
    return [name for name in wanted if not env.get(name, "").strip()]


def run(args: argparse.Namespace) -> int:
    socket_mode = args.socket or (not args.http and bool(os.environ.get("SLACK_APP_TOKEN")))
    missing = missing_credentials(socket_mode)
    if missing:
        mode = "--socket" if socket_mode else "--http"
        print(
            f"error: advisor slack {mode}: missing {', '.join(missing)} in the environment "
            "(see docs/slack.md)",
            file=sys.stderr,
        )
        return 2
    if not 0 <= args.port <= 65535:
        print(f"error: --port: {args.port} is not a TCP port (0-65535)", file=sys.stderr)
        return 2

    from advisor.adapters.slack.app import DEFAULT_API_URL
    from advisor.adapters.slack.server import SlackSettings, run_http, run_socket
    from advisor.agent.service import ConversationService

    overrides = {"kb_dir": args.kb} if args.kb else {}
    service = ConversationService.from_env(**overrides)
    service.context.get_kb()  # a broken knowledge base is reported now, as InputError → exit 2

    @contextlib.asynccontextmanager
    async def open_service() -> AsyncIterator[ConversationService]:
        async with service:
            yield service

    settings = SlackSettings(
        bot_token=os.environ["SLACK_BOT_TOKEN"].strip(),
        signing_secret=os.environ.get("SLACK_SIGNING_SECRET", "").strip(),
        app_token=os.environ.get("SLACK_APP_TOKEN", "").strip(),
        api_url=os.environ.get("SLACK_API_URL") or DEFAULT_API_URL,
    )
    logging.basicConfig(
        level=logging.INFO, stream=sys.stderr, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    if socket_mode:
        asyncio.run(run_socket(settings, open_service))
    else:
        asyncio.run(run_http(settings, open_service, args.port))
    return 0
