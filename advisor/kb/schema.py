"""Strict pydantic models of the knowledge base.

Every entity is sourced and dated; unknown facts are ``None`` (never guessed). Models use
``extra="forbid"`` so a typo in a YAML key is an error, not a silently ignored field.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9._-]*$", min_length=1)]
Family = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9.-]*$")]
LangCode = Annotated[str, StringConstraints(pattern=r"^[a-z]{2}$")]
NonNeg = Annotated[float, Field(ge=0)]

TaskName = Literal[
    "chat", "summarization", "rag", "extraction", "classification", "translation",
    "coding", "reasoning", "vision", "agents", "creative",
]
TASKS: tuple[str, ...] = TaskName.__args__  # type: ignore[attr-defined]
Modality = Literal["text", "image", "audio", "video"]
Need = Literal["tool_calling", "json_output", "long_context", "vision", "fine_tuning", "reasoning_trace"]
Precision = Literal["fp32", "bf16", "fp16", "fp8", "mxfp4", "fp4", "int8", "int4"]
LifecycleStatus = Literal["preview", "ga", "legacy", "deprecated", "retired"]
TrustTier = Literal["hyperscaler", "specialised", "community"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Sourced(Strict):
    """A fact with its provenance. ``as_of`` is the date the source states (or, for an undated
    source, the date the fact was recorded, with ``dated: recorded``)."""

    source: str | None = Field(default=None, min_length=1)
    as_of: dt.date | None = None
    dated: Literal["source", "recorded"] = "source"


class Benchmark(Sourced):
    """A published benchmark figure; ``self_reported`` marks the vendor's own numbers."""

    name: str
    score: float
    unit: str = "%"
    setting: str | None = None
    self_reported: bool
    language: LangCode | None = None


class Architecture(Strict):
    """What a KV-cache estimate needs. ``kv_dim_override`` covers MLA (DeepSeek) caches."""

    layers: int = Field(gt=0)
    kv_heads: int | None = Field(default=None, gt=0)
    head_dim: int | None = Field(default=None, gt=0)
    attention: Literal["mha", "gqa", "mla", "sliding", "hybrid"] = "gqa"
    kv_dim_override: int | None = Field(default=None, gt=0, description="elements per token per layer (MLA)")
    sliding_window: int | None = Field(default=None, gt=0, description="tokens a windowed layer attends to")
    full_attention_layers: int | None = Field(
        default=None, ge=0, description="layers attending the whole context; the rest use sliding_window")
    source: str = Field(min_length=1)


class Capabilities(Strict):
    tool_calling: bool | None = None
    json_output: bool | None = None
    reasoning_trace: bool | None = None
    coding: bool | None = None
    vision: bool | None = None
    fine_tuning: bool | None = None


class JapaneseSupport(Strict):
    """How well the model handles Japanese, graded from the evidence in ``benchmarks``."""

    level: Literal["native", "strong", "good", "basic", "weak"] | None
    specialised: bool = False
    note: str | None = None
    note_ja: str | None = None


class PlatformLifecycle(Sourced):
    """A model's status on one platform (``vendor`` for the maker's own API, else a provider id):
    deprecated here, shut down there, use this instead."""

    platform: Id
    status: LifecycleStatus
    deprecated_on: dt.date | None = None
    shutdown_date: dt.date | None = None
    successor: Id | None = None
    notes: str | None = None


class ReasoningTokens(Sourced):
    """Hidden reasoning tokens per visible output token, by effort (sourced multipliers)."""

    low: NonNeg | None = None
    medium: NonNeg | None = None
    high: NonNeg | None = None


QualityTier = Annotated[int, Field(ge=1, le=5)]


class Model(Sourced):
    id: Id
    name: str
    family: Family
    vendor: Id
    open_weights: bool
    licence: Id
    aliases: list[str] = []
    params_total_b: NonNeg | None = None
    params_active_b: NonNeg | None = None
    architecture: Architecture | None = None
    context_window: int = Field(gt=0)
    max_output_tokens: int | None = Field(default=None, gt=0)
    modalities_in: list[Modality] = ["text"]
    modalities_out: list[Modality] = ["text"]
    languages_strong: list[LangCode] = []
    japanese: JapaneseSupport | None = None
    capabilities: Capabilities = Capabilities()
    quality: dict[TaskName, QualityTier] = {}
    quality_basis: str | None = None
    benchmarks: list[Benchmark] = []
    release_date: dt.date | None = None
    deprecation_date: dt.date | None = None
    lifecycle: list[PlatformLifecycle] = []
    native_precision: Precision | None = None  # the precision the weights ship in (gpt-oss: mxfp4)
    tokenizer: Id | None = None  # tokenizer family, see tokens-per-character figures
    reasoning_tokens: ReasoningTokens | None = None
    base_model: Id | None = None
    notes: str | None = None
    notes_ja: str | None = None


class Licence(Sourced):
    id: Id
    name: str
    kind: Literal["permissive", "open_weights_custom", "research_only", "non_production", "proprietary"]
    spdx: str | None = None
    commercial_use: bool | None
    mau_cap: int | None = Field(default=None, gt=0)
    attribution: str | None = None
    naming: str | None = None
    output_training_restricted: bool | None = None
    output_use: str | None = None
    eu_multimodal_restriction: bool = False
    regional_clauses: list[str] = []
    aup_prohibits: list[str] = []
    acceptable_use: str | None = None
    conditions: list[str] = []
    conditions_ja: list[str] = []  # the same conditions in Japanese, one for one
    revenue_threshold_usd: NonNeg | None = None  # licence terms change above this annual revenue
    prohibits_model_as_a_service: bool | None = None  # "no hosting it for third parties as a service"
    url: str | None = None
    notes: str | None = None
    notes_ja: str | None = None


class LongContextTier(Strict):
    above_tokens: int = Field(gt=0)
    input: NonNeg
    output: NonNeg
    cached_input: NonNeg | None = None


class Price(Sourced):
    """USD per 1M tokens for one (model, provider)."""

    model: str = Field(min_length=1)
    provider: Id
    input: NonNeg
    output: NonNeg
    cached_input: NonNeg | None = None
    batch_input: NonNeg | None = None
    batch_output: NonNeg | None = None
    long_context: LongContextTier | None = None
    context_tiers: list[LongContextTier] = []  # several tiers, ascending; supersedes long_context
    cache_write_input: NonNeg | None = None
    effective_from: dt.date | None = None  # effective-dated (e.g. introductory) prices
    effective_until: dt.date | None = None
    region: str | None = None  # a regional endpoint's price (eu, jp, ...); None = global
    regional_uplift_pct: NonNeg | None = None
    currency: Literal["USD"] = "USD"
    doubtful: bool = False
    unmapped: bool = Field(default=False, description="imported price whose model/provider is not (yet) in the KB")
    notes: str | None = None


class Subscription(Sourced):
    id: Id
    product: str
    provider: Id
    price: NonNeg
    currency: str = "USD"
    period: Literal["month", "year"]
    per_seat: bool = True
    notes: str | None = None


class Rental(Sourced):
    provider: str
    usd_per_hour: NonNeg
    tier: str | None = None
    trust: TrustTier | None = None  # hyperscaler, specialised GPU cloud, community marketplace
    regions: list[str] = []
    instance: str | None = None


class GPU(Sourced):
    id: Id
    name: str
    vendor: Literal["nvidia", "amd", "apple", "intel", "cpu"]
    kind: Literal["datacenter", "workstation", "consumer", "apple_silicon", "cpu"]
    memory_gb: float = Field(gt=0)
    bandwidth_gbps: float | None = Field(default=None, gt=0)
    tdp_w: float | None = Field(default=None, gt=0)
    fp8: bool | None = None
    fp4: bool | None = None
    aliases: list[str] = []
    rental: list[Rental] = []
    notes: str | None = None


class Provider(Sourced):
    id: Id
    name: str
    kind: Literal["api", "consumer_app", "business_app", "cloud", "inference_host", "router"]
    company: str
    hq_region: str | None = None
    trains_on_customer_data_by_default: bool | None
    training_note: str | None = None
    training_note_ja: str | None = None
    retention_days: int | None = Field(default=None, ge=0)
    retention_note: str | None = None
    retention_note_ja: str | None = None
    zero_data_retention: Literal["default", "on_request", "no", "unknown"] = "unknown"
    baa_available: bool | None = None
    dpa_available: bool | None = None
    residency_regions: list[str] = []
    residency_surcharge_pct: NonNeg | None = None
    certifications: list[str] = []
    enterprise_plans: list[str] = []
    notes: str | None = None
    notes_ja: str | None = None


class FxRate(Sourced):
    currency: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]
    usd_per_unit: float = Field(gt=0)


class Task(Strict):
    id: TaskName
    name_en: str
    name_ja: str
    needs: list[Need] = []
    modalities_in: list[Modality] = ["text"]
    keywords_en: list[str] = []
    keywords_ja: list[str] = []
    description: str | None = None


class KBMeta(Strict):
    version: str
    updated: dt.date
    description: str | None = None


# --- the files: one top-level key per file ------------------------------------------------

class ModelsFile(Strict):
    models: list[Model]


class LicencesFile(Strict):
    licences: list[Licence]


class PricesFile(Strict):
    prices: list[Price]
    subscriptions: list[Subscription] = []


class GPUsFile(Strict):
    gpus: list[GPU]


class ProvidersFile(Strict):
    providers: list[Provider]


class FxFile(Strict):
    rates: list[FxRate]


class TasksFile(Strict):
    tasks: list[Task]


class MetaFile(Strict):
    meta: KBMeta


class LifecycleEntry(PlatformLifecycle):
    """One row of ``lifecycle*.yaml``: a model's status on one platform, merged onto
    ``Model.lifecycle`` at load time (the file keeps lifecycles out of the long model entries)."""

    model: Id


class LifecycleFile(Strict):
    lifecycle: list[LifecycleEntry]


FILES: dict[str, type[Strict]] = {
    "meta.yaml": MetaFile,
    "models.yaml": ModelsFile,
    "licences.yaml": LicencesFile,
    "prices.yaml": PricesFile,
    "gpus.yaml": GPUsFile,
    "providers.yaml": ProvidersFile,
    "fx.yaml": FxFile,
    "tasks.yaml": TasksFile,
}
