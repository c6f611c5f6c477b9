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

from advisor.agent.policy import filled_slots, wanted_slots

#: intents that are about a recommendation and can wait for one
DEFERRABLE = ("compare", "why_not", "what_if", "poc")

_SLOT_NAMES = {
    "tasks": ("what the model will do", "用途"), "languages": ("the languages", "対象言語"),
    "data_sensitivity": ("how sensitive the data is", "データ機密性"),
    "deployment": ("where the model may run (vendor API or your own infrastructure)", "利用形態(外部APIか自社管理の環境か)"),
    "hardware": ("your GPUs", "お持ちのGPU"), "volume": ("the daily volume", "1日の処理量"),
    "budget": ("the monthly budget", "月額予算"), "context": ("the longest input", "最長入力"),
    "commercial_use": ("commercial use", "商用利用"), "region": ("where your organisation is based", "組織の所在地域"),
}


@dataclass
class PendingOutcome:
    """How the turn treats the pending question; ``said`` lines go into the acknowledgement."""

    reask: bool = False            # ask the pending slot again
    retried: bool = False          # ... and count it as the one retry
    give_up: bool = False          # second miss: the slot goes to the stated default
    deferred: dict[str, Any] | None = None
    said: list[str] = field(default_factory=list)


def _t(lang: str, en: str, ja: str) -> str:
    return ja if lang == "ja" else en


def _names(kb: Any, ids: list[str]) -> str:
    models = getattr(kb, "models", {}) or {}
    return ", ".join(str(models[m].name) if m in models else m for m in ids)


def deferral(intent: str, targets: list[str], what_if: Mapping[str, Any], has_recommendation: bool) -> dict[str, Any] | None:
    """The follow-up to answer later, when it needs a recommendation that does not exist yet."""
    if has_recommendation or intent not in DEFERRABLE:
        return None
    if intent == "what_if" and not what_if:
        return None
    return {"intent": intent, "targets": list(targets), "what_if": dict(what_if)}


def deferral_note(deferred: Mapping[str, Any], kb: Any, lang: str) -> str:
    targets = list(deferred.get("targets") or [])
    if deferred.get("intent") == "what_if":
        return _t(lang, "I'll answer the “what if” once I have a recommendation to compare against.",
                  "「もし〜なら」のご質問には、推奨が出た後に比較してお答えします。")
    if targets and deferred.get("intent") == "why_not":
        names = _names(kb, targets)
        return _t(lang, f"I'll say why or why not {names} once I have a recommendation to measure it against.",
                  f"{names} が候補になるかどうかは、推奨が出た後にお答えします。")
    if targets:
        names = _names(kb, targets)
        return _t(lang, f"I'll compare with {names} once I have a recommendation.",
                  f"{names} との比較は、推奨が出た後にお答えします。")
    return _t(lang, "I'll compare the options once I have a recommendation.", "比較は推奨が出た後にお答えします。")


def judge(*, pending: str | None, profile: Mapping[str, Any], unknown: list[str], intent: str, targets: list[str],
          what_if: Mapping[str, Any], has_recommendation: bool, retried: list[str], kb: Any,
          lang: str) -> PendingOutcome:
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
        out.said.append(_t(lang, f"That still doesn't tell me {_SLOT_NAMES.get(pending, (pending,))[0]}, so I'll go "
                                 "on with the stated default (see the assumptions in the report) — tell me any time "
                                 "to change it.",
                           f"{_SLOT_NAMES.get(pending, ('', pending))[1]}が分からないため、標準の前提で進めます"
                           "(レポートの前提をご覧ください)。いつでも変更できます。"))
        return out
    out.reask, out.retried = True, True
    return out


def offtarget_note(pending: str, lang: str) -> str:
    """Said when the reply held facts, just not the one asked for."""
    en, ja = _SLOT_NAMES.get(pending, (pending, pending))
    return _t(lang, f"Thanks — but that doesn't tell me {en}. Please pick one of the options or say it in your own words.",
              f"ありがとうございます。ただ、{ja}についてのお答えになっていないようです。選択肢から選ぶか、言葉で教えてください。")
