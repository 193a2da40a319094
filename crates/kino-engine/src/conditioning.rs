//! What a render is conditioned on besides the prompt: a first frame, a source clip to edit,
//! the lineage of the scene it continues, and characters to cast. The server prepares all of
//! it (decoding, resampling, scaling) so every engine receives frames of exactly the spec's
//! size and count and never touches storage or codecs.
use std::fmt;
use std::sync::Arc;

use crate::error::EngineError;
use crate::frame::VideoFrame;

#[derive(Clone, Default)]
pub struct Conditioning {
    /// The clip's first frame, exactly `width` x `height`: an `input_reference` image, or the
    /// last frame of the video an extension continues. Frame 0 must reproduce it; later frames
    /// move on from it.
    pub first_frame: Option<Arc<VideoFrame>>,
    /// Edits and remixes: the video being changed; `spec.prompt` is the instruction.
    pub source: Option<SourceClip>,
    /// Extensions: the prompts the scene so far was made from, oldest first, when this engine
    /// made it; the new segment carries that scene over with `spec.prompt`'s changes.
    /// Empty when the continued video came from elsewhere (then only `first_frame` links them).
    pub continues: Vec<String>,
    /// Characters the prompt may name; an engine casts one when its name appears in the prompt.
    pub characters: Vec<Arc<Character>>,
}

impl Conditioning {
    pub fn is_empty(&self) -> bool {
        self.first_frame.is_none() && self.source.is_none() && self.continues.is_empty() && self.characters.is_empty()
    }
}

/// A video to edit. Its frames are resampled by the server to the spec's fps, count and size.
#[derive(Clone)]
pub struct SourceClip {
    /// The prompts that made the source with this same engine, oldest first (the create prompt,
    /// then each edit). Empty when the source is foreign (an upload, or another engine's
    /// output): then the engine works from the pixels.
    pub lineage: Vec<String>,
    /// The source's seed, so a re-render keeps its layout.
    pub seed: u64,
    /// Opens a fresh stream of the source's frames.
    pub frames: Arc<dyn OpenFrames>,
    /// The source's soundtrack: interleaved stereo f32 at 48 kHz, exactly `spec.audio_samples()`
    /// sample frames (padded with silence, or trimmed).
    pub audio: Arc<Vec<f32>>,
}

/// A source of frames that can be read more than once.
pub trait OpenFrames: Send + Sync {
    /// A new stream yielding exactly `spec.frame_count()` frames of the spec's size.
    fn open(&self) -> Result<Box<dyn FrameSource>, EngineError>;
}

/// One pass over a clip's frames, in display order.
pub trait FrameSource: Send {
    /// The next frame, or `None` after the last.
    fn next_frame(&mut self) -> Result<Option<VideoFrame>, EngineError>;
}

/// A reusable subject cut out of a clip: a short loop of RGBA frames whose alpha is the
/// subject's matte (0 = background), cropped to the subject's bounding box.
#[derive(Clone)]
pub struct Character {
    pub id: String,
    /// As the user named it; prompts mention it verbatim.
    pub name: String,
    pub fps: u32,
    /// At least one frame; all the same size.
    pub frames: Vec<VideoFrame>,
}

impl Character {
    /// Whether `prompt` mentions this character: the name as a whole word or phrase, any case.
    pub fn named_in(&self, prompt: &str) -> bool {
        let name = self.name.trim().to_lowercase();
        if name.is_empty() {
            return false;
        }
        let hay = prompt.to_lowercase();
        hay.match_indices(&name).any(|(at, m)| {
            let before = hay[..at].chars().next_back();
            let after = hay[at + m.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
    }
}

impl fmt::Debug for Conditioning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Conditioning")
            .field("first_frame", &self.first_frame.as_ref().map(|fr| (fr.width, fr.height)))
            .field("source", &self.source.as_ref().map(|s| (&s.lineage, s.seed)))
            .field("continues", &self.continues)
            .field("characters", &self.characters.iter().map(|c| &c.name).collect::<Vec<_>>())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn character(name: &str) -> Character {
        Character { id: "char_1".into(), name: name.into(), fps: 24, frames: vec![VideoFrame::new(2, 2, vec![0; 16])] }
    }

    #[test]
    fn names_match_whole_words_in_any_case() {
        assert!(character("Mossy").named_in("mossy waves at the camera"));
        assert!(character("Mossy").named_in("A forest where MOSSY, the troll, sleeps"));
        assert!(character("Captain Kit").named_in("captain kit sails"));
        assert!(!character("Mossy").named_in("a mossygreen rock"));
        assert!(!character("Kit").named_in("a kitten"));
        assert!(!character("  ").named_in("anything"));
    }
}
