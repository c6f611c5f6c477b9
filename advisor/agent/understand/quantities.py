"""Quantities: budget (amount, currency, period), request volume, tokens per request, context
length and monthly active users, read from the canonical text (numbers already plain digits).

Normalisations, each stated in the notes when applied: per-year money is kept as a yearly
``budget`` (the engine spreads it over 12 months), per-month or per-week volume -> per day
(/30, /7), pages -> tokens (500 tokens a page), Japanese characters -> tokens (about one each),
a range -> its upper end, money with no period -> per month. Currencies other than USD are kept as stated (``budget``) because the engine
converts them with the knowledge base's dated exchange rate.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from advisor.agent.understand.spans import Mask
from advisor.agent.understand.types import Notes
from advisor.agent.understand.volume import find_volume

TOKENS_PER_PAGE = 500
N = r"(?<![\d.\u221e\u2296])(\d++(?:\.\d++)?)"  # digit runs only from their start, never backtracked into
_APPROX = r"(?:about|around|approx(?:imately)?\.?|roughly|~|up to|under|below|at most|max(?:imum)?|約|およそ|最大|大体|だいたい|概ね)?\s*"

_CURRENCY_BEFORE = [
    (r"(?:us\$|\$|usd\s*)", "USD"),
    (r"(?:€|eur\s*)", "EUR"),
    (r"(?:£|gbp\s*)", "GBP"),
    (r"(?:¥|jpy\s*)", "JPY"),
]
_CURRENCY_AFTER = [
    (r"\s*(?:usd|dollars?|bucks|米ドル|ドル)", "USD"),
    (r"\s*(?:eur|euros?|ユーロ)", "EUR"),
    (r"\s*(?:gbp|pounds?|ポンド)", "GBP"),
    (r"\s*(?:円|yen|jpy)", "JPY"),
]
_RANGE = r"\s*(?:-|–|〜|~|to|から)\s*(?:\$|€|£|¥)?\s*" + N
_MONEY_RES = [(re.compile(pre + N + "(?:" + _RANGE + ")?"), cur) for pre, cur in _CURRENCY_BEFORE] + [
    (re.compile(r"(?<![\d.])" + N + "(?:" + _RANGE + ")?" + post), cur) for post, cur in _CURRENCY_AFTER
]
_MONTH = r"/\s*mo(?:nth)?\b|\ba month\b|\bper month\b|\bmonthly\b|\beach month\b|\bevery month\b|\bpm\b|月額|毎月|月々|/月|月に|月間|ひと月|1か月|1ヶ月|月"
_YEAR = r"/\s*y(?:ea)?r\b|\ba year\b|\bper year\b|\bannual(?:ly)?\b|\byearly\b|\bper annum\b|年間|年額|年に|/年|1年|年"
_UNIT_PRICE = re.compile(
    r"^\s*(?:/|per|a|each)\s*(?:1m|1000000|million|m)?\s*(?:tokens?|requests?|users?|seats?|hours?|h\b|call|query)|^\s*/\s*(?:h|hr)\b|^\s*(?:per|/)\s*(?:user|seat)|^\s*(?:/|per|の)?\s*(?:トークン|時間|ユーザー|1時間|席)"
)
_CUT = re.compile(r"[,;。、，!?]")


@dataclass
class Money:
    amount: float
    currency: str
    period: str
    start: int
    end: int


def _window_period(text: str, start: int, end: int) -> str | None:
    """The period marker nearest the amount, within its clause."""
    before = text[max(0, start - 10) : start]
    before = _CUT.split(before)[-1]
    after = _CUT.split(text[end : end + 16])[0]
    best: tuple[int, str] | None = None
    for period, pattern in (("month", _MONTH), ("year", _YEAR)):
        for m in re.finditer(pattern, before):
            dist = len(before) - m.end()
            if best is None or dist < best[0]:
                best = (dist, period)
        m2 = re.search(pattern, after)
        if m2 and (best is None or m2.start() < best[0]):
            best = (m2.start(), period)
    return best[1] if best else None


def find_money(text: str) -> list[Money]:
    found: list[Money] = []
    mask = Mask(len(text))
    for pattern, currency in _MONEY_RES:
        for m in pattern.finditer(text):
            if not mask.claim(m.start(), m.end()):
                continue
            if _UNIT_PRICE.match(text[m.end() : m.end() + 24]):
                continue
            upper = m.group(2) or m.group(1)
            period = _window_period(text, m.start(), m.end()) or ""
            found.append(Money(float(upper), currency, period, m.start(), m.end()))
            if m.group(2):
                found[-1].period += "|range"
    return sorted(found, key=lambda f: f.start)


def budget_update(money: Money, notes: Notes) -> dict[str, Any]:
    amount, period = money.amount, money.period.split("|")[0]
    if money.period.endswith("|range"):
        notes.add(
            "A budget range was given; the upper end is used as the ceiling.",
            "予算は幅で伺ったため、上限の金額を使います。",
        )
    if period == "year":
        # kept as stated: the engine spreads a yearly budget over 12 months (one place for that)
        notes.add(
            "Yearly budget: spread over 12 months for the monthly comparison.",
            "年間予算は12か月で割って月額として比較します。",
        )
    elif not period:
        notes.add(
            "No period given for the budget; taken as per month.",
            "予算の期間が不明のため、月額として扱いました。",
        )
    amount = round(amount) if money.currency == "JPY" else round(amount, 2)
    amount = int(amount) if float(amount).is_integer() else amount
    if period == "year":
        return {"budget": {"amount": amount, "currency": money.currency, "period": "year"}}
    if money.currency == "USD":
        return {"budget_usd_month": amount}
    return {"budget": {"amount": amount, "currency": money.currency, "period": "month"}}


_TOK = r"\s*(?:-\s*)?(?:tokens?|トークン|toks?)"
_PER_REQ = r"(?:(?:1回|1件|1リクエスト|毎回)(?:あたり|当たり|につき)?|per request|each time|each)?\s*"
_OUT_RES = [
    re.compile(
        r"(?:output|outputs|response|responses|answer|answers|reply|replies|出力|回答|応答|生成)(?:\s*(?:is|are|of|:|=|は|が|を|で|length))*\s*"
        + _PER_REQ
        + _APPROX
        + N
        + _TOK
    ),
    re.compile(N + _TOK + r"\s*(?:of\s*)?(?:output|out\b|出力|の出力|の回答|を出力|を生成)"),
    re.compile(N + r"\s*out\b"),
    re.compile(N + r"\s*(?:output|出力)\s*(?:tokens?|トークン)"),
]
_IN_RES = [
    re.compile(
        r"(?:input|inputs|prompt|prompts|入力|プロンプト)(?:\s*(?:is|are|of|:|=|は|が|length))*\s*"
        + _PER_REQ
        + _APPROX
        + N
        + _TOK
    ),
    re.compile(N + _TOK + r"\s*(?:of\s*)?(?:input|in\b|入力|の入力|を入力)"),
    re.compile(N + r"\s*in\b(?=.{0,20}\bout\b)"),
    re.compile(N + r"\s*(?:input|prompt|入力)\s*(?:tokens?|トークン)"),
    # "2,000 input and 300 output tokens": the unit is stated once, after the second figure
    re.compile(
        N
        + r"\s*(?:input|prompt|入力)(?=\s*(?:and|&|,|/|と|、)\s*\d[\d.]*\s*(?:output|出力)\s*(?:tokens?|トークン))"
    ),
]
_CONTEXT_RES = [
    re.compile(N + r"(?:" + _TOK + r")?\s*(?:-\s*)?(?:context|context window|window|コンテキスト)"),
    re.compile(
        r"(?:context(?: window| length)?|コンテキスト(?:長)?)\s*(?:of|is|:|=|は|が)?\s*" + _APPROX + N
    ),
    re.compile(
        N
        + _TOK
        + r"\s*(?:の|程度の|くらいの|ほどの)?(?:contracts?|documents?|docs|files|reports?|manuals?|papers?|transcripts?|契約書|文書|ドキュメント|資料|マニュアル|論文|議事録)"
    ),
    re.compile(r"(?:最大|longest|up to|最長)\s*" + N + _TOK),
]
_PAGES = re.compile(N + r"\s*(?:-\s*)?(?:pages?|ページ|頁)")
_CHARS = re.compile(N + r"\s*(?:文字|characters|chars)")
_PLAIN_TOKENS = re.compile(N + _TOK)
_LONG = 32000
_PRICE_UNIT_SPAN = re.compile(
    r"(?:per|/|a)\s*(?:1000000|1000)\s*(?:tokens?|トークン)|(?:1000000|1000)\s*(?:tokens?|トークン)\s*(?:あたり|当たり|につき)"
)


def _num(value: str) -> int:
    return round(float(value))


def find_tokens(text: str, taken: list[tuple[int, int]], notes: Notes) -> dict[str, int]:
    """input_tokens / output_tokens per request and context_tokens (longest single input)."""
    out: dict[str, int] = {}
    mask = Mask(len(text))
    for start, end in taken:
        mask.take(start, end)
    for key, patterns in (
        ("output_tokens", _OUT_RES),
        ("context_tokens", _CONTEXT_RES),
        ("input_tokens", _IN_RES),
    ):
        for pattern in patterns:
            if key in out:
                break
            m = next((m for m in pattern.finditer(text) if mask.free(m.start(), m.end())), None)
            if m is not None:
                out[key] = _num(m.group(1))
                mask.take(m.start(), m.end())
    for m in _PAGES.finditer(text):
        if "context_tokens" not in out and mask.claim(m.start(), m.end()):
            out["context_tokens"] = _num(m.group(1)) * TOKENS_PER_PAGE
            notes.add(
                f"Pages converted at about {TOKENS_PER_PAGE} tokens a page.",
                f"ページ数は1ページ約{TOKENS_PER_PAGE}トークンで換算しました。",
            )
    for m in _CHARS.finditer(text):
        key = "context_tokens" if float(m.group(1)) >= _LONG else "input_tokens"
        if key not in out and mask.claim(m.start(), m.end()):
            out[key] = _num(m.group(1))
            notes.add(
                "Characters counted as about one token each (Japanese).",
                "文字数は日本語で1文字≒1トークンとして換算しました。",
            )
    for m in _PLAIN_TOKENS.finditer(text):
        value = _num(m.group(1))
        key = "context_tokens" if value >= _LONG else "input_tokens"
        if key not in out and mask.claim(m.start(), m.end()):
            out[key] = value
            if key == "input_tokens":
                notes.add(
                    "Token count read as input tokens per request.",
                    "トークン数は1リクエストあたりの入力として扱いました。",
                )
    return out


_USERS_RES = [
    re.compile(
        r"(?:used by|serv(?:e|es|ing)|for|has|have|with)\s*"
        + _APPROX
        + N
        + r"\s*(?:internal\s+)?(?:employees|users|staff|people|members|customers)\b(?!\s*(?:,\s*)?(?:each|x\b))"
    ),
    re.compile(
        r"(?:社員|従業員|利用者|ユーザー|教職員|職員)(?:数)?(?:は|が)?\s*(?:月(?:に|間)?)?\s*"
        + _APPROX
        + N
        + r"\s*人(?!\s*(?:が|、)?\s*(?:それぞれ|1日|一日))"
    ),
    re.compile(N + r"\s*人(?:の|が|ほどの|程度の|くらいの)?(?:社員|従業員|利用者|ユーザー|職員)"),
]
_MAU_RES = [
    re.compile(
        r"(?:(?<![a-z])mau(?![a-z])|monthly active users?|月間アクティブユーザー|月間利用者|月間ユーザー|月間アクティブ)(?:数)?\s*(?:of|is|are|:|=|は|が)?\s*"
        + _APPROX
        + N
    ),
    re.compile(
        N
        + r"\s*(?:人)?\s*(?:の)?(?:(?<![a-z])mau(?![a-z])|monthly active users?|月間アクティブユーザー|monthly users)"
    ),
    re.compile(N + r"[- ]users?\b(?= (?:consumer |mobile |social )?(?:app|game|platform|service|site))"),
]


def find_mau(text: str) -> int | None:
    for pattern in _MAU_RES:
        m = pattern.search(text)
        if m:
            return _num(m.group(1))
    return None


def quantity_facts(text: str, notes: Notes) -> dict[str, Any]:
    out: dict[str, Any] = {}
    money = find_money(text)
    if money:
        # Several amounts in one currency ("$2k a month, maybe up to $3k") bound one budget: the
        # largest is the ceiling. Amounts in other currencies than the first are set aside.
        same = [m for m in money if m.currency == money[0].currency]
        chosen = max(same, key=lambda m: m.amount * (1 / 12 if m.period.startswith("year") else 1))
        out.update(budget_update(chosen, notes))
        if len(money) > 1:
            notes.add(
                "Several amounts of money mentioned; the largest is taken as the budget ceiling.",
                "金額が複数あったため、最も大きい金額を予算の上限としました。",
            )
    taken = [(m.start, m.end) for m in money]
    taken += [(m.start(), m.end()) for m in _PRICE_UNIT_SPAN.finditer(text)]
    mau = find_mau(text)
    if mau is None:
        users = next((m for pattern in _USERS_RES for m in [pattern.search(text)] if m), None)
        if users is not None:
            mau = _num(users.group(1))
            taken.append((users.start(), users.end()))
            notes.add(
                "The number of users is read as monthly active users.",
                "利用者数を月間アクティブユーザー数として扱いました。",
            )
    if mau is not None:
        out["monthly_active_users"] = mau
        for pattern in _MAU_RES:
            taken += [(m.start(), m.end()) for m in pattern.finditer(text)]
    rate, spans = find_volume(text, notes)
    taken += spans
    tokens = find_tokens(text, taken, notes)
    volume: dict[str, Any] = {}
    if rate is not None:
        volume["requests_per_day"] = rate
    for key in ("input_tokens", "output_tokens"):
        if key in tokens:
            volume[key] = tokens[key]
    if volume:
        out["volume"] = volume
    if "context_tokens" in tokens:
        out["context_tokens"] = tokens["context_tokens"]
    return out
