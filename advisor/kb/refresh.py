"""``advisor kb refresh``: current prices and shutdown dates from litellm's map and genai-prices.

Each refresh writes dated files next to the hand-checked ones and never edits those:
``prices-litellm-<day>.yaml`` (every price mapped onto a KB model, so a confirmed price is fresh
again), ``prices-genai-<day>.yaml`` (genai-prices' figures for pairs litellm lacks, and announced
price changes with their ``effective_from``) and ``lifecycle-litellm-<day>.yaml`` (deprecation and
shutdown dates per platform). Older dated files stay: they are the price's series over time; the
engine uses the newest price in force. Everything is validated together with the KB before a
byte is written, and the diff (new, changed, deprecated) is appended to the knowledge changelog.
Only models the KB knows are written: the source's thousands of others are listed as news, which
keeps the KB small enough to load in well under 300 ms.
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from advisor.kb import genai_import, litellm_import
from advisor.kb.errors import InputError, Problem
from advisor.kb.litellm_names import ModelMatcher
from advisor.kb.loader import LIFECYCLE_FILE, KnowledgeBase, load_kb, price_in_force
from advisor.kb.price_yaml import dump_prices, ordered
from advisor.kb.refresh_sources import Source
from advisor.kb.schema import Price

# Our provider id -> the vendor whose own API it is (its lifecycle is the ``vendor`` entry).
VENDOR_APIS: dict[str, str] = {
    "openai-api": "openai",
    "anthropic-api": "anthropic",
    "google-gemini-api-paid": "google",
    "mistral-api": "mistral",
    "deepseek-api": "deepseek",
}
FIRST_PARTY = frozenset({"openai", "anthropic", "gemini", "mistral", "deepseek", "xai"})
CHANGE_TOLERANCE = 0.005  # relative; below this a price is "unchanged" (rounding in the sources)
SHOWN = 40  # lines per section of the diff


@dataclass
class Refresh:
    """What a refresh found and the files it will write."""

    today: dt.date
    sources: list[Source]
    files: dict[str, str] = field(default_factory=dict)  # file name -> YAML text
    new: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unchanged: int = 0
    deprecations: list[str] = field(default_factory=list)
    disagreements: list[str] = field(default_factory=list)
    new_models: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)  # file name -> entries

    def diff_text(self, limit: int = SHOWN) -> str:
        """The readable diff: what a reviewer checks before committing the files."""
        lines = [f"kb refresh {self.today}: " + "; ".join(s.label for s in self.sources)]
        for name, n in self.counts.items():
            lines.append(f"  {name}: {n} entries")
        lines.append(
            f"  prices: {len(self.new)} new, {len(self.changed)} changed, {self.unchanged} unchanged"
        )
        for title, items in (
            ("new prices", self.new),
            ("changed prices (old -> new, USD per 1M tokens)", self.changed),
            ("deprecations and shutdowns", self.deprecations),
            ("sources disagree (litellm vs genai-prices)", self.disagreements),
            ("models in the sources, not in the KB", self.new_models),
        ):
            if items:
                lines.append(f"{title} ({len(items)}):")
                lines += [f"  {x}" for x in items[:limit]]
                if len(items) > limit:
                    lines.append(f"  ... and {len(items) - limit} more")
        return "\n".join(lines)


def _money(x: float | None) -> str:
    return "-" if x is None else f"{x:g}"


def _differs(old: float | None, new: float | None) -> bool:
    if old is None or new is None:
        return (old is None) != (new is None)
    return abs(old - new) > CHANGE_TOLERANCE * max(abs(old), 1e-9)


def _compare(out: Refresh, row: dict[str, Any], old: Price | None) -> None:
    where = f"{row['model']} at {row['provider']}" + (f" ({row['region']})" if row.get("region") else "")
    if old is None:
        out.new.append(f"{where}: {_money(row['input'])} in / {_money(row['output'])} out")
        return
    parts = [
        f"{label} {_money(getattr(old, attr))} -> {_money(row.get(attr))}"
        for label, attr in (("input", "input"), ("output", "output"), ("cached", "cached_input"))
        if _differs(getattr(old, attr), row.get(attr))
        and not (attr == "cached_input" and row.get(attr) is None)
    ]
    if parts:
        out.changed.append(f"{where}: {', '.join(parts)} (was {old.as_of})")
    else:
        out.unchanged += 1


def _platform(kb: KnowledgeBase, model_id: str, provider: str) -> str:
    """``vendor`` for the maker's own API of a closed-weights model (resellers follow it); the
    provider id otherwise (each host of open weights runs its own copy)."""
    model = kb.models[model_id]
    return "vendor" if not model.open_weights and VENDOR_APIS.get(provider) == model.vendor else provider


def _lifecycle_rows(
    kb: KnowledgeBase,
    data: dict[str, Any],
    chosen: dict[tuple[str, str], str],
    matcher: ModelMatcher,
    today: dt.date,
    label: str,
    out: Refresh,
    previous: dict[tuple[str, str], tuple[Any, Any]],
) -> list[dict[str, Any]]:
    """Shutdown dates litellm records for the very entry each KB price came from (a dated
    snapshot's retirement never retires the model's current alias). ``previous``: what the last
    run (or a hand-checked entry) said, (shutdown, successor) per (model, platform)."""
    rows = []
    for (model_id, provider), key in sorted(chosen.items()):
        entry = data[key]
        raw = entry.get("deprecation_date")
        try:
            day = dt.date.fromisoformat(str(raw)) if raw else None
        except ValueError:
            day = None
        if day is None:
            continue
        succ_key = entry.get("successor_model")
        found = matcher.match(str(succ_key)) if succ_key else None
        successor = found[0] if found and found[0] != model_id else None
        row: dict[str, Any] = {
            "model": model_id,
            "platform": _platform(kb, model_id, provider),
            "status": "retired" if day <= today else "deprecated",
            "shutdown_date": day,
        }
        if successor:
            row["successor"] = successor
        row.update(source=str(entry.get("deprecation_source") or label), as_of=today, dated="recorded")
        if succ_key and not successor:
            row["notes"] = f"litellm names successor '{succ_key}', not in the knowledge base yet"
        rows.append(row)
        old = previous.get((model_id, row["platform"]))
        if old is None or old != (day, successor):
            was = f" (was {old[0]})" if old is not None and old[0] != day else ""
            then = f"; successor {successor or succ_key}" if succ_key else ""
            verb = "shut down" if day <= today else "shuts down"
            out.deprecations.append(f"{model_id} on {row['platform']}: {verb} {day}{was}{then}")
    return rows


def _genai(
    kb: KnowledgeBase,
    src: Source,
    litellm_rows: dict[tuple[str, str], dict[str, Any]],
    matcher: ModelMatcher,
    today: dt.date,
    out: Refresh,
) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    seen: set[tuple[str, str]] = set()
    kb_keys = {(p.model, p.provider, p.as_of) for p in kb.prices}
    unmapped: set[str] = set()
    for m in genai_import.models(genai_import.read_genai(src.path)):
        provider = genai_import.PROVIDERS.get(m.provider)
        found = matcher.match(m.model) or (matcher.match(m.name) if m.name else None)
        if provider is None or provider not in kb.providers:
            continue
        if found is None:
            if not m.deprecated:
                unmapped.add(f"{m.provider}/{m.model}")
            continue
        pair = (found[0], provider)
        if pair in seen:
            continue
        seen.add(pair)
        if m.deprecated:
            out.deprecations.append(f"{found[0]} at {provider}: marked deprecated by genai-prices")
        for row in genai_import.price_rows(m, found[0], provider, today, src.label):
            other = litellm_rows.get(pair)
            if other is not None and "effective_from" not in row:
                if _differs(other["input"], row["input"]) or _differs(other["output"], row["output"]):
                    out.disagreements.append(
                        f"{found[0]} at {provider}: litellm {_money(other['input'])}/{_money(other['output'])}, "
                        f"genai-prices {_money(row['input'])}/{_money(row['output'])}"
                    )
                continue  # litellm's figure is written; genai-prices confirms or disputes it
            if (found[0], provider, today) in kb_keys and "effective_from" not in row:
                continue
            if other is None and "effective_from" not in row:
                _compare(out, row, _current(kb, found[0], provider, today))
            rows.append(ordered(row))
    out.new_models += [f"genai-prices {x}" for x in sorted(unmapped)]
    return rows


_HINT = re.compile(r'litellm(?: key "([^"]+)"|: (\S+) \()')


def key_hints(kb: KnowledgeBase) -> dict[str, str]:
    """litellm keys the KB's own prices were taken from (their notes say which): a checked
    mapping the name matcher may miss (``groq/llama-3.1-8b-instant`` is Llama 3.1 8B)."""
    hints = {}
    for p in kb.prices:
        found = _HINT.search(p.notes or "") if not p.unmapped and p.model in kb.models else None
        if found:
            hints[(found.group(1) or found.group(2)).lower()] = p.model
    return hints


def _current(
    kb: KnowledgeBase, model_id: str, provider: str, today: dt.date, region: str | None = None
) -> Price | None:
    """The KB's price in force at this provider (for this regional endpoint, when given)."""
    if region is None:
        return next((p for p in kb.current_prices(model_id, today) if p.provider == provider), None)
    same = [
        p
        for p in kb.prices_by_model.get(model_id, [])
        if p.provider == provider and p.region == region and not p.doubtful and price_in_force(p, today)
    ]
    return max(same, key=lambda p: p.as_of or dt.date.min, default=None)


def _previous_lifecycle(kb: KnowledgeBase) -> dict[tuple[str, str], tuple[Any, Any]]:
    """(shutdown, successor) per (model, platform) as the KB knew them before this day's run."""
    return {
        (m.id, e.platform): (e.shutdown_date, e.successor) for m in kb.models.values() for e in m.lifecycle
    }


def outputs(today: dt.date) -> tuple[str, str, str]:
    return f"prices-litellm-{today}.yaml", f"prices-genai-{today}.yaml", f"lifecycle-litellm-{today}.yaml"


def build(kb_dir: Path, sources: list[Source], today: dt.date) -> Refresh:
    """Read the sources, compare with the KB and prepare the files (nothing is written)."""
    names = outputs(today)
    kb = load_kb(kb_dir, today=today, skip_price_files=set(names))
    previous = _previous_lifecycle(kb)
    matcher = ModelMatcher.from_kb(kb)
    matcher.exact.update(key_hints(kb))
    out = Refresh(today, sources)
    litellm_rows: dict[tuple[str, str], dict[str, Any]] = {}  # global prices, for genai-prices to check
    written: list[dict[str, Any]] = []
    for src in (s for s in sources if s.kind == "litellm"):
        data = litellm_import.read_price_map(src.path)
        result = litellm_import.convert(
            data, src.path, kb, dating=(today, "recorded"), source=src.label, matcher=matcher
        )
        for row in result.prices:
            if row.get("unmapped"):
                if data[row["model"]].get("litellm_provider") in FIRST_PARTY:
                    out.new_models.append(f"litellm {row['model']}")
                continue
            written.append(row)
            if "region" not in row:
                litellm_rows[(row["model"], row["provider"])] = row
            _compare(out, row, _current(kb, row["model"], row["provider"], today, row.get("region")))
        lifecycle = _lifecycle_rows(kb, data, result.chosen, matcher, today, src.label, out, previous)
        out.files[names[0]] = dump_prices(written, _header(src, "prices"))
        out.counts[names[0]] = len(written)
        out.files[names[2]] = dump_prices(lifecycle, _header(src, "lifecycle"), key="lifecycle")
        out.counts[names[2]] = len(lifecycle)
    for src in (s for s in sources if s.kind == "genai"):
        rows = _genai(kb, src, litellm_rows, matcher, today, out)
        out.files[names[1]] = dump_prices(rows, _header(src, "prices"))
        out.counts[names[1]] = len(rows)
    return out


def _header(src: Source, what: str) -> str:
    return (
        f"# Generated by `advisor kb refresh` from {src.label}.\n"
        f"# Do not edit by hand: correct a {'price' if what == 'prices' else 'lifecycle entry'} in the hand-checked files "
        f"({'prices.yaml' if what == 'prices' else LIFECYCLE_FILE}), which take precedence.\n"
    )


def validate(kb_dir: Path, refresh: Refresh) -> None:
    """Load the KB with the new files in place (in a scratch folder); raise on any problem."""
    with tempfile.TemporaryDirectory(prefix="kb-refresh-") as tmp:
        scratch = Path(tmp)
        for path in kb_dir.iterdir():
            if path.is_file() and path.suffix == ".yaml" and path.name not in refresh.files:
                (scratch / path.name).symlink_to(path.resolve())
        for name, text in refresh.files.items():
            (scratch / name).write_text(text, encoding="utf-8")
        load_kb(scratch, today=max(refresh.today, dt.date.today()))


def write(refresh: Refresh, out_dir: Path, changelog: Path | None) -> list[Path]:
    """Write the files atomically, bump meta.yaml's date and append to the changelog."""
    written = []
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        for name, text in refresh.files.items():
            target = out_dir / name
            tmp = target.with_name(f".{name}.tmp")
            tmp.write_text(text, encoding="utf-8")
            tmp.replace(target)
            written.append(target)
        _bump_meta(out_dir / "meta.yaml", refresh.today)
        if changelog is not None:
            from advisor.kb.changelog import append_entry

            append_entry(changelog, refresh, [p.name for p in written])
    except OSError as exc:
        raise InputError([Problem(str(out_dir), None, "", f"cannot write: {exc.strerror or exc}")]) from None
    return written


def _bump_meta(meta: Path, today: dt.date) -> None:
    """``updated`` and ``version`` say when the KB last changed (kept if already later)."""
    if not meta.is_file():
        return
    lines = meta.read_text(encoding="utf-8").splitlines(keepends=True)
    for i, line in enumerate(lines):
        stripped = line.strip()
        if stripped.startswith("updated:") and stripped.split(":", 1)[1].strip() < today.isoformat():
            lines[i] = line[: line.index("updated:")] + f"updated: {today}\n"
        elif stripped.startswith("version:"):
            old = stripped.split(":", 1)[1].strip().strip('"')
            new = today.strftime("%Y.%m.%d")
            if old < new:
                lines[i] = line[: line.index("version:")] + f'version: "{new}"\n'
    tmp = meta.with_name(".meta.yaml.tmp")
    tmp.write_text("".join(lines), encoding="utf-8")
    tmp.replace(meta)
