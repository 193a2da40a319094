//! Serving Wan checkpoints: one `--model ID=DIR[,OPTION=VALUE…]` (or a `[[model]]` table of
//! `--models-file`) parsed into a `WanSpec`, loaded at start-up (configs checked, weights
//! memory-mapped) into a model-table entry.
use std::path::PathBuf;
use std::sync::Arc;

use serde::Deserialize;

use super::{ALL_SIZES, Model, SECONDS, Takes};

/// One served Wan model: where its diffusers directory is and how to run it.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct WanSpec {
    pub id: String,
    pub path: PathBuf,
    /// `f32` (default on CPU) or `bf16` (default on CUDA).
    pub dtype: Option<String>,
    /// `cpu` (default) or `cuda`, `cuda:N` (needs a build with `--features cuda`).
    pub device: Option<String>,
    pub steps: Option<usize>,
    pub guidance: Option<f64>,
    pub negative_prompt: Option<String>,
    /// Long side of the working resolution before scaling to the requested size.
    pub long_side: Option<usize>,
    /// Most frames per generation (decides which `seconds` the model serves).
    pub max_frames: Option<usize>,
    pub offload_text_encoder: Option<bool>,
    /// LoRAs a request may choose by name: `NAME:PATH[:SCALE]`, SCALE (default 1) being the
    /// weight when a request names the LoRA without one.
    #[serde(default)]
    pub lora: Vec<String>,
}

/// One `lora=NAME:PATH[:SCALE]`.
#[derive(Debug, Clone, PartialEq)]
pub struct LoraSpec {
    pub name: String,
    pub path: PathBuf,
    pub scale: f32,
}

impl LoraSpec {
    pub fn parse(model: &str, arg: &str) -> anyhow::Result<Self> {
        let mut parts = arg.splitn(3, ':');
        let (name, path) = (parts.next().unwrap_or_default().trim(), parts.next().unwrap_or_default().trim());
        let scale = match parts.next() {
            Some(s) => s.trim().parse::<f32>().map_err(|e| anyhow::anyhow!("model {model}: lora {arg}: scale: {e}"))?,
            None => 1.0,
        };
        anyhow::ensure!(
            !name.is_empty()
                && name.len() <= 64
                && name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')),
            "model {model}: lora {arg}: the name must be 1-64 letters, digits, '-', '_' or '.'"
        );
        anyhow::ensure!(!path.is_empty(), "model {model}: lora {arg}: expected NAME:PATH[:SCALE]");
        anyhow::ensure!(scale.is_finite() && scale.abs() <= 4.0, "model {model}: lora {arg}: scale must be within ±4");
        Ok(Self { name: name.to_string(), path: PathBuf::from(path), scale })
    }
}

impl WanSpec {
    /// `ID=DIR[,key=value…]`.
    pub fn parse(arg: &str) -> anyhow::Result<Self> {
        let (id, rest) =
            arg.split_once('=').ok_or_else(|| anyhow::anyhow!("--model {arg}: expected ID=DIR[,OPTION=VALUE…]"))?;
        let mut parts = rest.split(',');
        let mut spec = WanSpec {
            id: id.trim().to_string(),
            path: PathBuf::from(parts.next().unwrap_or_default()),
            ..WanSpec::default()
        };
        for opt in parts.filter(|p| !p.trim().is_empty()) {
            let (k, v) =
                opt.split_once('=').ok_or_else(|| anyhow::anyhow!("--model {id}: option '{opt}' is not KEY=VALUE"))?;
            let bad = |e: &dyn std::fmt::Display| anyhow::anyhow!("--model {id}: {k}={v}: {e}");
            match k.trim() {
                "dtype" => spec.dtype = Some(v.into()),
                "device" => spec.device = Some(v.into()),
                "steps" => spec.steps = Some(v.parse().map_err(|e| bad(&e))?),
                "guidance" => spec.guidance = Some(v.parse().map_err(|e| bad(&e))?),
                "negative_prompt" => spec.negative_prompt = Some(v.into()),
                "long_side" => spec.long_side = Some(v.parse().map_err(|e| bad(&e))?),
                "max_frames" => spec.max_frames = Some(v.parse().map_err(|e| bad(&e))?),
                "offload_text_encoder" => spec.offload_text_encoder = Some(v.parse().map_err(|e| bad(&e))?),
                "lora" => spec.lora.push(v.trim().to_string()),
                other => anyhow::bail!(
                    "--model {id}: unknown option '{other}' (dtype, device, steps, guidance, negative_prompt, long_side, max_frames, offload_text_encoder, lora)"
                ),
            }
        }
        Ok(spec)
    }

    fn device(&self) -> anyhow::Result<kino_wan::candle_core::Device> {
        match self.device.as_deref().unwrap_or("cpu") {
            "cpu" => Ok(kino_wan::candle_core::Device::Cpu),
            d if d == "cuda" || d.starts_with("cuda:") => {
                let n: usize = d.strip_prefix("cuda:").map_or(Ok(0), str::parse)?;
                kino_wan::candle_core::Device::new_cuda(n).map_err(|e| {
                    anyhow::anyhow!("model {}: device {d}: {e} (CUDA needs a build with `--features cuda`)", self.id)
                })
            }
            other => anyhow::bail!("model {}: device '{other}': use cpu, cuda or cuda:N", self.id),
        }
    }

    /// Load the checkpoint and make its model-table entry.
    pub fn load(&self) -> anyhow::Result<Model> {
        use kino_wan::candle_core::DType;
        let device = self.device()?;
        let dtype = match self.dtype.as_deref() {
            None if device.is_cpu() => DType::F32,
            None | Some("bf16") => DType::BF16,
            Some("f32") => DType::F32,
            Some(other) => anyhow::bail!("model {}: dtype '{other}': use f32 or bf16", self.id),
        };
        let options = kino_wan::pipeline::LoadOptions {
            device,
            dtype,
            offload_text_encoder: self.offload_text_encoder.unwrap_or(false),
            ..Default::default()
        };
        let mut model = kino_wan::pipeline::WanModel::load(&self.path, options)
            .map_err(|e| anyhow::anyhow!("model {}: {e}", self.id))?;
        // Every LoRA is read and checked against this model now: a bad file stops start-up.
        let mut loras = Vec::new();
        for arg in &self.lora {
            let lora = LoraSpec::parse(&self.id, arg)?;
            anyhow::ensure!(
                !loras.iter().any(|(n, _): &(String, f32)| *n == lora.name),
                "model {}: two LoRAs are named '{}'",
                self.id,
                lora.name
            );
            model.add_lora(&lora.name, &lora.path).map_err(|e| anyhow::anyhow!("model {}: {e}", self.id))?;
            loras.push((lora.name, lora.scale));
        }
        let mut engine_options = kino_wan::engine::EngineOptions::for_model(&model);
        if let Some(v) = self.steps {
            anyhow::ensure!((1..=200).contains(&v), "model {}: steps must be 1 to 200", self.id);
            engine_options.steps = v;
        }
        if let Some(v) = self.guidance {
            engine_options.guidance_scale = v;
        }
        if let Some(v) = &self.negative_prompt {
            engine_options.negative_prompt = v.clone();
        }
        if let Some(v) = self.long_side {
            anyhow::ensure!(
                v >= model.size_multiple(),
                "model {}: long_side must be at least {}",
                self.id,
                model.size_multiple()
            );
            engine_options.long_side = v;
        }
        if let Some(v) = self.max_frames {
            engine_options.max_frames = v;
        }
        let takes = Takes { first_frame: model.supports_image(), source: false, characters: false };
        let fps = engine_options.fps;
        let max_frames = engine_options.max_frames;
        let seconds: Vec<u32> =
            SECONDS.iter().copied().filter(|&s| kino_wan::engine::frames_for(s, fps) <= max_frames).collect();
        anyhow::ensure!(
            !seconds.is_empty(),
            "model {}: max_frames {max_frames} covers none of 4, 8, 12, 16, 20 seconds at {fps} fps (4 s needs {})",
            self.id,
            kino_wan::engine::frames_for(4, fps)
        );
        let engine = kino_wan::engine::WanEngine::new(model, engine_options);
        Ok(Model {
            id: self.id.clone(),
            sizes: ALL_SIZES.iter().copied().chain(["320x180", "180x320"]).collect(),
            seconds,
            engine: Arc::new(engine),
            created: crate::ids::now_secs(),
            takes,
            loras,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_model_flags() {
        let s = WanSpec::parse("wan2.1-t2v-1.3b=/models/Wan2.1,dtype=bf16,steps=30,offload_text_encoder=true").unwrap();
        assert_eq!((s.id.as_str(), s.path.to_str().unwrap()), ("wan2.1-t2v-1.3b", "/models/Wan2.1"));
        assert_eq!((s.dtype.as_deref(), s.steps, s.offload_text_encoder), (Some("bf16"), Some(30), Some(true)));
        for bad in ["no-equals", "m=/p,steps=many", "m=/p,colour=red", "m=/p,flag"] {
            assert!(WanSpec::parse(bad).is_err(), "{bad}");
        }
    }
}
