"""Every number the engine assumes, in one place, so each can be stated in the output.

The engine never fills a missing profile field silently: ``DEFAULTS`` says what it assumes and
``assumed_text`` turns each use into a sentence of ``Recommendation.assumptions``.
"""

from __future__ import annotations

from typing import Any

from advisor.i18n import N_, Msg, Num, Pct, Plain, msg

# What the engine assumes when the profile leaves a field out. Each entry's "why" (for the docs and
# the agent) is the English wording of its ``_WHY`` sentence, filled in at the
# end of this module from the constants it quotes, so the text can never drift from the numbers.
DEFAULTS: dict[str, dict[str, Any]] = {
    "tasks": {"value": ["chat"]},
    "languages": {"value": ["en"]},
    "data_sensitivity": {"value": "internal"},
    "deployment": {"value": "any"},
    "budget_usd_month": {"value": None},
    "volume": {"value": {"requests_per_day": 1000, "input_tokens": 1000, "output_tokens": 300}},
    "cached_input_share": {"value": 0.0},
    "concurrency": {"value": None},
    "can_rent_gpus": {"value": True},
    "context_tokens": {"value": 4096},
    "long_context_tokens": {"value": 128_000},
    "latency": {"value": "interactive"},
    "commercial_use": {"value": True},
    "monthly_active_users": {"value": None},
    "region": {"value": None},
}

# --- hardware sizing --------------------------------------------------------------------------
BYTES_PER_PARAM: dict[str, float] = {"fp16": 2.0, "bf16": 2.0, "fp8": 1.0, "int8": 1.0, "int4": 0.5}
# Quantised checkpoints keep embeddings/norms in 16 bit and store per-group scales.
WEIGHT_OVERHEAD: dict[str, float] = {"fp16": 0.0, "bf16": 0.0, "fp8": 0.03, "int8": 0.03, "int4": 0.12}
KV_BYTES_PER_ELEMENT = 2.0  # fp16 KV cache regardless of weight quantization
RUNTIME_OVERHEAD_FRACTION = 0.10  # activations, allocator fragmentation, CUDA graphs
RUNTIME_OVERHEAD_GB_PER_GPU = 1.0  # CUDA/ROCm context per device
APPLE_USABLE_FRACTION = 0.75  # macOS lets the GPU wire about 3/4 of unified memory by default
CPU_USABLE_FRACTION = 0.80  # leave RAM for the OS
KV_FALLBACK_FRACTION = 0.20  # KV margin when the KB lacks the architecture
TP_COUNTS: tuple[int, ...] = (1, 2, 4, 8)  # tensor-parallel degrees (powers of two, same GPU type)
GB = 1e9

# --- throughput and cost ----------------------------------------------------------------------
DECODE_EFFICIENCY = 0.6  # share of peak memory bandwidth a serving stack sustains while decoding
BATCH_CONCURRENCY = 8  # sequences decoded together per weight read under continuous batching
PREFILL_SPEEDUP = 20.0  # prompt tokens process ~20x faster than generated tokens (compute-bound)
HOURS_PER_MONTH = 730.0
DAYS_PER_MONTH = 30.0
USD_PER_KWH = 0.15
PUE = 1.3  # host, cooling and PSU losses on top of GPU TDP
RENTAL_QUALITY_PREMIUM = 1.25  # pay up to 25% more rent for a lighter-loss quantization
INTERACTIVE_MIN_TOKENS_S = 20.0  # below this a chat feels slow
STALE_DAYS = 120  # a price older than this is flagged first in the answer and lowers the score
STALE_PENALTY = 0.03  # score subtracted from an option ranked on a stale price (fails closed, gently)

# --- scoring ----------------------------------------------------------------------------------
WEIGHTS: dict[str, float] = {"quality": 0.45, "cost": 0.20, "language": 0.15, "latency": 0.10, "ops": 0.10}
JA_LEVEL_SCORE: dict[str | None, float] = {"native": 1.0, "strong": 0.85, "good": 0.6, "basic": 0.25,
                                           "weak": 0.05, None: 0.3}
SATURATING_TASKS = frozenset({"classification", "extraction"})
TIGHT_FIT = 0.90  # above this share of usable memory a plan has no room for longer inputs or other apps
REFINE_WEIGHT = 0.02
EXCLUDED_SHOWN = 10
EXCLUDED_BLANKET_SHOWN = 3  # API-only models ruled out by deployment alone: show only the strongest few
CONCURRENCY_CAP = 16
PEAK_FACTOR = 2.0  # peak-hour traffic vs the average over an 8-hour working day
ALTERNATIVES = 3


def default_value(name: str) -> Any:
    return DEFAULTS[name]["value"]


_WHY: dict[str, str] = {  # why each default applies: a clause that "Default: {why}." wraps
    "tasks": N_("no task given: ranked for general chat"),
    "languages": N_("no language given: English assumed"),
    "data_sensitivity": N_("sensitivity not given: treated as internal (no vendor that trains on customer "
          "data by default)"),
    "deployment": N_("deployment not given: vendor APIs and self-hosting both allowed"),
    "budget_usd_month": N_("no budget given: cost ranks candidates but none is over budget"),
    "volume": N_("no volume given: {requests_per_day} requests/day of {input_tokens} input + "
          "{output_tokens} output tokens assumed"),
    "cached_input_share": N_("no prompt-cache share given: {share} of input billed at cached rates"),
    "concurrency": N_("peak concurrency not given: estimated from volume ({hours}-hour day, {peak}x "
          "peak, {tps} tokens/s per answer; batch: {batch} sequences), between 1 and {cap}, and sized into the KV cache"),
    "can_rent_gpus": N_("renting GPUs not ruled out: cloud GPU rental considered where deployment allows"),
    "context_tokens": N_("longest input not given: twice the typical request input (at least {tokens} "
          "tokens) assumed"),
    "long_context_tokens": N_("long_context needed but no length given: {tokens} tokens assumed"),
    "latency": N_("latency not given: interactive (always-on serving) assumed"),
    "commercial_use": N_("commercial use not stated: assumed commercial (the stricter case)"),
    "monthly_active_users": N_("monthly active users not given: licence user caps shown as conditions"),
    "region": N_("region not given: no residency or regional licence clause checked"),
}


def _why_params(name: str) -> dict[str, object]:
    """The numbers a default's sentence quotes, formatted by code."""
    value = DEFAULTS[name]["value"]
    if name == "volume":
        return {k: Num(v) for k, v in value.items()}
    if name == "cached_input_share":
        return {"share": Pct(value)}
    if name == "concurrency":
        return {"hours": Plain(8), "peak": Plain(PEAK_FACTOR), "tps": Plain(INTERACTIVE_MIN_TOKENS_S),
                "batch": Plain(BATCH_CONCURRENCY), "cap": Plain(CONCURRENCY_CAP)}
    if name in ("context_tokens", "long_context_tokens"):
        return {"tokens": Num(value)}
    return {}


def default_why(name: str) -> Msg:
    return msg(_WHY[name], **_why_params(name))


def assumed_text(name: str) -> Msg:
    """The assumption stated for one default."""
    return msg("Default: {why}.", why=default_why(name))


for _name, _entry in DEFAULTS.items():
    _entry["why"] = str(default_why(_name))
