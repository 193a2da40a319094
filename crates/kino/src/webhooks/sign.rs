//! Standard Webhooks signing, exactly as the OpenAI SDK verifies it: HMAC-SHA256 over
//! `{webhook-id}.{webhook-timestamp}.{body}`, keyed by the base64 after `whsec_`, sent as
//! space-separated `v1,<base64>` entries (one per live secret, so rotation never breaks a
//! receiver that still holds the old secret).
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::Sha256;

pub const SECRET_PREFIX: &str = "whsec_";

/// A fresh secret: `whsec_` + base64 of 32 random bytes.
pub fn new_secret() -> String {
    let mut key = [0u8; 32];
    rand::rng().fill_bytes(&mut key);
    format!("{SECRET_PREFIX}{}", STANDARD.encode(key))
}

/// The HMAC key a secret stands for (the SDK's rule: base64 after `whsec_`, else the raw text).
fn key_of(secret: &str) -> Vec<u8> {
    secret
        .strip_prefix(SECRET_PREFIX)
        .and_then(|b64| STANDARD.decode(b64).ok())
        .unwrap_or_else(|| secret.as_bytes().to_vec())
}

/// One `v1,<base64>` entry.
pub fn signature(secret: &str, webhook_id: &str, timestamp: i64, body: &str) -> String {
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(&key_of(secret)) else {
        unreachable!("HMAC accepts keys of any length");
    };
    mac.update(format!("{webhook_id}.{timestamp}.{body}").as_bytes());
    format!("v1,{}", STANDARD.encode(mac.finalize().into_bytes()))
}

/// The `webhook-signature` header value: one entry per secret.
pub fn signature_header(secrets: &[String], webhook_id: &str, timestamp: i64, body: &str) -> String {
    secrets.iter().map(|s| signature(s, webhook_id, timestamp, body)).collect::<Vec<_>>().join(" ")
}

/// What the API shows instead of the secret: its first and last few characters.
pub fn hint(secret: &str) -> String {
    let tail: String = secret.chars().rev().take(4).collect::<Vec<_>>().into_iter().rev().collect();
    format!("{SECRET_PREFIX}****{tail}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_the_contract_test_vector() {
        let secret = "whsec_MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
        let body = r#"{"id":"evt_abc123","object":"event","created_at":1758941485,"type":"video.completed","data":{"id":"video_abc123"}}"#;
        assert_eq!(
            signature(secret, "wh_test_0001", 1758941485, body),
            "v1,h+63HAvg1zJt/fQ0vri1UZKFq9H1tDujqa94z0ThF8c="
        );
    }

    #[test]
    fn rotation_sends_one_entry_per_secret() {
        let (a, b) = (new_secret(), new_secret());
        assert_ne!(a, b);
        assert!(a.starts_with("whsec_") && STANDARD.decode(&a[6..]).unwrap().len() == 32);
        let header = signature_header(&[a.clone(), b.clone()], "msg_1", 5, "{}");
        let entries: Vec<&str> = header.split(' ').collect();
        assert_eq!(entries, [signature(&a, "msg_1", 5, "{}"), signature(&b, "msg_1", 5, "{}")]);
        assert!(hint(&a).starts_with("whsec_****") && hint(&a).ends_with(&a[a.len() - 4..]));
    }
}
