"""Decode and prefill speed of a model on a rig, calibrated on published measurements.

Why a model and not a table: the knowledge base holds hundreds of (model, GPU, count) pairs and no
one has measured most of them. Decoding is memory-bound, so one step takes

    bytes of weights read / (bandwidth x efficiency)  +  KV-cache reads
    + fixed per-layer overhead (kernel launches)  +  interconnect latency (tensor parallel)
    + a per-layer MoE penalty when a large mixture-of-experts is split over GPUs

and a batch of B concurrent streams (continuous batching) shares one step: dense weights are read
once per step, while a MoE touches more distinct experts as B grows. Compute caps the batch
(FLOPs ~ bandwidth x a typical FLOP:byte ratio of the device class). Two server classes:
``vllm`` (tensor parallel: bandwidth adds up across GPUs, plus all-reduce latency) and
``llama.cpp`` (layer split: one GPU works at a time, so several GPUs add memory, not speed).
The constants are calibrated on tests/unit/speed_measurements.yaml (29 rows, every one within 0.5-2x).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from advisor.engine import defaults as D
from advisor.kb.schema import GPU, Model

Server = Literal["vllm", "llama.cpp"]
Link = Literal["nvlink", "pcie", "network"]

# Share of peak memory bandwidth a serving stack sustains while decoding, by device class.
BANDWIDTH_EFFICIENCY: dict[str, float] = {
    "datacenter": 0.6,
    "workstation": 0.6,
    "consumer": 0.6,
    "apple_silicon": 0.45,
    "cpu": 0.5,
}
SIXTEEN_BIT_BONUS = (
    1.25  # 16-bit weights stream closer to peak than block-quantised ones (llama.cpp F16 rows)
)
LAYER_OVERHEAD_S: dict[str, float] = {"vllm": 40e-6, "llama.cpp": 30e-6}  # launches, norms, sampling
ALLREDUCE_S: dict[str, float] = {"nvlink": 12e-6, "pcie": 40e-6, "network": 50e-6}  # per all-reduce
ALLREDUCES_PER_LAYER = 2  # attention output and MLP/MoE output
LAYER_SPLIT_HOP_S = 0.2e-3  # llama.cpp: hand-off between GPUs per token
STREAM_OVERHEAD_S = 0.2e-3  # per stream per step: attention over its own KV, sampling, scheduling
# Large MoE split over GPUs (expert routing, all-to-all, block-fp8 grouped GEMMs at small batch):
# calibrated on DeepSeek-V3/R1 at launch on 8xH200 / 8xH20 / 16xH100 (13-30 tokens/s per stream),
# scaled down for smaller mixtures.
MOE_SPLIT_LAYER_S = 0.6e-3
MOE_SPLIT_REFERENCE_B = 600.0
FLOP_PER_BYTE: dict[str, float] = {
    "datacenter": 200.0,
    "workstation": 150.0,
    "consumer": 150.0,
    "apple_silicon": 35.0,
    "cpu": 10.0,
}
COMPUTE_EFFICIENCY = 0.5
MOE_SHARED_FRACTION = (
    0.45  # share of a MoE's active parameters read by every token (attention, shared experts)
)
PCIE_DATACENTER = frozenset({"nvidia-t4", "nvidia-l4", "nvidia-a10g", "nvidia-l40s", "nvidia-h100-pcie"})


@dataclass(frozen=True)
class Rig:
    """Identical devices serving one copy of a model."""

    bandwidth_gbps: float
    count: int = 1
    kind: str = "datacenter"
    link: Link = "nvlink"


@dataclass(frozen=True)
class Shape:
    """What speed depends on: parameters (billions), bytes per parameter, layers, KV bytes per token."""

    total_b: float
    active_b: float
    bytes_per_param: float
    layers: int
    kv_bytes_per_token: float = 0.0

    @property
    def moe(self) -> bool:
        return self.active_b < 0.9 * self.total_b


def rig_of(gpu: GPU, count: int) -> Rig | None:
    """None when the bandwidth is unknown: no speed is then claimed."""
    if gpu.bandwidth_gbps is None:
        return None
    link: Link = "pcie" if gpu.kind in ("consumer", "workstation") or gpu.id in PCIE_DATACENTER else "nvlink"
    return Rig(gpu.bandwidth_gbps, count, gpu.kind, link)


def server_for(rig: Rig) -> Server:
    """Apple silicon and CPUs run llama.cpp-class servers; NVIDIA/AMD GPUs a vLLM-class server."""
    return "llama.cpp" if rig.kind in ("apple_silicon", "cpu") else "vllm"


def shape_of(model: Model, quant: str) -> Shape | None:
    from advisor.engine.hardware import kv_bytes_per_token

    total = model.params_total_b
    if not total:
        return None
    layers = model.architecture.layers if model.architecture else max(16, int(total**0.5 * 8))
    return Shape(
        total,
        model.params_active_b or total,
        D.BYTES_PER_PARAM[quant],
        layers,
        kv_bytes_per_token(model) or 0.0,
    )


def _weight_bytes(s: Shape, batch: int) -> float:
    """Bytes of weights one decode step reads for ``batch`` streams (distinct experts grow with batch)."""
    if not s.moe or batch <= 1:
        return s.active_b * 1e9 * s.bytes_per_param
    shared = s.active_b * MOE_SHARED_FRACTION
    routed_total = s.total_b - shared
    share = (s.active_b - shared) / routed_total  # chance a given routed weight is used by one token
    touched = routed_total * (1 - (1 - share) ** batch)
    return (shared + touched) * 1e9 * s.bytes_per_param


def step_seconds(
    s: Shape, rig: Rig, server: Server | None = None, batch: int = 1, context_tokens: float = 0.0
) -> float:
    """Seconds for one decode step producing one token for each of ``batch`` streams."""
    server = server or server_for(rig)
    eff = BANDWIDTH_EFFICIENCY.get(rig.kind, 0.6) * (SIXTEEN_BIT_BONUS if s.bytes_per_param >= 2 else 1.0)
    parallel = rig.count if server == "vllm" else 1  # llama.cpp: one GPU at a time
    bandwidth = rig.bandwidth_gbps * 1e9 * eff * parallel
    reads = _weight_bytes(s, batch) + batch * context_tokens * s.kv_bytes_per_token
    t = reads / bandwidth + s.layers * LAYER_OVERHEAD_S[server] + batch * STREAM_OVERHEAD_S
    if server == "vllm" and rig.count > 1:
        t += s.layers * ALLREDUCES_PER_LAYER * ALLREDUCE_S[rig.link]
        if s.moe:
            t += s.layers * MOE_SPLIT_LAYER_S * min(1.0, s.total_b / MOE_SPLIT_REFERENCE_B)
    elif rig.count > 1:
        t += (rig.count - 1) * LAYER_SPLIT_HOP_S
    compute = 2 * s.active_b * 1e9 * batch / flops(rig, server)
    return max(t, compute)


def flops(rig: Rig, server: Server | None = None) -> float:
    """Usable FLOP/s of the rig (estimated from bandwidth and the device class's FLOP:byte ratio)."""
    parallel = rig.count if (server or server_for(rig)) == "vllm" else 1
    return rig.bandwidth_gbps * 1e9 * FLOP_PER_BYTE.get(rig.kind, 150.0) * COMPUTE_EFFICIENCY * parallel


def stream_tps(
    s: Shape, rig: Rig, server: Server | None = None, batch: int = 1, context_tokens: float = 0.0
) -> float:
    """Tokens per second one stream sees while ``batch`` streams share the rig."""
    return 1.0 / step_seconds(s, rig, server, batch, context_tokens)


def aggregate_tps(
    s: Shape, rig: Rig, server: Server | None = None, batch: int = 1, context_tokens: float = 0.0
) -> float:
    """Generated tokens per second of all ``batch`` streams together (continuous batching)."""
    return batch * stream_tps(s, rig, server, batch, context_tokens)


def prefill_tps(s: Shape, rig: Rig, server: Server | None = None) -> float:
    """Prompt tokens per second: compute-bound, 2 FLOPs per active parameter per token."""
    return flops(rig, server) / (2 * s.active_b * 1e9)


def model_stream_tps(model: Model, quant: str, gpu: GPU, count: int) -> float | None:
    """Single-stream decode speed of a KB model on ``count`` KB GPUs (None when unknown)."""
    shape, rig = shape_of(model, quant), rig_of(gpu, count)
    if shape is None or rig is None:
        return None
    return stream_tps(shape, rig)
