"""The Chainlit app module (`chainlit run advisor/adapters/web/app.py`): registration only.

Chainlit loads this file by path; every handler lives in ``handlers`` so it can be tested without a
running server. Identity (login or browser cookie) and the history data layer are registered here,
before the server starts.
"""

from __future__ import annotations

from typing import Any

import chainlit as cl
from chainlit.server import app as _server

from advisor.adapters.web import accounts, handlers, history

_USERS = accounts.configured_users()


@cl.data_layer
def _data_layer() -> Any:
    return history.data_layer()


if _USERS:

    @cl.password_auth_callback
    async def _login(username: str, password: str) -> cl.User | None:
        if accounts.check_login(username, password, _USERS):
            return cl.User(identifier=username, metadata={"provider": "password"})
        return None

else:
    _server.add_middleware(accounts.BrowserCookie)

    @cl.header_auth_callback
    async def _browser(headers: Any) -> cl.User | None:
        identity = accounts.browser_identity(headers.get("cookie"))
        return cl.User(identifier=identity, metadata={"provider": "browser"}) if identity else None


@cl.set_starters
async def _starters(user: Any = None, language: str | None = None) -> list[cl.Starter]:
    return [cl.Starter(label=label, message=text) for label, text in handlers.starters(language)]


@cl.on_chat_start
async def on_chat_start() -> None:
    await handlers.start_chat()


@cl.on_chat_resume
async def on_chat_resume(thread: Any) -> None:
    await handlers.resume_chat(dict(thread))


@cl.on_settings_update
async def on_settings(settings: dict[str, Any]) -> None:
    await handlers.on_settings(settings)


@cl.on_message
async def on_message(message: cl.Message) -> None:
    await handlers.on_user_message(message)


@cl.action_callback(handlers.ANSWER_ACTION)
async def on_answer(action: cl.Action) -> None:
    await handlers.on_action(action)


@cl.action_callback(handlers.STARTER_ACTION)
async def on_starter(action: cl.Action) -> None:
    await handlers.on_action(action)


@cl.action_callback(handlers.FOLLOWUP_ACTION)
async def on_followup(action: cl.Action) -> None:
    await handlers.on_action(action)
