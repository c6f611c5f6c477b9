"""Block Kit builders and Markdown→mrkdwn conversion: pure functions, checked against Slack's limits."""

from __future__ import annotations

import json
from typing import Any

import jsonschema
from fakes_slack.fake_service import sample_recommendation
from hypothesis import given, settings
from hypothesis import strategies as st
from shared_paths import schema
from slack_limits import violations

from advisor.adapters.names import Names
from advisor.adapters.slack import blocks as bk
from advisor.adapters.slack.inbound import clean_text, guess_lang
from advisor.adapters.slack.messages import mark_answered, question_blocks, reply_messages
from advisor.adapters.slack.mrkdwn import display_width, split_text, to_mrkdwn
from advisor.adapters.slack.recommendation import MAX_CARD_BLOCKS, CardKey
from advisor.adapters.slack.threads import SeenEvents, thread_id
from advisor.agent.reply import Option, Question, Reply
from advisor.kb.loader import get_kb

SCHEMA = schema("recommendation")


def huge_recommendation() -> dict[str, Any]:
    rec = sample_recommendation()
    long = "A very long reason about Japanese summarisation quality and data residency. " * 8
    rec["primary"]["name"] = "Model " + "X" * 300
    rec["primary"]["reasons"] = [f"{i}: {long}" for i in range(60)]
    rec["primary"]["licence"]["conditions"] = [f"condition {i} " + "c" * 400 for i in range(20)]
    rec["primary"]["sources"] = [
        {"fact": f"fact {i} " + "f" * 2500, "source": f"https://example.org/{i}", "as_of": "2026-07-24"}
        for i in range(120)
    ]
    rec["alternatives"] = [
        {**rec["alternatives"][0], "model_id": f"alt-{i}", "reasons": [long * 3]} for i in range(3)
    ]
    rec["excluded"] = [
        {"model_id": f"m-{i}", "reasons": [{"code": "sensitivity", "text": long}]} for i in range(200)
    ]
    rec["warnings"] = [{"code": "over_budget", "text": long} for _ in range(30)]
    return rec


def test_markdown_becomes_slack_mrkdwn() -> None:
    out = to_mrkdwn(
        "## Why **Qwen**\nUse *it* & <b> via [docs](https://x.org/?a=1&b=2), `a<b`, ~~no~~\n- one\n  - two"
    )
    assert out.splitlines() == [
        "*Why Qwen*",
        "Use _it_ &amp; &lt;b&gt; via <https://x.org/?a=1&amp;b=2|docs>, `a&lt;b`, ~no~",
        "• one",
        "    ◦ two",
    ]


def test_bold_next_to_japanese_gets_word_boundaries() -> None:
    assert to_mrkdwn("推奨は**Qwen**です") == "推奨は\u200b*Qwen*\u200bです"


def test_tables_become_aligned_monospace() -> None:
    out = to_mrkdwn("| model | 月額 |\n|---|---:|\n| qwen | $0 |\n| 大きいモデル | $1,200 |")
    lines = out.splitlines()
    assert lines[0] == lines[-1] == "```"
    rows = [lines[1], *lines[3:-1]]
    second = {
        display_width(line[: line.index(cell)])
        for line, cell in zip(rows, ["月額", "$0", "$1,200"], strict=True)
    }
    assert second == {display_width("大きいモデル") + 2}


def test_code_blocks_split_across_sections_stay_code() -> None:
    text = "intro\n```\n" + "\n".join(f"line {i} " + "x" * 50 for i in range(200)) + "\n```\noutro"
    chunks = split_text(text, 3000)
    assert len(chunks) > 1
    assert all(len(c) <= 3000 for c in chunks)
    assert all(c.count("```") % 2 == 0 for c in chunks)


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab *_|-#`\n&<>日本語")), max_size=900), st.integers(40, 300))
def test_any_markdown_splits_within_the_limit(markdown: str, limit: int) -> None:
    chunks = split_text(to_mrkdwn(markdown), limit)
    assert all(0 < len(c) <= limit for c in chunks)


def test_huge_recommendation_is_still_one_compact_card() -> None:
    rec = huge_recommendation()
    (message,) = reply_messages(
        Reply(thread_id="t", text="", recommendation=rec, report_markdown="# r")
    ).messages
    assert violations(message.blocks) == []
    assert len(message.blocks) <= MAX_CARD_BLOCKS
    assert message.text and len(message.text) <= bk.MAX_FALLBACK_TEXT
    assert message.blocks[0]["type"] == "header"
    everything = json.dumps(message.blocks, ensure_ascii=False)
    assert "https://example.org/" not in everything  # sources and exclusions are in the attached report
    assert "• 2: A very long" in everything and "• 3: A very long" not in everything  # the top reasons only


def test_card_leads_with_choice_cost_fit_and_licence_by_name() -> None:
    rec = sample_recommendation()
    jsonschema.validate(rec, SCHEMA)
    (message,) = reply_messages(
        Reply(thread_id="t", text="", recommendation=rec, report_markdown="# r"), names=Names(get_kb())
    ).messages
    kinds = [b["type"] for b in message.blocks]
    assert kinds == ["header", "section", "section", "context", "actions", "context"]
    assert message.blocks[0]["text"]["text"] == "Recommendation: Qwen2.5 32B Instruct"
    cells = [f["text"] for f in message.blocks[1]["fields"]]
    assert "*Monthly cost*\n$0.00 / month" in cells
    assert any("fits" in c and "24.6 of 80 GB" in c for c in cells)
    assert any("Apache License 2.0 · commercial use allowed" in c for c in cells)
    text = json.dumps(message.blocks, ensure_ascii=False)
    assert "NVIDIA A100 80GB" in message.blocks[1]["text"]["text"]
    for raw_id in ("nvidia-a100-80gb", "apache-2.0", "self_hosted"):
        assert raw_id not in text.replace('"value"', "") or raw_id in json.dumps(
            [e.get("value") for b in message.blocks if b["type"] == "actions" for e in b["elements"]]
        )
    assert "Runs on your A100" in text and "price older than 90 days" in text
    assert "Qwen2.5 32B Instruct" in message.text


def test_card_in_japanese_and_without_a_candidate() -> None:
    rec = sample_recommendation()
    (ja,) = reply_messages(Reply(thread_id="t", lang="ja", text="", recommendation=rec)).messages
    assert ja.blocks[0]["text"]["text"] == "おすすめ: Qwen2.5 32B Instruct"
    assert "月額コスト" in json.dumps(ja.blocks, ensure_ascii=False)
    rec.update(primary=None, alternatives=[], warnings=[{"code": "no_candidate", "text": "relax on_prem"}])
    (none,) = reply_messages(Reply(thread_id="t", text="", recommendation=rec)).messages
    assert none.blocks[0]["text"]["text"] == "No model meets every hard constraint"
    assert "relax on_prem" in json.dumps(none.blocks)
    buttons = [e["action_id"] for b in none.blocks if b["type"] == "actions" for e in b["elements"]]
    assert buttons == ["advisor_followup:restart"]


def test_question_buttons_carry_option_values() -> None:
    options = [Option(value=f"v{i}", label=f"Option {i} " + "L" * 100) for i in range(30)]
    blocks = question_blocks(
        Question(slot="hardware", text="Which GPUs?", why="Decides the size.", options=options)
    )
    assert violations(blocks) == []
    actions = [b for b in blocks if b["type"] == "actions"]
    assert len(actions) == 2
    values = [e["value"] for b in actions for e in b["elements"]]
    assert values == [f"v{i}" for i in range(30)]
    assert all(b["block_id"].startswith("advisor_question:hardware") for b in actions)


def test_reply_with_question_does_not_repeat_what_the_text_says() -> None:
    question = Question(
        slot="budget",
        text="What is your monthly budget?",
        why="It ranks API options.",
        options=[Option(value="500 USD", label="$500")],
    )
    reply = Reply(
        thread_id="t",
        text="Thanks.\n\nWhat is your monthly budget?\n\n_It ranks API options._",
        question=question,
    )
    (message,) = reply_messages(reply).messages
    dumped = json.dumps(message.blocks)
    assert dumped.count("What is your monthly budget?") == 1
    assert dumped.count("It ranks API options.") == 1
    assert [b["type"] for b in message.blocks] == ["section", "actions"]


def test_reply_with_recommendation_shows_the_card_not_the_duplicate_report() -> None:
    report = "# Recommendation\n\n**Qwen2.5 32B Instruct** runs on your GPU."
    reply = Reply(
        thread_id="t",
        text=report,
        report_markdown=report,
        recommendation=sample_recommendation(),
        notices=["offline mode"],
    )
    rendered = reply_messages(reply)
    dumped = json.dumps([m.blocks for m in rendered.messages])
    assert rendered.attach_report
    assert "runs on your GPU" not in dumped
    assert "offline mode" in dumped
    shown = CardKey.of(reply.recommendation)
    followup = reply_messages(reply.model_copy(update={"text": "GPT-4o sends data out."}), previous=shown)
    assert [b["type"] for b in followup.messages[0].blocks] == ["section", "context"]
    assert not followup.attach_report


def test_clicked_question_loses_its_buttons_and_records_the_choice() -> None:
    blocks = question_blocks(
        Question(slot="tasks", text="Which task?", options=[Option(value="rag", label="RAG")])
    )
    updated = mark_answered(blocks, user="U1", chosen="RAG", lang="ja")
    assert [b["type"] for b in updated] == ["section", "context"]
    assert updated[-1]["elements"][0]["text"] == "✅ <@U1> の回答: *RAG*"


def test_inbound_text_and_thread_ids() -> None:
    assert (
        clean_text("<@UBOT> see <https://a.b/c|the spec> &amp; <#C1|general> for &lt;x&gt;", "UBOT")
        == "see the spec & #general for <x>"
    )
    assert guess_lang("患者記録の要約") == "ja" and guess_lang("summaries") == "en"
    assert thread_id("T1", "C1", "1.2") != thread_id("T2", "C1", "1.2")
    assert thread_id("T1", "C1", "1.2") == "slack:T1:C1:1.2"


def test_seen_events_forget_after_their_time() -> None:
    seen = SeenEvents(max_items=3, ttl_seconds=10)
    assert seen.first_time("a", now=0) and not seen.first_time("a", now=5)
    assert seen.first_time("a", now=20)  # expired, Slack would not retry that late
    for key in "bcde":
        seen.first_time(key, now=21)
    assert len(seen) <= 3
