"""Prompt texts, kept as Markdown in ``prompts/`` so they can be read and edited without code.

Loaded once per process; a missing file is a packaging error and fails loudly.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

NAMES = ("system", "understand", "explain", "followup")


def prompts_dir() -> Path:
    """The packaged copy when installed from a wheel, else the source tree's ``prompts/``."""
    from advisor.resources import prompts_dir as shipped

    return shipped()


@lru_cache(maxsize=len(NAMES))
def load_prompt(name: str) -> str:
    if name not in NAMES:
        raise KeyError(f"unknown prompt '{name}' (known: {', '.join(NAMES)})")
    return (prompts_dir() / f"{name}.md").read_text(encoding="utf-8").strip()


def system_prompt(task: str, lang: str) -> str:
    """The system prompt plus one task prompt and the reply language: the whole fixed preamble."""
    language = "Japanese (日本語)" if lang == "ja" else "English"
    return f"{load_prompt('system')}\n\n## Task\n{load_prompt(task)}\n\nReply language: {language}."
