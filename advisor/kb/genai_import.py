"""Read pydantic's genai-prices data (MIT) without running it, and turn it into price rows.

genai-prices ships its prices as Python (``genai_prices/data.py``: ``Provider(...)``,
``ModelInfo(...)``, ``Decimal('3')``) and publishes the same as JSON (``prices/data.json``).
The Python file is read with ``ast`` (constructor calls become plain dicts): nothing in it is
executed, so a file handed to ``advisor kb refresh --genai-prices`` cannot run code.
"""

from __future__ import annotations

import ast
import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from advisor.kb.errors import InputError, Problem

SOURCE = "genai-prices (pydantic)"
URL = "https://raw.githubusercontent.com/pydantic/genai-prices/main/prices/data.json"

# genai-prices provider id -> our provider id (the rest are not in this KB)
PROVIDERS: dict[str, str] = {
    "openai": "openai-api",
    "anthropic": "anthropic-api",
    "google": "google-gemini-api-paid",
    "aws": "aws-bedrock",
    "azure": "azure-openai",
    "mistral": "mistral-api",
    "deepseek": "deepseek-api",
    "groq": "groq",
    "together": "together-ai",
    "fireworks": "fireworks-ai",
    "cerebras": "cerebras",
    "openrouter": "openrouter",
}


@dataclass(frozen=True)
class GenaiModel:
    provider: str  # genai-prices provider id
    model: str  # genai-prices model id
    name: str | None
    deprecated: bool
    prices: list[tuple[dt.date | None, dict[str, Any]]]  # (start date, ModelPrice fields), oldest first


def _value(node: ast.AST) -> Any:
    """A literal, list, dict or constructor call as plain data (calls -> dicts of their keywords)."""
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.List | ast.Tuple):
        return [_value(x) for x in node.elts]
    if isinstance(node, ast.Dict):
        return {_value(k): _value(v) for k, v in zip(node.keys, node.values, strict=True) if k is not None}
    if isinstance(node, ast.Call):
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        args = [_value(a) for a in node.args]
        if name == "Decimal" and args:
            return float(args[0])
        if name == "date" and len(args) == 3:
            return dt.date(*args)
        out = {kw.arg: _value(kw.value) for kw in node.keywords if kw.arg}
        out["_type"] = name
        return out
    return None


def _providers_from_python(text: str, name: str) -> list[Any]:
    try:
        tree = ast.parse(text, filename=name)
    except SyntaxError as exc:
        raise InputError([Problem(name, exc.lineno, "", f"Python syntax error: {exc.msg}")]) from None
    for stmt in tree.body:
        target: ast.expr
        if isinstance(stmt, ast.AnnAssign):
            target, node = stmt.target, stmt.value
        elif isinstance(stmt, ast.Assign) and len(stmt.targets) == 1:
            target, node = stmt.targets[0], stmt.value
        else:
            continue
        if isinstance(target, ast.Name) and target.id == "providers" and node is not None:
            value = _value(node)
            if isinstance(value, list):
                return value
    raise InputError(
        [Problem(name, None, "", "no 'providers = [...]' list: this is not genai-prices' data.py")]
    )


def read_genai(path: Path) -> list[Any]:
    """The providers list from ``data.py`` or ``data.json``; bad input is an InputError."""
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError([Problem(name, None, "", "file not found")]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError([Problem(name, None, "", f"cannot read file: {exc}")]) from None
    if path.suffix == ".py":
        return _providers_from_python(text, name)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError([Problem(name, exc.lineno, "", f"not JSON: {exc.msg}")]) from None
    if isinstance(data, dict):
        data = data.get("providers")
    if not isinstance(data, list) or not all(isinstance(p, dict) and "models" in p for p in data):
        raise InputError(
            [Problem(name, 1, "", "expected genai-prices data: a list of providers with 'models'")]
        )
    return data


def _start(constraint: Any) -> dt.date | None:
    if not isinstance(constraint, dict):
        return None
    start = constraint.get("start_date")
    if isinstance(start, str):
        try:
            return dt.date.fromisoformat(start[:10])
        except ValueError:
            return None
    return start if isinstance(start, dt.date) else None


def models(providers: list[Any]) -> list[GenaiModel]:
    """Every model's price series (time-of-day constraints, e.g. off-peak rates, are left out)."""
    out = []
    for prov in providers:
        if not isinstance(prov, dict):
            continue
        for m in prov.get("models") or []:
            if not isinstance(m, dict) or not m.get("id"):
                continue
            raw = m.get("prices")
            series: list[tuple[dt.date | None, dict[str, Any]]] = []
            if isinstance(raw, dict) and "prices" not in raw:
                series.append((None, raw))
            for cond in raw if isinstance(raw, list) else []:
                if isinstance(cond, dict) and isinstance(cond.get("prices"), dict):
                    constraint = cond.get("constraint")
                    if constraint is None or _start(constraint) is not None:
                        series.append((_start(constraint), cond["prices"]))
            series.sort(key=lambda s: s[0] or dt.date.min)
            out.append(
                GenaiModel(
                    str(prov.get("id")), str(m["id"]), m.get("name"), bool(m.get("deprecated")), series
                )
            )
    return out


def _base(value: Any) -> float | None:
    """A flat price, or the base of a tiered one."""
    if isinstance(value, dict):
        value = value.get("base")
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _tier(fields: dict[str, Any]) -> dict[str, Any] | None:
    """The first prompt-size tier of the input price (and output's at the same threshold)."""
    tiered = fields.get("input_mtok")
    if not isinstance(tiered, dict) or not tiered.get("tiers"):
        return None
    first = tiered["tiers"][0]
    start, price = first.get("start"), first.get("price")
    if not isinstance(start, int | float) or not isinstance(price, int | float) or start <= 0:
        return None
    tier: dict[str, Any] = {"above_tokens": int(start), "input": float(price)}
    out = fields.get("output_mtok")
    out_tiers = out.get("tiers") if isinstance(out, dict) else None
    same = [t for t in out_tiers or [] if t.get("start") == start]
    tier["output"] = float(same[0]["price"]) if same else _base(out)
    return tier if tier["output"] is not None else None


def price_rows(
    m: GenaiModel, model_id: str, provider_id: str, today: dt.date, source: str
) -> list[dict[str, Any]]:
    """Price entries in force on ``today`` or announced after it, with effective dates."""
    rows = []
    for i, (start, fields) in enumerate(m.prices):
        until = m.prices[i + 1][0] if i + 1 < len(m.prices) else None
        until = until - dt.timedelta(days=1) if until is not None else None
        if until is not None and until < today:
            continue  # superseded before today: history the KB already had or never needed
        inp, out = _base(fields.get("input_mtok")), _base(fields.get("output_mtok"))
        if inp is None or out is None or (inp == 0 and out == 0):
            continue
        row: dict[str, Any] = {"model": model_id, "provider": provider_id, "input": inp, "output": out}
        for ours, theirs in (("cached_input", "cache_read_mtok"), ("cache_write_input", "cache_write_mtok")):
            value = _base(fields.get(theirs))
            if value is not None:
                row[ours] = value
        tier = _tier(fields)
        if tier is not None:
            row["long_context"] = tier
        if start is not None and start > today:
            row["effective_from"] = start
        if until is not None:
            row["effective_until"] = until
        row.update(
            source=source, as_of=today, dated="recorded", notes=f"genai-prices: {m.provider}/{m.model}"
        )
        rows.append(row)
    return rows
