"""Markdown (what the service writes) to Slack mrkdwn (what Slack renders), and splitting to Slack's limits.

Slack's mrkdwn is not Markdown: bold is ``*x*``, italics ``_x_``, links ``<url|text>``, there are no
headings or tables, and ``&``, ``<`` and ``>`` must be escaped. Tables become monospaced code blocks
aligned by display width, so Japanese columns line up too.
"""

from __future__ import annotations

import re
import unicodedata

_FENCE = "```"
_TABLE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_BULLET = re.compile(r"^(\s*)[-*+]\s+(.*)$")
_RULE = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")
_QUOTE = re.compile(r"^\s{0,3}>\s?(.*)$")
_CODE_SPAN = re.compile(r"(`+)(.+?)\1")
_LINK = re.compile(r"\[([^\]]+)\]\((\S+?)\)")
_AUTOLINK = re.compile(r"<(https?://[^>\s]+)>")
_BOLD = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_ITALIC_STAR = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")
_STRIKE = re.compile(r"~~(?=\S)(.+?)(?<=\S)~~")
_ZWSP = "\u200b"
# Private-use placeholders keep converted markers away from later patterns.
_B, _I, _S = "\ue000", "\ue001", "\ue002"


def escape(text: str) -> str:
    """Slack treats ``&``, ``<`` and ``>`` as control characters everywhere, code included."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def display_width(text: str) -> int:
    """Columns a string takes in a monospaced font: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _wrap_marker(marker: str, inner: str, before: str, after: str) -> str:
    """Slack only honours ``*bold*`` at word boundaries; next to CJK text a zero-width space makes one."""
    left = _ZWSP if before and not before.isspace() else ""
    right = _ZWSP if after and not after.isspace() else ""
    return f"{left}{marker}{inner}{marker}{right}"


def _format_markers(text: str) -> str:
    text = _BOLD.sub(lambda m: f"{_B}{m.group(2)}{_B}", text)
    text = _STRIKE.sub(lambda m: f"{_S}{m.group(1)}{_S}", text)
    text = _ITALIC_STAR.sub(lambda m: f"{_I}{m.group(1)}{_I}", text)
    for placeholder, marker in ((_B, "*"), (_I, "_"), (_S, "~")):
        pattern = re.compile(f"{placeholder}(.+?){placeholder}")
        text = _replace_with_context(pattern, marker, text)
    return text


def _replace_with_context(pattern: re.Pattern[str], marker: str, text: str) -> str:
    out: list[str] = []
    pos = 0
    for m in pattern.finditer(text):
        before = text[m.start() - 1] if m.start() > 0 else ""
        after = text[m.end()] if m.end() < len(text) else ""
        out.append(text[pos:m.start()])
        out.append(_wrap_marker(marker, m.group(1), before, after))
        pos = m.end()
    out.append(text[pos:])
    return "".join(out)


def inline(text: str) -> str:
    """Converts one line's inline Markdown (code spans, links, emphasis) and escapes the rest."""
    pieces: list[str] = []
    pos = 0
    for m in _CODE_SPAN.finditer(text):
        pieces.append(_inline_plain(text[pos:m.start()]))
        pieces.append(f"`{escape(m.group(2).strip())}`")
        pos = m.end()
    pieces.append(_inline_plain(text[pos:]))
    return "".join(pieces)


def _inline_plain(text: str) -> str:
    links: list[str] = []

    def keep(url: str, label: str | None) -> str:
        safe_url = url.replace("&", "&amp;").replace("<", "%3C").replace(">", "%3E").replace("|", "%7C")
        links.append(f"<{safe_url}|{escape(label)}>" if label else f"<{safe_url}>")
        return f"\ue010{len(links) - 1}\ue011"

    text = _LINK.sub(lambda m: keep(m.group(2), m.group(1)), text)
    text = _AUTOLINK.sub(lambda m: keep(m.group(1), None), text)
    text = _format_markers(escape(text))
    return re.sub("\ue010(\\d+)\ue011", lambda m: links[int(m.group(1))], text)


def strip_inline(text: str) -> str:
    """Plain text of a Markdown fragment, for places that show no formatting (headers, code blocks)."""
    text = _LINK.sub(lambda m: m.group(1), text)
    text = _BOLD.sub(lambda m: m.group(2), text)
    text = _STRIKE.sub(lambda m: m.group(1), text)
    text = _ITALIC_STAR.sub(lambda m: m.group(1), text)
    return _CODE_SPAN.sub(lambda m: m.group(2), text)


def table_cells(line: str) -> list[str]:
    body = line.strip()
    if body.startswith("|"):
        body = body[1:]
    if body.endswith("|") and not body.endswith("\\|"):
        body = body[:-1]
    return [strip_inline(cell.strip().replace("\\|", "|")) for cell in re.split(r"(?<!\\)\|", body)]


def table_to_code(lines: list[str]) -> str:
    """A Markdown table as a monospaced block with columns padded to the widest cell."""
    rows = [table_cells(line) for line in lines if not _TABLE_SEPARATOR.match(line)]
    columns = max(len(row) for row in rows)
    rows = [row + [""] * (columns - len(row)) for row in rows]
    widths = [max(display_width(row[i]) for row in rows) for i in range(columns)]

    def fmt(row: list[str]) -> str:
        cells = [cell + " " * (widths[i] - display_width(cell)) for i, cell in enumerate(row)]
        return "  ".join(cells).rstrip()

    out = [fmt(rows[0])]
    if len(rows) > 1:
        out.append("  ".join("-" * w for w in widths))
        out.extend(fmt(row) for row in rows[1:])
    return _FENCE + "\n" + escape("\n".join(out)) + "\n" + _FENCE


def is_table_start(lines: list[str], i: int) -> bool:
    """A header row with pipes followed by a ``|---|---|`` separator row."""
    return "|" in lines[i] and i + 1 < len(lines) and _TABLE_SEPARATOR.match(lines[i + 1]) is not None


def to_mrkdwn(markdown: str) -> str:
    """Converts a Markdown document block by block; fenced code is kept verbatim (but escaped)."""
    lines = markdown.replace("\r\n", "\n").split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.lstrip().startswith(_FENCE):
            block = [_FENCE]
            i += 1
            while i < len(lines) and not lines[i].lstrip().startswith(_FENCE):
                block.append(escape(lines[i]))
                i += 1
            block.append(_FENCE)
            out.append("\n".join(block))
            i += 1
            continue
        if is_table_start(lines, i):
            start = i
            i += 2
            while i < len(lines) and lines[i].strip().startswith("|"):
                i += 1
            out.append(table_to_code(lines[start:i]))
            continue
        out.append(_convert_line(line))
        i += 1
    return re.sub(r"\n{3,}", "\n\n", "\n".join(out)).strip("\n")


def _convert_line(line: str) -> str:
    if m := _HEADING.match(line):
        return f"*{inline(strip_inline(m.group(1)))}*" if m.group(1) else ""
    if _RULE.match(line):
        return "──────────"
    if m := _BULLET.match(line):
        depth = len(m.group(1).expandtabs(4)) // 2
        return "    " * depth + ("•" if depth == 0 else "◦") + " " + inline(m.group(2))
    if m := _QUOTE.match(line):
        return ">" + inline(m.group(1))
    return inline(line)


def split_text(text: str, limit: int) -> list[str]:
    """Splits mrkdwn into chunks of at most ``limit`` characters at line breaks (inside a line only
    when one line alone is too long); a code block cut in two is closed and reopened so both halves
    still render as code."""
    if len(text) <= limit:
        return [text] if text else []
    chunks: list[str] = []
    current: list[str] = []
    size = 0
    in_code = False

    def flush() -> None:
        nonlocal current, size
        if current:
            body = "\n".join(current)
            chunks.append(body + ("\n" + _FENCE if in_code else ""))
        current = [_FENCE] if in_code else []
        size = len(_FENCE) + 1 if in_code else 0

    budget = limit - len(_FENCE) - 1  # room to close a code block
    for line in text.split("\n"):
        is_fence = line.strip().startswith(_FENCE)
        for piece in _hard_wrap(line, budget - len(_FENCE) - 1):
            closing = is_fence and in_code
            if not closing and size + len(piece) + 1 > budget and current and current != [_FENCE]:
                flush()
            current.append(piece)
            size += len(piece) + 1
        if is_fence:
            in_code = not in_code
    if current and current != [_FENCE]:
        chunks.append("\n".join(current))
    return [c for c in (chunk.strip("\n") for chunk in chunks) if c]


def _hard_wrap(line: str, limit: int) -> list[str]:
    """A single line longer than the limit is cut at spaces, or anywhere if it has none (Japanese)."""
    pieces: list[str] = []
    while len(line) > limit:
        cut = line.rfind(" ", limit // 2, limit)
        cut = cut if cut > 0 else limit
        # never cut inside an escape entity such as &amp;
        amp = line.rfind("&", max(0, cut - 5), cut)
        if amp != -1 and ";" not in line[amp:cut]:
            cut = amp
        pieces.append(line[:cut])
        line = line[cut:].lstrip(" ")
    pieces.append(line)
    return pieces


def truncate(text: str, limit: int) -> str:
    """Cuts to ``limit`` characters with an ellipsis, for fields Slack refuses when too long."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    amp = cut.rfind("&")
    if amp != -1 and ";" not in cut[amp:]:
        cut = cut[:amp]
    return cut + "…"
