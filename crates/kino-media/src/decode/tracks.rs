//! Decoding uploaded clips: H.264 with openh264, AAC with fdk-aac.

use openh264::OpenH264API;
use openh264::decoder::{DecodedYUV, Decoder, DecoderConfig, Flush};
use openh264::formats::YUVSource;

use super::aac::AacDecoder;
use super::demux::{AudioTrack, demux};
use crate::color::{ColorSpace, i420_to_rgb};
use crate::error::{MediaError, guarded};
use crate::limits::MAX_DIMENSION;
use crate::nal::length_prefixed_to_annexb;
use kino_engine::AUDIO_SAMPLE_RATE;

/// Decode every video frame, in display order, calling `on_frame(index, rgb8, width, height)`;
/// return false from it to stop early. Returns the number of frames delivered.
///
/// Colour: the matrix and range the SPS declares, else BT.709 for HD and BT.601 for SD.
/// Runs the same checks as [`crate::probe_mp4`] first; never panics.
pub fn decode_video(bytes: &[u8], mut on_frame: impl FnMut(u32, &[u8], u32, u32) -> bool) -> Result<u32, MediaError> {
    guarded(|| {
        let video = demux(bytes)?.video.ok_or(MediaError::NoVideoTrack)??;
        let space = match &video.sps_info {
            Some(info) => info.color_space(video.width, video.height),
            None => ColorSpace::guess(video.width, video.height),
        };
        // NoFlush: flushing after every packet loses frames on streams with B-frames
        // (8/96 decoded); the reorder buffer is drained once at the end instead.
        let config = DecoderConfig::new().flush_after_decode(Flush::NoFlush);
        let mut decoder = Decoder::with_api_config(OpenH264API::from_source(), config)
            .map_err(|e| MediaError::H264Decode(e.to_string()))?;
        let mut emitter = Emitter { space, rgb: Vec::new(), index: 0, stopped: false };
        let mut annexb = Vec::new();

        for (n, sample) in video.samples.iter().enumerate() {
            annexb.clear();
            // Parameter sets live in avcC; a decoder joining at a sync sample needs them inline.
            if sample.is_sync || n == 0 {
                for ps in video.sps.iter().chain(&video.pps) {
                    annexb.extend_from_slice(&[0, 0, 0, 1]);
                    annexb.extend_from_slice(ps);
                }
            }
            let data =
                bytes.get(sample.range.clone()).ok_or_else(|| MediaError::Corrupt("sample out of range".into()))?;
            length_prefixed_to_annexb(data, video.length_size, &mut annexb)
                .map_err(|e| MediaError::Corrupt(format!("video sample {n}: {e}")))?;
            let decoded = decoder.decode(&annexb).map_err(|e| MediaError::H264Decode(format!("sample {n}: {e}")))?;
            if let Some(picture) = decoded {
                emitter.emit(&picture, &mut on_frame)?;
                if emitter.stopped {
                    return Ok(emitter.index);
                }
            }
        }
        for picture in decoder.flush_remaining().map_err(|e| MediaError::H264Decode(e.to_string()))? {
            emitter.emit(&picture, &mut on_frame)?;
            if emitter.stopped {
                break;
            }
        }
        Ok(emitter.index)
    })
}

struct Emitter {
    space: ColorSpace,
    rgb: Vec<u8>,
    index: u32,
    stopped: bool,
}

impl Emitter {
    fn emit(
        &mut self,
        picture: &DecodedYUV<'_>,
        on_frame: &mut impl FnMut(u32, &[u8], u32, u32) -> bool,
    ) -> Result<(), MediaError> {
        let (w, h) = picture.dimensions();
        let (w, h) = (w as u32, h as u32);
        // The SPS, not the container, decides the real size: check it again.
        if w == 0 || h == 0 || w > MAX_DIMENSION || h > MAX_DIMENSION {
            return Err(MediaError::TooLarge { width: w, height: h, max: MAX_DIMENSION });
        }
        i420_to_rgb(picture, self.space, &mut self.rgb);
        let more = on_frame(self.index, &self.rgb, w, h);
        self.index += 1;
        self.stopped = !more;
        Ok(())
    }
}

/// Decode the AAC audio track to interleaved stereo i16 at 48 kHz: mono is duplicated,
/// more channels are downmixed by the decoder, other rates are resampled (linear).
/// Leading priming that the file's edit list skips is dropped.
pub fn decode_audio(bytes: &[u8]) -> Result<Vec<i16>, MediaError> {
    guarded(|| {
        let audio = demux(bytes)?.audio.ok_or(MediaError::NoAudioTrack)?;
        let Some(asc) = audio.asc else {
            return Err(MediaError::UnsupportedAudioCodec(audio.codec));
        };
        let pcm = decode_aac(bytes, &audio, &asc)?;
        Ok(resample_stereo(&pcm, audio.sample_rate, AUDIO_SAMPLE_RATE))
    })
}

fn decode_aac(bytes: &[u8], audio: &AudioTrack, asc: &[u8; 2]) -> Result<Vec<i16>, MediaError> {
    let mut decoder = AacDecoder::new(asc)?;
    let mut out = Vec::with_capacity((audio.total_samples as usize).min(1 << 26) * 2);
    for (n, sample) in audio.samples.iter().enumerate() {
        let data = bytes.get(sample.range.clone()).ok_or_else(|| MediaError::Corrupt("sample out of range".into()))?;
        if data.is_empty() {
            continue;
        }
        let (pcm, channels) =
            decoder.decode(data).map_err(|e| MediaError::AacDecode(format!("audio frame {n}: {e}")))?;
        push_stereo(&mut out, pcm, channels);
    }
    // Whatever delay is left (none for AAC-LC with the settings above) is trimmed from the
    // front and drained from the filter banks at the end.
    let delay = decoder.output_delay() as usize;
    let want = (audio.total_samples.saturating_sub(audio.skip_samples) as usize).saturating_mul(2);
    let skip = (audio.skip_samples as usize + delay) * 2;
    for _ in 0..8 {
        if out.len() >= want + skip || delay == 0 {
            break;
        }
        let (pcm, channels) = decoder.flush()?;
        if pcm.is_empty() {
            break;
        }
        push_stereo(&mut out, pcm, channels);
    }
    out.drain(..skip.min(out.len()));
    // Trim to the track duration (the last frame may be padded).
    out.truncate(want);
    Ok(out)
}

fn push_stereo(out: &mut Vec<i16>, pcm: &[i16], channels: usize) {
    match channels {
        1 => pcm.iter().for_each(|&s| out.extend_from_slice(&[s, s])),
        2 => out.extend_from_slice(pcm),
        // FDK was asked to downmix; if it did not, keep the front pair (C, L, R, ... order).
        _ => pcm.chunks_exact(channels).for_each(|c| out.extend_from_slice(&[c[1], c[2]])),
    }
}

/// Linear-interpolation resampler for interleaved stereo; a no-op at equal rates.
fn resample_stereo(pcm: &[i16], from: u32, to: u32) -> Vec<i16> {
    if from == to || from == 0 || pcm.len() < 4 {
        return pcm.to_vec();
    }
    let frames_in = pcm.len() / 2;
    let frames_out = (frames_in as u64 * u64::from(to) / u64::from(from)) as usize;
    let step = f64::from(from) / f64::from(to);
    let mut out = Vec::with_capacity(frames_out * 2);
    for i in 0..frames_out {
        let pos = i as f64 * step;
        let i0 = (pos as usize).min(frames_in - 1);
        let i1 = (i0 + 1).min(frames_in - 1);
        let t = pos - i0 as f64;
        for c in 0..2 {
            let a = f64::from(pcm[i0 * 2 + c]);
            let b = f64::from(pcm[i1 * 2 + c]);
            out.push((a + (b - a) * t).round() as i16);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resample_keeps_length_ratio() {
        let pcm: Vec<i16> = (0..44_100 * 2).map(|i| (i % 100) as i16).collect();
        assert_eq!(resample_stereo(&pcm, 44_100, 48_000).len(), 48_000 * 2);
        assert_eq!(resample_stereo(&pcm, 48_000, 48_000), pcm);
    }
}
