"""Batches API for /v1/videos (CONTRACT §11) through the Python SDK: files.create(purpose="batch") →
batches.create → retrieve/list/cancel → the output and error files, a 200-line batch end to end,
per-line body errors, file-level failures, and the request errors."""

import json
import time

import openai
import pytest
from openai.types import Batch, Video

from helpers import check_mp4, check_sdk_error, http, raises, save

BATCH_FIELDS = {
    "id", "object", "endpoint", "model", "errors", "input_file_id", "completion_window", "status",
    "output_file_id", "error_file_id", "created_at", "in_progress_at", "expires_at", "finalizing_at",
    "completed_at", "failed_at", "expired_at", "cancelling_at", "cancelled_at", "request_counts", "usage", "metadata",
}
TERMINAL = {"completed", "failed", "cancelled", "expired"}


def tiny(prompt: str) -> dict:
    """The smallest render kino-preview makes: keeps a 200-line batch quick on a small CI machine."""
    return {"model": "kino-preview", "prompt": prompt, "size": "320x180", "seconds": "4"}


def line(custom_id: str, body) -> dict:
    return {"custom_id": custom_id, "method": "POST", "url": "/v1/videos", "body": body}


@pytest.fixture
def batch_file(client, tmp_path):
    """Upload JSONL lines from a real file with purpose=batch, as the batch guide does."""

    def go(lines, name="requests.jsonl"):
        p = tmp_path / name
        p.write_text("".join(json.dumps(entry) + "\n" for entry in lines) if isinstance(lines, list) else lines)
        with open(p, "rb") as fh:
            f = client.files.create(file=fh, purpose="batch")
        assert (f.purpose, f.status) == ("batch", "processed")
        return f.id

    return go


def wait_batch(client, batch_id: str, timeout: float, on_poll=None) -> Batch:
    deadline = time.monotonic() + timeout
    while True:
        b = client.batches.retrieve(batch_id)
        if on_poll:
            on_poll(b)
        if b.status in TERMINAL:
            return b
        assert time.monotonic() < deadline, f"{batch_id} still {b.status} after {timeout}s: {b.request_counts}"
        time.sleep(0.5)


def jsonl(client, file_id: str) -> list[dict]:
    return [json.loads(ln) for ln in client.files.content(file_id).text.splitlines()]


def test_a_200_line_batch_end_to_end(client, batch_file, out_dir, base_url):
    n = 200
    file_id = batch_file([line(f"shot-{i:03}", tiny(f"a paper boat on a pond, take {i}")) for i in range(n)])
    b = client.batches.create(input_file_id=file_id, endpoint="/v1/videos", completion_window="24h",
                              metadata={"suite": "conformance"})
    assert (b.object, b.status, b.endpoint, b.input_file_id) == ("batch", "validating", "/v1/videos", file_id)
    assert b.id.startswith("batch_") and b.expires_at == b.created_at + 86400
    assert b.metadata == {"suite": "conformance"} and b.output_file_id is None and b.errors is None

    seen = []

    def monotonic(batch):
        c = batch.request_counts
        if seen:
            assert c.completed >= seen[-1].completed and c.failed >= seen[-1].failed, (seen[-1], c)
        if batch.status != "validating":
            assert c.total == n, c
        assert c.completed + c.failed <= max(c.total, 0), c
        seen.append(c)

    done = wait_batch(client, b.id, timeout=240, on_poll=monotonic)
    assert done.status == "completed", done
    assert (done.request_counts.total, done.request_counts.completed, done.request_counts.failed) == (n, n, 0)
    assert done.model == "kino-preview"
    assert done.error_file_id is None and done.errors is None
    assert done.in_progress_at and done.finalizing_at and done.completed_at
    assert done.in_progress_at <= done.finalizing_at <= done.completed_at

    out = client.files.retrieve(done.output_file_id)
    assert out.purpose == "batch_output" and out.expires_at is not None
    entries = jsonl(client, done.output_file_id)
    assert sorted(e["custom_id"] for e in entries) == [f"shot-{i:03}" for i in range(n)]
    for e in entries:
        assert set(e) == {"id", "custom_id", "response", "error"} and e["error"] is None
        assert e["id"].startswith("batch_req_") and e["response"]["status_code"] == 200
        assert e["response"]["request_id"].startswith("req_")
        # As the SDK parses responses: leniently (it would too for 320x180, not in its size Literal).
        v = Video.construct(**e["response"]["body"])
        assert (v.status, v.size, v.seconds, v.model) == ("completed", "320x180", "4", "kino-preview"), v

    # The output's videos are the real thing: retrievable and downloadable.
    first = Video.construct(**entries[0]["response"]["body"])
    assert client.videos.retrieve(first.id) == first
    path = save(out_dir, "batch-first.mp4", client.videos.download_content(first.id).read())
    check_mp4(path, 320, 180, 4)

    listed = [x.id for x in client.batches.list(limit=2)]
    assert done.id in listed
    raw = http(base_url, "GET", f"/batches/{done.id}")
    assert raw.status == 200 and set(raw.json()) == BATCH_FIELDS, raw
    assert raw.json()["usage"] is None


def test_body_errors_go_to_the_error_file(client, batch_file):
    file_id = batch_file([
        line("good", tiny("a kite")),
        line("bad-seconds", {**tiny("p"), "seconds": "7"}),
        line("bad-type", {**tiny("p"), "seconds": 8}),
    ])
    b = client.batches.create(input_file_id=file_id, endpoint="/v1/videos", completion_window="24h")
    done = wait_batch(client, b.id, timeout=120)
    assert done.status == "completed", done
    c = done.request_counts
    assert (c.total, c.completed, c.failed) == (3, 1, 2)
    errors = {e["custom_id"]: e for e in jsonl(client, done.error_file_id)}
    assert set(errors) == {"bad-seconds", "bad-type"}
    for custom_id, code in (("bad-seconds", "invalid_value"), ("bad-type", "invalid_type")):
        e = errors[custom_id]
        assert e["error"] is None and e["response"]["status_code"] == 400
        err = e["response"]["body"]["error"]
        assert set(err) == {"message", "type", "param", "code"}
        assert (err["type"], err["param"], err["code"]) == ("invalid_request_error", "seconds", code), err
    assert [e["custom_id"] for e in jsonl(client, done.output_file_id)] == ["good"]


def test_file_level_problems_fail_the_batch(client, batch_file):
    file_id = batch_file([line("same", tiny("a")), line("same", tiny("b"))])
    b = client.batches.create(input_file_id=file_id, endpoint="/v1/videos", completion_window="24h")
    done = wait_batch(client, b.id, timeout=60)
    assert done.status == "failed" and done.failed_at and done.in_progress_at is None
    (err,) = done.errors.data
    assert (err.code, err.line, err.param) == ("duplicate_custom_id", 2, "custom_id"), err
    assert done.output_file_id is None and done.error_file_id is None

    bad_json = batch_file(json.dumps(line("a", tiny("a"))) + "\n{oops\n", name="broken.jsonl")
    b = client.batches.create(input_file_id=bad_json, endpoint="/v1/videos", completion_window="24h")
    done = wait_batch(client, b.id, timeout=60)
    assert done.status == "failed" and [(e.code, e.line) for e in done.errors.data] == [("invalid_json_line", 2)]


def test_cancel(client, batch_file):
    file_id = batch_file([line(f"c{i}", tiny(f"rain, take {i}")) for i in range(30)])
    b = client.batches.create(input_file_id=file_id, endpoint="/v1/videos", completion_window="24h")
    wait_until = time.monotonic() + 60
    while client.batches.retrieve(b.id).status == "validating":
        assert time.monotonic() < wait_until
        time.sleep(0.1)
    cancelling = client.batches.cancel(b.id)
    assert cancelling.status in ("cancelling", "cancelled") and cancelling.cancelling_at
    done = wait_batch(client, b.id, timeout=60)
    assert done.status == "cancelled" and done.cancelled_at, done
    c = done.request_counts
    assert c.total == 30 and c.completed + c.failed == 30 and c.failed > 0, c
    cancelled = [e for e in jsonl(client, done.error_file_id) if e["error"]]
    assert cancelled and all(e["error"]["code"] == "batch_cancelled" and e["response"] is None for e in cancelled)
    # Partial results: whatever finished is in the output file.
    if c.completed:
        assert len(jsonl(client, done.output_file_id)) == c.completed


def test_request_errors(no_retry, batch_file, client):
    file_id = batch_file([line("a", tiny("a"))])
    err = check_sdk_error(raises(openai.BadRequestError, no_retry.batches.create, input_file_id=file_id,
                                 endpoint="/v1/chat/completions", completion_window="24h"), 400,
                          code="invalid_value", param="endpoint")
    assert err["message"] == "Invalid value: '/v1/chat/completions'. Supported values are: '/v1/videos'."
    with open(__file__, "rb") as fh:
        other = client.files.create(file=fh, purpose="user_data")
    check_sdk_error(raises(openai.BadRequestError, no_retry.batches.create, input_file_id=other.id,
                           endpoint="/v1/videos", completion_window="24h"), 400, param="input_file_id")
    check_sdk_error(raises(openai.NotFoundError, no_retry.batches.create, input_file_id="file-0000000000AAAAAAAAAAAAAA",
                           endpoint="/v1/videos", completion_window="24h"), 404, param="input_file_id")
    check_sdk_error(raises(openai.NotFoundError, no_retry.batches.retrieve, "batch_0000000000000000000000000000000"), 404)
    check_sdk_error(raises(openai.NotFoundError, no_retry.batches.cancel, "batch_0000000000000000000000000000000"), 404)
    client.files.delete(other.id)
