"""Parts of one job with different sensitivity ("email drafting is fine on an API but contract
search is confidential") become ``workloads`` so the engine can plan a hybrid.

A message is split at contrast words (but, while, whereas, が、, けど, 一方 ...); a part counts
as a workload when it names a task or a kind of data, and says how sensitive it is or where it
may run ("the HR health records must stay on our servers"). "Fine on an API" for a part is read
as internal-level data (the user would not send confidential data to any API), and is noted.
Each workload carries the strictest deployment its part states. Workloads are produced only when
two or more parts differ in sensitivity or deployment.
"""

from __future__ import annotations

import re
from typing import Any

from advisor.agent.understand.facts import DEPLOYMENT_RANK, scan, sensitivity_of, task_hits
from advisor.agent.understand.types import Notes
from advisor.agent.understand.vocab import KeywordIndex

_SPLIT = re.compile(
    r"\bbut\b|,\s*and\b|\bwhile\b|\bwhereas\b|\bhowever\b|;|(?<=[.!?])\s|が、|けど|けれど|一方(?:で)?|ものの|(?<=で)、|。|\n"
)
_NAME_EN = re.compile(
    r"^(?:and |also |the |our |for |with |as for |then )*(.+?)\s+(?:is|are|can|could|must|should|needs?|has|have|stays?|goes|go|would be|will be)\b"
)
_NAME_JA = re.compile(r"^[、\s]*(.+?)(?:については|に関しては|の方は|のほうは|は)")


def _subject(part: str) -> str | None:
    """What the part is about ("marketing copy", 「人事の健康情報」), when it says."""
    for pattern in (_NAME_EN, _NAME_JA):
        m = pattern.match(part.strip())
        if m and 1 <= len(m.group(1).strip(" ,、")) <= 40:
            return m.group(1).strip(" ,、")
    return None


_CONTRAST = re.compile(r"\bbut\b|\bwhile\b|\bwhereas\b|\bhowever\b|;|が、|けど|けれど|一方(?:で)?|ものの")
# a subject that is about where to run, not about data ("vendor APIs are fine")
_NOT_DATA = re.compile(
    r"\b(?:apis?|cloud|vendors?|saas|hosting|deployment)\b|(?<![a-z])api(?![a-z])|クラウド|ベンダー", re.A
)


def _parts(text: str) -> list[tuple[str, bool]]:
    """(part, whether a contrast word introduces it) in text order."""
    out: list[tuple[str, bool]] = []
    start, contrasted = 0, False
    for m in [*_SPLIT.finditer(text), None]:
        end = m.start() if m else len(text)
        part = text[start:end].strip(" ,、")
        after = bool(
            m and (m.group(0) == "、" or _CONTRAST.fullmatch(m.group(0)))
        )  # "、" is split only after で
        if part:
            out.append((part, contrasted or after))
        if m:
            start, contrasted = m.end(), after
    return out


def find_workloads(
    text: str, notes: Notes, task_keywords: KeywordIndex | None = None
) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    api_fine = False
    for part, contrasted in _parts(text):
        tasks = list(dict.fromkeys(h.value for h in task_hits(part, task_keywords)))
        sensitivity = sensitivity_of(part)
        deployments = [h.value for h in scan(part, "deployment")]
        subject = _subject(part)
        if subject and _NOT_DATA.search(subject):
            subject = None
        if not tasks and not (contrasted and deployments and (sensitivity or subject)):
            continue  # data with no task counts only when set against another part, with where it may run
        if sensitivity is None and "any" in deployments:
            sensitivity, api_fine = "internal", True
        if sensitivity is None and not deployments:
            continue
        name = subject or " + ".join(tasks) or part.strip()[:40]
        workload: dict[str, Any] = {
            "name": name,
            "tasks": tasks,
            "data_sensitivity": sensitivity or "confidential",
        }
        if deployments:
            workload["deployment"] = max(deployments, key=DEPLOYMENT_RANK.__getitem__)
        found.append(workload)
    differ = {(w["data_sensitivity"], w.get("deployment")) for w in found}
    if len(found) < 2 or len(differ) < 2:
        return []
    if api_fine:
        notes.add(
            "A part that is 'fine on an API' is treated as internal-level data.",
            "「APIで可」とされた業務は社内情報レベルとして扱いました。",
        )
    return found
