//! `encode_clip`: the engine renders on the calling thread while a second thread encodes.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender, SyncSender, channel, sync_channel};
use std::thread;

use kino_engine::{EngineError, FrameSink, SinkError, VideoFrame};

use super::aac::{AAC_FRAME_SAMPLES, AacEncoder};
use super::h264::H264Encoder;
use super::mux::Mp4Writer;
use super::settings::EncodeSettings;
use super::spritesheet::SpriteCollector;
use super::thumbnail::ThumbnailPicker;
use crate::color::I420;
use crate::error::{ClipError, MediaError, panic_message};

/// Messages in flight between the renderer and the encoder. Three slots: the renderer can
/// finish frame n+1 while frame n encodes, and at most ~3 frames are ever queued.
const CHANNEL_SLOTS: usize = 3;

enum Msg {
    /// A frame already converted to I420 on the producer side.
    Video(I420),
    /// AAC frames, encoded on the producer side too.
    Audio(Vec<Vec<u8>>),
    /// The engine finished normally, with this many stereo samples of audio. A channel that
    /// closes without it means "abort".
    Finish { audio_samples: u64 },
}

/// What [`encode_clip`] produced.
#[derive(Debug, Clone)]
pub struct EncodeOutput {
    pub mp4_path: PathBuf,
    pub mp4_bytes: u64,
    pub thumbnail_webp: Vec<u8>,
    pub spritesheet_jpeg: Vec<u8>,
    pub video_frames: u32,
    /// Stereo samples of audio received from the engine (48 kHz).
    pub audio_samples: u64,
}

/// The engine's sink, on the calling thread. Work that needs only the engine's output
/// happens here, next to rendering, so the encoder thread does nothing but encode video (the
/// longest chain): RGBA→I420 conversion (the channel then carries 1.5 instead of 4 bytes a
/// pixel), the spritesheet tiles (downscaled as frames pass), the thumbnail pick, and AAC.
struct ChannelSink {
    tx: SyncSender<Msg>,
    /// I420 buffers the encoder is done with, for reuse.
    spare: Receiver<I420>,
    width: u32,
    height: u32,
    frames: u32,
    thumbnail: ThumbnailPicker,
    sprites: SpriteCollector,
    /// Taken when the engine is done.
    audio: Option<AacEncoder>,
    /// The sink's own failure (bad frame size, resize error); the engine only sees a SinkError.
    error: Option<MediaError>,
}

impl ChannelSink {
    fn fail(&mut self, e: MediaError) -> SinkError {
        let sink_error = SinkError(e.to_string());
        self.error = Some(e);
        sink_error
    }

    /// The end of the engine's output: the encoder's last AAC frames, then `Finish`.
    fn finish_audio(&mut self) -> Result<(), MediaError> {
        let Some(encoder) = self.audio.take() else {
            return Ok(());
        };
        let audio_samples = encoder.input_samples();
        if audio_samples > 0 {
            let frames = encoder.finish()?;
            if !frames.is_empty() && self.tx.send(Msg::Audio(frames)).is_err() {
                return Ok(()); // the encoder stopped; its own error says why
            }
        }
        let _ = self.tx.send(Msg::Finish { audio_samples });
        Ok(())
    }

    fn take_frame(&mut self, frame: VideoFrame) -> Result<I420, MediaError> {
        let (w, h) = (self.width, self.height);
        if frame.width != w || frame.height != h || frame.rgba.len() != (w as usize) * (h as usize) * 4 {
            return Err(MediaError::FrameSize {
                index: self.frames,
                width: w,
                height: h,
                got_width: frame.width,
                got_height: frame.height,
                got_len: frame.rgba.len(),
            });
        }
        let mut yuv = self.spare.try_recv().unwrap_or_else(|_| I420::new(w, h));
        yuv.fill_from_rgba_bt709(&frame.rgba);
        self.sprites.offer(self.frames, &frame.rgba)?;
        self.thumbnail.offer(self.frames, frame.rgba);
        self.frames = self.frames.checked_add(1).ok_or_else(|| MediaError::Internal("frame count overflow".into()))?;
        Ok(yuv)
    }
}

impl FrameSink for ChannelSink {
    fn video_frame(&mut self, frame: VideoFrame) -> Result<(), SinkError> {
        if self.error.is_some() {
            return Err(SinkError("encoder stopped".into()));
        }
        let yuv = self.take_frame(frame).map_err(|e| self.fail(e))?;
        self.tx.send(Msg::Video(yuv)).map_err(|_| SinkError("encoder stopped".into()))
    }

    fn audio(&mut self, interleaved_stereo: &[f32]) -> Result<(), SinkError> {
        if self.error.is_some() {
            return Err(SinkError("encoder stopped".into()));
        }
        if interleaved_stereo.is_empty() {
            return Ok(());
        }
        let Some(encoder) = self.audio.as_mut() else {
            return Err(SinkError("audio after the end of the clip".into()));
        };
        let frames = encoder.push(interleaved_stereo).map_err(|e| self.fail(e))?;
        if frames.is_empty() {
            return Ok(());
        }
        self.tx.send(Msg::Audio(frames)).map_err(|_| SinkError("encoder stopped".into()))
    }
}

/// What the encoder thread produced.
struct Encoded {
    mp4_bytes: u64,
    video_frames: u32,
    audio_samples: u64,
}

/// Deletes the output file unless disarmed: covers errors, and panics unwinding through.
struct RemoveOnDrop<'a>(Option<&'a Path>);

impl Drop for RemoveOnDrop<'_> {
    fn drop(&mut self) {
        if let Some(p) = self.0 {
            let _ = std::fs::remove_file(p);
        }
    }
}

/// Runs `produce` on the calling thread with a sink whose frames and audio go over a bounded
/// channel (3 messages) to an encoder thread, so rendering of frame n+1 overlaps encoding of
/// frame n. Writes the MP4 (H.264 Constrained Baseline + AAC-LC, moov before mdat) to
/// `out_path` as it goes: memory does not grow with duration (sample data goes to the file as
/// it is encoded; only the sample tables stay in memory). Builds the thumbnail and
/// spritesheet from frames as they pass (no decode afterwards).
///
/// If `produce` returns Err, or the encoder fails, the partial file is removed and the error
/// returned: the engine's own error as [`ClipError::Engine`], an encoder failure (which the
/// engine sees as a [`SinkError`]) as [`ClipError::Media`].
pub fn encode_clip(
    settings: &EncodeSettings,
    out_path: &Path,
    produce: impl FnOnce(&mut dyn FrameSink) -> Result<(), EngineError>,
) -> Result<EncodeOutput, ClipError> {
    settings.validate().map_err(ClipError::Media)?;
    let mut cleanup = RemoveOnDrop(Some(out_path));

    let (w, h) = (settings.width, settings.height);
    let result = thread::scope(|scope| {
        let (tx, rx) = sync_channel(CHANNEL_SLOTS);
        let (spare_tx, spare_rx) = channel();
        let encoder = thread::Builder::new()
            .name("kino-encode".into())
            .spawn_scoped(scope, move || run_encoder(settings, out_path, rx, spare_tx))
            .map_err(|e| ClipError::Media(MediaError::Internal(format!("cannot start encoder thread: {e}"))))?;

        let mut sink = ChannelSink {
            tx,
            spare: spare_rx,
            width: w,
            height: h,
            frames: 0,
            thumbnail: ThumbnailPicker::new(settings.expected_frames, w, h),
            sprites: SpriteCollector::new(w, h, settings.expected_frames),
            audio: Some(AacEncoder::new(settings.audio_bitrate_bps).map_err(ClipError::Media)?),
            error: None,
        };
        let produced = produce(&mut sink);
        if produced.is_ok()
            && sink.error.is_none()
            && let Err(e) = sink.finish_audio()
        {
            sink.error = Some(e);
        }
        let ChannelSink { tx, frames, thumbnail, sprites, error: sink_error, .. } = sink;
        drop(tx);

        // Thumbnail and spritesheet images while the encoder drains its queue.
        let images = if produced.is_ok() && sink_error.is_none() && frames > 0 {
            Some(thumbnail.finish(frames).and_then(|webp| Ok((webp, sprites.finish(frames)?))))
        } else {
            None
        };

        let encoded = encoder.join().unwrap_or_else(|payload| {
            Err(MediaError::Internal(format!("encoder thread panicked: {}", panic_message(&*payload))))
        });
        if let Some(e) = sink_error {
            return Err(ClipError::Media(e));
        }
        match (produced, encoded) {
            (Ok(()), Ok(enc)) => {
                let (thumbnail_webp, spritesheet_jpeg) =
                    images.ok_or(MediaError::NoFrames).and_then(|r| r).map_err(ClipError::Media)?;
                Ok(EncodeOutput {
                    mp4_path: out_path.to_owned(),
                    mp4_bytes: enc.mp4_bytes,
                    thumbnail_webp,
                    spritesheet_jpeg,
                    video_frames: enc.video_frames,
                    audio_samples: enc.audio_samples,
                })
            }
            // The engine only saw a closed sink; the encoder's error is the cause.
            (Ok(()) | Err(EngineError::Sink(_)), Err(e)) => Err(ClipError::Media(e)),
            (Err(e), _) => Err(ClipError::Engine(e)),
        }
    });
    if result.is_ok() {
        cleanup.0 = None;
    }
    result
}

fn run_encoder(
    settings: &EncodeSettings,
    path: &Path,
    rx: Receiver<Msg>,
    spare: Sender<I420>,
) -> Result<Encoded, MediaError> {
    let (w, h) = (settings.width, settings.height);
    let expected = settings.expected_frames;
    let mut video = H264Encoder::new(settings)?;
    let mut mp4 = Mp4Writer::create(path, w, h, settings.fps, settings.audio_bitrate_bps, expected)?;
    let mut frames: u32 = 0;

    let audio_samples = loop {
        match rx.recv() {
            Ok(Msg::Video(yuv)) => {
                mp4.push_video(video.encode(&yuv)?)?;
                // The producer may already be gone; then the buffer is simply dropped.
                let _ = spare.send(yuv);
                frames = frames.checked_add(1).ok_or_else(|| MediaError::Internal("frame count overflow".into()))?;
            }
            Ok(Msg::Audio(aac_frames)) => {
                for aac_frame in aac_frames {
                    mp4.push_audio(aac_frame)?;
                }
            }
            Ok(Msg::Finish { audio_samples }) => break audio_samples,
            Err(_) => return Err(MediaError::Aborted),
        }
    };
    if frames == 0 {
        return Err(MediaError::NoFrames);
    }
    let summary = mp4.finish()?;
    debug_assert_eq!(summary.audio_frames, audio_samples.div_ceil(u64::from(AAC_FRAME_SAMPLES)));
    Ok(Encoded { mp4_bytes: summary.bytes, video_frames: summary.video_frames, audio_samples })
}
