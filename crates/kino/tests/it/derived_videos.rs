//! Issue 4 end to end, in-process: input_reference in its three shapes (first frame matches),
//! remix, edits (by id and by upload), extensions (stitched, continuous, capped), characters,
//! and that derived videos survive their source's deletion.

use crate::common;
use std::io::Cursor;
use std::time::Duration;

use crate::common::{KEY, TestApp, error_of};
use kino::ModelRegistry;
use reqwest::multipart::{Form, Part};
use serde_json::{Value, json};

const W: u32 = 720;
const H: u32 = 1280;

/// A reference still with structure at every scale: a diagonal gradient, bands and a disc.
fn reference_rgba(w: u32, h: u32) -> Vec<u8> {
    let mut px = Vec::with_capacity((w * h * 4) as usize);
    for y in 0..h {
        for x in 0..w {
            let (fx, fy) = (x as f32 / w as f32, y as f32 / h as f32);
            let band = ((fy * 12.0) as u32 % 2) as f32;
            let (dx, dy) = (fx - 0.5, (fy - 0.4) * h as f32 / w as f32);
            let disc = dx * dx + dy * dy < 0.06;
            let (r, g, b) =
                if disc { (230.0, 60.0, 40.0) } else { (40.0 + 160.0 * fx, 80.0 + 90.0 * band, 200.0 - 150.0 * fy) };
            px.extend_from_slice(&[r as u8, g as u8, b as u8, 255]);
        }
    }
    px
}

fn encode_image(rgba: &[u8], w: u32, h: u32, format: image::ImageFormat) -> Vec<u8> {
    let img = image::RgbaImage::from_raw(w, h, rgba.to_vec()).unwrap();
    let mut out = Cursor::new(Vec::new());
    match format {
        image::ImageFormat::Jpeg => image::DynamicImage::ImageRgba8(img).to_rgb8().write_to(&mut out, format).unwrap(),
        _ => img.write_to(&mut out, format).unwrap(),
    }
    out.into_inner()
}

fn psnr(a_rgb: &[u8], b_rgba: &[u8]) -> f64 {
    let mut se = 0f64;
    for (a, b) in a_rgb.chunks_exact(3).zip(b_rgba.chunks_exact(4)) {
        for c in 0..3 {
            let d = f64::from(a[c]) - f64::from(b[c]);
            se += d * d;
        }
    }
    let mse = se / (a_rgb.len() as f64);
    if mse == 0.0 { f64::INFINITY } else { 10.0 * (255.0f64 * 255.0 / mse).log10() }
}

fn to_rgba(rgb: &[u8]) -> Vec<u8> {
    rgb.chunks_exact(3).flat_map(|p| [p[0], p[1], p[2], 255]).collect()
}

/// Decoded frames at the given indexes, as RGB.
fn frames_at(mp4: &[u8], wanted: &[u32]) -> Vec<Vec<u8>> {
    let mut out = vec![Vec::new(); wanted.len()];
    let last = *wanted.iter().max().unwrap();
    kino_media::decode_video(mp4, |i, rgb, _, _| {
        if let Some(k) = wanted.iter().position(|&w| w == i) {
            out[k] = rgb.to_vec();
        }
        i < last
    })
    .unwrap();
    out
}

async fn post_multipart(app: &TestApp, path: &str, form: Form) -> reqwest::Response {
    app.client.post(app.url(path)).header("authorization", KEY).multipart(form).send().await.expect("request")
}

async fn content(app: &TestApp, id: &str) -> Vec<u8> {
    let resp = app.get(&format!("/v1/videos/{id}/content")).await;
    assert_eq!(resp.status(), 200);
    resp.bytes().await.unwrap().to_vec()
}

async fn completed(app: &TestApp, id: &str) -> Value {
    let v = app.wait_for(id, Duration::from_secs(180), |v| v["status"] == "completed" || v["status"] == "failed").await;
    assert_eq!(v["status"], "completed", "{v}");
    v
}

fn id_of(v: &Value) -> String {
    v["id"].as_str().unwrap().to_string()
}

#[tokio::test]
async fn an_uploaded_reference_is_the_first_frame_and_the_clip_moves_on_from_it() {
    let app = TestApp::start().await;
    let rgba = reference_rgba(W, H);
    let png = encode_image(&rgba, W, H, image::ImageFormat::Png);
    let form = Form::new()
        .text("prompt", "a red kite drifts over the hills")
        .text("size", "720x1280")
        .part("input_reference", Part::bytes(png).file_name("ref.png").mime_str("image/png").unwrap());
    let resp = post_multipart(&app, "/v1/videos", form).await;
    assert_eq!(resp.status(), 200);
    let v: Value = resp.json().await.unwrap();
    completed(&app, &id_of(&v)).await;
    let mp4 = content(&app, &id_of(&v)).await;
    let f = frames_at(&mp4, &[0, 90]);
    let first = psnr(&f[0], &rgba);
    assert!(first >= 30.0, "first frame PSNR {first:.1} dB");
    let later = psnr(&f[1], &rgba);
    assert!(later < first - 3.0, "frame 90 should have moved on: {later:.1} vs {first:.1} dB");
}

#[tokio::test]
async fn file_id_and_data_url_references_work_and_bad_images_are_refused() {
    let app = TestApp::start().await;
    let rgba = reference_rgba(1280, 720);
    let jpeg = encode_image(&rgba, 1280, 720, image::ImageFormat::Jpeg);
    let webp = encode_image(&rgba, 1280, 720, image::ImageFormat::WebP);

    // By file id (JSON form).
    let form = Form::new().text("purpose", "vision").part("file", Part::bytes(jpeg.clone()).file_name("ref.jpg"));
    let file: Value = post_multipart(&app, "/v1/files", form).await.json().await.unwrap();
    let by_file = app
        .create(json!({"prompt": "a calm lake", "size": "1280x720", "input_reference": {"file_id": file["id"]}}))
        .await;
    // By data: URL.
    use base64::Engine as _;
    let data_url = format!("data:image/webp;base64,{}", base64::engine::general_purpose::STANDARD.encode(&webp));
    let by_url = app
        .create(json!({"prompt": "a calm lake", "size": "1280x720", "input_reference": {"image_url": data_url}}))
        .await;
    for v in [&by_file, &by_url] {
        completed(&app, &id_of(v)).await;
        let f = frames_at(&content(&app, &id_of(v)).await, &[0]);
        assert!(psnr(&f[0], &rgba) >= 30.0);
    }

    // Wrong size: OpenAI's own message, no param or code.
    let e = error_of(
        app.post_json(
            "/v1/videos",
            &json!({"prompt": "p", "size": "720x1280", "input_reference": {"file_id": file["id"]}}),
        )
        .await,
        400,
    )
    .await;
    assert_eq!(e["message"], "Inpaint image must match the requested width and height");
    assert!(e["param"].is_null() && e["code"].is_null());

    // Truncated, not an image, a bomb header, an unknown file, a private URL.
    let mut bomb = encode_image(&reference_rgba(16, 16), 16, 16, image::ImageFormat::Png);
    bomb[16..20].copy_from_slice(&100_000u32.to_be_bytes());
    bomb[20..24].copy_from_slice(&100_000u32.to_be_bytes());
    for bad in [jpeg[..jpeg.len() / 2].to_vec(), b"GIF89a not really".to_vec(), bomb] {
        let form = Form::new()
            .text("prompt", "p")
            .text("size", "1280x720")
            .part("input_reference", Part::bytes(bad).file_name("x.png"));
        let e = error_of(post_multipart(&app, "/v1/videos", form).await, 400).await;
        assert_eq!(e["param"], "input_reference", "{e}");
    }
    let e = error_of(
        app.post_json(
            "/v1/videos",
            &json!({"prompt": "p", "input_reference": {"file_id": "file-000000000000000000000000"}}),
        )
        .await,
        404,
    )
    .await;
    assert_eq!(e["param"], "input_reference.file_id");
    for url in [
        "http://127.0.0.1:9/x.png",
        "http://169.254.169.254/latest/meta-data",
        "http://[::1]/x.png",
        "file:///etc/passwd",
    ] {
        let e = error_of(
            app.post_json("/v1/videos", &json!({"prompt": "p", "input_reference": {"image_url": url}})).await,
            400,
        )
        .await;
        assert_eq!(e["param"], "input_reference.image_url", "{url}: {e}");
    }
}

#[tokio::test]
async fn an_allow_listed_image_url_is_fetched() {
    let rgba = reference_rgba(W, H);
    let png = encode_image(&rgba, W, H, image::ImageFormat::Png);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let router = axum::Router::new().route(
        "/ref.png",
        axum::routing::get(move || {
            let png = png.clone();
            async move { ([("content-type", "image/png")], png) }
        }),
    );
    tokio::spawn(async move { axum::serve(listener, router).await });
    let app =
        TestApp::start_with(|c| c.fetch.allow = vec!["127.0.0.1/32".parse().unwrap()], ModelRegistry::builtin()).await;
    let v = app
        .create(json!({"prompt": "a quiet street", "input_reference": {"image_url": format!("http://{addr}/ref.png")}}))
        .await;
    completed(&app, &id_of(&v)).await;
    let f = frames_at(&content(&app, &id_of(&v)).await, &[0]);
    assert!(psnr(&f[0], &rgba) >= 30.0);
}

#[tokio::test]
async fn remix_and_edit_by_id_name_their_source_and_change_the_picture() {
    let app = TestApp::start().await;
    let src = app.create(json!({"prompt": "a green monster walks through a forest", "seconds": "4"})).await;
    let src_id = id_of(&src);

    // The source is not completed yet: 400.
    let e =
        error_of(app.post_json(&format!("/v1/videos/{src_id}/remix"), &json!({"prompt": "make it night"})).await, 400)
            .await;
    assert!(e["message"].as_str().unwrap().contains("not completed"), "{e}");
    completed(&app, &src_id).await;

    let remix = app.post_json(&format!("/v1/videos/{src_id}/remix"), &json!({"prompt": "make it night"})).await;
    assert_eq!(remix.status(), 200);
    let remix: Value = remix.json().await.unwrap();
    assert_eq!(remix["remixed_from_video_id"], src_id.as_str());
    assert_eq!(
        (remix["size"].clone(), remix["seconds"].clone(), remix["model"].clone()),
        (src["size"].clone(), src["seconds"].clone(), src["model"].clone())
    );
    assert_eq!(remix["status"], "queued");

    let edit = app
        .post_json(
            "/v1/videos/edits",
            &json!({"video": {"id": src_id}, "prompt": "change the colour of the monster to orange"}),
        )
        .await;
    assert_eq!(edit.status(), 200);
    let edit: Value = edit.json().await.unwrap();
    assert_eq!(edit["remixed_from_video_id"], src_id.as_str());

    completed(&app, &id_of(&remix)).await;
    completed(&app, &id_of(&edit)).await;
    let s = frames_at(&content(&app, &src_id).await, &[48]);
    let night = frames_at(&content(&app, &id_of(&remix)).await, &[48]);
    let orange = frames_at(&content(&app, &id_of(&edit)).await, &[48]);
    let mean = |f: &[u8]| f.iter().map(|&b| f64::from(b)).sum::<f64>() / f.len() as f64;
    assert!(mean(&night[0]) < mean(&s[0]) - 10.0, "night is darker: {} vs {}", mean(&night[0]), mean(&s[0]));
    // The colour edit keeps most of the picture and changes some of it.
    let p = psnr(&orange[0], &to_rgba(&s[0]));
    assert!(p > 18.0 && p < 45.0, "colour edit PSNR against the source {p:.1} dB");

    // Unknown and malformed sources.
    error_of(app.post_json("/v1/videos/edits", &json!({"video": {"id": "video_nope"}, "prompt": "x"})).await, 404)
        .await;
    let e = error_of(app.post_json("/v1/videos/edits", &json!({"video": "video_x", "prompt": "x"})).await, 400).await;
    assert_eq!(e["code"], "invalid_type");
    let e = error_of(app.post_json("/v1/videos/edits", &json!({"prompt": "x"})).await, 400).await;
    assert_eq!(e["param"], "video");
    let e = error_of(app.post_json("/v1/videos/edits", &json!({"video": {"id": src_id}})).await, 400).await;
    assert_eq!(e["param"], "prompt");
}

#[tokio::test]
async fn an_uploaded_clip_is_edited_from_its_pixels_and_a_broken_one_is_refused() {
    let app = TestApp::start().await;
    let src = app.create(json!({"prompt": "a white lighthouse on a sunny coast", "size": "1280x720"})).await;
    completed(&app, &id_of(&src)).await;
    let mp4 = content(&app, &id_of(&src)).await;

    let form = Form::new()
        .text("prompt", "make it night")
        .text("model", "sora-2")
        .part("video", Part::bytes(mp4.clone()).file_name("clip.mp4").mime_str("video/mp4").unwrap());
    let resp = post_multipart(&app, "/v1/videos/edits", form).await;
    assert_eq!(resp.status(), 200);
    let edit: Value = resp.json().await.unwrap();
    assert!(edit["remixed_from_video_id"].is_null());
    assert_eq!((edit["size"].as_str(), edit["seconds"].as_str()), (Some("1280x720"), Some("4")));
    completed(&app, &id_of(&edit)).await;
    let a = frames_at(&mp4, &[30]);
    let b = frames_at(&content(&app, &id_of(&edit)).await, &[30]);
    let mean = |f: &[u8]| f.iter().map(|&b| f64::from(b)).sum::<f64>() / f.len() as f64;
    assert!(mean(&b[0]) < mean(&a[0]) - 10.0, "graded darker");

    for (bad, what) in [(b"not a video at all".to_vec(), "garbage"), (mp4[..mp4.len() / 3].to_vec(), "truncated")] {
        let form = Form::new().text("prompt", "x").part("video", Part::bytes(bad).file_name("v.mp4"));
        let e = error_of(post_multipart(&app, "/v1/videos/edits", form).await, 400).await;
        assert_eq!(e["param"], "video", "{what}: {e}");
    }
}

#[tokio::test]
async fn an_extension_stitches_the_source_and_continues_from_its_last_frame() {
    let app = TestApp::start().await;
    let src =
        app.create(json!({"prompt": "a yellow taxi drives down a city street at dusk", "size": "1280x720"})).await;
    let src_id = id_of(&src);
    completed(&app, &src_id).await;

    let e = error_of(
        app.post_json("/v1/videos/extensions", &json!({"video": {"id": src_id}, "prompt": "it starts to rain", "seconds": "4", "characters": [{"id": "char_x"}]})).await,
        400,
    )
    .await;
    assert_eq!(e["param"], "characters");
    let e = error_of(
        app.post_json("/v1/videos/extensions", &json!({"video": {"id": src_id}, "prompt": "rain"})).await,
        400,
    )
    .await;
    assert_eq!(e["param"], "seconds");

    let ext = app
        .post_json(
            "/v1/videos/extensions",
            &json!({"video": {"id": src_id}, "prompt": "it starts to rain", "seconds": "4"}),
        )
        .await;
    assert_eq!(ext.status(), 200);
    let ext: Value = ext.json().await.unwrap();
    assert_eq!(ext["seconds"], "8", "the stitched total");
    assert_eq!(ext["remixed_from_video_id"], src_id.as_str());
    completed(&app, &id_of(&ext)).await;

    let src_mp4 = content(&app, &src_id).await;
    let ext_mp4 = content(&app, &id_of(&ext)).await;
    let info = kino_media::probe_mp4(&ext_mp4).unwrap();
    assert_eq!(info.video_frames, 192);
    assert!((info.duration_seconds - 8.0).abs() < 0.1, "{}", info.duration_seconds);
    let s = frames_at(&src_mp4, &[10, 95]);
    let e = frames_at(&ext_mp4, &[10, 95, 96, 97, 180]);
    assert!(psnr(&e[0], &to_rgba(&s[0])) >= 30.0, "the head is the source");
    let seam = psnr(&e[2], &to_rgba(&s[1]));
    assert!(seam >= 28.0, "first new frame continues the source's last: {seam:.1} dB");
    assert!(psnr(&e[3], &to_rgba(&e[2])) >= 25.0, "and the next follows smoothly");
    assert!(psnr(&e[4], &to_rgba(&s[1])) < seam - 3.0, "the new segment moves on");

    // Limits: a seventh extension, and more than 120 s in all.
    let db =
        sqlx::SqlitePool::connect(&format!("sqlite://{}", app.dir.path().join("kino.sqlite").display())).await.unwrap();
    sqlx::query("UPDATE videos SET extensions = 6 WHERE id = ?").bind(id_of(&ext)).execute(&db).await.unwrap();
    let e = error_of(
        app.post_json(
            "/v1/videos/extensions",
            &json!({"video": {"id": id_of(&ext)}, "prompt": "more", "seconds": "4"}),
        )
        .await,
        400,
    )
    .await;
    assert!(e["message"].as_str().unwrap().contains("at most 6"), "{e}");
    sqlx::query("UPDATE videos SET extensions = 1, seconds = '112' WHERE id = ?")
        .bind(id_of(&ext))
        .execute(&db)
        .await
        .unwrap();
    let e = error_of(
        app.post_json(
            "/v1/videos/extensions",
            &json!({"video": {"id": id_of(&ext)}, "prompt": "more", "seconds": "12"}),
        )
        .await,
        400,
    )
    .await;
    assert_eq!(e["param"], "seconds", "{e}");
}

#[tokio::test]
async fn a_derived_video_renders_after_its_source_is_deleted() {
    let app = TestApp::start().await;
    let src = app.create(json!({"prompt": "a paper boat on a pond"})).await;
    let src_id = id_of(&src);
    completed(&app, &src_id).await;
    let edit = app
        .post_json(
            "/v1/videos/edits",
            &json!({"video": {"id": src_id}, "prompt": "shift the colour palette to teal, sand and rust"}),
        )
        .await;
    assert_eq!(edit.status(), 200);
    let edit: Value = edit.json().await.unwrap();
    assert_eq!(app.delete(&format!("/v1/videos/{src_id}")).await.status(), 200);
    completed(&app, &id_of(&edit)).await;
    assert!(!content(&app, &id_of(&edit)).await.is_empty());
}

#[tokio::test]
async fn characters_are_cut_out_kept_and_cast_by_name() {
    let app = TestApp::start().await;
    let clip = common::subject_clip(app.dir.path(), 640, 360);
    let form = Form::new()
        .text("name", "Mossy")
        .part("video", Part::bytes(clip).file_name("mossy.mp4").mime_str("video/mp4").unwrap());
    let resp = post_multipart(&app, "/v1/videos/characters", form).await;
    assert_eq!(resp.status(), 200);
    let c: Value = resp.json().await.unwrap();
    let mut keys: Vec<&str> = c.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort();
    assert_eq!(keys, ["created_at", "id", "name"]);
    assert_eq!(c["name"], "Mossy");
    let cid = c["id"].as_str().unwrap().to_string();
    let got: Value = app.get(&format!("/v1/videos/characters/{cid}")).await.json().await.unwrap();
    assert_eq!(got, c);
    // Kino's extensions: the project's characters as a list, and the cut-out as a PNG (one
    // frame, transparent around the subject).
    let list: Value = app.get("/v1/videos/characters").await.json().await.unwrap();
    assert_eq!((list["object"].as_str(), list["data"][0].clone()), (Some("list"), c.clone()));
    let resp = app.get(&format!("/v1/videos/characters/{cid}/content")).await;
    assert_eq!(resp.headers()["content-type"], "image/png");
    let png = image::load_from_memory(&resp.bytes().await.unwrap()).unwrap().to_rgba8();
    let clear = png.pixels().filter(|p| p[3] == 0).count();
    let solid = png.pixels().filter(|p| p[3] == 255).count();
    assert!(clear > 0 && solid > 0, "{} transparent, {} opaque of {}x{}", clear, solid, png.width(), png.height());
    assert!(png.height() <= png.width() * 2, "one frame, not the whole strip: {}x{}", png.width(), png.height());

    let prompt = "Mossy walks across a sunny meadow";
    let with = app.create(json!({"prompt": prompt, "seed": 5, "characters": [{"id": cid}]})).await;
    let without = app.create(json!({"prompt": prompt, "seed": 5})).await;
    completed(&app, &id_of(&with)).await;
    completed(&app, &id_of(&without)).await;
    let a = frames_at(&content(&app, &id_of(&with)).await, &[48]);
    let b = frames_at(&content(&app, &id_of(&without)).await, &[48]);
    let magenta = |f: &[u8]| f.chunks_exact(3).filter(|p| p[0] > 170 && p[1] < 90 && p[2] > 150).count();
    assert!(
        magenta(&a[0]) > 500 && magenta(&a[0]) > 10 * magenta(&b[0]).max(1),
        "{} vs {}",
        magenta(&a[0]),
        magenta(&b[0])
    );

    // Bad inputs.
    error_of(app.get("/v1/videos/characters/char_00000000000000000000000000000000").await, 404).await;
    let e = error_of(
        app.post_json(
            "/v1/videos",
            &json!({"prompt": "p", "characters": [{"id": "char_00000000000000000000000000000000"}]}),
        )
        .await,
        404,
    )
    .await;
    assert_eq!(e["param"], "characters");
    let three = json!({"prompt": "p", "characters": [{"id": cid}, {"id": cid}, {"id": cid}]});
    assert_eq!(error_of(app.post_json("/v1/videos", &three).await, 400).await["param"], "characters");
    let form = Form::new()
        .text("name", "Nobody")
        .part("video", Part::bytes(b"\x00\x00\x00\x18ftypmp42 junk".to_vec()).file_name("x.mp4"));
    assert_eq!(error_of(post_multipart(&app, "/v1/videos/characters", form).await, 400).await["param"], "video");
    let panorama = common::subject_clip(app.dir.path(), 960, 160);
    let form = Form::new().text("name", "Wide").part("video", Part::bytes(panorama).file_name("wide.mp4"));
    let e = error_of(post_multipart(&app, "/v1/videos/characters", form).await, 400).await;
    assert!(e["message"].as_str().unwrap().contains("16:9 or 9:16"), "{e}");
    let form = Form::new().part("video", Part::bytes(vec![1, 2, 3]).file_name("x.mp4"));
    assert_eq!(error_of(post_multipart(&app, "/v1/videos/characters", form).await, 400).await["param"], "name");
}
