"""Shared checks: media files, raw HTTP, OpenAI error envelopes."""

import json
import shutil
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

ANY = object()  # "do not check this field"
VIDEO_FIELDS = {
    "id", "object", "model", "status", "progress", "created_at", "completed_at", "expires_at",
    "prompt", "size", "seconds", "remixed_from_video_id", "error",
}
HAVE_FFPROBE = shutil.which("ffprobe") is not None and shutil.which("ffmpeg") is not None


# ---------- media ----------

def ffprobe_streams(path: Path) -> list[dict]:
    r = subprocess.run(["ffprobe", "-v", "error", "-show_streams", "-of", "json", str(path)],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0 and not r.stderr.strip(), f"ffprobe {path}: rc={r.returncode} {r.stderr}"
    return json.loads(r.stdout)["streams"]


def ffmpeg_decodes_clean(path: Path) -> None:
    r = subprocess.run(["ffmpeg", "-v", "error", "-i", str(path), "-f", "null", "-"],
                       capture_output=True, text=True, timeout=600)
    assert r.returncode == 0 and r.stderr == "", f"ffmpeg decode of {path}: rc={r.returncode}\n{r.stderr[:2000]}"


def check_mp4(path: Path, width: int, height: int, seconds: int, fps: int = 24) -> None:
    data = path.read_bytes()
    assert data[4:8] == b"ftyp", f"{path} is not an MP4 (first bytes {data[:16]!r})"
    if not HAVE_FFPROBE:
        return
    streams = ffprobe_streams(path)
    video = [s for s in streams if s["codec_type"] == "video"]
    audio = [s for s in streams if s["codec_type"] == "audio"]
    assert len(video) == 1 and len(audio) == 1, f"streams: {[(s['codec_type'], s['codec_name']) for s in streams]}"
    v, a = video[0], audio[0]
    assert v["codec_name"] == "h264"
    assert (v["width"], v["height"]) == (width, height)
    assert v["avg_frame_rate"] == f"{fps}/1" or v["r_frame_rate"] == f"{fps}/1", v
    assert int(v["nb_frames"]) == fps * seconds, v
    assert a["codec_name"] == "aac"
    assert int(a["sample_rate"]) == 48000 and a["channels"] == 2, a
    ffmpeg_decodes_clean(path)


def check_image(path: Path, kind: str, width: int, height: int) -> None:
    data = path.read_bytes()
    if kind == "webp":
        assert data[:4] == b"RIFF" and data[8:12] == b"WEBP", f"{path} is not WebP ({data[:16]!r})"
    else:
        assert data[:3] == b"\xff\xd8\xff", f"{path} is not JPEG ({data[:16]!r})"
    if not HAVE_FFPROBE:
        return
    (s,) = ffprobe_streams(path)
    assert (s["width"], s["height"]) == (width, height), s
    ffmpeg_decodes_clean(path)


def save(out_dir: Path, name: str, data: bytes) -> Path:
    p = out_dir / name
    p.write_bytes(data)
    return p


def wait_done(client, video_id: str, timeout: float = 600):
    deadline = time.monotonic() + timeout
    while True:
        v = client.videos.retrieve(video_id)
        if v.status not in ("queued", "in_progress"):
            return v
        assert time.monotonic() < deadline, f"{video_id} still {v.status} after {timeout}s"
        time.sleep(0.25)


# ---------- raw HTTP ----------

@dataclass
class Resp:
    status: int
    headers: dict
    body: bytes

    def json(self):
        return json.loads(self.body)

    def __str__(self):
        return f"HTTP {self.status} {self.body[:500]!r}"


def http(base_url: str, method: str, path: str, body=None, headers=None, auth=True) -> Resp:
    """Plain urllib request; `body` may be bytes, str or a dict (sent as JSON)."""
    h = {"Authorization": "Bearer x"} if auth else {}
    if isinstance(body, dict):
        body = json.dumps(body)
        h["Content-Type"] = "application/json"
    if isinstance(body, str):
        body = body.encode()
    h.update(headers or {})
    req = urllib.request.Request(base_url + path, data=body, method=method, headers=h)
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            return Resp(r.status, {k.lower(): v for k, v in r.headers.items()}, r.read())
    except urllib.error.HTTPError as e:
        return Resp(e.code, {k.lower(): v for k, v in e.headers.items()}, e.read())


# ---------- error envelopes ----------

def check_envelope(resp: Resp, status: int, type=ANY, code=ANY, param=ANY) -> dict:
    """Asserts an OpenAI error envelope with exactly message/type/param/code; returns the inner error."""
    assert resp.status == status, f"expected {status}, got {resp}"
    assert resp.headers.get("content-type", "").startswith("application/json"), resp.headers
    assert resp.headers.get("x-request-id", "").startswith("req_"), resp.headers
    err = resp.json()["error"]
    assert set(err) == {"message", "type", "param", "code"}, err
    assert isinstance(err["message"], str) and err["message"], err
    for key, want in (("type", type), ("code", code), ("param", param)):
        if want is not ANY:
            assert err[key] == want, f"{key}: expected {want!r}, got {err}"
    return err


def check_sdk_error(exc, status: int, type="invalid_request_error", code=ANY, param=ANY) -> dict:
    """Same checks on an openai.APIStatusError raised by the SDK."""
    r = exc.response
    resp = Resp(r.status_code, {k.lower(): v for k, v in r.headers.items()}, r.content)
    err = check_envelope(resp, status, type, code, param)
    assert exc.status_code == status and exc.type == err["type"]
    assert exc.code == err["code"] and exc.param == err["param"]
    assert exc.request_id and exc.request_id.startswith("req_")
    return err


def raises(cls, fn, *args, **kwargs):
    with pytest.raises(cls) as ei:
        fn(*args, **kwargs)
    return ei.value


# ---------- made-up inputs for derived videos (ffmpeg; tests skip without it) ----------

def ffmpeg(*args, timeout: int = 300) -> str:
    r = subprocess.run(["ffmpeg", "-nostdin", "-hide_banner", "-y", *map(str, args)],
                       capture_output=True, text=True, timeout=timeout)
    assert r.returncode == 0, f"ffmpeg {' '.join(map(str, args))}: rc={r.returncode}\n{r.stderr[-2000:]}"
    return r.stderr


def make_image(path: Path, width: int, height: int) -> Path:
    """A smooth gradient with a green square, as PNG, JPEG or WebP (by suffix): survives H.264 well."""
    png = path.with_suffix(".src.png")
    ffmpeg("-f", "lavfi", "-i",
           f"gradients=s={width}x{height}:c0=0x2040a0:c1=0xe0a040:x0=0:y0=0:x1={width}:y1={height}:nb_colors=2:seed=1,"
           f"drawbox=x={width // 4}:y={height // 3}:w={width // 2}:h={height // 4}:color=0x30c060@1:t=fill",
           "-frames:v", "1", png)
    opts = {".png": [], ".jpg": ["-q:v", "2"], ".webp": ["-quality", "90"]}[path.suffix]
    ffmpeg("-i", png, *opts, path)
    return path


def make_clip(path: Path, width: int, height: int, seconds: float, subject: bool = True, audio: bool = False) -> Path:
    """An H.264 MP4 (libx264 defaults: High profile, B-frames) of a grey field; with `subject`, a
    magenta square moves across it; with `audio`, a 440 Hz AAC track."""
    inputs = ["-f", "lavfi", "-i", f"color=gray:s={width}x{height}:d={seconds}:r=24"]
    graph = "[0:v]format=yuv420p[v]"
    if subject:
        side = min(width, height) * 7 // 18
        inputs += ["-f", "lavfi", "-i", f"color=magenta:s={side}x{side}:r=24"]
        graph = f"[0:v][1:v]overlay=x='{width // 6}+t*{width // 10}':y={height // 3}:shortest=1,format=yuv420p[v]"
    args = [*inputs]
    if audio:
        args += ["-f", "lavfi", "-i", f"sine=frequency=440:sample_rate=48000:duration={seconds}"]
    args += ["-filter_complex", graph, "-map", "[v]", "-c:v", "libx264"]
    if audio:
        args += ["-map", f"{len(inputs) // 4}:a", "-c:a", "aac"]
    ffmpeg(*args, "-t", seconds, path)
    return path


def frame_psnr(mp4: Path, image: Path, frame: int = 0) -> float:
    """PSNR (dB, RGB average) of decoded frame `frame` of `mp4` against `image`; colour matrices honoured."""
    log = ffmpeg("-i", mp4, "-i", image, "-filter_complex",
                 f"[0:v]select=eq(n\\,{frame}),setpts=PTS-STARTPTS,format=rgb24[a];[1:v]format=rgb24[b];[a][b]psnr",
                 "-frames:v", "1", "-f", "null", "-")
    found = [ln for ln in log.splitlines() if "PSNR" in ln and "average:" in ln]
    assert found, f"no PSNR line in ffmpeg output:\n{log[-2000:]}"
    value = found[-1].split("average:")[1].split()[0]
    return float("inf") if value == "inf" else float(value)


def extract_frame(mp4: Path, frame: int, out: Path) -> Path:
    ffmpeg("-i", mp4, "-vf", f"select=eq(n\\,{frame})", "-frames:v", "1", out)
    return out


def magenta_share(mp4: Path, frames=(12, 36, 60, 84)) -> float:
    """Share of clearly magenta pixels (R, B high; G low) in a few frames, at 160x90 nearest-neighbour."""
    hits = total = 0
    for n in frames:
        r = subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-i", str(mp4), "-vf",
                            f"select=eq(n\\,{n}),scale=160:90:flags=neighbor", "-frames:v", "1",
                            "-f", "rawvideo", "-pix_fmt", "rgb24", "-"], capture_output=True, timeout=120)
        assert r.returncode == 0, r.stderr.decode(errors="replace")[-2000:]
        px = r.stdout
        total += len(px) // 3
        hits += sum(1 for i in range(0, len(px) - 2, 3) if px[i] > 170 and px[i + 1] < 100 and px[i + 2] > 170)
    assert total, f"no frames decoded from {mp4}"
    return hits / total
