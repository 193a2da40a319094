//! Characters: a subject cut out of a short uploaded clip, as a loop of RGBA frames whose
//! alpha is the subject's matte, cropped to where the subject goes.

use std::collections::BTreeMap;

use fast_image_resize::{FilterType, ResizeAlg, ResizeOptions, Resizer};
use kino_engine::VideoFrame;

use super::matte_mask::{Background, border_ring, clean_matte};
use crate::decode::{decode_video, probe_mp4};
use crate::error::MediaError;

/// Longest accepted character clip, in seconds (2-4 s works best).
pub const MAX_CHARACTER_SECONDS: u32 = 10;
/// Longest side of a character's frames.
pub const CHARACTER_LONG_SIDE: u32 = 384;
/// Frames are analysed at most this large: detail enough for a 384 px crop of part of the
/// frame, small enough that a clip's kept frames stay in memory.
const WORK_LONG_SIDE: u32 = 640;
/// Frames the background median is taken over.
const MEDIAN_SAMPLES: u32 = 15;
/// A matte smaller than this share of the frame is noise, not a subject.
const MIN_COVERAGE: f64 = 0.002;
/// A matte larger than this share is the background itself moving (or a camera pan).
const MAX_COVERAGE: f64 = 0.9;
/// A subject filmed against a backdrop leaves most of the frame's edge clear.
const MAX_BORDER_COVERAGE: f64 = 0.5;

/// A character's frames: RGBA, alpha = subject matte (0 = background), all one size.
#[derive(Debug, Clone)]
pub struct CharacterCut {
    pub fps: u32,
    pub frames: Vec<VideoFrame>,
}

/// Cut the subject out of an uploaded clip (H.264 MP4/MOV, at most
/// [`MAX_CHARACTER_SECONDS`]). Keeps at most `max_frames` frames, evenly spaced, and says
/// at what rate they play. Errors fit for the API client when the clip is unusable or
/// no subject stands out from the background.
pub fn extract_character(bytes: &[u8], max_frames: u32) -> Result<CharacterCut, MediaError> {
    if max_frames == 0 {
        return Err(MediaError::InvalidSettings("max_frames must be at least 1".into()));
    }
    let info = probe_mp4(bytes)?;
    if info.duration_seconds > f64::from(MAX_CHARACTER_SECONDS) {
        return Err(MediaError::CharacterTooLong { seconds: info.duration_seconds, max: MAX_CHARACTER_SECONDS });
    }
    let total = info.video_frames.max(1);
    let keep_count = max_frames.min(total);
    let keep: Vec<u32> = spread(keep_count, total);
    let median_at: Vec<u32> = spread(MEDIAN_SAMPLES.min(total), total);
    let (frames, w, h) = decode_work_frames(bytes, &keep, &median_at)?;

    let samples: Vec<&[u8]> = median_at.iter().filter_map(|i| frames.get(i).map(Vec::as_slice)).collect();
    let samples = if samples.is_empty() { frames.values().map(Vec::as_slice).collect() } else { samples };
    let (wu, hu) = (w as usize, h as usize);
    let background = Background::estimate(&samples, wu, hu);
    let ring = border_ring(wu, hu);

    let mut cut = Vec::new();
    let (mut coverage, mut border) = (0f64, 0f64);
    let mut bbox: Option<[usize; 4]> = None;
    for i in &keep {
        let Some(rgb) = frames.get(i) else { continue };
        let (matte, size) = clean_matte(&background.alpha(rgb), wu, hu);
        coverage += size as f64 / (wu * hu) as f64;
        border += ring.iter().filter(|&&p| matte[p] >= 128).count() as f64 / ring.len() as f64;
        if size > 0 {
            bbox = Some(grow(bbox, &matte, wu, hu));
        }
        cut.push(rgba_with(rgb, &matte));
    }
    let n = cut.len().max(1) as f64;
    let (coverage, border) = (coverage / n, border / n);
    let Some(bbox) = bbox else {
        return Err(MediaError::NoSubject);
    };
    if !(MIN_COVERAGE..=MAX_COVERAGE).contains(&coverage) || border > MAX_BORDER_COVERAGE {
        return Err(MediaError::NoSubject);
    }

    let duration =
        if info.duration_seconds > 0.0 { info.duration_seconds } else { f64::from(total) / info.fps.max(1.0) };
    let fps = (cut.len() as f64 / duration).round().clamp(1.0, 120.0) as u32;
    let frames = crop_and_scale(&cut, wu, bbox)?;
    Ok(CharacterCut { fps, frames })
}

/// `count` indices spread evenly over `0..total`, each at the middle of its share.
fn spread(count: u32, total: u32) -> Vec<u32> {
    let (c, t) = (u64::from(count.max(1)), u64::from(total));
    (0..c).map(|j| ((2 * j + 1) * t / (2 * c)) as u32).collect()
}

/// Frames by index, packed RGB, all of one working size.
type WorkFrames = BTreeMap<u32, Vec<u8>>;

/// Decode the wanted frames, scaled down to the working size, as packed RGB.
fn decode_work_frames(bytes: &[u8], keep: &[u32], median_at: &[u32]) -> Result<(WorkFrames, u32, u32), MediaError> {
    let last_wanted = keep.iter().chain(median_at).copied().max().unwrap_or(0);
    let mut frames = BTreeMap::new();
    let mut size = (0, 0);
    let mut resizer = Resizer::new();
    let mut failed = None;
    decode_video(bytes, |k, rgb, w, h| {
        if keep.contains(&k) || median_at.contains(&k) {
            let scale = (f64::from(WORK_LONG_SIDE) / f64::from(w.max(h))).min(1.0);
            let ws = ((f64::from(w) * scale).round() as u32).max(1);
            let hs = ((f64::from(h) * scale).round() as u32).max(1);
            if size != (0, 0) && size != (ws, hs) {
                failed = Some(MediaError::Corrupt("the video changes size midway".into()));
                return false;
            }
            size = (ws, hs);
            match resize(&mut resizer, rgb, (w, h), (ws, hs), crate::resize::rgb) {
                Ok(small) => {
                    frames.insert(k, small);
                }
                Err(e) => {
                    failed = Some(e);
                    return false;
                }
            }
        }
        k < last_wanted
    })?;
    if let Some(e) = failed {
        return Err(e);
    }
    if frames.is_empty() {
        return Err(MediaError::Corrupt("no video frame could be decoded".into()));
    }
    Ok((frames, size.0, size.1))
}

/// `crate::resize::rgb` or `crate::resize::rgba`.
type Typed = fn(&mut Resizer, &[u8], (u32, u32), (u32, u32), &ResizeOptions) -> Result<Vec<u8>, String>;

fn resize(
    resizer: &mut Resizer,
    pixels: &[u8],
    (w, h): (u32, u32),
    (ws, hs): (u32, u32),
    typed: Typed,
) -> Result<Vec<u8>, MediaError> {
    if (w, h) == (ws, hs) {
        return Ok(pixels.to_vec());
    }
    // Premultiplied for RGBA, so background colour does not bleed into the edges.
    let options = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::Lanczos3)).use_alpha(true);
    typed(resizer, pixels, (w, h), (ws, hs), &options).map_err(MediaError::Resize)
}

/// Widen `bbox` ([x0, y0, x1, y1), exclusive) to hold every matte pixel.
fn grow(bbox: Option<[usize; 4]>, matte: &[u8], w: usize, h: usize) -> [usize; 4] {
    let mut b = bbox.unwrap_or([w, h, 0, 0]);
    for (p, _) in matte.iter().enumerate().filter(|(_, a)| **a > 0) {
        let (x, y) = (p % w, p / w);
        b = [b[0].min(x), b[1].min(y), b[2].max(x + 1), b[3].max(y + 1)];
    }
    b
}

fn rgba_with(rgb: &[u8], matte: &[u8]) -> Vec<u8> {
    rgb.chunks_exact(3).zip(matte).flat_map(|(p, &a)| [p[0], p[1], p[2], a]).collect()
}

/// Crop every frame to `bbox` (plus a small margin) and scale so the long side is at most
/// [`CHARACTER_LONG_SIDE`].
fn crop_and_scale(frames: &[Vec<u8>], width: usize, bbox: [usize; 4]) -> Result<Vec<VideoFrame>, MediaError> {
    let height = frames.first().map_or(0, |f| f.len() / 4 / width);
    let margin = 2;
    let (x0, y0) = (bbox[0].saturating_sub(margin), bbox[1].saturating_sub(margin));
    let (x1, y1) = ((bbox[2] + margin).min(width), (bbox[3] + margin).min(height));
    let (cw, ch) = ((x1 - x0) as u32, (y1 - y0) as u32);
    let scale = (f64::from(CHARACTER_LONG_SIDE) / f64::from(cw.max(ch))).min(1.0);
    let ow = ((f64::from(cw) * scale).round() as u32).max(1);
    let oh = ((f64::from(ch) * scale).round() as u32).max(1);
    let mut resizer = Resizer::new();
    let mut out = Vec::with_capacity(frames.len());
    for f in frames {
        let crop: Vec<u8> = (y0..y1).flat_map(|y| &f[(y * width + x0) * 4..(y * width + x1) * 4]).copied().collect();
        let rgba = resize(&mut resizer, &crop, (cw, ch), (ow, oh), crate::resize::rgba)?;
        out.push(VideoFrame { width: ow, height: oh, rgba });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spread_is_even_and_in_range() {
        assert_eq!(spread(4, 8), vec![1, 3, 5, 7]);
        assert_eq!(spread(1, 72), vec![36]);
        assert_eq!(spread(5, 5), vec![0, 1, 2, 3, 4]);
        let s = spread(48, 240);
        assert!(s.windows(2).all(|w| w[1] - w[0] == 5) && s[47] < 240);
    }
}
