"""Why a candidate ranks where it does, hardware-plan notes, cost bases and the facts cited as sources."""

from __future__ import annotations

RANKING: dict[str, dict[str, str]] = {
    # --- candidate reasons (scoring.py) ---------------------------------------------------------
    "why.task_fit": {"en": "Task fit: {tiers}.", "ja": "タスク適合: {tiers}。"},
    "why.tier": {"en": "{task} {tier}/5", "ja": "{task} {tier}/5"},
    "why.tier_unrated": {"en": "{task} not rated (weak)", "ja": "{task} 評価なし(弱いとみなす)"},
    "why.japanese": {"en": "Japanese: {level}.", "ja": "日本語性能: {level}。"},
    "why.japanese_specialised": {"en": "Japanese: {level} (Japanese-specialised).",
                                 "ja": "日本語性能: {level}(日本語特化モデル)。"},
    "why.japanese_ungraded": {"en": "Japanese ability not graded in the knowledge base.",
                              "ja": "ナレッジベースに日本語性能の評価がありません。"},
    "why.cost": {"en": "About {cost}/month.", "ja": "月額 約 {cost}。"},
    "why.cost_budget": {"en": "About {cost}/month against your {budget} budget.",
                        "ja": "月額 約 {cost}(予算 {budget} の範囲内)。"},
    "why.cost_over": {"en": "About {cost}/month against your {budget} budget (over budget).",
                      "ja": "月額 約 {cost}(予算 {budget} を超過)。"},
    "why.reasoning_model": {
        "en": "Reasoning model: thinks before answering, so replies are slower and cost more tokens.",
        "ja": "推論モデル: 回答前に思考するため、応答が遅く、トークン消費も多くなります。",
    },
    "why.api": {"en": "Runs as an API at {provider}: no hardware to operate.",
                "ja": "{provider} の API で利用: 運用するハードウェアは不要です。"},
    "why.api_vendor": {"en": "Runs as an API at its vendor: no hardware to operate.",
                       "ja": "ベンダーの API で利用: 運用するハードウェアは不要です。"},
    "why.hosted": {
        "en": "Self-hosted on {count} x {gpu} ({how}) at {quant}: {used} of {available} GB.",
        "ja": "{gpu} × {count}({how})で自社運用、{quant}: {available} GB 中 {used} GB を使用。",
    },
    "why.hosted_speed": {
        "en": "Self-hosted on {count} x {gpu} ({how}) at {quant}: {used} of {available} GB, about {tps} tokens/s "
              "per stream.",
        "ja": "{gpu} × {count}({how})で自社運用、{quant}: {available} GB 中 {used} GB を使用、"
              "1 ストリームあたり約 {tps} トークン/秒。",
    },
    "why.mlops": {
        "en": "Self-hosting needs ML-ops skills (serving, updates, monitoring, security patches).",
        "ja": "自社運用には MLOps のスキル(推論サーバーの運用、更新、監視、セキュリティパッチ適用)が必要です。",
    },
    "why.stale_price": {
        "en": "Its price dates from {as_of} (over {days} days old), so it ranks a little lower until checked.",
        "ja": "価格が {as_of} 時点({days} 日以上前)のため、確認されるまで順位を少し下げています。",
    },
    "why.tight_fit": {
        "en": "Tight fit ({share} of usable memory): little room for longer inputs, more users or other programs.",
        "ja": "メモリに余裕がありません(使用可能メモリの {share})。より長い入力、利用者の増加、"
              "他のプログラムとの同居にはほとんど余地がありません。",
    },
    # --- hardware-plan notes (hardware.py, constraints.py) --------------------------------------
    "note.eight_bit": {
        "en": "{quant} chosen over 16-bit, which fits but would decode only about {tps} tokens/s per stream; "
              "8-bit loses almost no quality.",
        "ja": "16 ビットでも収まりますが 1 ストリームあたり約 {tps} トークン/秒にとどまるため、{quant} を選びました。"
              "8 ビット量子化による品質低下はほぼありません。",
    },
    "note.apple": {
        "en": "Apple unified memory: only ~{share} of {memory} GB is usable by the GPU by default.",
        "ja": "Apple のユニファイドメモリ: 既定では {memory} GB のうち約 {share} しか GPU から使えません。",
    },
    "note.cpu": {
        "en": "CPU-only inference: int4 weights in RAM, expect a few tokens per second at best.",
        "ja": "CPU のみでの推論: int4 の重みを RAM に載せるため、速度は良くても毎秒数トークン程度です。",
    },
    "note.kv_estimated": {
        "en": "KV cache not computable (architecture missing in the knowledge base): a {share}-of-weights "
              "margin stands in.",
        "ja": "ナレッジベースにアーキテクチャ情報がないため KV キャッシュを計算できません。"
              "代わりに重みの {share} を余裕分として見込んでいます。",
    },
    "note.procure": {
        "en": "You listed no hardware: this is the hardware to procure.",
        "ja": "保有ハードウェアの記載がないため、これは調達が必要なハードウェアです。",
    },
    "note.slow": {
        "en": "About {tps} tokens/s per stream: slow for interactive use.",
        "ja": "1 ストリームあたり約 {tps} トークン/秒で、対話用途には遅めです。",
    },
    # --- facts cited with their source (candidate.py, policy.py) --------------------------------
    "fact.model": {"en": "{model}: context window {window} tokens",
                   "ja": "{model}: コンテキスト長 {window} トークン"},
    "fact.model_params": {"en": "{model}: context window {window} tokens, {params}B parameters",
                          "ja": "{model}: コンテキスト長 {window} トークン、パラメータ数 {params}B"},
    "fact.licence": {"en": "Licence {licence}", "ja": "ライセンス: {licence}"},
    "fact.architecture": {"en": "{model} architecture ({layers} layers)",
                          "ja": "{model} のアーキテクチャ({layers} 層)"},
    "fact.price": {"en": "{model} at {provider}: {input} in / {output} out per 1M tokens",
                   "ja": "{model}({provider}): 100 万トークンあたり 入力 {input} / 出力 {output}"},
    "fact.gpu_memory": {"en": "{memory} GB", "ja": "メモリ {memory} GB"},
    "fact.gpu_bandwidth": {"en": "{bandwidth} GB/s", "ja": "帯域 {bandwidth} GB/s"},
    "fact.gpu_tdp": {"en": "{tdp} W", "ja": "TDP {tdp} W"},
    "fact.gpu": {"en": "{gpu}: {specs}", "ja": "{gpu}: {specs}"},
    "fact.rental": {"en": "{gpu} rental at {provider}: {rate}/h", "ja": "{gpu} のレンタル({provider}): {rate}/時間"},
    "fact.kb": {"en": "knowledge base", "ja": "ナレッジベース"},
    "fact.policy": {"en": "{provider}: {training}; {retention}", "ja": "{provider}: {training}、{retention}"},
    "policy.zdr_default": {"en": "zero retention by default", "ja": "既定でデータ保持なし"},
    "policy.zdr_on_request": {"en": "zero retention on request", "ja": "申請によりデータ保持なし"},
    "policy.zdr_no": {"en": "no zero-retention option", "ja": "データ保持ゼロの選択肢なし"},
    "policy.zdr_unknown": {"en": "retention terms unconfirmed", "ja": "データ保持の条件は未確認"},
    "policy.trains": {"en": "trains on customer data by default", "ja": "既定で顧客データを学習に利用"},
    "policy.no_training": {"en": "no training on API data by default", "ja": "既定では API データを学習に利用しない"},
    "policy.training_unknown": {"en": "training policy unconfirmed", "ja": "学習への利用方針は未確認"},
    # --- hardware-fit tool (tools.py) ---------------------------------------------------------
    "fit.no_weights": {"en": "no downloadable weights", "ja": "重みが公開されていません"},
    "fit.no_params": {"en": "parameter count unknown", "ja": "パラメータ数が不明です"},
    "fit.method": {
        "en": "weights x bytes/param + fp16 KV cache + {runtime_share} runtime + {runtime_gb} GB/GPU; MoE sized by "
              "total parameters",
        "ja": "重み × パラメータあたりバイト数 + fp16 の KV キャッシュ + ランタイム {runtime_share} + GPU 1 枚あたり "
              "{runtime_gb} GB。MoE は総パラメータ数で見積もり",
    },
    # --- cost bases (cost.py) -------------------------------------------------------------------
    "cost.api": {
        "en": "{rpd} requests/day x {days} days x ({input_tokens} in @ {input_price} + {output_tokens} out @ "
              "{output_price} per 1M tokens) via {provider}",
        "ja": "1 日 {rpd} リクエスト × {days} 日 ×(入力 {input_tokens} トークン @ {input_price} + 出力 "
              "{output_tokens} トークン @ {output_price}、100 万トークンあたり)、{provider} 経由",
    },
    "cost.cached": {"en": "{share} of input at the cached rate {price}",
                    "ja": "入力の {share} はキャッシュ料金 {price}"},
    "cost.long_context": {"en": "long-context prices apply (input above {tokens} tokens)",
                          "ja": "長コンテキスト料金を適用(入力 {tokens} トークン超)"},
    "cost.batch": {"en": "batch API prices (latency: batch)", "ja": "バッチ API 料金(latency: batch)"},
    "cost.glue": {"en": "; ", "ja": "、"},
    "cost.batch_hours": {"en": "{hours} h/month of batch processing", "ja": "月 {hours} 時間のバッチ処理"},
    "cost.always_on": {"en": "always-on: {replicas} replica(s) x {hours} h/month",
                       "ja": "常時稼働: {replicas} レプリカ × 月 {hours} 時間"},
    "cost.rented": {"en": "{count} x {gpu} rented at {rate}/h ({provider}); {how}",
                    "ja": "{gpu} × {count} をレンタル({provider}、{rate}/時間)、{how}"},
    "cost.owned_no_tdp": {"en": "{count} x {gpu} owned; power draw unknown in the knowledge base",
                          "ja": "{gpu} × {count}(自社保有)、消費電力はナレッジベースに未登録"},
    "cost.power": {
        "en": "{count} x {gpu} {how_owned}: power {tdp} W x {count} x PUE {pue}, {how}, at {kwh}/kWh",
        "ja": "{gpu} × {count}({how_owned}): 電力 {tdp} W × {count} × PUE {pue}、{how}、{kwh}/kWh",
    },
    "cost.how_owned": {"en": "owned", "ja": "自社保有"},
    "cost.how_procure": {"en": "to buy", "ja": "要購入"},
    "cost.throughput": {
        "en": "Throughput: {efficiency} of peak memory bandwidth, {batch} sequences batched, prompt tokens "
              "{speedup}x faster.",
        "ja": "スループットは、メモリ帯域ピークの {efficiency}、同時バッチ {batch} 本、"
              "プロンプト処理は生成の {speedup} 倍速として見積もっています。",
    },
    "cost.owned_zero": {
        "en": "Owned hardware: marginal cost taken as 0 (TDP unknown; amortisation excluded).",
        "ja": "自社保有ハードウェアの限界費用は 0 としています(TDP 不明、減価償却は含めていません)。",
    },
    "cost.sunk": {
        "en": "Hardware amortisation excluded (owned hardware is a sunk cost).",
        "ja": "ハードウェアの減価償却は含めていません(保有済みハードウェアは埋没費用です)。",
    },
    "cost.purchase": {
        "en": "Purchase price of the hardware excluded (not in the knowledge base).",
        "ja": "ハードウェアの購入費は含めていません(ナレッジベースに価格がありません)。",
    },
}
