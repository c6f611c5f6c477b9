"""Profile normalisation: validate, convert currencies, resolve hardware names, resolve defaults.

``normalise_profile`` is the only way raw input becomes a ``Profile``; ``resolve`` then fills every
missing field from ``DEFAULTS`` and records each one as a sentence, so no default is ever silent.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from advisor.engine import defaults as D
from advisor.engine.defaults import assumed_text, default_value
from advisor.engine.models import Profile
from advisor.i18n import Date, Label, Msg, Num, Usd, msg
from advisor.kb.errors import InputError, Problem
from advisor.kb.loader import KnowledgeBase
from advisor.kb.lookup import NotFound, find_gpu
from advisor.kb.schema import GPU
from advisor.kb.yamlsource import LineMap, validate_document


def resolve_gpu(name: str, kb: KnowledgeBase, *, where: tuple[str, int | None, str] | None = None) -> GPU:
    """The GPU a profile names (``advisor.kb.lookup.find_gpu``), or an input error listing the
    nearest known GPUs, because a wrong GPU silently changes every memory and cost figure."""
    try:
        return find_gpu(kb, name)
    except NotFound as miss:
        listing = ", ".join(f"{g} ({kb.gpus[g].name})" for g in miss.near)
        what = "ambiguous" if miss.ambiguous else "unknown"
        file, line, path = where or ("profile", None, "hardware")
        raise InputError(
            [Problem(file, line, path, f"{what} GPU '{name}' (nearest known: {listing})")]
        ) from miss


def convert_to_usd(amount: float, currency: str, kb: KnowledgeBase) -> tuple[float, Msg | None]:
    """Return the USD amount and a statement naming the rate, its source and date."""
    if currency == "USD":
        return amount, None
    rate = kb.fx.get(currency)
    if rate is None:
        raise KeyError(currency)
    dollars = amount * rate.usd_per_unit
    note = msg(
        "Budget {amount} {currency}/month converted at {rate} USD per {currency} "
        "(source: {source}, as of {as_of}) = {usd}/month.",
        amount=Num(amount),
        currency=currency,
        rate=f"{rate.usd_per_unit:.6g}",
        source=rate.source,
        as_of=Date(rate.as_of) if rate.as_of else "?",
        usd=Usd(dollars),
    )
    return dollars, note


def normalise_profile(
    raw: Any, kb: KnowledgeBase, source: str = "profile", lines: LineMap | None = None
) -> Profile:
    """Validate raw input against the contract profile and resolve names and currencies.

    Idempotent: normalising a normalised profile gives the same profile.
    """
    lines = lines or LineMap(None)
    if raw is None:
        raw = {}
    profile = validate_document(Profile, raw, source, lines)
    problems: list[Problem] = []
    updates: dict[str, Any] = {}

    if profile.budget is not None and profile.budget_usd_month is None:
        try:
            updates["budget_usd_month"] = round(
                convert_to_usd(profile.budget.monthly_amount(), profile.budget.currency, kb)[0], 2
            )
        except KeyError:
            known = ", ".join(sorted({"USD", *kb.fx}))
            problems.append(
                Problem(
                    source,
                    lines.line(["budget", "currency"]),
                    "budget.currency",
                    f"unknown currency '{profile.budget.currency}' (known: {known})",
                )
            )

    merged: dict[str, int] = {}
    for i, item in enumerate(profile.hardware):
        try:
            gpu = resolve_gpu(
                item.gpu, kb, where=(source, lines.line(["hardware", i, "gpu"]), f"hardware[{i}].gpu")
            )
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        merged[gpu.id] = merged.get(gpu.id, 0) + item.count
    if problems:
        raise InputError(problems)
    updates["hardware"] = [{"gpu": g, "count": c} for g, c in merged.items()]
    updates["tasks"] = list(dict.fromkeys(profile.tasks))
    updates["languages"] = list(dict.fromkeys(profile.languages))
    updates["needs"] = list(dict.fromkeys(profile.needs))
    updates["regulations"] = list(dict.fromkeys(r.strip().lower() for r in profile.regulations if r.strip()))
    if profile.region is not None:
        updates["region"] = profile.region.strip().lower() or None
    data = profile.model_dump(exclude_unset=True)  # keep "not stated" distinguishable from defaults
    data.update(updates)
    return Profile.model_validate(data)


def estimate_concurrency(requests_per_day: float, output_tokens: float, latency: str) -> int:
    """Little's law: peak arrival rate x time each answer takes to stream."""
    if latency == "batch":
        return D.BATCH_CONCURRENCY
    rate = requests_per_day / (8 * 3600) * D.PEAK_FACTOR
    seconds = 1.0 + output_tokens / D.INTERACTIVE_MIN_TOKENS_S
    return max(1, min(D.CONCURRENCY_CAP, math.ceil(rate * seconds)))


@dataclass
class Resolved:
    """The profile with every default applied, plus the sentences that say so."""

    profile: Profile
    tasks: list[str]
    languages: list[str]
    sensitivity: str
    deployment: str
    budget: float | None
    requests_per_day: float
    input_tokens: float
    output_tokens: float
    cached_share: float
    concurrency: int
    can_rent: bool
    context_tokens: int
    latency: str
    commercial: bool
    mau: int | None
    region: str | None
    needs: set[str]
    regulations: set[str]
    assumptions: list[Msg] = field(default_factory=list)

    @property
    def owns_hardware_only(self) -> bool:
        return self.deployment in ("on_prem", "air_gapped")


def resolve(profile: Profile, kb: KnowledgeBase) -> Resolved:
    notes: list[Msg] = []

    def pick(value: Any, name: str) -> Any:
        if value is None or value == []:
            notes.append(assumed_text(name))
            return default_value(name)
        return value

    if profile.budget is not None and profile.budget_usd_month is not None:
        try:
            dollars, note = convert_to_usd(profile.budget.monthly_amount(), profile.budget.currency, kb)
            if note and abs(dollars - profile.budget_usd_month) <= max(1.0, 0.01 * dollars):
                notes.append(note)
        except KeyError:
            pass
    vol = profile.volume
    if vol is None:
        notes.append(assumed_text("volume"))
        v = default_value("volume")
        rpd, tin, tout = float(v["requests_per_day"]), float(v["input_tokens"]), float(v["output_tokens"])
        cached, conc = None, None
    else:
        rpd, tin, tout = vol.requests_per_day, vol.input_tokens, vol.output_tokens
        cached, conc = vol.cached_input_share, vol.concurrency
    cached = pick(cached, "cached_input_share")
    if conc is None:
        notes.append(assumed_text("concurrency"))
        conc = estimate_concurrency(rpd, tout, profile.latency or "interactive")
    deployment = pick(profile.deployment, "deployment")
    if profile.can_rent_gpus is None and deployment in ("any", "private_cloud"):
        can_rent = pick(None, "can_rent_gpus")
    else:
        can_rent = bool(profile.can_rent_gpus) and deployment in ("any", "private_cloud")
        if profile.can_rent_gpus and not can_rent:
            notes.append(
                msg(
                    "GPU rental not considered: deployment '{deployment}' means hardware you own.",
                    deployment=Label("dep", deployment),
                )
            )
    needs: set[str] = set(profile.needs)
    if profile.context_tokens is not None:
        ctx = profile.context_tokens
    elif "long_context" in needs:
        ctx = pick(None, "long_context_tokens")
    else:
        ctx = max(int(default_value("context_tokens")), int(2 * tin))
        notes.append(assumed_text("context_tokens"))
    input_stated = vol is not None and "input_tokens" in vol.model_fields_set
    if profile.context_tokens is not None and not input_stated and profile.context_tokens > tin:
        # A user who says "200k-token contracts" sends documents that long: the 1,000-token default
        # would understate API cost fifty-fold.
        tin = float(profile.context_tokens)
        notes.append(
            msg(
                "Typical input size not given: each request is costed at your longest input "
                "({tokens} tokens), the conservative case for long documents.",
                tokens=Num(tin),
            )
        )
    if profile.budget_usd_month is None:
        notes.append(assumed_text("budget_usd_month"))
    if profile.monthly_active_users is None:
        notes.append(assumed_text("monthly_active_users"))
    if profile.region is None:
        notes.append(assumed_text("region"))
    tasks: list[str] = list(profile.tasks) or list(
        dict.fromkeys(t for w in profile.workloads for t in w.tasks)
    )
    if not tasks:
        tasks = list(default_value("tasks"))
        notes.append(assumed_text("tasks"))
    if "vision" in needs and "vision" not in tasks:
        tasks.append("vision")
    resolved = Resolved(
        profile=profile,
        tasks=tasks,
        languages=pick(list(profile.languages), "languages"),
        sensitivity=pick(profile.data_sensitivity, "data_sensitivity"),
        deployment=deployment,
        budget=profile.budget_usd_month,
        requests_per_day=rpd,
        input_tokens=tin,
        output_tokens=tout,
        cached_share=float(cached),
        concurrency=int(conc),
        can_rent=can_rent,
        context_tokens=int(ctx),
        latency=pick(profile.latency, "latency"),
        commercial=pick(profile.commercial_use, "commercial_use"),
        mau=profile.monthly_active_users,
        region=profile.region,
        needs=needs,
        regulations=set(profile.regulations),
        assumptions=notes,
    )
    from advisor.engine.textsize import apply_task_defaults  # per-task output and cache-share defaults

    apply_task_defaults(resolved)
    return resolved
