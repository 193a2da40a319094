//! UMT5's encoder (transformers' `UMT5EncoderModel`), the text encoder of every Wan model:
//! T5 blocks with RMS norms before each sub-layer, unscaled attention with a learned
//! relative-position bias in every layer (UMT5's difference from T5, which shares the first
//! layer's), and a gated-GELU feed-forward.
use candle_core::{DType, Device, Module, Tensor};
use candle_nn::{Embedding, Linear, VarBuilder, embedding, linear_no_bias};
use serde::Deserialize;

use crate::error::Result;
use crate::norm::RmsNorm;

#[derive(Debug, Clone, Deserialize)]
pub struct Umt5Config {
    pub vocab_size: usize,
    pub d_model: usize,
    pub d_kv: usize,
    pub d_ff: usize,
    pub num_layers: usize,
    pub num_heads: usize,
    pub relative_attention_num_buckets: usize,
    pub relative_attention_max_distance: usize,
    #[serde(default = "default_eps")]
    pub layer_norm_epsilon: f64,
    #[serde(default = "default_ff")]
    pub feed_forward_proj: String,
}

fn default_eps() -> f64 {
    1e-6
}
fn default_ff() -> String {
    "gated-gelu".into()
}

struct SelfAttention {
    q: Linear,
    k: Linear,
    v: Linear,
    o: Linear,
    bias: Embedding,
    heads: usize,
    d_kv: usize,
    buckets: usize,
    max_distance: usize,
}

impl SelfAttention {
    fn new(c: &Umt5Config, vb: VarBuilder) -> Result<Self> {
        let inner = c.num_heads * c.d_kv;
        Ok(Self {
            q: linear_no_bias(c.d_model, inner, vb.pp("q"))?,
            k: linear_no_bias(c.d_model, inner, vb.pp("k"))?,
            v: linear_no_bias(c.d_model, inner, vb.pp("v"))?,
            o: linear_no_bias(inner, c.d_model, vb.pp("o"))?,
            bias: embedding(c.relative_attention_num_buckets, c.num_heads, vb.pp("relative_attention_bias"))?,
            heads: c.num_heads,
            d_kv: c.d_kv,
            buckets: c.relative_attention_num_buckets,
            max_distance: c.relative_attention_max_distance,
        })
    }

    /// The bias [1, heads, len, len] from bucketed key-minus-query distances (bidirectional).
    fn position_bias(&self, len: usize, device: &Device) -> Result<Tensor> {
        let half = self.buckets / 2;
        let max_exact = half / 2;
        let mut ids = Vec::with_capacity(len * len);
        for q in 0..len as i64 {
            for k in 0..len as i64 {
                let rel = k - q;
                let mut bucket = if rel > 0 { half } else { 0 };
                let n = rel.unsigned_abs() as usize;
                bucket += if n < max_exact {
                    n
                } else {
                    let large = max_exact as f32
                        + ((n as f32 / max_exact as f32).ln() / (self.max_distance as f32 / max_exact as f32).ln()
                            * (half - max_exact) as f32);
                    (large as usize).min(half - 1)
                };
                ids.push(bucket as u32);
            }
        }
        let ids = Tensor::from_vec(ids, (len, len), device)?;
        Ok(self.bias.forward(&ids)?.permute((2, 0, 1))?.unsqueeze(0)?)
    }

    fn forward(&self, x: &Tensor, mask_bias: &Tensor) -> Result<Tensor> {
        let (b, len, _) = x.dims3()?;
        let split = |t: Tensor| -> Result<Tensor> {
            Ok(t.reshape((b, len, self.heads, self.d_kv))?.transpose(1, 2)?.contiguous()?)
        };
        let q = split(self.q.forward(x)?)?;
        let k = split(self.k.forward(x)?)?;
        let v = split(self.v.forward(x)?)?;
        let bias = self.position_bias(len, x.device())?.to_dtype(x.dtype())?.broadcast_add(mask_bias)?;
        let scores = q.matmul(&k.t()?)?.broadcast_add(&bias)?;
        let weights = candle_nn::ops::softmax_last_dim(&scores.to_dtype(DType::F32)?)?.to_dtype(x.dtype())?;
        let out = weights.matmul(&v)?.transpose(1, 2)?.reshape((b, len, self.heads * self.d_kv))?;
        Ok(self.o.forward(&out)?)
    }
}

struct GatedFf {
    wi_0: Linear,
    wi_1: Linear,
    wo: Linear,
}

impl GatedFf {
    fn forward(&self, x: &Tensor) -> Result<Tensor> {
        // "gated-gelu" is gelu_new: the tanh approximation.
        let gate = self.wi_0.forward(x)?.gelu()?;
        Ok(self.wo.forward(&(gate * self.wi_1.forward(x)?)?)?)
    }
}

struct Block {
    attn_norm: RmsNorm,
    attn: SelfAttention,
    ff_norm: RmsNorm,
    ff: GatedFf,
}

pub struct Umt5Encoder {
    embed: Embedding,
    blocks: Vec<Block>,
    final_norm: RmsNorm,
    pub config: Umt5Config,
}

impl Umt5Encoder {
    /// Weights as transformers saves `UMT5EncoderModel` (`shared`, `encoder.block.N.layer.M…`).
    pub fn new(config: Umt5Config, vb: VarBuilder) -> Result<Self> {
        if config.feed_forward_proj != "gated-gelu" {
            return Err(crate::WanError::Config {
                path: "text_encoder/config.json".into(),
                reason: format!("feed_forward_proj {} (UMT5 uses gated-gelu)", config.feed_forward_proj),
            });
        }
        let embed = embedding(config.vocab_size, config.d_model, vb.pp("shared"))?;
        let enc = vb.pp("encoder");
        let mut blocks = Vec::with_capacity(config.num_layers);
        for i in 0..config.num_layers {
            let layer = enc.pp("block").pp(i).pp("layer");
            let (l0, l1) = (layer.pp(0), layer.pp(1));
            let ff = l1.pp("DenseReluDense");
            blocks.push(Block {
                attn_norm: RmsNorm::new(config.d_model, config.layer_norm_epsilon, l0.pp("layer_norm"))?,
                attn: SelfAttention::new(&config, l0.pp("SelfAttention"))?,
                ff_norm: RmsNorm::new(config.d_model, config.layer_norm_epsilon, l1.pp("layer_norm"))?,
                ff: GatedFf {
                    wi_0: linear_no_bias(config.d_model, config.d_ff, ff.pp("wi_0"))?,
                    wi_1: linear_no_bias(config.d_model, config.d_ff, ff.pp("wi_1"))?,
                    wo: linear_no_bias(config.d_ff, config.d_model, ff.pp("wo"))?,
                },
            });
        }
        let final_norm = RmsNorm::new(config.d_model, config.layer_norm_epsilon, enc.pp("final_layer_norm"))?;
        Ok(Self { embed, blocks, final_norm, config })
    }

    /// `last_hidden_state` [batch, len, d_model] for token ids and a 0/1 attention mask [batch, len].
    pub fn forward(&self, ids: &Tensor, mask: &Tensor) -> Result<Tensor> {
        let mut x = self.embed.forward(ids)?;
        // Masked keys get the most negative value (transformers: (1 - mask) * finfo.min).
        let min = f64::from(f32::MIN);
        let mask_bias =
            mask.to_dtype(DType::F32)?.affine(-min, min)?.unsqueeze(1)?.unsqueeze(1)?.to_dtype(x.dtype())?;
        for block in &self.blocks {
            let h = block.attn.forward(&block.attn_norm.forward(&x)?, &mask_bias)?;
            x = (x + h)?;
            let h = block.ff.forward(&block.ff_norm.forward(&x)?)?;
            x = (x + h)?;
        }
        self.final_norm.forward(&x)
    }
}
