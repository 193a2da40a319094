//! The ffmpeg/libx264 baseline: time an ultrafast encode of the raw frames, and subtract
//! the time ffmpeg takes just to read them, so what is left is the encoder's own cost.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use anyhow::{Context, bail};

use crate::clip::{FPS, Size};
use crate::timing::best_of;

pub struct X264Times {
    pub encode: Duration,
    pub read_only: Duration,
}

impl X264Times {
    /// Encode time net of reading the input (never negative).
    pub fn net(&self) -> Duration {
        self.encode.saturating_sub(self.read_only)
    }
}

pub fn check_ffmpeg() -> anyhow::Result<()> {
    let ok = Command::new("ffmpeg").arg("-version").stdout(Stdio::null()).status().is_ok_and(|s| s.success());
    if !ok {
        bail!("ffmpeg with libx264 is needed for the baseline: apt-get install -y ffmpeg");
    }
    Ok(())
}

pub fn time(raw: &Path, size: Size, out: &Path, runs: u32) -> anyhow::Result<X264Times> {
    let input = |cmd: &mut Command| {
        cmd.args(["-y", "-v", "error", "-f", "rawvideo", "-pix_fmt", "yuv420p", "-s"])
            .arg(size.to_string())
            .args(["-r", &FPS.to_string(), "-i"])
            .arg(raw);
    };
    let encode = best_of(runs, || {
        let mut cmd = Command::new("ffmpeg");
        input(&mut cmd);
        cmd.args(["-c:v", "libx264", "-preset", "ultrafast", "-f", "mp4"]).arg(out);
        run(cmd)
    })?;
    let read_only = best_of(runs, || {
        let mut cmd = Command::new("ffmpeg");
        input(&mut cmd);
        cmd.args(["-f", "null", "-"]);
        run(cmd)
    })?;
    Ok(X264Times { encode, read_only })
}

fn run(mut cmd: Command) -> anyhow::Result<()> {
    let status = cmd.status().context("run ffmpeg")?;
    if !status.success() {
        bail!("ffmpeg failed ({status}): {cmd:?}");
    }
    Ok(())
}
