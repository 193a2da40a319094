//! `GET /openapi.json`: every route the router serves is in the document (and every
//! documented operation is served), and the `/videos` operations' schemas have OpenAI's
//! shapes: the same fields, required and nullable alike, of the same types.
use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use crate::common::TestApp;

const OPENAI_SPEC: &str = include_str!("../fixtures/openai-videos-spec.json");
const ROUTER_SOURCE: &str = include_str!("../../src/api/mod.rs");
const METHODS: [&str; 5] = ["get", "post", "delete", "put", "patch"];

async fn document(app: &TestApp) -> Value {
    let resp = app.client.get(app.url("/openapi.json")).send().await.unwrap();
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.headers()["content-type"], "application/json");
    resp.json().await.unwrap()
}

/// The paths the router is given (`.route(PATH, …)`), read from its source: a route added
/// without a documented handler fails here.
fn router_paths() -> BTreeSet<String> {
    let consts: BTreeMap<&str, &str> = ROUTER_SOURCE
        .lines()
        .filter_map(|l| l.trim().strip_prefix("pub const "))
        .filter_map(|l| {
            let (name, rest) = l.split_once(": &str = \"")?;
            Some((name, rest.strip_suffix("\";")?))
        })
        .collect();
    let mut paths = BTreeSet::new();
    for part in ROUTER_SOURCE.split(".route(").skip(1) {
        let arg = part.split(',').next().unwrap().trim();
        let path = match arg.strip_prefix('"') {
            Some(literal) => literal.trim_end_matches('"'),
            None => consts.get(arg).unwrap_or_else(|| panic!("route constant {arg} not found")),
        };
        paths.insert(path.to_string());
    }
    assert!(paths.len() >= 25, "{paths:?}");
    paths
}

#[tokio::test]
async fn every_route_is_documented_and_every_documented_operation_is_served() {
    let app = TestApp::start().await;
    let doc = document(&app).await;
    assert_eq!(doc["openapi"], "3.1.0");
    let documented: BTreeSet<String> = doc["paths"].as_object().unwrap().keys().cloned().collect();
    let missing: Vec<_> = router_paths().difference(&documented).cloned().collect();
    assert!(missing.is_empty(), "routes missing from /openapi.json: {missing:?}");

    // Method by method: a documented operation is served, an undocumented one is a 405.
    for (path, item) in doc["paths"].as_object().unwrap() {
        let url = path.split('/').map(|s| if s.starts_with('{') { "x" } else { s }).collect::<Vec<_>>().join("/");
        for method in METHODS {
            let resp = app
                .client
                .request(reqwest::Method::from_bytes(method.to_uppercase().as_bytes()).unwrap(), app.url(&url))
                .header("authorization", crate::common::KEY)
                .send()
                .await
                .unwrap();
            let status = resp.status().as_u16();
            let code =
                if status >= 400 { resp.json::<Value>().await.unwrap()["error"]["code"].clone() } else { Value::Null };
            if item.get(method).is_some() {
                assert!(status != 405 && code != "unknown_url", "{method} {path} is documented but answers {status}");
            } else {
                assert_eq!(status, 405, "{method} {path} is served but not documented");
            }
        }
    }
    app.stop().await;
}

/// A schema reduced to what a client depends on: for an object its fields (each with its
/// shape) and which are required; else its types; and whether `null` is allowed.
#[derive(Debug, Clone, PartialEq)]
struct Shape {
    types: BTreeSet<&'static str>,
    nullable: bool,
    fields: BTreeMap<String, Shape>,
    required: BTreeSet<String>,
}

fn resolve<'a>(doc: &'a Value, schema: &'a Value) -> &'a Value {
    match schema.get("$ref").and_then(Value::as_str) {
        Some(r) => {
            let name = r.rsplit('/').next().unwrap();
            resolve(doc, &doc["components"]["schemas"][name])
        }
        None => schema,
    }
}

fn shape(doc: &Value, schema: &Value, depth: u32) -> Shape {
    let schema = resolve(doc, schema);
    let mut out = Shape { types: BTreeSet::new(), nullable: false, fields: BTreeMap::new(), required: BTreeSet::new() };
    let variants = schema.get("anyOf").or(schema.get("oneOf")).and_then(Value::as_array);
    if let Some(variants) = variants {
        for v in variants {
            let s = shape(doc, v, depth);
            out.nullable |= s.nullable;
            out.types.extend(s.types);
            out.fields.extend(s.fields);
            out.required.extend(s.required);
        }
        return out;
    }
    if let Some(all) = schema.get("allOf").and_then(Value::as_array) {
        return shape(doc, &all[0], depth);
    }
    let types: Vec<&str> = match &schema["type"] {
        Value::String(t) => vec![t.as_str()],
        Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
        _ if schema.get("properties").is_some() => vec!["object"],
        _ if schema.get("enum").is_some() => vec!["string"],
        _ => vec![],
    };
    for t in types {
        let t = match (t, schema["format"].as_str()) {
            ("string", Some("binary")) => "binary",
            ("number", _) => "integer", // a client reads both as a number
            ("null", _) => {
                out.nullable = true;
                continue;
            }
            (t, _) => match t {
                "string" => "string",
                "integer" => "integer",
                "boolean" => "boolean",
                "array" => "array",
                "object" => "object",
                other => panic!("unexpected type {other}"),
            },
        };
        out.types.insert(t);
    }
    if depth > 0
        && let Some(props) = schema.get("properties").and_then(Value::as_object)
    {
        for (name, p) in props {
            out.fields.insert(name.clone(), shape(doc, p, depth - 1));
        }
        for r in schema["required"].as_array().into_iter().flatten() {
            out.required.insert(r.as_str().unwrap().to_string());
        }
    }
    out
}

/// OpenAI's schema against Kino's: a response has exactly OpenAI's fields, required and
/// nullable alike, of the same types; a request accepts every field OpenAI's does (Kino may
/// accept more), of the same types, and requires the same ones.
fn compare(what: &str, openai: &Shape, kino: &Shape, response: bool, problems: &mut Vec<String>) {
    if response && openai.nullable != kino.nullable {
        problems.push(format!("{what}: nullable {} in OpenAI's, {} in Kino's", openai.nullable, kino.nullable));
    }
    if !openai.types.is_subset(&kino.types) || (response && openai.types != kino.types) {
        problems.push(format!("{what}: types {:?} in OpenAI's, {:?} in Kino's", openai.types, kino.types));
    }
    if openai.required != kino.required {
        problems.push(format!("{what}: required {:?} in OpenAI's, {:?} in Kino's", openai.required, kino.required));
    }
    for (name, field) in &openai.fields {
        match kino.fields.get(name) {
            Some(k) => compare(&format!("{what}.{name}"), field, k, response, problems),
            None => problems.push(format!("{what}.{name}: missing in Kino's")),
        }
    }
    if response {
        for name in kino.fields.keys().filter(|n| !openai.fields.contains_key(*n)) {
            problems.push(format!("{what}.{name}: not in OpenAI's"));
        }
    }
}

#[tokio::test]
async fn the_videos_schemas_are_openais() {
    let app = TestApp::start().await;
    let kino = document(&app).await;
    app.stop().await;
    let openai: Value = serde_json::from_str(OPENAI_SPEC).unwrap();
    let mut problems = Vec::new();
    let mut compared = 0;
    for (path, item) in openai["paths"].as_object().unwrap() {
        if !path.starts_with("/videos") {
            continue;
        }
        let ours = &kino["paths"][format!("/v1{path}")];
        for (method, op) in item.as_object().unwrap() {
            let what = format!("{} /v1{path}", method.to_uppercase());
            let Some(our_op) = ours.get(method) else {
                problems.push(format!("{what}: not in Kino's document"));
                continue;
            };
            for (ctype, media) in op["requestBody"]["content"].as_object().into_iter().flatten() {
                let Some(our_media) = our_op["requestBody"]["content"].get(ctype) else {
                    problems.push(format!("{what}: no {ctype} request body"));
                    continue;
                };
                let (o, k) = (shape(&openai, &media["schema"], 3), shape(&kino, &our_media["schema"], 3));
                compare(&format!("{what} {ctype} body"), &o, &k, false, &mut problems);
                compared += 1;
            }
            if let Some(media) = op["responses"]["200"]["content"].get("application/json")
                && media["schema"]["type"] != "string"
            {
                let our_media = &our_op["responses"]["200"]["content"]["application/json"];
                let (o, k) = (shape(&openai, &media["schema"], 3), shape(&kino, &our_media["schema"], 3));
                compare(&format!("{what} 200"), &o, &k, true, &mut problems);
                compared += 1;
            }
        }
    }
    assert!(problems.is_empty(), "{} differences:\n{}", problems.len(), problems.join("\n"));
    assert!(compared >= 15, "only {compared} schemas compared");
}
