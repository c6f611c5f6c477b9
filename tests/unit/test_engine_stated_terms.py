"""A stated residency or vendor requirement screens vendor APIs, whatever the data's sensitivity."""

from __future__ import annotations

from typing import Any

import pytest
from agent_support import real_kb

from advisor.engine import normalise_profile, recommend
from advisor.engine.placement import provider_placement_reasons as stated_reasons
from advisor.engine.profile import resolve

BASE: dict[str, Any] = {
    "tasks": ["chat"],
    "data_sensitivity": "internal",
    "deployment": "any",
    "volume": {"requests_per_day": 500},
}


def _api_candidates(raw: dict[str, Any]) -> list[dict[str, Any]]:
    kb = real_kb()
    rec = recommend(normalise_profile(raw, kb, source="test"), kb).contract_dict("en")
    shown = [rec.get("primary") or {}, *(rec.get("alternatives") or [])]
    return [c for c in shown if c.get("deployment") == "api"]


def test_a_stated_residency_admits_only_providers_that_process_there() -> None:
    kb = real_kb()
    candidates = _api_candidates({**BASE, "residency": ["jp"]})
    assert candidates
    assert all("jp" in kb.providers[c["provider"]].residency_regions for c in candidates)


@pytest.mark.parametrize(
    ("requirement", "meets"),
    [
        ("zdr", lambda p: p.zero_data_retention in ("default", "on_request")),
        ("no_training", lambda p: p.trains_on_customer_data_by_default is False),
        ("baa", lambda p: p.baa_available is True),
    ],
)
def test_a_stated_vendor_requirement_admits_only_providers_that_show_it(requirement: str, meets: Any) -> None:
    kb = real_kb()
    candidates = _api_candidates({**BASE, "vendor_requirements": [requirement]})
    assert all(meets(kb.providers[c["provider"]]) for c in candidates)


def test_the_reasons_carry_their_codes() -> None:
    kb = real_kb()
    r = resolve(
        normalise_profile({**BASE, "residency": ["jp"], "vendor_requirements": ["baa"]}, kb, source="test"),
        kb,
    )
    lacking = next(
        p for p in kb.providers.values() if "jp" not in p.residency_regions and not p.baa_available
    )
    assert {x.code for x in stated_reasons(lacking, r)} == {"residency", "vendor_terms"}
