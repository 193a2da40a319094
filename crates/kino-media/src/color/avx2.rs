//! RGBA→I420 rows with AVX2 intrinsics, byte-identical to the portable rows in `mod.rs`:
//! the same integer maths (8.8 fixed point, the same rounding) in wider lanes, 32 outputs
//! per step, and the portable code for the tail of each row. What the compiler made of the
//! portable code spent ~7 instructions a pixel; this spends about 2.
//!
//! Why exactness holds: every intermediate of the portable code fits the lanes used here
//! (luma ≤ 220·255 + 128, |chroma| ≤ 224·255 + 128, both well inside i32), and arithmetic
//! shifts of in-range values agree between i16 and i32.

use std::arch::x86_64::*;

use super::{CB_B8, CB_G8, CB_R8, CR_B8, CR_G8, CR_R8, ChromaRow, Y_B8, Y_G8, Y_R8};

/// Bytes of RGBA per 32 pixels.
const STEP: usize = 32 * 4;

/// Luma of one row: 32 pixels a step, the rest by the portable row.
///
/// # Safety
/// The CPU must support AVX2.
#[target_feature(enable = "avx2")]
pub(super) unsafe fn luma_row(y_row: &mut [u8], px_row: &[u8]) {
    let n = y_row.len().min(px_row.len() / 4);
    let whole = n / 32 * 32;
    let coef = coefficients(Y_R8 as i16, Y_G8 as i16, Y_B8 as i16);
    for (out, px) in y_row[..whole].chunks_exact_mut(32).zip(px_row.chunks_exact(STEP)) {
        // SAFETY: `px` holds 128 bytes (four unaligned 32-byte loads), `out` 32.
        unsafe {
            let p = px.as_ptr().cast::<__m256i>();
            let y = [
                luma8(_mm256_loadu_si256(p), coef),
                luma8(_mm256_loadu_si256(p.add(1)), coef),
                luma8(_mm256_loadu_si256(p.add(2)), coef),
                luma8(_mm256_loadu_si256(p.add(3)), coef),
            ];
            _mm256_storeu_si256(out.as_mut_ptr().cast(), pack32(y));
        }
    }
    super::luma_row(&mut y_row[whole..n], &px_row[whole * 4..n * 4]);
}

/// Luma of 8 RGBA pixels as 8 i32 lanes, in pixel order: ((47r + 157g + 16b + 128) >> 8) + 16.
#[target_feature(enable = "avx2")]
fn luma8(px: __m256i, coef: __m256i) -> __m256i {
    let zero = _mm256_setzero_si256();
    // Per 128-bit lane: pixels 0,1 (lo) and 2,3 (hi) as 16-bit r g b a.
    let lo = _mm256_madd_epi16(_mm256_unpacklo_epi8(px, zero), coef);
    let hi = _mm256_madd_epi16(_mm256_unpackhi_epi8(px, zero), coef);
    // madd left (47r + 157g, 16b) per pixel; hadd sums each pair, pixels stay in order.
    let sum = _mm256_hadd_epi32(lo, hi);
    let y = _mm256_srai_epi32::<8>(_mm256_add_epi32(sum, _mm256_set1_epi32(128)));
    _mm256_add_epi32(y, _mm256_set1_epi32(16))
}

/// Four vectors of 8 i32 in 0..=255, in order, to 32 bytes in order.
#[target_feature(enable = "avx2")]
fn pack32(v: [__m256i; 4]) -> __m256i {
    // packs works per 128-bit lane: dwords come out as 0-3, 8-11, 16-19, 24-27 | 4-7, …
    let a = _mm256_packs_epi32(v[0], v[1]);
    let b = _mm256_packs_epi32(v[2], v[3]);
    let bytes = _mm256_packus_epi16(a, b);
    _mm256_permutevar8x32_epi32(bytes, _mm256_setr_epi32(0, 4, 1, 5, 2, 6, 3, 7))
}

/// One row of chroma: 32 samples (64 pixels of two rows) a step, the rest by the portable row.
///
/// # Safety
/// The CPU must support AVX2.
#[target_feature(enable = "avx2")]
pub(super) unsafe fn chroma_row(row: ChromaRow<'_>) {
    let ChromaRow { u, v, top, bottom } = row;
    let n = u.len().min(v.len()).min(top.len() / 8).min(bottom.len() / 8);
    let whole = n / 32 * 32;
    let cu = coefficients(CB_R8, CB_G8, CB_B8);
    let cv = coefficients(CR_R8, CR_G8, CR_B8);
    for step in 0..whole / 32 {
        let (px, out) = (step * 2 * STEP, step * 32);
        let (mut us, mut vs) = ([_mm256_setzero_si256(); 4], [_mm256_setzero_si256(); 4]);
        for q in 0..4 {
            // SAFETY: 16 pixels from `px + q * 64` lie within both rows (q < 4, step < whole / 32).
            let (a, b) = unsafe {
                let t = top.as_ptr().add(px + q * 64).cast::<__m256i>();
                let bt = bottom.as_ptr().add(px + q * 64).cast::<__m256i>();
                (
                    block_means(_mm256_loadu_si256(t), _mm256_loadu_si256(bt)),
                    block_means(_mm256_loadu_si256(t.add(1)), _mm256_loadu_si256(bt.add(1))),
                )
            };
            us[q] = chroma8(a, b, cu);
            vs[q] = chroma8(a, b, cv);
        }
        // SAFETY: 32 bytes from `out` lie within `u` and `v` (out + 32 <= whole).
        unsafe {
            _mm256_storeu_si256(u.as_mut_ptr().add(out).cast(), pack32(us));
            _mm256_storeu_si256(v.as_mut_ptr().add(out).cast(), pack32(vs));
        }
    }
    super::chroma_row(ChromaRow {
        u: &mut u[whole..n],
        v: &mut v[whole..n],
        top: &top[whole * 8..n * 8],
        bottom: &bottom[whole * 8..n * 8],
    });
}

/// 16-bit lanes of (r, g, b, 0) per pixel, for `madd` against r g b a.
#[target_feature(enable = "avx2")]
fn coefficients(r: i16, g: i16, b: i16) -> __m256i {
    _mm256_setr_epi16(r, g, b, 0, r, g, b, 0, r, g, b, 0, r, g, b, 0)
}

/// The rounded means of the four 2x2 blocks of 8 pixels of two rows, as 16-bit r g b a:
/// per 128-bit lane, blocks 0, 1 (first lane) and 2, 3 (second lane).
#[target_feature(enable = "avx2")]
fn block_means(top: __m256i, bottom: __m256i) -> __m256i {
    let zero = _mm256_setzero_si256();
    // Column sums of pixels 0,1 (lo) and 2,3 (hi) of each lane.
    let lo = _mm256_add_epi16(_mm256_unpacklo_epi8(top, zero), _mm256_unpacklo_epi8(bottom, zero));
    let hi = _mm256_add_epi16(_mm256_unpackhi_epi8(top, zero), _mm256_unpackhi_epi8(bottom, zero));
    // Left columns (pixels 0, 2) plus right columns (pixels 1, 3): the block sums.
    let sum = _mm256_add_epi16(_mm256_unpacklo_epi64(lo, hi), _mm256_unpackhi_epi64(lo, hi));
    _mm256_srli_epi16::<2>(_mm256_add_epi16(sum, _mm256_set1_epi16(2)))
}

/// One chroma plane's values for 8 blocks (`a`: blocks 0-3, `b`: 4-7) as 8 i32 in order:
/// ((cr·r + cg·g + cb·b + 128) >> 8) + 128.
#[target_feature(enable = "avx2")]
fn chroma8(a: __m256i, b: __m256i, coef: __m256i) -> __m256i {
    // Per lane: a's two blocks, then b's two: dwords 0,1,4,5 | 2,3,6,7.
    let sum = _mm256_hadd_epi32(_mm256_madd_epi16(a, coef), _mm256_madd_epi16(b, coef));
    let sum = _mm256_permutevar8x32_epi32(sum, _mm256_setr_epi32(0, 1, 4, 5, 2, 3, 6, 7));
    let c = _mm256_srai_epi32::<8>(_mm256_add_epi32(sum, _mm256_set1_epi32(128)));
    _mm256_add_epi32(c, _mm256_set1_epi32(128))
}
