"""Soft ranking of allowed options: task fit, cost and budget fit, language, latency, operational burden.

Each part is 0..1 and weighted by ``WEIGHTS``; going over budget subtracts a penalty that grows with
the overshoot, so any within-budget option outranks an over-budget one of similar quality.
Scores are rounded and ties broken by model id, so the order is deterministic.
"""

from __future__ import annotations

from dataclasses import dataclass

from advisor.engine import defaults as D
from advisor.engine.constraints import Option
from advisor.engine.profile import Resolved
from advisor.engine.screen import budget_penalty, cost_fit, refinement
from advisor.i18n import GB, N_, Date, Label, Msg, Num, Pct, Usd, msg
from advisor.kb.schema import Model


def language_score(model: Model, languages: list[str]) -> float:
    total = 0.0
    for code in languages:  # the languages of the user's data, not of the output
        if code == "ja":
            total += D.JA_LEVEL_SCORE[model.japanese.level if model.japanese else None]
        elif code in model.languages_strong or (code == "en" and not model.languages_strong):
            total += 1.0
        else:
            total += 0.5
    return total / len(languages) if languages else 1.0


def language_fit(model: Model, languages: list[str]) -> tuple[float, Msg | None]:
    """Score for the user's task ``languages`` and, when Japanese is among them, a statement of it."""
    note = None
    if "ja" in languages:
        level = model.japanese.level if model.japanese else None
        if level is None:
            note = msg("Japanese ability not graded in the knowledge base.")
        else:
            key = (N_("Japanese: {level} (Japanese-specialised).") if model.japanese and model.japanese.specialised
                   else N_("Japanese: {level}."))
            note = msg(key, level=Label("jalevel", level))
    return language_score(model, languages), note


@dataclass
class Scored:
    score: float
    reasons: list[Msg]


def score_option(model: Model, quality: float, opt: Option, r: Resolved, lang_fit: tuple[float, Msg | None]) -> Scored:
    w = D.WEIGHTS
    reasons: list[Msg] = []
    tiers = [msg("{task} {tier}/5", task=Label("task", t), tier=model.quality[t])
                     if t in model.quality else msg("{task} not rated (weak)", task=Label("task", t))
             for t in r.tasks]
    reasons.append(msg("Task fit: {tiers}.", tiers=tiers))
    if lang_fit[1]:
        reasons.append(lang_fit[1])
    dollars = opt.cost.usd_month
    cost = cost_fit(dollars)
    penalty = budget_penalty(dollars, r.budget)
    if r.budget is not None:
        reasons.append(msg(N_("About {cost}/month against your {budget} budget (over budget).") if penalty
                           else N_("About {cost}/month against your {budget} budget."), cost=Usd(dollars),
                           budget=Usd(r.budget)))
    else:
        reasons.append(msg("About {cost}/month.", cost=Usd(dollars)))
    latency = 1.0
    if opt.deployment == "api":
        if model.capabilities.reasoning_trace and "reasoning" not in r.tasks and "reasoning_trace" not in r.needs \
                and r.latency == "interactive":
            latency = 0.6
            reasons.append(msg("Reasoning model: thinks before answering, so replies are slower and cost more "
                               "tokens."))
        reasons.append(msg("Runs as an API at {provider}: no hardware to operate.", provider=opt.provider.name) if opt.provider else msg("Runs as an API at its vendor: no hardware to operate."))
        ops = 1.0
    else:
        plan = opt.plan
        assert plan is not None
        tps = plan.tokens_per_s
        if r.latency == "interactive" and tps is not None:
            latency = min(1.0, tps / 30.0)
        how = Label("gpuhow", "rented" if plan.rented else ("procure" if plan.procure else "owned"))
        where = {"count": Num(plan.count), "gpu": plan.gpu.name, "how": how, "quant": plan.quant,
                 "used": GB(plan.memory.total_gb, 1), "available": GB(plan.available_gb)}
        reasons.append(msg("Self-hosted on {count} x {gpu} ({how}) at {quant}: {used} of {available} GB, "
                           "about {tps} tokens/s per stream.", **where, tps=Num(tps)) if tps else msg("Self-hosted on {count} x {gpu} ({how}) at {quant}: {used} of {available} GB.", **where))
        reasons.append(msg("Self-hosting needs ML-ops skills (serving, updates, monitoring, security "
                           "patches)."))
        ops = 0.5 if not plan.rented and not plan.procure else 0.4
        if plan.procure:
            ops = 0.3
        share = plan.memory.total_gb / plan.available_gb
        if share > D.TIGHT_FIT:
            penalty += 0.05
            reasons.append(msg("Tight fit ({share} of usable memory): little room for longer inputs, more users "
                               "or other programs.", share=Pct(share)))
    if opt.stale and opt.price is not None:
        penalty += D.STALE_PENALTY
        reasons.append(msg("Its price dates from {as_of} (over {days} days old), so it ranks a little lower "
                           "until checked.", as_of=Date(opt.price.as_of) if opt.price.as_of else "?",
                           days=Num(D.STALE_DAYS)))
    reasons.extend(opt.notes)
    total = (w["quality"] * quality + w["cost"] * cost + w["language"] * lang_fit[0] + w["latency"] * latency
             + w["ops"] * ops + refinement(model) - penalty)
    return Scored(round(total, 4), reasons)
