//! A diffusers-format Wan directory: `model_index.json` and the component folders
//! (`tokenizer/`, `text_encoder/`, `transformer/`, `vae/`, `scheduler/`), single-file or
//! sharded safetensors, memory-mapped. Nothing is fetched: the user downloads the weights.
use std::path::{Path, PathBuf};

use candle_core::{DType, Device};
use candle_nn::VarBuilder;
use serde::de::DeserializeOwned;

use crate::error::{Result, WanError};

pub fn read_json<T: DeserializeOwned>(path: &Path) -> Result<T> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| WanError::Load { path: path.display().to_string(), reason: e.to_string() })?;
    serde_json::from_str(&text)
        .map_err(|e| WanError::Config { path: path.display().to_string(), reason: e.to_string() })
}

/// The safetensors files of a component folder: `<stem>.safetensors`, or the shards an
/// `<stem>.safetensors.index.json` names.
pub fn weight_files(dir: &Path, stem: &str) -> Result<Vec<PathBuf>> {
    let single = dir.join(format!("{stem}.safetensors"));
    if single.is_file() {
        return Ok(vec![single]);
    }
    let index = dir.join(format!("{stem}.safetensors.index.json"));
    if index.is_file() {
        let index: serde_json::Value = read_json(&index)?;
        let mut files: Vec<PathBuf> = index["weight_map"]
            .as_object()
            .map(|m| m.values().filter_map(|v| v.as_str()).map(|f| dir.join(f)).collect())
            .unwrap_or_default();
        files.sort();
        files.dedup();
        if !files.is_empty() {
            return Ok(files);
        }
    }
    Err(WanError::Load {
        path: dir.display().to_string(),
        reason: format!("no {stem}.safetensors (or sharded index) here"),
    })
}

/// Weights of a component, memory-mapped, as `dtype` on `device`.
pub fn var_builder(dir: &Path, stem: &str, dtype: DType, device: &Device) -> Result<VarBuilder<'static>> {
    let files = weight_files(dir, stem)?;
    // SAFETY: the files are mapped read-only and must not change while the model is loaded;
    // they are the user's downloaded checkpoint, which nothing here writes.
    let vb = unsafe { VarBuilder::from_mmaped_safetensors(&files, dtype, device) }
        .map_err(|e| WanError::Load { path: dir.display().to_string(), reason: e.to_string() })?;
    Ok(vb)
}
