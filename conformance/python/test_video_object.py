"""The Video object (CONTRACT §2), defaults, headers, and the model/size/seconds matrix."""

import json
import time

from helpers import VIDEO_FIELDS, check_image, check_mp4, save, wait_done


def raw_retrieve(client, video_id):
    r = client.videos.with_raw_response.retrieve(video_id)
    return r, r.http_response.json()


def check_shape(obj: dict):
    assert set(obj) == VIDEO_FIELDS, f"fields differ: extra {set(obj) - VIDEO_FIELDS}, missing {VIDEO_FIELDS - set(obj)}"
    assert obj["object"] == "video"
    assert obj["id"].startswith("video_"), obj["id"]
    assert isinstance(obj["created_at"], int) and isinstance(obj["progress"], int)
    assert 0 <= obj["progress"] <= 100


def test_defaults_and_shape(client, out_dir):
    raw = client.videos.with_raw_response.create(prompt="A lighthouse at dusk, waves crashing")
    assert raw.headers.get("x-request-id", "").startswith("req_"), dict(raw.headers)
    created = raw.http_response.json()
    check_shape(created)
    assert (created["model"], created["seconds"], created["size"]) == ("sora-2", "4", "720x1280")
    assert created["status"] in ("queued", "in_progress"), created
    assert created["prompt"] == "A lighthouse at dusk, waves crashing"
    for key in ("completed_at", "expires_at", "remixed_from_video_id", "error"):
        assert created[key] is None, f"{key} should be null while queued: {created}"
    assert abs(created["created_at"] - time.time()) < 60, "created_at must be Unix seconds"

    video = raw.parse()
    assert video.id == created["id"] and video._request_id.startswith("req_")

    # poll raw: every unfinished retrieve carries an integer openai-poll-after-ms
    unfinished = 0
    deadline = time.monotonic() + 600
    while True:
        r, obj = raw_retrieve(client, video.id)
        assert r.headers.get("x-request-id", "").startswith("req_")
        check_shape(obj)
        if obj["status"] not in ("queued", "in_progress"):
            break
        unfinished += 1
        hint = r.headers.get("openai-poll-after-ms")
        assert hint is not None and hint.isdigit(), f"openai-poll-after-ms={hint!r} on {obj['status']}"
        assert time.monotonic() < deadline
        time.sleep(min(int(hint), 1000) / 1000)
    assert unfinished > 0, "never saw the video unfinished (first retrieve right after create)"

    assert obj["status"] == "completed", json.dumps(obj)
    assert obj["progress"] == 100
    assert isinstance(obj["completed_at"], int) and obj["completed_at"] >= obj["created_at"]
    # kino leaves expires_at null unless --retention is set (CONTRACT recommends completed_at + 1 h)
    assert obj["expires_at"] is None or obj["expires_at"] > obj["completed_at"], obj
    assert obj["error"] is None and obj["remixed_from_video_id"] is None
    check_mp4(save(out_dir, "defaults.mp4", client.videos.download_content(video.id).read()), 720, 1280, seconds=4)
    check_image(save(out_dir, "defaults_thumbnail.webp",
                     client.videos.download_content(video.id, variant="thumbnail").read()), "webp", 720, 1280)
    # 5x5 tiles, 256 px on the longer side: 144x256 tiles -> 720x1280 sheet
    check_image(save(out_dir, "defaults_spritesheet.jpg",
                     client.videos.download_content(video.id, variant="spritesheet").read()), "jpeg", 720, 1280)


def test_sora_2_pro_1080p(client, out_dir):
    v = client.videos.create(model="sora-2-pro", prompt="Aerial shot over a glacier", size="1920x1080", seconds="4")
    assert (v.model, v.size, v.seconds) == ("sora-2-pro", "1920x1080", "4")
    v = wait_done(client, v.id)
    assert v.status == "completed", f"{v.id} {v.status}: {v.error}"
    check_mp4(save(out_dir, "pro_1080p.mp4", client.videos.download_content(v.id).read()), 1920, 1080, seconds=4)


def test_seconds_16_and_20_accepted(client):
    for seconds in ("16", "20"):
        v = client.videos.create(prompt=f"A {seconds} second clip", seconds=seconds)
        assert v.seconds == seconds
        assert client.videos.delete(v.id).deleted is True


def test_dated_snapshot_and_kino_preview(client):
    for model, size in (("sora-2-2025-10-06", "1280x720"), ("sora-2-pro-2025-10-06", "1080x1920"),
                        ("kino-preview", "1792x1024")):
        v = client.videos.create(model=model, prompt="snapshot", size=size)
        assert (v.model, v.size) == (model, size)
        client.videos.delete(v.id)


def test_prompt_of_32000_chars_accepted(client):
    v = client.videos.create(prompt="a" * 32000)
    assert len(v.prompt) == 32000
    client.videos.delete(v.id)
