"""Sentences the offline understanding says back about what it assumed, held or refused."""

from __future__ import annotations

UNDERSTAND: dict[str, dict[str, str]] = {
    "understand.volume_per_person": {
        "en": "Volume: {rate} per person × {people}.",
        "ja": "件数は1人あたり{rate}件 × {people}として計算しました。",
    },
    "understand.volume_range_upper": {
        "en": "A range was given; the upper end is used so capacity is not undersized.",
        "ja": "件数は幅で伺ったため、処理能力が不足しないよう上限の値を使います。",
    },
    "understand.volume_approx": {
        "en": 'A vague amount ("a few", "several") is read at its upper end; say the figure if you know it.',
        "ja": "「数百」などのおおよその数は多めに見積もりました。正確な数が分かれば教えてください。",
    },
    "understand.volume_per_week": {
        "en": "Volume per week converted to per day.",
        "ja": "件数を週単位から1日あたりに換算しました。",
    },
    "understand.volume_per_month": {
        "en": "Volume per month converted to per day.",
        "ja": "件数を月単位から1日あたりに換算しました。",
    },
    "understand.volume_per_quarter": {
        "en": "Volume per quarter converted to per day.",
        "ja": "件数を四半期単位から1日あたりに換算しました。",
    },
    "understand.volume_per_year": {
        "en": "Volume per year converted to per day.",
        "ja": "件数を年単位から1日あたりに換算しました。",
    },
    "understand.volume_per_hour": {
        "en": "Volume per hour converted to per day as if it ran all day (a peak-safe estimate).",
        "ja": "1時間あたりの件数を、終日続くものとして1日あたりに換算しました（ピークに備えた見積もり）。",
    },
    "understand.mau_no_volume": {
        "en": "{mau} monthly active users but no request volume: how many requests does a user make a day?",
        "ja": "月間アクティブユーザー{mau}人と伺いましたが、件数が分かりません。1人1日あたり何回使いますか？",
    },
    "understand.invalid_negative": {
        "en": "A negative number for {slot} can't be used; nothing was changed. Please give it again.",
        "ja": "{slot}にマイナスの数は使えないため、変更していません。もう一度教えてください。",
    },
    "understand.invalid_too_large": {
        "en": "The number for {slot} is too large to be real; nothing was changed. Please give it again.",
        "ja": "{slot}の数が大きすぎるため、変更していません。もう一度教えてください。",
    },
    "understand.hold_loosening": {
        "en": "Not applied yet: {field} would become less strict than you stated. Please confirm it yourself.",
        "ja": "まだ反映していません: {field}がお伺いした条件より緩くなるため、ご本人の確認をお願いします。",
    },
    "understand.hearsay": {
        "en": "What others are said to allow, or text written as a system or developer note, does not change your constraints.",
        "ja": "他の方の発言の伝聞や、システム・開発者の指示のような文では、制約を変更しません。",
    },
    "understand.classified": {
        "en": "'Classified' read as security-classified data: it stays offline (air-gapped).",
        "ja": "「秘密区分」の情報として扱い、インターネットから隔離された環境を前提にしました。",
    },
    "understand.residency_domestic": {
        "en": "'In the country' read as Japan.",
        "ja": "「国内」は日本国内として扱いました。",
    },
    "understand.hard_signal": {
        "en": "Not clear yet ({topics}); I'll ask, and until then the stricter reading applies.",
        "ja": "まだはっきりしない点（{topics}）は確認します。それまでは厳しい側の条件で考えます。",
    },
}
