//! `/v1/webhook_endpoints` and `/v1/webhook_event_types`: the endpoint management API the
//! OpenAI SDK has as `client.webhooks.*`. Secrets are shown once (create, rotate); later
//! reads show a hint. URLs obey the same address rules as `image_url`.
use axum::Json;
use axum::body::Body;
use axum::extract::{Extension, RawQuery, State};
use axum::http::HeaderMap;
use serde::Serialize;
use serde_json::Value;

use super::auth::Project;
use super::body::{Form, parse_form};
use super::error::{ApiError, ApiResult};
use super::extract::Path;
use super::openapi::bodies;
use super::paging;
use crate::app::AppState;
use crate::create::validate::{known_fields, optional_string, quote_list};
use crate::ids;
use crate::repo::WebhookEndpointRow;
use crate::webhooks::{SUBSCRIBABLE, is_subscribable, send_now, sign};
use crate::wire::ErrorEnvelope;
use crate::wire::{List, Listed};

/// The fields of an endpoint (create and update), a rotation and a test.
pub(super) const ENDPOINT_FIELDS: [&str; 3] = ["name", "url", "event_types"];
pub(super) const ROTATE_FIELDS: [&str; 1] = ["keep_old_secret_active_for_24_hours"];
pub(super) const TEST_FIELDS: [&str; 1] = ["event_type"];
const MAX_NAME_CHARS: usize = 256;
const MAX_URL_CHARS: usize = 2048;
/// How long the old secret keeps signing after `keep_old_secret_active_for_24_hours`.
const OVERLAP_SECS: i64 = 24 * 3600;

/// An endpoint; `signing_secret` only on create and rotate (`WebhookEndpointWithSecret`).
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct WebhookEndpoint {
    pub id: String,
    pub object: &'static str,
    pub name: String,
    pub url: String,
    pub event_types: Vec<String>,
    pub created_at: i64,
    #[schema(required = true)]
    pub updated_at: Option<i64>,
    #[schema(required = true)]
    pub signing_secret_hint: Option<String>,
    /// Only on create and rotate.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signing_secret: Option<String>,
}

impl WebhookEndpoint {
    fn from_row(r: WebhookEndpointRow, with_secret: bool) -> Self {
        Self {
            signing_secret_hint: Some(sign::hint(&r.secret)),
            signing_secret: with_secret.then(|| r.secret.clone()),
            id: r.id,
            object: "webhook_endpoint",
            name: r.name,
            url: r.url,
            event_types: r.event_types,
            created_at: r.created_at,
            updated_at: Some(r.updated_at),
        }
    }
}

/// As listed: without the secret.
impl From<WebhookEndpointRow> for WebhookEndpoint {
    fn from(r: WebhookEndpointRow) -> Self {
        Self::from_row(r, false)
    }
}

impl Listed for WebhookEndpoint {
    fn list_id(&self) -> &str {
        &self.id
    }
}

#[utoipa::path(
    post,
    path = "/v1/webhook_endpoints",
    tag = "Webhooks",
    operation_id = "createWebhookEndpoint",
    summary = "Register a webhook endpoint",
    request_body(content = bodies::WebhookCreateBody, content_type = "application/json"),
    responses((status = 200, description = "The endpoint with its `signing_secret`", body = WebhookEndpoint), (status = "4XX", description = "Refused: OpenAI's error envelope", body = ErrorEnvelope))
)]
pub async fn create(
    State(state): State<AppState>,
    Extension(project): Extension<Project>,
    headers: HeaderMap,
    body: Body,
) -> ApiResult<Json<WebhookEndpoint>> {
    let form = parse_form(&headers, body, state.config.max_body_bytes()).await?;
    known_fields(&form, &ENDPOINT_FIELDS)?;
    // Cheap checks first: the URL check resolves the host.
    let name = name(&form)?.ok_or_else(|| ApiError::missing("name"))?;
    let event_types = event_types_field(&form)?.ok_or_else(|| ApiError::missing("event_types"))?;
    let url = url(&state, &form).await?.ok_or_else(|| ApiError::missing("url"))?;
    let now = ids::now_secs();
    let row = WebhookEndpointRow {
        id: ids::webhook_endpoint_id(),
        project_id: project.0,
        name,
        url,
        event_types,
        secret: sign::new_secret(),
        old_secret: None,
        old_secret_expires_at: None,
        created_at: now,
        updated_at: now,
    };
    state.repo.create_webhook(&row).await?;
    tracing::info!(endpoint = %row.id, url = %row.url, events = ?row.event_types, "webhook endpoint created");
    Ok(Json(WebhookEndpoint::from_row(row, true)))
}

#[utoipa::path(
    get,
    path = "/v1/webhook_endpoints/{endpoint_id}",
    tag = "Webhooks",
    operation_id = "retrieveWebhookEndpoint",
    summary = "Retrieve a webhook endpoint",
    params(("endpoint_id" = String, Path, description = "A webhook endpoint of the caller's project")),
    responses((status = 200, description = "The endpoint", body = WebhookEndpoint), (status = "4XX", description = "Refused: OpenAI's error envelope", body = ErrorEnvelope))
)]
pub async fn retrieve(
    State(state): State<AppState>,
    Extension(project): Extension<Project>,
    Path(id): Path<String>,
) -> ApiResult<Json<WebhookEndpoint>> {
    Ok(Json(WebhookEndpoint::from_row(find(&state, &project, &id).await?, false)))
}

#[utoipa::path(
    post,
    path = "/v1/webhook_endpoints/{endpoint_id}",
    tag = "Webhooks",
    operation_id = "updateWebhookEndpoint",
    summary = "Update a webhook endpoint",
    params(("endpoint_id" = String, Path, description = "A webhook endpoint of the caller's project")),
    request_body(content = bodies::WebhookUpdateBody, content_type = "application/json"),
    responses((status = 200, description = "The endpoint", body = WebhookEndpoint), (status = "4XX", description = "Refused: OpenAI's error envelope", body = ErrorEnvelope))
)]
pub async fn update(
    State(state): State<AppState>,
    Extension(project): Extension<Project>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Body,
) -> ApiResult<Json<WebhookEndpoint>> {
    let form = parse_form(&headers, body, state.config.max_body_bytes()).await?;
    known_fields(&form, &ENDPOINT_FIELDS)?;
    let mut row = find(&state, &project, &id).await?;
    let before = row.clone();
    if let Some(name) = name(&form)? {
        row.name = name;
    }
    if let Some(url) = url(&state, &form).await? {
        row.url = url;
    }
    if let Some(types) = event_types_field(&form)? {
        row.event_types = types;
    }
    // Unchanged updates do not advance updated_at (the SDK documents this).
    if row != before {
        row.updated_at = ids::now_secs();
        if !state.repo.update_webhook(&row).await? {
            return Err(not_found(&id));
        }
    }
    Ok(Json(WebhookEndpoint::from_row(row, false)))
}

#[utoipa::path(
    get,
    path = "/v1/webhook_endpoints",
    tag = "Webhooks",
    operation_id = "listWebhookEndpoints",
    summary = "List webhook endpoints",
    params(("limit" = Option<u32>, Query, description = "Page size"), ("after" = Option<String>, Query, description = "The last id of the previous page")),
    responses((status = 200, description = "One page", body = List<WebhookEndpoint>), (status = "4XX", description = "Refused: OpenAI's error envelope", body = ErrorEnvelope))
)]
pub async fn list(
    State(state): State<AppState>,
    Extension(project): Extension<Project>,
    RawQuery(query): RawQuery,
) -> ApiResult<Json<List<WebhookEndpoint>>> {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(query.as_deref().unwrap_or(""))
        .map_err(|_| ApiError::bad_request("Malformed query string."))?;
    let (mut after, mut limit) = (None, 20);
    for (key, value) in pairs {
        match key.as_str() {
            "after" if !value.is_empty() => after = Some(value),
            "limit" => limit = paging::limit(&value, 1, 100)?,
            _ => {}
        }
    }
    let (rows, has_more) = state.repo.list_webhooks(&project.0, after.as_deref(), limit).await?;
    Ok(Json(List::page(rows, has_more)))
}

#[utoipa::path(
    delete,
    path = "/v1/webhook_endpoints/{endpoint_id}",
    tag = "Webhooks",
    operation_id = "deleteWebhookEndpoint",
    summary = "Delete a webhook endpoint",
    params(("endpoint_id" = String, Path, description = "A webhook endpoint of the caller's project")),
    responses((status = 200, description = "Deleted", body = Object), (status = "4XX", description = "Refused: OpenAI's error envelope", body = ErrorEnvelope))
)]
pub async fn delete(
    State(state): State<AppState>,
    Extension(project): Extension<Project>,
    Path(id): Path<String>,
) -> ApiResult<Json<Value>> {
    if !state.repo.delete_webhook(&project.0, &id).await? {
        return Err(not_found(&id));
    }
    tracing::info!(endpoint = %id, "webhook endpoint deleted");
    Ok(Json(serde_json::json!({"id": id, "object": "webhook_endpoint.deleted", "deleted": true})))
}

#[utoipa::path(
    post,
    path = "/v1/webhook_endpoints/{endpoint_id}/rotate_secret",
    tag = "Webhooks",
    operation_id = "rotateWebhookEndpointSecret",
    summary = "Rotate the signing secret",
    params(("endpoint_id" = String, Path, description = "A webhook endpoint of the caller's project")),
    request_body(content = bodies::WebhookRotateBody, content_type = "application/json"),
    responses((status = 200, description = "The endpoint with its new `signing_secret`", body = WebhookEndpoint), (status = "4XX", description = "Refused: OpenAI's error envelope", body = ErrorEnvelope))
)]
pub async fn rotate_secret(
    State(state): State<AppState>,
    Extension(project): Extension<Project>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Body,
) -> ApiResult<Json<WebhookEndpoint>> {
    let form = parse_form(&headers, body, state.config.max_body_bytes()).await?;
    known_fields(&form, &ROTATE_FIELDS)?;
    let keep = match form.fields.get("keep_old_secret_active_for_24_hours") {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(Value::String(s)) if s == "true" || s == "false" => s == "true",
        Some(_) => {
            return Err(ApiError::invalid_type(
                "keep_old_secret_active_for_24_hours",
                "Invalid type for 'keep_old_secret_active_for_24_hours': expected a boolean.",
            ));
        }
    };
    let mut row = find(&state, &project, &id).await?;
    let now = ids::now_secs();
    let old = std::mem::replace(&mut row.secret, sign::new_secret());
    (row.old_secret, row.old_secret_expires_at) =
        if keep { (Some(old), Some(now + OVERLAP_SECS)) } else { (None, None) };
    row.updated_at = now;
    if !state.repo.update_webhook(&row).await? {
        return Err(not_found(&id));
    }
    tracing::info!(endpoint = %id, keep_old = keep, "webhook secret rotated");
    Ok(Json(WebhookEndpoint::from_row(row, true)))
}

/// Send a sample event now and report the receiver's answer. The SDK's result type only
/// knows success, so a failed test is an error naming what the receiver did.
#[utoipa::path(
    post,
    path = "/v1/webhook_endpoints/{endpoint_id}/test",
    tag = "Webhooks",
    operation_id = "testWebhookEndpoint",
    summary = "Send a signed sample event now",
    params(("endpoint_id" = String, Path, description = "A webhook endpoint of the caller's project")),
    request_body(content = bodies::WebhookTestBody, content_type = "application/json"),
    responses((status = 200, description = "The receiver answered 2xx", body = Object), (status = "4XX", description = "Refused: OpenAI's error envelope", body = ErrorEnvelope))
)]
pub async fn test(
    State(state): State<AppState>,
    Extension(project): Extension<Project>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Body,
) -> ApiResult<Json<Value>> {
    let form = parse_form(&headers, body, state.config.max_body_bytes()).await?;
    known_fields(&form, &TEST_FIELDS)?;
    let event_type = match optional_string(&form, "event_type")? {
        None => return Err(ApiError::missing("event_type")),
        Some(t) => check_event_type(&t, "event_type")?,
    };
    let row = find(&state, &project, &id).await?;
    let event_id = ids::event_id();
    let sample_id = sample_object_id(&event_type);
    let payload = serde_json::json!({
        "id": event_id, "object": "event", "created_at": ids::now_secs(), "type": event_type,
        "data": {"id": sample_id},
    })
    .to_string();
    let secrets = row.live_secrets(ids::now_secs());
    let msg_id = format!("msg_test_{}", &event_id[4..]);
    let result = send_now(&state, &row.url, &msg_id, &secrets, &payload, state.config.webhooks.timeout).await;
    match result {
        Ok(code) if (200..300).contains(&code) => Ok(Json(serde_json::json!({
            "event_type": event_type, "object": "webhook_endpoint.test", "status_code": code,
            "success": true, "webhook_endpoint_id": row.id,
        }))),
        Ok(code) => {
            Err(ApiError::bad_request(format!("The test delivery to {} was answered with HTTP {code}.", row.url))
                .code("webhook_test_failed"))
        }
        Err(e) => {
            Err(ApiError::bad_request(format!("The test delivery to {} failed: {e}", row.url))
                .code("webhook_test_failed"))
        }
    }
}

/// Every type an endpoint may subscribe to, as the SDKs list them (Kino emits the video and
/// batch ones).
#[utoipa::path(
    get,
    path = "/v1/webhook_event_types",
    tag = "Webhooks",
    operation_id = "listWebhookEventTypes",
    summary = "The event types an endpoint may subscribe to",
    responses((status = 200, description = "`{object: list, data: [string]}`", body = Object))
)]
pub async fn event_types() -> Json<Value> {
    Json(serde_json::json!({"object": "list", "data": SUBSCRIBABLE}))
}

/// The `data.id` of a sample event: an id shaped like the object the event type is about.
fn sample_object_id(event_type: &str) -> &'static str {
    match event_type.split('.').next() {
        Some("video") => "video_test",
        Some("batch") => "batch_test",
        Some("response") => "resp_test",
        Some("eval") => "evalrun_test",
        Some("fine_tuning") => "ftjob_test",
        Some("realtime") => "rtc_test",
        Some("agent") => "agent_test",
        Some("safety") => "safety_test",
        _ => "test",
    }
}

async fn find(state: &AppState, project: &Project, id: &str) -> ApiResult<WebhookEndpointRow> {
    state.repo.get_webhook(&project.0, id).await?.ok_or_else(|| not_found(id))
}

fn not_found(id: &str) -> ApiError {
    ApiError::not_found(format!("Webhook endpoint with id '{id}' not found."))
}

fn name(form: &Form) -> ApiResult<Option<String>> {
    match optional_string(form, "name")? {
        Some(n) if n.trim().is_empty() || n.chars().count() > MAX_NAME_CHARS => {
            Err(ApiError::invalid_value("name", format!("Invalid 'name': expected 1 to {MAX_NAME_CHARS} characters.")))
        }
        other => Ok(other),
    }
}

async fn url(state: &AppState, form: &Form) -> ApiResult<Option<String>> {
    let Some(url) = optional_string(form, "url")? else {
        return Ok(None);
    };
    if url.len() > MAX_URL_CHARS {
        return Err(ApiError::invalid_value("url", format!("Invalid 'url': longer than {MAX_URL_CHARS} characters.")));
    }
    match state.fetcher.check_url(&url).await {
        Ok(parsed) => Ok(Some(parsed.to_string())),
        Err(e) => Err(ApiError::bad_request(format!("Invalid 'url': {e}")).param("url").code(e.url_code())),
    }
}

fn event_types_field(form: &Form) -> ApiResult<Option<Vec<String>>> {
    let items = match form.fields.get("event_types") {
        None | Some(Value::Null) => return Ok(None),
        Some(Value::Array(items)) => items,
        Some(_) => {
            return Err(ApiError::invalid_type(
                "event_types",
                "Invalid type for 'event_types': expected an array of strings.",
            ));
        }
    };
    if items.is_empty() {
        return Err(ApiError::invalid_value("event_types", "Invalid 'event_types': give at least one event type."));
    }
    let mut out: Vec<String> = Vec::new();
    for item in items {
        let Some(t) = item.as_str() else {
            return Err(ApiError::invalid_type("event_types", "Invalid type for 'event_types': expected strings."));
        };
        let t = check_event_type(t, "event_types")?;
        if !out.contains(&t) {
            out.push(t);
        }
    }
    out.sort();
    Ok(Some(out))
}

fn check_event_type(t: &str, param: &str) -> ApiResult<String> {
    if is_subscribable(t) {
        Ok(t.to_string())
    } else {
        Err(ApiError::invalid_value(
            param,
            format!("Invalid value: '{t}'. Supported values are: {}.", quote_list(&SUBSCRIBABLE)),
        ))
    }
}
