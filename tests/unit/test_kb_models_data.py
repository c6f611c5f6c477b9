"""Coverage and consistency checks on the real knowledge/models.yaml.

The engine trusts this file for hard constraints (licence, context, vision, hardware fit), so these tests pin
what the advisor promises users: the seed articles' models and figures are present, Japanese-specialised
models are marked, MoE and KV-cache numbers are usable, and nothing is silently missing.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

import pytest
import yaml
from shared_paths import REPO

from advisor.kb import load_kb
from advisor.kb.loader import KnowledgeBase
from advisor.kb.schema import Model, ModelsFile

KB_DIR = REPO / "knowledge"
SEED = "seed: 003_228f1e5bab7d1cf2.txt"


def _words(block: str) -> list[str]:
    """Whitespace-separated id lists keep the agreed contract readable."""
    return block.split()


AGREED_IDS = _words("""
gpt-4o gpt-4o-mini gpt-4.1 gpt-4.1-mini gpt-4.1-nano gpt-5 gpt-5-mini gpt-5-nano gpt-5.2 gpt-5.2-pro gpt-5.5
o3 o3-pro o4-mini claude-opus-4.5 claude-sonnet-4.5 claude-haiku-4.5 claude-opus-4.6 claude-sonnet-4.6
gemini-2.5-pro gemini-2.5-flash gemini-2.5-flash-lite gemini-3-pro gemini-3-flash mistral-medium-3 mistral-large-3
llama-3-8b llama-3-70b llama-3.1-8b llama-3.1-70b llama-3.1-405b llama-3.2-1b llama-3.2-3b llama-3.2-11b-vision
llama-3.2-90b-vision llama-3.3-70b llama-4-scout llama-4-maverick deepseek-v3 deepseek-r1 deepseek-r1-distill-qwen-7b
deepseek-r1-distill-qwen-32b deepseek-r1-distill-llama-70b qwen2.5-3b-instruct qwen2.5-7b-instruct qwen2.5-14b-instruct
qwen2.5-32b-instruct qwen2.5-72b-instruct qwen2.5-coder-32b-instruct qwen2.5-vl-7b-instruct qwen2.5-vl-72b-instruct
qwen3-8b qwen3-14b qwen3-32b qwen3-30b-a3b qwen3-235b-a22b qwen3-coder-480b-a35b mistral-7b-instruct
mixtral-8x7b-instruct mixtral-8x22b-instruct mistral-nemo-12b mistral-small-3 mistral-small-3.2 codestral-22b
mistral-large-2 gpt-oss-20b gpt-oss-120b phi-4 phi-3-mini-128k gemma-3-4b gemma-3-12b gemma-3-27b olmo-2-32b
llama-3.1-swallow-8b-instruct llama-3.3-swallow-70b-instruct qwen3-swallow-32b gpt-oss-swallow-120b
gpt-oss-swallow-20b llama-3-elyza-jp-8b elyza-shortcut-qwen-32b llm-jp-3-13b-instruct calm3-22b-chat
""")

AGREED_LICENCES = set(
    _words("""
llama-3 llama-3.1 llama-3.2 llama-3.3 llama-4 deepseek-model mit apache-2.0 qwen qwen-research gemma mistral-mrl
mistral-mnpl gpt-oss llama-3.1-gemma llama-3.3-gemma llm-jp-172b sarashina-nc nvidia-open-model openai-api-terms
anthropic-commercial-terms google-gemini-api-terms mistral-commercial-terms deepseek-api-terms
kimi-modified-mit cc-by-nc-4.0 plamo-community jamba-open-model xai-api-terms alibaba-model-studio-terms
cohere-api-terms amazon-nova-terms
""")
)

JAPANESE_SPECIALISED = [
    "llama-3.1-swallow-8b-instruct",
    "llama-3.3-swallow-70b-instruct",
    "qwen3-swallow-32b",
    "gpt-oss-swallow-120b",
    "gpt-oss-swallow-20b",
    "llama-3-elyza-jp-8b",
    "elyza-shortcut-qwen-32b",
    "llm-jp-3-13b-instruct",
    "calm3-22b-chat",
]


@pytest.fixture(scope="module")
def raw_models() -> list[dict[str, object]]:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = yaml.load(
        (KB_DIR / "models.yaml").read_text(encoding="utf-8"), Loader=loader
    )  # C or pure-Python *safe* loader
    models: list[dict[str, object]] = data["models"]
    return models


@pytest.fixture(scope="module")
def models(raw_models: list[dict[str, object]]) -> dict[str, Model]:
    parsed = ModelsFile.model_validate({"models": raw_models})
    return {m.id: m for m in parsed.models}


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb(KB_DIR)


def test_ids_unique_and_agreed_ids_present(
    raw_models: list[dict[str, object]], models: dict[str, Model]
) -> None:
    assert len(raw_models) == len(models), "duplicate model ids"
    missing = [i for i in AGREED_IDS if i not in models]
    assert not missing, f"agreed ids missing: {missing}"


def test_coverage_counts_and_parameter_span(models: dict[str, Model]) -> None:
    assert len(models) >= 60
    open_models = [m for m in models.values() if m.open_weights]
    assert len(open_models) >= 30
    sizes = [m.params_total_b for m in open_models if m.params_total_b is not None]
    assert min(sizes) <= 1.3, "need a ~1B edge model"
    assert max(sizes) >= 671, "need a DeepSeek-class 671B model"


def test_seed_named_models_present(models: dict[str, Model]) -> None:
    for mid in [
        "gpt-4o",
        "gpt-4o-mini",
        "gpt-5",
        "gpt-5.2-pro",
        "o3",
        "claude-opus-4.5",
        "gemini-3-pro",
        "gemini-2.5-flash-lite",
        "llama-3-8b",
        "llama-3-70b",
        "llama-3.1-405b",
        "llama-4-scout",
        "deepseek-r1",
    ]:
        assert mid in models, mid
    assert any(m.family == "mistral" and m.open_weights for m in models.values()), "an open Mistral model"


@pytest.mark.parametrize(("mid", "score"), [("gemini-3-pro", 91.8), ("deepseek-r1", 88.9), ("gpt-4o", 88.7)])
def test_seed_mmlu_figures_attributed(models: dict[str, Model], mid: str, score: float) -> None:
    seeds = [b for b in models[mid].benchmarks if b.source == SEED and b.name == "MMLU"]
    assert len(seeds) == 1
    assert seeds[0].score == score
    assert seeds[0].as_of == dt.date(2026, 2, 25)
    assert seeds[0].self_reported is False


def test_seed_figure_sits_beside_primary_where_it_differs(models: dict[str, Model]) -> None:
    r1 = [b for b in models["deepseek-r1"].benchmarks if b.name == "MMLU"]
    assert {b.score for b in r1} >= {88.9, 90.8}
    primary = [b for b in r1 if b.source != SEED]
    assert primary and all(b.self_reported for b in primary)


def test_japanese_specialised_models_are_native(models: dict[str, Model]) -> None:
    for mid in JAPANESE_SPECIALISED:
        ja = models[mid].japanese
        assert ja is not None and ja.level == "native" and ja.specialised, mid
        assert "ja" in models[mid].languages_strong
    for m in models.values():
        if m.japanese is not None and m.japanese.specialised:
            assert m.japanese.level == "native", m.id
        if m.japanese is not None and m.japanese.level is None:
            assert m.japanese.note, f"{m.id}: unknown Japanese level needs a note"


def test_japanese_grades_follow_evidence(models: dict[str, Model]) -> None:
    assert models["gpt-4o"].japanese is not None and models["gpt-4o"].japanese.level == "strong"
    assert models["llama-3-8b"].japanese is not None and models["llama-3-8b"].japanese.level == "basic"
    ja_bench = [b for b in models["llama-3.1-swallow-8b-instruct"].benchmarks if b.language == "ja"]
    assert ja_bench, "Japanese-specialised models carry Japanese evidence"


def test_moe_active_less_than_total(models: dict[str, Model]) -> None:
    for mid in [
        "deepseek-v3",
        "deepseek-r1",
        "llama-4-scout",
        "llama-4-maverick",
        "qwen3-30b-a3b",
        "qwen3-235b-a22b",
        "qwen3-coder-480b-a35b",
        "mixtral-8x7b-instruct",
        "mixtral-8x22b-instruct",
        "gpt-oss-20b",
        "gpt-oss-120b",
    ]:
        m = models[mid]
        assert m.params_active_b is not None and m.params_total_b is not None
        assert m.params_active_b < m.params_total_b, mid
    for m in models.values():
        if m.params_active_b is not None and m.params_total_b is not None:
            assert m.params_active_b <= m.params_total_b, m.id


def test_params_disclosed_only_for_open_models(models: dict[str, Model]) -> None:
    for m in models.values():
        if m.open_weights:
            assert m.params_total_b is not None, m.id
        else:
            assert m.params_total_b is None and m.architecture is None, m.id


def test_open_models_have_architecture_or_reason(models: dict[str, Model]) -> None:
    for m in models.values():
        if not m.open_weights:
            continue
        arch = m.architecture
        if arch is None or (arch.kv_heads is None and arch.kv_dim_override is None):
            assert m.notes and "rchitecture" in m.notes, f"{m.id}: say why the architecture is missing"
        else:
            assert arch.kv_dim_override is not None or arch.head_dim is not None, m.id
            assert arch.source.startswith("https://"), m.id


def test_deepseek_mla_cache_dimension(models: dict[str, Model]) -> None:
    for mid in ["deepseek-v3", "deepseek-r1"]:
        arch = models[mid].architecture
        assert arch is not None
        assert (arch.layers, arch.attention, arch.kv_dim_override) == (61, "mla", 576)


def test_known_kv_shapes(models: dict[str, Model]) -> None:
    shapes = {m: (a.layers, a.kv_heads, a.head_dim) for m, mm in models.items() if (a := mm.architecture)}
    assert shapes["llama-3-8b"] == (32, 8, 128)
    assert shapes["llama-3-70b"] == (80, 8, 128)
    assert shapes["qwen3-235b-a22b"] == (94, 4, 128)


def test_open_vision_models_with_commercial_licence(models: dict[str, Model], kb: KnowledgeBase) -> None:
    for mid in ["qwen2.5-vl-7b-instruct", "gemma-3-27b", "llama-3.2-11b-vision"]:
        m = models[mid]
        assert m.open_weights and m.capabilities.vision and "image" in m.modalities_in, mid
        assert kb.licences[m.licence].commercial_use is True, mid


def test_vision_flags_consistent(models: dict[str, Model]) -> None:
    for m in models.values():
        has_image = "image" in m.modalities_in
        assert ("vision" in m.quality) == has_image, m.id
        if m.capabilities.vision is not None:
            assert m.capabilities.vision == has_image, m.id


def test_reasoning_trace_flags(models: dict[str, Model]) -> None:
    for mid in ["deepseek-r1", "qwen3-32b", "gpt-oss-120b"]:
        assert models[mid].capabilities.reasoning_trace is True, mid
    for mid in ["o3", "o4-mini", "gpt-5"]:
        assert models[mid].capabilities.reasoning_trace is False, mid


def test_licences_are_agreed_ids(models: dict[str, Model]) -> None:
    for m in models.values():
        assert m.licence in AGREED_LICENCES, f"{m.id}: {m.licence}"
        if not m.open_weights:
            assert m.licence.endswith("-terms"), m.id


def test_aliases_do_not_collide(models: dict[str, Model]) -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for m in models.values():
        for name in [m.id, m.name, *m.aliases]:
            owners[name.casefold()].add(m.id)
    clashes = {a: ids for a, ids in owners.items() if len(ids) > 1}
    assert not clashes


def test_every_model_and_benchmark_is_sourced(models: dict[str, Model]) -> None:
    for m in models.values():
        assert m.source and m.as_of, m.id
        assert m.quality and m.quality_basis, m.id
        for b in m.benchmarks:
            assert b.source, m.id
            assert b.as_of is not None or (b.setting and "dated" in b.setting), f"{m.id}: {b.name}"


def test_whole_kb_cross_references(kb: KnowledgeBase, models: dict[str, Model]) -> None:
    assert set(kb.models) == set(models)
    for m in models.values():
        if m.base_model is not None:
            assert kb.models[m.base_model].family == m.family or m.vendor in {"deepseek", "elyza"}, m.id
