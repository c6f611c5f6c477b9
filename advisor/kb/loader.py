"""Load the knowledge-base folder into one indexed, cross-checked ``KnowledgeBase``."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from advisor.kb import checks
from advisor.kb.checks import Located
from advisor.kb.errors import InputError, Problem
from advisor.kb.power import POWER_FILE, ElectricityPrice, PowerFile
from advisor.kb.schema import (
    FILES,
    GPU,
    FxRate,
    KBMeta,
    Licence,
    Model,
    Price,
    PricesFile,
    Provider,
    Strict,
    Subscription,
    Task,
)
from advisor.kb.yamlsource import LineMap, read_document, validate_document


def default_kb_dir() -> Path:
    """``ADVISOR_KB_DIR``, else the packaged copy, else the source tree's ``knowledge/``."""
    env = os.environ.get("ADVISOR_KB_DIR")
    if env:
        return Path(env)
    packaged = Path(__file__).resolve().parent.parent / "_data" / "knowledge"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "knowledge"


@dataclass
class KnowledgeBase:
    root: Path
    meta: KBMeta
    models: dict[str, Model]
    licences: dict[str, Licence]
    prices: list[Price]
    subscriptions: list[Subscription]
    gpus: dict[str, GPU]
    providers: dict[str, Provider]
    fx: dict[str, FxRate]
    tasks: dict[str, Task]
    version: str
    prices_by_model: dict[str, list[Price]] = field(default_factory=dict)
    power: dict[str, ElectricityPrice] = field(default_factory=dict)  # region -> electricity price

    def __post_init__(self) -> None:
        for price in self.prices:
            self.prices_by_model.setdefault(price.model, []).append(price)

    def model(self, model_id: str) -> Model:
        return self.models[model_id]

    def licence_of(self, model: Model) -> Licence:
        return self.licences[model.licence]

    def current_prices(self, model_id: str) -> list[Price]:
        """The newest price per provider: older (e.g. seed-article) figures stay for reference only."""
        newest: dict[str, Price] = {}
        for p in self.prices_by_model.get(model_id, []):
            if p.doubtful:
                continue
            cur = newest.get(p.provider)
            if cur is None or (p.as_of or dt.date.min) > (cur.as_of or dt.date.min):
                newest[p.provider] = p
        return sorted(newest.values(), key=lambda p: p.provider)

    def all_entities(self) -> Iterable[Strict]:
        yield from self.models.values()
        yield from self.licences.values()
        yield from self.prices
        yield from self.subscriptions
        yield from self.gpus.values()
        yield from self.providers.values()
        yield from self.fx.values()


def _files(root: Path, skip: Collection[str] = ()) -> list[tuple[str, type[Strict]]]:
    names = [(name, schema) for name, schema in FILES.items()]
    if (root / POWER_FILE).is_file():  # optional: without it, power is priced at a stated default
        names.append((POWER_FILE, PowerFile))
    names += [(p.name, PricesFile) for p in sorted(root.glob("prices-*.yaml")) if p.name not in skip]
    return names


def load_kb(root: Path | str | None = None, *, require_sources: bool = True,
            today: dt.date | None = None, skip_price_files: Collection[str] = ()) -> KnowledgeBase:
    """Load and validate every file; raise one InputError listing every problem found.

    ``require_sources=False`` lets ``kb stats`` count entries that still lack a source or date.
    ``skip_price_files`` leaves out extra ``prices-*.yaml`` files, e.g. the one an import regenerates.
    """
    root = Path(root) if root is not None else default_kb_dir()
    if not root.is_dir():
        what = "is not a folder" if root.exists() else "knowledge-base folder not found"
        raise InputError([Problem(str(root), None, "", what)])
    problems: list[Problem] = []
    docs: dict[str, tuple[Strict, LineMap]] = {}
    digest = hashlib.sha256()
    for name, schema in _files(root, skip_price_files):
        path = root / name
        label = str(path)
        try:
            data, lines = read_document(path, label)
            digest.update(name.encode() + path.read_bytes())
            docs[name] = (validate_document(schema, data, label, lines), lines)
        except InputError as exc:
            problems.extend(exc.problems)
    if problems:
        raise InputError(problems)

    def entities(key: str) -> list[Located]:
        out: list[Located] = []
        for name, (doc, lines) in docs.items():
            label = str(root / name)
            out.extend(Located(label, lines, key, i, ent) for i, ent in enumerate(getattr(doc, key, []) or []))
        return out

    located = {key: entities(key) for key in
               ("models", "licences", "prices", "subscriptions", "gpus", "providers", "rates", "tasks", "electricity")}

    def index(key: str, attr: str = "id") -> dict[str, Strict]:
        seen: dict[str, Strict] = {}
        for item in located[key]:
            ident = getattr(item.entity, attr)
            if ident in seen:
                problems.append(item.problem([attr], f"duplicate id '{ident}'"))
            seen[ident] = item.entity
        return seen

    models = index("models")
    licences = index("licences")
    gpus = index("gpus")
    providers = index("providers")
    fx = index("rates", "currency")
    tasks = index("tasks")
    index("subscriptions")

    def check_ref(key: str, attr: str, table: dict[str, Strict], what: str,
                  skip: str | None = None) -> None:
        for item in located[key]:
            ref = getattr(item.entity, attr)
            if ref is not None and ref not in table and not (skip and getattr(item.entity, skip)):
                near = ", ".join(sorted(table, key=lambda k: _distance(k, ref))[:3]) or "none defined"
                problems.append(item.problem([attr], f"unknown {what} '{ref}' (nearest: {near})"))

    check_ref("models", "licence", licences, "licence id")
    check_ref("models", "base_model", models, "model id")
    check_ref("prices", "model", models, "model id", skip="unmapped")
    check_ref("prices", "provider", providers, "provider id", skip="unmapped")
    check_ref("subscriptions", "provider", providers, "provider id")

    problems.extend(checks.duplicate_prices(located["prices"]))
    problems.extend(checks.alias_collisions(located["gpus"], "GPU"))
    problems.extend(checks.alias_collisions(located["models"], "model"))
    problems.extend(checks.model_sanity(located["models"]))
    sourced = [item for key, items in located.items() if key != "tasks" for item in items]
    problems.extend(checks.future_dates(sourced, today or dt.date.today()))

    if require_sources:
        for item in sourced:
            for attr in ("source", "as_of"):
                if getattr(item.entity, attr) is None:
                    problems.append(item.problem([attr], f"missing {attr}: every fact needs a source and a date"))
    if problems:
        raise InputError(problems)

    meta_doc = docs["meta.yaml"][0]
    prices_doc = [d for d, _ in docs.values() if isinstance(d, PricesFile)]
    meta = meta_doc.meta  # type: ignore[attr-defined]
    return KnowledgeBase(
        root=root,
        meta=meta,
        models=models,  # type: ignore[arg-type]
        licences=licences,  # type: ignore[arg-type]
        prices=[p for d in prices_doc for p in d.prices],
        subscriptions=[s for d in prices_doc for s in d.subscriptions],
        gpus=gpus,  # type: ignore[arg-type]
        providers=providers,  # type: ignore[arg-type]
        fx=fx,  # type: ignore[arg-type]
        tasks=tasks,  # type: ignore[arg-type]
        version=f"{meta.version}+{digest.hexdigest()[:8]}",
        power={e.entity.region: e.entity for e in located["electricity"]},  # type: ignore[attr-defined,misc]
    )


@lru_cache(maxsize=8)
def _cached(root: str) -> KnowledgeBase:
    return load_kb(root)


def get_kb(root: Path | str | None = None) -> KnowledgeBase:
    """The process-wide knowledge base (loaded once per folder)."""
    return _cached(str(Path(root) if root is not None else default_kb_dir()))


def _distance(a: str, b: str) -> int:
    """Levenshtein distance, for 'nearest known id' hints."""
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]
