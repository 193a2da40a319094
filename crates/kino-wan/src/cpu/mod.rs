//! Fused CPU kernels for f32 tensors. candle runs most CPU element-wise ops on one thread, one
//! op (and one fresh buffer) at a time; a Wan block is a chain of such ops around a few
//! matmuls, so on CPU they took about half the time. These kernels do each chain in one
//! parallel pass, call `gemm` with the strides the data already has instead of copying to
//! a contiguous layout first, and build convolution columns tile by tile in cache.
//!
//! Every entry point returns `None` when its inputs are not contiguous f32 tensors on the CPU;
//! callers then run the generic candle ops, which is what CUDA and bf16 use.
pub mod attention;
pub mod conv;
pub mod linear;
pub mod math;
pub mod norm;

use candle_core::{DType, Device, Shape, Storage, Tensor};

use crate::error::Result;

/// Whether every tensor is an f32 tensor on the CPU (contiguity is checked on access).
pub fn applies(tensors: &[&Tensor]) -> bool {
    tensors.iter().all(|t| matches!(t.device(), Device::Cpu) && t.dtype() == DType::F32)
}

/// Runs `f` on the values of a contiguous f32 CPU tensor; `None` for any other tensor.
pub fn with_f32<R>(t: &Tensor, f: impl FnOnce(&[f32]) -> R) -> Option<R> {
    let (storage, layout) = t.storage_and_layout();
    let Storage::Cpu(cpu) = &*storage else { return None };
    let all = cpu.as_slice::<f32>().ok()?;
    let (start, end) = layout.contiguous_offsets()?;
    Some(f(&all[start..end]))
}

/// The same for two tensors at once.
pub fn with_f32_2<R>(a: &Tensor, b: &Tensor, f: impl FnOnce(&[f32], &[f32]) -> R) -> Option<R> {
    with_f32(a, |a| with_f32(b, |b| f(a, b))).flatten()
}

/// A CPU tensor owning `data`.
pub fn tensor(data: Vec<f32>, shape: impl Into<Shape>) -> Result<Tensor> {
    Ok(Tensor::from_vec(data, shape.into(), &Device::Cpu)?)
}

/// A buffer the kernel overwrites whole. Zeroed: large ones come from fresh zero pages.
pub fn buffer(len: usize) -> Vec<f32> {
    vec![0f32; len]
}

/// A per-row parameter of a [B, L, dim] activation: one row for everything ([dim] or
/// [1, 1, dim]), one per batch item ([B, 1, dim]) or one per token ([B, L, dim]).
#[derive(Clone, Copy)]
pub struct RowParam<'a> {
    pub values: &'a [f32],
    /// Rows of the activation per row of `values`.
    pub rows_per: usize,
}

impl<'a> RowParam<'a> {
    /// `values` holds `values.len() / dim` rows for `rows` activation rows.
    pub fn new(values: &'a [f32], dim: usize, rows: usize, tokens: usize) -> Option<Self> {
        let n = values.len() / dim;
        let rows_per = if n == 1 {
            rows
        } else if n * tokens == rows {
            tokens
        } else if n == rows {
            1
        } else {
            return None;
        };
        Some(Self { values, rows_per })
    }

    #[inline]
    pub fn row(&self, r: usize, dim: usize) -> &'a [f32] {
        let i = r / self.rows_per;
        &self.values[i * dim..(i + 1) * dim]
    }
}

/// Raw pointer that may cross threads: each task writes its own disjoint part.
#[derive(Clone, Copy)]
pub struct SendPtr(pub *mut f32);
// SAFETY: users only write disjoint regions from different tasks and join before reading.
unsafe impl Send for SendPtr {}
// SAFETY: as above.
unsafe impl Sync for SendPtr {}

impl SendPtr {
    /// The pointer `offset` elements on. A method, so that closures capture the whole
    /// `SendPtr` rather than its raw-pointer field.
    pub fn at(self, offset: usize) -> *mut f32 {
        self.0.wrapping_add(offset)
    }
}

/// Threads the kernels split their work over (candle's and rayon's count).
pub fn threads() -> usize {
    candle_core::utils::get_num_threads().max(1)
}
