"""Human labels for the codes sentences mention (sensitivity, deployment, task, need, AUP tag...).

English labels keep the profile's own codes where users type them ('on_prem', 'regulated'), so an
English sentence names the value exactly as the profile file does; the Japanese domain terms live in
the .po catalogue under the group as gettext context (``msgctxt "dep"``).
"""

from __future__ import annotations

from advisor.i18n.core import L_, norm_locale, pgettext

LABELS: dict[str, dict[str, str]] = {
    "sens": {
        "public": L_("sens", "public"),
        "internal": L_("sens", "internal"),
        "confidential": L_("sens", "confidential"),
        "regulated": L_("sens", "regulated"),
    },
    "dep": {
        "any": L_("dep", "any"),
        "private_cloud": L_("dep", "private_cloud"),
        "on_prem": L_("dep", "on_prem"),
        "air_gapped": L_("dep", "air_gapped"),
    },
    "task": {
        "chat": L_("task", "chat"),
        "summarization": L_("task", "summarization"),
        "rag": L_("task", "rag"),
        "extraction": L_("task", "extraction"),
        "classification": L_("task", "classification"),
        "translation": L_("task", "translation"),
        "coding": L_("task", "coding"),
        "reasoning": L_("task", "reasoning"),
        "vision": L_("task", "vision"),
        "agents": L_("task", "agents"),
        "creative": L_("task", "creative"),
    },
    "need": {
        "tool_calling": L_("need", "tool_calling"),
        "json_output": L_("need", "json_output"),
        "long_context": L_("need", "long_context"),
        "vision": L_("need", "vision"),
        "fine_tuning": L_("need", "fine_tuning"),
        "reasoning_trace": L_("need", "reasoning_trace"),
    },
    # a missing capability, at the start of an English sentence
    "cap": {
        "tool_calling": L_("cap", "Tool calling"),
        "json_output": L_("cap", "JSON output"),
        "reasoning_trace": L_("cap", "A reasoning trace"),
        "fine_tuning": L_("cap", "Fine-tuning"),
    },
    "jalevel": {
        "native": L_("jalevel", "native"),
        "strong": L_("jalevel", "strong"),
        "good": L_("jalevel", "good"),
        "basic": L_("jalevel", "basic"),
        "weak": L_("jalevel", "weak"),
    },
    "provkind": {
        "api": L_("provkind", "api"),
        "consumer_app": L_("provkind", "consumer app"),
        "business_app": L_("provkind", "business app"),
        "cloud": L_("provkind", "cloud"),
        "inference_host": L_("provkind", "inference host"),
        "router": L_("provkind", "router"),
    },
    "aup": {
        "automated_legal_decisions": L_("aup", "automated legal decisions"),
        "circumvent_safety": L_("aup", "circumvent safety"),
        "critical_infrastructure": L_("aup", "critical infrastructure"),
        "defamation": L_("aup", "defamation"),
        "discrimination": L_("aup", "discrimination"),
        "disinformation": L_("aup", "disinformation"),
        "fake_engagement": L_("aup", "fake engagement"),
        "fraud": L_("aup", "fraud"),
        "harassment": L_("aup", "harassment"),
        "hate": L_("aup", "hate"),
        "illegal_activity": L_("aup", "illegal activity"),
        "illegal_drugs": L_("aup", "illegal drugs"),
        "impersonation": L_("aup", "impersonation"),
        "ip_infringement": L_("aup", "ip infringement"),
        "malware": L_("aup", "malware"),
        "military": L_("aup", "military"),
        "minors_harm": L_("aup", "minors harm"),
        "self_harm": L_("aup", "self harm"),
        "sensitive_personal_data": L_("aup", "sensitive personal data"),
        "spam": L_("aup", "spam"),
        "undisclosed_ai_content": L_("aup", "undisclosed ai content"),
        "unlicensed_financial_advice": L_("aup", "unlicensed financial advice"),
        "unlicensed_legal_advice": L_("aup", "unlicensed legal advice"),
        "unlicensed_medical_advice": L_("aup", "unlicensed medical advice"),
        "violence": L_("aup", "violence"),
        "weapons": L_("aup", "weapons"),
    },
    # reason and warning codes (report labels and the no-candidate diagnosis)
    "code": {
        "sensitivity": L_("code", "data sensitivity"),
        "deployment": L_("code", "deployment"),
        "hardware": L_("code", "hardware"),
        "licence": L_("code", "licence"),
        "mau_cap": L_("code", "user cap"),
        "region": L_("code", "region"),
        "context": L_("code", "context length"),
        "modality": L_("code", "modality / capability"),
        "over_budget": L_("code", "over budget"),
        "stale_price": L_("code", "stale price"),
        "no_candidate": L_("code", "no candidate"),
        "licence_condition": L_("code", "licence condition"),
    },
    # how a self-hosted plan gets its GPUs
    "gpuhow": {
        "rented": L_("gpuhow", "rented"),
        "procure": L_("gpuhow", "to buy"),
        "owned": L_("gpuhow", "your own"),
    },
    # task fit of a different model, relative to the one it is compared with
    "fitcmp": {
        "similar": L_("fitcmp", "similar"),
        "lower": L_("fitcmp", "lower"),
        "higher": L_("fitcmp", "higher"),
    },
}


def label(group: str, code: str, locale: str | None) -> str:
    """A code's human label ("sens", "regulated" -> "regulated" / "規制対象"); unknown codes read as words."""
    english = LABELS.get(group, {}).get(code)
    if english is None:
        return code.replace("_", " ")
    return pgettext(group, english, norm_locale(locale))
