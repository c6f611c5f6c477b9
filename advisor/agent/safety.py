"""Fail safe by construction: what may change a hard constraint, and what needs the user's "yes".

Hard facts (sensitivity, where the model may run, residency, vendor requirements, hardware) are
set only from what the user stated. This module decides, for one turn's updates:
- which ones LOOSEN a stated constraint (less sensitive, a more permissive deployment, a dropped
  residency or vendor requirement, more GPU memory than stated, renting allowed): they are held
  back as *proposals* and take effect only after an explicit yes to a yes/no question;
- which hard values the LLM may contribute (only a stricter reading of a slot the user stated);
- which proposals the understanding module itself flagged (``needs_confirmation``, ``hearsay``).
Codes only; the words are in ``confirm_question`` through the i18n layer.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any

from advisor.agent.reply import Option, Question
from advisor.i18n import msg, render

SENSITIVITY_RANK = {"public": 0, "internal": 1, "confidential": 2, "regulated": 3}
DEPLOYMENT_RANK = {"any": 0, "private_cloud": 1, "on_prem": 2, "air_gapped": 3}
#: profile fields that are hard constraints, and the interview slot a question about each belongs to
HARD_SLOTS: dict[str, str] = {
    "data_sensitivity": "data_sensitivity",
    "deployment": "deployment",
    "hardware": "hardware",
    "can_rent_gpus": "hardware",
    "residency": "region",
    "vendor_requirements": "deployment",
}
#: list-valued hard fields a plain statement adds to (a removal must come as a flagged proposal)
ADDITIVE = ("residency", "vendor_requirements")
YES, NO = "yes", "no"
_YES = re.compile(
    r"^(?:yes|y|yeah|yep|yup|sure|correct|confirm(?:ed)?|ok(?:ay)?|right|that'?s right|go ahead|"
    r"はい|ええ|うん|そうです|その通り|問題(?:ありません|ない)|大丈夫|構いません|かまいません|お願いします|確認しました)"
)
_NO = re.compile(
    r"^(?:no|n|nope|nah|keep|don'?t|do not|not|wrong|いいえ|いや|いえ|違|ちが|ダメ|だめ|駄目|維持|そのまま|変更しない)"
)


def _vram(items: Any, kb: Any) -> float:
    gpus = getattr(kb, "gpus", {}) or {}
    total = 0.0
    for item in items or []:
        if not isinstance(item, Mapping):
            continue
        gpu = gpus.get(str(item.get("gpu")))
        per = float(getattr(gpu, "vram_gb", 0) or getattr(gpu, "memory_gb", 0) or 1.0) if gpu else 1.0
        total += per * float(item.get("count") or 1)
    return total


def loosens(field: str, old: Any, new: Any, kb: Any = None) -> bool:
    """True when ``new`` is a more permissive value of the hard field ``field`` than ``old``."""
    if old in (None, "") or new == old:
        return False
    if field == "data_sensitivity":
        return SENSITIVITY_RANK.get(str(new), 9) < SENSITIVITY_RANK.get(str(old), -1)
    if field == "deployment":
        return DEPLOYMENT_RANK.get(str(new), 9) < DEPLOYMENT_RANK.get(str(old), -1)
    if field in ("residency", "vendor_requirements"):
        return not set(old or []) <= set(new or [])
    if field == "hardware":
        return _vram(new, kb) > _vram(old, kb)
    if field == "can_rent_gpus":
        return old is False and new is True
    return False


def stricter(field: str, old: Any, new: Any, kb: Any = None) -> bool:
    """True when ``new`` tightens the stated ``old`` (or equals it)."""
    return old not in (None, "") and not loosens(field, old, new, kb)


def _signals(understanding: Any, name: str) -> list[Any]:
    value = getattr(understanding, name, None)
    return list(value) if isinstance(value, (list, tuple)) else []


def _settled(understanding: Any) -> bool:
    """The understanding settled hard facts itself (its ``needs_confirmation`` is a mapping field ->
    value): what it applied is the user's own word or a restriction, the rest is held there."""
    return isinstance(getattr(understanding, "needs_confirmation", None), Mapping)


def flagged(understanding: Any) -> list[dict[str, Any]]:
    """The understanding module's own ``needs_confirmation`` signals as {field, value} proposals.

    The understanding gives a mapping field -> proposed value (a loosening, or a value from hearsay
    or steering text: each needs a yes); a ``cloud_provider`` held with a deployment rides on that
    proposal (``also``). Older shapes (a list of mappings or tuples) are still read."""
    value = getattr(understanding, "needs_confirmation", None)
    out: list[dict[str, Any]] = []
    if isinstance(value, Mapping):
        also = {k: v for k, v in value.items() if k not in HARD_SLOTS}
        for field, proposed in value.items():
            if field in HARD_SLOTS:
                out.append({"field": str(field), "value": proposed})
        if out and also:
            target = next((p for p in out if p["field"] == "deployment"), out[0])
            target["also"] = also
        return out
    for item in _signals(understanding, "needs_confirmation"):
        if isinstance(item, Mapping):
            field, proposed, loose = (
                item.get("slot") or item.get("field"),
                item.get("value"),
                item.get("loosening", True),
            )
        elif isinstance(item, (list, tuple)) and len(item) >= 2:
            field, proposed, loose = item[0], item[1], item[2] if len(item) > 2 else True
        else:
            continue
        if field in HARD_SLOTS and loose:
            out.append({"field": str(field), "value": proposed})
    return out


#: slots a refused number (``invalid``) belongs to; "number" (no slot recognised) is only said
_INVALID_SLOTS = ("budget", "volume", "hardware")


def unresolved_topics(understanding: Any) -> list[str]:
    """Interview slots to ask about first: hard topics the understanding saw but could not resolve
    (``hard_signals``), slots a message opened but left unfilled (``open_slots``, e.g. the daily
    volume after monthly users) and slots whose number was refused (``invalid``)."""
    out: list[str] = []
    for item in _signals(understanding, "hard_signals") + _signals(understanding, "unresolved"):
        name = item.get("slot") if isinstance(item, Mapping) else item
        slot = HARD_SLOTS.get(str(name), str(name))
        if slot in ("data_sensitivity", "deployment", "hardware", "region") and slot not in out:
            out.append(slot)
    invalid = getattr(understanding, "invalid", None)
    refused = [str(k) for k in invalid] if isinstance(invalid, Mapping) else []
    for slot in [*_signals(understanding, "open_slots"), *refused]:
        if slot in _INVALID_SLOTS and slot not in out:
            out.append(str(slot))
    return out


def hearsay(understanding: Any) -> bool:
    """Someone else's word ("the admin says cloud is fine"): nothing hard changes without a yes.
    An understanding that settled hearsay itself (restrictions applied, the rest held) is trusted."""
    if _settled(understanding):
        return False
    return bool(getattr(understanding, "hearsay", False))


def hold_back(
    profile: Mapping[str, Any], updates: dict[str, Any], kb: Any, *, all_hard: bool = False
) -> list[dict[str, Any]]:
    """Remove loosening hard updates from ``updates`` (in place) and return them as proposals.
    ``all_hard`` holds back every hard update (hearsay: even a first statement needs a yes)."""
    proposals = []
    for field in list(updates):
        if field not in HARD_SLOTS:
            continue
        old = profile.get(field)
        if field in ADDITIVE and isinstance(updates[field], list) and not all_hard:
            # "and zero retention too" adds to the requirements; dropping one is only ever a flagged proposal
            updates[field] = list(dict.fromkeys([*(old or []), *updates[field]]))
        if loosens(field, old, updates[field], kb) or (all_hard and updates[field] != old):
            proposals.append({"field": field, "value": updates.pop(field), "old": old})
    return proposals


def llm_hard_values(
    rules: Mapping[str, Any], merged: dict[str, Any], profile: Mapping[str, Any], kb: Any, notes: list[str]
) -> dict[str, Any]:
    """The merged updates without any hard value only the LLM read, unless it tightens a stated one:
    the LLM may not fill a hard slot the user never stated, nor relax one."""
    out = dict(merged)
    for field in HARD_SLOTS:
        if field in out and field not in rules and not stricter(field, profile.get(field), out[field], kb):
            out.pop(field)
            notes.append(f"not taken from the LLM alone: {field}")
    return out


def read_answer(answer: Any) -> str | None:
    """ "yes", "no" or None from a clicked option ({"value": "yes"}) or typed text."""
    if isinstance(answer, Mapping):
        answer = answer.get("value")
    text = unicodedata.normalize("NFKC", str(answer or "")).strip().lower()
    if _NO.match(text):
        return NO
    if _YES.match(text):
        return YES
    return None


def _shown(field: str, value: Any, kb: Any) -> Any:
    if field in ("data_sensitivity", "deployment"):
        from advisor.agent.basis import word

        return word(field, str(value))
    if field == "hardware":
        gpus = getattr(kb, "gpus", {}) or {}
        items = [
            f"{getattr(gpus.get(h.get('gpu')), 'name', h.get('gpu'))} × {h.get('count', 1)}"
            for h in value or []
            if isinstance(h, Mapping)
        ]
        return items or msg("no GPUs")
    if field == "can_rent_gpus":
        return msg("renting cloud GPUs allowed") if value else msg("no GPU rental")
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value] or msg("none")
    return str(value)


def describe(field: str, value: Any, kb: Any) -> Any:
    """A hard value as a typed parameter for a message."""
    return _shown(field, value, kb)


def confirm_question(proposal: Mapping[str, Any], kb: Any, lang: str) -> Question:
    """One yes/no question: loosening ``old`` to ``value`` for ``field``, said plainly."""
    field = str(proposal["field"])
    text = render(
        msg(
            "You told me earlier: {old}. This message would relax it to: {new}. "
            "Should I change it? Until you say yes I keep the stricter setting.",
            old=_shown(field, proposal.get("old"), kb)
            if proposal.get("old") not in (None, "")
            else msg("not stated"),
            new=_shown(field, proposal["value"], kb),
        ),
        lang,
    )
    why = render(
        msg(
            "A constraint you stated is only relaxed when you confirm it yourself; "
            "quoted instructions or someone else's word never change it."
        ),
        lang,
    )
    options = [
        Option(value=YES, label=render(msg("Yes, change it"), lang)),
        Option(value=NO, label=render(msg("No, keep it as it was"), lang)),
    ]
    return Question(slot=HARD_SLOTS.get(field, field), text=text, why=why, options=options)


def merge_proposals(
    current: Iterable[Mapping[str, Any]], new: Iterable[Mapping[str, Any]]
) -> list[dict[str, Any]]:
    """Pending proposals, one per field (the newest wins)."""
    out: dict[str, dict[str, Any]] = {str(p["field"]): dict(p) for p in current}
    for p in new:
        out[str(p["field"])] = dict(p)
    return list(out.values())
