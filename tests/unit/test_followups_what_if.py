"""Polish round 2, end to end through the conversation service: what-if follow-ups that state facts
(GPUs, APIs allowed, a yen budget, lower sensitivity) re-rank a hypothetical copy of the profile
without touching the saved one, and a Japanese conversation that stays Japanese through its
follow-ups (step summaries included)."""

from __future__ import annotations

import pytest
from agent_support import offline_service
from i18n_support import english_left

from advisor.adapters.web.i18n import field_label as web_field_label
from advisor.agent.labels import FIELD_LABELS, field_label
from advisor.agent.questions import QUESTIONS, acknowledge
from advisor.agent.reply import Reply
from advisor.agent.service import SyncConversationService
from advisor.i18n import label as engine_label
from advisor.i18n import msg, render

EN_OPENING = (
    "We want to summarise confidential contracts on our own servers. We have one RTX 4090. "
    "200 requests a day, budget $500/month, commercial use, we're in Japan, English and Japanese."
)
JA_OPENING = "患者のカルテを要約したい。A100 80GBが2枚あり、オンプレで運用。予算は月30万円、1日500件程度。"


@pytest.fixture(scope="module")
def service() -> SyncConversationService:
    return offline_service()


def _after(service: SyncConversationService, thread: str, opening: str, question: str) -> tuple[Reply, Reply]:
    first = service.respond(thread, opening)
    assert first.recommendation is not None and first.recommendation["primary"]
    return first, service.respond(thread, question)


# --- 1: a what-if applies the facts it states, to a copy ------------------------------------------------


def test_what_if_more_gpus_changes_the_pick_and_says_the_fit(service: SyncConversationService) -> None:
    first, reply = _after(service, "wi-gpu-en", EN_OPENING, "What if we had 2 H100s?")
    assert first.recommendation is not None
    was = first.recommendation["primary"]["name"]
    assert reply.text.startswith("If hardware: NVIDIA H100")
    # The hypothetical re-ranks: either a bigger model replaces the pick, or (since open models like Gemma 4
    # already fit the 4090) the same pick is re-planned on the new GPUs; both state the fit.
    assert "instead of " + was in reply.text or was + " stays the recommendation" in reply.text
    assert "GPU memory:" in reply.text and "(fits)" in reply.text
    assert [s.name for s in reply.steps] == ["recommend"]
    assert reply.profile == first.profile  # hypothetical: the saved profile is unchanged
    assert reply.profile["hardware"] == [{"gpu": "nvidia-rtx-4090", "count": 1}]


def test_what_if_apis_allowed_moves_to_an_api(service: SyncConversationService) -> None:
    first, reply = _after(service, "wi-api-en", EN_OPENING, "what if APIs were allowed?")
    assert "If deployment:" in reply.text and "API via" in reply.text and "was $" in reply.text
    assert reply.profile == first.profile and first.profile["deployment"] == "on_prem"
    again = service.respond("wi-api-en", "why?")  # the real recommendation is still the self-hosted one
    assert first.recommendation is not None
    assert first.recommendation["primary"]["name"] in again.text


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("what if our budget were 50万円/月?", "If budget: 500,000 JPY/month:"),
        ("what if the data were only internal?", "If data sensitivity:"),
        ("what if volume doubles?", "At 400 requests/day:"),
    ],
)
def test_what_if_states_its_supposition(service: SyncConversationService, question: str, said: str) -> None:
    first, reply = _after(service, f"wi-{question}", EN_OPENING, question)
    assert reply.text.startswith(said), reply.text
    assert "/month (was $" in reply.text
    assert reply.profile == first.profile


def test_japanese_what_if_gpus_and_api(service: SyncConversationService) -> None:
    first, gpus = _after(service, "wi-ja", JA_OPENING, "H100が2枚あったら?")
    assert (
        gpus.text.startswith("ハードウェア: NVIDIA H100")
        and "GPU メモリ:" in gpus.text
        and "変更前" in gpus.text
    )
    api = service.respond("wi-ja", "もしAPIが使えるなら?")
    assert (
        api.text.startswith("利用形態: 制限なし(API 可) の場合:")
        and "API:" in api.text
        and "に変わります" in api.text
    )
    assert api.profile == first.profile and api.profile["deployment"] == "on_prem"


def test_a_bare_gpu_count_is_a_fit_question(service: SyncConversationService) -> None:
    _, reply = _after(service, "wi-count", EN_OPENING, "what if we had 4 GPUs?")
    assert [s.name for s in reply.steps] == ["check_hardware_fit"] and "× 4 GPU" in reply.text


# --- 2: one Japanese term per concept -------------------------------------------------------------------


def test_field_labels_come_from_one_table_and_match_the_engine() -> None:
    assert field_label("deployment", "ja") == engine_label("code", "deployment", "ja") == "利用形態"
    assert field_label("data_sensitivity", "ja") == engine_label("code", "sensitivity", "ja")
    for name in FIELD_LABELS:
        assert web_field_label(name, "ja") == field_label(name, "ja")
        assert web_field_label(name, "en") == field_label(name, "en")
    assert field_label("can_rent_gpus", "en", inline=True) == "can rent GPUs"
    ja_questions = " ".join(render(msg(q), "ja") for entry in QUESTIONS.values() for q in entry)
    for other in ("運用形態", "導入形態", "機密度", "セルフホスト", "件数"):
        assert other not in ja_questions, other
    line = acknowledge({"data_sensitivity": "regulated", "volume": {"requests_per_day": 500}}, [], "ja")
    assert "データ機密性: 規制対象" in line and "処理量: 1日 500 リクエスト" in line


# --- 3: no English left in a Japanese conversation --------------------------------------------------------


def test_japanese_conversation_and_followups_stay_japanese(service: SyncConversationService) -> None:
    replies = [
        service.respond("ja-only", t)
        for t in (
            JA_OPENING,
            "GPT-4oはなぜダメ?",
            "Llama 3.3 70Bと比較して",
            "件数が倍になったら?",
            "もしAPIが使えるなら?",
        )
    ]
    assert replies[0].recommendation is not None and all(r.lang == "ja" for r in replies)
    assert [s.name for s in replies[2].steps] == ["compare_models"] and "| 利用形態 |" in replies[2].text
    assert "自社運用" in replies[2].text and "self_hosted" not in replies[2].text
    report = replies[0].text.split("## 出典")[0]  # sources are URLs and quoted titles
    for text in [report, *(r.text for r in replies[1:])]:
        assert english_left(text) == [], text
    summaries = [s.summary for r in replies for s in r.steps]
    assert summaries and any("月額" in s for s in summaries)
    for summary in summaries:
        assert english_left(summary) == [] and "/month" not in summary and "self_hosted" not in summary, (
            summary
        )
