"""GET /v1/models lists the served models."""

from helpers import http


def test_models_list(client):
    ids = [m.id for m in client.models.list()]
    assert {"sora-2", "sora-2-pro"} <= set(ids), ids


def test_models_raw_shape(base_url):
    r = http(base_url, "GET", "/models")
    assert r.status == 200, r
    body = r.json()
    assert body["object"] == "list"
    for m in body["data"]:
        assert set(m) >= {"id", "object", "created", "owned_by"} and m["object"] == "model", m
        assert isinstance(m["created"], int)


def test_models_retrieve(client):
    """Beyond the brief: the SDK's models.retrieve() is GET /v1/models/{id}."""
    m = client.models.retrieve("sora-2")
    assert (m.id, m.object) == ("sora-2", "model")


def test_healthz_needs_no_auth(base_url):
    r = http(base_url.removesuffix("/v1"), "GET", "/healthz", auth=False)
    assert r.status == 200, r
    assert r.headers.get("x-request-id", "").startswith("req_"), r.headers
