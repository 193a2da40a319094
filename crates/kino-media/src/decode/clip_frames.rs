//! An uploaded or earlier clip as engine input: frames resampled to the spec's rate, count
//! and size, streamed from a decode thread; its last frame; its soundtrack.

use std::sync::Arc;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::thread::JoinHandle;

use kino_engine::{EngineError, FrameSource, OpenFrames, VideoFrame};

use super::demux::demux;
use super::probe::probe_mp4;
use super::retime::Retimer;
use super::tracks::{decode_audio, decode_video};
use crate::error::{MediaError, guarded};
use crate::frame_scale::FrameScaler;
use crate::limits::MAX_DIMENSION;

/// Frames decoded ahead of the engine: enough to overlap decoding with rendering, few
/// enough that a 4K source holds ~130 MB at most.
const QUEUE_FRAMES: usize = 4;

/// An MP4 held in memory, readable any number of times as exactly `out_frames` RGBA frames
/// of `out_width` x `out_height` at `out_fps` (see [`OpenFrames`]).
pub struct ClipFrames {
    bytes: Arc<[u8]>,
    out_width: u32,
    out_height: u32,
    out_frames: u32,
    out_fps: u32,
    /// Presentation times of the video samples, in `timescale` ticks.
    times: Arc<[i64]>,
    timescale: u64,
}

impl ClipFrames {
    /// Probe `bytes` (rejecting what [`probe_mp4`] rejects) and prepare to read it.
    pub fn new(
        bytes: Arc<[u8]>,
        out_width: u32,
        out_height: u32,
        out_frames: u32,
        out_fps: u32,
    ) -> Result<Self, MediaError> {
        check_output_size(out_width, out_height)?;
        if out_fps == 0 {
            return Err(MediaError::InvalidSettings("fps must be at least 1".into()));
        }
        let info = probe_mp4(&bytes)?;
        if info.video_frames == 0 {
            return Err(MediaError::Corrupt("the video track has no frames".into()));
        }
        let (times, timescale) = guarded(|| {
            let video = demux(&bytes)?.video.ok_or(MediaError::NoVideoTrack)??;
            let times: Vec<i64> = video.samples.iter().map(|s| s.pts).collect();
            Ok((times, video.timescale))
        })?;
        Ok(Self { bytes, out_width, out_height, out_frames, out_fps, times: times.into(), timescale })
    }

    /// The number of frames each stream yields.
    pub fn frame_count(&self) -> u32 {
        self.out_frames
    }
}

impl OpenFrames for ClipFrames {
    fn open(&self) -> Result<Box<dyn FrameSource>, EngineError> {
        if self.out_frames == 0 {
            return Ok(Box::new(ClipStream { rx: None, worker: None, remaining: 0 }));
        }
        let (tx, rx) = sync_channel(QUEUE_FRAMES);
        let job = DecodeJob {
            bytes: self.bytes.clone(),
            scaler: FrameScaler::new(self.out_width, self.out_height),
            retimer: Retimer::new(self.times.to_vec(), self.timescale, self.out_fps, self.out_frames),
        };
        let worker = std::thread::Builder::new()
            .name("kino-clip-decode".into())
            .spawn(move || job.run(&tx))
            .map_err(|e| EngineError::Retryable(format!("cannot start the source decoder: {e}")))?;
        Ok(Box::new(ClipStream { rx: Some(rx), worker: Some(worker), remaining: self.out_frames }))
    }
}

struct DecodeJob {
    bytes: Arc<[u8]>,
    scaler: FrameScaler,
    retimer: Retimer,
}

type Item = Result<VideoFrame, MediaError>;

impl DecodeJob {
    /// Decode, retime and send; stops as soon as the receiver is gone.
    fn run(mut self, tx: &SyncSender<Item>) {
        if let Err(e) = self.send_all(tx) {
            let _ = tx.send(Err(e));
        }
    }

    fn send_all(&mut self, tx: &SyncSender<Item>) -> Result<(), MediaError> {
        let mut last: Option<VideoFrame> = None;
        let mut failed = None;
        let mut hung_up = false;
        decode_video(&self.bytes, |k, rgb, w, h| {
            let n = self.retimer.take(k as usize);
            if n > 0 {
                let frame = match self.scaler.frame(rgb, w, h) {
                    Ok(f) => f,
                    Err(e) => {
                        failed = Some(e);
                        return false;
                    }
                };
                for _ in 1..n {
                    if tx.send(Ok(frame.clone())).is_err() {
                        hung_up = true;
                        return false;
                    }
                }
                // Keep a copy only while the tail may still need repeating.
                let keep = (self.retimer.remaining() > 0).then(|| frame.clone());
                if tx.send(Ok(frame)).is_err() {
                    hung_up = true;
                    return false;
                }
                last = keep;
            }
            self.retimer.remaining() > 0
        })?;
        if let Some(e) = failed {
            return Err(e);
        }
        if hung_up || self.retimer.remaining() == 0 {
            return Ok(());
        }
        // The source ended early: hold its last frame.
        let last = last.ok_or_else(|| MediaError::Corrupt("no video frame could be decoded".into()))?;
        for _ in 0..self.retimer.remaining() {
            if tx.send(Ok(last.clone())).is_err() {
                break;
            }
        }
        Ok(())
    }
}

struct ClipStream {
    rx: Option<Receiver<Item>>,
    worker: Option<JoinHandle<()>>,
    remaining: u32,
}

impl FrameSource for ClipStream {
    fn next_frame(&mut self) -> Result<Option<VideoFrame>, EngineError> {
        if self.remaining == 0 {
            return Ok(None);
        }
        let Some(rx) = &self.rx else {
            return Ok(None);
        };
        match rx.recv() {
            Ok(Ok(frame)) => {
                self.remaining -= 1;
                Ok(Some(frame))
            }
            Ok(Err(e)) => {
                self.remaining = 0;
                Err(engine_error(&e))
            }
            Err(_) => {
                self.remaining = 0;
                Err(EngineError::Retryable("the source decoder stopped before the last frame".into()))
            }
        }
    }
}

impl Drop for ClipStream {
    fn drop(&mut self) {
        // Hang up first: the decoder's next send fails and it returns within one frame.
        drop(self.rx.take());
        if let Some(worker) = self.worker.take() {
            let _ = worker.join();
        }
    }
}

/// A bad source is the client's fault and fails the render; anything else may be retried.
fn engine_error(e: &MediaError) -> EngineError {
    if e.is_invalid_input() {
        EngineError::fatal("invalid_source_video", format!("The source video could not be read: {e}"))
    } else {
        EngineError::Retryable(format!("reading the source video: {e}"))
    }
}

fn check_output_size(width: u32, height: u32) -> Result<(), MediaError> {
    if width == 0 || height == 0 || width > MAX_DIMENSION || height > MAX_DIMENSION {
        return Err(MediaError::InvalidSettings(format!("cannot scale a clip to {width}x{height}")));
    }
    Ok(())
}

/// The clip's final displayed frame as opaque RGBA, scaled to cover `out_width` x
/// `out_height` (cropped about the centre): the first frame of an extension.
pub fn last_frame(bytes: &[u8], out_width: u32, out_height: u32) -> Result<VideoFrame, MediaError> {
    check_output_size(out_width, out_height)?;
    let mut last: Option<(Vec<u8>, u32, u32)> = None;
    decode_video(bytes, |_, rgb, w, h| {
        match &mut last {
            Some((buf, lw, lh)) => {
                buf.clear();
                buf.extend_from_slice(rgb);
                (*lw, *lh) = (w, h);
            }
            None => last = Some((rgb.to_vec(), w, h)),
        }
        true
    })?;
    let (rgb, w, h) = last.ok_or_else(|| MediaError::Corrupt("no video frame could be decoded".into()))?;
    FrameScaler::new(out_width, out_height).frame(&rgb, w, h)
}

/// The clip's soundtrack as interleaved stereo f32 at 48 kHz, exactly `sample_frames`
/// sample frames long: trimmed, or padded with silence. A clip without audio gives silence.
pub fn source_audio(bytes: &[u8], sample_frames: u64) -> Result<Vec<f32>, MediaError> {
    let want = usize::try_from(sample_frames.saturating_mul(2))
        .map_err(|_| MediaError::InvalidSettings(format!("{sample_frames} audio samples")))?;
    let pcm = match decode_audio(bytes) {
        Ok(pcm) => pcm,
        Err(MediaError::NoAudioTrack) => Vec::new(),
        Err(e) => return Err(e),
    };
    let mut out = Vec::with_capacity(want);
    out.extend(pcm.iter().take(want).map(|&s| f32::from(s) / 32768.0));
    out.resize(want, 0.0);
    Ok(out)
}
