"""Who is talking to the web chat: password users when configured, else one identity per browser.

Chainlit lists a user's past conversations (the history sidebar) and checks that a resumed thread
belongs to the user asking, but only when someone is logged in. So there is always an identity:
- ``ADVISOR_WEB_USERS`` ("alice:<hash>,bob:<hash>") or ``ADVISOR_WEB_USERS_FILE`` (one ``name:<hash>``
  per line) turn on a login form; hashes come from ``advisor web --hash-password``;
- otherwise a random, HttpOnly cookie set on the first response names the browser, and the identity
  is a digest of it. Either way a session id alone never opens another person's conversation.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import secrets
from collections.abc import Awaitable, Callable, MutableMapping
from pathlib import Path
from typing import Any

COOKIE = "advisor_browser"
_SCRYPT = {"n": 2**14, "r": 8, "p": 1}


def hash_password(password: str, salt: bytes | None = None) -> str:
    """A salted scrypt hash, stored as ``scrypt$<salt>$<digest>`` (base64)."""
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, dklen=32, **_SCRYPT)
    return "scrypt$" + base64.b64encode(salt).decode() + "$" + base64.b64encode(digest).decode()


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, salt_b64, digest_b64 = stored.split("$")
        salt, digest = base64.b64decode(salt_b64), base64.b64decode(digest_b64)
    except ValueError:
        return False
    if scheme != "scrypt":
        return False
    actual = hashlib.scrypt(password.encode("utf-8"), salt=salt, dklen=len(digest), **_SCRYPT)
    return hmac.compare_digest(actual, digest)


def _pairs(lines: list[str]) -> dict[str, str]:
    users: dict[str, str] = {}
    for line in lines:
        line = line.strip()
        if not line or line.startswith("#") or ":" not in line:
            continue
        name, stored = line.split(":", 1)
        if name.strip() and stored.strip():
            users[name.strip()] = stored.strip()
    return users


def configured_users(env: MutableMapping[str, str] | None = None) -> dict[str, str]:
    """name -> password hash, from ADVISOR_WEB_USERS and ADVISOR_WEB_USERS_FILE."""
    env = os.environ if env is None else env
    users = _pairs(env.get("ADVISOR_WEB_USERS", "").split(","))
    path = env.get("ADVISOR_WEB_USERS_FILE")
    if path and Path(path).is_file():
        users.update(_pairs(Path(path).read_text(encoding="utf-8").splitlines()))
    return users


def check_login(username: str, password: str, users: dict[str, str]) -> bool:
    stored = users.get(username)
    if stored is None:
        verify_password(password, hash_password("timing"))  # same work whether or not the name exists
        return False
    return verify_password(password, stored)


def _cookie(header: str | None) -> str | None:
    for part in (header or "").split(";"):
        name, _, value = part.strip().partition("=")
        if name == COOKIE and len(value) >= 20:
            return value
    return None


def browser_identity(cookie_header: str | None) -> str | None:
    """A stable, non-reversible identity for the browser holding the cookie (None without one)."""
    token = _cookie(cookie_header)
    if token is None:
        return None
    return "browser-" + hashlib.sha256(token.encode()).hexdigest()[:24]


ASGIApp = Callable[[dict[str, Any], Any, Any], Awaitable[None]]


class BrowserCookie:
    """ASGI middleware: every HTTP response to a browser without the cookie sets a fresh random one."""

    def __init__(self, app: ASGIApp, secure: bool = False) -> None:
        self.app = app
        self.secure = secure

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope.get("type") != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers") or []}
        if _cookie(headers.get("cookie")) is not None:
            await self.app(scope, receive, send)
            return
        value = f"{COOKIE}={secrets.token_urlsafe(32)}; Path=/; HttpOnly; SameSite=Lax; Max-Age=31536000"
        if self.secure:
            value += "; Secure"

        async def send_with_cookie(message: dict[str, Any]) -> None:
            if message.get("type") == "http.response.start":
                message = {
                    **message,
                    "headers": [*message.get("headers", []), (b"set-cookie", value.encode("latin-1"))],
                }
            await send(message)

        await self.app(scope, receive, send_with_cookie)
