"""Small source files for `advisor kb refresh` tests (a litellm price map, a genai-prices data.py)
and the refresh command run on them, shared by test_refresh.py and test_refresh_sources.py."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from advisor.cli.main import main

DAY = "2026-11-30"


def tok(per_million: float) -> float:
    """litellm's unit: USD per token."""
    return per_million / 1e6


LITELLM: dict[str, Any] = {
    "sample_spec": {"litellm_provider": "openai", "mode": "chat"},
    "gpt-4o": {
        "litellm_provider": "openai",
        "mode": "chat",
        "input_cost_per_token": tok(2.5),
        "output_cost_per_token": tok(10),
        "cache_read_input_token_cost": tok(1.25),
        "deprecation_date": "2027-01-14",
        "successor_model": "gpt-5.1",
    },
    "claude-sonnet-4-5": {
        "litellm_provider": "anthropic",
        "mode": "chat",
        "input_cost_per_token": tok(3),
        "output_cost_per_token": tok(15),
        "deprecation_date": "2026-11-30",
        "successor_model": "claude-sonnet-5-5",
        "deprecation_source": "https://platform.claude.com/docs/en/about-claude/model-deprecations",
    },
    "groq/llama-3.3-70b-versatile": {
        "litellm_provider": "groq",
        "mode": "chat",
        "input_cost_per_token": tok(0.65),
        "output_cost_per_token": tok(0.79),
    },
    "gpt-7": {
        "litellm_provider": "openai",
        "mode": "chat",
        "input_cost_per_token": tok(10),
        "output_cost_per_token": tok(40),
    },
    "text-embedding-3-small": {
        "litellm_provider": "openai",
        "mode": "embedding",
        "input_cost_per_token": tok(0.02),
    },
}

GENAI = '''\
"""A few lines in the shape of genai_prices/data.py."""
import datetime
from decimal import Decimal

from .types import *

providers: list[Provider] = [
    Provider(
        id='together',
        name='Together AI',
        models=[
            ModelInfo(
                id='Qwen/Qwen2.5-72B-Instruct',
                match=ClauseEquals(equals='qwen/qwen2.5-72b-instruct'),
                name='Qwen2.5 72B Instruct',
                prices=[
                    ConditionalPrice(prices=ModelPrice(input_mtok=Decimal('0.23'), output_mtok=Decimal('0.4'))),
                    ConditionalPrice(
                        constraint=StartDateConstraint(start_date=datetime.date(2027, 1, 1)),
                        prices=ModelPrice(input_mtok=Decimal('0.3'), output_mtok=Decimal('0.5')),
                    ),
                ],
            ),
        ],
    ),
    Provider(
        id='groq',
        name='Groq',
        models=[
            ModelInfo(id='llama-3.3-70b-versatile', match=ClauseEquals(equals='llama-3.3-70b-versatile'),
                      prices=ModelPrice(input_mtok=Decimal('0.59'), output_mtok=Decimal('0.79'))),
            ModelInfo(id='some-new-model', match=ClauseEquals(equals='some-new-model'),
                      prices=ModelPrice(input_mtok=Decimal('1'), output_mtok=Decimal('2'))),
        ],
    ),
]
'''


def write_sources(folder: Path) -> tuple[Path, Path]:
    """The litellm map and the genai-prices file, written into ``folder``."""
    litellm = folder / "model_prices_and_context_window.json"
    litellm.write_text(json.dumps(LITELLM), encoding="utf-8")
    genai = folder / "data.py"
    genai.write_text(GENAI, encoding="utf-8")
    return litellm, genai


def run_refresh(kb: Path, litellm: Path, genai: Path, *extra: str, today: str = DAY) -> int:
    """`advisor kb refresh` on these files, its changelog next to the KB folder."""
    return main(
        [
            "kb",
            "refresh",
            "--kb",
            str(kb),
            "--litellm",
            str(litellm),
            "--genai-prices",
            str(genai),
            "--today",
            today,
            "--changelog",
            str(kb.parent / "changelog.md"),
            *extra,
        ]
    )
