//! `probe_mp4`: what an MP4/MOV holds, checked against what Kino accepts.

use super::demux::demux;
use crate::error::{MediaError, guarded};

#[derive(Debug, Clone, PartialEq)]
pub struct ProbeInfo {
    pub width: u32,
    pub height: u32,
    pub fps: f64,
    pub video_frames: u32,
    pub duration_seconds: f64,
    /// Always "h264": anything else is rejected.
    pub video_codec: String,
    pub audio: Option<AudioInfo>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct AudioInfo {
    /// "aac", "mp3", or the codec string / sample-entry fourcc of anything else.
    pub codec: String,
    pub sample_rate: u32,
    /// 0 when the sample entry does not say.
    pub channels: u32,
    /// Duration of the track in samples (per channel) at `sample_rate`.
    pub samples: u64,
}

/// Demux `bytes` (MP4 or MOV, plain or fragmented) and describe it. Rejects, with a message
/// fit for the API client: non-MP4 data, a missing video track, video other than H.264
/// (naming the codec), H.264 profiles other than Baseline/Main/High 8-bit 4:2:0 (High 10,
/// 4:2:2, 4:4:4), sizes over 4096x4096, durations over 130 s, and truncated files.
/// Never panics: the demuxer runs under `catch_unwind` after a bounds pre-scan.
pub fn probe_mp4(bytes: &[u8]) -> Result<ProbeInfo, MediaError> {
    guarded(|| {
        let demuxed = demux(bytes)?;
        let video = demuxed.video.ok_or(MediaError::NoVideoTrack)??;
        let frames = u32::try_from(video.samples.len()).unwrap_or(u32::MAX);
        let fps = if video.duration_seconds > 0.0 { f64::from(frames) / video.duration_seconds } else { 0.0 };
        Ok(ProbeInfo {
            width: video.width,
            height: video.height,
            fps,
            video_frames: frames,
            duration_seconds: video.duration_seconds,
            video_codec: "h264".to_owned(),
            audio: demuxed.audio.map(|a| AudioInfo {
                codec: a.codec,
                sample_rate: a.sample_rate,
                channels: a.channels,
                samples: a.total_samples,
            }),
        })
    })
}
