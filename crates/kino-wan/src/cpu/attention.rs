//! Multi-head attention on CPU, a block of queries per task: scores for the block (one gemm
//! reading the head's columns in place), softmax in cache, then the weighted sum of values
//! written straight into the [B, L, heads x head_dim] output. No per-head transposes, and
//! never the whole [heads, Lq, Lk] score matrix in memory.
use candle_core::Tensor;
use gemm::Parallelism;
use rayon::prelude::*;

use super::math::softmax_in_place;
use super::{SendPtr, buffer, tensor, with_f32, with_f32_2};
use crate::error::Result;

/// Query rows per task: 64 rows of 1,280 keys is 320 KiB of scores, which stays in L2.
const BLOCK: usize = 64;

/// softmax(q kᵀ) v for every head. q [B, Lq, H·D] (already scaled by 1/√D), k and v
/// [B, Lk, H·D]; returns [B, Lq, H·D].
pub fn attention(q: &Tensor, k: &Tensor, v: &Tensor, heads: usize) -> Result<Option<Tensor>> {
    let (b, lq, dim) = q.dims3()?;
    let (bk, lk, dk) = k.dims3()?;
    if bk != b || dk != dim || v.dims() != k.dims() || dim % heads != 0 {
        return Ok(None);
    }
    let d = dim / heads;
    let blocks = lq.div_ceil(BLOCK);
    let out = with_f32(q, |qs| {
        with_f32_2(k, v, |ks, vs| {
            let mut out = buffer(b * lq * dim);
            let dst = SendPtr(out.as_mut_ptr());
            (0..b * heads * blocks).into_par_iter().for_each_init(
                || buffer(BLOCK * lk),
                |scores, task| {
                    let (item, h, blk) = (task / (heads * blocks), (task / blocks) % heads, task % blocks);
                    let q0 = blk * BLOCK;
                    let rows = BLOCK.min(lq - q0);
                    let qp = qs[(item * lq + q0) * dim + h * d..].as_ptr();
                    let kp = ks[item * lk * dim + h * d..].as_ptr();
                    let vp = vs[item * lk * dim + h * d..].as_ptr();
                    let sp = scores.as_mut_ptr();
                    // SAFETY: every (row, column) the strides reach lies inside its slice:
                    // q rows q0..q0+rows, k and v rows 0..lk, columns h·d..(h+1)·d, and the
                    // first rows × lk scores. Output blocks of different tasks are disjoint.
                    unsafe {
                        // scores [rows, lk] = q_blk [rows, d] · k_hᵀ [d, lk]
                        gemm::gemm(
                            rows,
                            lk,
                            d,
                            sp,
                            1,
                            lk as isize,
                            false,
                            qp,
                            1,
                            dim as isize,
                            kp,
                            dim as isize,
                            1,
                            0.0,
                            1.0,
                            false,
                            false,
                            false,
                            Parallelism::None,
                        );
                    }
                    for row in scores[..rows * lk].chunks_exact_mut(lk) {
                        softmax_in_place(row);
                    }
                    // SAFETY: as above; out rows q0..q0+rows of this item, columns of head h.
                    unsafe {
                        let op = dst.at((item * lq + q0) * dim + h * d);
                        gemm::gemm(
                            rows,
                            d,
                            lk,
                            op,
                            1,
                            dim as isize,
                            false,
                            sp,
                            1,
                            lk as isize,
                            vp,
                            1,
                            dim as isize,
                            0.0,
                            1.0,
                            false,
                            false,
                            false,
                            Parallelism::None,
                        );
                    }
                },
            );
            out
        })
    })
    .flatten();
    out.map(|o| tensor(o, (b, lq, dim))).transpose()
}

#[cfg(test)]
mod tests {
    use candle_core::Device;

    use super::*;

    #[test]
    fn matches_softmax_of_scores_per_head() {
        let dev = Device::Cpu;
        let (b, lq, lk, heads, d) = (2, 70, 33, 3, 8);
        let q = Tensor::randn(0f32, 1f32, (b, lq, heads * d), &dev).unwrap();
        let k = Tensor::randn(0f32, 1f32, (b, lk, heads * d), &dev).unwrap();
        let v = Tensor::randn(0f32, 1f32, (b, lk, heads * d), &dev).unwrap();
        let got = attention(&q, &k, &v, heads).unwrap().unwrap();
        let split =
            |t: &Tensor, l: usize| t.reshape((b, l, heads, d)).unwrap().transpose(1, 2).unwrap().contiguous().unwrap();
        let (qh, kh, vh) = (split(&q, lq), split(&k, lk), split(&v, lk));
        let w = candle_nn::ops::softmax_last_dim(&qh.matmul(&kh.t().unwrap()).unwrap()).unwrap();
        let want = w.matmul(&vh).unwrap().transpose(1, 2).unwrap().reshape((b, lq, heads * d)).unwrap();
        let diff =
            (got - want).unwrap().abs().unwrap().flatten_all().unwrap().max(0).unwrap().to_scalar::<f32>().unwrap();
        assert!(diff < 1e-5, "{diff}");
    }
}
