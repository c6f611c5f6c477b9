"""The engine's message catalogue: every sentence it writes, in English and Japanese.

Engine logic never assembles a human sentence itself: it picks a key and passes parameters that
code has already formatted (``usd``, ``num``, ``gb``...), so a number reads the same in both
languages and a translator never touches a format spec. Text that comes FROM the knowledge base
(licence conditions, model and provider names, sources) is passed through as a parameter and is
never translated: it is a sourced fact.
"""

from __future__ import annotations

from collections.abc import Iterable

from advisor.engine.messages_labels import LABELS
from advisor.engine.messages_plan import PLAN
from advisor.engine.messages_ranking import RANKING
from advisor.engine.messages_reasons import REASONS
from advisor.engine.messages_understand import UNDERSTAND
from advisor.engine.render_i18n import REPORT

LANGS = ("en", "ja")


def _merge(*parts: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for part in parts:
        clash = out.keys() & part.keys()
        if clash:  # two files defining one key would make the wording depend on import order
            raise ValueError(f"duplicate message keys: {sorted(clash)}")
        out.update(part)
    return out


CATALOGUE: dict[str, dict[str, str]] = _merge(LABELS, REASONS, RANKING, PLAN, REPORT, UNDERSTAND)


def norm_lang(lang: str | None) -> str:
    """Anything but a supported language falls back to English, never to an error."""
    return lang if lang in LANGS else "en"


def say(key: str, lang: str | None, **params: object) -> str:
    """The sentence ``key`` in ``lang`` with its parameters filled in."""
    return CATALOGUE[key][norm_lang(lang)].format(**params)


def label(group: str, value: str, lang: str | None) -> str:
    """A code's human label ("sens.regulated" -> "規制対象"); unknown codes read as plain words."""
    entry = CATALOGUE.get(f"{group}.{value}")
    return entry[norm_lang(lang)] if entry else value.replace("_", " ")


def listing(items: Iterable[str], lang: str | None) -> str:
    """A comma list: "a, b" in English, "a、b" in Japanese."""
    return ("、" if norm_lang(lang) == "ja" else ", ").join(items)


def sentences(parts: Iterable[str], lang: str | None) -> str:
    """Sentences run together: a space between English ones, none between Japanese ones."""
    glue = "" if norm_lang(lang) == "ja" else " "
    return glue.join(p for p in parts if p)


def full_stop(text: str, lang: str | None) -> str:
    """End a sentence the way its own script does (KB prose stays English even in Japanese output)."""
    text = text.rstrip()
    if text.endswith((".", "。", "!", "?")):
        return text
    return text + ("。" if norm_lang(lang) == "ja" and not text[-1:].isascii() else ".")


# --- numbers: formatted here, never inside a template ------------------------------------------

def usd(x: float) -> str:
    """Monthly money: whole dollars with thousands separators."""
    return f"${x:,.0f}"


def usd_rate(x: float) -> str:
    """Unit prices (per 1M tokens, per hour, per kWh): as precise as the KB states them."""
    return f"${x:g}"


def num(x: float) -> str:
    """Counts and token numbers: rounded, with thousands separators."""
    return f"{x:,.0f}"


def gb(x: float, digits: int = 0) -> str:
    return f"{x:,.{digits}f}"


def pct(x: float) -> str:
    return f"{x:.0%}"


def plain(x: float) -> str:
    """A KB constant as written (80, 1.3, 0.15)."""
    return f"{x:g}"
