use crate::error::MediaError;

/// How a clip is encoded. Build with [`EncodeSettings::new`], then adjust fields if needed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EncodeSettings {
    pub width: u32,
    pub height: u32,
    pub fps: u32,
    pub video_bitrate_bps: u32,
    pub audio_bitrate_bps: u32,
    /// How many frames the engine will produce (`GenerationSpec::frame_count()`), if known.
    /// With it the thumbnail and spritesheet pick exactly the frames they document and the
    /// moov reservation is sized exactly; without it they are picked from a decimated
    /// reservoir (close, not exact) and the reservation assumes 20 s (longer clips still
    /// come out moov-first, at the cost of one extra copy of the file at the end).
    pub expected_frames: Option<u32>,
}

/// Reference point for the bitrate curve: 2.5 Mb/s at 1280x720, 24 fps.
const REF_PIXEL_RATE: f64 = 1280.0 * 720.0 * 24.0;
const REF_BITRATE: f64 = 2_500_000.0;
/// Exponent chosen so that 1080p (2.25x the pixels of 720p) gets 2x the bits, 5 Mb/s:
/// bigger frames need fewer bits per pixel for the same look. ln 2 / ln 2.25.
const BITRATE_EXPONENT: f64 = 0.854_755_7;

impl EncodeSettings {
    pub fn new(width: u32, height: u32, fps: u32) -> Self {
        Self {
            width,
            height,
            fps,
            video_bitrate_bps: default_video_bitrate(width, height, fps),
            audio_bitrate_bps: 128_000,
            expected_frames: None,
        }
    }

    /// Tell the encoder how many frames are coming (see [`EncodeSettings::expected_frames`]).
    pub fn with_expected_frames(mut self, frames: u32) -> Self {
        self.expected_frames = Some(frames);
        self
    }

    pub(crate) fn validate(&self) -> Result<(), MediaError> {
        let bad = |m: String| Err(MediaError::InvalidSettings(m));
        if self.width == 0 || self.height == 0 || !self.width.is_multiple_of(2) || !self.height.is_multiple_of(2) {
            return bad(format!("size {}x{} must be non-zero and even (4:2:0 chroma)", self.width, self.height));
        }
        // OpenH264's own limit (level 5.2).
        if self.width.max(self.height) > 3840 || self.width.min(self.height) > 2160 {
            return bad(format!("size {}x{} exceeds 3840x2160", self.width, self.height));
        }
        if !(1..=120).contains(&self.fps) {
            return bad(format!("fps {} must be within 1..=120", self.fps));
        }
        if self.video_bitrate_bps < 10_000 {
            return bad(format!("video bitrate {} b/s is too low", self.video_bitrate_bps));
        }
        if !(16_000..=512_000).contains(&self.audio_bitrate_bps) {
            return bad(format!("audio bitrate {} b/s must be within 16..=512 kb/s", self.audio_bitrate_bps));
        }
        Ok(())
    }
}

fn default_video_bitrate(width: u32, height: u32, fps: u32) -> u32 {
    let pixel_rate = f64::from(width) * f64::from(height) * f64::from(fps.max(1));
    let bps = REF_BITRATE * (pixel_rate / REF_PIXEL_RATE).powf(BITRATE_EXPONENT);
    bps.clamp(200_000.0, 20_000_000.0) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bitrate_follows_resolution() {
        let r720 = EncodeSettings::new(1280, 720, 24).video_bitrate_bps;
        let r1080 = EncodeSettings::new(1920, 1080, 24).video_bitrate_bps;
        assert!((2_450_000..=2_550_000).contains(&r720), "{r720}");
        assert!((4_900_000..=5_100_000).contains(&r1080), "{r1080}");
        // Portrait gets the same as landscape.
        assert_eq!(EncodeSettings::new(1080, 1920, 24).video_bitrate_bps, r1080);
        assert_eq!(EncodeSettings::new(1280, 720, 24).audio_bitrate_bps, 128_000);
    }

    #[test]
    fn rejects_odd_sizes() {
        assert!(EncodeSettings::new(1281, 720, 24).validate().is_err());
        assert!(EncodeSettings::new(1280, 720, 0).validate().is_err());
        assert!(EncodeSettings::new(1920, 1080, 24).validate().is_ok());
    }
}
