"""A Reply on a rich console: Markdown rendered (headings, bold, lists, tables wrapped to the width),
a question's options numbered, tool steps dimmed. The long tail of the report (exclusions,
assumptions, sources) waits for ``/report``."""

from __future__ import annotations

import re

from rich.console import Console
from rich.markdown import Markdown
from rich.text import Text

from advisor.agent.reply import Reply
from advisor.cli.terminal.words import t as term_words
from advisor.i18n import gettext
from advisor.i18n.report import TAIL_SECTIONS


def brief(text: str, lang: str) -> tuple[str, bool]:
    """The reply's text up to the first tail section of the report; True when something was left out."""
    headings = {gettext(h, lang).strip().lower() for h in TAIL_SECTIONS}  # shown only on /report
    lines = text.split("\n")
    for i, line in enumerate(lines):
        m = re.match(r"^#{1,6}\s+(.*?)\s*#*\s*$", line)
        if m and m.group(1).strip().lower() in headings:
            return "\n".join(lines[:i]).rstrip(), True
    return text, False


def show_markdown(console: Console, markdown: str) -> None:
    console.print(Markdown(markdown, code_theme="ansi_dark"))


def show_reply(console: Console, reply: Reply) -> None:
    """What one turn shows on a terminal."""
    text, cut = brief(reply.text.strip(), reply.lang)
    if text:
        show_markdown(console, text)
    if cut:
        console.print(Text(term_words("more_in_report", reply.lang), style="dim italic"))
    if reply.question and reply.question.options:
        console.print()
        for i, option in enumerate(reply.question.options, 1):
            console.print(Text.assemble((f"  {i}. ", "bold cyan"), option.label))
    if reply.steps:
        steps = " · ".join(s.label for s in reply.steps)
        console.print(Text(f"{term_words('steps', reply.lang)}: {steps}", style="dim"))
    for notice in reply.notices:
        console.print(Text(f"ℹ {notice}", style="yellow"))
    console.print()
