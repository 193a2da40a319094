//! `preview`: Kino's built-in procedural engine. It needs no model or GPU: it plans the
//! prompt (shot, camera, subjects, setting, light, weather, palette, text, sound) and renders
//! that plan as a moving picture with a soft soundtrack. Output is a pure function of the
//! spec (prompt, size, fps, seconds, seed): same spec, same bytes.
//!
//! [`plan()`] turns a prompt into an inspectable, serialisable [`ScenePlan`], driven by a
//! data vocabulary; the renderer draws from it.
//!
//! Layout: `plan` reads the prompt, `scene` lays the plan out ([`ScenePlan`] → `scene::Scene`),
//! `background` paints the static backdrop once, `canvas` composes each frame through the
//! camera, `draw` holds the subject shapes (one per `shape` id), `text` the on-screen text,
//! `weather` the rain and snow, and `audio` the soundtrack.
//!
//! Conditioning (`conditioned`): edits re-plan a clip this engine made (`plan::apply_edit`)
//! or grade foreign pixels (`grade`); extensions re-plan the continued scene and dissolve from
//! its last frame; a reference image becomes the backdrop under a camera move (`reference`);
//! characters the prompt names are composited in (`cast`).

mod audio;
mod background;
mod canvas;
mod cast;
mod conditioned;
mod draw;
mod grade;
mod math;
mod motion;
mod palette;
mod pixels;
pub mod plan;
mod reference;
mod rng;
mod scene;
mod shape;
mod text;
mod weather;
mod words;

use kino_engine::{Engine, EngineError, FrameSink, GenerationSpec, RenderControl};

pub use crate::audio::{SoundPlan, Synth, render_audio};
pub use crate::grade::Grade;
pub use crate::plan::{ScenePlan, Vocabulary, apply_edit, plan, plan_lineage, plan_with};

/// Test and tooling hooks: render single frames, find the main subject and count planning work,
/// without a sink.
#[doc(hidden)]
pub mod inspect {
    use kino_engine::{EngineError, GenerationSpec};

    use crate::canvas::Canvas;
    use crate::scene::Scene;

    /// Plan `prompt` with the built-in vocabulary and count the work it took, in steps
    /// (characters, tokens, items and lookup-key bytes visited): planning's cost without a clock.
    pub fn plan_steps(prompt: &str) -> (crate::ScenePlan, u64) {
        crate::plan::plan_counted(prompt)
    }

    /// The RGBA8 bytes of frame `index` of `spec`'s clip.
    pub fn frame(spec: &GenerationSpec, index: u32) -> Result<Vec<u8>, EngineError> {
        canvas(spec)?.frame(index)
    }

    /// The main subject's bounding box in frame `index`, in pixels: (left, top, right, bottom).
    /// Approximate: the shape's unit box placed, clipped to the frame.
    pub fn main_subject_box(spec: &GenerationSpec, index: u32) -> Option<[f32; 4]> {
        let c = canvas(spec).ok()?;
        let t = c.time_of(index);
        let s = c.scene().main_subject()?.clone();
        let at = c.placement(&s, t, c.view(t));
        let (x0, y0) = at.point(-0.5, -1.0);
        let (x1, y1) = at.point(0.5, 0.0);
        let (w, h) = (spec.width as f32, spec.height as f32);
        Some([x0.min(x1).max(0.0), y0.min(y1).max(0.0), x0.max(x1).min(w), y0.max(y1).min(h)])
    }

    /// One frame taken apart: the picture, its backdrop alone (what the subjects changed) and
    /// where each named subject is drawn (as [`subject_boxes`]).
    pub struct Layers {
        pub frame: Vec<u8>,
        pub backdrop: Vec<u8>,
        pub boxes: Vec<Option<[f32; 4]>>,
        /// Where each of the named place's props is drawn, in drawing order (as `boxes`).
        pub props: Vec<Option<[f32; 4]>>,
        /// The backdrop with the place's wall and floor taken away (the bare setting's), or
        /// `None` when the prompt names no place: what the place's surfaces changed.
        pub bare_backdrop: Option<Vec<u8>>,
    }

    /// Frame `index`'s [`Layers`], from one scene painted once.
    pub fn layers(spec: &GenerationSpec, index: u32) -> Result<Layers, EngineError> {
        let c = canvas(spec)?;
        let bare_backdrop = match &c.scene().place {
            Some(place) => {
                let mut scene = c.scene().clone();
                scene.place = Some(crate::plan::Place { wall: None, floor: None, ..place.clone() });
                let bare = Canvas::new(scene, spec.width, spec.height, spec.fps, spec.seconds)?;
                Some(bare.backdrop_frame(index))
            }
            None => None,
        };
        let props = c.scene().subjects.iter().filter(|s| s.prop).map(|s| box_of(&c, spec, index, s)).collect();
        Ok(Layers {
            frame: c.frame(index)?,
            backdrop: c.backdrop_frame(index),
            boxes: boxes_in(&c, spec, index),
            props,
            bare_backdrop,
        })
    }

    /// Where each subject the prompt named is drawn in frame `index`, in plan order: the box
    /// of its first copy's drawing (measured, see `draw::extent`), in pixels, clipped to the
    /// frame; `None` for a subject not drawn (past the few a scene shows) or off-frame.
    pub fn subject_boxes(spec: &GenerationSpec, index: u32) -> Result<Vec<Option<[f32; 4]>>, EngineError> {
        Ok(boxes_in(&canvas(spec)?, spec, index))
    }

    fn boxes_in(c: &Canvas, spec: &GenerationSpec, index: u32) -> Vec<Option<[f32; 4]>> {
        let named = c.scene().subjects.iter().filter_map(|s| s.named).max().map_or(0, |m| m + 1);
        let mut boxes = vec![None; named];
        for s in &c.scene().subjects {
            let Some(i) = s.named else { continue };
            if boxes[i].is_some() {
                continue;
            }
            boxes[i] = box_of(c, spec, index, s);
        }
        boxes
    }

    /// `s`'s drawing's box in frame `index` (measured, see `draw::extent`), clipped to the frame.
    fn box_of(c: &Canvas, spec: &GenerationSpec, index: u32, s: &crate::scene::Subject) -> Option<[f32; 4]> {
        let t = c.time_of(index);
        let at = c.placement(s, t, c.view(t));
        let (w, h) = (spec.width as f32, spec.height as f32);
        let e = crate::draw::extent(s.shape);
        let (x0, y0) = at.point(e[0], e[1]);
        let (x1, y1) = at.point(e[2], e[3]);
        let b = [x0.min(x1).max(0.0), y0.min(y1).max(0.0), x0.max(x1).min(w), y0.max(y1).min(h)];
        (b[2] > b[0] && b[3] > b[1]).then_some(b)
    }

    /// Video-only timing of a whole clip: (ms to plan and paint the backdrop, mean ms per frame, worst ms).
    pub fn frame_times(spec: &GenerationSpec) -> Result<(f64, f64, f64), EngineError> {
        let started = std::time::Instant::now();
        let c = canvas(spec)?;
        let setup = started.elapsed().as_secs_f64() * 1e3;
        let (mut total, mut worst) = (0.0f64, 0.0f64);
        let frames = spec.frame_count();
        for i in 0..frames {
            let t = std::time::Instant::now();
            let rgba = c.frame(i)?;
            std::hint::black_box(rgba);
            let ms = t.elapsed().as_secs_f64() * 1e3;
            total += ms;
            worst = worst.max(ms);
        }
        Ok((setup, total / f64::from(frames.max(1)), worst))
    }

    fn canvas(spec: &GenerationSpec) -> Result<Canvas, EngineError> {
        let scene = Scene::plan(&spec.prompt, spec.seed, spec.seconds as f32);
        Canvas::new(scene, spec.width, spec.height, spec.fps, spec.seconds)
    }
}

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
        conditioned::render(spec, sink, control)
    }
}
