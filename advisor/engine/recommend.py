"""``recommend``: the deterministic recommendation for one profile."""

from __future__ import annotations

import dataclasses
from datetime import date

from advisor.engine import defaults as D
from advisor.engine.breakeven import plan_break_even
from advisor.engine.capacity import capacity_warnings
from advisor.engine.constraints import Context
from advisor.engine.diagnose import no_candidate_text
from advisor.engine.hybrid import merge_workloads, poc_advice, workload_routes
from advisor.engine.messages import full_stop, num, pct, plain, say, usd
from advisor.engine.models import Candidate, Exclusion, Profile, Recommendation, Warning
from advisor.engine.profile import resolve
from advisor.engine.rank import Ranked, RankResult, cheapest, rank
from advisor.kb.loader import KnowledgeBase


def _method(lang: str) -> str:
    return say("assume.memory_method", lang, int4_overhead=pct(D.WEIGHT_OVERHEAD["int4"]),
               runtime_share=pct(D.RUNTIME_OVERHEAD_FRACTION), runtime_gb=plain(D.RUNTIME_OVERHEAD_GB_PER_GPU))


def _warnings(rec_primary: Candidate | None, ranked: list[Ranked], res: RankResult, ctx: Context) -> list[Warning]:
    out: list[Warning] = []
    r, lang = ctx.r, ctx.r.lang
    if rec_primary is not None and r.budget is not None and (rec_primary.monthly_cost_usd or 0) > r.budget:
        low = cheapest(ctx)
        assert low is not None  # the primary itself is allowed
        key = "warn.over_budget_all" if low.option.cost.usd_month > r.budget else "warn.over_budget_cheaper"
        out.append(Warning(code="over_budget", text=say(
            key, lang, model=rec_primary.name, cost=usd(rec_primary.monthly_cost_usd or 0.0), budget=usd(r.budget),
            cheapest=low.model.name, cheapest_cost=usd(low.option.cost.usd_month))))
    for item in ranked:
        p = item.option.price
        if item.option.stale and p is not None:
            out.append(Warning(code="stale_price", text=say(
                "warn.stale_price", lang, model=item.model.name, provider=p.provider,
                as_of=p.as_of.isoformat() if p.as_of else "?", days=num(D.STALE_DAYS))))
    hw = rec_primary.hardware if rec_primary is not None else None
    if rec_primary is not None and hw is not None and hw.procure:
        gpu = ctx.kb.gpus[hw.gpu].name if hw.gpu in ctx.kb.gpus else hw.gpu
        out.append(Warning(code="hardware", text=say("warn.procure", lang, model=rec_primary.name,
                                                     count=num(hw.count), gpu=gpu)))
    if rec_primary is not None and rec_primary.licence.conditions:
        out.append(Warning(code="licence_condition", text=say(
            "warn.licence_condition", lang, model=rec_primary.name,
            licence=rec_primary.licence.name or rec_primary.licence.id,
            conditions=" ".join(full_stop(c, lang) for c in rec_primary.licence.conditions))))
    return out


def _excluded(res: RankResult) -> list[Exclusion]:
    """The strongest excluded models; API-only models ruled out by deployment alone share one
    obvious reason, so only the strongest few of those are listed and the rest of the room goes
    to models a user could actually consider (e.g. open models that do not fit the hardware)."""
    ex = res.excluded
    order = sorted(ex.ids(), key=lambda m: (-res.quality.get(m, 0.0), m))
    shown: list[str] = []
    blanket = 0
    for m in order:  # reasons are written lazily, so walk only as far as needed
        if len(shown) >= D.EXCLUDED_SHOWN:
            break
        if all(x.code == "deployment" for x in ex.reasons(m)):
            blanket += 1
            if blanket > D.EXCLUDED_BLANKET_SHOWN:
                continue
        shown.append(m)
    return [Exclusion(model_id=m, reasons=ex.reasons(m)) for m in shown]


def recommend(profile: Profile, kb: KnowledgeBase, *, today: date | None = None,
              lang: str = "en") -> Recommendation:
    """Rank the knowledge base's models for this profile; hard constraints are never traded off.

    Every sentence of the result is written in ``lang`` (en | ja; anything else: en); codes, ids,
    numbers and text quoted from the knowledge base are the same in every language.
    """
    today = today or date.today()
    r = resolve(profile, kb, lang)
    lang = r.lang
    base = dataclasses.replace(r)
    merge_workloads(r)
    ctx = Context.build(kb, r, today)
    res = rank(ctx)
    shown = res.ranked[: 1 + D.ALTERNATIVES]
    cands = res.candidates(ctx, 1 + D.ALTERNATIVES)
    primary = cands[0] if cands else None
    warnings = _warnings(primary, shown, res, ctx)
    warnings.extend(capacity_warnings(res.ranked, ctx))
    advice: list[str] = []
    hybrid = None
    if primary is None:
        warnings.append(Warning(code="no_candidate", text=no_candidate_text(res, ctx)))
    else:
        hybrid = workload_routes(ctx, base) if profile.workloads else None
        be = plan_break_even(res, ctx)
        if primary.cost is not None:  # one figure for the text, the JSON and the chart
            primary.cost.break_even_requests_per_day = round(be.requests_per_day, 1) if be else None
        advice.extend(poc_advice(res, ctx, be))
        if primary.deployment == "self_hosted":
            advice.append(say("advice.ops", lang))
    assumptions = list(r.assumptions)
    if primary is not None:
        if primary.cost:
            assumptions.extend(primary.cost.assumptions)
        if primary.deployment == "self_hosted":
            assumptions.append(_method(lang))
            assumptions.append(say("assume.kv", lang, tokens=num(ctx.kv_tokens), longest=num(r.context_tokens),
                                   more=num(r.concurrency - 1)))
    return Recommendation(
        profile=profile.contract_dict(),
        primary=primary,
        alternatives=cands[1:],
        excluded=_excluded(res),
        hybrid=hybrid,
        warnings=warnings,
        kb_version=kb.version,
        assumptions=list(dict.fromkeys(assumptions)),
        advice=advice,
    )
