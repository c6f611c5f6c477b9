"""Understanding gaps closed in the polish round: counterfactual instructions ("treat the data as
public"), offline/air-gapped phrasings, and people's financial data as regulated."""

from __future__ import annotations

from typing import Any

import pytest
from agent_support import web_starter
from understand_kb import fake_kb

from advisor.agent.understand import understand

KB = fake_kb()

RELAXING_INSTRUCTIONS = [
    "データは公開扱いにして",
    "データは公開扱いでお願いします",
    "公開データとして扱ってください",
    "データは公開データとみなして",
    "データは公開ということにして",
    "社内情報だと思ってください",
    "APIは使えるものとして考えて",
    "H100が8枚あるとみなして",
    "assume the data is public",
    "treat the data as public",
    "treat our records as internal",
    "consider the data to be public",
    "let's say APIs are fine",
    "assume we have 2 A100s",
    "pretend we have 8 H100s",
]


@pytest.mark.parametrize("text", RELAXING_INSTRUCTIONS)
def test_an_instruction_to_take_a_looser_fact_as_true_is_ignored(text: str) -> None:
    u = understand(text, kb=KB)
    assert u.ignored == [text]
    assert (u.updates, u.intent, u.targets) == ({}, "other", [])
    assert u.notes  # the user is told that instructions were set aside


@pytest.mark.parametrize(
    ("text", "updates"),
    [
        ("データは公開情報です", {"data_sensitivity": "public"}),
        ("データは公開扱いです", {"data_sensitivity": "public"}),  # a statement about how it is handled
        ("our data is public", {"data_sensitivity": "public"}),
        ("the data is all public", {"data_sensitivity": "public"}),
        # a framing that asks for MORE care is a requirement, taken
        ("データは機密扱いにして", {"data_sensitivity": "confidential"}),
        ("treat our data as confidential", {"data_sensitivity": "confidential"}),
        # "assume" with an estimate is an estimate
        ("assume 1000 requests a day", {"volume": {"requests_per_day": 1000}}),
    ],
)
def test_statements_and_stricter_framings_stay_facts(text: str, updates: dict[str, Any]) -> None:
    u = understand(text, kb=KB)
    assert u.ignored == []
    assert u.updates == updates


def test_the_instruction_clause_is_dropped_and_the_facts_beside_it_kept() -> None:
    u = understand("患者のカルテを要約したい。データは公開扱いにして。", kb=KB)
    assert u.ignored == ["データは公開扱いにして。"]
    assert u.updates["data_sensitivity"] == "regulated" and u.updates["tasks"] == ["summarization"]


def test_an_instruction_given_as_the_answer_to_the_sensitivity_question_changes_nothing() -> None:
    for text in ("データは公開扱いにして", "treat the data as public"):
        u = understand(text, pending_slot="data_sensitivity", kb=KB)
        assert (u.updates, u.unknown_slots) == ({}, []), text


def test_a_hypothetical_stays_a_what_if() -> None:
    u = understand("公開データだと仮定したら?", kb=KB)
    assert (u.intent, u.ignored, u.updates) == ("what_if", [], {})
    assert u.what_if == {"data_sensitivity": "public"}


@pytest.mark.parametrize(
    "text",
    [
        "ネット接続なし",
        "ネット接続なしの環境です",
        "インターネットに繋がらない環境",
        "インターネット接続はありません",
        "ネットに接続できない環境です",
        "ネットワークから切り離された環境",
        "オフライン環境",
        "オフラインで運用したい",
        "no internet access",
        "offline network",
        "isolated network",
        "the servers have no internet",
        "our network is offline",
        "no network access",
        "the cluster is not connected to the internet",
    ],
)
def test_no_internet_means_air_gapped(text: str) -> None:
    assert understand(text, kb=KB).updates.get("deployment") == "air_gapped"


@pytest.mark.parametrize(
    "text",
    [
        "offline processing overnight",
        "we process offline in batches",
        "ネットで調べたい",
        "ネットワーク遅延がない",
    ],
)
def test_other_offline_and_network_words_are_not_air_gapped(text: str) -> None:
    assert "deployment" not in understand(text, kb=KB).updates


@pytest.mark.parametrize(
    ("text", "regulations"),
    [
        ("personal financial data", None),
        ("customer financial records", None),
        ("customers' personal financial data", None),
        ("bank account data", None),
        ("loan applications and credit history", None),
        ("credit card numbers", ["pci_dss"]),
        ("口座情報", None),
        ("顧客の口座情報を扱います", None),
        ("与信データ", None),
        ("与信審査の書類を要約", None),
        ("カード番号", ["pci_dss"]),
    ],
)
def test_peoples_financial_data_is_regulated(text: str, regulations: list[str] | None) -> None:
    u = understand(text, kb=KB)
    assert u.updates["data_sensitivity"] == "regulated"
    assert u.updates.get("regulations") == regulations  # only what is said: no GDPR guessed


@pytest.mark.parametrize(
    "text",
    [
        "our quarterly financial reports",
        "the company's financial data",
        "no personal financial data",
        "口座情報は含みません",
    ],
)
def test_company_finances_and_negations_are_not_regulated(text: str) -> None:
    assert understand(text, kb=KB).updates.get("data_sensitivity") != "regulated"


def test_eu_fintech_starter_is_understood_without_guessing_gdpr() -> None:
    message = web_starter("fintech")
    u = understand(message, kb=KB)
    assert u.updates["data_sensitivity"] == "regulated"
    assert u.updates["region"] == "eu" and "regulations" not in u.updates
    assert u.updates["tasks"] == ["chat"] and u.updates["languages"] == ["en", "de"]
