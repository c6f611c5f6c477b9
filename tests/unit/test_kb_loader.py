"""The loader: the real KB loads, cross-checks find what the schema cannot, errors point at lines."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import yaml
from kb_fixtures import FILES, REAL_KB, write_kb

from advisor.kb.errors import InputError
from advisor.kb.loader import get_kb, load_kb
from advisor.kb.schema import FILES as SCHEMA_FILES
from advisor.kb.schema import Model
from advisor.kb.yamlsource import LineMap, read_document, validate_document


def problems_of(root: Path, **kwargs: object) -> list[str]:
    with pytest.raises(InputError) as info:
        load_kb(root, **kwargs)  # type: ignore[arg-type]
    return [str(p) for p in info.value.problems]


def test_every_real_file_loads_and_validates() -> None:
    for name, schema in SCHEMA_FILES.items():
        data, lines = read_document(REAL_KB / name)
        validate_document(schema, data, name, lines)
    kb = load_kb(REAL_KB)
    assert kb.meta.version and kb.version.startswith(kb.meta.version + "+")
    for model in kb.models.values():
        assert model.licence in kb.licences
        assert model.source and model.as_of
    for price in kb.prices:
        assert price.unmapped or (price.model in kb.models and price.provider in kb.providers)


def test_fixture_indexes(tmp_path: Path) -> None:
    kb = load_kb(write_kb(tmp_path / "kb"))
    assert set(kb.models) >= {"gpt-4o", "llama-3.3-70b-instruct"}
    assert kb.licence_of(kb.model("llama-3.3-70b-instruct")).mau_cap == 700_000_000
    assert [p.provider for p in kb.current_prices("gpt-4o")] == ["openai-api"]
    assert kb.fx["JPY"].usd_per_unit == pytest.approx(0.0067)
    assert get_kb(tmp_path / "kb") is get_kb(str(tmp_path / "kb"))


def test_newest_price_per_provider_wins(tmp_path: Path) -> None:
    files = json.loads(json.dumps(FILES))
    old = dict(files["prices.yaml"]["prices"][0], input=5.0, as_of="2025-01-01")
    files["prices.yaml"]["prices"].append(old)
    kb = load_kb(write_kb(tmp_path / "kb", files))
    assert [p.input for p in kb.current_prices("gpt-4o")] == [2.5]


def test_duplicate_yaml_key_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text("a: 1\nb: 2\na: 3\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_document(path)
    assert str(info.value.problems[0]) == f"{path}:3: YAML error: duplicate key 'a'"


def test_unknown_field_suggests_the_nearest(tmp_path: Path) -> None:
    path = tmp_path / "models.yaml"
    model = dict(FILES["models.yaml"]["models"][0], contxt_window=5)
    path.write_text(yaml.safe_dump({"models": [model]}), encoding="utf-8")
    data, lines = read_document(path)
    with pytest.raises(InputError) as info:
        validate_document(SCHEMA_FILES["models.yaml"], data, str(path), lines)
    (problem,) = info.value.problems
    assert problem.path == "models[0].contxt_window"
    assert problem.message == "unknown field (did you mean 'context_window'?)"
    assert "contxt_window" in path.read_text().splitlines()[problem.line - 1]  # type: ignore[operator]


def test_bad_value_is_quoted(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(
        "id: x\nname: X\nfamily: x\nvendor: v\nopen_weights: yes\nlicence: l\ncontext_window: -5\n",
        encoding="utf-8",
    )
    data, lines = read_document(path)
    with pytest.raises(InputError) as info:
        validate_document(Model, data, str(path), lines)
    assert [str(p) for p in info.value.problems] == [
        f"{path}:7: context_window: Input should be greater than 0 (got -5)"
    ]


def test_json_documents_get_line_numbers(tmp_path: Path) -> None:
    path = tmp_path / "p.json"
    path.write_text('{\n  "id": "x",\n  "name": "X",\n  "context_window": "big"\n}\n', encoding="utf-8")
    data, lines = read_document(path)
    assert data["context_window"] == "big" and lines.line(["context_window"]) == 4
    assert LineMap(None).line(["anything"]) is None


def test_cross_checks(tmp_path: Path) -> None:
    files = json.loads(json.dumps(FILES))
    files["gpus.yaml"]["gpus"][1]["aliases"].append("a100")  # clashes with A100 of gpu 0
    files["models.yaml"]["models"][1]["aliases"] = ["GPT 4o"]  # clashes with gpt-4o's alias
    files["models.yaml"]["models"][2]["params_active_b"] = 700
    files["prices.yaml"]["prices"].append(dict(files["prices.yaml"]["prices"][0]))
    files["fx.yaml"]["rates"][0]["as_of"] = "2031-01-01"
    found = problems_of(write_kb(tmp_path / "kb", files), today=dt.date(2026, 11, 22))
    text = "\n".join(found)
    assert "gpus[1].aliases[1]: alias 'a100' already names GPU 'nvidia-a100-80gb'" in text
    assert "models[1].aliases[0]: alias 'GPT 4o' already names model 'gpt-4o'" in text
    assert "models[2].params_active_b: active parameters (700.0B) exceed total (70.0B)" in text
    assert "prices[2]: duplicate price for model 'gpt-4o' at provider 'openai-api' as of 2026-06-01" in text
    assert "rates[0].as_of: date 2031-01-01 is in the future (today is 2026-11-22)" in text
    assert len(found) == 5


def test_doubtful_duplicates_are_allowed(tmp_path: Path) -> None:
    files = json.loads(json.dumps(FILES))
    files["prices.yaml"]["prices"].append(dict(files["prices.yaml"]["prices"][0], input=3, doubtful=True))
    assert len(load_kb(write_kb(tmp_path / "kb", files)).prices) == 3


def test_require_sources_can_be_relaxed(tmp_path: Path) -> None:
    files = json.loads(json.dumps(FILES))
    del files["licences.yaml"]["licences"][0]["source"]
    root = write_kb(tmp_path / "kb", files)
    assert problems_of(root)[0].endswith(
        "licences[0].source: missing source: every fact needs a source and a date"
    )
    assert len(load_kb(root, require_sources=False).licences) == 3


def test_folder_and_file_errors(tmp_path: Path) -> None:
    assert problems_of(tmp_path / "none") == [f"{tmp_path / 'none'}: knowledge-base folder not found"]
    (tmp_path / "file").write_text("x")
    assert problems_of(tmp_path / "file") == [f"{tmp_path / 'file'}: is not a folder"]
    root = write_kb(tmp_path / "kb")
    (root / "fx.yaml").unlink()
    (root / "tasks.yaml").write_bytes(b"tasks:\n  - id: \xff\n")
    assert problems_of(root) == [
        f"{root / 'fx.yaml'}: file not found",
        f"{root / 'tasks.yaml'}:2: not UTF-8 text (byte 0xff); save the file as UTF-8",
    ]


def test_extra_price_files_are_loaded(tmp_path: Path) -> None:
    root = write_kb(tmp_path / "kb")
    extra = {
        "prices": [
            {
                "model": "some/unknown-model",
                "provider": "nobody",
                "input": 1,
                "output": 2,
                "unmapped": True,
                "source": "s",
                "as_of": "2026-07-24",
            }
        ]
    }
    (root / "prices-extra.yaml").write_text(yaml.safe_dump(extra), encoding="utf-8")
    kb = load_kb(root)
    assert len(kb.prices) == 3 and kb.prices_by_model["some/unknown-model"][0].unmapped
