//! HTTP calls to an upstream video server, in the request shape of its flavor, with its
//! answers read leniently: SGLang omits `prompt` and adds `url`, vLLM-Omni answers a create
//! with only `id`, `status` and `created_at`, errors come as OpenAI envelopes or FastAPI's
//! `{"detail": …}`.
use std::sync::Arc;

use reqwest::StatusCode;
use serde_json::{Map, Value, json};

use super::spec::{Flavor, UpstreamSpec};

/// Where an upstream job stands.
#[derive(Debug, Clone, PartialEq)]
pub enum Status {
    /// Queued or rendering, with the upstream's progress in percent.
    Running(u8),
    Completed,
    Failed(String),
}

/// Why a call did not give an answer.
#[derive(Debug, Clone, thiserror::Error)]
pub enum CallError {
    /// The upstream refused the request (a 4xx): sending it again will not help.
    #[error("{0}")]
    Rejected(String),
    /// The upstream does not know the job (a 404): it restarted, or expired it.
    #[error("the upstream server does not know this job")]
    Gone,
    /// Not reachable, timed out, overloaded (5xx, 429): try again later.
    #[error("{0}")]
    Unavailable(String),
    /// An answer of the wrong shape (not JSON, no id, JSON where an MP4 was due).
    #[error("{0}")]
    Malformed(String),
}

/// What Kino asks the upstream to make.
pub struct CreateRequest<'a> {
    pub prompt: &'a str,
    pub width: u32,
    pub height: u32,
    pub seconds: u32,
    pub seed: u64,
    /// The first frame, as a PNG: sent as the `input_reference` file of a multipart create.
    pub reference: Option<Vec<u8>>,
}

/// `form` with the first frame as its `input_reference` file, when there is one.
fn with_reference(form: reqwest::multipart::Form, png: Option<&[u8]>) -> Result<reqwest::multipart::Form, CallError> {
    let Some(png) = png else { return Ok(form) };
    let part = reqwest::multipart::Part::bytes(png.to_vec())
        .file_name("reference.png")
        .mime_str("image/png")
        .map_err(|e| CallError::Malformed(format!("building the reference upload: {e}")))?;
    Ok(form.part("input_reference", part))
}

#[derive(Clone)]
pub struct Client {
    http: reqwest::Client,
    spec: Arc<UpstreamSpec>,
    key: Option<String>,
}

impl Client {
    pub fn new(spec: Arc<UpstreamSpec>) -> anyhow::Result<Self> {
        let http = reqwest::Client::builder()
            .timeout(spec.request_timeout())
            .connect_timeout(spec.request_timeout().min(std::time::Duration::from_secs(10)))
            // Operator-configured, so private addresses are allowed; redirects are not followed
            // (an upstream has no reason to send Kino elsewhere).
            .redirect(reqwest::redirect::Policy::none())
            .build()?;
        let key = spec.api_key();
        Ok(Self { http, spec, key })
    }

    fn url(&self, path: &str) -> String {
        format!("{}/{path}", self.spec.url.trim_end_matches('/'))
    }

    fn auth(&self, req: reqwest::RequestBuilder) -> reqwest::RequestBuilder {
        match &self.key {
            Some(k) => req.bearer_auth(k),
            None => req,
        }
    }

    fn extra_value(v: &str) -> Value {
        serde_json::from_str(v).unwrap_or_else(|_| Value::String(v.to_string()))
    }

    /// Start a job; returns its id.
    pub async fn create(&self, r: &CreateRequest<'_>) -> Result<String, CallError> {
        let spec = &self.spec;
        let model = spec.model.clone().unwrap_or_else(|| spec.id.clone());
        let (w, h) = spec.size_for(r.width, r.height);
        let size = format!("{w}x{h}");
        let req = self.auth(self.http.post(self.url("videos")));
        let req = match spec.flavor {
            Flavor::Openai | Flavor::Sglang => {
                let mut body = Map::new();
                body.insert("model".into(), json!(model));
                body.insert("prompt".into(), json!(r.prompt));
                body.insert("size".into(), json!(size));
                if spec.flavor == Flavor::Openai {
                    body.insert("seconds".into(), json!(r.seconds.to_string()));
                } else {
                    body.insert("seconds".into(), json!(r.seconds));
                    body.insert("fps".into(), json!(spec.fps()));
                    body.insert("num_frames".into(), json!(spec.num_frames(r.seconds)));
                    body.insert("seed".into(), json!(r.seed % (1 << 31)));
                }
                for (k, v) in &spec.extra {
                    body.insert(k.clone(), Self::extra_value(v));
                }
                match r.reference.as_deref() {
                    // With a first frame, the same fields go as a multipart create with an
                    // `input_reference` file (OpenAI's API, another Kino, SGLang).
                    Some(png) => {
                        let form = body.into_iter().fold(reqwest::multipart::Form::new(), |form, (k, v)| {
                            form.text(k, if let Value::String(s) = v { s } else { v.to_string() })
                        });
                        req.multipart(with_reference(form, Some(png))?)
                    }
                    None => req
                        .header(reqwest::header::CONTENT_TYPE, "application/json")
                        .body(Value::Object(body).to_string()),
                }
            }
            Flavor::VllmOmni => {
                let mut form = reqwest::multipart::Form::new()
                    .text("prompt", r.prompt.to_string())
                    .text("model", model)
                    .text("width", w.to_string())
                    .text("height", h.to_string())
                    .text("num_frames", spec.num_frames(r.seconds).to_string())
                    .text("fps", spec.fps().to_string())
                    .text("seed", (r.seed % (1 << 31)).to_string());
                for (k, v) in &spec.extra {
                    form = form.text(k.clone(), v.clone());
                }
                req.multipart(with_reference(form, r.reference.as_deref())?)
            }
        };
        let body = self.json(req.send().await).await?;
        match body.get("id").and_then(Value::as_str) {
            Some(id) if !id.is_empty() && id.len() <= 256 => Ok(id.to_string()),
            _ => Err(CallError::Malformed(format!(
                "the upstream's create answer has no job id: {}",
                snippet(&body.to_string())
            ))),
        }
    }

    /// The job's status.
    pub async fn get(&self, id: &str) -> Result<Status, CallError> {
        let req = self.auth(self.http.get(self.url(&format!("videos/{}", encode(id)))));
        let body = self.json(req.send().await).await?;
        let status = body.get("status").and_then(Value::as_str).unwrap_or_default().to_ascii_lowercase();
        let progress = body.get("progress").and_then(Value::as_f64).unwrap_or(0.0).clamp(0.0, 100.0) as u8;
        match status.as_str() {
            "queued" | "pending" | "in_progress" | "processing" | "running" | "submitted" => {
                Ok(Status::Running(progress))
            }
            "completed" | "succeeded" | "success" | "done" => Ok(Status::Completed),
            "failed" | "error" | "cancelled" | "canceled" | "expired" => {
                Ok(Status::Failed(error_message(&body).unwrap_or_else(|| format!("status {status}"))))
            }
            other => Err(CallError::Malformed(format!("the upstream reported status '{}'", snippet(other)))),
        }
    }

    /// The finished MP4, at most `max_bytes`.
    pub async fn content(&self, id: &str, max_bytes: u64) -> Result<Vec<u8>, CallError> {
        let req = self.auth(self.http.get(self.url(&format!("videos/{}/content", encode(id)))));
        let mut resp = checked(req.send().await).await?;
        let kind =
            resp.headers().get(reqwest::header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("").to_string();
        if resp.content_length().is_some_and(|n| n > max_bytes) {
            return Err(CallError::Malformed(format!("the upstream's video is larger than {} MB", max_bytes >> 20)));
        }
        let mut bytes = Vec::new();
        while let Some(chunk) =
            resp.chunk().await.map_err(|e| CallError::Unavailable(format!("downloading the video: {e}")))?
        {
            if (bytes.len() + chunk.len()) as u64 > max_bytes {
                return Err(CallError::Malformed(format!(
                    "the upstream's video is larger than {} MB",
                    max_bytes >> 20
                )));
            }
            bytes.extend_from_slice(&chunk);
        }
        // An MP4 or MOV starts with a box whose type is `ftyp` (or, for old MOVs, `moov`/`wide`/`mdat`).
        let boxed = bytes.len() >= 8 && matches!(&bytes[4..8], b"ftyp" | b"moov" | b"wide" | b"mdat" | b"free");
        if !boxed {
            let what = if kind.is_empty() {
                "data that is not an MP4".to_string()
            } else {
                format!("{kind} ({} bytes)", bytes.len())
            };
            return Err(CallError::Malformed(format!("the upstream returned {what} where an MP4 was expected")));
        }
        Ok(bytes)
    }

    /// Delete (or cancel) the job; a job the upstream no longer knows counts as deleted.
    pub async fn delete(&self, id: &str) -> Result<(), CallError> {
        let req = self.auth(self.http.delete(self.url(&format!("videos/{}", encode(id)))));
        match checked(req.send().await).await {
            Ok(_) | Err(CallError::Gone) => Ok(()),
            Err(e) => Err(e),
        }
    }

    async fn json(&self, sent: reqwest::Result<reqwest::Response>) -> Result<Value, CallError> {
        let resp = checked(sent).await?;
        let text = read_capped(resp, MAX_ANSWER).await?;
        serde_json::from_str(&text)
            .map_err(|_| CallError::Malformed(format!("the upstream's answer is not JSON: {}", snippet(&text))))
    }
}

/// Largest JSON answer read from an upstream: job objects are a few hundred bytes.
const MAX_ANSWER: usize = 1 << 20;

/// The body as text, refusing more than `cap` bytes.
async fn read_capped(mut resp: reqwest::Response, cap: usize) -> Result<String, CallError> {
    let mut bytes = Vec::new();
    while let Some(chunk) =
        resp.chunk().await.map_err(|e| CallError::Unavailable(format!("reading the upstream's answer: {e}")))?
    {
        if bytes.len() + chunk.len() > cap {
            return Err(CallError::Malformed(format!("the upstream's answer is over {} KiB", cap >> 10)));
        }
        bytes.extend_from_slice(&chunk);
    }
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// The response if it is a success; the error class otherwise.
async fn checked(sent: reqwest::Result<reqwest::Response>) -> Result<reqwest::Response, CallError> {
    let resp = sent.map_err(|e| CallError::Unavailable(describe(&e)))?;
    let status = resp.status();
    if status.is_success() {
        return Ok(resp);
    }
    let text = read_capped(resp, MAX_ANSWER).await.unwrap_or_default();
    let message =
        serde_json::from_str::<Value>(&text).ok().and_then(|v| error_message(&v)).unwrap_or_else(|| snippet(&text));
    Err(match status {
        StatusCode::NOT_FOUND => CallError::Gone,
        StatusCode::REQUEST_TIMEOUT | StatusCode::TOO_MANY_REQUESTS => {
            CallError::Unavailable(format!("{status}: {message}"))
        }
        s if s.is_server_error() => CallError::Unavailable(format!("{status}: {message}")),
        _ => CallError::Rejected(format!("{status}: {message}")),
    })
}

fn describe(e: &reqwest::Error) -> String {
    if e.is_timeout() {
        "the upstream server did not answer in time".into()
    } else if e.is_connect() {
        "cannot connect to the upstream server".into()
    } else {
        format!("upstream request failed: {e}")
    }
}

/// `error.message`, `error` as a string, `detail`, or `message`.
fn error_message(v: &Value) -> Option<String> {
    let pick = v
        .get("error")
        .and_then(|e| e.get("message").and_then(Value::as_str).or_else(|| e.as_str()))
        .or_else(|| v.get("detail").and_then(Value::as_str))
        .or_else(|| v.get("message").and_then(Value::as_str))?;
    Some(snippet(pick))
}

/// At most 300 characters of someone else's text.
fn snippet(s: &str) -> String {
    let s = s.trim();
    match s.char_indices().nth(300) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

/// Ids go into a path segment.
fn encode(id: &str) -> String {
    id.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}
