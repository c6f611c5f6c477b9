"""A local HTTP server speaking OpenAI's /v1/chat/completions, for the real langchain-openai wire path.

Behaviour per request comes from ``handler(request_json) -> dict``: {"status": 500}, {"delay": s},
{"content": "..."}, {"tool_calls": [(name, args)]}, combinable; with ``stream: true`` in the
request the answer goes out as server-sent events. Every request body is recorded.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

Behaviour = Callable[[dict[str, Any]], dict[str, Any]]


def _message(action: dict[str, Any]) -> dict[str, Any]:
    msg: dict[str, Any] = {"role": "assistant", "content": action.get("content")}
    if action.get("tool_calls"):
        msg["tool_calls"] = [
            {"id": f"call_{i}", "type": "function", "function": {"name": name, "arguments": json.dumps(args)}}
            for i, (name, args) in enumerate(action["tool_calls"])
        ]
    return msg


class FakeOpenAI:
    def __init__(self, handler: Behaviour) -> None:
        self.handler = handler
        self.requests: list[dict[str, Any]] = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                return

            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers.get("content-length") or 0)) or b"{}")
                fake.requests.append(body)
                action = fake.handler(body)
                if action.get("delay"):
                    time.sleep(action["delay"])
                if action.get("status", 200) != 200:
                    self._send(action["status"], {"error": {"message": "boom", "type": "server_error"}})
                    return
                if body.get("stream"):
                    self._stream(action)
                    return
                self._send(
                    200,
                    {
                        "id": "chatcmpl-1",
                        "object": "chat.completion",
                        "created": 0,
                        "model": body.get("model", "fake"),
                        "choices": [
                            {
                                "index": 0,
                                "message": _message(action),
                                "finish_reason": "tool_calls" if action.get("tool_calls") else "stop",
                            }
                        ],
                        "usage": {"prompt_tokens": 10, "completion_tokens": 5, "total_tokens": 15},
                    },
                )

            def _send(self, status: int, payload: dict[str, Any]) -> None:
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _stream(self, action: dict[str, Any]) -> None:
                self.send_response(200)
                self.send_header("content-type", "text/event-stream")
                self.end_headers()
                text = action.get("content") or ""
                pieces = [text[i : i + 8] for i in range(0, len(text), 8)]
                for piece in pieces:
                    chunk = {
                        "id": "c",
                        "object": "chat.completion.chunk",
                        "created": 0,
                        "model": "fake",
                        "choices": [{"index": 0, "delta": {"content": piece}, "finish_reason": None}],
                    }
                    self.wfile.write(f"data: {json.dumps(chunk)}\n\n".encode())
                done = {
                    "id": "c",
                    "object": "chat.completion.chunk",
                    "created": 0,
                    "model": "fake",
                    "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}],
                }
                self.wfile.write(f"data: {json.dumps(done)}\n\ndata: [DONE]\n\n".encode())

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/v1"

    def start(self) -> FakeOpenAI:
        threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        ).start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@contextmanager
def fake_openai(handler: Behaviour) -> Iterator[FakeOpenAI]:
    server = FakeOpenAI(handler).start()
    try:
        yield server
    finally:
        server.stop()


def user_text(body: dict[str, Any]) -> str:
    """The last user message of a request (the bit after 'User message:' for the understand prompt)."""
    messages = [m for m in body.get("messages", []) if m.get("role") == "user"]
    text = str(messages[-1].get("content") or "") if messages else ""
    return text.rsplit("User message:", 1)[-1].rsplit("User:", 1)[-1].strip()


def wants_tool(body: dict[str, Any], name: str) -> bool:
    return any(t.get("function", {}).get("name") == name for t in body.get("tools", []))
