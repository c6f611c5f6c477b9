"""Agent gaps closed in the polish round, played end to end through the conversation service:
the conversation's language for bare answers, follow-ups and changes of mind while a question is
pending, answers that do not fit the question, and why an API may take sensitive data."""

from __future__ import annotations

import pytest
from agent_support import offline_service, play, real_kb, web_starter

from advisor.agent.service import SyncConversationService
from advisor.engine import normalise_profile
from advisor.kb.errors import InputError


@pytest.fixture(scope="module")
def service() -> SyncConversationService:
    return offline_service()


# --- 4: a bare number to the budget question reads in the conversation's currency ---------------

def test_bare_budget_in_a_japanese_conversation_is_yen(service: SyncConversationService) -> None:
    replies = play(service, "budget-ja", ["社内チャットボットを作りたい。データは社内情報です。", "1日1000件", "500"])
    assert [r.question.slot if r.question else None for r in replies] == ["volume", "budget", None]
    final = replies[-1]
    assert final.profile["budget"] == {"amount": 500, "currency": "JPY", "period": "month"}
    rate = real_kb().fx["JPY"].usd_per_unit
    assert final.recommendation is not None
    assert final.recommendation["profile"]["budget_usd_month"] == pytest.approx(500 * rate, abs=0.01)
    assert "500 JPY/月" in final.text


def test_bare_budget_in_an_english_conversation_is_dollars(service: SyncConversationService) -> None:
    replies = play(service, "budget-en", ["An internal chatbot for our staff; the data is internal.", "1000 a day", "500"])
    final = replies[-1]
    assert final.profile.get("budget_usd_month") == 500 and "budget" not in final.profile
    assert final.recommendation is not None and final.recommendation["profile"]["budget_usd_month"] == 500


def test_a_fixed_japanese_session_reads_a_bare_number_as_yen() -> None:
    svc = offline_service(lang="ja")
    replies = play(svc, "fixed", ["An internal chatbot; the data is internal.", "1000", "3000"])
    assert replies[-1].profile["budget"]["currency"] == "JPY"


# --- 6: the engine takes {amount, currency, period}; the agent no longer converts ---------------

@pytest.mark.parametrize(("budget", "usd"), [
    ({"amount": 1200, "currency": "USD", "period": "year"}, 100.0),
    ({"amount": 300, "currency": "USD", "period": "month"}, 300.0),
    ({"amount": 300, "currency": "USD"}, 300.0),  # period is optional: a month
])
def test_engine_budget_period(budget: dict[str, object], usd: float) -> None:
    assert normalise_profile({"budget": budget}, real_kb()).budget_usd_month == usd


def test_engine_yearly_foreign_budget_is_converted_once_per_month() -> None:
    kb = real_kb()
    yearly = normalise_profile({"budget": {"amount": 2_400_000, "currency": "JPY", "period": "year"}}, kb)
    monthly = normalise_profile({"budget": {"amount": 200_000, "currency": "JPY"}}, kb)
    assert yearly.budget_usd_month == monthly.budget_usd_month
    assert yearly.budget is not None and yearly.budget.period == "year"
    assert normalise_profile(yearly.contract_dict(), kb) == yearly  # idempotent


def test_engine_rejects_an_unknown_period_with_its_path() -> None:
    with pytest.raises(InputError) as err:
        normalise_profile({"budget": {"amount": 5, "currency": "USD", "period": "week"}}, real_kb())
    assert any(p.path == "budget.period" for p in err.value.problems)


def test_yearly_budget_in_conversation_reaches_the_engine_unchanged(service: SyncConversationService) -> None:
    reply = service.respond("yearly", "社内文書の要約。データは社内情報。1日500件、予算は年間240万円です。")
    assert reply.profile["budget"] == {"amount": 2400000, "currency": "JPY", "period": "year"}
    assert reply.recommendation is not None
    assert reply.recommendation["profile"]["budget"]["period"] == "year"
    rate = real_kb().fx["JPY"].usd_per_unit
    assert reply.recommendation["profile"]["budget_usd_month"] == pytest.approx(200_000 * rate, abs=0.01)


# --- 5: follow-ups and changes of mind while a question is pending ------------------------------

@pytest.mark.parametrize(("opening", "followup", "note", "answer", "gpus"), [
    ("We want to summarise patient records.", "compare with GPT-4o", "I'll compare with GPT-4o",
     "on-prem only", "2 A100 80GB"),
    ("患者のカルテを要約したい", "GPT-4oと比べて", "GPT-4o との比較は、推奨が出た後に", "オンプレのみ", "A100 80GBを2枚"),
])
def test_a_followup_before_the_recommendation_is_answered_after_it(
        service: SyncConversationService, opening: str, followup: str, note: str, answer: str, gpus: str) -> None:
    thread = f"defer-{followup}"
    first, deferred, *_, final = play(service, thread, [opening, followup, answer, gpus])
    assert first.question is not None and first.question.slot == "deployment"
    assert deferred.question is not None and deferred.question.slot == "deployment"  # asked again
    assert note in deferred.text
    assert final.recommendation is not None and final.recommendation["primary"]["deployment"] == "self_hosted"
    assert "| GPT-4o |" in final.text  # the comparison table, after the report


def test_two_deferred_followups_are_both_answered(service: SyncConversationService) -> None:
    replies = play(service, "defer-two", ["We want to summarise patient records.", "compare with GPT-4o",
                                          "why not Claude?", "on-prem only", "2 A100 80GB"])
    assert replies[2].question is not None and replies[2].question.slot == "deployment"
    final = replies[-1].text
    assert "| GPT-4o |" in final and "Claude" in final and "excluded" in final


def test_a_deferred_followup_does_not_use_up_the_retry(service: SyncConversationService) -> None:
    replies = play(service, "defer-retry", ["We want to summarise patient records.", "compare with GPT-4o",
                                            "hmm", "on-prem only"])
    assert replies[2].question is not None and replies[2].question.slot == "deployment"
    assert "doesn't tell me" not in replies[2].text and replies[2].recommendation is None
    assert replies[3].profile["deployment"] == "on_prem"


@pytest.mark.parametrize(("opening", "change"), [
    ("We want to summarise patient records on our own servers.", "actually APIs are fine"),
    ("患者のカルテを自社サーバで要約したい", "やっぱりAPIでも大丈夫です"),
])
def test_a_change_of_mind_while_a_question_is_pending_updates_the_profile(
        service: SyncConversationService, opening: str, change: str) -> None:
    # Issue 11 (fail safe): loosening on_prem to "any" waits for an explicit confirmation question,
    # so the stated on-prem constraint stands after this turn.
    first, second = play(service, f"mind-{change}", [opening, change])
    assert first.question is not None and first.question.slot == "hardware"
    assert second.profile["deployment"] == "on_prem"


# --- 7: an answer that does not fit the question; why an API may take regulated data ------------

def test_an_off_target_answer_is_asked_again_then_the_default_is_stated(service: SyncConversationService) -> None:
    first, again, final = play(service, "offtarget", ["We want to summarise patient records.", "regulated", "regulated"])
    assert first.question is not None and first.question.slot == "deployment"
    assert again.question is not None and again.question.slot == "deployment"
    assert {o.value for o in again.question.options} >= {"any", "on_prem"}
    assert "doesn't tell me where the model may run" in again.text and again.recommendation is None
    assert final.recommendation is not None
    assert "stated default" in final.text and "deployment" not in final.profile
    primary = final.recommendation["primary"]
    if primary["deployment"] == "api":  # allowed only on the provider's terms, and the answer names them
        provider = real_kb().providers[primary["provider"]]
        assert provider.trains_on_customer_data_by_default is False
        assert provider.zero_data_retention in ("default", "on_request")
        assert "Why an API is allowed for regulated data" in final.text and provider.name in final.text
        assert "zero data retention" in final.text and "on-prem only" in final.text


def test_the_user_can_object_and_get_a_self_hosted_plan(service: SyncConversationService) -> None:
    replies = play(service, "object", ["We want to summarise patient records.", "regulated", "regulated",
                                       "on-prem only"])
    reply = replies[-1]
    if reply.question is not None:
        assert reply.question.slot == "hardware"
        reply = service.respond("object", "2 A100 80GB")
    assert reply.recommendation is not None
    assert reply.recommendation["primary"]["deployment"] == "self_hosted"
    assert "Why an API is allowed" not in reply.text


def test_japanese_off_target_answer_and_terms_note(service: SyncConversationService) -> None:
    replies = play(service, "offtarget-ja", ["患者のカルテを要約したい", "規制対象です", "わからない"])
    assert replies[1].question is not None and replies[1].question.slot == "deployment"
    final = replies[-1]
    assert final.recommendation is not None
    if final.recommendation["primary"]["deployment"] == "api":
        assert "規制対象データにAPIを使える理由" in final.text and "オンプレのみ" in final.text
        assert "'jp'" in final.text  # APPI: residency in Japan is one of the terms that made it eligible


def test_a_stated_deployment_gets_the_terms_without_the_objection_hint(service: SyncConversationService) -> None:
    reply = service.respond("stated", "We are a US clinic summarising patient records; vendor APIs are fine; "
                                      "about 200 requests a day; budget $2000 a month.")
    assert reply.recommendation is not None and reply.recommendation["primary"]["deployment"] == "api"
    assert "Why an API is allowed for regulated data" in reply.text
    assert "You did not say whether" not in reply.text


def test_eu_fintech_starter_does_not_ask_data_sensitivity_again(service: SyncConversationService) -> None:
    reply = service.respond("fintech", web_starter("fintech"))
    assert reply.profile["data_sensitivity"] == "regulated" and reply.profile["region"] == "eu"
    asked = []
    while reply.question is not None and len(asked) < 6:
        asked.append(reply.question.slot)
        reply = service.respond("fintech", "I don't know")
    assert "data_sensitivity" not in asked
    assert reply.recommendation is not None
