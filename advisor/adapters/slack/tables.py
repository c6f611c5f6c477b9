"""Markdown with tables as Block Kit: each table row (one model in a comparison) becomes a section
whose fields are the row's cells under their column names, so a comparison reads as cards on a phone
instead of a 100-character monospaced table that wraps."""

from __future__ import annotations

from advisor.adapters.names import Names
from advisor.adapters.slack.blocks import MAX_FIELDS, Block, fields_sections, sections
from advisor.adapters.slack.mrkdwn import escape, is_table_start, table_cells, to_mrkdwn, truncate

_TITLE_COLUMNS = {"model", "モデル", "name", "名前"}


def _row_blocks(headers: list[str], row: list[str]) -> list[Block]:
    """One row: its title (the model column, or the first non-empty cell) in bold, the rest as fields."""
    title_at = next((i for i, h in enumerate(headers) if h.strip().lower() in _TITLE_COLUMNS), None)
    if title_at is None:
        title_at = next((i for i, cell in enumerate(row) if cell.strip()), 0)
    markers = [cell for i, cell in enumerate(row[:title_at]) if cell.strip() and not headers[i].strip()]
    title = " ".join([*markers, f"*{escape(row[title_at])}*"]) if row else ""
    cells = [
        f"*{escape(h)}*\n{escape(c)}"
        for i, (h, c) in enumerate(zip(headers, row, strict=False))
        if i != title_at and c.strip() and h.strip()
    ]
    blocks = [
        {
            "type": "section",
            "text": {"type": "mrkdwn", "text": truncate(title, 3000)},
            **(
                {"fields": [{"type": "mrkdwn", "text": truncate(c, 2000)} for c in cells[:MAX_FIELDS]]}
                if cells
                else {}
            ),
        }
    ]
    return blocks + fields_sections(cells[MAX_FIELDS:])


def table_blocks(lines: list[str], names: Names | None = None) -> list[Block]:
    """One section per body row; a cell that is exactly a knowledge-base id shows its name."""
    names = names or Names()
    rows = [[names.any_id(cell) for cell in table_cells(line)] for line in lines]
    headers, body = rows[0], rows[2:]  # rows[1] is the |---| separator
    width = max(len(r) for r in rows)
    headers = headers + [""] * (width - len(headers))
    return [b for row in body for b in _row_blocks(headers, row + [""] * (width - len(row)))]


def markdown_blocks(markdown: str, names: Names | None = None) -> list[Block]:
    """Text as sections (converted to mrkdwn, split at Slack's limits), tables as per-row sections."""
    lines = markdown.replace("\r\n", "\n").split("\n")
    blocks: list[Block] = []
    text: list[str] = []
    i, in_code = 0, False
    while i < len(lines):
        if lines[i].lstrip().startswith("```"):
            in_code = not in_code
        elif not in_code and is_table_start(lines, i):
            blocks += sections(to_mrkdwn("\n".join(text))) if "\n".join(text).strip() else []
            text = []
            start = i
            i += 2
            while i < len(lines) and lines[i].strip().startswith("|"):
                i += 1
            blocks += table_blocks(lines[start:i], names)
            continue
        text.append(lines[i])
        i += 1
    if "\n".join(text).strip():
        blocks += sections(to_mrkdwn("\n".join(text)))
    return blocks
