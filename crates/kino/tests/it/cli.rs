//! The command line as a user runs it: `kino plan` prints the scene plan as JSON, and
//! `kino generate` renders the same bytes for the same prompt, size, seconds and seed.
use std::process::Command;

fn kino(args: &[&str]) -> std::process::Output {
    let out = Command::new(env!("CARGO_BIN_EXE_kino")).args(args).output().expect("run kino");
    assert!(out.status.success(), "kino {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    out
}

#[test]
fn plan_prints_the_scene_plan_as_json() {
    let out = kino(&["plan", "Wide shot of a child flying a red kite in a grassy park, golden hour sunlight"]);
    let plan: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    assert_eq!(plan["shot"], "wide");
    assert_eq!(plan["time_of_day"], "golden_hour");
    let kite = plan["subjects"].as_array().unwrap().iter().find(|s| s["noun"] == "kite").expect("a kite");
    assert_eq!(kite["color_name"], "red");
}

#[test]
fn plan_accepts_a_user_vocabulary() {
    let dir = tempfile::tempdir().unwrap();
    let vocab = dir.path().join("extra.json");
    std::fs::write(&vocab, r#"{"nouns": {"zeppelin": {"category": "vehicle", "shape": "airplane"}}}"#).unwrap();
    let out = kino(&["plan", "--vocabulary", vocab.to_str().unwrap(), "a silver zeppelin over the sea"]);
    let plan: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(plan["subjects"][0]["noun"], "zeppelin");
    assert_eq!(plan["subjects"][0]["category"], "vehicle");
}

#[test]
fn generate_is_byte_identical_for_the_same_seed() {
    let dir = tempfile::tempdir().unwrap();
    let render = |name: &str, seed: &str| {
        let path = dir.path().join(name);
        let p = path.to_str().unwrap();
        kino(&[
            "generate",
            "a blue boat on a calm sea at dawn",
            "--size",
            "720x1280",
            "--seconds",
            "4",
            "--seed",
            seed,
            "-o",
            p,
        ]);
        std::fs::read(path).unwrap()
    };
    let (a, b, c) = (render("a.mp4", "11"), render("b.mp4", "11"), render("c.mp4", "12"));
    assert_eq!(&a[4..8], b"ftyp");
    assert!(a == b, "same seed, same bytes");
    assert!(a != c, "another seed, another clip");
}

/// Without a shared database nobody could ever render: both role splits refuse to start.
#[test]
fn role_splits_need_a_shared_database() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_str().unwrap();
    let refused = |args: &[&str], says: &str| {
        let out = Command::new(env!("CARGO_BIN_EXE_kino")).args(args).env_remove("KINO_DATABASE_URL").output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "kino {args:?} started");
        assert!(stderr.contains(says), "kino {args:?}: {stderr}");
    };
    refused(&["serve", "--workers", "0", "--port", "0", "--data-dir", data], "--workers 0");
    refused(&["worker", "--data-dir", data], "shared database");
    refused(&["serve", "--database-url", "mysql://x", "--data-dir", data], "postgres://");
}
