//! x · Wᵀ + b as one gemm: the bias is written into the output first and the product
//! accumulated onto it, so there is no separate broadcast-add pass; an optional activation
//! runs in the same parallel sweep afterwards.
use candle_core::Tensor;
use gemm::Parallelism;
use rayon::prelude::*;

use super::math::{gelu_tanh, map_in_place};
use super::{buffer, tensor, threads, with_f32, with_f32_2};
use crate::error::Result;

#[derive(Clone, Copy)]
pub enum Activation {
    None,
    GeluTanh,
}

/// x [.., K], weight [N, K], bias [N] → [.., N].
pub fn linear(x: &Tensor, weight: &Tensor, bias: Option<&Tensor>, act: Activation) -> Result<Option<Tensor>> {
    let (n, k) = weight.dims2()?;
    let dims = x.dims();
    if dims.last() != Some(&k) {
        return Ok(None);
    }
    let m = x.elem_count() / k;
    let run = |xs: &[f32], w: &[f32], b: Option<&[f32]>| -> Vec<f32> {
        let mut out = buffer(m * n);
        if let Some(b) = b {
            out.par_chunks_mut(n).for_each(|row| row.copy_from_slice(b));
        }
        // SAFETY: out is [m, n], xs [m, k], w [n, k] read as wᵀ [k, n]; all strides in bounds.
        unsafe {
            gemm::gemm(
                m,
                n,
                k,
                out.as_mut_ptr(),
                1,
                n as isize,
                b.is_some(),
                xs.as_ptr(),
                1,
                k as isize,
                w.as_ptr(),
                k as isize,
                1,
                1.0,
                1.0,
                false,
                false,
                false,
                Parallelism::Rayon(threads()),
            );
        }
        if let Activation::GeluTanh = act {
            out.par_chunks_mut(1 << 14).for_each(|c| map_in_place(c, gelu_tanh));
        }
        out
    };
    let out = match bias {
        Some(bias) => with_f32(x, |xs| with_f32_2(weight, bias, |w, b| run(xs, w, Some(b)))).flatten(),
        None => with_f32_2(x, weight, |xs, w| run(xs, w, None)),
    };
    let mut shape = dims.to_vec();
    *shape.last_mut().expect("rank ≥ 1") = n;
    out.map(|o| tensor(o, shape)).transpose()
}

#[cfg(test)]
mod tests {
    use candle_core::{Device, Module};

    use super::*;

    #[test]
    fn matches_candle_linear_with_and_without_gelu() {
        let dev = Device::Cpu;
        let x = Tensor::randn(0f32, 1f32, (2, 9, 24), &dev).unwrap();
        let w = Tensor::randn(0f32, 1f32, (17, 24), &dev).unwrap();
        let b = Tensor::randn(0f32, 1f32, 17, &dev).unwrap();
        let want = candle_nn::Linear::new(w.clone(), Some(b.clone())).forward(&x).unwrap();
        let got = linear(&x, &w, Some(&b), Activation::None).unwrap().unwrap();
        let diff = |a: &Tensor, b: &Tensor| {
            (a - b).unwrap().abs().unwrap().flatten_all().unwrap().max(0).unwrap().to_scalar::<f32>().unwrap()
        };
        assert!(diff(&got, &want) < 1e-4);
        let got = linear(&x, &w, Some(&b), Activation::GeluTanh).unwrap().unwrap();
        assert!(diff(&got, &want.gelu().unwrap()) < 1e-4);
        let got = linear(&x, &w, None, Activation::None).unwrap().unwrap();
        assert!(diff(&got, &x.broadcast_matmul(&w.t().unwrap()).unwrap()) < 1e-4);
    }
}
