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


def models() -> list[Model]:
    caps = {"tool_calling": True, "json_output": True}
    return [
        Model(
            id="gpt-4o",
            name="GPT-4o",
            family="gpt",
            vendor="openai",
            open_weights=False,
            licence="proprietary",
            context_window=128_000,
            modalities_in=["text", "image"],
            capabilities={**caps, "vision": True},
            quality={"chat": 5, "summarization": 5, "coding": 4, "vision": 5, "rag": 5},
            japanese={"level": "strong"},
            **SRC,
        ),
        Model(
            id="gpt-4o-mini",
            name="GPT-4o mini",
            family="gpt",
            vendor="openai",
            open_weights=False,
            licence="proprietary",
            context_window=128_000,
            modalities_in=["text", "image"],
            capabilities=caps,
            quality={"chat": 3, "summarization": 3, "coding": 3, "vision": 3, "rag": 3},
            japanese={"level": "good"},
            **SRC,
        ),
        Model(
            id="long-200k",
            name="Long 200k",
            family="claude",
            vendor="anthropic",
            open_weights=False,
            licence="proprietary",
            context_window=200_000,
            capabilities=caps,
            quality={"chat": 4, "summarization": 5},
            **SRC,
        ),
        Model(
            id="qwen-32b",
            name="Qwen 32B",
            family="qwen",
            vendor="alibaba",
            open_weights=True,
            licence="apache-2.0",
            params_total_b=32.5,
            architecture=_arch(64),
            context_window=131_072,
            capabilities=caps,
            quality={"chat": 4, "summarization": 4, "coding": 4, "rag": 4},
            japanese={"level": "strong"},
            **SRC,
        ),
        Model(
            id="llama-8b",
            name="Llama 8B",
            family="llama",
            vendor="meta",
            open_weights=True,
            licence="llama-3.1",
            params_total_b=8.0,
            architecture=_arch(32),
            context_window=131_072,
            capabilities=caps,
            quality={"chat": 3, "summarization": 3, "coding": 2, "rag": 3},
            japanese={"level": "basic"},
            **SRC,
        ),
        Model(
            id="llama-vision-11b",
            name="Llama Vision 11B",
            family="llama",
            vendor="meta",
            open_weights=True,
            licence="llama-3.2",
            params_total_b=10.6,
            architecture=_arch(40),
            context_window=131_072,
            modalities_in=["text", "image"],
            quality={"vision": 3, "chat": 3},
            **SRC,
        ),
        Model(
            id="deepseek-r1",
            name="DeepSeek R1",
            family="deepseek",
            vendor="deepseek",
            open_weights=True,
            licence="apache-2.0",
            params_total_b=671,
            params_active_b=37,
            architecture=_arch(61, None, None, 576),
            context_window=131_072,
            capabilities={"reasoning_trace": True},
            quality={"reasoning": 5, "chat": 4, "coding": 4},
            **SRC,
        ),
        Model(
            id="r1-distill-14b",
            name="R1 Distill 14B",
            family="deepseek",
            vendor="deepseek",
            open_weights=True,
            licence="apache-2.0",
            params_total_b=14.8,
            architecture=_arch(48),
            context_window=131_072,
            capabilities={"reasoning_trace": True},
            quality={"reasoning": 3, "chat": 2},
            **SRC,
        ),
        Model(
            id="tiny-research",
            name="Tiny Research 3B",
            family="qwen",
            vendor="alibaba",
            open_weights=True,
            licence="research",
            params_total_b=3.1,
            architecture=_arch(36, 2),
            context_window=32_768,
            quality={"chat": 2, "summarization": 2},
            **SRC,
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


def providers() -> list[Provider]:
    return [
        Provider(
            id="openai",
            name="OpenAI API",
            kind="api",
            company="OpenAI",
            trains_on_customer_data_by_default=False,
            zero_data_retention="on_request",
            baa_available=True,
            residency_regions=["us", "eu"],
            **SRC,
        ),
        Provider(
            id="anthropic",
            name="Anthropic API",
            kind="api",
            company="Anthropic",
            trains_on_customer_data_by_default=False,
            zero_data_retention="on_request",
            baa_available=True,
            residency_regions=["us"],
            **SRC,
        ),
        Provider(
            id="bedrock",
            name="Amazon Bedrock",
            kind="cloud",
            company="AWS",
            trains_on_customer_data_by_default=False,
            zero_data_retention="default",
            baa_available=True,
            residency_regions=["us", "eu", "jp"],
            **SRC,
        ),
        Provider(
            id="together",
            name="Together AI",
            kind="inference_host",
            company="Together",
            trains_on_customer_data_by_default=False,
            zero_data_retention="on_request",
            baa_available=False,
            residency_regions=["us"],
            **SRC,
        ),
        Provider(
            id="deepseek",
            name="DeepSeek API",
            kind="api",
            company="DeepSeek",
            trains_on_customer_data_by_default=None,
            residency_regions=["cn"],
            **SRC,
        ),
    ]


def gpus() -> list[GPU]:
    rent = [{"provider": "fixture-cloud", "usd_per_hour": 1.5, **SRC}]
    return [
        GPU(
            id="nvidia-rtx-4090",
            name="NVIDIA RTX 4090",
            vendor="nvidia",
            kind="consumer",
            memory_gb=24,
            bandwidth_gbps=1008,
            tdp_w=450,
            fp8=True,
            aliases=["RTX 4090", "4090"],
            **SRC,
        ),
        GPU(
            id="nvidia-a100-80gb",
            name="NVIDIA A100 80GB",
            vendor="nvidia",
            kind="datacenter",
            memory_gb=80,
            bandwidth_gbps=1900,
            tdp_w=400,
            fp8=False,
            aliases=["A100 80GB"],
            rental=rent,
            **SRC,
        ),
        GPU(
            id="nvidia-h100-sxm",
            name="NVIDIA H100 80GB SXM",
            vendor="nvidia",
            kind="datacenter",
            memory_gb=80,
            bandwidth_gbps=3350,
            tdp_w=700,
            fp8=True,
            aliases=["H100"],
            rental=[{"provider": "fixture-cloud", "usd_per_hour": 2.5, **SRC}],
            **SRC,
        ),
        GPU(
            id="nvidia-l4",
            name="NVIDIA L4",
            vendor="nvidia",
            kind="datacenter",
            memory_gb=24,
            bandwidth_gbps=300,
            tdp_w=72,
            fp8=True,
            rental=[{"provider": "fixture-cloud", "usd_per_hour": 0.7, **SRC}],
            **SRC,
        ),
        GPU(
            id="apple-m2-16gb",
            name="Apple M2 16GB",
            vendor="apple",
            kind="apple_silicon",
            memory_gb=16,
            bandwidth_gbps=100,
            aliases=["M2 16GB"],
            **SRC,
        ),
        GPU(
            id="cpu-64gb",
            name="CPU with 64 GB RAM",
            vendor="cpu",
            kind="cpu",
            memory_gb=64,
            bandwidth_gbps=60,
            **SRC,
        ),
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


# --- reading the engine's message values in tests: by message id and figure, not by wording -------


def msgids(*values: Any) -> set[str]:
    """Every message id in these values, nested messages included (the ids are the engine's codes
    for its statements)."""
    from advisor.i18n import Clauses, Msg, Sentences

    out: set[str] = set()
    stack = list(values)
    while stack:
        v = stack.pop()
        if isinstance(v, Msg):
            out.add(v.msgid)
            stack.extend(v.params.values())
        elif isinstance(v, Sentences | Clauses):
            stack.extend(v.parts)
        elif isinstance(v, list | tuple):
            stack.extend(v)
    return out


def words(value: Any) -> str:
    """The English words of a value, for checks of a figure or a quoted KB phrase in context."""
    from advisor.i18n import render

    return render(value, "en")


def params(*values: Any) -> list[Any]:
    """Every parameter value in these messages, nested ones included (figures as typed values:
    ``Num(200_000)``, ``Pct(0.75)``, ``Date(...)``), to assert figures rather than wording."""
    from advisor.i18n import Clauses, Msg, Sentences

    out: list[Any] = []
    stack = list(values)
    while stack:
        v = stack.pop()
        if isinstance(v, Msg):
            out.extend(v.params.values())
            stack.extend(v.params.values())
        elif isinstance(v, Sentences | Clauses):
            stack.extend(v.parts)
        elif isinstance(v, list | tuple):
            stack.extend(v)
    return out
