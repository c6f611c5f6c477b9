"""The conversation service: the one entry point every front end (CLI, web, Slack, eval) uses.

``respond(thread_id, text)`` plays one user turn: a new message starts the graph, an answer
resumes the pending ``interrupt()``. State is checkpointed per thread in the database
(advisor.storage: SQLite at ADVISOR_DB, or PostgreSQL at ADVISOR_DB_URL shared by replicas), so a
conversation resumes after a restart or on another process, and threads never see each other.

One turn: take the thread's lock (in this process and across processes), run the graph (compiled
once, configured per call through its context) under the turn deadline, replay it offline if the
deadline passes, then prune the thread's superseded checkpoints. The LLM circuit breaker is kept
per conversation. ``SyncConversationService`` is the thin blocking front of this class.
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import logging
import threading
import time
import weakref
from collections import OrderedDict
from collections.abc import AsyncIterator, Coroutine
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from typing import Any, TypeVar

from langchain_core.messages import HumanMessage
from langgraph.types import Command

from advisor.agent.context import Context
from advisor.agent.graph import make_graph
from advisor.agent.reply import Marks, Reply, build_reply, failure_reply, pending_question, say, welcome
from advisor.storage import Storage, open_storage

log = logging.getLogger(__name__)

# One checkpoint per turn, written when the turn ends (a turn is short and replayable; writing after
# every node tripled the SQLite cost).
DURABILITY = "exit"
MAX_BREAKERS = 10_000  # conversations whose LLM breaker is open, remembered at most
_DONE = object()
T = TypeVar("T")


def _config(thread_id: str) -> dict[str, Any]:
    return {"configurable": {"thread_id": thread_id}, "recursion_limit": 60}


def _capped(text: str) -> str:
    """What the graph keeps of a message: one character past what understanding reads, so the rules
    still say the message was cut and neither the LLM nor the database ever gets a megabyte."""
    from advisor.agent.understand.core import MAX_CHARS

    return text[: MAX_CHARS + 1]


def _turn_input(snapshot: Any, text: str, lang: str | None) -> Any:
    """Resume the pending question, or start a new turn with the message."""
    if pending_question(snapshot) is not None:
        return Command(resume=text)
    update: dict[str, Any] = {"messages": [HumanMessage(text)]}
    if lang in ("en", "ja") and not (snapshot.values or {}).get("lang"):
        update["lang"] = lang
    return update


def _notice_reply(thread_id: str, lang: str | None, key: str, notice: str) -> Reply:
    """A turn that could not be played (thread busy elsewhere, database gone): said, and why."""
    return Reply(thread_id=thread_id, lang="ja" if lang == "ja" else "en", text=say(key, lang), notices=[notice[:300]])


class ConversationService:
    """The async service. Opens the database from the context (or wraps a given checkpointer)."""

    def __init__(self, kb: Any = None, context: Context | None = None, checkpointer: Any = None,
                 storage: Storage | None = None) -> None:
        self.context = context or Context.from_env()
        if kb is not None:
            self.context.kb = kb
        self._checkpointer = checkpointer
        self.storage: Storage | None = storage
        self._graph: Any = None
        self._opening: asyncio.Lock | None = None
        self._breakers: OrderedDict[str, float] = OrderedDict()
        self._hung: dict[str, float] = {}  # conversations whose turn hit the deadline, and when
        self._endpoint_down_until = 0.0

    @classmethod
    def from_env(cls, **overrides: Any) -> ConversationService:
        """Settings from the environment; LLM answers stream as ``token`` events by default here."""
        return cls(context=Context.from_env(**{"stream": True, **overrides}))

    async def _ready(self) -> Any:
        if self._graph is None:
            self._opening = self._opening or asyncio.Lock()
            async with self._opening:
                if self._graph is None:
                    if self.storage is None:
                        self.storage = await open_storage(self.context.db_target(), checkpointer=self._checkpointer)
                    self.context.get_kb()
                    self._graph = make_graph(self.storage.checkpointer)
        return self._graph

    async def open(self) -> ConversationService:
        """Open the database now (a bad one raises StorageError at start-up, not at the first chat)."""
        await self._ready()
        return self

    async def aclose(self) -> None:
        if self.storage is not None:
            await self.storage.aclose()
        self.storage, self._graph = None, None

    async def __aenter__(self) -> ConversationService:
        return await self.open()

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    @property
    def graph(self) -> Any:
        """The compiled graph (after ``open``)."""
        return self._graph

    async def claim_once(self, key: str) -> bool:
        """True the first time any replica on this database claims ``key`` (Slack retries, clicks)."""
        await self._ready()
        assert self.storage is not None
        return await self.storage.claim_once(key)

    async def get_reply(self, thread_id: str) -> Reply | None:
        """The thread's current state as a Reply (for a UI reconnecting), None for an unknown thread."""
        graph = await self._ready()
        return build_reply(thread_id, await graph.aget_state(_config(thread_id)), None)

    async def respond(self, thread_id: str, text: str, *, lang: str | None = None) -> Reply:
        """Play one user turn (a message, or the answer/option value for the pending question)."""
        reply: Reply | None = None
        async for event in self.astream_respond(thread_id, text, lang=lang):
            if event["type"] == "reply":
                reply = event["reply"]
        assert reply is not None
        return reply

    def _turn_context(self, thread_id: str) -> Context:
        """This turn's settings: the service's, with this conversation's own breaker (or the
        endpoint's, when it hangs for several conversations)."""
        down = max(self._breakers.get(thread_id, 0.0), self._endpoint_down_until)
        return replace(self.context, down_until=down)

    def _deadline_hit(self, thread_id: str, ctx: Context) -> None:
        """A hung endpoint is everybody's problem, one failing request only its sender's: when turns
        of two conversations hit the deadline within the cool-down, the endpoint breaker opens."""
        now = time.monotonic()
        ctx.down_until = now + ctx.cooldown_s
        self._hung = {t: at for t, at in self._hung.items() if now - at < ctx.cooldown_s}
        self._hung[thread_id] = now
        if len(self._hung) >= 2:
            self._endpoint_down_until = now + ctx.cooldown_s

    def _keep_breaker(self, thread_id: str, ctx: Context) -> None:
        if ctx.down_until > time.monotonic():
            self._breakers[thread_id] = ctx.down_until
            self._breakers.move_to_end(thread_id)
            while len(self._breakers) > MAX_BREAKERS:
                self._breakers.popitem(last=False)
        else:
            self._breakers.pop(thread_id, None)

    async def astream_respond(self, thread_id: str, text: str, *,
                              lang: str | None = None) -> AsyncIterator[dict[str, Any]]:
        """Events for one turn: ``step_start``/``step_end`` (tool steps), ``token`` (LLM text chunks
        when streaming), ``replace`` (streamed text withdrawn), then one ``reply``."""
        graph = await self._ready()
        assert self.storage is not None
        deadline = max(0.1, self.context.turn_deadline_s)
        held = contextlib.AsyncExitStack()
        try:
            async with asyncio.timeout(deadline):  # another replica may be playing this thread's turn
                await held.enter_async_context(self.storage.lock(thread_id))
        except TimeoutError:
            yield {"type": "reply", "reply": _notice_reply(thread_id, lang, "service.busy", "thread busy")}
            return
        except Exception as exc:  # the database went away: the turn fails, the process lives on
            notice = f"database: {type(exc).__name__}: {exc}"
            yield {"type": "reply", "reply": _notice_reply(thread_id, lang, "service.failure", notice)}
            return
        async with held:
            async for event in self._turn(graph, thread_id, _capped(text), lang, deadline):
                yield event

    async def _turn(self, graph: Any, thread_id: str, text: str, lang: str | None,
                    deadline: float) -> AsyncIterator[dict[str, Any]]:
        """One turn under the thread's lock: run, replay offline past the deadline, prune."""
        config = _config(thread_id)
        snapshot = await graph.aget_state(config)
        if not text.strip():
            yield {"type": "reply", "reply": build_reply(thread_id, snapshot, None)
                   or welcome(thread_id, lang or self.context.lang or "en")}
            return
        before = Marks.of(dict(snapshot.values or {}))
        ctx = self._turn_context(thread_id)
        notices: list[str] = []
        try:
            try:
                async for event in self._run(graph, _turn_input(snapshot, text, lang), config, ctx, deadline):
                    yield event
            except TimeoutError:
                if not ctx.uses_llm:
                    raise
                log.warning("turn on thread %s passed its %.0f s deadline; replaying it offline", thread_id, deadline)
                yield {"type": "replace"}
                self._deadline_hit(thread_id, ctx)  # this conversation stops waiting on the LLM for a while
                offline = replace(ctx, llm="offline", stream=False)
                snapshot = await graph.aget_state(config)
                async for event in self._run(graph, _turn_input(snapshot, text, lang), config, offline, deadline):
                    yield event
                notices.append(say("service.deadline", (snapshot.values or {}).get("lang") or lang,
                                   seconds=f"{deadline:g}"))
        except Exception as exc:  # a bug must not kill the chat; the saved state is untouched
            yield {"type": "reply", "reply": failure_reply(thread_id, snapshot, exc, lang)}
            return
        finally:
            self._keep_breaker(thread_id, ctx)
        reply = build_reply(thread_id, await graph.aget_state(config), before)
        assert reply is not None
        if notices:
            reply = reply.model_copy(update={"notices": [*notices, *reply.notices]})
        await self._prune(thread_id)
        yield {"type": "reply", "reply": reply}

    async def _run(self, graph: Any, graph_input: Any, config: dict[str, Any], ctx: Context,
                   deadline: float) -> AsyncIterator[dict[str, Any]]:
        """The graph's custom events, raising TimeoutError when the turn outlives ``deadline``.

        The graph runs in its own task feeding a queue, so the deadline can cancel it whatever it is
        waiting on; a cancelled run writes no checkpoint (durability "exit"), so a replay starts clean.
        """
        queue: asyncio.Queue[Any] = asyncio.Queue()

        async def pump() -> None:
            try:
                async for _mode, chunk in graph.astream(graph_input, config, context=ctx, stream_mode=["custom"],
                                                        durability=DURABILITY):
                    if isinstance(chunk, dict):
                        queue.put_nowait(chunk)
                queue.put_nowait(_DONE)
            except Exception as exc:
                queue.put_nowait(exc)

        task = asyncio.create_task(pump())
        loop = asyncio.get_running_loop()
        end = loop.time() + deadline
        try:
            while True:
                item = await asyncio.wait_for(queue.get(), max(0.0, end - loop.time()))
                if item is _DONE:
                    return
                if isinstance(item, Exception):
                    raise item
                yield item
        finally:
            if not task.done():
                task.cancel()
                with contextlib.suppress(BaseException):
                    await task

    async def _prune(self, thread_id: str) -> None:
        """Superseded checkpoints go as soon as the turn is saved: storage stays linear in turns."""
        assert self.storage is not None
        try:
            await self.storage.prune_thread(thread_id, self.context.keep_checkpoints)
        except Exception as exc:  # pruning is housekeeping: never fail a turn for it
            log.warning("could not prune thread %s: %s", thread_id, exc)


class _Loop:
    """One event loop in a daemon thread, shared by every blocking caller in the process."""

    _loop: asyncio.AbstractEventLoop | None = None
    _guard = threading.Lock()

    @classmethod
    def run(cls, coro: Coroutine[Any, Any, T]) -> T:
        with cls._guard:
            if cls._loop is None:
                cls._loop = asyncio.new_event_loop()
                # graph nodes run in the loop's executor; a hung LLM call may hold a thread past the
                # turn deadline, so have more than the default handful
                cls._loop.set_default_executor(ThreadPoolExecutor(32, thread_name_prefix="advisor-node"))
                threading.Thread(target=cls._loop.run_forever, name="advisor-service", daemon=True).start()
        return asyncio.run_coroutine_threadsafe(coro, cls._loop).result()


_open_runners: weakref.WeakSet[SyncConversationService] = weakref.WeakSet()


class SyncConversationService:
    """The blocking front of ConversationService for the CLI, evaluation and tests: each call runs
    the async service on a shared background loop. Opens the database at once, so a bad one is
    reported (StorageError, CLI exit 2) before the conversation starts."""

    def __init__(self, kb: Any = None, context: Context | None = None, checkpointer: Any = None) -> None:
        self.service = ConversationService(kb=kb, context=context, checkpointer=checkpointer)
        self.context = self.service.context
        _Loop.run(self.service.open())
        _open_runners.add(self)

    @classmethod
    def from_env(cls, **overrides: Any) -> SyncConversationService:
        return cls(context=Context.from_env(**overrides))

    @property
    def graph(self) -> Any:
        return self.service.graph

    def close(self) -> None:
        if self.service.storage is not None:
            _Loop.run(self.service.aclose())
        _open_runners.discard(self)

    def __enter__(self) -> SyncConversationService:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get_reply(self, thread_id: str) -> Reply | None:
        return _Loop.run(self.service.get_reply(thread_id))

    def respond(self, thread_id: str, text: str, *, lang: str | None = None) -> Reply:
        return _Loop.run(self.service.respond(thread_id, text, lang=lang))

    def claim_once(self, key: str) -> bool:
        return _Loop.run(self.service.claim_once(key))


@atexit.register
def _close_runners() -> None:
    """Database connections left open by callers would keep the interpreter from exiting."""
    for runner in list(_open_runners):
        with contextlib.suppress(Exception):
            runner.close()
