"""English utterances -> exact profile updates (table-driven, offline, no knowledge base)."""

from __future__ import annotations

from typing import Any

import pytest

from advisor.agent.understand import understand

CASES: list[tuple[str, dict[str, Any], str, list[str]]] = [
    ("We're an EU fintech; we need to extract fields from scanned invoices (images), about 2,000 a day, confidential data, APIs OK if they don't train on our data, budget $3k/month.",
     {'data_sensitivity': 'confidential', 'deployment': 'any', 'tasks': ['extraction', 'vision'], 'region': 'eu', 'needs': ['vision'], 'budget_usd_month': 3000, 'volume': {'requests_per_day': 2000},
      'vendor_requirements': ['no_training']},  # the condition on the API is now a profile field (contract 2026-11-30)
     'inform', []),
    ('We need to summarize internal documents, about 500 requests per day, each around 3k tokens in and 300 out.',
     {'data_sensitivity': 'internal', 'tasks': ['summarization'], 'volume': {'requests_per_day': 500, 'input_tokens': 3000, 'output_tokens': 300}},
     'inform', []),
    ("Our data is customer data, so it's confidential. We have two RTX 4090s.",
     {'data_sensitivity': 'confidential', 'hardware': [{'gpu': 'RTX 4090', 'count': 2}]},
     'inform', []),
    ("We're a US hospital; patient records are PHI under HIPAA. Must run on-prem, air-gapped.",
     {'data_sensitivity': 'regulated', 'regulations': ['hipaa'], 'deployment': 'air_gapped', 'region': 'us'},
     'inform', []),
    ('Budget is around €500/month, we are based in Germany.',
     {'region': 'eu', 'budget': {'amount': 500, 'currency': 'EUR', 'period': 'month'}},
     'inform', []),
    ("It's for a research project only, non-commercial.",
     {'commercial_use': False},
     'inform', []),
    ('We need to process 200k-token contracts, about 50 a month.',
     {'volume': {'requests_per_day': 1.67}, 'context_tokens': 200000},
     'inform', []),
    ("No GPUs, and we can't rent.",
     {'can_rent_gpus': False, 'hardware': []},
     'inform', []),
    ('We serve 900M MAU.',
     {'monthly_active_users': 900000000},
     'inform', []),
    ("It's public data, APIs are fine.",
     {'data_sensitivity': 'public', 'deployment': 'any'},
     'inform', []),
    ('Our budget is $2k a month, maybe up to $3k.',
     {'budget_usd_month': 3000},
     'inform', []),
    ('We want to classify support tickets by urgency and route them.',
     {'tasks': ['classification']},
     'inform', []),
    ('translate product descriptions from English into Japanese, French and German',
     {'tasks': ['translation'], 'languages': ['en', 'ja', 'fr', 'de']},
     'inform', []),
    ('we need JSON output and function calling for an agent that books meetings',
     {'tasks': ['agents'], 'needs': ['json_output', 'tool_calling']},
     'inform', []),
    ("we'd like to fine-tune on our own data",
     {'needs': ['fine_tuning']},
     'inform', []),
    ('context of 32k tokens is enough',
     {'context_tokens': 32000},
     'inform', []),
    ('We have 8x H100 in our own data center.',
     {'deployment': 'on_prem', 'hardware': [{'gpu': 'H100', 'count': 8}]},
     'inform', []),
    ('We have a MacBook Pro M2 16GB, nothing else.',
     {'hardware': [{'gpu': 'M2 16GB', 'count': 1}]},
     'inform', []),
    ('Two A100 80GB cards, on-prem.',
     {'deployment': 'on_prem', 'hardware': [{'gpu': 'A100 80GB', 'count': 2}]},
     'inform', []),
    ('We can rent GPUs in the cloud if needed.',
     {'can_rent_gpus': True},
     'inform', []),
    ('The model has to run in our own AWS account (VPC), no external APIs.',
     {'deployment': 'private_cloud', 'cloud_provider': 'aws'},
     'inform', []),
    ('Our network is air-gapped, no internet access at all.',
     {'deployment': 'air_gapped'},
     'inform', []),
    ('We want a customer support chatbot that answers questions from our FAQ, real-time.',
     {'tasks': ['chat'], 'latency': 'interactive'},
     'inform', []),
    ('Batch processing overnight is fine, no rush.',
     {'latency': 'batch'},
     'inform', []),
    ('We need a coding assistant for code review in our SaaS product.',
     {'tasks': ['coding'], 'commercial_use': True},
     'inform', []),
    ('The budget is $36,000 a year.',
     {'budget': {'amount': 36000, 'currency': 'USD', 'period': 'year'}},
     'inform', []),
    ('Around 10k requests per month.',
     {'volume': {'requests_per_day': 333}},
     'inform', []),
    ('Each document is about 100 pages.',
     {'context_tokens': 50000},
     'inform', []),
    ('Inputs are up to 128k tokens of context.',
     {'context_tokens': 128000},
     'inform', []),
    ('We expect 50,000 monthly active users.',
     {'monthly_active_users': 50000},
     'inform', []),
    ("We're a UK law firm handling privileged client documents.",
     {'data_sensitivity': 'confidential', 'region': 'uk'},
     'inform', []),
    ('Credit card data is involved, so PCI DSS applies.',
     {'data_sensitivity': 'regulated', 'regulations': ['pci_dss']},
     'inform', []),
    ('Data is public web pages; we want to summarize news articles.',
     {'data_sensitivity': 'public', 'tasks': ['summarization']},
     'inform', []),
    ('We process medical records for a clinic in California.',
     {'data_sensitivity': 'regulated'},
     'inform', []),
    ('Our documents are internal only, nothing confidential.',
     {'data_sensitivity': 'internal'},
     'inform', []),
    ('We need to analyze financial reports and reason about trends.',
     {'tasks': ['reasoning']},
     'inform', []),
    ('Write marketing copy and blog posts in English and Japanese.',
     {'tasks': ['creative'], 'languages': ['en', 'ja']},
     'inform', []),
    ('OCR on handwritten forms, then extract the fields into JSON.',
     {'tasks': ['vision', 'extraction'], 'needs': ['json_output', 'vision']},
     'inform', []),
    ('Build an agent that calls our internal APIs to automate workflows.',
     {'tasks': ['agents'], 'needs': ['tool_calling']},
     'inform', []),
    ('Search over our internal wiki and answer employee questions (RAG).',
     {'data_sensitivity': 'internal', 'tasks': ['rag', 'chat']},
     'inform', []),
    ("We don't have any GPUs.",
     {'hardware': []},
     'inform', []),
    ('We have 4 L40S GPUs.',
     {'hardware': [{'gpu': 'L40S', 'count': 4}]},
     'inform', []),
    ('We have an RTX 3090 and a 4090.',
     {'hardware': [{'gpu': 'RTX 3090', 'count': 1}, {'gpu': 'RTX 4090', 'count': 1}]},
     'inform', []),
    ('budget under $500/month',
     {'budget_usd_month': 500},
     'inform', []),
    ('about 1,500 requests a day with 800 output tokens each',
     {'volume': {'requests_per_day': 1500, 'output_tokens': 800}},
     'inform', []),
    ("We're a Japanese company in Tokyo.",
     {'region': 'jp'},
     'inform', []),
    ('It must stay on our laptops, run locally.',
     {'deployment': 'on_prem'},
     'inform', []),
    ('Cloud APIs are okay for this.',
     {'deployment': 'any'},
     'inform', []),
    ("We're not sure about the budget yet.",
     {},
     'inform', ['budget']),
    ("I have no idea how many requests we'll get.",
     {},
     'inform', ['volume']),
    ('email drafting is fine on an API but contract search is confidential',
     {'data_sensitivity': 'confidential', 'tasks': ['creative', 'rag'], 'workloads': [{'name': 'email drafting', 'tasks': ['creative'], 'data_sensitivity': 'internal', 'deployment': 'any'}, {'name': 'contract search', 'tasks': ['rag'], 'data_sensitivity': 'confidential'}]},
     'inform', []),
    ('Commercial use, of course.',
     {'commercial_use': True},
     'inform', []),
    ('Latency-sensitive: responses within 2 seconds.',
     {'latency': 'interactive'},
     'inform', []),
    ("We're a startup building a SaaS product; we'd like to keep costs under $200 a month.",
     {'commercial_use': True, 'budget_usd_month': 200},
     'inform', []),
    ('Our legal team wants to review NDAs and contracts up to 80 pages.',
     {'data_sensitivity': 'confidential', 'context_tokens': 40000},
     'inform', []),
    ('We have a single A10G on AWS.',
     {'hardware': [{'gpu': 'A10G', 'count': 1}]},
     'inform', []),
    ('It will be used by about 2000 employees internally.',
     {'monthly_active_users': 2000},
     'inform', []),
    ("The content is already public on our website, so privacy isn't a concern.",
     {'data_sensitivity': 'public'},
     'inform', []),
    ('We are in healthcare in the EU so GDPR and the EU AI Act apply.',
     {'regulations': ['gdpr', 'eu_ai_act'], 'region': 'eu'},
     'inform', []),
    ("We'd prefer open-weights models we can host ourselves in our VPC.",
     {'deployment': 'private_cloud'},
     'inform', []),
    ('Can you do it for less than ¥100,000 per month?',
     {'budget': {'amount': 100000, 'currency': 'JPY', 'period': 'month'}},
     'inform', []),
    ('We get roughly 20 support emails an hour.',
     {'volume': {'requests_per_day': 480}},
     'inform', []),
]


@pytest.mark.parametrize(("text", "updates", "intent", "unknown"), CASES, ids=[c[0][:30] for c in CASES])
def test_english_utterance(text: str, updates: dict[str, Any], intent: str, unknown: list[str]) -> None:
    u = understand(text)
    assert u.updates == updates
    assert u.intent == intent
    assert u.unknown_slots == unknown
    assert u.lang == "en"
    assert u.ignored == []


def test_table_is_large_enough() -> None:
    assert len(CASES) >= 45


def test_condition_on_training_is_noted() -> None:
    u = understand("APIs OK if they don't train on our data")
    assert u.updates == {"deployment": "any", "vendor_requirements": ["no_training"]}
    assert u.notes == ["APIs only from providers that do not train on customer data."]


def test_pages_conversion_is_noted() -> None:
    u = understand("Each document is about 100 pages.")
    assert u.notes == ["Pages converted at about 500 tokens a page."]


def test_negated_sensitivity_does_not_count() -> None:
    assert understand("The data is not confidential.").updates == {}
    assert understand("It isn't really sensitive, it's internal docs").updates == {"data_sensitivity": "internal"}


def test_unit_prices_are_not_budgets() -> None:
    assert understand("GPT-4o costs $2.5 per 1M tokens").updates == {}


def test_lower_case_us_is_a_pronoun_not_a_region() -> None:
    assert "region" not in understand("Help us summarize meeting notes").updates
    assert understand("We're based in the US").updates == {"region": "us"}
