//! A clean encode prints nothing it does not mean: openh264's own log (on every encoder
//! start it warns `bEnableFrameSkip = 0 ...` about a setting we choose on purpose) goes to
//! `tracing` at debug level, never to stderr.
//!
//! The C library writes to file descriptor 2 directly, past the test harness's capture, so
//! the encode runs in a child process: this test binary again, filtered to the one test.

use std::process::Command;
use std::sync::{Arc, Mutex};

use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};

use crate::common::*;
use kino_media::{EncodeSettings, decode_audio, decode_video};

/// Set in the child: `quiet` (no subscriber) or `routed` (a subscriber listening at debug).
const CHILD: &str = "KINO_MEDIA_QUIET_CHILD";

/// Collects the messages of `openh264` events.
#[derive(Clone, Default)]
struct Capture(Arc<Mutex<Vec<String>>>);

struct Message<'a>(&'a mut String);

impl Visit for Message<'_> {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        if field.name() == "message" {
            *self.0 = format!("{value:?}");
        }
    }
}

impl Subscriber for Capture {
    fn enabled(&self, metadata: &Metadata<'_>) -> bool {
        metadata.target() == "openh264"
    }
    fn new_span(&self, _: &Attributes<'_>) -> Id {
        Id::from_u64(1)
    }
    fn record(&self, _: &Id, _: &Record<'_>) {}
    fn record_follows_from(&self, _: &Id, _: &Id) {}
    fn event(&self, event: &Event<'_>) {
        let mut text = String::new();
        event.record(&mut Message(&mut text));
        self.0.lock().unwrap().push(text);
    }
    fn enter(&self, _: &Id) {}
    fn exit(&self, _: &Id) {}
}

/// What the child does: encode two sizes (one slice and four sliced on two threads), decode
/// the result back.
fn encode_and_decode() {
    let dir = TempDir::new("quiet");
    for (w, h) in [(320, 180), (1280, 720)] {
        let path = dir.path(&format!("{w}x{h}.mp4"));
        encode_synthetic(&EncodeSettings::new(w, h, FPS).with_expected_frames(FPS), 1, &path).unwrap();
        let bytes = std::fs::read(&path).unwrap();
        assert_eq!(decode_video(&bytes, |_, _, _, _| true).unwrap(), FPS);
        assert!(!decode_audio(&bytes).unwrap().is_empty());
    }
}

/// Run this test again in a child process in `mode`; its stderr, after checking it passed.
fn child(mode: &str) -> String {
    let name = concat!(module_path!(), "::encode_and_decode_print_nothing_on_stderr");
    // Test names leave out the crate (this binary): `quiet::...`.
    let name = name.split_once("::").map_or(name, |(_, rest)| rest);
    let out = Command::new(std::env::current_exe().unwrap())
        .args(["--exact", name, "--nocapture", "--test-threads=1"])
        .env(CHILD, mode)
        .output()
        .expect("run the test binary again");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "{mode} child failed:\n{stdout}\n{stderr}");
    assert!(stdout.contains("1 passed"), "{mode} child did not run the test:\n{stdout}");
    stderr
}

#[test]
fn encode_and_decode_print_nothing_on_stderr() {
    match std::env::var(CHILD).as_deref() {
        Ok("quiet") => encode_and_decode(),
        Ok("routed") => {
            let capture = Capture::default();
            tracing::subscriber::set_global_default(capture.clone()).unwrap();
            encode_and_decode();
            let seen = capture.0.lock().unwrap();
            assert!(seen.iter().any(|m| m.contains("bEnableFrameSkip")), "openh264's log reached tracing: {seen:?}");
        }
        _ => {
            for mode in ["quiet", "routed"] {
                let stderr = child(mode);
                assert!(stderr.trim().is_empty(), "{mode}: stderr should be empty, got:\n{stderr}");
            }
        }
    }
}
