"""Quality gate on the labelled corpus (tests/corpus/): no permissive misread, hard-signal recall >= 0.95."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from advisor.agent.understand.lexicon import LANGS, lexicon
from advisor.agent.understand.scoring import Report, format_report, load_corpus, score
from advisor.kb import get_kb

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


@cache
def _report() -> Report:
    return score(load_corpus(CORPUS), kb=get_kb())


def test_corpus_is_large_and_bilingual() -> None:
    items = load_corpus(CORPUS)
    assert len(items) >= 1500
    assert sum(1 for i in items if i["lang"] == "ja") >= 600


def test_corpus_is_kept_apart_from_the_lexicon_examples() -> None:
    examples = {
        ex.strip().lower()
        for lang in LANGS
        for entries in lexicon(lang).values()
        for e in entries
        for ex in e.examples
    }
    texts = {i["text"].strip().lower() for i in load_corpus(CORPUS)}
    assert not examples & texts


def test_no_permissive_misread_and_hard_signals_recalled() -> None:
    report = _report()
    assert not report.errors, format_report(report)
    assert len(report.misreads) == 0, format_report(report)
    assert report.hard_recall >= 0.95, format_report(report)
