"""The words the Slack bot writes itself (card frame, buttons, App Home), as English gettext ids.

The ask.* rows are what a follow-up button sends to the service as the user's words, so they must
stay phrases the offline understanding reads (tests play each of them in both languages).
"""

from __future__ import annotations

from typing import Any

from advisor.i18n import N_, msg, render

WORDS: dict[str, str] = {
    "recommendation": N_("Recommendation: {name}"),
    "fallback": N_("{title} — {deployment}, {cost}"),
    "no_candidate": N_("No model meets every hard constraint"),
    "why": N_("Why"),
    "cost": N_("Monthly cost"),
    "hardware": N_("Hardware fit"),
    "licence": N_("Licence"),
    "context": N_("Context window"),
    "api": N_("API via {provider}"),
    "api_plain": N_("API"),
    "self_hosted": N_("self-hosted ({quant})"),
    "self_hosted_on": N_("self-hosted on {count} × {gpu} ({quant})"),
    "rented": N_("rented from {provider}"),
    "no_hardware": N_("not needed (API)"),
    "fits": N_("fits"),
    "no_fit": N_("does not fit"),
    "vram": N_("{need} of {have} GB"),
    "commercial_ok": N_("commercial use allowed"),
    "commercial_no": N_("no commercial use"),
    "tokens": N_("{count} tokens"),
    "per_month": N_("{amount} / month"),
    "hybrid": N_("Hybrid plan"),
    "more_caveats": N_("{count} more in the report"),
    "report_note": N_(
        "📎 The full report (alternatives, exclusions, assumptions, dated sources) is attached below."
    ),
    "report_title": N_("LLM recommendation report: {name}"),
    "kb": N_("Knowledge base {version}"),
    "steps": N_("Checked: {steps}"),
    "still": N_("Still **{name}** — {cost} / month; nothing changed."),
    "still_cost": N_("Still **{name}**; cost {before} → {after} / month."),
    "chose": N_("✅ <@{user}> chose: *{label}*"),
    "asked": N_("↪ <@{user}>: {label}"),
    "stale": N_("This question was already answered; reply in the thread to change an answer."),
    "started": N_("<@{user}> started an LLM-selection conversation. I'll ask a few questions in the thread."),
    "started_with": N_("<@{user}> asked: {text}"),
    "describe": N_(
        "Describe your task in this thread: what should the model do, with what data, under which constraints?"
    ),
    "error": N_("Sorry, something went wrong while answering. Please try again in a moment."),
    "cannot_post": N_(
        "I can't post in this channel ({error}). Invite me with `/invite @advisor` or mention me in a channel I'm in."
    ),
    "thinking": N_("is thinking…"),
    "btn.why_not": N_("Why not {name}?"),
    "btn.compare": N_("Compare"),
    "btn.what_if": N_("What if…"),
    "btn.restart": N_("Start over"),
    "whatif.volume_x2": N_("the volume doubles"),
    "whatif.volume_x10": N_("the volume is 10× higher"),
    "whatif.volume_half": N_("the volume halves"),
    "ask.why_not": N_("Why not {model}?"),
    "ask.compare": N_("Compare"),
    "ask.volume_x2": N_("What if the volume doubles?"),
    "ask.volume_x10": N_("What if the volume is 10x?"),
    "ask.volume_half": N_("What if the volume halves?"),
    "ask.restart": N_("Start over"),
    "home.title": N_("Your recent recommendations"),
    "home.empty": N_(
        "No recommendation yet. Mention @advisor in a channel, send me a direct message, or type `/advisor what you want a model to do`."
    ),
    "home.how": N_("Start a conversation: mention @advisor, send a direct message, or use `/advisor`."),
    "home.entry": N_("in <#{channel}> · {when}"),
}


def t(key: str, lang: str | None, **params: Any) -> str:
    """The words for ``key`` in ``lang`` (English ids, Japanese in advisor.po)."""
    return render(msg(WORDS[key], **params), lang)
