"""Direct questions about a provider's data terms, answered from the knowledge base.

"Does OpenAI train on our data?", "is Claude processed in Japan?", 「ChatGPT Business ならどうですか」,
"ChatGPT Free vs Plus vs Enterprise": the provider (or subscription plan) is found by name, the topic
by keyword (training, retention, zero retention, BAA, DPA, residency), and each answer is the KB's
own field with its source and date. A field the KB does not know is said as unknown, never guessed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from advisor.i18n import N_, Date, Text, msg, render

#: name patterns -> provider ids, most specific first (a plan name before its product, a product before its vendor)
PROVIDER_NAMES: tuple[tuple[str, tuple[str, ...]], ...] = (
    (r"azure", ("azure-openai",)),
    (r"bedrock|\baws\b", ("aws-bedrock",)),
    (r"vertex", ("google-vertex-ai",)),
    (r"gemini\s*api\s*(?:free|無料)|ai studio", ("google-gemini-api-free",)),
    (r"gemini|google", ("google-gemini-api-paid", "google-gemini-api-free")),
    (r"claude\.ai|claude\s*(?:pro|max|free|app)\b|claude\s*アプリ", ("anthropic-claude-consumer",)),
    (r"claude|anthropic", ("anthropic-api",)),
    (r"openai|\bgpt", ("openai-api",)),
    (r"together", ("together-ai",)),
    (r"openrouter", ("openrouter",)),
    (r"groq", ("groq",)),
    (r"fireworks", ("fireworks-ai",)),
    (r"deepinfra", ("deepinfra",)),
    (r"cerebras", ("cerebras",)),
    (r"mistral", ("mistral-api",)),
    (r"deepseek", ("deepseek-api",)),
)
TOPICS: dict[str, str] = {
    "training": r"train|学習",
    "retention": r"retain|retention|keep (?:our|the)? ?data|store|log|保持|保存|残",
    "zdr": r"zero[- ]?(?:data[- ]?)?retention|\bzdr\b|保持ゼロ|ゼロ",
    "baa": r"\bbaa\b|hipaa|business associate",
    "dpa": r"\bdpa\b|data processing (?:agreement|addendum)",
    "residency": r"processed in|stored in|residen|region|in japan|in the eu|国内|日本で|日本国内|リージョン|所在|どこで処理",
}
_ASKING = re.compile(
    r"[?？]|\b(?:how about|what about|does|do they|is|are|can)\b|ならどう|はどう|どうですか|ですか|ますか|でしょうか|plans?\b|プラン"
)
_REGIONS = {"jp": r"japan|日本|国内", "eu": r"\beu\b|europe|欧州", "us": r"\bus\b|united states|america|米国"}


@dataclass
class TermsQuestion:
    providers: list[str]
    topics: list[str]
    region: str | None = None


def find(text: str, kb: Any) -> TermsQuestion | None:
    """A question about providers' terms in ``text`` (None when no provider is named or it is not asked)."""
    low = unicodedata.normalize("NFKC", text).lower()
    if not _ASKING.search(low):
        return None
    known = getattr(kb, "providers", {}) or {}
    providers: list[str] = _chatgpt_plans(low)
    rest = low.replace("chatgpt", " ")
    for pattern, ids in PROVIDER_NAMES:
        if re.search(pattern, rest):
            providers += [i for i in ids if i in known and i not in providers]
            rest = re.sub(pattern, " ", rest)
    if not providers:
        return None
    topics = [t for t, pattern in TOPICS.items() if re.search(pattern, low)]
    named_plan = bool(re.search(r"chatgpt|plan|プラン|ならどう|はどう|how about|what about", low))
    if not topics and not named_plan:
        return None  # "why not Claude?" is about the model, not its terms
    region = next((r for r, pattern in _REGIONS.items() if re.search(pattern, low)), None)
    return TermsQuestion(providers, topics or ["training", "retention", "zdr", "residency"], region)


def _chatgpt_plans(low: str) -> list[str]:
    """ChatGPT's subscription plans: personal (Free/Plus/Pro) and business (Business/Team/Enterprise/Edu);
    "ChatGPT" alone means both, so they are compared on training and retention."""
    if "chatgpt" not in low:
        return []
    personal = re.search(r"free|plus|\bpro\b|\bgo\b|無料|個人", low)
    business = re.search(r"business|team|enterprise|\bedu\b|法人|ビジネス|エンタープライズ", low)
    both = not personal and not business
    return [
        pid
        for pid, on in (
            ("openai-chatgpt-consumer", personal or both),
            ("openai-chatgpt-business", business or both),
        )
        if on
    ]


def _yes_no_unknown(value: bool | None, yes: str, no: str) -> Any:
    return msg("unknown (not stated in the knowledge base)") if value is None else msg(yes if value else no)


def _topic(provider: Any, topic: str, region: str | None) -> Any:
    if topic == "training":
        return msg(
            "training on your data: {v}",
            v=_yes_no_unknown(
                provider.trains_on_customer_data_by_default,
                N_("yes by default (unless you opt out)"),
                N_("not by default"),
            ),
        )
    if topic == "retention":
        days = provider.retention_days
        return msg(
            "retention: {v}",
            v=msg("unknown (not stated in the knowledge base)")
            if days is None
            else msg("{n} days", n=str(days)),
        )
    if topic == "zdr":
        value = {"default": msg("by default"), "on_request": msg("on request"), "no": msg("not offered")}.get(
            provider.zero_data_retention, msg("unknown (not stated in the knowledge base)")
        )
        return msg("zero data retention: {v}", v=value)
    if topic == "baa":
        return msg(
            "HIPAA BAA: {v}", v=_yes_no_unknown(provider.baa_available, N_("available"), N_("not available"))
        )
    if topic == "dpa":
        return msg(
            "DPA: {v}", v=_yes_no_unknown(provider.dpa_available, N_("available"), N_("not available"))
        )
    regions = list(provider.residency_regions or [])
    if not regions:
        return msg("data residency: {v}", v=msg("unknown (not stated in the knowledge base)"))
    if region:
        verdict = msg("offered") if region in regions else msg("not offered")
        return msg(
            "data residency in {region}: {v} (offered: {regions})", region=region, v=verdict, regions=regions
        )
    return msg("data residency: {v}", v=regions)


def answer(q: TermsQuestion, kb: Any, lang: str) -> str:
    """One paragraph per provider: each asked topic from the KB, its note, its source and date."""
    paragraphs = []
    for pid in q.providers:
        p = kb.providers[pid]
        facts = "; ".join(render(_topic(p, t, q.region), lang) for t in q.topics)
        line = render(
            msg("**{name}** ({company}): {facts}.", name=p.name, company=p.company, facts=facts), lang
        )
        note = (
            Text(p.training_note, p.training_note_ja) if p.training_note and "training" in q.topics else None
        )
        if note is not None:
            line += " " + render(note, lang)
        if p.enterprise_plans:
            line += " " + render(msg("Plans: {plans}.", plans=list(p.enterprise_plans)), lang)
        line += " " + render(
            msg("(source: {source}, as of {date})", source=str(p.source).split(" ; ")[0], date=Date(p.as_of)),
            lang,
        )
        paragraphs.append(line)
    return "\n\n".join(paragraphs)
