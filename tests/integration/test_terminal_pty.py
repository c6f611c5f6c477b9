"""`advisor chat` on a real pseudo-terminal (pexpect), as a person at a terminal sees it: rendered
Markdown that fits 80 columns, no `---` separators, commands that are never answers, line editing with
history, and a goodbye on Ctrl-C and Ctrl-D."""

from __future__ import annotations

import os
import re
import sys
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pexpect
import pytest

PROMPT = "›"
ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][A-Z0-9]|\x1b[=>]")
BRIEF = (
    "We summarise patient records in Japanese, regulated data, on our own servers with 2x A100 80GB, "
    "500 requests a day, commercial use"
)


def plain(raw: str) -> list[str]:
    """The lines a reader sees: colour and cursor codes removed."""
    return [line.rstrip() for line in ANSI.sub("", raw).replace("\r\n", "\n").replace("\r", "\n").split("\n")]


def width(line: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)


def spawn(tmp_path: Path, *args: str) -> pexpect.spawn:
    """`advisor chat` on an 80×24 pseudo-terminal, offline, with its own database; waits for the prompt."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "ADVISOR_"))}
    env.update(
        ADVISOR_DB=str(tmp_path / "state.db"),
        ADVISOR_LLM="offline",
        TERM="xterm-256color",
        PROMPT_TOOLKIT_NO_CPR="1",
        COLUMNS="80",
        LINES="24",
    )
    child = pexpect.spawn(
        sys.executable,
        ["-m", "advisor.cli.main", "chat", *args],
        env=env,
        cwd=str(tmp_path),
        dimensions=(24, 80),
        encoding="utf-8",
        timeout=90,
    )
    child.expect(PROMPT)
    return child


@pytest.fixture
def chat(tmp_path: Path) -> Iterator[pexpect.spawn]:
    child = spawn(tmp_path)
    yield child
    if child.isalive():
        child.terminate(force=True)


def answer(child: pexpect.spawn, line: str, until: str) -> str:
    """Types a line, waits for ``until`` (a regex the answer holds) and the next prompt; returns the
    screen output in between."""
    child.sendline(line)
    child.expect(until)
    seen = str(child.before) + str(child.after)
    child.expect(PROMPT)
    return seen + str(child.before)


def test_a_recommendation_renders_within_the_width_without_markdown_or_separators(
    chat: pexpect.spawn, tmp_path: Path
) -> None:
    shown = plain(answer(chat, BRIEF, "/report"))
    body = [
        line
        for line in shown
        if line and PROMPT not in line and "Thinking" not in line and BRIEF[:20] not in line
    ]
    assert len(body) > 20, shown
    assert max(width(line) for line in body) <= 80
    assert not any(line.strip() == "---" for line in body)
    text = "\n".join(body)
    assert "**" not in text and "|---" not in text and not re.search(r"^#+ ", text, re.M)
    assert "/report" in text  # exclusions, assumptions and sources wait for /report
    saved = plain(answer(chat, "/save report.md", r"saved to"))
    assert any("report.md" in line for line in saved)
    report = (tmp_path / "report.md").read_text()
    assert report.startswith("# ") and "|" in report  # the Markdown report itself
    chat.sendcontrol("c")
    chat.expect(pexpect.EOF)
    goodbye = "\n".join(plain(str(chat.before)))
    assert "Goodbye" in goodbye and "advisor chat --thread" in goodbye
    chat.wait()
    assert chat.exitstatus == 0


def test_commands_are_never_answers_and_history_recalls_lines(chat: pexpect.spawn, tmp_path: Path) -> None:
    help_text = "\n".join(plain(answer(chat, "/help", "leave")))
    assert all(c in help_text for c in ("/new", "/report", "/save", "/quit"))
    assert "No report yet" in "\n".join(plain(answer(chat, "/report", "No report yet")))
    assert "Unknown command /frobnicate" in "\n".join(plain(answer(chat, "/frobnicate", "Unknown command")))
    # the up arrow brings back the last line (/frobnicate); the arrows move in it and backspace
    # edits it into /help, and no escape code is printed
    chat.send("\x1b[A")
    chat.send("\x1b[D" * 4 + "\x1b[C" * 4)
    chat.send("\x7f" * 10 + "help\r")
    chat.expect("leave")
    recalled = "\n".join(plain(str(chat.before)))
    chat.expect(PROMPT)  # Ctrl-D at an empty prompt
    assert "/new" in recalled and "^[[A" not in recalled
    assert (tmp_path / "chat_history").read_text().count("/frobnicate") == 1
    chat.sendcontrol("d")
    chat.expect(pexpect.EOF)
    assert "Goodbye" in "\n".join(plain(str(chat.before)))
    chat.wait()
    assert chat.exitstatus == 0


def test_new_starts_a_fresh_thread_and_quit_leaves(chat: pexpect.spawn) -> None:
    first = "\n".join(plain(answer(chat, "A chatbot for our public website, with public data", r"1\. ")))
    assert "chatbot" in first.lower()
    fresh = "\n".join(plain(answer(chat, "/new", "New conversation")))
    assert "Tell me what you want" in fresh
    assert "No report yet" in "\n".join(plain(answer(chat, "/report", "No report yet")))
    chat.sendline("/quit")
    chat.expect(pexpect.EOF)
    assert "Goodbye" in "\n".join(plain(str(chat.before)))


def test_japanese_session_speaks_japanese_from_welcome_to_goodbye(tmp_path: Path) -> None:
    child = spawn(tmp_path, "--lang", "ja")
    try:
        welcome = "\n".join(plain(str(child.before)))
        assert any("\u3040" <= ch <= "\u30ff" for ch in welcome)
        help_text = "\n".join(plain(answer(child, "/help", "終了")))
        assert "/save" in help_text and "コマンド" in help_text
        child.sendcontrol("d")
        child.expect(pexpect.EOF)
        assert "終了します" in "\n".join(plain(str(child.before)))
    finally:
        if child.isalive():
            child.terminate(force=True)
