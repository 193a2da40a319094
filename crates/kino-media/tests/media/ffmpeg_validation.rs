//! Cross-checks with the system's ffmpeg: our files must probe and decode cleanly there,
//! and ffmpeg's files (x264 High with B-frames, AAC with an edit list, HEVC, High 10) must be
//! handled or rejected properly here.
//!
//! Without ffmpeg/ffprobe these tests skip with a note, except where the services are
//! required (`CI` set, or `KINO_REQUIRE_SERVICES=1`): there a missing tool, or an ffmpeg that
//! cannot make a fixture (no libx264/libx265), fails the test and says what is missing.

use std::path::Path;
use std::process::Command;

use crate::common::*;
use kino_media::{EncodeSettings, MediaError, decode_audio, decode_video, probe_mp4};

/// Whether a missing tool fails the test rather than skipping it: in CI (`CI` set and not
/// empty) or when asked with `KINO_REQUIRE_SERVICES=1`.
fn required() -> bool {
    std::env::var_os("CI").is_some_and(|v| !v.is_empty())
        || std::env::var("KINO_REQUIRE_SERVICES").is_ok_and(|v| v == "1")
}

fn have_ffmpeg() -> bool {
    let ok = |bin: &str| Command::new(bin).arg("-version").output().map(|o| o.status.success()).unwrap_or(false);
    let missing: Vec<&str> = ["ffmpeg", "ffprobe"].into_iter().filter(|bin| !ok(bin)).collect();
    if missing.is_empty() {
        return true;
    }
    let missing = missing.join(" and ");
    assert!(
        !required(),
        "{missing} not found on PATH (or not runnable), and the ffmpeg cross-checks are required here \
         (CI or KINO_REQUIRE_SERVICES=1): install ffmpeg"
    );
    eprintln!("note: {missing} not found; skipping ffmpeg cross-checks (CI or KINO_REQUIRE_SERVICES=1 fails instead)");
    false
}

fn run(cmd: &mut Command) -> (bool, String, String) {
    let out = cmd.output().expect("spawn");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn ffmpeg_accepts_our_output() {
    if !have_ffmpeg() {
        return;
    }
    let dir = TempDir::new("ffmpeg");
    for (w, h) in [(1280, 720), (1080, 1920)] {
        let path = dir.path(&format!("{w}x{h}.mp4"));
        encode_synthetic(&EncodeSettings::new(w, h, FPS).with_expected_frames(2 * FPS), 2, &path).unwrap();
        let p = path.to_str().unwrap();

        let (ok, streams, err) =
            run(Command::new("ffprobe").args(["-v", "error", "-show_streams", "-count_frames", p]));
        assert!(ok && err.is_empty(), "ffprobe stderr: {err}");
        for want in [
            "codec_name=h264",
            "profile=Constrained Baseline",
            &format!("width={w}"),
            &format!("height={h}"),
            "pix_fmt=yuv420p",
            "color_range=tv",
            "color_space=bt709",
            "color_primaries=bt709",
            "r_frame_rate=24/1",
            "nb_read_frames=48",
            "codec_name=aac",
            "profile=LC",
            "sample_rate=48000",
            "channels=2",
        ] {
            assert!(streams.lines().any(|l| l == want), "{w}x{h}: ffprobe lacks {want}\n{streams}");
        }
        let (ok, _, err) = run(Command::new("ffmpeg").args(["-v", "error", "-i", p, "-f", "null", "-"]));
        assert!(ok && err.is_empty(), "ffmpeg decode stderr: {err}");
    }
}

fn ffmpeg_make(out: &Path, args: &[&str]) -> bool {
    let mut cmd = Command::new("ffmpeg");
    cmd.args(["-v", "error", "-y"]).args(args).arg(out);
    let (ok, _, err) = run(&mut cmd);
    if !ok {
        let what = format!("ffmpeg could not make {} (args {args:?}): {err}", out.display());
        assert!(!required(), "{what}; the cross-checks are required here (CI or KINO_REQUIRE_SERVICES=1)");
        eprintln!("note: {what}");
    }
    ok
}

#[test]
fn decodes_x264_high_with_bframes_and_aac_edit_list() {
    if !have_ffmpeg() {
        return;
    }
    let dir = TempDir::new("ffmpeg");
    let path = dir.path("x264.mp4");
    let tone = "aevalsrc=if(gte(t\\,0.5)\\,0.5*sin(2*PI*440*(t-0.5))\\,0)|if(gte(t\\,0.5)\\,0.5*sin(2*PI*440*(t-0.5))\\,0):s=48000:d=2";
    if !ffmpeg_make(
        &path,
        &[
            "-f",
            "lavfi",
            "-i",
            "testsrc2=s=1280x720:r=24:d=2",
            "-f",
            "lavfi",
            "-i",
            tone,
            "-c:v",
            "libx264",
            "-profile:v",
            "high",
            "-bf",
            "3",
            "-pix_fmt",
            "yuv420p",
            "-c:a",
            "aac",
            "-b:a",
            "128k",
            "-shortest",
        ],
    ) {
        return;
    }
    let bytes = std::fs::read(&path).unwrap();
    let info = probe_mp4(&bytes).unwrap();
    assert_eq!((info.width, info.height, info.video_frames), (1280, 720, 48));
    assert_eq!(info.audio.as_ref().map(|a| a.codec.as_str()), Some("aac"));
    let n = decode_video(&bytes, |_, _, w, h| {
        assert_eq!((w, h), (1280, 720));
        true
    })
    .unwrap();
    assert_eq!(n, 48, "every frame of a B-frame stream");

    // ffmpeg's AAC starts with 1024 samples of priming that its edit list skips.
    let pcm = decode_audio(&bytes).unwrap();
    let left: Vec<f64> = pcm.chunks_exact(2).map(|s| f64::from(s[0]) / 32768.0).collect();
    assert!(left.len().abs_diff(96_000) < 1024, "{} samples", left.len());
    let onset = left.iter().position(|v| v.abs() > 0.25).unwrap() as f64 / 48_000.0;
    assert!((onset - 0.5).abs() < 0.005, "onset at {onset:.4} s");
}

#[test]
fn rejects_hevc_and_high10_by_name() {
    if !have_ffmpeg() {
        return;
    }
    let dir = TempDir::new("ffmpeg");
    let hevc = dir.path("hevc.mp4");
    if ffmpeg_make(
        &hevc,
        &["-f", "lavfi", "-i", "testsrc2=s=320x240:r=24:d=0.5", "-c:v", "libx265", "-x265-params", "log-level=error"],
    ) {
        let err = probe_mp4(&std::fs::read(&hevc).unwrap()).unwrap_err();
        assert!(
            matches!(err, MediaError::UnsupportedVideoCodec(ref c) if c.starts_with("hev1") || c.starts_with("hvc1")),
            "{err}"
        );
        assert!(err.to_string().contains("only H.264"), "{err}");
        assert!(err.is_invalid_input());
    }
    let high10 = dir.path("high10.mp4");
    if ffmpeg_make(
        &high10,
        &["-f", "lavfi", "-i", "testsrc2=s=320x240:r=24:d=0.5", "-c:v", "libx264", "-pix_fmt", "yuv420p10le"],
    ) {
        let bytes = std::fs::read(&high10).unwrap();
        let err = probe_mp4(&bytes).unwrap_err();
        assert!(matches!(err, MediaError::UnsupportedH264Profile { profile_idc: 110, .. }), "{err}");
        assert!(decode_video(&bytes, |_, _, _, _| true).is_err());
    }
    let yuv444 = dir.path("yuv444.mp4");
    if ffmpeg_make(
        &yuv444,
        &["-f", "lavfi", "-i", "testsrc2=s=320x240:r=24:d=0.5", "-c:v", "libx264", "-pix_fmt", "yuv444p"],
    ) {
        let err = probe_mp4(&std::fs::read(&yuv444).unwrap()).unwrap_err();
        assert!(matches!(err, MediaError::UnsupportedH264Profile { profile_idc: 244, .. }), "{err}");
    }
}
