"""`advisor web`: the app folder it prepares, the server command, and clear errors before starting."""

from __future__ import annotations

import json
import socket
import subprocess
import tomllib
from pathlib import Path

import pytest

from advisor.adapters.web import launch
from advisor.cli.main import main


def test_app_root_gets_our_config_readme_and_css(tmp_path: Path) -> None:
    root = launch.prepare_app_root(tmp_path / "web")
    config = tomllib.loads((root / ".chainlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["features"]["user_message_autoscroll"] is False
    assert config["features"]["edit_message"] is False
    assert config["UI"]["custom_css"] == "/public/advisor.css"
    readme = (root / "chainlit.md").read_text(encoding="utf-8")
    assert "LLM advisor" in readme and "LLM アドバイザー" in readme
    assert "system-ui" in (root / "public" / "advisor.css").read_text(encoding="utf-8")
    assert json.loads((root / "public" / "theme.json").read_text(encoding="utf-8")) == {"custom_fonts": []}
    ja = json.loads((root / ".chainlit" / "translations" / "ja.json").read_text(encoding="utf-8"))
    assert ja["chat"]["messages"]["status"] == {"using": "…", "used": "✓"}
    launch.prepare_app_root(root)  # idempotent: a second start just refreshes the files


def test_app_root_defaults_beside_the_data_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("ADVISOR_WEB_DIR", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert launch.default_app_root() == tmp_path / "advisor" / "web"
    monkeypatch.setenv("ADVISOR_WEB_DIR", str(tmp_path / "elsewhere"))
    assert launch.default_app_root() == tmp_path / "elsewhere"


def test_server_runs_headless_on_loopback_with_our_app_root(tmp_path: Path) -> None:
    cmd = launch.server_command("127.0.0.1", 8123)
    assert cmd[1:4] == ["-m", "chainlit", "run"] and Path(cmd[4]) == launch.APP_FILE
    assert cmd[5:] == ["--headless", "--host", "127.0.0.1", "--port", "8123"]
    env = launch.server_env(tmp_path, "knowledge", base={"PATH": "/bin"})
    assert env["CHAINLIT_APP_ROOT"] == str(tmp_path) and Path(env["ADVISOR_KB_DIR"]).is_absolute()
    assert "ADVISOR_KB_DIR" not in launch.server_env(tmp_path, None, base={})


def test_port_in_use_is_a_clear_error(capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        assert not launch.port_is_free("127.0.0.1", port)
        assert main(["web", "--port", str(port)]) == 2
    err = capsys.readouterr().err
    assert f"127.0.0.1:{port} is already in use" in err and "Traceback" not in err


def test_bad_port_and_missing_kb_exit_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["web", "--port", "70000"]) == 2
    assert "70000 is not a TCP port" in capsys.readouterr().err
    assert main(["web", "--kb", str(tmp_path / "nope")]) == 2
    assert "knowledge-base folder not found" in capsys.readouterr().err


def test_run_prints_the_url_and_starts_chainlit(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    started: dict[str, object] = {}

    class FakeProc:
        def __init__(self, cmd: list[str], env: dict[str, str], cwd: Path) -> None:
            started.update(cmd=cmd, env=env, cwd=cwd)

        def wait(self, timeout: float | None = None) -> int:
            return 0

    monkeypatch.setenv("ADVISOR_WEB_DIR", str(tmp_path / "app"))
    monkeypatch.setenv("ADVISOR_LLM", "offline")
    monkeypatch.setattr(subprocess, "Popen", FakeProc)
    monkeypatch.setattr(launch, "port_is_free", lambda h, p: True)
    assert main(["web", "--port", "8765"]) == 0
    out = capsys.readouterr().out
    assert "http://127.0.0.1:8765" in out and "offline mode" in out
    assert started["cwd"] == tmp_path / "app"
    assert (tmp_path / "app" / ".chainlit" / "config.toml").is_file()
