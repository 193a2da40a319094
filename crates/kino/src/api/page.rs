//! What every page's files are served with: embedded in the binary (no build step, nothing
//! fetched from another origin) and a strict Content-Security-Policy that allows only
//! same-origin script, style, requests and media (no inline script, no framing).
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

use super::error::{ApiError, ApiResult};

/// A page's file: its name under the page's path, content type, bytes.
pub type File = (&'static str, &'static str, &'static str);
pub const JS: &str = "text/javascript; charset=utf-8";
pub const CSS: &str = "text/css; charset=utf-8";
pub const HTML: &str = "text/html; charset=utf-8";

/// `name` of `files`, or a 404 in the envelope.
pub fn file(files: &[File], name: &str) -> ApiResult<Response> {
    files
        .iter()
        .find(|(n, _, _)| *n == name)
        .map(|(_, ctype, body)| asset(ctype, body))
        .ok_or_else(|| ApiError::not_found(format!("No such file: '{name}'.")))
}

/// `blob:` and `data:` images only (a chosen file's preview, an empty favicon).
pub const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; \
                       img-src 'self' blob: data:; media-src 'self'; base-uri 'none'; form-action 'none'; \
                       frame-ancestors 'none'";

pub fn asset(content_type: &'static str, body: &'static str) -> Response {
    let mut resp = body.into_response();
    let h = resp.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CSP));
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    // Content URLs carry a content token: never send them on as a referrer.
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    // Embedded in the binary: a new build may change them, so browsers revalidate.
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    resp
}
