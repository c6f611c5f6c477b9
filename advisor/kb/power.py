"""Electricity prices by region (knowledge/power.yaml): what an owned GPU's power costs to run."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StringConstraints

from advisor.kb.schema import Sourced, Strict

POWER_FILE = "power.yaml"


class ElectricityPrice(Sourced):
    """A sourced, dated average price of electricity for businesses in one region."""

    region: Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9-]*$")]
    price_per_kwh: float = Field(gt=0)
    currency: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")] = "USD"
    sector: str = "commercial"
    notes: str | None = None


class PowerFile(Strict):
    electricity: list[ElectricityPrice]
