"""Every lexicon entry's examples read as the entry's value: the data files carry their own tests."""

from __future__ import annotations

import re

import pytest

from advisor.agent.understand.facts import scan
from advisor.agent.understand.lexicon import LANGS, NO_NEGATION, lexicon, vocab_tables
from advisor.agent.understand.textnorm import canonical

CASES = [
    pytest.param(lang, category, entry.value, example, id=f"{lang}-{category}-{entry.value}-{example}")
    for lang in LANGS
    for category, entries in lexicon(lang).items()
    for entry in entries
    for example in entry.examples
]


@pytest.mark.parametrize(("lang", "category", "value", "example"), CASES)
def test_example_reads_as_its_value(lang: str, category: str, value: object, example: str) -> None:
    text = canonical(example)
    own = [e for e in lexicon(lang)[category] if e.value == value and example in e.examples]
    assert any(re.search(e.regex, text) for e in own), f"no pattern of the entry matches {example!r}"
    values = [
        h.value for h in scan(text, category, check_negation=category not in NO_NEGATION, exclusive=False)
    ]
    assert value in values


def test_every_pattern_compiles_and_every_entry_has_examples() -> None:
    for lang in LANGS:
        for entries in lexicon(lang).values():
            for entry in entries:
                assert entry.examples
                for pattern in entry.patterns:
                    re.compile(pattern)


def test_vocabulary_tables_load() -> None:
    tables = vocab_tables()
    assert "minutes" in tables.ambiguous_keywords
    assert tables.family_ja["クロード"] == "claude"
