"""The terminal conversation without a terminal: commands parsed as commands, the report's long tail
held back for /report, a scripted line reader driving the loop, output rendered to a given width."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.cells import cell_len
from rich.console import Console

from advisor.agent.reply import Option, Question, Reply
from advisor.cli.chat_cmd import pick_option
from advisor.cli.terminal.commands import parse_command
from advisor.cli.terminal.session import TerminalChat, run_tty
from advisor.cli.terminal.view import brief, show_reply
from advisor.cli.terminal.words import t
from advisor.i18n.report import EXCLUDED, SOURCES

REPORT = (
    "# LLM recommendation\n\n## Summary\n\nRecommended: **Qwen**.\n\n## Comparison\n\n"
    "| | model | deployment | cost/month | licence |\n|---|---|---|---|---|\n"
    "| ★ | Qwen2.5 32B Instruct (`qwen2.5-32b-instruct`) | self-hosted: 1 × NVIDIA A100 80GB, int4 | $0.00 |"
    " Apache License 2.0 (commercial OK) |\n\n"
    f"## {EXCLUDED}\n\n- **GPT-4o** — sensitivity\n\n## {SOURCES}\n\n- x\n"
)


class ScriptedService:
    def __init__(self) -> None:
        self.turns: list[tuple[str, str]] = []

    def respond(self, thread_id: str, text: str, *, lang: str | None = None) -> Reply:
        self.turns.append((thread_id, text))
        if len(self.turns) == 1:
            return Reply(
                thread_id=thread_id,
                text="How sensitive?",
                question=Question(
                    slot="data_sensitivity",
                    text="How sensitive?",
                    options=[
                        Option(value="public", label="Public"),
                        Option(value="regulated", label="Regulated"),
                    ],
                ),
            )
        return Reply(
            thread_id=thread_id,
            text=f"Noted.\n\n{REPORT}",
            report_markdown=REPORT,
            recommendation={"primary": None},
        )

    def get_reply(self, thread_id: str) -> Reply | None:
        return None


def welcome(thread: str, lang: str) -> Reply:
    return Reply(thread_id=thread, lang="en", text="Tell me what you need.")


def play(lines: list[str], tmp_path: Path, width: int = 60) -> tuple[ScriptedService, str]:
    service = ScriptedService()
    console = Console(record=True, width=width, force_terminal=False, color_system=None)
    chat = TerminalChat(service, "t1", None, console, pick_option)
    feed = iter(lines)

    def read(prompt: str) -> str:
        try:
            return next(feed)
        except StopIteration:
            raise EOFError from None

    assert run_tty(chat, read, welcome) == 0
    return service, console.export_text()


@pytest.mark.parametrize(
    ("line", "name", "arg"),
    [
        ("/help", "help", ""),
        ("/HELP", "help", ""),
        ("/?", "help", ""),
        (" /save out.md ", "save", "out.md"),
        ("/new", "new", ""),
        ("/report", "report", ""),
        ("/quit", "quit", ""),
        ("/exit", "quit", ""),
        ("/frobnicate x", "unknown", "x"),
    ],
)
def test_slash_lines_are_commands(line: str, name: str, arg: str) -> None:
    command = parse_command(line)
    assert command is not None and (command.name, command.arg) == (name, arg)


@pytest.mark.parametrize("line", ["we process 1/2 of the data", "public", "", "//not a command", "2"])
def test_other_lines_are_turns(line: str) -> None:
    assert parse_command(line) is None


def test_report_tail_waits_for_the_report_command() -> None:
    shown, cut = brief(f"Noted.\n\n{REPORT}", "en")
    assert cut and "Comparison" in shown and "GPT-4o" not in shown
    assert brief("Just a follow-up answer.", "en") == ("Just a follow-up answer.", False)


def test_commands_never_reach_the_service_and_the_report_is_saved(tmp_path: Path) -> None:
    out = tmp_path / "r.md"
    service, screen = play(
        [
            "/help",
            "/report",
            "/frobnicate",
            "summaries",
            "2",
            "/report",
            f"/save {out}",
            f"/save {tmp_path}/missing/dir/r.md",
            "/quit",
            "never read",
        ],
        tmp_path,
    )
    assert service.turns == [("t1", "summaries"), ("t1", "regulated")]  # "2" picked the second option
    assert screen.count(t("no_report", "en")) == 1
    assert "Unknown command /frobnicate" in screen
    assert out.read_text() == REPORT
    assert "Could not save" in screen and "Goodbye" in screen
    assert "**" not in screen and "|---" not in screen and "\n---\n" not in screen
    assert max(len(line) for line in screen.splitlines()) <= 60
    assert "GPT-4o" in screen  # shown by /report, not by the turn
    assert screen.index("GPT-4o") > screen.index(t("more_in_report", "en"))


def test_new_moves_to_a_fresh_thread(tmp_path: Path) -> None:
    service, screen = play(["hello", "/new", "again"], tmp_path)
    assert service.turns[0][0] == "t1" and service.turns[1][0] != "t1"
    assert "New conversation" in screen and screen.rstrip().endswith(service.turns[1][0])


def test_ctrl_c_says_goodbye(tmp_path: Path) -> None:
    service = ScriptedService()
    console = Console(record=True, width=80, color_system=None)

    def interrupted(prompt: str) -> str:
        raise KeyboardInterrupt

    assert run_tty(TerminalChat(service, "t9", "en", console, pick_option), interrupted, welcome) == 0
    screen = console.export_text()
    assert "Goodbye" in screen and "advisor chat --thread t9" in screen


def test_japanese_tables_fit_the_width_in_display_columns() -> None:
    table = (
        "## 比較\n\n| | モデル | 利用形態 | 月額 | ライセンス |\n|---|---|---|---|---|\n"
        "| ★ | GPT-OSS Swallow 120B (RL v0.1) | 自社運用: NVIDIA A100 80GB × 2、int8 | $0.00 | Apache License 2.0 (商用可) |\n"
        "| 2 | Qwen3 Swallow 32B | 自社運用: NVIDIA A100 80GB × 2、fp16 | $0.00 | Apache License 2.0 (商用可) |"
    )
    console = Console(record=True, width=50, color_system=None)
    show_reply(console, Reply(thread_id="t", lang="ja", text=table))
    screen = console.export_text()
    assert "自社運用" in screen and "|---" not in screen and "## " not in screen
    assert max(cell_len(line) for line in screen.splitlines()) <= 50
