"""The terminal's commands: a line that starts with ``/`` and names one is a command, never an answer."""

from __future__ import annotations

from dataclasses import dataclass

COMMANDS = ("help", "new", "report", "save", "quit")
ALIASES = {"exit": "quit", "q": "quit", "?": "help", "h": "help"}


@dataclass(frozen=True)
class Command:
    name: str  # one of COMMANDS, or "unknown"
    arg: str = ""
    typed: str = ""


def parse_command(line: str) -> Command | None:
    """``/save out.md`` → Command("save", "out.md"); ``/nonsense`` → Command("unknown"); None for text
    that is not a command (a message or an answer, ``1/2 of our data`` included)."""
    text = line.strip()
    if not text.startswith("/") or text.startswith("//"):
        return None
    word, _, arg = text[1:].partition(" ")
    name = ALIASES.get(word.lower(), word.lower())
    return Command(name if name in COMMANDS else "unknown", arg.strip(), text.split()[0] if text else "")
