"""What the conversation service returns for one user turn: the one shape every front end renders,
and how it is read from a checkpointed state.

Front ends (CLI, Chainlit, Slack, the evaluation runner) read these fields and hold no advice
logic of their own. The Reply's per-turn figures (steps, notices, LLM calls, tokens) are the
difference between the state before and after the turn.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, Field

from advisor.i18n import N_, msg, render

# The conversation service's own sentences (English gettext ids; Japanese in advisor.po).
SERVICE_WORDS: dict[str, str] = {
    'service.welcome': N_('Tell me what you want a language model to do — and, if you know them, how sensitive the data is, your budget and any GPUs you have.'),
    'service.failure': N_('Sorry — something went wrong on my side. Your conversation is intact; please try again.'),
    'service.deadline': N_('The language model did not answer within {seconds} s; this reply was prepared offline.'),
    'service.busy': N_('Your previous message in this conversation is still being answered; please send this one again in a moment.'),
}


def say(key: str, lang: str | None, **params: object) -> str:
    """One of the service's own sentences (``SERVICE_WORDS``) in ``lang``."""
    return render(msg(SERVICE_WORDS[key], **params), lang)

log = logging.getLogger(__name__)


class Option(BaseModel):
    """A one-click answer to a question; ``value`` is sent back as the user's text."""

    value: str
    label: str


class Question(BaseModel):
    slot: str
    text: str
    why: str = ""
    options: list[Option] = []


class ToolStep(BaseModel):
    """One tool call the agent made this turn (shown as a collapsed step in the UIs)."""

    name: str
    label: str
    args: dict[str, Any] = {}
    summary: str = ""


class Reply(BaseModel):
    thread_id: str
    lang: Literal["en", "ja"] = "en"
    text: str
    question: Question | None = None
    recommendation: dict[str, Any] | None = None
    profile: dict[str, Any] = {}
    steps: list[ToolStep] = []
    notices: list[str] = Field(default=[], description="one-off notes, e.g. 'LLM unavailable, offline mode'")
    report_markdown: str | None = None
    llm_calls: int = 0
    prompt_tokens: int = 0

    @property
    def done(self) -> bool:
        """A recommendation exists and nothing is being asked."""
        return self.recommendation is not None and self.question is None


@dataclass(frozen=True)
class Marks:
    """Accumulating counters before a turn, to report only this turn's part."""

    steps: int = 0
    notices: int = 0
    llm_calls: int = 0
    prompt_tokens: int = 0

    @classmethod
    def of(cls, values: dict[str, Any]) -> Marks:
        return cls(len(values.get("steps") or []), len(values.get("notices") or []),
                   int(values.get("llm_calls") or 0), int(values.get("prompt_tokens") or 0))


def pending_question(snapshot: Any) -> dict[str, Any] | None:
    """The ``interrupt()`` payload the thread is waiting on, if any."""
    for item in getattr(snapshot, "interrupts", ()) or ():
        if isinstance(item.value, dict) and "question" in item.value:
            return item.value
    return None


def _public_profile(values: dict[str, Any]) -> dict[str, Any]:
    """The partial profile as understood, plus the USD budget the engine derived from a foreign currency."""
    profile = dict(values.get("profile") or {})
    rec_profile = (values.get("recommendation") or {}).get("profile") or {}
    if "budget" in profile and rec_profile.get("budget_usd_month") is not None:
        profile["budget_usd_month"] = rec_profile["budget_usd_month"]
    return profile


def _lang(value: Any) -> Literal["en", "ja"]:
    return "ja" if value == "ja" else "en"


def build_reply(thread_id: str, snapshot: Any, before: Marks | None = None) -> Reply | None:
    """The Reply for the state in ``snapshot`` (None for a thread that has no state yet)."""
    values: dict[str, Any] = dict(snapshot.values or {})
    if not values:
        return None
    marks = before or Marks()
    pending = pending_question(snapshot)
    question = Question.model_validate(pending["question"]) if pending else None
    if question is not None and pending is not None:
        parts = [pending.get("ack") or "", question.text, f"_{question.why}_" if question.why else ""]
        text = "\n\n".join(p for p in parts if p)
    else:
        text = values.get("answer") or ""
    steps = (values.get("steps") or [])[marks.steps:]
    return Reply(
        thread_id=thread_id, lang=_lang(values.get("lang")), text=text, question=question,
        recommendation=values.get("recommendation"), profile=_public_profile(values),
        steps=[ToolStep.model_validate(s) for s in steps],
        notices=list((values.get("notices") or [])[marks.notices:]),
        report_markdown=values.get("report_markdown"),
        llm_calls=int(values.get("llm_calls") or 0) - marks.llm_calls,
        prompt_tokens=int(values.get("prompt_tokens") or 0) - marks.prompt_tokens,
    )


def welcome(thread_id: str, lang: str = "en") -> Reply:
    return Reply(thread_id=thread_id, lang=_lang(lang), text=say("service.welcome", lang))


def failure_reply(thread_id: str, snapshot: Any, exc: BaseException, lang: str | None) -> Reply:
    """An unexpected error during a turn: logged, reported as a notice, the conversation unchanged."""
    log.warning("turn failed on thread %s: %s: %s", thread_id, type(exc).__name__, exc,
                exc_info=log.isEnabledFor(logging.DEBUG))
    values = dict(snapshot.values or {})
    lang = values.get("lang") or lang or "en"
    text = say("service.failure", lang)
    current = build_reply(thread_id, snapshot, Marks.of(values))
    base = current.model_copy(update={"text": text}) if current else Reply(thread_id=thread_id, text=text)
    return base.model_copy(update={"notices": [f"internal error: {type(exc).__name__}: {exc}"[:300]],
                                   "lang": _lang(lang)})
