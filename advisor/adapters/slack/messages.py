"""A service Reply as Slack messages: the answer text, a question with one button per option, the
recommendation card (or one line when the choice did not change), tool steps and notices (pure
functions). Every ``text`` (notification fallback) is mrkdwn-escaped like the blocks, so words a user
typed (``<!everyone>``, ``<@U…>``) can never ping anyone."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from advisor.adapters.names import Names
from advisor.adapters.slack.blocks import (
    QUESTION_BLOCK_PREFIX,
    Block,
    SlackMessage,
    button_blocks,
    context_blocks,
    paginate,
    sections,
)
from advisor.adapters.slack.labels import label
from advisor.adapters.slack.mrkdwn import escape, strip_inline, to_mrkdwn, truncate
from advisor.adapters.slack.recommendation import (
    CardKey,
    change_text,
    recommendation_blocks,
    recommendation_fallback,
)
from advisor.adapters.slack.tables import markdown_blocks
from advisor.agent.reply import Question, Reply


def question_blocks(question: Question, *, shown_text: str = "") -> list[Block]:
    """The question, its one-line why, and its options as buttons (value = what the click answers);
    the question and why are left out when ``shown_text`` (the reply's text) already says them."""
    blocks: list[Block] = [] if _contains(shown_text, question.text) else sections(to_mrkdwn(question.text))
    if question.why and not _contains(shown_text, question.why):
        blocks += context_blocks([to_mrkdwn(question.why)])
    options = [(o.value, o.label) for o in question.options]
    if options:
        blocks += button_blocks(options, block_id=f"{QUESTION_BLOCK_PREFIX}:{question.slot}")
    return blocks


def _contains(haystack: str, needle: str) -> bool:
    """Whether ``needle`` already appears in ``haystack``, ignoring Markdown emphasis and spacing."""
    flat = " ".join(strip_inline(needle).split())
    return bool(flat) and flat in " ".join(strip_inline(haystack).split())


@dataclass(frozen=True)
class Rendered:
    """One turn as Slack messages, plus whether the full report goes with them as a file."""

    messages: list[SlackMessage]
    attach_report: bool = False


def _lead_text(reply: Reply) -> tuple[str, bool]:
    """The reply's own words without the report it may carry (the card and the file show that);
    the flag says whether the report was in the text, i.e. the recommendation was worked out again."""
    text = reply.text.strip()
    report = (reply.report_markdown or "").strip()
    if report and report in text:
        return text.replace(report, "").strip(), True
    if report and _contains(report, text):
        return "", True
    return text, False


def reply_messages(
    reply: Reply, *, previous: CardKey | None = None, names: Names | None = None, echo: str = ""
) -> Rendered:
    """Everything one turn shows. A recommendation whose choice differs from ``previous`` (the card
    last shown in the thread) is a new compact card with the report attached; the same choice again is
    never a second card but one line ("still X; cost $a → $b"); follow-up answers are text, their
    tables one section per model. ``echo`` (mrkdwn) heads the reply, e.g. the follow-up a click asked."""
    names = names or Names()
    key = CardKey.of(reply.recommendation) if reply.question is None else None
    text, reworked = _lead_text(reply) if key is not None else (reply.text.strip(), False)
    new_card = key is not None and not key.same_choice(previous)
    attach = new_card
    if key is not None and previous is not None and not new_card and reworked:
        if key.name not in text:  # the service's own acknowledgement may already say "still X"
            text = "\n\n".join(p for p in (text, change_text(previous, key, reply.lang)) if p)
        attach = previous.cost != key.cost
    footer: list[str] = []
    if reply.steps:
        footer.append(label(reply.lang, "steps", steps=" · ".join(escape(s.label) for s in reply.steps)))
    footer += [f"ℹ️ {escape(n)}" for n in reply.notices]
    blocks: list[Block] = context_blocks([echo]) if echo else []
    if new_card:
        assert reply.recommendation is not None
        blocks += sections(truncate(to_mrkdwn(text), 2900)) if text else []
        blocks += recommendation_blocks(
            reply.recommendation, reply.lang, names, with_report=bool(reply.report_markdown), footer=footer
        )
        fallback = recommendation_fallback(reply.recommendation, reply.lang, names)
        return Rendered(paginate(blocks, fallback), attach and bool(reply.report_markdown))
    blocks += markdown_blocks(text, names) if text else []
    if reply.question is not None:
        blocks += question_blocks(reply.question, shown_text=text)
    blocks += context_blocks(footer)
    fallback = escape(strip_inline(reply.question.text if reply.question and not text else text))
    return Rendered(paginate(blocks, fallback or "…"), attach and bool(reply.report_markdown))


def mark_answered(blocks: Sequence[Block], *, user: str, chosen: str, lang: str) -> list[Block]:
    """The question message after a click: buttons removed, the chosen answer noted under it."""
    kept = [b for b in blocks if b.get("type") != "actions"]
    note = label(lang, "chose", user=escape(user), label=escape(truncate(chosen, 200)))
    return kept + context_blocks([note])


def mark_stale(blocks: Sequence[Block], *, lang: str) -> list[Block]:
    """A question clicked after it was answered or superseded: buttons removed, nothing answered."""
    kept = [b for b in blocks if b.get("type") != "actions"]
    return kept + context_blocks([label(lang, "stale")])


def plain_message(mrkdwn: str) -> SlackMessage:
    """One section of mrkdwn the adapter wrote itself (already escaped where it holds user text)."""
    return paginate(sections(mrkdwn), mrkdwn)[0]
