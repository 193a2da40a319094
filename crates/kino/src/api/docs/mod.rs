//! `/docs`: a readable reference rendered in the browser from `/openapi.json` by a page of
//! our own, served like every page (`page.rs`); the script writes every string of the
//! document as text.
use axum::response::Response;

use super::page::asset;

const INDEX: &str = include_str!("index.html");
const SCRIPT: &str = include_str!("docs.js");
const STYLE: &str = include_str!("docs.css");

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
