"""DELETE /videos/{id}: completed and still-queued videos (CONTRACT §3.4)."""

import openai

from helpers import check_sdk_error, raises, wait_done


def delete_and_check_gone(client, no_retry, video_id):
    raw = client.videos.with_raw_response.delete(video_id)
    assert raw.http_response.json() == {"id": video_id, "object": "video.deleted", "deleted": True}
    d = raw.parse()
    assert (d.id, d.object, d.deleted) == (video_id, "video.deleted", True)
    for call in (no_retry.videos.retrieve, no_retry.videos.download_content, no_retry.videos.delete):
        check_sdk_error(raises(openai.NotFoundError, call, video_id), 404)
    e = raises(openai.NotFoundError, no_retry.videos.download_content, video_id, variant="thumbnail")
    check_sdk_error(e, 404)
    assert video_id not in [v.id for v in client.videos.list(limit=100)]


def test_delete_completed(client, no_retry):
    v = wait_done(client, client.videos.create(prompt="to be deleted", size="1280x720").id)
    assert v.status == "completed", f"{v.id} {v.status}: {v.error}"
    delete_and_check_gone(client, no_retry, v.id)


def test_delete_queued_cancels(client, no_retry):
    v = client.videos.create(prompt="deleted while queued", seconds="20")
    assert v.status in ("queued", "in_progress")
    delete_and_check_gone(client, no_retry, v.id)
