"""When nothing qualifies, say which constraint to relax, by trying each relaxation for real.

A count of exclusion codes says what blocked most models; re-ranking with one constraint relaxed
says what would actually unblock a recommendation, which is the advice a user can act on.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Callable
from typing import Any

from advisor.engine.hardware import memory_needed
from advisor.engine.profile import Resolved
from advisor.engine.rank import RankResult, rank
from advisor.engine.rank_context import RankContext
from advisor.i18n import GB, Clauses, Label, Msg, Num, Sentences, msg


def _set(**changes: Any) -> Callable[[Resolved], Resolved]:
    def relax(x: Resolved) -> Resolved:
        return dataclasses.replace(x, **changes)

    return relax


def _relaxations(ctx: RankContext) -> list[tuple[Msg, Callable[[Resolved], Resolved]]]:
    r = ctx.r
    out: list[tuple[Msg, Callable[[Resolved], Resolved]]] = []
    if r.deployment != "any":
        out.append(
            (
                msg("allow vendor APIs (deployment: any) with a provider whose data terms suit your data"),
                _set(deployment="any", can_rent=True),
            )
        )
    if r.deployment in ("any", "private_cloud") and not r.can_rent:
        out.append((msg("allow renting cloud GPUs (can_rent_gpus: true)"), _set(can_rent=True)))
    if r.deployment in ("on_prem", "air_gapped"):
        out.append(
            (
                msg("use a private cloud account with rented GPUs (deployment: private_cloud)"),
                _set(deployment="private_cloud", can_rent=True),
            )
        )
    windows = sorted({m.context_window for m in ctx.kb.models.values()})
    if windows and r.context_tokens > windows[-1] // 2:
        limit = max((w for w in windows if w < r.context_tokens), default=None)
        if limit:
            out.append(
                (
                    msg(
                        "shorten the longest input to {tokens} tokens (chunking or retrieval)",
                        tokens=Num(limit),
                    ),
                    _set(context_tokens=limit),
                )
            )
    for need in sorted(r.needs):
        out.append((msg("drop the need '{need}'", need=Label("need", need)), _set(needs=r.needs - {need})))
    if r.region is not None:
        out.append((msg("drop the region '{region}' requirement", region=r.region), _set(region=None)))
    return out


def no_candidate_text(res: RankResult, ctx: RankContext) -> Msg:
    ex = res.excluded
    codes = Counter(code for m in ex.ids() for code in {x.code for x in ex.reasons(m)})
    blockers = [
        msg("{code} ({count} models)", code=Label("code", c), count=Num(n)) for c, n in codes.most_common(3)
    ]
    parts = [
        msg("No model meets every hard constraint. Most common blockers: {blockers}.", blockers=blockers)
    ]
    fixes: list[Msg] = []
    for fix, relax in _relaxations(ctx):
        sub = relax(dataclasses.replace(ctx.r, assumptions=[]))
        alt = rank(ctx.with_profile(sub), shortlist=1)
        if alt.ranked:
            fixes.append(msg("{fix} (then: {model})", fix=fix, model=alt.ranked[0].model.name))
    excluded_ids = set(ex.ids())
    if ctx.owned and codes.get("hardware"):
        need = min(
            (
                memory_needed(m, "int4", ctx.kv_tokens).total_gb
                for m in ctx.kb.models.values()
                if m.open_weights
                and m.params_total_b
                and m.id in excluded_ids
                and all(x.code in ("hardware", "deployment") for x in ex.reasons(m.id))
            ),
            default=None,
        )
        if need is not None:
            fixes.append(
                msg(
                    "add GPU memory: the smallest otherwise-qualifying model needs about {need} GB at int4",
                    need=GB(need),
                )
            )
    if fixes:
        parts.append(msg("To get a recommendation, relax one of: {fixes}.", fixes=Clauses(tuple(fixes))))
    else:
        parts.append(
            msg(
                "No single relaxation helps: revisit the data sensitivity, licence or capability "
                "requirements."
            )
        )
    return msg("{text}", text=Sentences(tuple(parts)))
