//! One MP4 sample as both writers see it: the streaming [`Mp4Writer`](super::mux::Mp4Writer)
//! and the [faststart rewrite](super::faststart) that replays its tables.

use std::num::NonZeroU32;

use shiguredo_mp4::TrackKind;
use shiguredo_mp4::boxes::SampleEntry;
use shiguredo_mp4::mux::Sample;

use super::aac::AAC_FRAME_SAMPLES;
use crate::error::MediaError;
use kino_engine::AUDIO_SAMPLE_RATE;

/// What the replay path needs to rebuild the tables; `entry` only where it changes
/// (boxed: a sample entry is a few hundred bytes and this is kept per sample).
pub(crate) struct Record {
    pub(crate) kind: TrackKind,
    pub(crate) size: u32,
    pub(crate) keyframe: bool,
    pub(crate) entry: Option<Box<SampleEntry>>,
}

/// The muxer's entry for one sample of `size` bytes at `offset`: a video sample lasts one
/// frame (timescale `fps`), an audio sample one AAC frame (timescale 48 kHz).
pub(crate) fn sample_for(
    kind: TrackKind,
    entry: Option<SampleEntry>,
    keyframe: bool,
    fps: NonZeroU32,
    offset: u64,
    size: usize,
) -> Sample {
    let (timescale, duration) = match kind {
        TrackKind::Audio => (NonZeroU32::new(AUDIO_SAMPLE_RATE).unwrap_or(NonZeroU32::MIN), AAC_FRAME_SAMPLES),
        _ => (fps, 1),
    };
    Sample {
        track_kind: kind,
        sample_entry: entry,
        keyframe,
        timescale,
        duration,
        composition_time_offset: None,
        data_offset: offset,
        data_size: size,
    }
}

/// The muxer's error as ours.
pub(crate) fn mux_err(e: shiguredo_mp4::mux::MuxError) -> MediaError {
    MediaError::Mux(e.to_string())
}
