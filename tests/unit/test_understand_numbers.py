"""Number, unit and currency normalisation: the canonical text every quantity rule reads."""

from __future__ import annotations

from typing import Any

import pytest

from advisor.agent.understand import understand
from advisor.agent.understand.textnorm import canonical, clauses

CANONICAL = [
    ("月３万円", "月30000円"),
    ("年間360万円", "年間3600000円"),
    ("1万", "10000"),
    ("10万", "100000"),
    ("100万", "1000000"),
    ("3千", "3000"),
    ("5億", "500000000"),
    ("1億2000万", "120000000"),
    ("1.5万件", "15000件"),
    ("3万2千", "32000"),
    ("月10〜20万円", "月100000〜200000円"),
    ("$2k a month", "$2000 a month"),
    ("3.5k", "3500"),
    ("900M MAU", "900000000 mau"),
    ("2 million", "2000000"),
    ("2,000 tokens", "2000 tokens"),
    ("1,234,567", "1234567"),
    ("two RTX 4090s", "2 rtx 4090s"),
    ("a single GPU", "1 gpu"),
    ("a couple of A100s", "2 a100s"),
    ("二枚", "2枚"),
    ("十二台", "12台"),
    ("Llama 3.3 70B", "llama 3.3 70b"),
    ("A100 80GB", "a100 80gb"),
    ("M2 16GB", "m2 16gb"),
    ("gpt-4o", "gpt-4o"),
]


@pytest.mark.parametrize(("text", "expected"), CANONICAL)
def test_canonical_numbers(text: str, expected: str) -> None:
    assert canonical(text) == expected


def test_clauses_keep_decimals_and_thousands_together() -> None:
    assert clauses("about 2,000 a day, budget 3.5k. ok") == ["about 2,000 a day,", "budget 3.5k.", "ok"]
    assert clauses("予算は、月30万円。以上") == ["予算は、", "月30万円。", "以上"]


QUANTITIES: list[tuple[str, dict[str, Any]]] = [
    ("予算は月3万円", {"budget": {"amount": 30000, "currency": "JPY", "period": "month"}}),
    ("年間360万円", {"budget": {"amount": 3600000, "currency": "JPY", "period": "year"}}),
    ("$2k a month", {"budget_usd_month": 2000}),
    ("€500/month", {"budget": {"amount": 500, "currency": "EUR", "period": "month"}}),
    ("£1,200 per month", {"budget": {"amount": 1200, "currency": "GBP", "period": "month"}}),
    ("¥50000/月", {"budget": {"amount": 50000, "currency": "JPY", "period": "month"}}),
    ("$1,000-10,000", {"budget_usd_month": 10000}),
    ("$24k annually", {"budget": {"amount": 24000, "currency": "USD", "period": "year"}}),
    ("2,000 tokens", {"volume": {"input_tokens": 2000}}),
    ("2k tokens", {"volume": {"input_tokens": 2000}}),
    ("1日500件", {"volume": {"requests_per_day": 500}}),
    ("500 requests a day", {"volume": {"requests_per_day": 500}}),
    ("月に1万リクエスト", {"volume": {"requests_per_day": 333}}),
    ("300 calls per hour", {"volume": {"requests_per_day": 7200}}),
    ("32k context", {"context_tokens": 32000}),
    ("20万トークン", {"context_tokens": 200000}),
    ("200k-token contracts", {"context_tokens": 200000}),
    ("100 pages", {"context_tokens": 50000}),
    ("月間アクティブユーザー9億人", {"monthly_active_users": 900000000}),
    ("900M MAU", {"monthly_active_users": 900000000}),
    ("MAU is around 50k", {"monthly_active_users": 50000}),
    ("入力2000トークン、出力400トークン", {"volume": {"input_tokens": 2000, "output_tokens": 400}}),
]


@pytest.mark.parametrize(("text", "updates"), QUANTITIES, ids=[q[0] for q in QUANTITIES])
def test_quantities(text: str, updates: dict[str, Any]) -> None:
    assert understand(text).updates == updates


def test_amount_without_period_is_monthly_and_noted() -> None:
    u = understand("budget $800")
    assert u.updates == {"budget_usd_month": 800}
    assert u.notes == ["No period given for the budget; taken as per month."]


def test_long_paste_is_truncated_with_a_note() -> None:
    u = understand("We need summarization. " + "x " * 4000 + "budget $5000/month")
    assert u.updates == {"tasks": ["summarization"]}
    assert u.notes == ["Only the first 6,000 characters of a long message were read."]
