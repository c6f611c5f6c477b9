"""``advisor kb validate | stats | import-litellm``: keep the knowledge base honest and fresh.

Every problem is reported at once as ``file:line: field.path: message`` with exit 2, so a data
author fixes a whole batch of mistakes in one pass.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

from advisor.cli.main import add_kb_option, today_arg
from advisor.kb.errors import InputError, Problem


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "kb", help="validate the knowledge base, count it, import prices", description="Knowledge-base tools."
    )
    p.add_argument("--kb", dest="kb_outer", metavar="DIR", default=None, help=argparse.SUPPRESS)
    actions = p.add_subparsers(dest="kb_action", required=True, metavar="ACTION")

    v = actions.add_parser("validate", help="check every file; exit 2 listing every problem")
    add_kb_option(v)
    v.set_defaults(func=run_validate)

    s = actions.add_parser("stats", help="counts, and how many entries lack a source or date")
    add_kb_option(s)
    s.add_argument("--json", action="store_true", help="machine-readable output (kb-stats.schema.json)")
    s.add_argument(
        "--today",
        metavar="YYYY-MM-DD",
        default=None,
        help="judge prices in force and retirements as of this day (default: ADVISOR_TODAY or today)",
    )
    s.set_defaults(func=run_stats)

    i = actions.add_parser(
        "import-litellm",
        help="turn litellm's model_prices_and_context_window.json into price entries",
        description="Convert litellm's price map to knowledge-base prices "
        "(YAML with top-level 'prices:'). Summary on stderr.",
    )
    i.add_argument("file", metavar="FILE", help="model_prices_and_context_window.json")
    i.add_argument(
        "--out",
        metavar="FILE",
        default=None,
        help="write here (e.g. knowledge/prices-litellm.yaml) instead of stdout",
    )
    add_kb_option(i)
    i.set_defaults(func=run_import)

    r = actions.add_parser(
        "refresh",
        help="refresh prices and shutdown dates from litellm and genai-prices",
        description="Read litellm's price map and genai-prices' data (the files given, else "
        "the installed packages, else their public URLs), print a diff and write "
        "dated price files after validating them with the KB. See docs/refresh.md.",
    )
    r.add_argument("--litellm", metavar="FILE", default=None, help="model_prices_and_context_window.json")
    r.add_argument(
        "--genai-prices", dest="genai", metavar="FILE", default=None, help="genai-prices data.py or data.json"
    )
    r.add_argument("--out", metavar="DIR", default=None, help="write the files here (default: the KB folder)")
    r.add_argument("--today", metavar="YYYY-MM-DD", default=None, help="date of the refresh (default: today)")
    r.add_argument(
        "--changelog",
        metavar="FILE",
        default=None,
        help="changelog to append to (default: docs/knowledge-changelog.md beside the KB folder)",
    )
    r.add_argument("--offline", action="store_true", help="never download; use files or installed packages")
    r.add_argument("--dry-run", action="store_true", help="print the diff, write nothing")
    add_kb_option(r)
    r.set_defaults(func=run_refresh)


def _kb_dir(args: argparse.Namespace) -> str | None:
    return getattr(args, "kb", None) or getattr(args, "kb_outer", None)


def run_validate(args: argparse.Namespace) -> int:
    from advisor.kb.loader import load_kb

    try:
        kb = load_kb(_kb_dir(args))
    except InputError as exc:
        for problem in exc.problems:
            print(f"error: {problem}", file=sys.stderr)
        count = len(exc.problems)
        print(f"kb validate: {count} problem{'s' if count != 1 else ''}", file=sys.stderr)
        return 2
    print(
        f"ok: {len(kb.models)} models, {len(kb.licences)} licences, {len(kb.prices)} prices, "
        f"{len(kb.subscriptions)} subscriptions, {len(kb.gpus)} GPUs, {len(kb.providers)} providers, "
        f"{len(kb.fx)} FX rates, {len(kb.tasks)} tasks (version {kb.version}, {kb.root})"
    )
    return 0


def run_stats(args: argparse.Namespace) -> int:
    from advisor.kb.loader import load_kb
    from advisor.kb.stats import compute_stats, render_table

    stats = compute_stats(load_kb(_kb_dir(args), require_sources=False), today_arg(args.today))
    if args.json:
        print(json.dumps(stats, indent=2, ensure_ascii=False))
    else:
        print(render_table(stats))
    return 0


def run_import(args: argparse.Namespace) -> int:
    from advisor.kb.litellm_import import DEFAULT_OUT, import_file
    from advisor.kb.loader import load_kb

    source = Path(args.file)
    # Leave out the file being regenerated: it may be stale or clash with newer hand-written prices.
    regenerated = {DEFAULT_OUT} | ({Path(args.out).name} if args.out else set())
    kb = load_kb(_kb_dir(args), require_sources=False, skip_price_files=regenerated)
    text, result = import_file(source, kb)
    if args.out:
        out = Path(args.out)
        try:
            tmp = out.with_name(f".{out.name}.tmp")
            tmp.write_text(text, encoding="utf-8")
            tmp.replace(out)
        except OSError as exc:
            raise InputError([Problem(str(out), None, "", f"cannot write: {exc.strerror or exc}")]) from None
    else:
        sys.stdout.write(text)
    print(result.summary(source.name), file=sys.stderr)
    if args.out:
        print(f"wrote {args.out}", file=sys.stderr)
    return 0


def _changelog(args: argparse.Namespace, out_dir: Path) -> Path:
    if args.changelog:
        return Path(args.changelog)
    docs = out_dir.resolve().parent / "docs"
    return docs / "knowledge-changelog.md" if docs.is_dir() else out_dir / "knowledge-changelog.md"


def run_refresh(args: argparse.Namespace) -> int:
    from advisor.kb import refresh
    from advisor.kb.loader import default_kb_dir
    from advisor.kb.refresh_sources import locate

    today = today_arg(args.today) or dt.date.today()
    kb_dir = Path(_kb_dir(args) or default_kb_dir())
    out_dir = Path(args.out) if args.out else kb_dir
    download = not args.offline
    sources = [
        s
        for kind, given in (("litellm", args.litellm), ("genai", args.genai))
        if (s := locate(kind, given, download=download and not (args.litellm or args.genai))) is not None
    ]
    if not sources:
        raise InputError(
            [
                Problem(
                    "kb refresh",
                    None,
                    "",
                    "no source: pass --litellm FILE or --genai-prices FILE, or install advisor[refresh]",
                )
            ]
        )
    result = refresh.build(kb_dir, sources, today)
    refresh.validate(kb_dir, result)
    print(result.diff_text())
    if args.dry_run:
        return 0
    for path in refresh.write(result, out_dir, _changelog(args, out_dir)):
        print(f"wrote {path}", file=sys.stderr)
    return 0
