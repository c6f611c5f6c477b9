"""Which question to ask next: a small pure function, so the interview policy is testable alone.

Ask only what changes the answer. The task and the data's sensitivity decide almost everything
(which models qualify at all, API versus self-hosting); deployment matters when the data is
sensitive; owned hardware only when self-hosting is forced; volume and budget only when vendor APIs
are allowed (then cost is what separates candidates); region only when regulated data may go to an
API (residency). Everything else has a stated default in the engine. A filled slot is never
re-asked, nor one already asked or answered "don't know"; a brief that already states most facts
gets at most one more question.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

#: slots whose presence in the opening message marks it as a "one-message brief"
DECISIVE: tuple[str, ...] = ("tasks", "data_sensitivity", "deployment", "hardware", "budget", "volume")
MAX_QUESTIONS_VAGUE = 5
MAX_QUESTIONS_BRIEF = 1
BRIEF_THRESHOLD = 3
SELF_HOSTED = ("on_prem", "air_gapped", "private_cloud")


def filled_slots(profile: Mapping[str, Any]) -> set[str]:
    """Contract slot names the partial profile already answers (``hardware: []`` counts: "no GPUs")."""
    out: set[str] = set()
    if profile.get("tasks") or profile.get("workloads"):
        out.add("tasks")
    if profile.get("languages"):
        out.add("languages")
    if profile.get("data_sensitivity") or any(
        w.get("data_sensitivity") for w in profile.get("workloads") or [] if isinstance(w, Mapping)
    ):
        out.add("data_sensitivity")
    if profile.get("deployment"):
        out.add("deployment")
    if profile.get("budget_usd_month") is not None or profile.get("budget"):
        out.add("budget")
    volume = profile.get("volume")
    if isinstance(volume, Mapping) and volume.get("requests_per_day") is not None:
        out.add("volume")
    if "hardware" in profile or profile.get("can_rent_gpus") is not None:
        out.add("hardware")
    if profile.get("context_tokens") is not None:
        out.add("context")
    if profile.get("commercial_use") is not None:
        out.add("commercial_use")
    if profile.get("region") or profile.get("regulations"):
        out.add("region")
    return out


def question_cap(first_filled: int) -> int:
    """A one-message brief (most decisive slots stated up front) earns at most one more question."""
    return MAX_QUESTIONS_BRIEF if first_filled >= BRIEF_THRESHOLD else MAX_QUESTIONS_VAGUE


def wanted_slots(profile: Mapping[str, Any]) -> list[str]:
    """The slots that would change the answer for this profile, most valuable first."""
    sensitivity = profile.get("data_sensitivity")
    deployment = profile.get("deployment")
    wanted = ["tasks", "data_sensitivity"]
    if deployment is None and sensitivity in ("regulated", "confidential"):
        wanted.append("deployment")
    if deployment in SELF_HOSTED:
        wanted.append("hardware")
    apis_allowed = deployment == "any" or (deployment is None and sensitivity in (None, "public", "internal"))
    if apis_allowed:
        if sensitivity == "regulated":
            wanted.append("region")  # residency is a hard constraint; volume and budget only rank
        wanted += ["volume", "budget"]
    return wanted


def next_slot(
    profile: Mapping[str, Any], asked: Iterable[str] = (), unknown: Iterable[str] = (), first_filled: int = 0
) -> str | None:
    """The next slot to ask about, or None when it is time to recommend."""
    asked = list(asked)
    if len(asked) >= question_cap(first_filled):
        return None
    skip = filled_slots(profile) | set(asked) | set(unknown)
    return next((slot for slot in wanted_slots(profile) if slot not in skip), None)
