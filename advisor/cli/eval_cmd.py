"""`advisor eval PATH...`: play scripted transcripts through the conversation service and report.

Exit 0 when every transcript passes, 1 when some fail, 2 when a transcript (or the baseline) is bad
input — so CI can tell "the advisor regressed" from "the test file is broken".
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from advisor.cli.main import add_kb_option
from advisor.kb.errors import InputError, Problem


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "eval",
        help="play evaluation transcripts and report",
        description="Play each transcript (a file, or every *.yaml under a folder) against a "
        "fresh conversation and check its expectations.",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="transcript file or folder")
    p.add_argument("--format", choices=("md", "json"), default="md", help="report format (default: md)")
    p.add_argument("--out", metavar="FILE", default=None, help="write the report here instead of stdout")
    p.add_argument("--junit", metavar="FILE", default=None, help="also write JUnit XML for CI dashboards")
    p.add_argument(
        "--baseline",
        metavar="OLD.json",
        default=None,
        help="list transcripts whose outcome or primary model changed since this JSON report",
    )
    p.add_argument(
        "--jobs", type=int, default=1, metavar="N", help="transcripts played in parallel (default 1)"
    )
    add_kb_option(p)
    p.set_defaults(func=run)


def _write(path: str, text: str) -> None:
    try:
        Path(path).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InputError([Problem(path, None, "", f"cannot write: {exc.strerror or exc}")]) from None


def run(args: argparse.Namespace) -> int:
    from advisor.evaluation.baseline import diff, load_baseline
    from advisor.evaluation.report import to_json_text, to_junit, to_markdown
    from advisor.evaluation.runner import run_all, service_factory
    from advisor.evaluation.transcript import load_all
    from advisor.kb.loader import get_kb

    if args.jobs < 1:
        raise InputError([Problem("--jobs", None, "", f"must be at least 1 (got {args.jobs})")])
    items = load_all(args.paths)
    baseline = load_baseline(Path(args.baseline)) if args.baseline else None
    kb = get_kb(args.kb)
    factory = service_factory(kb, **({"kb_dir": args.kb} if args.kb else {}))
    results = run_all(items, factory, kb, jobs=args.jobs)
    changes = diff(baseline, results) if baseline is not None else None
    text = to_json_text(results, changes) if args.format == "json" else to_markdown(results, changes)
    if args.out:
        _write(args.out, text)
    else:
        sys.stdout.write(text)
    if args.junit:
        _write(args.junit, to_junit(results))
    return 0 if all(r.passed for r in results) else 1
