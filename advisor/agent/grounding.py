"""The grounding check for LLM-written text: every model name and price must be known.

A model mention is a known family word followed by its version ("GPT-4o", "Llama 3.3", "Qwen2.5");
it is grounded when some knowledge-base model's id, name or alias contains it. A price is any money
amount ($, USD, ドル, 円, 万円, €); it is grounded when it matches, to the precision written, a number
in the Recommendation, a KB price of a model the Recommendation names, or the user's budget (yen and
euro amounts are converted with the KB's dated rates). An explanation must also name the recommended
model. Text that fails is replaced by the template.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

FAMILY_WORDS = (
    "gpt",
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
    "yi",
    "granite",
    "olmo",
    "nemotron",
    "codestral",
    "ministral",
    "elyza",
    "swallow",
    "sarashina",
    "plamo",
    "tanuki",
    "llm-jp",
    "calm",
)
_VERSION = (
    r"(?:[-\s]?(?:\d[\w.]*|o\b|r\d\b|v\d[\w.]*|sonnet|opus|haiku|pro|flash|mini|nano|large|small|medium))"
)
_MONEY = re.compile(
    r"(?P<usd1>\$|US\$|USD\s?)\s?(?P<a1>\d[\d,]*(?:\.\d+)?)\s?(?P<k1>[kKmM])?(?![\w])"
    r"|(?P<a2>\d[\d,]*(?:\.\d+)?)\s?(?P<k2>[kK])?\s?(?P<usd2>USD|ドル|dollars?)"
    r"|(?P<eur>€)\s?(?P<a3>\d[\d,]*(?:\.\d+)?)"
    r"|(?P<yen1>¥|￥)\s?(?P<a4>\d[\d,]*(?:\.\d+)?)"
    r"|(?P<a5>\d[\d,]*(?:\.\d+)?)\s?(?P<man>万)?円"
)


def _norm(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum())


@dataclass
class GroundingResult:
    ok: bool
    unknown_models: list[str] = field(default_factory=list)
    unknown_prices: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)


def model_mentions(text: str, families: Iterable[str]) -> Iterator[str]:
    words = sorted({*FAMILY_WORDS, *(f.lower() for f in families if len(f) >= 2)}, key=len, reverse=True)
    pattern = re.compile(
        r"(?<![\w-])(" + "|".join(re.escape(w) for w in words) + r")" + _VERSION + "+", re.IGNORECASE
    )
    for match in pattern.finditer(text):
        yield match.group(0).strip()


def _numbers(value: Any) -> Iterator[float]:
    if isinstance(value, bool):
        return
    if isinstance(value, int | float):
        yield float(value)
    elif isinstance(value, dict):
        for v in value.values():
            yield from _numbers(v)
    elif isinstance(value, list):
        for v in value:
            yield from _numbers(v)
    elif isinstance(value, str):
        for m in re.finditer(r"\d[\d,]*(?:\.\d+)?", value):
            yield float(m.group(0).replace(",", ""))


def allowed_amounts(rec: dict[str, Any], kb: Any, extra: Any = None) -> list[float]:
    """USD figures the text may quote: the Recommendation's numbers and its models' KB prices."""
    nums = set(_numbers(rec)) | set(_numbers(extra or {}))
    named = {c.get("model_id") for c in [rec.get("primary") or {}, *(rec.get("alternatives") or [])]}
    named |= {e.get("model_id") for e in rec.get("excluded") or []}
    for model_id in named:
        for price in kb.prices_by_model.get(model_id, []) if model_id else []:
            for attr in ("input", "output", "cached_input", "batch_input", "batch_output"):
                if getattr(price, attr, None) is not None:
                    nums.add(float(getattr(price, attr)))
    return sorted(nums)


def _matches(amount: float, decimals: int, scale: float, allowed: list[float]) -> bool:
    tolerance = max(0.011, 0.5 * scale * 10**-decimals)
    return any(abs(amount - a) <= tolerance or abs(amount - a) <= 0.02 * abs(a) for a in allowed)


def check_grounding(
    text: str, rec: dict[str, Any], kb: Any, extra: Any = None, must_name: str | None = None
) -> GroundingResult:
    """Unknown model mentions and prices in ``text``; ``must_name`` is a model id the text has to name
    (an explanation that never names the recommended model explains something else)."""
    keys = {_norm(k) for m in kb.models.values() for k in (m.id, m.name, *m.aliases)}
    families = {m.family for m in kb.models.values()}
    unknown_models = [m for m in model_mentions(text, families) if not any(_norm(m) in k for k in keys)]
    allowed = allowed_amounts(rec, kb, extra)
    fx = {cur: rate.usd_per_unit for cur, rate in kb.fx.items()}
    unknown_prices = []
    for match in _MONEY.finditer(text):
        groups = match.groupdict()
        raw = next(groups[k] for k in ("a1", "a2", "a3", "a4", "a5") if groups[k])
        value = float(raw.replace(",", ""))
        decimals = len(raw.split(".")[1]) if "." in raw else 0
        suffix = (groups["k1"] or groups["k2"] or "").lower()
        scale = {"k": 1e3, "m": 1e6}.get(suffix, 1.0)
        if groups["man"]:
            scale = 1e4
        amount = value * scale
        if groups["eur"] or groups["yen1"] or groups["a5"]:
            rate = fx.get("EUR" if groups["eur"] else "JPY")
            if rate is None:
                unknown_prices.append(match.group(0))
                continue
            amount, scale = amount * rate, scale * rate
        if not _matches(amount, decimals, scale, allowed):
            unknown_prices.append(match.group(0))
    missing = []
    if must_name:
        model = kb.models.get(must_name)
        names = {_norm(n) for n in ((model.id, model.name, *model.aliases) if model else (must_name,))}
        if not any(n and n in _norm(text) for n in names):
            missing.append(must_name)
    return GroundingResult(
        ok=not unknown_models and not unknown_prices and not missing,
        unknown_models=unknown_models,
        unknown_prices=unknown_prices,
        missing=missing,
    )


# --- the constraint check: LLM text must not undo the hard constraints --------------------------------

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|(?<=[。！？])|\n+")  # "Llama 3.3" stays one sentence
_NEGATED = re.compile(
    r"\b(?:not|never|no|cannot|can't|don't|do not|avoid|excluded?|ruled out|instead of|rather than|"
    r"won't|must not|shouldn't|unless|without)\b|除外|使えません|使えない|使わない|避け|送らない|送れません|"
    r"送れない|対象外|できません|ではなく|禁止",
    re.IGNORECASE,
)
_RECOMMENDS = re.compile(
    r"\b(?:recommend|suggest|use|go with|choose|pick|switch to|try|best|send|upload|call|route)\w*\b|"
    r"推奨|おすすめ|お勧め|使って|使う|選|送|アップロード|利用して|利用する|切り替",
    re.IGNORECASE,
)
_VENDOR_API = re.compile(
    r"\b(?:vendor|cloud|hosted|external|third[- ]party|public)\s+(?:llm\s+)?apis?\b|"
    r"外部\s?API|クラウドAPI|ベンダー(?:の)?\s?API|API経由",
    re.IGNORECASE,
)
_SEND = re.compile(r"\bapi\b|\bendpoint|\bsend|\bupload|\bcloud|送|アップロード|クラウド|API", re.IGNORECASE)
SELF_HOSTED_ONLY = ("on_prem", "air_gapped")
#: exclusion reasons that are hard constraints (a model excluded for cost or context may still be discussed)
HARD_REASONS = (
    "sensitivity",
    "deployment",
    "region",
    "residency",
    "vendor_terms",
    "licence",
    "mau_cap",
    "retired",
)
_OWN_CLOUD_KINDS = ("cloud",)  # a private_cloud deployment may use the user's own cloud account's services


def _provider_problem(provider: Any, profile: dict[str, Any]) -> str | None:
    """Why data may not go to ``provider`` under ``profile`` (None when it may)."""
    deployment = profile.get("deployment")
    if deployment in SELF_HOSTED_ONLY:
        return f"deployment is {deployment}"
    if deployment == "private_cloud" and provider.kind not in _OWN_CLOUD_KINDS:
        return "deployment is private_cloud"
    residency = [str(r) for r in profile.get("residency") or []]
    if residency and not set(residency) <= set(provider.residency_regions or []):
        return f"residency {residency} not offered"
    needs = {str(v) for v in profile.get("vendor_requirements") or []}
    missing = [
        n
        for n, ok in (
            ("baa", provider.baa_available is True),
            ("dpa", provider.dpa_available is True),
            ("zdr", provider.zero_data_retention in ("default", "on_request")),
            ("no_training", provider.trains_on_customer_data_by_default is False),
        )
        if n in needs and not ok
    ]
    if missing:
        return f"vendor requirements {missing} not met"
    if (
        profile.get("data_sensitivity") in ("confidential", "regulated")
        and provider.trains_on_customer_data_by_default
    ):
        return "trains on customer data"
    return None


def check_constraints(text: str, rec: dict[str, Any], kb: Any) -> list[str]:
    """Sentences that recommend what the hard constraints exclude, or send data where the profile
    forbids: an excluded model recommended, an API-only model when only self-hosting is allowed, a
    provider (or "a vendor API") named as where data should go when it fails deployment, residency,
    vendor requirements or sensitivity. A sentence that says "not"/"除外" is a warning, not advice."""
    profile = dict(rec.get("profile") or {})
    excluded = {
        str(e.get("model_id"))
        for e in rec.get("excluded") or []
        if any(r.get("code") in HARD_REASONS for r in e.get("reasons") or [])
    }
    shown = {str(c.get("model_id")) for c in [rec.get("primary") or {}, *(rec.get("alternatives") or [])]}
    self_only = profile.get("deployment") in SELF_HOSTED_ONLY
    banned_models = [
        m
        for m in kb.models.values()
        if m.id not in shown and (m.id in excluded or (self_only and not m.open_weights))
    ]
    providers = [
        (p, why)
        for p in (getattr(kb, "providers", {}) or {}).values()
        if (why := _provider_problem(p, profile)) is not None
    ]
    problems: list[str] = []
    for sentence in (s for s in _SENTENCE_END.split(text) if s.strip()):
        if _NEGATED.search(sentence) or not _RECOMMENDS.search(sentence):
            continue
        flat = _norm(sentence)
        for model in banned_models:
            if any(len(_norm(n)) >= 4 and _norm(n) in flat for n in (model.name, *model.aliases)):
                problems.append(f"recommends excluded model {model.id}: {sentence.strip()[:80]}")
        for provider, why in providers:
            # a company name ("OpenAI's API") stands for its API services, not its consumer apps
            by_company = (
                provider.kind not in ("consumer_app", "business_app") and _norm(provider.company) in flat
            )
            named = _norm(provider.name) in flat or (by_company and _SEND.search(sentence))
            if named:
                problems.append(f"sends data to {provider.id} ({why}): {sentence.strip()[:80]}")
        if self_only and _VENDOR_API.search(sentence):
            problems.append(f"sends data to a vendor API (deployment is {profile.get('deployment')})")
    return list(dict.fromkeys(problems))
