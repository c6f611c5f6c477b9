"""A conversation service with the real one's interface and a fixed script, for listener tests:
first turn asks a question with options, second turn recommends. It also checks turns in one thread
never overlap."""

from __future__ import annotations

import asyncio
from collections import defaultdict
from typing import Any

from recommendation_samples import self_hosted_candidate

from advisor.agent.reply import Option, Question, Reply, ToolStep


def sample_recommendation(model_id: str = "qwen2.5-32b-instruct") -> dict[str, Any]:
    candidate = self_hosted_candidate(
        model_id,
        licence={"id": "apache-2.0", "commercial_use": True, "conditions": ["keep the licence notice"]},
        score=0.82,
        reasons=["Runs on your A100 with room to spare", "Strong Japanese summarisation"],
        sources=[
            {
                "fact": "context window",
                "source": "https://huggingface.co/Qwen/Qwen2.5-32B-Instruct",
                "as_of": "2026-07-24",
            }
        ],
    )
    alt = {
        **candidate,
        "model_id": "llama-3.3-70b-instruct",
        "name": "Llama 3.3 70B",
        "family": "llama",
        "licence": {"id": "llama-3.3", "commercial_use": True, "conditions": []},
        "score": 0.7,
    }
    return {
        "profile": {"tasks": ["summarization"]},
        "primary": candidate,
        "alternatives": [alt],
        "excluded": [{"model_id": "gpt-4o", "reasons": [{"code": "sensitivity", "text": "data leaves"}]}],
        "hybrid": None,
        "warnings": [{"code": "stale_price", "text": "price older than 90 days"}],
        "kb_version": "2026.11",
    }


class FakeService:
    def __init__(self, delay: float = 0.0) -> None:
        self.turns: dict[str, list[str]] = defaultdict(list)
        self.delay = delay
        self._busy: set[str] = set()
        self.overlaps = 0

    async def respond(self, thread_id: str, text: str) -> Reply:
        if thread_id in self._busy:
            self.overlaps += 1
        self._busy.add(thread_id)
        try:
            await asyncio.sleep(self.delay)
            if text == "boom":
                raise RuntimeError("service failed")
            self.turns[thread_id].append(text)
            if len(self.turns[thread_id]) == 1:
                question = Question(
                    slot="data_sensitivity",
                    text="How sensitive is the data?",
                    why="It decides whether vendor APIs are allowed.",
                    options=[
                        Option(value="public", label="Public"),
                        Option(value="regulated", label="Regulated (e.g. patient data)"),
                    ],
                )
                return Reply(thread_id=thread_id, text=f"Got it: {text}.", question=question)
            return Reply(
                thread_id=thread_id,
                text="Here is my recommendation.",
                recommendation=sample_recommendation(),
                steps=[ToolStep(name="recommend", label="ranking models")],
            )
        finally:
            self._busy.discard(thread_id)

    async def get_reply(self, thread_id: str) -> Reply | None:
        if not self.turns.get(thread_id):
            return None
        return Reply(thread_id=thread_id, text="(saved)")


REPORT = (
    "# LLM recommendation\n\n## Summary\n\nRecommended: **Qwen2.5 32B Instruct**, about **$0.00/month**.\n"
)


class FollowupService:
    """After its first turn (a recommendation with its report), answers follow-ups the way the real
    service does: why-not/compare/what-if keep the recommendation and answer in text; a budget keeps
    the choice but reworks the report (cost $0 → $12); "start over" asks again; anything else echoes."""

    def __init__(self) -> None:
        self.turns: dict[str, list[str]] = defaultdict(list)
        self.cost = 0.0

    async def respond(self, thread_id: str, text: str) -> Reply:
        self.turns[thread_id].append(text)
        rec = sample_recommendation()
        rec["primary"]["monthly_cost_usd"] = self.cost
        if len(self.turns[thread_id]) == 1:
            return Reply(
                thread_id=thread_id,
                text=f"Noted: {text}\n\n{REPORT}",
                recommendation=rec,
                report_markdown=REPORT,
            )
        lowered = text.lower()
        if "start over" in lowered:
            self.cost = 0.0
            return Reply(
                thread_id=thread_id,
                text="Starting over.\n\nWhat should the model do?",
                question=Question(slot="tasks", text="What should the model do?"),
            )
        if "budget" in lowered:
            self.cost = 12.0
            rec["primary"]["monthly_cost_usd"] = self.cost
            report = REPORT.replace("$0.00", "$12.00")
            return Reply(
                thread_id=thread_id,
                text=f"Noted — budget.\n\n{report}",
                recommendation=rec,
                report_markdown=report,
            )
        if "compare" in lowered:
            table = (
                "| model | deployment | cost/month | licence |\n|---|---|---|---|\n"
                "| Qwen2.5 32B Instruct | self-hosted | $0.00 | apache-2.0 |\n"
                "| Llama 3.3 70B | self-hosted | $0.00 | llama-3.3 |"
            )
            return Reply(thread_id=thread_id, text=table, recommendation=rec, report_markdown=REPORT)
        return Reply(
            thread_id=thread_id, text=f"You said: {text}", recommendation=rec, report_markdown=REPORT
        )

    async def get_reply(self, thread_id: str) -> Reply | None:
        return None if not self.turns.get(thread_id) else Reply(thread_id=thread_id, text="(saved)")
