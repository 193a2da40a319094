//! `Storage` and the whole server against a real S3-compatible server (moto, MinIO, AWS).
//! Opt-in: runs when `KINO_TEST_S3_ENDPOINT` (e.g. `http://127.0.0.1:5000`) and
//! `KINO_TEST_S3_BUCKET` (an existing bucket) are set, with credentials in the usual AWS_*
//! variables; otherwise every test says it was skipped and passes, except in CI (`CI` set, or
//! `KINO_REQUIRE_SERVICES=1`), where it fails naming the variable. Each test works under its
//! own random key prefix and removes it at the end.

use crate::common;
use std::time::{Duration, Instant};

use crate::common::{KEY, TestApp};
use bytes::Bytes;
use futures::TryStreamExt;
use kino::ModelRegistry;
use kino::config::{S3Location, StorageConfig};
use kino::storage::{Storage, StoreError};
use object_store::aws::{AmazonS3, AmazonS3Builder};
use object_store::path::Path;
use object_store::{ObjectStore, ObjectStoreExt};
use rand::RngCore;
use reqwest::multipart::{Form, Part};
use serde_json::{Value, json};

const MIB: usize = 1024 * 1024;

struct S3Env {
    endpoint: String,
    bucket: String,
    /// This test's own prefix (`test-<random>`) in the bucket.
    prefix: String,
}

/// The S3 server to test against, or `None` (after saying so) when none is configured; in
/// CI a missing one fails the test instead (`common::require`).
fn s3_env() -> Option<S3Env> {
    let endpoint = common::require("S3", "KINO_TEST_S3_ENDPOINT")?;
    let bucket = common::require("S3", "KINO_TEST_S3_BUCKET")?;
    Some(S3Env { endpoint, bucket, prefix: format!("test-{}", random_hex()) })
}

impl S3Env {
    fn location(&self) -> S3Location {
        S3Location { bucket: self.bucket.clone(), prefix: self.prefix.clone() }
    }

    fn storage_config(&self, data_dir: &std::path::Path) -> StorageConfig {
        let mut config = StorageConfig::new(data_dir);
        self.apply(&mut config);
        config
    }

    fn apply(&self, config: &mut StorageConfig) {
        config.object_store = Some(self.location());
        config.s3_endpoint = Some(self.endpoint.clone());
        config.s3_path_style = true;
    }

    /// A plain client on the whole bucket, to see what Kino left there.
    fn raw(&self) -> AmazonS3 {
        AmazonS3Builder::from_env()
            .with_endpoint(&self.endpoint)
            .with_allow_http(true)
            .with_virtual_hosted_style_request(false)
            .with_bucket_name(&self.bucket)
            .build()
            .expect("raw S3 client")
    }

    /// Every key in the bucket under this test's prefix joined with `under`.
    async fn keys(&self, under: &str) -> Vec<String> {
        let prefix = Path::from(format!("{}/{under}", self.prefix));
        let mut keys: Vec<String> =
            self.raw().list(Some(&prefix)).map_ok(|m| m.location.to_string()).try_collect().await.expect("list");
        keys.sort();
        keys
    }

    async fn cleanup(&self) {
        let raw = self.raw();
        let keys: Vec<Path> =
            raw.list(Some(&Path::from(self.prefix.as_str()))).map_ok(|m| m.location).try_collect().await.expect("list");
        for key in keys {
            let _ = raw.delete(&key).await;
        }
    }

    /// Unfinished multipart uploads under this test's prefix, where the server lets us ask
    /// without signing (moto does); `None` when it does not.
    async fn pending_uploads(&self) -> Option<String> {
        let url = format!("{}/{}?uploads&prefix={}/", self.endpoint.trim_end_matches('/'), self.bucket, self.prefix);
        let resp = reqwest::get(url).await.ok()?;
        if !resp.status().is_success() {
            return None;
        }
        let xml = resp.text().await.ok()?;
        Some(
            xml.split("<Upload>")
                .skip(1)
                .map(|u| u.split("</Upload>").next().unwrap_or(""))
                .collect::<Vec<_>>()
                .join("\n"),
        )
    }
}

fn random_hex() -> String {
    let mut b = [0u8; 6];
    rand::rng().fill_bytes(&mut b);
    b.iter().map(|x| format!("{x:02x}")).collect()
}

fn random_bytes(n: usize) -> Vec<u8> {
    let mut buf = vec![0u8; n];
    rand::rng().fill_bytes(&mut buf);
    buf
}

async fn read_all(
    storage: &Storage,
    key: &str,
    range: Option<std::ops::Range<u64>>,
) -> (u64, std::ops::Range<u64>, Vec<u8>) {
    let download = storage.get(key, range).await.expect("get");
    let chunks: Vec<Bytes> = download.stream.try_collect().await.expect("stream");
    (download.size, download.range, chunks.concat())
}

#[tokio::test]
async fn storage_operations_on_s3() {
    let Some(s3) = s3_env() else { return };
    let dir = tempfile::tempdir().unwrap();
    let storage =
        Storage::from_config(&s3.storage_config(dir.path()), &dir.path().join("blobs")).await.expect("S3 storage");
    storage.ping().await.expect("ping");
    assert!(!dir.path().join("blobs").exists(), "no local blobs with S3");

    // put / get / range / size
    storage.put_bytes("a/one.txt", b"hello world".to_vec()).await.unwrap();
    assert_eq!(storage.get_bytes("a/one.txt").await.unwrap(), &b"hello world"[..]);
    assert_eq!(storage.size("a/one.txt").await.unwrap(), 11);
    let (size, range, body) = read_all(&storage, "a/one.txt", Some(6..11)).await;
    assert_eq!((size, range, body.as_slice()), (11, 6..11, &b"world"[..]));
    assert!(matches!(storage.size("a/missing").await, Err(StoreError::NotFound(_))));
    assert!(matches!(storage.get("a/missing", None).await, Err(StoreError::NotFound(_))));
    assert_eq!(s3.keys("a").await, vec![format!("{}/a/one.txt", s3.prefix)], "keys live under the URL's prefix");

    // server-side copy, delete (idempotent)
    storage.copy("a/one.txt", "b/two.txt").await.unwrap();
    assert_eq!(storage.get_bytes("b/two.txt").await.unwrap(), &b"hello world"[..]);
    assert!(matches!(storage.copy("a/missing", "b/x").await, Err(StoreError::NotFound(_))));
    storage.delete("b/two.txt").await.unwrap();
    storage.delete("b/two.txt").await.unwrap();
    assert!(matches!(storage.size("b/two.txt").await, Err(StoreError::NotFound(_))));

    // multipart writer: 9 MiB is two parts (8 MiB + 1 MiB)
    let big = random_bytes(9 * MIB);
    let mut writer = storage.writer("big/blob.bin").await.unwrap();
    for chunk in big.chunks(MIB / 2 + 17) {
        writer.write(Bytes::copy_from_slice(chunk)).await.unwrap();
    }
    assert!(matches!(storage.size("big/blob.bin").await, Err(StoreError::NotFound(_))), "invisible until finished");
    assert_eq!(writer.finish().await.unwrap(), big.len() as u64);
    assert_eq!(storage.size("big/blob.bin").await.unwrap(), big.len() as u64);
    assert!(storage.get_bytes("big/blob.bin").await.unwrap() == big, "multipart bytes round-trip");
    let (_, _, tail) = read_all(&storage, "big/blob.bin", Some(8 * MIB as u64 - 5..8 * MIB as u64 + 5)).await;
    assert_eq!(tail, big[8 * MIB - 5..8 * MIB + 5], "a range across the part boundary");

    // put_file (the renderer's path) and a copy of a multipart object
    let file = dir.path().join("upload.bin");
    let data = random_bytes(10 * MIB + 3);
    std::fs::write(&file, &data).unwrap();
    assert_eq!(storage.put_file("files/f.bin", &file).await.unwrap(), data.len() as u64);
    storage.copy("files/f.bin", "files/g.bin").await.unwrap();
    assert!(storage.get_bytes("files/g.bin").await.unwrap() == data);

    // an empty object through the writer
    let writer = storage.writer("empty/nothing").await.unwrap();
    assert_eq!(writer.finish().await.unwrap(), 0);
    assert_eq!(storage.size("empty/nothing").await.unwrap(), 0);

    // abort (and drop) leave nothing: no object, no unfinished upload
    let mut writer = storage.writer("aborted/blob.bin").await.unwrap();
    writer.write(Bytes::from(random_bytes(9 * MIB))).await.unwrap();
    writer.abort().await.unwrap();
    let mut dropped = storage.writer("aborted/dropped.bin").await.unwrap();
    dropped.write(Bytes::from(random_bytes(9 * MIB))).await.unwrap();
    drop(dropped);
    assert!(s3.keys("aborted").await.is_empty());
    let start = Instant::now();
    loop {
        match s3.pending_uploads().await {
            Some(uploads) if uploads.contains("aborted/") => {
                assert!(start.elapsed() < Duration::from_secs(10), "uploads left unfinished: {uploads}");
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            _ => break,
        }
    }

    // delete_prefix: whole segments only
    storage.put_bytes("v/a/x", b"1".to_vec()).await.unwrap();
    storage.put_bytes("v/a/y/z", b"2".to_vec()).await.unwrap();
    storage.put_bytes("v/ab/x", b"3".to_vec()).await.unwrap();
    assert_eq!(storage.delete_prefix("v/a").await.unwrap(), 2);
    assert_eq!(s3.keys("v").await, vec![format!("{}/v/ab/x", s3.prefix)]);
    assert_eq!(storage.delete_prefix("v/a").await.unwrap(), 0);
    assert_eq!(
        storage.download_url("a/one.txt", "text/plain", "inline").await.unwrap(),
        None,
        "no redirects unless asked"
    );

    s3.cleanup().await;
    assert!(s3.keys("").await.is_empty());
}

#[tokio::test]
async fn start_up_fails_clearly_when_the_bucket_is_not_there() {
    let Some(s3) = s3_env() else { return };
    let dir = tempfile::tempdir().unwrap();
    let blobs = dir.path().join("blobs");

    let mut config = s3.storage_config(dir.path());
    config.object_store =
        Some(S3Location { bucket: format!("no-such-bucket-{}", random_hex()), prefix: String::new() });
    let err = Storage::from_config(&config, &blobs).await.expect_err("a missing bucket is refused").to_string();
    assert!(err.contains("no-such-bucket-"), "{err}");

    // Nothing listens on port 9: refused connections are retried, but start-up gives up after
    // a bounded number of retries (object_store's max_retries), not when a time runs out. The
    // error says which ("… after 10 retries, max_retries: 10, retry_timeout: 180s …").
    let mut config = s3.storage_config(dir.path());
    config.s3_endpoint = Some("http://127.0.0.1:9".into());
    let err = Storage::from_config(&config, &blobs).await.expect_err("an unreachable endpoint is refused").to_string();
    assert!(err.contains(&s3.bucket), "{err}");
    let number_after = |label: &str| -> Option<u32> {
        let rest = err.split_once(label)?.1;
        rest[..rest.find(|c: char| !c.is_ascii_digit()).unwrap_or(rest.len())].parse().ok()
    };
    let (retries, max_retries) = (number_after("after "), number_after("max_retries: "));
    assert!(retries.is_some() && retries == max_retries, "gave up on the retry count: {err}");
}

fn configure(s3: &S3Env, redirect: bool) -> impl FnOnce(&mut kino::Config) + '_ {
    move |config: &mut kino::Config| {
        s3.apply(&mut config.storage);
        config.storage.download_redirect = redirect;
    }
}

async fn completed(app: &TestApp, id: &str) {
    let done = app.wait_terminal(id).await;
    assert_eq!(done["status"], "completed", "{done}");
}

#[tokio::test]
async fn the_server_keeps_videos_and_files_in_the_bucket() {
    let Some(s3) = s3_env() else { return };
    let app = TestApp::start_with(configure(&s3, false), ModelRegistry::builtin()).await;
    let id = app.create_prompt("a red fox runs").await;
    completed(&app, &id).await;

    let resp = app.get(&format!("/v1/videos/{id}/content")).await;
    assert_eq!(resp.status(), 200, "streamed through the API by default");
    assert_eq!(resp.headers()["content-type"], "video/mp4");
    let mp4 = resp.bytes().await.unwrap();
    assert_eq!(&mp4[4..8], b"ftyp");
    kino_media::probe_mp4(&mp4).expect("the MP4 probes");
    let resp = app
        .client
        .get(app.url(&format!("/v1/videos/{id}/content")))
        .header("authorization", KEY)
        .header("range", "bytes=4-11")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 206);
    assert_eq!(resp.bytes().await.unwrap(), mp4.slice(4..12));

    let keys = s3.keys(&format!("videos/{id}")).await;
    for name in ["video.mp4", "thumbnail.webp", "spritesheet.jpg"] {
        assert!(keys.iter().any(|k| k.ends_with(&format!("/{name}"))), "{name} in the bucket: {keys:?}");
    }
    assert!(keys.iter().all(|k| k.starts_with(&format!("{}/videos/{id}/", s3.prefix))), "{keys:?}");
    assert!(!app.dir.path().join("blobs").exists(), "nothing stored locally");

    // A remix copies its source into its own prefix (server-side copy).
    let remix: Value = app
        .post_json(&format!("/v1/videos/{id}/remix"), &json!({"prompt": "make it night"}))
        .await
        .json()
        .await
        .unwrap();
    let remix_id = remix["id"].as_str().expect("remix id").to_string();
    completed(&app, &remix_id).await;
    let remix_keys = s3.keys(&format!("videos/{remix_id}")).await;
    assert!(remix_keys.iter().any(|k| k.contains("/input/")), "the source was copied: {remix_keys:?}");
    assert!(remix_keys.iter().any(|k| k.ends_with("/video.mp4")), "{remix_keys:?}");

    // An uploaded file streams into a multipart upload.
    let data = random_bytes(9 * MIB + 5);
    let form = Form::new().text("purpose", "user_data").part("file", Part::bytes(data.clone()).file_name("big.bin"));
    let resp = app.client.post(app.url("/v1/files")).header("authorization", KEY).multipart(form).send().await.unwrap();
    assert_eq!(resp.status(), 200);
    let file: Value = resp.json().await.unwrap();
    let file_id = file["id"].as_str().unwrap().to_string();
    assert_eq!(s3.keys("files").await, vec![format!("{}/files/{file_id}", s3.prefix)]);
    let got = app.get(&format!("/v1/files/{file_id}/content")).await.bytes().await.unwrap();
    assert!(got == data, "file bytes round-trip");

    // Deleting removes the objects.
    for video in [&id, &remix_id] {
        assert_eq!(app.delete(&format!("/v1/videos/{video}")).await.status(), 200);
        assert!(s3.keys(&format!("videos/{video}")).await.is_empty(), "{video}'s objects are gone");
    }
    assert_eq!(app.delete(&format!("/v1/files/{file_id}")).await.status(), 200);
    assert!(s3.keys("files").await.is_empty());
    app.stop().await;
    s3.cleanup().await;
}

#[tokio::test]
async fn download_redirect_sends_clients_to_a_presigned_url() {
    let Some(s3) = s3_env() else { return };
    let app = TestApp::start_with(configure(&s3, true), ModelRegistry::builtin()).await;
    let id = app.create_prompt("a red fox runs").await;
    completed(&app, &id).await;
    let path = format!("/v1/videos/{id}/content");

    let no_follow = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let resp = no_follow.get(app.url(&path)).header("authorization", KEY).send().await.unwrap();
    assert_eq!(resp.status(), 302);
    assert_eq!(resp.headers()["cache-control"], "no-store");
    let location = resp.headers()["location"].to_str().unwrap().to_string();
    assert!(location.contains("X-Amz-Signature="), "{location}");
    assert!(location.contains("X-Amz-Expires=300"), "default TTL 5m: {location}");
    assert!(location.contains(&format!("/{}/{}/videos/{id}/", s3.bucket, s3.prefix)), "{location}");

    // Clients that follow redirects (reqwest, httpx in the OpenAI SDK, fetch) get the bytes.
    let resp = app.get(&path).await;
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.headers()["content-type"], "video/mp4", "signed response-content-type");
    let mp4 = resp.bytes().await.unwrap();
    assert_eq!(&mp4[4..8], b"ftyp");
    let stored =
        read_all(&app.state.storage, &format!("{}/video.mp4", key_prefix(&keys_of_video(&s3, &id).await)), None)
            .await
            .2;
    assert!(mp4 == stored, "the redirected bytes are the stored ones");

    // The Range header goes along to the store.
    let resp =
        app.client.get(app.url(&path)).header("authorization", KEY).header("range", "bytes=4-11").send().await.unwrap();
    assert_eq!(resp.status(), 206);
    assert_eq!(resp.bytes().await.unwrap(), mp4.slice(4..12));

    let resp = app.get(&format!("{path}?variant=thumbnail")).await;
    assert_eq!(resp.status(), 200);
    let webp = resp.bytes().await.unwrap();
    assert_eq!((&webp[..4], &webp[8..12]), (&b"RIFF"[..], &b"WEBP"[..]));

    // Unknown and unfinished videos still get our JSON 404, not a redirect.
    let resp = no_follow
        .get(app.url("/v1/videos/video_doesnotexist/content"))
        .header("authorization", KEY)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 404);

    assert_eq!(app.delete(&format!("/v1/videos/{id}")).await.status(), 200);
    assert!(s3.keys(&format!("videos/{id}")).await.is_empty());
    app.stop().await;
    s3.cleanup().await;
}

async fn keys_of_video(s3: &S3Env, id: &str) -> Vec<String> {
    s3.keys(&format!("videos/{id}")).await
}

/// `PREFIX/videos/ID/aN/video.mp4` → `videos/ID/aN` (the key Kino uses).
fn key_prefix(keys: &[String]) -> String {
    let key = keys.iter().find(|k| k.ends_with("/video.mp4")).expect("video.mp4 stored");
    let key = key.split_once('/').expect("test prefix").1;
    key.trim_end_matches("/video.mp4").to_string()
}
