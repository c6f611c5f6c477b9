"""`advisor kb refresh` on its sources: bad files give one clear line, genai-prices is parsed and
never executed (Python and JSON forms), and the installed packages' data refreshes the real KB."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from kb_fixtures import REAL_KB, copy_real_kb, write_kb
from refresh_support import DAY, run_refresh, write_sources

from advisor.cli.main import main
from advisor.engine.lifecycle import status_on
from advisor.kb import genai_import, refresh_sources
from advisor.kb.loader import load_kb
from advisor.kb.refresh import build
from advisor.kb.refresh_sources import locate


@pytest.fixture
def sources(tmp_path: Path) -> tuple[Path, Path]:
    return write_sources(tmp_path)


@pytest.fixture
def kb_dir(tmp_path: Path) -> Path:
    return write_kb(tmp_path / "knowledge")


def test_invalid_result_is_refused_before_anything_is_written(
    kb_dir: Path,
    sources: tuple[Path, Path],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real = genai_import.price_rows
    monkeypatch.setattr(
        genai_import, "price_rows", lambda *a, **k: [{**row, "input": -1.0} for row in real(*a, **k)]
    )
    before = sorted(p.name for p in kb_dir.iterdir())
    assert run_refresh(kb_dir, *sources) == 2
    err = capsys.readouterr().err
    assert "prices-genai-2026-11-30.yaml" in err and "input" in err
    assert sorted(p.name for p in kb_dir.iterdir()) == before
    assert not (kb_dir.parent / "changelog.md").exists()


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        ("{not json", "prices.json", "not JSON"),
        ("[1, 2]", "prices.json", "expected a JSON object"),
        ('{"a": {"mode": "chat"}}', "prices.json", "not a litellm"),
        (None, "missing.json", "file not found"),
    ],
)
def test_bad_litellm_file_is_one_clear_line(
    kb_dir: Path,
    sources: tuple[Path, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    content: str | None,
    name: str,
    message: str,
) -> None:
    bad = tmp_path / name
    if content is not None:
        bad.write_text(content, encoding="utf-8")
    assert run_refresh(kb_dir, bad, sources[1]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and message in err[0] and name in err[0]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("def broken(:\n", "Python syntax error"),
        ("x = 1\n", "not genai-prices' data.py"),
    ],
)
def test_bad_genai_file_is_one_clear_line(
    kb_dir: Path,
    sources: tuple[Path, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    content: str,
    message: str,
) -> None:
    bad = tmp_path / "genai.py"
    bad.write_text(content, encoding="utf-8")
    assert run_refresh(kb_dir, sources[0], bad) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and message in err[0]


def test_genai_file_is_parsed_not_executed(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    evil = tmp_path / "data.py"
    evil.write_text(f"open({str(marker)!r}, 'w').write('x')\nproviders = []\n", encoding="utf-8")
    assert genai_import.read_genai(evil) == []
    assert not marker.exists()


def test_no_source_at_all_is_one_clear_line(
    kb_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(refresh_sources, "package_file", lambda kind: None)
    assert main(["kb", "refresh", "--kb", str(kb_dir), "--offline"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "no source" in err[0]


# --- the installed packages' data (the refresh and dev extras install them) --------------------------


def _package_sources() -> list[refresh_sources.Source]:
    found = [locate(kind, None, download=False) for kind in ("litellm", "genai")]
    if any(s is None for s in found):
        pytest.skip("litellm or genai-prices is not installed (pip install -e '.[refresh]')")
    return [s for s in found if s is not None]


def test_refresh_on_installed_package_data(tmp_path: Path) -> None:
    srcs = _package_sources()
    kb_dir = copy_real_kb(tmp_path / "knowledge")
    result = build(kb_dir, srcs, dt.date.fromisoformat(DAY))
    assert result.counts["prices-litellm-2026-11-30.yaml"] > 100
    assert result.counts["prices-genai-2026-11-30.yaml"] > 10
    assert result.counts["lifecycle-litellm-2026-11-30.yaml"] > 20
    assert len(result.new_models) > 100  # this year's releases the KB does not have yet
    lifecycle = result.files["lifecycle-litellm-2026-11-30.yaml"]
    assert "model: gemini-2.5-flash\n  platform: google-vertex-ai" in lifecycle
    assert srcs[0].label.startswith("litellm ") and srcs[1].label.startswith("genai-prices ")


def test_committed_prices_are_current_and_lifecycles_agree_with_the_packages() -> None:
    """The refresh was run and committed: no price in force is older than the 120-day threshold
    for the models litellm still lists, and the gemini shutdown litellm records is in the KB."""
    kb = load_kb(REAL_KB)
    day = dt.date.fromisoformat(DAY)
    newest = max(p.as_of for p in kb.prices if p.as_of is not None)
    assert newest >= day
    in_force = [p for m in kb.models for p in kb.current_prices(m, day)]
    fresh = sum((day - p.as_of).days <= 120 for p in in_force if p.as_of)
    assert fresh / len(in_force) > 0.9
    assert status_on(kb.models["gemini-2.5-flash"], "google-vertex-ai", day).shutdown == dt.date(2026, 10, 20)


def test_genai_json_form_reads_like_the_python_one(tmp_path: Path) -> None:
    data = {
        "providers": [
            {
                "id": "groq",
                "models": [
                    {
                        "id": "llama-3.3-70b-versatile",
                        "deprecated": True,
                        "prices": [
                            {"prices": {"input_mtok": 0.59, "output_mtok": 0.79}},
                            {
                                "constraint": {"start_date": "2027-02-01"},
                                "prices": {
                                    "input_mtok": {"base": 0.5, "tiers": [{"start": 128000, "price": 1.0}]},
                                    "output_mtok": 0.7,
                                },
                            },
                        ],
                    }
                ],
            }
        ]
    }
    path = tmp_path / "data.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    (m,) = genai_import.models(genai_import.read_genai(path))
    assert m.deprecated and [start for start, _ in m.prices] == [None, dt.date(2027, 2, 1)]
    rows = genai_import.price_rows(m, "llama-3.3-70b-instruct", "groq", dt.date(2026, 11, 30), "fixture")
    assert [(r["input"], r.get("effective_from"), r.get("effective_until")) for r in rows] == [
        (0.59, None, dt.date(2027, 1, 31)),
        (0.5, dt.date(2027, 2, 1), None),
    ]
    assert rows[1]["long_context"] == {"above_tokens": 128000, "input": 1.0, "output": 0.7}
