"""The cost chart: the engine's own numbers, one break-even, log axes, a budget line, yen for Japanese."""

from __future__ import annotations

import math
from typing import Any

from web_fakes import recommendation

from advisor.adapters.web import costchart, elements


def linear_costs(cand: dict[str, Any], rpd: float) -> float | None:
    """API grows with volume, self-hosting is flat: they cross at 30,000 requests/day."""
    return 600.0 if cand["deployment"] == "self_hosted" else rpd * 0.02


def test_volumes_span_two_decades_around_the_users_volume() -> None:
    assert costchart.base_volume(recommendation()) == 500
    volumes = costchart.sample_volumes(500)
    assert volumes[0] == 5 and volumes[-1] == 50000 and 500 in volumes
    assert costchart.base_volume({"profile": {}}) == costchart.DEFAULT_REQUESTS_PER_DAY


def test_break_even_is_where_cheapest_api_meets_cheapest_self_hosted() -> None:
    curve = costchart.cost_curve(recommendation(), linear_costs, "en")
    assert curve is not None and len(curve.series) == 2
    assert curve.break_even is not None and math.isclose(curve.break_even, 30000, rel_tol=0.15)
    api = next(s for s in curve.series if s.deployment == "api")
    assert api.costs == tuple(v * 0.02 for v in api.volumes)


def test_the_engines_break_even_wins_so_chart_and_text_agree() -> None:
    rec = recommendation()
    rec["primary"]["cost"] = {"break_even_requests_per_day": 1950.0}
    curve = costchart.cost_curve(rec, linear_costs, "en")
    assert curve is not None and curve.break_even == 1950.0


def test_no_crossing_no_break_even_and_unknown_costs_drop_the_line() -> None:
    cheap_api = costchart.cost_curve(
        recommendation(), lambda c, v: 1e9 if c["deployment"] == "self_hosted" else v, "en"
    )
    assert cheap_api is not None and cheap_api.break_even is None
    only_api = costchart.cost_curve(
        recommendation(), lambda c, v: None if c["deployment"] == "self_hosted" else v, "en"
    )
    assert only_api is not None and [s.deployment for s in only_api.series] == ["api"]
    assert costchart.cost_curve(recommendation(), lambda c, v: None, "en") is None


def test_figure_is_log_log_with_distinct_lines_a_budget_and_yen() -> None:
    curve = costchart.cost_curve(recommendation(), linear_costs, "ja")
    assert curve is not None
    fig = costchart.build_figure(curve, "ja", budget_usd=1000.0, usd_per_unit=0.0067)
    assert [tr.name for tr in fig.data] == ["Qwen2.5 32B Instruct (自社運用)", "GPT-4o mini | fast (API)"]
    assert fig.layout.xaxis.type == "log" and fig.layout.yaxis.type == "log"
    assert "JPY" in fig.layout.yaxis.title.text
    colours = {tr.line.color for tr in fig.data}
    symbols = {tr.marker.symbol for tr in fig.data}
    assert len(colours) == len(symbols) == 2  # equal costs still read as two lines
    own = fig.data[0]
    assert math.isclose(own.y[0], 600 / 0.0067, rel_tol=1e-9)  # yen at the given dated rate
    [budget] = [s for s in fig.layout.shapes if s.type == "line" and s.y0 == s.y1]
    assert math.isclose(budget.y0, 1000 / 0.0067)
    notes = {a.text: a.x for a in fig.layout.annotations}
    assert math.isclose(notes["想定処理量"], math.log10(500))
    assert any(k.startswith("損益分岐") and "30,000" in k for k in notes)
    assert fig.layout.paper_bgcolor == "rgba(0,0,0,0)"  # readable in the dark theme


def test_monthly_cost_reads_the_engine_estimate_for_the_candidates_deployment() -> None:
    estimate = {
        "api": [{"provider": "groq", "usd_month": 5.0}, {"provider": "openai", "usd_month": 9.5}],
        "self_hosted": {"usd_month": 730.0, "gpu": "nvidia-l4", "count": 1},
    }
    rec = recommendation()
    primary, alt = rec["primary"], rec["alternatives"][0]
    assert costchart.monthly_cost(estimate, primary) == 730.0
    assert costchart.monthly_cost(estimate, alt) == 9.5
    assert costchart.monthly_cost(estimate, {**alt, "provider": "azure"}) == 5.0
    assert costchart.monthly_cost({"api": [], "self_hosted": None}, primary) is None


def test_chart_from_the_real_engine_agrees_with_the_card() -> None:
    from advisor.engine import normalise_profile, recommend
    from advisor.kb.loader import get_kb

    kb = get_kb()
    profile = normalise_profile(
        {
            "tasks": ["coding"],
            "data_sensitivity": "internal",
            "budget_usd_month": 200,
            "volume": {"requests_per_day": 1000},
        },
        kb,
    )
    rec = recommend(profile, kb).model_dump(mode="json")
    curve = costchart.cost_curve(rec, costchart.engine_cost_fn(rec), "en")
    assert curve is not None and curve.user_volume == 1000
    at_user = curve.series[0].volumes.index(1000)
    by_label = {s.label: s for s in curve.series}
    for cand in elements.candidates(rec):
        series = by_label[costchart.series_label(cand, "en")]
        assert math.isclose(series.costs[at_user], cand["monthly_cost_usd"], abs_tol=0.01)
        assert list(series.costs) == sorted(series.costs)
