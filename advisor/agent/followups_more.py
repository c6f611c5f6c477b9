"""Follow-ups that answer: a family or vendor resolved to its best candidate for this profile, a GPU
"added" to what the user has, a comparison's verdict, and the prove-on-an-API-then-migrate plan.

Pure functions over the engine's results and the tools (``run`` is followup's recording runner);
they return codes and figures turned into words through the i18n layer.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping
from typing import Any

from advisor.i18n import Num, Usd, msg, render

_ADD = re.compile(
    r"\b(?:second|another|additional|extra|more|add(?:ed|ing)?|one more|two more|plus)\b|"
    r"もう\s?[1一２2]?\s?枚|追加|増設|足[しす]|増や|買い足",
    re.IGNORECASE,
)
_POC = re.compile(
    r"(?:start|begin|prove|poc|pilot|trial|first).{0,40}\bapi\b.{0,60}(?:then|later|after|move|migrat)"
    r".{0,40}(?:on[- ]?prem|self[- ]?host|our own|in[- ]house)|"
    r"(?:まず|最初|検証|PoC|試).{0,30}API.{0,40}(?:その後|後で|あとで|移行|切り替え).{0,30}(?:オンプレ|自社)",
    re.IGNORECASE,
)


def _norm(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKC", text).lower() if ch.isalnum())


def named_exactly(model: Any, text: str) -> bool:
    """The user named this very model (its id, name or an alias), not just its family."""
    flat = _norm(text)
    return any(len(_norm(n)) >= 4 and _norm(n) in flat for n in (model.id, model.name, *model.aliases))


def vendor_targets(text: str, kb: Any) -> list[str]:
    """ "why not OpenAI?": a vendor's strongest model as the target (resolved per profile below)."""
    flat = _norm(text)
    out = []
    for vendor in sorted({m.vendor for m in kb.models.values()}):
        if len(vendor) >= 4 and _norm(vendor) in flat:
            members = [m.id for m in kb.models.values() if m.vendor == vendor]
            out.append(members[0])
    return out


def best_of_group(
    target: str, text: str, rec: Mapping[str, Any], kb: Any, run: Callable[..., Any]
) -> tuple[str, str | None]:
    """(model id to discuss, group name or None): for a family or vendor name, its best candidate for
    this profile — a shown candidate first, else the best-scoring allowed member, else the strongest."""
    model = kb.models.get(target)
    if model is None or named_exactly(model, text):
        return target, None
    flat = _norm(text)
    by_vendor = _norm(model.vendor) in flat and _norm(model.family) not in flat
    group = model.vendor if by_vendor else model.family
    members = [m.id for m in kb.models.values() if (m.vendor if by_vendor else m.family) == group]
    written = re.search(re.escape(group), unicodedata.normalize("NFKC", text), re.IGNORECASE)
    shown = written.group(0) if written else group  # as the user wrote it ("Claude", not "claude")
    for candidate in [rec.get("primary") or {}, *(rec.get("alternatives") or [])]:
        if candidate.get("model_id") in members:
            return str(candidate["model_id"]), shown
    rows: list[Any] = []
    for start in range(0, min(len(members), 15), 5):  # the tool compares at most five at a time
        chunk = run("compare_models", models=members[start : start + 5])
        rows += chunk if isinstance(chunk, list) else []
    allowed = [r for r in rows if isinstance(r, dict) and r.get("allowed")]
    if allowed:
        return str(max(allowed, key=lambda r: float(r.get("score") or 0))["model_id"]), shown
    return target, shown


def group_line(group: str, model_name: str, lang: str) -> str:
    return render(
        msg("For “{group}”, the best fit for your profile is {model}.", group=group, model=model_name), lang
    )


def added_hardware(change: dict[str, Any], raw: Mapping[str, Any], text: str, kb: Any) -> dict[str, Any]:
    """ "a second 4090" / 「もう1枚」: the stated cards are ADDED to the same cards the user has."""
    new = change.get("hardware")
    owned = raw.get("hardware") or []
    if not new or not owned or not _ADD.search(text):
        return change
    from advisor.engine import resolve_gpu
    from advisor.kb.errors import InputError

    out = []
    for item in new:
        try:
            gpu = resolve_gpu(str(item["gpu"]), kb).id
        except InputError:
            return change
        have = sum(int(h.get("count") or 1) for h in owned if h.get("gpu") == gpu)
        out.append({"gpu": gpu, "count": have + int(item.get("count") or 1)})
    others = [h for h in owned if h.get("gpu") not in {o["gpu"] for o in out}]
    return {**change, "hardware": others + out}


def verdict(rows: list[dict[str, Any]], rec: Mapping[str, Any], name: Callable[[str], str], lang: str) -> str:
    """The comparison's conclusion for this profile: which one, and the deciding reason."""
    allowed = [r for r in rows if r.get("allowed", True)]
    if not allowed:
        return render(msg("**Verdict for your profile:** none of these meets your constraints."), lang)
    primary = (rec.get("primary") or {}).get("model_id")
    best = next((r for r in allowed if r.get("model_id") == primary), None) or max(
        allowed, key=lambda r: float(r.get("score") or 0)
    )
    others = [r for r in allowed if r is not best]
    if not others:
        why = msg("the only one that meets your constraints")
    else:
        cheaper = all((best.get("monthly_cost_usd") or 0) <= (o.get("monthly_cost_usd") or 0) for o in others)
        fits = best.get("fits_hardware") is not False
        why = (
            msg(
                "it scores best for your tasks and costs least ({cost}/month)",
                cost=Usd(float(best.get("monthly_cost_usd") or 0)),
            )
            if cheaper and fits
            else msg(
                "it scores best for your tasks ({score} against {other})",
                score=Num(float(best.get("score") or 0), 2),
                other=Num(max(float(o.get("score") or 0) for o in others), 2),
            )
        )
    return render(
        msg("**Verdict for your profile:** {model} — {why}.", model=name(str(best.get("model_id"))), why=why),
        lang,
    )


def wants_poc_plan(text: str) -> bool:
    return bool(_POC.search(unicodedata.normalize("NFKC", text)))


def poc_change(raw: Mapping[str, Any]) -> dict[str, Any]:
    """The hypothetical behind "start on an API, then move on-premises": APIs allowed for the
    proof of concept, and GPUs rentable when none are owned (so a self-hosted route can be costed)."""
    change: dict[str, Any] = {"deployment": "any"}
    if not raw.get("hardware"):
        change["can_rent_gpus"] = True
    return change


def poc_plan(new: Mapping[str, Any], lang: str) -> str:
    """The engine's PoC-then-migrate advice (with its break-even) from the re-run, or why there is none."""
    from advisor.engine.hybrid import LOCK_IN

    marker = render(msg(LOCK_IN), lang)
    plan = [a for a in new.get("advice") or [] if marker in str(a)]
    if plan:
        return render(msg("**Prove it on an API, then move on-premises:**"), lang) + " " + str(plan[0])
    return render(
        msg(
            "I could not cost both an API route and a self-hosted route for this profile, so there is "
            "no break-even to give; tell me your GPUs (or that you can rent them)."
        ),
        lang,
    )


def poc_caveat(raw: Mapping[str, Any], lang: str) -> str:
    """Said when the plan's API phase relaxes what the user stated: nothing changes without their word."""
    from advisor.agent.basis import word

    deployment = raw.get("deployment")
    if deployment in (None, "any"):
        return ""
    return render(
        msg(
            "This plan's first phase relaxes what you stated (where it may run: {deployment}): the proof "
            "of concept may then only use data allowed to leave your servers, such as synthetic or "
            "de-identified samples. Nothing changes in your profile unless you say so.",
            deployment=word("deployment", str(deployment)),
        ),
        lang,
    )
