"""An independent oracle: every candidate shown satisfies the profile's hard constraints.

Transcripts check what their author thought of; this check runs on every one without being told.
It re-derives each hard rule from the normalised profile and the knowledge base (not from the
engine's own screening), so an engine bug that lets a forbidden candidate through is caught here:
a vendor API for data that may not leave the user's servers, a provider that trains on customer
data for confidential data, a requirement (BAA, zero retention, residency) an API cannot show, a
community GPU marketplace for confidential data, a licence that forbids commercial use.
An unknown fact never satisfies a requirement.
"""

from __future__ import annotations

from typing import Any

from advisor.kb.loader import KnowledgeBase

_OWN_INFRA = ("private_cloud", "on_prem", "air_gapped")
_OWN_HARDWARE = ("on_prem", "air_gapped")
_SENSITIVE = ("confidential", "regulated")


def _vendor_gaps(provider: Any, requirements: list[str]) -> list[str]:
    """The stated vendor requirements this provider's known terms do not meet."""
    met = {
        "baa": provider.baa_available is True,
        "zdr": provider.zero_data_retention in ("default", "on_request"),
        "no_training": provider.trains_on_customer_data_by_default is False,
        "dpa": getattr(provider, "dpa_available", None) is True,
    }
    return [r for r in requirements if not met.get(r, False)]


def _rental(kb: KnowledgeBase, hardware: dict[str, Any]) -> Any:
    gpu = kb.gpus.get(str(hardware.get("gpu")))
    name = hardware.get("rental_provider")
    if gpu is None or not name:
        return None
    offers = [r for r in gpu.rental if r.provider == name]
    rate = hardware.get("usd_per_hour")
    # one provider can rent the same card in several tiers (RunPod secure and community): the
    # plan's hourly price says which one it chose; when it cannot, judge by the least trusted
    exact = [r for r in offers if isinstance(rate, int | float) and abs(r.usd_per_hour - rate) < 1e-9]
    trust = {"community": 0, None: 1, "specialised": 2, "hyperscaler": 3}
    return min(exact or offers, key=lambda r: trust.get(getattr(r, "trust", None), 1), default=None)


def _candidate_failures(c: dict[str, Any], role: str, rules: dict[str, Any], kb: KnowledgeBase) -> list[str]:
    out: list[str] = []
    name = f"{role} '{c.get('model_id')}'"
    deployment, sensitivity = rules.get("deployment"), rules.get("data_sensitivity")
    if c.get("deployment") == "api":
        if deployment in _OWN_INFRA:
            out.append(f"{name} is a vendor API, but data may run only on {deployment}")
        provider = kb.providers.get(str(c.get("provider")))
        if provider is not None:
            if sensitivity in _SENSITIVE and provider.trains_on_customer_data_by_default is not False:
                out.append(
                    f"{name} goes to '{provider.id}', whose training on customer data is "
                    f"{'on by default' if provider.trains_on_customer_data_by_default else 'unknown'}, "
                    f"for {sensitivity} data"
                )
            gaps = _vendor_gaps(provider, list(rules.get("vendor_requirements") or []))
            if gaps:
                out.append(f"{name} goes to '{provider.id}', which does not show {gaps}")
            residency = list(rules.get("residency") or [])
            if residency and not set(residency) & set(provider.residency_regions):
                out.append(f"{name} goes to '{provider.id}', which shows no processing in {residency}")
    hardware = c.get("hardware") or {}
    if c.get("deployment") == "self_hosted":
        if c.get("fits_hardware") is False:
            out.append(f"{name} does not fit the hardware it is planned on")
        rented = bool(hardware.get("rented")) or bool(hardware.get("rental_provider"))
        if rented and deployment in _OWN_HARDWARE:
            out.append(f"{name} runs on rented GPUs, but data may run only on {deployment}")
        rental = _rental(kb, hardware) if rented else None
        if rental is not None and sensitivity in _SENSITIVE and getattr(rental, "trust", None) == "community":
            out.append(
                f"{name} runs on a community GPU marketplace ('{rental.provider}') for {sensitivity} data"
            )
    licence = c.get("licence") or {}
    if rules.get("commercial_use") is True and licence.get("commercial_use") is False:
        out.append(f"{name} has licence '{licence.get('id')}', which forbids commercial use")
    need = rules.get("context_tokens")
    window = c.get("context_window")
    if isinstance(need, int | float) and isinstance(window, int | float) and window < need:
        out.append(f"{name} holds {window} tokens, less than the longest input {need}")
    return out


def hard_constraint_failures(rec: dict[str, Any], kb: KnowledgeBase) -> list[str]:
    """One line per shown candidate that breaks a hard constraint (primary, alternatives, hybrid routes)."""
    profile = rec.get("profile") or {}
    shown = [("primary", rec.get("primary"))] + [("alternative", a) for a in rec.get("alternatives") or []]
    out: list[str] = []
    for role, cand in shown:
        if cand:
            out += _candidate_failures(cand, role, profile, kb)
    workloads = {w.get("name"): w for w in profile.get("workloads") or []}
    for route in (rec.get("hybrid") or {}).get("routes") or []:
        own = workloads.get(route.get("workload")) or {}
        rules = {**profile, **{k: v for k, v in own.items() if k in ("data_sensitivity", "deployment") and v}}
        model = kb.models.get(str(route.get("model_id")))
        cand = {**route, "context_window": model.context_window if model else None}
        out += _candidate_failures(cand, f"hybrid route '{route.get('workload')}'", rules, kb)
    return [f"hard_constraints: {line}" for line in out]
