"""Consistency checks across knowledge-base entries that a per-field schema cannot express.

Each check returns problems instead of raising, so ``advisor kb validate`` reports every one at once.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from advisor.kb.errors import Problem
from advisor.kb.schema import LifecycleEntry, Model, PlatformLifecycle, Price, Strict
from advisor.kb.yamlsource import LineMap, dotted


@dataclass(frozen=True)
class Located:
    """One entity with where it came from, so any check can name ``file:line: key[i].field``."""

    file: str
    lines: LineMap
    key: str
    index: int
    entity: Strict

    def problem(self, attr: Sequence[str | int], message: str) -> Problem:
        path = [self.key, self.index, *attr]
        return Problem(self.file, self.lines.line(path), dotted(path), message)


def name_key(text: str) -> str:
    """How people type a name: case and runs of spaces, '-' or '_' do not distinguish two things."""
    return re.sub(r"[\s_-]+", " ", text.strip().lower())


def alias_collisions(items: Iterable[Located], what: str) -> list[Problem]:
    """An alias must name one thing only, else "A100" in a profile could mean two GPUs."""
    owner: dict[str, str] = {}
    for item in items:
        ident = getattr(item.entity, "id", "")
        owner.setdefault(name_key(ident), ident)
    problems = []
    for item in items:
        ent = item.entity
        for j, alias in enumerate(getattr(ent, "aliases", [])):
            key = name_key(alias)
            other = owner.setdefault(key, ent.id)  # type: ignore[attr-defined]
            if other != ent.id:  # type: ignore[attr-defined]
                problems.append(item.problem(["aliases", j],
                                             f"alias '{alias}' already names {what} '{other}'"))
    return problems


def duplicate_prices(prices: Iterable[Located]) -> list[Problem]:
    """Two prices for the same model, provider, date (and effective start and region) make 'the
    current price' ambiguous; a generated file repeating a hand-checked price is not an error (the
    hand-checked one is loaded first and wins the tie)."""
    seen: dict[tuple[str, str, dt.date | None, dt.date | None, str | None], Located] = {}
    problems = []
    for item in prices:
        p = item.entity
        assert isinstance(p, Price)
        if p.doubtful:
            continue
        key = (p.model, p.provider, p.as_of, p.effective_from, p.region)
        first = seen.setdefault(key, item)
        if first is not item and not (first.file != item.file and is_generated(item.file)):
            where = f"{first.file}:{first.lines.line([first.key, first.index]) or '?'}"
            problems.append(item.problem([], f"duplicate price for model '{p.model}' at provider "
                                             f"'{p.provider}' as of {p.as_of} (first at {where})"))
    return problems


GENERATED_PREFIXES = ("prices-litellm-", "prices-genai-", "lifecycle-litellm")


def is_generated(file: str) -> bool:
    """A file ``advisor kb refresh`` writes: a hand-checked entry for the same key wins over it."""
    return Path(file).name.startswith(GENERATED_PREFIXES)


def future_dates(items: Iterable[Located], today: dt.date) -> list[Problem]:
    """A fact dated after today is a typo (a year off) and would beat every real price as 'newest'."""
    problems = []
    for item in items:
        ent = item.entity
        dates: list[tuple[list[str | int], dt.date | None]] = [(["as_of"], getattr(ent, "as_of", None))]
        if isinstance(ent, Model):
            dates += [(["benchmarks", j, "as_of"], b.as_of) for j, b in enumerate(ent.benchmarks)]
        for attr, value in dates:
            if value is not None and value > today:
                problems.append(item.problem(attr, f"date {value} is in the future (today is {today})"))
    return problems


def model_sanity(models: Iterable[Located]) -> list[Problem]:
    """Numbers that contradict each other inside one model entry."""
    problems = []
    for item in models:
        m = item.entity
        assert isinstance(m, Model)
        if m.params_total_b is not None and m.params_active_b is not None \
                and m.params_active_b > m.params_total_b:
            problems.append(item.problem(["params_active_b"], f"active parameters ({m.params_active_b}B) "
                                                              f"exceed total ({m.params_total_b}B)"))
        if m.release_date and m.deprecation_date and m.deprecation_date < m.release_date:
            problems.append(item.problem(["deprecation_date"], "deprecation date is before the release date"))
        if m.max_output_tokens is not None and m.max_output_tokens > m.context_window:
            problems.append(item.problem(["max_output_tokens"],
                                         f"larger than the context window ({m.context_window})"))
    return problems



def japanese_conditions(licences: Iterable[Located]) -> list[Problem]:
    """``conditions_ja`` translates ``conditions`` one for one, so each condition is shown in the
    reader's language; a list of another length would pair a condition with the wrong words."""
    problems = []
    for item in licences:
        en, ja = getattr(item.entity, "conditions", []), getattr(item.entity, "conditions_ja", [])
        if ja and len(ja) != len(en):
            problems.append(item.problem(["conditions_ja"], f"{len(ja)} Japanese conditions for {len(en)} "
                                                            "conditions: translate each one, in order"))
    return problems


def price_dates(prices: Iterable[Located]) -> list[Problem]:
    """An effective-dated price must start before it ends."""
    problems = []
    for item in prices:
        p = item.entity
        assert isinstance(p, Price)
        if p.effective_from and p.effective_until and p.effective_until < p.effective_from:
            problems.append(item.problem(["effective_until"], f"ends ({p.effective_until}) before it "
                                                              f"starts ({p.effective_from})"))
    return problems


VENDOR_PLATFORM = "vendor"


def _lifecycle_problems(item: Located, attr: list[str | int], entry: PlatformLifecycle, model_id: str,
                        models: dict[str, Strict], providers: dict[str, Strict]) -> list[Problem]:
    out = []
    model = models.get(model_id)
    if entry.platform == VENDOR_PLATFORM and isinstance(model, Model) and model.open_weights:
        out.append(item.problem([*attr, "platform"], "open weights: name the provider ('vendor' covers "
                                                     "closed-weights models only)"))
    if entry.platform != VENDOR_PLATFORM and entry.platform not in providers:
        out.append(item.problem([*attr, "platform"], f"unknown platform '{entry.platform}' (use "
                                                     f"'{VENDOR_PLATFORM}' or a provider id)"))
    if entry.successor is not None:
        if entry.successor not in models:
            out.append(item.problem([*attr, "successor"], f"unknown model id '{entry.successor}'"))
        elif entry.successor == model_id:
            out.append(item.problem([*attr, "successor"], "a model cannot succeed itself"))
    if entry.deprecated_on and entry.shutdown_date and entry.shutdown_date < entry.deprecated_on:
        out.append(item.problem([*attr, "shutdown_date"], "shutdown date is before the deprecation date"))
    if entry.status == "retired" and entry.shutdown_date is None:
        out.append(item.problem([*attr, "shutdown_date"], "a retired model needs its shutdown date"))
    return out


def lifecycle_refs(rows: Iterable[Located], model_items: Iterable[Located], models: dict[str, Strict],
                   providers: dict[str, Strict]) -> list[Problem]:
    """Lifecycle rows (files) and entries (inside models) name real models, successors and
    platforms; one row per (model, platform) per file; dates in order."""
    problems = []
    seen: dict[tuple[str, str, str], Located] = {}
    for item in rows:
        e = item.entity
        assert isinstance(e, LifecycleEntry)
        if e.model not in models:
            problems.append(item.problem(["model"], f"unknown model id '{e.model}'"))
        first = seen.setdefault((item.file, e.model, e.platform), item)
        if first is not item:
            problems.append(item.problem(["platform"], f"second entry for '{e.model}' on '{e.platform}' "
                                                       f"(first at line {first.lines.line([first.key, first.index])})"))
        problems.extend(_lifecycle_problems(item, [], e, e.model, models, providers))
    for item in model_items:
        m = item.entity
        assert isinstance(m, Model)
        for j, e in enumerate(m.lifecycle):
            problems.extend(_lifecycle_problems(item, ["lifecycle", j], e, m.id, models, providers))
    return problems
