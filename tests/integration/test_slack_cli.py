"""`advisor slack` start-up errors: one clear line and exit code 2, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from advisor.adapters.slack.server import SlackSettings
from advisor.cli.main import main


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN", "SLACK_API_URL"):
        monkeypatch.delenv(name, raising=False)


def test_http_mode_names_every_missing_credential(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["slack", "--http", "--port", "3999"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [
        "error: advisor slack --http: missing SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET in the "
        "environment (see docs/slack.md)"
    ]


def test_socket_mode_is_the_default_with_an_app_token(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SLACK_APP_TOKEN", "xapp-1")
    assert main(["slack"]) == 2
    assert "advisor slack --socket: missing SLACK_BOT_TOKEN in" in capsys.readouterr().err


def test_bad_port_and_bad_knowledge_base_are_input_errors(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-1")
    monkeypatch.setenv("SLACK_SIGNING_SECRET", "s")
    monkeypatch.setenv("ADVISOR_DB", str(tmp_path / "state.db"))
    assert main(["slack", "--http", "--port", "70000"]) == 2
    assert "--port: 70000 is not a TCP port" in capsys.readouterr().err
    (tmp_path / "kb").mkdir()
    (tmp_path / "kb" / "models.yaml").write_text("models: [unclosed\n")
    assert main(["slack", "--http", "--kb", str(tmp_path / "kb")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "Traceback" not in err


def test_settings_never_show_secrets() -> None:
    settings = SlackSettings(bot_token="xoxb-secret", signing_secret="sig-secret", app_token="xapp-secret")
    assert "secret" not in repr(settings).replace("secrets=<hidden>", "")
