"""Markdown rendering of a Recommendation (English or Japanese).

Only layout is added here: the engine already wrote every reason, warning and assumption in the
language the recommendation was made for (``recommend(..., lang=...)``).
"""

from __future__ import annotations

from advisor.engine.messages import label, say
from advisor.engine.models import Candidate, Recommendation
from advisor.kb.loader import KnowledgeBase


def t(lang: str, key: str, **kw: object) -> str:
    return say(f"md.{key}", lang, **kw)


def code_label(lang: str, code: str) -> str:
    return label("code", code, lang)


def _money(x: float | None) -> str:
    if x is None:
        return "?"
    return f"{x:,.0f}" if x >= 10 else f"{x:,.2f}"


def _deployment(c: Candidate, kb: KnowledgeBase, lang: str) -> str:
    if c.deployment == "api":
        prov = kb.providers.get(c.provider or "")
        return f"{t(lang, 'api')} " + t(lang, "via", provider=prov.name if prov else c.provider)
    hw = c.hardware
    if hw is None:
        return t(lang, "self_hosted")
    gpu = kb.gpus.get(hw.gpu)
    text = f"{t(lang, 'self_hosted')}: " + t(lang, "on", count=hw.count, gpu=gpu.name if gpu else hw.gpu,
                                               quant=c.quantization or "?")
    if hw.rented:
        text += f" ({t(lang, 'rented')})"
    elif hw.procure:
        text += f" ({t(lang, 'procure')})"
    return text


def _licence(c: Candidate, lang: str) -> str:
    name = c.licence.name or c.licence.id
    ok = {True: "commercial_yes", False: "commercial_no", None: "commercial_unknown"}[c.licence.commercial_use]
    return f"{name} ({t(lang, ok)})"


def _fit(c: Candidate, lang: str) -> str:
    if c.hardware is None:
        return t(lang, "n_a")
    return t(lang, "fits", need=f"{c.hardware.vram_needed_gb:g}", have=f"{c.hardware.vram_available_gb:g}")


def _row(c: Candidate, kb: KnowledgeBase, lang: str, mark: str) -> str:
    cells = [mark, f"{c.name} (`{c.model_id}`)", _deployment(c, kb, lang), f"${_money(c.monthly_cost_usd)}",
             _fit(c, lang), _licence(c, lang), f"{c.context_window:,}"]
    return "| " + " | ".join(x.replace("|", "/") for x in cells) + " |"


TOP_CODES = frozenset({"stale_price"})


def render_markdown(rec: Recommendation, kb: KnowledgeBase, lang: str = "en") -> str:
    """The report users read: summary, comparison, exclusions, warnings, assumptions, sources."""
    lang = lang if lang in ("en", "ja") else "en"
    out = [f"# {t(lang, 'title')}", ""]
    # Stale prices head the answer: every figure below may have changed since (fail closed).
    top = [w for w in rec.warnings if w.code in TOP_CODES]
    out += [f"> **{code_label(lang, w.code)}**: {w.text}" for w in top] + ([""] if top else [])
    out += [f"## {t(lang, 'summary')}", ""]
    p = rec.primary
    if p is None:
        out.append(t(lang, "none"))
    else:
        out.append(t(lang, "recommended", name=p.name, deployment=_deployment(p, kb, lang),
                     cost="$" + _money(p.monthly_cost_usd)))
        out += ["", f"### {t(lang, 'why')}", ""] + [f"- {x}" for x in p.reasons]
        if p.cost and p.cost.break_even_requests_per_day is not None:
            out.append(f"- {t(lang, 'break_even', n=_money(p.cost.break_even_requests_per_day))}")
    if p is not None:
        out += ["", f"## {t(lang, 'comparison')}", "", t(lang, "cols"), "|---|---|---|---|---|---|---|"]
        out.append(_row(p, kb, lang, t(lang, "primary_mark")))
        out += [_row(c, kb, lang, str(i)) for i, c in enumerate(rec.alternatives, 2)]
    if rec.hybrid is not None:
        out += ["", f"## {t(lang, 'hybrid')}", "", rec.hybrid.reason, ""]
        for r in rec.hybrid.routes:
            name = kb.models[r.model_id].name if r.model_id in kb.models else r.model_id
            dep = t(lang, "api") if r.deployment == "api" else t(lang, "self_hosted")
            out.append(t(lang, "route", workload=r.workload, model=name, deployment=dep))
    rest = [w for w in rec.warnings if w.code not in TOP_CODES]
    if rest:
        out += ["", f"## {t(lang, 'warnings')}", ""]
        out += [f"- **{code_label(lang, w.code)}**: {w.text}" for w in rest]
    if rec.advice:
        out += ["", f"## {t(lang, 'advice')}", ""] + [f"- {a}" for a in rec.advice]
    if rec.excluded:
        out += ["", f"## {t(lang, 'excluded')}", ""]
        for ex in rec.excluded:
            name = kb.models[ex.model_id].name if ex.model_id in kb.models else ex.model_id
            why = "; ".join(f"{code_label(lang, r.code)}: {r.text}" for r in ex.reasons)
            out.append(f"- **{name}** — {why}")
    if rec.assumptions:
        out += ["", f"## {t(lang, 'assumptions')}", ""] + [f"- {a}" for a in rec.assumptions]
    cands = [c for c in [p, *rec.alternatives] if c is not None]
    if cands:
        out += ["", f"## {t(lang, 'sources')}", ""]
        seen: set[tuple[str, str]] = set()
        for c in cands:
            for s in c.sources:
                if (s.fact, s.source) in seen:
                    continue
                seen.add((s.fact, s.source))
                when = t(lang, "as_of", date=s.as_of) if s.as_of else t(lang, "undated")
                out.append(f"- {s.fact} — {s.source} ({when})")
    out += ["", t(lang, "kb", version=rec.kb_version), ""]
    return "\n".join(out)
