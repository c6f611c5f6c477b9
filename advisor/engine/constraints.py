"""Hard constraints: which ways of running each model are allowed for this profile, or why none is.

A model is evaluated in two stages. ``model_reasons`` checks what no deployment can fix (context,
modality, capabilities, licence) and is cheap; ``options`` then sizes the API and self-hosted
routes, which costs more and so runs only for models that might make the shortlist.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from advisor.engine import defaults as D
from advisor.engine.cost import Cost, api_cost, price_is_stale, self_hosted_cost
from advisor.engine.hardware import (
    Plan,
    RentalIndex,
    kv_tokens,
    max_devices,
    memory_needed,
    plan_owned,
    plan_rental,
    usable_gb,
)
from advisor.engine.licence import eu_clause, licence_blocks
from advisor.engine.lifecycle import UNKNOWN, Status, judged_today, retired_from, status_on
from advisor.engine.models import Reason
from advisor.engine.policy import provider_reasons
from advisor.engine.profile import Resolved
from advisor.engine.screen import CAPABILITY_NEEDS, Settings, Static, language_scores, task_scores
from advisor.engine.screen import quality_fit as screen_quality
from advisor.i18n import GB, N_, Date, Label, Msg, Num, Sentences, msg
from advisor.kb.loader import KnowledgeBase
from advisor.kb.schema import GPU, Licence, Model, Price, Provider

_CAPS = ("tool_calling", "json_output", "reasoning_trace", "fine_tuning")
_CAP_UNDOCUMENTED = N_("{capability} is not documented for {model}; you need it.")
_CAP_UNSUPPORTED = N_("{capability} is not supported for {model}; you need it.")


@dataclass
class KBIndex:
    """Per-KB data computed once: current prices per model, rental tables, per-model statics."""

    prices: dict[str, list[Price]]
    rent_any: RentalIndex
    rent_fp8: RentalIndex
    statics: list[Static]
    _scores: dict[tuple[str, tuple[str, ...]], list[float]] = field(default_factory=dict)

    def task_scores(self, tasks: tuple[str, ...]) -> list[float]:
        """Quality fit per model for a task combination; few combinations occur, so keep them."""
        key = ("tasks", tasks)
        if key not in self._scores:
            self._scores[key] = task_scores(self.statics, tasks)
        return self._scores[key]

    def language_scores(self, langs: tuple[str, ...]) -> list[float]:
        key = ("langs", langs)
        if key not in self._scores:
            self._scores[key] = language_scores(self.statics, langs)
        return self._scores[key]

    @classmethod
    def build(cls, kb: KnowledgeBase, today: date | None = None) -> KBIndex:
        """``today`` picks the prices in force (effective dates) and so the platforms offering each model."""
        gpus = sorted(kb.gpus.values(), key=lambda g: g.id)
        prices = {m: kb.current_prices(m, today) for m in kb.prices_by_model}
        rent_any = RentalIndex.build(gpus)
        statics = [Static.of(m, kb.licences[m.licence].eu_multimodal_restriction, prices.get(m.id, []), rent_any)
                   for m in kb.models.values()]
        return cls(prices, rent_any, RentalIndex.build(gpus, fp8_only=True), statics)


_INDEX: dict[tuple[int, date], tuple[KnowledgeBase, KBIndex]] = {}


def kb_index(kb: KnowledgeBase, today: date | None = None) -> KBIndex:
    day = judged_today(today)
    hit = _INDEX.get((id(kb), day))
    if hit is None or hit[0] is not kb:
        if len(_INDEX) > 8:
            _INDEX.clear()
        hit = (kb, KBIndex.build(kb, day))
        _INDEX[(id(kb), day)] = hit
    return hit[1]


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


@dataclass
class Context:
    kb: KnowledgeBase
    r: Resolved
    today: date
    index: KBIndex
    owned: list[tuple[GPU, int]]
    kv_tokens: float
    licence_blocks: dict[str, list[Reason]] = field(default_factory=dict)
    memo: dict[str, Any] = field(default_factory=dict)

    def with_profile(self, r: Resolved) -> Context:
        """A fresh context for a variant of the profile (no memoised screening carried over)."""
        return Context.build(self.kb, r, self.today)

    def settings(self) -> Settings:
        r = self.r
        blocked = frozenset(lic.id for lic in self.kb.licences.values() if self.licence_blocks_of(lic))
        per_month = r.requests_per_day * D.DAYS_PER_MONTH / 1e6
        return Settings(
            tasks=tuple(r.tasks), languages=tuple(r.languages), window=r.context_tokens + int(r.output_tokens),
            want_image=self.wants_image, needs=frozenset(r.needs) & frozenset(CAPABILITY_NEEDS),
            today=self.today.toordinal(), eu=r.region == "eu", blocked_licences=blocked,
            api_ok=r.deployment == "any", per_token_month_in=per_month * r.input_tokens,
            per_token_month_out=per_month * r.output_tokens, owned_cap=self.owned_capacity_gb,
            can_rent=r.can_rent, procure=r.owns_hardware_only and not self.owned,
            rent_hours=D.HOURS_PER_MONTH if r.latency != "batch" else 0.0, budget=r.budget)

    def licence_blocks_of(self, lic: Licence) -> list[Reason]:
        blocks = self.licence_blocks.get(lic.id)
        if blocks is None:
            blocks = self.licence_blocks[lic.id] = licence_blocks(lic, self.r)
        return blocks

    @property
    def owned_capacity_gb(self) -> float:
        """The most memory one tensor-parallel group of the user's GPUs offers."""
        return max((usable_gb(g) * max(c for c in max_devices(g) if c <= n) for g, n in self.owned), default=0.0)

    @property
    def wants_image(self) -> bool:
        return "vision" in self.r.tasks or "vision" in self.r.needs

    @classmethod
    def build(cls, kb: KnowledgeBase, r: Resolved, today: date) -> Context:
        owned = [(kb.gpus[h.gpu], h.count) for h in r.profile.hardware if h.gpu in kb.gpus]
        return cls(kb, r, today, kb_index(kb, today), owned,
                   kv_tokens(r.context_tokens, r.input_tokens, r.output_tokens, r.concurrency))


def quality_fit(model: Model, tasks: list[str]) -> float:
    return screen_quality({str(k): v for k, v in model.quality.items()}, tasks)


def model_reasons(model: Model, lic: Licence, ctx: Context) -> list[Reason]:
    r = ctx.r
    out: list[Reason] = []
    window = r.context_tokens + int(r.output_tokens)
    if window > model.context_window:
        out.append(Reason(code="context", text=msg("{model} holds at most {window} tokens; your longest input ({longest}) plus the "
                                                   "answer ({answer}) needs {need}.", model=model.name, window=Num(model.context_window), longest=Num(r.context_tokens),
            answer=Num(r.output_tokens), need=Num(window))))
    if ("vision" in r.tasks or "vision" in r.needs) and "image" not in model.modalities_in:
        out.append(Reason(code="modality", text=msg("{model} does not accept images, which your task needs.", model=model.name)))
    caps = model.capabilities
    for need in _CAPS if r.needs else ():
        if need in r.needs and not getattr(caps, need) and not (need == "fine_tuning" and model.open_weights):
            key = _CAP_UNDOCUMENTED if getattr(caps, need) is None else _CAP_UNSUPPORTED
            out.append(Reason(code="modality", text=msg(key, capability=Label("cap", need),
                                                        model=model.name)))
    platforms = {p.provider for p in ctx.index.prices.get(model.id, [])}
    retired, successor = retired_from(model, platforms)
    if retired is not None and retired <= ctx.today:
        out.append(retired_reason(model, retired, successor, ctx))
    out.extend(ctx.licence_blocks_of(lic))
    eu = eu_clause(model, lic, r)
    if eu is not None:
        out.append(eu)
    return out


def retired_reason(model: Model, day: date | None, successor: str | None, ctx: Context,
                   provider: Provider | None = None) -> Reason:
    """``retired``: shut down (everywhere, or at ``provider``), naming the successor when known."""
    when = Date(day) if day else "?"
    text = (msg("{model} is shut down at {provider} since {date}.", model=model.name, provider=provider.name,
                date=when) if provider
            else msg("{model} is shut down on every platform offering it (the last on {date}).", model=model.name,
                     date=when))
    follow = ctx.kb.models.get(successor) if successor else None
    if follow is not None:
        return Reason(code="retired", text=msg("{text}", text=Sentences((text, msg("Its successor is {successor}.",
                                                                               successor=follow.name)))))
    return Reason(code="retired", text=text)


def _api_options(model: Model, ctx: Context) -> tuple[Option | None, list[Reason]]:
    r = ctx.r
    if r.deployment != "any":
        if model.open_weights:  # the self-hosted route speaks for it
            return None, []
        return None, [Reason(code="deployment", text=msg("Vendor APIs are ruled out by your deployment '{deployment}'; {model} has no "
                                                         "downloadable weights.", model=model.name,
                                                         deployment=Label("dep", r.deployment)))]
    prices = ctx.index.prices.get(model.id, [])
    if not prices:
        if model.open_weights:
            return None, []
        return None, [Reason(code="deployment", text=msg("No API price for {model} in the knowledge base.", model=model.name))]
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
        why = provider_reasons(prov, r)
        if why:
            reasons.extend(why)
            continue
        is_stale = price_is_stale(price, today)
        opt = Option("api", api_cost(price, r), price=price, provider=prov, stale=is_stale, lifecycle=life)
        (stale if is_stale else fresh).append(opt)
    pool = fresh or stale
    if not pool:
        return None, reasons
    return min(pool, key=lambda o: (round(o.cost.usd_month, 6), o.provider.id if o.provider else "")), []


def _hardware_reason(model: Model, ctx: Context) -> Reason:
    need = GB(memory_needed(model, "int4", ctx.kv_tokens, 1).total_gb)
    have = [msg("{count} x {gpu} ({usable} GB usable)", count=Num(c), gpu=g.name, usable=GB(usable_gb(g) * c))
                    for g, c in ctx.owned]
    if have:
        text = msg("{model} needs about {need} GB even at int4 (weights, KV cache for {tokens} "
                   "tokens, runtime); your {have} cannot hold it.", model=model.name, need=need, tokens=Num(ctx.kv_tokens), have=have)
    else:
        text = msg("{model} needs about {need} GB at int4 and no suitable hardware is available to "
                   "you.", model=model.name, need=need)
    if not ctx.r.can_rent and ctx.r.deployment in ("any", "private_cloud") and not ctx.owned:
        text = msg("{text}", text=Sentences((text, msg("GPU rental is ruled out."))))
    return Reason(code="hardware", text=text)


def _self_hosted_option(model: Model, ctx: Context) -> tuple[Option | None, list[Reason]]:
    r = ctx.r
    if not model.open_weights:
        return None, []
    if not model.params_total_b:
        return None, [Reason(code="hardware", text=msg("{model}'s parameter count is not in the knowledge base, so its memory cannot be "
                                                       "sized.", model=model.name))]
    min_tps = D.INTERACTIVE_MIN_TOKENS_S if r.latency == "interactive" else None
    plan = plan_owned(model, ctx.owned, ctx.kv_tokens, min_tps) if ctx.owned else None
    if plan is None and r.can_rent:
        hourly = r.budget / D.HOURS_PER_MONTH if r.budget is not None and r.latency != "batch" else None
        plan = plan_rental(model, ctx.kv_tokens, ctx.index.rent_any, ctx.index.rent_fp8, hourly, min_tps)
    if plan is None and not ctx.owned and r.owns_hardware_only:
        plan = plan_rental(model, ctx.kv_tokens, ctx.index.rent_any, ctx.index.rent_fp8, None, min_tps)
        if plan is not None:
            plan.rented, plan.procure = False, True
            plan.notes.append(msg("You listed no hardware: this is the hardware to procure."))
    if plan is None:
        return None, [_hardware_reason(model, ctx)]
    cost = self_hosted_cost(plan, r)
    opt = Option("self_hosted", cost, plan=plan, notes=list(plan.notes))
    if r.latency == "interactive" and plan.tokens_per_s is not None and plan.tokens_per_s < D.INTERACTIVE_MIN_TOKENS_S:
        opt.notes.append(msg("About {tps} tokens/s per stream: slow for interactive use.", tps=Num(plan.tokens_per_s)))
    return opt, []


def options(model: Model, ctx: Context, only: str | None = None) -> tuple[list[Option], list[Reason]]:
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
        reasons = [Reason(code="deployment", text=msg("No way to run {model} is available to you.", model=model.name))]
    return [], reasons
