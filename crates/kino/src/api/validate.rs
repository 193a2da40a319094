//! Create requests, checked at the edge into a `ValidCreate`. Messages follow OpenAI's
//! wording and name the field, so `param` and `code` are always filled.
use serde_json::Value;

use super::body::Form;
use crate::error::ApiError;
use crate::models::{DEFAULT_MODEL, DEFAULT_SECONDS, DEFAULT_SIZE, ModelRegistry, SECONDS};

pub const MAX_PROMPT_CHARS: usize = 32_000;
const CREATE_FIELDS: [&str; 7] = ["prompt", "model", "seconds", "size", "input_reference", "characters", "seed"];

#[derive(Debug, Clone, PartialEq)]
pub struct ValidCreate {
    pub prompt: String,
    pub model: String,
    pub size: String,
    pub seconds: u32,
    pub seed: Option<u64>,
}

pub fn create(form: &Form, models: &ModelRegistry) -> Result<ValidCreate, ApiError> {
    for key in form.fields.keys().chain(form.files.iter().map(|f| &f.field)) {
        if !CREATE_FIELDS.contains(&key.as_str()) {
            return Err(ApiError::bad_request(format!("Unknown parameter: '{key}'."))
                .param(key)
                .code("unknown_parameter"));
        }
    }
    let prompt = prompt(form)?;
    let model_id = optional_string(form, "model")?.unwrap_or_else(|| DEFAULT_MODEL.to_string());
    let Some(model) = models.get(&model_id) else {
        return Err(ApiError::invalid_value(
            "model",
            format!("Invalid value: '{model_id}'. Supported values are: {}.", quote_list(&models.ids())),
        ));
    };
    let seconds = seconds(form)?;
    let size = optional_string(form, "size")?.unwrap_or_else(|| DEFAULT_SIZE.to_string());
    if !model.sizes.contains(&size.as_str()) {
        return Err(ApiError::invalid_value(
            "size",
            format!(
                "Invalid value: '{size}'. Supported values for model '{}' are: {}.",
                model.id,
                quote_list(&model.sizes)
            ),
        ));
    }
    let seed = seed(form)?;
    if form.fields.contains_key("input_reference") || form.file("input_reference").is_some() {
        return Err(ApiError::bad_request(
            "`input_reference` is not supported by this server yet: create the video from the prompt alone.",
        )
        .param("input_reference")
        .code("unsupported_parameter"));
    }
    if let Some(chars) = form.fields.get("characters") {
        return Err(characters_error(chars));
    }
    Ok(ValidCreate { prompt, model: model.id.clone(), size, seconds, seed })
}

fn prompt(form: &Form) -> Result<String, ApiError> {
    match form.fields.get("prompt") {
        None | Some(Value::Null) => Err(ApiError::missing("prompt")),
        Some(Value::String(s)) => {
            if s.trim().is_empty() {
                return Err(ApiError::bad_request(
                    "Invalid 'prompt': string too short. Expected a string with minimum length 1, but got an empty string instead.",
                )
                .param("prompt")
                .code("string_below_min_length"));
            }
            let n = s.chars().count();
            if n > MAX_PROMPT_CHARS {
                return Err(ApiError::bad_request(format!(
                    "Invalid 'prompt': string too long. Expected a string with maximum length {MAX_PROMPT_CHARS}, but got a string with length {n} instead."
                ))
                .param("prompt")
                .code("string_above_max_length"));
            }
            Ok(s.clone())
        }
        Some(other) => Err(ApiError::invalid_type(
            "prompt",
            format!("Invalid type for 'prompt': expected a string, but got {} instead.", type_name(other)),
        )),
    }
}

fn seconds(form: &Form) -> Result<u32, ApiError> {
    let allowed = SECONDS.map(|s| s.to_string());
    let allowed: Vec<&str> = allowed.iter().map(String::as_str).collect();
    match form.fields.get("seconds") {
        None | Some(Value::Null) => Ok(DEFAULT_SECONDS),
        Some(Value::String(s)) => match s.parse::<u32>() {
            Ok(n) if SECONDS.contains(&n) && s == &n.to_string() => Ok(n),
            _ => Err(ApiError::invalid_value(
                "seconds",
                format!("Invalid value: '{s}'. Supported values are: {}.", quote_list(&allowed)),
            )),
        },
        Some(other) => Err(ApiError::invalid_type(
            "seconds",
            format!(
                "Invalid type for 'seconds': expected one of {}, but got {} instead.",
                quote_list_or(&allowed),
                type_name(other)
            ),
        )),
    }
}

fn seed(form: &Form) -> Result<Option<u64>, ApiError> {
    let bad = || {
        ApiError::invalid_value("seed", "Invalid 'seed': expected an integer between 0 and 18446744073709551615.")
    };
    match form.fields.get("seed") {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) => n.as_u64().map(Some).ok_or_else(bad),
        Some(Value::String(s)) => s.trim().parse::<u64>().map(Some).map_err(|_| bad()),
        Some(_) => Err(bad()),
    }
}

fn characters_error(value: &Value) -> ApiError {
    let first = value
        .as_array()
        .and_then(|a| a.first())
        .and_then(|c| c.get("id"))
        .and_then(Value::as_str);
    match first {
        Some(id) => ApiError::not_found(format!("Character with id '{id}' not found.")).param("characters"),
        None => ApiError::invalid_type(
            "characters",
            "Invalid type for 'characters': expected an array of objects like {\"id\": \"char_...\"}.",
        ),
    }
}

/// A string field that may be absent. Multipart gives strings; JSON must too.
pub fn optional_string(form: &Form, key: &str) -> Result<Option<String>, ApiError> {
    match form.fields.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(other) => Err(ApiError::invalid_type(
            key,
            format!("Invalid type for '{key}': expected a string, but got {} instead.", type_name(other)),
        )),
    }
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "an integer",
        Value::Number(_) => "a decimal",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// `'a', 'b', and 'c'`
pub fn quote_list(items: &[&str]) -> String {
    join_quoted(items, "and")
}

/// `'a', 'b', or 'c'`
fn quote_list_or(items: &[&str]) -> String {
    join_quoted(items, "or")
}

fn join_quoted(items: &[&str], word: &str) -> String {
    let quoted: Vec<String> = items.iter().map(|s| format!("'{s}'")).collect();
    match quoted.len() {
        0 => String::new(),
        1 => quoted[0].clone(),
        2 => format!("{} {word} {}", quoted[0], quoted[1]),
        n => format!("{}, {word} {}", quoted[..n - 1].join(", "), quoted[n - 1]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn form(v: Value) -> Form {
        Form { fields: v.as_object().unwrap().clone(), ..Default::default() }
    }

    fn err(v: Value) -> ApiError {
        create(&form(v), &ModelRegistry::builtin()).unwrap_err()
    }

    #[test]
    fn defaults_follow_the_contract() {
        let ok = create(&form(json!({"prompt": "a cat"})), &ModelRegistry::builtin()).unwrap();
        assert_eq!(ok, ValidCreate { prompt: "a cat".into(), model: "sora-2".into(), size: "720x1280".into(), seconds: 4, seed: None });
    }

    #[test]
    fn each_rule_names_its_param_and_code() {
        let cases = [
            (json!({}), "prompt", "missing_required_parameter"),
            (json!({"prompt": ""}), "prompt", "string_below_min_length"),
            (json!({"prompt": "x".repeat(32_001)}), "prompt", "string_above_max_length"),
            (json!({"prompt": 5}), "prompt", "invalid_type"),
            (json!({"prompt": "p", "seconds": 8}), "seconds", "invalid_type"),
            (json!({"prompt": "p", "seconds": "10"}), "seconds", "invalid_value"),
            (json!({"prompt": "p", "seconds": "08"}), "seconds", "invalid_value"),
            (json!({"prompt": "p", "size": "999x999"}), "size", "invalid_value"),
            (json!({"prompt": "p", "size": "1920x1080"}), "size", "invalid_value"),
            (json!({"prompt": "p", "model": "sora-3"}), "model", "invalid_value"),
            (json!({"prompt": "p", "model": 2}), "model", "invalid_type"),
            (json!({"prompt": "p", "seed": "abc"}), "seed", "invalid_value"),
            (json!({"prompt": "p", "quality": "hd"}), "quality", "unknown_parameter"),
        ];
        for (body, param, code) in cases {
            let e = err(body.clone());
            assert_eq!(e.status, 400, "{body}");
            assert_eq!(e.param.as_deref(), Some(param), "{body}");
            assert_eq!(e.code.as_deref(), Some(code), "{body}");
        }
    }

    #[test]
    fn the_observed_integer_seconds_message_is_kept() {
        let e = err(json!({"prompt": "p", "seconds": 8}));
        assert_eq!(
            e.message,
            "Invalid type for 'seconds': expected one of '4', '8', '12', '16', or '20', but got an integer instead."
        );
    }

    #[test]
    fn pro_sizes_and_long_durations_are_accepted() {
        let ok = create(
            &form(json!({"prompt": "p", "model": "sora-2-pro", "size": "1920x1080", "seconds": "20", "seed": 7})),
            &ModelRegistry::builtin(),
        )
        .unwrap();
        assert_eq!((ok.size.as_str(), ok.seconds, ok.seed), ("1920x1080", 20, Some(7)));
    }

    #[test]
    fn prompt_limit_counts_characters_not_bytes() {
        let p = "é".repeat(32_000);
        assert!(create(&form(json!({"prompt": p})), &ModelRegistry::builtin()).is_ok());
    }
}
