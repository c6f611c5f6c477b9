"""The knowledge base's name lookup: ids, names and aliases in any case or punctuation, one fuzzy
matcher for "did you mean", and the check that Japanese licence conditions pair one for one."""

from __future__ import annotations

import pytest
from engine_fixtures import SRC, make_kb

from advisor.kb.checks import Located, japanese_conditions
from advisor.kb.lookup import NotFound, find_gpu, find_model, find_provider, nearest, require_model
from advisor.kb.schema import Licence
from advisor.kb.yamlsource import LineMap

KB = make_kb()


@pytest.mark.parametrize("name", ["gpt-4o", "GPT-4o", "gpt 4o", " GPT4O"])
def test_models_are_found_by_id_name_or_alias_loosely_written(name: str) -> None:
    found = find_model(KB, name.strip())
    assert found is not None and found.id == "gpt-4o"


def test_unknown_model_names_its_nearest_ids() -> None:
    assert find_model(KB, "gpt-5o") is None
    with pytest.raises(NotFound) as miss:
        require_model(KB, "gpt-4")
    assert miss.value.near[0] == "gpt-4o" and "unknown model 'gpt-4'" in str(miss.value)


def test_providers_by_id_name_or_company() -> None:
    assert (p := find_provider(KB, "Amazon Bedrock")) is not None and p.id == "bedrock"
    assert (p := find_provider(KB, "aws")) is not None and p.id == "bedrock"
    assert find_provider(KB, "nobody") is None


@pytest.mark.parametrize(
    ("name", "gpu_id"),
    [
        ("A100 80GB", "nvidia-a100-80gb"),
        ("rtx4090", "nvidia-rtx-4090"),
        ("H100", "nvidia-h100-sxm"),
        ("Apple M2 16 GB", "apple-m2-16gb"),
    ],
)
def test_gpus_by_the_tokens_of_their_names(name: str, gpu_id: str) -> None:
    assert find_gpu(KB, name).id == gpu_id


def test_gpu_misses_say_whether_unknown_or_ambiguous() -> None:
    with pytest.raises(NotFound) as unknown:
        find_gpu(KB, "RTX 4080")
    assert not unknown.value.ambiguous and "nvidia-rtx-4090" in unknown.value.near
    with pytest.raises(NotFound) as ambiguous:
        find_gpu(KB, "NVIDIA")
    assert ambiguous.value.kind == "GPU"


def test_one_fuzzy_matcher_ranks_by_similarity() -> None:
    names = {"llama-3.3-70b": ["Llama 3.3 70B"], "qwen-32b": ["Qwen 32B"], "gpt-4o": ["GPT-4o"]}
    assert nearest("lama 3.3 70", names, limit=1) == ["llama-3.3-70b"]
    assert nearest("qwen32", names)[0] == "qwen-32b"


def _located(lic: Licence) -> Located:
    return Located("licences.yaml", LineMap(None), "licences", 0, lic)


def test_japanese_conditions_must_pair_one_for_one() -> None:
    base = {"id": "x", "name": "X", "kind": "permissive", "commercial_use": True, **SRC}
    paired = Licence(**base, conditions=["Keep NOTICE."], conditions_ja=["NOTICE を残す。"])
    untranslated = Licence(**base, conditions=["Keep NOTICE."])
    short = Licence(**base, conditions=["Keep NOTICE.", "State changes."], conditions_ja=["NOTICE を残す。"])
    assert japanese_conditions([_located(paired), _located(untranslated)]) == []
    problems = japanese_conditions([_located(short)])
    assert len(problems) == 1 and problems[0].path.endswith("conditions_ja")
