"""What the offline understanding says back about what it assumed, held or refused (English gettext ids)."""

from __future__ import annotations

from typing import Any

from advisor.i18n import N_, msg, render

WORDS: dict[str, str] = {
    "understand.volume_per_person": N_("Volume: {rate} per person × {people}."),
    "understand.volume_range_upper": N_(
        "A range was given; the upper end is used so capacity is not undersized."
    ),
    "understand.volume_approx": N_(
        'A vague amount ("a few", "several") is read at its upper end; say the figure if you know it.'
    ),
    "understand.volume_per_week": N_("Volume per week converted to per day."),
    "understand.volume_per_month": N_("Volume per month converted to per day."),
    "understand.volume_per_quarter": N_("Volume per quarter converted to per day."),
    "understand.volume_per_year": N_("Volume per year converted to per day."),
    "understand.volume_per_hour": N_(
        "Volume per hour converted to per day as if it ran all day (a peak-safe estimate)."
    ),
    "understand.mau_no_volume": N_(
        "{mau} monthly active users but no request volume: how many requests does a user make a day?"
    ),
    "understand.invalid_negative": N_(
        "A negative number for {slot} can't be used; nothing was changed. Please give it again."
    ),
    "understand.invalid_too_large": N_(
        "The number for {slot} is too large to be real; nothing was changed. Please give it again."
    ),
    "understand.hold_loosening": N_(
        "Not applied yet: {field} would become less strict than you stated. Please confirm it yourself."
    ),
    "understand.hearsay": N_(
        "What others are said to allow, or text written as a system or developer note, does not change your constraints."
    ),
    "understand.classified": N_(
        "'Classified' read as security-classified data: it stays offline (air-gapped)."
    ),
    "understand.residency_domestic": N_("'In the country' read as Japan."),
    "understand.hard_signal": N_(
        "Not clear yet ({topics}); I'll ask, and until then the stricter reading applies."
    ),
}


def t(key: str, lang: str | None, **params: Any) -> str:
    """The words for ``key`` in ``lang`` (English ids, Japanese in advisor.po)."""
    return render(msg(WORDS[key], **params), lang)
