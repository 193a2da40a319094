//! Wan as a Kino engine: the contract's size and duration mapped onto the model's grid
//! (its working resolution at the same aspect, multiples of the patch grid; 4k + 1 frames at
//! the model's frame rate), progress per denoising step, cancellation between steps, and
//! the decoded clip retimed to 24 fps and scaled to exactly the requested size. Wan makes
//! no sound: the audio track is silent.
use std::sync::Mutex;

use fast_image_resize::images::{Image, ImageRef};
use fast_image_resize::{FilterType, PixelType, ResizeAlg, ResizeOptions, Resizer};
use kino_engine::{Engine, EngineError, FrameSink, GenerationSpec, RenderControl, VideoFrame};

use crate::error::WanError;
use crate::pipeline::{Request, WanModel, to_rgb8};

/// The negative prompt the Wan releases use by default (their own wording).
pub const DEFAULT_NEGATIVE_PROMPT: &str = "色调艳丽，过曝，静态，细节模糊不清，字幕，风格，作品，画作，画面，静止，整体发灰，最差质量，低质量，JPEG压缩残留，丑陋的，残缺的，多余的手指，画得不好的手部，画得不好的脸部，畸形的，毁容的，形态畸形的肢体，手指融合，静止不动的画面，杂乱的背景，三条腿，背景人很多，倒着走";

#[derive(Debug, Clone)]
pub struct EngineOptions {
    pub steps: usize,
    pub guidance_scale: f64,
    pub negative_prompt: String,
    /// The model's native frame rate (16 for Wan 2.1, 24 for Wan 2.2).
    pub fps: u32,
    /// Long side of the working resolution (832 for Wan 2.1 480p, 1280 for Wan 2.2 720p).
    pub long_side: usize,
    /// Most frames one generation may have (81 and 121 in the releases).
    pub max_frames: usize,
}

impl EngineOptions {
    /// The released settings for a checkpoint: Wan 2.2 TI2V (per-token timesteps) or 2.1.
    pub fn for_model(model: &WanModel) -> Self {
        let ti2v = model.index.expand_timesteps;
        Self {
            steps: 50,
            guidance_scale: 5.0,
            negative_prompt: DEFAULT_NEGATIVE_PROMPT.to_string(),
            fps: if ti2v { 24 } else { 16 },
            long_side: if ti2v { 1280 } else { 832 },
            max_frames: if ti2v { 121 } else { 81 },
        }
    }
}

/// The working size for a requested `width` x `height`: same aspect, long side
/// `long_side`, both sides rounded down to multiples of `multiple` (as diffusers does).
pub fn working_size(width: u32, height: u32, long_side: usize, multiple: usize) -> (usize, usize) {
    let (w, h) = (f64::from(width), f64::from(height));
    let scale = long_side as f64 / w.max(h);
    let snap = |v: f64| (((v * scale) / multiple as f64).floor() as usize).max(1) * multiple;
    (snap(w), snap(h))
}

/// Frames to generate at `fps` to cover `seconds`: the next 4k + 1.
pub fn frames_for(seconds: u32, fps: u32) -> usize {
    let needed = (seconds * fps) as usize + 1;
    (needed - 1).div_ceil(4) * 4 + 1
}

pub struct WanEngine {
    model: Mutex<WanModel>,
    pub options: EngineOptions,
}

impl WanEngine {
    pub fn new(model: WanModel, options: EngineOptions) -> Self {
        Self { model: Mutex::new(model), options }
    }

    /// Longest clip (whole seconds) one generation covers.
    pub fn max_seconds(&self) -> u32 {
        ((self.options.max_frames - 1) / self.options.fps as usize) as u32
    }

    pub fn supports_image(&self) -> bool {
        self.model.lock().map(|m| m.supports_image()).unwrap_or(false)
    }
}

fn wan_error(e: WanError) -> EngineError {
    match e {
        WanError::Cancelled => EngineError::Cancelled,
        WanError::Config { reason, .. } => EngineError::fatal("unsupported_request", reason),
        other => EngineError::fatal("engine_error", other.to_string()),
    }
}

impl Engine for WanEngine {
    fn name(&self) -> &str {
        "wan"
    }

    fn render(
        &self,
        spec: &GenerationSpec,
        sink: &mut dyn FrameSink,
        control: &RenderControl,
    ) -> Result<(), EngineError> {
        let model = self
            .model
            .lock()
            .map_err(|_| EngineError::fatal("engine_error", "the model was poisoned by an earlier panic"))?;
        let o = &self.options;
        let (ww, wh) = working_size(spec.width, spec.height, o.long_side, model.size_multiple());
        let frames = frames_for(spec.seconds, o.fps);
        if frames > o.max_frames {
            return Err(EngineError::fatal(
                "unsupported_request",
                format!("{} s is longer than this model makes in one pass ({} s)", spec.seconds, self.max_seconds()),
            ));
        }
        let image = match &spec.conditioning.first_frame {
            Some(f) if model.supports_image() => Some(scale_rgba_to_rgb(f, ww, wh)?),
            Some(_) => return Err(EngineError::fatal("unsupported_request", "this model does not take a first frame")),
            None => None,
        };
        let req = Request {
            prompt: spec.prompt.clone(),
            negative_prompt: o.negative_prompt.clone(),
            width: ww,
            height: wh,
            frames,
            steps: o.steps,
            guidance_scale: o.guidance_scale,
            seed: spec.seed,
            image,
            loras: spec.loras.clone(),
        };
        // Steps dominate; decoding counts as one more.
        control.set_total(o.steps as u32 + 1);
        let noise = model.noise(&req).map_err(wan_error)?;
        let video = model
            .generate(&req, noise, &mut |_, _| {
                control.advance(1);
                !control.is_cancelled()
            })
            .map_err(wan_error)?;
        drop(model);
        let made = to_rgb8(&video).map_err(wan_error)?;
        let mut resizer = Resizer::new();
        let audio =
            vec![0f32; (kino_engine::AUDIO_SAMPLE_RATE / spec.fps.max(1) * kino_engine::AUDIO_CHANNELS) as usize];
        for j in 0..spec.frame_count() {
            if control.is_cancelled() {
                return Err(EngineError::Cancelled);
            }
            // Nearest source frame in time.
            let src = ((f64::from(j) * f64::from(o.fps) / f64::from(spec.fps)).round() as usize).min(made.len() - 1);
            let frame = scale_rgb(&mut resizer, &made[src], ww, wh, spec.width, spec.height)?;
            sink.video_frame(frame)?;
            sink.audio(&audio)?;
        }
        control.advance(1);
        Ok(())
    }
}

fn resize_error(e: impl std::fmt::Display) -> EngineError {
    EngineError::fatal("engine_error", format!("resize: {e}"))
}

fn scale_rgb(
    resizer: &mut Resizer,
    rgb: &[u8],
    w: usize,
    h: usize,
    tw: u32,
    th: u32,
) -> Result<VideoFrame, EngineError> {
    let src = ImageRef::new(w as u32, h as u32, rgb, PixelType::U8x3).map_err(resize_error)?;
    let mut dst = Image::new(tw, th, PixelType::U8x3);
    let options = ResizeOptions::new()
        .resize_alg(ResizeAlg::Convolution(FilterType::Lanczos3))
        .fit_into_destination(Some((0.5, 0.5)));
    resizer.resize(&src, &mut dst, &options).map_err(resize_error)?;
    let rgba = dst.buffer().chunks_exact(3).flat_map(|p| [p[0], p[1], p[2], 255]).collect();
    Ok(VideoFrame::new(tw, th, rgba))
}

fn scale_rgba_to_rgb(frame: &VideoFrame, w: usize, h: usize) -> Result<Vec<u8>, EngineError> {
    let rgb: Vec<u8> = frame.rgba.chunks_exact(4).flat_map(|p| [p[0], p[1], p[2]]).collect();
    let src = ImageRef::new(frame.width, frame.height, &rgb, PixelType::U8x3).map_err(resize_error)?;
    let mut dst = Image::new(w as u32, h as u32, PixelType::U8x3);
    let options = ResizeOptions::new()
        .resize_alg(ResizeAlg::Convolution(FilterType::Lanczos3))
        .fit_into_destination(Some((0.5, 0.5)));
    Resizer::new().resize(&src, &mut dst, &options).map_err(resize_error)?;
    Ok(dst.into_vec())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_and_frames_land_on_the_grid() {
        assert_eq!(working_size(1280, 720, 832, 16), (832, 464));
        assert_eq!(working_size(720, 1280, 832, 16), (464, 832));
        assert_eq!(working_size(1280, 720, 1280, 32), (1280, 704));
        assert_eq!(working_size(1792, 1024, 1280, 32), (1280, 704));
        assert_eq!(frames_for(4, 16), 65);
        assert_eq!(frames_for(5, 16), 81);
        assert_eq!(frames_for(4, 24), 97);
        assert_eq!(frames_for(5, 24), 121);
    }
}
