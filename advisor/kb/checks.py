"""Consistency checks across knowledge-base entries that a per-field schema cannot express.

Each check returns problems instead of raising, so ``advisor kb validate`` reports every one at once.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from advisor.kb.errors import Problem
from advisor.kb.schema import Model, Price, Strict
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
    """Two prices for the same model, provider and date make 'the current price' ambiguous."""
    seen: dict[tuple[str, str, dt.date | None], Located] = {}
    problems = []
    for item in prices:
        p = item.entity
        assert isinstance(p, Price)
        if p.doubtful:
            continue
        key = (p.model, p.provider, p.as_of)
        first = seen.setdefault(key, item)
        if first is not item:
            where = f"{first.file}:{first.lines.line([first.key, first.index]) or '?'}"
            problems.append(item.problem([], f"duplicate price for model '{p.model}' at provider "
                                             f"'{p.provider}' as of {p.as_of} (first at {where})"))
    return problems


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
