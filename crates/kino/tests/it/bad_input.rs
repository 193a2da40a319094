//! Bad input gets a clear 4xx in OpenAI's envelope, naming the parameter — never a 500,
//! a hang, or unbounded memory.

use crate::common::{KEY, TestApp, error_of};
use serde_json::json;

#[tokio::test]
async fn every_validation_rule_answers_400_with_param_and_code() {
    let app = TestApp::start().await;
    let cases = [
        (json!({}), "prompt", "missing_required_parameter"),
        (json!({"prompt": ""}), "prompt", "string_below_min_length"),
        (json!({"prompt": "x".repeat(32_001)}), "prompt", "string_above_max_length"),
        (json!({"prompt": "p", "seconds": 8}), "seconds", "invalid_type"),
        (json!({"prompt": "p", "seconds": "10"}), "seconds", "invalid_value"),
        (json!({"prompt": "p", "size": "999x999"}), "size", "invalid_value"),
        (json!({"prompt": "p", "size": "1920x1080"}), "size", "invalid_value"),
        (json!({"prompt": "p", "model": "sora-9"}), "model", "invalid_value"),
        (json!({"prompt": "p", "bogus": 1}), "bogus", "unknown_parameter"),
        (json!({"prompt": "p", "input_reference": "https://example.com/a.png"}), "input_reference", "invalid_type"),
        (
            json!({"prompt": "p", "input_reference": {"image_url": "http://10.0.0.1/a.png"}}),
            "input_reference.image_url",
            "image_url_blocked",
        ),
        (
            json!({"prompt": "p", "input_reference": {"image_url": "data:image/png;base64,!!"}}),
            "input_reference.image_url",
            "invalid_image_url",
        ),
        (json!({"prompt": "p", "characters": [{"id": "a"}, {"id": "b"}, {"id": "c"}]}), "characters", "invalid_value"),
    ];
    for (body, param, code) in cases {
        let err = error_of(app.post_json("/v1/videos", &body).await, 400).await;
        assert_eq!(err["param"], param, "{body}");
        assert_eq!(err["code"], code, "{body}");
        assert_eq!(err["type"], "invalid_request_error");
    }
    let err = error_of(
        app.post_json("/v1/videos", &json!({"prompt": "p", "characters": [{"id": "char_missing"}]})).await,
        404,
    )
    .await;
    assert_eq!(err["param"], "characters");
    app.stop().await;
}

#[tokio::test]
async fn multipart_is_parsed_like_the_sdks_send_it() {
    let app = TestApp::start().await;
    let form = reqwest::multipart::Form::new()
        .text("prompt", "a lighthouse")
        .text("model", "sora-2-pro")
        .text("size", "1792x1024")
        .text("seconds", "8");
    let resp =
        app.client.post(app.url("/v1/videos")).header("authorization", KEY).multipart(form).send().await.unwrap();
    assert_eq!(resp.status(), 200);
    let v: serde_json::Value = resp.json().await.unwrap();
    assert_eq!(
        (v["model"].as_str(), v["size"].as_str(), v["seconds"].as_str()),
        (Some("sora-2-pro"), Some("1792x1024"), Some("8"))
    );

    // Bracketed nested fields reach validation as objects/arrays.
    let form = reqwest::multipart::Form::new().text("prompt", "p").text("characters[][id]", "char_nope");
    let resp =
        app.client.post(app.url("/v1/videos")).header("authorization", KEY).multipart(form).send().await.unwrap();
    assert_eq!(error_of(resp, 404).await["param"], "characters");
    let form = reqwest::multipart::Form::new().text("prompt", "p").text("seconds", "7");
    let resp =
        app.client.post(app.url("/v1/videos")).header("authorization", KEY).multipart(form).send().await.unwrap();
    assert_eq!(error_of(resp, 400).await["param"], "seconds");
    app.stop().await;
}

#[tokio::test]
async fn auth_is_required_and_checked() {
    let app = TestApp::start().await;
    for header in [None, Some("Basic abc"), Some("Bearer "), Some("Bearer")] {
        let mut req = app.client.get(app.url("/v1/videos"));
        if let Some(h) = header {
            req = req.header("authorization", h);
        }
        let err = error_of(req.send().await.unwrap(), 401).await;
        assert!(err["message"].as_str().unwrap().contains("API key"), "{header:?}: {err}");
    }
    app.stop().await;

    let app =
        TestApp::start_with(|c| c.auth.api_keys = vec!["sk-right-key-123".into()], kino::ModelRegistry::builtin())
            .await;
    let resp =
        app.client.get(app.url("/v1/videos")).header("authorization", "Bearer sk-wrong-key-456").send().await.unwrap();
    let err = error_of(resp, 401).await;
    assert_eq!(err["code"], "invalid_api_key");
    assert!(!err["message"].as_str().unwrap().contains("sk-wrong-key-456"), "keys are never echoed whole");
    let resp =
        app.client.get(app.url("/v1/videos")).header("authorization", "Bearer sk-right-key-123").send().await.unwrap();
    assert_eq!(resp.status(), 200);
    app.stop().await;
}

#[tokio::test]
async fn oversize_malformed_and_unknown_requests() {
    let app = TestApp::start_with(|c| c.server.max_body_mib = 1, kino::ModelRegistry::builtin()).await;
    // Declared too large: refused before reading.
    let big = vec![b'a'; 2 * 1024 * 1024];
    let resp = app
        .client
        .post(app.url("/v1/videos"))
        .header("authorization", KEY)
        .header("content-type", "application/json")
        .body(big.clone())
        .send()
        .await;
    match resp {
        Ok(resp) => assert_eq!(error_of(resp, 413).await["code"], "request_too_large"),
        Err(e) => panic!("expected a 413 answer, got {e}"),
    }
    // Streamed without a length: cut off at the cap.
    let stream =
        futures::stream::iter(big.chunks(64 * 1024).map(|c| Ok::<_, std::io::Error>(c.to_vec())).collect::<Vec<_>>());
    let resp = app
        .client
        .post(app.url("/v1/videos"))
        .header("authorization", KEY)
        .header("content-type", "application/json")
        .body(reqwest::Body::wrap_stream(stream))
        .send()
        .await
        .unwrap();
    error_of(resp, 413).await;

    let resp = app
        .client
        .post(app.url("/v1/videos"))
        .header("authorization", KEY)
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(error_of(resp, 400).await["code"], "invalid_json");
    let resp = app
        .client
        .post(app.url("/v1/videos"))
        .header("authorization", KEY)
        .header("content-type", "multipart/form-data; boundary=zzz")
        .body("--zzz\r\ngarbage")
        .send()
        .await
        .unwrap();
    error_of(resp, 400).await;
    let resp = app
        .client
        .post(app.url("/v1/videos"))
        .header("authorization", KEY)
        .header("content-type", "text/plain")
        .body("prompt=x")
        .send()
        .await
        .unwrap();
    error_of(resp, 400).await;

    error_of(app.get("/v1/videos/video_doesnotexist").await, 404).await;
    error_of(app.get("/v1/nothing-here").await, 404).await;
    let resp = app.client.put(app.url("/v1/videos")).header("authorization", KEY).send().await.unwrap();
    error_of(resp, 405).await;
    for query in ["limit=101", "limit=-1", "limit=abc", "order=sideways"] {
        let err = error_of(app.get(&format!("/v1/videos?{query}")).await, 400).await;
        assert!(err["param"].is_string(), "{query}: {err}");
    }
    let id = app.create_prompt("variant check").await;
    let err = error_of(app.get(&format!("/v1/videos/{id}/content?variant=gif")).await, 400).await;
    assert_eq!(err["param"], "variant");
    app.stop().await;
}

/// Whatever is wrong with a request — a path segment that is not UTF-8, a query that is not
/// one, a header that is not text, a body that is not what its type says — the answer is a
/// 4xx in OpenAI's envelope, on every route (of `/openapi.json`, which a test holds to the
/// router): never the framework's plain text, never a 5xx.
#[tokio::test]
async fn every_rejection_on_every_route_is_the_envelope() {
    let app = TestApp::start().await;
    let doc: serde_json::Value = app.client.get(app.url("/openapi.json")).send().await.unwrap().json().await.unwrap();
    let routes: Vec<(String, String)> = doc["paths"]
        .as_object()
        .unwrap()
        .iter()
        .flat_map(|(path, item)| item.as_object().unwrap().keys().map(move |m| (m.to_uppercase(), path.clone())))
        .collect();
    assert!(routes.len() > 35, "{routes:?}");
    let fill = |path: &str, with: &str| {
        path.split('/').map(|seg| if seg.starts_with('{') { with } else { seg }).collect::<Vec<_>>().join("/")
    };
    let mut checked = 0;
    for (method, template) in &routes {
        let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
        let mut cases: Vec<(String, reqwest::RequestBuilder)> = Vec::new();
        let path = fill(template, "id_x");
        if template.contains('{') {
            let bad = fill(template, "%ff%fe");
            cases.push((
                format!("{method} {bad}"),
                app.client.request(method.clone(), app.url(&bad)).header("authorization", KEY),
            ));
        }
        let query = format!("{path}?limit=%ff&after=%ff%fe&order=%00&x=%");
        cases.push((
            format!("{method} {query}"),
            app.client.request(method.clone(), app.url(&query)).header("authorization", KEY),
        ));
        let header = reqwest::header::HeaderValue::from_bytes(b"Bearer \xff\xfe").unwrap();
        cases.push((
            format!("{method} {path} (non-text key)"),
            app.client.request(method.clone(), app.url(&path)).header("authorization", header),
        ));
        let ctype = reqwest::header::HeaderValue::from_bytes(b"multipart/form-data; boundary=\xff").unwrap();
        cases.push((
            format!("{method} {path} (broken multipart)"),
            app.client
                .request(method.clone(), app.url(&path))
                .header("authorization", KEY)
                .header("content-type", ctype)
                .body(b"--\xff".to_vec()),
        ));
        cases.push((
            format!("{method} {path} (broken JSON)"),
            app.client
                .request(method.clone(), app.url(&path))
                .header("authorization", KEY)
                .header("content-type", "application/json")
                .header("last-event-id", "not-a-number")
                .body("{\"prompt\": "),
        ));
        for (what, req) in cases {
            let resp = req.send().await.unwrap_or_else(|e| panic!("{what}: {e}"));
            let status = resp.status();
            assert!(!status.is_server_error(), "{what}: {status}");
            if status.is_client_error() {
                let ct = resp.headers().get("content-type").map(|v| v.to_str().unwrap().to_string());
                assert_eq!(ct.as_deref(), Some("application/json"), "{what}: {status}");
                let body: serde_json::Value = resp.json().await.unwrap();
                let e = &body["error"];
                assert!(
                    e["message"].as_str().is_some_and(|m| !m.is_empty()) && e["type"].is_string(),
                    "{what}: {body}"
                );
                checked += 1;
            }
        }
    }
    assert!(checked > routes.len() * 2, "only {checked} rejections checked");
    app.stop().await;
}
