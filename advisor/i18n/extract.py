"""Find every message id in Python source: a Babel extraction method and the catalogue test's scanner.

Babel's own Python extractor misses a message nested in another message's arguments
(``msg("{a}: {b}", b=msg("..."))``), which is how sentences are built here, so this one walks the
syntax tree instead: every call of ``msg``, ``N_`` or ``gettext`` with a literal first argument, and
``L_(group, "label")`` with its group as context. Registered in ``babel.cfg``; used by ``make i18n``.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

MESSAGE_CALLS = ("msg", "N_", "gettext")
CONTEXT_CALLS = ("L_",)


def _name(func: ast.expr) -> str | None:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def _literal(node: ast.expr) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def messages_in(source: str) -> Iterator[tuple[int, str, str | None, str]]:
    """(line, call name, context, msgid) for every literal message in ``source``."""
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        name = _name(node.func)
        if name in MESSAGE_CALLS and (text := _literal(node.args[0])) is not None:
            yield node.lineno, name, None, text
        elif name in CONTEXT_CALLS and len(node.args) >= 2:
            group, text = _literal(node.args[0]), _literal(node.args[1])
            if group is not None and text is not None:
                yield node.lineno, name, group, text


def messages_in_tree(root: Path) -> set[tuple[str | None, str]]:
    """Every (context, msgid) used by the Python files under ``root``."""
    out: set[tuple[str | None, str]] = set()
    for path in sorted(root.rglob("*.py")):
        out |= {(ctx, text) for _, _, ctx, text in messages_in(path.read_text(encoding="utf-8"))}
    return out


def extract(
    fileobj: IO[bytes], keywords: Iterable[str], comment_tags: Iterable[str], options: dict[str, Any]
) -> Iterator[tuple[int, str, tuple[str, ...] | str, list[str]]]:
    """Babel extraction method (see ``babel.cfg``): yields what Babel's keyword specs expect."""
    source = fileobj.read().decode(options.get("encoding", "utf-8"))
    for line, name, ctx, text in messages_in(source):
        yield line, name, ((ctx, text) if ctx is not None else text), []
