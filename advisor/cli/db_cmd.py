"""``advisor db prune | size``: housekeeping for the conversation database (ADVISOR_DB_URL or ADVISOR_DB).

The service prunes each thread after its turns; ``prune`` does the same for a whole database
(one made before pruning existed, or after ``ADVISOR_DB_KEEP`` was lowered), expires old Slack
event claims and gives freed SQLite pages back to the file system. Safe while servers run: each
thread is pruned under its turn lock. Suited to a daily cron (docs/deploy.md).
"""

from __future__ import annotations

import argparse
import asyncio
import json

from advisor.storage import KEEP_CHECKPOINTS, Target, open_storage, resolve


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("db", help="prune or measure the conversation database", description=__doc__)
    actions = p.add_subparsers(dest="db_action", required=True, metavar="ACTION")
    prune = actions.add_parser("prune", help="keep only the newest checkpoints of every conversation")
    size = actions.add_parser("size", help="bytes the conversations take")
    for action in (prune, size):
        action.add_argument(
            "--db-url",
            metavar="URL",
            default=None,
            help="postgresql://... or sqlite:///... (default: $ADVISOR_DB_URL, else $ADVISOR_DB)",
        )
        action.add_argument("--json", action="store_true", help="machine-readable output")
    prune.add_argument(
        "--keep",
        type=int,
        default=KEEP_CHECKPOINTS,
        metavar="N",
        help=f"checkpoints kept per conversation (default {KEEP_CHECKPOINTS})",
    )
    prune.set_defaults(func=run_prune)
    size.set_defaults(func=run_size)


async def _prune(target: Target, keep: int) -> dict[str, int | str]:
    storage = await open_storage(target)
    try:
        before = await storage.size_bytes()
        stats = await storage.prune_all(max(1, keep))
        await storage.compact()
        after = await storage.size_bytes()
    finally:
        await storage.aclose()
    return {
        "database": target.where,
        "threads": stats.threads,
        "checkpoints_deleted": stats.checkpoints,
        "writes_deleted": stats.writes,
        "blobs_deleted": stats.blobs,
        "claims_expired": stats.claims,
        "bytes_before": before,
        "bytes_after": after,
    }


async def _size(target: Target) -> dict[str, int | str]:
    storage = await open_storage(target)
    try:
        return {
            "database": target.where,
            "threads": len(await storage.thread_ids()),
            "bytes": await storage.size_bytes(),
        }
    finally:
        await storage.aclose()


def _show(result: dict[str, int | str], as_json: bool) -> None:
    if as_json:
        print(json.dumps(result))
    else:
        print("\n".join(f"{k}: {v:,}" if isinstance(v, int) else f"{k}: {v}" for k, v in result.items()))


def run_prune(args: argparse.Namespace) -> int:
    _show(asyncio.run(_prune(resolve(args.db_url), args.keep)), args.json)
    return 0


def run_size(args: argparse.Namespace) -> int:
    _show(asyncio.run(_size(resolve(args.db_url))), args.json)
    return 0
