"""`advisor kb validate|stats` end to end: every kind of bad input gives a clear line and exit 2.

Each malformed case copies the real knowledge/ and corrupts one thing, then checks the message
names the file, the field path and (where YAML has one) the line that really holds the field.
"""

from __future__ import annotations

import copy
import functools
import json
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from kb_fixtures import FILES, REAL_KB, copy_real_kb, write_kb
from shared_paths import REPO, schema

from advisor.cli.main import main

ROOT = REPO
FastLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
FastDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
STATS_SCHEMA = schema("kb-stats")


@pytest.fixture(autouse=True, scope="module")
def _private_parse_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
        mp.delenv("ADVISOR_KB_DIR", raising=False)
        yield


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


# --- corruptions: each edits the parsed YAML of one file, or its raw bytes -----------------

Edit = Callable[[dict[str, Any]], Any]


def _first_real_price(d: dict[str, Any]) -> dict[str, Any]:
    return next(p for p in d["prices"] if not p.get("doubtful"))


def _set(key: str, field: str, value: Any, index: int = 0) -> Edit:
    def edit(d: dict[str, Any]) -> None:
        d[key][index][field] = value

    return edit


def _drop(key: str, field: str) -> Edit:
    def edit(d: dict[str, Any]) -> None:
        d[key][0].pop(field, None)

    return edit


def _drop_all(key: str, field: str) -> Edit:
    def edit(d: dict[str, Any]) -> None:
        for item in d[key]:
            item.pop(field, None)

    return edit


def _dup_first(key: str) -> Edit:
    def edit(d: dict[str, Any]) -> None:
        d[key].append(copy.deepcopy(d[key][0]))

    return edit


def _price(field: str, value: Any) -> Edit:
    def edit(d: dict[str, Any]) -> None:
        _first_real_price(d)[field] = value

    return edit


def _dup_price(d: dict[str, Any]) -> None:
    d["prices"].append(copy.deepcopy(_first_real_price(d)))


def _alias_clash(d: dict[str, Any]) -> None:
    d["gpus"][1]["aliases"] = [
        *d["gpus"][1].get("aliases", []),
        d["gpus"][0]["aliases"][0] if d["gpus"][0].get("aliases") else d["gpus"][0]["id"],
    ]


def _active_over_total(d: dict[str, Any]) -> None:
    d["models"][0].update(params_total_b=7, params_active_b=70)


# (case id, file, edit | raw bytes | None to delete, expected path (regex) or None, message fragment)
CASES: list[tuple[str, str, Any, str | None, str]] = [
    ("wrong-type", "gpus.yaml", _set("gpus", "memory_gb", "lots"), r"gpus\[0\]\.memory_gb", "valid number"),
    (
        "unknown-key",
        "licences.yaml",
        _set("licences", "comercial_use", True),
        r"licences\[0\]\.comercial_use",
        "unknown field (did you mean 'commercial_use'?)",
    ),
    (
        "dangling-licence",
        "models.yaml",
        _set("models", "licence", "no-such-licence"),
        r"models\[0\]\.licence",
        "unknown licence id 'no-such-licence'",
    ),
    ("duplicate-id", "providers.yaml", _dup_first("providers"), r"providers\[\d+\]\.id", "duplicate id"),
    (
        "negative-price",
        "prices.yaml",
        _price("input", -1.0),
        r"prices\[\d+\]\.input",
        "greater than or equal to 0",
    ),
    (
        "missing-source",
        "licences.yaml",
        _drop("licences", "source"),
        r"licences\[0\]\.source",
        "missing source",
    ),
    ("missing-as-of", "gpus.yaml", _drop("gpus", "as_of"), r"gpus\[0\]\.as_of", "missing as_of"),
    ("bad-date", "fx.yaml", _set("rates", "as_of", "2026-13-45"), r"rates\[0\]\.as_of", "valid date"),
    (
        "unknown-provider",
        "prices.yaml",
        _price("provider", "nosuch-api"),
        r"prices\[\d+\]\.provider",
        "unknown provider id 'nosuch-api'",
    ),
    (
        "unknown-model",
        "prices.yaml",
        _price("model", "gpt-99"),
        r"prices\[\d+\]\.model",
        "unknown model id 'gpt-99'",
    ),
    (
        "bad-family",
        "models.yaml",
        _set("models", "family", "Qwen 2"),
        r"models\[0\]\.family",
        "should match pattern",
    ),
    (
        "missing-required",
        "providers.yaml",
        _drop("providers", "name"),
        r"providers\[0\]\.name",
        "field required",
    ),
    (
        "bad-enum",
        "providers.yaml",
        _set("providers", "kind", "website"),
        r"providers\[0\]\.kind",
        "Input should be",
    ),
    ("future-date", "prices.yaml", _price("as_of", "2999-01-01"), r"prices\[\d+\]\.as_of", "in the future"),
    ("duplicate-price", "prices.yaml", _dup_price, r"prices\[\d+\]", "duplicate price"),
    ("gpu-alias-clash", "gpus.yaml", _alias_clash, r"gpus\[1\]\.aliases\[\d+\]", "already names GPU"),
    ("active-over-total", "models.yaml", _active_over_total, r"models\[0\]\.params_active_b", "exceed total"),
    ("top-level-list", "gpus.yaml", lambda d: d["gpus"], None, "found a list"),
    ("wrong-top-key", "tasks.yaml", lambda d: {"taskz": d["tasks"]}, r"(tasks|taskz)", "field required"),
    ("empty-file", "providers.yaml", b"", None, "file is empty"),
    ("yaml-syntax", "models.yaml", b"models:\n  - id: x\n    name: [unclosed\n", None, "YAML syntax error"),
    ("duplicate-yaml-key", "fx.yaml", b"rates: []\nrates: []\n", None, "duplicate key 'rates'"),
    ("non-utf8", "licences.yaml", b"licences:\n  - id: caf\xe9\n", None, "not UTF-8"),
    ("missing-file", "tasks.yaml", None, None, "file not found"),
]


@functools.cache
def _parsed(name: str) -> Any:
    return yaml.load((REAL_KB / name).read_text(encoding="utf-8"), Loader=FastLoader)


def _corrupt(folder: Path, name: str, change: Any, real: bool = True) -> None:
    """Apply one change; ``real`` says the folder is a copy of knowledge/ (parsed once, reused)."""
    path = folder / name
    if change is None:
        path.unlink()
    elif isinstance(change, bytes):
        path.write_bytes(change)
    else:
        data = copy.deepcopy(_parsed(name)) if real else yaml.load(path.read_text("utf-8"), Loader=FastLoader)
        result = change(data)
        data = data if result is None else result
        path.write_text(
            yaml.dump(data, Dumper=FastDumper, sort_keys=False, allow_unicode=True), encoding="utf-8"
        )


@pytest.mark.parametrize(
    ("name", "change", "path", "fragment"), [pytest.param(*c[1:], id=c[0]) for c in CASES]
)
def test_malformed_kb_is_reported_clearly(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    change: Any,
    path: str | None,
    fragment: str,
) -> None:
    kb = copy_real_kb(tmp_path / "kb")
    _corrupt(kb, name, change)
    code, out, err = run_cli(capsys, "kb", "validate", "--kb", str(kb))
    assert code == 2
    assert "Traceback" not in err and out == ""
    wanted = re.compile(
        rf"{re.escape(str(kb / name))}(?::(\d+))?: "
        + (rf"{path}: " if path else "")
        + r".*"
        + re.escape(fragment)
    )
    hits = [m for line in err.splitlines() if (m := wanted.search(line))]
    assert hits, f"no line matching {wanted.pattern!r} in:\n{err}"
    if path is not None and name != "tasks.yaml":
        lineno = hits[0].group(1)
        assert lineno is not None, hits[0].group(0)
        field = path.rsplit(r"\.", 1)[-1]
        if re.fullmatch(r"[a-z_]+", field) and fragment not in (
            "missing source",
            "missing as_of",
            "field required",
            "duplicate price",
        ):
            text = (kb / name).read_text(encoding="utf-8").splitlines()[int(lineno) - 1]
            assert field in text, f"line {lineno} ({text!r}) does not hold {field}"
    assert re.search(r"kb validate: \d+ problems?", err)


def test_every_problem_is_reported_in_one_pass(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    kb = copy_real_kb(tmp_path / "kb")
    _corrupt(kb, "prices.yaml", _price("provider", "nope"))
    _corrupt(kb, "gpus.yaml", _drop("gpus", "source"))
    _corrupt(kb, "fx.yaml", b"rates: {")
    code, _, err = run_cli(capsys, "kb", "validate", "--kb", str(kb))
    # a syntax error stops cross-checks, but every file's own problems are listed together
    assert code == 2 and "fx.yaml" in err
    _corrupt(kb, "fx.yaml", b"rates: []\n")
    code, _, err = run_cli(capsys, "kb", "validate", "--kb", str(kb))
    assert code == 2 and "unknown provider id 'nope'" in err and "gpus[0].source" in err


def test_missing_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(capsys, "kb", "validate", "--kb", str(tmp_path / "nowhere"))
    assert code == 2 and f"{tmp_path / 'nowhere'}: knowledge-base folder not found" in err


def test_fixture_kb_validates(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "kb", "validate", "--kb", str(write_kb(tmp_path / "kb")))
    assert code == 0
    assert re.match(r"ok: 5 models, 3 licences, 2 prices, 0 subscriptions, 2 GPUs, 6 providers", out)


def test_kb_dir_from_environment(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ADVISOR_KB_DIR", str(write_kb(tmp_path / "kb")))
    code, out, _ = run_cli(capsys, "kb", "validate")
    assert code == 0 and "ok: 5 models" in out


def test_real_kb_validates_in_a_real_process() -> None:
    exe = Path(sys.executable).with_name("advisor")
    proc = subprocess.run(
        [str(exe), "kb", "validate", "--kb", str(REAL_KB)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )
    assert "Traceback" not in proc.stderr
    assert proc.returncode == 0, proc.stderr
    assert re.match(r"ok: \d+ models, \d+ licences, \d+ prices", proc.stdout)


# --- stats ------------------------------------------------------------------------------------


def _stats(capsys: pytest.CaptureFixture[str], kb: Path) -> dict[str, Any]:
    code, out, _ = run_cli(capsys, "kb", "stats", "--json", "--kb", str(kb))
    assert code == 0
    data: dict[str, Any] = json.loads(out)
    jsonschema.validate(data, STATS_SCHEMA)
    return data


def test_stats_json_on_fixture(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    stats = _stats(capsys, write_kb(tmp_path / "kb"))
    assert (
        stats["models"],
        stats["open_weights_models"],
        stats["licences"],
        stats["prices"],
        stats["gpus"],
        stats["providers"],
    ) == (5, 3, 3, 2, 2, 6)
    assert stats["missing_source"] == stats["missing_as_of"] == 0
    assert stats["oldest_as_of"] == "2026-06-01"
    assert stats["japanese_specialised_models"] == 1
    assert (stats["open_weights_params_b_min"], stats["open_weights_params_b_max"]) == (13, 72.7)


def test_stats_counts_missing_source_and_date(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    kb = write_kb(tmp_path / "kb")
    _corrupt(kb, "models.yaml", _drop("models", "source"), real=False)
    _corrupt(kb, "gpus.yaml", _drop_all("gpus", "as_of"), real=False)
    stats = _stats(capsys, kb)
    assert stats["missing_source"] == 1 and stats["missing_as_of"] == 2
    assert stats["models"] == 5  # still counted although validate would reject the KB


def test_stats_on_empty_kb_has_null_oldest(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    files = {name: data if name == "meta.yaml" else {key: [] for key in data} for name, data in FILES.items()}
    stats = _stats(capsys, write_kb(tmp_path / "kb", files))
    assert stats["models"] == 0 and stats["oldest_as_of"] is None


def test_stats_table_on_fixture(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "kb", "stats", "--kb", str(write_kb(tmp_path / "kb")))
    assert code == 0
    assert re.search(r"^models\s+5$", out, re.M) and re.search(r"^\s+open weights\s+3$", out, re.M)
    assert re.search(r"parameters \(open\)\s+13B to 72.7B", out)


def test_stats_json_on_real_kb(capsys: pytest.CaptureFixture[str]) -> None:
    stats = _stats(capsys, REAL_KB)
    assert stats["models"] >= stats["open_weights_models"] >= 0
    assert stats["oldest_as_of"] is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", stats["oldest_as_of"])
