"""The agent's tools: thin LangChain wrappers over the engine's tool-level functions.

The same tool objects serve both modes: an LLM calls them in a bounded loop, and offline a fixed
plan calls them directly. They are bound per turn to the knowledge base and the conversation's
normalised profile, so the model never passes (or rewrites) the user's constraints itself: it can
only ask about models. Unknown model names come back as an error the model can read, not an
exception.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from langchain_core.tools import BaseTool, StructuredTool
from pydantic import BaseModel, Field

from advisor import engine
from advisor.agent.labels import deployment_label, per_month
from advisor.engine.defaults import DEFAULTS
from advisor.engine.models import HardwareItem, Profile, Recommendation, Volume
from advisor.engine.reverse import plan_hardware as reverse_plan_hardware
from advisor.i18n import N_, gettext, msg, render, render_tree
from advisor.kb.schema import TaskName

# What each tool does, as a step label in the faces (English gettext ids; Japanese in advisor.po).
LABELS: dict[str, str] = {
    "search_models": N_("searching models"),
    "get_model_facts": N_("reading model facts"),
    "estimate_cost": N_("estimating cost"),
    "check_hardware_fit": N_("checking hardware fit"),
    "check_licence": N_("checking the licence"),
    "compare_models": N_("comparing models"),
    "plan_hardware": N_("planning the hardware"),
    "recommend": N_("ranking candidates"),
}


def tool_label(name: str, lang: str) -> str:
    return gettext(LABELS[name], lang) if name in LABELS else name


def resolve_model_id(kb: Any, name: str) -> str | None:
    """A KB model id from an id, display name or alias, case- and punctuation-insensitively."""
    if name in kb.models:
        return str(name)

    def key(text: str) -> str:
        return "".join(ch for ch in text.lower() if ch.isalnum())

    wanted = key(name)
    for model in kb.models.values():
        if wanted in {key(model.id), key(model.name), *(key(a) for a in model.aliases)}:
            return str(model.id)
    return None


def scaled_profile(
    profile: Profile,
    *,
    volume_factor: float | None = None,
    gpu_count: int | None = None,
    budget_usd_month: float | None = None,
) -> Profile:
    """A hypothetical variant of the profile ("what if volume doubles?", "on one GPU?")."""
    update: dict[str, Any] = {}
    if volume_factor is not None:
        vol = profile.volume or Volume.model_validate(DEFAULTS["volume"]["value"])
        update["volume"] = vol.model_copy(update={"requests_per_day": vol.requests_per_day * volume_factor})
    if gpu_count is not None and profile.hardware:
        update["hardware"] = [HardwareItem(gpu=profile.hardware[0].gpu, count=max(1, gpu_count))]
    if budget_usd_month is not None:
        update["budget_usd_month"] = budget_usd_month
    return profile.model_copy(update=update)


class _ModelArg(BaseModel):
    model: str = Field(description="model id or name, e.g. 'gpt-4o' or 'Llama 3.3 70B'")


class _SearchArgs(BaseModel):
    task: TaskName | None = Field(default=None, description="the task the model must be good at")
    open_weights: bool | None = Field(default=None, description="true: only downloadable open-weight models")
    family: str | None = Field(default=None, description="model line, e.g. llama, qwen, gpt, claude")
    max_params_b: float | None = Field(
        default=None, description="largest total size in billions of parameters"
    )
    japanese: bool | None = Field(default=None, description="true: only models with good Japanese")
    limit: int = Field(default=8, ge=1, le=20, description="how many models to return, best first")


class _CostArgs(_ModelArg):
    volume_factor: float | None = Field(
        default=None, gt=0, description="scale the user's daily volume, e.g. 2"
    )


class _FitArgs(_ModelArg):
    gpu_count: int | None = Field(
        default=None, ge=1, description="pretend the user has this many of their GPUs"
    )


class _CompareArgs(BaseModel):
    models: list[str] = Field(min_length=1, max_length=5, description="model ids or names to compare")


class _NoArgs(BaseModel):
    pass


def _error(message: str) -> dict[str, Any]:
    return {"error": message}


def make_tools(
    kb: Any, profile: Profile, recommendation: Callable[[], Recommendation], lang: str = "en"
) -> list[BaseTool]:
    """The eight tools bound to this conversation's KB, profile and language (the engine's sentences
    in their results are written in ``lang``).

    ``recommendation`` computes (or returns the cached) engine Recommendation, so the LLM calling
    ``recommend`` sees exactly the result the user gets.
    """

    def with_model(fn: Callable[[str], Any], model: str) -> Any:
        model_id = resolve_model_id(kb, model)
        if model_id is None:
            return _error(f"unknown model '{model}': use a model id from search_models")
        return render_tree(fn(model_id), lang)  # the engine's messages, worded in the user's language

    def search_models(
        task: str | None = None,
        open_weights: bool | None = None,
        family: str | None = None,
        max_params_b: float | None = None,
        japanese: bool | None = None,
        limit: int = 8,
    ) -> Any:
        """Find models in the knowledge base by task, openness, family, size or Japanese ability."""
        return engine.search_models(
            kb,
            task=task,
            open_weights=open_weights,
            family=family,
            max_params_b=max_params_b,
            japanese=japanese,
            limit=limit,
        )

    def get_model_facts(model: str) -> Any:
        """Sourced facts about one model: size, context window, licence, prices, languages, capabilities."""
        return with_model(lambda mid: engine.model_facts(kb, mid), model)

    def estimate_cost(model: str, volume_factor: float | None = None) -> Any:
        """Monthly cost of one model for the user's volume: API and self-hosted, and the break-even volume."""
        prof = scaled_profile(profile, volume_factor=volume_factor) if volume_factor else profile
        return with_model(lambda mid: engine.estimate_cost(kb, mid, prof), model)

    def check_hardware_fit(model: str, gpu_count: int | None = None) -> Any:
        """Whether one model fits the user's GPUs, at which quantization, with the memory needed."""
        prof = scaled_profile(profile, gpu_count=gpu_count) if gpu_count else profile
        return with_model(lambda mid: engine.check_hardware_fit(kb, mid, prof), model)

    def check_licence(model: str) -> Any:
        """Whether one model's licence allows the user's use: commercial use, user caps, regions, conditions."""
        return with_model(lambda mid: engine.check_licence(kb, mid, profile), model)

    def compare_models(models: list[str]) -> Any:
        """Side-by-side rows (deployment, monthly cost, hardware fit, licence, context) for a few models."""
        ids = [resolve_model_id(kb, m) for m in models]
        unknown = [m for m, i in zip(models, ids, strict=True) if i is None]
        if unknown:
            return _error(f"unknown model(s): {', '.join(unknown)}")
        return render_tree(engine.compare_models(kb, [i for i in ids if i], profile), lang)

    def plan_hardware(model: str, volume_factor: float | None = None) -> Any:
        """What hardware one open-weight model needs for the user's volume: GPU types and counts,
        precision, speed and monthly cost (reverse planning; owned GPUs first, then rentals)."""
        prof = scaled_profile(profile, volume_factor=volume_factor) if volume_factor else profile
        return with_model(lambda mid: reverse_plan_hardware(kb, mid, prof), model)

    def recommend() -> Any:
        """The engine's ranked recommendation for the user's profile (primary, alternatives, exclusions)."""
        return recommendation().contract_dict(lang)

    specs: list[tuple[Callable[..., Any], type[BaseModel]]] = [
        (search_models, _SearchArgs),
        (get_model_facts, _ModelArg),
        (estimate_cost, _CostArgs),
        (check_hardware_fit, _FitArgs),
        (check_licence, _ModelArg),
        (compare_models, _CompareArgs),
        (plan_hardware, _CostArgs),
        (recommend, _NoArgs),
    ]
    return [
        StructuredTool.from_function(
            func=fn, name=fn.__name__, description=(fn.__doc__ or "").strip(), args_schema=schema
        )
        for fn, schema in specs
    ]


def _money(value: Any) -> str:
    return f"${float(value):,.2f}"


def summarise(name: str, result: Any, lang: str) -> str:
    """A one-line human summary of a tool result for the step list in the UIs."""
    if isinstance(result, dict) and "error" in result:
        return str(result["error"])
    if name == "recommend" and isinstance(result, dict):
        primary = result.get("primary") or {}
        if not primary:
            return render(msg("no candidate"), lang)
        return f"{primary.get('name')} ({deployment_label(str(primary.get('deployment')), lang)})"
    if name == "check_licence" and isinstance(result, dict):
        problems = "; ".join(p.get("text", "") for p in result.get("problems") or [])
        verdict = render(msg("allowed for your use"), lang) if result.get("allowed") else problems
        return f"{result.get('name') or result.get('licence')}: {verdict}"
    if name == "check_hardware_fit" and isinstance(result, dict):
        if not result.get("self_hostable", True):
            return str(result.get("reason") or "")
        owned = result.get("owned") or []
        if owned:
            parts = [
                f"{o['count']}× {o['gpu']}: "
                + (
                    render(msg("fits ({quantization})", quantization=o["quantization"]), lang)
                    if o.get("fits")
                    else render(msg("does not fit"), lang)
                )
                for o in owned
            ]
            return "; ".join(parts)
        plan = result.get("plan")
        if plan:
            return f"{plan['count']}× {plan['gpu']} ({plan['quantization']}, {per_month(_money(plan['usd_month']), lang)})"
        return "; ".join(r.get("text", "") for r in result.get("reasons") or []) or "—"
    if name == "plan_hardware" and isinstance(result, dict):
        options = result.get("options") or []
        if not options:
            return "—"
        best, hw = options[0], options[0]["hardware"]
        cost = best.get("monthly_cost_usd")
        priced = f", {per_month(_money(cost), lang)}" if cost is not None else ""
        return f"{hw['count']}× {hw['gpu']} ({best['quantization']}{priced})"
    if name == "estimate_cost" and isinstance(result, dict):
        parts = []
        if result.get("api"):
            cheapest = result["api"][0]
            parts.append(f"API {cheapest['provider']} {per_month(_money(cheapest['usd_month']), lang)}")
        if result.get("self_hosted"):
            parts.append(
                f"{deployment_label('self_hosted', lang)} {per_month(_money(result['self_hosted']['usd_month']), lang)}"
            )
        return "; ".join(parts) or "—"
    if isinstance(result, list):
        return render(msg("{count} rows", count=len(result)), lang)
    return str(result)[:160]


def to_json(result: Any, limit: int = 4000) -> str:
    """Compact JSON for a ToolMessage, cut to ``limit`` characters so no tool can flood the prompt."""
    text = json.dumps(result, ensure_ascii=False, separators=(",", ":"), default=str)
    return text if len(text) <= limit else text[:limit] + "…"
