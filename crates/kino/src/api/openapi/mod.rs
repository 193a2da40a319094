//! `GET /openapi.json`: the OpenAPI 3.1 document of every route Kino serves, generated from
//! the handlers' `#[utoipa::path]` annotations and the wire types, so it moves with the
//! code; `/docs` renders it. The `/videos` schemas carry OpenAI's names and shapes (a test
//! holds them to OpenAI's published spec).
pub mod bodies;

use axum::http::header;
use axum::response::IntoResponse;
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa::{Modify, OpenApi};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Kino",
        description = "OpenAI's Videos API (create, poll, download, remix, edits, extensions, characters, \
                       Files, Batch, webhooks), self-hosted. Point an OpenAI SDK at `/v1`. Kino's \
                       extensions: live progress as Server-Sent Events, usage, health.",
        license(name = "Apache-2.0", identifier = "Apache-2.0"),
    ),
    paths(
        super::videos::create,
        super::videos::list,
        super::videos::retrieve,
        super::videos::delete,
        super::content::download,
        super::derived::remix,
        super::derived::edit,
        super::derived::extend,
        super::characters::create,
        super::characters::retrieve,
        super::characters::list,
        super::characters::cutout,
        super::events::video,
        super::events::videos,
        super::events::batch,
        super::files::create,
        super::files::list,
        super::files::retrieve,
        super::files::delete,
        super::files::content,
        super::batches::create,
        super::batches::list,
        super::batches::retrieve,
        super::batches::cancel,
        super::webhooks::create,
        super::webhooks::list,
        super::webhooks::retrieve,
        super::webhooks::update,
        super::webhooks::delete,
        super::webhooks::rotate_secret,
        super::webhooks::test,
        super::webhooks::event_types,
        super::ops::list_models,
        super::ops::retrieve_model,
        super::usage::videos,
        super::content_token::issue,
        super::ops::healthz,
        super::ops::readyz,
        super::metrics::metrics,
        openapi_json,
        super::docs::page,
        super::docs::file,
        super::studio::page,
        super::studio::file,
    ),
    // Named by the bodies' `oneOf`s (an upload or a reference), which do not register them.
    components(schemas(bodies::VideoRef, bodies::ImageRef)),
    modifiers(&BearerAuth),
    security(("ApiKeyAuth" = [])),
    tags(
        (name = "Videos", description = "Generate, poll, download, remix, edit and extend videos; characters."),
        (name = "Events", description = "Kino extension: live progress as Server-Sent Events."),
        (name = "Files", description = "Uploads: batch input, reference images."),
        (name = "Batch", description = "Many video requests from one JSONL file."),
        (name = "Webhooks", description = "Signed deliveries of video and batch events."),
        (name = "Models", description = "What this server renders."),
        (name = "Usage", description = "Kino extension: cost and seconds."),
        (name = "Operations", description = "Health, readiness, metrics, this document."),
    )
)]
pub struct ApiDoc;

/// `Authorization: Bearer KEY`, as OpenAI's spec names it.
struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, doc: &mut utoipa::openapi::OpenApi) {
        let components = doc.components.get_or_insert_with(Default::default);
        components.add_security_scheme("ApiKeyAuth", SecurityScheme::Http(Http::new(HttpAuthScheme::Bearer)));
    }
}

/// The document, built once.
pub fn document() -> &'static str {
    static DOC: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DOC.get_or_init(|| ApiDoc::openapi().to_pretty_json().expect("the OpenAPI document serializes"))
}

#[utoipa::path(
    get,
    path = "/openapi.json",
    tag = "Operations",
    operation_id = "openapi",
    summary = "This document",
    responses((status = 200, description = "OpenAPI 3.1", content_type = "application/json", body = Object)),
    security(())
)]
pub async fn openapi_json() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "application/json")], document())
}
