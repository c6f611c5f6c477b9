"""The knowledge changelog users read: what changed, when, from which source.

``advisor kb refresh`` appends one section per run (newest first, under the title); hand edits
of facts get a section written by hand in the same form.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from advisor.kb.refresh import Refresh

TITLE = "# Knowledge changelog"
INTRO = (
    "What changed in the knowledge base, when, and from which source. Newest first. "
    "Sections marked *refresh* are written by `advisor kb refresh`; see docs/refresh.md.\n"
)
SHOWN = 15


def heading(day: object) -> str:
    return f"## {day}: refresh"


def entry(refresh: Refresh, written: list[str]) -> str:
    """One Markdown section for a refresh."""
    lines = [
        heading(refresh.today),
        "",
        "Sources: " + "; ".join(s.label for s in refresh.sources) + ".",
        "Files: "
        + ", ".join(f"`knowledge/{name}` ({refresh.counts.get(name, 0)} entries)" for name in written)
        + ".",
        f"Prices: {len(refresh.new)} new, {len(refresh.changed)} changed, {refresh.unchanged} confirmed "
        "unchanged.",
        "",
    ]
    for title, items in (
        ("New prices", refresh.new),
        ("Changed prices (old -> new, USD per 1M tokens)", refresh.changed),
        ("Deprecations and shutdowns", refresh.deprecations),
        ("Sources disagree", refresh.disagreements),
    ):
        if items:
            lines.append(f"{title}:")
            lines += [f"- {x}" for x in items[:SHOWN]]
            if len(items) > SHOWN:
                lines.append(f"- ... and {len(items) - SHOWN} more (see the dated files)")
            lines.append("")
    if refresh.new_models:
        lines.append(
            f"In the sources but not in the knowledge base: {len(refresh.new_models)} model entries."
        )
        lines.append("")
    return "\n".join(lines)


def _without_section(text: str, heading: str) -> str:
    """``text`` without the section under ``heading`` (a second refresh on one day replaces it)."""
    start = text.find(f"\n{heading}\n")
    if start < 0:
        return text
    end = text.find("\n## ", start + 1)
    return text[:start] + (text[end:] if end >= 0 else "\n")


def append_entry(path: Path, refresh: Refresh, written: list[str]) -> None:
    """Insert the section after the title (the file is created if missing)."""
    text = path.read_text(encoding="utf-8") if path.is_file() else f"{TITLE}\n\n{INTRO}\n"
    text = _without_section(text, heading(refresh.today))
    head, sep, rest = text.partition("\n## ")
    body = entry(refresh, written)
    new = f"{head.rstrip()}\n\n{body}\n## {rest}" if sep else f"{text.rstrip()}\n\n{body}"
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(new.rstrip() + "\n", encoding="utf-8")
    tmp.replace(path)
