//! Pixel work behind character extraction: a background model, a soft matte from colour
//! distance to it, and clean-up (open/close, largest connected component).
//!
//! Images here are packed RGB8 of one working size; masks are one byte per pixel.

/// Colour distance (Euclidean RGB) below which a pixel is background, and above which
/// it is fully subject; between them alpha ramps, which keeps edges soft. Sized to sit
/// above H.264 noise on flat areas (a few units) and below real contrast.
const DIST_LO: f32 = 24.0;
const DIST_HI: f32 = 48.0;
/// Share of the border ring that must match its median colour for the background to
/// count as plain (then a still subject is found by its difference from that colour).
const PLAIN_BORDER: f32 = 0.8;

pub(crate) struct Background {
    width: usize,
    height: usize,
    /// Per-pixel temporal median.
    median: Vec<u8>,
    /// The border's colour, when the border is plain.
    plain: Option<[u8; 3]>,
}

impl Background {
    /// Estimate the background from frames spread over the clip. The per-pixel median
    /// removes a subject that moves; a subject that stays put survives in it, so a plain
    /// border colour is kept as a second model for that case.
    pub(crate) fn estimate(samples: &[&[u8]], width: usize, height: usize) -> Self {
        let n = width * height * 3;
        let mut median = vec![0u8; n];
        let mut column = vec![0u8; samples.len()];
        for (i, out) in median.iter_mut().enumerate() {
            for (c, s) in column.iter_mut().zip(samples) {
                *c = s[i];
            }
            let mid = column.len() / 2;
            *out = *column.select_nth_unstable(mid).1;
        }
        let ring = border_ring(width, height);
        let mut channels = [Vec::new(), Vec::new(), Vec::new()];
        for &p in &ring {
            for (c, ch) in channels.iter_mut().enumerate() {
                ch.push(median[p * 3 + c]);
            }
        }
        let colour = channels.map(|mut ch| {
            let mid = ch.len() / 2;
            *ch.select_nth_unstable(mid).1
        });
        let matching = ring.iter().filter(|&&p| dist(&median[p * 3..p * 3 + 3], &colour) < DIST_LO).count();
        let plain = (matching as f32 >= PLAIN_BORDER * ring.len() as f32).then_some(colour);
        Self { width, height, median, plain }
    }

    /// Soft alpha (0..=255) of each pixel of `frame` being subject.
    pub(crate) fn alpha(&self, frame: &[u8]) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.width * self.height);
        for (f, b) in frame.chunks_exact(3).zip(self.median.chunks_exact(3)) {
            let mut d = dist(f, b);
            if let Some(c) = &self.plain {
                // Differs from the plain backdrop, where the median holds a still subject.
                d = d.max(dist(f, c).min(dist(b, c)));
            }
            let a = ((d - DIST_LO) / (DIST_HI - DIST_LO)).clamp(0.0, 1.0);
            out.push((a * 255.0).round() as u8);
        }
        out
    }
}

fn dist(a: &[u8], b: &[u8]) -> f32 {
    let sq: i32 = (0..3)
        .map(|c| {
            let d = i32::from(a[c]) - i32::from(b[c]);
            d * d
        })
        .sum();
    (sq as f32).sqrt()
}

/// Pixel indices of a ring along the image's edges, about 3 % of the short side wide.
pub(crate) fn border_ring(width: usize, height: usize) -> Vec<usize> {
    let t = (width.min(height) * 3 / 100).max(1);
    (0..height)
        .flat_map(|y| (0..width).map(move |x| (x, y)))
        .filter(|&(x, y)| x < t || y < t || x + t >= width || y + t >= height)
        .map(|(x, y)| y * width + x)
        .collect()
}

/// The subject's mask: `alpha` thresholded, opened and closed (drops specks and fills pin
/// holes), then only the largest 4-connected region kept, grown by two pixels so the soft
/// edge around it survives. Returns the matte (soft alpha inside, 0 outside) and the
/// number of pixels in the region.
pub(crate) fn clean_matte(alpha: &[u8], width: usize, height: usize) -> (Vec<u8>, usize) {
    let mut mask: Vec<bool> = alpha.iter().map(|&a| a >= 128).collect();
    mask = erode(&mask, width, height);
    mask = dilate(&mask, width, height);
    mask = dilate(&mask, width, height);
    mask = erode(&mask, width, height);
    let (region, size) = largest_component(&mask, width, height);
    let grown = dilate(&dilate(&region, width, height), width, height);
    let matte = alpha
        .iter()
        .zip(&grown)
        .zip(&region)
        .map(|((&a, &g), &r)| {
            if r {
                a.max(128)
            } else if g {
                a
            } else {
                0
            }
        })
        .collect();
    (matte, size)
}

/// 3x3 minimum; outside the image counts as unset.
fn erode(mask: &[bool], width: usize, height: usize) -> Vec<bool> {
    morph(mask, width, height, true)
}

/// 3x3 maximum.
fn dilate(mask: &[bool], width: usize, height: usize) -> Vec<bool> {
    morph(mask, width, height, false)
}

fn morph(mask: &[bool], width: usize, height: usize, erode: bool) -> Vec<bool> {
    let mut out = vec![false; mask.len()];
    for y in 0..height {
        for x in 0..width {
            let mut all = true;
            let mut any = false;
            for ny in y.saturating_sub(1)..=(y + 1).min(height - 1) {
                for nx in x.saturating_sub(1)..=(x + 1).min(width - 1) {
                    let v = mask[ny * width + nx];
                    all &= v;
                    any |= v;
                }
            }
            let edge = x == 0 || y == 0 || x + 1 == width || y + 1 == height;
            out[y * width + x] = if erode { all && !edge } else { any };
        }
    }
    out
}

/// The largest 4-connected set region and its size (an empty mask gives an empty region).
fn largest_component(mask: &[bool], width: usize, height: usize) -> (Vec<bool>, usize) {
    let mut label = vec![0u32; mask.len()];
    let mut best = (0u32, 0usize);
    let mut stack = Vec::new();
    let mut next = 0u32;
    for start in 0..mask.len() {
        if !mask[start] || label[start] != 0 {
            continue;
        }
        next += 1;
        label[start] = next;
        stack.push(start);
        let mut size = 0usize;
        while let Some(p) = stack.pop() {
            size += 1;
            let (x, y) = (p % width, p / width);
            let neighbours = [
                (x > 0).then(|| p - 1),
                (x + 1 < width).then(|| p + 1),
                (y > 0).then(|| p - width),
                (y + 1 < height).then(|| p + width),
            ];
            for q in neighbours.into_iter().flatten() {
                if mask[q] && label[q] == 0 {
                    label[q] = next;
                    stack.push(q);
                }
            }
        }
        if size > best.1 {
            best = (next, size);
        }
    }
    let region = label.iter().map(|&l| l != 0 && l == best.0).collect();
    (region, best.1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_largest_region_and_drops_specks() {
        let (w, h) = (20, 10);
        let mut alpha = vec![0u8; w * h];
        // A 6x6 block, a 3x3 block, and a lone pixel.
        for y in 2..8 {
            for x in 2..8 {
                alpha[y * w + x] = 255;
            }
        }
        for y in 2..5 {
            for x in 12..15 {
                alpha[y * w + x] = 255;
            }
        }
        alpha[8 * w + 17] = 255;
        let (matte, size) = clean_matte(&alpha, w, h);
        assert_eq!(size, 36);
        assert_eq!(matte[5 * w + 5], 255);
        assert_eq!(matte[3 * w + 13], 0, "smaller region dropped");
        assert_eq!(matte[8 * w + 17], 0, "speck dropped");
    }

    #[test]
    fn a_still_subject_on_a_plain_backdrop_is_found() {
        let (w, h) = (40, 30);
        let frame: Vec<u8> = (0..w * h)
            .flat_map(|p| {
                let (x, y) = (p % w, p / w);
                if (15..25).contains(&x) && (10..20).contains(&y) { [250, 40, 40] } else { [30, 90, 200] }
            })
            .collect();
        // Every sample identical: the median holds the subject, the border model finds it.
        let bg = Background::estimate(&[&frame, &frame, &frame], w, h);
        assert!(bg.plain.is_some());
        let alpha = bg.alpha(&frame);
        assert_eq!(alpha[15 * w + 20], 255);
        assert_eq!(alpha[2 * w + 2], 0);
    }
}
