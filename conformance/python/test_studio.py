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
    """Collect what must not happen: script errors, other origins, dialogs, server errors.
    (A refused request, 4xx, is the browser's console note for an answer the page shows.)"""
    def console(m):
        if m.type == "error" and "responded with a status of 4" not in m.text:
            problems.append(f"console {m.type}: {m.text}")
    page.on("console", console)
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


def test_characters_batches_usage_and_webhooks_pages(base_url, browser, out_dir, tmp_path):
    from helpers import make_clip

    root = base_url.removesuffix("/v1")
    problems = []
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    watch(page, problems, root)

    # A character from a clip; its cut-out shows.
    clip = make_clip(tmp_path / "subject.mp4", 640, 360, 3)
    page.goto(root + "/#/characters")
    page.fill("#c-name", "Mossy <b>")
    page.set_input_files("#c-video", str(clip))
    page.click("form.create button[type=submit]")
    card = page.locator(".card.character", has_text="Mossy <b>")
    expect(card).to_be_visible(timeout=60_000)
    until(page, "[...document.querySelectorAll('.card.character img')].some(i => i.complete && i.naturalWidth > 0)")
    page.screenshot(path=str(out_dir / "studio-characters.png"))

    # A batch of two lines, counted to the end on its events stream.
    lines = "".join(json.dumps({"custom_id": f"c{i}", "method": "POST", "url": "/v1/videos", "body": {
        "model": "kino-preview", "prompt": f"a boat, take {i}", "size": "320x180", "seconds": "4"}}) + "\n" for i in range(2))
    (tmp_path / "in.jsonl").write_text(lines)
    page.goto(root + "/#/batches")
    page.set_input_files("#b-file", str(tmp_path / "in.jsonl"))
    page.click("form.create button[type=submit]")
    expect(page.locator(".batches li").first).to_contain_text("2 completed, 0 failed, of 2", timeout=120_000)
    expect(page.locator(".batches li").first).to_contain_text("completed")
    with page.expect_download() as got:
        page.click("text=Output file")
    assert got.value.suggested_filename.endswith("-output.jsonl")
    page.screenshot(path=str(out_dir / "studio-batches.png"))

    # Usage: the chart and the table of what rendered.
    page.goto(root + "/#/usage")
    expect(page.locator("svg.chart")).to_be_visible()
    expect(page.locator("table")).to_contain_text("kino-preview")
    page.screenshot(path=str(out_dir / "studio-usage.png"))

    # Webhooks: a private address is refused beside its field (the server fetches nothing).
    page.goto(root + "/#/webhooks")
    page.fill("#w-name", "mine")
    page.fill("#w-url", "http://10.0.0.1/hook")
    page.click("form.create button[type=submit]")
    expect(page.locator('.field-error[data-for="url"]')).not_to_be_empty()
    page.fill("#w-url", "https://93.184.215.14/hooks/studio")
    page.click("form.create button[type=submit]")
    expect(page.locator(".secret code")).to_contain_text("whsec_")
    expect(page.locator(".queue li", has_text="93.184.215.14")).to_be_visible()
    page.screenshot(path=str(out_dir / "studio-webhooks.png"))
    page.close()
    assert not problems, problems


def test_keyboard_only_in_the_dark(base_url, browser, out_dir):
    """Every control is reachable and labelled; a video can be made with the keyboard alone;
    dark mode follows the system."""
    root = base_url.removesuffix("/v1")
    problems = []
    context = browser.new_context(color_scheme="dark", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    watch(page, problems, root)
    page.goto(root + "/")
    page.wait_for_selector("form.create")
    # Every form control has a label a screen reader reads.
    unlabelled = page.evaluate("""[...document.querySelectorAll('input, select, textarea')]
        .filter(c => !c.labels?.length && !c.getAttribute('aria-label')).map(c => c.id || c.name)""")
    assert unlabelled == [], unlabelled
    bg = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert bg != "rgb(251, 251, 252)", f"dark mode follows the system: {bg}"
    page.keyboard.type("a lighthouse in a storm, typed")  # the prompt has focus
    page.keyboard.press("Tab")  # model
    page.keyboard.type("kino-preview")
    page.keyboard.press("Tab")  # size
    page.keyboard.type("320x180")
    focused = page.evaluate("document.activeElement.id")
    assert focused == "f-size", focused
    page.keyboard.press("Tab")  # length
    page.keyboard.press("Tab")  # seed
    page.keyboard.type("7")
    page.screenshot(path=str(out_dir / "studio-dark-keyboard.png"))
    page.keyboard.press("Enter")  # submits the form, as a form does
    page.wait_for_url("**#/videos/video_*", timeout=30_000)
    context.close()
    assert not problems, problems
