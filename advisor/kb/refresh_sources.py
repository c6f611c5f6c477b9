"""Where ``advisor kb refresh`` reads from: the files given, else the installed packages' data,
else the public URLs (only when downloads are allowed; tests never reach them).

The installed packages are found without importing them (litellm's import is slow and may try
the network): their data files are read straight from the package folder.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import tempfile
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from advisor.kb.errors import InputError, Problem

LITELLM_URL = "https://raw.githubusercontent.com/BerriAI/litellm/main/model_prices_and_context_window.json"
GENAI_URL = "https://raw.githubusercontent.com/pydantic/genai-prices/main/prices/data.json"
# kind -> (package, data file inside it, public URL, name in messages)
KINDS: dict[str, tuple[str, str, str, str]] = {
    "litellm": (
        "litellm",
        "model_prices_and_context_window_backup.json",
        LITELLM_URL,
        "litellm model_prices_and_context_window",
    ),
    "genai": ("genai_prices", "data.py", GENAI_URL, "genai-prices data"),
}
DOWNLOAD_TIMEOUT_S = 30


@dataclass(frozen=True)
class Source:
    kind: str  # litellm | genai
    path: Path
    label: str  # what the facts cite: the package and version, or the file or URL
    origin: str  # file | package | url


def package_file(kind: str) -> tuple[Path, str] | None:
    """(data file, version) of the installed package, or None."""
    package, name, _, _ = KINDS[kind]
    try:
        spec = importlib.util.find_spec(package)
    except (ImportError, ValueError):
        return None
    folders = list(spec.submodule_search_locations or []) if spec is not None else []
    for folder in folders:
        path = Path(folder) / name
        if path.is_file():
            try:
                version = importlib.metadata.version(package.replace("_", "-"))
            except importlib.metadata.PackageNotFoundError:
                version = "?"
            return path, version
    return None


def _download(kind: str, folder: Path) -> Path:
    url = KINDS[kind][2]
    target = folder / url.rsplit("/", 1)[-1]
    try:
        with urllib.request.urlopen(url, timeout=DOWNLOAD_TIMEOUT_S) as response:
            target.write_bytes(response.read())
    except OSError as exc:
        raise InputError([Problem(url, None, "", f"cannot download: {exc}")]) from None
    return target


def locate(kind: str, given: str | None, *, download: bool, scratch: Path | None = None) -> Source | None:
    """The source of one kind, or None when neither a file, the package nor a download gives one."""
    package, name, url, what = KINDS[kind]
    if given:
        path = Path(given)
        if not path.is_file():
            why = "is a folder, expected a file" if path.is_dir() else "file not found"
            raise InputError([Problem(given, None, "", why)])
        return Source(kind, path, f"{what} ({path.name})", "file")
    found = package_file(kind)
    if found is not None:
        path, version = found
        return Source(kind, path, f"{package.replace('_', '-')} {version} ({name})", "package")
    if download:
        folder = scratch or Path(tempfile.mkdtemp(prefix="kb-refresh-"))
        return Source(kind, _download(kind, folder), f"{what} ({url})", "url")
    return None
