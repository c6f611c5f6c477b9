"""Finding a model, GPU or provider by what a user or a tool call calls it, with one fuzzy matcher.

The knowledge base owns its names: ids, display names and aliases. ``find_model``, ``find_gpu`` and
``find_provider`` accept any of them (case, spaces and punctuation aside); ``nearest`` ranks the
known names for a "did you mean" hint with ``difflib``'s similarity ratio, the one fuzzy matcher of
the project. A GPU may also be named by the tokens of its name ("A100 80GB", "M2 16GB").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from difflib import SequenceMatcher
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the loader uses ``nearest`` for its own hints
    from advisor.kb.loader import KnowledgeBase
    from advisor.kb.schema import GPU, Model, Provider

_GPU_STOP = {"nvidia", "geforce", "apple", "amd", "instinct", "gpu", "card", "the", "a", "an", "x"}


class NotFound(LookupError):
    """No single entry answers to ``query``; ``near`` holds the closest ids, best first."""

    def __init__(self, kind: str, query: str, near: list[str], *, ambiguous: bool = False) -> None:
        self.kind, self.query, self.near, self.ambiguous = kind, query, near, ambiguous
        what = "ambiguous" if ambiguous else "unknown"
        super().__init__(f"{what} {kind} '{query}' (nearest: {', '.join(near) or 'none'})")


def key(text: str) -> str:
    """A name as compared: lower case, letters and digits only ("GPT-4o" == "gpt 4o")."""
    return "".join(ch for ch in text.lower() if ch.isalnum())


def nearest(query: str, names: Mapping[str, Iterable[str]], limit: int = 3) -> list[str]:
    """The ids whose names are most similar to ``query`` (difflib ratio on the compared forms)."""
    want = key(query)

    def score(item: tuple[str, Iterable[str]]) -> tuple[float, str]:
        ident, aliases = item
        best = max((SequenceMatcher(None, want, key(n)).ratio() for n in (ident, *aliases)), default=0.0)
        return -best, ident

    return [ident for ident, _ in sorted(names.items(), key=score)[:limit]]


def _by_name(table: Mapping[str, object], names: Mapping[str, list[str]], query: str) -> str | None:
    if query in table:
        return query
    want = key(query)
    hits = [ident for ident, ns in names.items() if want and want in {key(n) for n in ns}]
    return hits[0] if len(hits) == 1 else None


def model_names(kb: KnowledgeBase) -> dict[str, list[str]]:
    return {m.id: [m.id, m.name, *m.aliases] for m in kb.models.values()}


def find_model(kb: KnowledgeBase, query: str) -> Model | None:
    """The model a name, id or alias denotes, or None."""
    ident = _by_name(kb.models, model_names(kb), query)
    return kb.models[ident] if ident else None


def find_provider(kb: KnowledgeBase, query: str) -> Provider | None:
    """The provider an id, name or company denotes, or None."""
    names = {p.id: [p.id, p.name, p.company] for p in kb.providers.values()}
    ident = _by_name(kb.providers, names, query)
    return kb.providers[ident] if ident else None


def require_model(kb: KnowledgeBase, query: str) -> Model:
    """``find_model`` or NotFound with the nearest ids."""
    found = find_model(kb, query)
    if found is None:
        raise NotFound("model", query, nearest(query, model_names(kb)))
    return found


def _gpu_tokens(text: str) -> list[str]:
    s = re.sub(r"(\d+)\s*(?:gi?b|g)\b", r"\1gb", text.lower())
    return [t for t in re.findall(r"[a-z0-9]+", s) if t not in _GPU_STOP]


def find_gpu(kb: KnowledgeBase, query: str) -> GPU:
    """A KB id or common name ("A100 80GB", "RTX 4090", "H100", "M2 16GB").

    Exact token match on id/name/alias wins; otherwise a unique GPU whose names contain every
    token of the query. Anything else raises NotFound with the nearest GPUs, because a wrong GPU
    silently changes every memory and cost figure.
    """
    if query in kb.gpus:
        return kb.gpus[query]
    names = {g.id: [g.id, g.name, *g.aliases] for g in kb.gpus.values()}
    written = _by_name(kb.gpus, names, query)  # "rtx4090", "a100-80gb"
    if written:
        return kb.gpus[written]
    tokens = _gpu_tokens(query)
    subset: list[GPU] = []
    if tokens:
        exact = [g for g in kb.gpus.values() if any(_gpu_tokens(n) == tokens for n in names[g.id])]
        if len(exact) == 1:
            return exact[0]
        subset = [g for g in kb.gpus.values() if any(set(tokens) <= set(_gpu_tokens(n)) for n in names[g.id])]
        if len(subset) == 1:
            return subset[0]
        # "H100" matching both the alias holder and its variants: prefer the one naming it as alias
        alias_hits = [g for g in subset if any(_gpu_tokens(a) == tokens for a in g.aliases)]
        if len(alias_hits) == 1:
            return alias_hits[0]
    near = [g.id for g in subset[:6]] or nearest(" ".join(tokens) or query, names, limit=4)
    raise NotFound("GPU", query, near, ambiguous=len(subset) > 1)
