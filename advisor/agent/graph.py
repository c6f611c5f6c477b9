"""The advisor's LangGraph, its flow visible here:

    START → understand ─┬─ confirm ──(yes/no interrupt)──┬→ confirm (next proposal)
                        │                                ├→ ask
                        │                                └→ recommend
                        ├─ ask ──(question interrupt)──→ understand   (or → recommend when nothing is left)
                        ├─ recommend → explain ─┬→ END                      (offline: the template)
                        └─ followup ────────────┴→ write ⇄ tools → check → END  (LLM: ToolNode loop)

``route_turn`` decides after ``understand``: a loosening of a stated hard constraint is confirmed
first; with a recommendation, a changed profile is re-recommended and anything else is a follow-up;
without one, the interview goes on. ``builder`` is the uncompiled graph (settings from the run's
context, else the environment); ``make_graph(checkpointer, context)`` compiles one bound to explicit
settings; ``graph`` is compiled without a checkpointer for LangGraph Server / Studio (langgraph.json).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache, partial
from typing import Any, Literal

from langchain_core.runnables import RunnableConfig
from langgraph.graph import END, START, StateGraph
from langgraph.prebuilt import tools_condition
from langgraph.runtime import Runtime
from langgraph.types import Checkpointer

from advisor.agent import answering, nodes, writing
from advisor.agent.context import Context
from advisor.agent.state import AgentState


@lru_cache(maxsize=1)
def _env_context() -> Context:
    return Context.from_env()


def _bind(fn: Callable[[AgentState, Context], Any], bound: Context | None) -> Callable[..., Any]:
    """A node reading its settings from ``bound``, else the run's context, else the environment."""

    def node(state: AgentState, runtime: Runtime[Context]) -> Any:
        ctx = bound or (runtime.context if isinstance(runtime.context, Context) else None) or _env_context()
        return fn(state, ctx)

    node.__name__ = fn.__name__
    node.__doc__ = fn.__doc__
    return node


def _bind_tools(
    fn: Callable[..., Any], bound: Context | None, with_config: bool = False
) -> Callable[..., Any]:
    """A loop node given the turn's engine tools (built from the state's profile and recommendation)."""

    def node(state: AgentState, config: RunnableConfig, runtime: Runtime[Context]) -> Any:
        ctx = bound or (runtime.context if isinstance(runtime.context, Context) else None) or _env_context()
        tools = answering.turn_tools(state, ctx)
        return fn(state, config, tools) if with_config else fn(state, ctx, tools)

    node.__name__ = fn.__name__
    node.__doc__ = fn.__doc__
    return node


def route_turn(state: AgentState) -> Literal["confirm", "ask", "recommend", "followup"]:
    """Where a turn goes once it is understood."""
    if state.get("intent") == "restart":
        return "ask"
    if state.get("confirm"):
        return "confirm"  # a looser hard constraint is never applied without the user's yes
    if state.get("recommendation") is not None:
        return "recommend" if state.get("changed") else "followup"
    return "ask"


def build(context: Context | None = None) -> StateGraph[AgentState, Context, AgentState, AgentState]:
    g: StateGraph[AgentState, Context, AgentState, AgentState] = StateGraph(
        AgentState, context_schema=Context
    )
    g.add_node("understand", _bind(nodes.understand_node, context))
    g.add_node("confirm", _bind(nodes.confirm_node, context), destinations=("confirm", "ask", "recommend"))
    g.add_node("ask", _bind(nodes.ask_node, context), destinations=("understand", "recommend"))
    g.add_node("recommend", _bind(nodes.recommend_node, context), destinations=("explain", END))
    g.add_node("explain", _bind(answering.explain_node, context), destinations=("write", END))
    g.add_node("followup", _bind(answering.followup_node, context), destinations=("write", END))
    # LLM mode: the model writes, calling the engine's tools through ToolNode, then the check decides
    g.add_node("write", _bind_tools(writing.write_node, context))
    g.add_node("tools", _bind_tools(writing.tools_node, context, with_config=True))
    g.add_node("check", _bind(writing.check_node, context))
    g.add_edge(START, "understand")
    g.add_conditional_edges("understand", route_turn, ["confirm", "ask", "recommend", "followup"])
    g.add_conditional_edges(
        "write", partial(tools_condition, messages_key="scratch"), {"tools": "tools", END: "check"}
    )
    g.add_edge("tools", "write")
    g.add_edge("check", END)
    return g


builder = build()


def make_graph(checkpointer: Checkpointer = None, context: Context | None = None) -> Any:
    """Compile the graph with the caller's checkpointer, bound to ``context`` when given."""
    return (build(context) if context is not None else builder).compile(
        checkpointer=checkpointer, name="advisor"
    )


graph = builder.compile(name="advisor")
