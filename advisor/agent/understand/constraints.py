"""Hard constraints beyond single phrases: where data may go, on what conditions, and what is unclear.

General rules rather than lists of sentences:
- *negation scope*: a concept of "outside" (the cloud, the internet, a vendor API, leaving the
  building) with a negation in the same clause ("no cloud", 「クラウドは利用できません」, "nothing
  leaves the building") means the data must stay on this side of it: cloud -> on_prem, network ->
  air_gapped, vendor/API -> private_cloud, leaving the premises -> on_prem;
- *conditions on vendors*: a clause that allows an API/cloud/vendor and names a requirement
  ("as long as they sign a BAA", 「学習に使われないなら外部APIでも可」) gives deployment ``any`` with
  ``vendor_requirements``; a requirement alone only adds the requirement;
- *residency* is a place (lexicon ``places``) governed by a verb of processing or storing ("processed
  in Japan", 「国内で処理」, "EU data residency", "can't leave Japan", 「海外に出せない」);
- *own cloud*: a provider named with ownership ("our AWS account", 「自社のAzureテナント」) is
  ``private_cloud`` with ``cloud_provider``;
- *uncertainty* about a hard topic ("not sure if we can use the cloud", 「国内保存が必要か確認中」)
  resolves nothing and becomes a ``hard_signal``: the flow asks, and until then the stricter
  reading applies.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from advisor.agent.understand.facts import DEPLOYMENT_RANK, scan
from advisor.agent.understand.lexicon import entries
from advisor.agent.understand.textnorm import clauses
from advisor.agent.understand.types import Notes

_NEGATION = re.compile(
    r"\b(?:no(?! (?:problem|issue|worries|concern|idea))|not(?! sure)|never|nothing|none|zero|can'?t|cannot|couldn'?t|won'?t|mustn'?t|shouldn'?t"
    r"|don'?t(?! (?:mind|care|know))|doesn'?t(?! matter)|isn'?t|aren'?t|must not|may not|forbids?|forbidden|prohibit(?:s|ed)?|banned"
    r"|off the table|out of the question|no-go|without|blocked|cut off|isolated|segregated|disconnected)\b"
    r"|ない|ません|不可|禁止|(?<![a-z])ng(?![a-z])|ダメ|だめ|駄目|できかね|認められ|無理",
    re.A,
)
_UNCERTAIN = re.compile(
    r"\bnot sure\b|\bunsure\b|\bmaybe\b|\bmight\b|\bdepends\b|\bhaven'?t decided\b|\bundecided\b|\btbd\b|\bto be decided\b"
    r"|\bneed to check\b|\bchecking\b|\bdon'?t know\b|\bno idea\b|\bunclear\b|\bwhether\b|\bstill deciding\b|\bnot decided\b"
    r"|分から|わから|分かり|わかり|未定|確認中|かどうか|かもしれ|確認が必要|要確認|決まって(?:い)?ない|不明|はず|検討中",
    re.A,
)
# concept of "outside" -> what it means when it is ruled out
_CONCEPTS: list[tuple[re.Pattern[str], str]] = [
    (
        re.compile(
            r"(?<!own )(?<!private )(?<!google )(?<!oracle )(?<!our )\bcloud(?:'s)?\b(?! (?:gpus?|account|tenant|project|subscription|native|budget|credits?|spend|costs?))"
            r"|(?<!自社)(?<!プライベート)(?<!自社の)クラウド(?!gpu)|くらうど",
            re.A,
        ),
        "on_prem",
    ),
    (
        re.compile(
            r"\binternet\b|\bonline\b|\bno network\b|\bwithout (?:any )?network\b|\bnetwork access\b|\bconnection to the outside\b"
            r"|\boutbound\b|\boutside world\b"
            r"|インターネット|ネット(?:に|へ|は|と|接続|環境)|ネットワーク(?:に|へ|は|と|接続)|外部との通信",
            re.A,
        ),
        "air_gapped",
    ),
    (
        re.compile(
            r"\bapis?\b|\bsaas\b|\bvendors?\b|\bthird[- ]part(?:y|ies)\b|\boutside (?:vendors?|providers?|parties|services?)\b"
            r"|\b(?:external|outside|third[- ]party) (?:[\w-]+ ){0,2}(?:providers?|vendors?|services?|apis?|companies)\b|\bopenai\b|\banthropic\b|\bchatgpt\b"
            r"|(?<![a-z])api(?![a-z])|外部(?:の)?(?:ai)?サービス|ベンダー|外部(?=api)|外部の[^\s、。]{0,10}(?:提供者|事業者|ベンダー|サービス)",
            re.A,
        ),
        "private_cloud",
    ),
    (
        re.compile(
            r"\bleaves?\b(?! (?:it|them|japan|the eu|europe|the us|the uk|canada|australia|singapore)\b)|\bgo(?:es)? outside\b|\boff[- ]?site\b|\boutside (?:the|our|its) (?:walls|building|firm|company|premises|hospital|office|country)\b"
            r"|\boutside our walls\b|\bsend(?:ing)? (?:\w+ )?(?:data )?outside\b|\bsending anything outside\b",
            re.A,
        ),
        "on_prem",
    ),
]
_CONDITION = re.compile(
    r"\bas long as\b|\bso long as\b|\bprovided\b|\bproviding\b|\bif\b|\bonly with\b|\bunless\b|\bassuming\b|\bon condition\b"
    r"|なら|限り|であれば|れば|前提|条件",
    re.A,
)
_ALLOWS = re.compile(
    r"\b(?:fine|ok|okay|accept(?:able|ed)?|allowed|sure|happy|works?|can use|could use)\b|可|大丈夫|構わ|いい|良い|よい|使え|問題な",
    re.A,
)
_API_WORD = re.compile(
    r"\bapis?\b|\bcloud\b|\bvendors?\b|\bhosted\b|\bsaas\b|\bprovider\b|\bopenai\b|\bclaude\b|\bchatgpt\b"
    r"|(?<![a-z])api(?![a-z])|クラウド|外部サービス|ベンダー|chatgpt",
    re.A,
)
_OWNED = re.compile(
    r"\bour\b|\bown\b|\bwe have\b|\bwe use\b|\bwe'?re an? \w+ shop\b|\bin-house\b|自社|弊社|当社|うち|社内|弊行|我々",
    re.A,
)
# ... and a place of one's own in it: an account, tenant, project, VPC (not "a GPU on AWS")
_ACCOUNT = re.compile(
    r"\b(?:accounts?|tenant|tenancy|subscription|project|vpc|environment|cluster|infra(?:structure)?|only)\b"
    r"|\b(?:in|inside|within) (?:our|my)\b|環境|テナン|アカウント|プロジェクト|サブスクリプション|内|中|のみ|だけ|上",
    re.A,
)
_DOMESTIC = re.compile(r"\bdomestic(?:ally)?\b|国内", re.A)
_COUNTRY_UNNAMED = re.compile(r"\b(?:leave|outside) the country\b|\bin[- ]country\b", re.A)
_HARD_TOPICS = {
    "deployment": re.compile(
        r"\bcloud\b|\bapis?\b|\bon[- ]?prem|\bwhere (?:it|this|the model) (?:will |would )?run|\bdeploy|\bhost(?:ing|ed)?\b"
        r"|クラウド|(?<![a-z])api(?![a-z])|オンプレ|どこで動か|運用形態|利用形態",
        re.A,
    ),
    "residency": re.compile(
        r"\bleave (?:the )?(?:eu|country|japan|us|uk)\b|国外|(?<![a-z])eu外|海外|\bresidency\b|\bdata location\b|\bwhere (?:the )?data (?:is|will be) (?:stored|processed)|国内保存|保存先|所在地|国内処理|データの保管場所",
        re.A,
    ),
    "data_sensitivity": re.compile(
        r"\bsensitiv|\bconfidential|\bclassification of the data|機密|機微|データの種類|データ区分", re.A
    ),
    "vendor_requirements": re.compile(
        r"\bbaa\b|\bdpa\b|\bretention\b|\btrain(?:ing)? on\b|学習に|データ保持", re.A
    ),
    "hardware": re.compile(r"\bgpus?\b|gpu", re.A),
}


@dataclass
class Constraints:
    updates: dict[str, Any] = field(default_factory=dict)
    priority: str | None = None
    hard_signals: list[str] = field(default_factory=list)


@cache
def _places() -> list[tuple[re.Pattern[str], str]]:
    """Residency grammar around each place of the lexicon (compiled once)."""
    out = []
    for regex, value in entries("places"):
        place = rf"(?:{regex})"  # English places come ASCII-scoped from ``entries``
        out.append(
            (
                re.compile(
                    r"\b(?:process(?:es|ed|ing)?|stored|storage|hosted|hosting|kept|keep|stays?|remain(?:s)?|resides?|happen|live|lives|run|runs)\s+"
                    rf"(?:[a-z]+\s+){{0,3}}?(?:in|within|inside)\s+(?:the\s+)?(?:an?\s+)?{place}(?![a-z])"
                    rf"|(?<![a-z]){place}[- ](?:only\s+)?(?:data\s+)?(?:residency|region|hosted|hosting|datacenters?|data ?cent(?:er|re)s?|only processing|processing)\b"
                    rf"|\b(?:data\s+)?residency(?:\s+requirement)?(?:\s+is)?(?:\s*:\s*|\s+in\s+(?:the\s+)?|\s+){place}(?![a-z])"
                    rf"|\b(?:can'?t|cannot|must not|may not|never|not allowed to|shouldn'?t)\s+leave\s+(?:the\s+)?{place}(?![a-z])"
                    rf"|\b(?:region|regions) (?:is |must be )?{place}(?![a-z])"
                    rf"|\b(?:provider|vendor|host|company) is (?:based |located )?in (?:the )?{place}(?![a-z])"
                    rf"|(?<![a-z]){place}[- ]only\b"
                    rf"|{place}(?:国内|域内|内)?(?:で|に|の)?(?:の)?(?:データ)?(?:の)?(?:処理|保管|保存|完結|限定|のみ|に限|データセンター|リージョン|行|とどま|とどめ|留ま|留め|置|ホスティング|の事業者|のベンダー)"
                    rf"|{place}(?:の)?(?:リージョン|データセンター)|{place}(?:から)(?:は)?(?:データを)?出さ(?:ない|ず)|{place}(?:から)?(?:は)?出せ(?:ない|ません)"
                    rf"|(?:保存先|保管場所|保管先|所在地|処理場所)(?:は)?{place}",
                    re.A,
                ),
                str(value),
            )
        )
    return out


_ABROAD = re.compile(
    r"(?:海外|国外)(?:に|へ)(?:は)?(?:データを)?(?:出せ|出さ|出す|持ち出|移転|送)|(?:海外|国外)(?:への|へ)?(?:の)?(?:データ)?(?:移転|持ち出し)(?:は)?(?:ng|不可|禁止|でき)"
    r"|越境移転(?:は)?(?:ng|不可|禁止|でき)|\b(?:can'?t|cannot|must not|never) (?:leave|go) (?:abroad|overseas|offshore)\b",
    re.A,
)


def certain(text: str) -> str:
    """``text`` without its sentences that are unsure ("not sure if we can use the cloud")."""
    return " ".join(s for s in re.split(r"(?<=[.!?。！？\n])", text) if not _UNCERTAIN.search(s))


def residency_of(text: str, notes: Notes) -> list[str]:
    """Places the data must stay in; a sentence that is unsure about it ("確認中") is left to a
    question (``hard_signals``) rather than guessed."""
    found: list[str] = []
    text = certain(text)
    for pattern, place in _places():
        for m in pattern.finditer(text):
            if place not in found:
                found.append(place)
            if place == "jp" and _DOMESTIC.search(m.group(0)):
                notes.say("understand.residency_domestic")
    if _ABROAD.search(text) and "jp" not in found and re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", text):
        found.append("jp")
        notes.say("understand.residency_domestic")
    return found


def _values(text: str, category: str) -> list[str]:
    return list(dict.fromkeys(str(h.value) for h in scan(text, category, check_negation=False)))


_RETENTION = re.compile(
    r"\b(?:retain\w*|retention|stor(?:e|es|ed|ing)|keep(?:s|ing)?|kept|log(?:s|ged|ging)?)\b|残(?:す|さ|ら|る)|保持|保存|保管",
    re.A,
)
_TRAINING = re.compile(r"\btrain(?:s|ed|ing)?\b|\bmodel improvement\b|学習|モデル(?:の)?改善", re.A)


def negated_requirements(text: str) -> list[str]:
    """ "The provider may not log prompts", 「学習に使うベンダーには渡せません」: retention or
    training ruled out in a clause is a zero-retention or no-training requirement."""
    found: list[str] = []
    for clause in clauses(text) or [text]:
        if _UNCERTAIN.search(clause) or not _NEGATION.search(clause):
            continue
        if _RETENTION.search(clause) and "zdr" not in found:
            found.append("zdr")
        if _TRAINING.search(clause) and "no_training" not in found:
            found.append("no_training")
    return found


def negated_concepts(text: str) -> list[str]:
    """Deployments implied by ruling an outside concept out, clause by clause."""
    found = []
    for clause in clauses(text) or [text]:
        if (
            _UNCERTAIN.search(clause)
            or not _NEGATION.search(clause)
            or _values(clause, "vendor_requirements")
            or any(h.value == "any" for h in scan(clause, "deployment"))
        ):
            continue  # the negation belongs to a condition ("APIs OK if they don't train on it")
        for pattern, value in _CONCEPTS:
            if pattern.search(clause):
                found.append(value)
    return found


def _own_cloud(text: str) -> tuple[str | None, bool]:
    """(provider, owned) of the first sentence naming a cloud provider."""
    for sentence in re.split(r"[.!?。！？\n]", text):
        providers = _values(sentence, "cloud_providers")
        if providers:
            owned = bool(_OWNED.search(sentence) and _ACCOUNT.search(sentence)) and not any(
                h.value == "any" for h in scan(sentence, "deployment")
            )
            return providers[0], owned
    return None, False


def constraint_facts(text: str, notes: Notes, profile: dict[str, Any] | None) -> Constraints:
    """Residency, vendor requirements, own cloud, deployments from negation scope and conditions,
    the classified sense of "classified", priority and the hard topics left unresolved."""
    out = Constraints()
    up = out.updates
    before = profile or {}
    deployments = negated_concepts(text)
    provider, owned = _own_cloud(text)
    if provider and owned:
        up["cloud_provider"] = provider
        deployments.append("private_cloud")
    drops = set(_values(text, "vendor_drop"))
    requirements = list(
        dict.fromkeys(
            [*_values(text, "vendor_requirements"), *(negated_requirements(text) if not drops else [])]
        )
    )
    if requirements or drops:
        kept = [r for r in before.get("vendor_requirements") or [] if r not in drops]
        up["vendor_requirements"] = list(dict.fromkeys([*kept, *[r for r in requirements if r not in drops]]))
    if "baa" in up.get("vendor_requirements", []):
        up["data_sensitivity"] = "regulated"  # a BAA exists only for protected health information
    residency = residency_of(text, notes)
    if _values(text, "residency_drop"):
        up["residency"] = []  # "the residency requirement no longer applies" names the place it drops
    elif residency:
        up["residency"] = list(dict.fromkeys([*(before.get("residency") or []), *residency]))
    for sentence in re.split(r"[.!?。！？\n]", text):
        if not (_CONDITION.search(sentence) and _API_WORD.search(sentence) and _ALLOWS.search(sentence)):
            continue  # cheap tests first: a condition on an allowed API
        if _values(sentence, "vendor_requirements") or residency_of(sentence, Notes(notes.lang)):
            deployments.append("any")
    if scan(text, "classified"):  # security-classified material is controlled by law: the stricter reading
        deployments.append("air_gapped")
        up["data_sensitivity"] = "regulated"
        notes.say("understand.classified")
    if deployments:
        up["deployment"] = max(deployments, key=DEPLOYMENT_RANK.__getitem__)
    priorities = scan(text, "priority", check_negation=False)
    out.priority = str(priorities[0].value) if priorities else None
    return out


def hard_signals(text: str, updates: dict[str, Any]) -> list[str]:
    """Hard topics the message raises but leaves unresolved (asked about, never guessed)."""
    found: list[str] = []
    for sentence in re.split(r"[.!?。！？\n]", text):
        if not _UNCERTAIN.search(sentence):
            continue
        for topic, pattern in _HARD_TOPICS.items():
            if pattern.search(sentence) and topic not in updates and topic not in found:
                found.append(topic)
    if (
        "residency" not in updates
        and "residency" not in found
        and (
            _COUNTRY_UNNAMED.search(text)
            or (
                _DOMESTIC.search(text)
                and re.search(r"\b(?:processed|stored|hosted|kept)\s+domestically\b", text)
            )
        )
    ):
        found.append("residency")
    return found
