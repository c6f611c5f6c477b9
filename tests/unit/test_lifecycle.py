"""Lifecycle per platform: how a status is judged on a day, how lifecycle files merge onto models,
and what the engine does with it (retired: excluded with its successor; deprecated: a warning)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from engine_fixtures import D, make_kb
from engine_fixtures import models as fixture_models
from kb_fixtures import REAL_KB, copy_real_kb

from advisor.cli.main import main
from advisor.engine import normalise_profile, recommend
from advisor.engine.lifecycle import is_retired, judged_today, retired_from, status_on
from advisor.i18n import Date, render
from advisor.kb.errors import InputError
from advisor.kb.loader import load_kb
from advisor.kb.schema import Model, PlatformLifecycle

DAY = dt.date(2026, 11, 30)
# On 2026-11-01 this profile's best answer is Gemini 2.5 Flash (vision, cheap): see the first test.
# a long-context vision chat at a small volume: the case Gemini 2.5 Flash is chosen for on this KB
FLASH_PROFILE = {
    "tasks": ["chat", "vision"],
    "languages": ["en"],
    "budget_usd_month": 100,
    "deployment": "any",
    "context_tokens": 500_000,
    "volume": {"requests_per_day": 10},
}


def _model(open_weights: bool = False, lifecycle: list[dict[str, Any]] | None = None, **extra: Any) -> Model:
    return Model(
        id="m",
        name="M",
        family="m",
        vendor="v",
        open_weights=open_weights,
        licence="x",
        context_window=1000,
        lifecycle=lifecycle or [],
        source="test",
        as_of=DAY,
        **extra,
    )


def _entry(platform: str, status: str = "deprecated", **dates: Any) -> dict[str, Any]:
    return {"platform": platform, "status": status, "source": "test", "as_of": "2026-11-01", **dates}


# --- judging a status on a day -------------------------------------------------------------------


def test_shutdown_date_decides_retired_and_announced_shutdown_is_deprecated() -> None:
    m = _model(lifecycle=[_entry("vendor", shutdown_date="2026-12-01", successor="n")])
    assert status_on(m, "vendor", dt.date(2026, 11, 30)).status == "deprecated"
    after = status_on(m, "vendor", dt.date(2026, 12, 1))
    assert after.status == "retired" and after.shutdown == dt.date(2026, 12, 1) and after.successor == "n"
    preview = _model(lifecycle=[_entry("vendor", status="preview", shutdown_date="2026-12-01")])
    assert status_on(preview, "vendor", dt.date(2026, 11, 30)).status == "preview"


def test_deprecation_date_and_recorded_status() -> None:
    m = _model(lifecycle=[_entry("vendor", deprecated_on="2026-11-23"), _entry("groq", status="preview")])
    assert status_on(m, "vendor", dt.date(2026, 11, 22)).status == "ga"
    assert status_on(m, "vendor", dt.date(2026, 11, 23)).status == "deprecated"
    assert status_on(m, "groq", DAY).status == "preview"


def test_resellers_follow_the_vendor_for_closed_weights_only() -> None:
    entries = [
        _entry("vendor", shutdown_date="2026-12-01"),
        _entry("aws-bedrock", shutdown_date="2027-04-08"),
    ]
    closed, open_ = _model(lifecycle=entries), _model(open_weights=True, lifecycle=entries)
    day = dt.date(2026, 12, 2)
    assert status_on(closed, "openrouter", day).status == "retired"  # no entry of its own: the vendor's
    assert status_on(closed, "aws-bedrock", day).status == "deprecated"  # its own, later date
    assert status_on(open_, "openrouter", day).status is None  # a host of open weights runs its own copy
    assert not is_retired(closed, {"openrouter", "aws-bedrock"}, day)
    assert is_retired(closed, {"openrouter", "aws-bedrock"}, dt.date(2027, 4, 8))
    assert retired_from(open_, {"openrouter"}) == (None, None)  # open weights can always be self-hosted


def test_old_single_deprecation_date_still_counts_as_the_vendors_shutdown() -> None:
    m = _model(deprecation_date=dt.date(2026, 3, 9))
    assert status_on(m, "any-host", DAY).status == "retired"
    assert is_retired(m, set(), DAY)


def test_advisor_today_sets_the_day_and_a_bad_value_is_one_clear_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("ADVISOR_TODAY", "2026-12-02")
    assert judged_today() == dt.date(2026, 12, 2)
    assert judged_today(DAY) == DAY  # an explicit day wins
    monkeypatch.setenv("ADVISOR_TODAY", "tomorrow")
    with pytest.raises(InputError, match=r"ADVISOR_TODAY.*not a date"):
        judged_today()


# --- lifecycle files -----------------------------------------------------------------------------


def _write_lifecycle(kb: Path, rows: list[dict[str, Any]], name: str = "lifecycle.yaml") -> None:
    (kb / name).write_text(yaml.safe_dump({"lifecycle": rows}, sort_keys=False), encoding="utf-8")


def test_lifecycle_file_merges_onto_models_hand_checked_first(tmp_path: Path) -> None:
    kb_dir = copy_real_kb(tmp_path / "kb")
    row = {
        "model": "gpt-4o",
        "platform": "azure-openai",
        "status": "deprecated",
        "shutdown_date": "2027-05-01",
        "successor": "gpt-5",
        "source": "hand",
        "as_of": "2026-11-01",
    }
    _write_lifecycle(kb_dir, [row])
    kb = load_kb(kb_dir)
    entry = next(e for e in kb.models["gpt-4o"].lifecycle if e.platform == "azure-openai")
    assert isinstance(entry, PlatformLifecycle) and entry.source == "hand" and entry.successor == "gpt-5"
    assert entry.shutdown_date == dt.date(
        2027, 5, 1
    )  # not litellm's 2027-04-14 from lifecycle-litellm-<day>.yaml


def test_a_generated_row_fills_what_the_hand_checked_one_leaves_unknown(tmp_path: Path) -> None:
    kb_dir = copy_real_kb(tmp_path / "kb")
    row = {
        "model": "gemini-2.5-flash",
        "platform": "vendor",
        "status": "retired",
        "shutdown_date": "2026-11-15",
        "successor": "gemini-3-flash",
        "source": "generated",
        "as_of": "2026-11-30",
    }
    _write_lifecycle(kb_dir, [row], "lifecycle-zz-test.yaml")
    entry = next(e for e in load_kb(kb_dir).models["gemini-2.5-flash"].lifecycle if e.platform == "vendor")
    assert entry.shutdown_date == dt.date(2026, 12, 1)  # the hand-checked date stands
    assert entry.successor == "gemini-3-flash" and entry.notes and "successor from generated" in entry.notes


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"model": "gpt-9000"}, "unknown model id 'gpt-9000'"),
        ({"successor": "gemini-9"}, "unknown model id 'gemini-9'"),
        ({"platform": "nowhere"}, "unknown platform 'nowhere'"),
        ({"successor": "gpt-4o"}, "cannot succeed itself"),
        ({"status": "retired", "shutdown_date": None}, "needs its shutdown date"),
        ({"deprecated_on": "2027-01-01"}, "before the deprecation date"),
        ({"colour": "red"}, "unknown field"),
        ({"model": "gpt-oss-120b"}, "open weights: name the provider"),
    ],
)
def test_bad_lifecycle_rows_are_reported(tmp_path: Path, change: dict[str, Any], message: str) -> None:
    kb_dir = copy_real_kb(tmp_path / "kb")
    row = {
        "model": "gpt-4o",
        "platform": "vendor",
        "status": "deprecated",
        "shutdown_date": "2026-12-31",
        "source": "hand",
        "as_of": "2026-11-01",
        **change,
    }
    _write_lifecycle(kb_dir, [{k: v for k, v in row.items() if v is not None}])
    with pytest.raises(InputError) as err:
        load_kb(kb_dir)
    assert any(message in str(p) and "lifecycle.yaml" in str(p) for p in err.value.problems), err.value


def test_real_kb_lifecycles_name_existing_models_and_the_issue_facts() -> None:
    kb = load_kb(REAL_KB)
    for model_id, platform, shutdown in (
        ("gemini-2.5-pro", "vendor", dt.date(2026, 12, 1)),
        ("gemini-2.5-flash", "vendor", dt.date(2026, 12, 1)),
        ("claude-sonnet-4.5", "vendor", dt.date(2026, 11, 30)),
    ):
        assert status_on(kb.models[model_id], platform, dt.date(2026, 12, 2)) == status_on(
            kb.models[model_id], platform, dt.date(2026, 12, 2)
        )._replace(status="retired")
        assert status_on(kb.models[model_id], platform, DAY).shutdown == shutdown
    opus = status_on(kb.models["claude-opus-4.5"], "anthropic-api", DAY)
    assert opus.status == "deprecated" and opus.deprecated_on == dt.date(2026, 11, 23)
    assert status_on(kb.models["gemini-3-pro"], "google-gemini-api-paid", DAY).status == "retired"


# --- the engine ---------------------------------------------------------------------------------


def _named(rec: Any) -> set[str]:
    """Every model the recommendation puts forward (primary, alternatives, hybrid routes)."""
    ids = {c.model_id for c in [rec.primary, *rec.alternatives] if c is not None}
    return ids | {r.model_id for r in (rec.hybrid.routes if rec.hybrid else [])}


def test_gemini_flash_is_chosen_before_its_shutdown_and_never_after() -> None:
    kb = load_kb(REAL_KB)
    before = recommend(normalise_profile(FLASH_PROFILE, kb), kb, today=dt.date(2026, 11, 1))
    assert before.primary is not None and before.primary.model_id == "gemini-2.5-flash"
    assert before.primary.lifecycle is not None and before.primary.lifecycle.status == "deprecated"
    assert before.primary.lifecycle.shutdown_date == "2026-12-01"
    assert any(
        w.code == "deprecated" and "2026-12-01" in str(w.text) and "Gemini 2.5 Flash" in str(w.text)
        for w in before.warnings
    )
    after = recommend(normalise_profile(FLASH_PROFILE, kb), kb, today=dt.date(2026, 12, 2))
    assert "gemini-2.5-flash" not in _named(after) and after.primary is not None
    excluded = {x.model_id: x.reasons for x in after.excluded}
    assert [r.code for r in excluded["gemini-2.5-flash"]] == ["retired"]
    successor = kb.models["gemini-2.5-flash"].lifecycle[0].successor
    if successor:  # named in lifecycle.yaml once the successor model is in the KB
        assert kb.models[successor].name in str(excluded["gemini-2.5-flash"][0].text)


def test_a_retired_models_successor_is_named_and_can_be_chosen(tmp_path: Path) -> None:
    kb_dir = copy_real_kb(tmp_path / "kb")
    path = kb_dir / "lifecycle.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for row in data["lifecycle"]:
        if row["model"] == "gemini-2.5-flash":
            row["successor"] = "gemini-3-flash"  # a stand-in successor that exists in this KB
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    kb = load_kb(kb_dir)
    for lang, word in (("en", "successor is Gemini 3 Flash"), ("ja", "後継は Gemini 3 Flash")):
        rec = recommend(normalise_profile(FLASH_PROFILE, kb), kb, today=dt.date(2026, 12, 2))
        reason = next(x for x in rec.excluded if x.model_id == "gemini-2.5-flash").reasons[0]
        assert reason.code == "retired" and word in render(reason.text, lang)
        assert "gemini-2.5-flash" not in _named(rec) and "gemini-3-flash" in _named(rec)


def test_cli_today_and_advisor_today_judge_the_same_day(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    profile = tmp_path / "p.yaml"
    profile.write_text(yaml.safe_dump(FLASH_PROFILE), encoding="utf-8")
    args = ["recommend", "--profile", str(profile), "--kb", str(REAL_KB)]
    assert main([*args, "--today", "2026-12-02"]) == 0
    by_flag = json.loads(capsys.readouterr().out)
    monkeypatch.setenv("ADVISOR_TODAY", "2026-12-02")
    assert main(args) == 0
    by_env = json.loads(capsys.readouterr().out)
    assert by_flag["primary"]["model_id"] == by_env["primary"]["model_id"] != "gemini-2.5-flash"
    assert "lifecycle" in by_flag["primary"]
    monkeypatch.setenv("ADVISOR_TODAY", "someday")
    assert main(args) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "ADVISOR_TODAY" in err[0]


def _fixture_kb(model_id: str, **entry: Any) -> Any:
    changed = [
        m.model_copy(update={"lifecycle": [PlatformLifecycle(**_entry("vendor", **entry))]})
        if m.id == model_id
        else m
        for m in fixture_models()
    ]
    return make_kb(models=changed)


def test_deprecated_without_shutdown_date_says_since_when() -> None:
    kb = _fixture_kb("long-200k", deprecated_on=(D + dt.timedelta(days=10)).isoformat())
    profile = normalise_profile({"tasks": ["summarization"], "context_tokens": 150_000}, kb)
    for lang, words in (("en", "since"), ("ja", "から非推奨")):
        rec = recommend(profile, kb, today=D + dt.timedelta(days=20))
        assert rec.primary is not None and rec.primary.model_id == "long-200k"
        assert rec.primary.lifecycle is not None and rec.primary.lifecycle.status == "deprecated"
        assert rec.primary.lifecycle.shutdown_date is None
        warning = next(w for w in rec.warnings if w.code == "deprecated")
        text = render(warning.text, lang)
        assert words in text and render(Date(D + dt.timedelta(days=10)), lang) in text


def test_retired_everywhere_names_the_successor_which_takes_its_place() -> None:
    kb = _fixture_kb("gpt-4o", shutdown_date=(D + dt.timedelta(days=5)).isoformat(), successor="gpt-4o-mini")
    profile = normalise_profile({"tasks": ["vision"], "deployment": "any"}, kb)
    before = recommend(profile, kb, today=D)
    after = recommend(profile, kb, today=D + dt.timedelta(days=5))
    assert before.primary is not None and before.primary.model_id == "gpt-4o"
    assert before.primary.lifecycle is not None and before.primary.lifecycle.status == "deprecated"
    assert "gpt-4o" not in _named(after) and "gpt-4o-mini" in _named(after)
    reason = next(x for x in after.excluded if x.model_id == "gpt-4o").reasons
    assert [r.code for r in reason] == ["retired"] and "GPT-4o mini" in str(reason[0].text)
