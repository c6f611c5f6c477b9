"""Scoring the offline understanding against a labelled corpus (tests/corpus/, see its README).

Used by ``bench/bench_understand.py`` (prints the figures) and by the corpus quality gate in the
tests. Two figures matter most for fail-safe advice:
- a *permissive misread*: a stated hard constraint read as looser than stated (a stricter
  statement read as a looser one, a stated constraint missed and not asked about, or a value the
  item forbids ending up in the profile);
- *hard-signal recall*: of the hard constraints stated, the share read right, read stricter, or
  flagged in ``hard_signals`` so the flow asks about them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from advisor.agent.merge import apply_updates
from advisor.agent.understand.core import understand
from advisor.agent.understand.facts import DEPLOYMENT_RANK, SENSITIVITY_RANK

HARD_SLOTS = (
    "data_sensitivity",
    "deployment",
    "residency",
    "vendor_requirements",
    "cloud_provider",
    "hardware_count",
)
SOFT_SLOTS = ("tasks", "requests_per_day", "monthly_active_users", "priority", "workloads")
SIGNALS = ("confirm", "injection", "ask", "invalid")
RANKS = {"data_sensitivity": SENSITIVITY_RANK, "deployment": DEPLOYMENT_RANK}


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


@dataclass
class Report:
    items: int = 0
    by_lang: dict[str, int] = field(default_factory=dict)
    slots: dict[str, Counts] = field(default_factory=dict)
    hard_stated: int = 0
    hard_recalled: int = 0
    misreads: list[tuple[str, str, str]] = field(default_factory=list)  # (text, slot, why)
    errors: list[tuple[str, str]] = field(default_factory=list)

    @property
    def hard_recall(self) -> float:
        return self.hard_recalled / self.hard_stated if self.hard_stated else 1.0

    def count(self, slot: str) -> Counts:
        return self.slots.setdefault(slot, Counts())


def load_corpus(folder: Path) -> list[dict[str, Any]]:
    """Every item of every YAML file in ``folder``, each with its ``lang``."""
    items: list[dict[str, Any]] = []
    for path in sorted(folder.glob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        for item in doc["items"]:
            items.append({"lang": doc.get("lang"), **item, "source": path.name})
    return items


def _as_set(value: Any) -> frozenset[Any] | None:
    return None if value is None else frozenset(value)


def predicted(u: Any, before: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """(what this message says, the profile after it) in the corpus's label names."""
    updates = u.updates
    after = apply_updates(before, updates)

    def view(source: Mapping[str, Any]) -> dict[str, Any]:
        hw = source.get("hardware")
        volume = source.get("volume") or {}
        out = {
            "data_sensitivity": source.get("data_sensitivity"),
            "deployment": source.get("deployment"),
            "residency": _as_set(source.get("residency")),
            "vendor_requirements": _as_set(source.get("vendor_requirements")),
            "cloud_provider": source.get("cloud_provider"),
            "hardware_count": None if hw is None else sum(int(h.get("count", 1)) for h in hw),
            "tasks": frozenset(source.get("tasks") or []),
            "requests_per_day": volume.get("requests_per_day"),
            "monthly_active_users": source.get("monthly_active_users"),
            "workloads": len(source["workloads"]) if source.get("workloads") else None,
        }
        return out

    said = view(updates)
    said["priority"] = getattr(u, "priority", None)
    said["confirm"] = frozenset(getattr(u, "needs_confirmation", {}) or {})
    said["injection"] = bool(u.ignored or getattr(u, "hearsay", None))
    said["ask"] = frozenset(getattr(u, "hard_signals", []) or [])
    said["invalid"] = frozenset(getattr(u, "invalid", {}) or {})
    return said, view(after)


def _matches(slot: str, expected: Any, got: Any) -> bool:
    if got is None:
        return False
    if slot == "requests_per_day" or slot == "monthly_active_users":
        if isinstance(expected, list):
            return expected[0] - 0.5 <= got <= expected[1] + 0.5
        return abs(got - expected) <= max(0.5, 0.005 * expected)
    if slot in ("residency", "vendor_requirements"):
        return got == frozenset(expected)
    return bool(got == expected)


def _looser(slot: str, expected: Any, got: Any) -> bool:
    """Whether ``got`` is a looser reading of a stated ``expected`` hard value."""
    if slot in RANKS:  # missing "public" / "any" is no loss: an unknown is read the stricter way
        return RANKS[slot][expected] > 0 if got is None else RANKS[slot][got] < RANKS[slot][expected]
    if slot in ("residency", "vendor_requirements"):
        return not frozenset(expected) <= (got or frozenset())
    if slot == "hardware_count":
        return got is not None and got > expected
    return False


def _stricter_or_same(slot: str, expected: Any, got: Any) -> bool:
    if got is None:
        return False
    if slot in RANKS:
        return bool(RANKS[slot][got] >= RANKS[slot][expected])
    return _matches(slot, expected, got)


def _score_item(item: Mapping[str, Any], u: Any, report: Report) -> None:
    before = item.get("profile") or {}
    said, after = predicted(u, before)
    expect, forbid, text = item.get("expect") or {}, item.get("not") or {}, item["text"]
    for slot in HARD_SLOTS + SOFT_SLOTS:
        counts, want, got = report.count(slot), expect.get(slot), said.get(slot)
        if slot == "tasks":
            for task in want or []:
                if task in (got or ()):
                    counts.tp += 1
                else:
                    counts.fn += 1
        elif want is not None:
            if _matches(slot, want, got):
                counts.tp += 1
            else:
                counts.fn += 1
                counts.fp += got is not None
        elif slot in HARD_SLOTS and (
            got if slot in ("residency", "vendor_requirements") else got is not None
        ):
            counts.fp += 1
        if slot in HARD_SLOTS and want is not None:
            report.hard_stated += 1
            if _stricter_or_same(slot, want, got) or slot.replace("_count", "") in said["ask"]:
                report.hard_recalled += 1
            elif _looser(slot, want, got) and slot.replace("_count", "") not in said["ask"]:
                report.misreads.append((text, slot, f"stated {want!r}, read {got!r}"))
        for bad in forbid.get(slot, []):
            value = after.get(slot) if slot in HARD_SLOTS else got
            hit = (
                (bad in (value or ()))
                if slot == "tasks"
                else _matches(slot, bad, value)
                if bad != []
                else value == frozenset()
            )
            if hit:
                counts.fp += 1
                if slot in HARD_SLOTS:
                    report.misreads.append((text, slot, f"read {value!r}, which the statement rules out"))
    for slot in SIGNALS:
        counts, want, got = report.count(slot), expect.get(slot), said[slot]
        if slot == "injection":
            counts.tp += bool(want and got)
            counts.fn += bool(want and not got)
            counts.fp += bool(got and not want)
            continue
        wanted = frozenset(want or [])
        counts.tp += len(wanted & got)
        counts.fn += len(wanted - got)
        counts.fp += len(got - wanted) if slot != "ask" or want is not None else 0


def score(items: Iterable[Mapping[str, Any]], kb: Any = None) -> Report:
    report = Report()
    for item in items:
        report.items += 1
        lang = str(item.get("lang") or "en")
        report.by_lang[lang] = report.by_lang.get(lang, 0) + 1
        try:
            u = understand(item["text"], kb=kb, profile=dict(item.get("profile") or {}), lang=lang)
        except Exception as exc:  # a crash is a finding, reported, not a stop
            report.errors.append((item["text"], repr(exc)))
            continue
        _score_item(item, u, report)
    return report


def format_report(report: Report, *, examples: int = 15) -> str:
    lines = [
        f"corpus: {report.items} items ({', '.join(f'{k} {v}' for k, v in sorted(report.by_lang.items()))})",
        f"{'slot':22} {'prec':>6} {'recall':>6} {'tp':>5} {'fp':>4} {'fn':>4}",
    ]
    for slot in (*HARD_SLOTS, *SOFT_SLOTS, *SIGNALS):
        c = report.count(slot)
        lines.append(f"{slot:22} {c.precision:6.3f} {c.recall:6.3f} {c.tp:5d} {c.fp:4d} {c.fn:4d}")
    lines.append(
        f"hard-constraint signal recall: {report.hard_recall:.3f} ({report.hard_recalled}/{report.hard_stated})"
    )
    lines.append(f"permissive misreads: {len(report.misreads)}")
    lines += [f"  - [{slot}] {why}: {text[:110]}" for text, slot, why in report.misreads[:examples]]
    if report.errors:
        lines.append(f"errors: {len(report.errors)}")
        lines += [f"  - {err}: {text[:80]}" for text, err in report.errors[:examples]]
    return "\n".join(lines)
