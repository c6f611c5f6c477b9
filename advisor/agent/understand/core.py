"""``understand()``: one user message (plus the pending question) -> an ``Understanding``.

Order of work: find and set aside instruction-like clauses (see ``intents``), then read facts
from what is left (words, quantities, hardware, workloads), then the reply to the pending
question, then "don't know", then named models and the intent. A hypothetical ("what if ...")
moves its facts from ``updates`` to ``what_if`` so the stored profile is not changed by it.
"""

from __future__ import annotations

import copy
import re
import unicodedata
from typing import Any

from advisor.agent.understand.constraints import Constraints, certain, constraint_facts, hard_signals
from advisor.agent.understand.facts import DEPLOYMENT_RANK, SENSITIVITY_RANK, scan, sensitivity_of, word_facts
from advisor.agent.understand.failsafe import settle
from advisor.agent.understand.hardware import find_hardware
from advisor.agent.understand.hearsay import split_voices
from advisor.agent.understand.intents import classify, framed, has, injection_clauses, what_if_extras
from advisor.agent.understand.quantities import quantity_facts
from advisor.agent.understand.slots import (
    DONT_KNOW,
    option_update,
    says_unknown,
    short_answer,
    unknown_slot_of,
)
from advisor.agent.understand.textnorm import canonical, clauses, detect_lang, has_script, surface
from advisor.agent.understand.types import Notes, Understanding
from advisor.agent.understand.vocab import Vocabulary, vocabulary_for
from advisor.agent.understand.volume import invalid_numbers
from advisor.agent.understand.workloads import find_workloads

# A chat turn is read whole; a longer paste is read up to here so one turn stays fast.
MAX_CHARS = 6000
SLOT_FIELDS: dict[str, tuple[str, ...]] = {
    "tasks": ("tasks",),
    "languages": ("languages",),
    "data_sensitivity": ("data_sensitivity",),
    "deployment": ("deployment",),
    "budget": ("budget", "budget_usd_month"),
    "volume": ("volume",),
    "hardware": ("hardware", "can_rent_gpus"),
    "context": ("context_tokens",),
    "commercial_use": ("commercial_use",),
    "region": ("region",),
}
# "treat the data as public": the lexicon reads statements ("is public"), not "as"-complements
_RELAXED = re.compile(
    r"\b(?:as|to be) (?:\w+ )?(?:public|internal|non[- ]?sensitive|not (?:sensitive|confidential))\b"
)
_NONE_WORDS = re.compile(
    r"^(?:none|nothing|n/a|nil|no preference|特になし|なし|無し|特にない|ない|ありません|ないです)[。.!]?$"
)


def understand(
    text: str,
    *,
    pending_slot: str | None = None,
    kb: Any = None,
    profile: dict[str, Any] | None = None,
    lang: str | None = None,
) -> Understanding:
    """Read one message. ``lang`` is the conversation's language, used only when the message
    itself has no script to judge by (a bare "500" to a budget question in a Japanese chat)."""
    raw = unicodedata.normalize("NFKC", text if isinstance(text, str) else str(text or ""))
    truncated = len(raw) > MAX_CHARS
    raw = raw[:MAX_CHARS]
    msg_lang = detect_lang(raw) if has_script(raw) else (lang if lang in ("en", "ja") else "en")
    result = Understanding(lang=msg_lang)
    notes = Notes(msg_lang)
    if truncated:
        notes.add(
            f"Only the first {MAX_CHARS:,} characters of a long message were read.",
            f"長いメッセージのため、最初の{MAX_CHARS:,}文字だけを読み取りました。",
        )
    vocab = vocabulary_for(kb) if kb is not None else Vocabulary()

    if pending_slot and _option_answer(raw, pending_slot, result, notes):
        result.notes = notes.items
        return result

    voices = split_voices(raw)
    pieces = clauses(voices.own)
    result.ignored = injection_clauses(pieces)
    result.ignored += [
        p for p in pieces if p not in result.ignored and _relaxing_assumption(p, vocab, msg_lang)
    ]
    ignored_lower = {p.lower() for p in result.ignored}
    kept = " ".join(p for p in pieces if p.lower() not in ignored_lower)
    ctext = canonical(kept)

    updates, found = _read(ctext, kept, msg_lang, notes, vocab, profile)
    if pending_slot and not _covers(updates, pending_slot):
        extra, handled = short_answer(ctext, pending_slot, msg_lang, notes, profile)
        updates.update(extra)
        if not handled and _NONE_WORDS.match(ctext.strip()):
            result.unknown_slots.append(pending_slot)
            notes.add(
                f"'{kept.strip()}' for {pending_slot}: left open.",
                f"{pending_slot} は「{kept.strip()}」とのことで、未設定のままにします。",
            )
    _unknowns(kept, pending_slot, updates, result)
    result.invalid = invalid_numbers(ctext)
    for slot, why in result.invalid.items():
        notes.say(f"understand.invalid_{why}", slot=slot)
    result.priority = found.priority
    result.hearsay = voices.hearsay + ([voices.dressed] if voices.dressed else [])
    if voices.dressed:
        result.ignored.append(voices.dressed)
    quiet = Notes(msg_lang)  # what others said is weighed, not narrated
    heard, _ = _read(
        canonical(" ".join(voices.hearsay)), " ".join(voices.hearsay), msg_lang, quiet, vocab, profile
    )
    untrusted_text = " ".join([*result.ignored])
    steered, _ = _read(canonical(untrusted_text), untrusted_text, msg_lang, quiet, vocab, profile)

    targets = _targets(surface(kept), vocab, notes)
    if result.ignored:
        if targets:
            notes.add(
                "Instructions in the message were ignored; named models do not change the constraints.",
                "指示のような文は無視しました。モデル名の指定で制約は変わりません。",
            )
        targets = []
        notes.add(
            "Ignored instruction-like text; only facts about your situation are used.",
            "指示のような文は無視し、状況についての事実だけを使いました。",
        )

    extras = what_if_extras(ctext) if has("what_if", ctext) else {}
    result.targets = targets
    result.intent = classify(
        ctext, has_updates=bool(updates), has_targets=bool(targets), has_what_if=bool(extras)
    )
    if result.intent == "what_if":
        result.what_if, updates = {**updates, **extras}, {}
    else:
        updates, result.needs_confirmation = settle(
            updates,
            profile or {},
            hearsay=heard,
            untrusted=steered,
            steered=bool(result.ignored),
            pending_slot=pending_slot,
        )
        if result.intent == "other" and (result.unknown_slots or updates):
            result.intent = "inform"
    if result.needs_confirmation:
        notes.say("understand.hold_loosening", field=", ".join(result.needs_confirmation))
    if result.hearsay and (result.needs_confirmation or voices.dressed):
        notes.say("understand.hearsay")
    if result.ignored and not updates and not result.what_if:
        result.intent = "other"
    result.hard_signals = hard_signals(ctext, updates)
    if result.hard_signals:
        notes.say("understand.hard_signal", topics=", ".join(result.hard_signals))
    if (
        updates.get("monthly_active_users")
        and not (updates.get("volume") or {}).get("requests_per_day")
        and not ((profile or {}).get("volume") or {}).get("requests_per_day")
    ):
        result.open_slots.append("volume")
        notes.say("understand.mau_no_volume", mau=f"{updates['monthly_active_users']:,}")
    result.updates = updates
    result.notes = notes.items
    return result


def _read(
    ctext: str, kept: str, lang: str, notes: Notes, vocab: Vocabulary, profile: dict[str, Any] | None
) -> tuple[dict[str, Any], Constraints]:
    """Every fact in one stretch of text: words, constraints, quantities, hardware, workloads."""
    updates: dict[str, Any] = {}
    if not ctext.strip():
        return updates, Constraints()
    updates.update(word_facts(ctext, lang, notes, vocab.task_keywords))
    if "region" not in updates and re.search(r"(?<![A-Za-z])US(?![A-Za-z])", kept):
        updates["region"] = "us"  # only upper-case "US": "us" is a pronoun
    if updates.get("deployment") == "any" and not any(
        h.value == "any" for h in scan(certain(ctext), "deployment")
    ):
        del updates["deployment"]  # only said in doubt ("not sure if we can use the cloud"): asked, not taken
    found = constraint_facts(ctext, notes, profile)
    for key, value in found.updates.items():
        ranks = {"deployment": DEPLOYMENT_RANK, "data_sensitivity": SENSITIVITY_RANK}.get(key)
        if ranks and key in updates:
            updates[key] = max(updates[key], value, key=ranks.__getitem__)
        else:
            updates[key] = value
    updates.update(quantity_facts(ctext, notes))
    if updates.get("volume") and re.search(
        r"\b(?:a few|several|a handful|dozens)\b|数[十百千万]", kept.lower()
    ):
        notes.say("understand.volume_approx")
    updates.update(find_hardware(ctext, vocab, notes, kept))
    _apply_workloads(ctext, updates, notes, vocab)
    return updates, found


def _relaxing_assumption(piece: str, vocab: Vocabulary, lang: str) -> bool:
    """A "treat the data as public" / "H100が8枚あるとみなして" clause: an instruction to take as true
    something that would loosen a hard constraint (lower sensitivity, APIs allowed, GPUs owned).
    A framing that keeps or tightens the constraints ("機密扱いにして", "assume 1,000 requests a
    day") is read as a fact or an estimate."""
    if not framed(piece):
        return False
    text = canonical(piece)
    if (
        sensitivity_of(text) in ("public", "internal")
        or _RELAXED.search(text)
        or any(h.value == "any" for h in scan(text, "deployment"))
    ):
        return True
    return bool(find_hardware(text, vocab, Notes(lang), piece).get("hardware"))


def _option_answer(raw: str, slot: str, result: Understanding, notes: Notes) -> bool:
    """A one-click option value (or its label) for the pending slot."""
    chosen = option_update(raw, slot)
    if chosen is None:
        return False
    value, update = chosen
    result.intent = "inform"
    if value == DONT_KNOW[0] or (slot == "budget" and not update):
        result.unknown_slots.append(slot)
        if slot == "budget" and value != DONT_KNOW[0]:
            notes.add(
                "Budget above $10,000 a month: no budget ceiling applied.",
                "予算は月1万ドル超のため、上限は設けません。",
            )
        return True
    result.updates = copy.deepcopy(update)
    return True


def _covers(updates: dict[str, Any], slot: str) -> bool:
    return any(key in updates for key in SLOT_FIELDS.get(slot, (slot,)))


def _unknowns(kept: str, pending_slot: str | None, updates: dict[str, Any], result: Understanding) -> None:
    for clause in clauses(kept) or [kept]:
        low = clause.lower()
        if not says_unknown(low):
            continue
        slot = unknown_slot_of(low)
        if slot is None and pending_slot and not _covers(updates, pending_slot):
            slot = pending_slot
        if slot and not _covers(updates, slot) and slot not in result.unknown_slots:
            result.unknown_slots.append(slot)


def _apply_workloads(ctext: str, updates: dict[str, Any], notes: Notes, vocab: Vocabulary) -> None:
    workloads = find_workloads(ctext, notes, vocab.task_keywords)
    if not workloads:
        return
    updates["workloads"] = workloads
    strictest = max((w["data_sensitivity"] for w in workloads), key=SENSITIVITY_RANK.__getitem__)
    current = updates.get("data_sensitivity")
    if current is None or SENSITIVITY_RANK[strictest] > SENSITIVITY_RANK[current]:
        updates["data_sensitivity"] = strictest
    tasks = list(updates.get("tasks", []))
    for w in workloads:
        tasks += [t for t in w["tasks"] if t not in tasks]
    updates["tasks"] = tasks
    if updates.get("deployment") == "any" and all(h.value == "any" for h in scan(ctext, "deployment")):
        del updates["deployment"]
        notes.add(
            "'APIs are fine' applies to one part only, so deployment is left to the per-part plan.",
            "「APIで可」は一部の業務だけの条件のため、全体の利用形態は設定していません。",
        )


def _targets(text: str, vocab: Vocabulary, notes: Notes) -> list[str]:
    found = vocab.find_models(text)
    targets = [mid for _, _, mid in found]
    for _, family in vocab.find_families(text, [(s, e) for s, e, _ in found]):
        members = vocab.families.get(family, [])
        if members and not any(t in members for t in targets):
            targets.append(members[0])
            notes.add(
                f"'{family}' read as {members[0]}, the family's strongest model in the knowledge base.",
                f"「{family}」は知識ベースでその系列の最上位モデル {members[0]} として扱いました。",
            )
    return list(dict.fromkeys(targets))
