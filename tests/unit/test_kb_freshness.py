"""Freshness fails closed: a price over 120 days old is flagged first and costs score; `kb stats`
reports how old the prices in force and the FX rates are, and how many models are retired."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jsonschema
import pytest
from engine_fixtures import D, make_kb
from kb_fixtures import FILES, REAL_KB, write_kb
from shared_paths import schema

from advisor.cli.main import main
from advisor.engine import defaults as Defaults
from advisor.engine import normalise_profile, recommend, render_markdown
from advisor.i18n import render
from advisor.kb.loader import load_kb
from advisor.kb.stats import compute_stats

LONG = {"tasks": ["summarization"], "context_tokens": 150_000}  # fixture: only Long 200k qualifies


def _judge(days_after: int):  # type: ignore[no-untyped-def]
    kb = make_kb()
    return recommend(normalise_profile(LONG, kb), kb, today=D + dt.timedelta(days=days_after))


def test_threshold_is_120_days() -> None:
    assert Defaults.STALE_DAYS == 120
    fresh, stale = _judge(120), _judge(121)
    assert fresh.primary is not None and stale.primary is not None
    assert fresh.primary.model_id == stale.primary.model_id == "long-200k"
    assert not any(w.code == "stale_price" for w in fresh.warnings)
    assert stale.warnings[0].code == "stale_price" and D.isoformat() in str(stale.warnings[0].text)


def test_stale_price_lowers_the_score_by_the_stated_penalty() -> None:
    fresh, stale = _judge(120), _judge(121)
    assert fresh.primary is not None and stale.primary is not None
    assert fresh.primary.score - stale.primary.score == pytest.approx(Defaults.STALE_PENALTY, abs=1e-4)
    assert any("120 days" in str(r) for r in stale.primary.reasons)
    assert not any("120 days" in str(r) for r in fresh.primary.reasons)


def test_stale_warning_comes_before_every_other_warning() -> None:
    kb = make_kb()
    rec = recommend(
        normalise_profile({**LONG, "budget_usd_month": 1}, kb), kb, today=D + dt.timedelta(days=200)
    )
    codes = [w.code for w in rec.warnings]
    assert "over_budget" in codes and codes[0] == "stale_price"


def _stats_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict:
    assert main(["kb", "stats", "--json", *args]) == 0
    return json.loads(capsys.readouterr().out)


def test_stats_report_prices_in_force_fx_and_retired_models(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = {name: dict(data) for name, data in FILES.items()}
    # a newer gpt-4o price supersedes the 2026-06-01 one: the oldest price IN FORCE is the groq one
    files["prices-later.yaml"] = {
        "prices": [
            {
                "model": "gpt-4o",
                "provider": "openai-api",
                "input": 2.5,
                "output": 10.0,
                "source": "later",
                "as_of": "2026-08-01",
            }
        ]
    }
    files["lifecycle.yaml"] = {
        "lifecycle": [
            {
                "model": "gpt-4o",
                "platform": "vendor",
                "status": "deprecated",
                "shutdown_date": "2026-12-01",
                "source": "x",
                "as_of": "2026-08-01",
            }
        ]
    }
    kb_dir = write_kb(tmp_path / "kb", files)
    before = _stats_json(capsys, "--kb", str(kb_dir), "--today", "2026-11-30")
    after = _stats_json(capsys, "--kb", str(kb_dir), "--today", "2026-12-01")
    jsonschema.validate(before, schema("kb-stats"))
    assert before["prices_oldest_as_of"] == "2026-07-24"  # not the superseded 2026-06-01
    assert before["oldest_as_of"] <= "2026-06-01"  # every fact, history included
    assert before["fx_as_of"] == "2026-07-24"
    assert (before["retired_models"], after["retired_models"]) == (0, 1)


def test_stats_on_the_real_kb_match_the_contract(capsys: pytest.CaptureFixture[str]) -> None:
    stats = _stats_json(capsys, "--kb", str(REAL_KB), "--today", "2026-12-02")
    jsonschema.validate(stats, schema("kb-stats"))
    kb = load_kb(REAL_KB)
    assert stats == compute_stats(kb, dt.date(2026, 12, 2)) | {"kb_version": kb.version}
    assert stats["retired_models"] >= 3  # Gemini 3 Pro, Gemini 2.5 Pro and Flash
    assert stats["prices_oldest_as_of"] >= stats["oldest_as_of"]
    assert stats["fx_as_of"] is not None


def test_stats_table_names_the_new_lines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    kb_dir = write_kb(tmp_path / "kb")
    assert main(["kb", "stats", "--kb", str(kb_dir)]) == 0
    out = capsys.readouterr().out
    assert "oldest in force" in out and "oldest FX rate" in out and "models retired everywhere" in out


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_stale_price_heads_the_written_answer(lang: str) -> None:
    kb = make_kb()
    rec = recommend(normalise_profile(LONG, kb), kb, today=D + dt.timedelta(days=121))
    md = render_markdown(rec, kb, lang)
    stale = next(w for w in rec.warnings if w.code == "stale_price")
    text = render(stale.text, lang)
    assert md.index(text) < md.index("\n## ")  # before the summary, not in the warnings list below
    assert md.count(text) == 1
