"""Turning the engine's Recommendation into the answer the user reads.

Offline the answer is the engine's own Markdown in the user's language. With an LLM the prose is
written from a compact digest of the Recommendation (never a KB dump) in the graph's tool-calling
loop (writing.py), and must then pass the grounding and constraint checks, or the template stays.
"""

from __future__ import annotations

from typing import Any


def _candidate_digest(c: dict[str, Any], reasons: int = 4) -> dict[str, Any]:
    keys = (
        "model_id",
        "name",
        "deployment",
        "provider",
        "quantization",
        "fits_hardware",
        "context_window",
        "monthly_cost_usd",
        "score",
    )
    out = {k: c.get(k) for k in keys if c.get(k) is not None}
    if c.get("hardware"):
        out["hardware"] = {k: c["hardware"].get(k) for k in ("gpu", "count", "vram_needed_gb", "rented")}
    out["licence"] = (c.get("licence") or {}).get("id")
    out["reasons"] = list(c.get("reasons") or [])[:reasons]
    return out


def compact(value: Any, depth: int = 0) -> Any:
    """Tool output trimmed for a prompt: no source lists or long assumption lists, short lists."""
    if isinstance(value, dict):
        return {
            k: compact(v, depth + 1)
            for k, v in value.items()
            if k not in ("sources", "source", "assumptions", "benchmarks", "basis", "method", "notes")
        }
    if isinstance(value, list):
        return [compact(v, depth + 1) for v in value[:6]]
    return value


def digest(rec: dict[str, Any]) -> dict[str, Any]:
    """The facts the explanation may use: small enough for any prompt, complete enough to explain."""
    return {
        "primary": _candidate_digest(rec["primary"]) if rec.get("primary") else None,
        "alternatives": [_candidate_digest(c, 2) for c in rec.get("alternatives") or []],
        "excluded": [
            {"model_id": e.get("model_id"), "reasons": [r.get("text") for r in e.get("reasons", [])][:1]}
            for e in (rec.get("excluded") or [])[:5]
        ],
        "hybrid": rec.get("hybrid"),
        "warnings": [w.get("text") for w in rec.get("warnings") or []],
        "constraints": {
            k: v
            for k, v in (rec.get("profile") or {}).items()
            if k in ("data_sensitivity", "deployment", "residency", "vendor_requirements", "region")
            and v not in (None, [], "")
        },
    }


def offline_text(rec: dict[str, Any], kb: Any, lang: str) -> str:
    from advisor.engine import render_markdown
    from advisor.engine.models import Recommendation

    return str(render_markdown(Recommendation.model_validate(rec), kb, lang))
