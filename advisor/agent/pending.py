"""What a turn does to the pending question when the user did not simply answer it.

Three cases a chat meets constantly, each decided here so the understand node stays a pipeline:
- a follow-up that needs a recommendation ("compare with GPT-4o", "why not Claude?") before there
  is one: it is remembered (``deferred``) and answered under the recommendation, and the pending
  question is asked again, without counting as a failed answer;
- a change of mind ("actually APIs are fine") is an ordinary profile update: when it makes the
  pending question moot (it is no longer wanted) the interview simply moves on;
- an answer that fits another slot but not this one ("regulated" to the deployment question) is
  not silently read as "don't know": the question is asked once more with its options, and only
  a second miss applies the engine's stated default, saying so.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from advisor.agent.next_question import filled_slots, wanted_slots
from advisor.i18n import N_, Msg, msg, render

#: intents that are about a recommendation and can wait for one
DEFERRABLE = ("compare", "why_not", "what_if", "poc")

#: what each slot is about, as a message (Japanese in advisor.po)
_SLOT_NAMES = {
    "tasks": N_("what the model will do"),
    "languages": N_("the languages"),
    "data_sensitivity": N_("how sensitive the data is"),
    "deployment": N_("where the model may run (vendor API or your own infrastructure)"),
    "hardware": N_("your GPUs"),
    "volume": N_("the daily volume"),
    "budget": N_("the monthly budget"),
    "context": N_("the longest input"),
    "commercial_use": N_("commercial use"),
    "region": N_("where your organisation is based"),
}


@dataclass
class PendingOutcome:
    """How the turn treats the pending question; ``said`` lines go into the acknowledgement."""

    reask: bool = False  # ask the pending slot again
    retried: bool = False  # ... and count it as the one retry
    give_up: bool = False  # second miss: the slot goes to the stated default
    deferred: dict[str, Any] | None = None
    said: list[str] = field(default_factory=list)


def _slot(slot: str) -> Msg:
    return msg(_SLOT_NAMES.get(slot, slot))


def _names(kb: Any, ids: list[str]) -> str:
    models = getattr(kb, "models", {}) or {}
    return ", ".join(str(models[m].name) if m in models else m for m in ids)


def deferral(
    intent: str, targets: list[str], what_if: Mapping[str, Any], has_recommendation: bool
) -> dict[str, Any] | None:
    """The follow-up to answer later, when it needs a recommendation that does not exist yet."""
    if has_recommendation or intent not in DEFERRABLE:
        return None
    if intent == "what_if" and not what_if:
        return None
    return {"intent": intent, "targets": list(targets), "what_if": dict(what_if)}


def deferral_note(deferred: Mapping[str, Any], kb: Any, lang: str) -> str:
    targets = list(deferred.get("targets") or [])
    if deferred.get("intent") == "what_if":
        return render(msg("I'll answer the “what if” once I have a recommendation to compare against."), lang)
    if targets and deferred.get("intent") == "why_not":
        names = _names(kb, targets)
        return render(
            msg(
                "I'll say why or why not {names} once I have a recommendation to measure it against.",
                names=names,
            ),
            lang,
        )
    if targets:
        names = _names(kb, targets)
        return render(msg("I'll compare with {names} once I have a recommendation.", names=names), lang)
    return render(msg("I'll compare the options once I have a recommendation."), lang)


def judge(
    *,
    pending: str | None,
    profile: Mapping[str, Any],
    unknown: list[str],
    intent: str,
    targets: list[str],
    what_if: Mapping[str, Any],
    has_recommendation: bool,
    retried: list[str],
    kb: Any,
    lang: str,
) -> PendingOutcome:
    """Decide what happens to the pending question after this turn's updates were applied."""
    out = PendingOutcome(deferred=deferral(intent, targets, what_if, has_recommendation))
    if out.deferred is not None:
        out.said.append(deferral_note(out.deferred, kb, lang))
    if pending is None or intent == "restart":
        return out
    settled = pending in filled_slots(profile) or pending in unknown or pending not in wanted_slots(profile)
    if settled:
        return out
    if out.deferred is not None or intent in ("explain", "help", "terms"):
        out.reask = True  # a question back, not an answer: ask again, no retry spent
        return out
    if pending in retried:
        out.give_up = True
        out.said.append(
            render(
                msg(
                    "That still doesn't tell me {what}, so I'll go on with the stated default (see the "
                    "assumptions in the report) — tell me any time to change it.",
                    what=_slot(pending),
                ),
                lang,
            )
        )
        return out
    out.reask, out.retried = True, True
    return out


def offtarget_note(pending: str, lang: str) -> str:
    """Said when the reply held facts, just not the one asked for."""
    return render(
        msg(
            "Thanks — but that doesn't tell me {what}. Please pick one of the options or say it in your own "
            "words.",
            what=_slot(pending),
        ),
        lang,
    )
