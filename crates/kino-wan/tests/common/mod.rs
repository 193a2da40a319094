//! What the parity tests share: the fixtures, their references, the device they run on, and
//! how far two tensors are apart.
use std::collections::HashMap;
use std::path::{Path, PathBuf};

use candle_core::{DType, Device, Tensor};

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

pub fn reference(name: &str) -> HashMap<String, Tensor> {
    candle_core::safetensors::load(fixtures().join("reference").join(format!("{name}.safetensors")), &device()).unwrap()
}

/// Where the tests run: `KINO_WAN_TEST_DEVICE=cuda` (or `cuda:N`) on a machine with an NVIDIA
/// GPU and a `--features cuda` build; the CPU otherwise. A CPU build asked for CUDA fails.
pub fn device() -> Device {
    match std::env::var("KINO_WAN_TEST_DEVICE").as_deref() {
        Ok(d) if d.starts_with("cuda") => {
            let n = d.strip_prefix("cuda:").and_then(|n| n.parse().ok()).unwrap_or(0);
            Device::new_cuda(n).expect("KINO_WAN_TEST_DEVICE names a CUDA device: this needs a --features cuda build")
        }
        _ => Device::Cpu,
    }
}

pub fn max_diff(a: &Tensor, b: &Tensor) -> f32 {
    assert_eq!(a.dims(), b.dims(), "shapes");
    let d = (a.to_dtype(DType::F32).unwrap() - b.to_dtype(DType::F32).unwrap()).unwrap().abs().unwrap();
    d.flatten_all().unwrap().max(0).unwrap().to_scalar::<f32>().unwrap()
}
