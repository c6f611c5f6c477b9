"""Shared pieces for the eval tests: the packaged KB loaded once, offline services, transcript files."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from shared_paths import CONTRACT

from advisor.evaluation.runner import ServiceFactory, service_factory
from advisor.kb.loader import KnowledgeBase, load_kb

SUITE = Path(__file__).parent / "transcripts"


@lru_cache(maxsize=1)
def kb() -> KnowledgeBase:
    return load_kb(require_sources=False)


def offline() -> ServiceFactory:
    """Offline services whatever the environment says: the suite must never reach a network."""
    return service_factory(kb(), llm="offline")


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def schema(name: str) -> dict[str, Any] | None:
    import json

    path = CONTRACT / name
    return json.loads(path.read_text()) if path.exists() else None
