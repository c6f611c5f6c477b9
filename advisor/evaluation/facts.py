"""The implicit fact check on a final answer: every model and every dollar figure must be real.

This is deliberately independent of the agent's own grounding guard (advisor/agent/grounding.py):
a judge that shares the code it judges would pass the same mistakes. It is also stricter: a dollar
figure is allowed only when it is, to the precision written, a money figure the Recommendation
computed (cost, budget, hourly rental, or an amount its own sentences state), a figure the final
turn's tool calls computed (re-derived by the engine, see recompute.py), a figure of a
recommendation the conversation superseded, or a price in the knowledge base — not any number that
happens to appear in the Recommendation (a VRAM size of 135.4 does not make "$135.4" true).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from advisor.evaluation.recompute import replayed
from advisor.kb.loader import KnowledgeBase

# Words that start a model name; the KB's own families are added at run time.
_FAMILY_WORDS = (
    "gpt",
    "o1",
    "o3",
    "o4",
    "claude",
    "gemini",
    "gemma",
    "llama",
    "qwen",
    "qwq",
    "mistral",
    "mixtral",
    "phi",
    "deepseek",
    "command",
    "grok",
    "falcon",
    "granite",
    "olmo",
    "nemotron",
    "codestral",
    "ministral",
    "swallow",
    "sarashina",
    "plamo",
    "tanuki",
    "elyza",
    "llm-jp",
)
# A version token after the family word: "4o", "-3.1-70B", " 2.5 Pro", "R1", "v3".
_VERSION = (
    r"(?:[-\s]?(?:\d[\w.]*|o\b|r\d\b|v\d[\w.]*|sonnet|opus|haiku|pro|flash|mini|nano|"
    r"large|small|medium|turbo)\b)"
)
_MONEY = re.compile(
    r"(?:US\$|\$|USD\s?)\s?(?P<a>\d[\d,]*(?:\.\d+)?)\s?(?P<k>[kKmM]\b)?"
    r"|(?P<b>\d[\d,]*(?:\.\d+)?)\s?(?P<k2>[kK])?\s?(?:USD|ドル)"
)
_MONEY_KEY = re.compile(r"usd|cost|price|budget")
_COUNT_KEY = re.compile(r"requests|tokens|share|concurrency")  # counts kept inside cost detail


def _norm(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum())


@dataclass
class Figure:
    text: str
    value: float
    decimals: int
    scale: float


@dataclass
class FactCheck:
    unknown_models: list[str] = field(default_factory=list)
    unknown_prices: list[str] = field(default_factory=list)

    def failures(self) -> list[str]:
        out = [f"answer.models: '{m}' is not a model in the knowledge base" for m in self.unknown_models]
        out += [
            f"answer.prices: '{p}' is neither a figure in the recommendation nor a KB price"
            for p in self.unknown_prices
        ]
        return out


def money_figures(text: str) -> Iterator[Figure]:
    """Dollar amounts as written ("$1,267", "USD 0.15", "3.5k USD", "120ドル")."""
    for m in _MONEY.finditer(text):
        raw = m.group("a") or m.group("b")
        suffix = (m.group("k") or m.group("k2") or "").lower()
        scale = {"k": 1e3, "m": 1e6}.get(suffix, 1.0)
        decimals = len(raw.split(".")[1]) if "." in raw else 0
        yield Figure(m.group(0).strip(), float(raw.replace(",", "")) * scale, decimals, scale)


def _money_values(value: Any, in_money: bool = False) -> Iterator[float]:
    """Numbers under money-named keys, and dollar amounts stated inside the Recommendation's text."""
    if isinstance(value, bool):
        return
    if isinstance(value, int | float):
        if in_money:
            yield float(value)
    elif isinstance(value, dict):
        if value.get("currency") not in (None, "USD"):
            return  # a budget in yen is not a dollar figure
        for k, v in value.items():
            if _COUNT_KEY.search(str(k)):
                continue
            yield from _money_values(v, in_money or bool(_MONEY_KEY.search(str(k))))
    elif isinstance(value, list):
        for v in value:
            yield from _money_values(v, in_money)
    elif isinstance(value, str):
        yield from (f.value for f in money_figures(value))


def kb_money(kb: KnowledgeBase) -> set[float]:
    """Every USD figure the knowledge base states: token prices, subscriptions, GPU rentals."""
    out: set[float] = set()
    for p in kb.prices:
        out.update(
            float(x)
            for x in (p.input, p.output, p.cached_input, p.batch_input, p.batch_output)
            if x is not None
        )
        if p.long_context is not None:
            lc = p.long_context
            out.update(float(x) for x in (lc.input, lc.output, lc.cached_input) if x is not None)
    out.update(float(s.price) for s in kb.subscriptions if s.currency == "USD")
    for gpu in kb.gpus.values():
        out.update(float(r.usd_per_hour) for r in gpu.rental)
    return out


def _matches(fig: Figure, allowed: set[float]) -> bool:
    """Equal to the precision written: "$1,267" matches 1266.95, "$0.15" matches 0.15, "$1.3k" 1266.95."""
    half = 0.5 * fig.scale * 10**-fig.decimals + 1e-9
    return any(abs(fig.value - a) <= half for a in allowed)


def model_mentions(text: str, families: set[str]) -> Iterator[str]:
    words = sorted({*_FAMILY_WORDS, *(f for f in families if len(f) >= 2)}, key=len, reverse=True)
    pattern = re.compile(
        r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in words) + r")" + _VERSION + "+", re.IGNORECASE
    )
    for m in pattern.finditer(text):
        yield m.group(0).strip()


def _kb_sources(kb: KnowledgeBase) -> list[str]:
    """The KB's own source citations, longest first: quoted provenance is not a model claim."""
    cached = _SOURCES.get(id(kb))
    if cached is None or cached[0] is not kb:
        found = {str(getattr(e, "source", "")) for e in kb.all_entities() if getattr(e, "source", None)}
        found |= {str(r.source) for g in kb.gpus.values() for r in g.rental if r.source}
        cached = (kb, sorted((x for x in found if len(x) >= 12), key=len, reverse=True))
        _SOURCES[id(kb)] = cached
    return cached[1]


_SOURCES: dict[int, tuple[KnowledgeBase, list[str]]] = {}


def _prose(text: str, kb: KnowledgeBase) -> str:
    """The answer without cited sources and links ("huggingface.co/google/gemma-7b" names a file)."""
    for source in _kb_sources(kb):
        if source in text:
            text = text.replace(source, " ")
    return re.sub(r"\S*(?:://|/)\S*", " ", text)


def check_answer(
    text: str,
    rec: dict[str, Any] | None,
    kb: KnowledgeBase,
    steps: list[dict[str, Any]] | None = None,
    earlier: list[dict[str, Any]] | None = None,
) -> FactCheck:
    """Model mentions not naming any KB model (by id, name or alias) and unsupported dollar figures.

    ``earlier`` are the conversation's previous Recommendations: "now $0/month (was $127.50)"
    quotes one of them."""
    result = FactCheck()
    prose = _prose(text, kb)
    keys = [_norm(k) for m in kb.models.values() for k in (m.id, m.name, *m.aliases)]
    families = {m.family.lower() for m in kb.models.values()}
    ids = {m.id for m in kb.models.values()} | {a for m in kb.models.values() for a in m.aliases}
    for mention in model_mentions(prose, families):
        n = _norm(mention)
        if not any(n in k for k in keys) and mention not in result.unknown_models:
            result.unknown_models.append(mention)
    # A code-formatted id is a claim of an exact KB id, e.g. `qwen2.5-32b-instruct`.
    for code in re.findall(r"`([a-z0-9][a-z0-9._-]*)`", prose):
        if (
            any(code.startswith(w) for w in (*_FAMILY_WORDS, *families))
            and code not in ids
            and code not in result.unknown_models
        ):
            result.unknown_models.append(code)
    allowed = set(_money_values(rec or {})) | kb_money(kb)
    if steps:
        for output in replayed(rec, steps, kb):
            allowed |= set(_money_values(output, in_money=False))
    for old in earlier or []:
        allowed |= set(_money_values(old))
    for fig in money_figures(text):
        if not _matches(fig, allowed) and fig.text not in result.unknown_prices:
            result.unknown_prices.append(fig.text)
    return result
