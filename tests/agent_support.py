"""Shared helpers for the agent tests: the real KB (loaded once), services on temp or in-memory savers."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from langgraph.checkpoint.memory import InMemorySaver

from advisor.agent.context import Context
from advisor.agent.reply import Reply
from advisor.agent.service import SyncConversationService
from advisor.kb.loader import KnowledgeBase, load_kb


@lru_cache(maxsize=1)
def real_kb() -> KnowledgeBase:
    """The packaged knowledge base. Source/date completeness is `kb validate`'s job, not the agent's."""
    return load_kb(require_sources=False)


def offline_service(**ctx: Any) -> SyncConversationService:
    context = Context(llm="offline", kb=real_kb(), **ctx)
    return SyncConversationService(context=context, checkpointer=InMemorySaver())


def play(service: SyncConversationService, thread: str, turns: list[str]) -> list[Reply]:
    return [service.respond(thread, t) for t in turns]


def answer_until_done(
    service: SyncConversationService,
    thread: str,
    opening: str,
    answers: dict[str, str],
    fallback: str = "I don't know",
    limit: int = 8,
) -> tuple[Reply, list[str]]:
    """Play a persona: answer each question from ``answers`` (by slot) until a recommendation."""
    reply = service.respond(thread, opening)
    asked: list[str] = []
    while reply.question is not None and len(asked) < limit:
        asked.append(reply.question.slot)
        reply = service.respond(thread, answers.get(reply.question.slot, fallback))
    return reply, asked


def web_starter(word: str) -> str:
    """A starter prompt of the web app, read from its source (importing it would start Chainlit)."""
    import ast
    from pathlib import Path

    import advisor

    source = Path(advisor.__file__).parent / "adapters" / "web" / "handlers.py"
    for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
        if isinstance(node, ast.AnnAssign) and getattr(node.target, "id", None) == "STARTERS" and node.value:
            starters = ast.literal_eval(node.value)  # {language: ((label, message), ...)}
            return str(
                next(message for pairs in starters.values() for label, message in pairs if word in label)
            )
    raise AssertionError("STARTERS not found")
