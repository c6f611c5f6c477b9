"""Rank every model for one resolved profile.

Cheap model-level checks run for all models; the costlier sizing runs in order of each model's
best possible score (an upper bound from quality, language, a lower bound on cost and the route's
operational burden) and stops once no remaining model could enter the shortlist. Separate bounded
passes find the best route of one kind (API or self-hosted) and the cheapest allowed option.
Sentences for excluded models are written only for those shown. That keeps a 10,000-model
knowledge base fast.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass

from advisor.engine import defaults as D
from advisor.engine.candidate import build_candidate
from advisor.engine.constraints import Option, model_reasons, options
from advisor.engine.models import Candidate, Reason
from advisor.engine.rank_context import RankContext
from advisor.engine.scoring import Scored, language_fit, score_option
from advisor.engine.screen import Screened, screen
from advisor.kb.schema import Model


@dataclass
class Ranked:
    model: Model
    option: Option
    scored: Scored
    other: Option | None


class Exclusions(dict[str, list[Reason]]):
    """Excluded model id -> reasons. Models screened out by model-level checks get their sentences
    written only when read, because only the few shown to the user ever are."""

    def __init__(self, ctx: RankContext):
        super().__init__()
        self._ctx = ctx
        self.lazy: set[str] = set()  # failed a model-level check
        self.lazy_routes: set[str] = set()  # no deployment route is even conceivable

    def ids(self) -> list[str]:
        return [*self.keys(), *(m for m in (*self.lazy, *self.lazy_routes) if m not in self)]

    def reasons(self, model_id: str) -> list[Reason]:
        if model_id not in self:
            model = self._ctx.kb.models[model_id]
            if model_id in self.lazy:
                self[model_id] = model_reasons(model, self._ctx.kb.licences[model.licence], self._ctx)
            elif model_id in self.lazy_routes:
                self[model_id] = options(model, self._ctx)[1]
        return self[model_id]


@dataclass
class RankResult:
    ranked: list[Ranked]  # allowed models, best first (one route each: the better-scoring one)
    excluded: Exclusions
    quality: dict[str, float]

    def candidates(self, ctx: RankContext, limit: int) -> list[Candidate]:
        return [build_candidate(x.model, x.option, x.scored, ctx, x.other) for x in self.ranked[:limit]]


def _key(x: Ranked) -> tuple[float, str]:
    return (-x.scored.score, x.model.id)


def _screen(ctx: RankContext) -> tuple[list[Screened], set[str], dict[str, float]]:
    """Model-level hard constraints for every model, with score bounds per route. Memoised on
    the context, since several passes (shortlist, best route, cheapest) share it."""
    memo = ctx.memo.get("screen")
    if memo is None:
        s = ctx.settings()
        memo = ctx.memo["screen"] = screen(
            ctx.index.statics, s, ctx.index.task_scores(s.tasks), ctx.index.language_scores(s.languages)
        )
    return memo


_BOUND = {None: "bound_any", "api": "bound_api", "self_hosted": "bound_host"}


def _evaluate(p: Screened, ctx: RankContext, route: str | None) -> tuple[Ranked | None, list[Reason]]:
    q, model = p.quality, p.static.model
    opts, why = options(model, ctx, only=route)
    if not opts:
        return None, why
    fit = language_fit(model, ctx.r.languages)
    scored = sorted(
        ((score_option(model, q, o, ctx.r, fit), o) for o in opts),
        key=lambda t: (-t[0].score, t[1].deployment),
    )
    return Ranked(model, scored[0][1], scored[0][0], scored[1][1] if len(scored) > 1 else None), []


def rank(
    ctx: RankContext,
    *,
    shortlist: int = 1 + D.ALTERNATIVES,
    route: str | None = None,
    exhaustive: bool = False,
) -> RankResult:
    """The best ``shortlist`` models (of one ``route`` when given), best first."""
    screened, blocked, quality = _screen(ctx)
    excluded = Exclusions(ctx)
    excluded.lazy |= blocked
    attr = _BOUND[route]
    heap: list[tuple[float, str, int]] = []
    for i, p in enumerate(screened):
        b = getattr(p, attr)
        if b > float("-inf"):
            heap.append((-b, p.static.id, i))
        elif route is None:  # no route is even conceivable: options() will say why, if asked
            excluded.lazy_routes.add(p.static.id)
    heapq.heapify(heap)
    ranked: list[Ranked] = []
    top: list[float] = []  # min-heap of the best `shortlist` scores so far
    while heap:
        neg_ub, _, i = heapq.heappop(heap)
        if not exhaustive and len(top) >= shortlist and -neg_ub < top[0]:
            break
        item, why = _evaluate(screened[i], ctx, route)
        if item is None:
            if route is None:
                excluded[screened[i].static.id] = why
            continue
        ranked.append(item)
        if len(top) < shortlist:
            heapq.heappush(top, item.scored.score)
        elif item.scored.score > top[0]:
            heapq.heapreplace(top, item.scored.score)
    ranked.sort(key=_key)
    return RankResult(ranked, excluded, quality)


def best_route(ctx: RankContext, route: str, res: RankResult) -> Ranked | None:
    """The best allowed option of one kind, reusing the main ranking when it already holds it."""
    if res.ranked and res.ranked[0].option.deployment == route:
        return res.ranked[0]  # the overall best is of this kind: nothing of this kind can beat it
    found = rank(ctx, shortlist=1, route=route).ranked
    return found[0] if found else None


def cheapest(ctx: RankContext) -> Ranked | None:
    """The allowed option with the lowest monthly cost (bounded: stops once no model can be cheaper)."""
    items = []
    for p in _screen(ctx)[0]:
        bounds = [b for b in (p.api_lb, p.host_lb) if b is not None]
        if bounds:
            items.append((min(bounds), p.static.id, p))
    items.sort(key=lambda t: (t[0], t[1]))
    best: Ranked | None = None
    for lb, _, p in items:
        if best is not None and lb > best.option.cost.usd_month:
            break
        q, model = p.quality, p.static.model
        for o in options(model, ctx)[0]:
            if best is None or (o.cost.usd_month, model.id) < (best.option.cost.usd_month, best.model.id):
                fit = language_fit(model, ctx.r.languages)
                best = Ranked(model, o, score_option(model, q, o, ctx.r, fit), None)
    return best
