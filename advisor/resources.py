"""Where the package's own data lives, found in one place through ``importlib.resources``.

Inside the package: the gettext catalogues (``locale/``), the web chat's static files and the
understanding's lexicons. Beside it: the knowledge base, the LLM prompts and the web chat's readme,
which a wheel carries under ``advisor/_data/`` (pyproject's force-include) and a source checkout
(an editable install) keeps at the repository's top level.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def package_path(*parts: str) -> Path:
    """A file or folder inside the installed ``advisor`` package."""
    return Path(str(resources.files("advisor").joinpath(*parts)))


def shipped_path(name: str) -> Path:
    """Data shipped beside the code: ``advisor/_data/<name>`` in a wheel, else ``<repository>/<name>``."""
    packaged = package_path("_data", name)
    if packaged.exists():
        return packaged
    return package_path().parent / name


def knowledge_dir() -> Path:
    return shipped_path("knowledge")


def prompts_dir() -> Path:
    return shipped_path("prompts")


def locale_dir() -> Path:
    return package_path("locale")
