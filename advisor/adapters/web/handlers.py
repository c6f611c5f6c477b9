"""What happens on each Chainlit event: a thin adapter from the UI to the conversation service.

The service decides everything (what to ask, what to recommend, in which language); these handlers
only turn a ``Reply`` into Chainlit messages: option buttons for a question, and for a recommendation
one card (``RecommendationCard.jsx``), the cost chart and the report download. A follow-up that does
not change the recommendation answers in words with a one-line diff, never by redrawing the card.
Chainlit is reached only through the module attribute ``cl`` so tests can replace it with a fake.
"""

from __future__ import annotations

import hashlib
import json
import logging
import uuid
from typing import Any

import chainlit as cl

from advisor.adapters.web import card, costchart, elements, history, uploads
from advisor.adapters.web.i18n import Lang, as_lang, t
from advisor.adapters.web.service import get_service, iter_turn
from advisor.adapters.web.settings import settings_widgets, what_if_text
from advisor.agent.reply import Reply, ToolStep

log = logging.getLogger(__name__)

ANSWER_ACTION = "advisor_answer"
STARTER_ACTION = "advisor_starter"
FOLLOWUP_ACTION = "advisor_followup"
_THREAD_KEY = "advisor_thread"
_PENDING_KEY = "advisor_pending_message"
_REC_KEY = "advisor_rendered_recommendation"
_LAST_KEY = "advisor_last_primary"
START_OVER = "/new"

# (label, message) starters per language: each is an ordinary first message the service understands.
STARTERS: dict[Lang, tuple[tuple[str, str], ...]] = {
    "ja": (
        (
            "🏥 病院のカルテ要約",
            "日本の病院です。患者のカルテを日本語で要約したいです。個人情報なので院外には出せません。"
            "A100 80GBが2枚あります。1日300件くらいです。",
        ),
        (
            "🏭 社内文書の検索（RAG）",
            "製造業の社内文書を検索して答える RAG を作りたいです。社外秘の設計資料も含みます。",
        ),
        (
            "🏛️ 自治体の問い合わせ対応",
            "市役所の住民問い合わせチャットボット。LGWAN系で使うので外部のクラウドは使えません。",
        ),
    ),
    "en": (
        (
            "💶 EU fintech support bot",
            "We are a fintech in the EU building a customer-support chatbot in English and "
            "German; it handles customers' personal financial data.",
        ),
        (
            "🚀 Startup on a budget",
            "We're a small startup building a coding assistant for our developers; "
            "budget about $200 a month.",
        ),
        (
            "⚖️ Law firm, long contracts",
            "Law firm: we review 200-page contracts, confidential, about 50 a day, "
            "cloud is fine if they sign a DPA.",
        ),
    ),
}


def starters(language: str | None) -> list[tuple[str, str]]:
    """The browser's language first, then the other one's (everyone sees both languages work)."""
    first: Lang = "ja" if (language or "").lower().startswith("ja") else "en"
    second: Lang = "en" if first == "ja" else "ja"
    return [*STARTERS[first], *STARTERS[second][:1]]


def thread_id() -> str:
    """The advisor conversation of this chat: Chainlit's thread id, which only its owner can resume
    (with the history data layer, Chainlit checks the thread's author before ``on_chat_resume``)."""
    key = cl.user_session.get(_THREAD_KEY)
    if not key:
        session = cl.context.session
        key = getattr(session, "thread_id", None) or session.id
        cl.user_session.set(_THREAD_KEY, key)
    return str(key)


async def start_chat() -> None:
    """A new chat shows Chainlit's starters. The same page reconnecting, or a reload, carries on with
    the user's latest conversation: the last question or recommendation is shown again."""
    service = await get_service()
    previous = await service.get_reply(thread_id())
    if previous is None:
        key = await history.last_conversation(cl.user_session.get("user"), thread_id())
        previous = await service.get_reply(key) if key else None
        if previous is not None:
            cl.user_session.set(_THREAD_KEY, key)
            await _bind_thread()
    if previous is not None:
        await cl.Message(content=f"_{t('resumed', previous.lang)}_").send()
        await render_reply(previous)
    await _send_settings(previous)


async def _bind_thread() -> None:
    """Record in the history which advisor conversation this chat shows (read back on resume)."""
    try:
        await history.remember(getattr(cl.context.session, "thread_id", None), thread_id())
    except Exception:  # history is a convenience: the conversation itself is already saved
        log.warning("could not record the chat history binding", exc_info=True)


async def resume_chat(thread: dict[str, Any]) -> None:
    """A conversation reopened from the history: it keeps the advisor conversation it was bound to."""
    metadata = thread.get("metadata") or {}
    key = metadata.get(_THREAD_KEY) if isinstance(metadata, dict) else None
    cl.user_session.set(_THREAD_KEY, key or thread.get("id"))
    previous = await (await get_service()).get_reply(thread_id())
    if previous is not None and previous.recommendation is not None:  # its card is in the history already
        cl.user_session.set(_REC_KEY, _digest(previous.recommendation))
        cl.user_session.set(_LAST_KEY, _primary_summary(previous.recommendation))
    await _send_settings(previous)


async def on_user_message(message: Any) -> None:
    """Typed text, plus the text of an uploaded requirements document, is one turn."""
    await _clear_pending_buttons()
    lang = as_lang(cl.user_session.get("advisor_lang"))
    parts = [str(getattr(message, "content", "") or "")]
    for element in getattr(message, "elements", None) or []:
        text, problem = uploads.read_text(
            getattr(element, "path", None), getattr(element, "name", "file"), getattr(element, "mime", None)
        )
        name = getattr(element, "name", "file")
        if problem:
            await cl.Message(content=t("upload_unreadable", lang, name=name, problem=problem)).send()
        elif text:
            await cl.Message(content=f"_{t('upload_read', lang, name=name, chars=f'{len(text):,}')}_").send()
            parts.append(text)
    text = "\n\n".join(p for p in parts if p.strip())
    if text:
        await answer(text)


async def on_user_text(text: str) -> None:
    await _clear_pending_buttons()
    await answer(text)


async def on_action(action: Any) -> None:
    """A clicked option, starter or follow-up: shown as the user's own message, then sent."""
    await _clear_pending_buttons()
    payload = action.payload or {}
    text = str(payload.get("value") or payload.get("text") or "")
    if not text:
        return
    if text == START_OVER:
        await start_over()
        return
    shown = payload.get("label") or (action.label if action.name == ANSWER_ACTION else text)
    await cl.Message(content=str(shown), type="user_message", author="You").send()
    # Chainlit runs action callbacks outside its message task: say "busy" ourselves (spinner, stop button).
    emitter = cl.context.emitter
    await emitter.task_start()
    try:
        await answer(text)
    finally:
        await emitter.task_end()


async def start_over() -> None:
    """A fresh advisor conversation in the same chat window; the old one stays in the history."""
    cl.user_session.set(_THREAD_KEY, f"{thread_id()}:{uuid.uuid4().hex[:8]}")
    for key in (_REC_KEY, _LAST_KEY):
        cl.user_session.set(key, None)
    await _bind_thread()
    lang = as_lang(cl.user_session.get("advisor_lang"))
    await cl.Message(content=t("start_over_text", lang)).send()


async def on_settings(settings: dict[str, Any]) -> None:
    """Edited chat settings are a what-if, asked in the user's own language."""
    lang = as_lang(cl.user_session.get("advisor_lang"))
    text = what_if_text(settings, cl.user_session.get("advisor_settings") or {}, lang)
    cl.user_session.set("advisor_settings", settings)
    if text:
        await cl.Message(content=text, type="user_message", author="You").send()
        await answer(text)


async def answer(text: str) -> None:
    """One user turn: run it through the service, showing tool steps (and tokens) as they arrive."""
    key = thread_id()
    first_turn = await (await get_service()).get_reply(key) is None
    try:
        reply = await _run_turn(key, text)
    except Exception as exc:  # the page must stay usable whatever the service does
        log.exception("turn failed for thread %s", key)
        lang = as_lang(cl.user_session.get("advisor_lang"))
        await cl.Message(content=t("service_error", lang, error=type(exc).__name__)).send()
        return
    await render_reply(reply)
    if first_turn:
        await _bind_thread()


async def _run_turn(key: str, text: str) -> Reply:
    service = await get_service()
    streamed: Any = None
    steps_shown = False
    reply: Reply | None = None
    async for kind, data in iter_turn(service, key, text):
        if kind == "step":
            await show_step(data)
            steps_shown = True
        elif kind == "token":
            if streamed is None:
                streamed = cl.Message(content="")
            await streamed.stream_token(str(data))
        elif kind == "reply":
            reply = data
    if reply is None:
        raise RuntimeError("the conversation service ended the turn without a reply")
    if not steps_shown:
        for step in reply.steps:
            await show_step(step)
    if streamed is not None:  # the final message replaces the streamed draft
        await streamed.remove()
    return reply


async def show_step(step: ToolStep) -> None:
    """A collapsed step per tool call, e.g. 'checking hardware fit', with its arguments and result."""
    async with cl.Step(name=step.label or step.name, type="tool", default_open=False) as ui_step:
        ui_step.input = step.args
        ui_step.output = step.summary


async def render_reply(reply: Reply) -> None:
    """A question with its option buttons; a new recommendation as the card, chart and report; any
    other answer in words, with a one-line diff when the recommendation stayed or moved."""
    lang: Lang = reply.lang
    cl.user_session.set("advisor_lang", lang)
    parts = [f"_{n}_" for n in reply.notices]
    text = reply.text
    actions: list[Any] = []
    shown: list[Any] = []
    rec = reply.recommendation
    if reply.question is not None:
        q = reply.question
        if q.why and q.why not in text:
            text += f"\n\n_{t('why', lang)}: {q.why}_"
        actions = [
            cl.Action(name=ANSWER_ACTION, payload={"value": o.value}, label=o.label) for o in q.options
        ]
    elif rec is not None:
        text, _ = split_report(text, reply.report_markdown)
        diff = _diff_line(rec, lang)
        if _is_new_recommendation(rec):
            shown = [
                cl.CustomElement(
                    name="RecommendationCard", props=card.card_props(rec, lang), display="inline"
                ),
                *_chart_elements(rec, lang),
            ]
            if reply.report_markdown:
                shown.append(
                    cl.File(
                        name=elements.report_filename(rec),
                        content=reply.report_markdown.encode(),
                        mime="text/markdown",
                        display="inline",
                    )
                )
        if diff and not text.strip().startswith(diff):
            parts.append(diff)
    parts.append(text)
    message = await cl.Message(
        content="\n\n".join(p for p in parts if p), actions=actions, elements=shown
    ).send()
    cl.user_session.set(_PENDING_KEY, message if actions else None)


def split_report(text: str, report: str | None) -> tuple[str, bool]:
    """Offline, the advisor's text holds its full templated report; the page shows the card instead,
    so only the words around it stay. Returns (text to show, whether the template was found)."""
    if report and report.strip() and report.strip() in text:
        return text.replace(report.strip(), "").strip(), True
    return text, False


def _digest(rec: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(rec, sort_keys=True, default=str).encode()).hexdigest()


def _is_new_recommendation(rec: dict[str, Any]) -> bool:
    """Follow-up answers keep the same recommendation in the state: draw the card once."""
    digest = _digest(rec)
    if cl.user_session.get(_REC_KEY) == digest:
        return False
    cl.user_session.set(_REC_KEY, digest)
    return True


def _primary_summary(rec: dict[str, Any]) -> dict[str, Any] | None:
    primary = rec.get("primary") or None
    if primary is None:
        return None
    return {
        "id": primary.get("model_id"),
        "name": primary.get("name"),
        "cost": primary.get("monthly_cost_usd"),
    }


def _diff_line(rec: dict[str, Any], lang: Lang) -> str | None:
    """ "Still X; $a → $b" or "Now Y instead of X": what a change of facts did, in one line."""
    before = cl.user_session.get(_LAST_KEY)
    after = _primary_summary(rec)
    cl.user_session.set(_LAST_KEY, after)
    if not before or not after:
        return None
    costs = {
        "cost_before": card.money(before.get("cost"), lang),
        "cost_after": card.money(after.get("cost"), lang),
    }
    if before.get("id") == after.get("id"):
        return t("still_same", lang, model=after.get("name"), **costs)
    return t("now_other", lang, model=after.get("name"), previous=before.get("name"), **costs)


def _chart_elements(rec: dict[str, Any], lang: Lang) -> list[Any]:
    """The cost chart, drawn from the engine's own cost estimates; none when no line can be computed.
    The chart is an extra: if the estimate fails, the answer is still shown without it."""
    try:
        curve = costchart.cost_curve(rec, costchart.engine_cost_fn(rec), lang)
    except Exception:
        log.warning("cost chart skipped", exc_info=True)
        return []
    if curve is None:
        return []
    rate = card.fx() if lang == "ja" else None
    budget = (rec.get("profile") or {}).get("budget_usd_month")
    usd_per_yen = 1 / rate.jpy_per_usd if rate else None
    figure = costchart.build_figure(
        curve, lang, budget if isinstance(budget, int | float) else None, usd_per_yen
    )
    return [cl.Plotly(name=t("chart_title", lang), figure=figure, display="inline", size="large")]


async def _send_settings(reply: Reply | None) -> None:
    """Chat settings hold the understood profile, so a what-if is a click, not a sentence."""
    lang = reply.lang if reply is not None else as_lang(cl.user_session.get("advisor_lang"))
    profile = reply.profile if reply is not None else {}
    widgets = settings_widgets(profile, lang)
    if widgets:
        settings = await cl.ChatSettings(widgets).send()
        cl.user_session.set("advisor_settings", settings)


async def _clear_pending_buttons() -> None:
    """Old buttons would answer a question that is no longer asked; remove them once answered."""
    pending = cl.user_session.get(_PENDING_KEY)
    if pending is not None:
        cl.user_session.set(_PENDING_KEY, None)
        await pending.remove_actions()
