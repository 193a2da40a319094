//! Editing pixels the engine did not make (an uploaded clip, another engine's output): an
//! instruction becomes a per-frame grade — palette remap, time of day and lighting, weather
//! drawn over the picture.

/// What an edit instruction does to foreign pixels.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Grade {}

impl Grade {
    /// Read an edit instruction ("shift the colour palette to teal, sand and rust", "make it night").
    pub fn from_instruction(instruction: &str) -> Self {
        // SKELETON: filled in by the grading work (issue 4).
        let _ = instruction;
        Self {}
    }

    /// True when the instruction asks nothing this grade can do to pixels.
    pub fn is_identity(&self) -> bool {
        true
    }

    /// Grade one RGBA frame in place; `t` is its time in seconds (for animated overlays).
    pub fn apply(&self, rgba: &mut [u8], width: u32, height: u32, t: f32) {
        let _ = (rgba, width, height, t);
    }
}
