//! The clip every benchmark renders, and the ways to render it.

use std::path::Path;
use std::str::FromStr;

use anyhow::Context;
use kino_engine::{CancelFlag, Engine, FrameSink, GenerationSpec, RenderControl, SinkError, VideoFrame};
use kino_media::{EncodeOutput, EncodeSettings, encode_clip};
use kino_preview::PreviewEngine;

/// A busy scene on purpose: several moving subjects, rain particles and noise in the audio.
pub const DEFAULT_PROMPT: &str = "a red car driving through the rain at dusk";
pub const FPS: u32 = 24;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Size {
    pub width: u32,
    pub height: u32,
}

impl FromStr for Size {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (w, h) = s.split_once('x').ok_or_else(|| format!("size `{s}` is not WIDTHxHEIGHT"))?;
        let parse = |v: &str| v.parse::<u32>().map_err(|e| format!("size `{s}`: {e}"));
        Ok(Size { width: parse(w)?, height: parse(h)? })
    }
}

impl std::fmt::Display for Size {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}x{}", self.width, self.height)
    }
}

#[derive(Debug, Clone)]
pub struct Clip {
    pub prompt: String,
    pub size: Size,
    pub seconds: u32,
    pub seed: u64,
}

impl Clip {
    pub fn spec(&self) -> GenerationSpec {
        GenerationSpec {
            prompt: self.prompt.clone(),
            width: self.size.width,
            height: self.size.height,
            fps: FPS,
            seconds: self.seconds,
            seed: self.seed,
            ..Default::default()
        }
    }

    /// Render with the preview engine into `sink`.
    pub fn render_into(&self, sink: &mut dyn FrameSink) -> anyhow::Result<()> {
        let control = RenderControl::new(CancelFlag::new());
        PreviewEngine::new().render(&self.spec(), sink, &control).context("preview render")
    }

    /// Render and encode to an MP4 at `path`, exactly as the server does.
    pub fn encode_to(&self, path: &Path) -> anyhow::Result<EncodeOutput> {
        let spec = self.spec();
        let settings = EncodeSettings::new(spec.width, spec.height, spec.fps).with_expected_frames(spec.frame_count());
        let control = RenderControl::new(CancelFlag::new());
        let engine = PreviewEngine::new();
        encode_clip(&settings, path, |sink: &mut dyn FrameSink| engine.render(&spec, sink, &control))
            .with_context(|| format!("encode {}", path.display()))
    }
}

/// Drops everything: for timing the renderer alone.
pub struct NullSink;

impl FrameSink for NullSink {
    fn video_frame(&mut self, frame: VideoFrame) -> Result<(), SinkError> {
        std::hint::black_box(frame);
        Ok(())
    }
    fn audio(&mut self, samples: &[f32]) -> Result<(), SinkError> {
        std::hint::black_box(samples);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn size_parses_and_prints() {
        let s: Size = "1280x720".parse().expect("valid size");
        assert_eq!(s, Size { width: 1280, height: 720 });
        assert_eq!(s.to_string(), "1280x720");
        assert!("1280".parse::<Size>().is_err());
        assert!("axb".parse::<Size>().is_err());
    }
}
