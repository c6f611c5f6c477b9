"""Hybrid plans: route workloads of different sensitivity separately, and the PoC-then-migrate path.

The seeds' own advice: a commercial API for generic work, a self-hosted open model for confidential
work; prove a use case on an API, then move it to an open model once volume passes break-even.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from advisor.engine.candidate import hardware_plan
from advisor.engine.models import Hybrid, Route
from advisor.engine.profile import Resolved
from advisor.engine.rank import RankResult, rank
from advisor.engine.rank_context import RankContext
from advisor.i18n import N_, Label, Msg, Num, Sentences, Usd, msg

if TYPE_CHECKING:
    from advisor.engine.breakeven import BreakEven

_ORDER = ("public", "internal", "confidential", "regulated")
_DEPLOY = ("any", "private_cloud", "on_prem", "air_gapped")
_START_API = N_(
    "Start on the API ({api_model}, about {api_cost}/month now). Self-hosting {hosted_model}{fit} on "
    "{where} (about {hosted_cost}/month) becomes cheaper above about {break_even} requests/day; you "
    "plan {rpd}."
)
LOCK_IN = N_("Keeping an open model in the portfolio also avoids vendor lock-in.")
_MIGRATE = N_(
    "Self-hosting {hosted_model} on {where} beats paying per request above about {break_even} "
    "requests/day (you plan {rpd}). Prove the use case on the API first ({api_model}{fit}, about "
    "{api_cost}/month at your volume), then migrate once volume and quality are confirmed."
)


def merge_workloads(r: Resolved) -> None:
    """The overall choice must be safe for every workload: strictest sensitivity, all tasks."""
    loads = r.profile.workloads
    if not loads:
        return
    strictest = max([r.sensitivity, *(w.data_sensitivity or r.sensitivity for w in loads)], key=_ORDER.index)
    if strictest != r.sensitivity:
        r.assumptions.append(
            msg(
                "Overall sensitivity raised to '{sensitivity}', the strictest of your workloads, "
                "so one model can serve them all; the hybrid plan routes each workload on its "
                "own.",
                sensitivity=Label("sens", strictest),
            )
        )
        r.sensitivity = strictest
    strictest_dep = max([r.deployment, *(w.deployment or r.deployment for w in loads)], key=_DEPLOY.index)
    if strictest_dep != r.deployment:
        r.assumptions.append(
            msg(
                "Overall deployment tightened to '{deployment}', the strictest of your "
                "workloads; the hybrid plan routes each workload on its own.",
                deployment=Label("dep", strictest_dep),
            )
        )
        r.deployment = strictest_dep
        r.can_rent = r.can_rent and strictest_dep == "private_cloud"
    own: list[str] = list(r.profile.tasks)  # not the default "chat" when only the workloads name tasks
    tasks = list(dict.fromkeys([*own, *(t for w in loads for t in w.tasks)]))
    if tasks:
        r.tasks = tasks


def workload_routes(ctx: RankContext, base: Resolved) -> Hybrid | None:
    """Best route per workload, each judged with its own sensitivity, deployment and tasks."""
    r = ctx.r
    base_sensitivity = base.sensitivity
    routes: list[Route] = []
    summary: list[Msg] = []
    free = dict((g.id, n) for g, n in ctx.owned)  # owned GPUs not yet taken by an earlier route
    for w in r.profile.workloads:
        dep = w.deployment or base.deployment
        sub = dataclasses.replace(
            base,
            tasks=list(w.tasks) or r.tasks,
            sensitivity=w.data_sensitivity or base_sensitivity,
            deployment=dep,
            can_rent=base.can_rent and dep in ("any", "private_cloud"),
            assumptions=[],
        )
        sub_ctx = ctx.with_profile(sub)
        sub_ctx.owned = [(g, free[g.id]) for g, _ in ctx.owned if free.get(g.id, 0) > 0]
        res = rank(sub_ctx, shortlist=1)
        if not res.ranked:
            return None
        top = res.ranked[0]
        opt = top.option
        if opt.plan is not None and not opt.plan.rented and not opt.plan.procure and opt.plan.gpu.id in free:
            # the routes share the user's hardware: this one's GPUs are no longer free for the next
            used = (
                opt.plan.count * max(1, opt.cost.capacity.replicas or 1)
                if opt.cost.capacity
                else opt.plan.count
            )
            free[opt.plan.gpu.id] = max(0, free[opt.plan.gpu.id] - used)
        if opt.provider:
            where = msg("API at {provider}", provider=opt.provider.name)
        elif opt.plan:
            where = msg("self-hosted on {count} x {gpu}", count=Num(opt.plan.count), gpu=opt.plan.gpu.name)
        else:
            where = msg("self-hosted")
        pick = msg("{model} ({where})", model=top.model.name, where=where)
        summary.append(pick)
        routes.append(
            Route(
                workload=w.name,
                model_id=top.model.id,
                deployment=opt.deployment,
                provider=opt.provider.id if opt.provider else None,
                hardware=hardware_plan(opt),
                reason=msg(
                    "{sensitivity} data, tasks {tasks}: {pick}",
                    sensitivity=Label("sens", sub.sensitivity),
                    tasks=[Label("task", t) for t in sub.tasks],
                    pick=pick,
                ),
            )
        )
    sens = sorted({w.data_sensitivity or base_sensitivity for w in r.profile.workloads}, key=_ORDER.index)
    sens_text = [Label("sens", x) for x in sens]
    if len({(x.model_id, x.deployment, x.provider) for x in routes}) <= 1:
        if len(sens) <= 1:
            return None
        return Hybrid(
            routes=routes,
            reason=msg(
                "Your workloads differ ({sensitivities} data), but {pick} meets the strictest "
                "terms, so one route serves them all. Keep the workloads separable in your "
                "gateway so the sensitive one can move on-premises later without touching the "
                "rest.",
                sensitivities=sens_text,
                pick=summary[0],
            ),
        )
    parts = [
        msg(
            "Your workloads differ ({sensitivities} data): each goes to the best model "
            "allowed for its own data, so sensitive work stays where it must while the rest "
            "uses the better or cheaper option.",
            sensitivities=sens_text,
        )
    ]
    if any(x.deployment == "api" for x in routes) and any(x.deployment == "self_hosted" for x in routes):
        parts.append(
            msg("Keep the sensitive routes on your own infrastructure and enforce the split in your gateway.")
        )
    return Hybrid(routes=routes, reason=msg("{text}", text=Sentences(tuple(parts))))


def poc_advice(res: RankResult, ctx: RankContext, found: BreakEven | None) -> list[Msg]:
    """Break-even (``breakeven.plan_break_even``) between the best API and self-hosted routes, in words."""
    r = ctx.r
    if found is None:
        return []
    api, hosted, be = found.api, found.hosted, found.requests_per_day
    top = res.ranked[0] if res.ranked else None
    fit: Msg | str = ""
    if api.model.id != hosted.model.id:
        qa, qh = res.quality.get(api.model.id, 0.0), res.quality.get(hosted.model.id, 0.0)
        # the task fit of the model named second, relative to the first
        first, second = (qa, qh) if top is not None and top.option.deployment == "api" else (qh, qa)
        rel = "similar" if abs(qa - qh) < 0.05 else "lower" if second < first else "higher"
        fit = msg(" (a different model with {fit} task fit)", fit=Label("fitcmp", rel))
    plan = hosted.option.plan
    where = msg("{count} x {gpu}", count=Num(plan.count), gpu=plan.gpu.name) if plan else msg("your hardware")
    figures = {
        "api_model": api.model.name,
        "api_cost": Usd(api.option.cost.usd_month),
        "hosted_model": hosted.model.name,
        "hosted_cost": Usd(hosted.option.cost.usd_month),
        "where": where,
        "fit": fit,
        "break_even": Num(be),
        "rpd": Num(r.requests_per_day),
    }
    key = _START_API if top is not None and top.option.deployment == "api" else _MIGRATE
    return [msg("{text}", text=Sentences((msg(key, **figures), msg(LOCK_IN))))]
