"""`advisor chat`: the terminal conversation (interactive on a TTY; one turn per line when piped).

Piped: each input line is one user turn and each reply is followed by a line ``---``; EOF or
``/quit`` ends (the contract; nothing else changes here). On a TTY: advisor.cli.terminal (rich
rendering, line editing and history, /help /new /report /save /quit, a goodbye on Ctrl-C / Ctrl-D).
The thread id goes to stderr so the user can resume with ``--thread``. A question's options are
numbered; typing the number picks that option.
"""

from __future__ import annotations

import argparse
import sys
import uuid
from collections.abc import Iterator
from typing import Any, TextIO

from advisor.agent.reply import Reply


def register(sub: argparse._SubParsersAction) -> None:
    from advisor.cli.main import add_kb_option

    p = sub.add_parser(
        "chat", help="talk to the advisor in the terminal",
        description="Talk to the advisor. On a terminal: line editing and history, /help /new /report /save "
                    "/quit, Ctrl-C or Ctrl-D to leave. Piped: one turn per input line, each reply followed by "
                    "a line ---; EOF or /quit ends.")
    p.add_argument("--lang", choices=("en", "ja"), default=None, help="reply language (default: follow the user)")
    p.add_argument("--thread", metavar="ID", default=None, help="resume a saved conversation")
    add_kb_option(p)
    p.set_defaults(func=run)


def render(reply: Reply) -> str:
    """The reply as terminal text: message, numbered options, tool steps and notices."""
    lines = [reply.text.rstrip()]
    if reply.question and reply.question.options:
        lines.append("")
        lines += [f"  {i}. {opt.label}" for i, opt in enumerate(reply.question.options, 1)]
    if reply.steps:
        lines.append("")
        lines += [f"  · {s.label}" + (f" — {s.summary}" if s.summary else "") for s in reply.steps]
    lines += [f"note: {n}" for n in reply.notices]
    return "\n".join(lines)


def pick_option(text: str, last: Reply | None) -> str:
    """"2" answers with the second option's value when a question with options is pending."""
    if last and last.question and last.question.options and text.strip().isdigit():
        index = int(text.strip())
        if 1 <= index <= len(last.question.options):
            return last.question.options[index - 1].value
    return text


def _piped_lines(stream: TextIO) -> Iterator[str]:
    while raw := stream.readline():
        yield raw.rstrip("\n")


def _run_piped(service: Any, thread: str, lang: str | None) -> None:
    last = service.get_reply(thread)
    for line in _piped_lines(sys.stdin):
        if line.strip() == "/quit":
            break
        if not line.strip():
            continue
        last = service.respond(thread, pick_option(line, last), lang=lang)
        print(render(last))
        print("---", flush=True)


def _run_tty(service: Any, thread: str, lang: str | None) -> int:
    from rich.console import Console

    from advisor.agent.service import welcome
    from advisor.cli.terminal.session import TerminalChat, line_reader, run_tty

    chat = TerminalChat(service, thread, lang, Console(highlight=False), pick_option)
    history = service.context.db_file().parent / "chat_history"
    return run_tty(chat, line_reader(history), welcome)


def run(args: argparse.Namespace) -> int:
    from advisor.agent.context import Context
    from advisor.agent.service import SyncConversationService

    overrides = {"lang": args.lang}
    if args.kb:
        overrides["kb_dir"] = args.kb
    thread = args.thread or uuid.uuid4().hex[:12]
    with SyncConversationService(context=Context.from_env(**overrides)) as service:
        print(f"thread: {thread} (resume with: advisor chat --thread {thread})", file=sys.stderr)
        if sys.stdin.isatty():
            return _run_tty(service, thread, args.lang)
        _run_piped(service, thread, args.lang)
    return 0
