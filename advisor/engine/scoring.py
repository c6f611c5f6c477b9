"""Soft ranking of allowed options: task fit, cost and budget fit, language, latency, operational burden.

Each part is 0..1 and weighted by ``WEIGHTS``; going over budget subtracts a penalty that grows with
the overshoot, so any within-budget option outranks an over-budget one of similar quality.
Scores are rounded and ties broken by model id, so the order is deterministic.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from advisor.engine import defaults as D
from advisor.engine.constraints import Option
from advisor.engine.messages import gb, label, listing, num, pct, say, usd
from advisor.engine.profile import Resolved
from advisor.engine.screen import budget_penalty, cost_fit, refinement
from advisor.i18n import msg, render
from advisor.kb.schema import Model


def language_score(model: Model, languages: list[str]) -> float:
    total = 0.0
    for lang in languages:
        if lang == "ja":
            total += D.JA_LEVEL_SCORE[model.japanese.level if model.japanese else None]
        elif lang in model.languages_strong or (lang == "en" and not model.languages_strong):
            total += 1.0
        else:
            total += 0.5
    return total / len(languages) if languages else 1.0


def language_fit(model: Model, languages: list[str], lang: str = "en") -> tuple[float, str | None]:
    """Score for the user's task ``languages`` and, when Japanese is among them, a sentence in ``lang``."""
    note = None
    if "ja" in languages:
        level = model.japanese.level if model.japanese else None
        if level is None:
            note = say("why.japanese_ungraded", lang)
        else:
            key = "why.japanese_specialised" if model.japanese and model.japanese.specialised else "why.japanese"
            note = say(key, lang, level=label("jalevel", level, lang))
    return language_score(model, languages), note


@dataclass
class Scored:
    score: float
    reasons: list[str]


def score_option(model: Model, quality: float, opt: Option, r: Resolved, lang: tuple[float, str | None]) -> Scored:
    w = D.weights_for(r.profile.priority)
    reasons: list[str] = []
    ui = r.lang
    tiers = listing((say("why.tier", ui, task=label("task", t, ui), tier=model.quality[t])
                     if t in model.quality else say("why.tier_unrated", ui, task=label("task", t, ui))
                     for t in r.tasks), ui)
    reasons.append(say("why.task_fit", ui, tiers=tiers))
    if lang[1]:
        reasons.append(lang[1])
    if model.japanese is not None and model.japanese.specialised and "ja" not in r.languages:
        reasons.append(render(msg("A Japanese-tuned variant: its task tiers come from Japanese benchmarks, so they "
                                  "count one tier lower for work that is not in Japanese."), ui))
    dollars = opt.cost.usd_month
    cost = cost_fit(dollars)
    penalty = budget_penalty(dollars, r.budget)
    if r.budget is not None:
        reasons.append(say("why.cost_over" if penalty else "why.cost_budget", ui, cost=usd(dollars),
                           budget=usd(r.budget)))
    else:
        reasons.append(say("why.cost", ui, cost=usd(dollars)))
    latency = 1.0
    if opt.deployment == "api":
        if model.capabilities.reasoning_trace and "reasoning" not in r.tasks and "reasoning_trace" not in r.needs \
                and r.latency == "interactive":
            latency = 0.6
            reasons.append(say("why.reasoning_model", ui))
        reasons.append(say("why.api", ui, provider=opt.provider.name) if opt.provider else say("why.api_vendor", ui))
        ops = 1.0
    else:
        plan = opt.plan
        assert plan is not None
        tps = plan.tokens_per_s
        if r.latency == "interactive" and tps is not None:
            latency = min(1.0, tps / 30.0)
        how = label("gpuhow", "rented" if plan.rented else ("procure" if plan.procure else "owned"), ui)
        where = {"count": num(plan.count), "gpu": plan.gpu.name, "how": how, "quant": plan.quant,
                 "used": gb(plan.memory.total_gb, 1), "available": gb(plan.available_gb)}
        reasons.append(say("why.hosted_speed", ui, **where, tps=num(tps)) if tps else say("why.hosted", ui, **where))
        reasons.append(say("why.mlops", ui))
        ops = 0.5 if not plan.rented and not plan.procure else 0.4
        if plan.procure:
            ops = 0.3
        cap = opt.cost.capacity
        if cap is not None and cap.short:  # cannot carry the volume: any plan that can ranks above it,
            penalty += min(D.CAPACITY_PENALTY_MAX, D.CAPACITY_PENALTY * (1 + math.log2(cap.utilisation)))
        share = plan.memory.total_gb / plan.available_gb
        if share > D.TIGHT_FIT:
            penalty += 0.05
            reasons.append(say("why.tight_fit", ui, share=pct(share)))
    reasons.extend(opt.notes)
    total = (w["quality"] * quality + w["cost"] * cost + w["language"] * lang[0] + w["latency"] * latency
             + w["ops"] * ops + refinement(model) - penalty)
    return Scored(round(total, 4), reasons)
