//! A deployment's policy file: rules switched off, extended inline or by list files, new
//! rules, allowed phrases, face settings, and clear errors for files that make no sense.
use std::path::PathBuf;

use kino_guard::Policy;

fn write(dir: &tempfile::TempDir, name: &str, text: &str) -> PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn load(text: &str) -> Result<Policy, String> {
    let dir = tempfile::tempdir().unwrap();
    Policy::load(&write(&dir, "policy.toml", text)).map_err(|e| e.to_string())
}

fn rule_of(p: &Policy, prompt: &str) -> Option<String> {
    p.check_prompt(prompt).err().map(|b| b.rule)
}

#[test]
fn a_rule_can_be_switched_off_and_the_others_stay_on() {
    let p = load("[rules.public_figures]\nenabled = false\n").unwrap();
    assert_eq!(rule_of(&p, "Barack Obama giving a speech"), None);
    assert_eq!(rule_of(&p, "Darth Vader giving a speech").as_deref(), Some("copyrighted_characters"));
    assert!(p.describe().lines().any(|l| l.starts_with("public_figures") && l.contains(" off ")), "{}", p.describe());
    let json = p.to_json();
    let rule = json["rules"].as_array().unwrap().iter().find(|r| r["id"] == "public_figures").unwrap();
    assert_eq!(rule["enabled"], false);
}

#[test]
fn rules_extend_inline_and_from_list_files_and_new_rules_are_added() {
    let dir = tempfile::tempdir().unwrap();
    write(
        &dir,
        "brands.json",
        r#"{"version": "site-3", "rules": [{"id": "competitor_brands", "title": "Competitor brands",
        "message": "The prompt names a competitor's brand.", "entries": [{"name": "Acme", "aliases": ["Acme Rockets"]}]}]}"#,
    );
    let policy = write(
        &dir,
        "policy.toml",
        r#"
lists = ["brands.json"]

[rules.copyrighted_characters]
allow = ["Mickey Mouse"]

[[rules.copyrighted_characters.entries]]
name = "Kino the Cat"
aliases = ["Kino the Cat"]
ambiguous = ["Kino"]
context = ["mascot"]
"#,
    );
    let p = Policy::load(&policy).unwrap();
    assert_eq!(rule_of(&p, "kino-the-cat waves hello").as_deref(), Some("copyrighted_characters"));
    assert_eq!(rule_of(&p, "the mascot Kino waves").as_deref(), Some("copyrighted_characters"));
    assert_eq!(rule_of(&p, "a cinema called Kino"), None);
    assert_eq!(rule_of(&p, "Mickey Mouse waves"), None, "allowed by this deployment");
    let b = p.check_prompt("a box of ACME rockets").unwrap_err();
    assert_eq!((b.rule.as_str(), b.message.as_str()), ("competitor_brands", "The prompt names a competitor's brand."));
    assert!(p.lists.iter().any(|(s, v)| s.ends_with("brands.json") && v == "site-3"), "{:?}", p.lists);
}

#[test]
fn face_rules_take_their_settings() {
    let p = load("[rules.input_faces]\nmin_score = 5.5\nmin_face_px = 40\n\n[rules.character_likeness]\nenabled = false\nframes = 3\n").unwrap();
    assert_eq!((p.input_faces.settings.min_score, p.input_faces.settings.min_face_px), (5.5, 40));
    assert!(p.input_faces.enabled);
    assert!(!p.character_likeness.enabled);
    assert_eq!(p.character_likeness.settings.frames, 3);
}

#[test]
fn nonsense_is_refused_with_a_reason() {
    for (text, expect) in [
        ("[rules.public_figures]\nenabeld = false\n", "enabeld"),
        ("[rules.public_figures]\nmin_score = 2.0\n", "face rules only"),
        ("[rules.input_faces]\nallow = [\"x\"]\n", "face rule takes"),
        ("[rules.input_faces]\nmin_face_px = 5\n", "min_face_px"),
        ("[rules.input_faces]\nmin_score = -1\n", "min_score"),
        ("[rules.\"Bad Id\"]\nenabled = true\n", "invalid rule id"),
        ("[rules.my_rule]\ntitle = \"x\"\n", "no entries"),
        ("lists = [\"missing.json\"]\n", "missing.json"),
        ("this is not toml", "policy file"),
        ("[[rules.drugs.entries]]\nname = \"x\"\n", "no aliases"),
    ] {
        let e = load(text).expect_err(text);
        assert!(e.contains(expect), "{text:?}: {e}");
    }
    let dir = tempfile::tempdir().unwrap();
    write(
        &dir,
        "bad.json",
        r#"{"version": "1", "rules": [{"id": "x", "entries": [{"name": "n", "ambiguous": ["a"]}]}]}"#,
    );
    let e = Policy::load(&write(&dir, "p.toml", "lists = [\"bad.json\"]\n")).unwrap_err().to_string();
    assert!(e.contains("no context"), "{e}");
    assert!(
        Policy::load(std::path::Path::new("/nonexistent/policy.toml")).unwrap_err().to_string().contains("cannot read")
    );
}

#[test]
fn the_documented_example_loads() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/policy.example.toml");
    let p = Policy::load(&path).unwrap();
    assert!(!p.rules.iter().find(|r| r.id == "public_figures").unwrap().enabled);
    assert_eq!(rule_of(&p, "a Zphone Ultra on a desk").as_deref(), Some("house_rules"));
    assert_eq!(rule_of(&p, "Mickey Mouse waves"), None);
}
