"""Error statuses and envelopes (CONTRACT §7), through the SDK and raw HTTP."""

import json
import select
import socket
from urllib.parse import urlparse

import openai
import pytest

from helpers import check_envelope, check_sdk_error, http, raises

BAD_CREATES = [
    # kwargs, param, code
    ({"seconds": "10"}, "seconds", "invalid_value"),
    ({"size": "999x999"}, "size", "invalid_value"),
    ({"size": "1920x1080", "model": "sora-2"}, "size", "invalid_value"),
    ({"size": "1080x1920", "model": "sora-2-2025-12-08"}, "size", "invalid_value"),
    ({"model": "sora-9"}, "model", "invalid_value"),
]


@pytest.mark.parametrize("kwargs,param,code", BAD_CREATES, ids=[p for _, p, _ in BAD_CREATES])
def test_create_invalid_value(no_retry, kwargs, param, code):
    e = raises(openai.BadRequestError, no_retry.videos.create, prompt="x", **kwargs)
    check_sdk_error(e, 400, code=code, param=param)


def test_prompt_too_long(no_retry):
    check_sdk_error(raises(openai.BadRequestError, no_retry.videos.create, prompt="a" * 32001), 400, param="prompt")


def test_prompt_empty(no_retry):
    check_sdk_error(raises(openai.BadRequestError, no_retry.videos.create, prompt=""), 400, param="prompt")


@pytest.mark.parametrize("body", [{"model": "sora-2"}, {}], ids=["json", "json-empty"])
def test_missing_prompt_json(base_url, body):
    check_envelope(http(base_url, "POST", "/videos", body), 400, "invalid_request_error",
                   "missing_required_parameter", "prompt")


def test_missing_prompt_multipart(base_url):
    boundary = "kinoboundary"
    body = f'--{boundary}\r\nContent-Disposition: form-data; name="model"\r\n\r\nsora-2\r\n--{boundary}--\r\n'
    r = http(base_url, "POST", "/videos", body, {"Content-Type": f"multipart/form-data; boundary={boundary}"})
    check_envelope(r, 400, "invalid_request_error", "missing_required_parameter", "prompt")


def test_seconds_as_json_integer(base_url):
    r = http(base_url, "POST", "/videos", {"prompt": "x", "seconds": 8})
    check_envelope(r, 400, "invalid_request_error", "invalid_type", "seconds")


def test_invalid_json(base_url):
    r = http(base_url, "POST", "/videos", '{"prompt": "x",', {"Content-Type": "application/json"})
    check_envelope(r, 400, "invalid_request_error")


def test_content_not_ready(client, no_retry):
    v = client.videos.create(model="sora-2-pro", prompt="slow one", size="1920x1080", seconds="20")
    try:
        e = raises(openai.NotFoundError, no_retry.videos.download_content, v.id)
        err = check_sdk_error(e, 404)
        assert err["message"].startswith("Video is not ready yet"), err
    finally:
        client.videos.delete(v.id)


@pytest.mark.parametrize("call", ["retrieve", "delete", "download_content"])
def test_unknown_video(no_retry, call):
    e = raises(openai.NotFoundError, getattr(no_retry.videos, call), "video_" + "f" * 48)
    check_sdk_error(e, 404)


def test_bad_variant(no_retry, guide_video):
    e = raises(openai.BadRequestError, no_retry.videos.download_content, guide_video.id, variant="bogus")
    check_sdk_error(e, 400, param="variant")


@pytest.mark.parametrize("query,param", [({"limit": 101}, "limit"), ({"limit": -1}, "limit"),
                                         ({"order": "sideways"}, "order")])
def test_bad_list_query(no_retry, query, param):
    check_sdk_error(raises(openai.BadRequestError, no_retry.videos.list, **query), 400, param=param)


def test_no_authorization(base_url):
    r = http(base_url, "GET", "/videos", auth=False)
    check_envelope(r, 401, "invalid_request_error", None, None)
    r = http(base_url, "POST", "/videos", {"prompt": "x"}, auth=False)
    check_envelope(r, 401, "invalid_request_error")


@pytest.mark.parametrize("value", ["Basic abc", "Bearer", "Bearer ", "bearerx"])
def test_malformed_authorization(base_url, value):
    err = check_envelope(http(base_url, "GET", "/videos", headers={"Authorization": value}, auth=False), 401,
                         "invalid_request_error")
    assert err["code"] in (None, "invalid_api_key"), err


def test_sdk_authentication_error(base_url):
    c = openai.OpenAI(base_url=base_url, api_key="x", max_retries=0, default_headers={"Authorization": "Basic abc"})
    check_sdk_error(raises(openai.AuthenticationError, c.videos.list), 401)


def test_unknown_route(base_url):
    check_envelope(http(base_url, "GET", "/nope"), 404, "invalid_request_error")
    check_envelope(http(base_url, "POST", "/videos/nope/nope", {"prompt": "x"}), 404)


def _read_reply(s: socket.socket) -> bytes:
    """Reads one HTTP reply; stops at EOF, reset, a complete body, or 30 s of silence."""
    reply = b""
    s.settimeout(30)
    try:
        while True:
            if b"\r\n\r\n" in reply:
                head, body = reply.split(b"\r\n\r\n", 1)
                length = [ln for ln in head.lower().split(b"\r\n") if ln.startswith(b"content-length:")]
                if length and len(body) >= int(length[0].split(b":")[1]) or body.endswith(b"0\r\n\r\n"):
                    return reply
            got = s.recv(65536)
            if not got:
                return reply
            reply += got
    except (ConnectionResetError, TimeoutError, socket.timeout):
        return reply


def test_oversize_body_413(base_url):
    """200 MB declared and streamed: a 413 must come back (possibly before we finish sending), never a hang."""
    u = urlparse(base_url)
    size = 200 * 1024 * 1024
    head = (f"POST {u.path}/videos HTTP/1.1\r\nHost: {u.netloc}\r\nAuthorization: Bearer x\r\n"
            f"Content-Type: application/json\r\nContent-Length: {size}\r\n\r\n").encode()
    chunk = b" " * (1 << 20)
    with socket.create_connection((u.hostname, u.port), timeout=30) as s:
        try:
            s.sendall(head)
            for _ in range(size // len(chunk)):
                if select.select([s], [], [], 0)[0]:
                    break  # the server answered early
                s.sendall(chunk)
        except (ConnectionResetError, BrokenPipeError):
            pass  # the server may stop reading once it has answered
        reply = _read_reply(s)
    assert reply.startswith(b"HTTP/1.1 413"), f"expected a 413 answer, got {reply[:300]!r}"
    body = reply.split(b"\r\n\r\n", 1)[1]
    err, _ = json.JSONDecoder().raw_decode(body[body.index(b"{"):].decode())
    assert set(err["error"]) == {"message", "type", "param", "code"}, err


def test_sdk_characters_extra_body(no_retry):
    """The SDK sends extra_body characters as repeated multipart parts `characters[][id]` (CONTRACT §3.1):
    Kino parses them and looks the character up, so an unknown id is a 404 naming `characters`."""
    e = raises(openai.NotFoundError, no_retry.videos.create, prompt="x",
               extra_body={"characters": [{"id": "char_doesnotexist"}]})
    err = check_sdk_error(e, 404, code=None, param="characters")
    assert err["message"] == "Character with id 'char_doesnotexist' not found.", err
