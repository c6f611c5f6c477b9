"""The contract's Profile and Recommendation as pydantic models (see ../shared/CONTRACT.md).

These are the engine's inputs and outputs; the JSON they dump is what users and outside checks
rely on, so fields are only ever added, optionally.

Every sentence field holds a ``Words`` value: a message (``advisor.i18n.Msg``) or KB prose (``Text``)
while the result is in the core, a plain string once it has been worded (a dump read back, e.g. from
the agent's checkpoint). The JSON is worded at ONE edge, ``Recommendation.contract_dict(locale)``:
the serializer below renders each value in the locale given as the dump's context.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer, PrivateAttr, SerializationInfo

from advisor.i18n import Fx, Msg, Text, render
from advisor.kb.schema import LangCode, Need, TaskName

Sensitivity = Literal["public", "internal", "confidential", "regulated"]
Deployment = Literal["any", "private_cloud", "on_prem", "air_gapped"]
Quantization = Literal["fp16", "bf16", "fp8", "int8", "int4"]
Slot = Literal[
    "tasks",
    "languages",
    "data_sensitivity",
    "deployment",
    "budget",
    "volume",
    "hardware",
    "context",
    "commercial_use",
    "region",
]
ReasonCode = Literal[
    "sensitivity",
    "deployment",
    "hardware",
    "licence",
    "mau_cap",
    "region",
    "context",
    "modality",
    "over_budget",
    "stale_price",
    "no_candidate",
    "licence_condition",
    # additions of 2026-11-30
    "residency",
    "vendor_terms",
    "retired",
    "capacity",
    "deprecated",
]
VendorRequirement = Literal["baa", "zdr", "no_training", "dpa"]
LifecycleStatus = Literal["ga", "preview", "legacy", "deprecated", "retired"]
SLOTS: tuple[str, ...] = get_args(Slot)
REASON_CODES: tuple[str, ...] = get_args(ReasonCode)


# Ceilings far above any real deployment: a value past them is a typo or an attack (1e308 requests,
# 1e23 GPUs), refused with the field named instead of flowing into the arithmetic.
LIMITS: dict[str, float] = {
    "requests_per_day": 1e10,  # ten billion a day: several times the largest public chat services
    "tokens": 1e8,  # one hundred million tokens in one request or context
    "concurrency": 1e6,
    "gpus": 1_000_000,
    "money": 1e12,  # a trillion in any currency, per month
    "users": 1e11,  # more than everyone on Earth, ten times over
}


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", arbitrary_types_allowed=True)


def _word(value: Any, info: SerializationInfo) -> str:
    ctx = info.context if isinstance(info.context, dict) else {}
    return render(value, ctx.get("locale"), ctx.get("fx"))


# A sentence: a message value in the core, words in the JSON (in the dump context's locale).
Words = Annotated[Msg | Text | str, PlainSerializer(_word, return_type=str, when_used="json")]


class Volume(_Model):
    requests_per_day: float = Field(ge=0, le=LIMITS["requests_per_day"])
    input_tokens: float = Field(default=1000, ge=0, le=LIMITS["tokens"])
    output_tokens: float = Field(default=300, ge=0, le=LIMITS["tokens"])
    cached_input_share: float | None = Field(default=None, ge=0, le=1)
    concurrency: int | None = Field(default=None, ge=1, le=LIMITS["concurrency"])


class HardwareItem(_Model):
    gpu: str = Field(min_length=1)
    count: int = Field(default=1, ge=1, le=LIMITS["gpus"])


class Money(_Model):
    """A budget in the user's own currency; the engine converts it with the KB's dated FX rate."""

    amount: float = Field(ge=0, le=LIMITS["money"])
    currency: str = Field(pattern=r"^[A-Z]{3}$")
    period: Literal["month", "year"] = "month"  # optional extension: "2,400,000 JPY a year"

    def monthly_amount(self) -> float:
        """The amount per month: every figure the engine compares is monthly, so a yearly budget
        is spread evenly over 12 months here, in one place."""
        return self.amount / 12 if self.period == "year" else self.amount


class Workload(_Model):
    name: str = Field(min_length=1)
    tasks: list[TaskName] = []
    data_sensitivity: Sensitivity | None = None
    deployment: Deployment | None = None  # optional extension: where this workload may run


class Profile(_Model):
    """The normalised profile (all optional; the interview fills the essential ones)."""

    tasks: list[TaskName] = []
    languages: list[LangCode] = []
    data_sensitivity: Sensitivity | None = None
    regulations: list[str] = []
    deployment: Deployment | None = None
    budget_usd_month: float | None = Field(default=None, ge=0, le=LIMITS["money"])
    budget: Money | None = None
    volume: Volume | None = None
    hardware: list[HardwareItem] = []
    can_rent_gpus: bool | None = None
    context_tokens: int | None = Field(default=None, ge=0, le=LIMITS["tokens"])
    latency: Literal["interactive", "batch"] | None = None
    commercial_use: bool | None = None
    monthly_active_users: int | None = Field(default=None, ge=0, le=LIMITS["users"])
    needs: list[Need] = []
    region: str | None = None
    workloads: list[Workload] = []
    # additions of 2026-11-30
    residency: list[str] = []  # where the data may be processed and stored, whatever its sensitivity
    vendor_requirements: list[VendorRequirement] = []  # what a vendor API must offer to be allowed
    cloud_provider: str | None = None  # the user's own cloud account (aws, azure, gcp, oci, ...)
    priority: Literal["quality", "cost"] | None = None  # optional extension: "quality first" / "cost first"

    def contract_dict(self) -> dict:
        return self.model_dump(mode="json")


class HardwarePlan(_Model):
    gpu: str
    count: int = Field(ge=1)
    vram_needed_gb: float
    vram_available_gb: float
    rented: bool = False
    usd_per_hour: float | None = None
    procure: bool = False
    rental_provider: str | None = None
    # capacity (additions of 2026-11-30)
    tokens_per_second: float | None = Field(default=None, ge=0)  # one stream
    replicas: int | None = Field(default=None, ge=1)  # model copies needed for the volume
    gpu_hours_per_month: float | None = Field(default=None, ge=0)  # needed
    utilisation: float | None = Field(default=None, ge=0)  # needed / available GPU-hours; > 1 cannot carry it


class LicenceInfo(_Model):
    id: str
    commercial_use: bool | None
    conditions: list[Words] = []
    name: str | None = None


class SourceRef(_Model):
    fact: Words
    source: Words
    as_of: str | None = None


class CostBreakdown(_Model):
    """Optional detail behind ``monthly_cost_usd`` (an extension of the contract)."""

    api_usd_month: float | None = None
    self_hosted_usd_month: float | None = None
    basis: Words = ""
    break_even_requests_per_day: float | None = None
    assumptions: list[Words] = []


class CostParts(_Model):
    """The contract's ``cost_breakdown``: the parts of ``monthly_cost_usd`` (each USD/month or null)."""

    input_usd: float | None = Field(default=None, ge=0)
    cached_input_usd: float | None = Field(default=None, ge=0)
    output_usd: float | None = Field(default=None, ge=0)
    reasoning_usd: float | None = Field(default=None, ge=0)
    gpu_usd: float | None = Field(default=None, ge=0)
    power_usd: float | None = Field(default=None, ge=0)


class Lifecycle(_Model):
    status: LifecycleStatus | None = None
    shutdown_date: str | None = None
    successor: str | None = None


class Candidate(_Model):
    model_id: str = Field(min_length=1)
    name: str
    family: str
    vendor: str
    open_weights: bool
    deployment: Literal["api", "self_hosted"]
    provider: str | None
    quantization: Quantization | None
    hardware: HardwarePlan | None
    fits_hardware: bool | None
    context_window: int = Field(ge=1)
    monthly_cost_usd: float | None = Field(ge=0)
    licence: LicenceInfo
    score: float
    reasons: list[Words] = Field(min_length=1)
    sources: list[SourceRef] = Field(min_length=1)
    cost: CostBreakdown | None = None
    cost_breakdown: CostParts | None = None
    lifecycle: Lifecycle | None = None


class Reason(_Model):
    code: str
    text: Words


class Exclusion(_Model):
    model_id: str
    reasons: list[Reason] = Field(min_length=1)


class Route(_Model):
    workload: str
    model_id: str
    deployment: Literal["api", "self_hosted"]
    provider: str | None = None
    reason: Words | None = None
    hardware: HardwarePlan | None = None  # self-hosted routes: where it runs (packed with the others)


class Hybrid(_Model):
    routes: list[Route] = Field(min_length=1)
    reason: Words


class Caveat(_Model):
    code: str
    text: Words


class Recommendation(_Model):
    profile: dict
    primary: Candidate | None
    alternatives: list[Candidate] = Field(default=[], max_length=3)
    excluded: list[Exclusion] = []
    hybrid: Hybrid | None = None
    warnings: list[Caveat] = []
    kb_version: str
    assumptions: list[Words] = []
    advice: list[Words] = []
    # the KB's dated USD->JPY rate (a figure, not part of the contract): yen beside dollars in Japanese
    _fx: Fx | None = PrivateAttr(default=None)

    @property
    def fx(self) -> Fx | None:
        return self._fx

    @fx.setter
    def fx(self, value: Fx | None) -> None:
        self._fx = value

    def contract_dict(self, locale: str | None = "en") -> dict:
        """The contract's JSON, every sentence worded in ``locale`` (the one serialisation edge)."""
        return self.model_dump(mode="json", context={"locale": locale, "fx": self._fx})
