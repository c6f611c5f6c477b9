"""Answers to follow-ups after a recommendation, computed from the engine (offline by intent rules).

"why not X?" reads X's exclusion reasons (or compares its score and cost with the primary), "compare
with X" builds a comparison table, "what if ..." re-runs the engine on a hypothetical copy of the
profile and says what changes, without touching the conversation's real profile. With an LLM the
same results are handed to the model to phrase (see explain.py); the facts are computed here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from langchain_core.tools import BaseTool

from advisor.agent import followups_more as more
from advisor.agent import terms, whatif
from advisor.agent.labels import deployment_label
from advisor.agent.questions import gpu_problem
from advisor.agent.tools import summarise, tool_label
from advisor.agent.whatif import describe_change
from advisor.engine.models import Profile
from advisor.i18n import N_, Num, msg, render
from advisor.kb.errors import InputError


@dataclass
class FollowupResult:
    text: str
    steps: list[dict[str, Any]] = field(default_factory=list)
    facts: Any = None  # what the LLM may phrase (tool output)


_money = whatif.money


class _Runner:
    """Calls tools by name and records each call as a step (the same tools the LLM would call)."""

    def __init__(self, tools: list[BaseTool], lang: str) -> None:
        self.tools = {t.name: t for t in tools}
        self.lang = lang
        self.steps: list[dict[str, Any]] = []

    def __call__(self, name: str, **args: Any) -> Any:
        result = self.tools[name].invoke(args)
        self.steps.append(
            {
                "name": name,
                "label": tool_label(name, self.lang),
                "args": args,
                "summary": summarise(name, result, self.lang),
            }
        )
        return result


def _name(kb: Any, model_id: str) -> str:
    model = kb.models.get(model_id)
    return str(model.name) if model else model_id


def why_not(
    targets: list[str], rec: dict[str, Any], kb: Any, run: _Runner, lang: str, text: str = ""
) -> FollowupResult:
    """Why each named model is not the pick; a family or vendor name ("why not Claude?") is first
    resolved to its best candidate for this profile, which is the one discussed."""
    primary = rec.get("primary") or {}
    targets = targets or more.vendor_targets(text, kb)
    if not targets:
        return FollowupResult(render(msg("Which model do you mean? Name it, e.g. “why not GPT-4o?”."), lang))
    lines, facts = [], []
    excluded = {e["model_id"]: e for e in rec.get("excluded") or []}
    alternatives = {c["model_id"]: c for c in rec.get("alternatives") or []}
    for named in targets:
        target, group = more.best_of_group(named, text, rec, kb, run)
        name = _name(kb, target)
        if group:
            lines.append(more.group_line(group, name, lang))
        if target == primary.get("model_id"):
            lines.append(render(msg("**{name}** is the recommendation.", name=name), lang))
        elif target in excluded:
            reasons = "; ".join(r["text"] for r in excluded[target]["reasons"])
            lines.append(render(msg("**{name}** was excluded: {reasons}", name=name, reasons=reasons), lang))
            facts.append(excluded[target])
        elif target in alternatives:
            alt = alternatives[target]
            lines.append(
                render(
                    msg(
                        "**{name}** is an alternative (score {score} against {top_score} for {top}; {cost}/month against "
                        "{top_cost}).",
                        name=name,
                        score=Num(alt["score"], 2),
                        top_score=Num(primary.get("score", 0), 2),
                        top=str(primary.get("name")),
                        cost=_money(alt.get("monthly_cost_usd")),
                        top_cost=_money(primary.get("monthly_cost_usd")),
                    ),
                    lang,
                )
            )
            facts.append(alt)
        else:
            rows = run("compare_models", models=[target])
            row = rows[0] if isinstance(rows, list) and rows else {}
            facts.append(row)
            if row.get("allowed") is False:
                reasons = "; ".join(r.get("text", "") for r in row.get("reasons") or [])
                lines.append(
                    render(msg("**{name}** was excluded: {reasons}", name=name, reasons=reasons), lang)
                )
            else:
                lines.append(
                    render(
                        msg(
                            "**{name}** meets your constraints but scores lower ({score} against {top_score}; {cost}/month "
                            "against {top_cost} for {top}).",
                            name=name,
                            score=Num(row.get("score", 0), 2),
                            top_score=Num(primary.get("score", 0), 2),
                            cost=_money(row.get("monthly_cost_usd")),
                            top_cost=_money(primary.get("monthly_cost_usd")),
                            top=str(primary.get("name")),
                        ),
                        lang,
                    )
                )
    return FollowupResult("\n\n".join(lines), run.steps, facts)


def compare(
    targets: list[str], rec: dict[str, Any], kb: Any, run: _Runner, lang: str, text: str = ""
) -> FollowupResult:
    """A table of the pick and the named models (a family name: its best member for this profile),
    ending with the verdict for this profile."""
    primary = (rec.get("primary") or {}).get("model_id")
    targets = [more.best_of_group(t, text, rec, kb, run)[0] for t in targets]
    ids = [m for m in [primary, *targets] if m]
    ids = list(dict.fromkeys(ids))
    if len(ids) < 2:
        ids += [c["model_id"] for c in rec.get("alternatives") or []][: 3 - len(ids)]
    rows = run("compare_models", models=ids)
    if isinstance(rows, dict) and "error" in rows:
        return FollowupResult(str(rows["error"]), run.steps, rows)
    table = comparison_table(rows, kb, lang)
    return FollowupResult(
        table + "\n\n" + more.verdict(rows, rec, lambda m: _name(kb, m), lang), run.steps, rows
    )


def comparison_table(rows: list[dict[str, Any]], kb: Any, lang: str) -> str:
    """A Markdown table from compare_models rows (columns chosen for a decision, in order)."""
    # the same words the rest of the product uses (deployment = 利用形態, cost = 月額 ...)
    columns = [
        ("deployment", N_("deployment")),
        ("monthly_cost_usd", N_("cost/month")),
        ("fits_hardware", N_("fits hardware")),
        ("licence", N_("licence")),
        ("context_window", N_("context")),
        ("allowed", N_("allowed")),
    ]
    present = [c for c in columns if any(c[0] in r for r in rows)]
    head = (
        "| "
        + render(msg("model"), lang)
        + " | "
        + " | ".join(render(msg(c[1]), lang) for c in present)
        + " |"
    )
    lines = [head, "|" + "---|" * (len(present) + 1)]
    for row in rows:
        cells = []
        for key, _label in present:
            value = row.get(key)
            if key == "monthly_cost_usd":
                cells.append(_money(value))
            elif key == "deployment" and isinstance(value, str):
                cells.append(deployment_label(value, lang))
            elif isinstance(value, dict):
                cells.append(str(value.get("id") or value.get("name") or ""))
            elif isinstance(value, bool):
                cells.append("✓" if value else "✗")
            else:
                cells.append("—" if value is None else str(value))
        model_id = str(row.get("model_id") or row.get("id") or "")
        lines.append(f"| {_name(kb, model_id)} | " + " | ".join(cells) + " |")
    notes = [
        f"- {_name(kb, str(r.get('model_id')))}: "
        + "; ".join(x.get("text", "") if isinstance(x, dict) else str(x) for x in r["reasons"])
        for r in rows
        if r.get("reasons") and r.get("allowed") is False
    ]
    return "\n".join(lines + (["", *notes] if notes else []))


def what_if(
    change: dict[str, Any],
    rec: dict[str, Any],
    profile: Profile,
    kb: Any,
    run: _Runner,
    rerun: Callable[[Profile], dict[str, Any]],
    lang: str,
    raw_profile: dict[str, Any] | None = None,
) -> FollowupResult:
    """Apply the stated facts to a copy of the profile and re-rank; a bare GPU count on a
    self-hosted pick is a hardware-fit question first."""
    primary = rec.get("primary") or {}
    facts, relative = whatif.split(change)
    if "gpu_count" in relative and not facts and "volume_factor" not in relative:
        count = int(relative["gpu_count"])
        target = (
            primary.get("model_id")
            if primary.get("deployment") == "self_hosted"
            else next(
                (
                    c["model_id"]
                    for c in rec.get("alternatives") or []
                    if c.get("deployment") == "self_hosted"
                ),
                None,
            )
        )
        if target is None or not profile.hardware:
            return FollowupResult(
                render(
                    msg(
                        "The recommendation runs on a vendor API, so your GPU count does not "
                        "change it. Tell me your GPUs to check self-hosting."
                    ),
                    lang,
                ),
                run.steps,
            )
        fit = run("check_hardware_fit", model=target, gpu_count=count)
        return FollowupResult(
            f"{_name(kb, target)} × {count} GPU: {summarise('check_hardware_fit', fit, lang)}", run.steps, fit
        )
    raw = raw_profile if raw_profile is not None else profile.contract_dict()
    try:
        hypothetical = whatif.hypothetical_profile(raw, change, kb)
    except InputError as exc:
        problems = "; ".join(gpu_problem(p.message, lang) for p in exc.problems)
        return FollowupResult(
            render(msg("I couldn't use that supposition: {problems}", problems=problems), lang), run.steps
        )
    new = rerun(hypothetical)
    run.steps.append(
        {
            "name": "recommend",
            "label": tool_label("recommend", lang),
            "args": _step_args(change, raw),
            "summary": summarise("recommend", new, lang),
        }
    )
    supposed = whatif.describe_facts(change, hypothetical, kb, lang)
    said = msg("If {supposed}: ", supposed=supposed) if facts else msg("At {supposed}: ", supposed=supposed)
    prefix = render(said, lang) if supposed else None
    return FollowupResult(
        describe_change(rec, new, kb, lang, hypothetical=True, prefix=prefix), run.steps, new
    )


def _step_args(change: dict[str, Any], raw: Mapping[str, Any]) -> dict[str, Any]:
    """The what-if as recorded: more of the one GPU type owned is the relative ``gpu_count`` (the
    form a replay of the step understands); anything else as stated."""
    new, owned = change.get("hardware") or [], raw.get("hardware") or []
    if (
        set(change) == {"hardware"}
        and len(new) == 1
        and len(owned) == 1
        and new[0].get("gpu") == owned[0].get("gpu")
    ):
        return {"gpu_count": int(new[0].get("count") or 1)}
    return change


def small_talk(intent: str, ignored: bool, lang: str) -> str:
    if ignored:
        return render(
            msg(
                "I can't change the constraints on instruction — only facts about your situation change "
                "the recommendation (e.g. “our data is public”, “APIs are fine”)."
            ),
            lang,
        )
    if intent == "thanks":
        return render(
            msg("You're welcome. Ask “why not X?”, “compare with X” or “what if volume doubles?” any time."),
            lang,
        )
    return render(
        msg(
            "You can ask “why not X?”, “compare with X”, “what if volume doubles?”, “can it run on one "
            "GPU?”, or tell me what changed."
        ),
        lang,
    )


def handle(
    intent: str,
    *,
    targets: list[str],
    change: dict[str, Any],
    rec: dict[str, Any],
    profile: Profile,
    kb: Any,
    tools: list[BaseTool],
    rerun: Callable[[Profile], dict[str, Any]],
    lang: str,
    ignored: bool = False,
    raw_profile: dict[str, Any] | None = None,
    text: str = "",
) -> FollowupResult:
    """Dispatch one follow-up intent to its handler."""
    run = _Runner(tools, lang)
    raw = raw_profile if raw_profile is not None else profile.contract_dict()
    if intent == "terms" and (question := terms.find(text, kb)) is not None:
        return FollowupResult(terms.answer(question, kb, lang))
    if intent == "poc":
        result = what_if(more.poc_change(raw), rec, profile, kb, run, rerun, lang, raw)
        text = "\n\n".join(
            p for p in (more.poc_plan(result.facts or {}, lang), more.poc_caveat(raw, lang), result.text) if p
        )
        return FollowupResult(text, run.steps, result.facts)
    if intent == "why_not":
        return why_not(targets, rec, kb, run, lang, text)
    if intent == "compare":
        return compare(targets, rec, kb, run, lang, text)
    if intent == "what_if" and change:
        return what_if(more.added_hardware(change, raw, text, kb), rec, profile, kb, run, rerun, lang, raw)
    return FollowupResult(small_talk(intent, ignored, lang))
