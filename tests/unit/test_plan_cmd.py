"""`advisor plan`: reverse planning from the command line (JSON, Markdown, exit 2 on bad input)."""

from __future__ import annotations

import json

import pytest

from advisor.cli.main import main
from advisor.i18n import msg, render


def test_plan_json_lists_hardware_with_speed_and_cost(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(
        [
            "plan",
            "--model",
            "llama-3.1-70b",
            "--requests-per-day",
            "3000",
            "--output-tokens",
            "500",
            "--today",
            "2026-11-30",
        ]
    )
    out = json.loads(capsys.readouterr().out)
    assert code == 0 and out["model_id"] == "llama-3.1-70b" and out["requests_per_day"] == 3000
    priced = [o for o in out["options"] if o["monthly_cost_usd"] is not None]
    assert priced
    for o in priced:
        hw = o["hardware"]
        assert hw["gpu"] and hw["count"] >= 1
        if hw["tokens_per_second"] is not None:
            assert hw["replicas"] >= 1 and hw["utilisation"] <= 1.0


def test_plan_with_owned_gpus_markdown(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(
        [
            "plan",
            "--model",
            "qwen2.5-32b-instruct",
            "--gpu",
            "A100 80GB x2",
            "--no-rent",
            "--format",
            "md",
            "--lang",
            "ja",
            "--today",
            "2026-11-30",
        ]
    )
    text = capsys.readouterr().out
    owned = render(msg("owned"), "ja")
    assert "保有" in owned
    assert code == 0 and f"nvidia-a100-80gb ({owned})" in text and "リクエスト" in text


@pytest.mark.parametrize(
    "argv",
    [
        ["plan", "--model", "no-such-model"],
        ["plan", "--model", "gpt-4o"],  # closed weights: nothing to self-host
        ["plan", "--model", "llama-3.1-8b", "--gpu", "Z9000 x2"],
        ["plan", "--model", "llama-3.1-8b", "--requests-per-day", "-5"],
        ["plan", "--model", "llama-3.1-8b", "--today", "yesterday"],
        ["plan", "--model", "llama-3.1-8b", "--gpu", "H100", "--hardware-cost", "-1"],
    ],
)
def test_bad_input_is_one_line_and_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("error:") and "Traceback" not in err


def test_owned_hardware_can_be_amortised(capsys: pytest.CaptureFixture[str]) -> None:
    base = ["plan", "--model", "llama-3.1-8b", "--gpu", "H100 x1", "--no-rent", "--today", "2026-11-30"]
    assert main(base) == 0
    plain = json.loads(capsys.readouterr().out)["options"][0]
    assert main([*base, "--hardware-cost", "36000", "--years", "3"]) == 0
    amortised = json.loads(capsys.readouterr().out)["options"][0]
    assert amortised["monthly_cost_usd"] == pytest.approx(plain["monthly_cost_usd"] + 1000, abs=0.02)
    assert amortised["cost_breakdown"]["gpu_usd"] == pytest.approx(1000)
