"""Kino Studio in a real browser (Debian's chromium, driven by Playwright): make a video from
the page and watch it to the end, play it (seeking through Range), find it in the library,
see the queue move by itself (the events stream, no reload), and use a server with keys.
User text is text: a prompt that looks like HTML shows as those characters."""

import json
import os
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright

from conftest import _free_port, _healthy
from test_docs_page import chromium

XSS = "<img src=x onerror=alert(1)> a red kite over the dunes"
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium(), args=["--no-sandbox"])
        yield b
        b.close()


def until(page, expression, timeout=30):
    """Poll `expression` with evaluate (the page's CSP forbids the eval wait_for_function uses)."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        assert time.monotonic() < deadline, f"never true: {expression}"
        time.sleep(0.1)


def watch(page, problems, root):
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("request", lambda r: problems.append(f"other origin: {r.url}") if not r.url.startswith(root) else None)
    page.on("dialog", lambda d: problems.append(f"a script opened a dialog: {d.message}"))


def test_make_watch_play_and_find_a_video(base_url, browser, out_dir):
    root = base_url.removesuffix("/v1")
    with urllib.request.urlopen(root + "/") as r:
        assert "script-src 'self'" in r.headers["content-security-policy"]
        assert r.headers["x-frame-options"] == "DENY"
    problems = []
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    watch(page, problems, root)
    ranges = []
    page.on("response", lambda r: ranges.append(r.status) if "variant=video" in r.url else None)
    page.goto(root + "/")
    page.wait_for_selector("form.create")
    page.fill("#f-prompt", XSS)
    expect(page.locator("form.create")).to_contain_text(f"{len(XSS)} / 32,000 characters")
    page.select_option("#f-model", "kino-preview")
    page.select_option("#f-size", "320x180")
    expect(page.locator("#h-input_reference")).to_contain_text("exactly 320x180")
    expect(page.locator(".price")).to_contain_text("Price:")
    page.screenshot(path=str(out_dir / "studio-create.png"))
    page.click("form.create button[type=submit]")
    page.wait_for_url("**#/videos/video_*")
    video_id = page.url.rsplit("/", 1)[1]

    # The page follows the render by itself, to the player.
    page.wait_for_selector(".player video", timeout=120_000)
    until(page, "document.querySelector('.player video').readyState >= 1")
    assert 3.9 < page.evaluate("document.querySelector('.player video').duration") < 4.2
    page.evaluate("document.querySelector('.player video').currentTime = 3")
    until(page, "document.querySelector('.player video').readyState >= 2")
    assert 206 in ranges, f"the player fetched the video by ranges: {ranges}"
    # The prompt is text, exactly as typed; nothing ran.
    assert page.locator(".prompt-text").inner_text() == XSS
    assert page.locator(".prompt-text img").count() == 0
    page.screenshot(path=str(out_dir / "studio-video.png"), full_page=True)

    page.goto(root + "/#/library")
    card = page.locator(f'a.card[href="#/videos/{video_id}"]')
    expect(card).to_be_visible()
    expect(card.locator("img")).to_be_visible()
    assert card.locator(".prompt").inner_text() == XSS
    page.select_option("#filter-status", "failed")
    expect(card).to_have_count(0)
    page.select_option("#filter-status", "completed")
    expect(card).to_be_visible()
    card.hover()
    page.screenshot(path=str(out_dir / "studio-library.png"))
    page.close()
    assert not problems, problems


def test_the_queue_moves_by_itself(base_url, browser, out_dir):
    root = base_url.removesuffix("/v1")
    problems = []
    page = browser.new_page(viewport={"width": 390, "height": 844})  # a phone
    watch(page, problems, root)
    page.goto(root + "/#/queue")
    page.wait_for_selector("main h1")
    # Made elsewhere (the API), while the page is open: it appears, then leaves when done.
    body = json.dumps({"model": "kino-preview", "prompt": "a lantern festival at night", "size": "1280x720",
                       "seconds": "8"}).encode()
    req = urllib.request.Request(base_url + "/videos", body, {"Content-Type": "application/json",
                                                                "Authorization": "Bearer anything"})
    with urllib.request.urlopen(req) as r:
        vid = json.load(r)["id"]
    item = page.locator(f'.queue a[href="#/videos/{vid}"]')
    expect(item).to_be_visible(timeout=30_000)
    page.screenshot(path=str(out_dir / "studio-queue-phone.png"))
    expect(item).to_have_count(0, timeout=120_000)
    page.close()
    assert not problems, problems


def test_a_server_with_keys_asks_for_one_and_keeps_it_for_the_session(browser, out_dir):
    port = _free_port()
    data = tempfile.mkdtemp(prefix="kino-keys-")
    binary = Path(os.environ.get("KINO_BIN", "target/debug/kino"))
    binary = binary if binary.is_absolute() else REPO / binary
    proc = subprocess.Popen([str(binary), "serve", "--port", str(port), "--data-dir", data, "--api-keys", "sk-studio-test"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        root = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        while not _healthy(root + "/healthz"):
            assert time.monotonic() < deadline, "kino did not come up"
            time.sleep(0.2)
        problems = []
        context = browser.new_context()
        page = context.new_page()
        page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
        page.goto(root + "/")
        dialog = page.locator("#key-dialog")
        expect(dialog).to_be_visible()
        page.fill("#key-input", "sk-wrong")
        page.click("#key-save")
        expect(page.locator("#key-error")).to_contain_text("Incorrect API key")
        page.fill("#key-input", "sk-studio-test")
        page.click("#key-save")
        expect(dialog).to_be_hidden()
        page.wait_for_selector("form.create")
        assert page.evaluate("sessionStorage.getItem('kino.key')") == "sk-studio-test"
        assert page.evaluate("localStorage.getItem('kino.key')") is None, "not remembered unless asked"
        assert "sk-studio-test" not in page.url
        page.screenshot(path=str(out_dir / "studio-keyed.png"))
        context.close()
        assert not problems, problems
    finally:
        proc.terminate()
        proc.wait(10)
