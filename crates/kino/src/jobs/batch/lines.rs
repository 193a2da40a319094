//! Batch input lines: `{"custom_id","method":"POST","url":"/v1/videos","body":{…}}`. The line's
//! shape is the file's business (a bad one fails the batch); its body obeys exactly the rules
//! of `POST /v1/videos` (a bad one fails only that line, with the API's own error).
use serde_json::{Map, Value};

use crate::app::AppState;
use crate::create::{self, Ask, CreateError, Edge, Form, Invalid, NewVideo, guard, validate};
use crate::models::ModelRegistry;
use crate::repo::BatchFileError;
use crate::wire::{ErrorBody, LineOutcome};

/// CONTRACT §10/§11: at most 50,000 requests and 200 MB per input file; a line carries one
/// request, so 1 MiB bounds what is held in memory at once while reading.
pub const MAX_LINES: usize = 50_000;
pub const MAX_INPUT_BYTES: u64 = 200 * 1024 * 1024;
pub const MAX_LINE_BYTES: usize = 1024 * 1024;
const LINE_FIELDS: [&str; 4] = ["custom_id", "method", "url", "body"];

/// A line whose shape is right.
#[derive(Debug)]
pub enum CheckedLine {
    /// Its body passes the create rules; `body` is kept as JSON for when it is rendered.
    Valid { custom_id: String, body: String, model: String },
    /// Its body breaks a create rule: answered like the API would, in the error file.
    Rejected { custom_id: String, error: CreateError },
}

/// Check one line (without its newline) of a batch for `endpoint`.
pub fn check_line(
    raw: &[u8],
    line: i64,
    endpoint: &str,
    models: &ModelRegistry,
    policy: &kino_guard::Policy,
) -> Result<CheckedLine, BatchFileError> {
    let fail = |code: &str, message: String, param: Option<&str>| BatchFileError {
        code: code.into(),
        message,
        param: param.map(str::to_string),
        line: Some(line),
    };
    let obj = match serde_json::from_slice::<Value>(raw) {
        Ok(Value::Object(obj)) => obj,
        _ => return Err(fail("invalid_json_line", "This line is not parseable as valid JSON object.".into(), None)),
    };
    if let Some(extra) = obj.keys().find(|k| !LINE_FIELDS.contains(&k.as_str())) {
        return Err(fail(
            "invalid_request",
            format!("Unknown field '{extra}': a line has only 'custom_id', 'method', 'url' and 'body'."),
            Some(extra.as_str()),
        ));
    }
    let custom_id = match obj.get("custom_id") {
        Some(Value::String(s)) if !s.is_empty() => s.clone(),
        _ => {
            return Err(fail(
                "missing_custom_id",
                "The 'custom_id' of this request is missing or is not a non-empty string.".into(),
                Some("custom_id"),
            ));
        }
    };
    if obj.get("method").and_then(Value::as_str) != Some("POST") {
        return Err(fail("invalid_method", "The 'method' of this request must be 'POST'.".into(), Some("method")));
    }
    if obj.get("url").and_then(Value::as_str) != Some(endpoint) {
        return Err(fail(
            "invalid_url",
            format!("The 'url' of this request must be the batch's endpoint, '{endpoint}'."),
            Some("url"),
        ));
    }
    // A line the API would refuse is rejected alone, with the API's error; the content policy
    // is checked again when the line's video is made (the policy may change in between).
    let checked = body_form(obj.get("body")).map_err(CreateError::from).and_then(|form| {
        let valid = validate::create(&form, models)?;
        guard::prompt(policy, &valid.prompt)?;
        Ok((form, valid))
    });
    Ok(match checked {
        Ok((form, valid)) => {
            CheckedLine::Valid { custom_id, body: Value::Object(form.fields).to_string(), model: valid.model }
        }
        Err(error) => CheckedLine::Rejected { custom_id, error },
    })
}

/// Bodies are JSON objects only (there is no multipart in a batch, so no uploads).
fn body_form(body: Option<&Value>) -> Result<Form, Invalid> {
    match body {
        None | Some(Value::Null) => Err(Invalid::missing("body")),
        Some(Value::Object(fields)) => Ok(Form { fields: fields.clone(), files: Vec::new() }),
        Some(_) => Err(Invalid::invalid_type("body", "Invalid type for 'body': expected a JSON object.")),
    }
}

/// A stored line body on its way through `create`: no rate limit (the batch's fan-out bound
/// paces it) and no budget check (the batch's was checked when it was created).
struct LineEdge(Option<Form>);

impl Edge for LineEdge {
    type Error = CreateError;
    type Ticket = ();
    const CHECKS_BUDGET: bool = false;

    async fn form(&mut self) -> Result<Form, CreateError> {
        self.0.take().ok_or_else(|| CreateError::internal("batch line body read twice"))
    }

    async fn admit(&mut self, _model: &str) -> Result<(), CreateError> {
        Ok(())
    }
}

/// A pending line's video, ready to insert: checked again, its reference fetched (through the
/// same SSRF-checked fetcher as the API) or read from the project's files, characters looked
/// up; its inputs are stored with the row.
pub async fn prepare_video(state: &AppState, project_id: &str, body: &str) -> Result<NewVideo, CreateError> {
    let fields: Map<String, Value> = serde_json::from_str(body)
        .map_err(|e| CreateError::internal(format!("stored batch body is not a JSON object: {e}")))?;
    let mut edge = LineEdge(Some(Form { fields, files: Vec::new() }));
    let (video, ()) = create::prepare(state, project_id, Ask::Create, &mut edge).await?;
    Ok(video)
}

/// The error-file line for a body `POST /v1/videos` refuses: its status and OpenAI's error
/// object, as the API would answer (`api::error` maps the same errors for HTTP). None for a
/// failure of ours (database, storage): the line is tried again on a later pass.
pub fn rejection(e: &CreateError) -> Option<LineOutcome> {
    let (status, kind) = match e {
        CreateError::Invalid(_) | CreateError::Blocked { .. } => (400, "invalid_request_error"),
        CreateError::NotFound { .. } => (404, "invalid_request_error"),
        CreateError::QuotaExceeded(_) => (429, "insufficient_quota"),
        CreateError::Repo(_) | CreateError::Store(_) | CreateError::Internal(_) => return None,
    };
    let body = ErrorBody {
        message: e.to_string(),
        kind,
        param: e.param().map(str::to_string),
        code: e.code().map(str::to_string),
    };
    Some(LineOutcome::rejected(status, &body))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn check(v: Value) -> Result<CheckedLine, BatchFileError> {
        check_line(v.to_string().as_bytes(), 7, "/v1/videos", &ModelRegistry::builtin(), &kino_guard::Policy::builtin())
    }

    #[test]
    fn line_shape_problems_fail_the_file_with_their_code() {
        let body = json!({"prompt": "p"});
        let cases = [
            (json!({"method": "POST", "url": "/v1/videos", "body": body}), "missing_custom_id"),
            (json!({"custom_id": "", "method": "POST", "url": "/v1/videos", "body": body}), "missing_custom_id"),
            (json!({"custom_id": 3, "method": "POST", "url": "/v1/videos", "body": body}), "missing_custom_id"),
            (json!({"custom_id": "a", "method": "GET", "url": "/v1/videos", "body": body}), "invalid_method"),
            (json!({"custom_id": "a", "url": "/v1/videos", "body": body}), "invalid_method"),
            (json!({"custom_id": "a", "method": "POST", "url": "/v1/images", "body": body}), "invalid_url"),
            (json!({"custom_id": "a", "method": "POST", "url": "/v1/videos", "body": body, "x": 1}), "invalid_request"),
            (json!(["not", "an", "object"]), "invalid_json_line"),
        ];
        for (line, code) in cases {
            let e = check(line.clone()).unwrap_err();
            assert_eq!((e.code.as_str(), e.line), (code, Some(7)), "{line}");
        }
        let e =
            check_line(b"{\"custom_id\": ", 2, "/v1/videos", &ModelRegistry::builtin(), &kino_guard::Policy::builtin())
                .unwrap_err();
        assert_eq!(e.code, "invalid_json_line");
    }

    #[test]
    fn body_problems_reject_only_the_line_as_the_api_would() {
        let line = |body: Value| json!({"custom_id": "c", "method": "POST", "url": "/v1/videos", "body": body});
        for (body, param) in [
            (json!({"prompt": "p", "seconds": "7"}), "seconds"),
            (json!({"prompt": "p", "size": "1x1"}), "size"),
            (json!({"seconds": "4"}), "prompt"),
            (json!({"prompt": "p", "input_reference": "https://x/y.png"}), "input_reference"),
            (json!("text"), "body"),
            (Value::Null, "body"),
        ] {
            match check(line(body.clone())).unwrap() {
                CheckedLine::Rejected { custom_id, error } => {
                    assert_eq!(custom_id, "c");
                    let status = rejection(&error).and_then(|o| o.response).map(|r| r.status_code);
                    assert_eq!((status, error.param()), (Some(400), Some(param)), "{body}");
                }
                other => panic!("{body} was accepted: {other:?}"),
            }
        }
        match check(line(json!({"prompt": "p", "model": "sora-2-pro", "input_reference": {"file_id": "file-x"}})))
            .unwrap()
        {
            CheckedLine::Valid { model, body, .. } => {
                assert_eq!(model, "sora-2-pro");
                assert!(body.contains("file-x"));
            }
            other => panic!("rejected: {other:?}"),
        }
    }
}
