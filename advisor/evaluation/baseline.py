"""Compare a run with an earlier JSON report: which transcripts changed outcome or primary model.

A knowledge-base update that silently moves twenty recommendations is worth knowing about even
when every transcript still passes; this diff is how a reviewer sees it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from advisor.evaluation.runner import Result
from advisor.kb.errors import InputError, Problem
from advisor.kb.yamlsource import read_document


def _primary_id(rec: Any) -> str | None:
    if not isinstance(rec, dict):
        return None
    primary = rec.get("primary")
    return primary.get("model_id") if isinstance(primary, dict) else None


def load_baseline(path: Path) -> dict[str, dict[str, Any]]:
    """The baseline's results by id (the same JSON `advisor eval --format json` writes)."""
    data, lines = read_document(path)
    results = data.get("results") if isinstance(data, dict) else None
    if not isinstance(results, list):
        raise InputError(
            [
                Problem(
                    str(path),
                    lines.line(["results"]),
                    "results",
                    "not an eval JSON report (expected a 'results' list)",
                )
            ]
        )
    out: dict[str, dict[str, Any]] = {}
    for i, item in enumerate(results):
        if not isinstance(item, dict) or not isinstance(item.get("id"), str) or "passed" not in item:
            raise InputError(
                [
                    Problem(
                        str(path),
                        lines.line(["results", i]),
                        f"results[{i}]",
                        "each result needs 'id' and 'passed'",
                    )
                ]
            )
        out[item["id"]] = item
    return out


def diff(baseline: dict[str, dict[str, Any]], results: list[Result]) -> list[str]:
    """One line per change: pass/fail flips, primary model moves, transcripts added or gone."""
    lines: list[str] = []
    current = {r.id: r for r in results}
    for r in results:
        old = baseline.get(r.id)
        if old is None:
            lines.append(f"{r.id}: new transcript ({'pass' if r.passed else 'fail'})")
            continue
        if bool(old.get("passed")) != r.passed:
            lines.append(f"{r.id}: {'fail → pass' if r.passed else 'pass → fail'}")
        before, after = _primary_id(old.get("recommendation")), _primary_id(r.outcome.recommendation)
        if before != after:
            lines.append(f"{r.id}: primary {before or 'none'} → {after or 'none'}")
    lines += [f"{tid}: no longer in this run" for tid in baseline if tid not in current]
    return lines
