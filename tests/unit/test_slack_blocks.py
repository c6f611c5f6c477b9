"""Block Kit builders and Markdown→mrkdwn conversion: pure functions, checked against Slack's limits."""

from __future__ import annotations

import json
from typing import Any

import jsonschema
from fakes_slack.fake_service import sample_recommendation
from hypothesis import given, settings
from hypothesis import strategies as st
from shared_paths import schema

from advisor.adapters.slack import blocks as bk
from advisor.adapters.slack.inbound import clean_text, guess_lang
from advisor.adapters.slack.messages import mark_answered, question_blocks, reply_messages
from advisor.adapters.slack.mrkdwn import display_width, split_text, to_mrkdwn
from advisor.adapters.slack.recommendation import recommendation_messages
from advisor.adapters.slack.threads import SeenEvents, thread_id
from advisor.agent.reply import Option, Question, Reply

SCHEMA = schema("recommendation")


def violations(blocks: list[dict[str, Any]]) -> list[str]:
    """Every way a message breaks a documented Block Kit limit."""
    found = [f"{len(blocks)} blocks"] if len(blocks) > bk.MAX_BLOCKS else []
    action_ids: list[str] = []
    for i, b in enumerate(blocks):
        kind = b["type"]
        if kind == "header" and len(b["text"]["text"]) > bk.MAX_HEADER_TEXT:
            found.append(f"{i}: header {len(b['text']['text'])}")
        if kind == "section":
            if "text" in b and not 0 < len(b["text"]["text"]) <= bk.MAX_SECTION_TEXT:
                found.append(f"{i}: section text {len(b['text']['text'])}")
            fields = b.get("fields", [])
            if len(fields) > bk.MAX_FIELDS or any(len(f["text"]) > bk.MAX_FIELD_TEXT for f in fields):
                found.append(f"{i}: fields")
        if kind == "context":
            els = b["elements"]
            if not 0 < len(els) <= bk.MAX_CONTEXT_ELEMENTS or any(len(e["text"]) > bk.MAX_CONTEXT_TEXT for e in els):
                found.append(f"{i}: context")
        if kind == "actions":
            els = b["elements"]
            if len(els) > bk.MAX_ACTION_ELEMENTS:
                found.append(f"{i}: actions {len(els)}")
            for e in els:
                action_ids.append(e["action_id"])
                if len(e["text"]["text"]) > bk.MAX_BUTTON_TEXT or len(e["value"]) > bk.MAX_BUTTON_VALUE:
                    found.append(f"{i}: button")
    if len(action_ids) != len(set(action_ids)):
        found.append("duplicate action_id")
    return found


def huge_recommendation() -> dict[str, Any]:
    rec = sample_recommendation()
    long = "A very long reason about Japanese summarisation quality and data residency. " * 8
    rec["primary"]["name"] = "Model " + "X" * 300
    rec["primary"]["reasons"] = [f"{i}: {long}" for i in range(60)]
    rec["primary"]["licence"]["conditions"] = [f"condition {i} " + "c" * 400 for i in range(20)]
    rec["primary"]["sources"] = [{"fact": f"fact {i} " + "f" * 2500, "source": f"https://example.org/{i}",
                                  "as_of": "2026-07-24"} for i in range(120)]
    rec["alternatives"] = [{**rec["alternatives"][0], "model_id": f"alt-{i}", "reasons": [long * 3]} for i in range(3)]
    rec["excluded"] = [{"model_id": f"m-{i}", "reasons": [{"code": "sensitivity", "text": long}]} for i in range(200)]
    rec["warnings"] = [{"code": "over_budget", "text": long} for _ in range(30)]
    return rec


def test_markdown_becomes_slack_mrkdwn() -> None:
    out = to_mrkdwn("## Why **Qwen**\nUse *it* & <b> via [docs](https://x.org/?a=1&b=2), `a<b`, ~~no~~\n- one\n  - two")
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
    second = {display_width(line[:line.index(cell)]) for line, cell in zip(rows, ["月額", "$0", "$1,200"], strict=True)}
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


def test_long_recommendation_fits_slack_limits_over_several_messages() -> None:
    rec = huge_recommendation()
    messages = recommendation_messages(rec, "en")
    assert len(messages) > 1
    for m in messages:
        assert violations(m.blocks) == []
        assert m.text and len(m.text) <= bk.MAX_FALLBACK_TEXT
    everything = json.dumps([m.blocks for m in messages], ensure_ascii=False)
    assert all(f"https://example.org/{i}" in everything for i in range(120))  # no source dropped
    assert "…and 188 more" in everything
    assert messages[0].blocks[0]["type"] == "header"


def test_card_shows_primary_fields_alternatives_warnings_and_dated_sources() -> None:
    rec = sample_recommendation()
    jsonschema.validate(rec, SCHEMA)
    (message,) = recommendation_messages(rec, "en")
    kinds = [b["type"] for b in message.blocks]
    assert kinds[0] == "header" and message.blocks[0]["text"]["text"] == "Recommendation: Qwen2.5 32B Instruct"
    fields = next(b["fields"] for b in message.blocks if "fields" in b)
    cells = [f["text"] for f in fields]
    assert "*Monthly cost*\n$0.00 / month" in cells
    assert any("✅ fits · 1× `nvidia-a100-80gb` (24.6 / 80 GB)" in c for c in cells)
    assert any("`apache-2.0` · commercial use allowed" in c for c in cells)
    text = json.dumps(message.blocks, ensure_ascii=False)
    for expected in ("Runs on your A100", "llama-3.3-70b-instruct", "price older than 90 days", "gpt-4o",
                     "<https://huggingface.co/Qwen/Qwen2.5-32B-Instruct|huggingface.co> (as of 2026-07-24)"):
        assert expected in text
    assert "Qwen2.5 32B Instruct" in message.text


def test_card_in_japanese_and_without_a_candidate() -> None:
    rec = sample_recommendation()
    (ja,) = recommendation_messages(rec, "ja")
    assert ja.blocks[0]["text"]["text"] == "おすすめ: Qwen2.5 32B Instruct"
    assert "月額コスト" in json.dumps(ja.blocks, ensure_ascii=False)
    rec.update(primary=None, alternatives=[], warnings=[{"code": "no_candidate", "text": "relax on_prem"}])
    (none,) = recommendation_messages(rec, "en")
    assert none.blocks[0]["text"]["text"] == "No model meets every hard constraint"
    assert "relax on_prem" in json.dumps(none.blocks)


def test_question_buttons_carry_option_values() -> None:
    options = [Option(value=f"v{i}", label=f"Option {i} " + "L" * 100) for i in range(30)]
    blocks = question_blocks(Question(slot="hardware", text="Which GPUs?", why="Decides the size.", options=options))
    assert violations(blocks) == []
    actions = [b for b in blocks if b["type"] == "actions"]
    assert len(actions) == 2
    values = [e["value"] for b in actions for e in b["elements"]]
    assert values == [f"v{i}" for i in range(30)]
    assert all(b["block_id"].startswith("advisor_question:hardware") for b in actions)


def test_reply_with_question_does_not_repeat_what_the_text_says() -> None:
    question = Question(slot="budget", text="What is your monthly budget?", why="It ranks API options.",
                        options=[Option(value="500 USD", label="$500")])
    reply = Reply(thread_id="t", text="Thanks.\n\nWhat is your monthly budget?\n\n_It ranks API options._",
                  question=question)
    (message,) = reply_messages(reply)
    dumped = json.dumps(message.blocks)
    assert dumped.count("What is your monthly budget?") == 1
    assert dumped.count("It ranks API options.") == 1
    assert [b["type"] for b in message.blocks] == ["section", "actions"]


def test_reply_with_recommendation_shows_the_card_not_the_duplicate_report() -> None:
    report = "# Recommendation\n\n**Qwen2.5 32B Instruct** runs on your GPU."
    reply = Reply(thread_id="t", text=report, report_markdown=report, recommendation=sample_recommendation(),
                  notices=["offline mode"])
    messages = reply_messages(reply)
    dumped = json.dumps([m.blocks for m in messages])
    assert "runs on your GPU" not in dumped
    assert "offline mode" in dumped
    followup = reply_messages(reply.model_copy(update={"text": "GPT-4o sends data out."}), show_recommendation=False)
    assert [b["type"] for b in followup[0].blocks] == ["section", "context"]


def test_clicked_question_loses_its_buttons_and_records_the_choice() -> None:
    blocks = question_blocks(Question(slot="tasks", text="Which task?", options=[Option(value="rag", label="RAG")]))
    updated = mark_answered(blocks, user="U1", chosen="RAG", lang="ja")
    assert [b["type"] for b in updated] == ["section", "context"]
    assert updated[-1]["elements"][0]["text"] == "✅ <@U1> の回答: *RAG*"


def test_inbound_text_and_thread_ids() -> None:
    assert clean_text("<@UBOT> see <https://a.b/c|the spec> &amp; <#C1|general> for &lt;x&gt;", "UBOT") \
        == "see the spec & #general for <x>"
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


def test_sources_listing_several_references_link_each_one() -> None:
    rec = sample_recommendation()
    rec["alternatives"] = []
    rec["primary"]["sources"] = [{"fact": "context 32,768", "as_of": None,
                                  "source": "https://a.org/x?y=1&z=2 ; https://b.org/cfg.json (base model) ; repo:README.md@7a2f"}]
    (message,) = recommendation_messages(rec, "en")
    elements = [e["text"] for b in message.blocks if b["type"] == "context" for e in b["elements"]]
    assert ("context 32,768 — <https://a.org/x?y=1&amp;z=2|a.org> ; <https://b.org/cfg.json|b.org> (base model)"
            " ; repo:README.md@7a2f") in elements
