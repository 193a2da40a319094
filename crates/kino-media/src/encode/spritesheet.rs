//! Spritesheet: a storyboard of the clip as one JPEG.
//!
//! Layout (fixed, so clients can address tiles without metadata):
//! - a grid of [`SPRITE_COLUMNS`] x [`SPRITE_ROWS`] = 25 tiles, row-major: tile `i` sits at
//!   column `i % 5`, row `i / 5` (left to right, then top to bottom);
//! - tile `i` shows frame `i * N / 25 + N / 50` of a clip of `N` frames (integer division),
//!   i.e. the middle of the i-th twenty-fifth of the clip ([`sprite_frame_index`]);
//! - every tile is the whole frame scaled to [`SPRITE_TILE_LONG_SIDE`] (256) px on its longer
//!   side, the shorter side rounded to keep the video's aspect ([`sprite_tile_size`]):
//!   1280x720 → 256x144 tiles and a 1280x720 sheet; 1080x1920 → 144x256 tiles and a
//!   720x1280 sheet; 1792x1024 → 256x146 tiles and a 1280x730 sheet;
//! - JPEG quality 80, no padding between tiles.
//!
//! Tiles are cut from frames as they stream past the encoder; the clip is never decoded again.

use fast_image_resize::{FilterType, ResizeAlg, ResizeOptions, Resizer};

use super::still::encode_jpeg;
use crate::error::MediaError;

pub const SPRITE_COLUMNS: u32 = 5;
pub const SPRITE_ROWS: u32 = 5;
pub const SPRITE_TILES: u32 = SPRITE_COLUMNS * SPRITE_ROWS;
pub const SPRITE_TILE_LONG_SIDE: u32 = 256;
const JPEG_QUALITY: u8 = 80;
/// Tiles kept while the frame count is unknown; the stride doubles when it overflows.
const RESERVOIR_CAP: usize = 100;

/// Size of one tile for a `width` x `height` video.
pub fn sprite_tile_size(width: u32, height: u32) -> (u32, u32) {
    let long = width.max(height).max(1);
    let short = ((u64::from(width.min(height)) * u64::from(SPRITE_TILE_LONG_SIDE) + u64::from(long) / 2)
        / u64::from(long))
    .max(1) as u32;
    if width >= height { (SPRITE_TILE_LONG_SIDE, short) } else { (short, SPRITE_TILE_LONG_SIDE) }
}

/// Size of the whole sheet for a `width` x `height` video.
pub fn spritesheet_size(width: u32, height: u32) -> (u32, u32) {
    let (tw, th) = sprite_tile_size(width, height);
    (tw * SPRITE_COLUMNS, th * SPRITE_ROWS)
}

/// Frame shown by tile `tile` (0..25) of a clip of `frames` frames.
pub fn sprite_frame_index(tile: u32, frames: u32) -> u32 {
    let (i, n) = (u64::from(tile), u64::from(frames));
    (i * n / u64::from(SPRITE_TILES) + n / (2 * u64::from(SPRITE_TILES))) as u32
}

/// Collects tiles from frames as they pass.
pub(crate) struct SpriteCollector {
    width: u32,
    height: u32,
    tile_w: u32,
    tile_h: u32,
    expected: Option<u32>,
    stride: u32,
    /// (frame index, RGBA tile)
    tiles: Vec<(u32, Vec<u8>)>,
    resizer: Resizer,
}

impl SpriteCollector {
    pub(crate) fn new(width: u32, height: u32, expected_frames: Option<u32>) -> Self {
        let (tile_w, tile_h) = sprite_tile_size(width, height);
        Self {
            width,
            height,
            tile_w,
            tile_h,
            expected: expected_frames.filter(|&n| n > 0),
            stride: 1,
            tiles: Vec::new(),
            resizer: Resizer::new(),
        }
    }

    pub(crate) fn offer(&mut self, index: u32, rgba: &[u8]) -> Result<(), MediaError> {
        let wanted = match self.expected {
            Some(n) => (0..SPRITE_TILES).any(|t| sprite_frame_index(t, n) == index),
            None => index.is_multiple_of(self.stride),
        };
        if !wanted {
            return Ok(());
        }
        let tile = self.scale(rgba)?;
        self.tiles.push((index, tile));
        if self.expected.is_none() && self.tiles.len() > RESERVOIR_CAP {
            self.stride *= 2;
            let stride = self.stride;
            self.tiles.retain(|(i, _)| i % stride == 0);
        }
        Ok(())
    }

    /// Assemble the sheet for a clip that turned out to have `frames` frames.
    pub(crate) fn finish(self, frames: u32) -> Result<Vec<u8>, MediaError> {
        if self.tiles.is_empty() {
            return Err(MediaError::NoFrames);
        }
        let (tw, th) = (self.tile_w as usize, self.tile_h as usize);
        let sheet_w = tw * SPRITE_COLUMNS as usize;
        let mut sheet = vec![0u8; sheet_w * th * SPRITE_ROWS as usize * 3];
        for t in 0..SPRITE_TILES {
            let target = sprite_frame_index(t, frames);
            // Exact when the frame count was announced; nearest kept frame otherwise.
            let Some((_, tile)) = self.tiles.iter().min_by_key(|(i, _)| i.abs_diff(target)) else {
                continue;
            };
            let (col, row) = ((t % SPRITE_COLUMNS) as usize, (t / SPRITE_COLUMNS) as usize);
            for y in 0..th {
                let dst = ((row * th + y) * sheet_w + col * tw) * 3;
                let src_row = &tile[y * tw * 4..(y + 1) * tw * 4];
                for (d, s) in sheet[dst..dst + tw * 3].chunks_exact_mut(3).zip(src_row.chunks_exact(4)) {
                    d.copy_from_slice(&s[..3]);
                }
            }
        }
        encode_jpeg(&sheet, sheet_w as u32, self.tile_h * SPRITE_ROWS, JPEG_QUALITY)
    }

    fn scale(&mut self, rgba: &[u8]) -> Result<Vec<u8>, MediaError> {
        // Alpha is ignored everywhere else too: do not let it weight the filter.
        let options = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::Lanczos3)).use_alpha(false);
        let (from, to) = ((self.width, self.height), (self.tile_w, self.tile_h));
        crate::resize::rgba(&mut self.resizer, rgba, from, to, &options).map_err(MediaError::Resize)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tile_sizes_for_contract_sizes() {
        assert_eq!(sprite_tile_size(1280, 720), (256, 144));
        assert_eq!(sprite_tile_size(720, 1280), (144, 256));
        assert_eq!(sprite_tile_size(1920, 1080), (256, 144));
        assert_eq!(sprite_tile_size(1080, 1920), (144, 256));
        assert_eq!(sprite_tile_size(1792, 1024), (256, 146));
        assert_eq!(sprite_tile_size(1024, 1792), (146, 256));
        assert_eq!(spritesheet_size(1280, 720), (1280, 720));
    }

    #[test]
    fn frame_indices_spread_over_the_clip() {
        let idx: Vec<u32> = (0..25).map(|t| sprite_frame_index(t, 96)).collect();
        assert_eq!(idx[0], 1);
        assert_eq!(idx[24], 24 * 96 / 25 + 1);
        assert!(idx.windows(2).all(|w| w[0] < w[1]));
        assert!(idx.iter().all(|&i| i < 96));
    }

    /// Unknown frame count: tiles come from the reservoir, each near its exact frame.
    #[test]
    fn reservoir_picks_near_frames() {
        let (w, h) = (64, 36);
        let mut c = SpriteCollector::new(w, h, None);
        let n = 1000;
        for i in 0..n {
            // Encode the frame index in the red channel.
            let v = (i * 255 / n) as u8;
            let frame: Vec<u8> = (0..w * h).flat_map(|_| [v, 0, 0, 255]).collect();
            c.offer(i, &frame).unwrap();
        }
        assert!(c.tiles.len() <= RESERVOIR_CAP);
        for t in 0..SPRITE_TILES {
            let target = sprite_frame_index(t, n);
            let nearest = c.tiles.iter().map(|(i, _)| i.abs_diff(target)).min().unwrap();
            assert!(nearest <= n / 50, "tile {t}: {nearest} frames off");
        }
    }
}
