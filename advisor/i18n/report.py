"""The Markdown report of a Recommendation, in any supported locale.

Layout only: every sentence is a message value of the engine's result (or a heading here), worded
by ``render`` in the report's locale, so the English and Japanese reports come from this one code.
Japanese amounts carry yen beside USD; the rate, its date and source are stated once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from advisor.engine.models import Candidate, Recommendation
from advisor.i18n.core import N_, Date, Fx, Label, Num, Plain, Usd, fx_of, msg, norm_locale, render
from advisor.kb.loader import KnowledgeBase

# The report's tail sections (a face may fold them away, e.g. the terminal until /report).
EXCLUDED = N_("Excluded (strongest models that do not qualify)")
ASSUMPTIONS = N_("Assumptions")
SOURCES = N_("Sources")
TAIL_SECTIONS = (EXCLUDED, ASSUMPTIONS, SOURCES)
TOP_CODES = frozenset({"stale_price"})  # warnings that head the report instead of the warnings list

_COMMERCIAL = {
    True: msg("commercial OK"),
    False: msg("no commercial use"),
    None: msg("commercial use unconfirmed"),
}


class _Writer:
    """``w(x)`` words one value in the report's locale, with the KB's rate for yen."""

    def __init__(self, locale: str, fx: Fx | None) -> None:
        self.locale, self.fx = locale, fx

    def __call__(self, obj: Any) -> str:
        return render(obj, self.locale, self.fx)


def _deployment(c: Candidate, kb: KnowledgeBase, w: Callable[[Any], str]) -> str:
    if c.deployment == "api":
        prov = kb.providers.get(c.provider or "")
        return w(msg("API via {provider}", provider=prov.name if prov else c.provider or "?"))
    hw = c.hardware
    if hw is None:
        return w(msg("self-hosted"))
    gpu = kb.gpus.get(hw.gpu)
    text = w(
        msg(
            "self-hosted: {count} × {gpu}, {quant}",
            count=hw.count,
            gpu=gpu.name if gpu else hw.gpu,
            quant=c.quantization or "?",
        )
    )
    if hw.rented:
        text += w(msg(" (rented)"))
    elif hw.procure:
        text += w(msg(" (to procure)"))
    return text


def _row(c: Candidate, kb: KnowledgeBase, w: Callable[[Any], str], mark: str) -> str:
    fit = (
        w(msg("n/a (API)"))
        if c.hardware is None
        else w(
            msg(
                "fits ({need} / {have} GB)",
                need=Plain(c.hardware.vram_needed_gb),
                have=Plain(c.hardware.vram_available_gb),
            )
        )
    )
    licence = f"{c.licence.name or c.licence.id} ({w(_COMMERCIAL[c.licence.commercial_use])})"
    cost = w(Usd(c.monthly_cost_usd)) if c.monthly_cost_usd is not None else "?"
    cells = [
        mark,
        f"{c.name} (`{c.model_id}`)",
        _deployment(c, kb, w),
        cost,
        fit,
        licence,
        w(Num(c.context_window)),
    ]
    return "| " + " | ".join(x.replace("|", "/") for x in cells) + " |"


def _name(kb: KnowledgeBase, model_id: str) -> str:
    return kb.models[model_id].name if model_id in kb.models else model_id


def render_markdown(rec: Recommendation, kb: KnowledgeBase, locale: str | None = "en") -> str:
    """The report users read: summary, comparison, exclusions, warnings, assumptions, sources."""
    loc = norm_locale(locale)
    fx = rec.fx or fx_of(kb)  # a result read back from JSON has lost its rate: the KB has it
    w = _Writer(loc, fx)
    out = ["# " + w(msg("LLM recommendation")), ""]
    # Stale prices head the answer: every figure below may have changed since (fail closed).
    top = [x for x in rec.warnings if x.code in TOP_CODES]
    out += [f"> **{w(Label('code', x.code))}**: {w(x.text)}" for x in top] + ([""] if top else [])
    out += ["## " + w(msg("Summary")), ""]
    p = rec.primary
    if p is None:
        out.append(w(msg("No model meets every hard constraint.")))
    else:
        cost = Usd(p.monthly_cost_usd) if p.monthly_cost_usd is not None else "?"
        out.append(
            w(
                msg(
                    "Recommended: **{name}** ({deployment}), about **{cost}/month**.",
                    name=p.name,
                    deployment=_deployment(p, kb, w),
                    cost=cost,
                )
            )
        )
        out += ["", "### " + w(msg("Why")), ""] + [f"- {w(x)}" for x in p.reasons]
        if p.cost and p.cost.break_even_requests_per_day is not None:
            out.append(
                "- "
                + w(
                    msg(
                        "Break-even with the API: about {n} requests/day.",
                        n=Num(p.cost.break_even_requests_per_day),
                    )
                )
            )
        out += [
            "",
            "## " + w(msg("Comparison")),
            "",
            w(msg("| | model | deployment | cost/month | hardware fit | licence | context |")),
            "|---|---|---|---|---|---|---|",
            _row(p, kb, w, "★"),
        ]
        out += [_row(c, kb, w, str(i)) for i, c in enumerate(rec.alternatives, 2)]
    if rec.hybrid is not None:
        out += ["", "## " + w(msg("Hybrid plan")), "", w(rec.hybrid.reason), ""]
        for r in rec.hybrid.routes:
            dep = msg("API") if r.deployment == "api" else msg("self-hosted")
            out.append(
                w(
                    msg(
                        "- **{workload}** → {model} ({deployment})",
                        workload=r.workload,
                        model=_name(kb, r.model_id),
                        deployment=dep,
                    )
                )
            )
    rest = [x for x in rec.warnings if x.code not in TOP_CODES]
    if rest:
        out += ["", "## " + w(msg("Warnings")), ""]
        out += [f"- **{w(Label('code', x.code))}**: {w(x.text)}" for x in rest]
    if rec.advice:
        out += ["", "## " + w(msg("Advice")), ""] + [f"- {w(a)}" for a in rec.advice]
    if rec.excluded:
        out += ["", "## " + w(msg(EXCLUDED)), ""]
        for ex in rec.excluded:
            why = "; ".join(f"{w(Label('code', r.code))}: {w(r.text)}" for r in ex.reasons)
            out.append(f"- **{_name(kb, ex.model_id)}** — {why}")
    if rec.assumptions:
        out += ["", "## " + w(msg(ASSUMPTIONS)), ""] + [f"- {w(a)}" for a in rec.assumptions]
    cands = [c for c in [p, *rec.alternatives] if c is not None]
    if cands:
        out += ["", "## " + w(msg(SOURCES)), ""]
        seen: set[tuple[str, str]] = set()
        for c in cands:
            for s in c.sources:
                fact, source = w(s.fact), w(s.source)
                if (fact, source) in seen:
                    continue
                seen.add((fact, source))
                when = w(msg("as of {date}", date=Date(s.as_of)) if s.as_of else msg("undated"))
                quoted = w(msg("“{title}”", title=source))
                out.append(f"- {fact} — {quoted} ({when})")
    closing = w(msg("Knowledge base {version}.", version=rec.kb_version))
    if loc == "ja" and fx is not None and p is not None:  # the rate behind every yen figure, once
        closing += w(
            msg(
                "Yen figures use the rate of {date}: 1 USD = {rate} JPY (source: {source}).",
                date=Date(fx.as_of) if fx.as_of else "?",
                rate=Plain(round(fx.jpy_per_usd, 2)),
                source=fx.source or "?",
            )
        )
    out += ["", closing, ""]
    return "\n".join(out)
