"""Markdown report (English and Japanese) and contract JSON of ``recommend`` (fixture KB)."""

from __future__ import annotations

import datetime as dt
import json

import jsonschema
import pytest
from engine_fixtures import make_kb
from shared_paths import schema

from advisor.engine import (
    compare_models,
    model_facts,
    normalise_profile,
    recommend,
    render_markdown,
    search_models,
)
from advisor.i18n import render_tree

KB = make_kb()
SCHEMA = schema("recommendation")
PROFILES = [
    {"tasks": ["chat"]},
    {
        "tasks": ["summarization"],
        "languages": ["ja"],
        "data_sensitivity": "regulated",
        "deployment": "on_prem",
        "hardware": [{"gpu": "A100 80GB"}],
    },
    {"tasks": ["summarization"], "context_tokens": 900_000},
    {
        "workloads": [
            {"name": "a", "tasks": ["chat"], "data_sensitivity": "public"},
            {"name": "b", "tasks": ["rag"], "data_sensitivity": "confidential"},
        ]
    },
]


@pytest.mark.parametrize("raw", PROFILES)
def test_contract_json_validates(raw: dict) -> None:
    rec = recommend(normalise_profile(raw, KB), KB, today=dt.date(2026, 11, 22))
    jsonschema.validate(rec.contract_dict(), SCHEMA)
    for c in [rec.primary, *rec.alternatives]:
        if c is not None:
            assert c.sources and all(s.source for s in c.sources)


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_markdown_has_every_section(lang: str) -> None:
    raw = {"tasks": ["chat"], "deployment": "on_prem", "hardware": [{"gpu": "M2 16GB"}]}
    rec = recommend(normalise_profile(raw, KB), KB, today=dt.date(2026, 11, 22))
    md = render_markdown(rec, KB, lang)
    heads = {
        "en": ["## Summary", "## Comparison", "## Warnings", "## Excluded", "## Assumptions", "## Sources"],
        "ja": ["## 概要", "## 比較", "## 注意", "## 除外", "## 前提", "## 出典"],
    }[lang]
    for h in heads:
        assert h in md, h
    assert rec.primary is not None and rec.primary.name in md
    assert "2026-07-01" in md  # sources carry their dates


def test_markdown_without_candidate() -> None:
    rec = recommend(normalise_profile({"context_tokens": 900_000}, KB), KB, today=dt.date(2026, 11, 22))
    md = render_markdown(rec, KB, "en")
    assert "No model meets every hard constraint." in md and "no candidate" in md


def test_tool_functions_return_data_json_able_once_worded() -> None:
    hits = search_models(KB, task="chat", open_weights=True, limit=3)
    # chat tier 4 ties: broken by id
    assert [h["model_id"] for h in hits][:2] == ["deepseek-r1", "qwen-32b"] and len(hits) == 3
    assert search_models(KB, japanese=True, open_weights=True)[0]["japanese"] in ("strong", "native", "good")
    facts = model_facts(KB, "GPT-4o")
    assert facts["id"] == "gpt-4o" and facts["prices"][0]["as_of"] == "2026-07-01"
    rows = compare_models(
        KB, ["gpt-4o", "deepseek-r1"], {"data_sensitivity": "confidential", "can_rent_gpus": False}
    )
    assert rows[0]["allowed"] is True and rows[1]["allowed"] is False
    json.dumps([hits, render_tree(facts, "ja"), render_tree(rows, "en"), render_tree(rows, "ja")])
