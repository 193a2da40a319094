//! Element-wise math that vectorises: exp by range reduction and a polynomial (Cephes'
//! expf, relative error about 2e-7), and the activations built on it. libm's expf is a call
//! per element; these compile to AVX2/FMA code when the CPU has it (detected at run time,
//! since release builds target baseline x86-64).
use rayon::prelude::*;

const LOG2E: f32 = std::f32::consts::LOG2_E;
/// 1.5 x 2^23: adding it rounds to the nearest integer and leaves that integer in the low bits.
const ROUND: f32 = 12_582_912.0;

/// e^x for x in [-87, 88]; clamped outside (e^-87 ≈ 1.6e-38 stands in for 0).
#[inline(always)]
pub fn exp(x: f32) -> f32 {
    let x = x.clamp(-87.0, 88.0);
    let t = x * LOG2E + ROUND;
    let k = (t.to_bits() as i32).wrapping_sub(ROUND.to_bits() as i32);
    let n = t - ROUND;
    // r = x - n ln2, with ln2 split so that n * C1 is exact.
    let r = x - n * 0.693_359_4 + n * 2.121_944_4e-4;
    let mut p = 1.987_569_1e-4f32;
    p = p * r + 1.398_2e-3;
    p = p * r + 8.333_452e-3;
    p = p * r + 4.166_579_6e-2;
    p = p * r + 0.166_666_65;
    p = p * r + 0.5;
    let er = p * r * r + r + 1.0;
    er * f32::from_bits(((k + 127) << 23) as u32)
}

/// x · sigmoid(x).
#[inline(always)]
pub fn silu(x: f32) -> f32 {
    x / (1.0 + exp(-x))
}

/// GELU, tanh approximation: 0.5 x (1 + tanh(u)) = x · sigmoid(2u), u = √(2/π)(x + 0.044715 x³).
#[inline(always)]
pub fn gelu_tanh(x: f32) -> f32 {
    const C: f32 = 0.797_884_6; // √(2/π)
    let u = C * (x + 0.044_715 * x * x * x);
    x / (1.0 + exp(-2.0 * u))
}

/// Defines `$name(args)` that runs `$body` compiled for AVX2 + FMA when the CPU has them,
/// and as plain code otherwise. The body's helpers must be `#[inline(always)]`.
macro_rules! simd_fn {
    ($(#[$m:meta])* $vis:vis fn $name:ident$(<$($g:ident: $b:path),*>)?($($arg:ident: $ty:ty),* $(,)?) $body:block) => {
        $(#[$m])*
        #[allow(clippy::too_many_arguments)]
        $vis fn $name$(<$($g: $b),*>)?($($arg: $ty),*) {
            #[cfg(target_arch = "x86_64")]
            {
                #[target_feature(enable = "avx2,fma")]
                #[allow(clippy::too_many_arguments)]
                fn wide$(<$($g: $b),*>)?($($arg: $ty),*) $body
                if std::is_x86_feature_detected!("avx2") && std::is_x86_feature_detected!("fma") {
                    // SAFETY: both features were just detected on this CPU.
                    return unsafe { wide($($arg),*) };
                }
            }
            $body
        }
    };
}
pub(crate) use simd_fn;

simd_fn! {
    /// `f` over `xs` in place, on this thread.
    pub fn map_in_place<F: Fn(f32) -> f32>(xs: &mut [f32], f: F) {
        for x in xs.iter_mut() {
            *x = f(*x);
        }
    }
}

/// `f` over `xs` in place, split over the thread pool.
pub fn par_map_in_place(xs: &mut [f32], f: impl Fn(f32) -> f32 + Sync + Send + Copy) {
    const CHUNK: usize = 1 << 14;
    if xs.len() <= CHUNK {
        map_in_place(xs, f);
    } else {
        xs.par_chunks_mut(CHUNK).for_each(|c| map_in_place(c, f));
    }
}

/// Sum with eight independent accumulators, so that it vectorises.
#[inline(always)]
pub fn sum(xs: &[f32]) -> f32 {
    let mut acc = [0f32; 8];
    let chunks = xs.chunks_exact(8);
    let rest = chunks.remainder();
    for c in chunks {
        for i in 0..8 {
            acc[i] += c[i];
        }
    }
    acc.iter().sum::<f32>() + rest.iter().sum::<f32>()
}

/// Sum of squares of `x - centre`, vectorised the same way.
#[inline(always)]
pub fn sum_sq(xs: &[f32], centre: f32) -> f32 {
    let mut acc = [0f32; 8];
    let chunks = xs.chunks_exact(8);
    let rest = chunks.remainder();
    for c in chunks {
        for i in 0..8 {
            let d = c[i] - centre;
            acc[i] += d * d;
        }
    }
    acc.iter().sum::<f32>() + rest.iter().map(|x| (x - centre) * (x - centre)).sum::<f32>()
}

/// Largest value (NaN-blind), vectorised.
#[inline(always)]
pub fn max(xs: &[f32]) -> f32 {
    let mut acc = [f32::NEG_INFINITY; 8];
    let chunks = xs.chunks_exact(8);
    let rest = chunks.remainder();
    for c in chunks {
        for i in 0..8 {
            acc[i] = if c[i] > acc[i] { c[i] } else { acc[i] };
        }
    }
    acc.iter().chain(rest).fold(f32::NEG_INFINITY, |m, &x| if x > m { x } else { m })
}

simd_fn! {
    /// Softmax of one row in place: max, then exp, then scale by the sum.
    pub fn softmax_in_place(row: &mut [f32]) {
        let max = max(row);
        for x in row.iter_mut() {
            *x = exp(*x - max);
        }
        let inv = 1.0 / sum(row);
        for x in row.iter_mut() {
            *x *= inv;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exp_is_within_a_few_ulps_of_libm() {
        let mut worst = 0f64;
        let mut x = -87.0f32;
        while x < 88.0 {
            let want = (x as f64).exp();
            let got = exp(x) as f64;
            worst = worst.max(((got - want) / want).abs());
            x += 0.0137;
        }
        assert!(worst < 5e-7, "relative error {worst}");
        assert!(exp(-1000.0) < 1e-37);
        assert!(exp(0.0) == 1.0);
    }

    #[test]
    fn activations_match_their_definitions() {
        for i in -400..400 {
            let x = i as f32 * 0.025;
            let xd = x as f64;
            let silu_want = xd / (1.0 + (-xd).exp());
            let u = (2.0 / std::f64::consts::PI).sqrt() * (xd + 0.044715 * xd.powi(3));
            let gelu_want = 0.5 * xd * (1.0 + u.tanh());
            assert!((silu(x) as f64 - silu_want).abs() < 2e-6, "silu({x})");
            assert!((gelu_tanh(x) as f64 - gelu_want).abs() < 2e-6, "gelu({x})");
        }
    }

    #[test]
    fn softmax_rows_sum_to_one_and_keep_order() {
        let mut row: Vec<f32> = (0..37).map(|i| (i as f32 * 0.37).sin() * 30.0).collect();
        let orig = row.clone();
        softmax_in_place(&mut row);
        let sum: f32 = row.iter().sum();
        assert!((sum - 1.0).abs() < 1e-5);
        let max = orig.iter().cloned().fold(f32::NEG_INFINITY, f32::max);
        let denom: f64 = orig.iter().map(|&v| ((v - max) as f64).exp()).sum();
        for (o, s) in orig.iter().zip(&row) {
            assert!(((((o - max) as f64).exp() / denom) - *s as f64).abs() < 1e-6);
        }
    }
}
