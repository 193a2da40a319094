"""The content policy through the official SDK: refusals are openai.BadRequestError with
code `moderation_blocked`, naming the rule and never quoting the prompt (CONTRACT §3.1, §7)."""

from pathlib import Path

import openai
import pytest

from helpers import HAVE_FFPROBE, check_sdk_error, ffmpeg, raises

FIXTURES = Path(__file__).resolve().parents[2] / "crates" / "kino-guard" / "tests" / "fixtures"

BLOCKED = [
    # prompt, rule, the matched words (never echoed back)
    ("Spider-Man swinging between skyscrapers", "copyrighted_characters", "spider"),
    ("taylor swift on a red carpet", "public_figures", "swift"),
    ("a choir singing Bohemian Rhapsody", "copyrighted_music", "rhapsody"),
    ("a decapitated body in the street", "graphic_violence", "decapitated"),
]


@pytest.mark.parametrize("prompt,rule,matched", BLOCKED, ids=[r for _, r, _ in BLOCKED])
def test_blocked_prompts(no_retry, prompt, rule, matched):
    e = raises(openai.BadRequestError, no_retry.videos.create, prompt=prompt, size="1280x720")
    err = check_sdk_error(e, 400, code="moderation_blocked", param="prompt")
    assert f"'{rule}'" in err["message"]
    assert matched not in err["message"].lower()


def test_remix_prompt_is_screened(no_retry, guide_video):
    e = raises(openai.BadRequestError, no_retry.videos.remix, guide_video.id, prompt="Mickey Mouse joins the cat")
    check_sdk_error(e, 400, code="moderation_blocked", param="prompt")


def test_near_misses_pass(client):
    v = client.videos.create(prompt="a small mouse and a killer whale under a blood moon", size="1280x720", seconds="4")
    assert v.status == "queued"
    client.videos.delete(v.id)


@pytest.mark.skipif(not HAVE_FFPROBE, reason="ffmpeg not on PATH")
def test_face_in_input_reference(no_retry, out_dir):
    ref = out_dir / "face_ref.png"
    ffmpeg("-i", FIXTURES / "face_grace_hopper.jpg", "-vf", "scale=-2:720,pad=1280:720:(ow-iw)/2:0", ref)
    e = raises(openai.BadRequestError, no_retry.videos.create, prompt="she smiles", size="1280x720",
               input_reference=(ref.name, ref.read_bytes(), "image/png"))
    err = check_sdk_error(e, 400, code="moderation_blocked", param="input_reference")
    assert "'input_faces'" in err["message"]
