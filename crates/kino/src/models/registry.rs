//! The model table: each served model with its engine, sizes, durations and the inputs it
//! takes. `builtin` is OpenAI's names and `kino-preview`, all on the preview engine.
use std::sync::Arc;

use kino_engine::Engine;

use super::{ALL_SIZES, PREVIEW_SIZES, SECONDS, SORA2_SIZES};

#[derive(Clone)]
pub struct Model {
    pub id: String,
    pub sizes: Vec<&'static str>,
    pub seconds: Vec<u32>,
    pub engine: Arc<dyn Engine>,
    /// Unix seconds: when this model name first existed (the OpenAI snapshot date for theirs).
    pub created: i64,
    /// What its engine can be given besides a prompt; a request for more is a 400.
    pub takes: Takes,
    /// The LoRAs a request may choose, by name, with the scale used when it names none.
    pub loras: Vec<(String, f32)>,
}

/// Inputs a model's engine accepts beyond the prompt.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Takes {
    /// A first frame: `input_reference`, and extensions (which start from the last frame).
    pub first_frame: bool,
    /// A video to change: remixes and edits.
    pub source: bool,
    /// Characters cast by name.
    pub characters: bool,
}

impl Takes {
    pub const ALL: Takes = Takes { first_frame: true, source: true, characters: true };
}

impl std::fmt::Debug for Model {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Model").field("id", &self.id).field("engine", &self.engine.name()).finish()
    }
}

#[derive(Clone, Debug)]
pub struct ModelRegistry {
    models: Vec<Model>,
}

impl ModelRegistry {
    /// The built-in table: OpenAI's names and `kino-preview`, all on the preview engine.
    pub fn builtin() -> Self {
        let preview: Arc<dyn Engine> = Arc::new(kino_preview::PreviewEngine::new());
        let entry = |id: &str, sizes: &[&'static str], created: i64| Model {
            id: id.to_string(),
            sizes: sizes.to_vec(),
            seconds: SECONDS.to_vec(),
            engine: preview.clone(),
            created,
            takes: Takes::ALL,
            loras: Vec::new(),
        };
        Self {
            models: vec![
                entry("sora-2", &SORA2_SIZES, 1_759_708_800),
                entry("sora-2-2025-10-06", &SORA2_SIZES, 1_759_708_800),
                entry("sora-2-2025-12-08", &SORA2_SIZES, 1_765_152_000),
                entry("sora-2-pro", &ALL_SIZES, 1_759_708_800),
                entry("sora-2-pro-2025-10-06", &ALL_SIZES, 1_759_708_800),
                entry("kino-preview", &PREVIEW_SIZES, 1_763_769_600),
            ],
        }
    }

    /// A registry whose every model renders with `engine` (tests swap in slow or failing engines).
    pub fn with_engine(engine: Arc<dyn Engine>) -> Self {
        let mut reg = Self::builtin();
        for m in &mut reg.models {
            m.engine = engine.clone();
        }
        reg
    }

    /// Add (or replace, by id) a served model.
    pub fn add(&mut self, model: Model) {
        self.models.retain(|m| m.id != model.id);
        self.models.push(model);
    }

    pub fn get(&self, id: &str) -> Option<&Model> {
        self.models.iter().find(|m| m.id == id)
    }

    pub fn all(&self) -> &[Model] {
        &self.models
    }

    pub fn ids(&self) -> Vec<&str> {
        self.models.iter().map(|m| m.id.as_str()).collect()
    }
}
