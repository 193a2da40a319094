//! A sink that writes frames as raw planar yuv420p (BT.601 limited range), the input
//! ffmpeg's rawvideo demuxer reads. Audio is dropped: the x264 baseline is video only.

use std::fs::File;
use std::io::{BufWriter, Write};

use kino_engine::{FrameSink, SinkError, VideoFrame};

pub struct YuvFileSink {
    out: BufWriter<File>,
    planes: [Vec<u8>; 3],
}

impl YuvFileSink {
    pub fn new(file: File) -> Self {
        Self { out: BufWriter::with_capacity(1 << 20, file), planes: Default::default() }
    }

    pub fn finish(mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

impl FrameSink for YuvFileSink {
    fn video_frame(&mut self, f: VideoFrame) -> Result<(), SinkError> {
        let (w, h) = (f.width as usize, f.height as usize);
        let [y, u, v] = &mut self.planes;
        y.clear();
        u.clear();
        v.clear();
        for px in f.rgba.chunks_exact(4) {
            let (r, g, b) = (i32::from(px[0]), i32::from(px[1]), i32::from(px[2]));
            y.push((((66 * r + 129 * g + 25 * b + 128) >> 8) + 16) as u8);
        }
        // Chroma from the top-left pixel of each 2x2 block: plenty for a timing input.
        for row in (0..h).step_by(2) {
            for col in (0..w).step_by(2) {
                let i = (row * w + col) * 4;
                let (r, g, b) = (i32::from(f.rgba[i]), i32::from(f.rgba[i + 1]), i32::from(f.rgba[i + 2]));
                u.push((((-38 * r - 74 * g + 112 * b + 128) >> 8) + 128) as u8);
                v.push((((112 * r - 94 * g - 18 * b + 128) >> 8) + 128) as u8);
            }
        }
        for plane in &self.planes {
            self.out.write_all(plane).map_err(|e| SinkError(format!("write raw yuv: {e}")))?;
        }
        Ok(())
    }

    fn audio(&mut self, _: &[f32]) -> Result<(), SinkError> {
        Ok(())
    }
}
