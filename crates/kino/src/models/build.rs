//! The whole model table from the configuration: the built-in models, then the upstream
//! servers and the Wan checkpoints named by `--upstream`, `--model` and `--models-file`.
use std::path::Path;

use serde::Deserialize;

use super::ModelRegistry;
use super::wan::WanSpec;
use crate::config::ModelsConfig;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ModelsFile {
    #[serde(default)]
    model: Vec<WanSpec>,
    #[serde(default)]
    upstream: Vec<crate::upstream::UpstreamSpec>,
}

/// The built-in models plus the upstream servers and Wan checkpoints the configuration names.
pub fn registry(config: &ModelsConfig) -> anyhow::Result<ModelRegistry> {
    let mut registry = ModelRegistry::builtin();
    let mut specs = Vec::new();
    let mut upstreams = Vec::new();
    if let Some(path) = &config.file {
        let (wan, up) = read_file(path)?;
        specs.extend(wan);
        upstreams.extend(up);
    }
    for arg in &config.upstreams {
        upstreams.push(crate::upstream::UpstreamSpec::parse(arg)?);
    }
    for spec in upstreams {
        let model = spec.model()?;
        tracing::info!(model = %spec.id, url = %spec.url, flavor = ?spec.flavor, "upstream model");
        registry.add(model);
    }
    for arg in &config.models {
        specs.push(WanSpec::parse(arg)?);
    }
    for spec in specs {
        anyhow::ensure!(!spec.id.is_empty(), "a model needs an id");
        let start = std::time::Instant::now();
        let model = spec.load()?;
        tracing::info!(model = %spec.id, path = %spec.path.display(), seconds = ?model.seconds, secs = start.elapsed().as_secs_f64(), "wan model loaded");
        registry.add(model);
    }
    Ok(registry)
}

fn read_file(path: &Path) -> anyhow::Result<(Vec<WanSpec>, Vec<crate::upstream::UpstreamSpec>)> {
    let text = std::fs::read_to_string(path).map_err(|e| anyhow::anyhow!("cannot read {}: {e}", path.display()))?;
    let file: ModelsFile = toml::from_str(&text).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
    let dir = path.parent().unwrap_or(Path::new("."));
    let wan = file
        .model
        .into_iter()
        .map(|mut m| {
            if m.path.is_relative() {
                m.path = dir.join(&m.path);
            }
            // LoRA paths too; one that does not parse is left for `load` to refuse by name.
            for l in &mut m.lora {
                if let Ok(spec) = super::wan::LoraSpec::parse(&m.id, l)
                    && spec.path.is_relative()
                {
                    *l = format!("{}:{}:{}", spec.name, dir.join(&spec.path).display(), spec.scale);
                }
            }
            m
        })
        .collect();
    Ok((wan, file.upstream))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_example_models_file_parses() {
        let (wan, up) =
            read_file(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/models.example.toml")).unwrap();
        assert_eq!((wan.len(), up.len()), (2, 1));
        up[0].check().unwrap();
        assert_eq!(up[0].flavor, crate::upstream::Flavor::VllmOmni);
    }
}
