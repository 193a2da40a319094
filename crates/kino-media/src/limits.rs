//! Limits on untrusted uploads, and a pre-scan that enforces them before any demuxer
//! allocates: re_mp4 trusts sample counts (a 40-byte `trun` may claim 4 billion samples)
//! and indexes tables without bounds checks, so the box tree is walked here first.

use crate::error::MediaError;

/// Largest accepted width or height of an uploaded video.
pub const MAX_DIMENSION: u32 = 4096;
/// Longest accepted uploaded video, in seconds.
pub const MAX_DURATION_SECONDS: u32 = 130;
/// Most samples (all tracks together) an upload may declare: 130 s of 120 fps video plus
/// AAC is ~22k; a million leaves room for odd files and bounds the tables to tens of MB.
pub const MAX_SAMPLES: u64 = 1_000_000;
const MAX_DEPTH: u32 = 12;

/// Walk the box tree; fail on malformed box sizes, too many samples or too long a track.
pub(crate) fn prescan(bytes: &[u8]) -> Result<(), MediaError> {
    let mut samples = 0u64;
    walk(bytes, 0, &mut samples)?;
    if samples > MAX_SAMPLES {
        return Err(MediaError::TooManySamples { count: samples, max: MAX_SAMPLES });
    }
    Ok(())
}

fn walk(data: &[u8], depth: u32, samples: &mut u64) -> Result<(), MediaError> {
    if depth > MAX_DEPTH {
        return Err(MediaError::NotMp4("boxes nested too deep".into()));
    }
    let mut pos = 0usize;
    while pos < data.len() {
        let rest = &data[pos..];
        if rest.len() < 8 {
            // Trailing padding at top level is common enough; inside a box it is an error.
            return if depth == 0 { Ok(()) } else { Err(MediaError::NotMp4("truncated box header".into())) };
        }
        let size32 = u32::from_be_bytes([rest[0], rest[1], rest[2], rest[3]]);
        let kind = [rest[4], rest[5], rest[6], rest[7]];
        let (header, size) = match size32 {
            0 => (8, rest.len() as u64),
            1 => {
                let large = rest.get(8..16).ok_or_else(|| MediaError::NotMp4("truncated box header".into()))?;
                (
                    16,
                    u64::from_be_bytes([
                        large[0], large[1], large[2], large[3], large[4], large[5], large[6], large[7],
                    ]),
                )
            }
            s => (8, u64::from(s)),
        };
        if size < header as u64 || size > rest.len() as u64 {
            return Err(MediaError::NotMp4(format!(
                "box '{}' claims {size} bytes but {} remain",
                String::from_utf8_lossy(&kind),
                rest.len()
            )));
        }
        let body = &rest[header..size as usize];
        match &kind {
            b"moov" | b"trak" | b"mdia" | b"minf" | b"stbl" | b"moof" | b"traf" => walk(body, depth + 1, samples)?,
            // stsz: version/flags, sample_size, sample_count; stz2: version/flags, reserved+field_size, count.
            b"stsz" | b"stz2" => *samples = samples.saturating_add(u64::from(be32(body, 8)?)),
            // trun: version/flags, sample_count.
            b"trun" => *samples = samples.saturating_add(u64::from(be32(body, 4)?)),
            b"mdhd" => check_mdhd(body)?,
            _ => {}
        }
        if *samples > MAX_SAMPLES {
            return Err(MediaError::TooManySamples { count: *samples, max: MAX_SAMPLES });
        }
        pos += size as usize;
    }
    Ok(())
}

/// Reject a track whose header declares more than the allowed duration.
fn check_mdhd(body: &[u8]) -> Result<(), MediaError> {
    let version = *body.first().ok_or_else(|| MediaError::NotMp4("empty mdhd".into()))?;
    let (timescale, duration) =
        if version == 1 { (be32(body, 20)?, be64(body, 24)?) } else { (be32(body, 12)?, u64::from(be32(body, 16)?)) };
    // All-ones means "unknown" (fragmented files); their samples are checked after demux.
    if timescale == 0 || duration == u64::MAX || duration == u64::from(u32::MAX) {
        return Ok(());
    }
    let seconds = duration as f64 / f64::from(timescale);
    if seconds > f64::from(MAX_DURATION_SECONDS) {
        return Err(MediaError::TooLong { seconds, max: MAX_DURATION_SECONDS });
    }
    Ok(())
}

fn be32(body: &[u8], at: usize) -> Result<u32, MediaError> {
    body.get(at..at + 4)
        .map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
        .ok_or_else(|| MediaError::NotMp4("truncated box".into()))
}

fn be64(body: &[u8], at: usize) -> Result<u64, MediaError> {
    Ok((u64::from(be32(body, at)?) << 32) | u64::from(be32(body, at + 4)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn boxed(kind: &[u8; 4], body: &[u8]) -> Vec<u8> {
        let mut v = ((body.len() + 8) as u32).to_be_bytes().to_vec();
        v.extend_from_slice(kind);
        v.extend_from_slice(body);
        v
    }

    #[test]
    fn counts_trun_samples() {
        let trun = boxed(b"trun", &[0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff]);
        let file = boxed(b"moof", &boxed(b"traf", &trun));
        assert!(matches!(prescan(&file), Err(MediaError::TooManySamples { .. })));
    }

    #[test]
    fn rejects_oversized_boxes_and_long_tracks() {
        let mut bad = boxed(b"ftyp", b"isom");
        bad[3] = 200;
        assert!(matches!(prescan(&bad), Err(MediaError::NotMp4(_))));
        // mdhd v0: timescale 1000, duration 200 000 (200 s).
        let mut mdhd = vec![0u8; 24];
        mdhd[12..16].copy_from_slice(&1000u32.to_be_bytes());
        mdhd[16..20].copy_from_slice(&200_000u32.to_be_bytes());
        let file = boxed(b"moov", &boxed(b"trak", &boxed(b"mdia", &boxed(b"mdhd", &mdhd))));
        assert!(matches!(prescan(&file), Err(MediaError::TooLong { .. })));
    }
}
