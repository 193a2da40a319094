"""GET /videos: cursor pagination as the SDK drives it (CONTRACT §3.2)."""

import itertools

import openai
import pytest

from helpers import check_sdk_error, http, raises


@pytest.fixture(scope="module")
def created(client):
    ids = [client.videos.create(prompt=f"list test {i}").id for i in range(26)]
    yield ids
    for vid in ids:  # delete also cancels the ones still queued
        client.videos.delete(vid)


def test_auto_pagination_asc(client, created):
    seen = [v.id for v in itertools.islice(client.videos.list(limit=5, order="asc"), 2000)]
    ours = [vid for vid in seen if vid in set(created)]
    assert ours == created, "each created id exactly once, in created order"
    assert len(seen) == len(set(seen)), "an id showed up on two pages"


def test_auto_pagination_desc(client, created):
    seen = [v.id for v in itertools.islice(client.videos.list(limit=7, order="desc"), 2000)]
    assert [vid for vid in seen if vid in set(created)] == created[::-1]


def test_single_page_fields(client, created):
    page = client.videos.with_raw_response.list(limit=5, order="asc", after=created[9]).http_response.json()
    assert set(page) == {"object", "data", "first_id", "last_id", "has_more"}, page.keys()
    assert page["object"] == "list"
    assert [v["id"] for v in page["data"]] == created[10:15]
    assert page["first_id"] == created[10] and page["last_id"] == created[14]
    assert page["has_more"] is True

    last = client.videos.with_raw_response.list(limit=5, order="asc", after=created[-2]).http_response.json()
    assert [v["id"] for v in last["data"]] == created[-1:]
    assert last["has_more"] is False

    newest = client.videos.list(limit=3, order="desc")
    assert [v.id for v in newest.data] == created[:-4:-1]


def test_limit_zero_is_accepted(base_url, created):
    r = http(base_url, "GET", "/videos?limit=0")
    assert r.status == 200, r
    page = r.json()
    assert page["data"] == [] and page["first_id"] is None and page["last_id"] is None, page
    assert isinstance(page["has_more"], bool)


def test_cursor_past_every_video_gives_an_empty_page(no_retry, created):
    """Kino's choice (CONTRACT is silent): a cursor is a position, not a lookup, so paging
    survives the deletion of the video it names; past the end there is simply nothing."""
    page = no_retry.videos.list(after="video_" + "f" * 48, order="asc")
    assert page.data == [] and page.has_more is False
    page = no_retry.videos.list(after="video_" + "0" * 48, order="asc", limit=2)
    assert len(page.data) == 2 and page.has_more is True
