"""Reading the engine's message values in tests: by message id and figure, not by wording."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from advisor.i18n import Clauses, Msg, Sentences, render


def _messages(values: tuple[Any, ...]) -> Iterator[Msg]:
    """Every message in these values, nested ones (in parameters, sentences, lists) included."""
    stack = list(values)
    while stack:
        v = stack.pop()
        if isinstance(v, Msg):
            yield v
            stack.extend(v.params.values())
        elif isinstance(v, Sentences | Clauses):
            stack.extend(v.parts)
        elif isinstance(v, list | tuple):
            stack.extend(v)


def msgids(*values: Any) -> set[str]:
    """Every message id in these values (the ids are the engine's codes for its statements)."""
    return {m.msgid for m in _messages(values)}


def params(*values: Any) -> list[Any]:
    """Every parameter value in these messages, nested ones included (figures as typed values:
    ``Num(200_000)``, ``Pct(0.75)``, ``Date(...)``), to assert figures rather than wording."""
    return [p for m in _messages(values) for p in m.params.values()]


def words(value: Any) -> str:
    """The English words of a value, for checks of a figure or a quoted KB phrase in context."""
    return render(value, "en")
