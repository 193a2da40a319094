//! diffusers' `AutoencoderKLWan`, both variants: Wan 2.1 (8x spatial, 4x temporal, 16
//! channels) and Wan 2.2 (2x2 patchify, residual down/up blocks with averaging shortcuts,
//! 16x spatial, 48 channels). Causal 3D convolutions run chunk by chunk with the same
//! feature caches diffusers keeps (one latent frame per decoder call, 1 then 4 frames per
//! encoder call), including the first chunk's special cases, so outputs match it exactly.
use candle_core::{DType, Tensor};
use candle_nn::VarBuilder;
use serde::Deserialize;

use crate::error::{Result, WanError};

const CACHE_T: usize = 2;

#[derive(Debug, Clone, Deserialize)]
pub struct VaeConfig {
    pub base_dim: usize,
    #[serde(default)]
    pub decoder_base_dim: Option<usize>,
    pub z_dim: usize,
    pub dim_mult: Vec<usize>,
    pub num_res_blocks: usize,
    #[serde(default)]
    pub attn_scales: Vec<f64>,
    pub temperal_downsample: Vec<bool>,
    pub latents_mean: Vec<f64>,
    pub latents_std: Vec<f64>,
    #[serde(default)]
    pub is_residual: bool,
    #[serde(default = "three")]
    pub in_channels: usize,
    #[serde(default = "three")]
    pub out_channels: usize,
    #[serde(default)]
    pub patch_size: Option<usize>,
    #[serde(default = "four")]
    pub scale_factor_temporal: usize,
    #[serde(default = "eight")]
    pub scale_factor_spatial: usize,
}

fn three() -> usize {
    3
}
fn four() -> usize {
    4
}
fn eight() -> usize {
    8
}

/// One conv's cache across chunks: nothing yet, the upsampler's first-chunk marker, or the
/// last frames of its input.
#[derive(Clone)]
enum Slot {
    Empty,
    Rep,
    Frames(Tensor),
}

struct Cache {
    slots: Vec<Slot>,
    idx: usize,
}

impl Cache {
    fn new() -> Self {
        Self { slots: Vec::new(), idx: 0 }
    }

    fn take(&mut self) -> (usize, Slot) {
        let i = self.idx;
        if self.slots.len() <= i {
            self.slots.resize(i + 1, Slot::Empty);
        }
        self.idx += 1;
        (i, self.slots[i].clone())
    }
}

/// The last `n` frames (or all) of [B, C, T, H, W].
fn tail(x: &Tensor, n: usize) -> Result<Tensor> {
    let t = x.dim(2)?;
    Ok(x.narrow(2, t.saturating_sub(n), t.min(n))?)
}

struct CausalConv3d {
    weight: Tensor,
    bias: Tensor,
    kernel: [usize; 3],
    stride_t: usize,
    stride_s: usize,
    /// Temporal padding at the front (2 x the declared padding); spatial on both sides.
    pad_t: usize,
    pad_s: usize,
}

impl CausalConv3d {
    fn new(
        vb: VarBuilder,
        cin: usize,
        cout: usize,
        kernel: [usize; 3],
        stride: [usize; 3],
        padding: [usize; 3],
    ) -> Result<Self> {
        Ok(Self {
            weight: vb.get((cout, cin, kernel[0], kernel[1], kernel[2]), "weight")?,
            bias: vb.get(cout, "bias")?,
            kernel,
            stride_t: stride[0],
            stride_s: stride[1],
            pad_t: 2 * padding[0],
            pad_s: padding[1],
        })
    }

    fn cube(vb: VarBuilder, cin: usize, cout: usize, k: usize) -> Result<Self> {
        let p = k / 2;
        Self::new(vb, cin, cout, [k, k, k], [1, 1, 1], [p, p, p])
    }

    fn forward(&self, x: &Tensor, cache: Option<&Tensor>) -> Result<Tensor> {
        // index_select below needs contiguous input (a chunk may be a narrow view).
        let mut x = x.contiguous()?;
        let mut pad = self.pad_t;
        if let (Some(c), true) = (cache, pad > 0) {
            pad -= c.dim(2)?.min(pad);
            x = Tensor::cat(&[c, &x], 2)?;
        }
        if pad > 0 {
            x = x.pad_with_zeros(2, pad, 0)?;
        }
        if let Some(y) =
            crate::cpu::conv::conv3d(&x, &self.weight, &self.bias, self.stride_t, self.stride_s, self.pad_s)?
        {
            return Ok(y);
        }
        let (b, cin, t, h, w) = x.dims5()?;
        let [kt, _, _] = self.kernel;
        let t_out = (t - kt) / self.stride_t + 1;
        let cout = self.weight.dim(0)?;
        let mut out: Option<Tensor> = None;
        for k in 0..kt {
            let idx: Vec<u32> = (0..t_out).map(|o| (o * self.stride_t + k) as u32).collect();
            let idx = Tensor::from_vec(idx, t_out, x.device())?;
            let frames = x.index_select(&idx, 2)?.permute((0, 2, 1, 3, 4))?.reshape((b * t_out, cin, h, w))?;
            let kernel = self.weight.narrow(2, k, 1)?.squeeze(2)?.contiguous()?;
            let y = frames.conv2d(&kernel, self.pad_s, self.stride_s, 1, 1)?;
            out = Some(match out {
                None => y,
                Some(acc) => (acc + y)?,
            });
        }
        let y = out.expect("kernel has at least one tap");
        let (_, _, ho, wo) = y.dims4()?;
        let y = y.broadcast_add(&self.bias.reshape((1, cout, 1, 1))?)?;
        Ok(y.reshape((b, t_out, cout, ho, wo))?.permute((0, 2, 1, 3, 4))?.contiguous()?)
    }

    /// The conv with diffusers' per-slot cache: the slot keeps the last two input frames.
    fn cached(&self, x: &Tensor, cache: &mut Cache) -> Result<Tensor> {
        let (i, slot) = cache.take();
        let mut keep = tail(x, CACHE_T)?;
        let prev = match &slot {
            Slot::Frames(p) => Some(p.clone()),
            _ => None,
        };
        if keep.dim(2)? < 2
            && let Some(p) = &prev
        {
            keep = Tensor::cat(&[&tail(p, 1)?, &keep], 2)?;
        }
        let y = self.forward(x, prev.as_ref())?;
        cache.slots[i] = Slot::Frames(keep);
        Ok(y)
    }
}

/// A plain 2D conv applied to every frame.
struct Conv2d {
    /// [O, C, 1, k, k]: a 3D kernel one frame deep.
    weight: Tensor,
    bias: Tensor,
    padding: usize,
    stride: usize,
}

impl Conv2d {
    fn new(vb: VarBuilder, cin: usize, cout: usize, k: usize, padding: usize, stride: usize) -> Result<Self> {
        Ok(Self {
            weight: vb.get((cout, cin, k, k), "weight")?.unsqueeze(2)?,
            bias: vb.get(cout, "bias")?,
            padding,
            stride,
        })
    }

    /// x [B, C, T, H, W], each frame on its own.
    fn forward(&self, x: &Tensor) -> Result<Tensor> {
        if let Some(y) = crate::cpu::conv::conv3d(x, &self.weight, &self.bias, 1, self.stride, self.padding)? {
            return Ok(y);
        }
        let (b, c, t, h, w) = x.dims5()?;
        let frames = x.permute((0, 2, 1, 3, 4))?.reshape((b * t, c, h, w))?;
        let y = frames.conv2d(&self.weight.squeeze(2)?, self.padding, self.stride, 1, 1)?;
        let y = y.broadcast_add(&self.bias.reshape((1, (), 1, 1))?)?;
        let (_, o, ho, wo) = y.dims4()?;
        Ok(y.reshape((b, t, o, ho, wo))?.permute((0, 2, 1, 3, 4))?.contiguous()?)
    }
}

/// x / max(||x||, 1e-12) over channels, times sqrt(C) and gamma.
struct RmsNorm {
    gamma: Tensor,
    scale: f64,
}

impl RmsNorm {
    fn new(vb: VarBuilder, dim: usize, images: bool) -> Result<Self> {
        let gamma = if images { vb.get((dim, 1, 1), "gamma")? } else { vb.get((dim, 1, 1, 1), "gamma")? };
        Ok(Self { gamma: gamma.flatten_all()?, scale: (dim as f64).sqrt() })
    }

    /// Channels on axis 1, any rank.
    fn forward(&self, x: &Tensor) -> Result<Tensor> {
        self.run(x, false)
    }

    /// The norm followed by SiLU.
    fn forward_silu(&self, x: &Tensor) -> Result<Tensor> {
        self.run(x, true)
    }

    fn run(&self, x: &Tensor, silu: bool) -> Result<Tensor> {
        if let Some(y) = crate::cpu::norm::channel_rms(x, &self.gamma, silu)? {
            return Ok(y);
        }
        let dtype = x.dtype();
        let x32 = x.to_dtype(DType::F32)?;
        let norm = x32.sqr()?.sum_keepdim(1)?.sqrt()?.maximum(1e-12)?;
        let mut shape = vec![1; x.rank()];
        shape[1] = self.gamma.dim(0)?;
        let gamma = self.gamma.to_dtype(DType::F32)?.reshape(shape)?;
        let y = (x32.broadcast_div(&norm)? * self.scale)?.broadcast_mul(&gamma)?.to_dtype(dtype)?;
        if silu { Ok(y.silu()?) } else { Ok(y) }
    }
}

struct ResBlock {
    norm1: RmsNorm,
    conv1: CausalConv3d,
    norm2: RmsNorm,
    conv2: CausalConv3d,
    shortcut: Option<CausalConv3d>,
}

impl ResBlock {
    fn new(vb: VarBuilder, cin: usize, cout: usize) -> Result<Self> {
        Ok(Self {
            norm1: RmsNorm::new(vb.pp("norm1"), cin, false)?,
            conv1: CausalConv3d::cube(vb.pp("conv1"), cin, cout, 3)?,
            norm2: RmsNorm::new(vb.pp("norm2"), cout, false)?,
            conv2: CausalConv3d::cube(vb.pp("conv2"), cout, cout, 3)?,
            shortcut: if cin != cout { Some(CausalConv3d::cube(vb.pp("conv_shortcut"), cin, cout, 1)?) } else { None },
        })
    }

    fn forward(&self, x: &Tensor, cache: &mut Cache) -> Result<Tensor> {
        let h = match &self.shortcut {
            Some(s) => s.forward(x, None)?,
            None => x.clone(),
        };
        let y = self.conv1.cached(&self.norm1.forward_silu(x)?, cache)?;
        let y = self.conv2.cached(&self.norm2.forward_silu(&y)?, cache)?;
        Ok((y + h)?)
    }
}

/// Single-head attention within each frame.
struct AttnBlock {
    norm: RmsNorm,
    to_qkv: Conv2d,
    proj: Conv2d,
}

impl AttnBlock {
    fn new(vb: VarBuilder, dim: usize) -> Result<Self> {
        Ok(Self {
            norm: RmsNorm::new(vb.pp("norm"), dim, true)?,
            to_qkv: Conv2d::new(vb.pp("to_qkv"), dim, dim * 3, 1, 0, 1)?,
            proj: Conv2d::new(vb.pp("proj"), dim, dim, 1, 0, 1)?,
        })
    }

    fn forward(&self, x: &Tensor) -> Result<Tensor> {
        let (b, c, t, h, w) = x.dims5()?;
        let qkv = self.to_qkv.forward(&self.norm.forward(x)?)?; // [B, 3C, T, H, W]
        let qkv = qkv.permute((0, 2, 3, 4, 1))?.reshape((b * t, h * w, 3 * c))?;
        let q = qkv.narrow(2, 0, c)?.contiguous()?;
        let k = qkv.narrow(2, c, c)?.contiguous()?;
        let v = qkv.narrow(2, 2 * c, c)?.contiguous()?;
        let scale = 1.0 / (c as f64).sqrt();
        let fused = match crate::cpu::norm::qk_prepare(&q, None, 0.0, c, None, scale as f32)? {
            Some(q) => crate::cpu::attention::attention(&q, &k, &v, 1)?,
            None => None,
        };
        let y = match fused {
            Some(y) => y,
            None => candle_nn::ops::softmax_last_dim(&(q.matmul(&k.t()?)? * scale)?)?.matmul(&v)?, // [N, HW, C]
        };
        let y = y.reshape((b, t, h, w, c))?.permute((0, 4, 1, 2, 3))?.contiguous()?;
        Ok((self.proj.forward(&y)? + x)?)
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Mode {
    Up2d,
    Up3d,
    Down2d,
    Down3d,
}

struct Resample {
    mode: Mode,
    conv: Conv2d,
    time_conv: Option<CausalConv3d>,
}

impl Resample {
    fn new(vb: VarBuilder, dim: usize, mode: Mode, up_out: usize) -> Result<Self> {
        let (conv, time_conv) = match mode {
            Mode::Up2d => (Conv2d::new(vb.pp("resample").pp(1), dim, up_out, 3, 1, 1)?, None),
            Mode::Up3d => (
                Conv2d::new(vb.pp("resample").pp(1), dim, up_out, 3, 1, 1)?,
                Some(CausalConv3d::new(vb.pp("time_conv"), dim, dim * 2, [3, 1, 1], [1, 1, 1], [1, 0, 0])?),
            ),
            Mode::Down2d => (Conv2d::new(vb.pp("resample").pp(1), dim, dim, 3, 0, 2)?, None),
            Mode::Down3d => (
                Conv2d::new(vb.pp("resample").pp(1), dim, dim, 3, 0, 2)?,
                Some(CausalConv3d::new(vb.pp("time_conv"), dim, dim, [3, 1, 1], [2, 1, 1], [0, 0, 0])?),
            ),
        };
        Ok(Self { mode, conv, time_conv })
    }

    fn forward(&self, x: &Tensor, cache: &mut Cache) -> Result<Tensor> {
        let (b, c, t, h, w) = x.dims5()?;
        let mut x = x.clone();
        if self.mode == Mode::Up3d {
            let tc = self.time_conv.as_ref().expect("upsample3d has a time conv");
            let (i, slot) = cache.take();
            match slot {
                // The first chunk is not doubled in time.
                Slot::Empty => cache.slots[i] = Slot::Rep,
                slot => {
                    let mut keep = tail(&x, CACHE_T)?;
                    if keep.dim(2)? < 2 {
                        let first = match &slot {
                            Slot::Frames(p) => tail(p, 1)?,
                            _ => keep.zeros_like()?,
                        };
                        keep = Tensor::cat(&[&first, &keep], 2)?;
                    }
                    let y = match &slot {
                        Slot::Frames(p) => tc.forward(&x, Some(p))?,
                        _ => tc.forward(&x, None)?,
                    };
                    cache.slots[i] = Slot::Frames(keep);
                    // [B, 2C, T, H, W] → [B, 2, C, T, H, W] → frames interleaved → [B, C, 2T, H, W]
                    let y = y.reshape(vec![b, 2, c, t, h, w])?;
                    let y = Tensor::stack(&[y.narrow(1, 0, 1)?.squeeze(1)?, y.narrow(1, 1, 1)?.squeeze(1)?], 3)?;
                    x = y.reshape((b, c, t * 2, h, w))?;
                }
            }
        }
        let t = x.dim(2)?;
        let x = match self.mode {
            // Nearest 2x on every frame of every channel at once.
            Mode::Up2d | Mode::Up3d => x
                .contiguous()?
                .reshape((b, c * t, h, w))?
                .upsample_nearest2d(h * 2, w * 2)?
                .reshape((b, c, t, h * 2, w * 2))?,
            Mode::Down2d | Mode::Down3d => x.pad_with_zeros(3, 0, 1)?.pad_with_zeros(4, 0, 1)?,
        };
        let mut x = self.conv.forward(&x)?;
        if self.mode == Mode::Down3d {
            let tc = self.time_conv.as_ref().expect("downsample3d has a time conv");
            let (i, slot) = cache.take();
            match slot {
                Slot::Frames(p) => {
                    let keep = tail(&x, 1)?;
                    x = tc.forward(&Tensor::cat(&[&tail(&p, 1)?, &x], 2)?, None)?;
                    cache.slots[i] = Slot::Frames(keep);
                }
                _ => cache.slots[i] = Slot::Frames(x.clone()),
            }
        }
        Ok(x)
    }
}

/// Wan 2.2's shortcut: average groups of channels after folding time and space into them.
struct AvgDown {
    cout: usize,
    ft: usize,
    fs: usize,
}

impl AvgDown {
    fn forward(&self, x: &Tensor) -> Result<Tensor> {
        let (ft, fs) = (self.ft, self.fs);
        let t0 = x.dim(2)?;
        let pad = (ft - t0 % ft) % ft;
        let x = if pad > 0 { x.pad_with_zeros(2, pad, 0)? } else { x.clone() };
        let (b, c, t, h, w) = x.dims5()?;
        let x = x
            .reshape(vec![b, c, t / ft, ft, h / fs, fs, w / fs, fs])?
            .permute(vec![0, 1, 3, 5, 7, 2, 4, 6])?
            .reshape(vec![b, self.cout, c * ft * fs * fs / self.cout, t / ft, h / fs, w / fs])?;
        Ok(x.mean(2)?)
    }
}

/// Wan 2.2's up shortcut: repeat channels, unfold them into time and space.
struct DupUp {
    cout: usize,
    repeats: usize,
    ft: usize,
    fs: usize,
}

impl DupUp {
    fn forward(&self, x: &Tensor, first_chunk: bool) -> Result<Tensor> {
        let (b, c, t, h, w) = x.dims5()?;
        // repeat_interleave on channels.
        let x = x.unsqueeze(2)?.repeat(vec![1, 1, self.repeats, 1, 1, 1])?.reshape((b, c * self.repeats, t, h, w))?;
        let (ft, fs) = (self.ft, self.fs);
        let x = x
            .reshape(vec![b, self.cout, ft, fs, fs, t, h, w])?
            .permute(vec![0, 1, 5, 2, 6, 3, 7, 4])?
            .reshape((b, self.cout, t * ft, h * fs, w * fs))?;
        if first_chunk { Ok(x.narrow(2, ft - 1, t * ft - (ft - 1))?) } else { Ok(x) }
    }
}

enum Layer {
    Res(ResBlock),
    Attn(AttnBlock),
    Resample(Resample),
    /// Wan 2.2: residual blocks, optional resample, plus an averaging shortcut.
    ResidualDown {
        resnets: Vec<ResBlock>,
        down: Option<Resample>,
        shortcut: AvgDown,
    },
    ResidualUp {
        resnets: Vec<ResBlock>,
        up: Option<Resample>,
        shortcut: Option<DupUp>,
    },
    Up {
        resnets: Vec<ResBlock>,
        up: Option<Resample>,
    },
}

impl Layer {
    fn forward(&self, x: &Tensor, cache: &mut Cache, first_chunk: bool) -> Result<Tensor> {
        match self {
            Layer::Res(r) => r.forward(x, cache),
            Layer::Attn(a) => a.forward(x),
            Layer::Resample(r) => r.forward(x, cache),
            Layer::ResidualDown { resnets, down, shortcut } => {
                let mut y = x.clone();
                for r in resnets {
                    y = r.forward(&y, cache)?;
                }
                if let Some(d) = down {
                    y = d.forward(&y, cache)?;
                }
                Ok((y + shortcut.forward(x)?)?)
            }
            Layer::ResidualUp { resnets, up, shortcut } => {
                let mut y = x.clone();
                for r in resnets {
                    y = r.forward(&y, cache)?;
                }
                if let Some(u) = up {
                    y = u.forward(&y, cache)?;
                }
                match shortcut {
                    Some(s) => Ok((y + s.forward(x, first_chunk)?)?),
                    None => Ok(y),
                }
            }
            Layer::Up { resnets, up } => {
                let mut y = x.clone();
                for r in resnets {
                    y = r.forward(&y, cache)?;
                }
                match up {
                    Some(u) => u.forward(&y, cache),
                    None => Ok(y),
                }
            }
        }
    }
}

struct Mid {
    res0: ResBlock,
    attn: AttnBlock,
    res1: ResBlock,
}

impl Mid {
    fn new(vb: VarBuilder, dim: usize) -> Result<Self> {
        Ok(Self {
            res0: ResBlock::new(vb.pp("resnets").pp(0), dim, dim)?,
            attn: AttnBlock::new(vb.pp("attentions").pp(0), dim)?,
            res1: ResBlock::new(vb.pp("resnets").pp(1), dim, dim)?,
        })
    }

    fn forward(&self, x: &Tensor, cache: &mut Cache) -> Result<Tensor> {
        let x = self.res0.forward(x, cache)?;
        let x = self.attn.forward(&x)?;
        self.res1.forward(&x, cache)
    }
}

/// Encoder or decoder: conv_in, layers (down or up), mid block (before the layers when
/// decoding), norm, SiLU, conv_out.
struct Coder {
    conv_in: CausalConv3d,
    layers: Vec<Layer>,
    mid: Mid,
    norm_out: RmsNorm,
    conv_out: CausalConv3d,
    decoder: bool,
}

impl Coder {
    fn forward(&self, x: &Tensor, cache: &mut Cache, first_chunk: bool) -> Result<Tensor> {
        cache.idx = 0;
        let mut x = self.conv_in.cached(x, cache)?;
        if self.decoder {
            x = self.mid.forward(&x, cache)?;
        }
        for layer in &self.layers {
            x = layer.forward(&x, cache, first_chunk)?;
        }
        if !self.decoder {
            x = self.mid.forward(&x, cache)?;
        }
        let x = self.norm_out.forward_silu(&x)?;
        self.conv_out.cached(&x, cache)
    }
}

pub struct WanVae {
    pub config: VaeConfig,
    encoder: Coder,
    decoder: Coder,
    quant_conv: CausalConv3d,
    post_quant_conv: CausalConv3d,
}

fn encoder(c: &VaeConfig, vb: VarBuilder) -> Result<Coder> {
    let dims: Vec<usize> = std::iter::once(1).chain(c.dim_mult.iter().copied()).map(|m| c.base_dim * m).collect();
    let n = c.dim_mult.len();
    let blocks = vb.pp("down_blocks");
    let mut layers = Vec::new();
    let mut scale = 1.0;
    let mut out_dim = dims[0];
    for i in 0..n {
        let (mut in_dim, o) = (dims[i], dims[i + 1]);
        out_dim = o;
        let last = i == n - 1;
        if c.is_residual {
            let b = blocks.pp(i);
            let temporal = !last && c.temperal_downsample[i];
            let mut resnets = Vec::new();
            for j in 0..c.num_res_blocks {
                resnets.push(ResBlock::new(b.pp("resnets").pp(j), in_dim, o)?);
                in_dim = o;
            }
            let down = if last {
                None
            } else {
                Some(Resample::new(b.pp("downsampler"), o, if temporal { Mode::Down3d } else { Mode::Down2d }, o)?)
            };
            let (ft, fs) = (if temporal { 2 } else { 1 }, if last { 1 } else { 2 });
            layers.push(Layer::ResidualDown { resnets, down, shortcut: AvgDown { cout: o, ft, fs } });
        } else {
            for _ in 0..c.num_res_blocks {
                layers.push(Layer::Res(ResBlock::new(blocks.pp(layers.len()), in_dim, o)?));
                if c.attn_scales.contains(&scale) {
                    layers.push(Layer::Attn(AttnBlock::new(blocks.pp(layers.len()), o)?));
                }
                in_dim = o;
            }
            if !last {
                let mode = if c.temperal_downsample[i] { Mode::Down3d } else { Mode::Down2d };
                layers.push(Layer::Resample(Resample::new(blocks.pp(layers.len()), o, mode, o)?));
                scale /= 2.0;
            }
        }
    }
    Ok(Coder {
        conv_in: CausalConv3d::cube(vb.pp("conv_in"), c.in_channels, dims[0], 3)?,
        layers,
        mid: Mid::new(vb.pp("mid_block"), out_dim)?,
        norm_out: RmsNorm::new(vb.pp("norm_out"), out_dim, false)?,
        conv_out: CausalConv3d::cube(vb.pp("conv_out"), out_dim, c.z_dim * 2, 3)?,
        decoder: false,
    })
}

fn decoder(c: &VaeConfig, vb: VarBuilder) -> Result<Coder> {
    let base = c.decoder_base_dim.unwrap_or(c.base_dim);
    let n = c.dim_mult.len();
    let dims: Vec<usize> =
        std::iter::once(c.dim_mult[n - 1]).chain(c.dim_mult.iter().rev().copied()).map(|m| base * m).collect();
    let upsample: Vec<bool> = c.temperal_downsample.iter().rev().copied().collect();
    let blocks = vb.pp("up_blocks");
    let mut layers = Vec::new();
    let mut out_dim = dims[0];
    for i in 0..n {
        let (mut in_dim, o) = (dims[i], dims[i + 1]);
        out_dim = o;
        if i > 0 && !c.is_residual {
            in_dim /= 2;
        }
        let up_flag = i != n - 1;
        let temporal = up_flag && upsample[i];
        let b = blocks.pp(i);
        let mut resnets = Vec::new();
        let mut cur = in_dim;
        for j in 0..=c.num_res_blocks {
            resnets.push(ResBlock::new(b.pp("resnets").pp(j), cur, o)?);
            cur = o;
        }
        let mode = if temporal { Mode::Up3d } else { Mode::Up2d };
        if c.is_residual {
            let up = if up_flag { Some(Resample::new(b.pp("upsampler"), o, mode, o)?) } else { None };
            let shortcut = if up_flag {
                let (ft, fs) = (if temporal { 2 } else { 1 }, 2);
                Some(DupUp { cout: o, repeats: o * ft * fs * fs / in_dim, ft, fs })
            } else {
                None
            };
            layers.push(Layer::ResidualUp { resnets, up, shortcut });
        } else {
            let up = if up_flag { Some(Resample::new(b.pp("upsamplers").pp(0), o, mode, o / 2)?) } else { None };
            layers.push(Layer::Up { resnets, up });
        }
    }
    Ok(Coder {
        conv_in: CausalConv3d::cube(vb.pp("conv_in"), c.z_dim, dims[0], 3)?,
        layers,
        mid: Mid::new(vb.pp("mid_block"), dims[0])?,
        norm_out: RmsNorm::new(vb.pp("norm_out"), out_dim, false)?,
        conv_out: CausalConv3d::cube(vb.pp("conv_out"), out_dim, c.out_channels, 3)?,
        decoder: true,
    })
}

impl WanVae {
    pub fn new(config: VaeConfig, vb: VarBuilder) -> Result<Self> {
        if config.temperal_downsample.len() != config.dim_mult.len() - 1
            && config.temperal_downsample.len() != config.dim_mult.len()
        {
            return Err(WanError::Config {
                path: "vae/config.json".into(),
                reason: "temperal_downsample does not match dim_mult".into(),
            });
        }
        let z = config.z_dim;
        Ok(Self {
            encoder: encoder(&config, vb.pp("encoder"))?,
            decoder: decoder(&config, vb.pp("decoder"))?,
            quant_conv: CausalConv3d::cube(vb.pp("quant_conv"), z * 2, z * 2, 1)?,
            post_quant_conv: CausalConv3d::cube(vb.pp("post_quant_conv"), z, z, 1)?,
            config,
        })
    }

    /// Video [B, 3, T, H, W] in [-1, 1] → the latent distribution's mean [B, z, 1 + (T-1)/4, …].
    pub fn encode(&self, video: &Tensor) -> Result<Tensor> {
        let x = match self.config.patch_size {
            Some(p) if p > 1 => patchify(video, p)?,
            _ => video.clone(),
        };
        let t = x.dim(2)?;
        let mut cache = Cache::new();
        let mut outs = Vec::new();
        for i in 0..1 + (t - 1) / 4 {
            let chunk = if i == 0 { x.narrow(2, 0, 1)? } else { x.narrow(2, 1 + 4 * (i - 1), 4)? };
            outs.push(self.encoder.forward(&chunk, &mut cache, false)?);
        }
        let enc = self.quant_conv.forward(&Tensor::cat(&outs, 2)?, None)?;
        Ok(enc.narrow(1, 0, self.config.z_dim)?)
    }

    /// Latents (already de-normalised) [B, z, F, h, w] → video [B, 3, 1 + 4(F-1), H, W] in [-1, 1].
    pub fn decode(&self, latents: &Tensor) -> Result<Tensor> {
        let x = self.post_quant_conv.forward(latents, None)?;
        let mut cache = Cache::new();
        let mut outs = Vec::new();
        for i in 0..x.dim(2)? {
            outs.push(self.decoder.forward(&x.narrow(2, i, 1)?, &mut cache, i == 0)?);
        }
        let mut out = Tensor::cat(&outs, 2)?;
        if let Some(p) = self.config.patch_size.filter(|&p| p > 1) {
            out = unpatchify(&out, p)?;
        }
        Ok(out.clamp(-1f32, 1f32)?)
    }

    /// (mean, 1 / std) as [1, z, 1, 1, 1], for (de)normalising latents.
    pub fn latent_stats(&self, device: &candle_core::Device, dtype: DType) -> Result<(Tensor, Tensor)> {
        let z = self.config.z_dim;
        let mean: Vec<f32> = self.config.latents_mean.iter().map(|&v| v as f32).collect();
        let inv: Vec<f32> = self.config.latents_std.iter().map(|&v| (1.0 / v) as f32).collect();
        Ok((
            Tensor::from_vec(mean, (1, z, 1, 1, 1), device)?.to_dtype(dtype)?,
            Tensor::from_vec(inv, (1, z, 1, 1, 1), device)?.to_dtype(dtype)?,
        ))
    }
}

fn patchify(x: &Tensor, p: usize) -> Result<Tensor> {
    let (b, c, t, h, w) = x.dims5()?;
    Ok(x.reshape(vec![b, c, t, h / p, p, w / p, p])?.permute(vec![0, 1, 6, 4, 2, 3, 5])?.reshape((
        b,
        c * p * p,
        t,
        h / p,
        w / p,
    ))?)
}

fn unpatchify(x: &Tensor, p: usize) -> Result<Tensor> {
    let (b, cp, t, h, w) = x.dims5()?;
    let c = cp / (p * p);
    Ok(x.reshape(vec![b, c, p, p, t, h, w])?.permute(vec![0, 1, 4, 5, 3, 6, 2])?.reshape((b, c, t, h * p, w * p))?)
}
