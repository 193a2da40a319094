//! One Wan denoising step (cond + uncond transformer forwards) and one VAE decode at a
//! mid-size random config (hidden 512, 8 layers, 17 frames at 256x256), in Kino (candle)
//! and in diffusers (PyTorch) on the same CPU in the same run, on the same weights.
use std::path::Path;
use std::time::Instant;

use kino_wan::candle_core::{DType, Device, Tensor};
use kino_wan::load::{read_json, var_builder};
use kino_wan::transformer::WanTransformer;
use kino_wan::vae::WanVae;

fn best(runs: usize, mut f: impl FnMut() -> anyhow::Result<()>) -> anyhow::Result<f64> {
    f()?;
    let mut best = f64::INFINITY;
    for _ in 0..runs {
        let start = Instant::now();
        f()?;
        best = best.min(start.elapsed().as_secs_f64());
    }
    Ok(best)
}

fn peak_rss_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse::<f64>().ok())
        })
        .map_or(0.0, |kib| kib / 1024.0)
}

pub fn run(python: &Path, dir: &Path, runs: usize, only: Option<&str>) -> anyhow::Result<()> {
    if let Some(part) = only {
        return profile(dir, runs, part);
    }
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("wan/reference.py");
    println!("diffusers reference ({}) ...", python.display());
    let out = std::process::Command::new(python).arg(&script).arg(dir).arg(runs.to_string()).output()?;
    anyhow::ensure!(out.status.success(), "reference.py failed: {}", String::from_utf8_lossy(&out.stderr));
    let line = String::from_utf8_lossy(&out.stdout).lines().last().unwrap_or_default().to_string();
    let reference: serde_json::Value = serde_json::from_str(&line)?;

    let device = Device::Cpu;
    let tdir = dir.join("transformer");
    let transformer = WanTransformer::new(
        read_json(&tdir.join("config.json"))?,
        var_builder(&tdir, "diffusion_pytorch_model", DType::F32, &device)?,
    )?;
    let vdir = dir.join("vae");
    let vae = WanVae::new(
        read_json(&vdir.join("config.json"))?,
        var_builder(&vdir, "diffusion_pytorch_model", DType::F32, &device)?,
    )?;
    let latents = Tensor::randn(0f32, 1f32, (1, 16, 5, 32, 32), &device)?;
    let text = Tensor::randn(0f32, 1f32, (1, 512, 512), &device)?;
    let neg = Tensor::randn(0f32, 1f32, (1, 512, 512), &device)?;
    let step = best(runs, || {
        transformer.forward(&latents, &[500.0], false, &text)?;
        transformer.forward(&latents, &[500.0], false, &neg)?;
        Ok(())
    })?;
    let decode = best(runs, || {
        vae.decode(&latents)?;
        Ok(())
    })?;
    let (rs, rd) =
        (reference["step_s"].as_f64().unwrap_or(f64::NAN), reference["decode_s"].as_f64().unwrap_or(f64::NAN));
    println!(
        "\ntorch {} ({} threads), best of {runs}",
        reference["torch"].as_str().unwrap_or("?"),
        reference["threads"]
    );
    println!("| | Kino (candle) s | diffusers (PyTorch) s | Kino / PyTorch |");
    println!("|---|---:|---:|---:|");
    println!("| denoising step (2 forwards, 1280 tokens) | {step:.3} | {rs:.3} | {:.2} |", step / rs);
    println!("| VAE decode, 5 latent frames → 17 x 256x256 | {decode:.3} | {rd:.3} | {:.2} |", decode / rd);
    println!(
        "| peak RSS MiB | {:.0} | {:.0} | |",
        peak_rss_mib(),
        reference["peak_rss_mib"].as_f64().unwrap_or(f64::NAN)
    );
    Ok(())
}

/// One forward of Wan 2.1 T2V 1.3B's real architecture (zero weights: the work does not
/// depend on the values) on 17 frames at 256x256, 1,280 tokens: the base for the README's
/// per-step times.
fn real_1_3b(runs: usize) -> anyhow::Result<()> {
    let device = Device::Cpu;
    let config: kino_wan::transformer::TransformerConfig = serde_json::from_value(serde_json::json!({
        "patch_size": [1, 2, 2], "num_attention_heads": 12, "attention_head_dim": 128, "in_channels": 16,
        "out_channels": 16, "text_dim": 4096, "freq_dim": 256, "ffn_dim": 8960, "num_layers": 30,
        "cross_attn_norm": true, "qk_norm": "rms_norm_across_heads", "eps": 1e-6, "rope_max_seq_len": 1024
    }))?;
    let t = WanTransformer::new(config, kino_wan::candle_nn::VarBuilder::zeros(DType::F32, &device))?;
    let latents = Tensor::randn(0f32, 1f32, (1, 16, 5, 32, 32), &device)?;
    let text = Tensor::randn(0f32, 1f32, (1, 512, 4096), &device)?;
    let secs = best(runs, || {
        t.forward(&latents, &[500.0], false, &text)?;
        Ok(())
    })?;
    println!(
        "Wan 2.1 T2V 1.3B, one forward, 1,280 tokens: {secs:.2} s (best of {runs}); peak RSS {:.0} MiB",
        peak_rss_mib()
    );
    Ok(())
}

/// One part alone on an existing checkpoint (no reference run): for profiling.
fn profile(dir: &Path, runs: usize, part: &str) -> anyhow::Result<()> {
    if part == "t2v-1.3b" {
        return real_1_3b(runs);
    }
    let device = Device::Cpu;
    let latents = Tensor::randn(0f32, 1f32, (1, 16, 5, 32, 32), &device)?;
    let start = Instant::now();
    if part == "step" {
        let tdir = dir.join("transformer");
        let t = WanTransformer::new(
            read_json(&tdir.join("config.json"))?,
            var_builder(&tdir, "diffusion_pytorch_model", DType::F32, &device)?,
        )?;
        let text = Tensor::randn(0f32, 1f32, (1, 512, 512), &device)?;
        for _ in 0..runs {
            t.forward(&latents, &[500.0], false, &text)?;
        }
    } else {
        let vdir = dir.join("vae");
        let v = WanVae::new(
            read_json(&vdir.join("config.json"))?,
            var_builder(&vdir, "diffusion_pytorch_model", DType::F32, &device)?,
        )?;
        let small = latents.narrow(2, 0, 2)?;
        for _ in 0..runs {
            v.decode(&small)?;
        }
    }
    println!("{part}: {:.3} s per run", start.elapsed().as_secs_f64() / runs as f64);
    Ok(())
}
