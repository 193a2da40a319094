//! The preview engine through the public `Engine` contract: counts, sizes, determinism,
//! prompt dependence, audio and cancellation.

use std::hash::{DefaultHasher, Hasher};

use kino_engine::{CancelFlag, Engine, EngineError, FrameSink, GenerationSpec, RenderControl, SinkError, VideoFrame};
use kino_preview::PreviewEngine;

/// Keeps what a test needs: a running hash of everything, sizes, luminance, audio.
#[derive(Default)]
struct Collect {
    hash: DefaultHasher,
    frames: u32,
    sizes_ok: bool,
    luma_sum: f64,
    luma_px: f64,
    audio: Vec<f32>,
    /// Cancel this flag once this many frames have arrived.
    cancel_after: Option<(u32, CancelFlag)>,
}

impl Collect {
    fn new(w: u32, h: u32) -> Self {
        let mut c = Self { sizes_ok: true, ..Default::default() };
        c.hash.write_u32(w);
        c.hash.write_u32(h);
        c
    }

    fn mean_luma(&self) -> f64 {
        self.luma_sum / self.luma_px
    }
}

impl FrameSink for Collect {
    fn video_frame(&mut self, frame: VideoFrame) -> Result<(), SinkError> {
        self.sizes_ok &= frame.rgba.len() == (frame.width * frame.height * 4) as usize;
        self.hash.write(&frame.rgba);
        // Every 7th pixel is plenty for a mean.
        for px in frame.rgba.chunks_exact(4).step_by(7) {
            self.luma_sum += 0.2126 * f64::from(px[0]) + 0.7152 * f64::from(px[1]) + 0.0722 * f64::from(px[2]);
            self.luma_px += 1.0;
        }
        self.frames += 1;
        if let Some((n, flag)) = &self.cancel_after
            && self.frames == *n
        {
            flag.cancel();
        }
        Ok(())
    }

    fn audio(&mut self, interleaved: &[f32]) -> Result<(), SinkError> {
        for s in interleaved {
            self.hash.write_u32(s.to_bits());
        }
        self.audio.extend_from_slice(interleaved);
        Ok(())
    }
}

fn spec(prompt: &str, width: u32, height: u32, seconds: u32) -> GenerationSpec {
    GenerationSpec { prompt: prompt.into(), width, height, fps: 24, seconds, seed: 42, ..Default::default() }
}

fn render(spec: &GenerationSpec) -> Collect {
    let mut sink = Collect::new(spec.width, spec.height);
    let control = RenderControl::new(CancelFlag::new());
    PreviewEngine::new().render(spec, &mut sink, &control).expect("render");
    assert_eq!(control.units_done(), spec.frame_count());
    assert_eq!(control.fraction(), 1.0);
    sink
}

fn rms(samples: &[f32]) -> f64 {
    (samples.iter().map(|&s| f64::from(s) * f64::from(s)).sum::<f64>() / samples.len() as f64).sqrt()
}

/// RMS of the sample-to-sample difference per channel: a crude high-pass, so it measures
/// broadband (hiss) energy that a low chord pad barely has.
fn diff_rms(interleaved: &[f32]) -> f64 {
    let d: Vec<f32> = interleaved.windows(3).step_by(2).map(|w| w[2] - w[0]).collect();
    rms(&d)
}

#[test]
fn engine_is_called_preview() {
    assert_eq!(PreviewEngine::new().name(), "preview");
}

#[test]
fn every_contract_size_gives_exact_frames_and_audio() {
    for (w, h) in [(720, 1280), (1280, 720), (1024, 1792), (1792, 1024), (1080, 1920), (1920, 1080)] {
        let s = spec("a yellow taxi in the rain at dusk", w, h, 1);
        let out = render(&s);
        assert_eq!(out.frames, s.frame_count(), "{w}x{h}");
        assert!(out.sizes_ok, "{w}x{h}");
        assert_eq!(out.audio.len() as u64, s.audio_samples() * 2, "{w}x{h}");
    }
}

#[test]
fn same_spec_same_bytes_and_prompt_changes_them() {
    let a = render(&spec("a red car driving along the coast at sunset", 640, 360, 2));
    let b = render(&spec("a red car driving along the coast at sunset", 640, 360, 2));
    let c = render(&spec("a red car driving along the coast at night", 640, 360, 2));
    let mut other_seed = spec("a red car driving along the coast at sunset", 640, 360, 2);
    other_seed.seed = 43;
    let d = render(&other_seed);
    assert_eq!(a.hash.finish(), b.hash.finish());
    assert_ne!(a.hash.finish(), c.hash.finish());
    assert_ne!(a.hash.finish(), d.hash.finish());
}

#[test]
fn night_is_much_darker_than_noon() {
    let night = render(&spec("a white boat on a lake at night", 640, 360, 1)).mean_luma();
    let noon = render(&spec("a white boat on a lake at noon", 640, 360, 1)).mean_luma();
    assert!(night < noon * 0.5, "night {night:.1} vs noon {noon:.1}");
}

#[test]
fn rain_is_louder_and_brighter_than_a_plain_prompt() {
    let rain = render(&spec("a quiet field in the rain", 320, 180, 4)).audio;
    let plain = render(&spec("a quiet field", 320, 180, 4)).audio;
    assert!(rms(&rain) > rms(&plain) * 1.2, "rms rain {} plain {}", rms(&rain), rms(&plain));
    assert!(diff_rms(&rain) > diff_rms(&plain) * 5.0, "hf rain {} plain {}", diff_rms(&rain), diff_rms(&plain));
}

#[test]
fn silent_prompt_gives_all_zero_audio_of_full_length() {
    let s = spec("a silent film of a black car", 320, 180, 2);
    let out = render(&s);
    assert_eq!(out.audio.len() as u64, s.audio_samples() * 2);
    assert!(out.audio.iter().all(|&x| x == 0.0));
}

#[test]
fn audio_never_clips_and_is_audible() {
    for p in ["stormy ocean waves with wind and rain", "a calm meadow", "a purple orb at blue hour"] {
        let out = render(&spec(p, 320, 180, 3));
        let peak = out.audio.iter().fold(0.0f32, |m, s| m.max(s.abs()));
        assert!(peak <= 0.9, "{p}: peak {peak}");
        assert!(rms(&out.audio) > 0.01, "{p}: too quiet");
        assert!(out.audio.iter().all(|s| s.is_finite()));
    }
}

#[test]
fn cancellation_stops_at_the_next_frame() {
    let s = spec("a green bus", 1280, 720, 12);
    let flag = CancelFlag::new();
    let mut sink = Collect::new(s.width, s.height);
    sink.cancel_after = Some((3, flag.clone()));
    let control = RenderControl::new(flag);
    let result = PreviewEngine::new().render(&s, &mut sink, &control);
    assert!(matches!(result, Err(EngineError::Cancelled)), "{result:?}");
    assert_eq!(sink.frames, 3);
    // Nothing of the other 285 frames was made: the engine's progress stops at the frame
    // the flag was raised in, and so does the audio (exactly three frames' worth).
    assert_eq!(control.units_done(), 3);
    let due = s.audio_samples() * 3 / u64::from(s.frame_count());
    assert_eq!(sink.audio.len() as u64, 2 * due);
}

#[test]
fn already_cancelled_renders_nothing() {
    let flag = CancelFlag::new();
    flag.cancel();
    let mut sink = Collect::new(320, 180);
    let result = PreviewEngine::new().render(&spec("x", 320, 180, 4), &mut sink, &RenderControl::new(flag));
    assert!(matches!(result, Err(EngineError::Cancelled)));
    assert_eq!(sink.frames, 0);
}

#[test]
fn sink_errors_stop_the_render() {
    struct Broken;
    impl FrameSink for Broken {
        fn video_frame(&mut self, _: VideoFrame) -> Result<(), SinkError> {
            Err(SinkError("encoder gone".into()))
        }
        fn audio(&mut self, _: &[f32]) -> Result<(), SinkError> {
            Ok(())
        }
    }
    let result =
        PreviewEngine::new().render(&spec("x", 320, 180, 1), &mut Broken, &RenderControl::new(CancelFlag::new()));
    assert!(matches!(result, Err(EngineError::Sink(_))));
}
