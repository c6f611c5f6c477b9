"""`advisor chat` with piped stdin: one turn per line, `---` after each reply, numbered options,
the thread id on stderr, and a conversation resumed by a second process."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from advisor.agent.reply import Option, Question, Reply
from advisor.cli.chat_cmd import pick_option, render
from advisor.cli.main import main


def _chat(db: Path, stdin: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "ADVISOR_DB": str(db), "ADVISOR_LLM": "offline"}
    env.pop("OPENAI_API_KEY", None)
    return subprocess.run(
        [sys.executable, "-m", "advisor.cli.main", "chat", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def test_piped_conversation_resumes_in_a_second_process(tmp_path: Path) -> None:
    db = tmp_path / "state.db"
    first = _chat(db, "We want to summarise patient records.\n3\n", "--thread", "t1")
    assert first.returncode == 0, first.stderr
    assert "t1" in first.stderr and "Traceback" not in first.stderr
    blocks = first.stdout.split("\n---\n")
    assert len(blocks) == 3 and blocks[-1] == ""
    assert "  1. " in blocks[0]  # options are numbered
    assert "GPU" in blocks[1]  # "3" picked "on our own servers", so hardware is asked next
    second = _chat(db, "A100 80GB x2\nwhy not GPT-4o?\n/quit\nignored after quit\n", "--thread", "t1")
    assert second.returncode == 0, second.stderr
    replies = second.stdout.split("\n---\n")
    assert len(replies) == 3
    assert "self-hosted" in replies[0].lower() and "GPT-4o" in replies[1]


def test_japanese_flag_and_eof_in_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("ADVISOR_DB", str(tmp_path / "s.db"))
    monkeypatch.setenv("ADVISOR_LLM", "offline")
    monkeypatch.setattr(sys, "stdin", io.StringIO("A chatbot for our website\n\n"))
    assert main(["chat", "--lang", "ja"]) == 0
    out = capsys.readouterr()
    assert out.out.count("\n---\n") == 1 and out.out.endswith("---\n")
    assert any("\u3040" <= ch <= "\u30ff" for ch in out.out)  # replies in Japanese
    assert "thread:" in out.err


def test_number_picks_an_option_only_when_one_is_pending() -> None:
    question = Question(
        slot="deployment",
        text="?",
        options=[Option(value="any", label="APIs"), Option(value="on_prem", label="On-prem")],
    )
    pending = Reply(thread_id="t", text="?", question=question)
    assert pick_option("2", pending) == "on_prem"
    assert pick_option("7", pending) == "7"
    assert pick_option("2", Reply(thread_id="t", text="done")) == "2"
    assert "  2. On-prem" in render(pending)
