"""Play transcripts against the conversation service, each on a fresh thread and checkpointer.

The runner goes through the same ``SyncConversationService.respond`` every front end uses, so a
transcript exercises understanding, policy, tools, engine and rendering exactly as a user would.
Each transcript gets its own service with an in-memory checkpointer: parallel runs share nothing
but the read-only knowledge base, which is what makes ``--jobs 4`` equal ``--jobs 1``.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from advisor.evaluation.checks import evaluate
from advisor.evaluation.transcript import LoadedTranscript, Transcript


@dataclass
class Outcome:
    """What happened in one conversation, before judging it."""

    questions: list[str] = field(default_factory=list)
    turns: int = 0
    answer: str = ""
    recommendation: dict[str, Any] | None = None
    profile: dict[str, Any] = field(default_factory=dict)
    pending_slot: str | None = None
    steps: list[dict[str, Any]] = field(default_factory=list)  # tool steps of the final turn
    earlier: list[dict[str, Any]] = field(default_factory=list)  # recommendations superseded on the way
    error: str | None = None
    llm_calls: int = 0
    prompt_tokens: int = 0


@dataclass
class Result:
    id: str
    path: str
    title: str
    lang: str
    passed: bool
    failures: list[str]
    outcome: Outcome
    seconds: float

    def as_json(self, with_llm: bool) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "title": self.title,
            "lang": self.lang,
            "file": self.path,
            "passed": self.passed,
            "failures": self.failures,
            "questions": self.outcome.questions,
            "turns": self.outcome.turns,
            "recommendation": self.outcome.recommendation,
            "answer": self.outcome.answer,
            "seconds": round(self.seconds, 3),
        }
        if with_llm:
            out["llm_calls"] = self.outcome.llm_calls
            out["prompt_tokens"] = self.outcome.prompt_tokens
        return out


ServiceFactory = Callable[[], Any]


def play(t: Transcript, service: Any, thread_id: str | None = None) -> Outcome:
    """The fixed turns, then the persona answering each pending question, within ``max_turns``."""
    thread = thread_id or f"eval-{t.id}-{uuid.uuid4().hex[:8]}"
    out = Outcome()
    reply: Any = None

    def send(text: str) -> None:
        nonlocal reply
        if reply is not None and reply.question is not None:
            out.questions.append(reply.question.slot)
        previous = reply.recommendation if reply is not None else None
        reply = service.respond(thread, text)
        if previous is not None and reply.recommendation != previous and previous not in out.earlier:
            out.earlier.append(previous)
        out.turns += 1
        out.llm_calls += int(getattr(reply, "llm_calls", 0) or 0)
        out.prompt_tokens += int(getattr(reply, "prompt_tokens", 0) or 0)

    try:
        for text in t.opening_turns():
            send(text)
        while reply.question is not None and out.turns < t.max_turns:
            send(t.answer_for(reply.question.slot))
    except Exception as exc:  # any crash is a finding to report, not to propagate
        out.error = f"{type(exc).__name__}: {exc}"
    if reply is not None:
        out.answer = reply.text
        out.recommendation = reply.recommendation
        out.profile = dict(reply.profile or {})
        out.steps = [s.model_dump() if hasattr(s, "model_dump") else dict(s) for s in reply.steps or []]
        if reply.question is not None:
            out.pending_slot = reply.question.slot
            out.questions.append(reply.question.slot)
    return out


def run_one(item: LoadedTranscript, factory: ServiceFactory, kb: Any) -> Result:
    started = time.perf_counter()
    service = factory()
    try:
        outcome = play(item.transcript, service)
    finally:
        close = getattr(service, "close", None)
        if callable(close):
            close()
    failures = evaluate(item.transcript, outcome, kb)
    t = item.transcript
    return Result(
        id=t.id,
        path=item.path,
        title=t.title,
        lang=t.lang,
        passed=not failures,
        failures=failures,
        outcome=outcome,
        seconds=time.perf_counter() - started,
    )


def run_all(
    items: Sequence[LoadedTranscript], factory: ServiceFactory, kb: Any, jobs: int = 1
) -> list[Result]:
    """Results in the order of ``items`` whatever the parallelism."""
    if jobs <= 1 or len(items) <= 1:
        return [run_one(item, factory, kb) for item in items]
    with ThreadPoolExecutor(max_workers=jobs, thread_name_prefix="eval") as pool:
        return list(pool.map(lambda item: run_one(item, factory, kb), items))


def service_factory(kb: Any, **context: Any) -> ServiceFactory:
    """Services on in-memory checkpointers; the LLM mode follows ADVISOR_LLM unless overridden."""
    from langgraph.checkpoint.memory import InMemorySaver

    from advisor.agent.context import Context
    from advisor.agent.service import SyncConversationService

    def make() -> Any:
        ctx = Context.from_env(**context)
        ctx.kb = kb
        return SyncConversationService(context=ctx, checkpointer=InMemorySaver())

    return make
