"""Text to tokens, and the per-task defaults a request's cost depends on.

Prices are per token but users speak in characters, pages and documents, and the same text is a
different number of tokens in English and Japanese and under each tokenizer. Output length,
prompt-cache share and hidden reasoning all depend on the task and the model. Every figure used is
a stated default (``Recommendation.assumptions``), replaced by the profile's own when given.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from advisor.engine import defaults as D
from advisor.i18n import Msg, Num, Pct, msg
from advisor.kb.schema import Model

if TYPE_CHECKING:
    from advisor.engine.profile import Resolved

# Tokens per character by tokenizer family and language. English: OpenAI's rule of thumb, "1 token ~ 4
# characters of English" (help.openai.com/en/articles/4936856); business prose measures ~0.17 under both
# o200k and cl100k, so 0.25 is the conservative side. Japanese: measured offline with tiktoken on a
# business-prose sample (tests/unit/test_cost_truth.py): o200k_base 0.73, cl100k_base 1.10 tokens per
# character; other vocabularies of the cl100k era are taken as cl100k (the "default" row).
TOKENS_PER_CHAR: dict[tuple[str, str], float] = {
    ("o200k", "en"): 0.25,
    ("o200k", "ja"): 0.7,
    ("cl100k", "en"): 0.25,
    ("cl100k", "ja"): 1.1,
    ("default", "en"): 0.25,
    ("default", "ja"): 1.1,
}
# A page: an English page of prose ~ 500 words ~ 3,000 characters; a Japanese A4 business page ~ 1,200
# characters (30 lines x 40 characters, the common 文字数 setting).
CHARS_PER_PAGE: dict[str, int] = {"en": 3000, "ja": 1200}

# Visible output per request by task when the profile does not say (translation ~ the input's length,
# classification a label, extraction a small JSON record).
TASK_OUTPUT_TOKENS: dict[str, float | str] = {
    "translation": "input",
    "classification": 5,
    "extraction": 150,
    "summarization": 300,
    "chat": 300,
    "rag": 300,
    "coding": 500,
    "agents": 400,
    "reasoning": 500,
    "creative": 800,
    "vision": 200,
}
# Share of prompt tokens a provider can serve from its prompt cache, by task: agents resend their system
# prompt, tool schemas and history every turn; RAG resends its instructions; chat its system prompt.
TASK_CACHED_SHARE: dict[str, float] = {"agents": 0.6, "rag": 0.3, "chat": 0.2, "coding": 0.3}
REASONING_EFFORT = "medium"  # when a model reasons and the profile names no effort


def tokens_per_char(lang: str, tokenizer: str | None = None) -> float:
    family = (tokenizer or "default").lower().removesuffix("_base")
    family = family if (family, lang) in TOKENS_PER_CHAR else "default"
    return TOKENS_PER_CHAR.get((family, lang), TOKENS_PER_CHAR[("default", "en")])


def chars_to_tokens(chars: float, lang: str, tokenizer: str | None = None) -> float:
    """'2,000 characters' of English are ~500 tokens, of Japanese ~1,400 (o200k) to ~2,200."""
    return chars * tokens_per_char(lang, tokenizer)


def pages_to_tokens(pages: float, lang: str, tokenizer: str | None = None) -> float:
    return chars_to_tokens(pages * CHARS_PER_PAGE.get(lang, CHARS_PER_PAGE["en"]), lang, tokenizer)


def token_factor(model: Model | None, r: Resolved) -> float:
    """The profile's token counts are in generic tokens (English ~4 characters, Japanese ~1 character
    each); a model whose tokenizer packs the user's languages tighter (o200k: Japanese ~0.7 per
    character) needs fewer for the same text, so cost is per text, not per token."""
    if model is None or model.tokenizer is None or not r.languages:
        return 1.0
    ratios = [tokens_per_char(lang, model.tokenizer) / tokens_per_char(lang) for lang in r.languages]
    return sum(ratios) / len(ratios)


def min_token_factor(languages: list[str] | tuple[str, ...]) -> float:
    """The smallest ``token_factor`` any tokenizer can give these languages (a bound for screening)."""
    if not languages:
        return 1.0
    families = {f for f, _ in TOKENS_PER_CHAR}
    return min(
        sum(tokens_per_char(lang, f) / tokens_per_char(lang) for lang in languages) / len(languages)
        for f in families
    )


def token_note(model: Model, r: Resolved) -> Msg | None:
    factor = token_factor(model, r)
    if abs(factor - 1.0) < 0.01:
        return None
    return msg(
        "{model}'s tokenizer ({tokenizer}) needs {share} of the generic token count for the same text in {langs}.",
        model=model.name,
        tokenizer=model.tokenizer or "",
        share=Pct(factor),
        langs=list(r.languages),
    )


def task_output_tokens(tasks: list[str], input_tokens: float) -> float:
    """The longest default output among the tasks (a plan must cover its heaviest task)."""
    outs = [
        input_tokens if TASK_OUTPUT_TOKENS.get(t) == "input" else float(TASK_OUTPUT_TOKENS.get(t, 300))
        for t in tasks
    ]
    return max(outs) if outs else 300.0


def task_cached_share(tasks: list[str]) -> float:
    return min((TASK_CACHED_SHARE.get(t, 0.0) for t in tasks), default=0.0)


def apply_task_defaults(r: Resolved) -> None:
    """Replace the generic output and cache defaults by per-task ones, unless the profile gave them."""
    vol = r.profile.volume
    # A dumped profile (contract JSON) carries the generic defaults explicitly, so the generic value
    # itself (300 output tokens, no cache share) counts as "not said" too.
    generic = float(D.DEFAULTS["volume"]["value"]["output_tokens"])
    said_output = vol is not None and "output_tokens" in vol.model_fields_set and vol.output_tokens != generic
    said_cache = vol is not None and vol.cached_input_share is not None
    if not said_output:
        out = task_output_tokens(r.tasks, r.input_tokens)
        if out != r.output_tokens:
            r.output_tokens = out
            r.assumptions.append(
                msg(
                    "Output per request assumed from the task: {tokens} tokens "
                    "(translation about as long as its input, a classification label a "
                    "few tokens, a summary ~300).",
                    tokens=Num(out),
                )
            )
    if not said_cache:
        share = task_cached_share(r.tasks)
        if share:
            r.cached_share = share
            generic_note = D.assumed_text("cached_input_share")
            r.assumptions = [a for a in r.assumptions if a != generic_note]
            r.assumptions.append(
                msg(
                    "Prompt-cache share assumed from the task: {share} of input tokens "
                    "(system prompt, tool schemas and history resent each turn), billed "
                    "at the cached rate where the provider has one.",
                    share=Pct(share),
                )
            )


def reasoning_share(model: Model, r: Resolved) -> float:
    """Hidden reasoning tokens per visible output token for this model (KB multiplier at the default
    effort), or the stated default for a reasoning model when the user's work needs reasoning."""
    rt = model.reasoning_tokens
    if rt is not None:
        value = getattr(rt, REASONING_EFFORT)
        if value is not None:
            return float(value)
    if model.capabilities.reasoning_trace and ("reasoning" in r.tasks or "reasoning_trace" in r.needs):
        return D.REASONING_MULTIPLIER_UNKNOWN
    return 0.0


def reasoning_note(model: Model, r: Resolved) -> Msg | None:
    share = reasoning_share(model, r)
    if not share:
        return None
    if model.reasoning_tokens is not None and getattr(model.reasoning_tokens, REASONING_EFFORT) is not None:
        return msg(
            "{model} reasons before it answers: {share} hidden tokens per visible output token at "
            "{effort} effort ({source}), billed as output.",
            model=model.name,
            share=Num(share, 1),
            effort=REASONING_EFFORT,
            source=model.reasoning_tokens.source or "knowledge base",
        )
    return msg(
        "{model} reasons before it answers; its hidden-token multiplier is not in the knowledge base, so "
        "{share} hidden tokens per visible output token are assumed, billed as output.",
        model=model.name,
        share=Num(share, 1),
    )
