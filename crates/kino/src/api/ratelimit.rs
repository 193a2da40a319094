//! Admission for requests that start a render (create, remix, edits, extensions): requests
//! per minute per model, and videos waiting, by the caller's tier. Counts live in the
//! database (fixed one-minute windows), so every API replica enforces one limit. Checked
//! after the body's fields are read and before anything in it is fetched or decoded.
use axum::http::{HeaderMap, HeaderName, HeaderValue};
use axum::response::{IntoResponse, Response};

use super::auth::{Caller, Project};
use super::error::{ApiError, ApiResult};
use crate::app::AppState;
use crate::ids;

const WINDOW_SECS: i64 = 60;

/// The rate-limit state to report on the response.
#[derive(Debug, Clone, Copy)]
pub struct RateState {
    limit: u32,
    remaining: u32,
    reset_ms: i64,
}

impl RateState {
    fn headers(&self) -> [(&'static str, String); 3] {
        [
            ("x-ratelimit-limit-requests", self.limit.to_string()),
            ("x-ratelimit-remaining-requests", self.remaining.to_string()),
            ("x-ratelimit-reset-requests", go_duration(self.reset_ms)),
        ]
    }

    /// `resp` with the `x-ratelimit-*` headers.
    pub fn apply(state: Option<Self>, resp: impl IntoResponse) -> Response {
        let mut resp = resp.into_response();
        if let Some(s) = state {
            add_headers(resp.headers_mut(), &s.headers());
        }
        resp
    }
}

fn add_headers(map: &mut HeaderMap, headers: &[(&'static str, String)]) {
    for (name, value) in headers {
        if let Ok(v) = HeaderValue::from_str(value) {
            map.insert(HeaderName::from_static(name), v);
        }
    }
}

/// Count this request against `model`'s RPM and check the queue; None when unlimited.
pub async fn admit(state: &AppState, project: &Project, caller: &Caller, model: &str) -> ApiResult<Option<RateState>> {
    let tier = state.tiers.get(caller.tier);
    if let Some(max) = tier.queued_jobs {
        let waiting = state.repo.unfinished_videos(&project.0).await?;
        if waiting >= max {
            return Err(ApiError::rate_limited(format!(
                "Too many videos waiting for project {}: {waiting} are queued or rendering and the limit (tier {}) is {max}. \
                 Please try again when some have finished.",
                caller.project_name, tier.tier
            ))
            .header("retry-after", "10"));
        }
    }
    let Some(limit) = tier.rpm_for(model) else {
        return Ok(None);
    };
    let now_ms = ids::now_millis();
    let window_start = now_ms / 1000 / WINDOW_SECS * WINDOW_SECS;
    let reset_ms = (window_start + WINDOW_SECS) * 1000 - now_ms;
    let (admitted, count) = state.repo.count_request(&project.0, model, window_start, limit).await?;
    let rate = RateState { limit, remaining: limit.saturating_sub(count), reset_ms };
    if admitted {
        return Ok(Some(rate));
    }
    let wait_secs = (reset_ms + 999) / 1000;
    let mut err = ApiError::rate_limited(format!(
        "Rate limit reached for {model} in project {} on requests per min (RPM): Limit {limit}, Used {count}, \
         Requested 1. Please try again in {wait_secs}s.",
        caller.project_name
    ));
    for (name, value) in rate.headers() {
        err = err.header(name, value);
    }
    Err(err.header("retry-after", wait_secs.max(1).to_string()).header("retry-after-ms", reset_ms.max(1).to_string()))
}

/// The headers for a read of a video of `model` (not counted against the limit).
pub async fn peek(state: &AppState, project: &Project, caller: &Caller, model: &str) -> ApiResult<Option<RateState>> {
    let Some(limit) = state.tiers.get(caller.tier).rpm_for(model) else {
        return Ok(None);
    };
    let now_ms = ids::now_millis();
    let window_start = now_ms / 1000 / WINDOW_SECS * WINDOW_SECS;
    let count = state.repo.requests_in_window(&project.0, model, window_start).await?;
    Ok(Some(RateState {
        limit,
        remaining: limit.saturating_sub(count),
        reset_ms: (window_start + WINDOW_SECS) * 1000 - now_ms,
    }))
}

/// OpenAI's reset format: Go durations ("850ms", "12s", "1m3s").
fn go_duration(ms: i64) -> String {
    let ms = ms.max(0);
    if ms < 1000 {
        return format!("{ms}ms");
    }
    let secs = ms as f64 / 1000.0;
    if secs < 60.0 {
        return format!("{}s", (secs * 1000.0).round() / 1000.0);
    }
    format!("{}m{}s", ms / 60_000, (ms % 60_000) / 1000)
}

#[cfg(test)]
mod tests {
    use super::go_duration;

    #[test]
    fn resets_are_go_durations() {
        assert_eq!(go_duration(850), "850ms");
        assert_eq!(go_duration(1200), "1.2s");
        assert_eq!(go_duration(12_000), "12s");
        assert_eq!(go_duration(63_000), "1m3s");
    }
}
