//! Identifier shapes, as OpenAI's: `video_` + 48 hex, `file-` + 24 base62, `req_` + 32 hex.
//! Video and file ids start with a process-monotonic microsecond clock, so sorting by id sorts
//! by creation time: list pagination needs no lookup, and a cursor survives its row's deletion.
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use rand::{Rng, RngCore};

static LAST_MICROS: AtomicU64 = AtomicU64::new(0);

fn monotonic_micros() -> u64 {
    let now = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_micros() as u64).unwrap_or(0);
    let mut last = LAST_MICROS.load(Ordering::Relaxed);
    loop {
        let next = now.max(last + 1);
        match LAST_MICROS.compare_exchange_weak(last, next, Ordering::Relaxed, Ordering::Relaxed) {
            Ok(_) => return next,
            Err(seen) => last = seen,
        }
    }
}

fn random_hex(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    rand::rng().fill_bytes(&mut buf);
    hex(&buf)
}

/// Bytes as lowercase hex.
pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    bytes.iter().fold(String::with_capacity(bytes.len() * 2), |mut out, b| {
        let _ = write!(out, "{b:02x}");
        out
    })
}

/// `video_` + 14 hex of time (µs) + 34 hex of randomness.
pub fn video_id() -> String {
    let rand = random_hex(17);
    format!("video_{:014x}{rand}", monotonic_micros())
}

/// Base62 digits in ASCII order, so fixed-width base62 strings sort like their numbers.
const BASE62: &[u8; 62] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const FILE_TIME_DIGITS: usize = 10;
const FILE_RANDOM_DIGITS: usize = 14;

/// `file-` + 10 base62 of time (µs, enough until the year 28000) + 14 base62 of randomness.
pub fn file_id() -> String {
    let mut id = String::with_capacity(5 + FILE_TIME_DIGITS + FILE_RANDOM_DIGITS);
    id.push_str("file-");
    let mut time = [b'0'; FILE_TIME_DIGITS];
    let mut n = monotonic_micros();
    for digit in time.iter_mut().rev() {
        *digit = BASE62[(n % 62) as usize];
        n /= 62;
    }
    id.extend(time.iter().map(|&b| b as char));
    let mut rng = rand::rng();
    id.extend((0..FILE_RANDOM_DIGITS).map(|_| BASE62[rng.random_range(0..62)] as char));
    id
}

pub fn is_file_id(s: &str) -> bool {
    s.len() == 5 + FILE_TIME_DIGITS + FILE_RANDOM_DIGITS
        && s.starts_with("file-")
        && s[5..].bytes().all(|b| b.is_ascii_alphanumeric())
}

/// 32 random bytes as hex: a server-side secret.
pub fn secret_hex() -> String {
    random_hex(32)
}

pub fn request_id() -> String {
    format!("req_{}", random_hex(16))
}

pub fn job_id() -> String {
    format!("job_{:014x}{}", monotonic_micros(), random_hex(9))
}

/// Worker identity, for lease ownership and logs.
pub fn worker_id() -> String {
    format!("wrk_{}", random_hex(8))
}

/// `we_` + 14 hex of time (µs) + 18 hex of randomness: time-ordered, so lists page by id.
pub fn webhook_endpoint_id() -> String {
    format!("we_{:014x}{}", monotonic_micros(), random_hex(9))
}

/// `proj_` + 24 hex of randomness.
pub fn project_id() -> String {
    format!("proj_{}", random_hex(12))
}

/// `key_` + 16 hex: names a key in listings and revocation, never authenticates.
pub fn key_id() -> String {
    format!("key_{}", random_hex(8))
}

/// A new secret API key: `sk-kino-` + 48 hex (192 random bits).
pub fn api_key() -> String {
    format!("sk-kino-{}", random_hex(24))
}

/// `evt_` + 14 hex of time (µs) + 18 hex of randomness.
pub fn event_id() -> String {
    format!("evt_{:014x}{}", monotonic_micros(), random_hex(9))
}

/// `char_` + 14 hex of time (µs) + 18 hex of randomness.
pub fn character_id() -> String {
    format!("char_{:014x}{}", monotonic_micros(), random_hex(9))
}

pub fn is_character_id(s: &str) -> bool {
    s.len() == 37 && s.starts_with("char_") && s[5..].bytes().all(|b| b.is_ascii_hexdigit())
}

/// `batch_` + 14 hex of time (µs) + 18 hex of randomness: sorts by creation, like videos.
pub fn batch_id() -> String {
    format!("batch_{:014x}{}", monotonic_micros(), random_hex(9))
}

pub fn is_batch_id(s: &str) -> bool {
    s.len() == 38 && s.starts_with("batch_") && s[6..].bytes().all(|b| b.is_ascii_hexdigit())
}

/// `batch_req_` + 32 hex: one line of a batch's output.
pub fn batch_request_id() -> String {
    format!("batch_req_{}", random_hex(16))
}

pub fn is_video_id(s: &str) -> bool {
    s.len() == 54 && s.starts_with("video_") && s[6..].bytes().all(|b| b.is_ascii_hexdigit())
}

pub fn now_secs() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0)
}

pub fn now_millis() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_millis() as i64).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn video_ids_are_well_formed_and_sort_by_creation() {
        let ids: Vec<String> = (0..1000).map(|_| video_id()).collect();
        assert!(ids.iter().all(|id| is_video_id(id)), "{}", ids[0]);
        let mut sorted = ids.clone();
        sorted.sort();
        assert_eq!(ids, sorted);
    }

    #[test]
    fn file_ids_are_well_formed_and_sort_by_creation() {
        let ids: Vec<String> = (0..1000).map(|_| file_id()).collect();
        assert!(ids.iter().all(|id| is_file_id(id)), "{}", ids[0]);
        let mut sorted = ids.clone();
        sorted.sort();
        assert_eq!(ids, sorted);
        assert!(!is_file_id("file-abc123"));
        assert!(!is_file_id(&format!("file-{}", "_".repeat(24))));
        assert!(!is_file_id(&format!("video_{}", "a".repeat(23))));
    }

    #[test]
    fn rejects_malformed_ids() {
        assert!(!is_video_id("video_123"));
        assert!(!is_video_id(&format!("video_{}", "g".repeat(48))));
        assert!(!is_video_id(&format!("file-{}", "a".repeat(49))));
    }
}
