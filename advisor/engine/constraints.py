"""Hard constraints: which ways of running each model are allowed for this profile, or why none is.

A model is evaluated in two stages. ``model_reasons`` checks what no deployment can fix (context,
modality, capabilities, licence) and is cheap; ``options`` then sizes the API and self-hosted
routes, which costs more and so runs only for models that might make the shortlist.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from advisor.engine import defaults as D
from advisor.engine import placement
from advisor.engine.cost import Cost, api_cost, price_is_stale
from advisor.engine.data_policy import provider_reasons
from advisor.engine.hardware import (
    Plan,
    memory_needed,
    plan_owned,
    plan_rental,
    usable_gb,
)
from advisor.engine.hosting import hosted_cost
from advisor.engine.licence import eu_clause
from advisor.engine.lifecycle import UNKNOWN, Status, retired_from, status_on
from advisor.engine.models import Reason
from advisor.engine.rank_context import RankContext
from advisor.engine.screen import quality_fit as screen_quality
from advisor.engine.textsize import reasoning_note, token_note
from advisor.i18n import GB, N_, Date, Label, Msg, Num, Sentences, msg
from advisor.kb.schema import Licence, Model, Price, Provider

_CAPS = ("tool_calling", "json_output", "reasoning_trace", "fine_tuning")
_CAP_UNDOCUMENTED = N_("{capability} is not documented for {model}; you need it.")
_CAP_UNSUPPORTED = N_("{capability} is not supported for {model}; you need it.")


@dataclass
class Option:
    deployment: str  # "api" | "self_hosted"
    cost: Cost
    price: Price | None = None
    provider: Provider | None = None
    plan: Plan | None = None
    stale: bool = False
    notes: list[Msg] = field(default_factory=list)
    lifecycle: Status = UNKNOWN


def quality_fit(model: Model, tasks: list[str]) -> float:
    return screen_quality({str(k): v for k, v in model.quality.items()}, tasks)


def model_reasons(model: Model, lic: Licence, ctx: RankContext) -> list[Reason]:
    r = ctx.r
    out: list[Reason] = []
    window = r.context_tokens + int(r.output_tokens)
    if window > model.context_window:
        out.append(
            Reason(
                code="context",
                text=msg(
                    "{model} holds at most {window} tokens; your longest input ({longest}) plus the "
                    "answer ({answer}) needs {need}.",
                    model=model.name,
                    window=Num(model.context_window),
                    longest=Num(r.context_tokens),
                    answer=Num(r.output_tokens),
                    need=Num(window),
                ),
            )
        )
    if ("vision" in r.tasks or "vision" in r.needs) and "image" not in model.modalities_in:
        out.append(
            Reason(
                code="modality",
                text=msg("{model} does not accept images, which your task needs.", model=model.name),
            )
        )
    caps = model.capabilities
    for need in _CAPS if r.needs else ():
        if need in r.needs and not getattr(caps, need) and not (need == "fine_tuning" and model.open_weights):
            key = _CAP_UNDOCUMENTED if getattr(caps, need) is None else _CAP_UNSUPPORTED
            out.append(
                Reason(code="modality", text=msg(key, capability=Label("cap", need), model=model.name))
            )
    platforms = {p.provider for p in ctx.index.prices.get(model.id, [])}
    retired, successor = retired_from(model, platforms)
    if retired is not None and retired <= ctx.today:
        out.append(retired_reason(model, retired, successor, ctx))
    out.extend(ctx.licence_blocks_of(lic))
    eu = eu_clause(model, lic, r)
    if eu is not None:
        out.append(eu)
    return out


def retired_reason(
    model: Model, day: date | None, successor: str | None, ctx: RankContext, provider: Provider | None = None
) -> Reason:
    """``retired``: shut down (everywhere, or at ``provider``), naming the successor when known."""
    when = Date(day) if day else "?"
    text = (
        msg(
            "{model} is shut down at {provider} since {date}.",
            model=model.name,
            provider=provider.name,
            date=when,
        )
        if provider
        else msg(
            "{model} is shut down on every platform offering it (the last on {date}).",
            model=model.name,
            date=when,
        )
    )
    follow = ctx.kb.models.get(successor) if successor else None
    if follow is not None:
        return Reason(
            code="retired",
            text=msg(
                "{text}", text=Sentences((text, msg("Its successor is {successor}.", successor=follow.name)))
            ),
        )
    return Reason(code="retired", text=text)


def _api_options(model: Model, ctx: RankContext) -> tuple[Option | None, list[Reason]]:
    r = ctx.r
    if r.deployment != "any":  # private_cloud: infrastructure the user controls, so no vendor API
        if model.open_weights:  # the self-hosted route speaks for it
            return None, []
        return None, [
            Reason(
                code="deployment",
                text=msg(
                    "Vendor APIs are ruled out by your deployment '{deployment}'; {model} has no "
                    "downloadable weights.",
                    model=model.name,
                    deployment=Label("dep", r.deployment),
                ),
            )
        ]
    prices = ctx.index.prices.get(model.id, [])
    if not prices:
        if model.open_weights:
            return None, []
        return None, [
            Reason(
                code="deployment",
                text=msg("No API price for {model} in the knowledge base.", model=model.name),
            )
        ]
    reasons: list[Reason] = []
    fresh: list[Option] = []
    stale: list[Option] = []
    today = ctx.today.toordinal()
    for price in prices:
        prov = ctx.kb.providers.get(price.provider)
        if prov is None:
            continue
        life = status_on(model, prov.id, ctx.today)
        if life.status == "retired":
            reasons.append(retired_reason(model, life.shutdown, life.successor, ctx, prov))
            continue
        why = provider_reasons(prov, r) + placement.provider_placement_reasons(prov, r)
        if why:
            reasons.extend(why)
            continue
        is_stale = price_is_stale(price, today)
        opt = Option(
            "api", api_cost(price, r, model=model), price=price, provider=prov, stale=is_stale, lifecycle=life
        )
        (stale if is_stale else fresh).append(opt)
    pool = fresh or stale
    if not pool:
        return None, reasons
    best = min(pool, key=lambda o: (round(o.cost.usd_month, 6), o.provider.id if o.provider else ""))
    best.notes.extend(n for n in (reasoning_note(model, r), token_note(model, r)) if n is not None)
    return best, []


def _hardware_reason(model: Model, ctx: RankContext) -> Reason:
    need = GB(memory_needed(model, "int4", ctx.kv_tokens, 1).total_gb)
    have = [
        msg("{count} x {gpu} ({usable} GB usable)", count=Num(c), gpu=g.name, usable=GB(usable_gb(g) * c))
        for g, c in ctx.owned
    ]
    if have:
        text = msg(
            "{model} needs about {need} GB even at int4 (weights, KV cache for {tokens} "
            "tokens, runtime); your {have} cannot hold it.",
            model=model.name,
            need=need,
            tokens=Num(ctx.kv_tokens),
            have=have,
        )
    else:
        text = msg(
            "{model} needs about {need} GB at int4 and no suitable hardware is available to you.",
            model=model.name,
            need=need,
        )
    if not ctx.r.can_rent and ctx.r.deployment in ("any", "private_cloud") and not ctx.owned:
        text = msg("{text}", text=Sentences((text, msg("GPU rental is ruled out."))))
    return Reason(code="hardware", text=text)


def _self_hosted_option(model: Model, ctx: RankContext) -> tuple[Option | None, list[Reason]]:
    r = ctx.r
    if not model.open_weights:
        return None, []
    if not model.params_total_b:
        return None, [
            Reason(
                code="hardware",
                text=msg(
                    "{model}'s parameter count is not in the knowledge base, so its memory cannot be sized.",
                    model=model.name,
                ),
            )
        ]
    min_tps = D.INTERACTIVE_MIN_TOKENS_S if r.latency == "interactive" else None
    seqs = r.concurrency
    plan = plan_owned(model, ctx.owned, ctx.kv_tokens, min_tps, seqs) if ctx.owned else None
    rent_any, rent_fp8 = ctx.index.rentals(r)
    hourly = r.budget / D.HOURS_PER_MONTH if r.budget is not None and r.latency != "batch" else None

    def rent() -> Plan | None:
        return plan_rental(model, ctx.kv_tokens, rent_any, rent_fp8, hourly, min_tps, seqs)

    owned_plan = plan is not None
    if plan is None and r.can_rent:
        plan = rent()
    if plan is None and not ctx.owned and r.owns_hardware_only:
        plan = plan_rental(model, ctx.kv_tokens, ctx.index.rent_any, ctx.index.rent_fp8, None, min_tps, seqs)
        if plan is not None:
            plan.rented, plan.procure = False, True
            plan.notes.append(msg("You listed no hardware: this is the hardware to procure."))
    if plan is None:
        return None, [_hardware_reason(model, ctx)]
    have = sum(n for g, n in ctx.owned if g.id == plan.gpu.id) if owned_plan else None
    cost = hosted_cost(model, plan, r, ctx.kb, have, rent if owned_plan else None)
    opt = Option("self_hosted", cost, plan=plan, notes=list(plan.notes))
    opt.notes.extend(n for n in (reasoning_note(model, r), token_note(model, r)) if n is not None)
    if (
        r.latency == "interactive"
        and plan.tokens_per_s is not None
        and plan.tokens_per_s < D.INTERACTIVE_MIN_TOKENS_S
    ):
        opt.notes.append(
            msg("About {tps} tokens/s per stream: slow for interactive use.", tps=Num(plan.tokens_per_s))
        )
    return opt, []


def options(model: Model, ctx: RankContext, only: str | None = None) -> tuple[list[Option], list[Reason]]:
    """Allowed ways to run the model (best API route, best self-hosted route) or the reasons none is.
    ``only`` sizes just one kind of route (the reasons then cover that kind only)."""
    api, api_why = _api_options(model, ctx) if only in (None, "api") else (None, [])
    hosted, host_why = _self_hosted_option(model, ctx) if only in (None, "self_hosted") else (None, [])
    opts = [o for o in (api, hosted) if o is not None]
    if opts:
        return opts, []
    unique = {(x.code, x.text): x for x in api_why + host_why}
    reasons = list(unique.values())
    if not reasons:
        reasons = [
            Reason(
                code="deployment", text=msg("No way to run {model} is available to you.", model=model.name)
            )
        ]
    return [], reasons
