//! What a derived video is made from, as stored with it (`videos.inputs`, `videos.lineage`).
//! Everything named here lives under the video's own storage prefix or a character's, so
//! the render never depends on another video or file still existing.
use serde::{Deserialize, Serialize};

/// The inputs of one render, beyond its prompt.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Inputs {
    /// Storage key of the `input_reference` image, as uploaded (decoded again by the worker).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub characters: Vec<CastMember>,
    /// LoRAs of the model, by name, with the scale each is applied at.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub loras: Vec<LoraUse>,
}

/// One LoRA a render applies.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LoraUse {
    pub name: String,
    pub scale: f32,
}

impl Inputs {
    pub fn is_empty(&self) -> bool {
        self.reference.is_none() && self.source.is_none() && self.characters.is_empty() && self.loras.is_empty()
    }

    pub fn to_json(&self) -> Option<String> {
        (!self.is_empty()).then(|| serde_json::to_string(self).unwrap_or_default())
    }

    pub fn from_json(json: Option<&str>) -> Result<Self, serde_json::Error> {
        json.map_or_else(|| Ok(Self::default()), serde_json::from_str)
    }
}

/// The clip an edit changes or an extension continues: a copy of its MP4.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Source {
    pub key: String,
    pub mode: SourceMode,
    /// How the source was made, when one engine made it from prompts alone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lineage: Option<Lineage>,
    pub seed: u64,
    /// Whole seconds of the source: an edit's output length, an extension's stitched head.
    pub seconds: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceMode {
    /// The output replaces the source: same length, changed as the prompt asks.
    Edit,
    /// The output is the source followed by a new segment.
    Extend,
}

/// A character cast in the video; its matte is at `key`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CastMember {
    pub id: String,
    pub name: String,
    pub key: String,
    pub fps: u32,
    pub frames: u32,
}

/// The prompts that made a video with `engine` alone, oldest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Lineage {
    pub engine: String,
    pub prompts: Vec<String>,
}

impl Lineage {
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// A stored lineage; unreadable ones count as none (the edit then grades pixels).
    pub fn from_json(json: Option<&str>) -> Option<Self> {
        json.and_then(|j| serde_json::from_str(j).ok())
    }

    /// This lineage extended by one more prompt.
    pub fn then(&self, prompt: &str) -> Self {
        let mut prompts = self.prompts.clone();
        prompts.push(prompt.to_string());
        Self { engine: self.engine.clone(), prompts }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inputs_round_trip_and_empty_is_null() {
        assert_eq!(Inputs::default().to_json(), None);
        let inputs = Inputs {
            reference: Some("videos/v/input/reference".into()),
            source: Some(Source {
                key: "videos/v/input/source.mp4".into(),
                mode: SourceMode::Extend,
                lineage: Some(Lineage { engine: "preview".into(), prompts: vec!["a cat".into()] }),
                seed: u64::MAX,
                seconds: 8,
            }),
            characters: vec![CastMember {
                id: "char_1".into(),
                name: "Mossy".into(),
                key: "k".into(),
                fps: 12,
                frames: 24,
            }],
            loras: vec![LoraUse { name: "ink".into(), scale: 0.8 }],
        };
        let json = inputs.to_json().unwrap();
        assert_eq!(Inputs::from_json(Some(&json)).unwrap(), inputs);
        assert_eq!(Inputs::from_json(None).unwrap(), Inputs::default());
    }
}
