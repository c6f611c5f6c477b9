"""`advisor recommend`: JSON/Markdown output, and clear one-line errors with exit 2 for bad profiles."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from engine_fixtures import write_kb
from shared_paths import schema

from advisor.cli.main import main

SCHEMA = schema("recommendation")


@pytest.fixture(scope="module")
def kb_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_kb(tmp_path_factory.mktemp("kb"))


def run(kb_dir: Path, tmp_path: Path, text: str, *extra: str, name: str = "p.yaml") -> tuple[int, str, str]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    out_err: list[str] = []
    import contextlib
    import io

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(
            ["recommend", "--profile", str(path), "--kb", str(kb_dir), "--today", "2026-11-22", *extra]
        )
    out_err.extend([out.getvalue(), err.getvalue()])
    return code, out_err[0], out_err[1]


def test_json_output_validates_against_the_contract(kb_dir: Path, tmp_path: Path) -> None:
    code, out, err = run(
        kb_dir, tmp_path, "tasks: [summarization]\nlanguages: [ja]\nhardware: [{gpu: RTX 4090}]\n"
    )
    assert code == 0, err
    data = json.loads(out)
    jsonschema.validate(data, SCHEMA)
    assert data["profile"]["hardware"] == [{"gpu": "nvidia-rtx-4090", "count": 1}]


def test_json_profile_file_and_markdown(kb_dir: Path, tmp_path: Path) -> None:
    code, out, _ = run(
        kb_dir, tmp_path, json.dumps({"tasks": ["chat"]}), "--format", "md", "--lang", "ja", name="p.json"
    )
    assert code == 0 and out.startswith("# LLM 推奨レポート") and "| モデル |" in out


BAD = [
    (
        "hardware: [{gpu: RTX 4080}]\n",
        ["p.yaml:1: hardware[0].gpu: unknown GPU 'RTX 4080'", "nvidia-rtx-4090"],
    ),
    ("deployment: cloud\n", ["p.yaml:1: deployment:"]),
    ("budget_usd_month: -5\n", ["p.yaml:1: budget_usd_month:", "greater than or equal to 0"]),
    ("tasks: [chat]\nfavourite_colour: blue\n", ["p.yaml:2: favourite_colour: unknown field"]),
    ("tasks: [chat\n", ["p.yaml", "YAML syntax error"]),
    ("volume: {requests_per_day: lots}\n", ["p.yaml:1: volume.requests_per_day:"]),
    ("budget: {amount: 300000, currency: XYZ}\n", ["p.yaml:1: budget.currency: unknown currency 'XYZ'"]),
    ("tasks: [chatting]\n", ["p.yaml:1: tasks[0]:"]),
    ("hardware: [{gpu: H100, count: 0}]\n", ["p.yaml:1: hardware[0].count:"]),
    ("- just\n- a list\n", ["p.yaml"]),
    (
        "data_sensitivity: secret\nlanguages: [japanese]\n",
        ["p.yaml:1: data_sensitivity:", "p.yaml:2: languages[0]:"],
    ),
    ("workloads: [{tasks: [chat]}]\n", ["p.yaml:1: workloads[0].name: field required"]),
    ("volume: {requests_per_day: 10, cached_input_share: 1.5}\n", ["volume.cached_input_share"]),
]


@pytest.mark.parametrize(("text", "expected"), BAD)
def test_bad_profiles_exit_2_with_clear_lines(
    kb_dir: Path, tmp_path: Path, text: str, expected: list[str]
) -> None:
    code, out, err = run(kb_dir, tmp_path, text)
    assert code == 2 and out == ""
    assert "Traceback" not in err
    for piece in expected:
        assert piece in err, err
    assert all(line.startswith("error: ") for line in err.strip().splitlines())


def test_missing_profile_file(kb_dir: Path, tmp_path: Path) -> None:
    import contextlib
    import io

    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        code = main(["recommend", "--profile", str(tmp_path / "nope.yaml"), "--kb", str(kb_dir)])
    assert code == 2 and "file not found" in err.getvalue()


def test_bad_today_argument(kb_dir: Path, tmp_path: Path) -> None:
    code, _, err = run(kb_dir, tmp_path, "tasks: [chat]\n", "--today", "yesterday")
    assert code == 2 and "not a date" in err
