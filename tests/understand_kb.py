"""A small, fixed knowledge-base vocabulary for the understanding tests.

The real KB is still growing; these tests need only names (models, GPUs, task keywords), so they
build a handful of schema-valid entities instead of depending on the KB's exact contents.
"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any

from advisor.kb.schema import GPU, Model, Task


def _model(mid: str, name: str, family: str, aliases: list[str], quality: int, released: str) -> Model:
    return Model(
        id=mid,
        name=name,
        family=family,
        vendor="v",
        open_weights=family in ("llama", "qwen"),
        licence="l",
        context_window=128000,
        aliases=aliases,
        quality={"chat": quality},
        release_date=dt.date.fromisoformat(released),
        source="test",
        as_of=dt.date(2026, 1, 1),
    )


def fake_kb() -> Any:
    models = [
        _model("gpt-4o", "GPT-4o", "gpt", ["GPT-4o", "4o", "4.1"], 4, "2024-05-13"),
        _model("gpt-4o-mini", "GPT-4o mini", "gpt", ["4o mini"], 3, "2024-07-18"),
        _model(
            "llama-3.3-70b",
            "Llama 3.3 70B Instruct",
            "llama",
            ["Llama 3.3 70B", "Llama 3.3"],
            4,
            "2024-12-06",
        ),
        _model("llama-3.1-8b", "Llama 3.1 8B", "llama", [], 2, "2024-07-23"),
        _model("claude-sonnet-4.5", "Claude Sonnet 4.5", "claude", ["Sonnet 4.5"], 5, "2025-09-29"),
        _model("claude-haiku-4.5", "Claude Haiku 4.5", "claude", ["Haiku 4.5"], 3, "2025-10-15"),
        _model("qwen2.5-32b-instruct", "Qwen2.5 32B Instruct", "qwen", ["Qwen2.5 32B"], 4, "2024-09-19"),
    ]
    gpus = [
        GPU(
            id="nvidia-a100-80gb",
            name="NVIDIA A100 80GB",
            vendor="nvidia",
            kind="datacenter",
            memory_gb=80,
            aliases=["A100 80GB", "A100"],
            source="test",
        ),
        GPU(
            id="nvidia-rtx-4090",
            name="NVIDIA GeForce RTX 4090",
            vendor="nvidia",
            kind="consumer",
            memory_gb=24,
            aliases=["RTX 4090", "4090"],
            source="test",
        ),
        GPU(
            id="apple-m2-16gb",
            name="Apple M2, 16 GB unified memory",
            vendor="apple",
            kind="apple_silicon",
            memory_gb=16,
            aliases=["M2 16GB", "MacBook Pro M2 16GB"],
            source="test",
        ),
        GPU(
            id="cpu-ram-64gb",
            name="CPU only, 64 GB RAM",
            vendor="cpu",
            kind="cpu",
            memory_gb=64,
            aliases=["no GPU", "GPUなし"],
            source="test",
        ),
    ]
    tasks = [
        Task(
            id="summarization",
            name_en="Summarisation",
            name_ja="要約",
            keywords_en=["minutes", "recap"],
            keywords_ja=["抄録"],
        ),
        Task(
            id="translation",
            name_en="Translation",
            name_ja="翻訳",
            keywords_en=["subtitles"],
            keywords_ja=["字幕"],
        ),
    ]
    return SimpleNamespace(
        models={m.id: m for m in models}, gpus={g.id: g for g in gpus}, tasks={t.id: t for t in tasks}
    )
