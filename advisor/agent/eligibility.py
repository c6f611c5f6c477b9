"""Saying WHICH provider terms let sensitive data go to a vendor API, so the user can object.

The engine allows a vendor API for confidential or regulated data only when the provider's KB
entry meets the terms (no training on customer data, zero data retention for regulated data, a
BAA for HIPAA, in-region residency where required). A recommendation that quietly relies on that
is easy to misread as "the advisor sent patient records to a cloud", all the more when the user
never said whether the data may leave their infrastructure. This note names the terms, with the
KB's source and date, and, when deployment was not stated, says how to rule APIs out.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from advisor.i18n import Msg, msg, render

SENSITIVE = ("confidential", "regulated")
# what a regulation or the organisation's region implies for residency (same reading as the engine's policy)
_RESIDENCY = {"gdpr": "eu", "appi": "jp", "eu": "eu", "jp": "jp"}


def _terms(provider: Any, profile: Mapping[str, Any]) -> list[Msg]:
    terms: list[Msg] = []
    if provider.trains_on_customer_data_by_default is False:
        terms.append(msg("no training on API data by default"))
    if profile.get("data_sensitivity") == "regulated":
        if provider.zero_data_retention == "default":
            terms.append(msg("zero data retention by default"))
        elif provider.zero_data_retention == "on_request":
            terms.append(msg("zero data retention on request — request it before sending any data"))
        regulations = [str(r) for r in profile.get("regulations") or []]
        if "hipaa" in regulations and provider.baa_available:
            terms.append(msg("a HIPAA Business Associate Agreement (BAA) is available"))
        need = next(
            (_RESIDENCY[r] for r in sorted(regulations) if r in _RESIDENCY),
            _RESIDENCY.get(str(profile.get("region") or "")),
        )
        if need and need in provider.residency_regions:
            terms.append(msg("data residency in '{region}'", region=need))
    return terms


def api_terms_note(rec: Mapping[str, Any], kb: Any, lang: str, *, deployment_stated: bool) -> str | None:
    """The note for an API primary on sensitive data; None when it does not apply."""
    primary = rec.get("primary") or {}
    profile = rec.get("profile") or {}
    sensitivity = profile.get("data_sensitivity")
    if primary.get("deployment") != "api" or sensitivity not in SENSITIVE:
        return None
    provider = (getattr(kb, "providers", {}) or {}).get(primary.get("provider"))
    if provider is None:
        return None
    terms = _terms(provider, profile)
    lines = [
        render(
            msg(
                "**Why an API is allowed for {label} data:** {provider} — {terms} (source: {source}, as of "
                "{date}).",
                label=msg(sensitivity),
                provider=provider.name,
                terms=terms or msg("its stated terms"),
                source=provider.source,
                date=str(provider.as_of),
            ),
            lang,
        )
    ]
    if not deployment_stated:
        lines.append(
            render(
                msg(
                    "You did not say whether the data may leave infrastructure you control, so vendor APIs "
                    "meeting these terms were allowed. If it must stay on your own servers, say "
                    "“on-prem only” and I will re-plan with self-hosted models."
                ),
                lang,
            )
        )
    return "\n\n".join(lines)
