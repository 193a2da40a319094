//! `/docs`: a readable reference rendered in the browser from `/openapi.json` by a page of
//! our own, served like every page (`page.rs`); the script writes every string of the
//! document as text.
use axum::response::Response;

use super::error::ApiResult;
use super::extract::Path;
use super::page::{CSS, File, HTML, JS, asset};

const INDEX: &str = include_str!("index.html");
const FILES: &[File] = &[("docs.js", JS, include_str!("docs.js")), ("docs.css", CSS, include_str!("docs.css"))];

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
    asset(HTML, INDEX)
}

#[utoipa::path(
    get,
    path = "/docs/{file}",
    tag = "Operations",
    operation_id = "docsFile",
    summary = "The reference page's script or style sheet",
    params(("file" = String, Path, description = "`docs.js` or `docs.css`")),
    responses(
        (status = 200, description = "JavaScript or CSS", body = String),
        (status = 404, description = "No such file", body = crate::wire::ErrorEnvelope),
    ),
    security(())
)]
pub async fn file(Path(name): Path<String>) -> ApiResult<Response> {
    super::page::file(FILES, &name)
}
