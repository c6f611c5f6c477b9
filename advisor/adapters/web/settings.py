"""Chat settings that hold the understood profile: editing one asks a what-if without typing.

The widgets show the profile's current values; a change becomes one ordinary what-if message in the
user's language, so the conversation service (not the page) decides what it means.
"""

from __future__ import annotations

from typing import Any

from advisor.adapters.web.i18n import Lang, code_label, t
from advisor.adapters.web.words import CODES, WHAT_IF
from advisor.i18n import gettext

_SELECTS = ("data_sensitivity", "deployment")


def settings_widgets(profile: dict[str, Any], lang: Lang) -> list[Any]:
    from chainlit.input_widget import NumberInput, Select

    widgets: list[Any] = []
    labels = {
        "data_sensitivity": t("settings_sensitivity", lang),
        "deployment": t("settings_deployment", lang),
    }
    for field in _SELECTS:
        codes = list(CODES[field])
        current = profile.get(field)
        widgets.append(
            Select(
                id=field,
                label=labels[field],
                items={code_label(field, c, lang): c for c in codes},
                initial_value=current if current in codes else None,
            )
        )
    budget = profile.get("budget_usd_month")
    widgets.append(
        NumberInput(
            id="budget_usd_month",
            label=t("settings_budget", lang),
            initial=float(budget) if isinstance(budget, int | float) else None,
        )
    )
    rpd = (profile.get("volume") or {}).get("requests_per_day")
    widgets.append(
        NumberInput(
            id="requests_per_day",
            label=t("settings_volume", lang),
            initial=float(rpd) if isinstance(rpd, int | float) else None,
        )
    )
    return widgets


def _number(value: Any) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if number >= 0 else None


def what_if_text(new: dict[str, Any], old: dict[str, Any], lang: Lang) -> str | None:
    """The changed settings as one what-if question (None when nothing changed)."""
    parts: list[str] = []
    for field in _SELECTS:
        value = new.get(field)
        if value and value != old.get(field) and value in CODES[field]:
            parts.append(gettext(WHAT_IF[f"{field}.{value}"], lang))
    for field, key in (("budget_usd_month", "budget"), ("requests_per_day", "volume")):
        value = _number(new.get(field))
        if value is not None and value != _number(old.get(field)):
            parts.append(gettext(WHAT_IF[key], lang).format(n=f"{value:,.0f}"))
    if not parts:
        return None
    return gettext(WHAT_IF["frame"], lang).format(changes=gettext(WHAT_IF["glue"], lang).join(parts))
