"""Webhooks (CONTRACT §9): the endpoint management API through the SDK, and real signed deliveries
to a local receiver, verified both by the SDK (`client.webhooks.unwrap`) and by the Standard Webhooks
reference library; secret rotation, `test()`, retries while the receiver is down, and the durable
outbox across a kino restart.

This module starts its own kino processes (it needs --fetch-allow for a loopback receiver, fast
retry flags, and restarts), so it does not use conftest's shared server.
"""

import base64
import json
import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import openai
import pytest
from openai import OpenAI
from standardwebhooks import Webhook
from standardwebhooks.webhooks import WebhookVerificationError

from conftest import _free_port, _healthy
from helpers import check_envelope, check_sdk_error, http, raises, wait_done

REPO = Path(__file__).resolve().parents[2]
# What openai-python 3.63 lets an endpoint subscribe to (WebhookCreateParams.event_types), in its
# order. Kino stores any of them and delivers the video.* and batch.* ones it emits.
EVENT_TYPES = [
    "health.alert.triggered", "health.alert.resolved", "batch.completed", "batch.failed", "batch.expired",
    "batch.cancelled", "response.completed", "response.failed", "response.cancelled", "response.incomplete",
    "eval.run.succeeded", "eval.run.failed", "eval.run.canceled", "fine_tuning.job.succeeded",
    "fine_tuning.job.failed", "fine_tuning.job.cancelled", "realtime.call.incoming", "video.completed",
    "video.failed", "agent.environment.ready", "agent.environment.failed", "agent.environment.suspended",
    "agent.environment.expired", "agent.session.created", "agent.session.action_required",
    "agent.session.in_progress", "agent.session.idle", "agent.session.failed", "safety.alert.created",
]
PUBLIC_URL = "https://93.184.215.14/hooks/a"  # a literal public address: no DNS needed, never contacted
FAST_RETRIES = ["--webhook-retry-base", "200ms", "--webhook-retry-max", "2s", "--webhook-timeout", "2s"]
LIVE_FLAGS = ["--fetch-allow", "127.0.0.1/32", *FAST_RETRIES]
DELIVERY_WAIT = 30  # seconds: a video takes ~1-2 s and the first attempt is due at once


# ---------- a kino of our own ----------

class Kino:
    """One kino process; `stop()` + `start()` restarts it on the same port and data dir."""

    def __init__(self, *flags: str):
        binary = Path(os.environ.get("KINO_BIN", "target/debug/kino"))
        self.binary = binary if binary.is_absolute() else REPO / binary
        assert self.binary.exists(), f"kino binary not found at {self.binary} (set KINO_BIN)"
        self.flags = list(flags)
        self.port = _free_port()
        self.data_dir = tempfile.mkdtemp(prefix="kino-wh-data-")
        self.log_path = Path(tempfile.mkdtemp(prefix="kino-wh-log-")) / "kino.log"
        self.proc = None
        self.base_url = f"http://127.0.0.1:{self.port}/v1"
        self.client = OpenAI(base_url=self.base_url, api_key="x", max_retries=0)

    def start(self):
        cmd = [str(self.binary), "serve", "--host", "127.0.0.1", "--port", str(self.port),
               "--data-dir", self.data_dir, *self.flags]
        log = open(self.log_path, "ab")
        self.proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                     env={**os.environ, "NO_COLOR": "1"})
        log.close()
        deadline = time.monotonic() + 30
        while not _healthy(f"http://127.0.0.1:{self.port}/healthz"):
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.proc.kill()
                self.proc.wait()
                raise AssertionError(f"kino did not come up ({' '.join(cmd)}):\n{self.log_tail()}")
            time.sleep(0.05)
        return self

    def stop(self) -> int:
        """SIGTERM, as an orchestrator would; returns the exit status."""
        if self.proc is None or self.proc.poll() is not None:
            return self.proc.returncode if self.proc else 0
        self.proc.send_signal(signal.SIGTERM)
        try:
            return self.proc.wait(30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            raise AssertionError(f"kino did not stop within 30 s of SIGTERM:\n{self.log_tail()}")

    def close(self):
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        shutil.rmtree(self.data_dir, ignore_errors=True)

    def log_tail(self, n: int = 40) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-n:])
        except OSError:
            return "(no log)"


# ---------- a real webhook receiver ----------

@dataclass
class Hit:
    at: float  # time.monotonic() on arrival
    path: str
    headers: dict  # lower-cased names
    body: bytes
    answered: int

    @property
    def payload(self) -> dict:
        return json.loads(self.body)

    @property
    def webhook_id(self) -> str:
        return self.headers.get("webhook-id", "")


class Receiver:
    """ThreadingHTTPServer on 127.0.0.1 recording every POST; `status` is an int or a function of the
    number of earlier hits. `stop()` makes the port refuse connections; `start(same port)` revives it."""

    def __init__(self):
        self.hits: list[Hit] = []
        self.status = 200
        self.cond = threading.Condition()
        self.server = None
        self.port = 0

    def start(self, port: int = 0):
        recv = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                with recv.cond:
                    st = recv.status(len(recv.hits)) if callable(recv.status) else recv.status
                    recv.hits.append(Hit(time.monotonic(), self.path,
                                         {k.lower(): v for k, v in self.headers.items()}, body, st))
                    recv.cond.notify_all()
                self.send_response(st)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self):
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
            self.server = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hook"

    def about(self, data_id: str) -> list[Hit]:
        with self.cond:
            return [h for h in self.hits if _data_id(h) == data_id]

    def wait(self, pred, what: str, timeout: float = DELIVERY_WAIT, kino: Kino | None = None) -> list[Hit]:
        """Waits until some hit satisfies `pred`; returns all hits so far."""
        deadline = time.monotonic() + timeout
        with self.cond:
            while not any(pred(h) for h in self.hits):
                left = deadline - time.monotonic()
                if left <= 0:
                    seen = [(h.answered, h.webhook_id, h.body[:200]) for h in self.hits]
                    log = f"\nkino log:\n{kino.log_tail()}" if kino else ""
                    raise AssertionError(f"no {what} within {timeout}s; receiver saw {seen}{log}")
                self.cond.wait(left)
            return list(self.hits)


def _data_id(h: Hit):
    try:
        return h.payload.get("data", {}).get("id")
    except ValueError:
        return None


def sigs(h: Hit) -> list[str]:
    return h.headers.get("webhook-signature", "").split(" ")


def sdk_verifies(client: OpenAI, h: Hit, secret: str) -> bool:
    try:
        client.webhooks.verify_signature(h.body.decode(), h.headers, secret=secret)
        return True
    except openai.InvalidWebhookSignatureError:
        return False


def lib_verifies(h: Hit, secret: str, body: bytes | None = None) -> bool:
    try:
        Webhook(secret).verify(body if body is not None else h.body, h.headers)
        return True
    except WebhookVerificationError:
        return False


def assert_verifies(client: OpenAI, h: Hit, secret: str, label: str):
    assert sdk_verifies(client, h, secret), f"SDK rejects the {label} secret: {h.headers}"
    assert lib_verifies(h, secret), f"standardwebhooks rejects the {label} secret: {h.headers}"


def assert_rejected(client: OpenAI, h: Hit, secret: str, label: str):
    assert not sdk_verifies(client, h, secret), f"SDK accepts the {label} secret: {h.headers}"
    assert not lib_verifies(h, secret), f"standardwebhooks accepts the {label} secret: {h.headers}"


def make_video(client: OpenAI):
    video = client.videos.create(prompt="A paper boat drifting down a gutter stream", seconds="4")
    done = wait_done(client, video.id, timeout=120)
    assert done.status == "completed", done
    return done


# ---------- fixtures ----------

@pytest.fixture(scope="module")
def plain():
    """A kino WITHOUT --fetch-allow: private and loopback URLs must be refused."""
    k = Kino().start()
    yield k
    k.stop()
    k.close()


@pytest.fixture(scope="module")
def live():
    """A kino that may reach 127.0.0.1 (our receivers) and retries fast."""
    k = Kino(*LIVE_FLAGS).start()
    yield k
    k.stop()
    k.close()


@pytest.fixture
def receiver():
    r = Receiver().start()
    yield r
    r.stop()


@pytest.fixture
def endpoints(live):
    """Creates endpoints on `live` and deletes them afterwards, so no test receives another's events."""
    made = []

    def make(url, event_types=("video.completed",), name="conformance"):
        ep = live.client.webhooks.create(name=name, url=url, event_types=list(event_types))
        made.append(ep.id)
        return ep

    yield make
    for eid in made:
        try:
            live.client.webhooks.delete(eid)
        except openai.NotFoundError:
            pass


# ---------- 1. management API ----------

def test_event_types_list(plain):
    res = plain.client.webhooks.event_types.list()
    assert res.object == "list"
    assert res.data == EVENT_TYPES


def test_endpoint_crud(plain):
    c = plain.client
    before = int(time.time())
    ep = c.webhooks.create(name="first", url=PUBLIC_URL, event_types=["video.completed"])
    raw = ep.to_dict()
    assert ep.id.startswith("we_"), ep.id
    assert ep.object == "webhook_endpoint"
    assert (ep.name, ep.url, ep.event_types) == ("first", PUBLIC_URL, ["video.completed"])
    assert before - 1 <= ep.created_at <= int(time.time()) + 1, ep.created_at
    secret = ep.signing_secret
    assert isinstance(secret, str) and secret.startswith("whsec_"), raw
    assert len(base64.b64decode(secret[len("whsec_"):])) >= 24, "the key behind the secret is too short"
    hint = raw.get("signing_secret_hint")
    assert isinstance(hint, str) and hint and hint != secret and len(hint) < len(secret), raw

    got = c.webhooks.retrieve(ep.id)
    got_raw = got.to_dict()
    assert "signing_secret" not in got_raw, f"the secret must only be shown on create/rotate: {got_raw}"
    assert got_raw.get("signing_secret_hint") == hint
    assert (got.id, got.object, got.name, got.url, got.event_types, got.created_at) == \
        (ep.id, "webhook_endpoint", "first", PUBLIC_URL, ["video.completed"], ep.created_at)

    # Partial updates keep what they do not name.
    up = c.webhooks.update(ep.id, name="renamed")
    assert (up.name, up.url, up.event_types) == ("renamed", PUBLIC_URL, ["video.completed"])
    assert "signing_secret" not in up.to_dict()
    up = c.webhooks.update(ep.id, event_types=["video.failed", "video.completed"])
    assert up.name == "renamed" and up.url == PUBLIC_URL
    assert sorted(up.event_types) == ["video.completed", "video.failed"]
    other = "https://93.184.215.14/hooks/b"
    up = c.webhooks.update(ep.id, url=other)
    assert (up.name, up.url) == ("renamed", other)
    assert sorted(up.event_types) == ["video.completed", "video.failed"]
    assert up.updated_at is not None and up.updated_at >= ep.created_at
    again = c.webhooks.retrieve(ep.id)
    assert (again.name, again.url, sorted(again.event_types)) == ("renamed", other, ["video.completed", "video.failed"])
    assert again.to_dict().get("signing_secret_hint") == hint, "an update must not change the secret"

    # Registration scripts written for OpenAI subscribe to types Kino does not emit: every
    # type the SDKs list is stored and returned as given.
    every = c.webhooks.create(name="all", url=PUBLIC_URL, event_types=EVENT_TYPES)
    assert sorted(every.event_types) == sorted(EVENT_TYPES)
    up = c.webhooks.update(every.id, event_types=["response.completed", "health.alert.triggered"])
    assert sorted(c.webhooks.retrieve(every.id).event_types) == ["health.alert.triggered", "response.completed"]
    c.webhooks.delete(every.id)

    # Listing: newest first; limit=1 pages through all with `after`.
    e2 = c.webhooks.create(name="second", url=PUBLIC_URL, event_types=["batch.completed"])
    e3 = c.webhooks.create(name="third", url=PUBLIC_URL, event_types=["video.failed"])
    full = c.webhooks.list(limit=100)
    ids = [e.id for e in full.data]
    assert len(ids) == len(set(ids))
    mine = [i for i in ids if i in (ep.id, e2.id, e3.id)]
    assert mine == [e3.id, e2.id, ep.id], f"not newest first: {ids}"
    assert all("signing_secret" not in e.to_dict() for e in full.data)
    first = c.webhooks.list(limit=1)
    assert len(first.data) == 1 and first.data[0].id == ids[0]
    assert first.has_more is True
    paged, after = [], None
    for _ in range(len(ids) + 2):
        page = c.webhooks.list(limit=1, **({"after": after} if after else {}))
        assert len(page.data) <= 1
        paged += [e.id for e in page.data]
        if not page.has_more:
            break
        after = page.data[-1].id
    assert paged == ids
    assert [e.id for e in c.webhooks.list(limit=1)] == ids, "SDK auto-pagination"

    # Delete, then it is gone.
    d = c.webhooks.delete(e2.id)
    assert d.to_dict() == {"id": e2.id, "object": "webhook_endpoint.deleted", "deleted": True}
    e = raises(openai.NotFoundError, c.webhooks.retrieve, e2.id)
    check_sdk_error(e, 404)
    check_sdk_error(raises(openai.NotFoundError, c.webhooks.delete, e2.id), 404)
    check_sdk_error(raises(openai.NotFoundError, c.webhooks.update, e2.id, name="x"), 404)
    assert e2.id not in [x.id for x in c.webhooks.list(limit=100).data]
    for eid in (ep.id, e3.id):
        c.webhooks.delete(eid)


def test_bad_inputs(plain, live):
    c = plain.client
    e = raises(openai.BadRequestError, c.webhooks.create, name="n", url=PUBLIC_URL, event_types=["video.exploded"])
    check_sdk_error(e, 400, param="event_types")
    e = raises(openai.BadRequestError, c.webhooks.create, name="n", url=PUBLIC_URL,
               event_types=["video.completed", "response.complete"])
    check_sdk_error(e, 400, param="event_types")
    e = raises(openai.BadRequestError, c.webhooks.create, name="n", url=PUBLIC_URL, event_types=[])
    check_sdk_error(e, 400, param="event_types")

    # Private and loopback targets are refused unless --fetch-allow covers them.
    for bad in ("http://10.0.0.1/hook", "http://127.0.0.1:9/hook", "http://[::1]/hook", "http://169.254.169.254/"):
        e = raises(openai.BadRequestError, c.webhooks.create, name="n", url=bad, event_types=["video.completed"])
        check_sdk_error(e, 400, param="url")
    e = raises(openai.BadRequestError, c.webhooks.create, name="n", url="ftp://93.184.215.14/x",
               event_types=["video.completed"])
    check_sdk_error(e, 400, param="url")
    # --fetch-allow 127.0.0.1/32 opens exactly that address, not 10/8.
    e = raises(openai.BadRequestError, live.client.webhooks.create, name="n", url="http://10.0.0.1/hook",
               event_types=["video.completed"])
    check_sdk_error(e, 400, param="url")

    ep = c.webhooks.create(name="n", url=PUBLIC_URL, event_types=["video.completed"])
    e = raises(openai.BadRequestError, c.webhooks.update, ep.id, url="http://10.0.0.1/hook")
    check_sdk_error(e, 400, param="url")
    e = raises(openai.BadRequestError, c.webhooks.update, ep.id, event_types=["nope"])
    check_sdk_error(e, 400, param="event_types")
    assert c.webhooks.retrieve(ep.id).url == PUBLIC_URL, "a refused update must change nothing"

    # Missing required fields (the SDK would not let us omit them).
    full = {"name": "n", "url": PUBLIC_URL, "event_types": ["video.completed"]}
    for missing in ("name", "url", "event_types"):
        body = {k: v for k, v in full.items() if k != missing}
        r = http(plain.base_url, "POST", "/webhook_endpoints", body)
        check_envelope(r, 400, type="invalid_request_error", param=missing)
    assert len(c.webhooks.list(limit=100).data) == 1, "a refused create must not create anything"
    c.webhooks.delete(ep.id)


# ---------- 2. a real delivery, verified two ways ----------

def test_video_completed_delivery_verifies(live, receiver, endpoints):
    c = live.client
    ep = endpoints(receiver.url)
    bystander = Receiver().start()  # subscribed to video.failed only: must get nothing
    try:
        endpoints(bystander.url, event_types=["video.failed"])
        video = make_video(c)
        receiver.wait(lambda h: _data_id(h) == video.id, "video.completed delivery", kino=live)
        h = receiver.about(video.id)[0]

        assert h.headers.get("content-type", "").startswith("application/json"), h.headers
        assert h.webhook_id.startswith("msg_"), h.headers
        assert abs(int(h.headers["webhook-timestamp"]) - time.time()) < 60, h.headers
        assert all(s.startswith("v1,") for s in sigs(h)) and len(sigs(h)) == 1, h.headers
        payload = h.payload
        assert set(payload) == {"id", "object", "created_at", "type", "data"}, payload
        assert payload["object"] == "event" and payload["type"] == "video.completed"
        assert payload["data"] == {"id": video.id}
        assert payload["id"].startswith("evt_")
        assert abs(payload["created_at"] - time.time()) < 120

        # The SDK: unwrap verifies and parses (into the wrong class, see CONTRACT §9.1: check fields).
        ev = c.webhooks.unwrap(h.body.decode(), h.headers, secret=ep.signing_secret)
        assert ev.type == "video.completed"
        assert ev.data.id == video.id
        assert ev.id == payload["id"]
        # The Standard Webhooks reference library.
        assert Webhook(ep.signing_secret).verify(h.body, h.headers) == payload

        # A tampered body, or another secret, fails both.
        tampered = h.body.replace(video.id.encode(), b"video_" + b"0" * (len(video.id) - 6))
        assert tampered != h.body
        with pytest.raises(openai.InvalidWebhookSignatureError):
            c.webhooks.unwrap(tampered.decode(), h.headers, secret=ep.signing_secret)
        with pytest.raises(WebhookVerificationError):
            Webhook(ep.signing_secret).verify(tampered, h.headers)
        other_secret = "whsec_" + base64.b64encode(os.urandom(32)).decode()
        assert_rejected(c, h, other_secret, "an unrelated")

        time.sleep(1.0)  # both deliveries would have been created together
        assert bystander.hits == [], f"an endpoint not subscribed to video.completed got {bystander.hits}"
    finally:
        bystander.stop()


# ---------- 3. rotation ----------

def test_rotate_secret_keep_old_then_not(live, receiver, endpoints):
    c = live.client
    ep = endpoints(receiver.url)
    s1 = ep.signing_secret
    hint1 = c.webhooks.retrieve(ep.id).to_dict()["signing_secret_hint"]

    rot = c.webhooks.rotate_secret(ep.id, keep_old_secret_active_for_24_hours=True)
    s2 = rot.signing_secret
    assert rot.id == ep.id and rot.object == "webhook_endpoint"
    assert isinstance(s2, str) and s2.startswith("whsec_") and s2 != s1
    after = c.webhooks.retrieve(ep.id).to_dict()
    assert "signing_secret" not in after and after["signing_secret_hint"] != hint1

    video = make_video(c)
    receiver.wait(lambda h: _data_id(h) == video.id, "delivery after rotate(keep)", kino=live)
    h = receiver.about(video.id)[0]
    assert len(sigs(h)) == 2 and all(s.startswith("v1,") for s in sigs(h)), h.headers
    assert_verifies(c, h, s1, "old (kept)")
    assert_verifies(c, h, s2, "new")
    assert c.webhooks.unwrap(h.body.decode(), h.headers, secret=s1).data.id == video.id

    # Without keep: only the newest secret signs (and the one kept before is dropped too).
    rot = c.webhooks.rotate_secret(ep.id, keep_old_secret_active_for_24_hours=False)
    s3 = rot.signing_secret
    assert s3.startswith("whsec_") and s3 not in (s1, s2)
    video = make_video(c)
    receiver.wait(lambda h: _data_id(h) == video.id, "delivery after rotate(no keep)", kino=live)
    h = receiver.about(video.id)[0]
    assert len(sigs(h)) == 1, h.headers
    assert_verifies(c, h, s3, "new")
    assert_rejected(c, h, s2, "previous")
    assert_rejected(c, h, s1, "original")


# ---------- 4. test() ----------

def test_test_delivery(live, receiver, endpoints):
    c = live.client
    ep = endpoints(receiver.url, event_types=["video.completed", "batch.completed"])

    res = c.webhooks.test(ep.id, event_type="video.completed")
    assert res.to_dict() == {"event_type": "video.completed", "object": "webhook_endpoint.test",
                             "status_code": 200, "success": True, "webhook_endpoint_id": ep.id}
    assert len(receiver.hits) == 1, "test() must have delivered synchronously"
    h = receiver.hits[0]
    assert h.webhook_id.startswith("msg_")
    assert_verifies(c, h, ep.signing_secret, "endpoint")
    ev = c.webhooks.unwrap(h.body.decode(), h.headers, secret=ep.signing_secret)
    assert ev.type == "video.completed" and ev.object == "event"
    assert isinstance(ev.data.id, str) and ev.data.id

    receiver.status = 204
    res = c.webhooks.test(ep.id, event_type="batch.completed")
    assert res.status_code == 204 and res.event_type == "batch.completed"
    h = receiver.hits[-1]
    assert len(receiver.hits) == 2 and h.payload["type"] == "batch.completed"
    assert h.webhook_id != receiver.hits[0].webhook_id
    assert lib_verifies(h, ep.signing_secret)

    receiver.status = 500
    e = raises(openai.BadRequestError, c.webhooks.test, ep.id, event_type="video.completed")
    check_sdk_error(e, 400, code="webhook_test_failed")
    assert len(receiver.hits) == 3 and receiver.hits[-1].answered == 500

    receiver.stop()  # nothing listening: also a failed test
    e = raises(openai.BadRequestError, c.webhooks.test, ep.id, event_type="video.completed")
    check_sdk_error(e, 400, code="webhook_test_failed")

    e = raises(openai.BadRequestError, c.webhooks.test, ep.id, event_type="response.complete")
    check_sdk_error(e, 400, param="event_type")
    check_sdk_error(raises(openai.NotFoundError, c.webhooks.test, "we_missing", event_type="video.completed"), 404)


# ---------- 5. retries ----------

def test_retried_until_receiver_recovers(live, receiver, endpoints):
    c = live.client
    failures = [503, 500, 302]  # a 3xx is not a delivery either
    receiver.status = lambda n: failures[n] if n < len(failures) else 200
    ep = endpoints(receiver.url)
    video = make_video(c)
    receiver.wait(lambda h: _data_id(h) == video.id and h.answered == 200, "successful retry", kino=live)
    time.sleep(2.5)  # longer than any retry delay (--webhook-retry-max 2s): nothing more may come
    hits = receiver.about(video.id)
    assert [h.answered for h in hits] == failures + [200], [h.answered for h in hits]
    assert len({h.webhook_id for h in hits}) == 1, f"webhook-id changed between retries: {[h.webhook_id for h in hits]}"
    assert len({h.body for h in hits}) == 1, "the event itself must not change between retries"
    for h in hits:
        assert_verifies(c, h, ep.signing_secret, "endpoint")
    gaps = [b.at - a.at for a, b in zip(hits, hits[1:])]
    # base 200 ms doubling, ±20 % jitter: ~0.2, ~0.4, ~0.8 s.
    assert all(g >= 0.15 for g in gaps), f"retries in a tight loop: gaps {gaps}"
    assert gaps[-1] > gaps[0] * 1.5, f"no exponential backoff: gaps {gaps}"


# ---------- 6. durable outbox across a restart ----------

def test_outbox_survives_restart():
    kino = Kino(*LIVE_FLAGS).start()
    receiver = Receiver().start()
    try:
        c = kino.client
        receiver.status = 503
        ep = c.webhooks.create(name="restart", url=receiver.url, event_types=["video.completed"])
        video = make_video(c)
        receiver.wait(lambda h: _data_id(h) == video.id, "first (failing) attempt", kino=kino)
        first_id = receiver.about(video.id)[0].webhook_id

        receiver.stop()  # down: connections refused from here on
        assert kino.stop() == 0, f"kino did not exit cleanly on SIGTERM:\n{kino.log_tail()}"
        seen_before = len(receiver.about(video.id))

        kino.start()  # same port, same data dir
        assert c.videos.retrieve(video.id).status == "completed"
        assert c.webhooks.retrieve(ep.id).url == receiver.url
        time.sleep(1.0)  # let the restarted sender fail against the closed port a few times
        receiver.status = 200
        receiver.start(receiver.port)
        # 45 s: should SIGTERM have cut an attempt short, its lease (--webhook-timeout + 30 s) must lapse first.
        receiver.wait(lambda h: _data_id(h) == video.id and h.answered == 200,
                      "delivery after restart", timeout=45, kino=kino)
        hits = receiver.about(video.id)
        assert len(hits) > seen_before
        delivered = [h for h in hits if h.answered == 200]
        # At least once: duplicates are allowed, but they are the same message.
        assert {h.webhook_id for h in hits} == {first_id}, [h.webhook_id for h in hits]
        assert len({h.payload["id"] for h in hits}) == 1
        h = delivered[0]
        assert_verifies(c, h, ep.signing_secret, "endpoint (after restart)")
        ev = c.webhooks.unwrap(h.body.decode(), h.headers, secret=ep.signing_secret)
        assert ev.type == "video.completed" and ev.data.id == video.id
    finally:
        receiver.stop()
        kino.stop()
        kino.close()
