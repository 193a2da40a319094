//! `rss`: peak resident memory of a child process rendering a short and a long clip. A
//! streaming pipeline should need about the same memory for both.

use std::path::Path;
use std::process::Command;

use anyhow::{Context, bail};

use crate::clip::Size;

pub fn run(size: Size, seconds: &[u32], out_dir: &Path) -> anyhow::Result<()> {
    std::fs::create_dir_all(out_dir).with_context(|| format!("create {}", out_dir.display()))?;
    let exe = std::env::current_exe().context("find own executable")?;
    let mut peaks = Vec::new();
    for &s in seconds {
        let out = out_dir.join(format!("rss-{s}s.mp4"));
        let child = Command::new(&exe)
            .args(["render", "--size", &size.to_string(), "--seconds", &s.to_string(), "-o"])
            .arg(&out)
            .spawn()
            .context("spawn render child")?;
        peaks.push((s, wait_peak_rss(child)?));
    }
    println!("| clip | peak RSS MiB |");
    println!("|---|---|");
    for (s, bytes) in &peaks {
        println!("| {size} {s} s | {:.1} |", *bytes as f64 / (1024.0 * 1024.0));
    }
    if let (Some((s0, first)), Some((s1, last))) = (peaks.first(), peaks.last()) {
        println!("peak RSS ratio {s1} s / {s0} s: {:.2}", *last as f64 / (*first).max(1) as f64);
    }
    Ok(())
}

/// Wait for `child` and return its peak RSS in bytes, from the kernel's own accounting
/// (`wait4` rusage), so nothing in the child has to measure itself.
fn wait_peak_rss(child: std::process::Child) -> anyhow::Result<u64> {
    let pid = child.id() as libc::pid_t;
    let mut status: libc::c_int = 0;
    // SAFETY: rusage is plain old data for which all-zero bytes are a valid value.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    loop {
        // SAFETY: both pointers are to live locals, written by the kernel only during the call;
        // `pid` is our own unwaited child, so no other process can be reaped by mistake.
        let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
        if r == pid {
            break;
        }
        let err = std::io::Error::last_os_error();
        if err.kind() != std::io::ErrorKind::Interrupted {
            return Err(err).context("wait4");
        }
    }
    if !libc::WIFEXITED(status) || libc::WEXITSTATUS(status) != 0 {
        bail!("render child failed (wait status {status})");
    }
    // Linux reports ru_maxrss in KiB; macOS in bytes.
    let scale = if cfg!(target_os = "macos") { 1 } else { 1024 };
    Ok(usage.ru_maxrss as u64 * scale)
}
