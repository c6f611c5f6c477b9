"""Counts over the knowledge base for ``advisor kb stats``: coverage and how well it is sourced.

The contract keys (see kb-stats.schema.json) come first; the rest are optional extras. Missing
sources and dates are counted rather than rejected, so load the KB with ``require_sources=False``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from advisor.kb.loader import KnowledgeBase
from advisor.kb.schema import Model, Price
from advisor.kb.today import judged_today

CONTRACT_KEYS: tuple[str, ...] = (
    "models", "open_weights_models", "licences", "prices", "gpus", "providers",
    "missing_source", "missing_as_of", "oldest_as_of",
    "prices_oldest_as_of", "fx_as_of", "retired_models",  # additions of 2026-11-30
)


def _span(models: list[Model]) -> tuple[float | None, float | None]:
    sizes = [m.params_total_b for m in models if m.params_total_b is not None]
    return (min(sizes), max(sizes)) if sizes else (None, None)


def _in_force(kb: KnowledgeBase, today: dt.date) -> dict[str, list[Price]]:
    """Per model, the prices the engine would use today (superseded history left out)."""
    return {m: kb.current_prices(m, today) for m in kb.models}


def compute_stats(kb: KnowledgeBase, today: dt.date | None = None) -> dict[str, Any]:
    """``today`` (default: the calendar) decides which prices are in force and which models retired."""
    from advisor.engine.lifecycle import is_retired

    day = judged_today(today)
    in_force = _in_force(kb, day)
    price_dates = [p.as_of for ps in in_force.values() for p in ps if p.as_of is not None]
    fx_dates = [r.as_of for r in kb.fx.values() if r.as_of is not None]
    entities = list(kb.all_entities())
    dates = [d for e in entities if (d := getattr(e, "as_of", None)) is not None]
    models = list(kb.models.values())
    smallest, largest = _span([m for m in models if m.open_weights])
    return {
        "models": len(models),
        "open_weights_models": sum(m.open_weights for m in models),
        "licences": len(kb.licences),
        "prices": len(kb.prices),
        "gpus": len(kb.gpus),
        "providers": len(kb.providers),
        "missing_source": sum(getattr(e, "source", None) is None for e in entities),
        "missing_as_of": sum(getattr(e, "as_of", None) is None for e in entities),
        "oldest_as_of": min(dates).isoformat() if dates else None,
        "prices_oldest_as_of": min(price_dates).isoformat() if price_dates else None,
        "fx_as_of": min(fx_dates).isoformat() if fx_dates else None,
        "retired_models": sum(is_retired(m, {p.provider for p in in_force[m.id]}, day) for m in models),
        # optional extras
        "newest_as_of": max(dates).isoformat() if dates else None,
        "kb_version": kb.version,
        "families": len({m.family for m in models}),
        "japanese_specialised_models": sum(bool(m.japanese and m.japanese.specialised) for m in models),
        "open_weights_params_b_min": smallest,
        "open_weights_params_b_max": largest,
        "models_with_price": sum(bool(in_force[m.id]) for m in models),
        "prices_in_force": sum(len(ps) for ps in in_force.values()),
        "judged_on": day.isoformat(),
        "unmapped_prices": sum(p.unmapped for p in kb.prices),
        "subscriptions": len(kb.subscriptions),
        "fx_rates": len(kb.fx),
        "tasks": len(kb.tasks),
    }


_LABELS: dict[str, str] = {
    "models": "models",
    "open_weights_models": "  open weights",
    "japanese_specialised_models": "  Japanese-specialised",
    "families": "  families",
    "models_with_price": "  with an API price",
    "licences": "licences",
    "prices": "prices (USD per 1M tokens)",
    "prices_in_force": "  in force today",
    "prices_oldest_as_of": "  oldest in force",
    "unmapped_prices": "  unmapped imports",
    "subscriptions": "subscriptions",
    "gpus": "GPUs",
    "providers": "providers",
    "fx_rates": "FX rates",
    "fx_as_of": "  oldest FX rate",
    "retired_models": "models retired everywhere",
    "tasks": "tasks",
    "missing_source": "entries missing a source",
    "missing_as_of": "entries missing a date",
    "oldest_as_of": "oldest fact",
    "newest_as_of": "newest fact",
    "kb_version": "version",
    "judged_on": "judged on",
}


def render_table(stats: dict[str, Any]) -> str:
    """A two-column table for people; scripts use ``--json``."""
    rows = [(label, stats[key]) for key, label in _LABELS.items()]
    low, high = stats["open_weights_params_b_min"], stats["open_weights_params_b_max"]
    if low is not None:
        rows.insert(2, ("  parameters (open)", f"{low:g}B to {high:g}B"))
    width = max(len(label) for label, _ in rows)
    return "\n".join(f"{label:<{width}}  {'-' if value is None else value}" for label, value in rows)
