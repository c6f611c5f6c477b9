"""A profile file with absurd values gets one clear line per field and exit 2, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from advisor.cli.main import main


def test_absurd_values_are_refused_with_the_field_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "absurd.yaml"
    path.write_text(
        "tasks: [chat]\n"
        "volume: {requests_per_day: 1e308}\n"
        'hardware: [{gpu: "A100 80GB", count: 100000000000000000000000}]\n'
        "context_tokens: 100000000000000000000\n"
        "monthly_active_users: 1e20\n",
        encoding="utf-8",
    )
    assert main(["recommend", "--profile", str(path)]) == 2
    err = capsys.readouterr().err
    for field in ("volume.requests_per_day", "hardware[0].count", "context_tokens", "monthly_active_users"):
        assert f"{field}:" in err
    assert "Traceback" not in err


def test_large_but_real_values_still_work(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "big.yaml"
    path.write_text(
        "tasks: [chat]\ndata_sensitivity: public\nvolume: {requests_per_day: 50000000}\nmonthly_active_users: 900000000\n",
        encoding="utf-8",
    )
    assert main(["recommend", "--profile", str(path)]) == 0
