"""Hand-made recommendation candidates in the contract's shape, for tests of the faces (Slack, web)
and of the transcript checks: one self-hosted open model and one vendor API, each field overridable."""

from __future__ import annotations

from typing import Any


def self_hosted_candidate(model_id: str = "qwen2.5-32b-instruct", **over: Any) -> dict[str, Any]:
    """Qwen2.5 32B at int4 on one of the user's A100s; ``over`` replaces any field."""
    base: dict[str, Any] = {
        "model_id": model_id,
        "name": "Qwen2.5 32B Instruct",
        "family": "qwen",
        "vendor": "alibaba",
        "open_weights": True,
        "deployment": "self_hosted",
        "provider": None,
        "quantization": "int4",
        "hardware": {"gpu": "nvidia-a100-80gb", "count": 1, "vram_needed_gb": 24.6, "vram_available_gb": 80},
        "fits_hardware": True,
        "context_window": 131072,
        "monthly_cost_usd": 0.0,
        "licence": {"id": "apache-2.0", "commercial_use": True, "conditions": []},
        "score": 0.8,
        "reasons": [],
        "sources": [],
    }
    return {**base, **over}


def api_candidate(model_id: str = "gpt-4o", provider: str = "openai-api", **over: Any) -> dict[str, Any]:
    """A closed model behind its vendor's API (no hardware, proprietary terms)."""
    api = {
        "family": "gpt",
        "open_weights": False,
        "deployment": "api",
        "provider": provider,
        "quantization": None,
        "hardware": None,
        "fits_hardware": None,
        "licence": {"id": "proprietary", "commercial_use": True, "conditions": []},
    }
    return self_hosted_candidate(model_id, **{**api, **over})
