//! `/docs`: a readable reference rendered in the browser from `/openapi.json` by a page of
//! our own (embedded here: no build step, nothing fetched from another origin). A strict
//! Content-Security-Policy allows only these same-origin files, and the script writes every
//! string of the document as text.
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

const INDEX: &str = include_str!("index.html");
const SCRIPT: &str = include_str!("docs.js");
const STYLE: &str = include_str!("docs.css");

/// No inline script or style, no other origin, no framing, no plugins.
pub const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; \
                       img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

fn asset(content_type: &'static str, body: &'static str) -> Response {
    let mut resp = body.into_response();
    let h = resp.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CSP));
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    // Embedded in the binary: a new build may change them, so browsers revalidate.
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    resp
}

#[utoipa::path(
    get,
    path = "/docs",
    tag = "Operations",
    operation_id = "docs",
    summary = "This reference, as a page",
    responses((status = 200, description = "HTML", content_type = "text/html", body = String)),
    security(())
)]
pub async fn page() -> Response {
    asset("text/html; charset=utf-8", INDEX)
}

#[utoipa::path(
    get,
    path = "/docs/docs.js",
    tag = "Operations",
    operation_id = "docsScript",
    summary = "The reference page's script",
    responses((status = 200, description = "JavaScript", content_type = "text/javascript", body = String)),
    security(())
)]
pub async fn script() -> Response {
    asset("text/javascript; charset=utf-8", SCRIPT)
}

#[utoipa::path(
    get,
    path = "/docs/docs.css",
    tag = "Operations",
    operation_id = "docsStyle",
    summary = "The reference page's style sheet",
    responses((status = 200, description = "CSS", content_type = "text/css", body = String)),
    security(())
)]
pub async fn style() -> Response {
    asset("text/css; charset=utf-8", STYLE)
}
