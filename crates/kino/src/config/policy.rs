//! `policy`: the content policy file.
use std::path::PathBuf;

use clap::Args;

/// The content policy: built-in rules, changed by a deployment's policy file.
#[derive(Debug, Clone, Default, Args)]
pub struct PolicyConfig {
    /// Policy file (TOML) turning rules off, extending their lists or adding rules;
    /// `kino policy --policy FILE` shows the result.
    #[arg(id = "policy_file", long = "policy", value_name = "FILE", env = "KINO_POLICY")]
    pub file: Option<PathBuf>,
}

impl PolicyConfig {
    pub fn load(&self) -> anyhow::Result<kino_guard::Policy> {
        match &self.file {
            None => Ok(kino_guard::Policy::builtin()),
            Some(path) => Ok(kino_guard::Policy::load(path)?),
        }
    }
}
