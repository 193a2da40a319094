//! The Files API end to end, in-process: streamed upload → retrieve → list → content →
//! delete, expiry, validation, the size cap, and that rejected uploads leave no bytes behind.

use std::path::Path;
use std::time::{Duration, Instant};

use crate::common::{KEY, TestApp, error_of};
use kino::ModelRegistry;
use kino::repo::FileRow;
use kino::storage::file_key;
use rand::RngCore;
use reqwest::multipart::{Form, Part};
use serde_json::{Value, json};

const FILE_FIELDS: [&str; 9] =
    ["bytes", "created_at", "expires_at", "filename", "id", "object", "purpose", "status", "status_details"];
const THIRTY_DAYS: i64 = 30 * 24 * 3600;

fn random_bytes(n: usize) -> Vec<u8> {
    let mut buf = vec![0u8; n];
    rand::rng().fill_bytes(&mut buf);
    buf
}

fn file_part(data: Vec<u8>, name: &str) -> Part {
    Part::bytes(data).file_name(name.to_string())
}

async fn upload(app: &TestApp, form: Form) -> reqwest::Response {
    app.client.post(app.url("/v1/files")).header("authorization", KEY).multipart(form).send().await.expect("request")
}

/// Upload and return the file object (asserting 200).
async fn upload_ok(app: &TestApp, data: Vec<u8>, name: &str, purpose: &str) -> Value {
    let form = Form::new().text("purpose", purpose.to_string()).part("file", file_part(data, name));
    let resp = upload(app, form).await;
    assert_eq!(resp.status(), 200, "upload {name}");
    resp.json().await.expect("json")
}

fn assert_file_shape(f: &Value) {
    let mut keys: Vec<&str> = f.as_object().expect("object").keys().map(String::as_str).collect();
    keys.sort();
    assert_eq!(keys, FILE_FIELDS, "exactly the OpenAIFile fields: {f}");
    assert_eq!(f["object"], "file");
    assert_eq!(f["status"], "processed");
    assert!(f["status_details"].is_null());
    let id = f["id"].as_str().unwrap();
    assert!(id.starts_with("file-") && id[5..].bytes().all(|b| b.is_ascii_alphanumeric()), "{id}");
    assert!(f["created_at"].is_i64());
}

/// Every regular file under the blob store (partial uploads included).
fn blobs(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.join("blobs")];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push(path.strip_prefix(dir).unwrap().display().to_string());
            }
        }
    }
    out.sort();
    out
}

#[tokio::test]
async fn upload_retrieve_download_delete() {
    let app = TestApp::start().await;
    // 3 MB crosses every chunk boundary: the request body's, multer's and the store's parts.
    let data = random_bytes(3_000_000);
    let created = upload_ok(&app, data.clone(), "clip-notes.bin", "user_data").await;
    assert_file_shape(&created);
    assert_eq!(created["bytes"], 3_000_000);
    assert_eq!(created["filename"], "clip-notes.bin");
    assert_eq!(created["purpose"], "user_data");
    assert!(created["expires_at"].is_null(), "only batch files expire by default");
    let id = created["id"].as_str().unwrap().to_string();
    assert_eq!(blobs(app.dir.path()), vec![format!("blobs/files/{id}")]);

    let got: Value = app.get(&format!("/v1/files/{id}")).await.json().await.unwrap();
    assert_eq!(got, created);

    let resp = app.get(&format!("/v1/files/{id}/content")).await;
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.headers()["content-type"], "application/octet-stream");
    assert_eq!(resp.headers()["content-length"], "3000000");
    assert!(resp.bytes().await.unwrap() == data, "content is the uploaded bytes");

    let resp = app.delete(&format!("/v1/files/{id}")).await;
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.json::<Value>().await.unwrap(), json!({"id": id, "object": "file", "deleted": true}));
    assert!(blobs(app.dir.path()).is_empty(), "delete removes the bytes");
    for path in [format!("/v1/files/{id}"), format!("/v1/files/{id}/content")] {
        let err = error_of(app.get(&path).await, 404).await;
        assert_eq!(err["message"], format!("No such File object: {id}"));
        assert_eq!((err["param"].as_str(), err["code"].as_str()), (Some("id"), None));
    }
    error_of(app.delete(&format!("/v1/files/{id}")).await, 404).await;
    let list: Value = app.get("/v1/files").await.json().await.unwrap();
    assert_eq!(list, json!({"object": "list", "data": [], "first_id": null, "last_id": null, "has_more": false}));
    app.stop().await;
}

#[tokio::test]
async fn list_filters_by_purpose_and_pages_in_both_orders() {
    let app = TestApp::start().await;
    let mut ids = Vec::new();
    let mut vision = Vec::new();
    for i in 0..7 {
        let purpose = if i % 2 == 0 { "vision" } else { "assistants" };
        let f = upload_ok(&app, format!("file {i}").into_bytes(), &format!("f{i}.txt"), purpose).await;
        let id = f["id"].as_str().unwrap().to_string();
        if purpose == "vision" {
            vision.push(id.clone());
        }
        ids.push(id);
    }
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(sorted, ids, "ids sort in creation order");

    for (order, expected) in [("asc", ids.clone()), ("desc", ids.iter().rev().cloned().collect())] {
        let mut seen = Vec::new();
        let mut after: Option<String> = None;
        loop {
            let mut path = format!("/v1/files?limit=3&order={order}");
            if let Some(a) = &after {
                path.push_str(&format!("&after={a}"));
            }
            let page: Value = app.get(&path).await.json().await.unwrap();
            let data = page["data"].as_array().unwrap();
            assert!(!data.is_empty() && data.len() <= 3, "{page}");
            assert_eq!(page["object"], "list");
            assert_eq!(page["first_id"], data[0]["id"]);
            assert_eq!(page["last_id"], data[data.len() - 1]["id"]);
            data.iter().for_each(assert_file_shape);
            seen.extend(data.iter().map(|f| f["id"].as_str().unwrap().to_string()));
            if !page["has_more"].as_bool().unwrap() {
                break;
            }
            after = page["last_id"].as_str().map(str::to_string);
        }
        assert_eq!(seen, expected, "order {order}");
    }

    // Defaults: newest first, everything on one page.
    let page: Value = app.get("/v1/files").await.json().await.unwrap();
    let all: Vec<&str> = page["data"].as_array().unwrap().iter().map(|f| f["id"].as_str().unwrap()).collect();
    assert_eq!(all, ids.iter().rev().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(page["has_more"], false);

    let page: Value = app.get("/v1/files?purpose=vision&order=asc&limit=2").await.json().await.unwrap();
    let got: Vec<&str> = page["data"].as_array().unwrap().iter().map(|f| f["id"].as_str().unwrap()).collect();
    assert_eq!(got, vision[..2].iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(page["has_more"], true);
    let page: Value =
        app.get(&format!("/v1/files?purpose=vision&order=asc&after={}", vision[1])).await.json().await.unwrap();
    let got: Vec<&str> = page["data"].as_array().unwrap().iter().map(|f| f["id"].as_str().unwrap()).collect();
    assert_eq!(got, vision[2..].iter().map(String::as_str).collect::<Vec<_>>());
    assert!(page["data"].as_array().unwrap().iter().all(|f| f["purpose"] == "vision"));
    let page: Value = app.get("/v1/files?purpose=batch").await.json().await.unwrap();
    assert_eq!(page["data"], json!([]));

    for (query, param) in [
        ("limit=0", "limit"),
        ("limit=10001", "limit"),
        ("order=sideways", "order"),
        ("after=file-nope", "after"),
        ("purpose=pictures", "purpose"),
    ] {
        let err = error_of(app.get(&format!("/v1/files?{query}")).await, 400).await;
        assert_eq!(err["param"], param, "{query}");
    }
    app.stop().await;
}

#[tokio::test]
async fn expiry_defaults_and_explicit_expires_after() {
    let app = TestApp::start().await;
    let batch = upload_ok(&app, b"{\"custom_id\":\"a\"}\n".to_vec(), "input.jsonl", "batch").await;
    let created = batch["created_at"].as_i64().unwrap();
    assert_eq!(batch["expires_at"].as_i64(), Some(created + THIRTY_DAYS), "batch files expire after 30 days");
    let resp = app.get(&format!("/v1/files/{}/content", batch["id"].as_str().unwrap())).await;
    assert_eq!(resp.headers()["content-type"], "application/jsonl");

    // The SDKs' wire form for `expires_after={"anchor": "created_at", "seconds": 3600}`.
    for purpose in ["vision", "batch"] {
        let form = Form::new()
            .part("file", file_part(b"x".to_vec(), "x.png"))
            .text("purpose", purpose)
            .text("expires_after[anchor]", "created_at")
            .text("expires_after[seconds]", "3600");
        let f: Value = upload(&app, form).await.json().await.unwrap();
        assert_file_shape(&f);
        assert_eq!(f["expires_at"].as_i64(), Some(f["created_at"].as_i64().unwrap() + 3600), "{purpose}");
    }
    app.stop().await;
}

#[tokio::test]
async fn invalid_uploads_name_their_param_and_leave_no_bytes() {
    let app = TestApp::start().await;
    let with = |fields: &[(&str, &str)], file_first: bool| {
        let mut form = Form::new();
        if file_first {
            form = form.part("file", file_part(random_bytes(200_000), "a.bin"));
        }
        for (k, v) in fields {
            form = form.text(k.to_string(), v.to_string());
        }
        form
    };
    fn anchor<'a>(a: &'a str, s: &'a str) -> [(&'a str, &'a str); 3] {
        [("purpose", "vision"), ("expires_after[anchor]", a), ("expires_after[seconds]", s)]
    }
    let cases: Vec<(Form, &str, &str)> = vec![
        (with(&[("purpose", "pictures")], true), "purpose", "invalid_value"),
        (with(&[("purpose", "batch_output")], true), "purpose", "invalid_value"),
        (with(&[("purpose", "vision")], false), "file", "missing_required_parameter"),
        (with(&[], true), "purpose", "missing_required_parameter"),
        (with(&anchor("created_at", "3599"), true), "expires_after.seconds", "integer_below_min_value"),
        (with(&anchor("created_at", "2592001"), true), "expires_after.seconds", "integer_above_max_value"),
        (with(&anchor("created_at", "soon"), true), "expires_after.seconds", "invalid_type"),
        (with(&anchor("last_active_at", "3600"), true), "expires_after.anchor", "invalid_value"),
        (
            with(&[("purpose", "vision"), ("expires_after[seconds]", "3600")], true),
            "expires_after.anchor",
            "missing_required_parameter",
        ),
        (with(&[("purpose", "vision"), ("model", "sora-2")], true), "model", "unknown_parameter"),
        (with(&[("purpose", "vision"), ("file", "not a file")], false), "file", "invalid_type"),
    ];
    for (i, (form, param, code)) in cases.into_iter().enumerate() {
        let err = error_of(upload(&app, form).await, 400).await;
        assert_eq!((err["param"].as_str(), err["code"].as_str()), (Some(param), Some(code)), "case {i}: {err}");
        assert!(blobs(app.dir.path()).is_empty(), "case {i} left bytes behind: {:?}", blobs(app.dir.path()));
    }
    // A purpose sent before the file is refused before the file is read.
    let form = Form::new().text("purpose", "pictures").part("file", file_part(random_bytes(1000), "a.bin"));
    assert_eq!(error_of(upload(&app, form).await, 400).await["param"], "purpose");

    // Not multipart at all.
    let resp = app.post_json("/v1/files", &json!({"purpose": "vision"})).await;
    assert_eq!(error_of(resp, 400).await["code"], "unsupported_content_type");
    let resp = app
        .client
        .post(app.url("/v1/files"))
        .header("authorization", KEY)
        .header("content-type", "multipart/form-data; boundary=xyz")
        .body("this is not multipart")
        .send()
        .await
        .unwrap();
    error_of(resp, 400).await;
    assert!(blobs(app.dir.path()).is_empty());
    let list: Value = app.get("/v1/files").await.json().await.unwrap();
    assert_eq!(list["data"], json!([]), "no rows for refused uploads");
    app.stop().await;
}

#[tokio::test]
async fn uploads_over_the_cap_get_413_and_leave_no_bytes() {
    let app = TestApp::start_with(|c| c.server.max_file_mib = 1, ModelRegistry::builtin()).await;
    const MIB: usize = 1024 * 1024;

    // Exactly at the cap is fine.
    let f = upload_ok(&app, random_bytes(MIB), "max.bin", "user_data").await;
    assert_eq!(f["bytes"], MIB);
    let kept = blobs(app.dir.path());
    assert_eq!(kept.len(), 1);

    // One byte over, sent with a length (the body is within the form overhead, so it streams).
    let form = Form::new().text("purpose", "user_data").part("file", file_part(random_bytes(MIB + 1), "over.bin"));
    let err = error_of(upload(&app, form).await, 413).await;
    assert_eq!((err["code"].as_str(), err["param"].as_str()), (Some("request_too_large"), Some("file")));
    assert_eq!(blobs(app.dir.path()), kept, "the partial blob is deleted");

    // Streamed without a length: cut off at the cap.
    let data = random_bytes(3 * MIB);
    let chunks: Vec<Result<Vec<u8>, std::io::Error>> = data.chunks(64 * 1024).map(|c| Ok(c.to_vec())).collect();
    let part = Part::stream(reqwest::Body::wrap_stream(futures::stream::iter(chunks))).file_name("big.bin");
    let form = Form::new().text("purpose", "user_data").part("file", part);
    let err = error_of(upload(&app, form).await, 413).await;
    assert_eq!(err["param"], "file");
    assert_eq!(blobs(app.dir.path()), kept, "the partial blob is deleted");

    // Declared far too large: refused before reading.
    let form = Form::new().text("purpose", "user_data").part("file", file_part(random_bytes(3 * MIB), "big.bin"));
    error_of(upload(&app, form).await, 413).await;
    assert_eq!(blobs(app.dir.path()), kept);
    let list: Value = app.get("/v1/files").await.json().await.unwrap();
    assert_eq!(list["data"].as_array().unwrap().len(), 1);
    app.stop().await;
}

#[tokio::test]
async fn expired_and_foreign_files_are_invisible_and_expired_ones_are_swept() {
    // A short lease makes the sweeper run every few hundred milliseconds.
    let app = TestApp::start_with(|c| c.jobs.lease = Duration::from_secs(1), ModelRegistry::builtin()).await;
    let live = upload_ok(&app, b"live".to_vec(), "live.txt", "user_data").await;
    let now = kino::ids::now_secs();
    let row = |id: String, project: &str, expires_at: Option<i64>| FileRow {
        id,
        project_id: project.to_string(),
        filename: "x.txt".into(),
        purpose: "user_data".into(),
        bytes: 1,
        created_at: now - 7200,
        expires_at,
    };
    let expired = row(kino::ids::file_id(), "proj_default", Some(now - 1));
    let foreign = row(kino::ids::file_id(), "proj_other", None);
    for f in [&expired, &foreign] {
        app.state.storage.put_bytes(&file_key(&f.id), b"x".to_vec()).await.unwrap();
        app.state.repo.create_file(f).await.unwrap();
    }
    for id in [&expired.id, &foreign.id] {
        for path in [format!("/v1/files/{id}"), format!("/v1/files/{id}/content")] {
            let err = error_of(app.get(&path).await, 404).await;
            assert_eq!(err["message"], format!("No such File object: {id}"));
        }
    }
    error_of(app.delete(&format!("/v1/files/{}", foreign.id)).await, 404).await;
    let list: Value = app.get("/v1/files").await.json().await.unwrap();
    let ids: Vec<&str> = list["data"].as_array().unwrap().iter().map(|f| f["id"].as_str().unwrap()).collect();
    assert_eq!(ids, vec![live["id"].as_str().unwrap()]);

    // The sweeper removes the expired row and its bytes; the others stay.
    let start = Instant::now();
    while blobs(app.dir.path()).contains(&format!("blobs/files/{}", expired.id)) {
        assert!(start.elapsed() < Duration::from_secs(20), "expired file not swept");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(app.state.repo.expired_files(kino::ids::now_secs(), 10).await.unwrap().is_empty());
    assert!(app.state.repo.get_file("proj_other", &foreign.id, now).await.unwrap().is_some());
    assert_eq!(blobs(app.dir.path()).len(), 2, "live and foreign bytes stay");
    app.stop().await;
}
