"""Starting Chainlit for `advisor web` without littering the user's working folder.

Chainlit writes ``.chainlit/``, translations, ``.files/`` and ``chainlit.md`` into its app root, which
defaults to the current folder. We point ``CHAINLIT_APP_ROOT`` at a per-user folder that we populate
from package data at every start (so upgrades apply), and run ``chainlit run`` in a child process.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import sys
from pathlib import Path

from advisor.resources import package_path, shipped_path

WEB_DIR = package_path("adapters", "web")
APP_FILE = WEB_DIR / "app.py"
CONFIG_TEMPLATE = WEB_DIR / "chainlit_config.toml"
STATIC_DIR = WEB_DIR / "static"
# The welcome readme: the repository's top-level chainlit.md, or its copy inside a built wheel.
README_CANDIDATES = (shipped_path("chainlit.md"),)


def default_app_root() -> Path:
    """Beside the default ADVISOR_DB (XDG data folder), overridable with ADVISOR_WEB_DIR."""
    if env := os.environ.get("ADVISOR_WEB_DIR"):
        return Path(env).expanduser()
    data_home = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return data_home / "advisor" / "web"


def readme_path() -> Path | None:
    return next((p for p in README_CANDIDATES if p.is_file()), None)


def prepare_app_root(root: Path) -> Path:
    """Write config, readme and CSS; Chainlit adds its translations and .files/ here itself."""
    (root / ".chainlit").mkdir(parents=True, exist_ok=True)
    shutil.copyfile(CONFIG_TEMPLATE, root / ".chainlit" / "config.toml")
    readme = readme_path()
    text = readme.read_text(encoding="utf-8") if readme is not None else ""  # empty: no Chainlit advert
    # The readme is bilingual; Chainlit looks for chainlit_<browser language>.md first, then chainlit.md.
    for name in ("chainlit.md", "chainlit_en-US.md", "chainlit_ja.md"):
        (root / name).write_text(text, encoding="utf-8")
    _write_translations(root / ".chainlit" / "translations")
    public = root / "public"
    public.mkdir(exist_ok=True)
    for item in STATIC_DIR.rglob("*"):
        if item.is_file():  # elements/*.jsx are Chainlit custom elements
            target = public / item.relative_to(STATIC_DIR)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(item, target)
    _ensure_auth_secret(root)
    return root


def _ensure_auth_secret(root: Path) -> None:
    """Chainlit signs its login tokens with CHAINLIT_AUTH_SECRET: one random secret per app root,
    kept in a 0600 file so tokens survive a restart and no one else can read it."""
    path = root / ".chainlit" / "auth-secret"
    if not path.exists():
        import secrets

        path.touch(mode=0o600)
        path.write_text(secrets.token_urlsafe(48), encoding="utf-8")


def auth_secret(root: Path) -> str:
    return (root / ".chainlit" / "auth-secret").read_text(encoding="utf-8").strip()


def _write_translations(folder: Path) -> None:
    """Chainlit's own UI strings, except the step status: "Used checking hardware fit" reads badly,
    so a finished step shows a tick and a running one an ellipsis, in every language."""
    import importlib.util

    spec = importlib.util.find_spec("chainlit")
    if spec is None or spec.origin is None:
        return
    folder.mkdir(parents=True, exist_ok=True)
    for source in (Path(spec.origin).parent / "translations").glob("*.json"):
        data = json.loads(source.read_text(encoding="utf-8"))
        status = data.get("chat", {}).get("messages", {}).get("status")
        if isinstance(status, dict):
            status.update(using="…", used="✓")
        (folder / source.name).write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")


def port_is_free(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            return False
    return True


def server_command(host: str, port: int) -> list[str]:
    return [
        sys.executable,
        "-m",
        "chainlit",
        "run",
        str(APP_FILE),
        "--headless",
        "--host",
        host,
        "--port",
        str(port),
    ]


def server_env(root: Path, kb_dir: str | None = None, base: dict[str, str] | None = None) -> dict[str, str]:
    env = dict(os.environ if base is None else base)
    env["CHAINLIT_APP_ROOT"] = str(root)
    if not env.get("CHAINLIT_AUTH_SECRET") and (root / ".chainlit" / "auth-secret").exists():
        env["CHAINLIT_AUTH_SECRET"] = auth_secret(root)
    if kb_dir:
        env["ADVISOR_KB_DIR"] = str(Path(kb_dir).resolve())
    return env
