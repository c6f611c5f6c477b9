"""The recommendation card's props: the answer at a glance, in human words, for RecommendationCard.jsx.

Pure functions over the contract JSON (and the knowledge base for display names): no advice logic.
The card leads with what the advice is based on and what would change it, then the primary with its
cost, fit and licence; alternatives, exclusions, warnings and sources fold beneath.
"""

from __future__ import annotations

from typing import Any

from advisor.adapters.names import Names
from advisor.adapters.web.i18n import Lang, code_label, t
from advisor.adapters.web.words import PROFILE_LINES
from advisor.i18n import Fx, Usd, fx_of, gettext, listing, render


def _kb() -> Any:
    from advisor.kb.loader import get_kb

    return get_kb()


def fx() -> Fx | None:
    """The knowledge base's dated USD->JPY rate (None without one: amounts then stay in USD)."""
    try:
        return fx_of(_kb())
    except Exception:  # display only
        return None


def money(usd: float | None, lang: Lang) -> str:
    """USD as the engine computed it, worded like the report: Japanese readers also see yen."""
    if usd is None:
        return t("unknown", lang)
    return render(Usd(usd), lang, fx())


def _names() -> Names:
    """Knowledge-base names for ids (the faces' one lookup); without a KB, ids stand for themselves."""
    try:
        return Names(_kb())
    except Exception:  # display only
        return Names()


def hardware_text(hw: dict[str, Any] | None) -> str:
    if not hw:
        return ""
    return f"{hw.get('count', 1)} × {_names().gpu(hw.get('gpu'))}"


def runs_as(cand: dict[str, Any], lang: Lang) -> str:
    if cand.get("deployment") == "api":
        return t("api_via", lang, provider=_names().provider(cand.get("provider")))
    hw = cand.get("hardware") or {}
    text = t("self_hosted_on", lang, hardware=hardware_text(hw) or "?")
    if cand.get("quantization"):
        text += f" ({cand['quantization']})"
    if hw.get("rental_provider"):
        text += ", " + t("rented_from", lang, provider=hw["rental_provider"])
    return text


def fit_text(cand: dict[str, Any], lang: Lang) -> str | None:
    hw = cand.get("hardware") or {}
    if cand.get("deployment") == "api" or cand.get("fits_hardware") is None or not hw:
        return None
    key = "fits" if cand.get("fits_hardware") else "does_not_fit"
    return t(key, lang, need=f"{hw.get('vram_needed_gb', 0):g}", have=f"{hw.get('vram_available_gb', 0):g}")


def licence_text(cand: dict[str, Any], lang: Lang) -> str:
    lic = cand.get("licence") or {}
    name = _names().licence(lic)
    word = {True: "commercial_ok", False: "commercial_no", None: "commercial_unknown"}[
        lic.get("commercial_use")
    ]
    return f"{name} · {t(word, lang)}"


def _tokens(n: Any) -> str:
    n = int(n or 0)
    return f"{n / 1000:,.0f}k" if n >= 10_000 else f"{n:,}"


def based_on(profile: dict[str, Any], lang: Lang) -> list[str]:
    """The understood hard constraints and key figures, in words (a misreading shows at once)."""
    out: list[str] = []
    for field in ("data_sensitivity", "deployment"):
        if profile.get(field):
            out.append(code_label(field, profile[field], lang))
    if profile.get("cloud_provider"):
        out.append(
            gettext(PROFILE_LINES["cloud_provider"], lang).format(
                cloud=str(profile["cloud_provider"]).upper()
            )
        )
    if profile.get("residency"):
        out.append(
            gettext(PROFILE_LINES["residency"], lang).format(
                regions=", ".join(str(r).upper() for r in profile["residency"])
            )
        )
    out += [code_label("vendor_requirements", r, lang) for r in profile.get("vendor_requirements") or []]
    hardware = [h for h in profile.get("hardware") or [] if isinstance(h, dict)]
    if hardware:
        out.append(
            gettext(PROFILE_LINES["hardware"], lang).format(
                hardware=", ".join(hardware_text(h) for h in hardware)
            )
        )
    elif profile.get("hardware") == [] and profile.get("can_rent_gpus") is False:
        out.append(gettext(PROFILE_LINES["no_hardware"], lang))
    rpd = (profile.get("volume") or {}).get("requests_per_day")
    if rpd is not None:
        out.append(gettext(PROFILE_LINES["volume"], lang).format(n=f"{rpd:,.0f}"))
    if profile.get("budget_usd_month") is not None:
        out.append(
            gettext(PROFILE_LINES["budget"], lang).format(amount=money(profile["budget_usd_month"], lang))
        )
    if profile.get("context_tokens"):
        out.append(gettext(PROFILE_LINES["context"], lang).format(n=_tokens(profile["context_tokens"])))
    return out


def _candidate(cand: dict[str, Any], lang: Lang) -> dict[str, Any]:
    return {
        "id": cand.get("model_id"),
        "name": cand.get("name") or cand.get("model_id"),
        "runs_as": runs_as(cand, lang),
        "cost": money(cand.get("monthly_cost_usd"), lang),
        "fit": fit_text(cand, lang),
        "licence": licence_text(cand, lang),
        "context": t("tokens", lang, n=_tokens(cand.get("context_window"))),
        "reasons": [str(r) for r in cand.get("reasons") or []][:4],
    }


# A shutdown is not something the user can change: it is reported, not offered as a lever.
_NOT_LEVERS = frozenset({"retired"})


def would_change(rec: dict[str, Any], lang: Lang, limit: int = 3) -> list[str]:
    """The levers the user holds: for each distinct reason that excluded strong models (deployment,
    licence, context, ...), the models it excluded and the reason in the engine's words."""
    groups: dict[str, tuple[list[str], str]] = {}
    for item in (rec.get("excluded") or [])[:12]:
        first = (item.get("reasons") or [{}])[0]
        code = str(first.get("code", ""))
        if code in _NOT_LEVERS:
            continue
        if code not in groups:
            if len(groups) == limit:
                continue
            groups[code] = ([], str(first.get("text", "")))
        groups[code][0].append(_names().model(item.get("model_id")))
    return [
        f"{listing(names[:3], lang)}{' …' if len(names) > 3 else ''}: {text}"
        for names, text in groups.values()
    ]


def followups(rec: dict[str, Any], lang: Lang) -> list[dict[str, str]]:
    """Buttons under the card: each sends an ordinary message the advisor understands."""
    primary, alts = rec.get("primary"), rec.get("alternatives") or []
    excluded = rec.get("excluded") or []
    out: list[dict[str, str]] = []
    other = (excluded[0].get("model_id") if excluded else None) or (alts[0].get("model_id") if alts else None)
    if other:
        name = _names().model(other)
        out.append({"label": t("why_not", lang, model=name), "text": t("why_not", lang, model=name)})
    if primary and alts:
        a, b = primary.get("name") or primary.get("model_id"), alts[0].get("name") or alts[0].get("model_id")
        out.append({"label": t("compare", lang, a=a, b=b), "text": t("compare", lang, a=a, b=b)})
    if primary:
        out.append({"label": t("what_if_double", lang), "text": t("what_if_double", lang)})
    out.append({"label": t("start_over", lang), "text": "/new"})
    return out


def card_props(rec: dict[str, Any], lang: Lang) -> dict[str, Any]:
    """Everything RecommendationCard.jsx shows, already in words."""
    rate = fx() if lang == "ja" else None
    primary = rec.get("primary")
    labels = {
        k: t(k, lang)
        for k in (
            "based_on",
            "assumed",
            "would_change",
            "recommended",
            "per_month",
            "alternatives",
            "licence_conditions",
            "warnings",
            "excluded",
            "sources",
            "advice",
            "hybrid",
            "details",
            "no_candidate",
        )
    }
    sources = []
    for s in (primary or {}).get("sources") or []:
        entry = {"fact": s.get("fact"), "source": s.get("source"), "as_of": s.get("as_of")}
        if entry not in sources:
            sources.append(entry)
    hybrid = rec.get("hybrid")
    return {
        "lang": lang,
        "labels": labels,
        "based_on": based_on(rec.get("profile") or {}, lang),
        "assumed": [str(a) for a in rec.get("assumptions") or []][:6],
        "would_change": would_change(rec, lang),
        "primary": _candidate(primary, lang) if primary else None,
        "alternatives": [_candidate(c, lang) for c in rec.get("alternatives") or []],
        "conditions": [str(c) for c in ((primary or {}).get("licence") or {}).get("conditions") or []],
        "warnings": [str(w.get("text", "")) for w in rec.get("warnings") or []],
        "advice": [str(a) for a in rec.get("advice") or []],
        "excluded": [
            {
                "name": _names().model(e.get("model_id")),
                "why": ((e.get("reasons") or [{}])[0]).get("text", ""),
            }
            for e in (rec.get("excluded") or [])[:8]
        ],
        "sources": [
            {**s, "as_of": t("as_of", lang, date=s["as_of"]) if s.get("as_of") else ""} for s in sources[:12]
        ],
        "hybrid": {
            "reason": str(hybrid.get("reason", "")),
            "routes": [
                {
                    "workload": r.get("workload"),
                    "model": _names().model(r.get("model_id")),
                    "runs_as": t("api_via", lang, provider=_names().provider(r.get("provider")))
                    if r.get("deployment") == "api"
                    else runs_as(r, lang),
                }
                for r in hybrid.get("routes") or []
            ],
        }
        if hybrid
        else None,
        "rate_note": t("rate_note", lang, yen=f"{rate.jpy_per_usd:,.1f}", date=rate.as_of.isoformat())
        if rate and rate.as_of
        else None,
        "actions": followups(rec, lang),
    }
