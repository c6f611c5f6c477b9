"""Scenarios against the real thing: `advisor slack --http` as a subprocess (real conversation service,
offline, temporary ADVISOR_DB) on a free 127.0.0.1 port, talking to the mock Slack Web API, driven with
signed requests the way Slack sends them."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fakes_slack.mock_api import Call, MockSlackAPI
from fakes_slack.signed import (
    block_actions_body,
    event_body,
    mention,
    message,
    signed_headers,
    slash_command_body,
)
from slack_limits import violations

from advisor.adapters.slack.recommendation import MAX_CARD_BLOCKS

TOKEN = "xoxb-scenario-token-9876543210"
SECRET = "scenario-signing-secret-42"
ANSWERS = {"data_sensitivity": "regulated", "deployment": "on_prem", "commercial_use": "yes"}


@dataclass
class Bot:
    url: str
    api: MockSlackAPI
    stderr: Path

    def post(self, body: str, *, form: bool = False, **header_args: Any) -> int:
        ctype = "application/x-www-form-urlencoded" if form else "application/json"
        headers = signed_headers(SECRET, body, content_type=ctype, **header_args)
        return self.raw_post(body, headers)

    def raw_post(self, body: str, headers: dict[str, str]) -> int:
        req = urllib.request.Request(self.url, data=body.encode(), headers=headers, method="POST")
        try:
            with urllib.request.urlopen(req, timeout=5) as resp:
                return int(resp.status)
        except urllib.error.HTTPError as exc:
            return int(exc.code)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def bot(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Bot]:
    api = MockSlackAPI(token=TOKEN).start()
    tmp = tmp_path_factory.mktemp("slack")
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "OPENAI_", "ADVISOR_"))}
    env.update(ADVISOR_LLM="offline", ADVISOR_DB=str(tmp / "state.db"), SLACK_API_URL=api.url,
               SLACK_BOT_TOKEN=TOKEN, SLACK_SIGNING_SECRET=SECRET)
    stderr = tmp / "stderr.log"
    with stderr.open("w") as err:
        proc = subprocess.Popen([sys.executable, "-m", "advisor.cli.main", "slack", "--http", "--port", str(port)],
                                env=env, stdout=subprocess.DEVNULL, stderr=err)
    try:
        wait_until_up(f"http://127.0.0.1:{port}/slack/health", proc, stderr)
        yield Bot(f"http://127.0.0.1:{port}/slack/events", api, stderr)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        api.stop()
    log = stderr.read_text()
    assert TOKEN not in log and SECRET not in log, "a credential reached the server's log"
    assert "Traceback" not in log, log


def wait_until_up(url: str, proc: subprocess.Popen[bytes], stderr: Path, timeout: float = 90.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"advisor slack exited with {proc.returncode}: {stderr.read_text()}")
        try:
            with urllib.request.urlopen(url, timeout=1) as resp:
                if resp.status == 200:
                    return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"advisor slack did not come up: {stderr.read_text()}")


def posts(api: MockSlackAPI, channel: str) -> list[Call]:
    return api.find("chat.postMessage", channel)


def kinds(call: Call) -> set[str]:
    return {b["type"] for b in call.params.get("blocks", [])}


def next_turn(api: MockSlackAPI, channel: str, seen: int) -> list[Call]:
    """Waits for the posts of the next turn: a question (buttons) or a recommendation card (header)."""
    api.wait_for(lambda _: any(kinds(c) & {"actions", "header"} for c in posts(api, channel)[seen:]), timeout=45)
    return posts(api, channel)[seen:]


def slot_of(call: Call) -> str:
    block = next(b for b in call.params["blocks"] if b["type"] == "actions")
    return str(block["block_id"].split(":")[1])


def click(bot: Bot, channel: str, question: Call, thread_ts: str, preferred: str | None) -> None:
    values = [e["value"] for b in question.params["blocks"] if b["type"] == "actions" for e in b["elements"]]
    index = values.index(preferred) if preferred in values else 0
    body = block_actions_body(question.params, channel=channel, message_ts=question.response["ts"],
                              action_index=index, thread_ts=thread_ts)
    assert bot.post(body, form=True) == 200


def interview(bot: Bot, channel: str, thread_ts: str, seen: int, max_turns: int = 8) -> tuple[list[Call], list[str]]:
    """Answers each question (buttons; the hardware question by a typed thread reply) until the card comes."""
    asked: list[str] = []
    for turn in range(max_turns):
        new = next_turn(bot.api, channel, seen)
        seen += len(new)
        if any("header" in kinds(c) for c in new):
            return posts(bot.api, channel), asked
        question = next(c for c in new if "actions" in kinds(c))
        slot = slot_of(question)
        asked.append(slot)
        if slot == "hardware":
            text = "2x A100 80GB"
            event = message(channel, f"{thread_ts}{turn}", text, thread_ts=thread_ts)
            assert bot.post(event_body(event)) == 200
        else:
            click(bot, channel, question, thread_ts, ANSWERS.get(slot))
    raise AssertionError(f"no recommendation after {max_turns} turns; asked {asked}")


def test_mention_interview_ends_with_a_recommendation_card_in_the_thread(bot: Bot) -> None:
    assert bot.post(event_body(mention("C201", "201.000001", "We want to summarise patient records in Japanese"))) == 200
    calls, asked = interview(bot, "C201", "201.000001", seen=0)
    assert asked, "the interview asked nothing"
    assert all(c.params.get("thread_ts") == "201.000001" for c in calls)
    card = next(c for c in calls if "header" in kinds(c))
    header = next(b for b in card.params["blocks"] if b["type"] == "header")["text"]["text"]
    assert header.startswith(("Recommendation:", "おすすめ:", "No model"))
    assert "fields" in json.dumps(card.params["blocks"])
    updates = bot.api.find("chat.update", "C201")
    assert len(updates) == len([s for s in asked if s != "hardware"])
    assert all("actions" not in kinds(u) for u in updates)
    assert all("chose:" in u.text_all or "の回答" in u.text_all for u in updates)
    # a follow-up in the thread is answered there without posting the unchanged card again
    before = len(calls)
    assert bot.post(event_body(message("C201", "201.000099", "why not gpt-4o?", thread_ts="201.000001"))) == 200
    bot.api.wait_posts("C201", before + 1, timeout=45)
    followup = posts(bot.api, "C201")[before]
    assert followup.params["thread_ts"] == "201.000001"
    assert "header" not in kinds(followup) and "gpt-4o" in followup.text_all.lower()


def test_slash_command_starts_a_thread_under_its_own_message(bot: Bot) -> None:
    assert bot.post(slash_command_body("C202", "社内文書の要約に使うLLMを選びたい"), form=True) == 200
    bot.api.wait_posts("C202", 2, timeout=45)
    root, first = posts(bot.api, "C202")[:2]
    assert "thread_ts" not in root.params
    assert first.params["thread_ts"] == root.response["ts"]
    assert "actions" in kinds(first)
    # the conversation goes on in that thread without a mention
    thread_ts = root.response["ts"]
    click(bot, "C202", first, thread_ts, ANSWERS.get(slot_of(first)))
    bot.api.wait_posts("C202", 3, timeout=45)
    assert posts(bot.api, "C202")[2].params["thread_ts"] == thread_ts


def test_retried_event_is_answered_once(bot: Bot) -> None:
    body = event_body(mention("C203", "203.000001", "summaries of public news"), event_id="EvScenarioRetry")
    assert bot.post(body) == 200
    assert bot.post(body, retry_num=1) == 200
    bot.api.wait_posts("C203", 1, timeout=45)
    assert bot.post(body, retry_num=2) == 200
    # a marker event after the retries: once it is answered, a duplicate would have been too
    assert bot.post(event_body(mention("C203", "203.000009", "translation of manuals"))) == 200
    bot.api.wait_for(lambda _: any(c.params.get("thread_ts") == "203.000009" for c in posts(bot.api, "C203")), 45)
    assert len([c for c in posts(bot.api, "C203") if c.params.get("thread_ts") == "203.000001"]) == 1


def test_forged_and_stale_requests_get_401_and_nothing_is_posted(bot: Bot) -> None:
    body = event_body(mention("C204", "204.000001", "forged request"))
    forged = signed_headers("not-the-secret", body)
    assert bot.raw_post(body, forged) == 401
    assert bot.post(body, timestamp=int(time.time()) - 600) == 401
    unsigned = {"Content-Type": "application/json"}
    assert bot.raw_post(body, unsigned) == 401
    form = "application/x-www-form-urlencoded"
    command = slash_command_body("C204", "forged command")
    assert bot.raw_post(command, signed_headers("wrong", command, content_type=form)) == 401
    fake_question = {"text": "q", "blocks": [{"type": "actions", "block_id": "advisor_question:tasks", "elements": [
        {"type": "button", "action_id": "advisor_answer:0", "text": {"type": "plain_text", "text": "RAG"},
         "value": "rag"}]}]}
    click_body = block_actions_body(fake_question, channel="C204", message_ts="204.000002")
    assert bot.raw_post(click_body, signed_headers("wrong", click_body, content_type=form)) == 401
    # a valid request afterwards is answered; the rejected ones left no trace
    assert bot.post(event_body(mention("C205", "205.000001", "summaries"))) == 200
    bot.api.wait_posts("C205", 1, timeout=45)
    assert posts(bot.api, "C204") == [] and bot.api.find("chat.update", "C204") == []


def test_url_verification_echoes_the_challenge(bot: Bot) -> None:
    body = json.dumps({"token": "x", "challenge": "c-123", "type": "url_verification"})
    headers = signed_headers(SECRET, body)
    req = urllib.request.Request(bot.url, data=body.encode(), headers=headers, method="POST")
    with urllib.request.urlopen(req, timeout=5) as resp:
        assert json.loads(resp.read())["challenge"] == "c-123"


def test_two_threads_at_once_do_not_cross_talk(bot: Bot) -> None:
    a = event_body(mention("C206", "206.000001", "We summarise patient records; the data is regulated"))
    b = event_body(mention("C206", "206.000002", "マーケティング文章の翻訳。データは公開情報です"))
    assert bot.post(a) == 200 and bot.post(b) == 200
    bot.api.wait_for(lambda _: {c.params.get("thread_ts") for c in posts(bot.api, "C206")}
                     >= {"206.000001", "206.000002"}, 45)
    by_thread = {ts: [c for c in posts(bot.api, "C206") if c.params.get("thread_ts") == ts]
                 for ts in ("206.000001", "206.000002")}
    english, japanese = by_thread["206.000001"][0].text_all, by_thread["206.000002"][0].text_all
    assert "regulated" in english.lower() and "公開" not in english
    assert "公開" in japanese and "regulated" not in japanese.lower()


def test_one_message_brief_gets_a_compact_card_a_report_file_and_working_follow_ups(bot: Bot) -> None:
    brief = ("We summarise patient records in Japanese, regulated data, on our own servers with 2x A100 80GB, "
             "500 requests a day, commercial use")
    assert bot.post(event_body(mention("C207", "207.000001", brief))) == 200
    bot.api.wait_for(lambda _: len(bot.api.uploaded_reports("C207")) == 1, 45)
    (card,) = [c for c in posts(bot.api, "C207") if "header" in kinds(c)]
    blocks = card.params["blocks"]
    assert len(blocks) <= MAX_CARD_BLOCKS and violations(blocks) == []
    shown = card.text_all
    for raw in ("nvidia-a100-80gb", "apache-2.0", "on_prem", "self_hosted"):
        assert raw not in json.dumps([b for b in blocks if b["type"] != "actions"]) and raw not in card.params["text"]
    assert "NVIDIA A100 80GB" in shown
    ((_, report),) = bot.api.uploaded_reports("C207")
    primary = next(b for b in blocks if b["type"] == "header")["text"]["text"].split(": ", 1)[1]
    assert primary in report and "|" in report  # the full report, comparison table included
    buttons = {e["action_id"].split(":")[1]: i for i, e in
               enumerate(e for b in blocks if b["type"] == "actions" for e in b["elements"])}

    def press(name: str, option: int | None = None) -> Call:
        seen = len(posts(bot.api, "C207"))
        body = block_actions_body(card.params, channel="C207", message_ts=card.response["ts"],
                                  action_index=buttons[name], thread_ts="207.000001", option_index=option)
        assert bot.post(body, form=True) == 200
        bot.api.wait_posts("C207", seen + 1, timeout=45)
        return posts(bot.api, "C207")[seen]

    compare = press("compare")
    rows = [b for b in compare.params["blocks"] if b["type"] == "section" and b.get("fields")]
    assert len(rows) >= 2 and "```" not in compare.text_all and violations(compare.params["blocks"]) == []
    why_not = press("why_not")
    what_if = press("what_if", option=0)
    assert "1,000" in what_if.text_all  # the volume doubled from 500 a day
    for reply in (compare, why_not, what_if):
        assert "header" not in kinds(reply)
    assert len(bot.api.uploaded_reports("C207")) == 1  # no second report: nothing changed
