"""Where a model may run: rental trust tiers, the user's own cloud, residency and vendor terms.

Rules (fail safe: a fact the knowledge base does not have never satisfies a requirement, and is said
to be unknown, never "no"):
- confidential or regulated data never goes to a community GPU marketplace;
- ``cloud_provider`` keeps GPU rentals inside that cloud and, where vendor APIs are allowed, sends
  confidential or regulated data only to that cloud's managed model service (inside the user's
  tenancy). A private-cloud deployment takes no vendor API, managed or not: the contract reads it as
  infrastructure the user controls, and a managed model service runs on the vendor's (fail safe);
- a stated ``residency`` is enforced whatever the sensitivity (code ``residency``);
- ``vendor_requirements`` (baa, zdr, no_training, dpa) are enforced on API providers (code ``vendor_terms``).
"""

from __future__ import annotations

from advisor.engine.models import Reason
from advisor.engine.profile import Resolved
from advisor.i18n import Msg, msg
from advisor.kb.schema import Provider, Rental

# Trust tier of rental providers the KB has not tiered yet (stated default): hyperscalers, specialised
# GPU clouds with contracts and certifications, community marketplaces. Unknown -> community (strictest).
TRUST_BY_PROVIDER: dict[str, str] = {
    "aws": "hyperscaler",
    "gcp": "hyperscaler",
    "azure": "hyperscaler",
    "oci": "hyperscaler",
    "lambda": "specialised",
    "nebius": "specialised",
    "coreweave": "specialised",
    "hyperstack": "specialised",
    "tensorwave": "specialised",
    "vultr": "specialised",
    "crusoe": "specialised",
    "together": "specialised",
    "vast.ai": "community",
    "tensordock": "community",
    "salad": "community",
}
# The user's cloud -> API providers that are that cloud's managed model service in the tenancy.
CLOUD_MODEL_SERVICES: dict[str, frozenset[str]] = {
    "aws": frozenset({"aws-bedrock"}),
    "azure": frozenset({"azure-openai"}),
    "gcp": frozenset({"google-vertex-ai"}),
    "oci": frozenset(),
}
CLOUD_ALIASES: dict[str, str] = {
    "google": "gcp",
    "google-cloud": "gcp",
    "amazon": "aws",
    "microsoft": "azure",
    "oracle": "oci",
}


def cloud(r: Resolved) -> str | None:
    c = (r.profile.cloud_provider or "").strip().lower()
    return CLOUD_ALIASES.get(c, c) or None


def trust_of(rent: Rental) -> str:
    """The rental's trust tier: the KB's, else by provider (RunPod: by its Secure/Community tier)."""
    if rent.trust is not None:
        return rent.trust
    if rent.provider == "runpod":
        return "specialised" if "secure" in (rent.tier or "").lower() else "community"
    return TRUST_BY_PROVIDER.get(rent.provider, "community")


def rental_allowed(rent: Rental, r: Resolved) -> bool:
    if r.sensitivity in ("confidential", "regulated") and trust_of(rent) == "community":
        return False
    own = cloud(r)
    if own is not None and rent.provider != own:
        return False
    if r.profile.residency:
        return bool(rent.regions) and set(rent.regions) <= set(r.profile.residency)
    return True


def rental_key(r: Resolved) -> tuple:
    """Profiles with the same key see the same rentable GPUs (the rental index is built once per key)."""
    return (r.sensitivity in ("confidential", "regulated"), cloud(r), tuple(sorted(r.profile.residency)))


_TERMS = {
    "baa": (msg("a BAA (HIPAA business associate agreement)"), lambda p: p.baa_available),
    "zdr": (
        msg("zero data retention"),
        lambda p: (
            None if p.zero_data_retention == "unknown" else p.zero_data_retention in ("default", "on_request")
        ),
    ),
    "no_training": (
        msg("no training on your data"),
        lambda p: (
            None if p.trains_on_customer_data_by_default is None else not p.trains_on_customer_data_by_default
        ),
    ),
    "dpa": (msg("a data processing agreement"), lambda p: p.dpa_available),
}


def unknown_term(prov: Provider, need: str) -> Msg:
    """ "Whether X offers a BAA is unknown": what the knowledge base lacks is never said as "no"."""
    return msg(
        "Whether {provider} offers {term} is unknown (not in the knowledge base), so it is not used.",
        provider=prov.name,
        term=_TERMS[need][0],
    )


def unknown_residency(prov: Provider, regions: list[str]) -> Msg:
    return msg(
        "Whether {provider} keeps data in {regions} is unknown (not in the knowledge base), so it is not used.",
        provider=prov.name,
        regions=list(regions),
    )


def provider_placement_reasons(prov: Provider, r: Resolved) -> list[Reason]:
    """Residency, vendor terms and the user's cloud for one API provider (codes residency, vendor_terms)."""
    out: list[Reason] = []
    own = cloud(r)
    outside = own is not None and prov.id not in CLOUD_MODEL_SERVICES.get(own, ())
    if outside and r.deployment == "any" and r.sensitivity in ("confidential", "regulated"):
        text = msg(
            "{provider} runs outside your {cloud} account; for this data only services inside it are used.",
            provider=prov.name,
            cloud=own,
        )
        out.append(Reason(code="deployment", text=text))
    wanted = list(r.profile.residency)
    if wanted:
        have = set(prov.residency_regions)
        if not have:
            out.append(Reason(code="residency", text=unknown_residency(prov, wanted)))
        elif not have & set(wanted):
            text = msg(
                "{provider} offers data residency in {have}, not in {regions}.",
                provider=prov.name,
                have=sorted(have),
                regions=list(wanted),
            )
            out.append(Reason(code="residency", text=text))
    for need in r.profile.vendor_requirements:
        what, check = _TERMS[need]
        ok = check(prov)
        if ok is None:
            out.append(Reason(code="vendor_terms", text=unknown_term(prov, need)))
        elif not ok:
            text = msg("{provider} does not offer {term}, which you require.", provider=prov.name, term=what)
            out.append(Reason(code="vendor_terms", text=text))
    return out
