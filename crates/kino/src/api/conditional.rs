//! What players, browsers and CDNs expect of a download that never changes: a strong
//! `ETag`, `Last-Modified`, `304 Not Modified` for `If-None-Match` / `If-Modified-Since`,
//! `If-Range` deciding whether a `Range` still applies, and `Cache-Control` saying the asset
//! is immutable (`private`: it sits behind a key). A published asset's key names exactly one
//! content (a re-render publishes under a new prefix), so the key and size make its ETag.
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use axum::http::header::{CACHE_CONTROL, ETAG, IF_MODIFIED_SINCE, IF_NONE_MATCH, IF_RANGE, LAST_MODIFIED};
use axum::http::{HeaderMap, HeaderName, HeaderValue};
use sha2::{Digest, Sha256};

/// A completed asset is cached for a year; it never changes under its URL.
pub const IMMUTABLE: &str = "private, max-age=31536000, immutable";

pub struct Validators {
    pub etag: String,
    modified: SystemTime,
}

impl Validators {
    /// For the asset stored under `key`, `size` bytes, published at `modified_secs`.
    pub fn new(key: &str, size: u64, modified_secs: i64) -> Self {
        let digest = Sha256::digest(key.as_bytes());
        let etag = format!("\"{}-{size:x}\"", crate::ids::hex(&digest[..8]));
        let modified = UNIX_EPOCH + Duration::from_secs(u64::try_from(modified_secs).unwrap_or(0));
        Self { etag, modified }
    }

    /// Whether the client's copy is current (RFC 9110 §13.2.2: `If-None-Match` first; then
    /// `If-Modified-Since`).
    pub fn not_modified(&self, headers: &HeaderMap) -> bool {
        if let Some(tags) = headers.get(IF_NONE_MATCH).and_then(|v| v.to_str().ok()) {
            // Weak comparison: `W/"x"` matches `"x"`.
            return tags.split(',').map(str::trim).any(|t| t == "*" || t.trim_start_matches("W/") == self.etag);
        }
        match headers.get(IF_MODIFIED_SINCE).and_then(|v| v.to_str().ok()).map(httpdate::parse_http_date) {
            Some(Ok(since)) => self.modified <= since,
            _ => false,
        }
    }

    /// Whether a `Range` applies: always without `If-Range`; with it, only if it names this
    /// very content (strong comparison of the ETag, or exactly its date).
    pub fn range_applies(&self, headers: &HeaderMap) -> bool {
        match headers.get(IF_RANGE).and_then(|v| v.to_str().ok()).map(str::trim) {
            None => true,
            Some(v) if v.starts_with('"') => v == self.etag,
            Some(v) => httpdate::parse_http_date(v).is_ok_and(|d| d == self.modified),
        }
    }

    /// The validators and caching policy, for a 200, 206 or 304.
    pub fn headers(&self) -> [(HeaderName, HeaderValue); 3] {
        [
            (ETAG, HeaderValue::from_str(&self.etag).expect("hex and digits")),
            (LAST_MODIFIED, HeaderValue::from_str(&httpdate::fmt_http_date(self.modified)).expect("an HTTP date")),
            (CACHE_CONTROL, HeaderValue::from_static(IMMUTABLE)),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(HeaderName, &str)]) -> HeaderMap {
        pairs.iter().map(|(k, v)| (k.clone(), HeaderValue::from_str(v).unwrap())).collect()
    }

    #[test]
    fn conditions_follow_rfc_9110() {
        let v = Validators::new("videos/v/asset.mp4", 1000, 1_700_000_000);
        let other = Validators::new("videos/w/asset.mp4", 1000, 1_700_000_000);
        assert_ne!(v.etag, other.etag, "another asset, another tag");
        let date = httpdate::fmt_http_date(UNIX_EPOCH + Duration::from_secs(1_700_000_000));
        let later = httpdate::fmt_http_date(UNIX_EPOCH + Duration::from_secs(1_700_000_100));
        let earlier = httpdate::fmt_http_date(UNIX_EPOCH + Duration::from_secs(1_699_999_000));

        assert!(!v.not_modified(&headers(&[])));
        assert!(v.not_modified(&headers(&[(IF_NONE_MATCH, &v.etag)])));
        assert!(v.not_modified(&headers(&[(IF_NONE_MATCH, &format!("\"x\", W/{}", v.etag))])));
        assert!(v.not_modified(&headers(&[(IF_NONE_MATCH, "*")])));
        assert!(!v.not_modified(&headers(&[(IF_NONE_MATCH, &other.etag)])));
        // If-None-Match wins over If-Modified-Since.
        assert!(!v.not_modified(&headers(&[(IF_NONE_MATCH, &other.etag), (IF_MODIFIED_SINCE, &later)])));
        assert!(v.not_modified(&headers(&[(IF_MODIFIED_SINCE, &date)])));
        assert!(v.not_modified(&headers(&[(IF_MODIFIED_SINCE, &later)])));
        assert!(!v.not_modified(&headers(&[(IF_MODIFIED_SINCE, &earlier)])));
        assert!(!v.not_modified(&headers(&[(IF_MODIFIED_SINCE, "yesterday")])));

        assert!(v.range_applies(&headers(&[])));
        assert!(v.range_applies(&headers(&[(IF_RANGE, &v.etag)])));
        assert!(!v.range_applies(&headers(&[(IF_RANGE, &other.etag)])));
        assert!(!v.range_applies(&headers(&[(IF_RANGE, &format!("W/{}", v.etag))])), "If-Range compares strongly");
        assert!(v.range_applies(&headers(&[(IF_RANGE, &date)])));
        assert!(!v.range_applies(&headers(&[(IF_RANGE, &later)])));
    }
}
