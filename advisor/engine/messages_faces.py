"""The words the front ends write themselves (Slack card and App Home, the terminal), as entries of the
engine's message catalogue under the ``slack.`` and ``term.`` prefixes.

Everything else a face shows comes from the service's reply; these are only the frame around it.
The ``slack.ask.*`` rows are what a follow-up button sends to the service as the user's words, so they
must stay phrases the offline understanding reads (tests play each of them in both languages).
"""

from __future__ import annotations

_SLACK: dict[str, tuple[str, str]] = {
    "recommendation": ("Recommendation: {name}", "おすすめ: {name}"),
    "fallback": ("{title} — {deployment}, {cost}", "{title} — {deployment}、{cost}"),
    "no_candidate": ("No model meets every hard constraint", "すべての必須条件を満たすモデルはありません"),
    "why": ("Why", "理由"),
    "cost": ("Monthly cost", "月額コスト"),
    "hardware": ("Hardware fit", "ハードウェア適合"),
    "licence": ("Licence", "ライセンス"),
    "context": ("Context window", "コンテキスト長"),
    "api": ("API via {provider}", "API({provider})"),
    "api_plain": ("API", "API"),
    "self_hosted": ("self-hosted ({quant})", "自社運用({quant})"),
    "self_hosted_on": ("self-hosted on {count} × {gpu} ({quant})", "{gpu} × {count} で自社運用({quant})"),
    "rented": ("rented from {provider}", "{provider} からレンタル"),
    "no_hardware": ("not needed (API)", "不要(API)"),
    "fits": ("fits", "収まる"),
    "no_fit": ("does not fit", "収まらない"),
    "vram": ("{need} of {have} GB", "{have} GB 中 {need} GB"),
    "commercial_ok": ("commercial use allowed", "商用利用可"),
    "commercial_no": ("no commercial use", "商用利用不可"),
    "tokens": ("{count} tokens", "{count} トークン"),
    "per_month": ("{amount} / month", "月 {amount}"),
    "hybrid": ("Hybrid plan", "ハイブリッド構成"),
    "more_caveats": ("{count} more in the report", "ほか {count} 件はレポートに記載"),
    "report_note": (
        "📎 The full report (alternatives, exclusions, assumptions, dated sources) is attached below.",
        "📎 詳しいレポート(代替候補、除外理由、前提、出典と日付)を下に添付します。",
    ),
    "report_title": ("LLM recommendation report: {name}", "LLM 推奨レポート: {name}"),
    "kb": ("Knowledge base {version}", "ナレッジベース {version}"),
    "steps": ("Checked: {steps}", "確認したこと: {steps}"),
    "still": (
        "Still **{name}** — {cost} / month; nothing changed.",
        "引き続き **{name}**(月 {cost})で、変更はありません。",
    ),
    "still_cost": (
        "Still **{name}**; cost {before} → {after} / month.",
        "引き続き **{name}** です。月額 {before} → {after}。",
    ),
    "chose": ("✅ <@{user}> chose: *{label}*", "✅ <@{user}> の回答: *{label}*"),
    "asked": ("↪ <@{user}>: {label}", "↪ <@{user}>: {label}"),
    "stale": (
        "This question was already answered; reply in the thread to change an answer.",
        "この質問には回答済みです。回答を変えるときはスレッドに書いてください。",
    ),
    "started": (
        "<@{user}> started an LLM-selection conversation. I'll ask a few questions in the thread.",
        "<@{user}> さんがLLM選定の相談を始めました。スレッドでいくつか質問します。",
    ),
    "started_with": ("<@{user}> asked: {text}", "<@{user}> さんの相談: {text}"),
    "describe": (
        "Describe your task in this thread: what should the model do, with what data, under which "
        "constraints?",
        "このスレッドでタスクを教えてください(モデルに何をさせたいか、扱うデータ、制約など)。",
    ),
    "error": (
        "Sorry, something went wrong while answering. Please try again in a moment.",
        "回答中にエラーが発生しました。少し待ってからもう一度お試しください。",
    ),
    "cannot_post": (
        "I can't post in this channel ({error}). Invite me with `/invite @advisor` or mention me "
        "in a channel I'm in.",
        "このチャンネルには投稿できません({error})。`/invite @advisor` で招待するか、"
        "参加済みのチャンネルでメンションしてください。",
    ),
    "thinking": ("is thinking…", "考えています…"),
    # follow-up buttons: their labels, and what a click sends to the service as the user's words
    "btn.why_not": ("Why not {name}?", "{name} ではない理由"),
    "btn.compare": ("Compare", "比較する"),
    "btn.what_if": ("What if…", "もし…なら"),
    "btn.restart": ("Start over", "最初から"),
    "whatif.volume_x2": ("the volume doubles", "件数が2倍"),
    "whatif.volume_x10": ("the volume is 10× higher", "件数が10倍"),
    "whatif.volume_half": ("the volume halves", "件数が半分"),
    "ask.why_not": ("Why not {model}?", "{model}はなぜダメ?"),
    "ask.compare": ("Compare", "比較して"),
    "ask.volume_x2": ("What if the volume doubles?", "件数が2倍になったら?"),
    "ask.volume_x10": ("What if the volume is 10x?", "件数が10倍になったら?"),
    "ask.volume_half": ("What if the volume halves?", "件数が半分になったら?"),
    "ask.restart": ("Start over", "最初からやり直す"),
    # App Home
    "home.title": ("Your recent recommendations", "最近のおすすめ"),
    "home.empty": (
        "No recommendation yet. Mention @advisor in a channel, send me a direct message, or type "
        "`/advisor what you want a model to do`.",
        "まだおすすめはありません。チャンネルで @advisor にメンションするか、DM を送るか、"
        "`/advisor やりたいこと` と入力してください。",
    ),
    "home.how": (
        "Start a conversation: mention @advisor, send a direct message, or use `/advisor`.",
        "相談を始めるには: @advisor にメンション、DM、または `/advisor`。",
    ),
    "home.entry": ("in <#{channel}> · {when}", "<#{channel}> · {when}"),
}

_TERM: dict[str, tuple[str, str]] = {
    "help": (
        "Commands: /help this list · /new start a new conversation · /report show the full report · "
        "/save [FILE] save the report as Markdown · /quit leave. Type a number to pick an option.",
        "コマンド: /help この一覧 · /new 新しい相談 · /report 詳しいレポートを表示 · "
        "/save [ファイル] レポートを Markdown で保存 · /quit 終了。番号を入力すると選択肢を選べます。",
    ),
    "new": ("New conversation {thread}.", "新しい相談を始めました({thread})。"),
    "no_report": (
        "No report yet: it comes with the recommendation.",
        "レポートはまだありません。おすすめと一緒に作られます。",
    ),
    "saved": ("Report saved to {path}.", "レポートを {path} に保存しました。"),
    "save_failed": ("Could not save to {path}: {error}", "{path} に保存できませんでした: {error}"),
    "unknown_command": (
        "Unknown command {command}. Type /help for the list.",
        "{command} というコマンドはありません。/help で一覧を表示します。",
    ),
    "goodbye": ("Goodbye. Resume with: {resume}", "終了します。再開するには: {resume}"),
    "thinking": ("Thinking…", "考えています…"),
    "more_in_report": (
        "Exclusions, assumptions and dated sources: /report",
        "除外したモデル、前提、出典と日付: /report",
    ),
    "steps": ("Checked", "確認したこと"),
}

FACES: dict[str, dict[str, str]] = {
    **{f"slack.{k}": {"en": en, "ja": ja} for k, (en, ja) in _SLACK.items()},
    **{f"term.{k}": {"en": en, "ja": ja} for k, (en, ja) in _TERM.items()},
}
