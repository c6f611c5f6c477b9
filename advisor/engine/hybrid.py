"""Hybrid plans: route workloads of different sensitivity separately, and the PoC-then-migrate path.

The seeds' own advice: a commercial API for generic work, a self-hosted open model for confidential
work; prove a use case on an API, then move it to an open model once volume passes break-even.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from advisor.engine.candidate import hardware_plan
from advisor.engine.constraints import Context
from advisor.engine.messages import label, listing, num, say, sentences, usd
from advisor.engine.models import Hybrid, Route
from advisor.engine.profile import Resolved
from advisor.engine.rank import RankResult, rank

if TYPE_CHECKING:
    from advisor.engine.breakeven import BreakEven

_ORDER = ("public", "internal", "confidential", "regulated")
_DEPLOY = ("any", "private_cloud", "on_prem", "air_gapped")


def merge_workloads(r: Resolved) -> None:
    """The overall choice must be safe for every workload: strictest sensitivity, all tasks."""
    loads = r.profile.workloads
    if not loads:
        return
    strictest = max([r.sensitivity, *(w.data_sensitivity or r.sensitivity for w in loads)], key=_ORDER.index)
    if strictest != r.sensitivity:
        r.assumptions.append(say("assume.sensitivity_raised", r.lang, sensitivity=label("sens", strictest, r.lang)))
        r.sensitivity = strictest
    strictest_dep = max([r.deployment, *(w.deployment or r.deployment for w in loads)], key=_DEPLOY.index)
    if strictest_dep != r.deployment:
        r.assumptions.append(say("assume.deployment_tightened", r.lang,
                                 deployment=label("dep", strictest_dep, r.lang)))
        r.deployment = strictest_dep
        r.can_rent = r.can_rent and strictest_dep == "private_cloud"
    own: list[str] = list(r.profile.tasks)  # not the default "chat" when only the workloads name tasks
    tasks = list(dict.fromkeys([*own, *(t for w in loads for t in w.tasks)]))
    if tasks:
        r.tasks = tasks


def workload_routes(ctx: Context, base: Resolved) -> Hybrid | None:
    """Best route per workload, each judged with its own sensitivity, deployment and tasks."""
    r, lang = ctx.r, ctx.r.lang
    base_sensitivity = base.sensitivity
    routes: list[Route] = []
    summary: list[str] = []
    free = dict((g.id, n) for g, n in ctx.owned)  # owned GPUs not yet taken by an earlier route
    for w in r.profile.workloads:
        dep = w.deployment or base.deployment
        sub = dataclasses.replace(base, tasks=list(w.tasks) or r.tasks,
                                  sensitivity=w.data_sensitivity or base_sensitivity, deployment=dep,
                                  can_rent=base.can_rent and dep in ("any", "private_cloud"), assumptions=[])
        sub_ctx = ctx.with_profile(sub)
        sub_ctx.owned = [(g, free[g.id]) for g, _ in ctx.owned if free.get(g.id, 0) > 0]
        res = rank(sub_ctx, shortlist=1)
        if not res.ranked:
            return None
        top = res.ranked[0]
        opt = top.option
        if opt.plan is not None and not opt.plan.rented and not opt.plan.procure and opt.plan.gpu.id in free:
            # the routes share the user's hardware: this one's GPUs are no longer free for the next
            used = opt.plan.count * max(1, opt.cost.capacity.replicas or 1) if opt.cost.capacity else opt.plan.count
            free[opt.plan.gpu.id] = max(0, free[opt.plan.gpu.id] - used)
        if opt.provider:
            where = say("hybrid.where_api", lang, provider=opt.provider.name)
        elif opt.plan:
            where = say("hybrid.where_hosted_on", lang, count=num(opt.plan.count), gpu=opt.plan.gpu.name)
        else:
            where = say("hybrid.where_hosted", lang)
        pick = say("hybrid.pick", lang, model=top.model.name, where=where)
        summary.append(pick)
        routes.append(Route(workload=w.name, model_id=top.model.id, deployment=opt.deployment,
                            provider=opt.provider.id if opt.provider else None, hardware=hardware_plan(opt),
                            reason=say("hybrid.route", lang, sensitivity=label("sens", sub.sensitivity, lang),
                                       tasks=listing((label("task", t, lang) for t in sub.tasks), lang), pick=pick)))
    sens = sorted({w.data_sensitivity or base_sensitivity for w in r.profile.workloads}, key=_ORDER.index)
    sens_text = listing((label("sens", x, lang) for x in sens), lang)
    if len({(x.model_id, x.deployment, x.provider) for x in routes}) <= 1:
        if len(sens) <= 1:
            return None
        return Hybrid(routes=routes, reason=say("hybrid.one_route", lang, sensitivities=sens_text, pick=summary[0]))
    parts = [say("hybrid.split", lang, sensitivities=sens_text)]
    if any(x.deployment == "api" for x in routes) and any(x.deployment == "self_hosted" for x in routes):
        parts.append(say("hybrid.gateway", lang))
    return Hybrid(routes=routes, reason=sentences(parts, lang))


def poc_advice(res: RankResult, ctx: Context, found: BreakEven | None) -> list[str]:
    """Break-even (``breakeven.plan_break_even``) between the best API and self-hosted routes, in words."""
    r = ctx.r
    if found is None:
        return []
    api, hosted, be = found.api, found.hosted, found.requests_per_day
    lang = r.lang
    top = res.ranked[0] if res.ranked else None
    fit = ""
    if api.model.id != hosted.model.id:
        qa, qh = res.quality.get(api.model.id, 0.0), res.quality.get(hosted.model.id, 0.0)
        # the task fit of the model named second, relative to the first
        first, second = (qa, qh) if top is not None and top.option.deployment == "api" else (qh, qa)
        rel = "similar" if abs(qa - qh) < 0.05 else "lower" if second < first else "higher"
        fit = say("advice.other_model", lang, fit=label("fitcmp", rel, lang))
    plan = hosted.option.plan
    where = (say("advice.on_gpus", lang, count=num(plan.count), gpu=plan.gpu.name) if plan
             else say("advice.your_hardware", lang))
    figures = {"api_model": api.model.name, "api_cost": usd(api.option.cost.usd_month),
               "hosted_model": hosted.model.name, "hosted_cost": usd(hosted.option.cost.usd_month),
               "where": where, "fit": fit, "break_even": num(be), "rpd": num(r.requests_per_day)}
    key = "advice.start_api" if top is not None and top.option.deployment == "api" else "advice.migrate"
    return [sentences([say(key, lang, **figures), say("advice.lock_in", lang)], lang)]
