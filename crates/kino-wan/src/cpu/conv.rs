//! 3D convolution (2D is the kt = 1 case) on CPU: im2col one tile of output rows at a time
//! into a per-thread buffer that stays in cache, then one gemm per tile writing straight into
//! the [B, O, T, H, W] output with the bias already in place. Tiles run in parallel. Whole-
//! frame columns would be 27 x the input (680 MB for one 96-channel 256x256 frame).
use std::cell::RefCell;

use candle_core::Tensor;
use gemm::Parallelism;
use rayon::prelude::*;

use super::{SendPtr, buffer, tensor, threads, with_f32, with_f32_2};
use crate::error::Result;

/// Bytes of im2col columns per tile: large enough that re-reading the weights per tile
/// costs little, small enough to stay in L2/L3.
const TILE_BYTES: usize = 4 << 20;

thread_local! {
    static COLUMNS: RefCell<Vec<f32>> = const { RefCell::new(Vec::new()) };
}

struct Geometry {
    c: usize,
    t: usize,
    h: usize,
    w: usize,
    o: usize,
    kt: usize,
    kh: usize,
    kw: usize,
    st: usize,
    ss: usize,
    pad: usize,
    to: usize,
    ho: usize,
    wo: usize,
}

impl Geometry {
    fn k(&self) -> usize {
        self.c * self.kt * self.kh * self.kw
    }

    /// Columns for output frame `tf`, output rows [y0, y1), into `cols` [K, (y1 - y0) · wo].
    fn im2col(&self, x: &[f32], tf: usize, y0: usize, y1: usize, cols: &mut [f32]) {
        let n = (y1 - y0) * self.wo;
        let plane = self.h * self.w;
        for (r, dst) in cols.chunks_exact_mut(n).enumerate() {
            let (ci, dt, dy, dx) = (
                r / (self.kt * self.kh * self.kw),
                (r / (self.kh * self.kw)) % self.kt,
                (r / self.kw) % self.kh,
                r % self.kw,
            );
            let frame = &x[(ci * self.t + tf * self.st + dt) * plane..][..plane];
            for (i, oy) in (y0..y1).enumerate() {
                let out = &mut dst[i * self.wo..(i + 1) * self.wo];
                let iy = (oy * self.ss + dy) as isize - self.pad as isize;
                if iy < 0 || iy >= self.h as isize {
                    out.fill(0.0);
                    continue;
                }
                let src = &frame[iy as usize * self.w..(iy as usize + 1) * self.w];
                if self.ss == 1 {
                    // Output columns whose input column ox + dx - pad lies inside the row.
                    let lo = self.pad.saturating_sub(dx).min(self.wo);
                    let hi = (self.w + self.pad).saturating_sub(dx).min(self.wo).max(lo);
                    out[..lo].fill(0.0);
                    out[lo..hi].copy_from_slice(&src[lo + dx - self.pad..hi + dx - self.pad]);
                    out[hi..].fill(0.0);
                } else {
                    for (ox, d) in out.iter_mut().enumerate() {
                        let ix = (ox * self.ss + dx) as isize - self.pad as isize;
                        *d = if ix >= 0 && ix < self.w as isize { src[ix as usize] } else { 0.0 };
                    }
                }
            }
        }
    }
}

/// x [B, C, T, H, W] with any temporal padding already applied, weight [O, C, kt, kh, kw],
/// bias [O]; strides in time and space, zero padding `pad` on each spatial side.
/// Returns [B, O, To, Ho, Wo].
pub fn conv3d(
    x: &Tensor,
    weight: &Tensor,
    bias: &Tensor,
    stride_t: usize,
    stride_s: usize,
    pad: usize,
) -> Result<Option<Tensor>> {
    let (b, c, t, h, w) = x.dims5()?;
    let (o, wc, kt, kh, kw) = weight.dims5()?;
    if wc != c || t < kt || h + 2 * pad < kh || w + 2 * pad < kw {
        return Ok(None);
    }
    let g = Geometry {
        c,
        t,
        h,
        w,
        o,
        kt,
        kh,
        kw,
        st: stride_t,
        ss: stride_s,
        pad,
        to: (t - kt) / stride_t + 1,
        ho: (h + 2 * pad - kh) / stride_s + 1,
        wo: (w + 2 * pad - kw) / stride_s + 1,
    };
    let out = with_f32(x, |xs| with_f32_2(weight, bias, |ws, bs| run(&g, b, xs, ws, bs))).flatten();
    out.map(|o| tensor(o, (b, g.o, g.to, g.ho, g.wo))).transpose()
}

fn run(g: &Geometry, b: usize, xs: &[f32], ws: &[f32], bs: &[f32]) -> Vec<f32> {
    let k = g.k();
    let frame_out = g.ho * g.wo;
    let item_out = g.o * g.to * frame_out;
    let item_in = g.c * g.t * g.h * g.w;
    let mut out = buffer(b * item_out);
    let pointwise = k == g.c && g.ss == 1 && g.st == 1 && g.pad == 0;
    if pointwise {
        // A 1x1x1 conv is one matmul per item over all positions: weight [O, C] · x [C, T·H·W].
        let n = g.t * g.h * g.w;
        for item in 0..b {
            let dst = &mut out[item * item_out..(item + 1) * item_out];
            dst.par_chunks_mut(n).zip(bs.par_iter()).for_each(|(row, &v)| row.fill(v));
            // SAFETY: dst [O, n], weights [O, C], x [C, n] of this item; all in bounds.
            unsafe {
                gemm::gemm(
                    g.o,
                    n,
                    g.c,
                    dst.as_mut_ptr(),
                    1,
                    n as isize,
                    true,
                    ws.as_ptr(),
                    1,
                    g.c as isize,
                    xs[item * item_in..].as_ptr(),
                    1,
                    n as isize,
                    1.0,
                    1.0,
                    false,
                    false,
                    false,
                    Parallelism::Rayon(threads()),
                );
            }
        }
        return out;
    }
    // Output rows per tile: the column budget, at least one row, and enough tiles to keep
    // every thread busy.
    let by_budget = (TILE_BYTES / (k * 4 * g.wo)).max(1);
    let tasks_wanted = 4 * threads();
    let frames = b * g.to;
    let by_threads = (g.ho * frames).div_ceil(tasks_wanted).max(1);
    let rows = by_budget.min(by_threads).min(g.ho);
    let tiles = g.ho.div_ceil(rows);
    let dst = SendPtr(out.as_mut_ptr());
    (0..frames * tiles).into_par_iter().for_each(|task| {
        let (item, tf, tile) = (task / (g.to * tiles), (task / tiles) % g.to, task % tiles);
        let (y0, y1) = (tile * rows, ((tile + 1) * rows).min(g.ho));
        let n = (y1 - y0) * g.wo;
        COLUMNS.with_borrow_mut(|cols| {
            if cols.len() < k * n {
                cols.resize(k * n, 0.0);
            }
            let cols = &mut cols[..k * n];
            g.im2col(&xs[item * item_in..(item + 1) * item_in], tf, y0, y1, cols);
            let base = item * item_out + tf * frame_out + y0 * g.wo;
            let row_stride = g.to * frame_out;
            for (oc, &v) in bs.iter().enumerate() {
                // SAFETY: the tile's span of output channel oc; tiles are disjoint.
                unsafe { std::slice::from_raw_parts_mut(dst.at(base + oc * row_stride), n) }.fill(v);
            }
            // SAFETY: dst [O, n] with row stride To·Ho·Wo inside this item's output, weights
            // [O, K], columns [K, n]; this task alone writes this tile.
            unsafe {
                gemm::gemm(
                    g.o,
                    n,
                    k,
                    dst.at(base),
                    1,
                    row_stride as isize,
                    true,
                    ws.as_ptr(),
                    1,
                    k as isize,
                    cols.as_ptr(),
                    1,
                    n as isize,
                    1.0,
                    1.0,
                    false,
                    false,
                    false,
                    Parallelism::None,
                );
            }
        });
    });
    out
}

#[cfg(test)]
mod tests {
    use candle_core::Device;

    use super::*;

    /// candle's conv2d per temporal tap, summed: the definition.
    fn reference(x: &Tensor, w: &Tensor, bias: &Tensor, st: usize, ss: usize, pad: usize) -> Tensor {
        let (b, c, t, h, wd) = x.dims5().unwrap();
        let (o, _, kt, _, _) = w.dims5().unwrap();
        let to = (t - kt) / st + 1;
        let mut acc: Option<Tensor> = None;
        for k in 0..kt {
            let idx: Vec<u32> = (0..to).map(|i| (i * st + k) as u32).collect();
            let idx = Tensor::from_vec(idx, to, x.device()).unwrap();
            let frames =
                x.index_select(&idx, 2).unwrap().permute((0, 2, 1, 3, 4)).unwrap().reshape((b * to, c, h, wd)).unwrap();
            let kernel = w.narrow(2, k, 1).unwrap().squeeze(2).unwrap().contiguous().unwrap();
            let y = frames.conv2d(&kernel, pad, ss, 1, 1).unwrap();
            acc = Some(match acc {
                None => y,
                Some(a) => (a + y).unwrap(),
            });
        }
        let y = acc.unwrap().broadcast_add(&bias.reshape((1, o, 1, 1)).unwrap()).unwrap();
        let (_, _, ho, wo) = y.dims4().unwrap();
        y.reshape((b, to, o, ho, wo)).unwrap().permute((0, 2, 1, 3, 4)).unwrap().contiguous().unwrap()
    }

    #[test]
    fn matches_candle_for_every_shape_the_vae_uses() {
        let dev = Device::Cpu;
        // (c, o, kt, k, st, ss, pad, t, h, w)
        for (c, o, kt, k, st, ss, pad, t, h, w) in [
            (3, 5, 3, 3, 1, 1, 1, 4, 9, 7),
            (4, 4, 1, 3, 1, 2, 0, 2, 10, 8),
            (6, 2, 1, 1, 1, 1, 0, 3, 5, 5),
            (2, 3, 3, 3, 1, 1, 1, 3, 1, 1),
            (4, 8, 3, 1, 1, 1, 0, 5, 6, 6),
            (4, 4, 3, 1, 2, 1, 0, 5, 6, 6),
            (5, 7, 3, 3, 1, 1, 1, 3, 40, 33),
        ] {
            let x = Tensor::randn(0f32, 1f32, (2, c, t, h, w), &dev).unwrap();
            let kernel = Tensor::randn(0f32, 1f32, (o, c, kt, k, k), &dev).unwrap();
            let bias = Tensor::randn(0f32, 1f32, o, &dev).unwrap();
            let want = reference(&x, &kernel, &bias, st, ss, pad);
            let got = conv3d(&x, &kernel, &bias, st, ss, pad).unwrap().unwrap();
            assert_eq!(got.dims(), want.dims());
            let diff =
                (got - want).unwrap().abs().unwrap().flatten_all().unwrap().max(0).unwrap().to_scalar::<f32>().unwrap();
            assert!(diff < 1e-4, "c{c} o{o} kt{kt} k{k} st{st} ss{ss} pad{pad}: {diff}");
        }
    }
}
