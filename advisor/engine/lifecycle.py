"""A model's lifecycle on each platform, judged as of a day: preview, ga, legacy, deprecated, retired.

Facts come from ``Model.lifecycle`` (merged from ``knowledge/lifecycle*.yaml``): one entry per
platform, ``vendor`` being the maker's own API. A closed-weights model served by a reseller
without an entry of its own follows the vendor's entry (a router cannot serve what the maker
turned off); an open-weights model's hosts run their own copies, so only their own entries count,
and self-hosting never retires. Pure functions: no I/O besides reading ``ADVISOR_TODAY``.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from advisor.kb.schema import Model, PlatformLifecycle
from advisor.kb.today import judged_today

__all__ = [
    "UNKNOWN",
    "VENDOR",
    "Status",
    "entry_for",
    "is_retired",
    "judge",
    "judged_today",
    "retired_from",
    "status_on",
]

VENDOR = "vendor"


class Status(NamedTuple):
    status: str | None  # preview | ga | legacy | deprecated | retired | None (unknown)
    shutdown: dt.date | None
    successor: str | None
    deprecated_on: dt.date | None = None


UNKNOWN = Status(None, None, None)


def _vendor_fallback(model: Model) -> PlatformLifecycle | None:
    """The older single ``deprecation_date`` field read as the vendor's shutdown date."""
    if model.deprecation_date is None or model.open_weights:
        return None
    return PlatformLifecycle(
        platform=VENDOR,
        status="retired",
        shutdown_date=model.deprecation_date,
        source=model.source,
        as_of=model.as_of,
    )


def entry_for(model: Model, platform: str) -> PlatformLifecycle | None:
    """The platform's own entry, else (closed weights) the vendor's."""
    vendor = None
    for e in model.lifecycle:
        if e.platform == platform:
            return e
        if e.platform == VENDOR:
            vendor = e
    if model.open_weights:
        return None
    return vendor or _vendor_fallback(model)


def judge(e: PlatformLifecycle, today: dt.date) -> str:
    """The status an entry implies on ``today``: dates decide, the recorded status fills gaps."""
    if e.shutdown_date is not None and today >= e.shutdown_date:
        return "retired"
    if e.deprecated_on is not None:
        if today >= e.deprecated_on:
            return "deprecated"
        return "ga" if e.status in ("deprecated", "retired") else e.status
    if e.shutdown_date is not None:  # a shutdown announced: deprecated until then (previews stay previews)
        return "preview" if e.status == "preview" else "deprecated"
    return "deprecated" if e.status == "retired" else e.status


def status_on(model: Model, platform: str, today: dt.date) -> Status:
    """(status, shutdown date, successor) of ``model`` on ``platform`` as of ``today``."""
    e = entry_for(model, platform)
    if e is None:
        return UNKNOWN
    return Status(judge(e, today), e.shutdown_date, e.successor, e.deprecated_on)


def retired_from(model: Model, platforms: list[str] | set[str]) -> tuple[dt.date | None, str | None]:
    """(the day from which the model is retired on every platform offering it, its successor).

    ``platforms`` are the providers pricing it; none means the vendor alone. Open weights never
    retire (they can be self-hosted). A platform without a shutdown date keeps it alive."""
    if model.open_weights:
        return None, None
    last: dt.date | None = None
    successor: str | None = None
    for platform in sorted(platforms) or [VENDOR]:
        e = entry_for(model, platform)
        if e is None or e.shutdown_date is None:
            return None, None
        if last is None or e.shutdown_date >= last:
            last = e.shutdown_date
            successor = e.successor or successor
        else:
            successor = successor or e.successor
    return last, successor


def is_retired(model: Model, platforms: list[str] | set[str], today: dt.date) -> bool:
    day, _ = retired_from(model, platforms)
    return day is not None and day <= today
