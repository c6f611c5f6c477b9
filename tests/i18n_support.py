"""Telling English left in a Japanese text from the names, ids and units it may quote.

Shared by the engine's i18n tests and the agent's Japanese-conversation tests: knowledge-base
names and prose (model, GPU, provider and licence names, licence conditions) are sourced facts,
quoted as written, so they are removed before looking for a run of English words.
"""

from __future__ import annotations

import re
from functools import lru_cache

from advisor.kb.loader import KnowledgeBase, load_kb

JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uff00-\uffef]")
# three or more ASCII words in a row (separated by spaces or ASCII punctuation only): an English phrase
ENGLISH_RUN = re.compile(r"[A-Za-z][A-Za-z'\-]*(?:[ ,;:/()\"'.-]+[A-Za-z][A-Za-z'\-]*){2,}")


@lru_cache(maxsize=1)
def packaged_kb() -> KnowledgeBase:
    return load_kb(require_sources=False)


def kb_names(k: KnowledgeBase) -> set[str]:
    """Names and ids as written (models, GPUs, providers, licences): never translated."""
    out: set[str] = set()
    for m in k.models.values():
        out |= {m.name, m.id, *m.aliases}
    for g in k.gpus.values():
        out |= {g.name, g.id, *g.aliases}
    for p in k.providers.values():
        out |= {p.name, p.id}
    for lic in k.licences.values():
        out |= {lic.name, lic.id}
    return out


@lru_cache(maxsize=1)
def kb_phrases() -> list[str]:
    """Names and prose the knowledge base supplies: quoted as sourced facts, never translated."""
    k = packaged_kb()
    out = kb_names(k)
    for lic in k.licences.values():
        out |= {*lic.conditions, *lic.regional_clauses}
        out |= {x for x in (lic.attribution, lic.naming, lic.output_use) if x}
    for fx in k.fx.values():
        out.add(fx.source or "")
    return sorted((x for x in out if x), key=len, reverse=True)


def english_left(text: str) -> list[str]:
    """English phrases in ``text`` once KB-quoted names and prose are removed."""
    for phrase in kb_phrases():
        if phrase in text:
            text = text.replace(phrase, " § ")
    return ENGLISH_RUN.findall(text)
