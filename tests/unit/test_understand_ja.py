"""Japanese utterances -> exact profile updates (table-driven, offline, no knowledge base)."""

from __future__ import annotations

from typing import Any

import pytest

from advisor.agent.understand import understand

CASES: list[tuple[str, dict[str, Any], str, list[str]]] = [
    (
        "患者のカルテを要約したい。A100 80GBが2枚あり、オンプレで運用。予算は月30万円、1日500件程度。",
        {
            "data_sensitivity": "regulated",
            "regulations": ["appi"],
            "deployment": "on_prem",
            "tasks": ["summarization"],
            "budget": {"amount": 300000, "currency": "JPY", "period": "month"},
            "volume": {"requests_per_day": 500},
            "hardware": [{"gpu": "A100 80GB", "count": 2}],
        },
        "inform",
        [],
    ),
    (
        "社内文書の検索システムを作りたい。データは社外秘です。",
        {"data_sensitivity": "confidential", "tasks": ["rag"]},
        "inform",
        [],
    ),
    (
        "顧客からの問い合わせ対応にチャットボットを使いたい。1日1000件くらい、月額5万円以内で。",
        {
            "tasks": ["chat"],
            "budget": {"amount": 50000, "currency": "JPY", "period": "month"},
            "volume": {"requests_per_day": 1000},
        },
        "inform",
        [],
    ),
    (
        "英語の技術文書を日本語に翻訳したい。公開情報なので外部APIも可。",
        {
            "data_sensitivity": "public",
            "deployment": "any",
            "tasks": ["translation"],
            "languages": ["en", "ja"],
        },
        "inform",
        [],
    ),
    (
        "研究目的で、論文の要約をしたい。GPUはないがクラウドGPUを借りられる。",
        {"tasks": ["summarization"], "commercial_use": False, "can_rent_gpus": True, "hardware": []},
        "inform",
        [],
    ),
    (
        "閉域環境で動かす必要があります。H100が8台あります。",
        {"deployment": "air_gapped", "hardware": [{"gpu": "H100", "count": 8}]},
        "inform",
        [],
    ),
    (
        "RTX 4090を1枚持っています。コード補完に使いたい。",
        {"tasks": ["coding"], "hardware": [{"gpu": "RTX 4090", "count": 1}]},
        "inform",
        [],
    ),
    (
        "予算は年間360万円です。",
        {"budget": {"amount": 3600000, "currency": "JPY", "period": "year"}},
        "inform",
        [],
    ),
    (
        "月間アクティブユーザー9億人のサービスに組み込みたい",
        {"monthly_active_users": 900000000},
        "inform",
        [],
    ),
    (
        "1件あたり約3000文字、回答は500トークン程度",
        {"volume": {"input_tokens": 3000, "output_tokens": 500}},
        "inform",
        [],
    ),
    ("20万トークンの契約書を読ませたい", {"context_tokens": 200000}, "inform", []),
    ("100ページのPDFを要約", {"tasks": ["summarization"], "context_tokens": 50000}, "inform", []),
    (
        "EU圏の顧客向けに、GDPR対応が必要です",
        {"regulations": ["gdpr"], "region": "eu", "commercial_use": True},
        "inform",
        [],
    ),
    (
        "図面の画像から部品表を抽出したい",
        {"tasks": ["vision", "extraction"], "needs": ["vision"]},
        "inform",
        [],
    ),
    (
        "エージェントとしてツール呼び出しもさせたい",
        {"tasks": ["agents"], "needs": ["tool_calling"]},
        "inform",
        [],
    ),
    ("夜間バッチで処理するのでリアルタイム性は不要", {"latency": "batch"}, "inform", []),
    (
        "JSON形式で出力したい。ファインチューニングもしたい。",
        {"needs": ["json_output", "fine_tuning"]},
        "inform",
        [],
    ),
    ("個人情報は含まないので機密ではありません", {"data_sensitivity": "public"}, "inform", []),
    (
        "クレジットカード情報を扱います",
        {"data_sensitivity": "regulated", "regulations": ["pci_dss"]},
        "inform",
        [],
    ),
    (
        "医療機関で患者情報を扱う。HIPAAではなく日本の個人情報保護法が対象。",
        {"data_sensitivity": "regulated", "regulations": ["appi"], "region": "jp"},
        "inform",
        [],
    ),
    ("MacBook Pro M2 16GBしかありません", {"hardware": [{"gpu": "M2 16GB", "count": 1}]}, "inform", []),
    (
        "自社のAWS環境でのみ運用可能。外部APIは使えない。",
        {"deployment": "private_cloud", "cloud_provider": "aws"},
        "inform",
        [],
    ),
    ("商用利用します", {"commercial_use": True}, "inform", []),
    ("月に1万リクエストくらいです", {"volume": {"requests_per_day": 333}}, "inform", []),
    ("予算は3万円くらい", {"budget": {"amount": 30000, "currency": "JPY", "period": "month"}}, "inform", []),
    (
        "予算は月10〜20万円",
        {"budget": {"amount": 200000, "currency": "JPY", "period": "month"}},
        "inform",
        [],
    ),
    (
        "１日５００件、予算は月３万円",
        {
            "budget": {"amount": 30000, "currency": "JPY", "period": "month"},
            "volume": {"requests_per_day": 500},
        },
        "inform",
        [],
    ),
    ("GPUは持っていません", {"hardware": []}, "inform", []),
    ("H100を8枚レンタルできる", {"can_rent_gpus": True}, "inform", []),
    ("インターネット接続なしの環境です", {"deployment": "air_gapped"}, "inform", []),
    ("エアギャップ環境で使いたい", {"deployment": "air_gapped"}, "inform", []),
    ("自社クラウドで動かしたい", {"deployment": "private_cloud"}, "inform", []),
    ("外部APIでOKです", {"deployment": "any"}, "inform", []),
    (
        "社内のマニュアルを検索して回答するRAGを作りたい",
        {"data_sensitivity": "internal", "tasks": ["rag"]},
        "inform",
        [],
    ),
    ("会議の議事録を要約したい", {"tasks": ["summarization"]}, "inform", []),
    ("日英翻訳をしたい", {"tasks": ["translation"], "languages": ["ja", "en"]}, "inform", []),
    ("問い合わせメールを分類して担当部署に振り分けたい", {"tasks": ["classification"]}, "inform", []),
    ("請求書から金額と日付を抽出したい", {"tasks": ["extraction"]}, "inform", []),
    ("SQLのコードを書かせたい", {"tasks": ["coding"]}, "inform", []),
    ("売上データを分析して考察を出したい", {"tasks": ["reasoning"]}, "inform", []),
    ("キャッチコピーを作成したい", {"tasks": ["creative"]}, "inform", []),
    ("リアルタイムで応答する必要がある", {"latency": "interactive"}, "inform", []),
    ("思考過程も見たい", {"needs": ["reasoning_trace"]}, "inform", []),
    ("長文の契約書を扱うので長いコンテキストが必要", {"needs": ["long_context"]}, "inform", []),
    ("予算は月に5000ドルです", {"budget_usd_month": 5000}, "inform", []),
    (
        "予算は月額1000ユーロ",
        {"budget": {"amount": 1000, "currency": "EUR", "period": "month"}},
        "inform",
        [],
    ),
    ("1日あたり2万件のリクエストがあります", {"volume": {"requests_per_day": 20000}}, "inform", []),
    ("週に700件ほど処理します", {"volume": {"requests_per_day": 100}}, "inform", []),
    ("コンテキストは3万2千トークン程度", {"context_tokens": 32000}, "inform", []),
    (
        "マイナンバーを含む書類を処理します",
        {"data_sensitivity": "regulated", "regulations": ["appi"]},
        "inform",
        [],
    ),
    ("社外秘ではないが社内限定の資料です", {"data_sensitivity": "internal"}, "inform", []),
    ("ドイツの会社です", {"region": "eu"}, "inform", []),
    ("米国の顧客向けサービスです", {"region": "us", "commercial_use": True}, "inform", []),
    ("日本国内で運用する必要がある", {"region": "jp"}, "inform", []),
    (
        "RTX 3090が2台とRTX 4090が1台あります",
        {"hardware": [{"gpu": "RTX 3090", "count": 2}, {"gpu": "RTX 4090", "count": 1}]},
        "inform",
        [],
    ),
    ("A100 40GBを4枚持っています", {"hardware": [{"gpu": "A100 40GB", "count": 4}]}, "inform", []),
    ("わからない", {}, "other", []),
    ("予算はまだ決まっていない", {}, "inform", ["budget"]),
    ("件数は不明です", {}, "inform", ["volume"]),
    (
        "メールの下書きはAPIでいいが、仕様書検索は社外秘",
        {
            "data_sensitivity": "confidential",
            "tasks": ["creative", "rag"],
            "workloads": [
                {
                    "name": "メールの下書き",
                    "tasks": ["creative"],
                    "data_sensitivity": "internal",
                    "deployment": "any",
                },
                {"name": "仕様書検索", "tasks": ["rag"], "data_sensitivity": "confidential"},
            ],
        },
        "inform",
        [],
    ),
    ("うちのデータは公開情報です", {"data_sensitivity": "public"}, "inform", []),
    ("コストは気にしないで", {}, "other", []),
    ("非商用の研究用途です", {"commercial_use": False}, "inform", []),
    (
        "弊社は製造業で、社内の技術資料を検索できるチャットボットを作りたいです。機密情報を含むのでクラウドには出せません。",
        {
            "data_sensitivity": "confidential",
            "deployment": "on_prem",
            "tasks": ["rag", "chat"],
        },  # クラウド不可 = own servers (issue 11)
        "inform",
        [],
    ),
    (
        "コールセンターの通話記録を要約して、月に3万件ほど処理したい",
        {"tasks": ["summarization"], "volume": {"requests_per_day": 1000}},
        "inform",
        [],
    ),
    (
        "個人情報を含む顧客データを扱うので、国内のデータセンターで運用したい",
        {"data_sensitivity": "confidential", "regulations": ["appi"], "region": "jp", "residency": ["jp"]},
        "inform",
        [],
    ),
    (
        "予算は特に決まっていませんが、月10万円程度を想定しています",
        {"budget": {"amount": 100000, "currency": "JPY", "period": "month"}},
        "inform",
        [],
    ),
    (
        "GPUはRTX 4090が4枚あります。Llama 3.3 70Bは動きますか？",
        {"hardware": [{"gpu": "RTX 4090", "count": 4}]},
        "inform",
        [],
    ),
    ("オープンソースのモデルで、商用利用可能なものが良い", {"commercial_use": True}, "inform", []),
    ("回答は日本語で、出力はJSON形式にしたい", {"languages": ["ja"], "needs": ["json_output"]}, "inform", []),
    (
        "1リクエストあたり入力5000トークン、出力1000トークンくらい",
        {"volume": {"input_tokens": 5000, "output_tokens": 1000}},
        "inform",
        [],
    ),
    ("最長で300ページの仕様書を読み込ませたい", {"context_tokens": 150000}, "inform", []),
    (
        "年間予算は1000万円です",
        {"budget": {"amount": 10000000, "currency": "JPY", "period": "year"}},
        "inform",
        [],
    ),
    ("金融機関なのでFISCの安全対策基準に準拠が必要です", {"regulations": ["fisc"]}, "inform", []),
    ("Azure OpenAIなら使えます", {"deployment": "any"}, "inform", []),
    (
        "ローカルで動かしたい。MacBook Pro M3 Max 128GBがあります",
        {"deployment": "on_prem", "hardware": [{"gpu": "M3 Max 128GB", "count": 1}]},
        "inform",
        [],
    ),
    ("APIは使えない", {"deployment": "private_cloud"}, "inform", []),
    (
        "社内の規程集をRAGで検索したい。1日200件、公開情報ではない。",
        {"data_sensitivity": "internal", "tasks": ["rag"], "volume": {"requests_per_day": 200}},
        "inform",
        [],
    ),
    (
        "社内ヘルプデスクの一次回答をAIに任せたい。社員は3000人です。",
        {"tasks": ["chat"], "monthly_active_users": 3000},
        "inform",
        [],
    ),
    ("マニュアルのPDFは最大で500ページあります", {"context_tokens": 250000}, "inform", []),
    ("出力は1回あたり300トークン程度で十分です", {"volume": {"output_tokens": 300}}, "inform", []),
    (
        "個人情報は扱いません。公開されているニュース記事の要約です。",
        {"data_sensitivity": "public", "tasks": ["summarization"]},
        "inform",
        [],
    ),
    (
        "顧客情報を含むため社外に出せない",
        {
            "data_sensitivity": "confidential",
            "deployment": "on_prem",
        },  # 社外に出せない = own servers (issue 11)
        "inform",
        [],
    ),
    ("自社のGCP上でのみ動かせます", {"deployment": "private_cloud", "cloud_provider": "gcp"}, "inform", []),
    ("予算は月に2000ドルまで", {"budget_usd_month": 2000}, "inform", []),
    (
        "1時間に100件ほどの問い合わせに回答する",
        {"tasks": ["chat"], "volume": {"requests_per_day": 2400}},
        "inform",
        [],
    ),
    ("英語と中国語の翻訳が必要です", {"tasks": ["translation"], "languages": ["en", "zh"]}, "inform", []),
    ("ソースコードのレビューとテストコード生成に使いたい", {"tasks": ["coding"]}, "inform", []),
    (
        "手書きの帳票をOCRで読み取ってデータ化したい",
        {"tasks": ["vision", "extraction"], "needs": ["vision"]},
        "inform",
        [],
    ),
    (
        "A100 80GBが8枚載ったサーバーが1台あります",
        {"hardware": [{"gpu": "A100 80GB", "count": 8}]},
        "inform",
        [],
    ),
    (
        "RTX 4090 2枚、オンプレ、予算は年間120万円、1日300件",
        {
            "deployment": "on_prem",
            "budget": {"amount": 1200000, "currency": "JPY", "period": "year"},
            "volume": {"requests_per_day": 300},
            "hardware": [{"gpu": "RTX 4090", "count": 2}],
        },
        "inform",
        [],
    ),
    ("GPUは無いのでクラウドGPUを借りる予定です", {"can_rent_gpus": True, "hardware": []}, "inform", []),
    ("レンタルは不可です", {"can_rent_gpus": False}, "inform", []),
    ("研究用途なので商用利用はしません", {"commercial_use": False}, "inform", []),
]


@pytest.mark.parametrize(("text", "updates", "intent", "unknown"), CASES, ids=[c[0][:30] for c in CASES])
def test_japanese_utterance(text: str, updates: dict[str, Any], intent: str, unknown: list[str]) -> None:
    u = understand(text)
    assert u.updates == updates
    assert u.intent == intent
    assert u.unknown_slots == unknown
    assert u.lang == "ja"
    assert u.ignored == []


def test_table_is_large_enough() -> None:
    assert len(CASES) >= 55


def test_full_width_digits_read_as_numbers() -> None:
    assert understand("ＲＴＸ４０９０を２枚").updates == {"hardware": [{"gpu": "RTX4090", "count": 2}]}
    assert understand("１日５００件").updates == {"volume": {"requests_per_day": 500}}


def test_kanji_numerals_for_counts() -> None:
    assert understand("H100を八枚持っています").updates == {"hardware": [{"gpu": "H100", "count": 8}]}


def test_yearly_budget_is_noted() -> None:
    u = understand("予算は年間360万円です。")
    assert u.notes == ["年間予算は12か月で割って月額として比較します。"]


def test_range_takes_upper_end_and_says_so() -> None:
    u = understand("予算は月10〜20万円")
    assert u.updates["budget"]["amount"] == 200000
    assert any("上限" in n for n in u.notes)


def test_health_data_in_japan_adds_appi_with_a_note() -> None:
    u = understand("患者のカルテを要約したい")
    assert u.updates["regulations"] == ["appi"]
    assert any("個人情報保護法" in n for n in u.notes)


def test_rentable_gpus_are_not_owned_hardware() -> None:
    u = understand("H100を8枚レンタルできる")
    assert u.updates == {"can_rent_gpus": True}
    assert any("レンタル" in n for n in u.notes)
