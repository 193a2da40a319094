//! AAC-LC encoding with fdk-aac: stereo, 48 kHz, CBR, one raw access unit per 1024 samples.
//!
//! fdk-aac adds `nDelay` (2048) samples of priming in front of the signal, and the crate's
//! wrapper cannot flush (it passes 0 input samples where FDK wants -1). MP4s written here
//! carry no edit list, so both are handled in the sample stream instead: the priming frames
//! are dropped (audio then starts at t = 0 with the video) and the tail is pushed out with
//! silence, then cut so the track lasts ceil(input / 1024) frames, within one AAC frame of
//! the input.

use fdk_aac::enc::{AudioObjectType, BitRate, ChannelMode, Encoder, EncoderParams, Transport};
use kino_engine::AUDIO_SAMPLE_RATE;

use crate::error::MediaError;

pub(crate) const AAC_FRAME_SAMPLES: u32 = 1024;
const CHANNELS: usize = 2;
const FRAME_VALUES: usize = AAC_FRAME_SAMPLES as usize * CHANNELS;
/// AudioSpecificConfig for AAC-LC (object type 2), 48 kHz (index 3), 2 channels.
pub(crate) const AUDIO_SPECIFIC_CONFIG: [u8; 2] = [0x11, 0x90];

pub(crate) struct AacEncoder {
    encoder: Encoder,
    /// Interleaved i16 not yet handed to fdk (always < one frame after `push`).
    pending: Vec<i16>,
    out_buf: Vec<u8>,
    /// Encoded frames still to discard (priming).
    to_drop: u32,
    /// Real stereo samples received (excluding our alignment padding).
    input_samples: u64,
    /// Frames handed out so far.
    emitted: u64,
}

impl AacEncoder {
    pub(crate) fn new(bitrate_bps: u32) -> Result<Self, MediaError> {
        let err = |e: fdk_aac::enc::EncoderError| MediaError::AacEncode(e.to_string());
        let encoder = Encoder::new(EncoderParams {
            bit_rate: BitRate::Cbr(bitrate_bps),
            sample_rate: AUDIO_SAMPLE_RATE,
            // ADTS gives each access unit a self-describing header we can check and strip.
            transport: Transport::Adts,
            channels: ChannelMode::Stereo,
            audio_object_type: AudioObjectType::Mpeg4LowComplexity,
        })
        .map_err(err)?;
        let info = encoder.info().map_err(err)?;
        if info.frameLength != AAC_FRAME_SAMPLES {
            return Err(MediaError::AacEncode(format!("unexpected frame length {}", info.frameLength)));
        }
        // Pad the front so the codec delay is a whole number of frames, then drop those frames.
        let delay = info.nDelay;
        let lead_in = (AAC_FRAME_SAMPLES - delay % AAC_FRAME_SAMPLES) % AAC_FRAME_SAMPLES;
        let to_drop = (delay + lead_in) / AAC_FRAME_SAMPLES;
        let out_len = (info.maxOutBufBytes as usize).max(8192);
        Ok(Self {
            encoder,
            pending: vec![0; lead_in as usize * CHANNELS],
            out_buf: vec![0; out_len],
            to_drop,
            input_samples: 0,
            emitted: 0,
        })
    }

    /// Stereo samples received so far.
    pub(crate) fn input_samples(&self) -> u64 {
        self.input_samples
    }

    /// Feed interleaved stereo f32; returns finished raw AAC frames (in order).
    pub(crate) fn push(&mut self, interleaved: &[f32]) -> Result<Vec<Vec<u8>>, MediaError> {
        self.pending.extend(interleaved.iter().map(|&s| (s.clamp(-1.0, 1.0) * 32767.0).round() as i16));
        self.input_samples += (interleaved.len() / CHANNELS) as u64;
        let mut frames = Vec::new();
        self.encode_whole_frames(&mut frames)?;
        self.emitted += frames.len() as u64;
        Ok(frames)
    }

    /// Flush the tail with silence and return the last frames; the track then lasts
    /// ceil(input / 1024) frames.
    pub(crate) fn finish(mut self) -> Result<Vec<Vec<u8>>, MediaError> {
        let wanted = self.input_samples.div_ceil(u64::from(AAC_FRAME_SAMPLES));
        let mut frames = Vec::new();
        // Round up to a whole frame, then keep pushing silent frames until the codec
        // delay has drained (a few frames; bounded in case the codec misbehaves).
        let partial = self.pending.len() % FRAME_VALUES;
        if partial != 0 {
            self.pending.resize(self.pending.len() + FRAME_VALUES - partial, 0);
        }
        for _ in 0..16 {
            if self.emitted + frames.len() as u64 >= wanted {
                break;
            }
            self.pending.extend(std::iter::repeat_n(0, FRAME_VALUES));
            self.encode_whole_frames(&mut frames)?;
        }
        frames.truncate(wanted.saturating_sub(self.emitted) as usize);
        self.emitted += frames.len() as u64;
        if self.emitted < wanted {
            return Err(MediaError::AacEncode(format!("encoder gave {} of {wanted} frames", self.emitted)));
        }
        Ok(frames)
    }

    fn encode_whole_frames(&mut self, frames: &mut Vec<Vec<u8>>) -> Result<(), MediaError> {
        let whole = self.pending.len() / FRAME_VALUES * FRAME_VALUES;
        let mut pos = 0;
        while pos < whole {
            let chunk = &self.pending[pos..pos + FRAME_VALUES];
            let info =
                self.encoder.encode(chunk, &mut self.out_buf).map_err(|e| MediaError::AacEncode(e.to_string()))?;
            if info.input_consumed == 0 && info.output_size == 0 {
                return Err(MediaError::AacEncode("encoder made no progress".into()));
            }
            pos += info.input_consumed.min(FRAME_VALUES);
            for raw in split_adts(&self.out_buf[..info.output_size])? {
                if self.to_drop > 0 {
                    self.to_drop -= 1;
                } else {
                    frames.push(raw.to_vec());
                }
            }
        }
        self.pending.drain(..pos);
        Ok(())
    }
}

/// Split ADTS output into raw access units (headers stripped, as MP4 wants them).
fn split_adts(mut data: &[u8]) -> Result<Vec<&[u8]>, MediaError> {
    let mut units = Vec::new();
    while !data.is_empty() {
        if data.len() < 7 || data[0] != 0xff || data[1] & 0xf0 != 0xf0 {
            return Err(MediaError::AacEncode("encoder output is not ADTS".into()));
        }
        // protection_absent = 0 means a 2-byte CRC follows the 7-byte header.
        let header = if data[1] & 1 == 1 { 7 } else { 9 };
        let frame_len = (usize::from(data[3] & 0x03) << 11) | (usize::from(data[4]) << 3) | usize::from(data[5] >> 5);
        if frame_len <= header || frame_len > data.len() {
            return Err(MediaError::AacEncode(format!("bad ADTS frame length {frame_len}")));
        }
        units.push(&data[header..frame_len]);
        data = &data[frame_len..];
    }
    Ok(units)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frame_count_matches_input() {
        for samples in [0usize, 1, 1024, 48_000, 96_000, 50_000] {
            let mut enc = AacEncoder::new(128_000).unwrap();
            let mut n = 0;
            // Uneven chunk sizes, like an engine would send.
            let pcm: Vec<f32> = (0..samples * 2).map(|i| ((i as f32) * 0.01).sin() * 0.5).collect();
            for chunk in pcm.chunks(3001 * 2) {
                n += enc.push(chunk).unwrap().len();
            }
            n += enc.finish().unwrap().len();
            assert_eq!(n, samples.div_ceil(1024), "{samples} samples");
        }
    }
}
