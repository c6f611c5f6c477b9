"""Follow-up buttons, comparison tables and the request guard as pure functions: structured values
that round-trip, phrases the offline understanding reads with the intended intent in both languages,
tables as one section per model, and which request bodies count as well formed or as repeats."""

from __future__ import annotations

import json
import logging
from typing import Any

import pytest
from fakes_slack.fake_service import sample_recommendation
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_limits import violations

from advisor.adapters.names import Names
from advisor.adapters.slack.followups import WHAT_IFS, Followup, decode, followup_blocks, followup_text
from advisor.adapters.slack.guard import QuietBoltFilter, request_key, well_formed
from advisor.adapters.slack.messages import reply_messages
from advisor.adapters.slack.recommendation import CardKey, caveats, change_text
from advisor.adapters.slack.tables import markdown_blocks
from advisor.agent.reply import Reply
from advisor.agent.understand import understand
from advisor.kb.loader import get_kb

EXPECTED_INTENT = {"why_not": "why_not", "compare": "compare", "what_if": "what_if", "restart": "restart"}
FACTOR = {"volume_x2": 2, "volume_x10": 10, "volume_half": 0.5}


def all_followups() -> list[Followup]:
    return [
        Followup("why_not", model="gpt-oss-120b"),
        Followup("compare"),
        Followup("restart"),
        *(Followup("what_if", case=c) for c in WHAT_IFS),
    ]


@pytest.mark.parametrize("followup", all_followups(), ids=lambda f: f.encode())
def test_values_round_trip_and_stay_small(followup: Followup) -> None:
    assert decode(followup.encode()) == followup
    assert len(followup.encode()) < 150


@pytest.mark.parametrize(
    "value",
    [
        "",
        "public",
        "{}",
        '{"do": "delete"}',
        '{"do": "what_if", "case": "x"}',
        '{"do": "why_not"}',
        "[1]",
        '"why_not"',
    ],
)
def test_foreign_values_are_not_follow_ups(value: str) -> None:
    assert decode(value) is None


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("followup", all_followups(), ids=lambda f: f.encode())
def test_each_click_reads_as_its_intent_in_the_threads_language(followup: Followup, lang: str) -> None:
    text = followup_text(followup, lang)
    read = understand(text, pending_slot=None, kb=get_kb(), profile={"tasks": ["summarization"]}, lang=lang)
    assert read.intent == EXPECTED_INTENT[followup.kind], text
    assert read.lang == lang  # a Japanese thread stays Japanese
    if followup.kind == "why_not":
        assert read.targets == ["gpt-oss-120b"]
    if followup.kind == "what_if":
        assert read.what_if == {"volume_factor": FACTOR[followup.case]}


def test_buttons_name_the_runner_up_by_its_name_and_fit_slack() -> None:
    rec = sample_recommendation()
    (block,) = followup_blocks(rec, "ja", Names(get_kb()))
    assert violations([block]) == []
    texts = [e.get("text", e.get("placeholder", {})).get("text") for e in block["elements"]]
    assert "Llama 3.3 70B" in texts[0]
    assert [decode(e["value"]).kind for e in block["elements"] if "value" in e] == [
        "why_not",
        "compare",
        "restart",
    ]


def test_comparison_table_becomes_one_section_per_model() -> None:
    table = (
        "Here is the comparison.\n\n| | model | cost/month | licence | context |\n|---|---|---|---|---|\n"
        "| ★ | Qwen <b> | $0.00 | Apache License 2.0 | 32,768 |\n| 2 | Llama 3.3 70B | $120 | Llama 3.3 | |\n"
        "\nAfter.\n```\n| not | a table |\n|---|---|\n```"
    )
    blocks = markdown_blocks(table)
    assert violations(blocks) == []
    rows = [b for b in blocks if "fields" in b]
    assert [r["text"]["text"] for r in rows] == ["★ *Qwen &lt;b&gt;*", "2 *Llama 3.3 70B*"]
    assert [f["text"] for f in rows[0]["fields"]] == [
        "*cost/month*\n$0.00",
        "*licence*\nApache License 2.0",
        "*context*\n32,768",
    ]
    assert len(rows[1]["fields"]) == 2  # an empty cell is left out
    assert "```" in json.dumps(blocks[-1])  # a table inside a code block stays code
    named = markdown_blocks(
        "| model | licence | gpu |\n|---|---|---|\n| qwen | apache-2.0 | nvidia-a100-80gb |", Names(get_kb())
    )
    assert [f["text"] for f in named[0]["fields"]] == [
        "*licence*\nApache License 2.0",
        "*gpu*\nNVIDIA A100 80GB",
    ]


def test_same_choice_at_another_cost_is_one_line() -> None:
    rec = sample_recommendation()
    before = CardKey.of(rec)
    rec["primary"]["monthly_cost_usd"] = 250.0
    after = CardKey.of(rec)
    assert before is not None and after is not None and after.same_choice(before)
    assert "$0.00 → $250" in change_text(before, after, "en")
    rec["primary"]["quantization"] = "fp16"
    assert not CardKey.of(rec).same_choice(before)  # type: ignore[union-attr]


def bolt_request(body: str, content_type: str = "application/json") -> AsyncBoltRequest:
    return AsyncBoltRequest(
        body=body, headers={"content-type": [content_type], "x-slack-request-timestamp": ["1"]}
    )


@pytest.mark.parametrize(
    ("body", "ok"),
    [
        ({"type": "event_callback", "event": {"type": "app_mention"}}, True),
        ({"type": "event_callback", "event": "x"}, False),
        ({"type": "event_callback"}, False),
        ({"type": "block_actions", "actions": []}, False),
        ({"type": "block_actions", "actions": [{"action_id": "a"}], "user": "U1"}, False),
        ({"command": "/advisor", "text": "x"}, True),
        ([1, 2], False),
    ],
)
def test_well_formed_bodies(body: Any, ok: bool) -> None:
    assert well_formed(body) is ok


def test_repeats_are_recognised_by_event_id_trigger_or_signed_body() -> None:
    event = json.dumps({"type": "event_callback", "event_id": "Ev1", "event": {"type": "x"}})
    assert request_key(bolt_request(event)) == "event:Ev1"
    command = "command=%2Fadvisor&text=hi&trigger_id=1.2.3"
    assert request_key(bolt_request(command, "application/x-www-form-urlencoded")) == "trigger:1.2.3"
    other = json.dumps({"type": "something_else"})
    assert request_key(bolt_request(other)) == request_key(bolt_request(other))
    assert request_key(bolt_request(json.dumps({"type": "url_verification", "challenge": "c"}))) is None


def test_the_most_decisive_warning_leads_the_caveats() -> None:
    rec = sample_recommendation()
    rec["warnings"] = [
        {"code": "licence_condition", "text": "keep the notice"},
        {"code": "stale_price", "text": "old price"},
        {"code": "over_budget", "text": "over budget by $40"},
    ]
    assert caveats(rec)[:3] == ["over budget by $40", "keep the notice", "old price"]
    assert caveats(rec)[-1] == "keep the licence notice"  # then the primary's licence conditions


def test_a_reworked_but_identical_recommendation_is_one_line_without_a_file() -> None:
    rec = sample_recommendation()
    report = "# LLM recommendation\n\nRecommended: **Qwen2.5 32B Instruct**."
    reply = Reply(
        thread_id="t",
        text=f"Noted: our team is small.\n\n{report}",
        recommendation=rec,
        report_markdown=report,
    )
    rendered = reply_messages(reply, previous=CardKey.of(rec))
    (message,) = rendered.messages
    assert [b["type"] for b in message.blocks] == ["section"] and not rendered.attach_report
    assert "nothing changed" in message.blocks[0]["text"]["text"] and "LLM recommendation" not in message.text


def test_still_no_candidate_is_said_as_such() -> None:
    rec = {**sample_recommendation(), "primary": None, "alternatives": []}
    key = CardKey.of(rec)
    assert key is not None and key.same_choice(CardKey.of(rec))
    assert change_text(key, key, "ja") == "すべての必須条件を満たすモデルはありません"


def test_bolt_lines_that_carry_bodies_are_cut() -> None:
    quiet = QuietBoltFilter()
    record = logging.LogRecord(
        "b", logging.INFO, "f", 1, "Unhandled request ({'type': 'x', 'secret': 'S'})", (), None
    )
    assert quiet.filter(record) and "secret" not in record.getMessage()
    assert record.getMessage() == "Unhandled request (content not logged)"
    token = logging.LogRecord(
        "b", logging.WARNING, "f", 1, "As `token` and `client` are both ... `token` will be unused.", (), None
    )
    assert not quiet.filter(token)
