"""Whether data of a given sensitivity may go to a provider's API.

Confidential or regulated data never goes to a provider that trains on customer data by default,
and an unknown policy counts as unsafe. Regulated data additionally needs zero data retention to
be available, a BAA for HIPAA, and in-region residency when the region or regulation requires it.
Whatever the sensitivity, what the user stated holds: a residency list (the provider must show
processing in one of those places) and vendor requirements (BAA, zero retention, no training, DPA),
each met only by a known term; an unknown term never meets a requirement.
"""

from __future__ import annotations

from advisor.engine.models import Reason
from advisor.engine.placement import unknown_residency, unknown_term
from advisor.engine.profile import Resolved
from advisor.i18n import N_, Label, Msg, msg
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
    if p.kind not in API_KINDS:
        return [
            Reason(
                code="deployment",
                text=msg(
                    "{provider} is a {kind}, not a metered API.",
                    provider=p.name,
                    kind=Label("provkind", p.kind),
                ),
            )
        ]
    sensitive = r.sensitivity in ("confidential", "regulated")
    sens = Label("sens", r.sensitivity)
    if sensitive:
        if p.trains_on_customer_data_by_default is None:
            out.append(
                Reason(
                    code="sensitivity",
                    text=msg(
                        "{provider}'s policy on training with customer data is not confirmed, so "
                        "{sensitivity} data cannot go there.",
                        provider=p.name,
                        sensitivity=sens,
                    ),
                )
            )
        elif p.trains_on_customer_data_by_default:
            out.append(
                Reason(
                    code="sensitivity",
                    text=msg(
                        "{provider} trains on customer data by default; {sensitivity} data must not go "
                        "there.",
                        provider=p.name,
                        sensitivity=sens,
                    ),
                )
            )
        if p.kind == "router":
            out.append(
                Reason(
                    code="sensitivity",
                    text=msg(
                        "{provider} routes requests to third parties whose terms vary; {sensitivity} "
                        "data needs a direct contract.",
                        provider=p.name,
                        sensitivity=sens,
                    ),
                )
            )
    if r.sensitivity == "regulated":
        if p.zero_data_retention not in ("default", "on_request"):
            out.append(
                Reason(
                    code="sensitivity",
                    text=msg(
                        "{provider} offers no confirmed zero-data-retention option, which regulated data "
                        "needs.",
                        provider=p.name,
                    ),
                )
            )
        if "hipaa" in r.regulations and not p.baa_available:  # unknown (None) is said as unknown, never "no"
            text = (
                msg("{provider} does not offer a HIPAA Business Associate Agreement (BAA).", provider=p.name)
                if p.baa_available is False
                else unknown_term(p, "baa")
            )
            out.append(Reason(code="sensitivity", text=text))
        need = required_residency(r)
        if need is not None and need not in p.residency_regions:
            text = (
                msg(
                    "{provider} offers no data residency in '{region}', which your regulated data requires.",
                    provider=p.name,
                    region=need,
                )
                if p.residency_regions
                else unknown_residency(p, [need])
            )
            out.append(Reason(code="region", text=text))
    return out


_TRAINING = {
    True: N_("trains on customer data by default"),
    False: N_("no training on API data by default"),
    None: N_("training policy unconfirmed"),
}
_RETENTION = {
    "default": N_("zero retention by default"),
    "on_request": N_("zero retention on request"),
    "no": N_("no zero-retention option"),
    "unknown": N_("retention terms unconfirmed"),
}


def policy_note(p: Provider) -> Msg:
    """The provider's data terms in one line, cited as a sourced fact."""
    return msg(
        "{provider}: {training}; {retention}",
        provider=p.name,
        training=msg(_TRAINING[p.trains_on_customer_data_by_default]),
        retention=msg(_RETENTION[p.zero_data_retention]),
    )
