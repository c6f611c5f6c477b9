"""The deterministic recommendation engine (pure Python: no LangChain imports).

Public API used by the agent, the CLI and the evaluation: ``normalise_profile``, ``recommend``,
``render_markdown``, ``resolve_gpu``, the tool-level functions and ``DEFAULTS``.
"""

from typing import Any

from advisor.engine.defaults import DEFAULTS
from advisor.engine.profile import normalise_profile, resolve_gpu
from advisor.engine.queries import (
    check_hardware_fit,
    check_licence,
    compare_models,
    estimate_cost,
    model_facts,
    search_models,
)
from advisor.engine.recommend import recommend


def __getattr__(name: str) -> Any:
    """``render_markdown`` lives at the edge (advisor.i18n.report, which reads engine models): it is
    re-exported here on first use, so importing either package first works."""
    if name == "render_markdown":
        from advisor.i18n.report import render_markdown

        return render_markdown
    raise AttributeError(name)


__all__ = [
    "DEFAULTS",
    "check_hardware_fit",
    "check_licence",
    "compare_models",
    "estimate_cost",
    "model_facts",
    "normalise_profile",
    "recommend",
    "render_markdown",
    "resolve_gpu",
    "search_models",
]
