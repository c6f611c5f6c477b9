"""Confirm back: the one "Based on: ..." line every recommendation opens with, and the stricter
reading of what the user left unsaid.

The line lists the hard constraints and key figures the recommendation was computed from, marking
the ones taken by default as "assumed", so a misreading is visible at once and correctable in one
message. ``strict_defaults`` fills an unstated sensitivity with "confidential" and, for regulated
data, an unstated deployment with "on_prem": an unknown fails closed, never open.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from advisor.agent.labels import field_label
from advisor.i18n import N_, Num, Usd, msg, render

STRICT_SENSITIVITY = "confidential"


def strict_defaults(raw: Mapping[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """The raw profile with the stricter reading of unstated hard fields, and the fields assumed."""
    out, assumed = dict(raw), []
    has_workloads = any(
        isinstance(w, Mapping) and w.get("data_sensitivity") for w in raw.get("workloads") or []
    )
    if not out.get("data_sensitivity") and not has_workloads:
        out["data_sensitivity"] = STRICT_SENSITIVITY
        assumed.append("data_sensitivity")
    if not out.get("deployment") and out.get("data_sensitivity") == "regulated" and not has_workloads:
        out["deployment"] = "on_prem"
        assumed.append("deployment")
    return out, assumed


#: the words for where the model may run and how sensitive the data is (Japanese: advisor.po)
DEPLOYMENT_WORDS = {
    "any": N_("vendor APIs allowed"),
    "private_cloud": N_("your own cloud account only"),
    "on_prem": N_("your own servers only"),
    "air_gapped": N_("air-gapped servers only"),
}
SENSITIVITY_WORDS = {
    "public": N_("public"),
    "internal": N_("internal"),
    "confidential": N_("confidential"),
    "regulated": N_("regulated"),
}


def word(field: str, code: str) -> Any:
    """A hard value's words: a message for the known codes, the code itself otherwise."""
    table = (
        DEPLOYMENT_WORDS
        if field == "deployment"
        else SENSITIVITY_WORDS
        if field == "data_sensitivity"
        else {}
    )
    return msg(table[code]) if code in table else code


def _item(field: str, value: Any, lang: str, assumed: bool) -> str:
    text = render(msg("{field}: {value}", field=field_label(field, lang, inline=True), value=value), lang)
    return render(msg("{item} (assumed)", item=text), lang) if assumed else text


def _hardware(raw: Mapping[str, Any], kb: Any) -> Any:
    items = raw.get("hardware")
    gpus = getattr(kb, "gpus", {}) or {}
    if items:
        return [
            f"{getattr(gpus.get(h.get('gpu')), 'name', h.get('gpu'))} × {h.get('count', 1)}"
            for h in items
            if isinstance(h, Mapping)
        ]
    if raw.get("can_rent_gpus"):
        return msg("none owned, renting allowed")
    return msg("no GPUs") if "hardware" in raw else None


def based_on(raw: Mapping[str, Any], rec: Mapping[str, Any], assumed: list[str], kb: Any, lang: str) -> str:
    """One line: sensitivity, where it may run, residency, vendor requirements, hardware, volume, budget."""
    used = rec.get("profile") or {}
    parts = []
    sensitivity = raw.get("data_sensitivity") or used.get("data_sensitivity")
    if sensitivity:
        parts.append(
            _item(
                "data_sensitivity",
                word("data_sensitivity", str(sensitivity)),
                lang,
                "data_sensitivity" in assumed,
            )
        )
    deployment = raw.get("deployment") or used.get("deployment")
    if deployment:
        stated = bool(raw.get("deployment")) and "deployment" not in assumed
        parts.append(_item("deployment", word("deployment", str(deployment)), lang, not stated))
    for field in ("residency", "vendor_requirements"):
        values = raw.get(field) or used.get(field)
        if values:
            parts.append(
                render(msg("{field}: {value}", field=_label(field), value=[str(v) for v in values]), lang)
            )
    hardware = _hardware(raw, kb)
    if hardware is not None:
        parts.append(_item("hardware", hardware, lang, False))
    volume = (
        (raw.get("volume") or {}).get("requests_per_day") if isinstance(raw.get("volume"), Mapping) else None
    )
    shown_volume = volume if volume is not None else (used.get("volume") or {}).get("requests_per_day")
    if shown_volume is not None:
        parts.append(
            _item("volume", msg("{n} requests/day", n=Num(float(shown_volume))), lang, volume is None)
        )
    budget = used.get("budget_usd_month")
    if budget is not None and (raw.get("budget") or raw.get("budget_usd_month") is not None):
        parts.append(_item("budget", msg("{amount}/month", amount=Usd(float(budget))), lang, False))
    if not parts:
        return ""
    return render(msg("**Based on:** {items}. Tell me if any of this is wrong.", items=parts), lang)


def _label(field: str) -> Any:
    return msg({"residency": N_("data residency"), "vendor_requirements": N_("vendor requirements")}[field])
