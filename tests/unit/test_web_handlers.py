"""The Chainlit handlers against a recording fake of Chainlit and a scripted service."""

from __future__ import annotations

import os
import tempfile
from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest

# Importing chainlit writes .chainlit/ and .files/ into its app root: keep them out of the repository.
os.environ.setdefault("CHAINLIT_APP_ROOT", tempfile.mkdtemp(prefix="advisor-web-test-"))

from web_fakes import REPORT, FakeChainlit, FakeService

from advisor.adapters.web import costchart, handlers
from advisor.adapters.web import service as web_service
from advisor.agent.reply import Reply, ToolStep


def flat_cost(cand: dict[str, Any], rpd: float) -> float | None:
    return 300.0 if cand["deployment"] == "self_hosted" else rpd * 0.01


@pytest.fixture
def ui(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeChainlit]:
    fake = FakeChainlit()
    monkeypatch.setattr(handlers, "cl", fake)
    monkeypatch.setattr(costchart, "engine_cost_fn", lambda rec: flat_cost)
    yield fake
    web_service.set_service(None)


@pytest.fixture
def svc() -> FakeService:
    service = FakeService()
    web_service.set_service(service)
    return service


async def test_new_chat_leaves_the_page_to_chainlits_starters(ui: FakeChainlit, svc: FakeService) -> None:
    await handlers.start_chat()
    assert ui.recorder.of("message") == [] and svc.calls == []
    [widgets] = ui.recorder.of("settings")  # the profile's settings, empty until something is understood
    assert [w.id for w in widgets] == [
        "data_sensitivity",
        "deployment",
        "budget_usd_month",
        "requests_per_day",
    ]
    assert next(label for label, _ in handlers.starters("ja-JP")).startswith("🏥")
    assert next(label for label, _ in handlers.starters("en-US")).startswith("💶")


async def test_option_click_sends_value_and_renders_the_card(ui: FakeChainlit, svc: FakeService) -> None:
    await handlers.on_user_text("We summarise patient notes")
    question = ui.recorder.of("message")[-1]
    assert [a.label for a in question.actions] == ["Regulated", "Public"]
    assert [a.payload for a in question.actions] == [{"value": "regulated"}, {"value": "public"}]
    assert "It decides whether APIs are allowed." in question.content
    [step] = ui.recorder.of("step")
    assert (step.name, step.type, step.default_open) == ("searching models", "tool", False)
    await handlers.on_action(question.actions[0])
    assert question.actions_removed
    assert ui.recorder.of("task") == ["start", "end"]  # the page shows the advisor is busy
    assert svc.calls[-1] == ("thread-of-session-1", "regulated")
    echo, answer = ui.recorder.of("message")[-2:]
    assert echo.content == "Regulated" and echo.type == "user_message"  # the label is shown, the value sent
    assert answer.content == "_offline mode_\n\nNoted: regulated data."  # the report became the card
    card, chart, report = answer.elements
    assert card.name == "RecommendationCard" and card.props["primary"]["name"] == "Qwen2.5 32B Instruct"
    assert card.props["based_on"][0] == "regulated data (personal, health, financial)"
    assert chart.figure.data and chart.display == "inline"
    assert report.content == REPORT.encode() and report.name == "advisor-report-qwen2.5-32b-instruct.md"
    assert ui.recorder.of("sidebar") == []  # nothing pops open over the chat on a phone


async def test_free_text_answer_removes_stale_buttons(ui: FakeChainlit, svc: FakeService) -> None:
    await handlers.on_user_text("hello")
    question = ui.recorder.of("message")[-1]
    await handlers.on_user_text("regulated data")
    assert question.actions_removed and svc.calls[-1][1] == "regulated data"


async def test_reconnect_after_restart_continues_instead_of_welcoming(
    ui: FakeChainlit, svc: FakeService
) -> None:
    await handlers.on_user_text("日本語で要約したい")
    ui.recorder.events.clear()
    await handlers.start_chat()
    notice, question = ui.recorder.of("message")
    assert "前回の続き" in notice.content and not notice.actions
    assert [a.label for a in question.actions] == ["Regulated", "Public"]  # the open question, asked again
    [widgets] = ui.recorder.of("settings")
    assert widgets[0].label == "データ機密性"


async def test_resumed_thread_uses_the_advisor_thread_in_its_metadata(
    ui: FakeChainlit, svc: FakeService
) -> None:
    await handlers.resume_chat({"id": "chainlit-thread", "metadata": {"advisor_thread": "t-42"}})
    assert handlers.thread_id() == "t-42"
    ui.user_session.set("advisor_thread", None)
    await handlers.resume_chat({"id": "chainlit-thread", "metadata": {}})
    assert handlers.thread_id() == "chainlit-thread"


async def test_service_failure_is_a_message_not_a_crash(
    ui: FakeChainlit, monkeypatch: pytest.MonkeyPatch
) -> None:
    class Broken(FakeService):
        async def respond(self, thread_id: str, text: str) -> Reply:
            raise ValueError("boom")

    web_service.set_service(Broken())
    await handlers.on_user_text("hi")
    [msg] = ui.recorder.of("message")
    assert "ValueError" in msg.content


async def test_streaming_service_shows_steps_live_and_tokens(ui: FakeChainlit) -> None:
    step = ToolStep(name="estimate_cost", label="estimating cost", summary="$12")

    class Streaming(FakeService):
        async def astream_respond(self, thread_id: str, text: str) -> AsyncIterator[Any]:
            yield {"type": "step_start", "name": step.name, "label": step.label}
            yield {"type": "step_end", **step.model_dump()}
            yield {"type": "token", "text": "Use "}
            yield {"type": "token", "text": "Qwen"}
            yield {"type": "reply", "reply": Reply(thread_id=thread_id, text="Use Qwen", steps=[step])}

    web_service.set_service(Streaming())
    await handlers.on_user_text("hi")
    assert [s.name for s in ui.recorder.of("step")] == ["estimating cost"]  # not repeated from reply.steps
    assert ui.recorder.of("token") == ["Use ", "Qwen"]
    [draft] = ui.recorder.of("removed")  # the streamed draft gives way to the final rendering
    [final] = ui.recorder.of("message")
    assert final.content == "Use Qwen" and final is not draft


async def test_follow_up_keeps_the_same_recommendation_without_redrawing_it(
    ui: FakeChainlit, svc: FakeService
) -> None:
    for text in ("summarise notes", "regulated", "why not GPT-4o?"):
        await handlers.on_user_text(text)
    follow_up = ui.recorder.of("message")[-1]
    assert follow_up.content.startswith("Still Qwen2.5 32B Instruct; $0 → $0 per month.")
    assert follow_up.content.endswith("GPT-4o is excluded: the data is regulated.")
    assert follow_up.elements == []  # no second card, chart or report


async def test_follow_up_buttons_and_start_over(ui: FakeChainlit, svc: FakeService) -> None:
    for text in ("summarise notes", "regulated"):
        await handlers.on_user_text(text)
    first_thread = handlers.thread_id()

    from types import SimpleNamespace

    clicked = SimpleNamespace(
        name=handlers.FOLLOWUP_ACTION, label="", payload={"text": "/new", "label": "Start over"}
    )
    await handlers.on_action(clicked)
    assert handlers.thread_id() != first_thread and handlers.thread_id().startswith(first_thread)
    assert "start over" in ui.recorder.of("message")[-1].content.lower()


async def test_uploaded_document_text_joins_the_message(
    ui: FakeChainlit, svc: FakeService, tmp_path: Any
) -> None:
    doc = tmp_path / "req.txt"
    doc.write_text("Volume: 1,200 tickets a day.", encoding="utf-8")

    class Upload:
        path, name, mime = str(doc), "req.txt", "text/plain"

    class Message:
        content, elements = "Here are our requirements", [Upload()]

    await handlers.on_user_message(Message())
    assert svc.calls[-1][1] == "Here are our requirements\n\nVolume: 1,200 tickets a day."
    assert "req.txt" in ui.recorder.of("message")[0].content


async def test_settings_change_is_asked_as_a_what_if(ui: FakeChainlit, svc: FakeService) -> None:
    ui.user_session.set("advisor_settings", {"deployment": "on_prem"})
    await handlers.on_settings({"deployment": "any"})
    assert svc.calls[-1][1] == "What if we can use vendor APIs?"


def test_llm_prose_is_kept_whole_and_the_template_is_recognised() -> None:
    assert handlers.split_report("Qwen suits you because...", REPORT) == ("Qwen suits you because...", False)
    assert handlers.split_report(f"Ack.\n\n{REPORT}", REPORT) == ("Ack.", True)
    assert handlers.split_report("text", None) == ("text", False)


async def test_a_failing_cost_estimate_drops_only_the_chart(
    ui: FakeChainlit, svc: FakeService, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(cand: dict[str, Any], rpd: float) -> float | None:
        raise KeyError("price")

    monkeypatch.setattr(costchart, "engine_cost_fn", lambda rec: broken)
    await handlers.on_user_text("summarise notes")
    await handlers.on_user_text("regulated")
    answer = ui.recorder.of("message")[-1]
    assert [e.name for e in answer.elements] == [
        "RecommendationCard",
        "advisor-report-qwen2.5-32b-instruct.md",
    ]
