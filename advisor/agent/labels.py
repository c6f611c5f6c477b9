"""Profile field names and values as the user reads them: one table for every front end.

The agent's acknowledgements, the web side panel and the what-if answers all name a profile
field through ``field_label``, so a concept has one Japanese term across the product. Where the
engine's catalogue already names the concept (deployment = 利用形態, data sensitivity =
データ機密性, volume = 処理量 ...), the label is taken from it rather than copied.
"""

from __future__ import annotations

from advisor.i18n import N_, gettext, msg, norm_locale, render
from advisor.i18n import label as engine_label

# Fields whose concept the engine's code labels already name: their Japanese is the engine's term.
_ENGINE_TERMS = {
    "data_sensitivity": "sensitivity",
    "deployment": "deployment",
    "hardware": "hardware",
    "region": "region",
}

FIELD_LABELS: dict[str, str] = {
    "tasks": N_("Tasks"),
    "languages": N_("Languages"),
    "data_sensitivity": N_("Data sensitivity"),
    "regulations": N_("Regulations"),
    "deployment": N_("Deployment"),
    "budget": N_("Budget"),
    "budget_usd_month": N_("Budget (USD/month)"),
    "volume": N_("Volume"),
    "hardware": N_("Hardware"),
    "can_rent_gpus": N_("Can rent GPUs"),
    "context_tokens": N_("Longest input (tokens)"),
    "latency": N_("Latency"),
    "commercial_use": N_("Commercial use"),
    "monthly_active_users": N_("Monthly active users"),
    "needs": N_("Needs"),
    "region": N_("Region"),
    "workloads": N_("Workloads"),
}


def field_label(field: str, lang: str, *, inline: bool = False) -> str:
    """A field's label; ``inline`` lower-cases the English one for use inside a sentence
    ("Noted — data sensitivity: ...") but keeps acronyms ("GPUs") as written."""
    msgid = FIELD_LABELS.get(field)
    if msgid is None:
        return field.replace("_", " ")
    if field in _ENGINE_TERMS and norm_locale(lang) != "en":
        text = engine_label("code", _ENGINE_TERMS[field], lang)  # one term per concept, the engine's
    else:
        text = gettext(msgid, lang)
    if inline and lang != "ja" and text[:2].istitle():
        text = text[0].lower() + text[1:]
    return text


def deployment_label(deployment: str, lang: str) -> str:
    """A candidate's deployment ("api" / "self_hosted") in words: the engine's own term for
    self-hosting (自社運用), so a step summary reads like the report beside it."""
    if deployment == "self_hosted":
        return render(msg("self-hosted"), lang)
    if deployment == "api":
        return "API"
    return engine_label("dep", deployment, lang)


def per_month(amount: str, lang: str) -> str:
    """A monthly figure: "$12.00/month" in English, "月額 $12.00" in Japanese."""
    return render(msg("{amount}/month", amount=amount), lang)


def requests_per_day(count: str, lang: str) -> str:
    """A daily volume in the engine's unit (リクエスト), so the agent and the report agree."""
    return render(msg("{n} requests/day", n=count), lang)
