//! The planner's vocabulary: every word and phrase it knows, as data. The default is
//! `assets/vocabulary.json` (compiled in); a user file with the same layout can add or
//! override entries with [`Vocabulary::extend`].
//!
//! Layout (every section optional in a user file):
//! - `shapes`: the shape ids the renderer draws, one stylised shape per id.
//! - `nouns`: `"teddy bear": {"category": "creature", "shape": "teddy_bear"}`.
//! - `irregular_plurals`: `"geese": "goose"` (regular -s/-es/-ies/-ves plurals need no entry).
//! - `plural_count`: how many a bare plural means ("balloons" → 3).
//! - `counts`: `"a flock of": 5`, `"three": 3` (numerals are understood without entries).
//! - `colors`: `"teal": [0, 128, 128]`; `color_modifiers`: `"light": 0.4` (towards white, < 0 towards black).
//! - `palette_words`: phrases that introduce or close a colour list ("palette of", "tones").
//! - `shots`: `"close-up": "close_up"` or `{"shot": "wide", "needs_camera_word": true}`.
//! - `camera_moves`: `"pans": "pan"` or `{"kind": "dolly", "direction": "in", "needs_camera_word": true}`.
//! - `camera_words`: words that make an ambiguous shot/move word count ("camera", "shot").
//! - `directions`, `speeds`, `positions`, `settings`, `times`, `lighting`, `weather`,
//!   `text_effects`, `music_moods`: phrase → enum variant name.
//! - `places`: `"gas station": {"setting": "road", "floor": "concrete", "props": ["canopy", "gas_pump"]}`:
//!   a place in a setting, with its `wall` and `floor` surfaces and the props (shape ids) that
//!   make it look like itself.
//! - `actions`: `"crossing": "crossing"` or `{"action": "flying", "agent": "standing", "object": "flying"}`
//!   (a transitive verb: "a child flying a kite" → the child stands, the kite flies).
//! - `audio`: phrase → `{"cue": "rain"}`, `{"ambient": true}`, `{"silent": true}`,
//!   `{"music": true, "mood": "calm"}` or `{"no_music": true}`.
//! - `breakers`, `conjunctions`, `filler_words`: small grammar lists (see `plan/mod.rs`).
//! - `modifier_nouns`: nouns that are adjectives before another word ("remote": "a remote",
//!   but "a remote island").
//!
//! Keys are free text: they are lower-cased and split on anything that is not a letter or
//! digit, exactly like the prompt, so "close-up", "Close Up" and "close up" are one key.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use super::color::Rgb;
use super::types::{
    Action, AudioCue, CameraKind, Category, Direction, Lighting, Music, Place, PositionHint, Setting, Shot, Speed,
    TextEffect, TimeOfDay, Weather,
};

/// The vocabulary compiled into the binary.
pub const DEFAULT_VOCABULARY_JSON: &str = include_str!("../../assets/vocabulary.json");

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NounEntry {
    pub category: Category,
    pub shape: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum ShotEntry {
    Plain(Shot),
    Full {
        shot: Shot,
        #[serde(default)]
        needs_camera_word: bool,
    },
}

impl ShotEntry {
    pub fn shot(self) -> Shot {
        match self {
            ShotEntry::Plain(s) | ShotEntry::Full { shot: s, .. } => s,
        }
    }
    pub fn needs_camera_word(self) -> bool {
        matches!(self, ShotEntry::Full { needs_camera_word: true, .. })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum CameraEntry {
    Plain(CameraKind),
    Full {
        kind: CameraKind,
        #[serde(default)]
        direction: Option<Direction>,
        #[serde(default)]
        needs_camera_word: bool,
    },
}

impl CameraEntry {
    pub fn kind(self) -> CameraKind {
        match self {
            CameraEntry::Plain(k) | CameraEntry::Full { kind: k, .. } => k,
        }
    }
    pub fn direction(self) -> Option<Direction> {
        match self {
            CameraEntry::Plain(_) => None,
            CameraEntry::Full { direction, .. } => direction,
        }
    }
    pub fn needs_camera_word(self) -> bool {
        matches!(self, CameraEntry::Full { needs_camera_word: true, .. })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum ActionEntry {
    Plain(Action),
    Full {
        action: Action,
        /// What the subject before the verb does when the verb has an object.
        #[serde(default)]
        agent: Option<Action>,
        /// What the subject after the verb (its object) does.
        #[serde(default)]
        object: Option<Action>,
    },
}

impl ActionEntry {
    pub fn action(self) -> Action {
        match self {
            ActionEntry::Plain(a) | ActionEntry::Full { action: a, .. } => a,
        }
    }
    pub fn agent(self) -> Option<Action> {
        match self {
            ActionEntry::Plain(_) => None,
            ActionEntry::Full { agent, .. } => agent,
        }
    }
    pub fn object(self) -> Option<Action> {
        match self {
            ActionEntry::Plain(_) => None,
            ActionEntry::Full { object, .. } => object,
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AudioEntry {
    pub cue: Option<AudioCue>,
    pub ambient: bool,
    pub silent: bool,
    pub music: bool,
    pub mood: Option<Music>,
    pub no_music: bool,
}

/// Everything the planner knows. Deserialises from the layout in the module docs.
/// `Vocabulary::default()` is the built-in vocabulary; [`Vocabulary::empty`] has no words.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Vocabulary {
    #[serde(default, rename = "_comment", skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    #[serde(default)]
    pub shapes: Vec<String>,
    #[serde(default)]
    pub nouns: BTreeMap<String, NounEntry>,
    /// Words for kinds of a known noun, drawn as it ("dalmatian": "dog", "sedan": "car"):
    /// how a noun the vocabulary has no entry of its own for still finds its nearest drawing.
    #[serde(default)]
    pub kinds: BTreeMap<String, String>,
    #[serde(default)]
    pub irregular_plurals: BTreeMap<String, String>,
    #[serde(default)]
    pub plural_count: Option<u32>,
    #[serde(default)]
    pub counts: BTreeMap<String, u32>,
    #[serde(default)]
    pub colors: BTreeMap<String, Rgb>,
    #[serde(default)]
    pub color_modifiers: BTreeMap<String, f32>,
    #[serde(default)]
    pub palette_words: Vec<String>,
    #[serde(default)]
    pub shots: BTreeMap<String, ShotEntry>,
    #[serde(default)]
    pub camera_moves: BTreeMap<String, CameraEntry>,
    #[serde(default)]
    pub camera_words: Vec<String>,
    #[serde(default)]
    pub directions: BTreeMap<String, Direction>,
    #[serde(default)]
    pub speeds: BTreeMap<String, Speed>,
    #[serde(default)]
    pub actions: BTreeMap<String, ActionEntry>,
    #[serde(default)]
    pub positions: BTreeMap<String, PositionHint>,
    #[serde(default)]
    pub settings: BTreeMap<String, Setting>,
    #[serde(default)]
    pub places: BTreeMap<String, Place>,
    #[serde(default)]
    pub times: BTreeMap<String, TimeOfDay>,
    #[serde(default)]
    pub lighting: BTreeMap<String, Lighting>,
    #[serde(default)]
    pub weather: BTreeMap<String, Weather>,
    #[serde(default)]
    pub text_effects: BTreeMap<String, TextEffect>,
    #[serde(default)]
    pub audio: BTreeMap<String, AudioEntry>,
    #[serde(default)]
    pub music_moods: BTreeMap<String, Music>,
    #[serde(default)]
    pub breakers: Vec<String>,
    #[serde(default)]
    pub conjunctions: Vec<String>,
    #[serde(default)]
    pub filler_words: Vec<String>,
    /// Nouns that read as an adjective when another word of the phrase follows them: "a
    /// remote" is a remote control, "a remote island" is not.
    #[serde(default)]
    pub modifier_nouns: Vec<String>,
}

/// A vocabulary file that could not be read.
#[derive(Debug)]
pub struct VocabularyError(serde_json::Error);

impl fmt::Display for VocabularyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid vocabulary: {}", self.0)
    }
}

impl std::error::Error for VocabularyError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.0)
    }
}

impl Default for Vocabulary {
    /// The built-in vocabulary (`assets/vocabulary.json`).
    fn default() -> Self {
        super::default_vocabulary().clone()
    }
}

impl Vocabulary {
    /// A vocabulary with no words at all.
    pub fn empty() -> Self {
        Self {
            comment: None,
            shapes: Vec::new(),
            nouns: BTreeMap::new(),
            kinds: BTreeMap::new(),
            irregular_plurals: BTreeMap::new(),
            plural_count: None,
            counts: BTreeMap::new(),
            colors: BTreeMap::new(),
            color_modifiers: BTreeMap::new(),
            palette_words: Vec::new(),
            shots: BTreeMap::new(),
            camera_moves: BTreeMap::new(),
            camera_words: Vec::new(),
            directions: BTreeMap::new(),
            speeds: BTreeMap::new(),
            actions: BTreeMap::new(),
            positions: BTreeMap::new(),
            settings: BTreeMap::new(),
            places: BTreeMap::new(),
            times: BTreeMap::new(),
            lighting: BTreeMap::new(),
            weather: BTreeMap::new(),
            text_effects: BTreeMap::new(),
            audio: BTreeMap::new(),
            music_moods: BTreeMap::new(),
            breakers: Vec::new(),
            conjunctions: Vec::new(),
            filler_words: Vec::new(),
            modifier_nouns: Vec::new(),
        }
    }

    /// Parse a vocabulary file. Sections left out are empty, so a user file holds only
    /// what it adds; merge it onto the default with [`Vocabulary::extend`].
    pub fn from_json(json: &str) -> Result<Self, VocabularyError> {
        serde_json::from_str(json).map_err(VocabularyError)
    }

    /// Add `other`'s entries; where both define a phrase, `other` wins. Lists are unioned.
    pub fn extend(mut self, other: Vocabulary) -> Self {
        fn merge<V>(into: &mut BTreeMap<String, V>, from: BTreeMap<String, V>) {
            into.extend(from);
        }
        fn union(into: &mut Vec<String>, from: Vec<String>) {
            for w in from {
                if !into.contains(&w) {
                    into.push(w);
                }
            }
        }
        union(&mut self.shapes, other.shapes);
        merge(&mut self.nouns, other.nouns);
        merge(&mut self.kinds, other.kinds);
        merge(&mut self.irregular_plurals, other.irregular_plurals);
        if other.plural_count.is_some() {
            self.plural_count = other.plural_count;
        }
        merge(&mut self.counts, other.counts);
        merge(&mut self.colors, other.colors);
        merge(&mut self.color_modifiers, other.color_modifiers);
        union(&mut self.palette_words, other.palette_words);
        merge(&mut self.shots, other.shots);
        merge(&mut self.camera_moves, other.camera_moves);
        union(&mut self.camera_words, other.camera_words);
        merge(&mut self.directions, other.directions);
        merge(&mut self.speeds, other.speeds);
        merge(&mut self.actions, other.actions);
        merge(&mut self.positions, other.positions);
        merge(&mut self.settings, other.settings);
        merge(&mut self.places, other.places);
        merge(&mut self.times, other.times);
        merge(&mut self.lighting, other.lighting);
        merge(&mut self.weather, other.weather);
        merge(&mut self.text_effects, other.text_effects);
        merge(&mut self.audio, other.audio);
        merge(&mut self.music_moods, other.music_moods);
        union(&mut self.breakers, other.breakers);
        union(&mut self.conjunctions, other.conjunctions);
        union(&mut self.filler_words, other.filler_words);
        union(&mut self.modifier_nouns, other.modifier_nouns);
        self
    }

    /// Problems a renderer would trip over: nouns whose shape is not in `shapes`.
    pub fn validate(&self) -> Vec<String> {
        let mut problems = Vec::new();
        for (noun, entry) in &self.nouns {
            if !self.shapes.iter().any(|s| s == &entry.shape) {
                problems.push(format!("noun {noun:?} uses shape {:?}, which is not listed in shapes", entry.shape));
            }
        }
        for (name, place) in &self.places {
            for prop in &place.props {
                if !self.shapes.iter().any(|s| s == prop) {
                    problems.push(format!("place {name:?} has prop {prop:?}, which is not listed in shapes"));
                }
            }
        }
        for (word, kind) in &self.kinds {
            if !self.nouns.contains_key(kind) {
                problems.push(format!("kind {word:?} is a {kind:?}, which is not a noun"));
            }
        }
        problems
    }
}
