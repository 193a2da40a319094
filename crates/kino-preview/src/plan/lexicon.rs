//! The vocabulary compiled for matching: one table from normalised phrase to everything
//! that phrase can mean, plus the look-ups for plurals and run-together colour names.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

use super::color::Rgb;
use super::tokens::normalize_key;
use super::types::{
    CameraKind, Category, Direction, Lighting, Music, Place, PositionHint, Setting, Shot, Speed, TextEffect, TimeOfDay,
    Weather,
};
use super::vocabulary::{ActionEntry, AudioEntry, Vocabulary};

/// One thing a phrase can mean. A phrase may mean several ("rain": weather and an audio cue).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Meaning {
    /// Index into [`Lexicon::nouns`], or [`FALLBACK_NOUN`].
    Noun(usize),
    Color(Rgb),
    Modifier(f32),
    Count(u32),
    PaletteWord,
    Shot {
        shot: Shot,
        needs_camera_word: bool,
    },
    Camera {
        kind: CameraKind,
        direction: Option<Direction>,
        needs_camera_word: bool,
    },
    Direction(Direction),
    Speed(Speed),
    Action(ActionEntry),
    Position(PositionHint),
    Setting(Setting),
    /// Index into [`Lexicon::places`].
    Place(usize),
    Time(TimeOfDay),
    Lighting(Lighting),
    Weather(Weather),
    TextEffect(TextEffect),
    Audio(AudioEntry),
    Mood(Music),
    Breaker,
    Conjunction,
}

/// The noun index of the generic subject made up for an unknown noun.
pub(crate) const FALLBACK_NOUN: usize = usize::MAX;
/// Its shape id.
pub const FALLBACK_SHAPE: &str = "orb";

#[derive(Debug, Clone)]
pub(crate) struct NounInfo {
    pub name: String,
    pub shape: String,
    pub category: Category,
}

/// A small, fast, deterministic hasher for the short keys matched at every prompt word
/// (the default SipHash is several times slower and its DoS resistance buys nothing here:
/// keys come from the vocabulary, and a prompt only looks them up).
#[derive(Default, Clone, Copy)]
pub(crate) struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x517c_c1b7_2722_0a95;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(w)).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
        }
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

pub(crate) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;
pub(crate) type FastSet<K> = HashSet<K, BuildHasherDefault<FxHasher>>;

#[derive(Debug, Clone, Default)]
pub(crate) struct Lexicon {
    pub phrases: FastMap<String, Vec<Meaning>>,
    /// First word → the most words any phrase starting with it has.
    pub max_words: FastMap<String, usize>,
    pub nouns: Vec<NounInfo>,
    pub places: Vec<Place>,
    pub noun_index: FastMap<String, usize>,
    pub irregular: FastMap<String, String>,
    /// Colour names and every prefix of one, for run-together names ("light sea green").
    pub colors: FastMap<String, Rgb>,
    pub color_prefixes: FastSet<String>,
    pub camera_words: FastSet<String>,
    pub fillers: FastSet<String>,
    pub modifier_nouns: FastSet<String>,
    pub plural_count: u32,
}

impl Lexicon {
    pub fn new(v: &Vocabulary) -> Self {
        let mut lx = Lexicon { plural_count: v.plural_count.unwrap_or(3).max(1), ..Default::default() };
        for (word, entry) in &v.nouns {
            let key = normalize_key(word);
            if key.is_empty() {
                continue;
            }
            let idx = lx.nouns.len();
            lx.nouns.push(NounInfo { name: key.clone(), shape: entry.shape.clone(), category: entry.category });
            lx.noun_index.insert(key.clone(), idx);
            lx.add(&key, Meaning::Noun(idx));
        }
        // Kinds of a known noun: their own name, the noun's drawing. A word with a noun entry
        // of its own keeps it; a kind of an unknown noun is skipped (`Vocabulary::validate`).
        for (word, kind) in &v.kinds {
            let (key, Some(entry)) = (normalize_key(word), v.nouns.get(kind)) else {
                continue;
            };
            if key.is_empty() || lx.noun_index.contains_key(&key) {
                continue;
            }
            let idx = lx.nouns.len();
            lx.nouns.push(NounInfo { name: key.clone(), shape: entry.shape.clone(), category: entry.category });
            lx.noun_index.insert(key.clone(), idx);
            lx.add(&key, Meaning::Noun(idx));
        }
        for (plural, singular) in &v.irregular_plurals {
            lx.irregular.insert(normalize_key(plural), normalize_key(singular));
        }
        for (name, rgb) in &v.colors {
            let key = normalize_key(name);
            let joined: String = key.split(' ').collect();
            for (i, _) in joined.char_indices().skip(1) {
                lx.color_prefixes.insert(joined[..i].to_string());
            }
            lx.colors.insert(joined, *rgb);
            lx.add(&key, Meaning::Color(*rgb));
        }
        for (k, &m) in &v.color_modifiers {
            lx.add_key(k, Meaning::Modifier(m));
        }
        for (k, &n) in &v.counts {
            lx.add_key(k, Meaning::Count(n));
        }
        for k in &v.palette_words {
            lx.add_key(k, Meaning::PaletteWord);
        }
        for (k, e) in &v.shots {
            lx.add_key(k, Meaning::Shot { shot: e.shot(), needs_camera_word: e.needs_camera_word() });
        }
        for (k, e) in &v.camera_moves {
            lx.add_key(
                k,
                Meaning::Camera { kind: e.kind(), direction: e.direction(), needs_camera_word: e.needs_camera_word() },
            );
        }
        for (k, &d) in &v.directions {
            lx.add_key(k, Meaning::Direction(d));
        }
        for (k, &s) in &v.speeds {
            lx.add_key(k, Meaning::Speed(s));
        }
        for (k, &a) in &v.actions {
            lx.add_key(k, Meaning::Action(a));
        }
        for (k, &p) in &v.positions {
            lx.add_key(k, Meaning::Position(p));
        }
        for (k, &s) in &v.settings {
            lx.add_key(k, Meaning::Setting(s));
        }
        for (k, place) in &v.places {
            let idx = lx.places.len();
            lx.places.push(Place { name: normalize_key(k), ..place.clone() });
            lx.add_key(k, Meaning::Place(idx));
        }
        for (k, &t) in &v.times {
            lx.add_key(k, Meaning::Time(t));
        }
        for (k, &l) in &v.lighting {
            lx.add_key(k, Meaning::Lighting(l));
        }
        for (k, &w) in &v.weather {
            lx.add_key(k, Meaning::Weather(w));
        }
        for (k, &e) in &v.text_effects {
            lx.add_key(k, Meaning::TextEffect(e));
        }
        for (k, &a) in &v.audio {
            lx.add_key(k, Meaning::Audio(a));
        }
        for (k, &m) in &v.music_moods {
            lx.add_key(k, Meaning::Mood(m));
        }
        for k in &v.breakers {
            lx.add_key(k, Meaning::Breaker);
        }
        for k in &v.conjunctions {
            lx.add_key(k, Meaning::Conjunction);
        }
        lx.camera_words = v.camera_words.iter().map(|w| normalize_key(w)).collect();
        lx.fillers = v.filler_words.iter().map(|w| normalize_key(w)).collect();
        lx.modifier_nouns = v.modifier_nouns.iter().map(|w| normalize_key(w)).collect();
        lx
    }

    fn add_key(&mut self, key: &str, m: Meaning) {
        let key = normalize_key(key);
        self.add(&key, m);
    }

    fn add(&mut self, key: &str, m: Meaning) {
        if key.is_empty() {
            return;
        }
        let words = key.split(' ').count();
        let first = key.split(' ').next().unwrap_or(key);
        let max = self.max_words.entry(first.to_string()).or_insert(1);
        *max = (*max).max(words);
        let list = self.phrases.entry(key.to_string()).or_default();
        if !list.contains(&m) {
            list.push(m);
        }
    }

    pub fn noun(&self, idx: usize) -> Option<&NounInfo> {
        self.nouns.get(idx)
    }

    /// Singular forms a plural-looking word might have, most likely first.
    pub fn singulars(&self, word: &str) -> Vec<String> {
        let mut out = Vec::new();
        if let Some(s) = self.irregular.get(word) {
            out.push(s.clone());
        }
        if word.len() > 3 {
            if let Some(stem) = word.strip_suffix("ies") {
                out.push(format!("{stem}y"));
            }
            if let Some(stem) = word.strip_suffix("ves") {
                out.push(format!("{stem}f"));
                out.push(format!("{stem}fe"));
            }
            if let Some(stem) = word.strip_suffix("es") {
                out.push(stem.to_string());
            }
        }
        if word.len() > 2
            && !word.ends_with("ss")
            && let Some(stem) = word.strip_suffix('s')
        {
            out.push(stem.to_string());
        }
        out
    }
}
