//! What `kino generate` prints when nobody watches a terminal (a pipe, a log, CI): plain
//! progress lines on stderr with a real rate and ETA, never a NaN or a line about nothing
//! done yet, and one result line on stdout.
use std::process::Command;

#[test]
fn a_piped_generate_prints_only_meaningful_lines() {
    let dir = tempfile::tempdir().unwrap();
    let clip = dir.path().join("clip.mp4");
    let out = Command::new(env!("CARGO_BIN_EXE_kino"))
        .args(["generate", "a red kite over a park", "--size", "720x1280", "--seconds", "8", "--seed", "7", "-o"])
        .arg(&clip)
        .output()
        .expect("run kino");
    let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "kino generate failed: {stderr}");

    let result: Vec<&str> = stdout.lines().collect();
    assert_eq!(result.len(), 1, "one result line on stdout: {stdout}");
    assert!(result[0].starts_with(&format!("wrote {} (192 frames,", clip.display())), "{stdout}");
    assert!(result[0].contains("seed 7") && !result[0].contains("NaN") && !result[0].contains("inf"), "{stdout}");

    for line in stderr.lines() {
        let Some(progress) = line.strip_prefix("frames ") else { panic!("unexpected stderr line: {line:?}\n{stderr}") };
        let words: Vec<&str> = progress.split_whitespace().collect();
        let [frames, fps, "fps", "ETA", eta] = words[..] else { panic!("progress line shape: {line:?}") };
        let (done, total) = frames.split_once('/').unwrap();
        let (done, total): (u32, u32) = (done.parse().unwrap(), total.parse().unwrap());
        assert!(done > 0 && done < total && total == 192, "{line}");
        let fps: f64 = fps.parse().unwrap();
        let eta: f64 = eta.strip_suffix('s').unwrap().parse().unwrap();
        assert!(fps > 0.0 && fps.is_finite() && eta >= 0.0 && eta.is_finite(), "{line}");
    }
}
