//! Kino Studio at `/`: the page where a person makes, watches and manages videos. It is a
//! client of the public API (bearer key, `/v1` routes, the events streams), written as plain
//! ES modules embedded in the binary (`crates/kino/studio/`): no build step, no Node.
use axum::response::Response;

use super::error::ApiResult;
use super::extract::Path;
use super::page::{CSS, File, HTML, JS, asset};

const FILES: &[File] = &[
    ("app.js", JS, include_str!("../../studio/app.js")),
    ("api.js", JS, include_str!("../../studio/api.js")),
    ("ui.js", JS, include_str!("../../studio/ui.js")),
    ("create.js", JS, include_str!("../../studio/create.js")),
    ("queue.js", JS, include_str!("../../studio/queue.js")),
    ("library.js", JS, include_str!("../../studio/library.js")),
    ("video.js", JS, include_str!("../../studio/video.js")),
    ("characters.js", JS, include_str!("../../studio/characters.js")),
    ("batches.js", JS, include_str!("../../studio/batches.js")),
    ("usage.js", JS, include_str!("../../studio/usage.js")),
    ("webhooks.js", JS, include_str!("../../studio/webhooks.js")),
    ("app.css", CSS, include_str!("../../studio/app.css")),
];
const INDEX: &str = include_str!("../../studio/index.html");

#[utoipa::path(
    get,
    path = "/",
    tag = "Operations",
    operation_id = "studio",
    summary = "Kino Studio: make, watch and manage videos in a browser",
    responses((status = 200, description = "HTML", content_type = "text/html", body = String)),
    security(())
)]
pub async fn page() -> Response {
    asset(HTML, INDEX)
}

#[utoipa::path(
    get,
    path = "/studio/{file}",
    tag = "Operations",
    operation_id = "studioFile",
    summary = "One of Kino Studio's scripts or its style sheet",
    params(("file" = String, Path, description = "e.g. `app.js`")),
    responses(
        (status = 200, description = "JavaScript or CSS", body = String),
        (status = 404, description = "No such file", body = crate::wire::ErrorEnvelope),
    ),
    security(())
)]
pub async fn file(Path(name): Path<String>) -> ApiResult<Response> {
    super::page::file(FILES, &name)
}

/// Bytes of everything a first visit loads (the page, its scripts and style sheet).
pub fn first_load_bytes() -> usize {
    INDEX.len() + FILES.iter().map(|(_, _, body)| body.len()).sum::<usize>()
}
