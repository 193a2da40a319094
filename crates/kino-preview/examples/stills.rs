//! Render the middle frame of a few prompts to PPM (and time every frame), for eyeballing:
//! `cargo run --release -p kino-preview --example stills -- out/ 1280x720 ["prompt" ...]`
//! With no prompts, the four guide prompts are used.

use std::time::Instant;

use kino_engine::GenerationSpec;
use kino_preview::inspect;

const GUIDE: [&str; 4] = [
    "Wide tracking shot of a yellow taxi crossing a rain-soaked city street at blue hour, neon reflections, natural ambient audio.",
    "A video of the words 'Thank you' in sparkling letters",
    "Close-up of a steaming coffee cup on a wooden table, morning light through blinds",
    "Wide shot of a child flying a red kite in a grassy park, golden hour sunlight, camera slowly pans upward.",
];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = std::path::PathBuf::from(args.first().cloned().unwrap_or_else(|| "stills".into()));
    let size = args.get(1).cloned().unwrap_or_else(|| "1280x720".into());
    let (w, h) = size.split_once('x').ok_or("size is WxH")?;
    let prompts: Vec<String> =
        if args.len() > 2 { args[2..].to_vec() } else { GUIDE.iter().map(|s| (*s).to_string()).collect() };
    std::fs::create_dir_all(&dir)?;
    for (i, prompt) in prompts.iter().enumerate() {
        let spec = GenerationSpec {
            prompt: prompt.clone(),
            width: w.parse()?,
            height: h.parse()?,
            fps: 24,
            seconds: 4,
            seed: 0,
            ..Default::default()
        };
        let frames = spec.frame_count();
        // Time the whole clip's frames through the same path the engine uses.
        let started = Instant::now();
        let mut engine_ms = 0.0;
        {
            use kino_engine::{CancelFlag, Engine, FrameSink, RenderControl, SinkError, VideoFrame};
            struct Null;
            impl FrameSink for Null {
                fn video_frame(&mut self, _: VideoFrame) -> Result<(), SinkError> {
                    Ok(())
                }
                fn audio(&mut self, _: &[f32]) -> Result<(), SinkError> {
                    Ok(())
                }
            }
            let t = Instant::now();
            kino_preview::PreviewEngine::new().render(&spec, &mut Null, &RenderControl::new(CancelFlag::new()))?;
            engine_ms += t.elapsed().as_secs_f64() * 1e3;
        }
        let _ = started;
        let (setup, mean, worst) = inspect::frame_times(&spec)?;
        let mid = frames / 2;
        let rgba = inspect::frame(&spec, mid)?;
        let mut ppm = format!("P6\n{} {}\n255\n", spec.width, spec.height).into_bytes();
        ppm.extend(rgba.chunks_exact(4).flat_map(|p| [p[0], p[1], p[2]]));
        std::fs::write(dir.join(format!("still{i}.ppm")), ppm)?;
        println!(
            "{i}: video {mean:.2} ms/frame (worst {worst:.2}, backdrop {setup:.1} ms once); engine incl. audio {:.2} ms/frame; {prompt}",
            engine_ms / f64::from(frames)
        );
    }
    Ok(())
}
