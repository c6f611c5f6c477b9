"""Turn litellm's community price map into price entries of this knowledge base.

litellm (MIT) keeps ``model_prices_and_context_window.json``: USD per token for thousands of
(provider, model) pairs, updated almost daily. We keep only chat models, convert to USD per 1M
tokens, and map litellm's provider and model names onto our ids where they match; everything else
is kept under its litellm key with ``unmapped: true`` so nothing is lost and nothing is guessed.

Refresh workflow::

    curl -LO https://raw.githubusercontent.com/BerriAI/litellm/main/model_prices_and_context_window.json
    advisor kb import-litellm model_prices_and_context_window.json --out knowledge/prices-litellm.yaml
    advisor kb validate          # the generated file is loaded like any prices-*.yaml
    git diff --stat knowledge/prices-litellm.yaml   # review, then commit

The summary on stderr says how many entries mapped onto knowledge-base models. Add an alias to a
model in ``knowledge/models.yaml`` to map a litellm name that is missed, then import again.
Prices in the KB's other files (``prices.yaml``) stay authoritative: an imported entry for the
same model, provider and date is skipped, and the engine uses the newest price per provider.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from advisor.kb.errors import InputError, Problem
from advisor.kb.litellm_names import ModelMatcher, provider_id
from advisor.kb.loader import KnowledgeBase
from advisor.kb.price_yaml import dump_prices, ordered
from advisor.kb.regions import region_of

CHAT_MODES = frozenset({"chat", "responses"})
SOURCE_PREFIX = "litellm model_prices_and_context_window.json"
MAX_PLAUSIBLE_PER_1M = 1000.0  # a few litellm rows are off by 10^6; no chat model costs this much

# --- conversion -----------------------------------------------------------------------------

_TIER = re.compile(r"^input_cost_per_token_above_(\d+)k_tokens$")


def _per_million(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return round(float(value) * 1_000_000, 6)


def context_tiers(entry: dict[str, Any], output: float) -> list[dict[str, Any]]:
    """Every prompt-size tier, ascending; litellm names them ``*_above_<N>k_tokens``."""
    out = []
    for thousands in sorted(int(m.group(1)) for k in entry if (m := _TIER.match(k))):
        suffix = f"_above_{thousands}k_tokens"
        tier_in = _per_million(entry.get("input_cost_per_token" + suffix))
        if tier_in is None:
            continue
        tier_out = _per_million(entry.get("output_cost_per_token" + suffix))
        tier: dict[str, Any] = {
            "above_tokens": thousands * 1000,
            "input": tier_in,
            "output": output if tier_out is None else tier_out,
        }
        cached = _per_million(entry.get("cache_read_input_token_cost" + suffix))
        if cached is not None:
            tier["cached_input"] = cached
        out.append(tier)
    return out


def _long_context(entry: dict[str, Any], output: float) -> dict[str, Any] | None:
    """The first (lowest) long-context tier."""
    tiers = context_tiers(entry, output)
    return tiers[0] if tiers else None


_NOT_CHAT = "not a chat model: "


@dataclass
class ImportResult:
    prices: list[dict[str, Any]]
    entries_read: int
    mapped: int
    skipped: Counter[str]
    as_of: dt.date
    dated: str
    chosen: dict[tuple[str, str], str] = field(default_factory=dict)  # (model, provider) -> litellm key

    def summary(self, file_name: str) -> str:
        lines = [
            f"{file_name}: {self.entries_read} entries read, {len(self.prices)} chat prices written "
            f"({self.mapped} mapped to knowledge-base models, {len(self.prices) - self.mapped} "
            f"unmapped), as of {self.as_of} ({self.dated} date)"
        ]
        modes = {why: n for why, n in self.skipped.items() if why.startswith(_NOT_CHAT)}
        if modes:
            detail = ", ".join(
                f"{why[len(_NOT_CHAT) :]} {n}" for why, n in sorted(modes.items(), key=lambda kv: -kv[1])
            )
            lines.append(f"  skipped {sum(modes.values())}: not a chat model (mode: {detail})")
        lines += [f"  skipped {n}: {why}" for why, n in self.skipped.most_common() if why not in modes]
        return "\n".join(lines)


def read_price_map(path: Path) -> dict[str, Any]:
    """Read and shape-check the JSON file; anything unusable is an InputError naming the file."""
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError([Problem(name, None, "", "file not found")]) from None
    except IsADirectoryError:
        raise InputError([Problem(name, None, "", "is a folder, expected a JSON file")]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError([Problem(name, None, "", f"cannot read file: {exc}")]) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError([Problem(name, exc.lineno, "", f"not JSON: {exc.msg}")]) from None
    if not isinstance(data, dict):
        raise InputError(
            [
                Problem(
                    name,
                    1,
                    "",
                    "expected a JSON object mapping model names to price "
                    f"entries, found {type(data).__name__}",
                )
            ]
        )
    if not any(isinstance(v, dict) and "litellm_provider" in v for v in data.values()):
        raise InputError(
            [
                Problem(
                    name,
                    1,
                    "",
                    "no entry has 'litellm_provider': this is not a litellm "
                    "model_prices_and_context_window.json",
                )
            ]
        )
    return data


def _dating(data: dict[str, Any], path: Path) -> tuple[dt.date, str]:
    stamp = data.get("last_updated")
    if isinstance(stamp, str):
        try:
            return dt.datetime.fromisoformat(stamp.replace("Z", "+00:00")).date(), "source"
        except ValueError:
            pass
    return dt.datetime.fromtimestamp(path.stat().st_mtime, tz=dt.UTC).date(), "recorded"


DEFAULT_OUT = "prices-litellm.yaml"


def convert(
    data: dict[str, Any],
    path: Path,
    kb: KnowledgeBase | None,
    dating: tuple[dt.date, str] | None = None,
    source: str | None = None,
    matcher: ModelMatcher | None = None,
) -> ImportResult:
    """Convert a parsed price map; ``kb`` supplies ids to map onto (None: everything unmapped).

    The KB's own prices win over an imported one for the same model, provider and date, so the
    generated file never duplicates one. Load the KB without the file being regenerated
    (``load_kb(skip_price_files=...)``), or its old entries would block their own update.
    """
    as_of, dated = _dating(data, path) if dating is None or "last_updated" in data else dating
    source = source or f"{SOURCE_PREFIX} ({path.name})"
    matcher = matcher or ModelMatcher.from_kb(kb)
    kb_providers = set(kb.providers) if kb is not None else set()
    kb_keys = {(p.model, p.provider, p.as_of, p.region) for p in (kb.prices if kb is not None else [])}
    skipped: Counter[str] = Counter()
    rows: list[tuple[str, dict[str, Any], tuple[int, int, str] | None]] = []
    read = 0
    for key, entry in data.items():
        if key == "sample_spec" or not isinstance(entry, dict) or "litellm_provider" not in entry:
            continue
        read += 1
        row, why = _row(key, entry, source, as_of, dated)
        if row is None:
            skipped[why] += 1
            continue
        found = matcher.match(key)
        rank = None
        if found is not None and row["provider"] in kb_providers:
            row["model"] = found[0]
            rank = (found[1], len(key), key)
            region = region_of(key)
            if region:
                row["region"] = region
        rows.append((key, row, rank))

    best: dict[tuple[str, str, str | None], tuple[int, int, str]] = {}
    for _, row, rank in rows:
        if rank is not None:
            slot = (row["model"], row["provider"], row.get("region"))
            best[slot] = min(best.get(slot, rank), rank)
    prices = []
    mapped = 0
    chosen: dict[tuple[str, str], str] = {}
    for key, row, rank in rows:
        if rank is not None and best[(row["model"], row["provider"], row.get("region"))] != rank:
            rank = None  # another litellm name for the same model, provider and region matched better
        if rank is None:
            row.pop("region", None)
            row["model"] = key
            row["unmapped"] = True
        elif (row["model"], row["provider"], as_of, row.get("region")) in kb_keys:
            skipped["already in the knowledge base for that date (its own price is kept)"] += 1
            continue
        else:
            mapped += 1
            if "region" not in row:
                chosen[(row["model"], row["provider"])] = key
        prices.append(row)
    _uplifts(prices)
    return ImportResult([ordered(r) for r in prices], read, mapped, skipped, as_of, dated, chosen)


def _uplifts(rows: list[dict[str, Any]]) -> None:
    """A regional price's surcharge over the same model's global price at that provider."""
    base = {(r["model"], r["provider"]): r for r in rows if "region" not in r and not r.get("unmapped")}
    for r in rows:
        glob = base.get((r["model"], r["provider"])) if "region" in r else None
        if glob and glob["input"] > 0 and r["input"] >= glob["input"]:
            r["regional_uplift_pct"] = round((r["input"] / glob["input"] - 1) * 100, 1)


def _row(
    key: str, entry: dict[str, Any], source: str, as_of: dt.date, dated: str
) -> tuple[dict[str, Any] | None, str]:
    mode = entry.get("mode")
    if "/claude_platform/" in key:
        return None, "Anthropic's own platform resold through a cloud (not the cloud's native endpoint)"
    if mode not in CHAT_MODES:
        return None, f"{_NOT_CHAT}{mode}"
    inp = _per_million(entry.get("input_cost_per_token"))
    out = _per_million(entry.get("output_cost_per_token"))
    if inp is None or out is None:
        return None, "no per-token price"
    if inp < 0 or out < 0:
        return None, "negative price"
    if inp == 0 and out == 0:
        return None, "zero price (local runtime or free tier)"
    if max(inp, out) > MAX_PLAUSIBLE_PER_1M:
        return None, f"implausible price (over ${MAX_PLAUSIBLE_PER_1M:,.0f} per 1M tokens)"
    litellm_provider = str(entry["litellm_provider"])
    row: dict[str, Any] = {
        "model": key,
        "provider": provider_id(litellm_provider),
        "input": inp,
        "output": out,
    }
    for name, field_name in (
        ("cached_input", "cache_read_input_token_cost"),
        ("cache_write_input", "cache_creation_input_token_cost"),
        ("batch_input", "input_cost_per_token_batches"),
        ("batch_output", "output_cost_per_token_batches"),
    ):
        value = _per_million(entry.get(field_name))
        if value is None and name == "cached_input":
            value = _per_million(entry.get("input_cost_per_token_cache_hit"))
        if value is not None and value >= 0:
            row[name] = value
    tiers = context_tiers(entry, out)
    if tiers:
        row["long_context"] = tiers[0]
    if len(tiers) > 1:
        row["context_tiers"] = tiers
    row.update(source=source, as_of=as_of, dated=dated, notes=f"litellm: {key} ({litellm_provider})")
    return row, ""


# What a reader scans first comes first; every key is a Price field (checked in the tests).
HEADER = """\
# Generated by `advisor kb import-litellm` from litellm's model_prices_and_context_window.json (MIT).
# Do not edit by hand: add hand-checked prices to prices.yaml, or model aliases to models.yaml
# and import again. USD per 1M tokens. `unmapped: true` = model or provider not in this KB (yet).
"""


def import_file(path: Path, kb: KnowledgeBase | None) -> tuple[str, ImportResult]:
    """The YAML text of the price entries and the counts behind the summary."""
    result = convert(read_price_map(path), path, kb)
    return dump_prices(result.prices, HEADER), result
