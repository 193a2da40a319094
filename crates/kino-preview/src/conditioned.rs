//! One render, whatever it is conditioned on. Each clip is a picture, a sound, optionally a
//! cast of characters drawn over the picture, and optionally an opening frame to start on:
//! - plain prompt: the planned scene and its soundtrack;
//! - edit of a clip this engine made (`source` with a lineage): the source's scene re-planned
//!   with the instruction applied, on the source's seed and root prompt, so the layout stays
//!   and only the asked change differs;
//! - edit of a foreign clip (`source`, no lineage): its frames graded by the instruction,
//!   with any subjects the instruction adds drawn over them, and its own sound;
//! - extension (`continues`): the continued scene re-planned with the new prompt;
//! - `input_reference` (`first_frame` alone): the image as a backdrop under a Ken Burns move,
//!   graded and peopled by the prompt.
//!
//! With a `first_frame`, frame 0 is that image exactly and the clip dissolves from it into
//! the picture, so an extension joins its source without a cut.

use std::sync::Arc;

use kino_engine::{EngineError, FrameSink, FrameSource, GenerationSpec, RenderControl, SourceClip, VideoFrame};

use crate::canvas::Canvas;
use crate::cast::{self, Cast};
use crate::grade::Grade;
use crate::plan::{ScenePlan, apply_edit, plan_lineage};
use crate::reference::KenBurns;
use crate::scene::Scene;
use crate::{SoundPlan, Synth};

/// How long an extension takes to dissolve from the frame it continues, in seconds.
const JOIN_DISSOLVE: f32 = 0.75;
/// How long a reference image takes to give way to the prompt's scene over it.
const REFERENCE_DISSOLVE: f32 = 1.5;

enum Picture {
    /// A planned scene, drawn whole; graded toward a palette an edit asked for.
    Scene(Box<Canvas>, Option<Grade>),
    /// Frames from elsewhere, graded, with the instruction's added subjects drawn over.
    Graded { frames: Box<dyn FrameSource>, grade: Grade, over: Option<Box<Canvas>>, last: Option<Vec<u8>> },
    /// A still image under a camera move, graded, with the prompt's subjects over it.
    Reference { image: Arc<VideoFrame>, camera: KenBurns, grade: Grade, over: Box<Canvas> },
}

enum Sound {
    Synth(Box<Synth>),
    /// A soundtrack given whole (interleaved stereo), played from `at`.
    Tape {
        samples: Arc<Vec<f32>>,
        at: usize,
    },
}

impl Sound {
    fn fill(&mut self, out: &mut Vec<f32>, frames: usize) {
        match self {
            Sound::Synth(s) => s.fill(out, frames),
            Sound::Tape { samples, at } => {
                out.clear();
                let end = (*at + frames * 2).min(samples.len());
                out.extend_from_slice(samples.get(*at..end).unwrap_or_default());
                // Short tape: silence for the rest.
                out.resize(frames * 2, 0.0);
                *at += frames * 2;
            }
        }
    }
}

struct Clip {
    picture: Picture,
    sound: Sound,
    cast: Cast,
    /// The image frame 0 must be, and over how many frames the clip dissolves from it.
    opening: Option<(Arc<VideoFrame>, f32)>,
    fps: f32,
    width: u32,
    height: u32,
}

/// Render `spec` into `sink`: exactly `spec.frame_count()` frames and `spec.audio_samples()`
/// stereo samples, checking `control` for cancellation before every frame.
pub(crate) fn render(
    spec: &GenerationSpec,
    sink: &mut dyn FrameSink,
    control: &RenderControl,
) -> Result<(), EngineError> {
    if spec.width == 0 || spec.height == 0 {
        return Err(EngineError::fatal("invalid_size", format!("cannot render a {}x{} clip", spec.width, spec.height)));
    }
    let frames = spec.frame_count();
    control.set_total(frames);
    if control.is_cancelled() {
        return Err(EngineError::Cancelled);
    }
    let mut clip = Clip::new(spec)?;

    let total_audio = spec.audio_samples();
    let mut audio_sent = 0u64;
    let mut chunk = Vec::new();
    for index in 0..frames {
        if control.is_cancelled() {
            return Err(EngineError::Cancelled);
        }
        let rgba = clip.frame(index)?;
        sink.video_frame(VideoFrame::new(spec.width, spec.height, rgba))?;
        // Audio up to the end of this frame, so the muxer never waits on a long run of one stream.
        let due = total_audio * u64::from(index + 1) / u64::from(frames);
        clip.sound.fill(&mut chunk, (due - audio_sent) as usize);
        sink.audio(&chunk)?;
        audio_sent = due;
        control.frame_done();
    }
    // Only a clip with no frames gets here with audio still owed.
    if audio_sent < total_audio {
        clip.sound.fill(&mut chunk, (total_audio - audio_sent) as usize);
        sink.audio(&chunk)?;
    }
    Ok(())
}

impl Clip {
    fn new(spec: &GenerationSpec) -> Result<Self, EngineError> {
        let c = &spec.conditioning;
        let seconds = spec.seconds as f32;
        let fits = |f: &VideoFrame| {
            f.width == spec.width && f.height == spec.height && f.rgba.len() == (f.width * f.height * 4) as usize
        };
        let first = match &c.first_frame {
            Some(f) if !fits(f) => {
                return Err(EngineError::fatal(
                    "invalid_reference",
                    format!("the first frame is {}x{}, the clip {}x{}", f.width, f.height, spec.width, spec.height),
                ));
            }
            f => f.clone(),
        };
        let cast = Cast::new(&c.characters, &spec.prompt, spec.width, spec.height, seconds);
        // Characters named in the prompt stand for the subjects their names would plan as.
        let named = |plan: ScenePlan| cast::without_named(plan, &c.characters, &spec.prompt);

        let (picture, sound, dissolve) = if let Some(source) = &c.source {
            match source.lineage.first() {
                Some(root) => {
                    let plan = named(apply_edit(&plan_lineage(&source.lineage), &spec.prompt));
                    let (p, s) = planned(&plan, root, source.seed, spec)?;
                    (p, s, JOIN_DISSOLVE)
                }
                None => {
                    let (p, s) = foreign(source, spec, &named)?;
                    (p, s, JOIN_DISSOLVE)
                }
            }
        } else if let Some(root) = c.continues.first() {
            let plan = named(apply_edit(&plan_lineage(&c.continues), &spec.prompt));
            let (p, s) = planned(&plan, root, spec.seed, spec)?;
            (p, s, JOIN_DISSOLVE)
        } else if let Some(image) = &first {
            let plan = named(crate::plan::plan(&spec.prompt));
            let over = Canvas::new(
                Scene::from_plan(&plan, &spec.prompt, spec.seed, seconds).named_only(),
                spec.width,
                spec.height,
                spec.fps,
                spec.seconds,
            )?;
            let picture = Picture::Reference {
                image: image.clone(),
                camera: KenBurns::new(plan.camera, seconds),
                grade: Grade::from_instruction(&spec.prompt),
                over: Box::new(over),
            };
            let sound = Sound::Synth(Box::new(Synth::new(
                &SoundPlan::new(&plan, &spec.prompt, spec.seed),
                spec.audio_samples(),
            )));
            (picture, sound, REFERENCE_DISSOLVE)
        } else {
            let plan = named(crate::plan::plan(&spec.prompt));
            let (p, s) = planned(&plan, &spec.prompt, spec.seed, spec)?;
            (p, s, JOIN_DISSOLVE)
        };
        let fps = spec.fps.max(1) as f32;
        Ok(Self {
            picture,
            sound,
            cast,
            opening: first.map(|f| (f, dissolve * fps)),
            fps,
            width: spec.width,
            height: spec.height,
        })
    }

    fn frame(&mut self, index: u32) -> Result<Vec<u8>, EngineError> {
        let t = index as f32 / self.fps;
        // Frame 0 of a clip with an opening image is that image, whatever else the clip holds.
        if index == 0
            && let Some((image, _)) = self.opening.clone()
        {
            // The picture still advances (a foreign stream must be read in step).
            self.picture(index, t)?;
            return Ok(image.rgba.clone());
        }
        let mut rgba = self.picture(index, t)?;
        if !self.cast.is_empty() {
            self.cast.draw(&mut rgba, t);
        }
        if let Some((image, frames)) = &self.opening {
            let u = (index as f32 / frames.max(1.0)).clamp(0.0, 1.0);
            let w = u * u * (3.0 - 2.0 * u);
            if w < 1.0 {
                dissolve(&mut rgba, &image.rgba, w);
            }
        }
        Ok(rgba)
    }

    fn picture(&mut self, index: u32, t: f32) -> Result<Vec<u8>, EngineError> {
        let (w, h) = (self.width, self.height);
        match &mut self.picture {
            Picture::Scene(canvas, grade) => {
                let mut rgba = canvas.frame(index)?;
                if let Some(g) = grade {
                    g.apply(&mut rgba, w, h, t);
                }
                Ok(rgba)
            }
            Picture::Graded { frames, grade, over, last } => {
                let mut rgba = match frames.next_frame()? {
                    Some(f) if f.width == w && f.height == h && f.rgba.len() == (w * h * 4) as usize => f.rgba,
                    Some(f) => {
                        return Err(EngineError::fatal(
                            "invalid_source",
                            format!("a source frame is {}x{}, the clip {w}x{h}", f.width, f.height),
                        ));
                    }
                    // A stream that ends early holds its last frame rather than failing the edit.
                    None => last.clone().unwrap_or_else(|| vec![0; (w * h * 4) as usize]),
                };
                *last = Some(rgba.clone());
                grade.apply(&mut rgba, w, h, t);
                if let Some(canvas) = over {
                    canvas.draw_over(&mut rgba, index)?;
                }
                Ok(rgba)
            }
            Picture::Reference { image, camera, grade, over } => {
                let mut rgba = camera.frame(image, t);
                grade.apply(&mut rgba, w, h, t);
                over.draw_over(&mut rgba, index)?;
                Ok(rgba)
            }
        }
    }
}

/// A planned scene and its soundtrack. `root` is the prompt the scene was first made from:
/// the layout and look hash it, so edits and extensions keep them.
fn planned(plan: &ScenePlan, root: &str, seed: u64, spec: &GenerationSpec) -> Result<(Picture, Sound), EngineError> {
    let scene = Scene::from_plan(plan, root, seed, spec.seconds as f32);
    let canvas = Canvas::new(scene, spec.width, spec.height, spec.fps, spec.seconds)?;
    let synth = Synth::new(&SoundPlan::new(plan, root, seed), spec.audio_samples());
    // The scene only leans toward a palette; one an edit asks for should show like a grade.
    let regraded = !plan.palette.is_empty() && plan.palette != crate::plan::plan(root).palette;
    let grade = regraded.then(|| Grade::toward(&plan.palette.iter().map(|c| c.rgb).collect::<Vec<_>>()));
    Ok((Picture::Scene(Box::new(canvas), grade), Sound::Synth(Box::new(synth))))
}

/// A foreign clip: its frames graded, the subjects the instruction adds drawn over, its sound kept.
fn foreign(
    source: &SourceClip,
    spec: &GenerationSpec,
    named: &dyn Fn(ScenePlan) -> ScenePlan,
) -> Result<(Picture, Sound), EngineError> {
    let ask = crate::plan::read_ask(&spec.prompt);
    let plan = named(ScenePlan { subjects: ask.added, ..ask.delta });
    let over = if plan.subjects.is_empty() && plan.text.is_none() {
        None
    } else {
        let scene = Scene::from_plan(&plan, &spec.prompt, spec.seed, spec.seconds as f32).named_only();
        Some(Box::new(Canvas::new(scene, spec.width, spec.height, spec.fps, spec.seconds)?))
    };
    let picture = Picture::Graded {
        frames: source.frames.open()?,
        grade: Grade::from_instruction(&spec.prompt),
        over,
        last: None,
    };
    Ok((picture, Sound::Tape { samples: source.audio.clone(), at: 0 }))
}

/// Blend `from` over `to`: `w` = 0 gives `from`, 1 leaves `to`.
fn dissolve(to: &mut [u8], from: &[u8], w: f32) {
    let k = (w.clamp(0.0, 1.0) * 256.0) as u32;
    for (d, s) in to.chunks_exact_mut(4).zip(from.chunks_exact(4)) {
        for c in 0..3 {
            d[c] = ((u32::from(s[c]) * (256 - k) + u32::from(d[c]) * k + 128) >> 8) as u8;
        }
        d[3] = 255;
    }
}
