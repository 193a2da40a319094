//! Render a prompt and write a few frames as PPM, plus per-frame render time, for eyeballing
//! and quick timing: `cargo run --release -p kino-preview --example frames -- "a red car at dusk" 1280x720 out/`

use std::time::Instant;

use kino_engine::{CancelFlag, Engine, FrameSink, GenerationSpec, RenderControl, SinkError, VideoFrame};
use kino_preview::PreviewEngine;

struct Keep {
    every: u32,
    seen: u32,
    dir: std::path::PathBuf,
    last: Instant,
    render: std::time::Duration,
    peak: f32,
}

impl FrameSink for Keep {
    fn video_frame(&mut self, f: VideoFrame) -> Result<(), SinkError> {
        self.render += self.last.elapsed();
        if self.seen.is_multiple_of(self.every) {
            let mut ppm = format!("P6\n{} {}\n255\n", f.width, f.height).into_bytes();
            ppm.extend(f.rgba.chunks_exact(4).flat_map(|p| [p[0], p[1], p[2]]));
            let path = self.dir.join(format!("frame{:04}.ppm", self.seen));
            std::fs::write(path, ppm).map_err(|e| SinkError(e.to_string()))?;
        }
        self.seen += 1;
        self.last = Instant::now();
        Ok(())
    }
    fn audio(&mut self, s: &[f32]) -> Result<(), SinkError> {
        self.peak = s.iter().fold(self.peak, |m, v| m.max(v.abs()));
        self.last = Instant::now();
        Ok(())
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let prompt = args.get(1).cloned().unwrap_or_else(|| "a red car at sunset".into());
    let size = args.get(2).cloned().unwrap_or_else(|| "1280x720".into());
    let dir = std::path::PathBuf::from(args.get(3).cloned().unwrap_or_else(|| "frames".into()));
    let (w, h) = size.split_once('x').ok_or("size is WxH")?;
    std::fs::create_dir_all(&dir)?;
    let spec = GenerationSpec {
        prompt,
        width: w.parse()?,
        height: h.parse()?,
        fps: 24,
        seconds: 4,
        seed: 0,
        ..Default::default()
    };
    let mut sink = Keep { every: 32, seen: 0, dir, last: Instant::now(), render: Default::default(), peak: 0.0 };
    PreviewEngine::new().render(&spec, &mut sink, &RenderControl::new(CancelFlag::new()))?;
    println!(
        "{} frames, {:.2} ms/frame (incl. audio), audio peak {:.3}",
        sink.seen,
        sink.render.as_secs_f64() * 1e3 / f64::from(sink.seen),
        sink.peak
    );
    Ok(())
}
