"""LangGraph Server (``langgraph dev``, in-memory runtime) serves the graph of langgraph.json offline,
and a client drives a whole interview through it with langgraph-sdk: create a thread, run, read the
interrupt, resume with the answers, read the recommendation."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from advisor.storage.local_pg import free_port

ROOT = Path(__file__).resolve().parents[2]
# No analytics, no tracing, no browser, no reloader: the server makes no outbound connection.
QUIET = {
    "LANGGRAPH_CLI_NO_ANALYTICS": "1",
    "LANGSMITH_TRACING": "false",
    "LANGCHAIN_TRACING_V2": "false",
    "ADVISOR_LLM": "offline",
    "OPENAI_API_KEY": "",
}


def _langgraph() -> str | None:
    beside = Path(sys.executable).parent / "langgraph"
    return os.environ.get("ADVISOR_LANGGRAPH_BIN") or (
        str(beside) if beside.exists() else shutil.which("langgraph")
    )


def _config(folder: Path) -> Path:
    """The repository's langgraph.json with its paths made absolute (the server runs in ``folder``,
    where it keeps its .langgraph_api files)."""
    spec = json.loads((ROOT / "langgraph.json").read_text())
    spec["dependencies"] = [str((ROOT / d).resolve()) for d in spec["dependencies"]]
    spec["graphs"] = {name: str(ROOT / path.removeprefix("./")) for name, path in spec["graphs"].items()}
    out = folder / "langgraph.json"
    out.write_text(json.dumps(spec))
    return out


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    binary = _langgraph()
    if binary is None:
        if os.environ.get("ADVISOR_REQUIRE_SERVERS") == "1":
            pytest.fail("langgraph-cli[inmem] is missing (pip install -e '.[dev]')")
        pytest.skip("langgraph-cli[inmem] is not installed (the dev extra)")
    folder = tmp_path_factory.mktemp("langgraph")
    port = free_port()
    env = {**os.environ, **QUIET, "PYTHONPATH": str(ROOT)}
    log = (folder / "server.log").open("w")
    proc = subprocess.Popen(
        [
            binary,
            "dev",
            "--no-browser",
            "--no-reload",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--config",
            str(_config(folder)),
        ],
        cwd=folder,
        env=env,
        stdout=log,
        stderr=log,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(f"{url}/ok", timeout=2) as resp:
                    if resp.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail("langgraph dev did not start:\n" + (folder / "server.log").read_text()[-3000:])
            time.sleep(0.3)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


async def test_an_interview_through_langgraph_server(server: str) -> None:
    from langgraph_sdk import get_client

    client = get_client(url=server)
    thread = (await client.threads.create())["thread_id"]
    opening = {
        "messages": [{"role": "human", "content": "We want to summarise patient records for our hospital."}]
    }
    await client.runs.wait(thread, "advisor", input=opening)
    state = await client.threads.get_state(thread)
    assert [i["value"]["question"]["slot"] for i in state["interrupts"]] == ["deployment"]
    assert state["values"]["profile"]["data_sensitivity"] == "regulated"

    await client.runs.wait(thread, "advisor", command={"resume": "on_prem"})
    state = await client.threads.get_state(thread)
    assert [i["value"]["question"]["slot"] for i in state["interrupts"]] == ["hardware"]

    await client.runs.wait(thread, "advisor", command={"resume": "A100 80GB x2"})
    state = await client.threads.get_state(thread)
    assert not state["interrupts"]
    rec = state["values"]["recommendation"]
    assert rec["primary"]["model_id"] and rec["primary"]["deployment"] == "self_hosted"
    assert state["values"]["profile"]["deployment"] == "on_prem"
