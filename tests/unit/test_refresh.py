"""`advisor kb refresh` on small source files written here: the diff, the dated files, history."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import yaml
from kb_fixtures import write_kb
from refresh_support import DAY, LITELLM, run_refresh, tok, write_sources

from advisor.engine.lifecycle import status_on
from advisor.kb import refresh_sources
from advisor.kb.loader import load_kb
from advisor.kb.refresh import build


@pytest.fixture
def sources(tmp_path: Path) -> tuple[Path, Path]:
    return write_sources(tmp_path)


@pytest.fixture
def kb_dir(tmp_path: Path) -> Path:
    return write_kb(tmp_path / "knowledge")


def test_refresh_prints_the_diff_and_writes_dated_files(
    kb_dir: Path, sources: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_refresh(kb_dir, *sources) == 0
    diff = capsys.readouterr().out
    assert "llama-3.3-70b-instruct at groq: input 0.59 -> 0.65" in diff  # changed, old -> new
    assert "claude-sonnet-4.5 at anthropic-api: 3 in / 15 out" in diff  # new pair
    assert "claude-sonnet-4.5 on vendor: shut down 2026-11-30; successor claude-sonnet-5-5" in diff
    assert "gpt-4o on vendor: shuts down 2027-01-14" in diff
    assert "litellm gpt-7" in diff and "genai-prices groq/some-new-model" in diff  # news, not written
    assert "llama-3.3-70b-instruct at groq: litellm 0.65/0.79, genai-prices 0.59/0.79" in diff
    assert "1 unchanged" in diff  # gpt-4o at openai-api: same figures, now confirmed fresh
    for name in (
        "prices-litellm-2026-11-30.yaml",
        "prices-genai-2026-11-30.yaml",
        "lifecycle-litellm-2026-11-30.yaml",
    ):
        assert (kb_dir / name).is_file()
    kb = load_kb(kb_dir)
    day = dt.date.fromisoformat(DAY)
    groq = {p.provider: p for p in kb.current_prices("llama-3.3-70b-instruct", day)}["groq"]
    assert (groq.input, groq.as_of) == (0.65, day)
    assert len(kb.prices_by_model["llama-3.3-70b-instruct"]) == 2  # the older price stays as history
    assert all("gpt-7" not in p.model for p in kb.prices)
    sonnet = kb.models["claude-sonnet-4.5"]
    assert status_on(sonnet, "anthropic-api", day).status == "retired"
    assert sonnet.lifecycle[0].notes and "claude-sonnet-5-5" in sonnet.lifecycle[0].notes  # unknown successor
    log = (kb_dir.parent / "changelog.md").read_text(encoding="utf-8")
    assert (
        log.startswith("# Knowledge changelog") and "## 2026-11-30: refresh" in log and "0.59 -> 0.65" in log
    )


def test_genai_prices_fill_gaps_with_effective_dates(kb_dir: Path, sources: tuple[Path, Path]) -> None:
    assert run_refresh(kb_dir, *sources) == 0
    kb = load_kb(kb_dir)

    def together(day: dt.date) -> float:
        return {p.provider: p for p in kb.current_prices("qwen2.5-72b-instruct", day)}["together-ai"].input

    assert together(dt.date(2026, 12, 31)) == 0.23
    assert together(dt.date(2027, 1, 1)) == 0.3  # the announced price takes over on its start date


def test_a_later_refresh_keeps_history_and_the_newest_price_wins(
    kb_dir: Path, sources: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    litellm, genai = sources
    assert run_refresh(kb_dir, litellm, genai) == 0
    later = json.loads(litellm.read_text(encoding="utf-8"))
    later["groq/llama-3.3-70b-versatile"]["input_cost_per_token"] = tok(0.7)
    later["gpt-4o"]["deprecation_date"] = "2027-02-01"  # the vendor moved the shutdown
    litellm.write_text(json.dumps(later), encoding="utf-8")
    capsys.readouterr()
    assert run_refresh(kb_dir, litellm, genai, today="2026-12-15") == 0
    diff = capsys.readouterr().out
    assert "input 0.65 -> 0.7" in diff and "gpt-4o on vendor: shuts down 2027-02-01 (was 2027-01-14)" in diff
    assert (kb_dir / "prices-litellm-2026-11-30.yaml").is_file() and (
        kb_dir / "prices-litellm-2026-12-15.yaml"
    ).is_file()
    kb = load_kb(kb_dir, today=dt.date(2026, 12, 15))
    series = sorted(
        (p.as_of, p.input) for p in kb.prices_by_model["llama-3.3-70b-instruct"] if p.provider == "groq"
    )
    assert [x[1] for x in series] == [0.59, 0.65, 0.7]
    assert kb.current_prices("llama-3.3-70b-instruct", dt.date(2026, 12, 15))[0].input == 0.7
    assert (kb_dir / "lifecycle-litellm-2026-11-30.yaml").is_file()  # lifecycle history stays too
    assert status_on(kb.models["gpt-4o"], "openai-api", dt.date(2026, 12, 15)).shutdown == dt.date(2027, 2, 1)
    log = (kb_dir.parent / "changelog.md").read_text(encoding="utf-8")
    assert log.index("## 2026-12-15") < log.index("## 2026-11-30")  # newest first


def test_same_day_refresh_is_idempotent(kb_dir: Path, sources: tuple[Path, Path]) -> None:
    assert run_refresh(kb_dir, *sources) == 0
    first = {p.name: p.read_text(encoding="utf-8") for p in kb_dir.glob("*.yaml")}
    assert run_refresh(kb_dir, *sources) == 0
    assert {p.name: p.read_text(encoding="utf-8") for p in kb_dir.glob("*.yaml")} == first
    assert (kb_dir.parent / "changelog.md").read_text(encoding="utf-8").count("## 2026-11-30") == 1


def test_dry_run_writes_nothing(
    kb_dir: Path, sources: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    before = sorted(p.name for p in kb_dir.iterdir())
    assert run_refresh(kb_dir, *sources, "--dry-run") == 0
    assert "changed" in capsys.readouterr().out and sorted(p.name for p in kb_dir.iterdir()) == before


def test_regional_endpoints_are_kept_with_their_uplift(kb_dir: Path, tmp_path: Path) -> None:
    data = dict(LITELLM)
    data["azure/eu/gpt-4o"] = {
        "litellm_provider": "azure",
        "mode": "chat",
        "input_cost_per_token": tok(2.75),
        "output_cost_per_token": tok(11),
    }
    data["azure/gpt-4o"] = {**data["azure/eu/gpt-4o"], "input_cost_per_token": tok(2.5)}
    data["jp.anthropic.claude-sonnet-4-5"] = {
        "litellm_provider": "bedrock_converse",
        "mode": "chat",
        "input_cost_per_token": tok(3.3),
        "output_cost_per_token": tok(16.5),
    }
    src = tmp_path / "regional.json"
    src.write_text(json.dumps(data), encoding="utf-8")
    providers = yaml.safe_load((kb_dir / "providers.yaml").read_text(encoding="utf-8"))
    providers["providers"].append({**providers["providers"][0], "id": "azure-openai"})
    (kb_dir / "providers.yaml").write_text(yaml.safe_dump(providers), encoding="utf-8")
    result = build(
        kb_dir, [refresh_sources.Source("litellm", src, "fixture", "file")], dt.date.fromisoformat(DAY)
    )
    rows = yaml.safe_load(result.files["prices-litellm-2026-11-30.yaml"])["prices"]
    eu = next(r for r in rows if r["model"] == "gpt-4o" and r.get("region") == "eu")
    assert eu["provider"] == "azure-openai" and eu["regional_uplift_pct"] == 10.0
    jp = next(r for r in rows if r["model"] == "claude-sonnet-4.5" and r.get("region") == "jp")
    assert jp["provider"] == "aws-bedrock" and "regional_uplift_pct" not in jp  # no global Bedrock price here
    assert "gpt-4o at azure-openai (eu): 2.75 in / 11 out" in result.diff_text(limit=100)


def test_out_folder_receives_the_files_and_the_kb_is_untouched(
    kb_dir: Path, sources: tuple[Path, Path], tmp_path: Path
) -> None:
    before = {p.name: p.read_bytes() for p in kb_dir.iterdir()}
    out = tmp_path / "out"
    assert run_refresh(kb_dir, *sources, "--out", str(out)) == 0
    assert {p.name: p.read_bytes() for p in kb_dir.iterdir()} == before
    assert sorted(p.name for p in out.glob("*.yaml")) == [
        "lifecycle-litellm-2026-11-30.yaml",
        "prices-genai-2026-11-30.yaml",
        "prices-litellm-2026-11-30.yaml",
    ]


def test_a_hand_checked_price_of_the_same_day_wins_over_the_generated_one(
    kb_dir: Path, sources: tuple[Path, Path]
) -> None:
    assert run_refresh(kb_dir, *sources) == 0
    prices = yaml.safe_load((kb_dir / "prices.yaml").read_text(encoding="utf-8"))
    prices["prices"].append(
        {
            "model": "llama-3.3-70b-instruct",
            "provider": "groq",
            "input": 0.6,
            "output": 0.8,
            "source": "https://groq.com/pricing",
            "as_of": DAY,
        }
    )
    (kb_dir / "prices.yaml").write_text(yaml.safe_dump(prices, sort_keys=False), encoding="utf-8")
    kb = load_kb(kb_dir)  # no duplicate error: the generated file only repeats the key
    groq = kb.current_prices("llama-3.3-70b-instruct", dt.date.fromisoformat(DAY))[0]
    assert (groq.input, groq.source) == (0.6, "https://groq.com/pricing")
