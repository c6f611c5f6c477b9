"""A small, valid knowledge base written into a temporary folder for the kb-tools tests.

The real knowledge/ is being filled while these tests run elsewhere, so tests that need exact ids
(gpt-4o at openai-api, a GPU alias, ...) use this one; tests of the real KB check structure only.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml

REAL_KB = Path(__file__).resolve().parents[1] / "knowledge"
SRC = {"source": "test fixture", "as_of": "2026-07-24"}


def _model(
    ident: str, name: str, family: str, vendor: str, licence: str, open_weights: bool, **extra: Any
) -> dict[str, Any]:
    return {
        "id": ident,
        "name": name,
        "family": family,
        "vendor": vendor,
        "open_weights": open_weights,
        "licence": licence,
        "context_window": 128000,
        **extra,
        **SRC,
    }


FILES: dict[str, dict[str, Any]] = {
    "meta.yaml": {"meta": {"version": "test", "updated": "2026-07-24"}},
    "licences.yaml": {
        "licences": [
            {
                "id": "proprietary",
                "name": "Vendor terms",
                "kind": "proprietary",
                "commercial_use": True,
                **SRC,
            },
            {"id": "apache-2.0", "name": "Apache 2.0", "kind": "permissive", "commercial_use": True, **SRC},
            {
                "id": "llama-3.3",
                "name": "Llama 3.3 Community",
                "kind": "open_weights_custom",
                "commercial_use": True,
                "mau_cap": 700000000,
                **SRC,
            },
        ]
    },
    "models.yaml": {
        "models": [
            _model("gpt-4o", "GPT-4o", "gpt", "openai", "proprietary", False, aliases=["GPT-4o"]),
            _model("claude-sonnet-4.5", "Claude Sonnet 4.5", "claude", "anthropic", "proprietary", False),
            _model(
                "llama-3.3-70b-instruct",
                "Llama 3.3 70B Instruct",
                "llama",
                "meta",
                "llama-3.3",
                True,
                params_total_b=70,
                params_active_b=70,
            ),
            _model(
                "qwen2.5-72b-instruct",
                "Qwen2.5 72B Instruct",
                "qwen",
                "alibaba",
                "apache-2.0",
                True,
                params_total_b=72.7,
                japanese={"level": "good", "specialised": False},
            ),
            _model(
                "llm-jp-3-13b-instruct",
                "LLM-jp-3 13B Instruct",
                "llm-jp",
                "nii",
                "apache-2.0",
                True,
                params_total_b=13,
                japanese={"level": "native", "specialised": True},
            ),
        ]
    },
    "providers.yaml": {
        "providers": [
            {
                "id": pid,
                "name": pid,
                "kind": "api",
                "company": pid,
                "trains_on_customer_data_by_default": False,
                **SRC,
            }
            for pid in ("openai-api", "anthropic-api", "together-ai", "groq", "aws-bedrock", "deepinfra")
        ]
    },
    "prices.yaml": {
        "prices": [
            {
                "model": "gpt-4o",
                "provider": "openai-api",
                "input": 2.5,
                "output": 10.0,
                "cached_input": 1.25,
                "source": "https://openai.com/api/pricing/",
                "as_of": "2026-06-01",
            },
            {"model": "llama-3.3-70b-instruct", "provider": "groq", "input": 0.59, "output": 0.79, **SRC},
        ],
        "subscriptions": [],
    },
    "gpus.yaml": {
        "gpus": [
            {
                "id": "nvidia-a100-80gb",
                "name": "NVIDIA A100 80GB",
                "vendor": "nvidia",
                "kind": "datacenter",
                "memory_gb": 80,
                "aliases": ["A100 80GB", "A100"],
                **SRC,
            },
            {
                "id": "nvidia-rtx-4090",
                "name": "GeForce RTX 4090",
                "vendor": "nvidia",
                "kind": "consumer",
                "memory_gb": 24,
                "aliases": ["RTX 4090"],
                **SRC,
            },
        ]
    },
    "fx.yaml": {"rates": [{"currency": "JPY", "usd_per_unit": 0.0067, **SRC}]},
    "tasks.yaml": {"tasks": [{"id": "summarization", "name_en": "Summarisation", "name_ja": "要約"}]},
}


def write_kb(folder: Path, files: dict[str, dict[str, Any]] | None = None) -> Path:
    """Write the fixture KB (or ``files``) as YAML into ``folder``; returns the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in (files or FILES).items():
        (folder / name).write_text(
            yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8"
        )
    return folder


def copy_real_kb(folder: Path) -> Path:
    """A private copy of the real knowledge/ to corrupt one thing at a time."""
    shutil.copytree(REAL_KB, folder)
    return folder
