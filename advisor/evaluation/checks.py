"""Judge one played conversation against its transcript's expectations: one clear line per failure.

Every failure line starts with the expectation's path (``recommendation.family_not_in: ...``) so a
report reader knows which promise broke; ``HARD_CONSTRAINT_CHECKS`` are the ones whose failure
means the advisor recommended something the user cannot use (counted apart in the summary).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from advisor.evaluation.facts import check_answer
from advisor.evaluation.hard import hard_constraint_failures
from advisor.evaluation.transcript import AlternativesExpect, RecommendationExpect, Transcript

if TYPE_CHECKING:
    from advisor.evaluation.runner import Outcome

HARD_CONSTRAINT_CHECKS: tuple[str, ...] = (
    "recommendation.deployment_in",
    "recommendation.open_weights",
    "recommendation.family_in",
    "recommendation.family_not_in",
    "recommendation.model_not_in",
    "recommendation.fits_hardware",
    "recommendation.licence_commercial",
    "recommendation.none",
    "recommendation.provider_not_in",
    "recommendation.rental_provider_not_in",
    "recommendation.max_utilisation",
    "recommendation.alternatives",
    "hard_constraints",
)


def is_hard(failure: str) -> bool:
    path = failure.split(":", 1)[0]
    return any(path == c or path.startswith(c + ".") for c in HARD_CONSTRAINT_CHECKS)


def _same(expected: Any, actual: Any) -> bool:
    """Scalars equal (1 == 1.0; strings case-insensitive), lists contain all, dicts key by key."""
    if isinstance(expected, dict):
        return isinstance(actual, dict) and all(_same(v, actual.get(k)) for k, v in expected.items())
    if isinstance(expected, list):
        items = actual if isinstance(actual, list) else []
        return all(any(_same(e, a) for a in items) for e in expected)
    if isinstance(expected, str) and isinstance(actual, str):
        return expected.lower() == actual.lower()
    if isinstance(expected, bool) or isinstance(actual, bool):
        return expected is actual
    if isinstance(expected, int | float) and isinstance(actual, int | float):
        return abs(float(expected) - float(actual)) <= 1e-6 * max(1.0, abs(float(expected)))
    return bool(expected == actual)


def _hits(unwanted: Any, actual: Any) -> bool:
    """Whether ``actual`` holds any of ``unwanted``: a list value means "none of these items"."""
    if isinstance(unwanted, list):
        return (
            any(_hits(u, actual) for u in unwanted) if isinstance(actual, list) else _same(unwanted, actual)
        )
    if isinstance(actual, list):
        return any(_same(unwanted, a) for a in actual)
    return _same(unwanted, actual)


def _understood(key: str, outcome: Outcome) -> Any:
    """The engine's normalised profile is what it acted on; the interview's raw profile fills the rest."""
    rec_profile = (outcome.recommendation or {}).get("profile") or {}
    got = rec_profile.get(key)
    if got in (None, [], {}) and key in outcome.profile:
        got = outcome.profile.get(key)
    return got


def check_profile(
    expected: dict[str, Any], outcome: Outcome, unwanted: dict[str, Any] | None = None
) -> list[str]:
    failures = []
    for key, want in expected.items():
        got = _understood(key, outcome)
        if not _same(want, got):
            failures.append(f"profile.{key}: expected {want!r}, understood {got!r}")
    for key, bad in (unwanted or {}).items():
        got = _understood(key, outcome)
        if got is not None and _hits(bad, got):
            failures.append(f"profile_not.{key}: understood {got!r}, which must not hold {bad!r}")
    return failures


def _candidate_checks(
    exp: RecommendationExpect | AlternativesExpect,
    p: dict[str, Any],
    role: str = "primary",
    prefix: str = "recommendation",
) -> list[str]:
    """The checks both the primary and (with ``prefix`` ``recommendation.alternatives``) every alternative take."""
    name = f"{role} '{p.get('model_id')}'"
    out: list[str] = []
    if exp.deployment_in is not None and p.get("deployment") not in exp.deployment_in:
        out.append(
            f"{prefix}.deployment_in: {name} is deployed as '{p.get('deployment')}', "
            f"expected one of {exp.deployment_in}"
        )
    if exp.open_weights is not None and p.get("open_weights") is not exp.open_weights:
        out.append(
            f"{prefix}.open_weights: {name} has open_weights={p.get('open_weights')}, "
            f"expected {exp.open_weights}"
        )
    family = str(p.get("family") or "").lower()
    if (
        isinstance(exp, RecommendationExpect)
        and exp.family_in is not None
        and family not in {f.lower() for f in exp.family_in}
    ):
        out.append(f"{prefix}.family_in: {name} family '{family}' is not one of {exp.family_in}")
    if exp.family_not_in is not None and family in {f.lower() for f in exp.family_not_in}:
        out.append(f"{prefix}.family_not_in: {role} family '{family}' is excluded ({name})")
    if exp.model_not_in is not None and p.get("model_id") in exp.model_not_in:
        out.append(f"{prefix}.model_not_in: {name} is excluded")
    if exp.fits_hardware is not None and p.get("fits_hardware") is not exp.fits_hardware:
        out.append(
            f"{prefix}.fits_hardware: {name} has fits_hardware={p.get('fits_hardware')}, "
            f"expected {exp.fits_hardware}"
        )
    commercial = (p.get("licence") or {}).get("commercial_use")
    if exp.licence_commercial is not None and commercial is not exp.licence_commercial:
        out.append(
            f"{prefix}.licence_commercial: {name} licence "
            f"'{(p.get('licence') or {}).get('id')}' has commercial_use={commercial}, "
            f"expected {exp.licence_commercial}"
        )
    provider = p.get("provider")
    if exp.provider_not_in is not None and provider in exp.provider_not_in:
        out.append(f"{prefix}.provider_not_in: {name} is served by '{provider}'")
    if isinstance(exp, AlternativesExpect):
        return out
    rental = (p.get("hardware") or {}).get("rental_provider")
    if exp.rental_provider_not_in is not None and rental in exp.rental_provider_not_in:
        out.append(f"{prefix}.rental_provider_not_in: {name} runs on GPUs rented from '{rental}'")
    use = (p.get("hardware") or {}).get("utilisation")
    if exp.max_utilisation is not None and use is not None and use > exp.max_utilisation:
        out.append(
            f"{prefix}.max_utilisation: {name} needs {use:.2f} of the available GPU time, "
            f"more than {exp.max_utilisation}"
        )
    cost = p.get("monthly_cost_usd")
    if exp.monthly_cost_usd_max is not None and (cost is None or cost > exp.monthly_cost_usd_max):
        out.append(
            f"{prefix}.monthly_cost_usd_max: {name} costs "
            f"{'an unknown amount' if cost is None else f'${cost:,.2f}'}/month, "
            f"more than ${exp.monthly_cost_usd_max:,.2f}"
        )
    window = p.get("context_window")
    if exp.context_window_min is not None and (window is None or window < exp.context_window_min):
        out.append(
            f"{prefix}.context_window_min: {name} holds {window} tokens, "
            f"expected at least {exp.context_window_min}"
        )
    return out


def check_recommendation(exp: RecommendationExpect, rec: dict[str, Any] | None) -> list[str]:
    if rec is None:
        return []  # the implicit check already says there is no recommendation
    out: list[str] = []
    primary = rec.get("primary")
    codes = [w.get("code") for w in rec.get("warnings") or []]
    if exp.none is True and primary is not None:
        out.append(f"recommendation.none: expected no candidate, got primary '{primary.get('model_id')}'")
    if exp.none is False and primary is None:
        out.append(f"recommendation.none: expected a primary model, got none (warnings {codes})")
    if primary is not None:
        out += _candidate_checks(exp, primary)
    elif exp.none is not True and any(
        v is not None
        for k, v in exp.model_dump().items()
        if k not in ("none", "warning_codes_any", "hybrid", "alternatives")
    ):
        out.append(
            f"recommendation.none: primary is null (warnings {codes}) but the transcript expects "
            "checks on a primary model"
        )
    if exp.warning_codes_any is not None and not set(exp.warning_codes_any) & set(codes):
        out.append(
            f"recommendation.warning_codes_any: none of {exp.warning_codes_any} among warnings {codes}"
        )
    if exp.alternatives is not None:
        for alt in rec.get("alternatives") or []:
            out += _candidate_checks(exp.alternatives, alt, "alternative", "recommendation.alternatives")
    has_hybrid = rec.get("hybrid") is not None
    if exp.hybrid is not None and has_hybrid is not exp.hybrid:
        out.append(
            f"recommendation.hybrid: expected {'a' if exp.hybrid else 'no'} hybrid plan, "
            f"got {'one' if has_hybrid else 'none'}"
        )
    return out


def check_implicit(t: Transcript, outcome: Outcome, kb: Any) -> list[str]:
    """Without being told: no error, a finished recommendation within max_turns, only real facts."""
    out: list[str] = []
    if outcome.error:
        out.append(f"error: {outcome.error}")
    rec = outcome.recommendation
    if rec is None:
        out.append(f"finished: no recommendation after {outcome.turns} turns (max_turns {t.max_turns})")
    elif outcome.pending_slot is not None:
        out.append(
            f"finished: still asking about '{outcome.pending_slot}' after {outcome.turns} turns "
            f"(max_turns {t.max_turns})"
        )
    elif rec.get("primary") is None and "no_candidate" not in {
        w.get("code") for w in rec.get("warnings") or []
    }:
        out.append("finished: primary is null without a no_candidate warning saying what to relax")
    if outcome.turns > t.max_turns:
        out.append(f"finished: {outcome.turns} turns, more than max_turns {t.max_turns}")
    if not outcome.answer.strip():
        out.append("answer: the final answer is empty")
    out += check_answer(outcome.answer, rec, kb, outcome.steps, outcome.earlier).failures()
    if rec is not None:
        out += hard_constraint_failures(rec, kb)
    return out


def evaluate(t: Transcript, outcome: Outcome, kb: Any) -> list[str]:
    """Every failure, implicit ones first (a crash explains the rest)."""
    exp = t.expect
    failures = check_implicit(t, outcome, kb)
    failures += check_profile(exp.profile, outcome, exp.profile_not)
    missing = [s for s in exp.asked if s not in outcome.questions]
    if missing:
        failures.append(f"asked: never asked about {missing} (asked {outcome.questions})")
    if exp.max_questions is not None and len(outcome.questions) > exp.max_questions:
        failures.append(
            f"max_questions: asked {len(outcome.questions)} questions {outcome.questions}, "
            f"at most {exp.max_questions} expected"
        )
    failures += check_recommendation(exp.recommendation, outcome.recommendation)
    low = outcome.answer.lower()
    if exp.answer_mentions_any and not any(m.lower() in low for m in exp.answer_mentions_any):
        failures.append(f"answer_mentions_any: the final answer mentions none of {exp.answer_mentions_any}")
    missing_words = [m for m in exp.answer_mentions_all if m.lower() not in low]
    if missing_words:
        failures.append(f"answer_mentions_all: the final answer does not mention {missing_words}")
    present = [m for m in exp.answer_not_mentions if m.lower() in low]
    if present:
        failures.append(f"answer_not_mentions: the final answer mentions {present}")
    return failures
