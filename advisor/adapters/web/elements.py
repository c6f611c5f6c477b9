"""Small pure helpers over the contract JSON shared by the card, the chart and the download."""

from __future__ import annotations

from typing import Any


def candidates(rec: dict[str, Any]) -> list[dict[str, Any]]:
    """Primary first, then the alternatives, as the engine ranked them."""
    primary = rec.get("primary")
    return ([primary] if primary else []) + list(rec.get("alternatives") or [])


def report_filename(rec: dict[str, Any]) -> str:
    primary = rec.get("primary") or {}
    slug = "".join(
        c if c.isalnum() or c in "-." else "-" for c in str(primary.get("model_id") or "no-candidate")
    )
    return f"advisor-report-{slug}.md"
