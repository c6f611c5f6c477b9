"""GPUs the user already has, how many, "no GPUs", and Apple silicon.

A GPU is recognised by the knowledge base's names and aliases and, so that an incomplete KB does
not make the advisor deaf, by the naming conventions of the common lines (A100, H100, RTX 4090,
MI300X, M2 ...). The name is returned as the user wrote it (tidied: "4090s" -> "RTX 4090"); the
engine resolves it against the KB and reports an unknown one with the nearest known names.
A count with no GPU name ("2") is not enough to act on: it goes to the notes.
"""

from __future__ import annotations

import re
from typing import Any

from advisor.agent.understand.facts import scan
from advisor.agent.understand.spans import Mask
from advisor.agent.understand.types import Notes
from advisor.agent.understand.vocab import Vocabulary

_GENERIC = [
    re.compile(
        r"(?<![a-z0-9])(?:nvidia\s*)?(?:geforce\s*)?rtx\s*(?:pro\s*)?(?:a?\d{4}(?:\s*ti)?(?:\s*ada)?)(?=s?(?![a-z0-9]))"
    ),
    re.compile(
        r"(?<![a-z0-9])(?:nvidia\s*)?(?:gb200|gh200|a100|a10g|a10|a30|a40|a800|a6000|h100|h200|h800|h20|b200|b100|l40s|l40|l4|t4|v100|p100)"
        r"(?:\s*(?:sxm\d?|pcie|nvl))?(?:\s*[-(]?\s*\d+\s*gb\)?)?(?=s?(?![a-z0-9]))"
    ),
    re.compile(r"(?<![a-z0-9])(?:amd\s*)?(?:instinct\s*)?mi\d{3}x?(?![a-z0-9])"),
    re.compile(r"(?<![a-z0-9])(?:radeon\s*)?rx\s*\d{4}\s*(?:xtx|xt)?(?![a-z0-9])"),
    re.compile(r"(?<![a-z0-9])[345]0[6-9]0(?:\s*ti)?(?=s\b)"),
    re.compile(r"(?:(?<=\ba )|(?<=\ban )|(?<=\d )|(?<=\dx )|(?<=\d x ))[345]0[6-9]0(?:\s*ti)?(?![a-z0-9])"),
]
_APPLE = re.compile(
    r"(?<![a-z0-9])(m[1-5])(?:\s*(pro|max|ultra))?(?:\s*(?:chip|チップ))?(?:\s*(?:with|and|搭載|の|,|、)?\s*(?:an?\s+)?(?:メモリ|memory\s*(?:of\s*)?)?\s*(\d+)\s*gb)?(?![a-z0-9])"
)
_APPLE_JOIN = re.compile(
    r"\s*(?:\band\b|\bwith\b|,|、)\s*(?:an?\s+)?(?:メモリ|memory\s*(?:of\s*)?)?\s*(?=\d+\s*gb)", re.IGNORECASE
)
_APPLE_CONTEXT = re.compile(r"mac|apple|アップル|マック|\bm[1-5]\s*(?:pro|max|ultra)?\s*(?:with\s*)?\d+\s*gb")
_BEFORE_COUNT = re.compile(r"(\d+)\s*(?:x|\*|枚の|台の|基の|個の|つの)?\s*(?:of\s*)?(?:the\s*)?$")
_AFTER_COUNT = re.compile(
    r"^(?:s\b)?\s*(?:gpus?|cards?)?\s*(?:\(|を|が|は|も|:)?\s*(?:(?:x|\*)\s*(\d+)|(\d+)\s*(?:枚|台|基|個|機|つ|cards?\b|gpus?\b|units?\b|x\b))"
)
_GPU_WORD_COUNT = re.compile(
    r"(?<!\d)(\d++)\s*(?:x\s*)?(?:gpus?|枚|台)|gpus?\s*(?:を|が|は)?\s*(\d++)\s*(?:枚|台)"
)


def _tidy(raw: str) -> str:
    """A readable name when the user's own spelling cannot be found ("4090s" -> "RTX 4090")."""
    name = re.sub(r"\s+", " ", raw.strip(" -("))
    name = re.sub(r"\(\s*(\d+\s*gb)\s*\)", r"\1", name)
    if re.fullmatch(r"[345]0[6-9]0(?: ti)?", name):
        name = "rtx " + name
    return " ".join(w.upper() if re.search(r"\d", w) or len(w) <= 3 else w.title() for w in name.split())


def _rented(text: str, gpu_at: int, rent_at: int) -> bool:
    """Whether the GPU at ``gpu_at`` is the object of the renting phrase ("rent 2 H100s",
    "H100を8枚レンタル") rather than hardware the user has."""
    if rent_at < gpu_at:
        between = text[rent_at:gpu_at]
    elif not text[rent_at].isascii():  # Japanese puts the object before the verb
        between = text[gpu_at:rent_at]
    else:
        return False
    return not re.search(r"[。、,.;!?]|\bbut\b|\band\b|\bhave\b|あり|持って|と", between)


def _count_near(text: str, start: int, end: int) -> int | None:
    after = _AFTER_COUNT.match(text[end : end + 16])
    if after:
        return int(after.group(1) or after.group(2))
    before = _BEFORE_COUNT.search(text[max(0, start - 10) : start])
    if before:
        return int(before.group(1))
    return None


def _as_written(matched: str, original: str) -> str:
    """The user's own spelling of a matched name (matching ran on folded, lower-case text)."""
    pattern = r"[\s\-_]*".join(re.escape(ch) for ch in matched.replace(" ", ""))
    m = re.search(pattern, original, re.I) if pattern else None
    if m is None:
        return _tidy(matched)
    name = re.sub(r"\s+", " ", m.group(0)).strip(" -(")
    name = re.sub(r"\(\s*(\d+\s*gb)\s*\)", r"\1", name, flags=re.I)
    if re.fullmatch(r"[345]0[6-9]0(?: ti)?", name.lower()):
        name = "RTX " + name
    return name


def find_hardware(text: str, vocab: Vocabulary, notes: Notes, original: str = "") -> dict[str, Any]:
    """``hardware`` (and ``can_rent_gpus``) from canonical ``text``; names are given as the user
    spelled them in ``original``."""
    candidates = [(s, e) for s, e, _ in vocab.find_gpus(text)]
    candidates += [(m.start(), m.end()) for pattern in _GENERIC for m in pattern.finditer(text)]
    if _APPLE_CONTEXT.search(text):
        candidates += [(m.start(), m.end()) for m in _APPLE.finditer(text)]
    mask = Mask(len(text))
    spans = [(s, e) for s, e in sorted(candidates, key=lambda c: (c[0] - c[1], c[0])) if mask.claim(s, e)]
    rent = scan(text, "rent", check_negation=False)
    items: list[dict[str, Any]] = []
    for start, end in sorted(spans):
        if any(_rented(text, start, h.start) for h in rent if h.value):
            notes.add(
                "GPUs you can rent are not counted as hardware you have.",
                "レンタル可能なGPUは、保有するハードウェアには含めていません。",
            )
            continue
        name = _as_written(text[start:end], original) if original else _tidy(text[start:end])
        # "an M2 and 16GB of memory" / "M3 Max、メモリ128GB" -> "M2 16GB" / "M3 Max 128GB"
        name = _APPLE_JOIN.sub(" ", name)
        count = _count_near(text, start, end)
        if count is None:
            count = 1
        if count == 1 and text[end : end + 1] == "s":
            notes.add(f"{name}: no count given, assumed 1.", f"{name} の枚数が不明のため1枚としました。")
        existing = next((i for i in items if i["gpu"].lower() == name.lower()), None)
        if existing:
            existing["count"] = max(existing["count"], count)
        elif count >= 1:
            items.append({"gpu": name, "count": count})
    out: dict[str, Any] = {}
    if items:
        out["hardware"] = items
    elif scan(text, "no_gpu", check_negation=False):
        out["hardware"] = []
    elif re.search(r"\bgpus?\b|gpu", text):
        bare = _GPU_WORD_COUNT.search(text)
        if bare and not re.search(r"\b(?:rent|need|buy|on \d+ gpus?)", text):
            stated = bare.group(1) or bare.group(2)
            notes.add(
                f"{stated} GPU(s) mentioned without the model; which GPU is it?",
                f"GPU {stated}枚と伺いましたが、型番が分かりません。",
            )
    if rent:
        out["can_rent_gpus"] = rent[0].value
    return out
