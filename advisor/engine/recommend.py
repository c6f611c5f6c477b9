"""``recommend``: the deterministic recommendation for one profile."""

from __future__ import annotations

import dataclasses
from datetime import date

from advisor.engine import defaults as D
from advisor.engine.breakeven import plan_break_even
from advisor.engine.capacity import capacity_warnings
from advisor.engine.diagnose import no_candidate_text
from advisor.engine.hybrid import merge_workloads, poc_advice, workload_routes
from advisor.engine.lifecycle import judged_today
from advisor.engine.models import Candidate, Caveat, Exclusion, Profile, Recommendation
from advisor.engine.profile import resolve
from advisor.engine.rank import Ranked, RankResult, cheapest, rank
from advisor.engine.rank_context import RankContext
from advisor.i18n import N_, Date, Msg, Num, Pct, Plain, Sentences, Text, Usd, fx_of, msg
from advisor.kb.loader import KnowledgeBase

_OVER_CHEAPER = N_(
    "{model} costs about {cost}/month, over your {budget} budget. The cheapest option "
    "meeting your constraints is {cheapest} at about {cheapest_cost}/month, at lower task "
    "fit."
)
_OVER_ALL = N_(
    "{model} costs about {cost}/month, over your {budget} budget. The cheapest option "
    "meeting your constraints is {cheapest} at about {cheapest_cost}/month (also over "
    "budget: raise the budget or reduce volume)."
)


def _method() -> Msg:
    return msg(
        "Memory: weights at 2/1/0.5 bytes per parameter (16-bit/8-bit/4-bit) plus "
        "{int4_overhead} for 4-bit scales, fp16 KV cache, runtime overhead "
        "{runtime_share} + {runtime_gb} GB per GPU; GB = 10^9 bytes; mixture-of-experts "
        "models sized by total parameters.",
        int4_overhead=Pct(D.WEIGHT_OVERHEAD["int4"]),
        runtime_share=Pct(D.RUNTIME_OVERHEAD_FRACTION),
        runtime_gb=Plain(D.RUNTIME_OVERHEAD_GB_PER_GPU),
    )


def _warnings(
    rec_primary: Candidate | None, ranked: list[Ranked], res: RankResult, ctx: RankContext
) -> list[Caveat]:
    out: list[Caveat] = []
    r = ctx.r
    if rec_primary is not None and r.budget is not None and (rec_primary.monthly_cost_usd or 0) > r.budget:
        low = cheapest(ctx)
        assert low is not None  # the primary itself is allowed
        key = _OVER_ALL if low.option.cost.usd_month > r.budget else _OVER_CHEAPER
        out.append(
            Caveat(
                code="over_budget",
                text=msg(
                    key,
                    model=rec_primary.name,
                    cost=Usd(rec_primary.monthly_cost_usd or 0.0),
                    budget=Usd(r.budget),
                    cheapest=low.model.name,
                    cheapest_cost=Usd(low.option.cost.usd_month),
                ),
            )
        )
    stale: list[Caveat] = []  # placed first: the answer rests on figures that may have changed
    for item in ranked:
        if item.option.lifecycle.status == "deprecated" and item.option.provider is not None:
            out.append(_deprecated(item, ctx))
        p = item.option.price
        if item.option.stale and p is not None:
            stale.append(
                Caveat(
                    code="stale_price",
                    text=msg(
                        "The only price for {model} at {provider} dates from {as_of} (over {days} days "
                        "old); check the provider's current price.",
                        model=item.model.name,
                        provider=p.provider,
                        as_of=Date(p.as_of) if p.as_of else "?",
                        days=Num(D.STALE_DAYS),
                    ),
                )
            )
    out[:0] = stale
    hw = rec_primary.hardware if rec_primary is not None else None
    if rec_primary is not None and hw is not None and hw.procure:
        gpu = ctx.kb.gpus[hw.gpu].name if hw.gpu in ctx.kb.gpus else hw.gpu
        out.append(
            Caveat(
                code="hardware",
                text=msg(
                    "You have no GPUs and renting is ruled out, so {model} can only run after you "
                    "buy {count} x {gpu}. If buying hardware is not possible either, nothing can be "
                    "self-hosted: relax the deployment constraint.",
                    model=rec_primary.name,
                    count=Num(hw.count),
                    gpu=gpu,
                ),
            )
        )
    if rec_primary is not None and rec_primary.licence.conditions:
        out.append(
            Caveat(
                code="licence_condition",
                text=msg(
                    "{model} ({licence}): {conditions}",
                    model=rec_primary.name,
                    licence=rec_primary.licence.name or rec_primary.licence.id,
                    conditions=Sentences(tuple(rec_primary.licence.conditions)),
                ),
            )
        )
    return out


def _deprecated(item: Ranked, ctx: RankContext) -> Caveat:
    """``deprecated``: still answering at this provider, with the shutdown (or deprecation) date and
    the successor to move to when the knowledge base knows it."""
    life = item.option.lifecycle
    provider = item.option.provider.name if item.option.provider else "?"
    if life.shutdown is not None:
        first = msg(
            "{model} is deprecated at {provider}: it shuts down on {date}.",
            model=item.model.name,
            provider=provider,
            date=Date(life.shutdown),
        )
    else:
        first = msg(
            "{model} is deprecated at {provider} since {date}; no shutdown date is announced yet.",
            model=item.model.name,
            provider=provider,
            date=Date(life.deprecated_on) if life.deprecated_on else "?",
        )
    follow = ctx.kb.models.get(life.successor) if life.successor else None
    then = (
        msg("Plan the move to {successor}.", successor=follow.name)
        if follow
        else msg("Plan a move to another model.")
    )
    return Caveat(code="deprecated", text=msg("{text}", text=Sentences((first, then))))


def _retired_contenders(res: RankResult, kb: KnowledgeBase, today: date) -> list[str]:
    """Models stopped only by their shutdown, strongest first: listed before other exclusions, so
    the answer says what replaced a model the user may know (its successor is in the reason)."""
    ex = res.excluded

    def shut(m: str) -> bool:  # cheap test first: only a few models carry a past shutdown
        model = kb.models.get(m)
        return model is not None and any(
            e.status == "retired" or (e.shutdown_date is not None and e.shutdown_date <= today)
            for e in model.lifecycle
        )

    out: list[str] = []
    for m in sorted((m for m in ex.ids() if shut(m)), key=lambda m: (-res.quality.get(m, 0.0), m)):
        if all(x.code == "retired" for x in ex.reasons(m)):
            out.append(m)
            if len(out) == D.ALTERNATIVES:
                break
    return out


def _excluded(res: RankResult, first: list[str] | None = None) -> list[Exclusion]:
    """The strongest excluded models, after ``first``; API-only models ruled out by deployment alone
    share one obvious reason, so only the strongest few of those are listed and the rest of the room
    goes to models a user could actually consider (e.g. open models that do not fit the hardware)."""
    ex = res.excluded
    lead = first or []
    order = lead + sorted((m for m in ex.ids() if m not in lead), key=lambda m: (-res.quality.get(m, 0.0), m))
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


def recommend(profile: Profile, kb: KnowledgeBase, *, today: date | None = None) -> Recommendation:
    """Rank the knowledge base's models for this profile; hard constraints are never traded off.

    The result holds codes, figures and message values, no sentence: it is worded at the edge
    (``contract_dict(locale)``, ``render_markdown(rec, kb, locale)``), in any supported language.
    """
    today = judged_today(today)
    r = resolve(profile, kb)
    base = dataclasses.replace(r)
    merge_workloads(r)
    ctx = RankContext.build(kb, r, today)
    res = rank(ctx)
    shown = res.ranked[: 1 + D.ALTERNATIVES]
    cands = res.candidates(ctx, 1 + D.ALTERNATIVES)
    primary = cands[0] if cands else None
    warnings = _warnings(primary, shown, res, ctx)
    warnings.extend(capacity_warnings(res.ranked, ctx))
    advice: list[Msg] = []
    hybrid = None
    if primary is None:
        warnings.append(Caveat(code="no_candidate", text=no_candidate_text(res, ctx)))
    else:
        hybrid = workload_routes(ctx, base) if profile.workloads else None
        be = plan_break_even(res, ctx)
        if primary.cost is not None:  # one figure for the text, the JSON and the chart
            primary.cost.break_even_requests_per_day = round(be.requests_per_day, 1) if be else None
        advice.extend(poc_advice(res, ctx, be))
        if primary.deployment == "self_hosted":
            advice.append(
                msg(
                    "Self-hosting needs people who can run an inference server (vLLM, TGI or "
                    "llama.cpp), monitor it and apply updates; budget that time."
                )
            )
    assumptions: list[Msg | Text | str] = list(r.assumptions)
    if primary is not None:
        if primary.cost:
            assumptions.extend(primary.cost.assumptions)
        if primary.deployment == "self_hosted":
            assumptions.append(_method())
            assumptions.append(
                msg(
                    "KV cache sized for {tokens} tokens: the longest input ({longest}) plus {more} "
                    "more concurrent requests.",
                    tokens=Num(ctx.kv_tokens),
                    longest=Num(r.context_tokens),
                    more=Num(r.concurrency - 1),
                )
            )
    rec = Recommendation(
        profile=profile.contract_dict(),
        primary=primary,
        alternatives=cands[1:],
        excluded=_excluded(res, _retired_contenders(res, kb, today)),
        hybrid=hybrid,
        warnings=warnings,
        kb_version=kb.version,
        assumptions=list(dict.fromkeys(assumptions)),
        advice=advice,
    )
    rec.fx = fx_of(kb)
    return rec
