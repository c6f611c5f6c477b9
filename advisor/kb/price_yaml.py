"""Generated price files written the same way by every importer: fields in one fixed order, every
entry spelled out (no YAML anchors), a header that says where the file came from."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import yaml

ORDER: tuple[str, ...] = (
    "model",
    "provider",
    "input",
    "output",
    "cached_input",
    "cache_write_input",
    "batch_input",
    "batch_output",
    "long_context",
    "context_tiers",
    "effective_from",
    "effective_until",
    "region",
    "regional_uplift_pct",
    "unmapped",
    "source",
    "as_of",
    "dated",
    "notes",
)


def ordered(row: dict[str, Any]) -> dict[str, Any]:
    return {k: row[k] for k in sorted(row, key=ORDER.index)}


class _NoAliasDumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """Every entry spelled out: no ``&id001`` anchors for the shared date object."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def dump_prices(prices: Iterable[dict[str, Any]], header: str, key: str = "prices") -> str:
    body = yaml.dump(
        {key: list(prices)}, Dumper=_NoAliasDumper, sort_keys=False, allow_unicode=True, width=200
    )
    return header + body
