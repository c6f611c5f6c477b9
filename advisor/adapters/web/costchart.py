"""Monthly cost against daily volume, API vs self-hosted, with the break-even point.

The curve's numbers come from the engine's own cost function evaluated at scaled volumes (passed
in as ``cost_fn``), never from a formula of ours; this module only samples volumes, finds where the
cheapest API and the cheapest self-hosted line cross, and draws the Plotly figure.
"""

from __future__ import annotations

import copy
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from advisor.adapters.web.elements import candidates
from advisor.adapters.web.i18n import Lang, t

if TYPE_CHECKING:
    import plotly.graph_objects as go

# (candidate from the recommendation JSON, requests per day) -> USD per month, or None when unknown.
CostFn = Callable[[dict[str, Any], float], float | None]

# Multiples of the user's own volume: two decades either side shows where the lines cross.
VOLUME_FACTORS: tuple[float, ...] = (0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0, 30.0, 100.0)
DEFAULT_REQUESTS_PER_DAY = 1000.0


@dataclass(frozen=True)
class Series:
    label: str
    deployment: str  # "api" | "self_hosted"
    volumes: tuple[float, ...]
    costs: tuple[float, ...]


@dataclass(frozen=True)
class CostCurve:
    series: tuple[Series, ...]
    user_volume: float
    break_even: float | None  # requests/day where the cheapest API and self-hosted costs meet


def base_volume(rec: dict[str, Any]) -> float:
    volume = (rec.get("profile") or {}).get("volume") or {}
    rpd = volume.get("requests_per_day")
    return float(rpd) if rpd else DEFAULT_REQUESTS_PER_DAY


def sample_volumes(base: float, factors: Sequence[float] = VOLUME_FACTORS) -> tuple[float, ...]:
    return tuple(sorted({round(base * f, 6) for f in factors if base * f > 0}))


def series_label(cand: dict[str, Any], lang: Lang) -> str:
    name = cand.get("name") or cand.get("model_id", "?")
    kind = t("api", lang) if cand.get("deployment") == "api" else t("self_hosted", lang)
    return f"{name} ({kind})"


def plotted_variants(rec: dict[str, Any]) -> list[dict[str, Any]]:
    """Each candidate as the engine deploys it, plus self-hosting for open-weights models offered as
    an API: that is the API-vs-self-hosted choice the chart is there to show."""
    out: list[dict[str, Any]] = []
    for cand in candidates(rec):
        out.append(cand)
        if cand.get("open_weights") and cand.get("deployment") == "api":
            out.append({**cand, "deployment": "self_hosted", "provider": None})
    return out


def build_series(rec: dict[str, Any], cost_fn: CostFn, lang: Lang) -> tuple[Series, ...]:
    """One line per variant whose cost the engine can compute at every sampled volume; the
    primary's own line comes first."""
    volumes = sample_volumes(base_volume(rec))
    out: list[Series] = []
    for cand in plotted_variants(rec):
        costs = [cost_fn(cand, v) for v in volumes]
        known = [float(c) for c in costs if c is not None and math.isfinite(c)]
        if len(known) == len(volumes):
            out.append(Series(series_label(cand, lang), str(cand.get("deployment")), volumes, tuple(known)))
    return tuple(out)


def _lower_envelope(series: Sequence[Series], deployment: str) -> list[float] | None:
    chosen = [s for s in series if s.deployment == deployment]
    if not chosen:
        return None
    return [min(s.costs[i] for s in chosen) for i in range(len(chosen[0].volumes))]


def _crossing(volumes: Sequence[float], a: Sequence[float], b: Sequence[float]) -> float | None:
    """First volume where line a meets line b, linear between samples (the engine's costs are linear
    or step up in volume)."""
    diff = [x - y for x, y in zip(a, b, strict=True)]
    for i in range(1, len(volumes)):
        d0, d1 = diff[i - 1], diff[i]
        if d0 == 0:
            return volumes[i - 1]
        if (d0 < 0) != (d1 < 0) or d1 == 0:
            x0, x1 = volumes[i - 1], volumes[i]
            return x0 + (x1 - x0) * (d0 / (d0 - d1))
    return None


def find_break_even(series: Sequence[Series], primary_label: str | None = None) -> float | None:
    """Where the recommended option stops being the cheaper of API and self-hosting: its own line
    against the cheapest line of the other kind (without a primary, cheapest against cheapest)."""
    if not series:
        return None
    volumes = series[0].volumes
    primary = next((s for s in series if s.label == primary_label), None)
    if primary is not None:
        other = _lower_envelope(series, "self_hosted" if primary.deployment == "api" else "api")
        return _crossing(volumes, primary.costs, other) if other is not None else None
    api, own = _lower_envelope(series, "api"), _lower_envelope(series, "self_hosted")
    if api is None or own is None:
        return None
    return _crossing(volumes, api, own)


def engine_break_even(rec: dict[str, Any]) -> float | None:
    """The engine's own break-even for the primary (the figure the text and the JSON give)."""
    cost = (rec.get("primary") or {}).get("cost") or {}
    value = cost.get("break_even_requests_per_day")
    return float(value) if isinstance(value, int | float) and value > 0 else None


def cost_curve(rec: dict[str, Any], cost_fn: CostFn, lang: Lang) -> CostCurve | None:
    """None when no line could be computed (e.g. no candidate): no chart then. The break-even is the
    engine's own figure when it states one, so the chart never contradicts the text."""
    series = build_series(rec, cost_fn, lang)
    if not series:
        return None
    primary = rec.get("primary")
    label = series_label(primary, lang) if primary else None
    break_even = engine_break_even(rec)
    if break_even is None:
        break_even = find_break_even(series, label)
    return CostCurve(series, base_volume(rec), break_even)


_PALETTE = ("#2563eb", "#db2777", "#059669", "#d97706", "#7c3aed", "#0891b2", "#dc2626", "#4b5563")
_SYMBOLS = ("circle", "square", "diamond", "triangle-up", "x", "star", "cross", "hexagon")


def build_figure(
    curve: CostCurve, lang: Lang, budget_usd: float | None = None, usd_per_unit: float | None = None
) -> go.Figure:
    """Log volume against log cost (lines that differ by 10x stay apart), each line its own colour,
    marker and dash so equal costs remain distinguishable; the budget as a line; amounts in yen for
    Japanese readers when a dated rate is given; transparent so it reads in light and dark themes."""
    import plotly.graph_objects as go

    scale = 1 / usd_per_unit if usd_per_unit else 1.0
    currency = "JPY" if usd_per_unit else "USD"
    fig = go.Figure()
    for i, s in enumerate(curve.series):
        floor = [max(c * scale, 0.01) for c in s.costs]  # $0 (owned hardware) sits on the log axis' floor
        fig.add_trace(
            go.Scatter(
                x=list(s.volumes),
                y=floor,
                name=s.label,
                mode="lines+markers",
                line={
                    "dash": "solid" if s.deployment == "api" else "dash",
                    "color": _PALETTE[i % len(_PALETTE)],
                    "width": 2 + (len(curve.series) - i) * 0.4,
                },
                marker={"symbol": _SYMBOLS[i % len(_SYMBOLS)], "size": 8},
            )
        )
    marks = [(curve.user_volume, t("your_volume", lang), "#6b7280", "dot")]
    if curve.break_even is not None:
        marks.append(
            (curve.break_even, t("break_even", lang, n=f"{curve.break_even:,.0f}"), "#dc2626", "solid")
        )
    for x, text, colour, dash in marks:
        fig.add_vline(x=x, line={"color": colour, "dash": dash})
        fig.add_annotation(
            x=math.log10(x),
            xref="x",
            y=1.0,
            yref="paper",
            yanchor="bottom",
            text=text,
            showarrow=False,
            font={"color": colour, "size": 11},
        )
    if budget_usd:
        fig.add_hline(
            y=budget_usd * scale,
            line={"color": "#16a34a", "dash": "dashdot"},
            annotation_text=t("budget", lang),
            annotation_position="top left",
        )
    fig.update_layout(
        title=t("chart_title", lang),
        xaxis_title=t("chart_x", lang),
        yaxis_title=t("chart_y", lang, currency=currency),
        xaxis_type="log",
        yaxis_type="log",
        height=520,
        paper_bgcolor="rgba(0,0,0,0)",
        plot_bgcolor="rgba(0,0,0,0)",
        font={"family": "system-ui, sans-serif", "color": "#888"},
        legend={"orientation": "h", "y": -0.25, "font": {"size": 11}},
        margin={"l": 60, "r": 20, "t": 80, "b": 40},
    )
    grid = {"gridcolor": "rgba(128,128,128,0.25)", "zerolinecolor": "rgba(128,128,128,0.25)"}
    fig.update_xaxes(**grid)
    fig.update_yaxes(**grid)
    return fig


def engine_cost_fn(rec: dict[str, Any]) -> CostFn:
    """The engine's ``estimate_cost`` for this recommendation's profile with only the volume changed."""
    from advisor.engine import estimate_cost
    from advisor.kb.loader import get_kb

    kb = get_kb()
    base = rec.get("profile") or {}
    estimates: dict[tuple[str, float], dict[str, Any]] = {}  # API and self-hosted lines share one call

    def cost_at(cand: dict[str, Any], requests_per_day: float) -> float | None:
        key = (str(cand.get("model_id")), requests_per_day)
        if key not in estimates:
            raw = copy.deepcopy(base)
            raw["volume"] = {**(raw.get("volume") or {}), "requests_per_day": requests_per_day}
            estimates[key] = estimate_cost(kb, key[0], raw)
        return monthly_cost(estimates[key], cand)

    return cost_at


def monthly_cost(estimate: dict[str, Any], cand: dict[str, Any]) -> float | None:
    """The figure of ``estimate_cost``'s result that matches how the candidate is deployed
    (its own API provider, else the cheapest; or the self-hosted plan)."""
    if cand.get("deployment") == "self_hosted":
        hosted = estimate.get("self_hosted") or {}
        value = hosted.get("usd_month")
    else:
        offers = estimate.get("api") or []
        mine = [o for o in offers if o.get("provider") == cand.get("provider")] or offers
        value = mine[0].get("usd_month") if mine else None
    return float(value) if isinstance(value, int | float) else None
