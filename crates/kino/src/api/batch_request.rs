//! `POST /v1/batches` bodies (`CreateBatchRequest`), checked into a `ValidBatchRequest`.
use serde_json::{Map, Value};

use super::body::Form;
use super::error::{ApiError, ApiResult};
use super::file_upload::{MAX_EXPIRES_AFTER, MIN_EXPIRES_AFTER};
use crate::create::validate::{known_fields, optional_string, quote_list};

/// The endpoints a batch may target here: only video creation (CONTRACT §11 lists more,
/// which OpenAI serves and Kino does not).
pub const ENDPOINTS: [&str; 1] = ["/v1/videos"];
pub const COMPLETION_WINDOWS: [&str; 1] = ["24h"];
pub const COMPLETION_WINDOW_SECS: i64 = 24 * 3600;
const MAX_METADATA_PAIRS: usize = 16;
const MAX_METADATA_KEY_CHARS: usize = 64;
const MAX_METADATA_VALUE_CHARS: usize = 512;
pub(super) const FIELDS: [&str; 5] =
    ["input_file_id", "endpoint", "completion_window", "metadata", "output_expires_after"];

#[derive(Debug, Clone, PartialEq)]
pub struct ValidBatchRequest {
    pub input_file_id: String,
    pub endpoint: String,
    pub completion_window: String,
    /// JSON object of strings, as given.
    pub metadata: Option<Map<String, Value>>,
    /// Seconds after their creation that the output and error files expire.
    pub output_expires_after: Option<i64>,
}

pub fn parse(form: &Form) -> ApiResult<ValidBatchRequest> {
    known_fields(form, &FIELDS)?;
    let input_file_id = required(form, "input_file_id")?;
    let endpoint = required(form, "endpoint")?;
    if !ENDPOINTS.contains(&endpoint.as_str()) {
        return Err(ApiError::invalid_value(
            "endpoint",
            format!("Invalid value: '{endpoint}'. Supported values are: {}.", quote_list(&ENDPOINTS)),
        ));
    }
    let completion_window = required(form, "completion_window")?;
    if !COMPLETION_WINDOWS.contains(&completion_window.as_str()) {
        return Err(ApiError::invalid_value(
            "completion_window",
            format!("Invalid value: '{completion_window}'. Supported values are: {}.", quote_list(&COMPLETION_WINDOWS)),
        ));
    }
    Ok(ValidBatchRequest {
        input_file_id,
        endpoint,
        completion_window,
        metadata: metadata(form.fields.get("metadata"))?,
        output_expires_after: output_expires_after(form.fields.get("output_expires_after"))?,
    })
}

fn required(form: &Form, key: &str) -> ApiResult<String> {
    match optional_string(form, key)? {
        Some(s) if !s.is_empty() => Ok(s),
        _ => Err(ApiError::missing(key)),
    }
}

fn metadata(value: Option<&Value>) -> ApiResult<Option<Map<String, Value>>> {
    let map = match value {
        None | Some(Value::Null) => return Ok(None),
        Some(Value::Object(map)) => map,
        Some(_) => {
            return Err(ApiError::invalid_type(
                "metadata",
                "Invalid type for 'metadata': expected an object of strings.",
            ));
        }
    };
    if map.len() > MAX_METADATA_PAIRS {
        return Err(ApiError::bad_request(format!(
            "Invalid 'metadata': too many properties. Expected an object with at most {MAX_METADATA_PAIRS} properties, but got {} instead.",
            map.len()
        ))
        .param("metadata")
        .code("object_above_max_properties"));
    }
    for (key, value) in map {
        if key.chars().count() > MAX_METADATA_KEY_CHARS {
            return Err(ApiError::bad_request(format!(
                "Invalid 'metadata': key '{key}' is too long. Keys have at most {MAX_METADATA_KEY_CHARS} characters."
            ))
            .param("metadata")
            .code("string_above_max_length"));
        }
        let Value::String(value) = value else {
            return Err(ApiError::invalid_type(
                &format!("metadata.{key}"),
                format!("Invalid type for 'metadata.{key}': expected a string."),
            ));
        };
        if value.chars().count() > MAX_METADATA_VALUE_CHARS {
            return Err(ApiError::bad_request(format!(
                "Invalid 'metadata.{key}': string too long. Expected a string with maximum length {MAX_METADATA_VALUE_CHARS}."
            ))
            .param(format!("metadata.{key}"))
            .code("string_above_max_length"));
        }
    }
    Ok(Some(map.clone()))
}

fn output_expires_after(value: Option<&Value>) -> ApiResult<Option<i64>> {
    const PARAM: &str = "output_expires_after";
    let obj = match value {
        None | Some(Value::Null) => return Ok(None),
        Some(Value::Object(obj)) => obj,
        Some(_) => {
            return Err(ApiError::invalid_type(
                PARAM,
                "Invalid type for 'output_expires_after': expected an object with 'anchor' and 'seconds'.",
            ));
        }
    };
    if let Some(extra) = obj.keys().find(|k| *k != "anchor" && *k != "seconds") {
        return Err(ApiError::bad_request(format!("Unknown parameter: '{PARAM}.{extra}'."))
            .param(format!("{PARAM}.{extra}"))
            .code("unknown_parameter"));
    }
    match obj.get("anchor") {
        Some(Value::String(a)) if a == "created_at" => {}
        None | Some(Value::Null) => return Err(ApiError::missing("output_expires_after.anchor")),
        Some(other) => {
            return Err(ApiError::invalid_value(
                "output_expires_after.anchor",
                format!("Invalid value: {other}. Supported values are: 'created_at'."),
            ));
        }
    }
    let seconds = match obj.get("seconds") {
        None | Some(Value::Null) => return Err(ApiError::missing("output_expires_after.seconds")),
        Some(v) => v.as_i64().ok_or_else(|| {
            ApiError::invalid_type(
                "output_expires_after.seconds",
                "Invalid type for 'output_expires_after.seconds': expected an integer.",
            )
        })?,
    };
    if !(MIN_EXPIRES_AFTER..=MAX_EXPIRES_AFTER).contains(&seconds) {
        return Err(ApiError::invalid_value(
            "output_expires_after.seconds",
            format!(
                "Invalid 'output_expires_after.seconds': expected a value between {MIN_EXPIRES_AFTER} and {MAX_EXPIRES_AFTER}, but got {seconds} instead."
            ),
        ));
    }
    Ok(Some(seconds))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn parse_json(v: Value) -> ApiResult<ValidBatchRequest> {
        parse(&Form { fields: v.as_object().unwrap().clone(), ..Default::default() })
    }

    #[test]
    fn the_contract_example_is_accepted() {
        let ok = parse_json(json!({"input_file_id": "file-abc", "endpoint": "/v1/videos", "completion_window": "24h",
            "metadata": {"k": "v"}, "output_expires_after": {"anchor": "created_at", "seconds": 86400}}))
        .unwrap();
        assert_eq!(ok.output_expires_after, Some(86400));
        assert_eq!(ok.metadata.unwrap()["k"], "v");
    }

    #[test]
    fn each_rule_names_its_param() {
        let base = json!({"input_file_id": "file-abc", "endpoint": "/v1/videos", "completion_window": "24h"});
        let with = |k: &str, v: Value| {
            let mut b = base.clone();
            b[k] = v;
            b
        };
        let many: Map<String, Value> = (0..17).map(|i| (format!("k{i}"), json!("v"))).collect();
        let cases = [
            (json!({"endpoint": "/v1/videos", "completion_window": "24h"}), "input_file_id"),
            (with("endpoint", json!("/v1/chat/completions")), "endpoint"),
            (with("completion_window", json!("48h")), "completion_window"),
            (with("metadata", Value::Object(many)), "metadata"),
            (with("metadata", json!({"k": 1})), "metadata.k"),
            (with("metadata", json!({"k".repeat(65): "v"})), "metadata"),
            (with("metadata", json!({"k": "v".repeat(513)})), "metadata.k"),
            (with("output_expires_after", json!({"anchor": "now", "seconds": 3600})), "output_expires_after.anchor"),
            (
                with("output_expires_after", json!({"anchor": "created_at", "seconds": 60})),
                "output_expires_after.seconds",
            ),
            (with("extra", json!(1)), "extra"),
        ];
        for (body, param) in cases {
            let e = parse_json(body.clone()).unwrap_err();
            assert_eq!((e.status.as_u16(), e.param.as_deref()), (400, Some(param)), "{body}");
        }
        let e = parse_json(with("endpoint", json!("/v1/embeddings"))).unwrap_err();
        assert_eq!(e.message, "Invalid value: '/v1/embeddings'. Supported values are: '/v1/videos'.");
    }
}
