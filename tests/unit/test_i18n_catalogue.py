"""The gettext catalogue: every message the code uses has a Japanese translation whose placeholders
are exactly the English ones, and the Japanese holds no English phrase of its own."""

from __future__ import annotations

import re
import string
from collections import Counter
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from i18n_support import ENGLISH_RUN, JAPANESE

import advisor
from advisor.i18n import Label, Msg, Num, Text, Usd, label, msg, render
from advisor.i18n.core import LOCALE_DIR
from advisor.i18n.extract import messages_in, messages_in_tree
from advisor.i18n.labels import LABELS

PO = LOCALE_DIR / "ja" / "LC_MESSAGES" / "advisor.po"
CODE = messages_in_tree(Path(advisor.__file__).resolve().parent)


def _catalogue() -> dict[tuple[str | None, str], str]:
    with PO.open("rb") as fh:
        return {(m.context, m.id): m.string for m in read_po(fh) if m.id and isinstance(m.id, str)}


CATALOGUE = _catalogue()


def _placeholders(template: str) -> Counter[str]:
    return Counter(name for _, name, _, _ in string.Formatter().parse(template) if name is not None)


def test_the_scanner_finds_messages_nested_in_messages() -> None:
    found = {
        (ctx, text)
        for _, _, ctx, text in messages_in(
            'x = msg("{a}", a=Sentences((msg("inner"), N_("marked"))))\ny = L_("dep", "on_prem")\n'
        )
    }
    assert found == {(None, "{a}"), (None, "inner"), (None, "marked"), ("dep", "on_prem")}


def test_the_code_uses_messages_and_labels() -> None:
    assert len(CODE) > 200 and ("dep", "on_prem") in CODE


@pytest.mark.parametrize("key", sorted(CODE, key=lambda k: (k[0] or "", k[1])))
def test_every_message_in_the_code_has_a_japanese_translation(key: tuple[str | None, str]) -> None:
    assert CATALOGUE.get(key), f"no Japanese for {key}: run `make i18n` and translate it in {PO.name}"


@pytest.mark.parametrize("key", sorted(CATALOGUE, key=lambda k: (k[0] or "", k[1])))
def test_placeholders_match_exactly_and_no_english_is_left(key: tuple[str | None, str]) -> None:
    en, ja = key[1], CATALOGUE[key]
    assert _placeholders(en) == _placeholders(ja), key
    bare = re.sub(r"\{[a-z_]+\}", " § ", ja)
    assert ENGLISH_RUN.findall(bare) == [], f"{key}: English left in the Japanese"
    if ENGLISH_RUN.findall(re.sub(r"\{[a-z_]+\}", " § ", en)):  # a real English phrase needs a Japanese one
        assert JAPANESE.search(ja), key


def test_the_catalogue_holds_nothing_the_code_does_not_use() -> None:
    assert set(CATALOGUE) - CODE == set(), "obsolete entries: run `make i18n`"


def test_every_label_is_in_the_catalogue_under_its_group() -> None:
    for group, rows in LABELS.items():
        for code in rows:
            assert label(group, code, "ja") != rows[code] or rows[code].isupper(), (group, code)
    assert label("task", "vision", "ja") != label("need", "vision", "ja")  # context keeps them apart
    assert label("sens", "no_such_code", "ja") == "no such code"


def test_parameters_are_formatted_per_locale() -> None:
    m = msg("About {cost}/month.", cost=Usd(1234.4))
    assert render(m, "en") == "About $1,234/month."
    assert "$1,234" in render(m, "ja") and render(m, "ja") != render(m, "en")
    listed = msg("Task fit: {tiers}.", tiers=[Label("task", "chat"), Label("task", "rag")])
    assert render(listed, "en") == "Task fit: chat and rag."
    assert render(listed, "ja") == "タスク適合: チャット、RAG。"
    assert render(Num(1234567), "ja") == "1,234,567"


def test_yen_appears_beside_dollars_only_in_japanese_and_only_with_a_rate() -> None:
    from advisor.i18n import Fx

    fx = Fx(150.3)
    assert render(Usd(1234), "ja", fx) == "$1,234(約19万円)"
    assert render(Usd(0.15, unit_price=True), "ja", fx) == "$0.15(約22.5円)"
    assert render(Usd(1234), "en", fx) == "$1,234"
    assert render(Usd(1234), "ja") == "$1,234"


def test_kb_prose_without_japanese_points_to_its_source_in_japanese() -> None:
    both = Text("Keep the NOTICE file.", "NOTICE ファイルを残してください。", source="Apache License 2.0")
    english_only = Text("Keep the NOTICE file.", source="Apache License 2.0")
    assert render(both, "ja") == "NOTICE ファイルを残してください。" and render(both, "en") == both.en
    assert render(english_only, "en") == english_only.en
    assert "NOTICE" not in render(english_only, "ja") and "Apache License 2.0" in render(english_only, "ja")


def test_unknown_locales_and_ids_fall_back_to_english() -> None:
    m: Msg = msg("Why")
    assert render(m, "fr") == render(m, None) == "Why" and render(m, "ja_JP") == render(m, "ja")
    assert render(msg("not in the catalogue {x}", x=Num(2)), "ja") == "not in the catalogue 2"
