"""Labels for the codes the engine's sentences mention (sensitivity, deployment, task, need, AUP tag...).

English labels keep the profile's own codes where users type them ('on_prem', 'regulated'), so an
English sentence names the value exactly as the profile file does; Japanese gets the domain term.
"""

from __future__ import annotations


def _group(prefix: str, rows: dict[str, tuple[str, str]]) -> dict[str, dict[str, str]]:
    return {f"{prefix}.{k}": {"en": en, "ja": ja} for k, (en, ja) in rows.items()}


LABELS: dict[str, dict[str, str]] = {
    **_group("sens", {
        "public": ("public", "公開"),
        "internal": ("internal", "社内"),
        "confidential": ("confidential", "機密"),
        "regulated": ("regulated", "規制対象"),
    }),
    **_group("dep", {
        "any": ("any", "制限なし(API 可)"),
        "private_cloud": ("private_cloud", "プライベートクラウド"),
        "on_prem": ("on_prem", "オンプレミス"),
        "air_gapped": ("air_gapped", "エアギャップ(閉域)"),
    }),
    **_group("task", {
        "chat": ("chat", "チャット"),
        "summarization": ("summarization", "要約"),
        "rag": ("rag", "RAG"),
        "extraction": ("extraction", "情報抽出"),
        "classification": ("classification", "分類"),
        "translation": ("translation", "翻訳"),
        "coding": ("coding", "コーディング"),
        "reasoning": ("reasoning", "推論"),
        "vision": ("vision", "画像理解"),
        "agents": ("agents", "エージェント"),
        "creative": ("creative", "文章作成"),
    }),
    **_group("need", {
        "tool_calling": ("tool_calling", "ツール呼び出し"),
        "json_output": ("json_output", "JSON 出力"),
        "long_context": ("long_context", "長いコンテキスト"),
        "vision": ("vision", "画像入力"),
        "fine_tuning": ("fine_tuning", "ファインチューニング"),
        "reasoning_trace": ("reasoning_trace", "推論過程の出力"),
    }),
    # a missing capability, at the start of an English sentence
    **_group("cap", {
        "tool_calling": ("Tool calling", "ツール呼び出し"),
        "json_output": ("JSON output", "JSON 出力"),
        "reasoning_trace": ("A reasoning trace", "推論過程の出力"),
        "fine_tuning": ("Fine-tuning", "ファインチューニング"),
    }),
    **_group("jalevel", {
        "native": ("native", "ネイティブ水準"),
        "strong": ("strong", "高い"),
        "good": ("good", "良好"),
        "basic": ("basic", "基礎的"),
        "weak": ("weak", "弱い"),
    }),
    **_group("provkind", {
        "api": ("api", "API"),
        "consumer_app": ("consumer app", "個人向けアプリ"),
        "business_app": ("business app", "法人向けアプリ"),
        "cloud": ("cloud", "クラウド"),
        "inference_host": ("inference host", "推論ホスティング"),
        "router": ("router", "ルーター"),
    }),
    **_group("aup", {
        "automated_legal_decisions": ("automated legal decisions", "法的効果を伴う自動判断"),
        "circumvent_safety": ("circumvent safety", "安全対策の回避"),
        "critical_infrastructure": ("critical infrastructure", "重要インフラでの利用"),
        "defamation": ("defamation", "名誉毀損"),
        "discrimination": ("discrimination", "差別"),
        "disinformation": ("disinformation", "偽情報の流布"),
        "fake_engagement": ("fake engagement", "偽のエンゲージメント"),
        "fraud": ("fraud", "詐欺"),
        "harassment": ("harassment", "ハラスメント"),
        "hate": ("hate", "ヘイト"),
        "illegal_activity": ("illegal activity", "違法行為"),
        "illegal_drugs": ("illegal drugs", "違法薬物"),
        "impersonation": ("impersonation", "なりすまし"),
        "ip_infringement": ("ip infringement", "知的財産権の侵害"),
        "malware": ("malware", "マルウェア"),
        "military": ("military", "軍事利用"),
        "minors_harm": ("minors harm", "未成年者への危害"),
        "self_harm": ("self harm", "自傷行為"),
        "sensitive_personal_data": ("sensitive personal data", "要配慮個人情報の処理"),
        "spam": ("spam", "スパム"),
        "undisclosed_ai_content": ("undisclosed ai content", "AI 生成であることを開示しないコンテンツ"),
        "unlicensed_financial_advice": ("unlicensed financial advice", "無資格での金融助言"),
        "unlicensed_legal_advice": ("unlicensed legal advice", "無資格での法律助言"),
        "unlicensed_medical_advice": ("unlicensed medical advice", "無資格での医療助言"),
        "violence": ("violence", "暴力"),
        "weapons": ("weapons", "兵器"),
    }),
    # reason and warning codes (report labels and the no-candidate diagnosis)
    **_group("code", {
        "sensitivity": ("data sensitivity", "データ機密性"),
        "deployment": ("deployment", "利用形態"),
        "hardware": ("hardware", "ハードウェア"),
        "licence": ("licence", "ライセンス"),
        "mau_cap": ("user cap", "利用者数上限"),
        "region": ("region", "地域"),
        "context": ("context length", "コンテキスト長"),
        "modality": ("modality / capability", "入力形式・機能"),
        "over_budget": ("over budget", "予算超過"),
        "stale_price": ("stale price", "価格情報が古い"),
        "no_candidate": ("no candidate", "該当なし"),
        "licence_condition": ("licence condition", "ライセンス条件"),
    }),
    # how a self-hosted plan gets its GPUs
    **_group("gpuhow", {
        "rented": ("rented", "レンタル"),
        "procure": ("to buy", "要購入"),
        "owned": ("your own", "自社保有"),
    }),
    # task fit of a different model, relative to the one it is compared with
    **_group("fitcmp", {
        "similar": ("similar", "同等"),
        "lower": ("lower", "低め"),
        "higher": ("higher", "高め"),
    }),
    # the conversation service's own sentences (advisor/agent/service.py)
    **_group("service", {
        "welcome": ("Tell me what you want a language model to do — and, if you know them, how sensitive the "
                    "data is, your budget and any GPUs you have.",
                    "どのような用途でLLMを使いたいか教えてください。データの機密度、予算、お持ちのGPUなども分かれば一緒にどうぞ。"),
        "failure": ("Sorry — something went wrong on my side. Your conversation is intact; please try again.",
                    "申し訳ありません。内部エラーが発生しました。会話の状態は保たれています。もう一度お試しください。"),
        "deadline": ("The language model did not answer within {seconds} s; this reply was prepared offline.",
                     "言語モデルが{seconds}秒以内に応答しなかったため、この回答はオフラインで作成しました。"),
        "busy": ("Your previous message in this conversation is still being answered; please send this one again "
                 "in a moment.",
                 "この会話の前のメッセージをまだ処理中です。少し待ってからもう一度送ってください。"),
    }),
}
