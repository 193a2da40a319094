//! LoRA for Wan's transformer, in the two formats people download: diffusers/PEFT keys
//! (`transformer.blocks.N.attn1.to_q.lora_A.weight`, `lora_B`, an optional `alpha`) and
//! ComfyUI/kohya keys in Wan's original names (`diffusion_model.blocks.N.self_attn.q.lora_down.weight`,
//! `lora_up`, `alpha`). A file is read whole, checked (known layers only, finite values,
//! ranks that agree) and, against a model, shapes that fit; [`Merged`] then serves the
//! transformer's weights with a set of LoRAs folded in, W + Σ scale · (alpha / rank) · up · down,
//! in f32 before the model's dtype, so the model is built once per set and runs at full speed.
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use candle_core::safetensors::MmapedSafetensors;
use candle_core::{DType, Device, Shape, Tensor};
use candle_nn::var_builder::SimpleBackend;

use crate::error::{Result, WanError};

/// One adapted linear layer: `up` [out, rank] · `down` [rank, in], times alpha / rank.
#[derive(Debug, Clone)]
pub struct LoraLayer {
    pub down: Tensor,
    pub up: Tensor,
    pub alpha: Option<f32>,
}

impl LoraLayer {
    pub fn rank(&self) -> usize {
        self.down.dims().first().copied().unwrap_or(1)
    }

    /// What a unit of adapter weight multiplies the product by: alpha / rank, or 1 without
    /// an alpha (diffusers' and PEFT's convention).
    pub fn factor(&self) -> f32 {
        self.alpha.map_or(1.0, |a| a / self.rank().max(1) as f32)
    }

    /// `scale` · factor · up · down, [out, in], in f32.
    pub fn delta(&self, scale: f32) -> Result<Tensor> {
        Ok((self.up.matmul(&self.down)? * f64::from(scale * self.factor()))?)
    }
}

/// A LoRA file, read and checked: its layers by the diffusers name of the linear they adapt
/// (`blocks.0.attn1.to_q`).
#[derive(Debug, Clone)]
pub struct Lora {
    pub layers: BTreeMap<String, LoraLayer>,
}

/// Original Wan names (ComfyUI/kohya) of a block's linears → diffusers'.
const WAN_TO_DIFFUSERS: &[(&str, &str)] = &[
    ("self_attn.q", "attn1.to_q"),
    ("self_attn.k", "attn1.to_k"),
    ("self_attn.v", "attn1.to_v"),
    ("self_attn.o", "attn1.to_out.0"),
    ("cross_attn.q", "attn2.to_q"),
    ("cross_attn.k", "attn2.to_k"),
    ("cross_attn.v", "attn2.to_v"),
    ("cross_attn.o", "attn2.to_out.0"),
    ("cross_attn.k_img", "attn2.add_k_proj"),
    ("cross_attn.v_img", "attn2.add_v_proj"),
    ("ffn.0", "ffn.net.0.proj"),
    ("ffn.2", "ffn.net.2"),
];

/// Linears outside the blocks, original name → diffusers'.
const WAN_TOP_LEVEL: &[(&str, &str)] = &[
    ("text_embedding.0", "condition_embedder.text_embedder.linear_1"),
    ("text_embedding.2", "condition_embedder.text_embedder.linear_2"),
    ("time_embedding.0", "condition_embedder.time_embedder.linear_1"),
    ("time_embedding.2", "condition_embedder.time_embedder.linear_2"),
    ("time_projection.1", "condition_embedder.time_proj"),
    ("head.head", "proj_out"),
];

/// Which part of an adapted layer a key holds.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Part {
    Down,
    Up,
    Alpha,
}

/// Split a key into (diffusers layer name, part), or `None` for a key no Wan LoRA has.
fn classify(key: &str) -> Option<(String, Part)> {
    let key = ["base_model.model.", "transformer.", "diffusion_model.", "model."]
        .iter()
        .fold(key, |k, prefix| k.strip_prefix(prefix).unwrap_or(k));
    let (layer, part) = [
        (".lora_A.weight", Part::Down),
        (".lora_B.weight", Part::Up),
        (".lora_A.default.weight", Part::Down),
        (".lora_B.default.weight", Part::Up),
        (".lora_down.weight", Part::Down),
        (".lora_up.weight", Part::Up),
        (".alpha", Part::Alpha),
    ]
    .iter()
    .find_map(|(suffix, part)| key.strip_suffix(suffix).map(|l| (l, *part)))?;
    Some((diffusers_name(layer)?, part))
}

/// A layer's diffusers name from either naming, if it is one of the transformer's linears.
fn diffusers_name(layer: &str) -> Option<String> {
    if let Some(rest) = layer.strip_prefix("blocks.") {
        let (index, inner) = rest.split_once('.')?;
        index.parse::<usize>().ok()?;
        let inner = WAN_TO_DIFFUSERS.iter().find(|(wan, _)| *wan == inner).map_or(inner, |(_, d)| *d);
        let known = WAN_TO_DIFFUSERS.iter().any(|(_, d)| *d == inner);
        return known.then(|| format!("blocks.{index}.{inner}"));
    }
    let top = WAN_TOP_LEVEL.iter().find(|(wan, _)| *wan == layer).map_or(layer, |(_, d)| *d);
    WAN_TOP_LEVEL.iter().any(|(_, d)| *d == top).then(|| top.to_string())
}

impl Lora {
    /// Read `path` (a safetensors file) and check it stands on its own: every key a Wan
    /// layer's down, up or alpha, each layer with both matrices, ranks that agree, and
    /// every value finite.
    pub fn load(path: &Path) -> Result<Self> {
        let bad = |reason: String| WanError::Lora { path: path.display().to_string(), reason };
        let tensors = candle_core::safetensors::load(path, &Device::Cpu).map_err(|e| bad(e.to_string()))?;
        let mut parts: BTreeMap<String, [Option<Tensor>; 3]> = BTreeMap::new();
        let mut unknown = Vec::new();
        for (key, t) in tensors {
            let Some((layer, part)) = classify(&key) else {
                unknown.push(key);
                continue;
            };
            let t = t.to_dtype(DType::F32)?;
            let finite = t.flatten_all()?.to_vec1::<f32>()?.iter().all(|v| v.is_finite());
            if !finite {
                return Err(bad(format!("{key} holds values that are not finite (NaN or infinity)")));
            }
            let slot = match part {
                Part::Down => 0,
                Part::Up => 1,
                Part::Alpha => 2,
            };
            parts.entry(layer).or_default()[slot] = Some(t);
        }
        if !unknown.is_empty() {
            unknown.sort();
            let shown: Vec<&str> = unknown.iter().take(3).map(String::as_str).collect();
            return Err(bad(format!(
                "{} keys are not a Wan transformer LoRA's ({}{}); expected diffusers/PEFT keys like \
                 transformer.blocks.0.attn1.to_q.lora_A.weight or ComfyUI/kohya keys like \
                 diffusion_model.blocks.0.self_attn.q.lora_down.weight",
                unknown.len(),
                shown.join(", "),
                if unknown.len() > 3 { ", …" } else { "" }
            )));
        }
        if parts.is_empty() {
            return Err(bad("it holds no LoRA layers".into()));
        }
        let mut layers = BTreeMap::new();
        for (name, [down, up, alpha]) in parts {
            let (Some(down), Some(up)) = (down, up) else {
                return Err(bad(format!("layer {name} needs both its down (A) and up (B) matrices")));
            };
            let (r_down, _) = down.dims2().map_err(|_| bad(format!("{name}: the down matrix is not 2-D")))?;
            let (_, r_up) = up.dims2().map_err(|_| bad(format!("{name}: the up matrix is not 2-D")))?;
            if r_down != r_up || r_down == 0 {
                return Err(bad(format!("{name}: ranks disagree (down {r_down}, up {r_up})")));
            }
            let alpha = match alpha {
                Some(a) => Some(
                    a.flatten_all()?
                        .to_vec1::<f32>()?
                        .first()
                        .copied()
                        .ok_or_else(|| bad(format!("{name}: an empty alpha")))?,
                ),
                None => None,
            };
            layers.insert(name, LoraLayer { down, up, alpha });
        }
        Ok(Self { layers })
    }

    /// Check the LoRA fits a model whose linears have the shapes `shape_of` gives ([out, in]
    /// of `NAME.weight`): a LoRA for another model is refused by name.
    pub fn check(&self, path: &Path, shape_of: impl Fn(&str) -> Option<(usize, usize)>) -> Result<()> {
        let bad = |reason: String| WanError::Lora { path: path.display().to_string(), reason };
        for (name, layer) in &self.layers {
            let Some((out, inp)) = shape_of(&format!("{name}.weight")) else {
                return Err(bad(format!("this model has no layer {name} (is the LoRA for another model?)")));
            };
            let (_, k) = layer.down.dims2()?;
            let (o, _) = layer.up.dims2()?;
            if (o, k) != (out, inp) {
                return Err(bad(format!(
                    "{name} is {out}x{inp} in this model but {o}x{k} in the LoRA: it is for another model"
                )));
            }
        }
        Ok(())
    }
}

/// The transformer's weights with LoRAs folded in: a `VarBuilder` backend over the model's
/// memory-mapped files that answers an adapted linear's weight with W + Σ deltas.
pub struct Merged {
    base: MmapedSafetensors,
    deltas: HashMap<String, Tensor>,
}

impl Merged {
    /// `loras` with their scales, over the safetensors `files` of the transformer.
    pub fn new(files: &[std::path::PathBuf], loras: &[(&Lora, f32)]) -> Result<Self> {
        // SAFETY: as `load::var_builder`: the user's checkpoint, mapped read-only, never written.
        let base = unsafe { MmapedSafetensors::multi(files) }
            .map_err(|e| WanError::Load { path: format!("{files:?}"), reason: e.to_string() })?;
        let mut deltas: HashMap<String, Tensor> = HashMap::new();
        for (lora, scale) in loras {
            for (name, layer) in &lora.layers {
                let delta = layer.delta(*scale)?;
                let key = format!("{name}.weight");
                let sum = match deltas.remove(&key) {
                    Some(d) => (d + delta)?,
                    None => delta,
                };
                deltas.insert(key, sum);
            }
        }
        Ok(Self { base, deltas })
    }

    /// [out, in] of a linear's weight in the base files, for [`Lora::check`].
    pub fn shape_of(files: &[std::path::PathBuf]) -> Result<impl Fn(&str) -> Option<(usize, usize)>> {
        // SAFETY: as above.
        let base = unsafe { MmapedSafetensors::multi(files) }
            .map_err(|e| WanError::Load { path: format!("{files:?}"), reason: e.to_string() })?;
        Ok(move |name: &str| {
            base.get(name).ok().and_then(|v| <[usize; 2]>::try_from(v.shape()).ok()).map(|[o, i]| (o, i))
        })
    }

    fn weight(&self, name: &str, dtype: DType, dev: &Device) -> candle_core::Result<Tensor> {
        match self.deltas.get(name) {
            // The sum in f32 on the CPU, where the deltas are; then the model's dtype and device.
            Some(delta) => {
                (self.base.load(name, &Device::Cpu)?.to_dtype(DType::F32)? + delta)?.to_dtype(dtype)?.to_device(dev)
            }
            // An unadapted weight goes straight to its device, as candle's own backend loads it.
            None => self.base.load(name, dev)?.to_dtype(dtype),
        }
    }
}

impl SimpleBackend for Merged {
    fn get(&self, s: Shape, name: &str, _: candle_nn::Init, dtype: DType, dev: &Device) -> candle_core::Result<Tensor> {
        let t = self.weight(name, dtype, dev)?;
        if t.shape() != &s {
            return Err(candle_core::Error::UnexpectedShape {
                msg: format!("shape mismatch for {name}"),
                expected: s,
                got: t.shape().clone(),
            });
        }
        Ok(t)
    }

    fn get_unchecked(&self, name: &str, dtype: DType, dev: &Device) -> candle_core::Result<Tensor> {
        self.weight(name, dtype, dev)
    }

    fn contains_tensor(&self, name: &str) -> bool {
        self.base.get(name).is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_namings_reach_the_same_layers() {
        let peft = classify("transformer.blocks.3.attn1.to_q.lora_A.weight");
        let kohya = classify("diffusion_model.blocks.3.self_attn.q.lora_down.weight");
        assert_eq!(peft, Some(("blocks.3.attn1.to_q".into(), Part::Down)));
        assert_eq!(kohya, peft);
        assert_eq!(classify("diffusion_model.blocks.0.ffn.2.alpha"), Some(("blocks.0.ffn.net.2".into(), Part::Alpha)));
        assert_eq!(classify("diffusion_model.head.head.lora_up.weight"), Some(("proj_out".into(), Part::Up)));
        // Not a Wan transformer layer: a UNet's, a text encoder's, a made-up one.
        assert_eq!(classify("lora_unet_down_blocks_0_attentions_0.lora_down.weight"), None);
        assert_eq!(classify("text_encoder.encoder.block.0.layer.0.SelfAttention.q.lora_A.weight"), None);
        assert_eq!(classify("transformer.blocks.0.attn1.to_z.lora_A.weight"), None);
    }
}
