"""One settings object for the agent, fed from the contract's environment variables.

Everything tunable (LLM mode, endpoint, model, temperature, timeouts, retries, the turn deadline,
language, KB path and database) lives here so front ends build the service from one place and tests can inject fakes
(``chat_model``, ``kb``) without touching the environment.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

LLMMode = Literal["offline", "openai"]

DEFAULT_MODEL = "gpt-4o-mini"
DEFAULT_DB = "~/.local/share/advisor/state.db"
DEFAULT_DEADLINE_S = 20.0


def resolve_llm_mode(value: str | None, api_key: str | None) -> LLMMode:
    """``auto`` means openai when a key is set; anything unknown is an error, not a silent default."""
    mode = (value or "auto").strip().lower()
    if mode == "auto":
        return "openai" if api_key else "offline"
    if mode in ("offline", "openai"):
        return mode  # type: ignore[return-value]
    from advisor.kb.errors import InputError, Problem

    raise InputError([Problem("ADVISOR_LLM", None, "", f"unknown value '{value}' (use offline, openai or auto)")])


def _float_env(name: str, default: float) -> float:
    raw = os.environ.get(name)
    try:
        return float(raw) if raw else default
    except ValueError:
        return default


@dataclass
class Context:
    """Agent settings. ``kb`` and ``chat_model`` are optional injections (tests, benchmarks)."""

    llm: LLMMode = "offline"
    api_key: str | None = None
    base_url: str | None = None
    model: str = DEFAULT_MODEL
    temperature: float = 0.0
    timeout_s: float = 20.0
    max_retries: int = 2
    backoff_s: float = 0.5
    max_tool_rounds: int = 1  # tool rounds before the final answer: at most 1 + 2 calls in an answer turn
    cooldown_s: float = 30.0  # after an endpoint failure, stay offline this long instead of re-waiting
    lang: str | None = None  # fixed reply language ("en"/"ja"); None follows the user
    kb_dir: str | None = None
    db_path: str = DEFAULT_DB
    db_url: str = ""  # ADVISOR_DB_URL: postgresql://... (shared by replicas); empty = SQLite at db_path
    keep_checkpoints: int = 1  # per thread, after each turn (older ones are superseded)
    turn_deadline_s: float = DEFAULT_DEADLINE_S  # a turn still waiting on the LLM then is replayed offline
    stream: bool = False
    kb: Any = field(default=None, repr=False, compare=False)
    chat_model: Any = field(default=None, repr=False, compare=False)
    # monotonic time; the LLM breaker. The service gives each turn its own copy, per conversation.
    down_until: float = field(default=0.0, repr=False, compare=False)

    @classmethod
    def from_env(cls, **overrides: Any) -> Context:
        """Read ADVISOR_LLM, OPENAI_API_KEY, OPENAI_BASE_URL, ADVISOR_MODEL, ADVISOR_KB_DIR, ADVISOR_DB,
        ADVISOR_DB_URL, ADVISOR_DB_KEEP, ADVISOR_TURN_DEADLINE."""
        api_key = os.environ.get("OPENAI_API_KEY") or None
        ctx = cls(
            llm=resolve_llm_mode(os.environ.get("ADVISOR_LLM"), api_key),
            api_key=api_key,
            base_url=os.environ.get("OPENAI_BASE_URL") or None,
            model=os.environ.get("ADVISOR_MODEL") or DEFAULT_MODEL,
            temperature=_float_env("ADVISOR_TEMPERATURE", 0.0),
            timeout_s=_float_env("ADVISOR_LLM_TIMEOUT", 20.0),
            max_retries=int(_float_env("ADVISOR_LLM_RETRIES", 2)),
            kb_dir=os.environ.get("ADVISOR_KB_DIR") or None,
            db_path=os.environ.get("ADVISOR_DB") or DEFAULT_DB,
            db_url=os.environ.get("ADVISOR_DB_URL") or "",
            keep_checkpoints=max(1, int(_float_env("ADVISOR_DB_KEEP", 1))),
            turn_deadline_s=_float_env("ADVISOR_TURN_DEADLINE", DEFAULT_DEADLINE_S),
        )
        return replace(ctx, **overrides) if overrides else ctx

    @property
    def uses_llm(self) -> bool:
        return self.llm == "openai"

    def get_kb(self) -> Any:
        """The injected KB, else the process-wide cached one for ``kb_dir``."""
        if self.kb is None:
            from advisor.kb.loader import get_kb

            self.kb = get_kb(self.kb_dir)
        return self.kb

    def db_target(self) -> Any:
        """The database (advisor.storage.Target): ADVISOR_DB_URL when set, else the SQLite file."""
        from advisor.storage import resolve

        return resolve(self.db_url, self.db_path)

    def db_file(self) -> Path:
        """The SQLite file at ``db_path`` (its folder created); PostgreSQL users read ``db_target()``."""
        path = Path(self.db_path).expanduser()
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        return path
