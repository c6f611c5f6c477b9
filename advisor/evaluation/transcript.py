"""Transcript files: strict models mirroring contract/transcript.schema.json, and their discovery.

A typo in a transcript (``familly_not_in``) must not silently turn an expectation off, so every
level forbids unknown keys and every error names ``file:line: field.path``.
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from advisor.engine.models import Profile, Slot
from advisor.engine.models import ReasonCode as WarningCode
from advisor.kb.errors import InputError, Problem
from advisor.kb.yamlsource import read_document, validate_document

DEFAULT_MAX_TURNS = 10
PROFILE_FIELDS: tuple[str, ...] = tuple(Profile.model_fields)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Persona(_Strict):
    opening: str | None = None
    answers: dict[Slot, str] = {}
    fallback: str | None = None


def _as_float(data: Any, *keys: str) -> Any:
    """Strict mode refuses ``monthly_cost_usd_max: 1500`` (an int) for a float; YAML authors write it so."""
    if not isinstance(data, dict):
        return data
    fixed = {
        k: float(data[k]) for k in keys if isinstance(data.get(k), int) and not isinstance(data.get(k), bool)
    }
    return {**data, **fixed} if fixed else data


class AlternativesExpect(_Strict):
    """Checks that hold for every alternative (additions of 2026-11-30)."""

    deployment_in: list[Literal["api", "self_hosted"]] | None = None
    open_weights: bool | None = None
    family_not_in: list[str] | None = None
    model_not_in: list[str] | None = None
    fits_hardware: bool | None = None
    licence_commercial: bool | None = None
    provider_not_in: list[str] | None = None


class RecommendationExpect(_Strict):
    deployment_in: list[Literal["api", "self_hosted"]] | None = None
    open_weights: bool | None = None
    family_in: list[str] | None = None
    family_not_in: list[str] | None = None
    model_not_in: list[str] | None = None
    fits_hardware: bool | None = None
    licence_commercial: bool | None = None
    monthly_cost_usd_max: float | None = Field(default=None, ge=0)
    context_window_min: int | None = Field(default=None, ge=1)
    warning_codes_any: list[WarningCode] | None = None
    hybrid: bool | None = None
    none: bool | None = None
    # additions of 2026-11-30
    provider_not_in: list[str] | None = None
    rental_provider_not_in: list[str] | None = None
    max_utilisation: float | None = Field(default=None, ge=0)
    alternatives: AlternativesExpect | None = None

    @model_validator(mode="before")
    @classmethod
    def _int_is_a_number(cls, data: Any) -> Any:
        return _as_float(data, "monthly_cost_usd_max", "max_utilisation")


class Expect(_Strict):
    profile: dict[str, Any] = {}
    asked: list[Slot] = []
    max_questions: int | None = Field(default=None, ge=0)
    recommendation: RecommendationExpect = RecommendationExpect()
    answer_mentions_any: list[str] = []
    # additions of 2026-11-30
    profile_not: dict[str, Any] = {}
    answer_mentions_all: list[str] = []
    answer_not_mentions: list[str] = []

    @field_validator("profile", "profile_not")
    @classmethod
    def _known_profile_fields(cls, value: dict[str, Any]) -> dict[str, Any]:
        """An expectation on a field the profile does not have could never fail: refuse it."""
        unknown = [k for k in value if k not in PROFILE_FIELDS]
        if unknown:
            close = difflib.get_close_matches(unknown[0], PROFILE_FIELDS, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            raise ValueError(f"unknown profile field '{unknown[0]}'{hint}")
        return value


class Transcript(_Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    title: str = ""
    lang: Literal["en", "ja"] = "en"
    turns: list[str] = []
    persona: Persona | None = None
    max_turns: int = Field(default=DEFAULT_MAX_TURNS, ge=1)
    expect: Expect

    @model_validator(mode="after")
    def _playable(self) -> Transcript:
        if not self.turns and (self.persona is None or not self.persona.opening):
            raise ValueError("needs 'turns' or 'persona.opening' (the first user message)")
        if any(not t.strip() for t in self.turns):
            raise ValueError("turns: every turn must be a non-empty string")
        if len(self.turns) > self.max_turns:
            raise ValueError(f"{len(self.turns)} fixed turns exceed max_turns {self.max_turns}")
        return self

    @property
    def dont_know(self) -> str:
        """The simulated user's reply to a question it has no answer for."""
        if self.persona is not None and self.persona.fallback:
            return self.persona.fallback
        return "わかりません" if self.lang == "ja" else "I don't know"

    def answer_for(self, slot: str) -> str:
        answers = self.persona.answers if self.persona is not None else {}
        return answers.get(slot, self.dont_know)  # type: ignore[call-overload]

    def opening_turns(self) -> list[str]:
        if self.turns:
            return list(self.turns)
        assert self.persona is not None and self.persona.opening
        return [self.persona.opening]


class LoadedTranscript(BaseModel):
    """A transcript with the file it came from (for reports and error lines)."""

    model_config = ConfigDict(frozen=True)

    path: str
    transcript: Transcript


def load_transcript(path: Path) -> LoadedTranscript:
    data, lines = read_document(path)
    return LoadedTranscript(path=str(path), transcript=validate_document(Transcript, data, str(path), lines))


def discover(paths: list[str]) -> list[Path]:
    """Files named, plus every *.yaml/*.yml under folders named (sorted: reports are stable)."""
    found: list[Path] = []
    problems: list[Problem] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            inside = sorted([*p.rglob("*.yaml"), *p.rglob("*.yml")])
            if not inside:
                problems.append(Problem(raw, None, "", "folder holds no *.yaml transcripts"))
            found.extend(inside)
        elif p.exists():
            found.append(p)
        else:
            problems.append(Problem(raw, None, "", "file not found"))
    if problems:
        raise InputError(problems)
    unique: dict[Path, None] = {}
    for f in found:
        unique.setdefault(f.resolve(), None)
    return [Path(f) for f in unique]


def load_all(paths: list[str]) -> list[LoadedTranscript]:
    """Every transcript under ``paths``; all problems (across files, duplicate ids) in one InputError."""
    problems: list[Problem] = []
    loaded: list[LoadedTranscript] = []
    for path in discover(paths):
        try:
            loaded.append(load_transcript(path))
        except InputError as exc:
            problems.extend(exc.problems)
    seen: dict[str, str] = {}
    for item in loaded:
        tid = item.transcript.id
        if tid in seen:
            problems.append(Problem(item.path, 1, "id", f"duplicate id '{tid}' (also in {seen[tid]})"))
        seen.setdefault(tid, item.path)
    if problems:
        raise InputError(problems)
    return loaded
