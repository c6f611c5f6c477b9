"""Text normalisation shared by every rule: one canonical form so patterns stay simple.

Two forms are produced. ``surface`` is NFKC-folded (full-width digits and letters become ASCII)
and lower-cased; names (GPUs, models) are matched there. ``canonical`` additionally rewrites
number expressions to plain integers ("3万" -> "30000", "2k" -> "2000", "2,000" -> "2000",
"two" -> "2"), so quantity patterns need to know only ``\\d+``.
"""

from __future__ import annotations

import re
import unicodedata

_KANA = re.compile(r"[\u3040-\u30ff\u31f0-\u31ff]")
_CJK = re.compile(r"[\u3400-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]")

_KANJI_DIGITS = {"〇": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_KANJI_SMALL = {"十": 10, "百": 100, "千": 1000}
_KANJI_BIG = {"万": 10_000, "億": 100_000_000}
# What a count is of: a kanji numeral right before one of these is a number ("三百件", "八枚"),
# elsewhere it is usually part of a word (一部, 一般, 十分, 千葉).
_COUNTERS = "枚台基日週月年万千億百人名件通回本個つ社問倍店円"
_KANJI_NUM = re.compile(
    rf"(?<![\d.])(?:[〇一二三四五六七八九十百千万億]*[〇一二三四五六七八九][〇一二三四五六七八九十百千万億]*(?=[{_COUNTERS}]|ページ|リクエスト)"
    rf"|[〇一二三四五六七八九]+[十百千][〇一二三四五六七八九十百千万億]*|[十百千][〇一二三四五六七八九十百千万億]*(?=[{_COUNTERS}]))"
)
# "数百件" (several hundred): the upper end of "a few" (5) is taken, for capacity's sake
_KANJI_SEVERAL = re.compile(r"数([十百千万])(?=[^十百千万])")
_WORD_NUMS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "sixteen": 16,
    "thirteen": 13,
    "fourteen": 14,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "hundred": 100,
    "thousand": 1000,
    "dozen": 12,
}
# Vague amounts read at their upper end (capacity must not be undersized); quantities notes it.
APPROX_WORDS = {"few": 5, "handful": 5, "several": 7, "dozens": 50}
_WORD_NUM = re.compile(
    r"\b(?:a\s+)?(?:(couple|pair)\s+of|single|"
    + "|".join(_WORD_NUMS)
    + "|"
    + "|".join(APPROX_WORDS)
    + r")\b(?:\s+of\b)?(?!\s*(?:of us|of them|another))"
)
_SCALE_WORD = re.compile(r"(?<![\d.])(\d++(?:\.\d++)?)\s+(hundred|thousand|million|billion)\b")
_HALF = re.compile(r"\bhalf an? (hundred|thousand|million|billion|dozen)\b")
# Numbers that cannot be a real count or amount (more than 15 digits, 1e16 and up, 10^23) and
# negative amounts are replaced by these marks, so no rule reads them as a smaller number and
# ``quantities`` can refuse them with a clear line.
TOO_LARGE, NEGATIVE = "\u221e", "\u2296"
_MAX_DIGITS = 15
_SCI = re.compile(
    r"(?<![a-z\d.])(\d++(?:\.\d++)?)\s*(?:e\+?|(?:x|\*)\s*10\s*(?:\^|\*\*))(\d++)(?![a-z\d])|(?<![a-z\d.])10\s*(?:\^|\*\*)\s*(\d++)"
)
_LONG_DIGITS = re.compile(rf"\d{{{_MAX_DIGITS + 1},}}(?:\.\d+)?")
_MINUS = re.compile(r"(?:^|(?<=[\s:=(（はがに日月]))[-−]\s?(?=\d)")
_THOUSANDS_SEP = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
_RANGE_UNIT = re.compile(
    r"(?<![\d.])(\d++(?:\.\d++)?)\s*(-|–|〜|~|から|to)\s*(\d++(?:\.\d++)?)\s*(億|万|千|k\b|m\b|million\b|thousand\b)"
)
_MULTIPLIERS = {
    "億": 100_000_000,
    "万": 10_000,
    "千": 1_000,
    "百": 100,
    "k": 1_000,
    "thousand": 1_000,
    "hundred": 100,
    "十": 10,
    "dozen": 12,
    "m": 1_000_000,
    "mn": 1_000_000,
    "million": 1_000_000,
    "bn": 1_000_000_000,
    "billion": 1_000_000_000,
}
_NUM_UNIT = re.compile(
    r"(?<![a-z\d.])(\d++(?:\.\d++)?)\s*(億|万|千|百|十(?=[件通人名回本枚台個])|k(?![a-z])|m(?![a-z0-9])|mn\b|million\b|bn\b|billion\b|thousand\b)"
)
_CLAUSE_SPLIT = re.compile(r"(?<=[。！？；\n、，])\s*|(?<=[.!?;,])\s+")


def detect_lang(text: str) -> str:
    """ "ja" when Japanese script carries a fair share of the message, else "en".

    A few Japanese words inside an English sentence stay "en"; one kana among product names
    ("GPT-4oはなぜダメ?") is enough for "ja".
    """
    text = unicodedata.normalize("NFKC", text or "")
    jp = len(_KANA.findall(text)) + len(_CJK.findall(text))
    if jp == 0:
        return "en"
    return "ja" if jp * 4 >= len(_LATIN.findall(text)) else "en"


def has_script(text: str) -> bool:
    """Whether the text holds any letters or kana/kanji to judge its language by."""
    return bool(_KANA.search(text) or _CJK.search(text) or _LATIN.search(text))


def surface(text: str) -> str:
    text = unicodedata.normalize("NFKC", text or "")
    text = text.replace("\u3000", " ").replace("～", "〜").replace("×", "x")
    text = _KANJI_SEVERAL.sub(lambda m: "5" + m.group(1), text)
    text = _KANJI_NUM.sub(lambda m: str(kanji_value(m.group(0))), text)
    return text.lower()


def kanji_value(numeral: str) -> int:
    """ "千五百" -> 1500, "二万三千" -> 23000, "八" -> 8 (positional within 万/億 sections)."""
    total = section = digit = 0
    for ch in numeral:
        if ch in _KANJI_DIGITS:
            digit = digit * 10 + _KANJI_DIGITS[ch] if digit and ch == "〇" else _KANJI_DIGITS[ch]
        elif ch in _KANJI_SMALL:
            section += (digit or 1) * _KANJI_SMALL[ch]
            digit = 0
        else:
            total += ((section + digit) or 1) * _KANJI_BIG[ch]
            section = digit = 0
    return total + section + digit


def _sci(m: re.Match[str]) -> str:
    mantissa, exponent = (m.group(1), m.group(2)) if m.group(3) is None else ("1", m.group(3))
    if int(exponent) > _MAX_DIGITS:
        return TOO_LARGE
    value = float(mantissa) * 10 ** int(exponent)
    return TOO_LARGE if value >= 10**_MAX_DIGITS else _fmt(value)


def _fmt(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def canonical(text: str) -> str:
    """``surface`` with number expressions rewritten as plain numbers."""
    text = _THOUSANDS_SEP.sub("", surface(text))
    text = _LONG_DIGITS.sub(TOO_LARGE, text)
    text = _SCI.sub(_sci, text)
    text = _MINUS.sub(NEGATIVE, text)
    text = _HALF.sub(lambda m: _fmt(_MULTIPLIERS[m.group(1)] / 2), text)
    text = _WORD_NUM.sub(_word_number, text)
    text = _SCALE_WORD.sub(lambda m: _fmt(float(m.group(1)) * _MULTIPLIERS[m.group(2)]), text)
    # "10〜20万" means 100,000 to 200,000: the unit of the upper bound applies to both.
    text = _RANGE_UNIT.sub(lambda m: f"{m.group(1)}{m.group(4)}{m.group(2)}{m.group(3)}{m.group(4)}", text)
    previous = None
    while previous != text:  # "1億2000万" needs two passes: 億 then the 万 remainder merges
        previous = text
        text = _merge_compound(text)
    return _NUM_UNIT.sub(lambda m: _fmt(float(m.group(1)) * _MULTIPLIERS[m.group(2).strip()]), text)


_COMPOUND = re.compile(r"(?<![a-z\d.])(\d++(?:\.\d++)?)(億|万)(\d++(?:\.\d++)?)(万|千)")


def _merge_compound(text: str) -> str:
    def merge(m: re.Match[str]) -> str:
        big = float(m.group(1)) * _MULTIPLIERS[m.group(2)]
        small = float(m.group(3)) * _MULTIPLIERS[m.group(4)]
        if _MULTIPLIERS[m.group(4)] >= _MULTIPLIERS[m.group(2)]:
            return m.group(0)
        return _fmt(big + small)

    return _COMPOUND.sub(merge, text)


def _word_number(m: re.Match[str]) -> str:
    if m.group(1):
        return "2"
    last = re.sub(r"\s+of$", "", m.group(0).strip()).split()[-1]
    if last == "single":
        return "1"
    if last in ("hundred", "thousand") and not m.group(0).startswith("a"):
        return m.group(0)  # "eight hundred": the scale word multiplies the number before it
    return str(APPROX_WORDS.get(last) or _WORD_NUMS[last])


def clauses(text: str) -> list[str]:
    """Sentence and comma-level pieces, for rules that judge one statement at a time."""
    return [c for c in (p.strip() for p in _CLAUSE_SPLIT.split(text)) if c]
