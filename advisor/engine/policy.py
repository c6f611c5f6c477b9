"""Whether data of a given sensitivity may go to a provider's API.

Confidential or regulated data never goes to a provider that trains on customer data by default,
and an unknown policy counts as unsafe. Regulated data additionally needs zero data retention to
be available, a BAA for HIPAA, and in-region residency when the region or regulation requires it.
"""

from __future__ import annotations

from advisor.engine.messages import label, say
from advisor.engine.models import Reason
from advisor.engine.placement import unknown_residency, unknown_term
from advisor.engine.profile import Resolved
from advisor.kb.schema import Provider

API_KINDS = ("api", "cloud", "inference_host", "router")
# regulation or region -> the residency region it demands for regulated data
_RESIDENCY = {"gdpr": "eu", "appi": "jp", "eu": "eu", "jp": "jp"}


def required_residency(r: Resolved) -> str | None:
    if r.sensitivity != "regulated":
        return None
    for reg in sorted(r.regulations):
        if reg in _RESIDENCY:
            return _RESIDENCY[reg]
    if r.region in ("eu", "jp"):
        return _RESIDENCY[r.region]
    return None


def provider_reasons(p: Provider, r: Resolved) -> list[Reason]:
    out: list[Reason] = []
    lang = r.lang
    if p.kind not in API_KINDS:
        return [Reason(code="deployment", text=say("ex.not_metered", lang, provider=p.name,
                                                   kind=label("provkind", p.kind, lang)))]
    sensitive = r.sensitivity in ("confidential", "regulated")
    sens = label("sens", r.sensitivity, lang)
    if sensitive:
        if p.trains_on_customer_data_by_default is None:
            out.append(Reason(code="sensitivity", text=say("ex.training_unconfirmed", lang, provider=p.name,
                                                           sensitivity=sens)))
        elif p.trains_on_customer_data_by_default:
            out.append(Reason(code="sensitivity", text=say("ex.trains_by_default", lang, provider=p.name,
                                                           sensitivity=sens)))
        if p.kind == "router":
            out.append(Reason(code="sensitivity", text=say("ex.router", lang, provider=p.name, sensitivity=sens)))
    if r.sensitivity == "regulated":
        if p.zero_data_retention not in ("default", "on_request"):
            out.append(Reason(code="sensitivity", text=say("ex.no_zdr", lang, provider=p.name)))
        if "hipaa" in r.regulations and not p.baa_available:  # unknown (None) is said as unknown, never "no"
            text = say("ex.no_baa", lang, provider=p.name) if p.baa_available is False else unknown_term(p, "baa", lang)
            out.append(Reason(code="sensitivity", text=text))
        need = required_residency(r)
        if need is not None and need not in p.residency_regions:
            text = (say("ex.no_residency", lang, provider=p.name, region=need) if p.residency_regions
                    else unknown_residency(p, [need], lang))
            out.append(Reason(code="region", text=text))
    return out


_TRAINING = {True: "policy.trains", False: "policy.no_training", None: "policy.training_unknown"}


def policy_note(p: Provider, lang: str = "en") -> str:
    """The provider's data terms in one line, cited as a sourced fact."""
    return say("fact.policy", lang, provider=p.name, training=say(_TRAINING[p.trains_on_customer_data_by_default], lang),
               retention=say(f"policy.zdr_{p.zero_data_retention}", lang))
