"""Which data region a price source's endpoint name stands for (regional endpoints cost more)."""

from __future__ import annotations

import re

_AZURE_REGION = re.compile(r"^azure/(eu|us|apac|us-gov)/")
_INFERENCE_PROFILE = re.compile(r"^(us|eu|apac|jp|au|ca|in|us-gov)\.")
_AWS_REGION = re.compile(r"^bedrock/((?:us-gov|us|eu|ap|sa|ca|me|af|il|mx)-[a-z]+-\d)/")
_AWS_AREAS = {
    "ap-northeast-1": "jp",
    "ap-northeast-3": "jp",
    "ap-south-1": "in",
    "ap-south-2": "in",
    "ap-southeast-2": "au",
    "ap-southeast-4": "au",
}


def region_of(key: str) -> str | None:
    """The data region a litellm key's endpoint keeps requests in (``eu.``, ``azure/eu/``,
    ``bedrock/ap-northeast-1/`` -> eu, eu, jp); None for global endpoints."""
    if m := _AZURE_REGION.match(key) or _INFERENCE_PROFILE.match(key):
        return m.group(1)
    if m := _AWS_REGION.match(key):
        aws = m.group(1)
        area = aws.split("-")[0] if not aws.startswith("us-gov") else "us-gov"
        return _AWS_AREAS.get(aws, "apac" if area == "ap" else area)
    return None
