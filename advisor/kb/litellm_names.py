"""litellm's provider and model names mapped onto this knowledge base's ids.

litellm keys carry routing prefixes, regions, vendor prefixes, snapshot dates and serving suffixes
(``bedrock/us.anthropic.claude-3-5-sonnet-20240620-v1:0``); the matcher strips them step by step and
says how loosely it matched, so a loose match can be reviewed and an ambiguous one is never used.
Used by the litellm import and by the refresh from other sources.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from advisor.kb.loader import KnowledgeBase

# litellm_provider -> our provider id. Prefix rules (bedrock*, vertex_ai-*) are in provider_id().
PROVIDERS: dict[str, str] = {
    "openai": "openai-api",
    "anthropic": "anthropic-api",
    "gemini": "google-gemini-api-paid",
    "vertex_ai": "google-vertex-ai",
    "bedrock": "aws-bedrock",
    "azure": "azure-openai",
    "together_ai": "together-ai",
    "groq": "groq",
    "fireworks_ai": "fireworks-ai",
    "deepinfra": "deepinfra",
    "cerebras": "cerebras",
    "mistral": "mistral-api",
    "deepseek": "deepseek-api",
    "openrouter": "openrouter",
}


def provider_id(litellm_provider: str) -> str:
    """Our provider id for a litellm provider name (a slug of the name when we have no mapping)."""
    name = litellm_provider.strip().lower()
    if name.startswith("bedrock"):
        return PROVIDERS["bedrock"]
    if name.startswith("vertex_ai"):
        return PROVIDERS["vertex_ai"]
    if name in PROVIDERS:
        return PROVIDERS[name]
    slug = re.sub(r"[^a-z0-9._-]+", "-", name).strip("-._")
    return slug or "unknown"


# --- model-name matching ------------------------------------------------------------------

_REGION = re.compile(r"^(?:us|eu|apac|au|jp|ca|global|us-gov)\.")
_VENDOR = re.compile(
    r"^(?:anthropic|meta|mistral|amazon|cohere|ai21|deepseek|qwen|openai|google|"
    r"moonshot|moonshotai|writer|minimax|zai)\."
)
_VERSION = re.compile(r"(?:-v\d+)?(?::\d+)?$")
_LOOSE_SUFFIX = re.compile(
    r"(?:-(?:instruct|it|chat|turbo|versatile|maas|fp8|fp16|bf16|fast|dynamic|"
    r"latest|\d{8}|\d{4}-\d{2}-\d{2}))+$"
)
_LOOSE_PREFIX = re.compile(r"^(?:meta-|databricks-|snowflake-)")


def _compact(name: str) -> str:
    """Spelling-insensitive key: 'Claude-3.5 Sonnet' and 'claude-3-5-sonnet' agree."""
    return re.sub(r"[\s._:/-]+", "", name.lower())


def _clean(key: str) -> str:
    """The model part of a litellm key, without routing prefixes and deployment versions."""
    name = key.lower().rsplit("/", 1)[-1]
    name = re.sub(r"@(?:\d{8}|latest|default)$", "", name).replace("@", "-")  # vertex snapshots
    name = _VENDOR.sub("", _REGION.sub("", name))
    name = _VERSION.sub("", name)
    name = re.sub(r"(\d)p(\d)", r"\1.\2", name)  # fireworks: llama-v3p3 -> llama-v3.3
    return re.sub(r"^llama-v(\d)", r"llama-\1", name)


def _loose(name: str) -> str:
    """Also drop snapshot dates and serving suffixes (-instruct, -turbo, -versatile, ...)."""
    name = _LOOSE_PREFIX.sub("", name.lower())
    previous = None
    while previous != name:
        previous, name = name, _LOOSE_SUFFIX.sub("", name)
    return name


@dataclass
class ModelMatcher:
    """Finds the KB model a litellm key names; ``level`` 0 = exact id/alias, 1 = spelling, 2 = loose."""

    exact: dict[str, str] = field(default_factory=dict)
    compact: dict[str, str | None] = field(default_factory=dict)
    loose: dict[str, str | None] = field(default_factory=dict)

    @classmethod
    def from_kb(cls, kb: KnowledgeBase | None) -> ModelMatcher:
        matcher = cls()
        for model in kb.models.values() if kb is not None else []:
            names = [model.id, *model.aliases, model.name]
            for name in names:
                matcher.exact.setdefault(name.lower(), model.id)
                matcher._add(matcher.compact, _compact(name), model.id)
                matcher._add(matcher.loose, _compact(_loose(name)), model.id)
        return matcher

    @staticmethod
    def _add(table: dict[str, str | None], key: str, model_id: str) -> None:
        if key and table.setdefault(key, model_id) != model_id:
            table[key] = None  # two models share this spelling: too ambiguous to use

    def match(self, key: str) -> tuple[str, int] | None:
        if key.lower() in self.exact:
            return self.exact[key.lower()], 0
        cleaned = _clean(key)
        for level, table, probe in (
            (1, self.compact, _compact(cleaned)),
            (2, self.loose, _compact(_loose(cleaned))),
        ):
            found = table.get(probe)
            if found:
                return found, level
        return None
