"""Shared fixtures for the whole suite: the knowledge base, an offline conversation service and a
scripted chat model. Helper modules beside this file (``agent_support``, ``kb_fixtures``, ...) are
importable directly (``pythonpath = ["tests"]`` in pyproject), so no test touches ``sys.path``.

Tests live by kind: ``unit/`` (pure logic, in process) and ``integration/`` (servers, processes,
browsers, databases); ``transcripts/`` holds the evaluation suite they play.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from agent_support import offline_service as _offline_service
from agent_support import real_kb
from fakes.chat_model import ScriptedChatModel
from hypothesis import settings

from advisor.agent.service import SyncConversationService
from advisor.kb.loader import KnowledgeBase

# Property tests draw the same examples on every run: a failure in CI reproduces, never a coin toss.
settings.register_profile("advisor", derandomize=True, deadline=None)
settings.load_profile("advisor")


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    """The packaged knowledge base, loaded once for the session."""
    return real_kb()


@pytest.fixture
def offline_service() -> SyncConversationService:
    """A fresh offline conversation service on an in-memory checkpointer."""
    return _offline_service()


@pytest.fixture
def scripted_chat_model() -> Callable[[Any], ScriptedChatModel]:
    """A fake chat model whose replies a test scripts: ``scripted_chat_model(responder)``."""
    return lambda responder: ScriptedChatModel(responder=responder)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Integration tests carry the ``integration`` marker, so ``-m "not integration"`` runs the fast part."""
    for item in items:
        if "/integration/" in str(item.fspath).replace("\\", "/"):
            item.add_marker(pytest.mark.integration)
