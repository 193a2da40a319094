//! diffusers' `WanTransformer3DModel`: patchify (a Conv3d whose kernel is its stride, done
//! as one matmul), blocks of modulated self-attention with 3-axis rotary embeddings, cross-
//! attention to the text, and a gated GELU feed-forward; then the modulated output norm and
//! unpatchify. Timesteps are one per batch item (Wan 2.1) or one per token (Wan 2.2 TI2V).
use candle_core::{D, DType, Device, Module, Tensor};
use candle_nn::{Linear, VarBuilder, linear};
use serde::Deserialize;

use crate::cpu;
use crate::cpu::linear::Activation;
use crate::cpu::norm::{Affine, RopeTables};
use crate::error::{Result, WanError};
use crate::norm::RmsNorm;

/// A linear layer, with the activation that follows it: fused on CPU, candle's ops elsewhere.
fn lin(l: &Linear, x: &Tensor, act: Activation) -> Result<Tensor> {
    if let Some(y) = cpu::linear::linear(x, l.weight(), l.bias(), act)? {
        return Ok(y);
    }
    let y = l.forward(x)?;
    Ok(match act {
        Activation::None => y,
        Activation::GeluTanh => y.gelu()?,
    })
}

#[derive(Debug, Clone, Deserialize)]
pub struct TransformerConfig {
    pub patch_size: [usize; 3],
    pub num_attention_heads: usize,
    pub attention_head_dim: usize,
    pub in_channels: usize,
    pub out_channels: usize,
    pub text_dim: usize,
    pub freq_dim: usize,
    pub ffn_dim: usize,
    pub num_layers: usize,
    #[serde(default)]
    pub cross_attn_norm: bool,
    #[serde(default)]
    pub qk_norm: Option<String>,
    #[serde(default = "default_eps")]
    pub eps: f64,
    #[serde(default)]
    pub image_dim: Option<usize>,
    #[serde(default)]
    pub added_kv_proj_dim: Option<usize>,
    #[serde(default = "default_rope_len")]
    pub rope_max_seq_len: usize,
}

fn default_eps() -> f64 {
    1e-6
}
fn default_rope_len() -> usize {
    1024
}

impl TransformerConfig {
    pub fn inner_dim(&self) -> usize {
        self.num_attention_heads * self.attention_head_dim
    }
}

/// LayerNorm in f32 over the last axis, with or without affine parameters.
struct Fp32LayerNorm {
    affine: Option<(Tensor, Tensor)>,
    eps: f64,
}

impl Fp32LayerNorm {
    fn plain(eps: f64) -> Self {
        Self { affine: None, eps }
    }

    fn affine(dim: usize, eps: f64, vb: VarBuilder) -> Result<Self> {
        Ok(Self {
            affine: Some((vb.get(dim, "weight")?.to_dtype(DType::F32)?, vb.get(dim, "bias")?.to_dtype(DType::F32)?)),
            eps,
        })
    }

    /// Returns f32.
    fn forward(&self, x: &Tensor) -> Result<Tensor> {
        let affine = match &self.affine {
            Some((w, b)) => Affine::Learned(w, b),
            None => Affine::None,
        };
        if let Some(y) = cpu::norm::layer_norm(x, self.eps, affine)? {
            return Ok(y);
        }
        let x = x.to_dtype(DType::F32)?;
        let mean = x.mean_keepdim(D::Minus1)?;
        let centred = x.broadcast_sub(&mean)?;
        let var = centred.sqr()?.mean_keepdim(D::Minus1)?;
        let mut y = centred.broadcast_div(&(var + self.eps)?.sqrt()?)?;
        if let Some((w, b)) = &self.affine {
            y = y.broadcast_mul(w)?.broadcast_add(b)?;
        }
        Ok(y)
    }

    /// The norm, then y · (1 + scale) + shift, in `dtype`.
    fn modulated(&self, x: &Tensor, scale: &Tensor, shift: &Tensor, dtype: DType) -> Result<Tensor> {
        if self.affine.is_none()
            && let Some(y) = cpu::norm::layer_norm(x, self.eps, Affine::Modulated { scale, shift })?
        {
            return Ok(y);
        }
        Ok(self.forward(x)?.broadcast_mul(&(scale + 1.0)?)?.broadcast_add(shift)?.to_dtype(dtype)?)
    }
}

/// x + a · gate in f32, back in `dtype`.
fn gated(x: &Tensor, a: &Tensor, gate: &Tensor, dtype: DType) -> Result<Tensor> {
    if let Some(y) = cpu::norm::gated_add(x, a, gate)? {
        return Ok(y);
    }
    Ok((x.to_dtype(DType::F32)? + a.to_dtype(DType::F32)?.broadcast_mul(gate)?)?.to_dtype(dtype)?)
}

struct Attention {
    to_q: Linear,
    to_k: Linear,
    to_v: Linear,
    to_out: Linear,
    norm_q: Option<RmsNorm>,
    norm_k: Option<RmsNorm>,
    heads: usize,
    head_dim: usize,
}

impl Attention {
    fn new(c: &TransformerConfig, vb: VarBuilder) -> Result<Self> {
        let dim = c.inner_dim();
        let across = match c.qk_norm.as_deref() {
            None => false,
            Some("rms_norm_across_heads") => true,
            Some(other) => {
                return Err(WanError::Config {
                    path: "transformer/config.json".into(),
                    reason: format!("qk_norm {other}"),
                });
            }
        };
        let norm = |name: &str| -> Result<Option<RmsNorm>> {
            if across { Ok(Some(RmsNorm::new(dim, c.eps, vb.pp(name))?)) } else { Ok(None) }
        };
        Ok(Self {
            to_q: linear(dim, dim, vb.pp("to_q"))?,
            to_k: linear(dim, dim, vb.pp("to_k"))?,
            to_v: linear(dim, dim, vb.pp("to_v"))?,
            to_out: linear(dim, dim, vb.pp("to_out").pp(0))?,
            norm_q: norm("norm_q")?,
            norm_k: norm("norm_k")?,
            heads: c.num_attention_heads,
            head_dim: c.attention_head_dim,
        })
    }

    /// `x` [B, L, dim] attends to `context` (itself when None); rotary on both for self-attention.
    fn forward(&self, x: &Tensor, context: Option<&Tensor>, rope: Option<&Rope>) -> Result<Tensor> {
        let kv = context.unwrap_or(x);
        let q = lin(&self.to_q, x, Activation::None)?;
        let k = lin(&self.to_k, kv, Activation::None)?;
        let v = lin(&self.to_v, kv, Activation::None)?;
        if let Some(out) = self.fused(&q, &k, &v, rope)? {
            return lin(&self.to_out, &out, Activation::None);
        }
        let (mut q, mut k) = (q, k);
        if let (Some(nq), Some(nk)) = (&self.norm_q, &self.norm_k) {
            q = nq.forward(&q)?;
            k = nk.forward(&k)?;
        }
        let (b, lq, _) = q.dims3()?;
        let lk = k.dim(1)?;
        let heads = |t: Tensor, l: usize| -> Result<Tensor> { Ok(t.reshape((b, l, self.heads, self.head_dim))?) };
        let (mut q, mut k, v) = (heads(q, lq)?, heads(k, lk)?, heads(v, lk)?);
        if let Some(r) = rope {
            q = r.apply(&q)?;
            k = r.apply(&k)?;
        }
        let (q, k, v) =
            (q.transpose(1, 2)?.contiguous()?, k.transpose(1, 2)?.contiguous()?, v.transpose(1, 2)?.contiguous()?);
        let dtype = q.dtype();
        let scale = 1.0 / (self.head_dim as f64).sqrt();
        let scores = (q.to_dtype(DType::F32)?.matmul(&k.to_dtype(DType::F32)?.t()?)? * scale)?;
        let weights = candle_nn::ops::softmax_last_dim(&scores)?;
        let out = weights.matmul(&v.to_dtype(DType::F32)?)?.to_dtype(dtype)?;
        let out = out.transpose(1, 2)?.reshape((b, lq, self.heads * self.head_dim))?;
        lin(&self.to_out, &out, Activation::None)
    }

    /// The CPU path: norms, rotary and the 1/√d scale in one pass over q and k, then
    /// attention by query blocks. `None` where it does not apply (other devices, bf16).
    fn fused(&self, q: &Tensor, k: &Tensor, v: &Tensor, rope: Option<&Rope>) -> Result<Option<Tensor>> {
        let tables = rope.map(|r| RopeTables { cos: &r.cos_table, sin: &r.sin_table });
        let eps = self.norm_q.as_ref().map_or(0.0, |n| n.eps());
        let scale = 1.0 / (self.head_dim as f32).sqrt();
        let Some(q) = cpu::norm::qk_prepare(
            q,
            self.norm_q.as_ref().map(|n| n.weight()),
            eps,
            self.head_dim,
            tables.as_ref(),
            scale,
        )?
        else {
            return Ok(None);
        };
        let k = match (&self.norm_k, &tables) {
            (None, None) => k.clone(),
            (norm, tables) => match cpu::norm::qk_prepare(
                k,
                norm.as_ref().map(|n| n.weight()),
                eps,
                self.head_dim,
                tables.as_ref(),
                1.0,
            )? {
                Some(k) => k,
                None => return Ok(None),
            },
        };
        cpu::attention::attention(&q, &k, v, self.heads)
    }
}

/// 3-axis rotary embedding (frames, rows, columns), pairs interleaved as diffusers lays them.
struct Rope {
    /// [1, L, 1, head_dim / 2] each.
    cos: Tensor,
    sin: Tensor,
    /// The same values for the CPU kernels: [L, head_dim / 2].
    cos_table: Vec<f32>,
    sin_table: Vec<f32>,
}

impl Rope {
    fn new(head_dim: usize, grid: (usize, usize, usize), device: &Device) -> Result<Self> {
        let h_dim = 2 * (head_dim / 6);
        let t_dim = head_dim - 2 * h_dim;
        let (f, h, w) = grid;
        let freqs = |dim: usize| -> Vec<f64> {
            (0..dim / 2).map(|i| 1.0 / 10000f64.powf((2 * i) as f64 / dim as f64)).collect()
        };
        let (ft, fh, fw) = (freqs(t_dim), freqs(h_dim), freqs(h_dim));
        let half = head_dim / 2;
        let mut cos = Vec::with_capacity(f * h * w * half);
        let mut sin = Vec::with_capacity(f * h * w * half);
        for fi in 0..f {
            for hi in 0..h {
                for wi in 0..w {
                    for (pos, fr) in [(fi, &ft), (hi, &fh), (wi, &fw)] {
                        for &x in fr.iter() {
                            let a = pos as f64 * x;
                            cos.push(a.cos() as f32);
                            sin.push(a.sin() as f32);
                        }
                    }
                }
            }
        }
        let shape = (1, f * h * w, 1, half);
        Ok(Self {
            cos: Tensor::from_vec(cos.clone(), shape, device)?,
            sin: Tensor::from_vec(sin.clone(), shape, device)?,
            cos_table: cos,
            sin_table: sin,
        })
    }

    /// x [B, L, heads, head_dim]: each pair (x0, x1) → (x0 cos - x1 sin, x0 sin + x1 cos).
    fn apply(&self, x: &Tensor) -> Result<Tensor> {
        let (b, l, n, d) = x.dims4()?;
        let dtype = x.dtype();
        let pairs = x.to_dtype(DType::F32)?.reshape((b, l, n, d / 2, 2))?;
        let x0 = pairs.narrow(4, 0, 1)?.squeeze(4)?;
        let x1 = pairs.narrow(4, 1, 1)?.squeeze(4)?;
        let o0 = (x0.broadcast_mul(&self.cos)? - x1.broadcast_mul(&self.sin)?)?;
        let o1 = (x0.broadcast_mul(&self.sin)? + x1.broadcast_mul(&self.cos)?)?;
        Ok(Tensor::stack(&[o0, o1], 4)?.reshape((b, l, n, d))?.to_dtype(dtype)?)
    }
}

struct FeedForward {
    up: Linear,
    down: Linear,
}

struct Block {
    norm1: Fp32LayerNorm,
    attn1: Attention,
    norm2: Option<Fp32LayerNorm>,
    attn2: Attention,
    norm3: Fp32LayerNorm,
    ffn: FeedForward,
    /// [1, 6, dim]
    modulation: Tensor,
}

/// The six modulation vectors of a block, each [B, 1 or L, dim] in f32.
fn chunks(table: &Tensor, temb: &Tensor, n: usize) -> Result<Vec<Tensor>> {
    // temb: [B, n, dim] (one timestep per item) or [B, L, n, dim] (per token).
    let sum = if temb.rank() == 4 {
        temb.to_dtype(DType::F32)?.broadcast_add(&table.to_dtype(DType::F32)?.unsqueeze(0)?)?
    } else {
        temb.to_dtype(DType::F32)?.broadcast_add(&table.to_dtype(DType::F32)?)?.unsqueeze(1)?
    };
    // sum: [B, 1 or L, n, dim]
    (0..n).map(|i| Ok(sum.narrow(2, i, 1)?.squeeze(2)?.contiguous()?)).collect()
}

impl Block {
    fn forward(&self, x: &Tensor, context: &Tensor, temb: &Tensor, rope: &Rope) -> Result<Tensor> {
        let dtype = x.dtype();
        let m = chunks(&self.modulation, temb, 6)?;
        let (shift, scale, gate, c_shift, c_scale, c_gate) = (&m[0], &m[1], &m[2], &m[3], &m[4], &m[5]);
        let h = self.norm1.modulated(x, scale, shift, dtype)?;
        let a = self.attn1.forward(&h, None, Some(rope))?;
        let x = gated(x, &a, gate, dtype)?;
        let h = match &self.norm2 {
            Some(n) => n.forward(&x)?.to_dtype(dtype)?,
            None => x.clone(),
        };
        let x = (&x + self.attn2.forward(&h, Some(context), None)?)?;
        let h = self.norm3.modulated(&x, c_scale, c_shift, dtype)?;
        let f = lin(&self.ffn.down, &lin(&self.ffn.up, &h, Activation::GeluTanh)?, Activation::None)?;
        gated(&x, &f, c_gate, dtype)
    }
}

pub struct WanTransformer {
    pub config: TransformerConfig,
    patch_weight: Tensor,
    patch_bias: Tensor,
    time_1: Linear,
    time_2: Linear,
    time_proj: Linear,
    text_1: Linear,
    text_2: Linear,
    blocks: Vec<Block>,
    norm_out: Fp32LayerNorm,
    proj_out: Linear,
    /// [1, 2, dim]
    out_modulation: Tensor,
}

impl WanTransformer {
    pub fn new(config: TransformerConfig, vb: VarBuilder) -> Result<Self> {
        if config.image_dim.is_some() || config.added_kv_proj_dim.is_some() {
            return Err(WanError::Config {
                path: "transformer/config.json".into(),
                reason:
                    "image-conditioned Wan 2.1 I2V transformers (image_dim) are not supported; use T2V 1.3B or TI2V 5B"
                        .into(),
            });
        }
        let dim = config.inner_dim();
        let [pt, ph, pw] = config.patch_size;
        let patch_weight = vb.get((dim, config.in_channels, pt, ph, pw), "patch_embedding.weight")?;
        let patch_bias = vb.get(dim, "patch_embedding.bias")?;
        let ce = vb.pp("condition_embedder");
        let mut blocks = Vec::with_capacity(config.num_layers);
        for i in 0..config.num_layers {
            let b = vb.pp("blocks").pp(i);
            blocks.push(Block {
                norm1: Fp32LayerNorm::plain(config.eps),
                attn1: Attention::new(&config, b.pp("attn1"))?,
                norm2: if config.cross_attn_norm {
                    Some(Fp32LayerNorm::affine(dim, config.eps, b.pp("norm2"))?)
                } else {
                    None
                },
                attn2: Attention::new(&config, b.pp("attn2"))?,
                norm3: Fp32LayerNorm::plain(config.eps),
                ffn: FeedForward {
                    up: linear(dim, config.ffn_dim, b.pp("ffn").pp("net").pp(0).pp("proj"))?,
                    down: linear(config.ffn_dim, dim, b.pp("ffn").pp("net").pp(2))?,
                },
                modulation: b.get((1, 6, dim), "scale_shift_table")?,
            });
        }
        let out_dim = config.out_channels * pt * ph * pw;
        Ok(Self {
            patch_weight,
            patch_bias,
            time_1: linear(config.freq_dim, dim, ce.pp("time_embedder").pp("linear_1"))?,
            time_2: linear(dim, dim, ce.pp("time_embedder").pp("linear_2"))?,
            time_proj: linear(dim, dim * 6, ce.pp("time_proj"))?,
            text_1: linear(config.text_dim, dim, ce.pp("text_embedder").pp("linear_1"))?,
            text_2: linear(dim, dim, ce.pp("text_embedder").pp("linear_2"))?,
            blocks,
            norm_out: Fp32LayerNorm::plain(config.eps),
            proj_out: linear(dim, out_dim, vb.pp("proj_out"))?,
            out_modulation: vb.get((1, 2, dim), "scale_shift_table")?,
            config,
        })
    }

    /// Sinusoidal timestep features [N, freq_dim]: cos first (flip_sin_to_cos), no shift.
    fn timestep_features(&self, t: &[f32], device: &Device) -> Result<Tensor> {
        let half = self.config.freq_dim / 2;
        let mut out = Vec::with_capacity(t.len() * half * 2);
        let freqs: Vec<f32> = (0..half).map(|i| (-(10000f32.ln()) * i as f32 / half as f32).exp()).collect();
        for &ts in t {
            out.extend(freqs.iter().map(|f| (ts * f).cos()));
            out.extend(freqs.iter().map(|f| (ts * f).sin()));
        }
        Ok(Tensor::from_vec(out, (t.len(), half * 2), device)?)
    }

    /// Flow prediction for latents [B, C, F, H, W]. `timesteps` holds B values, or B x L
    /// (one per token after patchify) for Wan 2.2's per-token timesteps; `text` [B, S, text_dim].
    pub fn forward(&self, latents: &Tensor, timesteps: &[f32], per_token: bool, text: &Tensor) -> Result<Tensor> {
        let (b, c, f, h, w) = latents.dims5()?;
        let [pt, ph, pw] = self.config.patch_size;
        let (gf, gh, gw) = (f / pt, h / ph, w / pw);
        let seq = gf * gh * gw;
        let dim = self.config.inner_dim();
        let dtype = latents.dtype();
        let device = latents.device();
        // Patchify: [B, C, gf, pt, gh, ph, gw, pw] → [B, gf, gh, gw, C, pt, ph, pw] → one matmul.
        let patches = latents
            .reshape(vec![b, c, gf, pt, gh, ph, gw, pw])?
            .permute(vec![0, 2, 4, 6, 1, 3, 5, 7])?
            .reshape((b, seq, c * pt * ph * pw))?;
        let weight = self.patch_weight.reshape((dim, c * pt * ph * pw))?.to_dtype(dtype)?;
        let mut x = patches.broadcast_matmul(&weight.t()?)?.broadcast_add(&self.patch_bias.to_dtype(dtype)?)?;

        let expected = if per_token { b * seq } else { b };
        if timesteps.len() != expected {
            return Err(WanError::Config {
                path: "transformer".into(),
                reason: format!("{} timesteps for {expected} slots", timesteps.len()),
            });
        }
        let temb = self
            .time_2
            .forward(&self.time_1.forward(&self.timestep_features(timesteps, device)?.to_dtype(dtype)?)?.silu()?)?;
        let proj = self.time_proj.forward(&temb.silu()?)?;
        let (temb, proj) = if per_token {
            (temb.reshape((b, seq, dim))?, proj.reshape((b, seq, 6, dim))?)
        } else {
            (temb.reshape((b, dim))?, proj.reshape((b, 6, dim))?)
        };
        let context = lin(&self.text_2, &lin(&self.text_1, text, Activation::GeluTanh)?, Activation::None)?;
        let rope = Rope::new(self.config.attention_head_dim, (gf, gh, gw), device)?;
        for block in &self.blocks {
            x = block.forward(&x, &context, &proj, &rope)?;
        }
        // Output modulation: (table + temb) → shift, scale.
        let table = self.out_modulation.to_dtype(DType::F32)?;
        let temb = temb.to_dtype(DType::F32)?;
        let sum = if per_token {
            temb.unsqueeze(2)?.broadcast_add(&table.unsqueeze(0)?)?
        } else {
            temb.unsqueeze(1)?.broadcast_add(&table)?.unsqueeze(1)?
        };
        let shift = sum.narrow(2, 0, 1)?.squeeze(2)?.contiguous()?;
        let scale = sum.narrow(2, 1, 1)?.squeeze(2)?.contiguous()?;
        let x = self.norm_out.modulated(&x, &scale, &shift, dtype)?;
        let x = lin(&self.proj_out, &x, Activation::None)?;
        // Unpatchify: [B, gf, gh, gw, pt, ph, pw, C] → [B, C, gf, pt, gh, ph, gw, pw].
        let out_c = self.config.out_channels;
        Ok(x.reshape(vec![b, gf, gh, gw, pt, ph, pw, out_c])?
            .permute(vec![0, 7, 1, 4, 2, 5, 3, 6])?
            .reshape((b, out_c, f, h, w))?)
    }
}
