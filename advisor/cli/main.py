"""``advisor`` console script: parses arguments and hands off to one command module.

Any bad input ends as one clear line per problem and exit code 2, never a traceback.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import json
import sys
from collections.abc import Sequence

from advisor.kb.errors import InputError, Problem

# command name -> module exposing ``register(subparsers)``; imported lazily to keep start-up fast.
COMMANDS: dict[str, str] = {
    "chat": "advisor.cli.chat_cmd",
    "recommend": "advisor.cli.recommend_cmd",
    "plan": "advisor.cli.plan_cmd",
    "eval": "advisor.cli.eval_cmd",
    "kb": "advisor.cli.kb_cmd",
    "web": "advisor.cli.web_cmd",
    "slack": "advisor.cli.slack_cmd",
    "db": "advisor.cli.db_cmd",
}


def build_parser(argv: Sequence[str]) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="advisor", description="Choose a large language model, with reasons."
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    wanted = next((a for a in argv if not a.startswith("-")), None)
    for name, module in COMMANDS.items():
        if wanted in COMMANDS and name != wanted:
            sub.add_parser(name)  # listed in --help, not loaded
            continue
        importlib.import_module(module).register(sub)
    return parser


def add_kb_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--kb",
        metavar="DIR",
        default=None,
        help="knowledge-base folder (default: $ADVISOR_KB_DIR or the packaged knowledge/)",
    )


def today_arg(value: str | None) -> dt.date | None:
    """The ``--today YYYY-MM-DD`` value as a date (None when not given); a bad one is an input error."""
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        raise InputError([Problem("--today", None, "", f"not a date: '{value}' (use YYYY-MM-DD)")]) from None


def write_json(data: object) -> None:
    """A command's contract JSON on stdout, non-ASCII kept readable."""
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(args_list)
    args = parser.parse_args(args_list)
    try:
        return int(args.func(args) or 0)
    except InputError as exc:
        for problem in exc.problems:
            print(f"error: {problem}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
