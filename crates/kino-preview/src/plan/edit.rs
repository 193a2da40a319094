//! Edits to a plan: an instruction ("shift the colour palette to teal, sand and rust",
//! "change the colour of the monster to orange", "a second monster comes out right after",
//! "make it night", "add rain") changes the fields it speaks of and keeps the rest.
//!
//! The instruction is read by the planner like any prompt; what it names is then merged
//! into the base plan. A few edit words decide how: "add"/"another"/"second" add to what is
//! there, "remove"/"no"/"stop" (and "… stops") take away what follows (or precedes) them.
//! A colour said with a subject the scene already has, and no palette word, recolours it.

use super::lexicon::Meaning;
use super::scan::{self, Item};
use super::subjects::{MAX_SUBJECTS, Subject};
use super::tokens::{self, Token};
use super::types::{AudioCue, Category, Lighting, Setting, TimeOfDay, Weather};
use super::{AudioPlan, CameraMove, ScenePlan};

/// Words before a thing that ask for more of it ("add a kite", "another car", "a second monster").
const ADD_BEFORE: &[&str] =
    &["add", "adds", "adding", "another", "second", "third", "fourth", "more", "extra", "also", "introduce", "include"];
/// Words after a thing that bring it in ("a monster comes out", "a dog joins").
const ADD_AFTER: &[&str] =
    &["comes", "come", "appears", "appear", "joins", "join", "enters", "enter", "arrives", "arrive", "too", "also"];
/// Words before a thing that take it away ("remove the rain", "no rain", "without the fog").
const REMOVE_BEFORE: &[&str] =
    &["remove", "removes", "delete", "erase", "stop", "no", "without", "rid", "lose", "drop", "clear", "hide", "minus"];
/// Words after a thing that take it away ("the rain stops", "the fog clears").
const REMOVE_AFTER: &[&str] =
    &["stops", "stopped", "ends", "ended", "clears", "cleared", "disappears", "vanishes", "gone", "lifts", "removed"];
/// Words that move the scene somewhere else ("move it to the sky").
const MOVE_WORDS: &[&str] = &["move", "moves", "relocate", "transport", "take", "set", "put", "place"];
/// How many words a cue may be before the thing it acts on ("add a big red kite").
const CUE_BEFORE: usize = 5;
/// How many words a cue may be after it ("the heavy rain finally stops").
const CUE_AFTER: usize = 4;

/// `base` changed as `instruction` asks; every field the instruction does not speak of is kept.
pub fn apply_edit(base: &ScenePlan, instruction: &str) -> ScenePlan {
    let ask = super::plan(instruction);
    let read = Reading::new(instruction);
    let removed = read.removed();
    let mut out = base.clone();

    // Framing and text: replaced when named.
    if ask.shot.is_some() {
        out.shot = ask.shot;
    }
    if ask.camera != CameraMove::default() {
        out.camera = ask.camera;
    }
    if ask.text.is_some() {
        out.text = ask.text.clone();
    }

    // Setting: "sky" alone is more often a place in frame ("turn the sky pink") than a move.
    if let Some(s) = ask.setting
        && (s != Setting::Sky || read.has_any(MOVE_WORDS))
        && out.setting != Some(s)
    {
        out.setting = Some(s);
        out.place = ask.place.clone();
        // The old place's sound goes with it; the new place's comes with the instruction's cues.
        out.audio
            .cues
            .retain(|c| !matches!(c, AudioCue::Waves | AudioCue::Traffic | AudioCue::Crowd | AudioCue::Water));
    }

    if let Some(t) = ask.time_of_day {
        out.time_of_day = Some(t);
        let dark = matches!(t, TimeOfDay::Night | TimeOfDay::BlueHour | TimeOfDay::Dusk);
        out.lighting.retain(|l| if dark { *l != Lighting::Sunlight } else { *l != Lighting::Moonlight });
    }

    // Lighting and weather: taken away when a remove word is on them, else added once.
    out.lighting.retain(|l| !removed.lighting.contains(l));
    for &l in ask.lighting.iter().filter(|l| !removed.lighting.contains(l)) {
        let opposite = match l {
            Lighting::Warm => Some(Lighting::Cool),
            Lighting::Cool => Some(Lighting::Warm),
            Lighting::Soft => Some(Lighting::Hard),
            Lighting::Hard => Some(Lighting::Soft),
            _ => None,
        };
        out.lighting.retain(|x| Some(*x) != opposite);
        if !out.lighting.contains(&l) {
            out.lighting.push(l);
        }
    }
    out.weather.retain(|w| !removed.weather.contains(w));
    for &w in ask.weather.iter().filter(|w| !removed.weather.contains(w)) {
        // Rain and snow do not fall together: the newer one wins.
        match w {
            Weather::Rain | Weather::Storm => out.weather.retain(|x| *x != Weather::Snow),
            Weather::Snow => out.weather.retain(|x| !matches!(x, Weather::Rain | Weather::Storm)),
            _ => {}
        }
        if !out.weather.contains(&w) {
            out.weather.push(w);
        }
    }
    if !out.weather.iter().any(|w| matches!(w, Weather::Rain | Weather::Storm)) {
        out.audio.cues.retain(|c| *c != AudioCue::Rain);
    }
    if !out.weather.iter().any(|w| matches!(w, Weather::Storm | Weather::Lightning)) {
        out.audio.cues.retain(|c| *c != AudioCue::Thunder);
    }

    // Subjects: removed, recoloured, re-directed, or added.
    out.subjects.retain(|s| !removed.nouns.contains(&s.noun));
    let mut palette_taken = false;
    for s in &ask.subjects {
        if removed.nouns.contains(&s.noun) {
            continue;
        }
        // The planner names a made-up subject after some unknown word ("make", "shift"): not a thing.
        if s.category == Category::Unknown {
            continue;
        }
        let adds = read.adds(&s.noun);
        let room = out.subjects.len() < MAX_SUBJECTS;
        match out.subjects.iter_mut().find(|b| b.noun == s.noun) {
            Some(b) if adds => b.count = b.count.saturating_add(s.count.max(1)),
            Some(b) => {
                if let Some(c) = s.color {
                    b.color = Some(c);
                    b.color_name.clone_from(&s.color_name);
                } else if !ask.palette.is_empty() && !read.palette_word && !palette_taken {
                    // "make the car blue": the colour after the noun is this subject's.
                    let c = &ask.palette[0];
                    b.color = Some(c.rgb);
                    b.color_name = Some(c.name.clone());
                    palette_taken = true;
                }
                if s.action.is_some() {
                    b.action = s.action;
                }
                if s.position_hint.is_some() {
                    b.position_hint = s.position_hint;
                }
            }
            None if room => out.subjects.push(s.clone()),
            None => {}
        }
    }

    if !ask.palette.is_empty() && !palette_taken {
        out.palette = ask.palette.clone();
    }

    // Sound: new cues join, removed ones leave; music and silence follow the instruction.
    out.audio.cues.retain(|c| !removed.cues.contains(c));
    for &c in ask.audio.cues.iter().filter(|c| !removed.cues.contains(c)) {
        if !out.audio.cues.contains(&c) {
            out.audio.cues.push(c);
        }
    }
    if ask.audio.music.is_some() {
        out.audio.music = ask.audio.music;
    }
    out.audio.ambient |= ask.audio.ambient;
    if ask.audio.silent {
        out.audio.silent = true;
        out.audio.cues.clear();
        out.audio.music = None;
        out.audio.ambient = false;
    } else if out.audio.silent && (ask.audio.music.is_some() || !ask.audio.cues.is_empty()) {
        // Asking for a sound undoes an earlier "silent".
        out.audio.silent = false;
    }
    out
}

/// What an instruction asks for on its own, for pixels the planner did not make.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Ask {
    /// The instruction applied to an empty plan: only what it adds (time, light, weather, palette...).
    pub delta: ScenePlan,
    /// Subjects an add word is on ("add a red kite", "another car"): things to draw in.
    pub added: Vec<Subject>,
    /// The colours name a subject's colour ("make the car blue"), not the picture's palette.
    pub subject_colour: bool,
}

/// Read `instruction` as an edit of something unknown.
pub(crate) fn read_ask(instruction: &str) -> Ask {
    let empty = ScenePlan {
        shot: None,
        camera: CameraMove::default(),
        subjects: Vec::new(),
        setting: None,
        place: None,
        time_of_day: None,
        lighting: Vec::new(),
        weather: Vec::new(),
        palette: Vec::new(),
        text: None,
        audio: AudioPlan::default(),
        unplaced: Vec::new(),
    };
    let delta = apply_edit(&empty, instruction);
    let read = Reading::new(instruction);
    let (added, named): (Vec<Subject>, Vec<Subject>) = delta.subjects.iter().cloned().partition(|s| read.adds(&s.noun));
    let subject_colour = !read.palette_word && named.iter().any(|s| s.color.is_none());
    Ask { delta, added, subject_colour }
}

/// The plan of a clip made by a chain of prompts, oldest first: the first prompt planned,
/// each later one applied as an edit. An empty chain plans the empty prompt.
pub fn plan_lineage(prompts: &[String]) -> ScenePlan {
    let mut it = prompts.iter();
    let mut plan = super::plan(it.next().map(String::as_str).unwrap_or(""));
    for p in it {
        plan = apply_edit(&plan, p);
    }
    plan
}

/// What a remove word is on.
#[derive(Default)]
struct Removed {
    weather: Vec<Weather>,
    lighting: Vec<Lighting>,
    nouns: Vec<String>,
    cues: Vec<AudioCue>,
}

/// The instruction's words and vocabulary items, for the cues the planner does not read.
struct Reading {
    tokens: Vec<Token>,
    /// (start, end, clause, meanings) of each item, owned so nothing borrows the lexicon.
    items: Vec<(usize, usize, u32, Vec<Meaning>)>,
    palette_word: bool,
}

impl Reading {
    fn new(instruction: &str) -> Self {
        let toks = tokens::tokenize(instruction);
        let lexicon = &super::builtin().1.lexicon;
        let items: Vec<(usize, usize, u32, Vec<Meaning>)> = scan::scan(&toks.tokens, lexicon)
            .iter()
            .map(|i: &Item<'_>| (i.start, i.end, toks.tokens[i.start].clause, i.meanings.to_vec()))
            .collect();
        let palette_word = items.iter().any(|(.., m)| m.contains(&Meaning::PaletteWord));
        Self { tokens: toks.tokens, items, palette_word }
    }

    fn has_any(&self, words: &[&str]) -> bool {
        self.tokens.iter().any(|t| words.contains(&t.text.as_str()))
    }

    /// Whether a word of `before` sits shortly before `[start, end)`, or of `after` shortly
    /// after it, in the same clause.
    fn cued(&self, start: usize, end: usize, clause: u32, before: &[&str], after: &[&str]) -> bool {
        let near = |i: &usize| self.tokens[*i].clause == clause;
        let pre =
            (start.saturating_sub(CUE_BEFORE)..start).filter(near).any(|i| before.contains(&&*self.tokens[i].text));
        let post_end = (end + CUE_AFTER).min(self.tokens.len());
        let post = (end..post_end).filter(near).any(|i| after.contains(&&*self.tokens[i].text));
        pre || post
    }

    /// Everything a remove word is on.
    fn removed(&self) -> Removed {
        let mut out = Removed::default();
        let lexicon = &super::builtin().1.lexicon;
        for (start, end, clause, meanings) in &self.items {
            if !self.cued(*start, *end, *clause, REMOVE_BEFORE, REMOVE_AFTER) {
                continue;
            }
            for m in meanings {
                match *m {
                    Meaning::Weather(w) => out.weather.push(w),
                    Meaning::Lighting(l) => out.lighting.push(l),
                    Meaning::Noun(i) => {
                        if let Some(n) = lexicon.noun(i) {
                            out.nouns.push(n.name.clone());
                        }
                    }
                    Meaning::Audio(a) => out.cues.extend(a.cue),
                    _ => {}
                }
            }
        }
        out
    }

    /// Whether an add word is on a mention of `noun`.
    fn adds(&self, noun: &str) -> bool {
        let lexicon = &super::builtin().1.lexicon;
        let named = |m: &Meaning| match *m {
            Meaning::Noun(i) => lexicon.noun(i).is_some_and(|n| n.name == noun),
            _ => false,
        };
        self.items
            .iter()
            .filter(|(.., m)| m.iter().any(named))
            .any(|(start, end, clause, _)| self.cued(*start, *end, *clause, ADD_BEFORE, ADD_AFTER))
    }
}

#[cfg(test)]
mod tests {
    use super::super::plan;
    use super::*;

    fn base() -> ScenePlan {
        plan("a green monster walking in a forest at dawn with a yellow car, warm light")
    }

    /// Every field but the ones listed is as in `a`.
    fn same_except(a: &ScenePlan, b: &ScenePlan, changed: &[&str]) {
        let fields: [(&str, bool); 10] = [
            ("shot", a.shot == b.shot),
            ("camera", a.camera == b.camera),
            ("subjects", a.subjects == b.subjects),
            ("setting", a.setting == b.setting && a.place == b.place),
            ("time_of_day", a.time_of_day == b.time_of_day),
            ("lighting", a.lighting == b.lighting),
            ("weather", a.weather == b.weather),
            ("palette", a.palette == b.palette),
            ("text", a.text == b.text),
            ("audio", a.audio == b.audio),
        ];
        for (name, same) in fields {
            if !changed.contains(&name) {
                assert!(same, "{name} changed:\n{}\n{}", a.to_json_pretty(), b.to_json_pretty());
            }
        }
    }

    fn names(p: &ScenePlan) -> Vec<&str> {
        p.palette.iter().map(|c| c.name.as_str()).collect()
    }

    #[test]
    fn palette_is_replaced_by_the_named_colours() {
        let b = base();
        let e = apply_edit(&b, "shift the colour palette to teal, sand and rust");
        assert_eq!(names(&e), ["teal", "sand", "rust"]);
        same_except(&b, &e, &["palette"]);
    }

    #[test]
    fn a_named_subject_takes_the_colour() {
        let b = base();
        let e = apply_edit(&b, "change the colour of the monster to orange");
        let m = e.subjects.iter().find(|s| s.noun == "monster").expect("monster");
        assert_eq!(m.color_name.as_deref(), Some("orange"));
        let car = |p: &ScenePlan| p.subjects.iter().find(|s| s.noun == "car").cloned();
        assert_eq!(car(&b), car(&e));
        assert_eq!(e.subjects.len(), b.subjects.len());
        same_except(&b, &e, &["subjects"]);
        let e = apply_edit(&b, "make the car blue");
        assert_eq!(car(&e).and_then(|c| c.color_name).as_deref(), Some("blue"));
        same_except(&b, &e, &["subjects"]);
    }

    #[test]
    fn subjects_are_added_or_counted_up() {
        let b = base();
        let e = apply_edit(&b, "a second monster comes out right after");
        assert_eq!(e.subjects[0].noun, "monster");
        assert_eq!(e.subjects[0].count, 2);
        assert_eq!(e.subjects[0].color, b.subjects[0].color);
        same_except(&b, &e, &["subjects"]);

        let e = apply_edit(&b, "add a red kite in the sky");
        let kite = e.subjects.last().expect("kite");
        assert_eq!((kite.noun.as_str(), kite.color_name.as_deref()), ("kite", Some("red")));
        assert_eq!(&e.subjects[..b.subjects.len()], &b.subjects[..]);
        same_except(&b, &e, &["subjects"]);

        let e = apply_edit(&b, "another car drives by");
        let car = e.subjects.iter().find(|s| s.noun == "car").expect("car");
        assert_eq!(car.count, 2);
        assert_eq!(e.subjects.len(), b.subjects.len());

        let none = plan("a quiet meadow");
        let e = apply_edit(&none, "another car drives by");
        assert!(e.subjects.iter().any(|s| s.noun == "car"));
    }

    #[test]
    fn time_light_and_weather_change_alone() {
        let b = base();
        let e = apply_edit(&b, "make it night");
        assert_eq!(e.time_of_day, Some(TimeOfDay::Night));
        same_except(&b, &e, &["time_of_day"]);
        let e = apply_edit(&b, "at sunset");
        assert_eq!(e.time_of_day, Some(TimeOfDay::Sunset));
        same_except(&b, &e, &["time_of_day"]);

        let rain = apply_edit(&b, "add rain");
        assert_eq!(rain.weather, [Weather::Rain]);
        assert!(rain.audio.cues.contains(&AudioCue::Rain));
        same_except(&b, &rain, &["weather", "audio"]);

        let snow = apply_edit(&rain, "it starts snowing");
        assert_eq!(snow.weather, [Weather::Snow]);
        assert!(!snow.audio.cues.contains(&AudioCue::Rain));

        let neon = apply_edit(&b, "neon lighting");
        assert_eq!(neon.lighting, [Lighting::Warm, Lighting::Neon]);
        same_except(&b, &neon, &["lighting"]);
    }

    #[test]
    fn rain_can_be_taken_away() {
        let b = apply_edit(&base(), "add rain and fog");
        assert!(b.weather.contains(&Weather::Rain) && b.weather.contains(&Weather::Fog));
        for ask in ["remove the rain", "stop the rain", "no rain", "the rain stops", "no more rain"] {
            let e = apply_edit(&b, ask);
            assert_eq!(e.weather, [Weather::Fog], "{ask}");
            assert!(!e.audio.cues.contains(&AudioCue::Rain), "{ask}");
            same_except(&b, &e, &["weather", "audio"]);
        }
    }

    #[test]
    fn subjects_can_be_taken_away() {
        let b = base();
        let e = apply_edit(&b, "remove the car");
        assert!(e.subjects.iter().all(|s| s.noun != "car"));
        assert!(e.subjects.iter().any(|s| s.noun == "monster"));
        same_except(&b, &e, &["subjects"]);
    }

    #[test]
    fn setting_moves() {
        let b = base();
        let e = apply_edit(&b, "move it to a beach");
        assert_eq!(e.setting, Some(Setting::Beach));
        assert!(e.audio.cues.contains(&AudioCue::Waves));
        same_except(&b, &e, &["setting", "audio"]);
        // "the sky" in a colour edit is not a move to the sky.
        let e = apply_edit(&b, "turn the sky pink");
        assert_eq!(e.setting, b.setting);
        assert_eq!(names(&e), ["pink"]);
    }

    #[test]
    fn edit_words_make_no_subjects_and_empty_edits_change_nothing() {
        let b = base();
        for ask in ["", "   ", "make it so", "add", "shift everything", "remove", "!!!", "add a glorp"] {
            let e = apply_edit(&b, ask);
            assert_eq!(e, b, "{ask}");
        }
    }

    #[test]
    fn an_ask_alone_holds_only_what_it_says() {
        let a = read_ask("add a red kite in the sky and make it night");
        assert_eq!(a.added.iter().map(|s| s.noun.as_str()).collect::<Vec<_>>(), ["kite"]);
        assert_eq!(a.delta.time_of_day, Some(TimeOfDay::Night));
        assert!(a.delta.palette.is_empty() && a.delta.weather.is_empty() && !a.subject_colour);
        let a = read_ask("change the colour of the monster to orange");
        assert!(a.added.is_empty() && a.subject_colour);
        let a = read_ask("shift the colour palette to teal, sand and rust");
        assert!(a.added.is_empty() && !a.subject_colour);
        assert_eq!(names(&a.delta), ["teal", "sand", "rust"]);
    }

    #[test]
    fn lineage_folds_edits_in_order() {
        let chain = ["a red car on a road".to_string(), "make it night".to_string(), "add rain".to_string()];
        let p = plan_lineage(&chain);
        assert_eq!(p.time_of_day, Some(TimeOfDay::Night));
        assert_eq!(p.weather, [Weather::Rain]);
        assert_eq!(p.subjects[0].color_name.as_deref(), Some("red"));
        assert_eq!(plan_lineage(&chain[..1]), plan("a red car on a road"));
    }
}
