"""Memory sizing and hardware plans for self-hosting an open-weights model.

needed = weights (TOTAL params x bytes/param x (1 + quant overhead)) + KV cache (fp16, per token:
2 x layers x kv_heads x head_dim, or layers x kv_dim_override for MLA) + runtime overhead
(a fraction of both plus a fixed amount per GPU). Tensor parallelism sums the memory of identical
GPUs. The lightest-loss quantization that fits wins: 16-bit, then 8-bit (fp8 where the GPU has it,
else int8), then int4.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from advisor.engine import defaults as D
from advisor.i18n import Msg, Num, Pct, Plain, msg
from advisor.kb.schema import GPU, Model, Rental


def kv_bytes_per_token(model: Model) -> float | None:
    """KV bytes one token adds across ALL layers (sliding-window layers included; see kv_cache_gb)."""
    arch = model.architecture
    if arch is None:
        return None
    if arch.kv_dim_override:
        return arch.layers * arch.kv_dim_override * D.KV_BYTES_PER_ELEMENT
    if arch.kv_heads and arch.head_dim:
        return 2 * arch.layers * arch.kv_heads * arch.head_dim * D.KV_BYTES_PER_ELEMENT
    return None


def weights_gb(model: Model, quant: str) -> float:
    params = model.params_total_b or 0.0
    return params * D.BYTES_PER_PARAM[quant] * (1 + D.WEIGHT_OVERHEAD[quant])


def kv_tokens(context_tokens: int, input_tokens: float, output_tokens: float, concurrency: int) -> float:
    """One request at the longest context plus the rest of the concurrent requests at average size."""
    return context_tokens + output_tokens + max(0, concurrency - 1) * (input_tokens + output_tokens)


@dataclass(frozen=True)
class Memory:
    weights_gb: float
    kv_gb: float
    runtime_gb: float
    kv_estimated: bool  # True when the architecture was missing and a margin stood in

    @property
    def total_gb(self) -> float:
        return self.weights_gb + self.kv_gb + self.runtime_gb


def kv_cache_gb(model: Model, tokens: float, sequences: int = 1) -> float | None:
    """KV cache for ``tokens`` held over ``sequences`` requests. Sliding-window layers keep at most
    the window per request (Gemma 3 at 128k: ~11 GB, not 67), only full-attention layers grow."""
    per_tok = kv_bytes_per_token(model)
    arch = model.architecture
    if per_tok is None or arch is None:
        return None
    full = arch.full_attention_layers
    if arch.sliding_window is None or full is None or full >= arch.layers:
        return per_tok * tokens / D.GB
    per_layer = per_tok / arch.layers
    windowed = min(tokens, arch.sliding_window * max(1, sequences))
    return per_layer * (full * tokens + (arch.layers - full) * windowed) / D.GB


def memory_needed(model: Model, quant: str, tokens: float, count: int = 1, sequences: int = 1) -> Memory:
    w = weights_gb(model, quant)
    kv_gb = kv_cache_gb(model, tokens, sequences)
    if kv_gb is None:
        kv, est = w * D.KV_FALLBACK_FRACTION, True
    else:
        kv, est = kv_gb, False
    runtime = D.RUNTIME_OVERHEAD_FRACTION * (w + kv) + D.RUNTIME_OVERHEAD_GB_PER_GPU * count
    return Memory(w, kv, runtime, est)


def usable_gb(gpu: GPU) -> float:
    """Usable memory in GB (10^9 bytes, the unit every size here uses): a card's "80 GB" is 80 GiB."""
    mem = gpu.memory_gb * D.GIB_IN_GB
    if gpu.kind == "apple_silicon":
        return mem * D.APPLE_USABLE_FRACTION
    if gpu.kind == "cpu":
        return mem * D.CPU_USABLE_FRACTION
    return mem


def quant_ladder(gpu: GPU, model: Model | None = None) -> tuple[str, ...]:
    """Lightest loss first. CPU inference is int4 only (llama.cpp-style), and fp8 needs hardware fp8
    (unknown counts as none). A model shipped in a low precision is never up-cast: gpt-oss ships
    MXFP4 (4.25 bits, sized as int4 with its overhead), DeepSeek V3/R1 FP8 (weight-only FP8 kernels
    run it on GPUs without FP8 arithmetic too)."""
    native = model.native_precision if model is not None else None
    if gpu.kind == "cpu" or native in ("mxfp4", "fp4", "int4"):
        return ("int4",)
    if native in ("fp8", "int8"):
        return ("fp8" if gpu.kind != "apple_silicon" else "int8", "int4")
    eight = "fp8" if gpu.fp8 else "int8"
    return ("fp16", eight, "int4")


def max_devices(gpu: GPU) -> tuple[int, ...]:
    return (1,) if gpu.kind in ("apple_silicon", "cpu") else D.TP_COUNTS


def decode_tokens_per_s(model: Model, quant: str, gpu: GPU, count: int) -> float | None:
    """Single-stream decode speed from the calibrated speed model (None when bandwidth is unknown)."""
    from advisor.engine.speed import model_stream_tps

    return model_stream_tps(model, quant, gpu, count)


@dataclass
class Plan:
    gpu: GPU
    count: int
    quant: str
    memory: Memory
    available_gb: float
    rented: bool = False
    rental: Rental | None = None
    procure: bool = False
    tokens_per_s: float | None = None
    notes: list[Msg] = field(default_factory=list)

    @property
    def usd_per_hour(self) -> float | None:
        return self.rental.usd_per_hour * self.count if self.rental else None


def fit_on(
    model: Model, gpu: GPU, count: int, tokens: float, min_tps: float | None = None, sequences: int = 1
) -> Plan | None:
    """Lightest-loss quantization that fits; with ``min_tps`` (interactive use) a 16-bit plan too slow
    to chat with gives way to 8-bit, which halves the bytes read per token at negligible loss."""
    avail = usable_gb(gpu) * count
    fits = [
        (q, m)
        for q in quant_ladder(gpu, model)
        if (m := memory_needed(model, q, tokens, count, sequences)).total_gb <= avail
    ]
    if not fits:
        return None
    quant, mem = fits[0]
    tps = decode_tokens_per_s(model, quant, gpu, count)
    note = None
    if (
        min_tps
        and tps is not None
        and tps < min_tps
        and quant in ("fp16", "bf16")
        and len(fits) > 1
        and fits[1][0] != "int4"
    ):
        slow = tps
        quant, mem = fits[1]
        tps = decode_tokens_per_s(model, quant, gpu, count)
        note = msg(
            "{quant} chosen over 16-bit, which fits but would decode only about {tps} "
            "tokens/s per stream; 8-bit loses almost no quality.",
            quant=quant,
            tps=Num(slow),
        )
    plan = Plan(gpu, count, quant, mem, avail, tokens_per_s=tps)
    if note:
        plan.notes.append(note)
    _annotate(plan)
    return plan


def _annotate(plan: Plan) -> None:
    g = plan.gpu
    if g.kind == "apple_silicon":
        plan.notes.append(
            msg(
                "Apple unified memory: only ~{share} of {memory} GB is usable by the GPU by default.",
                share=Pct(D.APPLE_USABLE_FRACTION),
                memory=Plain(g.memory_gb),
            )
        )
    if g.kind == "cpu":
        plan.notes.append(
            msg("CPU-only inference: int4 weights in RAM, expect a few tokens per second at best.")
        )
    if plan.memory.kv_estimated:
        plan.notes.append(
            msg(
                "KV cache not computable (architecture missing in the knowledge base): a "
                "{share}-of-weights margin stands in.",
                share=Pct(D.KV_FALLBACK_FRACTION),
            )
        )


def plan_owned(
    model: Model,
    owned: list[tuple[GPU, int]],
    tokens: float,
    min_tps: float | None = None,
    sequences: int = 1,
) -> Plan | None:
    """Best plan on hardware the user has: lightest-loss quantization, then fewest GPUs."""
    best: Plan | None = None
    order = {q: i for i, q in enumerate(("fp16", "bf16", "fp8", "int8", "int4"))}
    for gpu, have in owned:
        counts = [c for c in max_devices(gpu) if c <= have]
        for c in counts:
            plan = fit_on(model, gpu, c, tokens, min_tps, sequences)
            if plan is None:
                continue
            key = (order[plan.quant], plan.count, -plan.available_gb, gpu.id)
            if best is None or key < (order[best.quant], best.count, -best.available_gb, best.gpu.id):
                best = plan
    return best


@dataclass
class RentalIndex:
    """Rentable configurations (GPU type x tensor-parallel count) sorted by hourly price.

    Built once per KB. Only shortlisted models are sized (see rank.py), so a linear scan over a few
    dozen configurations stays cheap even for a 10,000-model knowledge base.
    """

    rows: list[tuple[float, int, str, GPU, Rental, float]]  # price/h, count, id, gpu, rental, capacity

    @classmethod
    def build(
        cls, gpus: list[GPU], *, fp8_only: bool = False, allow: Callable[[Rental], bool] | None = None
    ) -> RentalIndex:
        """``allow`` keeps only the rentals a profile may use (trust tier, own cloud, residency)."""
        rows = []
        for gpu in gpus:
            offers = [x for x in gpu.rental if allow is None or allow(x)]
            if not offers or gpu.kind in ("apple_silicon", "cpu") or (fp8_only and not gpu.fp8):
                continue
            rent = min(offers, key=lambda r: (r.usd_per_hour, -(r.as_of.toordinal() if r.as_of else 0)))
            for c in D.TP_COUNTS:
                cap = (usable_gb(gpu) - D.RUNTIME_OVERHEAD_GB_PER_GPU) * c
                rows.append((rent.usd_per_hour * c, c, gpu.id, gpu, rent, cap))
        rows.sort(key=lambda r: (r[0], r[1], r[2]))
        return cls(rows)

    def cheapest(
        self, model: Model, quant: str, need_gb: float, min_tps: float | None
    ) -> tuple[float, GPU, int, Rental] | None:
        fallback = None
        for price, count, _, gpu, rent, cap in self.rows:
            if cap < need_gb:
                continue
            if min_tps is None:
                return price, gpu, count, rent
            tps = decode_tokens_per_s(model, quant, gpu, count)
            if tps is None or tps >= min_tps:
                return price, gpu, count, rent
            fallback = fallback or (price, gpu, count, rent)
        return fallback


def plan_rental(
    model: Model,
    tokens: float,
    any_gpu: RentalIndex,
    fp8_gpu: RentalIndex,
    budget_usd_hour: float | None = None,
    min_tps: float | None = None,
    sequences: int = 1,
) -> Plan | None:
    """Cheapest rentable configuration (fast enough to chat with when ``min_tps`` is set); a
    lighter-loss quantization wins if it costs at most RENTAL_QUALITY_PREMIUM times the cheapest
    option (and stays within the budget when one is set)."""
    options: list[tuple[str, float, GPU, int, Rental]] = []
    native = model.native_precision
    ladder = (
        (("int4", any_gpu),)
        if native in ("mxfp4", "fp4", "int4")
        else (("fp8", any_gpu), ("int4", any_gpu))
        if native in ("fp8", "int8")
        else (("fp16", any_gpu), ("fp8", fp8_gpu), ("int8", any_gpu), ("int4", any_gpu))
    )
    for quant, index in ladder:
        mem = memory_needed(model, quant, tokens, 0, sequences)  # per-GPU overhead is in the index's capacity
        hit = index.cheapest(model, quant, mem.total_gb, min_tps)
        if hit is not None:
            options.append((quant, *hit))
    if not options:
        return None
    cheapest = min(o[1] for o in options)
    affordable = [o for o in options if budget_usd_hour is None or o[1] <= budget_usd_hour] or options
    limit = cheapest * D.RENTAL_QUALITY_PREMIUM
    chosen = next((o for o in affordable if o[1] <= limit), min(affordable, key=lambda o: o[1]))
    quant, _, gpu, count, rent = chosen
    mem = memory_needed(model, quant, tokens, count, sequences)
    plan = Plan(
        gpu,
        count,
        quant,
        mem,
        usable_gb(gpu) * count,
        rented=True,
        rental=rent,
        tokens_per_s=decode_tokens_per_s(model, quant, gpu, count),
    )
    _annotate(plan)
    return plan
