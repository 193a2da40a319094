"""Kino Studio's first load and its library at 10,000 videos (issue 19).

Starts target/release/kino (SQLite, a configured key), makes one real video through the API,
then adds 10,000 completed videos to the database that share its files (`asset_prefix`),
so every card has a real thumbnail. In Debian's chromium (Playwright): the bytes of a first
visit (the page, its scripts, its style sheet), and the time from navigating to the library
to its first page of cards painted with their thumbnails, median of --runs.

    conformance/python/.venv/bin/python bench/studio/library.py [--videos 10000] [--runs 5]
"""

import argparse
import json
import shutil
import socket
import sqlite3
import statistics
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

REPO = Path(__file__).resolve().parents[2]
KEY = "sk-bench"


def call(base, method, path, body=None):
    req = urllib.request.Request(base + path, json.dumps(body).encode() if body else None, method=method,
                                 headers={"Authorization": "Bearer " + KEY, "Content-Type": "application/json"})
    with urllib.request.urlopen(req) as r:
        return json.load(r)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--videos", type=int, default=10_000)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    data = Path(tempfile.mkdtemp(prefix="kino-studio-bench-"))
    proc = subprocess.Popen([str(REPO / "target/release/kino"), "serve", "--port", str(port), "--data-dir", str(data),
                             "--api-keys", KEY], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/healthz")
                break
            except OSError:
                time.sleep(0.1)
        v = call(base, "POST", "/v1/videos", {"model": "kino-preview", "prompt": "a red kite", "size": "1280x720"})
        while v["status"] not in ("completed", "failed"):
            time.sleep(0.2)
            v = call(base, "GET", "/v1/videos/" + v["id"])
        db = sqlite3.connect(data / "kino.sqlite", timeout=30)
        cols = [r[1] for r in db.execute("PRAGMA table_info(videos)")]
        row = dict(zip(cols, db.execute("SELECT * FROM videos WHERE id = ?", (v["id"],)).fetchone()))
        rows = []
        stamp = int(v["id"][6:20], 16)
        for n in range(args.videos):
            r = dict(row)
            r["id"] = "video_%014x%034x" % (stamp + n + 1, n)
            r["prompt"] = f"clip {n}: a red kite over the dunes"
            rows.append(tuple(r[c] for c in cols))
        db.executemany(f"INSERT INTO videos ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})", rows)
        db.commit()
        db.close()

        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=shutil.which("chromium") or "/usr/bin/chromium",
                                        args=["--no-sandbox"])
            context = browser.new_context()
            page = context.new_page()
            sizes = {}
            page.on("response", lambda r: sizes.__setitem__(r.url, len(r.body())) if r.url.startswith(base + "/studio/")
                    or r.url == base + "/" else None)
            page.goto(base + "/")
            page.fill("#key-input", KEY)
            page.click("#key-save")
            page.wait_for_selector("form.create")
            first_load = sum(sizes.values())
            times = []
            for _ in range(args.runs):
                page.goto("about:blank")
                start = time.perf_counter()
                page.goto(base + "/#/library")
                page.wait_for_selector(".card img")
                while page.evaluate("[...document.querySelectorAll('.card img')].filter(i => i.complete && i.naturalWidth).length") < 24:
                    time.sleep(0.005)
                times.append((time.perf_counter() - start) * 1000)
            browser.close()
        print(f"first load: {first_load} bytes in {len(sizes)} files (uncompressed)")
        print(f"library, {args.videos + 1} videos: first page of 24 cards with thumbnails painted in "
              f"{statistics.median(times):.0f} ms (median of {args.runs}; {', '.join(f'{t:.0f}' for t in times)})")
    finally:
        proc.terminate()
        proc.wait()
        shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    main()
