"""A mock Slack Web API on 127.0.0.1 that records every call (chat.postMessage, chat.update,
assistant.threads.setStatus, views.publish, and the file upload: files.getUploadURLExternal hands out
an upload URL on this same server, which stores the bytes posted to it, then files.completeUploadExternal
shares them).

It runs in a thread so both in-process apps and an `advisor slack` subprocess can talk to it, and
tests wait on it with a deadline instead of sleeping.
"""

from __future__ import annotations

import itertools
import json
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

BOT_USER_ID = "UBOT0001"
BOT_ID = "BBOT0001"
TEAM_ID = "T0001"


class _QuietServer(ThreadingHTTPServer):
    """A client that hangs up first (a test's event loop closing mid-request) is not an error here."""

    def handle_error(self, request: Any, client_address: Any) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@dataclass
class Call:
    method: str
    params: dict[str, Any]
    authorized: bool
    response: dict[str, Any] = field(default_factory=dict)

    @property
    def channel(self) -> str | None:
        return self.params.get("channel") or self.params.get("channel_id")

    @property
    def text_all(self) -> str:
        """Fallback text plus every text inside the blocks, for assertions on what a user sees."""
        return self.params.get("text", "") + "\n" + json.dumps(self.params.get("blocks", []), ensure_ascii=False)


@dataclass
class MockSlackAPI:
    token: str
    app_token: str = ""
    ws_url: str = ""  # what apps.connections.open hands out (Socket Mode tests)
    calls: list[Call] = field(default_factory=list)
    fail_channels: dict[str, str] = field(default_factory=dict)
    # channels where assistant.threads.setStatus is refused, as outside Slack's assistant threads
    no_status_channels: set[str] = field(default_factory=set)
    uploads: dict[str, bytes] = field(default_factory=dict)  # file id -> bytes posted to its upload URL
    _ts: itertools.count = field(default_factory=lambda: itertools.count(1))
    _lock: threading.RLock = field(default_factory=threading.RLock)
    _changed: threading.Condition = field(init=False)
    _server: ThreadingHTTPServer | None = None

    def __post_init__(self) -> None:
        self._changed = threading.Condition(self._lock)

    @property
    def url(self) -> str:
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_address[1]}/api/"

    @property
    def response_url_base(self) -> str:
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_address[1]}/response/"

    def start(self) -> MockSlackAPI:
        api = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                data = self.rfile.read(length)
                path = urlsplit(self.path).path  # the async client adds ?team_id=... to auth.test
                if path.startswith("/upload/"):  # the upload URL files.getUploadURLExternal handed out
                    api._uploaded(path.removeprefix("/upload/"), data)
                    self._send(200, b"OK - " + str(len(data)).encode(), "text/plain")
                    return
                raw = data.decode()
                ctype = self.headers.get("Content-Type", "")
                params: dict[str, Any] = dict(parse_qsl(urlsplit(self.path).query))  # some methods send a query
                params.update(json.loads(raw) if "json" in ctype and raw else dict(parse_qsl(raw)))
                if "blocks" in params and isinstance(params["blocks"], str):
                    params["blocks"] = json.loads(params["blocks"])
                wanted = api.app_token if path.endswith("apps.connections.open") else api.token
                authorized = self.headers.get("Authorization") == f"Bearer {wanted}"
                body = api._answer(path, params, authorized)
                self._send(200, json.dumps(body).encode(), "application/json; charset=utf-8")

            def _send(self, status: int, data: bytes, ctype: str) -> None:
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self._server = _QuietServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    def _answer(self, path: str, params: dict[str, Any], authorized: bool) -> dict[str, Any]:
        method = path.removeprefix("/api/") if path.startswith("/api/") else path.strip("/")
        with self._changed:
            ts = f"1700000000.{next(self._ts):06d}"
            call = Call(method, params, authorized)
            call.response = self._reply(method, path, params, authorized, ts)
            self.calls.append(call)
            self._changed.notify_all()
        return call.response

    def _reply(self, method: str, path: str, params: dict[str, Any], authorized: bool, ts: str) -> dict[str, Any]:
        if path.startswith("/response/"):
            return {"ok": True}
        if not authorized:
            return {"ok": False, "error": "invalid_auth"}
        if method == "auth.test":
            return {"ok": True, "url": "https://test.slack.com/", "team": "Test", "user": "advisor",
                    "team_id": TEAM_ID, "user_id": BOT_USER_ID, "bot_id": BOT_ID, "is_enterprise_install": False}
        if method == "apps.connections.open":
            return {"ok": True, "url": self.ws_url}
        channel = params.get("channel")
        if method in ("chat.postMessage", "chat.update") and channel in self.fail_channels:
            return {"ok": False, "error": self.fail_channels[channel]}
        if method == "chat.postMessage":
            return {"ok": True, "channel": channel, "ts": ts,
                    "message": {"text": params.get("text"), "ts": ts, "bot_id": BOT_ID}}
        if method == "chat.update":
            return {"ok": True, "channel": channel, "ts": params.get("ts"), "text": params.get("text")}
        if method == "assistant.threads.setStatus":
            if params.get("channel_id") in self.no_status_channels:
                return {"ok": False, "error": "not_allowed"}
            return {"ok": True}
        if method == "files.getUploadURLExternal":
            if not params.get("filename") or not str(params.get("length", "")).isdigit():
                return {"ok": False, "error": "invalid_arguments"}
            file_id = f"F{ts.replace('.', '')[-8:]}"
            return {"ok": True, "file_id": file_id, "upload_url": self.url.replace("/api/", f"/upload/{file_id}")}
        if method == "files.completeUploadExternal":
            files = json.loads(params.get("files") or "[]")
            missing = [f["id"] for f in files if f.get("id") not in self.uploads]
            if missing or not files:
                return {"ok": False, "error": "file_not_found"}
            return {"ok": True, "files": [{"id": f["id"], "title": f.get("title"), "size": len(self.uploads[f["id"]])}
                                          for f in files]}
        if method == "views.publish":
            return {"ok": True, "view": {"id": "V1", "type": "home"}}
        return {"ok": True}

    def _uploaded(self, file_id: str, data: bytes) -> None:
        with self._changed:
            self.uploads[file_id] = data
            self.calls.append(Call(f"upload/{file_id}", {"bytes": len(data)}, True, {"ok": True}))
            self._changed.notify_all()

    # --- inspection -------------------------------------------------------------------------
    def find(self, method: str, channel: str | None = None) -> list[Call]:
        with self._lock:
            return [c for c in self.calls if c.method == method and (channel is None or c.channel == channel)]

    def wait_for(self, predicate: Callable[[list[Call]], bool], timeout: float = 10.0) -> list[Call]:
        """Blocks until ``predicate(calls)`` holds; fails the test after ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while not predicate(list(self.calls)):
                left = deadline - time.monotonic()
                if left <= 0:
                    summary = [(c.method, c.channel, c.params.get("text", "")[:80]) for c in self.calls]
                    raise AssertionError(f"timed out waiting for Slack calls; got {summary}")
                self._changed.wait(left)
            return list(self.calls)

    def uploaded_reports(self, channel: str) -> list[tuple[Call, str]]:
        """Each completed upload in ``channel``: the completion call and the file's text."""
        with self._lock:
            done = [c for c in self.calls if c.method == "files.completeUploadExternal" and c.response.get("ok")
                    and c.params.get("channel_id") == channel]
            return [(c, self.uploads[f["id"]].decode()) for c in done for f in json.loads(c.params["files"])]

    def wait_posts(self, channel: str, count: int, timeout: float = 10.0) -> list[Call]:
        self.wait_for(lambda calls: sum(c.method == "chat.postMessage" and c.channel == channel
                                        for c in calls) >= count, timeout)
        return self.find("chat.postMessage", channel)
