"""A small in-memory knowledge base for engine unit tests (independent of knowledge/*.yaml).

Figures are shaped like the real ones (Qwen2.5-32B geometry, DeepSeek-R1 MLA cache, A100/H100
memory) so the sizing tests check plausible numbers, but they are fixtures, not facts.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from advisor.kb.loader import KnowledgeBase
from advisor.kb.schema import GPU, FxRate, KBMeta, Licence, Model, Price, Provider, Task

D = dt.date(2026, 7, 1)
OLD = dt.date(2026, 2, 25)
SRC = {"source": "fixture", "as_of": D}


def _arch(
    layers: int, kv: int | None = 8, dim: int | None = 128, override: int | None = None
) -> dict[str, Any]:
    return {
        "layers": layers,
        "kv_heads": kv,
        "head_dim": dim,
        "kv_dim_override": override,
        "attention": "mla" if override else "gqa",
        "source": "fixture config.json",
    }


def licences() -> list[Licence]:
    return [
        Licence(id="apache-2.0", name="Apache 2.0", kind="permissive", commercial_use=True, **SRC),
        Licence(
            id="llama-3.1",
            name="Llama 3.1 Community",
            kind="open_weights_custom",
            commercial_use=True,
            mau_cap=700_000_000,
            attribution="Built with Llama",
            naming="prefix 'Llama'",
            aup_prohibits=["military", "weapons", "unlicensed_medical_advice", "sensitive_personal_data"],
            **SRC,
        ),
        Licence(
            id="llama-3.2",
            name="Llama 3.2 Community",
            kind="open_weights_custom",
            commercial_use=True,
            mau_cap=700_000_000,
            eu_multimodal_restriction=True,
            **SRC,
        ),
        Licence(id="research", name="Research Licence", kind="research_only", commercial_use=False, **SRC),
        Licence(id="proprietary", name="Vendor terms", kind="proprietary", commercial_use=True, **SRC),
    ]


def _model(id: str, name: str, family: str, vendor: str, licence: str, **fields: Any) -> Model:
    """A fixture model: open weights unless under proprietary terms, then 128k context by default."""
    open_weights = licence != "proprietary"
    if open_weights:
        fields.setdefault("context_window", 131_072)
    return Model(
        id=id,
        name=name,
        family=family,
        vendor=vendor,
        licence=licence,
        open_weights=open_weights,
        **fields,
        **SRC,
    )


def models() -> list[Model]:
    caps = {"tool_calling": True, "json_output": True}
    reasoning = {"reasoning_trace": True}
    return [
        _model(
            "gpt-4o",
            "GPT-4o",
            "gpt",
            "openai",
            "proprietary",
            context_window=128_000,
            modalities_in=["text", "image"],
            capabilities={**caps, "vision": True},
            quality={"chat": 5, "summarization": 5, "coding": 4, "vision": 5, "rag": 5},
            japanese={"level": "strong"},
        ),
        _model(
            "gpt-4o-mini",
            "GPT-4o mini",
            "gpt",
            "openai",
            "proprietary",
            context_window=128_000,
            modalities_in=["text", "image"],
            capabilities=caps,
            quality={"chat": 3, "summarization": 3, "coding": 3, "vision": 3, "rag": 3},
            japanese={"level": "good"},
        ),
        _model(
            "long-200k",
            "Long 200k",
            "claude",
            "anthropic",
            "proprietary",
            context_window=200_000,
            capabilities=caps,
            quality={"chat": 4, "summarization": 5},
        ),
        _model(
            "qwen-32b",
            "Qwen 32B",
            "qwen",
            "alibaba",
            "apache-2.0",
            params_total_b=32.5,
            architecture=_arch(64),
            capabilities=caps,
            quality={"chat": 4, "summarization": 4, "coding": 4, "rag": 4},
            japanese={"level": "strong"},
        ),
        _model(
            "llama-8b",
            "Llama 8B",
            "llama",
            "meta",
            "llama-3.1",
            params_total_b=8.0,
            architecture=_arch(32),
            capabilities=caps,
            quality={"chat": 3, "summarization": 3, "coding": 2, "rag": 3},
            japanese={"level": "basic"},
        ),
        _model(
            "llama-vision-11b",
            "Llama Vision 11B",
            "llama",
            "meta",
            "llama-3.2",
            params_total_b=10.6,
            architecture=_arch(40),
            modalities_in=["text", "image"],
            quality={"vision": 3, "chat": 3},
        ),
        _model(
            "deepseek-r1",
            "DeepSeek R1",
            "deepseek",
            "deepseek",
            "apache-2.0",
            params_total_b=671,
            architecture=_arch(61, None, None, 576),
            params_active_b=37,
            capabilities=reasoning,
            quality={"reasoning": 5, "chat": 4, "coding": 4},
        ),
        _model(
            "r1-distill-14b",
            "R1 Distill 14B",
            "deepseek",
            "deepseek",
            "apache-2.0",
            params_total_b=14.8,
            architecture=_arch(48),
            capabilities=reasoning,
            quality={"reasoning": 3, "chat": 2},
        ),
        _model(
            "tiny-research",
            "Tiny Research 3B",
            "qwen",
            "alibaba",
            "research",
            params_total_b=3.1,
            architecture=_arch(36, 2),
            context_window=32_768,
            quality={"chat": 2, "summarization": 2},
        ),
    ]


def prices() -> list[Price]:
    return [
        Price(
            model="gpt-4o",
            provider="openai",
            input=2.5,
            output=10.0,
            cached_input=1.25,
            batch_input=1.25,
            batch_output=5.0,
            **SRC,
        ),
        Price(model="gpt-4o", provider="openai", input=5.0, output=15.0, source="seed article", as_of=OLD),
        Price(
            model="gpt-4o-mini",
            provider="openai",
            input=0.15,
            output=0.6,
            batch_input=0.075,
            batch_output=0.3,
            **SRC,
        ),
        Price(
            model="long-200k",
            provider="anthropic",
            input=3.0,
            output=15.0,
            long_context={"above_tokens": 200_000, "input": 6.0, "output": 22.5},
            **SRC,
        ),
        Price(
            model="long-200k", provider="bedrock", input=3.0, output=15.0, source="seed article", as_of=OLD
        ),
        Price(model="llama-8b", provider="together", input=0.18, output=0.18, **SRC),
        Price(model="deepseek-r1", provider="deepseek", input=0.55, output=2.19, **SRC),
        Price(model="qwen-32b", provider="together", input=0.8, output=0.8, **SRC),
    ]


def _provider(
    id: str,
    name: str,
    kind: str,
    company: str,
    regions: list[str],
    trains: bool | None = False,
    **fields: Any,
) -> Provider:
    return Provider(
        id=id,
        name=name,
        kind=kind,
        company=company,
        trains_on_customer_data_by_default=trains,
        residency_regions=regions,
        **fields,
        **SRC,
    )


def providers() -> list[Provider]:
    on_request = {"zero_data_retention": "on_request"}
    return [
        _provider("openai", "OpenAI API", "api", "OpenAI", ["us", "eu"], **on_request, baa_available=True),
        _provider("anthropic", "Anthropic API", "api", "Anthropic", ["us"], **on_request, baa_available=True),
        _provider(
            "bedrock",
            "Amazon Bedrock",
            "cloud",
            "AWS",
            ["us", "eu", "jp"],
            zero_data_retention="default",
            baa_available=True,
        ),
        _provider(
            "together", "Together AI", "inference_host", "Together", ["us"], **on_request, baa_available=False
        ),
        _provider("deepseek", "DeepSeek API", "api", "DeepSeek", ["cn"], trains=None),
    ]


def _gpu(
    id: str, name: str, vendor: str, kind: str, memory_gb: int, bandwidth_gbps: int, **fields: Any
) -> GPU:
    return GPU(
        id=id,
        name=name,
        vendor=vendor,
        kind=kind,
        memory_gb=memory_gb,
        bandwidth_gbps=bandwidth_gbps,
        **fields,
        **SRC,
    )


def _rent(usd_per_hour: float) -> list[dict[str, Any]]:
    return [{"provider": "fixture-cloud", "usd_per_hour": usd_per_hour, **SRC}]


def gpus() -> list[GPU]:
    # id, name, vendor, kind, memory GB, bandwidth GB/s, then the optional fields
    return [
        _gpu(
            "nvidia-rtx-4090",
            "NVIDIA RTX 4090",
            "nvidia",
            "consumer",
            24,
            1008,
            tdp_w=450,
            fp8=True,
            aliases=["RTX 4090", "4090"],
        ),
        _gpu(
            "nvidia-a100-80gb",
            "NVIDIA A100 80GB",
            "nvidia",
            "datacenter",
            80,
            1900,
            tdp_w=400,
            fp8=False,
            aliases=["A100 80GB"],
            rental=_rent(1.5),
        ),
        _gpu(
            "nvidia-h100-sxm",
            "NVIDIA H100 80GB SXM",
            "nvidia",
            "datacenter",
            80,
            3350,
            tdp_w=700,
            fp8=True,
            aliases=["H100"],
            rental=_rent(2.5),
        ),
        _gpu(
            "nvidia-l4", "NVIDIA L4", "nvidia", "datacenter", 24, 300, tdp_w=72, fp8=True, rental=_rent(0.7)
        ),
        _gpu("apple-m2-16gb", "Apple M2 16GB", "apple", "apple_silicon", 16, 100, aliases=["M2 16GB"]),
        _gpu("cpu-64gb", "CPU with 64 GB RAM", "cpu", "cpu", 64, 60),
    ]


def make_kb(**replace: Any) -> KnowledgeBase:
    """A fresh fixture KB; pass e.g. ``models=[...]`` to replace one table."""
    tables: dict[str, Any] = {
        "models": models(),
        "licences": licences(),
        "prices": prices(),
        "providers": providers(),
        "gpus": gpus(),
    }
    tables.update(replace)
    return KnowledgeBase(
        root=Path("fixture"),
        meta=KBMeta(version="fixture", updated=D),
        models={m.id: m for m in tables["models"]},
        licences={x.id: x for x in tables["licences"]},
        prices=list(tables["prices"]),
        subscriptions=[],
        gpus={g.id: g for g in tables["gpus"]},
        providers={p.id: p for p in tables["providers"]},
        fx={"JPY": FxRate(currency="JPY", usd_per_unit=0.0067, **SRC)},
        tasks={"chat": Task(id="chat", name_en="Chat", name_ja="チャット")},
        version="fixture+0",
    )


def write_kb(root: Path) -> Path:
    """Write the fixture KB as YAML files, for CLI tests that load a folder."""
    import yaml

    kb = make_kb()

    def dump(items: list[Any]) -> list[dict[str, Any]]:
        return [x.model_dump(mode="json", exclude_defaults=True) for x in items]

    root.mkdir(parents=True, exist_ok=True)
    files = {
        "meta.yaml": {"meta": kb.meta.model_dump(mode="json")},
        "models.yaml": {"models": dump(list(kb.models.values()))},
        "licences.yaml": {"licences": dump(list(kb.licences.values()))},
        "prices.yaml": {"prices": dump(kb.prices)},
        "gpus.yaml": {"gpus": dump(list(kb.gpus.values()))},
        "providers.yaml": {"providers": dump(list(kb.providers.values()))},
        "fx.yaml": {"rates": dump(list(kb.fx.values()))},
        "tasks.yaml": {"tasks": dump(list(kb.tasks.values()))},
    }
    for name, data in files.items():
        (root / name).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return root
