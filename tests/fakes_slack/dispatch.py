"""Hands a signed request to an in-process Bolt app, as the HTTP adapter would."""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.request.async_request import AsyncBoltRequest

from .signed import signed_headers


async def dispatch(app: AsyncApp, secret: str, body: str, *, form: bool = False, **header_args: Any) -> int:
    """The HTTP status the app answers a request signed with ``secret``."""
    ctype = "application/x-www-form-urlencoded" if form else "application/json"
    headers = signed_headers(secret, body, content_type=ctype, **header_args)
    resp = await app.async_dispatch(
        AsyncBoltRequest(body=body, headers={k.lower(): [v] for k, v in headers.items()})
    )
    return int(resp.status)
