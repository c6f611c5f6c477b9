"""`advisor plan --model ID [--profile FILE | flags]`: what hardware a model needs for a volume.

Reverse planning (advisor/engine/reverse.py): for each GPU type, the fewest GPUs that hold the
model, its speed, the copies the volume needs and the month's cost. JSON or Markdown; exit 2 on bad
input (unknown model, unreadable profile, impossible numbers).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from advisor.cli.main import add_kb_option, today_arg, write_json
from advisor.kb.errors import InputError, Problem


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "plan",
        help="what hardware a model needs for a volume, context and latency",
        description="Reverse planning: GPUs, replicas, speed and monthly cost to serve one model.",
    )
    p.add_argument("--model", required=True, help="model id, name or alias (open weights)")
    p.add_argument(
        "--profile", metavar="FILE", default=None, help="profile file (YAML or JSON); flags override it"
    )
    p.add_argument("--requests-per-day", type=float, default=None, metavar="N")
    p.add_argument("--input-tokens", type=float, default=None, metavar="N")
    p.add_argument("--output-tokens", type=float, default=None, metavar="N")
    p.add_argument("--context", type=int, default=None, metavar="TOKENS", help="longest context to hold")
    p.add_argument("--latency", choices=("interactive", "batch"), default=None)
    p.add_argument(
        "--gpu",
        action="append",
        default=None,
        metavar="NAME[xCOUNT]",
        help="a GPU you own, e.g. 'A100 80GB x2' (repeatable)",
    )
    p.add_argument("--sensitivity", choices=("public", "internal", "confidential", "regulated"), default=None)
    p.add_argument("--no-rent", action="store_true", help="renting GPUs is not allowed")
    p.add_argument("--region", default=None, help="where you are (prices electricity), e.g. us, eu, jp")
    p.add_argument(
        "--hardware-cost",
        type=float,
        default=None,
        metavar="USD",
        help="purchase price of the GPUs you own, amortised over --years (default: excluded)",
    )
    p.add_argument(
        "--years", type=float, default=3.0, help="amortisation period of --hardware-cost (default: 3)"
    )
    p.add_argument("--format", choices=("json", "md"), default="json")
    p.add_argument("--lang", choices=("en", "ja"), default="en")
    p.add_argument("--today", metavar="YYYY-MM-DD", default=None)
    add_kb_option(p)
    p.set_defaults(func=run)


def _gpu_item(text: str) -> dict[str, Any]:
    name, _, count = text.rpartition("x") if "x" in text.lower().split()[-1:][0] else (text, "", "1")
    name, count = (name.strip(), count.strip()) if name.strip() else (text, "1")
    if not count.isdigit() or int(count) < 1:
        raise InputError([Problem("--gpu", None, "", f"not a GPU count: '{text}' (use e.g. 'H100 x2')")])
    return {"gpu": name, "count": int(count)}


def raw_profile(args: argparse.Namespace) -> tuple[dict[str, Any], Any]:
    """The profile from --profile, with the flags laid over it."""
    from advisor.kb.yamlsource import LineMap, read_document

    data: dict[str, Any] = {}
    lines: Any = LineMap(None)
    if args.profile:
        path = Path(args.profile)
        loaded, lines = read_document(path, str(path))
        if not isinstance(loaded, dict):
            raise InputError([Problem(str(path), None, "", "a profile must be a mapping")])
        data = dict(loaded)
    volume = dict(data.get("volume") or {})
    for flag, key in (
        ("requests_per_day", "requests_per_day"),
        ("input_tokens", "input_tokens"),
        ("output_tokens", "output_tokens"),
    ):
        value = getattr(args, flag)
        if value is not None:
            volume[key] = value
    if volume:
        volume.setdefault("requests_per_day", 1000)
        data["volume"] = volume
    for flag, key in (
        ("context", "context_tokens"),
        ("latency", "latency"),
        ("sensitivity", "data_sensitivity"),
        ("region", "region"),
    ):
        if getattr(args, flag) is not None:
            data[key] = getattr(args, flag)
    if args.gpu:
        data["hardware"] = [_gpu_item(g) for g in args.gpu]
    if args.no_rent:
        data["can_rent_gpus"] = False
    return data, lines


def render_markdown(plan: Any, lang: str) -> str:
    from advisor.i18n import Num, msg, render

    head = msg(
        "# {model}: {rpd} requests/day, {tin} in / {tout} out tokens, context {ctx}, {latency}",
        model=plan.model_id,
        rpd=Num(plan.requests_per_day),
        tin=Num(plan.input_tokens),
        tout=Num(plan.output_tokens),
        ctx=Num(plan.context_tokens),
        latency=plan.latency,
    )
    owned, buy = render(msg("owned"), lang), render(msg("to buy"), lang)
    cols = ("GPU", "n", "quant", "tok/s", "replicas", "GPU-h/month", "util.", "USD/month")
    rows = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    for o in plan.options:
        h = o.hardware
        where = f"{h.gpu} ({owned if o.owned else h.rental_provider or buy})"
        cells = [
            where,
            h.count,
            o.quantization,
            h.tokens_per_second,
            h.replicas,
            h.gpu_hours_per_month,
            h.utilisation,
            f"{o.monthly_cost_usd:,.2f}" if o.monthly_cost_usd is not None else None,
        ]
        rows.append("| " + " | ".join("—" if c is None else str(c) for c in cells) + " |")
    notes = "\n".join(f"- {render(a, lang)}" for a in plan.assumptions)
    return render(head, lang) + "\n\n" + "\n".join(rows) + ("\n\n" + notes if notes else "") + "\n"


def run(args: argparse.Namespace) -> int:
    from advisor.engine import normalise_profile
    from advisor.engine.reverse import reverse_plan
    from advisor.kb.loader import get_kb

    today = today_arg(args.today)
    kb = get_kb(args.kb)
    data, lines = raw_profile(args)
    profile = normalise_profile(data, kb, source=args.profile or "flags", lines=lines)
    amortise = 0.0
    if args.hardware_cost is not None:
        if args.hardware_cost < 0 or args.years <= 0:
            raise InputError([Problem("--hardware-cost", None, "", "needs a price >= 0 and --years > 0")])
        amortise = args.hardware_cost / (args.years * 12)
    plan = reverse_plan(kb, args.model, profile, today=today, amortise_usd_month=amortise)
    if args.format == "md":
        sys.stdout.write(render_markdown(plan, args.lang))
    else:
        write_json(plan.contract_dict(args.lang))
    return 0
