//! 2D convolution for the VAE on CPU: im2col by whole-row copies, in parallel, then one
//! matmul per image. candle's own CPU conv2d builds its columns element by element on one
//! thread, which was over half of a VAE decode. Other devices use candle's kernels.
use candle_core::{DType, Device, Tensor};
use rayon::prelude::*;

use crate::error::Result;

/// x [N, C, H, W], kernel [O, C, k, k], zero padding `pad` on every side → [N, O, Ho, Wo].
pub fn conv2d(x: &Tensor, kernel: &Tensor, pad: usize, stride: usize) -> Result<Tensor> {
    if !matches!(x.device(), Device::Cpu) || x.dtype() != DType::F32 {
        return Ok(x.conv2d(kernel, pad, stride, 1, 1)?);
    }
    let (n, c, h, w) = x.dims4()?;
    let (o, _, kh, kw) = kernel.dims4()?;
    let ho = (h + 2 * pad - kh) / stride + 1;
    let wo = (w + 2 * pad - kw) / stride + 1;
    let k = c * kh * kw;
    let weight = kernel.reshape((o, k))?.contiguous()?;
    let input = x.contiguous()?.flatten_all()?.to_vec1::<f32>()?;
    let mut outs = Vec::with_capacity(n);
    for b in 0..n {
        let image = &input[b * c * h * w..(b + 1) * c * h * w];
        let cols = if kh == 1 && kw == 1 && pad == 0 && stride == 1 {
            image.to_vec()
        } else {
            let mut cols = vec![0f32; k * ho * wo];
            cols.par_chunks_mut(ho * wo).enumerate().for_each(|(row, out)| {
                let (ci, ky, kx) = (row / (kh * kw), (row / kw) % kh, row % kw);
                let plane = &image[ci * h * w..(ci + 1) * h * w];
                for oy in 0..ho {
                    let iy = (oy * stride + ky) as isize - pad as isize;
                    if iy < 0 || iy >= h as isize {
                        continue;
                    }
                    let src = &plane[iy as usize * w..(iy as usize + 1) * w];
                    let dst = &mut out[oy * wo..(oy + 1) * wo];
                    if stride == 1 {
                        // Output columns whose input column ox + kx - pad lies inside the row.
                        let lo = pad.saturating_sub(kx);
                        let hi = (w + pad - kx).min(wo);
                        if lo < hi {
                            dst[lo..hi].copy_from_slice(&src[lo + kx - pad..hi + kx - pad]);
                        }
                    } else {
                        for (ox, d) in dst.iter_mut().enumerate() {
                            let ix = (ox * stride + kx) as isize - pad as isize;
                            if ix >= 0 && ix < w as isize {
                                *d = src[ix as usize];
                            }
                        }
                    }
                }
            });
            cols
        };
        let cols = Tensor::from_vec(cols, (k, ho * wo), x.device())?;
        outs.push(weight.matmul(&cols)?.reshape((1, o, ho, wo))?);
    }
    Ok(Tensor::cat(&outs, 0)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_candle_for_every_shape_the_vae_uses() {
        let dev = Device::Cpu;
        for (c, o, k, pad, stride, h, w) in [(3, 5, 3, 1, 1, 9, 7), (4, 4, 3, 0, 2, 10, 8), (6, 2, 1, 0, 1, 5, 5), (2, 3, 3, 1, 1, 1, 1)] {
            let x = Tensor::randn(0f32, 1f32, (2, c, h, w), &dev).unwrap();
            let kernel = Tensor::randn(0f32, 1f32, (o, c, k, k), &dev).unwrap();
            let want = x.conv2d(&kernel, pad, stride, 1, 1).unwrap();
            let got = conv2d(&x, &kernel, pad, stride).unwrap();
            assert_eq!(got.dims(), want.dims());
            let diff = (got - want).unwrap().abs().unwrap().flatten_all().unwrap().max(0).unwrap().to_scalar::<f32>().unwrap();
            assert!(diff < 1e-4, "c{c} o{o} k{k} pad{pad} stride{stride}: {diff}");
        }
    }
}
