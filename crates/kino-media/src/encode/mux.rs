//! Streaming MP4 writer over shiguredo_mp4's sans-I/O muxer.
//!
//! Sample data goes to the file as it is encoded; only the sample tables stay in memory.
//! Space for the moov box is reserved right after ftyp, and the finished moov is written
//! into it at the end, so the file is moov-before-mdat ("faststart") without a second pass.
//! If the reservation was too small (the clip ran longer than announced), the file is
//! rewritten once with a large enough reservation.

use std::collections::VecDeque;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::num::NonZeroU32;
use std::path::{Path, PathBuf};

use shiguredo_mp4::TrackKind;
use shiguredo_mp4::boxes::SampleEntry;
use shiguredo_mp4::mux::{Mp4FileMuxer, Mp4FileMuxerOptions, estimate_maximum_moov_box_size};

use super::aac::AAC_FRAME_SAMPLES;
use super::faststart::{rewrite_faststart, write_finalized};
use super::h264::EncodedPicture;
use super::sample_entry::{avc1_entry, mp4a_entry};
use super::sample_table::{Record, mux_err, sample_for};
use crate::error::MediaError;
use kino_engine::AUDIO_SAMPLE_RATE;

/// Without a frame count we reserve moov space for this long a clip (a few tens of KB).
const DEFAULT_RESERVED_SECONDS: u64 = 20;
/// How far one track may run ahead of the other before we stop waiting to interleave
/// (bounds memory if an engine sends all its video before its audio).
const MAX_LEAD_SECONDS: u64 = 2;
const WRITE_BUFFER: usize = 1 << 20;

struct Pending {
    data: Vec<u8>,
    keyframe: bool,
    entry: Option<SampleEntry>,
    /// Position in its track, which gives its start time.
    index: u64,
}

pub(crate) struct Mp4Writer {
    path: PathBuf,
    file: BufWriter<File>,
    muxer: Mp4FileMuxer,
    options: Mp4FileMuxerOptions,
    data_start: u64,
    position: u64,
    fps: NonZeroU32,
    width: u16,
    height: u16,
    audio_bitrate: u32,
    video_params: Option<(Vec<u8>, Vec<u8>)>,
    video: VecDeque<Pending>,
    audio: VecDeque<Pending>,
    video_count: u64,
    audio_count: u64,
    records: Vec<Record>,
}

/// Result of [`Mp4Writer::finish`].
pub(crate) struct Mp4Summary {
    pub(crate) bytes: u64,
    pub(crate) video_frames: u32,
    pub(crate) audio_frames: u64,
}

impl Mp4Writer {
    /// `expected_frames`: video frames announced by the caller, to size the moov reservation.
    pub(crate) fn create(
        path: &Path,
        width: u32,
        height: u32,
        fps: u32,
        audio_bitrate: u32,
        expected_frames: Option<u32>,
    ) -> Result<Self, MediaError> {
        let fps_nz = NonZeroU32::new(fps).ok_or_else(|| MediaError::InvalidSettings("fps is 0".into()))?;
        let (w, h) = match (u16::try_from(width), u16::try_from(height)) {
            (Ok(w), Ok(h)) => (w, h),
            _ => {
                return Err(MediaError::InvalidSettings(format!("size {width}x{height} too large for MP4")));
            }
        };
        let video_frames = expected_frames.map_or(DEFAULT_RESERVED_SECONDS * u64::from(fps), u64::from);
        let options = Mp4FileMuxerOptions {
            reserved_moov_box_size: reservation(video_frames, fps),
            // Fixed rather than "now": the same render must give the same bytes.
            creation_timestamp: std::time::Duration::ZERO,
            ..Default::default()
        };
        let muxer = Mp4FileMuxer::with_options(options.clone()).map_err(mux_err)?;
        let file = File::create(path).map_err(|e| MediaError::io(path, e))?;
        let mut file = BufWriter::with_capacity(WRITE_BUFFER, file);
        let initial = muxer.initial_boxes_bytes();
        file.write_all(initial).map_err(|e| MediaError::io(path, e))?;
        let data_start = initial.len() as u64;
        Ok(Self {
            path: path.to_owned(),
            file,
            muxer,
            options,
            data_start,
            position: data_start,
            fps: fps_nz,
            width: w,
            height: h,
            audio_bitrate,
            video_params: None,
            video: VecDeque::new(),
            audio: VecDeque::new(),
            video_count: 0,
            audio_count: 0,
            records: Vec::new(),
        })
    }

    pub(crate) fn push_video(&mut self, picture: EncodedPicture) -> Result<(), MediaError> {
        // A new sample entry only when the parameter sets change (openh264 keeps them
        // constant, but a changed SPS must not be paired with a stale avcC).
        let mut entry = None;
        if let (Some(sps), Some(pps)) = (picture.sps, picture.pps)
            && self.video_params.as_ref().is_none_or(|(s, p)| *s != sps || *p != pps)
        {
            entry = Some(avc1_entry(self.width, self.height, &sps, &pps)?);
            self.video_params = Some((sps, pps));
        }
        if self.video_params.is_none() {
            return Err(MediaError::H264Encode("first picture carries no SPS/PPS".into()));
        }
        let index = self.video_count;
        self.video_count += 1;
        self.video.push_back(Pending { data: picture.sample, keyframe: picture.keyframe, entry, index });
        self.interleave(false)
    }

    pub(crate) fn push_audio(&mut self, frame: Vec<u8>) -> Result<(), MediaError> {
        let entry = (self.audio_count == 0).then(|| mp4a_entry(self.audio_bitrate));
        let index = self.audio_count;
        self.audio_count += 1;
        self.audio.push_back(Pending { data: frame, keyframe: true, entry, index });
        self.interleave(false)
    }

    /// Write every queued sample, finalize the moov, and make the file moov-first.
    pub(crate) fn finish(mut self) -> Result<Mp4Summary, MediaError> {
        if self.video_count == 0 {
            return Err(MediaError::NoFrames);
        }
        self.interleave(true)?;
        let path = self.path.clone();
        let io = |e| MediaError::io(&path, e);
        let mut file = self.file.into_inner().map_err(|e| MediaError::io(&path, e.into_error()))?;
        let finalized = self.muxer.finalize().map_err(mux_err)?;
        if finalized.is_faststart_enabled() {
            write_finalized(&mut file, finalized).map_err(io)?;
        } else {
            let needed = finalized.moov_box_size();
            drop(file);
            rewrite_faststart(&path, &self.options, needed, self.data_start, self.position, &self.records, self.fps)?;
        }
        let bytes = std::fs::metadata(&path).map_err(io)?.len();
        Ok(Mp4Summary {
            bytes,
            video_frames: u32::try_from(self.video_count).unwrap_or(u32::MAX),
            audio_frames: self.audio_count,
        })
    }

    /// Write queued samples in start-time order. Until `drain`, wait for the other track
    /// to catch up (up to MAX_LEAD_SECONDS) so the file interleaves audio and video.
    fn interleave(&mut self, drain: bool) -> Result<(), MediaError> {
        let fps = u64::from(self.fps.get());
        let max_video_lead = MAX_LEAD_SECONDS * fps;
        let max_audio_lead = MAX_LEAD_SECONDS * u64::from(AUDIO_SAMPLE_RATE / AAC_FRAME_SAMPLES);
        loop {
            let take_video = match (self.video.front(), self.audio.front()) {
                // Compare start times v/fps and a*1024/48000 without division.
                (Some(v), Some(a)) => {
                    v.index * u64::from(AUDIO_SAMPLE_RATE) <= a.index * u64::from(AAC_FRAME_SAMPLES) * fps
                }
                (Some(_), None) if drain || self.video.len() as u64 > max_video_lead => true,
                (None, Some(_)) if drain || self.audio.len() as u64 > max_audio_lead => false,
                _ => return Ok(()),
            };
            let (kind, pending) = if take_video {
                (TrackKind::Video, self.video.pop_front())
            } else {
                (TrackKind::Audio, self.audio.pop_front())
            };
            if let Some(p) = pending {
                self.write_sample(kind, p)?;
            }
        }
    }

    fn write_sample(&mut self, kind: TrackKind, p: Pending) -> Result<(), MediaError> {
        self.file.write_all(&p.data).map_err(|e| MediaError::io(&self.path, e))?;
        let sample = sample_for(kind, p.entry.clone(), p.keyframe, self.fps, self.position, p.data.len());
        self.muxer.append_sample(&sample).map_err(mux_err)?;
        self.position += p.data.len() as u64;
        let size = u32::try_from(p.data.len()).map_err(|_| MediaError::Mux("sample over 4 GiB".into()))?;
        self.records.push(Record { kind, size, keyframe: p.keyframe, entry: p.entry.map(Box::new) });
        Ok(())
    }
}

/// moov bytes for this many frames of video plus the matching AAC frames, with slack
/// for the per-chunk entries interleaving adds.
fn reservation(video_frames: u64, fps: u32) -> usize {
    let seconds = video_frames.div_ceil(u64::from(fps.max(1))) + 1;
    let audio_frames = seconds * u64::from(AUDIO_SAMPLE_RATE).div_ceil(u64::from(AAC_FRAME_SAMPLES));
    let counts = [video_frames as usize + 1, audio_frames as usize];
    estimate_maximum_moov_box_size(&counts) + 1024
}
