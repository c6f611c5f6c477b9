"""The Markdown report of every example profile: the Japanese one holds no English sentence (only
names, ids in code spans, URLs and quoted source titles), and both languages come from one layout."""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from pathlib import Path

import pytest
import yaml
from i18n_support import ENGLISH_RUN, kb_names
from i18n_support import packaged_kb as kb

from advisor.engine import normalise_profile, recommend, render_markdown
from advisor.engine.models import Recommendation

EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "examples").glob("*.yaml"))
TODAY = dt.date(2026, 11, 30)
_QUOTED = re.compile(r"`[^`]*`|「[^」]*」|“[^”]*”|https?://\S+")


@cache
def result(path: Path) -> Recommendation:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    return recommend(normalise_profile(raw, kb(), source=str(path)), kb(), today=TODAY)


@cache
def names() -> list[str]:
    """Names as written (models, GPUs, providers, licences): never translated. KB prose is not here:
    it must come in Japanese or not at all."""
    out = kb_names(kb()) | {p.company for p in kb().providers.values()}
    return sorted(out, key=len, reverse=True)


def english_sentences(markdown: str) -> list[str]:
    """Runs of three or more ASCII words once names, code spans, URLs and quoted titles are removed."""
    for phrase in names():
        markdown = markdown.replace(phrase, " § ")
    return [hit for line in markdown.splitlines() for hit in ENGLISH_RUN.findall(_QUOTED.sub(" § ", line))]


def test_every_example_is_covered() -> None:
    assert len(EXAMPLES) >= 6


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_japanese_report_holds_no_english_sentence(path: Path) -> None:
    md = render_markdown(result(path), kb(), "ja")
    assert english_sentences(md) == []


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_both_languages_come_from_one_layout(path: Path) -> None:
    rec = result(path)
    en, ja = render_markdown(rec, kb(), "en"), render_markdown(rec, kb(), "ja")
    shape = [re.sub(r"[^#|★\-].*", "", line) for line in en.splitlines()]
    assert shape == [re.sub(r"[^#|★\-].*", "", line) for line in ja.splitlines()]
    ids = re.findall(r"`([^`]+)`", en)
    assert ids == re.findall(r"`([^`]+)`", ja) and (rec.primary is None or rec.primary.model_id in ids)
    assert english_sentences(en) != []  # the check above is not vacuous


def test_japanese_amounts_show_yen_with_the_dated_rate_once() -> None:
    rec = next(
        result(p)
        for p in EXAMPLES
        if result(p).primary is not None and (result(p).primary.monthly_cost_usd or 0) > 0
    )
    ja = render_markdown(rec, kb(), "ja")
    jpy = kb().fx["JPY"]
    assert "万円" in ja or "円)" in ja
    assert ja.count("1 USD =") == 1 and (jpy.as_of is None or jpy.as_of.isoformat() in ja)
    assert "円" not in render_markdown(rec, kb(), "en")


def test_contract_json_is_worded_at_the_edge_in_either_language() -> None:
    rec = result(EXAMPLES[0])
    en, ja = rec.contract_dict("en"), rec.contract_dict("ja")
    assert en["primary"]["model_id"] == ja["primary"]["model_id"]
    assert [w["code"] for w in en["warnings"]] == [w["code"] for w in ja["warnings"]]
    assert all(isinstance(x, str) for x in en["assumptions"] + ja["assumptions"])
    assert en["assumptions"] != ja["assumptions"]
    assert Recommendation.model_validate(ja).contract_dict("en") == ja  # worded text stays as written
