//! Normalisations with what follows them fused in: the transformer's LayerNorm + modulation,
//! its query/key RMSNorm + rotary embedding, the gated residual, and the VAE's channel RMSNorm
//! + SiLU. One parallel pass each instead of five to ten single-threaded ones.
use candle_core::Tensor;
use rayon::prelude::*;

use super::math::{self, simd_fn};
use super::{RowParam, SendPtr, buffer, tensor, with_f32, with_f32_2};
use crate::error::Result;

/// How LayerNorm's output is scaled and shifted.
pub enum Affine<'a> {
    None,
    /// y · weight + bias, both [dim].
    Learned(&'a Tensor, &'a Tensor),
    /// y · (1 + scale) + shift, each [B, 1 or L, dim] (or [dim]).
    Modulated {
        scale: &'a Tensor,
        shift: &'a Tensor,
    },
}

simd_fn! {
    fn layer_norm_row(x: &[f32], out: &mut [f32], eps: f32, mul: Option<&[f32]>, add: Option<&[f32]>, one_plus: bool) {
        let n = x.len() as f32;
        let mean = math::sum(x) / n;
        let rstd = 1.0 / (math::sum_sq(x, mean) / n + eps).sqrt();
        let one = if one_plus { 1.0 } else { 0.0 };
        match (mul, add) {
            (Some(m), Some(a)) => {
                for i in 0..x.len() {
                    out[i] = (x[i] - mean) * rstd * (one + m[i]) + a[i];
                }
            }
            _ => {
                for i in 0..x.len() {
                    out[i] = (x[i] - mean) * rstd;
                }
            }
        }
    }
}

/// LayerNorm over the last axis of x [B, L, dim] in f32, then `affine`.
pub fn layer_norm(x: &Tensor, eps: f64, affine: Affine) -> Result<Option<Tensor>> {
    let (b, l, dim) = x.dims3()?;
    let rows = b * l;
    let (mul, add, one_plus) = match affine {
        Affine::None => (None, None, false),
        Affine::Learned(w, bias) => (Some(w), Some(bias), false),
        Affine::Modulated { scale, shift } => (Some(scale), Some(shift), true),
    };
    let run = |xs: &[f32], m: Option<&[f32]>, a: Option<&[f32]>| -> Option<Vec<f32>> {
        let m = match m {
            Some(v) => Some(RowParam::new(v, dim, rows, l)?),
            None => None,
        };
        let a = match a {
            Some(v) => Some(RowParam::new(v, dim, rows, l)?),
            None => None,
        };
        let mut out = buffer(xs.len());
        out.par_chunks_mut(dim).zip(xs.par_chunks(dim)).enumerate().for_each(|(r, (o, x))| {
            layer_norm_row(x, o, eps as f32, m.map(|p| p.row(r, dim)), a.map(|p| p.row(r, dim)), one_plus);
        });
        Some(out)
    };
    let out = match (mul, add) {
        (Some(m), Some(a)) => with_f32(x, |xs| with_f32_2(m, a, |m, a| run(xs, Some(m), Some(a))).flatten()).flatten(),
        _ => with_f32(x, |xs| run(xs, None, None)).flatten(),
    };
    out.map(|o| tensor(o, (b, l, dim))).transpose()
}

simd_fn! {
    fn gated_add_row(x: &[f32], a: &[f32], g: &[f32], out: &mut [f32]) {
        for i in 0..x.len() {
            out[i] = x[i] + a[i] * g[i];
        }
    }
}

/// x + a · gate: x and a [B, L, dim], gate [B, 1 or L, dim].
pub fn gated_add(x: &Tensor, a: &Tensor, gate: &Tensor) -> Result<Option<Tensor>> {
    let (b, l, dim) = x.dims3()?;
    if a.dims() != x.dims() {
        return Ok(None);
    }
    let out = with_f32_2(x, a, |xs, av| {
        with_f32(gate, |gv| {
            let g = RowParam::new(gv, dim, b * l, l)?;
            let mut out = buffer(xs.len());
            out.par_chunks_mut(dim).zip(xs.par_chunks(dim).zip(av.par_chunks(dim))).enumerate().for_each(
                |(r, (o, (x, a)))| {
                    gated_add_row(x, a, g.row(r, dim), o);
                },
            );
            Some(out)
        })
        .flatten()
    })
    .flatten();
    out.map(|o| tensor(o, (b, l, dim))).transpose()
}

/// Rotary tables for `apply`: [L, D/2] each, pairs interleaved in the head dimension.
pub struct RopeTables<'a> {
    pub cos: &'a [f32],
    pub sin: &'a [f32],
}

simd_fn! {
    fn qk_row(x: &[f32], out: &mut [f32], weight: Option<&[f32]>, eps: f32, head_dim: usize, rope: Option<(&[f32], &[f32])>, scale: f32) {
        let r = match weight {
            Some(_) => scale / (math::sum_sq(x, 0.0) / x.len() as f32 + eps).sqrt(),
            None => scale,
        };
        match weight {
            Some(w) => {
                for i in 0..x.len() {
                    out[i] = x[i] * r * w[i];
                }
            }
            None => {
                for i in 0..x.len() {
                    out[i] = x[i] * r;
                }
            }
        }
        if let Some((cos, sin)) = rope {
            for head in out.chunks_exact_mut(head_dim) {
                for (i, pair) in head.chunks_exact_mut(2).enumerate() {
                    let (a, b) = (pair[0], pair[1]);
                    pair[0] = a * cos[i] - b * sin[i];
                    pair[1] = a * sin[i] + b * cos[i];
                }
            }
        }
    }
}

/// Queries or keys [B, L, heads x head_dim]: RMSNorm across all heads (when `weight`), the
/// rotary embedding per head (when `rope`), then a scale (1/√d for queries folds the
/// attention scale in). Returns the same layout.
pub fn qk_prepare(
    x: &Tensor,
    weight: Option<&Tensor>,
    eps: f64,
    head_dim: usize,
    rope: Option<&RopeTables>,
    scale: f32,
) -> Result<Option<Tensor>> {
    let (b, l, dim) = x.dims3()?;
    let half = head_dim / 2;
    if let Some(t) = rope
        && (t.cos.len() != l * half || t.sin.len() != l * half)
    {
        return Ok(None);
    }
    let run = |xs: &[f32], w: Option<&[f32]>| -> Vec<f32> {
        let mut out = buffer(xs.len());
        out.par_chunks_mut(dim).zip(xs.par_chunks(dim)).enumerate().for_each(|(r, (o, x))| {
            let pos = r % l;
            let tables = rope.map(|t| (&t.cos[pos * half..(pos + 1) * half], &t.sin[pos * half..(pos + 1) * half]));
            qk_row(x, o, w, eps as f32, head_dim, tables, scale);
        });
        out
    };
    let out = match weight {
        Some(w) => with_f32_2(x, w, |xs, w| run(xs, Some(w))),
        None => with_f32(x, |xs| run(xs, None)),
    };
    out.map(|o| tensor(o, (b, l, dim))).transpose()
}

simd_fn! {
    fn channel_rms_chunk(x: &[f32], c: usize, stride: usize, p0: usize, len: usize, gamma: &[f32], scale: f32, silu: bool, out: SendPtr) {
        let mut inv = [0f32; CHUNK];
        let inv = &mut inv[..len];
        for ch in 0..c {
            let row = &x[ch * stride + p0..ch * stride + p0 + len];
            for i in 0..len {
                inv[i] += row[i] * row[i];
            }
        }
        for v in inv.iter_mut() {
            *v = scale / v.sqrt().max(1e-12);
        }
        for ch in 0..c {
            let row = &x[ch * stride + p0..ch * stride + p0 + len];
            // SAFETY: chunks cover disjoint position ranges [p0, p0 + len) of every channel row.
            let dst = unsafe { std::slice::from_raw_parts_mut(out.at(ch * stride + p0), len) };
            let g = gamma[ch];
            if silu {
                for i in 0..len {
                    dst[i] = math::silu(row[i] * inv[i] * g);
                }
            } else {
                for i in 0..len {
                    dst[i] = row[i] * inv[i] * g;
                }
            }
        }
    }
}

const CHUNK: usize = 512;

/// The VAE's RMSNorm over channels (axis 1 of [B, C, ...]): x / max(‖x‖, 1e-12) · √C · γ,
/// then SiLU when `silu`.
pub fn channel_rms(x: &Tensor, gamma: &Tensor, silu: bool) -> Result<Option<Tensor>> {
    let dims = x.dims().to_vec();
    if dims.len() < 2 {
        return Ok(None);
    }
    let (b, c) = (dims[0], dims[1]);
    let stride: usize = dims[2..].iter().product();
    let scale = (c as f32).sqrt();
    let out = with_f32_2(x, gamma, |xs, g| {
        if g.len() != c {
            return None;
        }
        let mut out = buffer(xs.len());
        let ptr = SendPtr(out.as_mut_ptr());
        let per_item = stride.div_ceil(CHUNK);
        (0..b * per_item).into_par_iter().for_each(|task| {
            let (item, k) = (task / per_item, task % per_item);
            let p0 = k * CHUNK;
            let len = CHUNK.min(stride - p0);
            let base = item * c * stride;
            let ptr = SendPtr(ptr.at(base));
            channel_rms_chunk(&xs[base..base + c * stride], c, stride, p0, len, g, scale, silu, ptr);
        });
        Some(out)
    })
    .flatten();
    out.map(|o| tensor(o, dims)).transpose()
}

#[cfg(test)]
mod tests {
    use candle_core::{D, Device};

    use super::*;

    fn close(a: &Tensor, b: &Tensor, tol: f32) {
        let d = (a - b).unwrap().abs().unwrap().flatten_all().unwrap().max(0).unwrap().to_scalar::<f32>().unwrap();
        assert!(d < tol, "max diff {d}");
    }

    #[test]
    fn layer_norm_modulated_matches_the_op_chain() {
        let dev = Device::Cpu;
        let x = Tensor::randn(0f32, 2f32, (2, 7, 40), &dev).unwrap();
        for rows in [1, 7] {
            let scale = Tensor::randn(0f32, 1f32, (2, rows, 40), &dev).unwrap();
            let shift = Tensor::randn(0f32, 1f32, (2, rows, 40), &dev).unwrap();
            let got = layer_norm(&x, 1e-6, Affine::Modulated { scale: &scale, shift: &shift }).unwrap().unwrap();
            let mean = x.mean_keepdim(D::Minus1).unwrap();
            let c = x.broadcast_sub(&mean).unwrap();
            let var = c.sqr().unwrap().mean_keepdim(D::Minus1).unwrap();
            let n = c.broadcast_div(&(var + 1e-6).unwrap().sqrt().unwrap()).unwrap();
            let want = n.broadcast_mul(&(scale + 1.0).unwrap()).unwrap().broadcast_add(&shift).unwrap();
            close(&got, &want, 1e-5);
        }
    }

    #[test]
    fn channel_rms_matches_the_op_chain() {
        let dev = Device::Cpu;
        let x = Tensor::randn(0f32, 1f32, (2, 5, 3, 17, 31), &dev).unwrap();
        let gamma = Tensor::randn(0f32, 1f32, 5, &dev).unwrap();
        let norm = x.sqr().unwrap().sum_keepdim(1).unwrap().sqrt().unwrap().maximum(1e-12).unwrap();
        let want = (x.broadcast_div(&norm).unwrap() * 5f64.sqrt())
            .unwrap()
            .broadcast_mul(&gamma.reshape((1, 5, 1, 1, 1)).unwrap())
            .unwrap();
        close(&channel_rms(&x, &gamma, false).unwrap().unwrap(), &want, 1e-5);
        close(&channel_rms(&x, &gamma, true).unwrap().unwrap(), &want.silu().unwrap(), 1e-5);
    }
}
