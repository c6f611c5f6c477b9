"""Answers to the question just asked: one-click option values and short replies.

``SLOT_OPTIONS`` is what the UIs show as buttons; each ``value`` is sent back as the user's text
and must round-trip: ``understand(value, pending_slot=slot)`` yields exactly that option's update
(``OPTION_UPDATES``). Short replies ("2", "はい", "none", "わからない") only make sense against
the pending slot; a reply that makes no sense for it ("はい" to "how sensitive is the data?")
changes nothing and says so in the notes.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from advisor.agent.understand.types import Notes
from advisor.i18n import L_, pgettext

DONT_KNOW = ("don't know", "わからない")

# slot -> [(value, English label)]: the labels are gettext ids (context "option"); Japanese in advisor.po
SLOT_OPTIONS: dict[str, list[tuple[str, str]]] = {
    "tasks": [
        ("summarization", L_("option", "Summarisation")),
        ("rag", L_("option", "Search over documents (RAG)")),
        ("chat", L_("option", "Chatbot / support")),
        ("extraction", L_("option", "Extraction")),
        ("classification", L_("option", "Classification")),
        ("translation", L_("option", "Translation")),
        ("coding", L_("option", "Coding")),
        ("reasoning", L_("option", "Analysis / reasoning")),
        ("vision", L_("option", "Images / OCR")),
        ("agents", L_("option", "Agents / tool use")),
        ("creative", L_("option", "Writing / copy")),
    ],
    "languages": [
        ("ja", L_("option", "Japanese")),
        ("en", L_("option", "English")),
        ("ja+en", L_("option", "Japanese and English")),
    ],
    "data_sensitivity": [
        ("public", L_("option", "Public information")),
        ("internal", L_("option", "Internal documents")),
        ("confidential", L_("option", "Confidential / customer data")),
        ("regulated", L_("option", "Regulated (health, finance, personal data)")),
    ],
    "deployment": [
        ("any", L_("option", "Vendor APIs are fine")),
        ("private_cloud", L_("option", "Our own cloud only")),
        ("on_prem", L_("option", "On our own servers")),
        ("air_gapped", L_("option", "Air-gapped (no internet)")),
    ],
    "budget": [
        ("under $100", L_("option", "Under $100 / month")),
        ("$100-1,000", L_("option", "$100–1,000 / month")),
        ("$1,000-10,000", L_("option", "$1,000–10,000 / month")),
        ("over $10,000", L_("option", "Over $10,000 / month (no tight limit)")),
    ],
    "volume": [
        ("up to 100/day", L_("option", "Up to 100 requests a day")),
        ("up to 1,000/day", L_("option", "Up to 1,000 a day")),
        ("up to 10,000/day", L_("option", "Up to 10,000 a day")),
        ("up to 100,000/day", L_("option", "Up to 100,000 a day")),
    ],
    "hardware": [
        ("none", L_("option", "No GPUs")),
        ("can rent", L_("option", "None, but we can rent cloud GPUs")),
        ("RTX 4090", L_("option", "One RTX 4090")),
        ("A100 80GB x2", L_("option", "Two A100 80GB")),
        ("H100 x8", L_("option", "Eight H100")),
        ("M2 16GB", L_("option", "Mac with M2, 16 GB")),
    ],
    "context": [
        ("up to 8k tokens", L_("option", "Short (up to ~16 pages)")),
        ("up to 32k tokens", L_("option", "Medium (up to ~64 pages)")),
        ("up to 128k tokens", L_("option", "Long (up to ~250 pages)")),
        ("up to 1M tokens", L_("option", "Very long (whole books, large contracts)")),
    ],
    "commercial_use": [
        ("yes", L_("option", "Commercial / business use")),
        ("no", L_("option", "Research / non-commercial")),
    ],
    "region": [
        ("jp", L_("option", "Japan")),
        ("eu", L_("option", "EU")),
        ("us", L_("option", "United States")),
        ("uk", L_("option", "United Kingdom")),
    ],
}
for _options in SLOT_OPTIONS.values():
    _options.append((DONT_KNOW[0], L_("option", "Don't know")))


def option_label(label: str, lang: str) -> str:
    """An option's label in ``lang`` (the English label is the gettext id, context "option")."""
    return pgettext("option", label, lang)


OPTION_UPDATES: dict[str, dict[str, dict[str, Any]]] = {
    "tasks": {
        t: {"tasks": [t]}
        | ({"needs": ["tool_calling"]} if t == "agents" else {})
        | ({"needs": ["vision"]} if t == "vision" else {})
        for t, _ in SLOT_OPTIONS["tasks"]
        if t != DONT_KNOW[0]
    },
    "languages": {
        "ja": {"languages": ["ja"]},
        "en": {"languages": ["en"]},
        "ja+en": {"languages": ["ja", "en"]},
    },
    "data_sensitivity": {
        v: {"data_sensitivity": v} for v in ("public", "internal", "confidential", "regulated")
    },
    "deployment": {v: {"deployment": v} for v in ("any", "private_cloud", "on_prem", "air_gapped")},
    "budget": {
        "under $100": {"budget_usd_month": 100},
        "$100-1,000": {"budget_usd_month": 1000},
        "$1,000-10,000": {"budget_usd_month": 10000},
        "over $10,000": {},
    },
    "volume": {
        "up to 100/day": {"volume": {"requests_per_day": 100}},
        "up to 1,000/day": {"volume": {"requests_per_day": 1000}},
        "up to 10,000/day": {"volume": {"requests_per_day": 10000}},
        "up to 100,000/day": {"volume": {"requests_per_day": 100000}},
    },
    "hardware": {
        "none": {"hardware": []},
        "can rent": {"hardware": [], "can_rent_gpus": True},
        "RTX 4090": {"hardware": [{"gpu": "RTX 4090", "count": 1}]},
        "A100 80GB x2": {"hardware": [{"gpu": "A100 80GB", "count": 2}]},
        "H100 x8": {"hardware": [{"gpu": "H100", "count": 8}]},
        "M2 16GB": {"hardware": [{"gpu": "M2 16GB", "count": 1}]},
    },
    "context": {
        "up to 8k tokens": {"context_tokens": 8000},
        "up to 32k tokens": {"context_tokens": 32000},
        "up to 128k tokens": {"context_tokens": 128000},
        "up to 1M tokens": {"context_tokens": 1000000},
    },
    "commercial_use": {"yes": {"commercial_use": True}, "no": {"commercial_use": False}},
    "region": {v: {"region": v} for v in ("jp", "eu", "us", "uk")},
}

_UNKNOWN = re.compile(
    r"\b(?:i )?(?:don'?t|do not|dont) know\b|\bno idea\b|\bnot sure\b|\bunsure\b|\bidk\b|\bdunno\b|\bno clue\b|\bcan'?t say\b"
    r"|\bnot (?:yet )?decided\b|\bundecided\b|\bup to you\b|\byou decide\b|\bskip\b|\bno preference\b|\bunknown\b|\btbd\b"
    r"|わから(?:ない|ん)|分から(?:ない|ん)|わかりません|分かりません|不明|未定|決まって(?:い)?ない|決めていない|任せ|おまかせ|スキップ|パス|特にこだわりはない|知らない|把握して(?:い)?ない"
)
_YES = {
    "yes",
    "y",
    "yeah",
    "yep",
    "yup",
    "sure",
    "correct",
    "right",
    "はい",
    "ええ",
    "うん",
    "そうです",
    "はい、そうです",
    "その通り",
    "ok",
    "okay",
}
_NO = {"no", "n", "nope", "いいえ", "いや", "いえ", "違います", "ちがいます", "ううん"}
_NONE = {
    "none",
    "nothing",
    "n/a",
    "na",
    "nil",
    "特になし",
    "なし",
    "無し",
    "ない",
    "ありません",
    "ないです",
    "特にない",
    "ゼロ",
    "0",
}
SLOT_WORDS: dict[str, str] = {
    "budget": r"budget|spend|cost|予算|費用|コスト|金額",
    "volume": r"volume|requests|traffic|how many|件数|量|リクエスト|アクセス数|利用数",
    "hardware": r"gpu|hardware|server|ハードウェア|サーバ|マシン",
    "data_sensitivity": r"sensitiv|confidential|機密|データの種類|機微",
    "deployment": r"deploy|hosting|host it|運用形態|利用形態|デプロイ|どこで動か",
    "context": r"context|document length|how long|コンテキスト|文書の長さ|長さ|ページ数",
    "region": r"region|country|地域|国",
    "languages": r"language|言語",
    "tasks": r"\btask|use case|用途|タスク",
    "commercial_use": r"commercial|licen[cs]e|商用|ライセンス",
}


def option_update(text: str, slot: str) -> tuple[str, dict[str, Any]] | None:
    """(option value, its update) when the text is an option's value or label."""
    key = _key(text)
    for value, label in SLOT_OPTIONS.get(slot, []):  # a typed label works in either language
        if key in (_key(value), _key(label), _key(option_label(label, "ja"))):
            return value, OPTION_UPDATES.get(slot, {}).get(value, {})
    return None


def _key(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text).strip().lower()
    return re.sub(r"[\s。.!?、]+", " ", folded).strip()


def says_unknown(text: str) -> bool:
    return bool(_UNKNOWN.search(text))


def unknown_slot_of(clause: str) -> str | None:
    for slot, words in SLOT_WORDS.items():
        if re.search(words, clause):
            return slot
    return None


def short_answer(
    text: str, slot: str, lang: str, notes: Notes, profile: dict[str, Any] | None = None
) -> tuple[dict[str, Any], bool]:
    """(update, handled) for a short reply to the pending slot. ``text`` is canonical.

    ``profile`` lets a bare count ("2") complete the one GPU model already known."""
    key = _key(text)
    if key in _YES or key in _NO:
        yes = key in _YES
        if slot == "commercial_use":
            return {"commercial_use": yes}, True
        if slot == "hardware" and not yes:
            return {"hardware": []}, True
        if slot == "hardware":
            notes.add(
                "You have GPUs: which model and how many?",
                "GPUをお持ちとのこと、型番と枚数を教えてください。",
            )
            return {}, True
        if slot == "deployment" and yes:
            return {}, _noted(notes)
        notes.add(
            f"'{text.strip()}' does not answer the {slot} question; nothing changed.",
            f"「{text.strip()}」は {slot} の質問への答えとして解釈できないため、変更していません。",
        )
        return {}, True
    if key in _NONE:
        if slot == "hardware":
            return {"hardware": []}, True
        return {}, False
    number = re.fullmatch(
        r"(?:about|around|約|およそ|~)?\s*(\d+(?:\.\d+)?)\s*(件|回|requests?|calls?|枚|台|gpus?)?(?:くらい|ぐらい|程度|ほど)?",
        key,
    )
    if not number:
        return {}, False
    value = float(number.group(1))
    as_int = int(value) if value.is_integer() else value
    if slot == "budget":
        currency = "JPY" if lang == "ja" else "USD"
        notes.add(
            f"No currency given; read as {currency} per month.",
            f"通貨の指定がないため、月額{'円' if currency == 'JPY' else 'ドル'}として扱いました。",
        )
        if currency == "USD":
            return {"budget_usd_month": as_int}, True
        return {"budget": {"amount": as_int, "currency": "JPY", "period": "month"}}, True
    if slot == "volume":
        notes.add(
            "No period given; read as requests per day.",
            "期間の指定がないため、1日あたりの件数として扱いました。",
        )
        return {"volume": {"requests_per_day": as_int}}, True
    if slot == "context":
        tokens = value * 1000 if value < 1000 else value
        if value < 1000:
            notes.add("Read as thousands of tokens.", "千トークン単位として解釈しました。")
        return {"context_tokens": round(tokens)}, True
    known = (profile or {}).get("hardware") or []
    if (
        slot == "hardware"
        and len(known) == 1
        and isinstance(known[0], dict)
        and known[0].get("gpu")
        and value.is_integer()
        and value >= 1
    ):
        return {"hardware": [{"gpu": known[0]["gpu"], "count": int(value)}]}, True
    if slot == "hardware":
        notes.add(
            f"{as_int} GPU(s), but which model? Hardware left open.",
            f"{as_int}枚とのことですが、GPUの型番が分からないため未設定のままです。",
        )
        return {}, True
    return {}, False


def _noted(notes: Notes) -> bool:
    notes.add(
        "'Yes' does not say which deployment; nothing changed.",
        "「はい」だけでは利用形態が決まらないため、変更していません。",
    )
    return True
