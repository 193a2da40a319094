//! Prompt → [`ScenePlan`]: an inspectable, serialisable description of what a clip should
//! show — shot, camera move, subjects, setting, time, light, weather, palette, on-screen
//! text and sound. `kino plan "<prompt>"` prints it as JSON.
//!
//! The planner is generic code driven by a [`Vocabulary`] (data, `assets/vocabulary.json`
//! by default; users can add words with [`Vocabulary::from_json`] + [`Vocabulary::extend`]).
//! It is deterministic, case- and punctuation-insensitive, linear in the prompt length and
//! never panics.
//!
//! # How it works
//! 1. `tokens`: lower-case words with sentence/clause numbers; quoted text is lifted out.
//! 2. `scan`: at each word, the longest vocabulary phrase starting there ("blue hour"
//!    beats "blue", "hot air balloon" beats "balloon"), with plurals ("taxis", "children")
//!    resolved to their nouns. A phrase may mean several things ("rain": weather and sound).
//! 3. `camera` picks the shot and camera move; `subjects` binds counts, colours, verbs
//!    and positions to nouns; `look` takes setting, time, lighting and weather; `text`
//!    the quoted text and its effect; `audio` the soundtrack.
//!
//! # How the renderer should consume a plan
//! The plan says *what*, never *where* or *how big*: the renderer keeps doing layout,
//! motion and drawing, and reads the plan instead of matching words itself.
//! - Sky and light: `time_of_day` picks the sky palette (as `palette::TIME_PHRASES` does
//!   today; `None` → the prompt-hash default); `lighting` tweaks it (`neon` → saturated
//!   magenta/cyan accents and reflections on the ground, `backlight` → subjects as dark
//!   silhouettes against a bright horizon, `blinds` → diagonal light stripes, `soft` →
//!   lower contrast).
//! - Ground: `setting` picks the ground band and backdrop (city street → road with
//!   buildings, ocean/lake/harbor → water, beach/desert → sand, snowfield → snow,
//!   space → stars and no ground, underwater → blue gradient, table/room/kitchen → an
//!   interior with a tabletop). `None` → infer from the first subject's category as v1 does
//!   (vehicles → road, boats → water).
//! - Subjects: one drawer per `shape` id (the vocabulary's `shapes` list; unknown ids → the
//!   `orb` drawer). Draw `count` copies (cap it, e.g. at 8); colour from `color`, else a
//!   palette accent; `category` gives placement (vehicles/people/animals on the ground,
//!   birds/balloons/kites/`flying`/`floating` in the sky, buildings and nature as backdrop);
//!   `action` gives motion (crossing/driving/running/walking → horizontal travel,
//!   flying/floating/drifting → travel plus bob, falling → downward, rotating/spinning →
//!   spin, steaming → steam particles above, standing/sitting → idle).
//!   `position_hint` overrides placement.
//! - `shot` scales subjects (close-up/macro: one subject filling the frame; wide/aerial:
//!   small subjects, more backdrop) and `camera` replaces the fixed `scene::PAN` drift
//!   (pan → horizontal offset, tilt → vertical, dolly/zoom → scale over time, orbit →
//!   parallax swing, handheld → seeded jitter, static → none; `speed` scales the rate).
//! - `weather`: rain/snow → the existing particle systems; fog/mist/haze → a translucent
//!   band; sparks/dust → small particles; steam/smoke → rising puffs.
//! - `palette`: if present, use these as the accents instead of the time palette's.
//! - `text`: draw `text.text` centred with `text.effect`.
//! - `audio`: `silent` → no soundtrack; `cues` → the ambience layers (rain, waves, wind
//!   exist in `audio.rs` today); `music` → pad mood (calm: slow chords; upbeat: faster
//!   pulse); `ambient` without `music` → ambience louder, pad quieter.

mod audio;
mod camera;
mod color;
mod edit;
mod lexicon;
mod look;
mod scan;
mod subjects;
mod text;
mod tokens;
mod types;
mod vocabulary;
mod work;

use std::sync::OnceLock;

use serde::Serialize;

pub use audio::AudioPlan;
pub use camera::CameraMove;
pub use color::{NamedColor, Rgb};
pub(crate) use edit::read_ask;
pub use edit::{apply_edit, plan_lineage};
pub use lexicon::FALLBACK_SHAPE;
pub use subjects::{MAX_PALETTE, MAX_SUBJECTS, Subject};
pub use text::OnScreenText;
pub use types::{
    Action, AudioCue, CameraKind, Category, Direction, Floor, Lighting, Music, Place, PositionHint, Setting, Shot,
    Speed, TextEffect, TimeOfDay, Wall, Weather,
};
pub use vocabulary::{
    ActionEntry, AudioEntry, CameraEntry, DEFAULT_VOCABULARY_JSON, NounEntry, ShotEntry, Vocabulary, VocabularyError,
};

/// Everything the prompt says about the clip. Field order is the JSON order; lists are in
/// prompt order, so the same prompt always gives the same JSON.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScenePlan {
    /// `None` when the prompt names no shot size (the renderer's default framing is wide).
    pub shot: Option<Shot>,
    pub camera: CameraMove,
    pub subjects: Vec<Subject>,
    pub setting: Option<Setting>,
    /// The named place, when the prompt names one: its wall, floor and props.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub place: Option<Place>,
    pub time_of_day: Option<TimeOfDay>,
    pub lighting: Vec<Lighting>,
    /// Weather and atmosphere.
    pub weather: Vec<Weather>,
    pub palette: Vec<NamedColor>,
    pub text: Option<OnScreenText>,
    pub audio: AudioPlan,
    /// Words of the prompt the vocabulary could not place (no phrase, not a filler word), in
    /// prompt order: what to add to a vocabulary file for this prompt to be understood.
    pub unplaced: Vec<String>,
}

impl ScenePlan {
    /// The plan as pretty-printed JSON (what `kino plan` prints).
    pub fn to_json_pretty(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

/// A vocabulary compiled for planning. Build once, plan many prompts.
#[derive(Debug, Clone)]
pub struct Planner {
    lexicon: lexicon::Lexicon,
}

impl Planner {
    pub fn new(vocabulary: &Vocabulary) -> Self {
        Self { lexicon: lexicon::Lexicon::new(vocabulary) }
    }

    pub fn plan(&self, prompt: &str) -> ScenePlan {
        let toks = tokens::tokenize(prompt);
        let ctx = Ctx { tokens: &toks.tokens, quotes: &toks.quotes, lexicon: &self.lexicon };
        let items = scan::scan(&toks.tokens, &self.lexicon);
        let cam = camera::plan_camera(&ctx, &items);
        let text = text::plan_text(&ctx, &items);
        let subj = subjects::plan_subjects(&ctx, &items, &cam.consumed, text.is_some());
        // Items used as a colour or by the camera mean nothing else.
        let skip: Vec<bool> = subj.color_used.iter().zip(&cam.consumed).map(|(a, b)| *a || *b).collect();
        let look = look::plan_look(&items, &skip, &self.lexicon);
        ScenePlan {
            shot: cam.shot,
            camera: cam.camera,
            subjects: subj.subjects,
            setting: look.setting,
            place: look.place,
            time_of_day: look.time_of_day,
            lighting: look.lighting,
            weather: look.weather,
            palette: subj.palette,
            text,
            audio: audio::plan_audio(&items, &skip),
            unplaced: unplaced(&toks.tokens, &items, &self.lexicon),
        }
    }
}

/// At most this many unplaced words are listed.
const MAX_UNPLACED: usize = 24;

/// Words no item covers that look like words (letters, two or more) and are not fillers.
fn unplaced(tokens: &[tokens::Token], items: &[scan::Item<'_>], lexicon: &lexicon::Lexicon) -> Vec<String> {
    let mut covered = vec![false; tokens.len()];
    for it in items {
        work::step(1 + it.end.saturating_sub(it.start));
        for c in covered.iter_mut().take(it.end).skip(it.start) {
            *c = true;
        }
    }
    let mut out: Vec<String> = Vec::new();
    for (t, covered) in tokens.iter().zip(covered) {
        work::step(1);
        let word = !covered
            && t.quote.is_none()
            && t.text.chars().count() >= 2
            && t.text.chars().all(char::is_alphabetic)
            && !lexicon.fillers.contains(&t.text);
        if word && !out.contains(&t.text) {
            out.push(t.text.clone());
            if out.len() == MAX_UNPLACED {
                break;
            }
        }
    }
    out
}

/// What the planning stages share.
pub(crate) struct Ctx<'a> {
    pub tokens: &'a [tokens::Token],
    pub quotes: &'a [String],
    pub lexicon: &'a lexicon::Lexicon,
}

fn builtin() -> &'static (Vocabulary, Planner) {
    static BUILTIN: OnceLock<(Vocabulary, Planner)> = OnceLock::new();
    BUILTIN.get_or_init(|| {
        // The asset is parsed by the tests; an empty vocabulary beats a panic if it ever broke.
        let v = Vocabulary::from_json(DEFAULT_VOCABULARY_JSON).unwrap_or_else(|_| Vocabulary::empty());
        let p = Planner::new(&v);
        (v, p)
    })
}

pub(crate) fn default_vocabulary() -> &'static Vocabulary {
    &builtin().0
}

/// Plan `prompt` with the built-in vocabulary.
pub fn plan(prompt: &str) -> ScenePlan {
    builtin().1.plan(prompt)
}

/// Plan `prompt` with the built-in vocabulary; also return the work it took, in steps
/// (characters, tokens, items and lookup-key bytes visited). For tests of scaling.
pub(crate) fn plan_counted(prompt: &str) -> (ScenePlan, u64) {
    let planner = &builtin().1;
    let before = work::steps();
    let plan = planner.plan(prompt);
    (plan, work::steps() - before)
}

/// Plan `prompt` with `vocabulary` (compiles it first; keep a [`Planner`] to plan many).
pub fn plan_with(prompt: &str, vocabulary: &Vocabulary) -> ScenePlan {
    Planner::new(vocabulary).plan(prompt)
}
