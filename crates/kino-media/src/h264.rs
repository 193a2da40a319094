//! H.264 encoding with openh264: Constrained Baseline, one thread, constant bitrate-ish ABR.

use openh264::OpenH264API;
use openh264::encoder::{
    BitRate, Complexity, Encoder, EncoderConfig, FrameRate, FrameType, IntraFramePeriod,
    RateControlMode, VuiConfig,
};

use crate::color::I420;
use crate::error::MediaError;
use crate::nal::{self, NAL_PPS, NAL_SPS};
use crate::settings::EncodeSettings;

/// Keyframe every 2 s at 24 fps: seekable without costing much.
const INTRA_PERIOD_FRAMES: u32 = 48;

/// One encoded picture, ready for an MP4 sample.
pub(crate) struct EncodedPicture {
    /// NAL units with 4-byte length prefixes, SPS/PPS removed (they live in avcC).
    pub(crate) sample: Vec<u8>,
    /// IDR picture: a sync sample. (Non-IDR I pictures are not marked: later P pictures
    /// may still reference across them in principle.)
    pub(crate) keyframe: bool,
    /// Parameter sets carried by this picture (the first one, and IDRs).
    pub(crate) sps: Option<Vec<u8>>,
    pub(crate) pps: Option<Vec<u8>>,
}

pub(crate) struct H264Encoder {
    encoder: Encoder,
    yuv: I420,
    annexb: Vec<u8>,
}

impl H264Encoder {
    pub(crate) fn new(settings: &EncodeSettings) -> Result<Self, MediaError> {
        // openh264's defaults suit video calls, not files: 120 kb/s, quality RC mode and
        // frame skipping. Every frame must come out, at the bitrate we asked for.
        let config = EncoderConfig::new()
            .bitrate(BitRate::from_bps(settings.video_bitrate_bps))
            .max_frame_rate(FrameRate::from_hz(settings.fps as f32))
            .rate_control_mode(RateControlMode::Bitrate)
            .skip_frames(false)
            .complexity(Complexity::Medium)
            .intra_frame_period(IntraFramePeriod::from_num_frames(INTRA_PERIOD_FRAMES))
            .num_threads(1)
            // Our own RGB→YUV conversion uses BT.709 limited range: say so in the SPS.
            .vui(VuiConfig::bt709());
        let encoder = Encoder::with_api_config(OpenH264API::from_source(), config)
            .map_err(|e| MediaError::H264Encode(e.to_string()))?;
        Ok(Self {
            encoder,
            yuv: I420::new(settings.width, settings.height),
            annexb: Vec::new(),
        })
    }

    /// Encode one RGBA8 frame of the configured size.
    pub(crate) fn encode_rgba(&mut self, rgba: &[u8]) -> Result<EncodedPicture, MediaError> {
        self.yuv.fill_from_rgba_bt709(rgba);
        let bitstream = self
            .encoder
            .encode(&self.yuv)
            .map_err(|e| MediaError::H264Encode(e.to_string()))?;
        let frame_type = bitstream.frame_type();
        self.annexb.clear();
        bitstream.write_vec(&mut self.annexb);
        if matches!(frame_type, FrameType::Skip | FrameType::Invalid) || self.annexb.is_empty() {
            return Err(MediaError::H264Encode(format!(
                "encoder returned no picture (frame type {frame_type:?})"
            )));
        }

        let mut picture = EncodedPicture {
            sample: Vec::with_capacity(self.annexb.len()),
            keyframe: false,
            sps: None,
            pps: None,
        };
        for unit in nal::split_annexb(&self.annexb) {
            match nal::nal_type(unit) {
                NAL_SPS => picture.sps = Some(unit.to_vec()),
                NAL_PPS => picture.pps = Some(unit.to_vec()),
                t => {
                    picture.keyframe |= t == nal::NAL_SLICE_IDR;
                    nal::push_length_prefixed(&mut picture.sample, unit);
                }
            }
        }
        if picture.sample.is_empty() {
            return Err(MediaError::H264Encode(
                "encoder output held no slice".into(),
            ));
        }
        Ok(picture)
    }
}
