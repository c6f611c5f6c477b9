"""The contract's Recommendation JSON as a compact Block Kit card (pure functions).

The card answers at a glance in at most ``MAX_CARD_BLOCKS`` blocks: the recommendation, its monthly
cost with hardware fit and licence, why, the top caveat and the follow-up buttons. Alternatives,
exclusions, assumptions and dated sources are in the full report, attached to the thread as a file.
Only formatting happens here; every figure and sentence comes from the recommendation itself, and ids
are shown by their knowledge-base names.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from advisor.adapters.names import Names
from advisor.adapters.slack.blocks import MAX_CONTEXT_ELEMENTS, Block, context_blocks, header
from advisor.adapters.slack.followups import followup_blocks
from advisor.adapters.slack.labels import label
from advisor.adapters.slack.mrkdwn import escape, inline, truncate

MAX_CARD_BLOCKS = 8
MAX_REASONS = 3
_SECTION_BUDGET = 2900  # below Slack's 3,000 characters, with room for the bullets


def money(amount: float | None) -> str:
    if amount is None:
        return "-"
    return f"${amount:,.2f}" if amount < 100 else f"${amount:,.0f}"


@dataclass(frozen=True)
class CardKey:
    """What makes two recommendations the same card for a reader: the primary and its monthly cost."""

    model_id: str | None
    deployment: str | None
    provider: str | None
    quantization: str | None
    cost: str
    name: str

    @classmethod
    def of(cls, rec: Mapping[str, Any] | None) -> CardKey | None:
        if rec is None:
            return None
        p = rec.get("primary") or {}
        return cls(
            p.get("model_id"),
            p.get("deployment"),
            p.get("provider"),
            p.get("quantization"),
            money(p.get("monthly_cost_usd")) if p else "-",
            str(p.get("name") or p.get("model_id") or ""),
        )

    def same_choice(self, other: CardKey | None) -> bool:
        return other is not None and (self.model_id, self.deployment, self.provider, self.quantization) == (
            other.model_id,
            other.deployment,
            other.provider,
            other.quantization,
        )


def deployment_text(c: Mapping[str, Any], lang: str, names: Names) -> str:
    """ "API via OpenAI" or "self-hosted on 2 × NVIDIA A100 80GB (int8)", in plain text."""
    if c.get("deployment") == "api":
        provider = names.provider(c.get("provider"))
        return label(lang, "api", provider=provider) if provider else label(lang, "api_plain")
    quant = c.get("quantization") or "fp16"
    hw = c.get("hardware") or {}
    if not hw.get("gpu"):
        return label(lang, "self_hosted", quant=quant)
    text = label(lang, "self_hosted_on", count=hw.get("count", 1), gpu=names.gpu(hw["gpu"]), quant=quant)
    if hw.get("rental_provider"):
        text += ", " + label(lang, "rented", provider=names.provider(hw["rental_provider"]))
    return text


def _hardware(c: Mapping[str, Any], lang: str) -> str:
    hw = c.get("hardware") or {}
    if c.get("deployment") == "api" or not hw:
        return label(lang, "no_hardware")
    fits = c.get("fits_hardware")
    mark = "✅ " + label(lang, "fits") if fits else ("❌ " + label(lang, "no_fit") if fits is False else "")
    need, have = hw.get("vram_needed_gb"), hw.get("vram_available_gb")
    vram = label(lang, "vram", need=need, have=f"{have:g}") if need is not None and have is not None else ""
    return " · ".join(p for p in (mark, vram) if p) or "-"


def _licence(c: Mapping[str, Any], lang: str, names: Names) -> str:
    lic = c.get("licence") or {}
    commercial = lic.get("commercial_use")
    note = (
        "" if commercial is None else " · " + label(lang, "commercial_ok" if commercial else "commercial_no")
    )
    return escape(names.licence(lic)) + note


def _fields(c: Mapping[str, Any], lang: str, names: Names) -> list[dict[str, str]]:
    cells = [
        (label(lang, "cost"), label(lang, "per_month", amount=money(c.get("monthly_cost_usd")))),
        (label(lang, "hardware"), _hardware(c, lang)),
        (label(lang, "licence"), _licence(c, lang, names)),
    ]
    if c.get("context_window"):
        cells.append((label(lang, "context"), label(lang, "tokens", count=f"{int(c['context_window']):,}")))
    return [{"type": "mrkdwn", "text": truncate(f"*{name}*\n{value}", 2000)} for name, value in cells]


def _why(primary: Mapping[str, Any], rec: Mapping[str, Any], lang: str, names: Names) -> str:
    lines = [f"*{label(lang, 'why')}*"]
    lines += [f"• {inline(str(r))}" for r in (primary.get("reasons") or [])[:MAX_REASONS]]
    hybrid = rec.get("hybrid") or {}
    if hybrid.get("routes"):
        routes = ", ".join(
            f"{inline(str(r.get('workload', '?')))} → {escape(names.model(r.get('model_id')))}"
            for r in hybrid["routes"]
        )
        lines.append(f"*{label(lang, 'hybrid')}:* {routes}")
    return truncate("\n".join(lines), _SECTION_BUDGET)


# which warning leads when there are several: what can change the decision before what to keep in mind
_CAVEAT_ORDER = (
    "no_candidate",
    "over_budget",
    "capacity",
    "retired",
    "deprecated",
    "residency",
    "vendor_terms",
    "mau_cap",
    "licence",
    "region",
    "licence_condition",
    "stale_price",
)


def caveats(rec: Mapping[str, Any]) -> list[str]:
    """Warnings first, the most decisive first, then the primary's licence conditions."""
    ranked = sorted(
        rec.get("warnings") or [],
        key=lambda w: (
            _CAVEAT_ORDER.index(w.get("code")) if w.get("code") in _CAVEAT_ORDER else len(_CAVEAT_ORDER) - 2
        ),
    )
    warnings = [str(w.get("text") or w.get("code")) for w in ranked]
    conditions = [str(c) for c in ((rec.get("primary") or {}).get("licence") or {}).get("conditions") or []]
    return warnings + conditions


def _caveat_block(rec: Mapping[str, Any], lang: str) -> list[Block]:
    found = caveats(rec)
    if not found:
        return []
    more = f" _({label(lang, 'more_caveats', count=len(found) - 1)})_" if len(found) > 1 else ""
    return context_blocks([f"⚠️ {truncate(inline(found[0]), 1800)}{more}"])


def recommendation_blocks(
    rec: Mapping[str, Any],
    lang: str,
    names: Names | None = None,
    *,
    with_report: bool = False,
    footer: Sequence[str] = (),
) -> list[Block]:
    """The card: header, the choice with its facts as fields, why, the top caveat, the buttons and a
    footer saying where the rest is. Never more than MAX_CARD_BLOCKS blocks."""
    names = names or Names()
    primary = rec.get("primary")
    blocks: list[Block] = []
    if primary:
        title = names.candidate(primary)
        blocks.append(header(label(lang, "recommendation", name=title)))
        blocks.append(
            {
                "type": "section",
                "text": {
                    "type": "mrkdwn",
                    "text": truncate(
                        f"*{escape(title)}* — {escape(deployment_text(primary, lang, names))}",
                        _SECTION_BUDGET,
                    ),
                },
                "fields": _fields(primary, lang, names),
            }
        )
        blocks.append(
            {"type": "section", "text": {"type": "mrkdwn", "text": _why(primary, rec, lang, names)}}
        )
    else:
        blocks.append(header(label(lang, "no_candidate")))
    blocks += _caveat_block(rec, lang)
    blocks += followup_blocks(rec, lang, names)
    notes = [label(lang, "report_note")] if with_report else []
    if rec.get("kb_version"):
        notes.append(label(lang, "kb", version=escape(str(rec["kb_version"]))))
    # one context block: its ten elements are shared with the turn's steps and notices
    blocks += context_blocks([*notes, *footer][:MAX_CONTEXT_ELEMENTS])
    return blocks


def recommendation_fallback(rec: Mapping[str, Any], lang: str, names: Names | None = None) -> str:
    """Notification text: the primary choice in one line (mrkdwn-escaped plain text)."""
    names = names or Names()
    primary = rec.get("primary")
    if not primary:
        return escape(label(lang, "no_candidate"))
    return escape(
        label(
            lang,
            "fallback",
            title=label(lang, "recommendation", name=names.candidate(primary)),
            deployment=deployment_text(primary, lang, names),
            cost=label(lang, "per_month", amount=money(primary.get("monthly_cost_usd"))),
        )
    )


def change_text(before: CardKey, after: CardKey, lang: str) -> str:
    """A follow-up that keeps the choice: "Still X; cost $a → $b" (Markdown, like the reply's text)."""
    if after.model_id is None:  # still no model meets every hard constraint
        return label(lang, "no_candidate")
    if before.cost == after.cost:
        return label(lang, "still", name=after.name, cost=after.cost)
    return label(lang, "still_cost", name=after.name, before=before.cost, after=after.cost)
