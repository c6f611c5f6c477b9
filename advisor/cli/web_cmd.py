"""`advisor web [--port N] [--kb DIR]`: the Chainlit web chat on 127.0.0.1.

Chainlit runs in a child process (its CLI owns the event loop and the uvicorn server); this command
checks the knowledge base and the port first so mistakes end as one clear line, not a traceback.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
from pathlib import Path

from advisor.cli.main import add_kb_option
from advisor.kb.errors import InputError, Problem

HOST = "127.0.0.1"


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("web", help="the web chat (Chainlit) on 127.0.0.1")
    p.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000)")
    add_kb_option(p)
    p.set_defaults(func=run)


def _mode() -> str:
    llm = os.environ.get("ADVISOR_LLM", "auto")
    if llm == "offline" or (llm == "auto" and not os.environ.get("OPENAI_API_KEY")):
        return "offline mode: rule-based understanding, nothing leaves this machine"
    return f"LLM: {os.environ.get('ADVISOR_MODEL', 'gpt-4o-mini')} at {os.environ.get('OPENAI_BASE_URL', 'api.openai.com')}"


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def run(args: argparse.Namespace) -> int:
    from advisor.adapters.web import launch
    from advisor.kb.loader import default_kb_dir, load_kb

    if not 1 <= args.port <= 65535:
        raise InputError([Problem("advisor web", None, "--port", f"{args.port} is not a TCP port (1-65535)")])
    if not launch.port_is_free(HOST, args.port):
        raise InputError([Problem("advisor web", None, "--port",
                                  f"{HOST}:{args.port} is already in use; choose another with --port")])
    kb_dir = Path(args.kb) if args.kb else default_kb_dir()
    load_kb(kb_dir)  # a broken knowledge base is reported now, with file:line, not inside the browser
    from advisor.storage import check_database

    check_database()  # so is an unusable database (one line, exit 2)
    root = launch.prepare_app_root(launch.default_app_root())
    env = launch.server_env(root, str(kb_dir) if args.kb else None)
    print(f"advisor web: http://{HOST}:{args.port}  ({_mode()})", flush=True)
    print("Press Ctrl+C to stop.", flush=True)
    proc = subprocess.Popen(launch.server_command(HOST, args.port), env=env, cwd=root)
    previous = signal.signal(signal.SIGTERM, _interrupt)  # `kill` must not leave Chainlit orphaned
    try:
        return proc.wait()
    except KeyboardInterrupt:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        print("advisor web: stopped", file=sys.stderr)
        return 0
    finally:
        signal.signal(signal.SIGTERM, previous)
