"""The interview's wording in English and Japanese: questions, their one-line why, acknowledgements.

Options come from the understanding module's ``SLOT_OPTIONS`` so that a clicked button's value
round-trips through the same rules as typed text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from advisor.agent.labels import field_label, requests_per_day
from advisor.agent.reply import Option, Question
from advisor.engine.messages import label as engine_label
from advisor.i18n import msg, render

QUESTIONS: dict[str, dict[str, tuple[str, str]]] = {
    # slot: {lang: (question, why)}
    "tasks": {
        "en": ("What will the model do? (e.g. summarise documents, answer questions over your files, write code)",
               "The task decides which models are strong enough."),
        "ja": ("モデルに何をさせたいですか?(例: 文書の要約、社内文書の検索・回答、コード生成)",
               "用途によって十分な性能のモデルが変わります。"),
    },
    "data_sensitivity": {
        "en": ("How sensitive is the data the model will see?",
               "Confidential or regulated data rules out providers that train on it or keep it."),
        "ja": ("データ機密性(扱うデータがどのくらい機密か)を教えてください。",
               "機密・規制対象のデータは、学習利用や保存をする提供元には送れません。"),
    },
    "deployment": {
        "en": ("May the data go to a vendor's API, or must it stay on infrastructure you control?",
               "This decides between API models and self-hosted open-weight models."),
        "ja": ("データを外部ベンダーのAPIに送ってもよいですか?それとも自社管理の環境から出せませんか?",
               "利用形態(API 利用か、オープンウェイトモデルの自社運用か)がこれで決まります。"),
    },
    "hardware": {
        "en": ("Which GPUs do you have (model and count), or can you rent cloud GPUs?",
               "Self-hosting needs the model's weights and cache to fit in GPU memory."),
        "ja": ("お持ちのGPU(型番と枚数)を教えてください。クラウドGPUのレンタルは可能ですか?",
               "自社運用では、モデルの重みとキャッシュがGPUメモリに収まる必要があります。"),
    },
    "volume": {
        "en": ("Roughly how many requests a day, and how long is a typical input?",
               "Volume decides the monthly API cost and whether self-hosting pays off."),
        "ja": ("処理量(1日あたりのおおよそのリクエスト数)と、1件の入力の長さを教えてください。",
               "処理量で月額のAPI費用と、自社運用が割に合うかが決まります。"),
    },
    "budget": {
        "en": ("What monthly budget do you have for running the model?",
               "The budget separates otherwise similar candidates."),
        "ja": ("モデルの運用にかけられる月額予算はどのくらいですか?",
               "予算で、似た候補の中からの選択が決まります。"),
    },
    "region": {
        "en": ("Where is your organisation based (e.g. EU, US, Japan)?",
               "Regulated data may have to stay in your region."),
        "ja": ("組織の所在地はどこですか?(例: 日本、EU、米国)",
               "規制対象のデータは地域内での保管が求められる場合があります。"),
    },
    "languages": {
        "en": ("Which languages must the model handle?", "Language strength varies a lot between models."),
        "ja": ("どの言語を扱う必要がありますか?", "言語の得意不得意はモデルによって大きく異なります。"),
    },
    "context": {
        "en": ("How long is the longest single input (pages or tokens)?", "Long inputs need a long context window."),
        "ja": ("最長入力(1回の入力の最大の長さ、ページ数またはトークン数)は?", "長い入力には長いコンテキスト長が必要です。"),
    },
    "commercial_use": {
        "en": ("Is this for commercial use?", "Some licences forbid commercial use."),
        "ja": ("商用利用ですか?", "商用利用を禁じるライセンスがあります。"),
    },
}


def _options(slot: str, lang: str) -> list[Option]:
    try:
        from advisor.agent.understand import SLOT_OPTIONS
    except ImportError:  # the understanding package is optional for rendering questions
        return []
    out = []
    for entry in SLOT_OPTIONS.get(slot, []):
        value, label_en, label_ja = entry[0], entry[1], entry[2]
        out.append(Option(value=str(value), label=str(label_ja if lang == "ja" else label_en)))
    return out


def make_question(slot: str, lang: str, *, again: bool = False) -> Question:
    """The question for ``slot``; ``again`` (the answer could not be read) asks it more simply, naming
    the options in the text so the second try differs from the first."""
    text, why = QUESTIONS.get(slot, QUESTIONS["tasks"])[lang if lang == "ja" else "en"]
    options = _options(slot, lang)
    if again and options:
        text = render(msg("Let me ask more simply — which of these fits best: {options}? "
                          "(“Don't know” is fine too.)", options=[o.label for o in options[:-1]]), lang)
    return Question(slot=slot, text=text, why=why, options=options)


def _option_label(slot: str, value: Any, lang: str) -> str | None:
    try:
        from advisor.agent.understand import SLOT_OPTIONS
    except ImportError:
        return None
    for entry in SLOT_OPTIONS.get(slot, []):
        if entry[0] == value:
            return str(entry[2] if lang == "ja" else entry[1])
    return None


def show_value(key: str, value: Any, lang: str) -> str:
    """A profile value as the user reads it (labels, units and the engine's terms in ``lang``)."""
    ja = lang == "ja"
    if isinstance(value, bool):
        return ("はい" if value else "いいえ") if ja else ("yes" if value else "no")
    if ja and key in ("data_sensitivity", "deployment") and isinstance(value, str):
        return engine_label("sens" if key == "data_sensitivity" else "dep", value, lang)  # the engine's term
    slot = {"data_sensitivity": "data_sensitivity", "deployment": "deployment", "tasks": "tasks",
            "languages": "languages"}.get(key)
    if key == "budget" and isinstance(value, Mapping):
        period = {"month": "月" if ja else "month", "year": "年" if ja else "year"}.get(value.get("period", "month"))
        return f"{float(value.get('amount', 0)):,.0f} {value.get('currency', '')}/{period}"
    if key == "volume" and isinstance(value, Mapping):
        parts = []
        if value.get("requests_per_day") is not None:
            n = f"{float(value['requests_per_day']):,.0f}"
            parts.append(requests_per_day(n, lang))
        for k, en, jp in (("input_tokens", "input", "入力"), ("output_tokens", "output", "出力")):
            if value.get(k) is not None:
                parts.append(f"{jp}{float(value[k]):,.0f}トークン" if ja else f"{en} {float(value[k]):,.0f} tokens")
        return ", ".join(parts)
    if isinstance(value, list):
        items = []
        for item in value:
            if isinstance(item, Mapping) and "gpu" in item:
                items.append(f"{item['gpu']} x{item.get('count', 1)}")
            elif isinstance(item, Mapping) and "name" in item:
                items.append(str(item["name"]))
            else:
                items.append((slot and _option_label(slot, item, lang)) or str(item))
        return ", ".join(items) if items else ("なし" if ja else "none")
    if isinstance(value, Mapping):
        return ", ".join(f"{k} {v}" for k, v in value.items())
    return (slot and _option_label(slot, value, lang)) or str(value)


_GPU_PROBLEM = re.compile(r"^(unknown|ambiguous) GPU '(.*)' \(nearest known: (.*)\)$")


def gpu_problem(message: str, lang: str) -> str:
    """The engine's unknown-GPU message (English, for profile files) said in the user's language."""
    m = _GPU_PROBLEM.match(message)
    if lang != "ja" or m is None:
        return message
    what, name, near = m.groups()
    if what == "ambiguous":
        return f"「{name}」に当てはまるGPUが複数あります(候補: {near})。型番を詳しく教えてください。"
    return f"「{name}」というGPUは知識ベースにありません(近いもの: {near})。"


def acknowledge(updates: Mapping[str, Any], unknown: list[str], lang: str) -> str:
    """One line saying back what was understood, so the user can correct a misreading at once."""
    parts = [f"{field_label(k, lang, inline=True)}: {show_value(k, v, lang)}" for k, v in updates.items()]
    lines = []
    if parts:
        lines.append(("了解しました — " if lang == "ja" else "Noted — ") + "; ".join(parts) + ".")
    if unknown:
        names = ("、" if lang == "ja" else ", ").join(field_label(s, lang, inline=True) for s in unknown)
        lines.append(f"{names}は標準の前提で進めます。" if lang == "ja"
                     else f"I'll use a stated default for {names}.")
    return "\n".join(lines)
