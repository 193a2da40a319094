"""Files API (CONTRACT §10) through the Python SDK: upload from an open file, retrieve, list with
auto-paging and a purpose filter, download, wait_for_processing, delete, and the errors."""

import os

import openai
import pytest

from helpers import check_envelope, check_sdk_error, http, raises

FILE_FIELDS = {"id", "object", "bytes", "created_at", "filename", "purpose", "status", "expires_at", "status_details"}


@pytest.fixture
def upload(client, tmp_path):
    """Upload `data` as `name` from a real file, as the SDK docs do; deletes leftovers after the test."""
    made = []

    def go(data: bytes, name: str, purpose: str, **kw):
        p = tmp_path / name
        p.write_bytes(data)
        with open(p, "rb") as fh:
            f = client.files.create(file=fh, purpose=purpose, **kw)
        made.append(f.id)
        return f

    yield go
    for file_id in made:
        try:
            client.files.delete(file_id)
        except openai.NotFoundError:
            pass


def test_upload_retrieve_content_delete(client, no_retry, upload):
    data = os.urandom(3_000_000)
    f = upload(data, "frames.bin", "vision")
    raw = client.files.with_raw_response.retrieve(f.id)
    assert set(raw.http_response.json()) == FILE_FIELDS
    assert f.id.startswith("file-") and f.object == "file"
    assert (f.bytes, f.filename, f.purpose, f.status) == (3_000_000, "frames.bin", "vision", "processed")
    assert f.expires_at is None and f.status_details is None
    assert client.files.retrieve(f.id) == f
    assert client.files.wait_for_processing(f.id, poll_interval=0.1).status == "processed"

    content = client.files.content(f.id)
    assert content.response.headers["content-type"] == "application/octet-stream"
    assert content.read() == data

    d = client.files.delete(f.id)
    assert (d.id, d.object, d.deleted) == (f.id, "file", True)
    for call in (no_retry.files.retrieve, no_retry.files.content, no_retry.files.delete):
        err = check_sdk_error(raises(openai.NotFoundError, call, f.id), 404, param="id", code=None)
        assert err["message"] == f"No such File object: {f.id}"


def test_list_filters_by_purpose_and_auto_pages(client, upload):
    mine = [upload(f"line {i}\n".encode(), f"v{i}.txt", "vision").id for i in range(5)]
    other = upload(b"{}\n", "in.jsonl", "user_data").id
    page = client.files.list(purpose="vision", limit=2)
    assert len(page.data) == 2 and page.has_more
    listed = [f.id for f in page]  # auto-paging follows `after` = the last id
    assert set(mine) <= set(listed) and other not in listed
    assert all(f.purpose == "vision" for f in client.files.list(purpose="vision", limit=2))
    assert [f.id for f in client.files.list(purpose="vision", order="asc", limit=2) if f.id in mine] == mine
    assert [f.id for f in client.files.list(purpose="vision") if f.id in mine] == mine[::-1], "newest first by default"


def test_expiry(client, upload):
    b = upload(b'{"custom_id":"a"}\n', "batch.jsonl", "batch")
    assert b.expires_at == b.created_at + 30 * 24 * 3600
    assert client.files.content(b.id).response.headers["content-type"] == "application/jsonl"
    v = upload(b"x", "x.png", "vision", expires_after={"anchor": "created_at", "seconds": 3600})
    assert v.expires_at == v.created_at + 3600


def test_bad_uploads(no_retry, tmp_path, base_url):
    p = tmp_path / "x.bin"
    p.write_bytes(b"x")
    with open(p, "rb") as fh:
        e = raises(openai.BadRequestError, no_retry.files.create, file=fh, purpose="pictures")
    check_sdk_error(e, 400, code="invalid_value", param="purpose")
    with open(p, "rb") as fh:
        e = raises(openai.BadRequestError, no_retry.files.create, file=fh, purpose="vision",
                   expires_after={"anchor": "created_at", "seconds": 60})
    check_sdk_error(e, 400, param="expires_after.seconds")
    check_envelope(http(base_url, "POST", "/files", {"purpose": "vision"}), 400)
    check_envelope(http(base_url, "GET", "/files?limit=0"), 400, param="limit")
