"""Word-level facts: sensitivity, regulations, deployment, tasks, languages, region, licence use,
latency, needs and GPU renting, read from both lexicons (messages mix languages freely).

Rules for combining hits, chosen to be safe rather than clever:
- data_sensitivity and deployment take the most restrictive value mentioned; a hit that is
  negated ("not confidential", "機密ではない") does not count.
- tasks, languages and needs keep every value, in the order the user mentioned them.
- an agents task adds the tool_calling need, and a vision task the vision need.
- region and commercial_use take the first mention.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from advisor.agent.understand.lexicon import entries
from advisor.agent.understand.spans import Mask
from advisor.agent.understand.types import Notes
from advisor.agent.understand.vocab import KeywordIndex

SENSITIVITY_RANK = {"public": 0, "internal": 1, "confidential": 2, "regulated": 3}
DEPLOYMENT_RANK = {"any": 0, "private_cloud": 1, "on_prem": 2, "air_gapped": 3}

_EN_NEG = re.compile(
    r"\b(?:not|no|never|nothing|isn'?t|aren'?t|wasn'?t|don'?t|doesn'?t|won'?t|can'?t|cannot|without|nor|neither|none)\b(?:\s+(?:really|very|at all|so|that|any|of|it|is|the|our|[a-z]+ (?:or|nor)))*\s*$"
)
_JA_NEG = re.compile(
    r"^(?:情報|データ|文書|資料)?(?:では|じゃ)(?:ない|なく|ありません)"
    r"|^(?:情報|データ|文書|資料)?(?:は|を|が|も)?(?:一切)?(?:含まない|含まれない|含みません|含まれません|扱わない|扱いません|ありません|ない(?!よう)|なく|無い|なし|無し|不要)"
)
_WINDOW_CUT = re.compile(r".*(?:[,.;:!?、。，]|\bbut\b|\bhowever\b)", re.S)


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    value: Any


def negated(text: str, start: int, end: int) -> bool:
    before = _WINDOW_CUT.sub("", text[max(0, start - 30) : start])
    if _EN_NEG.search(before):
        return True
    return bool(_JA_NEG.match(text[end : end + 14]))


@cache
def _compiled(category: str) -> list[tuple[re.Pattern[str], Any]]:
    return [(re.compile(p), value) for p, value in entries(category)]


def scan(text: str, category: str, *, check_negation: bool = True, exclusive: bool = True) -> list[Hit]:
    """Hits of one category in text order; earlier patterns win overlapping spans unless not
    ``exclusive`` (one word may name two languages: 日英 is Japanese and English)."""
    hits: list[Hit] = []
    mask = Mask(len(text))
    for pattern, value in _compiled(category):
        for m in pattern.finditer(text):
            if m.end() == m.start() or (exclusive and not mask.free(m.start(), m.end())):
                continue
            if check_negation and negated(text, m.start(), m.end()):
                continue
            mask.take(m.start(), m.end())
            hits.append(Hit(m.start(), m.end(), value))
    return sorted(hits, key=lambda h: h.start)


def _ordered_unique(values: list[Any]) -> list[Any]:
    out: list[Any] = []
    for v in values:
        if v not in out:
            out.append(v)
    return out


def task_hits(text: str, keywords: KeywordIndex | None = None) -> list[Hit]:
    """The lexicon's task phrases; the knowledge base's keyword lists (broad, written for search)
    only fill in when the lexicon finds no task at all."""
    hits = scan(text, "tasks")
    if hits or keywords is None:
        return hits
    return [Hit(s, e, task) for s, e, task in keywords.find(text) if not negated(text, s, e)]


def sensitivity_of(text: str) -> str | None:
    hits = scan(text, "sensitivity")
    if not hits:
        return None
    return max((h.value for h in hits), key=SENSITIVITY_RANK.__getitem__)


def word_facts(
    text: str, lang: str, notes: Notes, task_keywords: KeywordIndex | None = None
) -> dict[str, Any]:
    """Every lexicon-based field found in ``text`` (canonical form)."""
    out: dict[str, Any] = {}
    sensitivity = sensitivity_of(text)
    if sensitivity:
        out["data_sensitivity"] = sensitivity
    regulations = _ordered_unique([h.value for h in scan(text, "regulations")])
    if (
        lang == "ja"
        and sensitivity == "regulated"
        and "appi" not in regulations
        and re.search(r"患者|カルテ|診療|医療|病歴|健康|マイナンバー|要配慮", text)
    ):
        regulations.append("appi")
        notes.add(
            "Health or ID data in Japan falls under APPI (special-care personal information).",
            "日本の医療・個人番号データは個人情報保護法の要配慮個人情報として扱いました。",
        )
    if regulations:
        out["regulations"] = regulations
    deployments = [h.value for h in scan(text, "deployment")]
    if deployments:
        out["deployment"] = max(deployments, key=DEPLOYMENT_RANK.__getitem__)
        if len(set(deployments)) > 1:
            notes.add(
                f"Several deployment options mentioned; kept the strictest ({out['deployment']}).",
                f"利用形態が複数書かれていたため、最も厳しい {out['deployment']} としました。",
            )
    if re.search(
        r"(?:don'?t|do not|doesn'?t|won'?t|never) (?:train|use (?:it|our data) for training)|学習(?:に)?(?:使わない|利用しない|されない|に使われない)",
        text,
    ):
        notes.add(
            "APIs only from providers that do not train on customer data.",
            "API は顧客データを学習に使わない事業者に限る、という条件として記録しました。",
        )
    tasks = _ordered_unique([h.value for h in task_hits(text, task_keywords)])
    if tasks:
        out["tasks"] = tasks
    languages = _ordered_unique(
        [h.value for h in scan(text, "languages", check_negation=False, exclusive=False)]
    )
    if languages:
        out["languages"] = languages
    if re.search(r"\bmultilingual\b|多言語", text):
        notes.add(
            "'Multilingual' noted; name the languages for a sharper match.",
            "「多言語」と伺いました。対象言語が分かればより正確に絞り込めます。",
        )
    regions = scan(text, "region", check_negation=False)
    if regions:
        out["region"] = regions[0].value
    commercial = scan(text, "commercial")
    if commercial:
        out["commercial_use"] = commercial[0].value
    latency = scan(text, "latency")
    if latency:
        out["latency"] = latency[0].value
    needs = _ordered_unique([h.value for h in scan(text, "needs")])
    if "agents" in tasks and "tool_calling" not in needs:
        needs.append("tool_calling")
    if "vision" in tasks and "vision" not in needs:
        needs.append("vision")
    if needs:
        out["needs"] = needs
    rent = scan(text, "rent", check_negation=False)
    if rent:
        out["can_rent_gpus"] = rent[0].value
    return out
