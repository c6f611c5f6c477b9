"""Profile field names and values as the user reads them: one table for every front end.

The agent's acknowledgements, the web side panel and the what-if answers all name a profile
field through ``field_label``, so a concept has one Japanese term across the product. Where the
engine's catalogue already names the concept (deployment = 利用形態, data sensitivity =
データ機密性, volume = 処理量 ...), the label is taken from it rather than copied.
"""

from __future__ import annotations

from advisor.i18n import label as engine_label
from advisor.i18n import msg, render


def _engine(key: str, en: str) -> dict[str, str]:
    """The engine's Japanese term for a concept, with the sentence-case English the panels show."""
    return {"en": en, "ja": engine_label("code", key, "ja")}


FIELD_LABELS: dict[str, dict[str, str]] = {
    "tasks": {"en": "Tasks", "ja": "用途"},
    "languages": {"en": "Languages", "ja": "言語"},
    "data_sensitivity": _engine("sensitivity", "Data sensitivity"),
    "regulations": {"en": "Regulations", "ja": "規制"},
    "deployment": _engine("deployment", "Deployment"),
    "budget": {"en": "Budget", "ja": "予算"},
    "budget_usd_month": {"en": "Budget (USD/month)", "ja": "予算(USD/月)"},
    "volume": {"en": "Volume", "ja": "処理量"},
    "hardware": _engine("hardware", "Hardware"),
    "can_rent_gpus": {"en": "Can rent GPUs", "ja": "GPUレンタル可"},
    "context_tokens": {"en": "Longest input (tokens)", "ja": "最長入力(トークン)"},
    "latency": {"en": "Latency", "ja": "レイテンシ"},
    "commercial_use": {"en": "Commercial use", "ja": "商用利用"},
    "monthly_active_users": {"en": "Monthly active users", "ja": "月間アクティブユーザー数"},
    "needs": {"en": "Needs", "ja": "必要機能"},
    "region": _engine("region", "Region"),
    "workloads": {"en": "Workloads", "ja": "ワークロード"},
}


def field_label(field: str, lang: str, *, inline: bool = False) -> str:
    """A field's label; ``inline`` lower-cases the English one for use inside a sentence
    ("Noted — data sensitivity: ...") but keeps acronyms ("GPUs") as written."""
    entry = FIELD_LABELS.get(field)
    if entry is None:
        return field.replace("_", " ")
    text = entry["ja" if lang == "ja" else "en"]
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
