//! Conditioned renders through the public `Engine` contract: edits of the engine's own clips
//! keep the layout and change what was asked, foreign clips are graded, a reference image is
//! frame 0 and then moves, an extension starts on the frame it continues, and characters
//! named in the prompt are drawn.

use std::sync::Arc;

use kino_engine::{
    CancelFlag, Character, Conditioning, Engine, EngineError, FrameSink, FrameSource, GenerationSpec, OpenFrames,
    RenderControl, SinkError, SourceClip, VideoFrame,
};
use kino_preview::{PreviewEngine, inspect};

const W: u32 = 320;
const H: u32 = 180;

#[derive(Default)]
struct Keep {
    frames: Vec<Vec<u8>>,
    audio: Vec<f32>,
}

impl FrameSink for Keep {
    fn video_frame(&mut self, frame: VideoFrame) -> Result<(), SinkError> {
        assert_eq!((frame.width, frame.height), (W, H));
        self.frames.push(frame.rgba);
        Ok(())
    }
    fn audio(&mut self, interleaved: &[f32]) -> Result<(), SinkError> {
        self.audio.extend_from_slice(interleaved);
        Ok(())
    }
}

/// A clip held in memory, readable any number of times.
struct Held(Vec<Vec<u8>>);

struct Stream {
    frames: Arc<Vec<Vec<u8>>>,
    at: usize,
}

impl FrameSource for Stream {
    fn next_frame(&mut self) -> Result<Option<VideoFrame>, EngineError> {
        let f = self.frames.get(self.at).map(|rgba| VideoFrame::new(W, H, rgba.clone()));
        self.at += 1;
        Ok(f)
    }
}

impl OpenFrames for Held {
    fn open(&self) -> Result<Box<dyn FrameSource>, EngineError> {
        Ok(Box::new(Stream { frames: Arc::new(self.0.clone()), at: 0 }))
    }
}

fn spec(prompt: &str, seed: u64, conditioning: Conditioning) -> GenerationSpec {
    GenerationSpec {
        prompt: prompt.into(),
        width: W,
        height: H,
        fps: 24,
        seconds: 3,
        seed,
        conditioning,
        loras: Vec::new(),
    }
}

fn render(spec: &GenerationSpec) -> Keep {
    let mut keep = Keep::default();
    PreviewEngine::new().render(spec, &mut keep, &RenderControl::new(CancelFlag::new())).expect("render");
    assert_eq!(keep.frames.len(), spec.frame_count() as usize);
    assert_eq!(keep.audio.len() as u64, spec.audio_samples() * 2);
    keep
}

fn source(lineage: &[&str], seed: u64, clip: &Keep) -> SourceClip {
    SourceClip {
        lineage: lineage.iter().map(|s| s.to_string()).collect(),
        seed,
        frames: Arc::new(Held(clip.frames.clone())),
        audio: Arc::new(clip.audio.clone()),
    }
}

fn edit(instruction: &str, src: SourceClip) -> GenerationSpec {
    spec(instruction, 99, Conditioning { source: Some(src), ..Default::default() })
}

fn luma(p: &[u8]) -> f64 {
    0.2126 * f64::from(p[0]) + 0.7152 * f64::from(p[1]) + 0.0722 * f64::from(p[2])
}

fn mean_luma(rgba: &[u8]) -> f64 {
    rgba.chunks_exact(4).map(luma).sum::<f64>() / (rgba.len() / 4) as f64
}

fn psnr(a: &[u8], b: &[u8]) -> f64 {
    let (mut se, mut n) = (0.0f64, 0.0f64);
    for (pa, pb) in a.chunks_exact(4).zip(b.chunks_exact(4)) {
        for c in 0..3 {
            se += (f64::from(pa[c]) - f64::from(pb[c])).powi(2);
            n += 1.0;
        }
    }
    if se == 0.0 { f64::INFINITY } else { 10.0 * (255.0f64 * 255.0 / (se / n)).log10() }
}

fn correlation(a: &[u8], b: &[u8]) -> f64 {
    let la: Vec<f64> = a.chunks_exact(4).map(luma).collect();
    let lb: Vec<f64> = b.chunks_exact(4).map(luma).collect();
    let n = la.len() as f64;
    let (ma, mb) = (la.iter().sum::<f64>() / n, lb.iter().sum::<f64>() / n);
    let (mut ab, mut aa, mut bb) = (0.0, 0.0, 0.0);
    for (x, y) in la.iter().zip(&lb) {
        ab += (x - ma) * (y - mb);
        aa += (x - ma).powi(2);
        bb += (y - mb).powi(2);
    }
    ab / (aa * bb).sqrt().max(1e-9)
}

/// Mean distance in chromaticity from each pixel to the nearest of `colours`.
fn chroma_distance(rgba: &[u8], colours: &[[u8; 3]]) -> f64 {
    let chroma = |r: u8, g: u8, b: u8| {
        let s = (f64::from(r) + f64::from(g) + f64::from(b)).max(1.0);
        (f64::from(r) / s, f64::from(g) / s)
    };
    let targets: Vec<(f64, f64)> = colours.iter().map(|c| chroma(c[0], c[1], c[2])).collect();
    let total: f64 = rgba
        .chunks_exact(4)
        .map(|p| {
            let (r, g) = chroma(p[0], p[1], p[2]);
            targets.iter().map(|(tr, tg)| ((r - tr).powi(2) + (g - tg).powi(2)).sqrt()).fold(f64::MAX, f64::min)
        })
        .sum();
    total / (rgba.len() / 4) as f64
}

fn orange(p: &[u8]) -> bool {
    let (r, g, b) = (i32::from(p[0]), i32::from(p[1]), i32::from(p[2]));
    r > 170 && r > g + 40 && g > b + 60 && b < 80
}

#[test]
fn own_clip_edit_recolours_the_subject_and_keeps_the_rest() {
    let root = "a green monster standing in a meadow";
    let original = render(&spec(root, 7, Conditioning::default()));
    let edited = render(&edit("change the colour of the monster to orange", source(&[root], 7, &original)));
    let index = 36;
    let [l, t, r, b] = inspect::main_subject_box(&spec(root, 7, Conditioning::default()), index).expect("monster");
    let inside = |i: usize| {
        let (x, y) = ((i % W as usize) as f32, (i / W as usize) as f32);
        x >= l - 4.0 && x < r + 4.0 && y >= t - 4.0 && y < b + 4.0
    };
    let (a, e) = (&original.frames[index as usize], &edited.frames[index as usize]);
    let count = |f: &[u8], want_inside: bool| {
        f.chunks_exact(4).enumerate().filter(|(i, p)| inside(*i) == want_inside && orange(p)).count()
    };
    let box_px = ((r - l) * (b - t)) as usize;
    assert!(count(a, true) * 50 < box_px, "the original monster is not orange");
    assert!(count(e, true) * 8 > box_px, "the edited monster is orange: {} of {box_px}", count(e, true));
    // Outside the monster, nothing changed.
    let outside_diff =
        a.chunks_exact(4).zip(e.chunks_exact(4)).enumerate().filter(|(i, (p, q))| !inside(*i) && p != q).count();
    assert!(outside_diff * 200 < (W * H) as usize, "{outside_diff} pixels changed outside the monster");
}

#[test]
fn own_clip_palette_edit_shifts_colours_and_keeps_the_layout() {
    let root = "a red car on a road at noon";
    let original = render(&spec(root, 3, Conditioning::default()));
    let edited = render(&edit("shift the colour palette to teal, sand and rust", source(&[root], 3, &original)));
    let named = [[0, 128, 128], [194, 178, 128], [183, 65, 14]];
    for i in [0, 40, 71] {
        let (a, e) = (&original.frames[i], &edited.frames[i]);
        assert!(chroma_distance(e, &named) < chroma_distance(a, &named) * 0.85, "frame {i}");
        assert!(correlation(a, e) > 0.6, "frame {i}: layout kept ({})", correlation(a, e));
    }
    // A second edit builds on the first: night on top of the new palette.
    let night =
        render(&edit("make it night", source(&[root, "shift the colour palette to teal, sand and rust"], 3, &edited)));
    assert!(mean_luma(&night.frames[40]) < 0.6 * mean_luma(&edited.frames[40]));
}

#[test]
fn foreign_clip_is_graded_and_keeps_its_sound() {
    // A clip the engine did not plan as this one: any pixels will do.
    let other = render(&spec("a sailboat on a lake at noon", 5, Conditioning::default()));
    let src = source(&[], 0, &other);
    let night = render(&edit("make it night", src.clone()));
    assert_eq!(night.audio, other.audio, "the source's soundtrack passes through");
    for i in [0, 50] {
        assert!(mean_luma(&night.frames[i]) < 0.6 * mean_luma(&other.frames[i]));
        assert!(correlation(&night.frames[i], &other.frames[i]) > 0.9, "structure kept");
    }
    let teal = render(&edit("shift the colour palette to teal, sand and rust", src.clone()));
    let named = [[0, 128, 128], [194, 178, 128], [183, 65, 14]];
    assert!(chroma_distance(&teal.frames[10], &named) < 0.8 * chroma_distance(&other.frames[10], &named));
    assert!(correlation(&teal.frames[10], &other.frames[10]) > 0.9);

    // An added subject is drawn over the pixels; nothing asked leaves them as they were.
    let kite = render(&edit("add a red kite in the sky", src.clone()));
    let red = |f: &[u8]| f.chunks_exact(4).filter(|p| p[0] > 150 && p[1] < 70 && p[2] < 70).count();
    assert!(red(&kite.frames[30]) > red(&other.frames[30]) + 50);
    let same = render(&edit("make it better", src));
    assert_eq!(same.frames, other.frames);
}

#[test]
fn a_short_foreign_stream_holds_its_last_frame() {
    let other = render(&spec("a lighthouse at dusk", 5, Conditioning::default()));
    let mut src = source(&[], 0, &other);
    src.frames = Arc::new(Held(other.frames[..10].to_vec()));
    let out = render(&edit("add rain", src));
    assert_eq!(out.frames.len(), other.frames.len());
}

fn reference_image() -> Vec<u8> {
    // Soft stripes and a bright square: nothing the engine draws.
    let mut rgba = Vec::with_capacity((W * H * 4) as usize);
    for y in 0..H {
        for x in 0..W {
            let square = (100..180).contains(&x) && (40..120).contains(&y);
            let v = if square { [250, 240, 120] } else { [(x % 64 * 3) as u8, 90, (y % 45 * 5) as u8] };
            rgba.extend_from_slice(&[v[0], v[1], v[2], 255]);
        }
    }
    rgba
}

#[test]
fn reference_image_is_frame_zero_then_the_clip_moves_on() {
    let image = reference_image();
    let cond = Conditioning { first_frame: Some(Arc::new(VideoFrame::new(W, H, image.clone()))), ..Default::default() };
    let out = render(&spec("a dog running in a park", 11, cond.clone()));
    assert_eq!(out.frames[0], image, "frame 0 is the reference, byte for byte");
    assert!(psnr(&out.frames[1], &image) > 35.0, "no jump after frame 0");
    assert!(psnr(&out.frames[48], &image) < 25.0, "frame 48 has moved on ({})", psnr(&out.frames[48], &image));
    assert!(correlation(&out.frames[48], &image) > 0.3, "still the reference underneath");
    // Deterministic.
    let again = render(&spec("a dog running in a park", 11, cond));
    assert_eq!(again.frames, out.frames);
}

#[test]
fn extension_starts_on_the_frame_it_continues() {
    let root = "a red car on a road at noon";
    let first_clip = render(&spec(root, 4, Conditioning::default()));
    let last = first_clip.frames.last().cloned().expect("frames");
    let cond = Conditioning {
        first_frame: Some(Arc::new(VideoFrame::new(W, H, last.clone()))),
        continues: vec![root.into()],
        ..Default::default()
    };
    let out = render(&spec("it starts raining", 8, cond));
    assert_eq!(out.frames[0], last);
    assert!(psnr(&out.frames[1], &last) > 35.0, "frame 1 is close ({})", psnr(&out.frames[1], &last));
    // Later: the same road scene, now in the rain (streaks and a greyer sky differ from the join).
    let end = out.frames.last().expect("frames");
    assert!(psnr(end, &last) < 30.0);
    assert!(correlation(end, &last) > 0.5, "the same scene carries on ({})", correlation(end, &last));
    let red = |f: &[u8]| f.chunks_exact(4).filter(|p| p[0] > 120 && i32::from(p[0]) > i32::from(p[1]) + 60).count();
    assert!(red(end) > 100, "the red car is still there");
}

fn mossy(name: &str) -> Arc<Character> {
    // A magenta figure with a transparent surround, two frames so it animates.
    let frame = |shift: usize| {
        let mut rgba = vec![0u8; 30 * 60 * 4];
        for y in 0..60 {
            for x in 8 + shift..22 + shift {
                rgba[(y * 30 + x) * 4..(y * 30 + x) * 4 + 4].copy_from_slice(&[255, 0, 255, 255]);
            }
        }
        VideoFrame::new(30, 60, rgba)
    };
    Arc::new(Character { id: "char_1".into(), name: name.into(), fps: 8, frames: vec![frame(0), frame(2)] })
}

fn magenta(f: &[u8]) -> usize {
    f.chunks_exact(4).filter(|p| p[0] > 240 && p[1] < 20 && p[2] > 240).count()
}

#[test]
fn characters_named_in_the_prompt_are_cast() {
    let prompt = "Mossy walks across a meadow";
    let with = |c: Vec<Arc<Character>>| Conditioning { characters: c, ..Default::default() };
    let named = render(&spec(prompt, 2, with(vec![mossy("Mossy")])));
    let unnamed = render(&spec(prompt, 2, with(vec![mossy("Bramble")])));
    let none = render(&spec(prompt, 2, with(Vec::new())));
    assert_eq!(unnamed.frames, none.frames, "a character the prompt does not name is not drawn");
    assert!(magenta(&none.frames[20]) == 0);
    assert!(magenta(&named.frames[20]) > 400, "{}", magenta(&named.frames[20]));
    assert_ne!(named.frames[20], none.frames[20]);
    // It walks: its matte's centre moves right.
    let centre = |f: &[u8]| {
        let xs: Vec<usize> = f
            .chunks_exact(4)
            .enumerate()
            .filter(|(_, p)| p[0] > 240 && p[1] < 20 && p[2] > 240)
            .map(|(i, _)| i % W as usize)
            .collect();
        xs.iter().sum::<usize>() as f64 / xs.len().max(1) as f64
    };
    assert!(centre(&named.frames[70]) > centre(&named.frames[2]) + 30.0);

    // Cast over a reference image too, after the opening frame.
    let image = reference_image();
    let cond = Conditioning {
        first_frame: Some(Arc::new(VideoFrame::new(W, H, image.clone()))),
        characters: vec![mossy("Mossy")],
        ..Default::default()
    };
    let out = render(&spec(prompt, 2, cond));
    assert_eq!(out.frames[0], image);
    assert!(magenta(&out.frames[60]) > 400);
}

#[test]
fn conditioned_renders_cancel_and_reject_bad_input() {
    let other = render(&spec("a lighthouse at dusk", 5, Conditioning::default()));
    let cancel = CancelFlag::new();
    cancel.cancel();
    let mut keep = Keep::default();
    let r = PreviewEngine::new().render(
        &edit("make it night", source(&[], 0, &other)),
        &mut keep,
        &RenderControl::new(cancel),
    );
    assert!(matches!(r, Err(EngineError::Cancelled)));
    assert!(keep.frames.is_empty());

    let wrong = Conditioning { first_frame: Some(Arc::new(VideoFrame::new(2, 2, vec![0; 16]))), ..Default::default() };
    let r = PreviewEngine::new().render(
        &spec("a dog", 1, wrong),
        &mut Keep::default(),
        &RenderControl::new(CancelFlag::new()),
    );
    assert!(matches!(r, Err(EngineError::Fatal { .. })));
}
