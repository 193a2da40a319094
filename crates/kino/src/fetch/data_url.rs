//! `data:` URLs are decoded here, never fetched. Only base64 payloads: an image in
//! percent-encoded text form is not something clients send.
use base64::Engine;
use base64::engine::DecodePaddingMode;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
use bytes::Bytes;

use super::{FetchError, Fetched};

/// Standard alphabet; padding optional, as browsers' forgiving-base64 decode has it.
const FORGIVING: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// `rest` is everything after `data:`: `[<mediatype>][;params];base64,<payload>`.
pub fn decode(rest: &str, max_bytes: u64) -> Result<Fetched, FetchError> {
    let bad = |why: &str| FetchError::BadDataUrl(why.to_owned());
    let (meta, payload) = rest.split_once(',').ok_or_else(|| bad("no ',' before the data"))?;
    let mut parts = meta.split(';').map(str::trim);
    let media_type = parts.next().unwrap_or_default();
    let params: Vec<&str> = parts.collect();
    // `data:base64,...` (media type left out entirely) is tolerated as well.
    let (media_type, base64) = if media_type.eq_ignore_ascii_case("base64") && params.is_empty() {
        ("", true)
    } else {
        (media_type, params.last().is_some_and(|p| p.eq_ignore_ascii_case("base64")))
    };
    if !base64 {
        return Err(bad("only base64 data: URLs are supported (…;base64,…)"));
    }
    let payload: Vec<u8> = payload.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
    // Refuse before decoding: 4 base64 characters make at most 3 bytes.
    if (payload.len() as u64 / 4) * 3 > max_bytes.saturating_add(3) {
        return Err(FetchError::TooLarge { limit: max_bytes });
    }
    let bytes = FORGIVING.decode(&payload).map_err(|_| bad("the data is not valid base64"))?;
    if bytes.len() as u64 > max_bytes {
        return Err(FetchError::TooLarge { limit: max_bytes });
    }
    let content_type = (!media_type.is_empty()).then(|| media_type.to_ascii_lowercase());
    Ok(Fetched { bytes: Bytes::from(bytes), content_type })
}
