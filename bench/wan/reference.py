#!/usr/bin/env python3
"""Reference timings for `kino-bench wan`: a mid-size random Wan 2.1-structured transformer
and VAE in diffusers (PyTorch, CPU, float32), saved to OUTDIR so the Rust side loads the
same weights, then one denoising step (cond + uncond forwards, as CFG runs them) and one
VAE decode of 17 frames at 256x256 are timed (best of RUNS). Prints JSON on stdout.

    target/wan-venv/bin/python bench/wan/reference.py OUTDIR [RUNS]
"""
import json
import resource
import sys
import time
from pathlib import Path

import torch
from diffusers import AutoencoderKLWan, WanTransformer3DModel

out = Path(sys.argv[1])
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
threads = torch.get_num_threads()
torch.manual_seed(0)

# Hidden 512 (4 heads x 128), 8 layers; 17 frames at 256x256 -> latents [1, 16, 5, 32, 32].
transformer = WanTransformer3DModel(
    patch_size=(1, 2, 2), num_attention_heads=4, attention_head_dim=128, in_channels=16, out_channels=16,
    text_dim=512, freq_dim=256, ffn_dim=2048, num_layers=8, cross_attn_norm=True,
    qk_norm="rms_norm_across_heads", eps=1e-6, rope_max_seq_len=1024,
).eval()
vae = AutoencoderKLWan(base_dim=96, z_dim=16, dim_mult=[1, 2, 4, 4], num_res_blocks=2,
                       temperal_downsample=[False, True, True]).eval()
transformer.save_pretrained(out / "transformer")
vae.save_pretrained(out / "vae")

g = torch.Generator().manual_seed(1)
latents = torch.randn(1, 16, 5, 32, 32, generator=g)
text = torch.randn(1, 512, 512, generator=g)
neg = torch.randn(1, 512, 512, generator=g)
t = torch.tensor([500])


def best(fn):
    fn()  # warm-up
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


with torch.inference_mode():
    step = best(lambda: (transformer(latents, t, text, return_dict=False)[0],
                         transformer(latents, t, neg, return_dict=False)[0]))
    decode = best(lambda: vae.decode(latents, return_dict=False)[0])

print(json.dumps({
    "torch": torch.__version__, "threads": threads, "runs": runs,
    "step_s": step, "decode_s": decode,
    "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
}))
