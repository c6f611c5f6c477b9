"""A recording stand-in for the parts of Chainlit the web handlers use, a scripted service, and a
contract-shaped recommendation — so handlers are tested without a server or a browser."""

from __future__ import annotations

import copy
from typing import Any

from recommendation_samples import api_candidate, self_hosted_candidate

from advisor.agent.reply import Option, Question, Reply, ToolStep


class Recorder:
    def __init__(self) -> None:
        self.events: list[tuple[str, Any]] = []

    def of(self, kind: str) -> list[Any]:
        return [obj for k, obj in self.events if k == kind]


class FakeChainlit:
    """Exposes Message, Action, Step, Text, Plotly, File, CustomElement, ChatSettings, ElementSidebar,
    user_session and context."""

    def __init__(self, session_id: str = "session-1") -> None:
        rec = self.recorder = Recorder()
        store: dict[str, Any] = {}

        class UserSession:
            def get(self, key: str, default: Any = None) -> Any:
                return store.get(key, default)

            def set(self, key: str, value: Any) -> None:
                store[key] = value

        class Message:
            def __init__(
                self,
                content: str = "",
                actions: list[Any] | None = None,
                elements: list[Any] | None = None,
                type: str = "assistant_message",
                author: str | None = None,
            ) -> None:
                self.content, self.actions, self.elements = content, actions or [], elements or []
                self.type, self.author = type, author
                self.actions_removed = False

            async def send(self) -> Message:
                rec.events.append(("message", self))
                return self

            async def stream_token(self, token: str) -> None:
                rec.events.append(("token", token))

            async def remove(self) -> None:
                rec.events.append(("removed", self))

            async def remove_actions(self) -> None:
                self.actions_removed = True

        class Action:
            def __init__(self, name: str, payload: dict[str, Any], label: str = "") -> None:
                self.name, self.payload, self.label = name, payload, label

        class Step:
            def __init__(self, name: str, type: str = "undefined", default_open: bool = False) -> None:
                self.name, self.type, self.default_open = name, type, default_open
                self.input: Any = None
                self.output: Any = None

            async def __aenter__(self) -> Step:
                return self

            async def __aexit__(self, *exc: object) -> None:
                rec.events.append(("step", self))

        class Element:
            def __init__(self, **kwargs: Any) -> None:
                self.__dict__.update(kwargs)

        class Text(Element):
            pass

        class Plotly(Element):
            pass

        class File(Element):
            pass

        class CustomElement(Element):
            pass

        class ChatSettings:
            def __init__(self, inputs: list[Any]) -> None:
                self.inputs = inputs

            async def send(self) -> dict[str, Any]:
                rec.events.append(("settings", self.inputs))
                return {
                    getattr(w, "id", "?"): getattr(w, "initial", getattr(w, "initial_value", None))
                    for w in self.inputs
                }

        class ElementSidebar:
            @staticmethod
            async def set_title(title: str) -> None:
                rec.events.append(("sidebar_title", title))

            @staticmethod
            async def set_elements(elements: list[Any], key: str | None = None) -> None:
                rec.events.append(("sidebar", (elements, key)))

        class Session:
            id = session_id
            thread_id = f"thread-of-{session_id}"

        class Emitter:
            async def task_start(self) -> None:
                rec.events.append(("task", "start"))

            async def task_end(self) -> None:
                rec.events.append(("task", "end"))

        class Context:
            session = Session()
            emitter = Emitter()

        self.Message, self.Action, self.Step = Message, Action, Step
        self.Text, self.Plotly, self.File, self.ElementSidebar = Text, Plotly, File, ElementSidebar
        self.CustomElement, self.ChatSettings = CustomElement, ChatSettings
        self.user_session = UserSession()
        self.context = Context()
        self.store = store


RECOMMENDATION: dict[str, Any] = {
    "profile": {
        "tasks": ["summarization"],
        "languages": ["ja"],
        "data_sensitivity": "regulated",
        "deployment": "on_prem",
        "volume": {"requests_per_day": 500, "input_tokens": 2000, "output_tokens": 400},
        "hardware": [{"gpu": "nvidia-a100-80gb", "count": 2}],
    },
    "primary": self_hosted_candidate(
        licence={"id": "apache-2.0", "commercial_use": True, "conditions": ["Keep the NOTICE file"]},
        score=0.82,
        reasons=["strong Japanese"],
        sources=[{"fact": "context window", "source": "https://huggingface.co/Qwen", "as_of": "2026-07-24"}],
    ),
    "alternatives": [
        api_candidate(
            "gpt-4o-mini",
            "openai",
            name="GPT-4o mini | fast",
            vendor="openai",
            context_window=128000,
            monthly_cost_usd=12.5,
            score=0.7,
            reasons=["cheap"],
            sources=[
                {"fact": "price", "source": "https://openai.com/api/pricing", "as_of": "2026-07-01"},
                {"fact": "context window", "source": "https://huggingface.co/Qwen", "as_of": "2026-07-24"},
            ],
        )
    ],
    "excluded": [],
    "hybrid": None,
    "warnings": [{"code": "stale_price", "text": "A price is older than 180 days."}],
    "kb_version": "test",
}


REPORT = "# Recommendation\n\nThe whole templated report.\n"


def recommendation() -> dict[str, Any]:
    return copy.deepcopy(RECOMMENDATION)


class FakeService:
    """Asks one question with options, then recommends; remembers each thread's last reply."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str]] = []
        self.replies: dict[str, Reply] = {}

    async def respond(self, thread_id: str, text: str) -> Reply:
        self.calls.append((thread_id, text))
        lang = "ja" if any(ord(c) > 0x3000 for c in text) else "en"
        if len(self.calls) == 1:
            reply = Reply(
                thread_id=thread_id,
                lang=lang,
                text="How sensitive is the data?",
                question=Question(
                    slot="data_sensitivity",
                    text="How sensitive is the data?",
                    why="It decides whether APIs are allowed.",
                    options=[
                        Option(value="regulated", label="Regulated"),
                        Option(value="public", label="Public"),
                    ],
                ),
                profile={"tasks": ["summarization"]},
                steps=[
                    ToolStep(
                        name="search_models",
                        label="searching models",
                        args={"task": "x"},
                        summary="12 models",
                    )
                ],
            )
        elif len(self.calls) == 2:  # offline style: acknowledgement + the full templated report
            reply = Reply(
                thread_id=thread_id,
                lang=lang,
                text=f"Noted: regulated data.\n\n{REPORT}",
                recommendation=recommendation(),
                profile=recommendation()["profile"],
                report_markdown=REPORT,
                notices=["offline mode"],
            )
        else:  # a follow-up: same recommendation, a short answer
            reply = Reply(
                thread_id=thread_id,
                lang=lang,
                text="GPT-4o is excluded: the data is regulated.",
                recommendation=recommendation(),
                profile=recommendation()["profile"],
                report_markdown=REPORT,
            )
        self.replies[thread_id] = reply
        return reply

    async def get_reply(self, thread_id: str) -> Reply | None:
        return self.replies.get(thread_id)
