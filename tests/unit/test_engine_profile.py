"""Profile normalisation, GPU name resolution and stated defaults (fixture KB)."""

from __future__ import annotations

import pytest
from engine_fixtures import make_kb
from message_probes import words

from advisor.engine import DEFAULTS, normalise_profile, resolve_gpu
from advisor.engine.profile import resolve
from advisor.kb.errors import InputError

KB = make_kb()


@pytest.mark.parametrize(
    ("name", "gpu_id"),
    [
        ("nvidia-a100-80gb", "nvidia-a100-80gb"),
        ("A100 80GB", "nvidia-a100-80gb"),
        ("a100 80 gb", "nvidia-a100-80gb"),
        ("RTX 4090", "nvidia-rtx-4090"),
        ("NVIDIA GeForce RTX 4090", "nvidia-rtx-4090"),
        ("H100", "nvidia-h100-sxm"),
        ("M2 16GB", "apple-m2-16gb"),
        ("Apple M2 16 GB", "apple-m2-16gb"),
    ],
)
def test_resolve_gpu_by_id_and_common_name(name: str, gpu_id: str) -> None:
    assert resolve_gpu(name, KB).id == gpu_id


def test_unknown_gpu_lists_nearest() -> None:
    with pytest.raises(InputError) as exc:
        resolve_gpu("RTX 4080", KB)
    msg = str(exc.value)
    assert "unknown GPU 'RTX 4080'" in msg and "nvidia-rtx-4090" in msg


def test_normalise_resolves_and_merges_hardware() -> None:
    p = normalise_profile({"hardware": [{"gpu": "RTX 4090"}, {"gpu": "nvidia-rtx-4090", "count": 2}]}, KB)
    assert [(h.gpu, h.count) for h in p.hardware] == [("nvidia-rtx-4090", 3)]


def test_budget_in_yen_converted_and_stated() -> None:
    p = normalise_profile({"budget": {"amount": 300000, "currency": "JPY"}}, KB)
    assert p.budget_usd_month == pytest.approx(2010.0)
    notes = resolve(p, KB).assumptions
    assert any("300,000 JPY" in words(n) and "0.0067" in words(n) and "fixture" in words(n) for n in notes)


def test_normalise_is_idempotent() -> None:
    raw = {
        "tasks": ["chat", "chat"],
        "hardware": [{"gpu": "H100", "count": 2}],
        "region": " EU ",
        "regulations": ["GDPR"],
        "budget": {"amount": 1000, "currency": "JPY"},
    }
    once = normalise_profile(raw, KB)
    twice = normalise_profile(once.contract_dict(), KB)
    assert once == twice
    assert once.region == "eu" and once.regulations == ["gdpr"] and once.tasks == ["chat"]


def test_unknown_currency_is_an_error() -> None:
    with pytest.raises(InputError, match="unknown currency 'XYZ'"):
        normalise_profile({"budget": {"amount": 5, "currency": "XYZ"}}, KB)


def test_every_missing_field_is_stated_as_an_assumption() -> None:
    r = resolve(normalise_profile({}, KB), KB)
    text = " ".join(words(a) for a in r.assumptions)
    for key in (
        "volume",
        "deployment",
        "latency",
        "commercial_use",
        "data_sensitivity",
        "tasks",
        "languages",
    ):
        assert DEFAULTS[key]["why"] in text, key
    assert r.deployment == "any" and r.commercial is True and r.sensitivity == "internal"


def test_on_prem_never_rents_even_when_allowed() -> None:
    r = resolve(normalise_profile({"deployment": "on_prem", "can_rent_gpus": True}, KB), KB)
    assert r.can_rent is False
    assert any("rental not considered" in words(a) for a in r.assumptions)


def test_long_context_need_sets_a_stated_length() -> None:
    r = resolve(normalise_profile({"needs": ["long_context"]}, KB), KB)
    assert r.context_tokens == 128_000
