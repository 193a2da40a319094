//! `preview`: Kino's built-in procedural engine. It needs no model or GPU: it reads the
//! prompt for a few cues (colour words, time of day, weather, a subject noun), plans a small
//! scene, and renders it as a moving picture with a soft soundtrack. Output is a pure
//! function of the spec (prompt, size, fps, seconds, seed): same spec, same bytes.
//!
//! [`plan()`] turns a prompt into an inspectable, serialisable [`ScenePlan`] (shot, camera,
//! subjects, setting, light, weather, palette, text, sound), driven by a data vocabulary;
//! the renderer does not read it yet (see `plan/mod.rs` for how it should).
//!
//! Layout: `scene` plans (prompt → [`scene::Scene`]), `background` paints the static
//! backdrop once, `canvas` composes each frame, `draw` holds the subject shapes,
//! `weather` the rain and snow, and `audio` the soundtrack.

mod audio;
mod background;
mod canvas;
mod draw;
mod math;
mod palette;
mod pixels;
pub mod plan;
mod rng;
mod scene;
mod weather;
mod words;

use kino_engine::{Engine, EngineError, FrameSink, GenerationSpec, RenderControl, VideoFrame};

use crate::audio::Synth;
use crate::canvas::Canvas;
use crate::scene::Scene;

pub use crate::plan::{ScenePlan, Vocabulary, plan, plan_with};

/// The procedural preview engine. Stateless: every render plans its own scene.
#[derive(Debug, Clone, Copy, Default)]
pub struct PreviewEngine;

impl PreviewEngine {
    pub fn new() -> Self {
        Self
    }
}

impl Engine for PreviewEngine {
    fn name(&self) -> &str {
        "preview"
    }

    fn render(
        &self,
        spec: &GenerationSpec,
        sink: &mut dyn FrameSink,
        control: &RenderControl,
    ) -> Result<(), EngineError> {
        if spec.width == 0 || spec.height == 0 {
            return Err(EngineError::fatal(
                "invalid_size",
                format!("cannot render a {}x{} clip", spec.width, spec.height),
            ));
        }
        let frames = spec.frame_count();
        control.set_total(frames);
        let scene = Scene::plan(&spec.prompt, spec.seed, spec.seconds as f32);
        let mut synth = Synth::new(&scene.sound, spec.audio_samples());
        let canvas = Canvas::new(scene, spec.width, spec.height, spec.fps, spec.seconds)?;

        let total_audio = spec.audio_samples();
        let mut audio_sent = 0u64;
        let mut chunk = Vec::new();
        for index in 0..frames {
            if control.is_cancelled() {
                return Err(EngineError::Cancelled);
            }
            let rgba = canvas.frame(index)?;
            sink.video_frame(VideoFrame::new(spec.width, spec.height, rgba))?;
            // Audio up to the end of this frame, so the muxer never waits on a long run of one stream.
            let due = total_audio * u64::from(index + 1) / u64::from(frames);
            synth.fill(&mut chunk, (due - audio_sent) as usize);
            sink.audio(&chunk)?;
            audio_sent = due;
            control.frame_done();
        }
        // Only a clip with no frames gets here with audio still owed.
        if audio_sent < total_audio {
            synth.fill(&mut chunk, (total_audio - audio_sent) as usize);
            sink.audio(&chunk)?;
        }
        Ok(())
    }
}
