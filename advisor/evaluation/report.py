"""Reports of a run: Markdown for people, JSON for scripts and baselines, JUnit XML for CI dashboards."""

from __future__ import annotations

import json
import statistics
import xml.etree.ElementTree as ET
from typing import Any

from advisor.evaluation.checks import is_hard
from advisor.evaluation.runner import Result


def _median(values: list[int]) -> float:
    return float(statistics.median(values)) if values else 0.0


def uses_llm(results: list[Result]) -> bool:
    return any(r.outcome.llm_calls or r.outcome.prompt_tokens for r in results)


def summary(results: list[Result], *, with_llm: bool | None = None) -> dict[str, Any]:
    passed = sum(r.passed for r in results)
    out: dict[str, Any] = {
        "transcripts": len(results),
        "passed": passed,
        "failed": len(results) - passed,
        "pass_rate": round(passed / len(results), 4) if results else 0.0,
        "hard_constraint_failures": sum(is_hard(f) for r in results for f in r.failures),
        "median_questions": _median([len(r.outcome.questions) for r in results]),
        "median_turns": _median([r.outcome.turns for r in results]),
        "by_lang": {lang: sum(r.lang == lang for r in results) for lang in sorted({r.lang for r in results})},
        "seconds": round(sum(r.seconds for r in results), 3),
    }
    if with_llm if with_llm is not None else uses_llm(results):
        out["llm_calls"] = sum(r.outcome.llm_calls for r in results)
        out["prompt_tokens"] = sum(r.outcome.prompt_tokens for r in results)
    return out


def to_json(results: list[Result], changes: list[str] | None = None) -> dict[str, Any]:
    with_llm = uses_llm(results)
    out: dict[str, Any] = {
        "summary": summary(results, with_llm=with_llm),
        "results": [r.as_json(with_llm) for r in results],
    }
    if changes is not None:
        out["summary"]["baseline_changes"] = changes
    return out


def to_json_text(results: list[Result], changes: list[str] | None = None) -> str:
    return json.dumps(to_json(results, changes), ensure_ascii=False, indent=2) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _primary(r: Result) -> str:
    p = (r.outcome.recommendation or {}).get("primary")
    if r.outcome.recommendation is None:
        return "—"
    return f"`{p['model_id']}` ({p['deployment']})" if p else "none"


def to_markdown(results: list[Result], changes: list[str] | None = None) -> str:
    s = summary(results)
    llm = "llm_calls" in s
    out = [
        "# Transcript evaluation",
        "",
        f"- Pass rate: **{s['passed']}/{s['transcripts']}** ({s['pass_rate']:.0%})",
        f"- Hard-constraint failures: **{s['hard_constraint_failures']}**",
        f"- Median questions: {s['median_questions']:g}; median turns: {s['median_turns']:g}",
        "- Languages: " + ", ".join(f"{k} {v}" for k, v in s["by_lang"].items()),
    ]
    if llm:
        out.append(f"- LLM calls: {s['llm_calls']}; prompt tokens: {s['prompt_tokens']:,}")
    if changes is not None:
        out += ["", "## Changes since the baseline", ""]
        out += [f"- {_cell(c)}" for c in changes] or ["- none"]
    head = "| transcript | lang | result | questions | turns | primary |" + (
        " LLM calls | tokens |" if llm else ""
    )
    out += [
        "",
        "## Results",
        "",
        head + " failures |",
        "|---|---|---|---|---|---|" + ("---|---|" if llm else "") + "---|",
    ]
    for r in results:
        cells = [
            f"`{r.id}`",
            r.lang,
            "pass" if r.passed else "**FAIL**",
            ", ".join(r.outcome.questions) or "—",
            str(r.outcome.turns),
            _primary(r),
        ]
        if llm:
            cells += [str(r.outcome.llm_calls), str(r.outcome.prompt_tokens)]
        cells.append("<br>".join(_cell(f) for f in r.failures) or "")
        out.append("| " + " | ".join(cells) + " |")
    return "\n".join(out) + "\n"


def to_junit(results: list[Result]) -> str:
    """One testcase per transcript; failures as <failure> with every line in the body."""
    s = summary(results)
    suite = ET.Element(
        "testsuite",
        name="advisor-eval",
        tests=str(s["transcripts"]),
        failures=str(s["failed"]),
        errors="0",
        time=f"{s['seconds']:.3f}",
    )
    for r in results:
        case = ET.SubElement(
            suite,
            "testcase",
            classname=f"transcripts.{r.lang}",
            name=r.id,
            file=r.path,
            time=f"{r.seconds:.3f}",
        )
        if r.failures:
            fail = ET.SubElement(case, "failure", message=r.failures[0], type="expectation")
            fail.text = "\n".join(r.failures)
        out = f"questions: {', '.join(r.outcome.questions)}\nturns: {r.outcome.turns}\nprimary: {_primary(r)}"
        ET.SubElement(case, "system-out").text = out
    root = ET.Element("testsuites")
    root.append(suite)
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
