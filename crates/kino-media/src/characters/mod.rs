//! Characters: a subject cut out of a short uploaded clip (`matte`, with the pixel work in
//! `matte_mask`), and how a cut is stored (`png`).

mod matte;
mod matte_mask;
mod png;

pub use matte::{CHARACTER_LONG_SIDE, CharacterCut, MAX_CHARACTER_SECONDS, extract_character};
