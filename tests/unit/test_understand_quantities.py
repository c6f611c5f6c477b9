"""Numbers of every form are read right or refused with a reason; volumes of any unit and period."""

from __future__ import annotations

import pytest

from advisor.agent.understand import understand
from advisor.agent.understand.textnorm import canonical


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1e6 docs", "1000000 docs"),
        ("2.5e3", "2500"),
        ("１２００", "1200"),
        ("3万", "30000"),
        ("1億2000万", "120000000"),
        ("2k", "2000"),
        ("1.5M", "1500000"),
        ("a couple of hundred", "200"),
        ("eight hundred", "800"),
        ("half a million", "500000"),
        ("千五百件", "1500件"),
        ("二万三千件", "23000件"),
        ("H100を八枚", "h100を8枚"),
        ("十分な品質", "十分な品質"),  # not a number
        ("千葉", "千葉"),
    ],
)
def test_number_forms(text: str, expected: str) -> None:
    assert canonical(text) == expected


@pytest.mark.parametrize(
    ("text", "slot", "why"),
    [
        ("We'll need to handle 10^23 requests a day.", "volume", "too_large"),
        ("requests per day: " + "9" * 400, "volume", "too_large"),
        ("-500 requests a day", "volume", "negative"),
        ("Budget is -200 dollars a month.", "budget", "negative"),
        ("1日-100件", "volume", "negative"),
    ],
)
def test_impossible_numbers_are_refused_not_misread(text: str, slot: str, why: str) -> None:
    u = understand(text)
    assert u.invalid == {slot: why}
    assert "volume" not in u.updates and "budget_usd_month" not in u.updates
    assert u.notes


@pytest.mark.parametrize(
    ("text", "per_day"),
    [
        ("We get about 1,200 tickets a day.", 1200),
        ("1日800通くらいです", 800),
        ("25 lawyers, about 40 questions each a day.", 1000),
        ("弁護士25名が、1人1日40問くらい質問します", 1000),
        ("Roughly 3,000 emails per week.", 429),
        ("around 15k invoices a month", 500),
        ("200–300 a day", 300),
        ("1日200〜300件", 300),
        ("a few hundred requests a day", 500),
        ("Usage: ~5 queries per user per day, 300 users.", 1500),
        ("1e6 requests a day", 1000000),
        ("一日千件程度", 1000),
    ],
)
def test_volume_any_unit_and_period(text: str, per_day: int) -> None:
    assert understand(text).updates["volume"]["requests_per_day"] == per_day


def test_range_and_vague_amounts_say_their_assumption() -> None:
    assert understand("200–300 a day").notes
    assert understand("a few hundred requests a day").notes


def test_monthly_users_without_volume_opens_the_volume_question() -> None:
    u = understand("Our app has 900M monthly active users.")
    assert u.updates["monthly_active_users"] == 900_000_000
    assert "volume" not in u.updates and u.open_slots == ["volume"]


def test_tokens_per_request_are_not_a_headcount() -> None:
    u = understand(
        "We need to summarize internal documents, about 500 requests per day, each around 3k tokens in and 300 out."
    )
    assert u.updates["volume"]["requests_per_day"] == 500
