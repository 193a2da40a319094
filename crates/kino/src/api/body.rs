//! Request bodies: read with a hard size cap (413 before anything is buffered past it),
//! then parsed from JSON or multipart into one shape. Multipart fields use the SDKs'
//! bracket notation (`input_reference[file_id]`, `characters[][id]`), which becomes the
//! same nested JSON a JSON body would carry, so validation sees one form.
use axum::body::Body;
use axum::http::HeaderMap;
use axum::http::header::{CONTENT_LENGTH, CONTENT_TYPE};
use bytes::Bytes;
use http_body_util::BodyExt;
use serde_json::{Map, Value};

use super::error::ApiError;
pub use crate::create::{Form, Upload};

/// Read the body, refusing more than `limit` bytes.
pub async fn read_limited(headers: &HeaderMap, body: Body, limit: usize) -> Result<Bytes, ApiError> {
    let declared = headers.get(CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit as u64) {
        return Err(ApiError::payload_too_large(limit));
    }
    match http_body_util::Limited::new(body, limit).collect().await {
        Ok(collected) => Ok(collected.to_bytes()),
        Err(e) if e.downcast_ref::<http_body_util::LengthLimitError>().is_some() => {
            Err(ApiError::payload_too_large(limit))
        }
        Err(e) => Err(ApiError::bad_request(format!("Could not read the request body: {e}"))),
    }
}

/// Parse a JSON or multipart body. An empty body is an empty form.
pub async fn parse_form(headers: &HeaderMap, body: Body, limit: usize) -> Result<Form, ApiError> {
    let content_type = headers.get(CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("").to_string();
    let bytes = read_limited(headers, body, limit).await?;
    let mime = content_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    if mime == "multipart/form-data" {
        return parse_multipart(&content_type, bytes).await;
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(Form::default());
    }
    if !(mime.is_empty() || mime == "application/json" || mime.ends_with("+json")) {
        return Err(ApiError::bad_request(format!(
            "Unsupported content type '{mime}': send application/json or multipart/form-data."
        ))
        .code("unsupported_content_type"));
    }
    match serde_json::from_slice::<Value>(&bytes) {
        Ok(Value::Object(fields)) => Ok(Form { fields, files: Vec::new() }),
        Ok(_) => Err(ApiError::bad_request("The request body must be a JSON object.").code("invalid_json")),
        Err(e) => Err(ApiError::bad_request(format!("We could not parse the JSON body of your request. ({e})"))
            .code("invalid_json")),
    }
}

async fn parse_multipart(content_type: &str, bytes: Bytes) -> Result<Form, ApiError> {
    let boundary = multer::parse_boundary(content_type)
        .map_err(|_| ApiError::bad_request("Malformed multipart body: missing boundary.").code("invalid_multipart"))?;
    let stream = futures::stream::once(async move { Ok::<_, std::io::Error>(bytes) });
    let mut multipart = multer::Multipart::new(stream, boundary);
    let mut form = Form::default();
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(e) => {
                return Err(ApiError::bad_request(format!("Malformed multipart body: {e}")).code("invalid_multipart"));
            }
        };
        let name = field.name().unwrap_or("").to_string();
        if name.is_empty() {
            return Err(
                ApiError::bad_request("Malformed multipart body: a part has no name.").code("invalid_multipart")
            );
        }
        let filename = field.file_name().map(str::to_string);
        let part_type = field.content_type().map(|m| m.to_string());
        let data = field
            .bytes()
            .await
            .map_err(|e| ApiError::bad_request(format!("Malformed multipart body: {e}")).code("invalid_multipart"))?;
        if filename.is_some() {
            form.files.push(Upload { field: name, filename, content_type: part_type, data });
            continue;
        }
        let text = String::from_utf8(data.to_vec())
            .map_err(|_| ApiError::bad_request(format!("Multipart field '{name}' is not valid UTF-8.")).param(&name))?;
        insert_bracketed(&mut form.fields, &name, Value::String(text))?;
    }
    Ok(form)
}

/// Insert `value` under a bracketed key: `a` → a, `a[b]` → a.b, `a[][b]` → a[i].b where a new
/// element starts whenever the last one already has `b` (how SDKs repeat array items).
fn insert_bracketed(fields: &mut Map<String, Value>, key: &str, value: Value) -> Result<(), ApiError> {
    let bad = || ApiError::bad_request(format!("Malformed field name '{key}'.")).code("invalid_multipart");
    let (root, rest) = match key.find('[') {
        Some(i) => (&key[..i], &key[i..]),
        None => (key, ""),
    };
    if root.is_empty() {
        return Err(bad());
    }
    let mut segments = Vec::new();
    let mut rest = rest;
    while !rest.is_empty() {
        let close = rest.find(']').ok_or_else(bad)?;
        if !rest.starts_with('[') {
            return Err(bad());
        }
        segments.push(&rest[1..close]);
        rest = &rest[close + 1..];
    }
    match segments.as_slice() {
        [] => {
            fields.insert(root.to_string(), value);
        }
        [sub] if !sub.is_empty() => {
            let obj = fields.entry(root.to_string()).or_insert_with(|| Value::Object(Map::new()));
            let obj = obj.as_object_mut().ok_or_else(bad)?;
            obj.insert(sub.to_string(), value);
        }
        [""] => {
            let arr = fields.entry(root.to_string()).or_insert_with(|| Value::Array(Vec::new()));
            arr.as_array_mut().ok_or_else(bad)?.push(value);
        }
        ["", sub] if !sub.is_empty() => {
            let arr = fields.entry(root.to_string()).or_insert_with(|| Value::Array(Vec::new()));
            let arr = arr.as_array_mut().ok_or_else(bad)?;
            let start_new = match arr.last() {
                Some(Value::Object(last)) => last.contains_key(*sub),
                _ => true,
            };
            if start_new {
                arr.push(Value::Object(Map::new()));
            }
            let last = arr.last_mut().and_then(Value::as_object_mut).ok_or_else(bad)?;
            last.insert(sub.to_string(), value);
        }
        _ => return Err(bad()),
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn build(pairs: &[(&str, &str)]) -> Value {
        let mut m = Map::new();
        for (k, v) in pairs {
            insert_bracketed(&mut m, k, Value::String(v.to_string())).unwrap();
        }
        Value::Object(m)
    }

    #[test]
    fn sdk_bracket_notation_becomes_nested_json() {
        let v = build(&[
            ("prompt", "p"),
            ("input_reference[file_id]", "file-1"),
            ("characters[][id]", "char_1"),
            ("characters[][id]", "char_2"),
        ]);
        assert_eq!(
            v,
            json!({"prompt":"p","input_reference":{"file_id":"file-1"},"characters":[{"id":"char_1"},{"id":"char_2"}]})
        );
    }

    #[test]
    fn array_items_with_several_keys_group_together() {
        let v = build(&[("a[][id]", "1"), ("a[][name]", "x"), ("a[][id]", "2")]);
        assert_eq!(v, json!({"a":[{"id":"1","name":"x"},{"id":"2"}]}));
    }

    #[test]
    fn malformed_names_are_rejected() {
        let mut m = Map::new();
        for key in ["[x]", "a[b", "a]b[", "a[b][c][d]", "a[]x"] {
            assert!(insert_bracketed(&mut m, key, Value::Null).is_err(), "{key}");
        }
    }
}
