//! Kino in front of another video server (vLLM-Omni, SGLang Diffusion, FastVideo, another
//! Kino): the upstream renders, Kino keeps the jobs durable and serves the whole contract.
mod client;
mod engine;
mod spec;

pub use client::{CallError, Client, Status};
pub use engine::UpstreamEngine;
pub use spec::{Flavor, UpstreamSpec};

use std::sync::Arc;

use crate::models::{ALL_SIZES, Model, SECONDS, Takes};

impl UpstreamSpec {
    /// The model-table entry: every contract size and duration (Kino scales and retimes what
    /// comes back); a first frame where the upstream takes one.
    pub fn model(&self) -> anyhow::Result<Model> {
        self.check()?;
        Ok(Model {
            id: self.id.clone(),
            sizes: ALL_SIZES.iter().copied().chain(["320x180", "180x320"]).collect(),
            seconds: SECONDS.to_vec(),
            engine: Arc::new(UpstreamEngine::new(self.clone())?),
            created: crate::ids::now_secs(),
            takes: Takes { first_frame: self.takes_reference(), source: false, characters: false },
            loras: Vec::new(),
        })
    }
}
