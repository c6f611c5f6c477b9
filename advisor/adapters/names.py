"""Human names for the ids a recommendation carries (``nvidia-rtx-4090`` → "NVIDIA GeForce RTX 4090",
``apache-2.0`` → "Apache License 2.0"), read from the knowledge base; an id the KB does not know is
shown as it is, never guessed."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Names:
    """Looks names up in a knowledge base (None: every id stands for itself, as in unit tests)."""

    kb: Any = None

    def _lookup(self, table: str, item_id: str | None) -> str:
        if not item_id:
            return ""
        entry = getattr(self.kb, table, {}).get(item_id) if self.kb is not None else None
        return str(getattr(entry, "name", None) or item_id)

    def model(self, model_id: str | None) -> str:
        return self._lookup("models", model_id)

    def gpu(self, gpu_id: str | None) -> str:
        return self._lookup("gpus", gpu_id)

    def provider(self, provider_id: str | None) -> str:
        return self._lookup("providers", provider_id)

    def licence(self, licence: Mapping[str, Any]) -> str:
        """The licence's own name as the recommendation states it, else the KB's, else its id."""
        return str(licence.get("name") or self._lookup("licences", licence.get("id")) or "?")

    def any_id(self, text: str) -> str:
        """A table cell that is exactly a known id (``apache-2.0``, ``nvidia-h100-80gb``) as its name."""
        key = text.strip()
        for table in ("licences", "gpus", "providers", "models"):
            name = self._lookup(table, key)
            if name != key:
                return name
        return text

    def candidate(self, c: Mapping[str, Any]) -> str:
        return str(c.get("name") or self.model(c.get("model_id")))


def names_of(service: object) -> Names:
    """Names from the knowledge base of a ConversationService (its ``context.get_kb()``); a service
    without one (test fakes) gets ids shown as they are."""
    context = getattr(service, "context", None)
    get_kb = getattr(context, "get_kb", None)
    return Names(get_kb() if callable(get_kb) else None)
