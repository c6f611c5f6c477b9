"""The words the terminal writes itself (commands, notices), as English gettext ids."""

from __future__ import annotations

from typing import Any

from advisor.i18n import N_, msg, render

WORDS: dict[str, str] = {
    "help": N_(
        "Commands: /help this list · /new start a new conversation · /report show the full report · /save [FILE] save the report as Markdown · /quit leave. Type a number to pick an option."
    ),
    "new": N_("New conversation {thread}."),
    "no_report": N_("No report yet: it comes with the recommendation."),
    "saved": N_("Report saved to {path}."),
    "save_failed": N_("Could not save to {path}: {error}"),
    "unknown_command": N_("Unknown command {command}. Type /help for the list."),
    "goodbye": N_("Goodbye. Resume with: {resume}"),
    "thinking": N_("Thinking…"),
    "more_in_report": N_("Exclusions, assumptions and dated sources: /report"),
    "steps": N_("Checked"),
}


def t(key: str, lang: str | None, **params: Any) -> str:
    """The words for ``key`` in ``lang`` (English ids, Japanese in advisor.po)."""
    return render(msg(WORDS[key], **params), lang)
