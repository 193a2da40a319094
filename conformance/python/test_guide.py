"""The Sora guide's own SDK example, unchanged, plus its downloads."""

from helpers import check_image, check_mp4, save


def test_create_and_poll_completes(guide_video):
    v = guide_video
    assert v.status == "completed", f"{v.id} {v.status}: {v.error}"
    assert v.progress == 100
    assert isinstance(v.completed_at, int) and v.completed_at >= v.created_at
    assert (v.model, v.size, v.seconds) == ("sora-2", "1280x720", "8")
    assert v.error is None


def test_download_video(client, guide_video, out_dir):
    content = client.videos.download_content(guide_video.id)
    assert content.response.headers["content-type"] == "video/mp4"
    assert content.response.headers.get("x-request-id", "").startswith("req_")
    path = save(out_dir, "guide.mp4", content.read())
    check_mp4(path, 1280, 720, seconds=8)


def test_download_thumbnail(client, guide_video, out_dir):
    content = client.videos.download_content(guide_video.id, variant="thumbnail")
    assert content.response.headers["content-type"] == "image/webp"
    check_image(save(out_dir, "guide_thumbnail.webp", content.read()), "webp", 1280, 720)


def test_download_spritesheet(client, guide_video, out_dir):
    content = client.videos.download_content(guide_video.id, variant="spritesheet")
    assert content.response.headers["content-type"] == "image/jpeg"
    check_image(save(out_dir, "guide_spritesheet.jpg", content.read()), "jpeg", 1280, 720)


def test_write_to_file(client, guide_video, out_dir):
    """The guide saves with write_to_file(); the default variant is the MP4."""
    path = out_dir / "guide_write_to_file.mp4"
    client.videos.download_content(guide_video.id, variant="video").write_to_file(path)
    assert path.read_bytes()[4:8] == b"ftyp"
