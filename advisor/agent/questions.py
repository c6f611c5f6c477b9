"""The interview's wording in English and Japanese: questions, their one-line why, acknowledgements.

Options come from the understanding module's ``SLOT_OPTIONS`` so that a clicked button's value
round-trips through the same rules as typed text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from advisor.agent.labels import field_label, requests_per_day
from advisor.agent.reply import Option, Question
from advisor.i18n import N_, Num, msg, render
from advisor.i18n import label as engine_label

#: slot -> (question, why it matters): English message ids, Japanese in advisor.po
QUESTIONS: dict[str, tuple[str, str]] = {
    "tasks": (
        N_(
            "What will the model do? (e.g. summarise documents, answer questions over your files, write code)"
        ),
        N_("The task decides which models are strong enough."),
    ),
    "data_sensitivity": (
        N_("How sensitive is the data the model will see?"),
        N_("Confidential or regulated data rules out providers that train on it or keep it."),
    ),
    "deployment": (
        N_("May the data go to a vendor's API, or must it stay on infrastructure you control?"),
        N_("This decides between API models and self-hosted open-weight models."),
    ),
    "hardware": (
        N_("Which GPUs do you have (model and count), or can you rent cloud GPUs?"),
        N_("Self-hosting needs the model's weights and cache to fit in GPU memory."),
    ),
    "volume": (
        N_("Roughly how many requests a day, and how long is a typical input?"),
        N_("Volume decides the monthly API cost and whether self-hosting pays off."),
    ),
    "budget": (
        N_("What monthly budget do you have for running the model?"),
        N_("The budget separates otherwise similar candidates."),
    ),
    "region": (
        N_("Where is your organisation based (e.g. EU, US, Japan)?"),
        N_("Regulated data may have to stay in your region."),
    ),
    "languages": (
        N_("Which languages must the model handle?"),
        N_("Language strength varies a lot between models."),
    ),
    "context": (
        N_("How long is the longest single input (pages or tokens)?"),
        N_("Long inputs need a long context window."),
    ),
    "commercial_use": (N_("Is this for commercial use?"), N_("Some licences forbid commercial use.")),
}


def _options(slot: str, lang: str) -> list[Option]:
    try:
        from advisor.agent.understand import SLOT_OPTIONS
        from advisor.agent.understand.slots import option_label
    except ImportError:  # the understanding package is optional for rendering questions
        return []
    out = []
    for value, label in SLOT_OPTIONS.get(slot, []):
        out.append(Option(value=str(value), label=option_label(label, lang)))
    return out


def make_question(slot: str, lang: str, *, again: bool = False) -> Question:
    """The question for ``slot``; ``again`` (the answer could not be read) asks it more simply, naming
    the options in the text so the second try differs from the first."""
    text, why = (render(msg(t), lang) for t in QUESTIONS.get(slot, QUESTIONS["tasks"]))
    options = _options(slot, lang)
    if again and options:
        text = render(
            msg(
                "Let me ask more simply — which of these fits best: {options}? (“Don't know” is fine too.)",
                options=[o.label for o in options[:-1]],
            ),
            lang,
        )
    return Question(slot=slot, text=text, why=why, options=options)


def _option_label(slot: str, value: Any, lang: str) -> str | None:
    try:
        from advisor.agent.understand import SLOT_OPTIONS
        from advisor.agent.understand.slots import option_label
    except ImportError:
        return None
    for option, label in SLOT_OPTIONS.get(slot, []):
        if option == value:
            return option_label(label, lang)
    return None


def show_value(key: str, value: Any, lang: str) -> str:
    """A profile value as the user reads it (labels, units and the engine's terms in ``lang``)."""
    ja = lang == "ja"
    if isinstance(value, bool):
        return render(msg("yes") if value else msg("no"), lang)
    if ja and key in ("data_sensitivity", "deployment") and isinstance(value, str):
        return engine_label("sens" if key == "data_sensitivity" else "dep", value, lang)  # the engine's term
    slot = {
        "data_sensitivity": "data_sensitivity",
        "deployment": "deployment",
        "tasks": "tasks",
        "languages": "languages",
    }.get(key)
    if key == "budget" and isinstance(value, Mapping):
        period = render(msg("year") if value.get("period") == "year" else msg("month"), lang)
        return f"{float(value.get('amount', 0)):,.0f} {value.get('currency', '')}/{period}"
    if key == "volume" and isinstance(value, Mapping):
        parts = []
        if value.get("requests_per_day") is not None:
            n = f"{float(value['requests_per_day']):,.0f}"
            parts.append(requests_per_day(n, lang))
        for k, label in (
            ("input_tokens", N_("input {n} tokens")),
            ("output_tokens", N_("output {n} tokens")),
        ):
            if value.get(k) is not None:
                parts.append(render(msg(label, n=Num(float(value[k]))), lang))
        return ", ".join(parts)
    if isinstance(value, list):
        items = []
        for item in value:
            if isinstance(item, Mapping) and "gpu" in item:
                items.append(f"{item['gpu']} x{item.get('count', 1)}")
            elif isinstance(item, Mapping) and "name" in item:
                items.append(str(item["name"]))
            else:
                items.append((slot and _option_label(slot, item, lang)) or str(item))
        return ", ".join(items) if items else render(msg("none"), lang)
    if isinstance(value, Mapping):
        return ", ".join(f"{k} {v}" for k, v in value.items())
    return (slot and _option_label(slot, value, lang)) or str(value)


_GPU_PROBLEM = re.compile(r"^(unknown|ambiguous) GPU '(.*)' \(nearest known: (.*)\)$")


def gpu_problem(message: str, lang: str) -> str:
    """The engine's unknown-GPU message (English, for profile files) said in the user's language."""
    m = _GPU_PROBLEM.match(message)
    if lang != "ja" or m is None:
        return message
    what, name, near = m.groups()
    if what == "ambiguous":
        return render(
            msg(
                "“{name}” matches several GPUs (candidates: {near}); please give the exact model.",
                name=name,
                near=near,
            ),
            lang,
        )
    return render(
        msg("The knowledge base has no GPU called “{name}” (nearest: {near}).", name=name, near=near), lang
    )


def acknowledge(updates: Mapping[str, Any], unknown: list[str], lang: str) -> str:
    """One line saying back what was understood, so the user can correct a misreading at once."""
    parts = [f"{field_label(k, lang, inline=True)}: {show_value(k, v, lang)}" for k, v in updates.items()]
    lines = []
    if parts:
        lines.append(render(msg("Noted — {facts}.", facts="; ".join(parts)), lang))
    if unknown:
        names = [field_label(s, lang, inline=True) for s in unknown]
        lines.append(render(msg("I'll use a stated default for {names}.", names=names), lang))
    return "\n".join(lines)
