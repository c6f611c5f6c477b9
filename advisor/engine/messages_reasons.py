"""Why a model is excluded (hard constraints, provider data policies, licences), licence conditions,
and the diagnosis when nothing qualifies."""

from __future__ import annotations

REASONS: dict[str, dict[str, str]] = {
    # --- model-level hard constraints (constraints.py) ------------------------------------------
    "ex.context": {
        "en": "{model} holds at most {window} tokens; your longest input ({longest}) plus the answer ({answer}) "
              "needs {need}.",
        "ja": "{model} のコンテキストは最大 {window} トークンです。最長入力({longest})と回答({answer})で "
              "{need} トークン必要です。",
    },
    "ex.no_image": {
        "en": "{model} does not accept images, which your task needs.",
        "ja": "{model} は画像入力に対応していません(タスクに画像入力が必要です)。",
    },
    "ex.cap_undocumented": {
        "en": "{capability} is not documented for {model}; you need it.",
        "ja": "{model} が{capability}に対応しているか確認できません(必要な機能です)。",
    },
    "ex.cap_unsupported": {
        "en": "{capability} is not supported for {model}; you need it.",
        "ja": "{model} は{capability}に対応していません(必要な機能です)。",
    },
    "ex.retired_everywhere": {
        "en": "{model} is shut down on every platform offering it (the last on {date}).",
        "ja": "{model} は提供されていたすべての基盤で提供が終了しています(最後は {date})。",
    },
    "ex.retired_at": {
        "en": "{model} is shut down at {provider} since {date}.",
        "ja": "{model} は {provider} で {date} に提供が終了しています。",
    },
    "ex.successor": {
        "en": "Its successor is {successor}.",
        "ja": "後継は {successor} です。",
    },
    "warn.deprecated": {
        "en": "{model} is deprecated at {provider}: it shuts down on {date}.",
        "ja": "{model} は {provider} で非推奨となり、{date} に提供終了予定です。",
    },
    "warn.deprecated_since": {
        "en": "{model} is deprecated at {provider} since {date}; no shutdown date is announced yet.",
        "ja": "{model} は {provider} で {date} から非推奨です(提供終了日は未発表です)。",
    },
    "warn.move_to": {
        "en": "Plan the move to {successor}.",
        "ja": "{successor} への移行を計画してください。",
    },
    "warn.move_any": {
        "en": "Plan a move to another model.",
        "ja": "別のモデルへの移行を計画してください。",
    },
    "ex.api_ruled_out": {
        "en": "Vendor APIs are ruled out by your deployment '{deployment}'; {model} has no downloadable weights.",
        "ja": "利用形態が「{deployment}」のためベンダー API は使えず、{model} は重みが公開されていません。",
    },
    "ex.no_api_price": {
        "en": "No API price for {model} in the knowledge base.",
        "ja": "ナレッジベースに {model} の API 価格がありません。",
    },
    "ex.too_big_owned": {
        "en": "{model} needs about {need} GB even at int4 (weights, KV cache for {tokens} tokens, runtime); "
              "your {have} cannot hold it.",
        "ja": "{model} は int4 に量子化しても約 {need} GB 必要です(重み、{tokens} トークン分の KV キャッシュ、"
              "ランタイム)。お手持ちの {have}には収まりません。",
    },
    "ex.owned_gpu": {
        "en": "{count} x {gpu} ({usable} GB usable)",
        "ja": "{gpu} × {count}(使用可能 {usable} GB)",
    },
    "ex.too_big_none": {
        "en": "{model} needs about {need} GB at int4 and no suitable hardware is available to you.",
        "ja": "{model} は int4 で約 {need} GB 必要ですが、利用できる適切なハードウェアがありません。",
    },
    "ex.no_rental": {
        "en": "GPU rental is ruled out.",
        "ja": "GPU のレンタルも対象外です。",
    },
    "ex.no_params": {
        "en": "{model}'s parameter count is not in the knowledge base, so its memory cannot be sized.",
        "ja": "ナレッジベースに {model} のパラメータ数がないため、必要メモリを見積もれません。",
    },
    "ex.no_route": {
        "en": "No way to run {model} is available to you.",
        "ja": "{model} を実行できる手段がありません。",
    },
    # --- provider data policies (policy.py) -----------------------------------------------------
    "ex.not_metered": {
        "en": "{provider} is a {kind}, not a metered API.",
        "ja": "{provider} は{kind}であり、従量課金の API ではありません。",
    },
    "ex.training_unconfirmed": {
        "en": "{provider}'s policy on training with customer data is not confirmed, so {sensitivity} data "
              "cannot go there.",
        "ja": "{provider} は顧客データを学習に利用するかどうかが確認できないため、{sensitivity}データは送れません。",
    },
    "ex.trains_by_default": {
        "en": "{provider} trains on customer data by default; {sensitivity} data must not go there.",
        "ja": "{provider} は既定で顧客データを学習に利用するため、{sensitivity}データは送れません。",
    },
    "ex.router": {
        "en": "{provider} routes requests to third parties whose terms vary; {sensitivity} data needs a direct "
              "contract.",
        "ja": "{provider} はリクエストを規約の異なる第三者へ中継します。{sensitivity}データには直接の契約が必要です。",
    },
    "ex.no_zdr": {
        "en": "{provider} offers no confirmed zero-data-retention option, which regulated data needs.",
        "ja": "{provider} にはデータを保持しない(ゼロデータ保持)オプションが確認できません。規制対象データには必須です。",
    },
    "ex.no_baa": {
        "en": "{provider} does not offer a HIPAA Business Associate Agreement (BAA).",
        "ja": "{provider} は HIPAA の事業提携契約(BAA)を提供していません。",
    },
    "ex.no_residency": {
        "en": "{provider} offers no data residency in '{region}', which your regulated data requires.",
        "ja": "{provider} は「{region}」のデータ所在地(データレジデンシー)に対応しておらず、"
              "規制対象データの要件を満たしません。",
    },
    # --- licences (licence.py) ------------------------------------------------------------------
    "ex.no_commercial": {
        "en": "Its licence ({licence}) does not allow commercial use; your use is commercial.",
        "ja": "ライセンス({licence})が商用利用を認めていません。今回の用途は商用です。",
    },
    "ex.commercial_unclear": {
        "en": "Its licence ({licence}) does not clearly grant commercial use (not confirmed in the knowledge "
              "base), so it is not offered for commercial work.",
        "ja": "ライセンス({licence})が商用利用を明確には認めていない(ナレッジベースで未確認)ため、"
              "商用用途には提案しません。",
    },
    "ex.mau_cap": {
        "en": "{licence} requires a separate licence from the vendor above {cap} monthly active users; "
              "you expect {mau}.",
        "ja": "{licence} は月間アクティブユーザーが {cap} 人を超えるとベンダーとの別途ライセンスが必要です。"
              "想定は {mau} 人です。",
    },
    "ex.aup": {
        "en": "{licence}'s acceptable-use policy prohibits {tag}, which matches your stated use ({hits}).",
        "ja": "{licence} の利用規約(AUP)は{tag}を禁じており、ご記載の用途({hits})が該当します。",
    },
    "ex.eu_multimodal": {
        "en": "{licence} grants no rights to the multimodal {model} to individuals or companies domiciled "
              "in the EU.",
        "ja": "{licence} は、EU 域内に所在する個人・企業にマルチモーダルの {model} を利用する権利を付与していません。",
    },
    # --- licence conditions: our labels around the KB's own wording ------------------------------
    "cond.attribution": {"en": "Attribution: {text}", "ja": "帰属表示: {text}"},
    "cond.naming": {"en": "Naming: {text}", "ja": "名称の表示: {text}"},
    "cond.output_use": {"en": "Output use: {text}", "ja": "出力の利用: {text}"},
    "cond.mau_cap": {
        "en": "User cap: a separate licence is needed above {cap} monthly active users.",
        "ja": "利用者数上限: 月間アクティブユーザーが {cap} 人を超える場合は別途ライセンスが必要です。",
    },
    "cond.aup": {
        "en": "Acceptable-use policy prohibits {tag} ({hits} applies to you): keep qualified, accountable "
              "people responsible for the output and its lawful basis.",
        "ja": "利用規約(AUP)は{tag}を禁じています(該当: {hits})。出力とその法的根拠について、"
              "資格を持つ担当者が責任を負う体制にしてください。",
    },
    # --- nothing qualifies (diagnose.py) --------------------------------------------------------
    "diag.none": {
        "en": "No model meets every hard constraint. Most common blockers: {blockers}.",
        "ja": "すべての必須条件を満たすモデルはありません。主な除外理由: {blockers}。",
    },
    "diag.blocker": {"en": "{code} ({count} models)", "ja": "{code}({count} モデル)"},
    "diag.allow_api": {
        "en": "allow vendor APIs (deployment: any) with a provider whose data terms suit your data",
        "ja": "データの取り扱い条件が合うプロバイダーのベンダー API を許可する(deployment: any)",
    },
    "diag.allow_rental": {
        "en": "allow renting cloud GPUs (can_rent_gpus: true)",
        "ja": "クラウド GPU のレンタルを許可する(can_rent_gpus: true)",
    },
    "diag.private_cloud": {
        "en": "use a private cloud account with rented GPUs (deployment: private_cloud)",
        "ja": "レンタル GPU を使うプライベートクラウドで運用する(deployment: private_cloud)",
    },
    "diag.shorten": {
        "en": "shorten the longest input to {tokens} tokens (chunking or retrieval)",
        "ja": "最長入力を {tokens} トークン以下に抑える(チャンク分割や検索で)",
    },
    "diag.drop_need": {"en": "drop the need '{need}'", "ja": "必要機能「{need}」を外す"},
    "diag.drop_region": {"en": "drop the region '{region}' requirement", "ja": "地域「{region}」の要件を外す"},
    "diag.then": {"en": "{fix} (then: {model})", "ja": "{fix}(その場合: {model})"},
    "diag.add_memory": {
        "en": "add GPU memory: the smallest otherwise-qualifying model needs about {need} GB at int4",
        "ja": "GPU メモリを増やす(他の条件を満たす最小のモデルでも int4 で約 {need} GB 必要)",
    },
    "diag.relax": {
        "en": "To get a recommendation, relax one of: {fixes}.",
        "ja": "推奨を得るには、次のいずれかの条件を緩めてください: {fixes}。",
    },
    "diag.fix_glue": {"en": "; ", "ja": " / "},
    "diag.stuck": {
        "en": "No single relaxation helps: revisit the data sensitivity, licence or capability requirements.",
        "ja": "条件を 1 つ緩めるだけでは解決しません。データ機密性、ライセンス、必要機能の要件を見直してください。",
    },
}
