"""Capacity planning: can this hardware carry the month's tokens, with how many model copies?

From the speed model (speed.py): a replica (one model copy on ``plan.count`` GPUs) decodes
``aggregate`` tokens/s at the batch its memory and traffic allow, and reads prompts at ``prefill``
tokens/s. The month's work is busy hours per replica; interactive traffic is provisioned for its peak
(working hours x peak factor), batch work only has to finish within the month. Utilisation is needed
over available GPU-hours: above 1.0 the hardware cannot carry the volume, and the plan says what can
(overflow to rented GPUs where renting is allowed, else more GPUs, a smaller model or an API).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from advisor.engine import defaults as D
from advisor.engine.hardware import Plan, kv_cache_gb
from advisor.engine.models import Caveat
from advisor.engine.profile import Resolved
from advisor.engine.speed import aggregate_tps, prefill_tps, rig_of, shape_of, stream_tps
from advisor.engine.textsize import reasoning_share, token_factor
from advisor.i18n import Msg, Num, Pct, Usd, msg
from advisor.kb.schema import Model

if TYPE_CHECKING:  # constraints and rank import this module (through hosting)
    from advisor.engine.rank import Ranked
    from advisor.engine.rank_context import RankContext


@dataclass
class Overflow:
    """Rented replicas carrying what the owned GPUs cannot."""

    plan: Plan
    replicas: int
    share: float  # of the month's work
    usd_month: float


@dataclass
class Capacity:
    stream_tps: float | None  # one stream, alone
    aggregate_tps: float | None  # one replica at ``batch`` concurrent streams
    prefill_tps: float | None
    batch: int
    busy_hours: float | None  # hours one replica is busy per month
    gpu_hours: float | None  # needed per month (interactive: provisioned for the peak)
    replicas: int | None
    available_gpu_hours: float | None
    utilisation: float | None
    overflow: Overflow | None = None

    @property
    def short(self) -> bool:
        return self.utilisation is not None and self.utilisation > 1.0 and self.overflow is None


def monthly_tokens(model: Model, r: Resolved, requests_per_day: float | None = None) -> tuple[float, float]:
    """(prompt tokens to process, tokens to generate incl. hidden reasoning) per month.
    Cached prompt prefixes are not re-processed (prefix caching), so they cost no prefill time."""
    rpd = r.requests_per_day if requests_per_day is None else requests_per_day
    n = rpd * D.DAYS_PER_MONTH
    text = token_factor(model, r)
    return n * r.input_tokens * text * (1 - r.cached_share), n * r.output_tokens * text * (
        1 + reasoning_share(model, r)
    )


def batch_size(model: Model, plan: Plan, r: Resolved) -> int:
    """Concurrent streams one replica runs: the traffic's concurrency (interactive) or as many as
    memory holds up to ``MAX_BATCH`` (batch jobs)."""
    per_seq = kv_cache_gb(model, r.input_tokens + r.output_tokens, 1)
    free = (
        plan.available_gb
        - plan.memory.weights_gb * (1 + D.RUNTIME_OVERHEAD_FRACTION)
        - D.RUNTIME_OVERHEAD_GB_PER_GPU * plan.count
    )
    by_memory = int(free / per_seq) if per_seq else D.MAX_BATCH
    want = r.concurrency if r.latency == "interactive" else D.MAX_BATCH
    return max(1, min(want, by_memory, D.MAX_BATCH))


def load_factor(r: Resolved) -> float:
    """Interactive traffic arrives in working hours at a peak: provision for it. Batch: 1."""
    return 1.0 if r.latency == "batch" else D.PEAK_FACTOR * 24 / D.WORKING_HOURS


def plan_capacity(
    model: Model,
    plan: Plan,
    r: Resolved,
    owned_gpus: int | None = None,
    requests_per_day: float | None = None,
) -> Capacity:
    """Capacity of ``plan``; ``owned_gpus`` (of the plan's GPU type) bounds what owned hardware offers."""
    shape, rig = shape_of(model, plan.quant), rig_of(plan.gpu, plan.count)
    batch = batch_size(model, plan, r)
    if shape is None or rig is None:
        return Capacity(None, None, None, batch, None, None, None, None, None)
    ctx_tokens = r.input_tokens + r.output_tokens / 2
    agg = aggregate_tps(shape, rig, batch=batch, context_tokens=ctx_tokens)
    pre = prefill_tps(shape, rig)
    tin, tout = monthly_tokens(model, r, requests_per_day)
    busy = (tout / agg + tin / pre) / 3600
    needed = busy * plan.count * load_factor(r)
    per_replica = plan.count * D.HOURS_PER_MONTH
    replicas = max(1, math.ceil(needed / per_replica - 1e-9))
    if owned_gpus is not None and not plan.rented:
        available = (owned_gpus // plan.count) * per_replica
    elif r.latency == "batch":
        available = max(needed, 1e-9)  # rented by the hour for the job
    else:
        available = replicas * per_replica
    util = needed / available if available else None
    return Capacity(stream_tps(shape, rig), agg, pre, batch, busy, needed, replicas, available, util)


def add_overflow(cap: Capacity, model: Model, r: Resolved, rent: Callable[[], Plan | None]) -> None:
    """Owned GPUs over capacity and renting allowed: rent replicas for the rest of the work."""
    if cap.utilisation is None or cap.utilisation <= 1.0 or not r.can_rent:
        return
    plan = rent()
    if plan is None or plan.rental is None:
        return
    share = 1.0 - 1.0 / cap.utilisation
    extra = plan_capacity(model, plan, r)
    if extra.gpu_hours is None or extra.replicas is None:
        return
    if r.latency == "batch":
        replicas, hours = 1, share * extra.gpu_hours
    else:
        replicas = max(1, math.ceil(share * extra.gpu_hours / (plan.count * D.HOURS_PER_MONTH) - 1e-9))
        hours = replicas * plan.count * D.HOURS_PER_MONTH
    cap.overflow = Overflow(plan, replicas, share, hours * plan.rental.usd_per_hour)


def capacity_note(
    model: Model,
    cap: Capacity,
    have: int,
    gpu_name: str,
    r: Resolved,
    fits: tuple[Model, Capacity] | None = None,
) -> Msg | None:
    """The ``capacity`` finding for a plan that runs the user's own GPUs over capacity, or None."""
    if cap.utilisation is None or cap.utilisation <= 1.0 or cap.gpu_hours is None:
        return None
    if cap.overflow is not None:
        o = cap.overflow
        return msg(
            "Your {have} x {gpu} can carry {own} of the volume for {model} (it needs {util} of their "
            "GPU-hours); the rest runs on {replicas} rented replica(s) of {count} x {rent_gpu} "
            "({provider}) for {cost} a month.",
            have=Num(have),
            gpu=gpu_name,
            own=Pct(1 - o.share),
            model=model.name,
            util=Pct(cap.utilisation),
            replicas=Num(o.replicas),
            count=Num(o.plan.count),
            rent_gpu=o.plan.gpu.name,
            provider=o.plan.rental.provider if o.plan.rental else "",
            cost=Usd(o.usd_month),
        )
    total = math.ceil(cap.gpu_hours / D.HOURS_PER_MONTH - 1e-9)
    ways = [
        msg(
            "{more} more {gpu} ({total} in all)",
            more=Num(max(1, total - have)),
            gpu=gpu_name,
            total=Num(total),
        ),
        msg("a smaller model")
        if fits is None
        else msg(
            "a smaller model such as {model} ({util} of your GPU-hours)",
            model=fits[0].name,
            util=Pct(fits[1].utilisation or 0.0),
        ),
    ]
    if r.latency == "interactive" and cap.utilisation / load_factor(r) <= 1.0:
        ways.append(
            msg(
                "running it as a batch job ({util} of their GPU-hours)",
                util=Pct(cap.utilisation / load_factor(r)),
            )
        )
    if r.can_rent:
        ways.append(msg("rented GPUs for the overflow"))
    if r.deployment == "any":
        ways.append(msg("an API for part of the traffic"))
    return msg(
        "Your {have} x {gpu} cannot carry this volume with {model}: it needs {hours} GPU-hours a month, "
        "{util} of what they offer. Options: {ways}.",
        have=Num(have),
        gpu=gpu_name,
        model=model.name,
        hours=Num(cap.gpu_hours),
        util=Pct(cap.utilisation),
        ways=ways,
    )


def capacity_warnings(ranked: list[Ranked], ctx: RankContext) -> list[Caveat]:
    """A ``capacity`` warning when the primary's own GPUs cannot carry the volume (or need overflow),
    naming the best-ranked model that they can carry."""
    if not ranked:
        return []
    top = ranked[0]
    opt = top.option
    cap = opt.cost.capacity
    if opt.plan is None or cap is None or opt.plan.rented or opt.plan.procure:
        return []
    fits = next(
        (
            (x.model, c)
            for x in ranked[1:]
            if (c := x.option.cost.capacity) is not None
            and c.utilisation is not None
            and c.utilisation <= 1.0
            and x.option.plan is not None
            and not x.option.plan.rented
        ),
        None,
    )
    have = sum(n for g, n in ctx.owned if g.id == opt.plan.gpu.id)
    note = capacity_note(top.model, cap, have, opt.plan.gpu.name, ctx.r, fits)
    return [Caveat(code="capacity", text=note)] if note else []
