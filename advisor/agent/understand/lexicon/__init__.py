"""The understanding's word lists, read from the YAML files beside this module (package data).

``en.yaml`` and ``ja.yaml`` map a category ("sensitivity", "deployment", "tasks" ...) to an
ordered list of entries ``{value, patterns, examples}``: each pattern is a regular expression run
on the canonical text (NFKC-folded, lower-cased, numbers as plain digits, see ``textnorm``), and
the entry's ``examples`` are phrases that must read as its ``value`` (a test checks every one), so
widening the lexicon is an edit of data with its own evidence. ``vocab.yaml`` holds the tables
the knowledge-base vocabulary needs (ambiguous task keywords, family stop words, katakana
family names). This is the one place these files are read (``importlib.resources``).
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field

LANGS = ("en", "ja")
# Categories whose patterns carry their own negation ("must not retain", 学習に使われない) or that
# name things (places, providers): read without the generic negation check of ``facts.negated``.
NO_NEGATION = frozenset(
    {
        "languages",
        "region",
        "rent",
        "no_gpu",
        "vendor_requirements",
        "vendor_drop",
        "residency_drop",
        "places",
        "cloud_providers",
        "priority",
        "hearsay",
    }
)


class Entry(BaseModel):
    """One reading: any of ``patterns`` found in a message means ``value``."""

    model_config = ConfigDict(extra="forbid")
    value: str | bool
    patterns: list[str] = Field(min_length=1)
    examples: list[str] = Field(min_length=1)

    @property
    def regex(self) -> str:
        return "|".join(self.patterns)


class VocabTables(BaseModel):
    model_config = ConfigDict(extra="forbid")
    ambiguous_keywords: list[str]
    family_stop: list[str]
    family_ja: dict[str, str]


def _read(name: str) -> Any:
    return yaml.safe_load(resources.files(__name__).joinpath(name).read_text(encoding="utf-8"))


@cache
def lexicon(lang: str) -> dict[str, list[Entry]]:
    """Category -> entries of one language's lexicon, validated."""
    return {
        category: [Entry.model_validate(e) for e in entries]
        for category, entries in _read(f"{lang}.yaml").items()
    }


@cache
def vocab_tables() -> VocabTables:
    return VocabTables.model_validate(_read("vocab.yaml"))


def entries(category: str) -> list[tuple[str, Any]]:
    """(regex, value) of a category in both languages, English first (messages mix them freely).

    English patterns are scoped ASCII-only (``(?a:...)``): their ``\\b`` must see a boundary
    between a Latin word and Japanese text ("自社AWS", "on-premのみ"), which Unicode word
    characters would hide."""
    return [
        (f"(?a:{e.regex})" if lang == "en" else e.regex, e.value)
        for lang in LANGS
        for e in lexicon(lang).get(category, [])
    ]
