"""Videos made from other inputs (CONTRACT §3.1 input_reference and characters, §3.6–3.10, §5, §6):
reference images in all three shapes, characters, remix, edits and extensions, through the Python SDK
(and `client.post` for the JSON forms the SDK cannot send: dict values raise RuntimeError in it)."""

import base64
import time

import openai
import pytest
from openai.types import Video

from helpers import (
    HAVE_FFPROBE, VIDEO_FIELDS, check_mp4, check_sdk_error, extract_frame, frame_psnr, magenta_share, make_clip,
    make_image, raises, save,
)
from conftest import time_limit

MISMATCH = "Inpaint image must match the requested width and height"
CHARACTER_FIELDS = {"id", "name", "created_at"}
needs_ffmpeg = pytest.mark.skipif(not HAVE_FFPROBE, reason="ffmpeg/ffprobe not on PATH")


# ---------- shared inputs ----------

@pytest.fixture(scope="module")
def source(client):
    """One completed 4 s 1280x720 video: the source of every remix, edit and extension here."""
    with time_limit():
        v = client.videos.create_and_poll(model="sora-2", prompt="A calm blue lake at dawn, mist over the water",
                                          size="1280x720", seconds="4")
    assert v.status == "completed", f"{v.id} {v.status}: {v.error}"
    return v


@pytest.fixture(scope="module")
def source_mp4(client, source, out_dir):
    return save(out_dir, "derived_source.mp4", client.videos.download_content(source.id).read())


@pytest.fixture(scope="module")
def media(tmp_path_factory):
    if not HAVE_FFPROBE:
        pytest.skip("ffmpeg/ffprobe not on PATH")
    return tmp_path_factory.mktemp("derived-media")


@pytest.fixture(scope="module")
def subject_clip(media):
    """3 s, 640x360, grey with a magenta square moving across: a subject a matte can separate."""
    return make_clip(media / "mossy.mp4", 640, 360, 3)


@pytest.fixture(scope="module")
def character(client, subject_clip):
    with open(subject_clip, "rb") as fh:
        return client.videos.create_character(name="Mossy", video=fh)


@pytest.fixture
def slow_video(client):
    """A video that stays queued/in progress for a while (the longest, largest render)."""
    v = client.videos.create(model="sora-2-pro", prompt="slow one", size="1920x1080", seconds="20")
    yield v
    client.videos.delete(v.id)


def post_video(client, path: str, body: dict, **kw) -> Video:
    """The JSON form of a video-making endpoint, parsed as the SDK's Video."""
    return client.post(path, body=body, cast_to=Video, **kw)


def completed(client, v: Video) -> Video:
    done = client.videos.poll(v.id)
    assert done.status == "completed", f"{v.id} {done.status}: {done.error}"
    assert done.progress == 100 and done.error is None
    assert isinstance(done.completed_at, int) and done.completed_at >= done.created_at
    return done


def check_queued(v: Video, *, model: str, size: str, seconds: str, prompt: str, source_id) -> None:
    assert set(v.model_dump()) == VIDEO_FIELDS, v
    assert v.object == "video" and v.id.startswith("video_")
    assert v.status in ("queued", "in_progress"), v.status
    assert (v.model, v.size, v.seconds, v.prompt) == (model, size, seconds, prompt)
    assert v.remixed_from_video_id == source_id
    assert v.error is None and v.completed_at is None


# ---------- input_reference (§3.1, §5) ----------

@needs_ffmpeg
@pytest.mark.parametrize("ext,mime", [("png", "image/png"), ("jpg", "image/jpeg"), ("webp", "image/webp")])
def test_reference_upload_is_the_first_frame(client, media, out_dir, ext, mime):
    ref = make_image(media / f"ref.{ext}", 720, 1280)
    v = client.videos.create(prompt="A paper boat drifting", input_reference=(ref.name, ref.read_bytes(), mime))
    check_queued(v, model="sora-2", size="720x1280", seconds="4", prompt="A paper boat drifting", source_id=None)
    completed(client, v)
    mp4 = save(out_dir, f"derived_ref_{ext}.mp4", client.videos.download_content(v.id).read())
    check_mp4(mp4, 720, 1280, seconds=4)
    assert frame_psnr(mp4, ref) >= 30, "frame 0 should be the reference image"


@needs_ffmpeg
@pytest.mark.parametrize("purpose", ["vision", "user_data"])
def test_reference_by_file_id(client, media, out_dir, purpose):
    ref = make_image(media / f"ref_{purpose}.png", 1280, 720)
    with open(ref, "rb") as fh:
        f = client.files.create(file=fh, purpose=purpose)
    try:
        v = post_video(client, "/videos", {"prompt": "A kite over a beach", "size": "1280x720",
                                           "input_reference": {"file_id": f.id}})
        check_queued(v, model="sora-2", size="1280x720", seconds="4", prompt="A kite over a beach", source_id=None)
        completed(client, v)
    finally:
        client.files.delete(f.id)
    mp4 = save(out_dir, f"derived_ref_file_{purpose}.mp4", client.videos.download_content(v.id).read())
    check_mp4(mp4, 1280, 720, seconds=4)
    assert frame_psnr(mp4, ref) >= 30, "frame 0 should be the uploaded file's image"


@needs_ffmpeg
def test_reference_by_data_url(client, media, out_dir):
    ref = make_image(media / "ref_url.png", 720, 1280)
    url = "data:image/png;base64," + base64.b64encode(ref.read_bytes()).decode()
    v = post_video(client, "/videos", {"prompt": "Lanterns on a river", "input_reference": {"image_url": url}})
    check_queued(v, model="sora-2", size="720x1280", seconds="4", prompt="Lanterns on a river", source_id=None)
    completed(client, v)
    mp4 = save(out_dir, "derived_ref_data_url.mp4", client.videos.download_content(v.id).read())
    assert frame_psnr(mp4, ref) >= 30, "frame 0 should be the data URL's image"


@needs_ffmpeg
@pytest.mark.parametrize("shape", ["upload", "file_id", "image_url"])
def test_reference_size_mismatch(client, no_retry, media, shape):
    ref = make_image(media / f"wrong_{shape}.png", 1280, 720)  # the default size is 720x1280
    data = ref.read_bytes()
    if shape == "upload":
        e = raises(openai.BadRequestError, no_retry.videos.create, prompt="x", input_reference=(ref.name, data, "image/png"))
    elif shape == "file_id":
        f = client.files.create(file=(ref.name, data, "image/png"), purpose="vision")
        try:
            e = raises(openai.BadRequestError, post_video, no_retry, "/videos",
                       {"prompt": "x", "input_reference": {"file_id": f.id}})
        finally:
            client.files.delete(f.id)
    else:
        url = "data:image/png;base64," + base64.b64encode(data).decode()
        e = raises(openai.BadRequestError, post_video, no_retry, "/videos", {"prompt": "x", "input_reference": {"image_url": url}})
    err = check_sdk_error(e, 400, code=None, param=None)
    assert err["message"] == MISMATCH, err


@pytest.mark.parametrize("url", ["http://127.0.0.1:1/x.png", "http://localhost:1/x.png", "http://[::1]:1/x.png"])
def test_reference_private_url_refused(no_retry, url):
    e = raises(openai.BadRequestError, post_video, no_retry, "/videos", {"prompt": "x", "input_reference": {"image_url": url}})
    check_sdk_error(e, 400, param="input_reference.image_url")


def test_reference_unknown_file_id(no_retry):
    e = raises(openai.NotFoundError, post_video, no_retry, "/videos",
               {"prompt": "x", "input_reference": {"file_id": "file-doesnotexist"}})
    err = check_sdk_error(e, 404)
    assert err["param"] and err["param"].startswith("input_reference"), err


def test_reference_not_an_image(no_retry):
    e = raises(openai.BadRequestError, no_retry.videos.create, prompt="x",
               input_reference=("ref.png", b"this is not a picture", "image/png"))
    check_sdk_error(e, 400, param="input_reference")


# ---------- characters (§3.9, §3.10, §6) ----------

def test_create_and_get_character(client, subject_clip):
    before = int(time.time())
    with open(subject_clip, "rb") as fh:
        raw = client.videos.with_raw_response.create_character(name="Mossy", video=fh)
    body = raw.http_response.json()
    assert set(body) == CHARACTER_FIELDS, f"exactly id, name, created_at (no object): {body}"
    assert body["id"].startswith("char_") and body["name"] == "Mossy"
    assert isinstance(body["created_at"], int) and before - 1 <= body["created_at"] <= time.time() + 1
    c = raw.parse()
    assert (c.id, c.name, c.created_at) == (body["id"], "Mossy", body["created_at"])
    got = client.videos.with_raw_response.get_character(c.id)
    assert got.http_response.json() == body
    assert client.videos.get_character(c.id).id == c.id


def test_get_unknown_character(no_retry):
    check_sdk_error(raises(openai.NotFoundError, no_retry.videos.get_character, "char_doesnotexist"), 404)


def test_character_from_uniform_clip_is_refused(no_retry, media):
    clip = make_clip(media / "plain.mp4", 640, 360, 3, subject=False)
    with open(clip, "rb") as fh:
        e = raises(openai.BadRequestError, no_retry.videos.create_character, name="Nobody", video=fh)
    check_sdk_error(e, 400, param="video")


def test_character_from_broken_clip_is_refused(no_retry):
    e = raises(openai.BadRequestError, no_retry.videos.create_character, name="Broken",
               video=("broken.mp4", b"\x00\x00\x00\x18ftypisom" + b"\x00" * 64, "video/mp4"))
    check_sdk_error(e, 400, param="video")


def test_create_with_character(client, character, out_dir):
    assert (character.name, character.id[:5]) == ("Mossy", "char_")
    v = client.videos.create(prompt="Mossy wanders through a quiet library", size="1280x720",
                             extra_body={"characters": [{"id": character.id}]})
    check_queued(v, model="sora-2", size="1280x720", seconds="4", prompt="Mossy wanders through a quiet library",
                 source_id=None)
    completed(client, v)
    mp4 = save(out_dir, "derived_character.mp4", client.videos.download_content(v.id).read())
    check_mp4(mp4, 1280, 720, seconds=4)
    assert magenta_share(mp4) > 0.002, "the magenta character should appear in the video"


def test_create_with_two_characters(client, character, subject_clip):
    with open(subject_clip, "rb") as fh:
        pebble = client.videos.create_character(name="Pebble", video=fh)
    assert pebble.id != character.id
    v = client.videos.create(prompt="Mossy and Pebble meet on a bridge",
                             extra_body={"characters": [{"id": character.id}, {"id": pebble.id}]})
    assert completed(client, v).prompt == "Mossy and Pebble meet on a bridge"


def test_three_characters_refused(client, no_retry, character, subject_clip):
    ids = [character.id]
    for name in ("Two", "Three"):
        with open(subject_clip, "rb") as fh:
            ids.append(client.videos.create_character(name=name, video=fh).id)
    e = raises(openai.BadRequestError, no_retry.videos.create, prompt="a crowd",
               extra_body={"characters": [{"id": i} for i in ids]})
    check_sdk_error(e, 400, param="characters")


def test_unknown_character_on_create(no_retry):
    e = raises(openai.NotFoundError, no_retry.videos.create, prompt="x", extra_body={"characters": [{"id": "char_nope"}]})
    check_sdk_error(e, 404, param="characters")


# ---------- remix (§3.6) ----------

def test_remix(client, source, out_dir):
    v = client.videos.remix(source.id, prompt="The same lake at dusk, with fireflies")
    assert v.id != source.id
    check_queued(v, model=source.model, size=source.size, seconds=source.seconds,
                 prompt="The same lake at dusk, with fireflies", source_id=source.id)
    done = completed(client, v)
    assert done.remixed_from_video_id == source.id
    check_mp4(save(out_dir, "derived_remix.mp4", client.videos.download_content(v.id).read()), 1280, 720, seconds=4)


def test_remix_of_unfinished_video(no_retry, slow_video):
    check_sdk_error(raises(openai.BadRequestError, no_retry.videos.remix, slow_video.id, prompt="x"), 400)


def test_remix_of_unknown_video(no_retry):
    check_sdk_error(raises(openai.NotFoundError, no_retry.videos.remix, "video_" + "f" * 48, prompt="x"), 404)


def test_remix_needs_a_prompt(no_retry, source):
    check_sdk_error(raises(openai.BadRequestError, no_retry.videos.remix, source.id, prompt=""), 400, param="prompt")


# ---------- edits (§3.7) ----------

def test_edit_by_id(client, source, out_dir):
    v = post_video(client, "/videos/edits", {"video": {"id": source.id}, "prompt": "Make the water green"})
    check_queued(v, model="sora-2", size="1280x720", seconds="4", prompt="Make the water green", source_id=source.id)
    completed(client, v)
    check_mp4(save(out_dir, "derived_edit_id.mp4", client.videos.download_content(v.id).read()), 1280, 720, seconds=4)


@needs_ffmpeg
def test_edit_upload(client, media, out_dir):
    """An uploaded 2.5 s 640x360 clip: the nearest sora-2 size is 1280x720, and 2.5 s rounds up to 3."""
    clip = make_clip(media / "edit_in.mp4", 640, 360, 2.5, audio=True)
    with open(clip, "rb") as fh:
        v = client.videos.edit(prompt="Paint it in watercolour", video=fh)
    check_queued(v, model="sora-2", size="1280x720", seconds="3", prompt="Paint it in watercolour", source_id=None)
    completed(client, v)
    check_mp4(save(out_dir, "derived_edit_upload.mp4", client.videos.download_content(v.id).read()), 1280, 720, seconds=3)


@needs_ffmpeg
def test_edit_upload_portrait_with_model(client, media):
    """`model` via extra_body (a multipart part); a 7:4 clip gets sora-2-pro's 1792x1024; a portrait
    clip without audio gets 720x1280."""
    wide = make_clip(media / "edit_wide.mp4", 448, 256, 2)
    v = client.videos.edit(prompt="Wide", video=("wide.mp4", wide.read_bytes(), "video/mp4"),
                           extra_body={"model": "sora-2-pro"})
    check_queued(v, model="sora-2-pro", size="1792x1024", seconds="2", prompt="Wide", source_id=None)
    tall = make_clip(media / "edit_tall.mp4", 360, 640, 2)
    t = client.videos.edit(prompt="Tall", video=("tall.mp4", tall.read_bytes(), "video/mp4"))
    check_queued(t, model="sora-2", size="720x1280", seconds="2", prompt="Tall", source_id=None)
    assert completed(client, v).size == "1792x1024"
    assert completed(client, t).size == "720x1280"


def test_edit_broken_upload(no_retry):
    e = raises(openai.BadRequestError, no_retry.videos.edit, prompt="x",
               video=("broken.mp4", b"\x00\x00\x00\x18ftypisom" + b"\x01" * 200, "video/mp4"))
    check_sdk_error(e, 400, param="video")


def test_edit_of_unfinished_and_unknown(no_retry, slow_video):
    e = raises(openai.BadRequestError, post_video, no_retry, "/videos/edits", {"video": {"id": slow_video.id}, "prompt": "x"})
    check_sdk_error(e, 400)
    e = raises(openai.NotFoundError, post_video, no_retry, "/videos/edits", {"video": {"id": "video_" + "e" * 48}, "prompt": "x"})
    check_sdk_error(e, 404)


def test_edit_without_video(no_retry):
    check_sdk_error(raises(openai.BadRequestError, post_video, no_retry, "/videos/edits", {"prompt": "x"}), 400, param="video")


# ---------- extensions (§3.8) ----------

def test_extend_by_id(client, source, source_mp4, out_dir, tmp_path):
    v = post_video(client, "/videos/extensions", {"video": {"id": source.id}, "prompt": "The sun rises", "seconds": "4"})
    check_queued(v, model="sora-2", size="1280x720", seconds="8", prompt="The sun rises", source_id=source.id)
    completed(client, v)
    mp4 = save(out_dir, "derived_extend_id.mp4", client.videos.download_content(v.id).read())
    check_mp4(mp4, 1280, 720, seconds=8)
    if HAVE_FFPROBE:  # the source's 4 s come first, unchanged
        first = extract_frame(source_mp4, 0, tmp_path / "src0.png")
        assert frame_psnr(mp4, first) >= 30, "the extension should start with the source video"


@needs_ffmpeg
def test_extend_upload(client, media, out_dir):
    clip = make_clip(media / "extend_in.mp4", 640, 360, 3, audio=True)
    with open(clip, "rb") as fh:
        v = client.videos.extend(prompt="The square keeps going", seconds="4", video=fh)
    check_queued(v, model="sora-2", size="1280x720", seconds="7", prompt="The square keeps going", source_id=None)
    completed(client, v)
    check_mp4(save(out_dir, "derived_extend_upload.mp4", client.videos.download_content(v.id).read()), 1280, 720, seconds=7)


def test_extend_missing_seconds(no_retry, source):
    e = raises(openai.BadRequestError, post_video, no_retry, "/videos/extensions",
               {"video": {"id": source.id}, "prompt": "x"})
    check_sdk_error(e, 400, param="seconds")


@pytest.mark.parametrize("extra,param", [
    ({"characters": [{"id": "char_x"}]}, "characters"),
    ({"input_reference": {"image_url": "data:image/png;base64,AA=="}}, "input_reference"),
], ids=["characters", "input_reference"])
def test_extend_refuses_characters_and_reference(no_retry, source, extra, param):
    body = {"video": {"id": source.id}, "prompt": "x", "seconds": "4", **extra}
    e = raises(openai.BadRequestError, post_video, no_retry, "/videos/extensions", body)
    check_sdk_error(e, 400, param=param)


def test_extend_via_sdk_multipart_refuses_characters(no_retry, source_mp4):
    """Same rule for the SDK's own multipart (characters[][id] parts next to an uploaded video)."""
    e = raises(openai.BadRequestError, no_retry.videos.extend, prompt="x", seconds="4",
               video=("src.mp4", source_mp4.read_bytes(), "video/mp4"), extra_body={"characters": [{"id": "char_x"}]})
    check_sdk_error(e, 400, param="characters")


def test_extend_of_unfinished_and_unknown(no_retry, slow_video):
    e = raises(openai.BadRequestError, post_video, no_retry, "/videos/extensions",
               {"video": {"id": slow_video.id}, "prompt": "x", "seconds": "4"})
    check_sdk_error(e, 400)
    e = raises(openai.NotFoundError, post_video, no_retry, "/videos/extensions",
               {"video": {"id": "video_" + "d" * 48}, "prompt": "x", "seconds": "4"})
    check_sdk_error(e, 404)


def test_extend_bad_seconds(no_retry, source):
    e = raises(openai.BadRequestError, post_video, no_retry, "/videos/extensions",
               {"video": {"id": source.id}, "prompt": "x", "seconds": "5"})
    check_sdk_error(e, 400, param="seconds")
