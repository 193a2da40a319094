//! `GET /v1/videos/{id}/content?variant=video|thumbnail|spritesheet`: streamed from the
//! store, with single-range `Range` support for players and resumed downloads; or, with S3
//! and --download-redirect, a `302 Found` to a short-lived presigned URL of the object (the
//! client repeats its `Range` there). Local downloads carry validators and an immutable
//! `Cache-Control` (`conditional.rs`). Anything not downloadable is a 404 with a JSON error —
//! never a 200 with a JSON body.
use std::ops::Range;

use axum::body::Body;
use axum::extract::{Extension, RawQuery, State};
use axum::http::header::{
    ACCEPT_RANGES, CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_LENGTH, CONTENT_RANGE, CONTENT_TYPE, LOCATION, RANGE,
};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::Response;

use super::auth::Project;
use super::conditional::Validators;
use super::error::{ApiError, ApiResult};
use super::extract::Path;
use super::videos::find;
use crate::app::AppState;
use crate::repo::VideoStatus;
use crate::storage::{Asset, asset_key};
use crate::wire::ErrorEnvelope;

#[utoipa::path(
    get,
    path = "/v1/videos/{video_id}/content",
    tag = "Videos",
    operation_id = "RetrieveVideoContent",
    summary = "Download the video, its thumbnail or its spritesheet",
    params(("video_id" = String, Path, description = "A video of the caller's project"), ("variant" = Option<String>, Query, description = "`video` (MP4, default), `thumbnail` (WebP) or `spritesheet` (JPEG)")),
    responses((status = 200, description = "The bytes (`Range` supported: 206)", content((Vec<u8> = "video/mp4"), (Vec<u8> = "image/webp"), (Vec<u8> = "image/jpeg"))), (status = 206, description = "The requested range", body = Vec<u8>), (status = "4XX", description = "Refused: OpenAI's error envelope", body = ErrorEnvelope))
)]
pub async fn download(
    State(state): State<AppState>,
    Extension(project): Extension<Project>,
    Path(video_id): Path<String>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> ApiResult<Response> {
    let asset = variant(query.as_deref().unwrap_or(""))?;
    let video = find(&state, &project, &video_id).await?;
    let prefix = match (video.status, &video.asset_prefix) {
        (VideoStatus::Completed, Some(prefix)) => prefix.clone(),
        (VideoStatus::Failed, _) => {
            return Err(ApiError::not_found(format!("Video '{video_id}' failed and has no content.")));
        }
        (status, _) => {
            return Err(ApiError::not_found(format!(
                "Video is not ready yet. Wait until its status is 'completed' before downloading (status: '{}', progress: {}%).",
                status.as_str(),
                video.progress
            )));
        }
    };
    let key = asset_key(&prefix, asset);
    // Also the existence check: a missing object is our JSON 404, not the store's.
    let opened = state.storage.open(&key).await?;
    let size = opened.size;
    let disposition = format!("inline; filename=\"{video_id}.{}\"", extension(asset));
    if let Some(url) = state.storage.download_url(&key, asset.content_type(), &disposition).await? {
        return Response::builder()
            .status(StatusCode::FOUND)
            .header(LOCATION, url.as_str())
            // The URL expires: nothing may keep this answer.
            .header(CACHE_CONTROL, "no-store")
            .body(Body::empty())
            .map_err(ApiError::internal);
    }
    // A completed video's assets never change: validators, 304s and If-Range.
    let validators = Validators::new(&key, size, video.completed_at.unwrap_or(video.created_at));
    if validators.not_modified(&headers) {
        let mut resp = Response::builder().status(StatusCode::NOT_MODIFIED);
        for (name, value) in validators.headers() {
            resp = resp.header(name, value);
        }
        return resp.body(Body::empty()).map_err(ApiError::internal);
    }
    let wanted = headers.get(RANGE).and_then(|v| v.to_str().ok()).filter(|_| validators.range_applies(&headers));
    let range = match wanted {
        Some(h) => match parse_range(h, size) {
            RangeRequest::Satisfiable(r) => Some(r),
            RangeRequest::Ignore => None,
            RangeRequest::Unsatisfiable => return Ok(unsatisfiable(size)),
        },
        None => None,
    };
    let download = opened.read(range.clone()).await?;
    let mut builder = Response::builder()
        .header(CONTENT_TYPE, asset.content_type())
        .header(ACCEPT_RANGES, "bytes")
        .header(CONTENT_DISPOSITION, disposition)
        .header(CONTENT_LENGTH, download.range.end - download.range.start);
    for (name, value) in validators.headers() {
        builder = builder.header(name, value);
    }
    builder = match range {
        Some(_) => builder.status(StatusCode::PARTIAL_CONTENT).header(
            CONTENT_RANGE,
            format!("bytes {}-{}/{}", download.range.start, download.range.end - 1, download.size),
        ),
        None => builder.status(StatusCode::OK),
    };
    builder.body(Body::from_stream(download.stream)).map_err(ApiError::internal)
}

fn variant(raw: &str) -> ApiResult<Asset> {
    let pairs: Vec<(String, String)> =
        serde_urlencoded::from_str(raw).map_err(|_| ApiError::bad_request("Malformed query string."))?;
    match pairs.iter().find(|(k, _)| k == "variant").map(|(_, v)| v.as_str()) {
        None | Some("video") => Ok(Asset::Video),
        Some("thumbnail") => Ok(Asset::Thumbnail),
        Some("spritesheet") => Ok(Asset::Spritesheet),
        Some(other) => Err(ApiError::invalid_value(
            "variant",
            format!("Invalid value: '{other}'. Supported values are: 'video', 'thumbnail', and 'spritesheet'."),
        )),
    }
}

fn extension(asset: Asset) -> &'static str {
    match asset {
        Asset::Video => "mp4",
        Asset::Thumbnail => "webp",
        Asset::Spritesheet => "jpg",
    }
}

fn unsatisfiable(size: u64) -> Response {
    let mut resp = ApiError::bad_request("Requested range not satisfiable.").code("range_not_satisfiable");
    resp.status = StatusCode::RANGE_NOT_SATISFIABLE;
    let mut resp = axum::response::IntoResponse::into_response(resp);
    if let Ok(v) = HeaderValue::from_str(&format!("bytes */{size}")) {
        resp.headers_mut().insert(CONTENT_RANGE, v);
    }
    resp
}

#[derive(Debug, PartialEq)]
enum RangeRequest {
    Satisfiable(Range<u64>),
    /// Multi-range or malformed: RFC 9110 lets us answer with the whole object.
    Ignore,
    Unsatisfiable,
}

/// One `bytes=` range: `a-b`, `a-` or `-n` (the last n bytes).
fn parse_range(header: &str, size: u64) -> RangeRequest {
    let Some(spec) = header.trim().strip_prefix("bytes=") else {
        return RangeRequest::Ignore;
    };
    if spec.contains(',') {
        return RangeRequest::Ignore;
    }
    let Some((start, end)) = spec.trim().split_once('-') else {
        return RangeRequest::Ignore;
    };
    let (start, end) = (start.trim(), end.trim());
    let range = if start.is_empty() {
        match end.parse::<u64>() {
            Ok(0) => return RangeRequest::Unsatisfiable,
            Ok(n) => size.saturating_sub(n)..size,
            Err(_) => return RangeRequest::Ignore,
        }
    } else {
        let Ok(start) = start.parse::<u64>() else {
            return RangeRequest::Ignore;
        };
        let end = if end.is_empty() {
            size
        } else {
            match end.parse::<u64>() {
                Ok(e) if e >= start => (e + 1).min(size),
                _ => return RangeRequest::Ignore,
            }
        };
        start..end
    };
    if range.start >= size || range.is_empty() { RangeRequest::Unsatisfiable } else { RangeRequest::Satisfiable(range) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges() {
        assert_eq!(parse_range("bytes=0-99", 1000), RangeRequest::Satisfiable(0..100));
        assert_eq!(parse_range("bytes=900-", 1000), RangeRequest::Satisfiable(900..1000));
        assert_eq!(parse_range("bytes=-100", 1000), RangeRequest::Satisfiable(900..1000));
        assert_eq!(parse_range("bytes=990-5000", 1000), RangeRequest::Satisfiable(990..1000));
        assert_eq!(parse_range("bytes=1000-", 1000), RangeRequest::Unsatisfiable);
        assert_eq!(parse_range("bytes=0-1,5-9", 1000), RangeRequest::Ignore);
        assert_eq!(parse_range("items=0-1", 1000), RangeRequest::Ignore);
        assert_eq!(parse_range("bytes=5-1", 1000), RangeRequest::Ignore);
    }

    #[test]
    fn variants() {
        assert_eq!(variant("").unwrap(), Asset::Video);
        assert_eq!(variant("variant=thumbnail").unwrap(), Asset::Thumbnail);
        assert_eq!(variant("variant=spritesheet").unwrap(), Asset::Spritesheet);
        assert_eq!(variant("variant=gif").unwrap_err().param.as_deref(), Some("variant"));
    }
}
