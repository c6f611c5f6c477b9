"""The web card's props: the answer at a glance, in human words, in English and Japanese."""

from __future__ import annotations

import re

from web_fakes import recommendation

from advisor.adapters.web import card
from advisor.adapters.web.i18n import as_lang, code_label, field_label, t
from advisor.i18n import Usd, fx_of, render
from advisor.kb.loader import get_kb


def test_card_leads_with_what_the_advice_is_based_on_in_words() -> None:
    props = card.card_props(recommendation(), "en")
    based = " | ".join(props["based_on"])
    assert "regulated data" in based and "only your own servers" in based
    assert "500 requests a day" in based and "2 × NVIDIA A100 80GB" in based
    assert "on_prem" not in based and "nvidia-a100-80gb" not in based  # no internals on screen
    assert props["primary"]["name"] == "Qwen2.5 32B Instruct"
    assert props["primary"]["runs_as"].startswith("Self-hosted on 1 × NVIDIA A100 80GB")
    assert props["primary"]["fit"] == "fits: 24.6 of 80 GB"
    assert "commercial use allowed" in props["primary"]["licence"]
    assert props["alternatives"][0]["runs_as"].startswith("API via")
    assert props["warnings"] == ["A price is older than 180 days."]


def test_japanese_card_has_japanese_labels_and_yen_beside_dollars() -> None:
    rec = recommendation()
    rec["alternatives"][0]["monthly_cost_usd"] = 1234.0
    props = card.card_props(rec, "ja")
    assert props["labels"]["based_on"] == "前提" and props["labels"]["recommended"] == "推奨"
    assert "規制対象データ(個人・医療・金融)" in props["based_on"] and "自社サーバーのみ" in props["based_on"]
    cost = props["alternatives"][0]["cost"]
    assert cost == render(Usd(1234.0), "ja", fx_of(get_kb()))  # worded exactly as the report words it
    assert cost.startswith("$1,234(約") and cost.endswith("円)")
    assert props["rate_note"] and "1 USD = ¥" in props["rate_note"]
    for label in props["labels"].values():  # every chrome label is translated
        assert not re.search(r"[A-Za-z]{3,} [A-Za-z]{3,}", label), label


def test_what_would_change_this_names_the_excluded_models_and_their_reason() -> None:
    rec = recommendation()
    rec["excluded"] = [
        {"model_id": "gpt-4o", "reasons": [{"code": "deployment", "text": "Vendor APIs are ruled out."}]}
    ]
    props = card.card_props(rec, "en")
    assert props["would_change"] == ["GPT-4o: Vendor APIs are ruled out."]
    labels = [a["label"] for a in props["actions"]]
    assert labels[0] == "Why not GPT-4o?" and labels[-1] == "Start over"
    assert any(lbl.startswith("Compare Qwen2.5 32B Instruct and") for lbl in labels)
    assert props["actions"][-1]["text"] == "/new"


def test_no_candidate_card_still_says_what_it_was_based_on() -> None:
    rec = recommendation()
    rec["primary"], rec["alternatives"] = None, []
    props = card.card_props(rec, "en")
    assert props["primary"] is None and props["based_on"]
    assert [a["text"] for a in props["actions"]] == ["/new"]


def test_labels_and_fallbacks() -> None:
    assert as_lang("ja") == "ja" and as_lang("de") == "en" and as_lang(None) == "en"
    assert code_label("deployment", "air_gapped", "ja") == "自社サーバー・インターネット接続なし"
    assert code_label("deployment", "moon_base", "en") == "moon base"
    assert field_label("unheard_of", "en") == "unheard of"
    assert "boom" in t("service_error", "en", error="boom")
