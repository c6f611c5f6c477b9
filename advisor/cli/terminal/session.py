"""The interactive terminal conversation: read a line (prompt_toolkit: editing, arrow keys, history
across sessions), run a command or a turn, render the reply with rich; Ctrl-C or Ctrl-D says goodbye.

The line reader and the console are handed in, so the loop runs the same under a real terminal, a
pseudo-terminal in the tests, or a scripted reader.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from rich.console import Console
from rich.text import Text

from advisor.agent.reply import Reply
from advisor.cli.terminal.commands import Command, parse_command
from advisor.cli.terminal.view import show_markdown, show_reply
from advisor.cli.terminal.words import t as term_words


class Service(Protocol):
    """The part of SyncConversationService the terminal uses."""

    def respond(self, thread_id: str, text: str, *, lang: str | None = None) -> Reply: ...

    def get_reply(self, thread_id: str) -> Reply | None: ...


ReadLine = Callable[[str], str]  # prompt -> the line typed; EOFError on Ctrl-D, KeyboardInterrupt on Ctrl-C


def line_reader(history_file: Path) -> ReadLine:
    """prompt_toolkit with a history kept next to the conversations (up-arrow recalls earlier lines)."""
    from prompt_toolkit import PromptSession
    from prompt_toolkit.history import FileHistory

    history_file.parent.mkdir(parents=True, exist_ok=True)
    session: PromptSession[str] = PromptSession(history=FileHistory(str(history_file)))
    return lambda prompt: session.prompt(prompt)


class TerminalChat:
    """One terminal conversation; ``/new`` moves it to a fresh thread."""

    def __init__(
        self,
        service: Service,
        thread: str,
        lang: str | None,
        console: Console,
        pick: Callable[[str, Reply | None], str],
    ) -> None:
        self.service, self.thread, self.lang, self.console, self.pick = service, thread, lang, console, pick
        self.last: Reply | None = service.get_reply(thread)

    @property
    def ui_lang(self) -> str:
        return self.last.lang if self.last else (self.lang or "en")

    def say(self, key: str, style: str = "", **params: object) -> None:
        self.console.print(Text(term_words(key, self.ui_lang, **params), style=style))

    def start(self, welcome: Callable[[str, str], Reply]) -> None:
        show_reply(self.console, self.last or welcome(self.thread, self.lang or "en"))

    def turn(self, text: str) -> None:
        with self.console.status(term_words("thinking", self.ui_lang), spinner="dots"):
            reply = self.service.respond(self.thread, self.pick(text, self.last), lang=self.lang)
        self.last = reply
        show_reply(self.console, reply)

    def command(self, command: Command, welcome: Callable[[str, str], Reply]) -> bool:
        """Runs a command; False when the conversation should end."""
        if command.name == "quit":
            return False
        if command.name == "help":
            self.say("help", "cyan")
        elif command.name == "new":
            self.thread, self.last = uuid.uuid4().hex[:12], None
            self.say("new", "green", thread=self.thread)
            show_reply(self.console, welcome(self.thread, self.lang or "en"))
        elif command.name in ("report", "save"):
            report = (
                self.service.get_reply(self.thread) or self.last or Reply(thread_id="", text="")
            ).report_markdown
            if not report:
                self.say("no_report", "yellow")
            elif command.name == "report":
                show_markdown(self.console, report)
            else:
                self.save(report, command.arg or f"advisor-report-{self.thread}.md")
        else:
            self.say("unknown_command", "yellow", command=command.typed)
        return True

    def save(self, report: str, name: str) -> None:
        path = Path(name).expanduser()
        try:
            path.write_text(report if report.endswith("\n") else report + "\n", encoding="utf-8")
        except OSError as exc:
            self.say("save_failed", "red", path=str(path), error=exc.strerror or type(exc).__name__)
            return
        self.say("saved", "green", path=str(path))


def run_tty(chat: TerminalChat, read_line: ReadLine, welcome: Callable[[str, str], Reply]) -> int:
    """The loop: commands are commands, other lines are turns; Ctrl-C or Ctrl-D ends with a goodbye."""
    chat.start(welcome)
    try:
        while True:
            line = read_line("› ")
            command = parse_command(line)
            if command is not None:
                if not chat.command(command, welcome):
                    break
            elif line.strip():
                chat.turn(line)
    except (EOFError, KeyboardInterrupt):
        chat.console.print()
    chat.say("goodbye", "bold", resume=f"advisor chat --thread {chat.thread}")
    return 0
