"""Fast screening of every model against the model-level hard constraints, plus score bounds.

Ranking 10,000 models must stay under 100 ms, so everything about a model that no profile can
change is flattened once per KB into a slotted ``Static`` record, and the per-profile loop below
touches only locals and those records. ``constraints.model_reasons`` applies the same rules and
writes the sentences; tests check both agree.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import NamedTuple

from advisor.engine import defaults as D
from advisor.engine.hardware import RentalIndex, weights_gb
from advisor.engine.lifecycle import retired_from
from advisor.kb.schema import Model, Price

CAPABILITY_NEEDS = ("tool_calling", "json_output", "reasoning_trace", "fine_tuning")
_EPOCH = 738_521  # 2023-01-01


def refinement(model: Model) -> float:
    """A small nudge inside one quality tier: newer releases and more active parameters tend to do
    better, so ties between same-tier models break on substance, not on id."""
    recency = 0.5
    if model.release_date is not None:
        recency = min(1.0, max(0.0, (model.release_date.toordinal() - _EPOCH) / (3 * 365)))
    size = 0.5
    active = model.params_active_b or model.params_total_b
    if active:
        size = min(1.0, math.log10(1 + active) / 3)
    return D.REFINE_WEIGHT * (recency + size) / 2


@dataclass(frozen=True, slots=True)
class Static:
    """What ranking needs of a model that no profile changes, computed once per KB."""

    model: Model
    id: str
    licence: str
    window: int
    image: bool
    caps: frozenset[str]  # confirmed capabilities (fine-tuning is always possible with open weights)
    retired: int | None  # ordinal of the day it is shut down on every platform pricing it (closed weights)
    eu_multimodal: bool  # under a licence barring EU-domiciled users from multimodal models
    quality: dict[str, int]
    ja: float
    strong: frozenset[str]
    refine: float
    min_in: float | None  # lowest input/output price over providers, batch and cache included:
    min_out: float | None  # a lower bound on any API cost
    int4_gb: float | None  # weights alone at int4: no self-hosted plan can need less
    min_rent_hour: float | None  # cheapest rental configuration that holds int4_gb

    @classmethod
    def of(cls, m: Model, eu_clause: bool, prices: list[Price], rent: RentalIndex) -> Static:
        ins = [x for p in prices for x in (p.input, p.batch_input, p.cached_input) if x is not None]
        outs = [x for p in prices for x in (p.output, p.batch_output) if x is not None]
        int4 = weights_gb(m, "int4") if m.open_weights and m.params_total_b else None
        hour = next((row[0] for row in rent.rows if row[5] >= int4), None) if int4 is not None else None
        caps = {c for c in CAPABILITY_NEEDS if getattr(m.capabilities, c)}
        if m.open_weights:
            caps.add("fine_tuning")
        image = "image" in m.modalities_in
        retired = retired_from(m, {p.provider for p in prices})[0]
        return cls(m, m.id, m.licence, m.context_window, image, frozenset(caps),
                   retired.toordinal() if retired is not None else None,
                   eu_clause and image, {str(k): v for k, v in m.quality.items()},
                   D.JA_LEVEL_SCORE[m.japanese.level if m.japanese else None], frozenset(m.languages_strong),
                   refinement(m), min(ins) if ins else None, min(outs) if outs else None, int4, hour)


class Screened(NamedTuple):
    """A model that passed the model-level checks, with upper bounds on its score per route.
    (A named tuple: thousands are built per recommendation, and frozen dataclasses build slowly.)"""

    static: Static
    quality: float
    api_lb: float | None  # lower bound of its API cost (None: no API route)
    host_lb: float | None  # lower bound of its self-hosted cost (None: not conceivable)
    bound_any: float
    bound_api: float
    bound_host: float


@dataclass(frozen=True)
class Settings:
    """The profile facts screening needs, as plain values."""

    tasks: tuple[str, ...]
    languages: tuple[str, ...]
    window: int
    want_image: bool
    needs: frozenset[str]
    today: int
    eu: bool
    blocked_licences: frozenset[str]
    api_ok: bool
    per_token_month_in: float  # requests x days x input tokens / 1e6
    per_token_month_out: float
    owned_cap: float
    can_rent: bool
    procure: bool
    rent_hours: float
    budget: float | None


def quality_fit(quality: dict[str, int], tasks: tuple[str, ...] | list[str]) -> float:
    """0..1 from per-task tiers; a missing tier counts as weak (tier 1). For tasks where tier 4
    already does the job (classification, extraction), tier 4 counts as 5, so cost decides."""
    if not tasks:
        return 0.0
    total, low = 0.0, 1.0
    for t in tasks:
        tier = quality.get(t, 1)
        if tier == 4 and t in D.SATURATING_TASKS:
            tier = 5
        x = (tier - 1) / 4
        total += x
        low = min(low, x)
    return 0.7 * total / len(tasks) + 0.3 * low


def budget_penalty(usd: float, budget: float | None) -> float:
    if budget is None or usd <= budget:
        return 0.0
    if budget <= 0:
        return 0.6
    # Not capped: when every option is over budget, the one 10x over must still rank below the
    # one 100x over (a capped penalty let the most expensive model win on quality alone).
    return 0.25 + 0.1 * math.log2(usd / budget)


def cost_fit(usd: float) -> float:
    """Scale-free: $0 -> 1, $100 -> 0.6, $10k -> 0.2, $100k+ -> 0."""
    return max(0.0, 1.0 - math.log10(1.0 + usd) / 5.0)


def task_scores(statics: list[Static], tasks: tuple[str, ...]) -> list[float]:
    """Quality fit of every model for one task combination (cached per KB by the caller)."""
    return [quality_fit(st.quality, tasks) for st in statics]


def language_scores(statics: list[Static], langs: tuple[str, ...]) -> list[float]:
    """Language fit of every model for one language combination (cached per KB by the caller)."""
    out = []
    for st in statics:
        total = 0.0
        for code in langs:
            if code == "ja":
                total += st.ja
            elif code in st.strong or (code == "en" and not st.strong):
                total += 1.0
            else:
                total += 0.5
        out.append(total / len(langs) if langs else 1.0)
    return out


def screen(statics: list[Static], s: Settings, qualities: list[float],
           languages: list[float]) -> tuple[list[Screened], set[str], dict[str, float]]:
    """(survivors, ids failing a model-level check, quality fit of every model).

    The hot loop of ranking: written with locals and inlined arithmetic (same formulas as
    ``cost_fit`` and ``budget_penalty``) because it runs once per model per recommendation."""
    w = D.WEIGHTS
    wq, wl, wc, wo, wlat = w["quality"], w["language"], w["cost"], w["ops"], w["latency"]
    needs, budget = s.needs, s.budget
    blocked_lic = s.blocked_licences
    window, want_image, today, eu = s.window, s.want_image, s.today, s.eu
    api_ok, pin, pout = s.api_ok, s.per_token_month_in, s.per_token_month_out
    owned_cap, rentable, procure, rent_hours = s.owned_cap, s.can_rent or s.procure, s.procure, s.rent_hours
    log10 = math.log10
    neg = float("-inf")
    out: list[Screened] = []
    blocked: set[str] = set()
    for st, q, lang in zip(statics, qualities, languages, strict=True):
        if (st.window < window or (want_image and not st.image) or (needs and not needs <= st.caps)
                or (st.retired is not None and st.retired <= today) or st.licence in blocked_lic
                or (eu and st.eu_multimodal)):
            blocked.add(st.id)
            continue
        base = wq * q + wl * lang + st.refine + wlat
        api_lb = host_lb = None
        b_api = b_host = neg
        if api_ok and st.min_in is not None and st.min_out is not None:
            api_lb = pin * st.min_in + pout * st.min_out
            b_api = base + wo + wc * max(0.0, 1.0 - log10(1.0 + api_lb) / 5.0)
            if budget is not None and api_lb > budget:
                b_api -= budget_penalty(api_lb, budget)
        if st.int4_gb is not None:
            if owned_cap and st.int4_gb <= owned_cap:
                host_lb = 0.0
            elif rentable and st.min_rent_hour is not None:
                host_lb = 0.0 if procure else st.min_rent_hour * rent_hours
            if host_lb is not None:
                b_host = base + wo * 0.5 + wc * max(0.0, 1.0 - log10(1.0 + host_lb) / 5.0)
                if budget is not None and host_lb > budget:
                    b_host -= budget_penalty(host_lb, budget)
        out.append(Screened(st, q, api_lb, host_lb, b_api if b_api > b_host else b_host, b_api, b_host))
    return out, blocked, {st.id: q for st, q in zip(statics, qualities, strict=True)}
