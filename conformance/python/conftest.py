"""Starts the real kino binary once per session and hands tests a base URL and an SDK client."""

import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.request
import warnings
from contextlib import contextmanager
from pathlib import Path

import pytest
from openai import OpenAI

warnings.filterwarnings("ignore", category=DeprecationWarning)

REPO = Path(__file__).resolve().parents[2]
TEST_TIMEOUT = int(os.environ.get("KINO_TEST_TIMEOUT", "900"))
SERVER_LOG: list[Path] = []


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as r:
            return r.status == 200
    except Exception:
        return False


@contextmanager
def _serve(*extra: str):
    """The kino binary serving on a free port with its own data dir, `extra` arguments added."""
    binary = Path(os.environ.get("KINO_BIN", "target/debug/kino"))
    if not binary.is_absolute():
        binary = REPO / binary
    assert binary.exists(), f"kino binary not found at {binary} (set KINO_BIN)"
    port = _free_port()
    data_dir = tempfile.mkdtemp(prefix="kino-data-")
    log_path = Path(tempfile.mkdtemp(prefix="kino-log-")) / "kino.log"
    SERVER_LOG.append(log_path)
    log = open(log_path, "wb")
    cmd = [str(binary), "serve", "--host", "127.0.0.1", "--port", str(port), "--data-dir", data_dir, *extra]
    env = {**os.environ, "NO_COLOR": "1"}
    proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env)
    deadline = time.monotonic() + 30
    while not _healthy(f"http://127.0.0.1:{port}/healthz"):
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            log.close()
            pytest.exit(f"kino did not come up ({' '.join(cmd)}); log:\n{log_path.read_text(errors='replace')}", 3)
        time.sleep(0.2)
    try:
        yield f"http://127.0.0.1:{port}/v1"
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()
        shutil.rmtree(data_dir, ignore_errors=True)


@pytest.fixture(scope="session")
def base_url():
    with _serve() as url:
        yield url


@pytest.fixture(scope="session")
def wan_url():
    """A second server with the tiny random-weight Wan 2.1 checkpoint of kino-wan's tests and two
    of its LoRA fixtures, `ink` (PEFT keys, default scale 0.8) and `clay` (kohya keys)."""
    fixtures = REPO / "crates" / "kino-wan" / "tests" / "fixtures"
    model = (
        f"wan-tiny={fixtures / 'wan21-tiny'},long_side=32,steps=2,"
        f"lora=ink:{fixtures / 'lora' / 'peft.safetensors'}:0.8,lora=clay:{fixtures / 'lora' / 'kohya.safetensors'}"
    )
    with _serve("--model", model) as url:
        yield url


def pytest_terminal_summary(terminalreporter, exitstatus):
    """On failure, show the end of the server log: it names the request ids of failed calls."""
    if exitstatus != 0 and SERVER_LOG and SERVER_LOG[0].exists():
        tail = SERVER_LOG[0].read_text(errors="replace").splitlines()[-40:]
        terminalreporter.section(f"kino server log (last 40 lines of {SERVER_LOG[0]})")
        terminalreporter.write_line("\n".join(tail))


@pytest.fixture(scope="session")
def client(base_url):
    return OpenAI(base_url=base_url, api_key="x")


@pytest.fixture(scope="session")
def no_retry(base_url):
    """For error tests: one attempt, so a wrong 5xx shows up at once."""
    return OpenAI(base_url=base_url, api_key="x", max_retries=0)


@pytest.fixture(scope="session")
def out_dir():
    d = Path(os.environ.get("KINO_CONFORMANCE_OUT") or tempfile.mkdtemp(prefix="kino-conf-"))
    d = d.resolve() / "python"
    d.mkdir(parents=True, exist_ok=True)
    return d


@contextmanager
def time_limit(seconds=TEST_TIMEOUT):
    """create_and_poll has no timeout of its own: never let a stuck render hang CI."""

    def boom(*_):
        raise TimeoutError(f"ran longer than {seconds}s (KINO_TEST_TIMEOUT)")

    old = signal.signal(signal.SIGALRM, boom)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


@pytest.fixture(autouse=True)
def _time_limit():
    with time_limit():
        yield


@pytest.fixture(scope="session")
def guide_video(client):
    """The guide's own example, unchanged: used by test_guide and by tests that need a finished video."""
    with time_limit():
        return client.videos.create_and_poll(
            model="sora-2",
            prompt="A calico cat playing a piano on stage",
            size="1280x720",
            seconds="8",
        )
