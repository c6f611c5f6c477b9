"""`advisor kb refresh` on small source files written here, and on the installed packages' data."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from kb_fixtures import REAL_KB, copy_real_kb, write_kb

from advisor.cli.main import main
from advisor.engine.lifecycle import status_on
from advisor.kb import genai_import, refresh_sources
from advisor.kb.loader import load_kb
from advisor.kb.refresh import build
from advisor.kb.refresh_sources import locate

DAY = "2026-11-30"


def _tok(per_million: float) -> float:
    return per_million / 1e6


LITELLM: dict[str, Any] = {
    "sample_spec": {"litellm_provider": "openai", "mode": "chat"},
    "gpt-4o": {
        "litellm_provider": "openai",
        "mode": "chat",
        "input_cost_per_token": _tok(2.5),
        "output_cost_per_token": _tok(10),
        "cache_read_input_token_cost": _tok(1.25),
        "deprecation_date": "2027-01-14",
        "successor_model": "gpt-5.1",
    },
    "claude-sonnet-4-5": {
        "litellm_provider": "anthropic",
        "mode": "chat",
        "input_cost_per_token": _tok(3),
        "output_cost_per_token": _tok(15),
        "deprecation_date": "2026-11-30",
        "successor_model": "claude-sonnet-5-5",
        "deprecation_source": "https://platform.claude.com/docs/en/about-claude/model-deprecations",
    },
    "groq/llama-3.3-70b-versatile": {
        "litellm_provider": "groq",
        "mode": "chat",
        "input_cost_per_token": _tok(0.65),
        "output_cost_per_token": _tok(0.79),
    },
    "gpt-7": {
        "litellm_provider": "openai",
        "mode": "chat",
        "input_cost_per_token": _tok(10),
        "output_cost_per_token": _tok(40),
    },
    "text-embedding-3-small": {
        "litellm_provider": "openai",
        "mode": "embedding",
        "input_cost_per_token": _tok(0.02),
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


@pytest.fixture
def sources(tmp_path: Path) -> tuple[Path, Path]:
    litellm = tmp_path / "model_prices_and_context_window.json"
    litellm.write_text(json.dumps(LITELLM), encoding="utf-8")
    genai = tmp_path / "data.py"
    genai.write_text(GENAI, encoding="utf-8")
    return litellm, genai


@pytest.fixture
def kb_dir(tmp_path: Path) -> Path:
    return write_kb(tmp_path / "knowledge")


def _refresh(kb: Path, litellm: Path, genai: Path, *extra: str) -> int:
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
            DAY,
            "--changelog",
            str(kb.parent / "changelog.md"),
            *extra,
        ]
    )


def test_refresh_prints_the_diff_and_writes_dated_files(
    kb_dir: Path, sources: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert _refresh(kb_dir, *sources) == 0
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
    assert _refresh(kb_dir, *sources) == 0
    kb = load_kb(kb_dir)

    def together(day: dt.date) -> float:
        return {p.provider: p for p in kb.current_prices("qwen2.5-72b-instruct", day)}["together-ai"].input

    assert together(dt.date(2026, 12, 31)) == 0.23
    assert together(dt.date(2027, 1, 1)) == 0.3  # the announced price takes over on its start date


def test_a_later_refresh_keeps_history_and_the_newest_price_wins(
    kb_dir: Path, sources: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    litellm, genai = sources
    assert _refresh(kb_dir, litellm, genai) == 0
    later = json.loads(litellm.read_text(encoding="utf-8"))
    later["groq/llama-3.3-70b-versatile"]["input_cost_per_token"] = _tok(0.7)
    later["gpt-4o"]["deprecation_date"] = "2027-02-01"  # the vendor moved the shutdown
    litellm.write_text(json.dumps(later), encoding="utf-8")
    capsys.readouterr()
    assert (
        main(
            [
                "kb",
                "refresh",
                "--kb",
                str(kb_dir),
                "--litellm",
                str(litellm),
                "--genai-prices",
                str(genai),
                "--today",
                "2026-12-15",
                "--changelog",
                str(kb_dir.parent / "changelog.md"),
            ]
        )
        == 0
    )
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
    assert _refresh(kb_dir, *sources) == 0
    first = {p.name: p.read_text(encoding="utf-8") for p in kb_dir.glob("*.yaml")}
    assert _refresh(kb_dir, *sources) == 0
    assert {p.name: p.read_text(encoding="utf-8") for p in kb_dir.glob("*.yaml")} == first
    assert (kb_dir.parent / "changelog.md").read_text(encoding="utf-8").count("## 2026-11-30") == 1


def test_dry_run_writes_nothing(
    kb_dir: Path, sources: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    before = sorted(p.name for p in kb_dir.iterdir())
    assert _refresh(kb_dir, *sources, "--dry-run") == 0
    assert "changed" in capsys.readouterr().out and sorted(p.name for p in kb_dir.iterdir()) == before


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
    assert _refresh(kb_dir, *sources) == 2
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
    assert _refresh(kb_dir, bad, sources[1]) == 2
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
    assert _refresh(kb_dir, sources[0], bad) == 2
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


def test_regional_endpoints_are_kept_with_their_uplift(kb_dir: Path, tmp_path: Path) -> None:
    data = dict(LITELLM)
    data["azure/eu/gpt-4o"] = {
        "litellm_provider": "azure",
        "mode": "chat",
        "input_cost_per_token": _tok(2.75),
        "output_cost_per_token": _tok(11),
    }
    data["azure/gpt-4o"] = {**data["azure/eu/gpt-4o"], "input_cost_per_token": _tok(2.5)}
    data["jp.anthropic.claude-sonnet-4-5"] = {
        "litellm_provider": "bedrock_converse",
        "mode": "chat",
        "input_cost_per_token": _tok(3.3),
        "output_cost_per_token": _tok(16.5),
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
    assert _refresh(kb_dir, *sources, "--out", str(out)) == 0
    assert {p.name: p.read_bytes() for p in kb_dir.iterdir()} == before
    assert sorted(p.name for p in out.glob("*.yaml")) == [
        "lifecycle-litellm-2026-11-30.yaml",
        "prices-genai-2026-11-30.yaml",
        "prices-litellm-2026-11-30.yaml",
    ]


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


def test_a_hand_checked_price_of_the_same_day_wins_over_the_generated_one(
    kb_dir: Path, sources: tuple[Path, Path]
) -> None:
    assert _refresh(kb_dir, *sources) == 0
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
