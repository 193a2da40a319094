//! Text (and first-frame image) to video, as diffusers' `WanPipeline` and, for Wan 2.2
//! TI2V, `WanImageToVideoPipeline` with per-token timesteps: prompt embeddings padded with
//! zero rows, classifier-free guidance with a negative prompt, UniPC steps, latents
//! de-normalised and decoded. A callback sees every step and can stop between steps.
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use candle_core::{DType, Device, Tensor};
use rand::SeedableRng;
use rand_distr::{Distribution, StandardNormal};
use serde::Deserialize;

use crate::error::{Result, WanError};
use crate::load::{read_json, var_builder, weight_files};
use crate::lora::{Lora, Merged};
use crate::scheduler::{SchedulerConfig, UniPc};
use crate::text::{TextTokenizer, clean};
use crate::transformer::{TransformerConfig, WanTransformer};
use crate::umt5::{Umt5Config, Umt5Encoder};
use crate::vae::{VaeConfig, WanVae};

/// `model_index.json`: which pipeline and its switches.
#[derive(Debug, Clone, Deserialize)]
pub struct ModelIndex {
    #[serde(rename = "_class_name", default)]
    pub class_name: String,
    #[serde(default)]
    pub expand_timesteps: bool,
    #[serde(default)]
    pub boundary_ratio: Option<f64>,
}

#[derive(Debug, Clone)]
pub struct LoadOptions {
    pub device: Device,
    /// Weights and activations of the transformer and VAE (F32 or BF16).
    pub dtype: DType,
    /// Load the text encoder for each request and drop it before denoising, instead of
    /// keeping it resident (umt5-xxl is ~11 GB in bf16).
    pub offload_text_encoder: bool,
    /// Tokens per prompt (512 in the Wan pipelines).
    pub max_sequence_length: usize,
}

impl Default for LoadOptions {
    fn default() -> Self {
        Self { device: Device::Cpu, dtype: DType::F32, offload_text_encoder: false, max_sequence_length: 512 }
    }
}

pub struct WanModel {
    pub dir: PathBuf,
    pub index: ModelIndex,
    pub options: LoadOptions,
    tokenizer: TextTokenizer,
    text_encoder: Option<Umt5Encoder>,
    pub transformer: Arc<WanTransformer>,
    pub vae: WanVae,
    scheduler: SchedulerConfig,
    /// LoRAs this model serves, by name; a request chooses some with scales.
    loras: BTreeMap<String, Lora>,
    /// Transformers with a chosen LoRA set merged in, least recently used first.
    adapted: Mutex<Vec<(LoraKey, Arc<WanTransformer>)>>,
    /// How many merged transformers stay resident (each is a copy of the adapted weights).
    pub max_lora_sets: usize,
}

/// A LoRA set as a cache key: names with their scales' bits, in the request's order.
type LoraKey = Vec<(String, u32)>;

/// One generation.
#[derive(Debug, Clone)]
pub struct Request {
    pub prompt: String,
    pub negative_prompt: String,
    pub width: usize,
    pub height: usize,
    /// 4k + 1 frames.
    pub frames: usize,
    pub steps: usize,
    pub guidance_scale: f64,
    pub seed: u64,
    /// First frame as RGB8, `width` x `height` (Wan 2.2 TI2V only).
    pub image: Option<Vec<u8>>,
    /// LoRAs the model serves, by name, with their scales (none: the plain model).
    pub loras: Vec<(String, f32)>,
}

impl WanModel {
    pub fn load(dir: &Path, options: LoadOptions) -> Result<Self> {
        let index: ModelIndex = read_json(&dir.join("model_index.json"))?;
        if index.boundary_ratio.is_some() {
            return Err(WanError::Config {
                path: dir.join("model_index.json").display().to_string(),
                reason:
                    "two-expert Wan 2.2 A14B checkpoints (boundary_ratio) are not supported; use T2V 1.3B or TI2V 5B"
                        .into(),
            });
        }
        let tokenizer = TextTokenizer::load(&dir.join("tokenizer"), options.max_sequence_length)?;
        let text_encoder = if options.offload_text_encoder { None } else { Some(load_text_encoder(dir, &options)?) };
        let tdir = dir.join("transformer");
        let transformer = Arc::new(WanTransformer::new(
            read_json::<TransformerConfig>(&tdir.join("config.json"))?,
            var_builder(&tdir, "diffusion_pytorch_model", options.dtype, &options.device)?,
        )?);
        let vdir = dir.join("vae");
        // The VAE runs in f32: it is small next to the transformer, and bf16 convs lose detail.
        let vae = WanVae::new(
            read_json::<VaeConfig>(&vdir.join("config.json"))?,
            var_builder(&vdir, "diffusion_pytorch_model", DType::F32, &options.device)?,
        )?;
        let scheduler = SchedulerConfig::from_file(&dir.join("scheduler/scheduler_config.json"))?;
        Ok(Self {
            dir: dir.to_path_buf(),
            index,
            options,
            tokenizer,
            text_encoder,
            transformer,
            vae,
            scheduler,
            loras: BTreeMap::new(),
            adapted: Mutex::new(Vec::new()),
            max_lora_sets: 2,
        })
    }

    /// Serve the LoRA at `path` as `name`: read, checked and refused here (at start-up) if it
    /// does not fit this model's transformer.
    pub fn add_lora(&mut self, name: &str, path: &Path) -> Result<()> {
        let lora = Lora::load(path)?;
        lora.check(path, Merged::shape_of(&self.transformer_files()?)?)?;
        self.loras.insert(name.to_string(), lora);
        Ok(())
    }

    /// The names of the LoRAs this model serves.
    pub fn lora_names(&self) -> impl Iterator<Item = &str> {
        self.loras.keys().map(String::as_str)
    }

    /// How many merged transformers are resident now.
    pub fn lora_sets_resident(&self) -> usize {
        self.adapted.lock().map(|a| a.len()).unwrap_or(0)
    }

    fn transformer_files(&self) -> Result<Vec<PathBuf>> {
        weight_files(&self.dir.join("transformer"), "diffusion_pytorch_model")
    }

    /// The transformer for a request's LoRA set: the plain one, a resident merge, or a new
    /// merge (which evicts the least recently used when more than `max_lora_sets` are held).
    fn transformer_for(&self, loras: &[(String, f32)]) -> Result<Arc<WanTransformer>> {
        if loras.is_empty() {
            return Ok(self.transformer.clone());
        }
        let key: LoraKey = loras.iter().map(|(n, s)| (n.clone(), s.to_bits())).collect();
        // A panic mid-merge leaves the list whole: take it back from a poisoned lock.
        let mut adapted = self.adapted.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(i) = adapted.iter().position(|(k, _)| *k == key) {
            let hit = adapted.remove(i);
            let t = hit.1.clone();
            adapted.push(hit);
            return Ok(t);
        }
        let mut chosen = Vec::new();
        for (name, scale) in loras {
            let lora = self.loras.get(name).ok_or_else(|| WanError::Config {
                path: self.dir.display().to_string(),
                reason: format!(
                    "this model has no LoRA named '{name}' (it has: {})",
                    self.lora_names().collect::<Vec<_>>().join(", ")
                ),
            })?;
            chosen.push((lora, *scale));
        }
        let merged = Merged::new(&self.transformer_files()?, &chosen)?;
        let vb = candle_nn::VarBuilder::from_backend(Box::new(merged), self.options.dtype, self.options.device.clone());
        let t = Arc::new(WanTransformer::new(self.transformer.config.clone(), vb)?);
        adapted.push((key, t.clone()));
        while adapted.len() > self.max_lora_sets.max(1) {
            adapted.remove(0);
        }
        Ok(t)
    }

    /// Spatial pixels per latent (8 for Wan 2.1, 16 for 2.2) and the grid sizes must be multiples of.
    pub fn spatial_scale(&self) -> usize {
        self.vae.config.scale_factor_spatial
    }

    pub fn size_multiple(&self) -> usize {
        self.spatial_scale() * self.transformer.config.patch_size[1]
    }

    pub fn supports_image(&self) -> bool {
        self.index.expand_timesteps
    }

    /// Prompt embeddings [1, L, text_dim]: rows past the prompt's tokens are zeros.
    pub fn encode_prompt(&self, encoder: &Umt5Encoder, prompt: &str) -> Result<Tensor> {
        let (ids, mask) = self.tokenizer.encode(&clean(prompt))?;
        let len = mask.iter().filter(|&&m| m > 0).count();
        let device = &self.options.device;
        let n = ids.len();
        let ids = Tensor::from_vec(ids, (1, n), device)?;
        let mask_t = Tensor::from_vec(mask, (1, n), device)?;
        let hidden = encoder.forward(&ids, &mask_t)?;
        let keep = Tensor::from_vec((0..n).map(|i| if i < len { 1f32 } else { 0f32 }).collect(), (1, n, 1), device)?;
        Ok(hidden.to_dtype(DType::F32)?.broadcast_mul(&keep)?.to_dtype(self.options.dtype)?)
    }

    /// Initial noise from `seed` (not torch's generator: the same seed gives the same video
    /// in Kino, not the same as diffusers).
    pub fn noise(&self, req: &Request) -> Result<Tensor> {
        let s = self.spatial_scale();
        let shape = (1, self.vae.config.z_dim, (req.frames - 1) / 4 + 1, req.height / s, req.width / s);
        let n = shape.0 * shape.1 * shape.2 * shape.3 * shape.4;
        let mut rng = rand::rngs::StdRng::seed_from_u64(req.seed);
        let v: Vec<f32> = (0..n).map(|_| StandardNormal.sample(&mut rng)).collect();
        Ok(Tensor::from_vec(v, shape, &self.options.device)?)
    }

    /// Run the pipeline from `latents` (normalised latent space, f32), calling `on_step(done,
    /// total)` after every step; it returns false to stop. Returns the video [3, F, H, W] in [-1, 1].
    pub fn generate(
        &self,
        req: &Request,
        latents: Tensor,
        on_step: &mut dyn FnMut(usize, usize) -> bool,
    ) -> Result<Tensor> {
        let latents = self.denoise(req, latents, on_step)?;
        let (mean, inv_std) = self.vae.latent_stats(&self.options.device, DType::F32)?;
        let z = latents.broadcast_div(&inv_std)?.broadcast_add(&mean)?;
        Ok(self.vae.decode(&z)?.squeeze(0)?)
    }

    /// The denoising loop alone: final latents in the normalised space (what diffusers returns
    /// with `output_type="latent"`).
    pub fn denoise(
        &self,
        req: &Request,
        mut latents: Tensor,
        on_step: &mut dyn FnMut(usize, usize) -> bool,
    ) -> Result<Tensor> {
        let dtype = self.options.dtype;
        let (prompt, negative) = {
            let owned;
            let encoder = match &self.text_encoder {
                Some(e) => e,
                None => {
                    owned = load_text_encoder(&self.dir, &self.options)?;
                    &owned
                }
            };
            let p = self.encode_prompt(encoder, &req.prompt)?;
            let n =
                if req.guidance_scale > 1.0 { Some(self.encode_prompt(encoder, &req.negative_prompt)?) } else { None };
            (p, n)
        };
        let condition = match &req.image {
            Some(rgb) if self.supports_image() => Some(self.image_condition(rgb, req.width, req.height)?),
            Some(_) => {
                return Err(WanError::Config {
                    path: self.dir.display().to_string(),
                    reason: "this model has no image-to-video mode".into(),
                });
            }
            None => None,
        };
        let (_, _, f, h, w) = latents.dims5()?;
        let transformer = self.transformer_for(&req.loras)?;
        let [_, ph, pw] = transformer.config.patch_size;
        let per_frame = (h / ph) * (w / pw);
        let blend = |latents: &Tensor| -> Result<Tensor> {
            match &condition {
                Some(c) if f > 1 => Ok(Tensor::cat(&[c, &latents.narrow(2, 1, f - 1)?], 2)?),
                Some(c) => Ok(c.clone()),
                None => Ok(latents.clone()),
            }
        };
        let mut scheduler = UniPc::new(self.scheduler.clone(), req.steps);
        let timesteps = scheduler.timesteps.clone();
        for (i, &t) in timesteps.iter().enumerate() {
            let input = blend(&latents)?.to_dtype(dtype)?;
            let (ts, per_token): (Vec<f32>, bool) = if self.index.expand_timesteps {
                let first = if condition.is_some() { 0.0 } else { t as f32 };
                ((0..f * per_frame).map(|k| if k < per_frame { first } else { t as f32 }).collect(), true)
            } else {
                (vec![t as f32], false)
            };
            let cond = transformer.forward(&input, &ts, per_token, &prompt)?.to_dtype(DType::F32)?;
            let noise = match &negative {
                Some(neg) => {
                    let uncond = transformer.forward(&input, &ts, per_token, neg)?.to_dtype(DType::F32)?;
                    (&uncond + ((cond - &uncond)? * req.guidance_scale)?)?
                }
                None => cond,
            };
            latents = scheduler.step(&noise, &latents)?;
            if !on_step(i + 1, timesteps.len()) {
                return Err(WanError::Cancelled);
            }
        }
        blend(&latents)
    }

    /// The first frame's latent, normalised: [1, z, 1, h, w].
    fn image_condition(&self, rgb: &[u8], width: usize, height: usize) -> Result<Tensor> {
        if rgb.len() != width * height * 3 {
            return Err(WanError::Config { path: "image".into(), reason: format!("expected {width}x{height} RGB") });
        }
        let device = &self.options.device;
        let pixels: Vec<f32> = rgb.iter().map(|&v| f32::from(v) / 255.0 * 2.0 - 1.0).collect();
        let image = Tensor::from_vec(pixels, (height, width, 3), device)?
            .permute((2, 0, 1))?
            .unsqueeze(0)?
            .unsqueeze(2)?
            .contiguous()?;
        let raw = self.vae.encode(&image)?;
        let (mean, inv_std) = self.vae.latent_stats(device, DType::F32)?;
        Ok(raw.broadcast_sub(&mean)?.broadcast_mul(&inv_std)?)
    }
}

fn load_text_encoder(dir: &Path, options: &LoadOptions) -> Result<Umt5Encoder> {
    let edir = dir.join("text_encoder");
    Umt5Encoder::new(
        read_json::<Umt5Config>(&edir.join("config.json"))?,
        var_builder(&edir, "model", options.dtype, &options.device)?,
    )
}

/// Video [3, F, H, W] in [-1, 1] → RGB8 frames (`(x/2 + 0.5)` clamped, rounded).
pub fn to_rgb8(video: &Tensor) -> Result<Vec<Vec<u8>>> {
    let (_, f, h, w) = video.dims4()?;
    let v = ((video.to_dtype(DType::F32)? / 2.0)? + 0.5)?.clamp(0f32, 1f32)?.affine(255.0, 0.5)?.floor()?;
    let v = v.permute((1, 2, 3, 0))?.contiguous()?.flatten_all()?.to_vec1::<f32>()?;
    Ok(v.chunks(h * w * 3).take(f).map(|c| c.iter().map(|&x| x as u8).collect()).collect())
}
