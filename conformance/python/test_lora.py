"""LoRAs of a Wan model, chosen per request through the SDK's extra_body (a Kino extension)."""

import openai
import pytest

from conftest import time_limit


@pytest.fixture(scope="module")
def wan(wan_url):
    return openai.OpenAI(base_url=wan_url, api_key="x", max_retries=0)


def test_models_list_a_models_loras_by_name(wan):
    m = wan.models.retrieve("wan-tiny")
    assert m.model_extra["loras"] == [{"name": "ink", "scale": 0.8}, {"name": "clay", "scale": 1.0}], m


def test_a_create_chooses_loras_by_name_and_scale(wan):
    with time_limit():
        v = wan.videos.create_and_poll(
            model="wan-tiny",
            prompt="a red kite over a hill",
            size="320x180",  # a Kino size: the tiny model renders in seconds
            seconds="4",
            extra_body={"lora": [{"name": "ink", "scale": 0.6}, {"name": "clay"}]},
        )
    assert v.status == "completed", v
    assert wan.videos.download_content(v.id).read()[4:8] == b"ftyp"


@pytest.mark.parametrize(
    "lora, says",
    [
        ([{"name": "nope"}], "has no LoRA named 'nope'"),
        ([{"name": "ink", "path": "/etc/passwd"}], "unknown field 'path'"),
        ([{"name": "ink", "scale": 100}], "from -4 to 4"),
    ],
)
def test_a_bad_choice_is_a_400_naming_lora(wan, lora, says):
    with pytest.raises(openai.BadRequestError) as e:
        wan.videos.create(model="wan-tiny", prompt="p", extra_body={"lora": lora})
    assert e.value.body["param"] == "lora", e.value.body
    assert says in e.value.body["message"], e.value.body
