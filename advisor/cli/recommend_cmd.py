"""`advisor recommend --profile FILE`: one-shot recommendation as contract JSON or Markdown."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from advisor.cli.main import add_kb_option, today_arg, write_json


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "recommend",
        help="recommend a model for a profile file (YAML or JSON)",
        description="Rank the knowledge base's models for the profile in FILE.",
    )
    p.add_argument("--profile", required=True, metavar="FILE", help="profile file (YAML or JSON)")
    p.add_argument("--format", choices=("json", "md"), default="json", help="output format (default: json)")
    p.add_argument(
        "--lang",
        choices=("en", "ja"),
        default="en",
        help="language of every sentence in the result (JSON and Markdown)",
    )
    p.add_argument(
        "--today",
        metavar="YYYY-MM-DD",
        default=None,
        help="judge price freshness, deprecations and shutdowns as of this date "
        "(default: $ADVISOR_TODAY, else today); makes output reproducible",
    )
    add_kb_option(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from advisor.engine import normalise_profile, recommend, render_markdown
    from advisor.kb.loader import get_kb
    from advisor.kb.yamlsource import read_document

    today = today_arg(args.today)
    kb = get_kb(args.kb)
    path = Path(args.profile)
    data, lines = read_document(path, str(path))
    profile = normalise_profile(data, kb, source=str(path), lines=lines)
    rec = recommend(profile, kb, today=today)
    if args.format == "md":
        sys.stdout.write(render_markdown(rec, kb, args.lang))
    else:
        write_json(rec.contract_dict(args.lang))
    return 0
