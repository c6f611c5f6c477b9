"""What ranking one profile against one knowledge base needs at hand: the per-KB index (current
prices, rental tables, per-model statics; computed once per KB and day) and the per-profile
``RankContext`` every engine step receives. Split from constraints.py, which judges the models."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from advisor.engine import defaults as D
from advisor.engine import placement
from advisor.engine.hardware import RentalIndex, kv_tokens, max_devices, usable_gb
from advisor.engine.licence import licence_blocks
from advisor.engine.lifecycle import judged_today
from advisor.engine.models import Reason
from advisor.engine.profile import Resolved
from advisor.engine.screen import CAPABILITY_NEEDS, Settings, Static, language_scores, task_scores
from advisor.engine.textsize import min_token_factor
from advisor.kb.loader import KnowledgeBase
from advisor.kb.schema import GPU, Licence, Price


@dataclass
class KBIndex:
    """Per-KB data computed once: current prices per model, rental tables, per-model statics."""

    prices: dict[str, list[Price]]
    rent_any: RentalIndex
    rent_fp8: RentalIndex
    statics: list[Static]
    gpus: list[GPU] = field(default_factory=list)
    _scores: dict[tuple[str, tuple[str, ...]], list[float]] = field(default_factory=dict)
    _rentals: dict[tuple, tuple[RentalIndex, RentalIndex]] = field(default_factory=dict)

    def rentals(self, r: Resolved) -> tuple[RentalIndex, RentalIndex]:
        """Rentable configurations this profile may use (trust tier, own cloud, residency), per key."""
        key = placement.rental_key(r)
        if key == (False, None, ()):
            return self.rent_any, self.rent_fp8
        if key not in self._rentals:
            ok = lambda rent: placement.rental_allowed(rent, r)  # noqa: E731
            self._rentals[key] = (
                RentalIndex.build(self.gpus, allow=ok),
                RentalIndex.build(self.gpus, fp8_only=True, allow=ok),
            )
        return self._rentals[key]

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
        statics = [
            Static.of(m, kb.licences[m.licence].eu_multimodal_restriction, prices.get(m.id, []), rent_any)
            for m in kb.models.values()
        ]
        return cls(prices, rent_any, RentalIndex.build(gpus, fp8_only=True), statics, gpus)


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
class RankContext:
    kb: KnowledgeBase
    r: Resolved
    today: date
    index: KBIndex
    owned: list[tuple[GPU, int]]
    kv_tokens: float
    licence_blocks: dict[str, list[Reason]] = field(default_factory=dict)
    memo: dict[str, Any] = field(default_factory=dict)

    def with_profile(self, r: Resolved) -> RankContext:
        """A fresh context for a variant of the profile (no memoised screening carried over)."""
        return RankContext.build(self.kb, r, self.today)

    def settings(self) -> Settings:
        r = self.r
        blocked = frozenset(lic.id for lic in self.kb.licences.values() if self.licence_blocks_of(lic))
        per_month = r.requests_per_day * D.DAYS_PER_MONTH / 1e6 * min_token_factor(r.languages)
        return Settings(
            tasks=tuple(r.tasks),
            languages=tuple(r.languages),
            window=r.context_tokens + int(r.output_tokens),
            want_image=self.wants_image,
            needs=frozenset(r.needs) & frozenset(CAPABILITY_NEEDS),
            today=self.today.toordinal(),
            eu=r.region == "eu",
            blocked_licences=blocked,
            api_ok=r.deployment == "any",
            per_token_month_in=per_month * r.input_tokens,
            per_token_month_out=per_month * r.output_tokens,
            owned_cap=self.owned_capacity_gb,
            can_rent=r.can_rent,
            procure=r.owns_hardware_only and not self.owned,
            rent_hours=D.HOURS_PER_MONTH if r.latency != "batch" else 0.0,
            budget=r.budget,
            weights=tuple(D.weights_for(r.profile.priority).items()),
        )

    def licence_blocks_of(self, lic: Licence) -> list[Reason]:
        blocks = self.licence_blocks.get(lic.id)
        if blocks is None:
            blocks = self.licence_blocks[lic.id] = licence_blocks(lic, self.r)
        return blocks

    @property
    def owned_capacity_gb(self) -> float:
        """The most memory one tensor-parallel group of the user's GPUs offers."""
        return max(
            (usable_gb(g) * max(c for c in max_devices(g) if c <= n) for g, n in self.owned), default=0.0
        )

    @property
    def wants_image(self) -> bool:
        return "vision" in self.r.tasks or "vision" in self.r.needs

    @classmethod
    def build(cls, kb: KnowledgeBase, r: Resolved, today: date) -> RankContext:
        owned = [(kb.gpus[h.gpu], h.count) for h in r.profile.hardware if h.gpu in kb.gpus]
        return cls(
            kb,
            r,
            today,
            kb_index(kb, today),
            owned,
            kv_tokens(r.context_tokens, r.input_tokens, r.output_tokens, r.concurrency),
        )
