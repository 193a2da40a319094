//! H.264 NAL unit framing: Annex-B (start codes, what openh264 reads and writes) and
//! length-prefixed (what MP4 samples hold).

pub(crate) const NAL_SLICE_IDR: u8 = 5;
pub(crate) const NAL_SPS: u8 = 7;
pub(crate) const NAL_PPS: u8 = 8;

pub(crate) fn nal_type(nal: &[u8]) -> u8 {
    nal.first().map_or(0, |b| b & 0x1f)
}

/// Split an Annex-B byte stream into NAL units (start codes removed).
pub(crate) fn split_annexb(data: &[u8]) -> Vec<&[u8]> {
    let mut nals = Vec::new();
    let mut start = None;
    let mut i = 0;
    while i + 2 < data.len() {
        if data[i] == 0 && data[i + 1] == 0 && data[i + 2] == 1 {
            if let Some(s) = start {
                nals.push(trim_trailing_zeros(&data[s..i]));
            }
            i += 3;
            start = Some(i);
        } else {
            i += 1;
        }
    }
    if let Some(s) = start {
        nals.push(&data[s.min(data.len())..]);
    }
    nals.retain(|n| !n.is_empty());
    nals
}

/// The zero before a 4-byte start code belongs to the start code, not to the NAL before it.
fn trim_trailing_zeros(nal: &[u8]) -> &[u8] {
    let end = nal.iter().rposition(|&b| b != 0).map_or(0, |p| p + 1);
    &nal[..end]
}

/// Append `nal` with a 4-byte big-endian length prefix.
pub(crate) fn push_length_prefixed(out: &mut Vec<u8>, nal: &[u8]) {
    out.extend_from_slice(&(nal.len() as u32).to_be_bytes());
    out.extend_from_slice(nal);
}

/// Convert one MP4 sample (NALs with `length_size`-byte prefixes) to Annex-B, appending to `out`.
pub(crate) fn length_prefixed_to_annexb(sample: &[u8], length_size: usize, out: &mut Vec<u8>) -> Result<(), String> {
    if !(1..=4).contains(&length_size) {
        return Err(format!("invalid NAL length size {length_size}"));
    }
    let mut rest = sample;
    while !rest.is_empty() {
        if rest.len() < length_size {
            return Err("truncated NAL length".into());
        }
        let len = rest[..length_size].iter().fold(0usize, |acc, &b| (acc << 8) | usize::from(b));
        rest = &rest[length_size..];
        if len > rest.len() {
            return Err(format!("NAL of {len} bytes overruns its {}-byte sample", sample.len()));
        }
        out.extend_from_slice(&[0, 0, 0, 1]);
        out.extend_from_slice(&rest[..len]);
        rest = &rest[len..];
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_three_and_four_byte_start_codes() {
        let data = [0, 0, 0, 1, 0x67, 1, 2, 0, 0, 1, 0x68, 3, 0, 0, 0, 1, 0x65, 4, 5];
        let nals = split_annexb(&data);
        assert_eq!(nals, vec![&[0x67, 1, 2][..], &[0x68, 3][..], &[0x65, 4, 5][..]]);
    }

    #[test]
    fn length_prefixed_roundtrip() {
        let mut sample = Vec::new();
        push_length_prefixed(&mut sample, &[0x65, 1, 2, 3]);
        push_length_prefixed(&mut sample, &[0x06, 9]);
        let mut annexb = Vec::new();
        length_prefixed_to_annexb(&sample, 4, &mut annexb).unwrap();
        assert_eq!(split_annexb(&annexb), vec![&[0x65, 1, 2, 3][..], &[0x06, 9][..]]);
        assert!(length_prefixed_to_annexb(&[0, 0, 0, 9, 1], 4, &mut annexb).is_err());
    }
}
