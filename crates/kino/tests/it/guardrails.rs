//! The content policy through the API: prompts on every route that takes one (create, remix,
//! edits, extensions, batch lines), faces in input images, uploaded clips and characters,
//! and a deployment's policy file switching a rule off.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use crate::common::{KEY, TestApp, error_of, subject_clip};
use kino::ModelRegistry;
use reqwest::multipart::{Form, Part};
use serde_json::{Value, json};

fn fixture(name: &str) -> image::RgbImage {
    let path = format!("{}/../kino-guard/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    image::open(&path).unwrap_or_else(|e| panic!("{path}: {e}")).to_rgb8()
}

/// `name` scaled to `h` px high, centred on a grey `w`x`h` canvas.
fn framed(name: &str, w: u32, h: u32) -> image::RgbImage {
    let img = fixture(name);
    let scaled =
        image::imageops::resize(&img, img.width() * h / img.height(), h, image::imageops::FilterType::Triangle);
    let mut canvas = image::RgbImage::from_pixel(w, h, image::Rgb([110, 110, 110]));
    image::imageops::overlay(&mut canvas, &scaled, i64::from((w - scaled.width()) / 2), 0);
    canvas
}

fn png(img: &image::RgbImage) -> Vec<u8> {
    let mut out = Vec::new();
    img.write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png).unwrap();
    out
}

/// A 2 s clip of a still image drifting sideways.
fn clip_of(dir: &std::path::Path, img: &image::RgbImage) -> Vec<u8> {
    let (w, h) = (img.width(), img.height());
    let path = dir.join("still.mp4");
    let settings = kino_media::EncodeSettings::new(w, h, 24).with_expected_frames(48);
    kino_media::encode_clip(&settings, &path, |sink: &mut dyn kino_engine::FrameSink| {
        for i in 0..48u32 {
            let mut px = Vec::with_capacity((w * h * 4) as usize);
            for y in 0..h {
                for x in 0..w {
                    let p = img.get_pixel((x + i / 4).min(w - 1), y);
                    px.extend_from_slice(&[p[0], p[1], p[2], 255]);
                }
            }
            sink.video_frame(kino_engine::VideoFrame::new(w, h, px))?;
            sink.audio(&vec![0.0; 2000])?;
        }
        Ok::<(), kino_engine::EngineError>(())
    })
    .unwrap();
    std::fs::read(path).unwrap()
}

async fn post_multipart(app: &TestApp, path: &str, form: Form) -> reqwest::Response {
    app.client.post(app.url(path)).header("authorization", KEY).multipart(form).send().await.expect("request")
}

/// A `moderation_blocked` refusal naming `rule`, on `param`, that does not quote `matched`.
async fn assert_blocked(resp: reqwest::Response, rule: &str, param: &str, matched: &str) {
    let e = error_of(resp, 400).await;
    assert_eq!(
        (e["code"].as_str(), e["param"].as_str(), e["type"].as_str()),
        (Some("moderation_blocked"), Some(param), Some("invalid_request_error")),
        "{e}"
    );
    let message = e["message"].as_str().unwrap();
    assert!(message.contains(&format!("'{rule}'")), "names the rule: {message}");
    assert!(!message.to_lowercase().contains(&matched.to_lowercase()), "does not quote the prompt: {message}");
}

async fn video_count(app: &TestApp) -> usize {
    let list: Value = app.get("/v1/videos?limit=100").await.json().await.unwrap();
    list["data"].as_array().unwrap().len()
}

#[tokio::test]
async fn every_prompt_route_is_screened() {
    let app = TestApp::start().await;
    let tiny = |prompt: &str| json!({"model": "kino-preview", "prompt": prompt, "size": "320x180", "seconds": "4"});
    for (prompt, rule, matched) in [
        ("Darth Vader walks through a snowy forest", "copyrighted_characters", "Darth Vader"),
        ("BARACK OBAMA waving from a stage", "public_figures", "Obama"),
        ("a band playing Bohemian Rhapsody in a stadium", "copyrighted_music", "Bohemian"),
        ("a mutilated corpse in an alley", "graphic_violence", "corpse"),
    ] {
        assert_blocked(app.post_json("/v1/videos", &tiny(prompt)).await, rule, "prompt", matched).await;
    }
    // A multipart create is screened the same way.
    let form =
        Form::new().text("prompt", "Pikachu surfing a wave").text("model", "kino-preview").text("size", "320x180");
    assert_blocked(post_multipart(&app, "/v1/videos", form).await, "copyrighted_characters", "prompt", "Pikachu").await;
    assert_eq!(video_count(&app).await, 0, "nothing was created");

    let src = app.create(tiny("a red kite over a green hill")).await;
    let src_id = src["id"].as_str().unwrap().to_string();
    assert_eq!(app.wait_terminal(&src_id).await["status"], "completed");
    let blocked = "Mickey Mouse appears and waves";
    assert_blocked(
        app.post_json(&format!("/v1/videos/{src_id}/remix"), &json!({"prompt": blocked})).await,
        "copyrighted_characters",
        "prompt",
        "Mickey",
    )
    .await;
    assert_blocked(
        app.post_json("/v1/videos/edits", &json!({"video": {"id": src_id}, "prompt": blocked})).await,
        "copyrighted_characters",
        "prompt",
        "Mickey",
    )
    .await;
    assert_blocked(
        app.post_json("/v1/videos/extensions", &json!({"video": {"id": src_id}, "prompt": blocked, "seconds": "4"}))
            .await,
        "copyrighted_characters",
        "prompt",
        "Mickey",
    )
    .await;
    // Near-misses go through on every route.
    assert_eq!(
        app.post_json(&format!("/v1/videos/{src_id}/remix"), &json!({"prompt": "a small mouse runs past"}))
            .await
            .status(),
        200
    );
    assert_eq!(app.post_json("/v1/videos", &tiny("a drake swimming past a killer whale")).await.status(), 200);
}

#[tokio::test]
async fn faces_in_reference_images_clips_and_characters_are_refused() {
    let app = TestApp::start().await;
    let reference = |img: &image::RgbImage| {
        Form::new()
            .text("prompt", "the scene comes to life")
            .text("model", "kino-preview")
            .text("size", "1280x720")
            .part("input_reference", Part::bytes(png(img)).file_name("ref.png").mime_str("image/png").unwrap())
    };
    let face = framed("face_astronaut.png", 1280, 720);
    assert_blocked(
        post_multipart(&app, "/v1/videos", reference(&face)).await,
        "input_faces",
        "input_reference",
        "astronaut",
    )
    .await;
    for name in ["no_face_cat.png", "no_face_drawing.png"] {
        let resp = post_multipart(&app, "/v1/videos", reference(&framed(name, 1280, 720))).await;
        assert_eq!(resp.status(), 200, "{name}: {}", resp.text().await.unwrap());
    }
    // The size check still comes first.
    let e = error_of(post_multipart(&app, "/v1/videos", reference(&framed("face_astronaut.png", 320, 180))).await, 400)
        .await;
    assert_eq!(e["message"], "Inpaint image must match the requested width and height");

    let face_clip = clip_of(app.dir.path(), &framed("face_grace_hopper.jpg", 480, 270));
    let character = |clip: Vec<u8>| {
        Form::new()
            .text("name", "guest")
            .part("video", Part::bytes(clip).file_name("c.mp4").mime_str("video/mp4").unwrap())
    };
    assert_blocked(
        post_multipart(&app, "/v1/videos/characters", character(face_clip.clone())).await,
        "character_likeness",
        "video",
        "hopper",
    )
    .await;
    let subject = subject_clip(app.dir.path(), 480, 270);
    assert_eq!(post_multipart(&app, "/v1/videos/characters", character(subject.clone())).await.status(), 200);
    // An uploaded clip to edit is an input too.
    let edit = |clip: Vec<u8>| {
        Form::new()
            .text("prompt", "make it snow")
            .text("model", "kino-preview")
            .part("video", Part::bytes(clip).file_name("e.mp4").mime_str("video/mp4").unwrap())
    };
    assert_blocked(post_multipart(&app, "/v1/videos/edits", edit(face_clip)).await, "input_faces", "video", "hopper")
        .await;
    assert_eq!(post_multipart(&app, "/v1/videos/edits", edit(subject)).await.status(), 200);
}

#[tokio::test]
async fn batch_lines_pass_the_same_checks() {
    let app = TestApp::start_with(|c| c.jobs.workers = 2, ModelRegistry::builtin()).await;
    let upload = |data: Vec<u8>, purpose: &'static str, name: &'static str| {
        let form = Form::new().text("purpose", purpose).part("file", Part::bytes(data).file_name(name));
        post_multipart(&app, "/v1/files", form)
    };
    let face: Value =
        upload(png(&framed("face_astronaut.png", 320, 180)), "vision", "face.png").await.json().await.unwrap();
    let line = |id: &str, body: Value| json!({"custom_id": id, "method": "POST", "url": "/v1/videos", "body": body});
    let body = |prompt: &str| json!({"model": "kino-preview", "prompt": prompt, "size": "320x180", "seconds": "4"});
    let mut with_face = body("the scene comes to life");
    with_face["input_reference"] = json!({"file_id": face["id"]});
    let lines = [
        line("ok", body("a lighthouse on a cliff at dusk")),
        line("character", body("Homer Simpson eating a donut")),
        line("drugs", body("two men snorting cocaine")),
        line("face", with_face),
    ];
    let data: String = lines.iter().map(|l| format!("{l}\n")).collect();
    let file: Value = upload(data.into_bytes(), "batch", "in.jsonl").await.json().await.unwrap();
    let created: Value = app
        .post_json(
            "/v1/batches",
            &json!({"input_file_id": file["id"], "endpoint": "/v1/videos", "completion_window": "24h"}),
        )
        .await
        .json()
        .await
        .unwrap();
    let id = created["id"].as_str().unwrap();
    let start = Instant::now();
    let done = loop {
        let b: Value = app.get(&format!("/v1/batches/{id}")).await.json().await.unwrap();
        if ["completed", "failed", "cancelled", "expired"].contains(&b["status"].as_str().unwrap()) {
            break b;
        }
        assert!(start.elapsed() < Duration::from_secs(120), "{b}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    assert_eq!(done["request_counts"], json!({"total": 4, "completed": 1, "failed": 3}), "{done}");
    let text =
        app.get(&format!("/v1/files/{}/content", done["error_file_id"].as_str().unwrap())).await.text().await.unwrap();
    let errors: HashMap<String, Value> = text
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .map(|e| (e["custom_id"].as_str().unwrap().to_string(), e))
        .collect();
    for (custom_id, param, rule) in [
        ("character", "prompt", "copyrighted_characters"),
        ("drugs", "prompt", "drugs"),
        ("face", "input_reference", "input_faces"),
    ] {
        let e = &errors[custom_id]["response"];
        assert_eq!(e["status_code"], 400, "{e}");
        let err = &e["body"]["error"];
        assert_eq!((err["code"].as_str(), err["param"].as_str()), (Some("moderation_blocked"), Some(param)), "{e}");
        assert!(err["message"].as_str().unwrap().contains(rule), "{e}");
    }
}

#[tokio::test]
async fn a_policy_file_switches_rules_off_and_adds_its_own() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("policy.toml");
    std::fs::write(
        &path,
        r#"
[rules.public_figures]
enabled = false

[rules.input_faces]
enabled = false

[rules.house_rules]
title = "House rules"
message = "This deployment does not render rival mascots."
[[rules.house_rules.entries]]
name = "Rival mascot"
aliases = ["Blinky the Badger"]
"#,
    )
    .unwrap();
    let app = TestApp::start_with(|c| c.policy.file = Some(path), ModelRegistry::builtin()).await;
    let tiny = |prompt: &str| json!({"model": "kino-preview", "prompt": prompt, "size": "320x180", "seconds": "4"});
    assert_eq!(app.post_json("/v1/videos", &tiny("Barack Obama waving from a stage")).await.status(), 200);
    assert_blocked(
        app.post_json("/v1/videos", &tiny("Darth Vader waving")).await,
        "copyrighted_characters",
        "prompt",
        "Vader",
    )
    .await;
    let e = error_of(app.post_json("/v1/videos", &tiny("blinky-the-badger dances")).await, 400).await;
    assert_eq!(e["code"], "moderation_blocked");
    assert!(e["message"].as_str().unwrap().starts_with("This deployment does not render rival mascots."), "{e}");
    let form = Form::new()
        .text("prompt", "the scene comes to life")
        .text("model", "kino-preview")
        .text("size", "1280x720")
        .part(
            "input_reference",
            Part::bytes(png(&framed("face_astronaut.png", 1280, 720)))
                .file_name("r.png")
                .mime_str("image/png")
                .unwrap(),
        );
    assert_eq!(post_multipart(&app, "/v1/videos", form).await.status(), 200, "input_faces is off");
}
