//! The fields of requests that make videos, checked into typed values (a create into a
//! `ValidCreate`) before anything is fetched or stored. Messages follow OpenAI's wording and
//! name the field, so `param` and `code` are always filled.
use serde_json::Value;

use super::error::Invalid;
use super::form::{Form, Upload};
use super::inputs::LoraUse;
use crate::models::{DEFAULT_MODEL, DEFAULT_SECONDS, DEFAULT_SIZE, ModelRegistry, SECONDS};

pub const MAX_PROMPT_CHARS: usize = 32_000;
pub const CREATE_FIELDS: [&str; 8] =
    ["prompt", "model", "seconds", "size", "input_reference", "characters", "seed", "lora"];

#[derive(Debug, Clone, PartialEq)]
pub struct ValidCreate {
    pub prompt: String,
    pub model: String,
    pub size: String,
    pub seconds: u32,
    pub seed: Option<u64>,
    pub reference: Option<Reference>,
    /// Character ids, at most [`MAX_CHARACTERS`], not yet looked up.
    pub characters: Vec<String>,
    /// The model's LoRAs the request chose, with their scales (a Kino extension: `lora`).
    pub loras: Vec<LoraUse>,
}

/// An `input_reference`, in whichever of its three shapes it came.
#[derive(Debug, Clone, PartialEq)]
pub enum Reference {
    Upload(bytes::Bytes),
    FileId(String),
    ImageUrl(String),
}

pub const MAX_CHARACTERS: usize = 2;
/// OpenAI's limit on an `image_url` string (a data: URL carries the whole image).
pub const MAX_IMAGE_URL_CHARS: usize = 20_971_520;

pub fn create(form: &Form, models: &ModelRegistry) -> Result<ValidCreate, Invalid> {
    known_fields(form, &CREATE_FIELDS)?;
    let prompt = prompt(form)?;
    create_fields(form, prompt, models)
}

/// The fields of a create besides its names and prompt (which the preamble checked).
pub fn create_fields(form: &Form, prompt: String, models: &ModelRegistry) -> Result<ValidCreate, Invalid> {
    let model_id = optional_string(form, "model")?.unwrap_or_else(|| DEFAULT_MODEL.to_string());
    let Some(model) = models.get(&model_id) else {
        return Err(Invalid::invalid_value(
            "model",
            format!("Invalid value: '{model_id}'. Supported values are: {}.", quote_list(&models.ids())),
        ));
    };
    let seconds = seconds(form)?;
    let size = optional_string(form, "size")?.unwrap_or_else(|| DEFAULT_SIZE.to_string());
    if !model.sizes.contains(&size.as_str()) {
        return Err(Invalid::invalid_value(
            "size",
            format!(
                "Invalid value: '{size}'. Supported values for model '{}' are: {}.",
                model.id,
                quote_list(&model.sizes)
            ),
        ));
    }
    if !model.seconds.contains(&seconds) {
        let allowed: Vec<String> = model.seconds.iter().map(u32::to_string).collect();
        let allowed: Vec<&str> = allowed.iter().map(String::as_str).collect();
        return Err(Invalid::invalid_value(
            "seconds",
            format!(
                "Invalid value: '{seconds}'. Supported values for model '{}' are: {}.",
                model.id,
                quote_list(&allowed)
            ),
        ));
    }
    let seed = seed(form)?;
    let reference = reference(form)?;
    let characters = characters(form)?;
    if reference.is_some() && !model.takes.first_frame {
        return Err(Invalid::invalid_value(
            "input_reference",
            format!("Model '{}' does not take an 'input_reference'; it makes video from the prompt alone.", model.id),
        ));
    }
    if !characters.is_empty() && !model.takes.characters {
        return Err(Invalid::invalid_value("characters", format!("Model '{}' does not cast 'characters'.", model.id)));
    }
    let loras = loras(form, &model.id, &model.loras)?;
    Ok(ValidCreate { prompt, model: model.id.clone(), size, seconds, seed, reference, characters, loras })
}

/// Refuse fields a request does not take, naming the first one.
pub fn known_fields(form: &Form, allowed: &[&str]) -> Result<(), Invalid> {
    for key in form.fields.keys().chain(form.files.iter().map(|f| &f.field)) {
        if !allowed.contains(&key.as_str()) {
            return Err(Invalid::unknown_parameter(key));
        }
    }
    Ok(())
}

fn reference(form: &Form) -> Result<Option<Reference>, Invalid> {
    let upload = form.file("input_reference");
    let field = form.fields.get("input_reference");
    let bad = |message: &str| Invalid::invalid_value("input_reference", message.to_string());
    match (upload, field) {
        (None, None | Some(Value::Null)) => Ok(None),
        (Some(_), Some(_)) => Err(bad("Send 'input_reference' once: as a file or as an object, not both.")),
        (Some(Upload { data, .. }), None) => Ok(Some(Reference::Upload(data.clone()))),
        (None, Some(Value::Object(obj))) => {
            if let Some(extra) = obj.keys().find(|k| *k != "file_id" && *k != "image_url") {
                return Err(Invalid::new(format!("Unknown parameter: 'input_reference.{extra}'."))
                    .param(format!("input_reference.{extra}"))
                    .code("unknown_parameter"));
            }
            match (obj.get("file_id"), obj.get("image_url")) {
                (Some(Value::String(id)), None) => Ok(Some(Reference::FileId(id.clone()))),
                (None, Some(Value::String(url))) => {
                    if url.chars().count() > MAX_IMAGE_URL_CHARS {
                        return Err(Invalid::new(format!(
                            "Invalid 'input_reference.image_url': string too long. Expected a string with maximum length {MAX_IMAGE_URL_CHARS}."
                        ))
                        .param("input_reference.image_url")
                        .code("string_above_max_length"));
                    }
                    Ok(Some(Reference::ImageUrl(url.clone())))
                }
                (Some(_), Some(_)) | (None, None) => {
                    Err(bad("'input_reference' must have exactly one of 'file_id' or 'image_url'."))
                }
                _ => Err(Invalid::invalid_type(
                    "input_reference",
                    "Invalid type for 'input_reference': 'file_id' and 'image_url' must be strings.",
                )),
            }
        }
        (None, Some(other)) => Err(Invalid::invalid_type(
            "input_reference",
            format!(
                "Invalid type for 'input_reference': expected a file or an object with 'file_id' or 'image_url', but got {} instead.",
                type_name(other)
            ),
        )),
    }
}

/// The most LoRAs one request may choose.
pub const MAX_LORAS: usize = 4;

/// `lora`: `[{"name": "...", "scale": 0.8}]` (a JSON array, or that array as a multipart
/// field's text), each a LoRA `model` serves; a missing scale is the one it was configured with.
/// Names only: a request never points at a file.
fn loras(form: &Form, model: &str, served: &[(String, f32)]) -> Result<Vec<LoraUse>, Invalid> {
    let bad_type = || {
        Invalid::invalid_type(
            "lora",
            "Invalid type for 'lora': expected an array of objects like {\"name\": \"...\", \"scale\": 0.8}.",
        )
    };
    let parsed;
    let items = match form.fields.get("lora") {
        None | Some(Value::Null) => return Ok(Vec::new()),
        Some(Value::Array(items)) => items,
        Some(Value::String(text)) => {
            parsed = serde_json::from_str::<Value>(text).map_err(|_| bad_type())?;
            parsed.as_array().ok_or_else(bad_type)?
        }
        Some(_) => return Err(bad_type()),
    };
    if items.is_empty() {
        return Ok(Vec::new());
    }
    if served.is_empty() {
        return Err(Invalid::invalid_value("lora", format!("Model '{model}' has no LoRAs.")));
    }
    if items.len() > MAX_LORAS {
        return Err(Invalid::invalid_value(
            "lora",
            format!(
                "Invalid 'lora': at most {MAX_LORAS} LoRAs can apply to one video, but {} were given.",
                items.len()
            ),
        ));
    }
    let mut chosen: Vec<LoraUse> = Vec::new();
    for item in items {
        let Some(fields) = item.as_object() else { return Err(bad_type()) };
        if let Some(other) = fields.keys().find(|k| *k != "name" && *k != "scale") {
            return Err(Invalid::invalid_value(
                "lora",
                format!("Invalid 'lora': unknown field '{other}'; a LoRA is chosen by 'name' (and 'scale') only."),
            ));
        }
        let Some(name) = fields.get("name").and_then(Value::as_str) else { return Err(bad_type()) };
        let Some((_, default)) = served.iter().find(|(n, _)| n == name) else {
            let names: Vec<&str> = served.iter().map(|(n, _)| n.as_str()).collect();
            return Err(Invalid::invalid_value(
                "lora",
                format!("Model '{model}' has no LoRA named '{name}'. Its LoRAs are: {}.", quote_list(&names)),
            ));
        };
        // Multipart forms (the SDKs' `lora[][scale]`) carry the number as text.
        let scale = match fields.get("scale") {
            None | Some(Value::Null) => *default,
            Some(v) => match v.as_f64().or_else(|| v.as_str().and_then(|t| t.trim().parse().ok())) {
                Some(s) if s.is_finite() && s.abs() <= 4.0 => s as f32,
                _ => {
                    return Err(Invalid::invalid_value(
                        "lora",
                        format!("Invalid 'lora': the scale of '{name}' must be a number from -4 to 4."),
                    ));
                }
            },
        };
        if chosen.iter().any(|c| c.name == name) {
            return Err(Invalid::invalid_value("lora", format!("Invalid 'lora': '{name}' is chosen twice.")));
        }
        chosen.push(LoraUse { name: name.to_string(), scale });
    }
    Ok(chosen)
}

fn characters(form: &Form) -> Result<Vec<String>, Invalid> {
    let bad_type = || {
        Invalid::invalid_type(
            "characters",
            "Invalid type for 'characters': expected an array of objects like {\"id\": \"char_...\"}.",
        )
    };
    let items = match form.fields.get("characters") {
        None | Some(Value::Null) => return Ok(Vec::new()),
        Some(Value::Array(items)) => items,
        Some(_) => return Err(bad_type()),
    };
    if items.len() > MAX_CHARACTERS {
        return Err(Invalid::invalid_value(
            "characters",
            format!(
                "Invalid 'characters': at most {MAX_CHARACTERS} characters can appear in one video, but {} were given.",
                items.len()
            ),
        ));
    }
    let mut ids: Vec<String> = Vec::new();
    for item in items {
        let Some(id) = item.get("id").and_then(Value::as_str) else {
            return Err(bad_type());
        };
        if !ids.iter().any(|i| i == id) {
            ids.push(id.to_string());
        }
    }
    Ok(ids)
}

pub fn prompt(form: &Form) -> Result<String, Invalid> {
    match form.fields.get("prompt") {
        None | Some(Value::Null) => Err(Invalid::missing("prompt")),
        Some(Value::String(s)) => {
            if s.trim().is_empty() {
                return Err(Invalid::new(
                    "Invalid 'prompt': string too short. Expected a string with minimum length 1, but got an empty string instead.",
                )
                .param("prompt")
                .code("string_below_min_length"));
            }
            let n = s.chars().count();
            if n > MAX_PROMPT_CHARS {
                return Err(Invalid::new(format!(
                    "Invalid 'prompt': string too long. Expected a string with maximum length {MAX_PROMPT_CHARS}, but got a string with length {n} instead."
                ))
                .param("prompt")
                .code("string_above_max_length"));
            }
            Ok(s.clone())
        }
        Some(other) => Err(Invalid::invalid_type(
            "prompt",
            format!("Invalid type for 'prompt': expected a string, but got {} instead.", type_name(other)),
        )),
    }
}

pub fn seconds(form: &Form) -> Result<u32, Invalid> {
    let allowed = SECONDS.map(|s| s.to_string());
    let allowed: Vec<&str> = allowed.iter().map(String::as_str).collect();
    match form.fields.get("seconds") {
        None | Some(Value::Null) => Ok(DEFAULT_SECONDS),
        Some(Value::String(s)) => match s.parse::<u32>() {
            Ok(n) if SECONDS.contains(&n) && s == &n.to_string() => Ok(n),
            _ => Err(Invalid::invalid_value(
                "seconds",
                format!("Invalid value: '{s}'. Supported values are: {}.", quote_list(&allowed)),
            )),
        },
        Some(other) => Err(Invalid::invalid_type(
            "seconds",
            format!(
                "Invalid type for 'seconds': expected one of {}, but got {} instead.",
                quote_list_or(&allowed),
                type_name(other)
            ),
        )),
    }
}

fn seed(form: &Form) -> Result<Option<u64>, Invalid> {
    let bad =
        || Invalid::invalid_value("seed", "Invalid 'seed': expected an integer between 0 and 18446744073709551615.");
    match form.fields.get("seed") {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) => n.as_u64().map(Some).ok_or_else(bad),
        Some(Value::String(s)) => s.trim().parse::<u64>().map(Some).map_err(|_| bad()),
        Some(_) => Err(bad()),
    }
}

/// A string field that may be absent. Multipart gives strings; JSON must too.
pub fn optional_string(form: &Form, key: &str) -> Result<Option<String>, Invalid> {
    match form.fields.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(other) => Err(Invalid::invalid_type(
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

    fn err(v: Value) -> Invalid {
        create(&form(v), &ModelRegistry::builtin()).unwrap_err()
    }

    #[test]
    fn defaults_follow_the_contract() {
        let ok = create(&form(json!({"prompt": "a cat"})), &ModelRegistry::builtin()).unwrap();
        assert_eq!(
            ok,
            ValidCreate {
                prompt: "a cat".into(),
                model: "sora-2".into(),
                size: "720x1280".into(),
                seconds: 4,
                seed: None,
                reference: None,
                characters: vec![],
                loras: vec![],
            }
        );
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
            (json!({"prompt": "p", "input_reference": "https://x/y.png"}), "input_reference", "invalid_type"),
            (json!({"prompt": "p", "input_reference": {}}), "input_reference", "invalid_value"),
            (
                json!({"prompt": "p", "input_reference": {"file_id": "f", "image_url": "u"}}),
                "input_reference",
                "invalid_value",
            ),
            (json!({"prompt": "p", "input_reference": {"file_id": 3}}), "input_reference", "invalid_type"),
            (json!({"prompt": "p", "input_reference": {"url": "u"}}), "input_reference.url", "unknown_parameter"),
            (json!({"prompt": "p", "characters": "char_1"}), "characters", "invalid_type"),
            (json!({"prompt": "p", "characters": [{"name": "x"}]}), "characters", "invalid_type"),
            (
                json!({"prompt": "p", "characters": [{"id": "a"}, {"id": "b"}, {"id": "c"}]}),
                "characters",
                "invalid_value",
            ),
        ];
        for (body, param, code) in cases {
            let e = err(body.clone());
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

#[cfg(test)]
mod reference_tests {
    use super::*;
    use serde_json::json;

    fn form(v: Value) -> Form {
        Form { fields: v.as_object().unwrap().clone(), ..Default::default() }
    }

    #[test]
    fn every_reference_shape_is_read() {
        let m = ModelRegistry::builtin();
        let by_id = create(&form(json!({"prompt": "p", "input_reference": {"file_id": "file-1"}})), &m).unwrap();
        assert_eq!(by_id.reference, Some(Reference::FileId("file-1".into())));
        let by_url =
            create(&form(json!({"prompt": "p", "input_reference": {"image_url": "data:image/png;base64,AA=="}})), &m)
                .unwrap();
        assert_eq!(by_url.reference, Some(Reference::ImageUrl("data:image/png;base64,AA==".into())));
        let mut f = form(json!({"prompt": "p"}));
        f.files.push(Upload {
            field: "input_reference".into(),
            filename: Some("r.png".into()),
            content_type: None,
            data: bytes::Bytes::from_static(b"png"),
        });
        assert_eq!(create(&f, &m).unwrap().reference, Some(Reference::Upload(bytes::Bytes::from_static(b"png"))));
        let two = create(
            &form(json!({"prompt": "p", "characters": [{"id": "char_a"}, {"id": "char_b"}, {"id": "char_a"}]})),
            &m,
        );
        assert!(two.is_err(), "three entries are refused even with a repeat");
        let dup =
            create(&form(json!({"prompt": "p", "characters": [{"id": "char_a"}, {"id": "char_a"}]})), &m).unwrap();
        assert_eq!(dup.characters, vec!["char_a".to_string()]);
    }
}
