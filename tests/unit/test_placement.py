"""Where it may run (issue 12, part 5): trust tiers, the user's own cloud, residency, vendor terms.
An unknown fact never satisfies a requirement and is said to be unknown, never "no"."""

from __future__ import annotations

import datetime as dt

from advisor.engine import normalise_profile, recommend
from advisor.engine.placement import provider_placement_reasons, rental_allowed, trust_of
from advisor.engine.profile import resolve
from advisor.i18n import render
from advisor.kb.loader import get_kb
from advisor.kb.schema import Rental

KB = get_kb()
TODAY = dt.date(2026, 11, 30)


def rec(**raw):
    return recommend(normalise_profile(raw, KB), KB, today=TODAY)


def resolved(**raw):
    return resolve(normalise_profile(raw, KB), KB)


def _shown(r):
    return [c for c in [r.primary, *r.alternatives] if c is not None]


def test_trust_tiers_with_a_strict_default() -> None:
    assert trust_of(Rental(provider="vast.ai", usd_per_hour=1.0)) == "community"
    assert trust_of(Rental(provider="runpod", usd_per_hour=1.0, tier="Community Cloud")) == "community"
    assert trust_of(Rental(provider="runpod", usd_per_hour=1.0, tier="Secure Cloud")) == "specialised"
    assert trust_of(Rental(provider="aws", usd_per_hour=1.0)) == "hyperscaler"
    assert trust_of(Rental(provider="never-heard-of", usd_per_hour=1.0)) == "community"  # unknown: strictest
    assert (
        trust_of(Rental(provider="vast.ai", usd_per_hour=1.0, trust="specialised")) == "specialised"
    )  # KB wins


def test_confidential_data_never_goes_to_a_community_marketplace() -> None:
    r = rec(
        tasks=["summarization"],
        data_sensitivity="confidential",
        deployment="private_cloud",
        region="eu",
        volume={"requests_per_day": 2000, "input_tokens": 3000, "output_tokens": 400},
    )
    rented = [c.hardware for c in _shown(r) if c.hardware is not None and c.hardware.rented]
    assert rented, "expected rented self-hosting plans for a private-cloud profile"
    for hw in rented:
        offers = [x for x in KB.gpus[hw.gpu].rental if x.provider == hw.rental_provider]
        assert any(trust_of(x) != "community" for x in offers)
        assert hw.rental_provider != "vast.ai"
    internal = resolved(data_sensitivity="internal")
    assert rental_allowed(Rental(provider="vast.ai", usd_per_hour=1.0), internal)


def test_own_cloud_keeps_gpus_inside_it_and_private_cloud_takes_no_vendor_api() -> None:
    # private_cloud is infrastructure the user controls (the contract): no vendor API, not even the
    # cloud's own managed model service, which runs on the vendor's side (fail safe)
    r = rec(tasks=["chat"], data_sensitivity="confidential", deployment="private_cloud", cloud_provider="aws")
    assert _shown(r) and all(c.deployment == "self_hosted" for c in _shown(r))
    for c in _shown(r):
        if c.hardware is not None and c.hardware.rented:
            assert c.hardware.rental_provider == "aws"


def test_confidential_data_with_vendor_apis_allowed_stays_in_the_own_cloud_service() -> None:
    r = rec(tasks=["chat"], data_sensitivity="confidential", cloud_provider="aws")
    apis = [c for c in _shown(r) if c.deployment == "api"]
    assert apis and all(c.provider == "aws-bedrock" for c in apis)


def test_residency_is_enforced_whatever_the_sensitivity_and_unknown_is_said_as_unknown() -> None:
    r = resolved(tasks=["chat"], data_sensitivity="public", residency=["jp"])
    openai = provider_placement_reasons(KB.providers["openai-api"], r)
    assert openai == []  # openai-api lists jp
    anthropic = provider_placement_reasons(KB.providers["anthropic-api"], r)
    assert [x.code for x in anthropic] == ["residency"] and "not in jp" in str(anthropic[0].text)
    bedrock = provider_placement_reasons(KB.providers["aws-bedrock"], r)
    assert [x.code for x in bedrock] == ["residency"] and "unknown" in str(bedrock[0].text)
    shown = _shown(rec(tasks=["chat"], data_sensitivity="public", residency=["jp"]))
    for c in shown:
        if c.deployment == "api":
            assert "jp" in KB.providers[c.provider].residency_regions


def test_vendor_requirements_are_enforced_with_unknown_never_a_yes() -> None:
    r = resolved(tasks=["chat"], vendor_requirements=["baa"])
    assert provider_placement_reasons(KB.providers["openai-api"], r) == []
    vertex = provider_placement_reasons(KB.providers["google-vertex-ai"], r)
    assert [x.code for x in vertex] == ["vendor_terms"] and "unknown" in str(vertex[0].text)
    for c in _shown(rec(tasks=["chat"], vendor_requirements=["baa", "zdr"])):
        if c.deployment == "api":
            p = KB.providers[c.provider]
            assert p.baa_available is True and p.zero_data_retention in ("default", "on_request")


def test_japanese_wording_of_an_unknown_fact() -> None:
    r = resolve(normalise_profile({"vendor_requirements": ["baa"]}, KB), KB)
    (reason,) = provider_placement_reasons(KB.providers["google-vertex-ai"], r)
    assert "不明" in render(reason.text, "ja")


def test_regulated_hipaa_with_an_unknown_baa_says_unknown_not_no() -> None:
    r = resolved(tasks=["chat"], data_sensitivity="regulated", regulations=["hipaa"])
    from advisor.engine.data_policy import provider_reasons

    texts = [str(x.text) for x in provider_reasons(KB.providers["google-vertex-ai"], r)]
    assert any("unknown" in t and "BAA" in t for t in texts)
    assert not any("does not offer" in t for t in texts)
