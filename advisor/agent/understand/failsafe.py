"""Fail safe by construction: which hard facts a message may set, and which must wait for the user.

Hard fields and their order, stricter to the right:
- ``data_sensitivity``: public < internal < confidential < regulated
- ``deployment``: any < private_cloud < on_prem < air_gapped
- ``residency`` and ``vendor_requirements``: more places or requirements is stricter; dropping
  one is looser
- ``hardware``: fewer GPUs is stricter; more GPUs (or GPUs where none were stated) is looser
- ``can_rent_gpus``: False is stricter than True

Rules:
1. The user's own statement applies, unless it would LOOSEN a value already in the profile: then
   it is held in ``needs_confirmation`` (the flow asks an explicit question; the answer to that
   question, given while it is the pending slot, applies).
2. In a message that also tries to steer the advisor (instruction-like or dressed text), a
   sensitivity, deployment, residency or requirement value that does not restrict is held too:
   the steering text may have written it. (Hardware the user states in their own clause stands;
   hardware in the steering text itself is held by rule 4.)
3. Hearsay applies only a restriction (a value that restricts from nothing and is not looser than
   the profile); anything else it states is held.
4. Dressed text (system/developer notes) and ignored instructions never set a hard value; a
   loosening they state is held.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from advisor.agent.understand.facts import DEPLOYMENT_RANK, SENSITIVITY_RANK

HARD_FIELDS = (
    "data_sensitivity",
    "deployment",
    "residency",
    "vendor_requirements",
    "hardware",
    "can_rent_gpus",
    "cloud_provider",
)
_RANKS = {"data_sensitivity": SENSITIVITY_RANK, "deployment": DEPLOYMENT_RANK}
# values that restrict when nothing is known yet (the unknown is read as the strictest anyway,
# so these are the ones worth applying even from hearsay)
_RESTRICTING = {
    "data_sensitivity": {"confidential", "regulated"},
    "deployment": {"private_cloud", "on_prem", "air_gapped"},
}


def _gpus(value: Any) -> dict[str, int]:
    out: dict[str, int] = {}
    for item in value or []:
        name = str(item.get("gpu", "")).lower().replace(" ", "")
        out[name] = out.get(name, 0) + int(item.get("count", 1))
    return out


def looser(field: str, new: Any, old: Any) -> bool:
    """Whether ``new`` relaxes ``old`` (an unset ``old`` is never relaxed: nothing was stated)."""
    if old is None:
        return False
    if field in _RANKS:
        return bool(new in _RANKS[field] and old in _RANKS[field] and _RANKS[field][new] < _RANKS[field][old])
    if field in ("residency", "vendor_requirements"):
        return not set(old) <= set(new or [])
    if field == "hardware":
        before, after = _gpus(old), _gpus(new)
        return any(count > before.get(name, 0) for name, count in after.items())
    if field == "can_rent_gpus":
        return bool(new) and old is False
    return False


def restricting(field: str, value: Any) -> bool:
    """Whether ``value`` restricts even when the profile says nothing about ``field``."""
    if field in _RESTRICTING:
        return value in _RESTRICTING[field]
    if field in ("residency", "vendor_requirements"):
        return bool(value)
    if field == "hardware":
        return value == []
    return field == "can_rent_gpus" and value is False


def _stricter(field: str, a: Any, b: Any) -> Any:
    if field in _RANKS:
        return max(a, b, key=_RANKS[field].__getitem__)
    if field in ("residency", "vendor_requirements"):
        return list(dict.fromkeys([*a, *b]))
    return b if looser(field, a, b) else a


def settle(
    own: dict[str, Any],
    profile: Mapping[str, Any],
    *,
    hearsay: Mapping[str, Any],
    untrusted: Mapping[str, Any],
    steered: bool,
    pending_slot: str | None,
) -> tuple[dict[str, Any], dict[str, Any]]:
    """(updates to apply, values held for confirmation) for one message."""
    applied = dict(own)
    held: dict[str, Any] = {}
    for field in HARD_FIELDS:
        if field not in applied or field == pending_slot:
            continue
        value = applied[field]
        if looser(field, value, profile.get(field)) or (
            steered and not restricting(field, value) and field not in ("cloud_provider", "hardware")
        ):
            held[field] = applied.pop(field)
    for field, value in hearsay.items():
        if field not in HARD_FIELDS:
            applied.setdefault(field, value)
            continue
        current = applied.get(field, profile.get(field))
        if restricting(field, value) and not looser(field, value, current):
            applied[field] = value if field not in applied else _stricter(field, applied[field], value)
        elif current is None or looser(field, value, current) or not restricting(field, value):
            held.setdefault(field, value)
    for field, value in untrusted.items():
        if field in HARD_FIELDS and (
            looser(field, value, applied.get(field, profile.get(field))) or not restricting(field, value)
        ):
            held.setdefault(field, value)
    if "deployment" in held and "cloud_provider" in applied:
        held["cloud_provider"] = applied.pop("cloud_provider")
    return applied, held
