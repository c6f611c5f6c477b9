"""Names that must come from the knowledge base: model ids/aliases, GPU names, task keywords.

Built once per ``KnowledgeBase`` object and cached. Every part is optional: with no KB (or a KB
still being filled) the vocabulary is simply smaller; the generic GPU patterns in ``hardware``
and the lexicons still work.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from advisor.agent.understand.lexicon import vocab_tables

_RUN = re.compile(r"[a-z0-9]+(?:\.[0-9]+)*")
_RUN_WORD = re.compile(r"(?<![a-z0-9.])[a-z0-9]+(?:\.[0-9]+)*")
_SEP = re.compile(r"[\s\-_]?")


def _distinctive(name: str) -> bool:
    """Aliases such as "4.1", "3 Pro" or "5 mini" read as ordinary numbers in running text; a
    name counts only when its first word has letters ("4o", "R1", "gpt-4.1" do)."""
    runs = _RUN.findall(name.lower())
    return bool(runs) and not re.fullmatch(r"[0-9.]+", runs[0])


class NameIndex:
    """Product names looked up by their letter/digit runs: "GPT-4o", "gpt 4o" and "gpt4o" all
    key to "gpt4o". A message is cut into runs once and each position tries the longest run
    sequence first, so "gpt-4o-mini" is not read as "gpt-4o" and the cost does not grow with the
    size of the knowledge base."""

    def __init__(self, names: Iterable[tuple[str, str]]) -> None:
        self.ids: dict[str, str] = {}
        self.prefixes: set[str] = set()
        for name, ident in names:
            runs = _RUN.findall(name.lower())
            key = "".join(runs)
            if len(key) >= 2 and key not in self.ids:
                self.ids[key] = ident
                self.prefixes.update("".join(runs[:j]) for j in range(1, len(runs) + 1))

    def find(self, text: str) -> list[tuple[int, int, str]]:
        if not self.ids:
            return []
        runs = list(_RUN_WORD.finditer(text))
        out: list[tuple[int, int, str]] = []
        i = 0
        while i < len(runs):
            key, best = "", None
            for j in range(i, len(runs)):
                if j > i and not _SEP.fullmatch(text[runs[j - 1].end() : runs[j].start()]):
                    break
                key += runs[j].group(0)
                if key not in self.prefixes:
                    break
                if key in self.ids:
                    best = (j, self.ids[key])
            if best is None:
                i += 1
                continue
            out.append((runs[i].start(), runs[best[0]].end(), best[1]))
            i = best[0] + 1
        return out


class KeywordIndex:
    """The KB's task keywords as one regex (longest first; ASCII words whole-word only)."""

    def __init__(self, words: Iterable[tuple[str, str]]) -> None:
        self.tasks: dict[str, str] = {}
        for word, task in words:
            self.tasks.setdefault(word, task)
        ordered = sorted(self.tasks, key=len, reverse=True)
        ascii_words = [re.escape(w) for w in ordered if w.isascii()]
        other_words = [re.escape(w) for w in ordered if not w.isascii()]
        self.regexes = [re.compile(rf"(?<![a-z])(?:{'|'.join(ascii_words)})(?![a-z])")] if ascii_words else []
        if other_words:
            self.regexes.append(re.compile("|".join(other_words)))

    def find(self, text: str) -> list[tuple[int, int, str]]:
        found = [
            (m.start(), m.end(), self.tasks[m.group(0)])
            for rx in self.regexes
            for m in rx.finditer(text)
            if m.group(0) in self.tasks
        ]
        return sorted(found)


@dataclass
class Vocabulary:
    models: NameIndex = field(default_factory=lambda: NameIndex([]))
    families: dict[str, list[str]] = field(default_factory=dict)
    family_patterns: list[tuple[re.Pattern[str], str]] = field(default_factory=list)
    gpus: NameIndex = field(default_factory=lambda: NameIndex([]))
    task_keywords: KeywordIndex = field(default_factory=lambda: KeywordIndex([]))

    def find_models(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, model_id) for each mention."""
        return self.models.find(text)

    def find_families(self, text: str, taken: Iterable[tuple[int, int]]) -> list[tuple[int, str]]:
        spans = list(taken)
        out = []
        for pattern, family in self.family_patterns:
            for m in pattern.finditer(text):
                if not any(s < m.end() and m.start() < e for s, e in spans):
                    out.append((m.start(), family))
        return sorted(out)

    def find_gpus(self, text: str) -> list[tuple[int, int, str]]:
        return self.gpus.find(text)


def _strip_gpu_name(name: str) -> list[str]:
    """ "NVIDIA GeForce RTX 4090 (Ada)" is also written "RTX 4090"."""
    base = re.sub(r"\([^)]*\)", "", name)
    short = re.sub(r"^(?:nvidia|amd|apple)\s+(?:geforce\s+|instinct\s+)?", "", base.strip(), flags=re.I)
    return [base, short]


def _flagships(models: list[Any]) -> list[str]:
    """A family's models, strongest first by the KB's quality tiers, then newest."""

    def key(m: Any) -> tuple[int, dt.date, str]:
        return (sum(getattr(m, "quality", {}).values()), m.release_date or dt.date.min, m.id)

    live = [m for m in models if not getattr(m, "deprecation_date", None)] or models
    # The vendor's own models before third-party fine-tunes of them (a "Qwen" question is about Qwen).
    originals = [m for m in live if not getattr(m, "base_model", None)] or live
    return [m.id for m in sorted(originals, key=key, reverse=True)]


def build_vocabulary(kb: Any) -> Vocabulary:
    vocab = Vocabulary()
    if kb is None:
        return vocab
    by_family: dict[str, list[Any]] = {}
    model_names: list[tuple[str, str]] = []
    for model in getattr(kb, "models", {}).values():
        by_family.setdefault(model.family, []).append(model)
        model_names += [
            (name, model.id) for name in [model.id, model.name, *model.aliases] if _distinctive(name)
        ]
    vocab.models = NameIndex(model_names)
    for family, members in by_family.items():
        vocab.families[family] = _flagships(members)
        if family not in vocab_tables().family_stop and len(family) >= 4:
            vocab.family_patterns.append(
                (re.compile(rf"(?<![a-z0-9]){re.escape(family)}(?![a-z0-9])"), family)
            )
    for ja, family in vocab_tables().family_ja.items():
        if family in by_family:
            vocab.family_patterns.append((re.compile(re.escape(ja)), family))
    gpu_names: list[tuple[str, str]] = []
    for gpu in getattr(kb, "gpus", {}).values():
        if gpu.kind == "cpu":  # "no GPU" / "CPU only" is an absence of GPUs: hardware []
            continue
        gpu_names += [(name, gpu.id) for name in [gpu.id, *_strip_gpu_name(gpu.name), *gpu.aliases]]
    vocab.gpus = NameIndex(gpu_names)
    words: list[tuple[str, str]] = []
    ambiguous = set(vocab_tables().ambiguous_keywords)
    for task in getattr(kb, "tasks", {}).values():
        for word in [*task.keywords_en, *task.keywords_ja]:
            if word.strip() and word.strip().lower() not in ambiguous:
                words.append((word.strip().lower(), task.id))
    vocab.task_keywords = KeywordIndex(words)
    return vocab


_CACHE: list[tuple[Any, Vocabulary]] = []


def vocabulary_for(kb: Any) -> Vocabulary:
    """The cached vocabulary of this KB object (identity-keyed: a reloaded KB is rebuilt)."""
    for cached_kb, vocab in _CACHE:
        if cached_kb is kb:
            return vocab
    vocab = build_vocabulary(kb)
    _CACHE.insert(0, (kb, vocab))
    del _CACHE[4:]
    return vocab
