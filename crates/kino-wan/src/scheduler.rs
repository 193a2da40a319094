//! The scheduler Wan's diffusers pipelines ship: `UniPCMultistepScheduler` on flow-matching
//! sigmas (`use_flow_sigmas`, `prediction_type = "flow_prediction"`, B(h) = expm1 — "bh2"),
//! predicting x0 with a second-order predictor and a UniC corrector, dropping to first order
//! on the last step. Step by step as diffusers computes it, so a fixed noise and model give
//! the same latents.
use candle_core::Tensor;
use serde::Deserialize;

use crate::error::{Result, WanError};

#[derive(Debug, Clone, Deserialize)]
pub struct SchedulerConfig {
    #[serde(default = "default_train_steps")]
    pub num_train_timesteps: usize,
    #[serde(default = "default_shift")]
    pub flow_shift: f64,
    #[serde(default = "default_order")]
    pub solver_order: usize,
    #[serde(default = "yes")]
    pub lower_order_final: bool,
    #[serde(default)]
    pub disable_corrector: Vec<usize>,
    #[serde(default = "default_final_sigmas")]
    pub final_sigmas_type: String,
    #[serde(default = "default_prediction")]
    pub prediction_type: String,
    #[serde(default)]
    pub use_flow_sigmas: bool,
    #[serde(default = "default_solver_type")]
    pub solver_type: String,
    #[serde(default = "yes")]
    pub predict_x0: bool,
}

fn default_train_steps() -> usize {
    1000
}
fn default_shift() -> f64 {
    1.0
}
fn default_order() -> usize {
    2
}
fn yes() -> bool {
    true
}
fn default_final_sigmas() -> String {
    "zero".into()
}
fn default_prediction() -> String {
    "flow_prediction".into()
}
fn default_solver_type() -> String {
    "bh2".into()
}

impl SchedulerConfig {
    pub fn from_file(path: &std::path::Path) -> Result<Self> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| WanError::Load { path: path.display().to_string(), reason: e.to_string() })?;
        let config: Self = serde_json::from_str(&text)
            .map_err(|e| WanError::Config { path: path.display().to_string(), reason: e.to_string() })?;
        let unsupported = |what: String| {
            Err(WanError::Config { path: path.display().to_string(), reason: format!("unsupported: {what}") })
        };
        if !config.use_flow_sigmas || config.prediction_type != "flow_prediction" {
            return unsupported("only flow-matching sigmas with flow_prediction (Wan's scheduler)".into());
        }
        if config.solver_type != "bh2" && config.solver_type != "bh1" {
            return unsupported(format!("solver_type {}", config.solver_type));
        }
        if !config.predict_x0 || !(1..=3).contains(&config.solver_order) {
            return unsupported("predict_x0 = false or solver_order outside 1..=3".into());
        }
        Ok(config)
    }
}

pub struct UniPc {
    config: SchedulerConfig,
    /// Integer timesteps handed to the transformer, one per step.
    pub timesteps: Vec<i64>,
    /// Sigmas, one per step plus the final one.
    pub sigmas: Vec<f64>,
    step_index: usize,
    model_outputs: Vec<Option<Tensor>>,
    last_sample: Option<Tensor>,
    lower_order_nums: usize,
    this_order: usize,
}

impl UniPc {
    pub fn new(config: SchedulerConfig, steps: usize) -> Self {
        let n = config.num_train_timesteps as f64;
        let shift = config.flow_shift;
        // sigmas = linspace(1, 1/N, steps + 1)[:-1] (numpy's arithmetic: i * delta + start),
        // shifted; a first sigma of 1 is nudged below it so log(alpha) stays finite.
        let delta = (1.0 / n - 1.0) / steps as f64;
        let mut sigmas: Vec<f64> = (0..steps)
            .map(|i| {
                let s = i as f64 * delta + 1.0;
                shift * s / (1.0 + (shift - 1.0) * s)
            })
            .collect();
        if let Some(first) = sigmas.first_mut()
            && (*first - 1.0).abs() < 1e-6
        {
            *first -= 1e-6;
        }
        let sigmas32: Vec<f64> = sigmas.iter().map(|&s| f64::from(s as f32)).collect();
        let timesteps = sigmas.iter().map(|&s| (s * n) as i64).collect();
        let last = if config.final_sigmas_type == "sigma_min" { *sigmas32.last().unwrap_or(&0.0) } else { 0.0 };
        let mut all = sigmas32;
        all.push(last);
        let order = config.solver_order;
        Self {
            config,
            timesteps,
            sigmas: all,
            step_index: 0,
            model_outputs: vec![None; order],
            last_sample: None,
            lower_order_nums: 0,
            this_order: 0,
        }
    }

    fn lambda(sigma: f64) -> (f64, f64, f64) {
        let (alpha, sigma) = (1.0 - sigma, sigma);
        (alpha, sigma, alpha.ln() - sigma.ln())
    }

    /// The coefficients for order `order`: R's rows are rks^(i-1), b from the phi functions.
    fn coefficients(&self, h: f64, rks: &[f64], order: usize) -> (f64, f64, Vec<Vec<f64>>, Vec<f64>) {
        let hh = if self.config.predict_x0 { -h } else { h };
        let h_phi_1 = hh.exp_m1();
        let mut h_phi_k = h_phi_1 / hh - 1.0;
        let mut factorial = 1.0;
        let b_h = if self.config.solver_type == "bh1" { hh } else { hh.exp_m1() };
        let mut r = Vec::new();
        let mut b = Vec::new();
        for i in 1..=order {
            r.push(rks.iter().map(|k| k.powi(i as i32 - 1)).collect());
            b.push(h_phi_k * factorial / b_h);
            factorial *= (i + 1) as f64;
            h_phi_k = h_phi_k / hh - 1.0 / factorial;
        }
        (h_phi_1, b_h, r, b)
    }

    /// One denoising step: the model's flow prediction at `sample` → the next sample.
    pub fn step(&mut self, model_output: &Tensor, sample: &Tensor) -> Result<Tensor> {
        let i = self.step_index;
        if i >= self.timesteps.len() {
            return Err(WanError::Config { path: "scheduler".into(), reason: "stepped past the last timestep".into() });
        }
        // x0 = sample - sigma * v
        let x0 = (sample - model_output.affine(self.sigmas[i], 0.0)?)?;
        let use_corrector = i > 0 && !self.config.disable_corrector.contains(&(i - 1)) && self.last_sample.is_some();
        let sample = if use_corrector {
            self.corrector(&x0, self.last_sample.as_ref().expect("checked"), self.this_order)?
        } else {
            sample.clone()
        };
        self.model_outputs.rotate_left(1);
        *self.model_outputs.last_mut().expect("order >= 1") = Some(x0);
        let order = self.config.solver_order;
        let this_order = if self.config.lower_order_final { order.min(self.timesteps.len() - i) } else { order };
        self.this_order = this_order.min(self.lower_order_nums + 1);
        self.last_sample = Some(sample.clone());
        let prev = self.predictor(&sample, self.this_order)?;
        if self.lower_order_nums < order {
            self.lower_order_nums += 1;
        }
        self.step_index += 1;
        Ok(prev)
    }

    fn output(&self, back: usize) -> &Tensor {
        self.model_outputs[self.model_outputs.len() - 1 - back].as_ref().expect("earlier outputs exist for this order")
    }

    fn predictor(&self, x: &Tensor, order: usize) -> Result<Tensor> {
        let i = self.step_index;
        let m0 = self.output(0);
        let (alpha_t, sigma_t, lambda_t) = Self::lambda(self.sigmas[i + 1]);
        let (_, sigma_s0, lambda_s0) = Self::lambda(self.sigmas[i]);
        let h = lambda_t - lambda_s0;
        let mut rks = Vec::new();
        let mut d1s = Vec::new();
        for k in 1..order {
            let (_, _, lambda_si) = Self::lambda(self.sigmas[i - k]);
            let rk = (lambda_si - lambda_s0) / h;
            rks.push(rk);
            d1s.push(((self.output(k) - m0)? / rk)?);
        }
        rks.push(1.0);
        let (h_phi_1, b_h, r, b) = self.coefficients(h, &rks, order);
        let mut x_t = (x.affine(sigma_t / sigma_s0, 0.0)? - m0.affine(alpha_t * h_phi_1, 0.0)?)?;
        if !d1s.is_empty() {
            let rhos = if order == 2 { vec![0.5] } else { solve(&minor(&r), &b[..b.len() - 1]) };
            let mut res = d1s[0].affine(rhos[0], 0.0)?;
            for (d, rho) in d1s.iter().zip(&rhos).skip(1) {
                res = (res + d.affine(*rho, 0.0)?)?;
            }
            x_t = (x_t - res.affine(alpha_t * b_h, 0.0)?)?;
        }
        Ok(x_t)
    }

    fn corrector(&self, model_t: &Tensor, last_sample: &Tensor, order: usize) -> Result<Tensor> {
        let i = self.step_index;
        let m0 = self.output(0);
        let (alpha_t, sigma_t, lambda_t) = Self::lambda(self.sigmas[i]);
        let (_, sigma_s0, lambda_s0) = Self::lambda(self.sigmas[i - 1]);
        let h = lambda_t - lambda_s0;
        let mut rks = Vec::new();
        let mut d1s = Vec::new();
        for k in 1..order {
            let (_, _, lambda_si) = Self::lambda(self.sigmas[i - (k + 1)]);
            let rk = (lambda_si - lambda_s0) / h;
            rks.push(rk);
            d1s.push(((self.output(k) - m0)? / rk)?);
        }
        rks.push(1.0);
        let (h_phi_1, b_h, r, b) = self.coefficients(h, &rks, order);
        let rhos = if order == 1 { vec![0.5] } else { solve(&r, &b) };
        let x_t_ = (last_sample.affine(sigma_t / sigma_s0, 0.0)? - m0.affine(alpha_t * h_phi_1, 0.0)?)?;
        let mut res = (model_t - m0)?.affine(*rhos.last().expect("one rho at least"), 0.0)?;
        for (d, rho) in d1s.iter().zip(&rhos) {
            res = (res + d.affine(*rho, 0.0)?)?;
        }
        Ok((x_t_ - res.affine(alpha_t * b_h, 0.0)?)?)
    }
}

/// R without its last row and column.
fn minor(r: &[Vec<f64>]) -> Vec<Vec<f64>> {
    r[..r.len() - 1].iter().map(|row| row[..row.len() - 1].to_vec()).collect()
}

/// Solve the small square system `a x = b` (Gaussian elimination with partial pivoting).
#[allow(clippy::needless_range_loop, reason = "rows `row` and `col` of one matrix are read and written in step")]
fn solve(a: &[Vec<f64>], b: &[f64]) -> Vec<f64> {
    let n = b.len();
    let mut m: Vec<Vec<f64>> = a.iter().zip(b).map(|(row, &v)| row.iter().copied().chain([v]).collect()).collect();
    for col in 0..n {
        let pivot = (col..n).max_by(|&x, &y| m[x][col].abs().total_cmp(&m[y][col].abs())).unwrap_or(col);
        m.swap(col, pivot);
        for row in col + 1..n {
            let f = m[row][col] / m[col][col];
            for k in col..=n {
                m[row][k] -= f * m[col][k];
            }
        }
    }
    let mut x = vec![0.0; n];
    for row in (0..n).rev() {
        let s: f64 = (row + 1..n).map(|k| m[row][k] * x[k]).sum();
        x[row] = (m[row][n] - s) / m[row][row];
    }
    x
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn solves_small_systems() {
        let x = solve(&[vec![2.0, 1.0], vec![1.0, 3.0]], &[3.0, 5.0]);
        assert!((x[0] - 0.8).abs() < 1e-12 && (x[1] - 1.4).abs() < 1e-12, "{x:?}");
    }
}
