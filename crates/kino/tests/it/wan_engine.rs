//! Wan checkpoints served through the API (the tiny random-weight fixtures of kino-wan,
//! loaded by `--model`): listed by /v1/models, rendered to the contract's size and length,
//! first frames only where the model takes them, and a clear 400 for what it cannot do.

use std::time::Duration;

use crate::common::{KEY, TestApp, error_of};
use kino::ModelRegistry;
use reqwest::multipart::{Form, Part};
use serde_json::{Value, json};

fn fixture(name: &str) -> String {
    format!("{}/../kino-wan/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

async fn start() -> TestApp {
    let models = vec![
        format!("wan-tiny={},long_side=32,steps=2", fixture("wan21-tiny")),
        format!("wan-ti2v-tiny={},long_side=64,steps=2", fixture("wan22-tiny")),
    ];
    let config = kino::config::ModelsConfig { models, file: None, upstreams: Vec::new() };
    let registry = kino::models::registry(&config).expect("tiny checkpoints load");
    TestApp::start_with(|_| {}, registry).await
}

async fn content(app: &TestApp, id: &str) -> Vec<u8> {
    let resp = app.get(&format!("/v1/videos/{id}/content")).await;
    assert_eq!(resp.status(), 200);
    resp.bytes().await.unwrap().to_vec()
}

/// Create a video from `body`, wait until it completes, and take its MP4.
async fn render_clip(app: &TestApp, body: Value) -> Vec<u8> {
    let v = app.create(body).await;
    let id = v["id"].as_str().unwrap().to_string();
    let done =
        app.wait_for(&id, Duration::from_secs(300), |v| v["status"] == "completed" || v["status"] == "failed").await;
    assert_eq!(done["status"], "completed", "{done}");
    content(app, &id).await
}

#[tokio::test]
async fn a_wan_model_renders_at_the_requested_size_and_length() {
    let app = start().await;
    let models: Value = app.get("/v1/models").await.json().await.unwrap();
    let ids: Vec<&str> = models["data"].as_array().unwrap().iter().map(|m| m["id"].as_str().unwrap()).collect();
    assert!(ids.contains(&"wan-tiny") && ids.contains(&"wan-ti2v-tiny") && ids.contains(&"sora-2"), "{ids:?}");

    let v = app
        .create(json!({"model": "wan-tiny", "prompt": "a red kite over a hill", "size": "320x180", "seconds": "4"}))
        .await;
    let id = v["id"].as_str().unwrap().to_string();
    let done =
        app.wait_for(&id, Duration::from_secs(300), |v| v["status"] == "completed" || v["status"] == "failed").await;
    assert_eq!(done["status"], "completed", "{done}");
    assert_eq!(done["progress"], 100);
    let info = kino_media::probe_mp4(&content(&app, &id).await).unwrap();
    assert_eq!((info.width, info.height, info.video_frames), (320, 180, 96));

    // Same seed, same clip.
    let first = content(&app, &id).await;
    let seeded = |seed: u64| json!({"model": "wan-tiny", "prompt": "a red kite over a hill", "size": "320x180", "seconds": "4", "seed": seed});
    let mut clips = Vec::new();
    for seed in [7u64, 7, 8] {
        clips.push(render_clip(&app, seeded(seed)).await);
    }
    assert_eq!(clips[0], clips[1], "same seed, same clip");
    assert_ne!(clips[0], clips[2], "another seed, another clip");
    assert!(!first.is_empty());
}

#[tokio::test]
async fn what_a_model_cannot_do_is_a_400() {
    let app = start().await;
    let e =
        error_of(app.post_json("/v1/videos", &json!({"model": "wan-tiny", "prompt": "p", "seconds": "8"})).await, 400)
            .await;
    assert_eq!(e["param"], "seconds", "{e}");
    let mut png = Vec::new();
    image::RgbImage::from_pixel(320, 180, image::Rgb([200, 80, 40]))
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .unwrap();
    let with_ref = |model: &str| {
        Form::new()
            .text("prompt", "the scene comes to life")
            .text("model", model.to_string())
            .text("size", "320x180")
            .part("input_reference", Part::bytes(png.clone()).file_name("r.png").mime_str("image/png").unwrap())
    };
    let post = |form: Form| app.client.post(app.url("/v1/videos")).header("authorization", KEY).multipart(form).send();
    let e = error_of(post(with_ref("wan-tiny")).await.unwrap(), 400).await;
    assert_eq!(e["param"], "input_reference", "{e}");

    // Wan 2.2 TI2V takes a first frame, and its first output frame follows it.
    let resp = post(with_ref("wan-ti2v-tiny")).await.unwrap();
    assert_eq!(resp.status(), 200);
    let v: Value = resp.json().await.unwrap();
    let id = v["id"].as_str().unwrap().to_string();
    let done =
        app.wait_for(&id, Duration::from_secs(300), |v| v["status"] == "completed" || v["status"] == "failed").await;
    assert_eq!(done["status"], "completed", "{done}");
    let e =
        error_of(app.post_json("/v1/videos/edits", &json!({"video": {"id": id}, "prompt": "make it snow"})).await, 400)
            .await;
    assert_eq!(e["param"], "video", "{e}");
    let e =
        error_of(app.post_json(&format!("/v1/videos/{id}/remix"), &json!({"prompt": "make it snow"})).await, 400).await;
    assert_eq!(e["param"], "video", "{e}");
}

#[test]
fn a_bad_model_directory_is_refused_at_start() {
    let config =
        kino::config::ModelsConfig { models: vec!["wan-x=/nonexistent/dir".into()], file: None, upstreams: Vec::new() };
    let e = kino::models::registry(&config).expect_err("refused").to_string();
    assert!(e.contains("wan-x") && e.contains("/nonexistent/dir"), "{e}");
    let _ = ModelRegistry::builtin();
}

fn with_loras(loras: &[&str]) -> kino::config::ModelsConfig {
    let mut spec = format!("wan-tiny={},long_side=32,steps=2", fixture("wan21-tiny"));
    for l in loras {
        spec.push_str(&format!(",lora={l}"));
    }
    kino::config::ModelsConfig { models: vec![spec], file: None, upstreams: Vec::new() }
}

#[tokio::test]
async fn a_request_chooses_the_models_loras_by_name_and_scale() {
    let (ink, clay) = (fixture("lora/peft.safetensors"), fixture("lora/kohya.safetensors"));
    let registry = kino::models::registry(&with_loras(&[&format!("ink:{ink}:0.8"), &format!("clay:{clay}")]))
        .expect("the LoRAs fit the model");
    let app = TestApp::start_with(|_| {}, registry).await;
    // Listed in the order configured, with their default scales, by name only (no paths).
    let model: Value = app.get("/v1/models/wan-tiny").await.json().await.unwrap();
    assert_eq!(model["loras"], json!([{"name": "ink", "scale": 0.8}, {"name": "clay", "scale": 1.0}]), "{model}");
    assert!(!model.to_string().contains("safetensors"), "a path leaked: {model}");

    let render = |lora: Value| json!({"model": "wan-tiny", "prompt": "a red kite", "size": "320x180", "seconds": "4", "seed": 5, "lora": lora});
    let mut clips = Vec::new();
    for lora in
        [json!([]), json!([{"name": "ink"}]), json!([{"name": "ink", "scale": 0.8}, {"name": "clay", "scale": 0.5}])]
    {
        clips.push(render_clip(&app, render(lora)).await);
    }
    assert_ne!(clips[0], clips[1], "the LoRA changed nothing");
    assert_ne!(clips[1], clips[2], "the second LoRA changed nothing");

    // Multipart (what the SDKs send with extra_body): the array as the field's text.
    let form = Form::new()
        .text("model", "wan-tiny")
        .text("prompt", "a red kite")
        .text("size", "320x180")
        .text("lora", r#"[{"name": "ink", "scale": 0.5}]"#);
    let resp = app.client.post(app.url("/v1/videos")).bearer_auth(KEY).multipart(form).send().await.unwrap();
    assert_eq!(resp.status(), 200, "{}", resp.text().await.unwrap());

    for (lora, says) in [
        (json!([{"name": "nope"}]), "has no LoRA named 'nope'"),
        (json!([{"name": "ink", "path": "/etc/passwd"}]), "unknown field 'path'"),
        (json!([{"name": "ink", "scale": 9}]), "from -4 to 4"),
        (json!([{"name": "ink"}, {"name": "ink"}]), "chosen twice"),
        (json!("ink"), "expected an array"),
    ] {
        let e = error_of(app.post_json("/v1/videos", &render(lora.clone())).await, 400).await;
        assert_eq!(e["param"], "lora", "{lora}: {e}");
        assert!(e["message"].as_str().unwrap().contains(says), "{lora}: {e}");
    }
    let e = error_of(
        app.post_json("/v1/videos", &json!({"model": "sora-2", "prompt": "p", "lora": [{"name": "ink"}]})).await,
        400,
    )
    .await;
    assert!(e["message"].as_str().unwrap().contains("'sora-2' has no LoRAs"), "{e}");
}

#[test]
fn a_lora_that_does_not_fit_is_refused_at_start() {
    for (lora, says) in [
        (format!("wide:{}", fixture("lora/other_model.safetensors")), "another model"),
        ("gone:/nonexistent/x.safetensors".to_string(), "/nonexistent/x.safetensors"),
        (format!("bad name:{}", fixture("lora/peft.safetensors")), "letters, digits"),
        (format!("ink:{}:100", fixture("lora/peft.safetensors")), "within ±4"),
    ] {
        let e = kino::models::registry(&with_loras(&[&lora])).expect_err("refused").to_string();
        assert!(e.contains("wan-tiny") && e.contains(says), "{lora}: {e}");
    }
}
