"""Request volume as a grammar of quantity, unit and period, in English and Japanese.

A rate is a number (or range), optionally the thing counted (any noun: tickets, 通, claims ...),
and a period (a day, per week, monthly, 1日, 月に ...). The rate is per day after conversion
(week /7, month /30, year /365, hour x24, a shift or weekday counts as one day's share). When
the sentence also gives a headcount and says the rate is per person ("25 lawyers, about 40
questions each a day", 「職員50人がそれぞれ1日10回」), the rate is multiplied by it. A range is
read at its upper end and vague amounts ("a few hundred", 数百) at the upper end of their
meaning, for capacity safety, and the notes say so. A negative or impossibly large number
near a volume is refused (``invalid``), never read as a smaller one.
"""

from __future__ import annotations

import re

from advisor.agent.understand.textnorm import NEGATIVE, TOO_LARGE
from advisor.agent.understand.types import Notes

N = r"(?<![\d.\u221e\u2296])(\d++(?:\.\d++)?)"
_PER = {
    "day": 1.0,
    "weekday": 1.0,
    "shift": 1.0,
    "week": 1 / 7,
    "month": 1 / 30,
    "quarter": 1 / 91,
    "year": 1 / 365,
    "hour": 24.0,
}
_EN_PERIOD = (
    r"(?:(?:each\s+)?(?:per|a|an|each|every|/)\s*(?:(?:user|person|head)\s+(?:per|a|/)\s*)?"
    r"(day|weekday|week|month|quarter|year|hour|hr|shift)s?\b|(daily|weekly|monthly|annually|yearly|hourly|a\s+day))"
)
_EN_WORDS = {
    "daily": "day",
    "a day": "day",
    "weekly": "week",
    "monthly": "month",
    "annually": "year",
    "yearly": "year",
    "hourly": "hour",
    "hr": "hour",
}
# Words between the number and the period that make it something other than a count of requests
_NOT_COUNTED = re.compile(
    r"\b(?:tokens?|dollars?|usd|eur|euros?|yen|jpy|bucks|gb|tb|mb|users?|people|employees|staff|members|customers"
    r"|students|patients|percent|hours?|minutes?|mins?|seconds?|mau|characters|chars|words|times? faster)\b|[$€£¥%]"
)
_EN_RATE = re.compile(
    r"(?<![$€£¥])(?:between\s+)?" + N + r"(?:\s*(?:-|–|to|and|or)\s*" + N + r")?\s*"
    r"((?:[a-z][a-z'-]*(?:\s+|(?=/))){0,3}?)(?:each\s+)?"
    + _EN_PERIOD
    + r"(?!\s*(?:active\s+)?(?:users?|mau)\b)"
)
_JA_UNIT = {
    "日": "day",
    "月": "month",
    "か月": "month",
    "ヶ月": "month",
    "カ月": "month",
    "週": "week",
    "週間": "week",
    "四半期": "quarter",
    "年": "year",
    "時間": "hour",
    "時": "hour",
}
_JA_COUNTER = r"(?:件|回|通|問|枚|本|個|リクエスト|コール|チケット|メール|ページ|人分|セッション|トランザクション|ドキュメント|文書)"
_JA_NOT = r"(?!(?:\s*(?:-|–|〜|~|から)\s*[\d.]+)?\s*(?:円|ドル|トークン|token|文字|時間|gb|%|人|名|日|週|か月|ヶ月|月|年|\d))"
_JA_RATE = re.compile(
    r"(?:(?:1|一)\s*(日|週間?|か月|ヶ月|カ月|年|時間)|毎(日|週|月|年|時)|(日|月|週|年|四半期)(?:に|間|次|々|で|(?=\d))|平日)"
    r"(?:に|で|あたり|当たり|につき|の)*([^\d。！？!?\n]{0,14}?)(?:約|およそ|最大|大体|だいたい|概ね|ほぼ)?\s*"
    + N
    + r"(?:\s*(?:-|–|〜|~|から|、)\s*"
    + N
    + r"(?=\s*"
    + _JA_COUNTER
    + r"))?\s*("
    + _JA_COUNTER
    + r")?"
    + _JA_NOT
)
_JA_RATE_AFTER = re.compile(N + r"\s*" + _JA_COUNTER + r"\s*(?:/|per\s*|毎)\s*(日|月|週|day|month|week)")
# who the rate is per: "each", "apiece", "per user", ずつ, それぞれ, 1人(あたり), "x"/"×" between counts
_EACH = re.compile(
    r"\beach\b|\bapiece\b|(?<=[\d人名])\s*x\s*(?=\d)|\bper (?:person|user|head|seat|lawyer|agent|employee|student)\b|\bx\b|ずつ|それぞれ|各自"
    r"|(?<!\d)1\s*人(?:あたり|当たり|につき)?|一人(?:あたり|当たり|につき)?|(?<=[人名])が\s*1\s*日"
)
_HEADCOUNT = [
    re.compile(r"\bstaff of\s*" + N + r"|" + N + r"-(?:person|people|member|seat)\b"),
    re.compile(
        N
        + r"(?:\s*(?:-|to)\s*"
        + N
        + r")?\s+(?:[a-z-]+\s+)?(?!(?:a|an|per|each|every|times|or|and|to)\b)[a-z-]{3,}s\b"
    ),
    re.compile(N + r"\s*(?:人|名|店舗|拠点|校|施設)(?!\s*(?:あたり|当たり|につき))"),
]
_UNIT_NOUN = re.compile(
    r"\b(?:tokens|words|characters|chars|pages|requests|queries|calls|messages|documents|docs|tickets|emails"
    r"|files|items|times|hours|minutes|seconds|days|weeks|months|years|dollars|gpus|cards|gbs?)\b|トークン|文字|ページ"
)
_SENTENCE = re.compile(r"[^.!?。！？\n]+")
_VOLUME_CONTEXT = re.compile(
    r"\b(?:day|week|month|year|hour|daily|requests?|queries|calls|messages|tickets|per)\b|日|件|通|回|週|月"
)
_MONEY_CONTEXT = re.compile(r"[$€£¥]|\b(?:dollars?|usd|eur|euros?|yen|jpy|budget|spend)\b|円|ドル|予算|費用")
_HW_CONTEXT = re.compile(r"\bgpus?\b|枚|台|\b[ahlbt]\d{2,3}\b|rtx")


def _rate_value(m: re.Match[str], lo: int, hi: int) -> float:
    first = float(m.group(lo))
    return max(first, float(m.group(hi))) if m.group(hi) else first


def _en_rates(sentence: str) -> list[tuple[float, str, int, int, bool]]:
    out = []
    for m in _EN_RATE.finditer(sentence):
        words = m.group(3) or ""
        if _NOT_COUNTED.search(words):
            continue
        period = m.group(4) or m.group(5)
        period = _EN_WORDS.get(re.sub(r"\s+", " ", period), period)
        per_person = bool(re.search(r"\bper (?:user|person|head)\b", m.group(0)))
        out.append((_rate_value(m, 1, 2), period, m.start(), m.end(), per_person))
    return out


def _ja_rates(sentence: str) -> list[tuple[float, str, int, int, bool]]:
    out = []
    for m in _JA_RATE.finditer(sentence):
        unit = m.group(1) or m.group(2) or m.group(3) or "日"
        period = _JA_UNIT.get(unit, "day")
        if m.group(7) is None and re.search(r"トークン|token|文字|円|ドル", m.group(4) or ""):
            continue
        out.append((_rate_value(m, 5, 6), period, m.start(), m.end(), False))
    for m in _JA_RATE_AFTER.finditer(sentence):
        period = {"日": "day", "月": "month", "週": "week"}.get(m.group(2), m.group(2))
        out.append((float(m.group(1)), period, m.start(), m.end(), False))
    return out


def _headcount(sentence: str, start: int, end: int, after_ok: bool) -> float | None:
    """The number of people (or sites) the per-person rate at [start, end) applies to: said
    before the rate, or after it when the rate itself is "per user"."""
    best: float | None = None
    for pattern in _HEADCOUNT:
        for m in pattern.finditer(sentence):
            if (
                start <= m.start() < end
                or (m.start() > end and not after_ok)
                or _UNIT_NOUN.search(m.group(0))
            ):
                continue  # the rate's own number, a count of things rather than of people
            values = [float(g) for g in m.groups() if g]
            if not values or max(values) <= 1:
                continue
            best = max(values) if best is None else best
        if best is not None:
            return best
    return None


def find_volume(text: str, notes: Notes) -> tuple[float | int | None, list[tuple[int, int]]]:
    """Requests per day and the spans used (so pages in "100 pages a day" are not a length)."""
    for sm in _SENTENCE.finditer(text):
        sentence = sm.group(0)
        rates = _en_rates(sentence) + _ja_rates(sentence)
        if not rates:
            continue
        value, period, start, end, per_person = min(rates, key=lambda r: r[2])
        rate = value * _PER[period]
        shifts = re.search(N + r"\s*shifts\b", sentence) if period == "shift" else None
        if shifts:
            rate *= float(shifts.group(1))
        if per_person or _EACH.search(sentence):
            people = _headcount(sentence, start, end, per_person)
            if people:
                rate *= people
                notes.say("understand.volume_per_person", people=_fmt(people), rate=_fmt(value))
        if re.search(r"(?:-|–|〜|~|から|\bto\b|\band\b|、)\s*\d", sentence[start:end]):
            notes.say("understand.volume_range_upper")
        if period not in ("day", "weekday", "shift"):
            notes.say(f"understand.volume_per_{period}")
        return _round_rate(rate), [(sm.start() + start, sm.start() + end)]
    return None, []


def invalid_numbers(text: str) -> dict[str, str]:
    """Slots whose number was refused: {"volume": "negative"}, {"budget": "too_large"} ..."""
    out: dict[str, str] = {}
    for m in re.finditer(f"[{TOO_LARGE}{NEGATIVE}]", text):
        around = text[max(0, m.start() - 25) : m.end() + 30]
        if _MONEY_CONTEXT.search(around):
            slot = "budget"
        elif _VOLUME_CONTEXT.search(around):
            slot = "volume"
        elif _HW_CONTEXT.search(around):
            slot = "hardware"
        else:
            slot = "number"
        out.setdefault(slot, "negative" if m.group(0) == NEGATIVE else "too_large")
    return out


def _fmt(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


def _round_rate(value: float) -> float | int:
    return round(value) if value >= 10 else round(value, 2)
