"""`advisor eval` itself: bad transcript files, failing transcripts, report formats, baseline, --jobs."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from eval_support import SUITE, kb, offline, schema, write

from advisor.cli.main import main
from advisor.evaluation.baseline import diff
from advisor.evaluation.report import summary, to_json
from advisor.evaluation.runner import run_all
from advisor.evaluation.transcript import load_all

GOOD = """\
id: tiny-good
lang: en
turns:
  - "We summarise patient records on our own servers with 2 x A100 80GB."
expect:
  recommendation: {deployment_in: [self_hosted], open_weights: true}
"""
FAILING = """\
id: tiny-failing
turns:
  - "We summarise patient records on our own servers with 2 x A100 80GB."
expect:
  profile: {deployment: any}
  recommendation: {deployment_in: [api], family_not_in: [gpt-oss, qwen, llama, mistral, gemma, deepseek, phi]}
"""


@pytest.fixture(autouse=True)
def _offline(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("ADVISOR_LLM", "offline")
    monkeypatch.setenv("ADVISOR_DB", str(tmp_path / "never-used.db"))


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["eval", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("id: x\nturns: ['hi'\nexpect: {}\n", "YAML syntax error"),
        ("id: x\nturns: [hi]\nexpect: {}\nsurprise: 1\n", "surprise: unknown field"),
        ("id: x\npersona:\n  opening: hi\n  answers:\n    gpu: A100\nexpect: {}\n", "persona.answers.gpu"),
        ("id: x\nturns: [hi]\n", "expect: field required"),
        ("id: x\nturns: [hi]\nmax_turns: many\nexpect: {}\n", "max_turns"),
        (
            "id: x\nturns: [hi]\nexpect:\n  recommendation: {familly_not_in: [llama]}\n",
            "did you mean 'family_not_in'",
        ),
        (
            "id: x\nturns: [hi]\nexpect:\n  profile: {sensitivity: regulated}\n",
            "unknown profile field 'sensitivity'",
        ),
        ("id: x\nturns: [hi]\nexpect:\n  asked: [gpus]\n", "expect.asked[0]"),
        ("id: Bad_Id\nturns: [hi]\nexpect: {}\n", "id:"),
        ("id: x\nexpect: {}\n", "needs 'turns' or 'persona.opening'"),
    ],
)
def test_bad_transcripts_exit_2_naming_file_line_and_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, needle: str
) -> None:
    path = write(tmp_path, "bad.yaml", text)
    code, out, err = _run([str(path)], capsys)
    assert code == 2 and out == ""
    assert f"{path}:" in err and needle in err and "Traceback" not in err
    first = err.splitlines()[0]
    assert first.startswith(f"error: {path}:") and first.split(":")[2].strip().isdigit(), first


def test_duplicate_ids_and_missing_paths_are_input_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path, "a.yaml", GOOD)
    write(tmp_path, "b.yaml", GOOD)
    code, _, err = _run([str(tmp_path), str(tmp_path / "nope.yaml")], capsys)
    assert code == 2 and "nope.yaml: file not found" in err
    code, _, err = _run([str(tmp_path)], capsys)
    assert code == 2 and "duplicate id 'tiny-good'" in err


def test_failing_transcript_exits_1_with_one_line_per_failure(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path, "good.yaml", GOOD)
    write(tmp_path, "failing.yaml", FAILING)
    code, out, _ = _run([str(tmp_path), "--format", "json"], capsys)
    assert code == 1
    report = json.loads(out)
    by_id = {r["id"]: r for r in report["results"]}
    assert by_id["tiny-good"]["passed"] and by_id["tiny-good"]["failures"] == []
    failures = by_id["tiny-failing"]["failures"]
    assert any(f.startswith("profile.deployment: expected 'any'") for f in failures)
    assert any(f.startswith("recommendation.deployment_in: primary") for f in failures)
    assert any(f.startswith("recommendation.family_not_in: primary family") for f in failures)
    assert report["summary"]["failed"] == 1 and report["summary"]["hard_constraint_failures"] == 2
    code, md, _ = _run([str(tmp_path)], capsys)
    assert code == 1 and "**FAIL**" in md and "Pass rate: **1/2**" in md


def test_reports_validate_and_parse(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path, "good.yaml", GOOD)
    write(tmp_path, "failing.yaml", FAILING)
    out_file, junit = tmp_path / "r.json", tmp_path / "junit.xml"
    code, stdout, _ = _run(
        [str(tmp_path), "--format", "json", "--out", str(out_file), "--junit", str(junit)], capsys
    )
    assert code == 1 and stdout == ""
    report = json.loads(out_file.read_text())
    report_schema = schema("eval-report.schema.json")
    if report_schema is not None:
        jsonschema.validate(report, report_schema)
    result = report["results"][0]
    assert result["questions"] == [] and result["turns"] == 1 and result["recommendation"]["primary"]
    suite = ET.parse(junit).getroot().find("testsuite")
    assert suite is not None and suite.get("tests") == "2" and suite.get("failures") == "1"
    failed = [c for c in suite.iter("testcase") if c.find("failure") is not None]
    assert [c.get("name") for c in failed] == ["tiny-failing"]
    assert "recommendation.deployment_in" in (failed[0].find("failure").text or "")  # type: ignore[union-attr]


def test_transcript_files_validate_against_the_contract_schema() -> None:
    transcript_schema = schema("transcript.schema.json")
    if transcript_schema is None:
        pytest.skip("contract schemas not on this machine")
    validator = jsonschema.Draft202012Validator(transcript_schema)
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    for path in sorted(SUITE.glob("*.yaml")):
        errors = [
            e.message for e in validator.iter_errors(yaml.load(path.read_text(encoding="utf-8"), loader))
        ]
        assert errors == [], f"{path.name}: {errors}"


def test_baseline_lists_outcome_and_primary_changes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path, "good.yaml", GOOD)
    old = tmp_path / "old.json"
    assert _run([str(tmp_path), "--format", "json", "--out", str(old)], capsys)[0] == 0
    data = json.loads(old.read_text())
    data["results"][0]["passed"] = False
    data["results"][0]["recommendation"]["primary"]["model_id"] = "some-older-pick"
    data["results"].append({"id": "retired", "passed": True, "recommendation": None})
    old.write_text(json.dumps(data))
    code, md, _ = _run([str(tmp_path), "--baseline", str(old)], capsys)
    assert code == 0
    assert "tiny-good: fail → pass" in md and "tiny-good: primary some-older-pick →" in md
    assert "retired: no longer in this run" in md
    old.write_text('{"summary": {}}')
    code, _, err = _run([str(tmp_path), "--baseline", str(old)], capsys)
    assert code == 2 and "not an eval JSON report" in err


def test_baseline_diff_unit() -> None:
    items = load_all([str(SUITE / "hybrid-workloads-ja.yaml")])
    results = run_all(items, offline(), kb())
    same = {r["id"]: r for r in to_json(results)["results"]}
    assert diff(same, results) == []
    assert diff({}, results) == [f"{results[0].id}: new transcript (pass)"]


def test_jobs_4_equals_jobs_1() -> None:
    names = [
        "hospital-onprem-ja",
        "vague-opener-en",
        "hybrid-email-and-records-en",
        "dont-know-ja",
        "followup-what-if-budget-en",
        "macbook-m2-16gb-en",
        "tiny-budget-over-en",
        "legal-200k-selfhost-ja",
    ]
    items = load_all([str(SUITE / f"{n}.yaml") for n in names])
    one = run_all(items, offline(), kb(), jobs=1)
    four = run_all(items, offline(), kb(), jobs=4)

    def view(rs: list[Any]) -> list[dict[str, Any]]:
        return [{k: v for k, v in r.as_json(False).items() if k != "seconds"} for r in rs]

    assert view(one) == view(four)
    assert summary(one)["passed"] == summary(four)["passed"] == len(names)


def test_jobs_must_be_positive(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path, "good.yaml", GOOD)
    code, _, err = _run([str(tmp_path), "--jobs", "0"], capsys)
    assert code == 2 and "--jobs: must be at least 1" in err


def test_same_transcript_with_an_llm_reports_calls_and_tokens(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """ADVISOR_LLM=openai against a local OpenAI-compatible server: the transcript still passes (the
    engine decides, the LLM only reads and explains) and the report carries LLM calls and tokens."""
    from fakes.openai_server import fake_openai, wants_tool

    def handler(body: dict[str, Any]) -> dict[str, Any]:
        if wants_tool(body, "ProfileUpdate"):
            return {"tool_calls": [("ProfileUpdate", {})]}
        return {"content": "No comment."}  # fails grounding, so the templated answer is kept

    write(tmp_path, "good.yaml", GOOD)
    with fake_openai(handler) as server:
        monkeypatch.setenv("ADVISOR_LLM", "openai")
        monkeypatch.setenv("OPENAI_API_KEY", "test")
        monkeypatch.setenv("OPENAI_BASE_URL", server.url)
        monkeypatch.setenv("ADVISOR_LLM_RETRIES", "0")
        code, out, _ = _run([str(tmp_path), "--format", "json"], capsys)
    report = json.loads(out)
    assert code == 0, report["results"][0]["failures"]
    assert report["results"][0]["llm_calls"] >= 1 and report["results"][0]["prompt_tokens"] > 0
    assert report["summary"]["llm_calls"] == report["results"][0]["llm_calls"]
    assert len(server.requests) >= 1
