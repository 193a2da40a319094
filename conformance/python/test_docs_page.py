"""`/docs` in a real browser (Debian's chromium, driven by Playwright): the reference renders
every operation of /openapi.json under the strict CSP, with nothing refused and no script
error, at desktop and phone widths."""

import json
import os
import shutil
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright


def chromium() -> str:
    path = os.environ.get("KINO_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    assert Path(path).exists(), "chromium not found: install Debian's chromium (CI does) or set KINO_CHROMIUM"
    return path


def test_docs_page_renders_every_operation(base_url, out_dir):
    root = base_url.removesuffix("/v1")
    with urllib.request.urlopen(root + "/openapi.json") as r:
        doc = json.load(r)
    operations = sum(
        1 for item in doc["paths"].values() for m in item if m in ("get", "post", "put", "patch", "delete")
    )
    with urllib.request.urlopen(root + "/docs") as r:
        csp = r.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "default-src 'none'" in csp, csp
        assert r.headers["x-frame-options"] == "DENY"

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium(), args=["--no-sandbox"])
        problems = []
        for name, viewport in (("desktop", {"width": 1280, "height": 900}), ("phone", {"width": 390, "height": 844})):
            page = browser.new_page(viewport=viewport)
            page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
            page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
            page.on("requestfailed", lambda r: problems.append(f"request failed: {r.url}"))
            page.on("request", lambda r: problems.append(f"other origin: {r.url}") if not r.url.startswith(root) else None)
            page.goto(root + "/docs")
            page.wait_for_selector("section.op")
            assert page.locator("section.op").count() == operations
            assert page.locator("nav a").count() == operations
            create = page.locator("section#createVideo")
            assert create.locator(".method").inner_text().lower() == "post"
            assert create.locator(".path").inner_text() == "/v1/videos"
            assert "prompt" in create.inner_text() and "required" in create.inner_text()
            assert page.locator("section#StreamVideoEvents").count() == 1
            # Keyboard: the first link of the contents takes focus and shows it.
            page.keyboard.press("Tab")
            page.keyboard.press("Tab")
            focused = page.evaluate("document.activeElement.tagName")
            assert focused == "A", focused
            page.screenshot(path=str(out_dir / f"docs-{name}.png"), full_page=False)
            page.close()
        browser.close()
    assert not problems, problems
