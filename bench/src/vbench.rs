//! VBench's labelled prompt suites (`bench/vbench/`) through the preview engine's planner:
//! the issue-21 figures, at plan level. Each figure is the share of a suite's prompts whose
//! plan has what the label asks for; `--list` names the prompts that miss.
use std::collections::HashMap;
use std::path::Path;

use anyhow::Context;
use kino_preview::ScenePlan;
use kino_preview::plan::{Category, FALLBACK_SHAPE, PositionHint, Subject};
use serde_json::Value;

/// One figure: how many of a suite's prompts pass, with the ones that do not.
struct Figure {
    name: &'static str,
    target: f64,
    pass: usize,
    misses: Vec<String>,
}

impl Figure {
    fn new(name: &'static str, target: f64) -> Self {
        Self { name, target, pass: 0, misses: Vec::new() }
    }

    fn score(&mut self, ok: bool, prompt: &str, why: impl FnOnce() -> String) {
        if ok {
            self.pass += 1;
        } else {
            self.misses.push(format!("{prompt:?}: {}", why()));
        }
    }

    /// "passed/total percent (target: met or below)".
    fn line(&self) -> String {
        let n = self.pass + self.misses.len();
        let mark = if self.share() >= self.target { "met" } else { "below" };
        format!("{:>3}/{:<3} {:>5.1}% ({mark})", self.pass, n, 100.0 * self.share())
    }

    fn share(&self) -> f64 {
        let n = self.pass + self.misses.len();
        if n == 0 { 0.0 } else { self.pass as f64 / n as f64 }
    }
}

fn read_json(dir: &Path, name: &str) -> anyhow::Result<Vec<Value>> {
    let path = dir.join(name);
    let text = std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    let value: Value = serde_json::from_str(&text).with_context(|| format!("parsing {}", path.display()))?;
    value.as_array().cloned().with_context(|| format!("{}: not a list", path.display()))
}

fn read_lines(dir: &Path, name: &str) -> anyhow::Result<Vec<String>> {
    let path = dir.join(name);
    let text = std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    Ok(text.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_string).collect())
}

fn field<'a>(entry: &'a Value, key: &str) -> anyhow::Result<&'a str> {
    entry.get(key).and_then(Value::as_str).with_context(|| format!("an entry without {key}: {entry}"))
}

/// A subject drawn as something of its own: known, and not the shared fallback shape.
fn placed(s: &Subject) -> bool {
    s.category != Category::Unknown && s.shape != FALLBACK_SHAPE
}

/// Whether a planned noun is the labelled class: itself, its head word ("sports ball" as a
/// ball) or its plural ("skis"); not another thing that shares a word ("fire hydrant" as fire).
fn names(noun: &str, class: &str) -> bool {
    noun == class || class.ends_with(&format!(" {noun}")) || noun.strip_suffix('s') == Some(class)
}

fn describe(plan: &ScenePlan) -> String {
    let subjects: Vec<String> = plan
        .subjects
        .iter()
        .map(|s| match s.position_hint {
            Some(hint) => format!("{}:{}@{hint:?}", s.noun, s.shape),
            None => format!("{}:{}", s.noun, s.shape),
        })
        .collect();
    format!("subjects [{}], setting {:?}", subjects.join(", "), plan.setting)
}

/// The subject planned for `class` in the prompt: the first one whose shape is the class's own.
fn find(plan: &ScenePlan, shape_of: &HashMap<String, String>, class: &str) -> Option<usize> {
    let shape = shape_of.get(class)?;
    plan.subjects.iter().position(|s| placed(s) && &s.shape == shape)
}

pub fn run(dir: &Path, list: bool, gallery: Option<&Path>) -> anyhow::Result<()> {
    let mut shown = Gallery::default();
    // Objects: each COCO class planned as itself, with a shape no other class shares.
    let objects = read_json(dir, "object_class.json")?;
    let mut shape_of: HashMap<String, String> = HashMap::new();
    let mut plans = Vec::new();
    for entry in &objects {
        let (prompt, class) = (field(entry, "prompt_en")?, field(entry, "object_en")?);
        let plan = kino_preview::plan(prompt);
        if let Some(s) = plan.subjects.first().filter(|s| placed(s) && names(&s.noun, class)) {
            shape_of.insert(class.to_string(), s.shape.clone());
        }
        plans.push((prompt, class, plan));
    }
    let mut classes_per_shape: HashMap<&str, Vec<&str>> = HashMap::new();
    for (class, shape) in &shape_of {
        classes_per_shape.entry(shape.as_str()).or_default().push(class.as_str());
    }
    let mut object = Figure::new("object class", 0.95);
    let mut object_px = Figure::new("object class", 0.95);
    for (prompt, class, plan) in &plans {
        let shape = shape_of.get(*class).map(String::as_str);
        let shared = shape.and_then(|s| classes_per_shape.get(s)).filter(|c| c.len() > 1);
        let ok = shape.is_some() && shared.is_none();
        object.score(ok, prompt, || match shared {
            Some(classes) => {
                let mut classes = classes.clone();
                classes.sort_unstable();
                format!("shape {:?} shared with {}", shape.unwrap_or_default(), classes.join(", "))
            }
            None => describe(plan),
        });
        let still = Still::render(prompt)?;
        shown.offer("Objects", plans.len(), prompt, &still);
        let drawn = still.drawn(0);
        object_px.score(ok && drawn >= MIN_DRAWN, prompt, || format!("{:.0}% of its box drawn", 100.0 * drawn));
    }

    let mut color = Figure::new("color", 1.0);
    let mut color_px = Figure::new("color", 1.0);
    let colours = read_json(dir, "color.json")?;
    for entry in &colours {
        let (prompt, want) = (field(entry, "prompt_en")?, field(entry, "color_en")?);
        let plan = kino_preview::plan(prompt);
        // The colour bound to the subject, whatever it is drawn as (objects are the figure above).
        let at = plan.subjects.iter().position(|s| s.color_name.as_deref() == Some(want));
        color.score(at.is_some(), prompt, || {
            let got: Vec<_> = plan.subjects.iter().map(|s| s.color_name.clone().unwrap_or_default()).collect();
            format!("colours {got:?}; {}", describe(&plan))
        });
        let still = Still::render(prompt)?;
        shown.offer("Colour", colours.len(), prompt, &still);
        let (top, share) = at.map(|i| still.main_colour(i)).unwrap_or(("none", 0.0));
        color_px.score(top == want, prompt, || format!("{top} dominates its box ({:.0}%)", 100.0 * share));
    }

    let mut multiple = Figure::new("multiple objects", 0.95);
    let mut multiple_px = Figure::new("multiple objects", 0.95);
    let pairs = read_json(dir, "multiple_objects.json")?;
    for entry in &pairs {
        let (prompt, pair) = (field(entry, "prompt_en")?, field(entry, "object_en")?);
        let plan = kino_preview::plan(prompt);
        let (a, b) = pair.split_once(" and ").with_context(|| format!("{pair:?}: not 'A and B'"))?;
        let both = match (find(&plan, &shape_of, a), find(&plan, &shape_of, b)) {
            (Some(x), Some(y)) if x != y => Some((x, y)),
            _ => None,
        };
        multiple.score(both.is_some(), prompt, || describe(&plan));
        let still = Still::render(prompt)?;
        shown.offer("Two objects", pairs.len(), prompt, &still);
        let seen = both.map(|(x, y)| (still.drawn(x), still.drawn(y), still.overlap(x, y)));
        let ok = seen.is_some_and(|(dx, dy, o)| dx >= MIN_DRAWN && dy >= MIN_DRAWN && o < MAX_OVERLAP);
        multiple_px.score(ok, prompt, || match seen {
            Some((dx, dy, o)) => {
                format!("drawn {:.0}% / {:.0}% of their boxes, overlap {:.0}%", 100.0 * dx, 100.0 * dy, 100.0 * o)
            }
            None => "not both planned".into(),
        });
    }

    let mut spatial = Figure::new("spatial relationship", 0.90);
    let mut spatial_px = Figure::new("spatial relationship", 0.90);
    let relations = read_json(dir, "spatial_relationship.json")?;
    for entry in &relations {
        let prompt = field(entry, "prompt_en")?;
        let (a, b, relation) =
            (field(entry, "object_a_en")?, field(entry, "object_b_en")?, field(entry, "relationship_en")?);
        let plan = kino_preview::plan(prompt);
        let both = match (find(&plan, &shape_of, a), find(&plan, &shape_of, b)) {
            (Some(x), Some(y)) if x != y => Some((x, y)),
            _ => None,
        };
        let ok = both
            .is_some_and(|(x, y)| side_ok(relation, plan.subjects[x].position_hint, plan.subjects[y].position_hint));
        spatial.score(ok, prompt, || format!("{relation}: {}", describe(&plan)));
        let still = Still::render(prompt)?;
        shown.offer("Spatial relations", relations.len(), prompt, &still);
        let placed_px = both.is_some_and(|(x, y)| {
            still.drawn(x) >= MIN_DRAWN && still.drawn(y) >= MIN_DRAWN && still.placed_as(relation, x, y)
        });
        spatial_px.score(placed_px, prompt, || {
            let centres: Vec<_> = (0..plan.subjects.len()).map(|i| still.centre(i)).collect();
            format!("{relation}: box centres {centres:?}")
        });
    }

    // Scenes: planned as a setting or place of their own, indoors or out as labelled; in
    // pixels, the place's props drawn and its wall and floor changing the bare setting.
    let vocabulary = kino_preview::Vocabulary::from_json(kino_preview::plan::DEFAULT_VOCABULARY_JSON)?;
    let mut scene = Figure::new("scene", 0.90);
    let mut scene_px = Figure::new("scene", 0.90);
    let scenes = read_lines(dir, "scene.txt")?;
    for name in &scenes {
        let plan = kino_preview::plan(name);
        let own = plan.place.is_some() || vocabulary.settings.contains_key(name);
        let indoors = plan.setting.map(kino_preview::plan::Setting::is_interior);
        let ok = own && indoors == Some(INDOOR_SCENES.contains(&name.as_str()));
        scene.score(ok, name, || {
            let place = plan.place.as_ref().map(|p| p.name.as_str());
            format!("{}, place {place:?}, indoors {indoors:?}", describe(&plan))
        });
        let still = Still::render(name)?;
        shown.offer("Scenes", scenes.len(), name, &still);
        // A prop the prompt names is drawn once, as its subject ("castle"): either counts.
        let props = still.props.iter().chain(&still.boxes).map(|b| still.drawn_in(*b)).fold(0.0, f64::max);
        let surfaces = still.surfaces_changed();
        let place = plan.place.as_ref();
        let wants_props = place.is_some_and(|p| !p.props.is_empty());
        let wants_surface = place.is_some_and(|p| p.wall.is_some() || p.floor.is_some());
        let seen = (!wants_props || props >= MIN_DRAWN) && (!wants_surface || surfaces >= MIN_SURFACE);
        scene_px.score(ok && seen, name, || {
            format!("props drawn {:.0}% of their boxes, wall and floor changed {:.0}%", 100.0 * props, 100.0 * surfaces)
        });
    }

    // Human actions: a person planned doing something (its pose follows the action's family,
    // see the preview's pose test); in pixels, that person drawn in the middle frame.
    let mut action = Figure::new("human action", 0.80);
    let mut action_px = Figure::new("human action", 0.80);
    let actions = read_lines(dir, "human_action.txt")?;
    for prompt in &actions {
        let plan = kino_preview::plan(prompt);
        let doer = plan.subjects.iter().position(|s| s.category == Category::Person && s.action.is_some());
        action.score(doer.is_some(), prompt, || {
            let acts: Vec<_> = plan.subjects.iter().map(|s| format!("{}:{:?}", s.noun, s.action)).collect();
            acts.join(", ")
        });
        let still = Still::render(prompt)?;
        shown.offer("Human actions", actions.len(), prompt, &still);
        let drawn = doer.map_or(0.0, |i| still.drawn(i));
        action_px.score(drawn >= MIN_DRAWN, prompt, || format!("the person drawn {:.0}% of its box", 100.0 * drawn));
    }

    println!("VBench suites ({}), planned by the preview engine, and in its pixels:", dir.display());
    // Words it does not know: across every suite's prompts, a subject drawn as the shared
    // fallback (an orb) is never silent: `unplaced` names its word for a vocabulary file.
    // In pixels: no orb drawn at all.
    let mut unknown = Figure::new("unknown words", 1.0);
    let mut unknown_px = Figure::new("unknown words", 0.99);
    let everything = plans
        .iter()
        .map(|(p, _, _)| p.to_string())
        .chain(
            colours.iter().chain(&pairs).chain(&relations).filter_map(|e| field(e, "prompt_en").ok().map(String::from)),
        )
        .chain(scenes.iter().cloned())
        .chain(actions.iter().cloned());
    for prompt in everything {
        let plan = kino_preview::plan(&prompt);
        let orbs: Vec<&str> = plan.subjects.iter().filter(|s| !placed(s)).map(|s| s.noun.as_str()).collect();
        let silent: Vec<&str> = orbs.iter().copied().filter(|n| !plan.unplaced.iter().any(|u| u == n)).collect();
        unknown.score(silent.is_empty(), &prompt, || format!("drawn as an orb without saying so: {silent:?}"));
        unknown_px.score(orbs.is_empty(), &prompt, || format!("{orbs:?} drawn as an orb (listed in unplaced)"));
    }

    let rows = [
        (&unknown, &unknown_px),
        (&object, &object_px),
        (&color, &color_px),
        (&multiple, &multiple_px),
        (&spatial, &spatial_px),
        (&scene, &scene_px),
        (&action, &action_px),
    ];
    for (plan, px) in rows {
        println!("  {:<22} plan {}  pixels {}", plan.name, plan.line(), px.line());
    }
    if list {
        for (plan, px) in rows {
            for miss in &plan.misses {
                println!("{} (plan): {miss}", plan.name);
            }
            for miss in &px.misses {
                println!("{} (pixels): {miss}", plan.name);
            }
        }
    }
    if let Some(dir) = gallery {
        shown.write(dir)?;
        println!("gallery: {}", dir.join("vbench.md").display());
    }
    Ok(())
}

/// The gallery page: the middle frame of a few prompts spread through each suite.
#[derive(Default)]
struct Gallery {
    /// (suite, prompt, frame) in suite order.
    shots: Vec<(&'static str, String, Vec<u8>)>,
    offered: HashMap<&'static str, usize>,
}

impl Gallery {
    /// How many frames each suite shows.
    const PER_SUITE: usize = 6;

    /// Keep `still` if its prompt is one of the suite's evenly spread samples (a suite's
    /// prompts are offered in order; `total` is how many it has).
    fn offer(&mut self, suite: &'static str, total: usize, prompt: &str, still: &Still) {
        let seen = self.offered.entry(suite).or_default();
        let index = *seen;
        *seen += 1;
        let step = total.div_ceil(Self::PER_SUITE).max(1);
        if index % step == step / 2 {
            self.shots.push((suite, prompt.to_string(), still.frame.clone()));
        }
    }

    /// `dir/vbench.md`, two frames a row under a heading per suite, and the JPEGs it shows
    /// under `dir/vbench/`.
    fn write(&self, dir: &Path) -> anyhow::Result<()> {
        let images = dir.join("vbench");
        std::fs::create_dir_all(&images).with_context(|| format!("creating {}", images.display()))?;
        let mut page = String::from(
            "# The preview engine on VBench's prompt suites\n\n\
             The middle frame (640x360, 4 s, seed 0) of prompts spread through each of VBench's labelled \
             suites (`bench/vbench/`), as the preview engine draws them. Made, with the figures in \
             BENCHMARKS.md, by `cargo run --release -p kino-bench -- vbench --gallery docs/gallery`.\n",
        );
        let mut in_row = 0;
        for (i, (suite, prompt, frame)) in self.shots.iter().enumerate() {
            if i == 0 || self.shots[i - 1].0 != *suite {
                if in_row == 1 {
                    page.push_str(" |\n");
                }
                page.push_str(&format!("\n## {suite}\n\n| | |\n|---|---|\n"));
                in_row = 0;
            }
            let file = format!("{}-{i:02}.jpg", suite.to_lowercase().replace(' ', "-"));
            let rgb: Vec<u8> = frame.chunks_exact(4).flat_map(|p| [p[0], p[1], p[2]]).collect();
            std::fs::write(images.join(&file), kino_media::encode_jpeg(&rgb, 640, 360, 72)?)?;
            let caption = prompt.replace('|', "\\|");
            let cell = format!("![{caption}](vbench/{file})<br>{caption}");
            if in_row == 0 {
                page.push_str(&format!("| {cell} |"));
                in_row = 1;
            } else {
                page.push_str(&format!(" {cell} |\n"));
                in_row = 0;
            }
        }
        if in_row == 1 {
            page.push_str(" |\n");
        }
        std::fs::write(dir.join("vbench.md"), page)?;
        Ok(())
    }
}

/// The share of a subject's box its drawing must change from the backdrop.
const MIN_DRAWN: f64 = 0.15;
/// The share of the frame a place's wall and floor must change from its bare setting (a
/// farm's fence is a thin band; a bathroom's tiles are most of the frame).
const MIN_SURFACE: f64 = 0.05;
/// VBench's scenes that are indoors (our label: the suite has none).
const INDOOR_SCENES: &[&str] = &[
    "aquarium",
    "art gallery",
    "bathroom",
    "bakery shop",
    "ballroom",
    "bar",
    "basement",
    "bedroom",
    "cafeteria",
    "classroom",
    "corridor",
    "food court",
    "indoor gymnasium",
    "hospital",
    "jail cell",
    "kitchen",
    "indoor library",
    "laboratory",
    "indoor movie theater",
    "indoor museum",
    "music studio",
    "nursery",
    "office",
    "pharmacy",
    "restaurant",
    "science museum",
    "shower",
    "staircase",
    "supermarket",
    "indoor swimming pool",
];
/// The most two subjects' boxes may overlap (of the smaller box) before they are one blob.
const MAX_OVERLAP: f64 = 0.5;

/// The middle frame of a prompt's clip, its backdrop alone, and where its named subjects are.
struct Still {
    width: usize,
    frame: Vec<u8>,
    backdrop: Vec<u8>,
    boxes: Vec<Option<[f32; 4]>>,
    props: Vec<Option<[f32; 4]>>,
    bare_backdrop: Option<Vec<u8>>,
}

impl Still {
    fn render(prompt: &str) -> anyhow::Result<Self> {
        let spec = kino_engine::GenerationSpec {
            prompt: prompt.to_string(),
            width: 640,
            height: 360,
            fps: 24,
            seconds: 4,
            seed: 0,
            ..Default::default()
        };
        let mid = spec.frame_count() / 2;
        let kino_preview::inspect::Layers { frame, backdrop, boxes, props, bare_backdrop } =
            kino_preview::inspect::layers(&spec, mid)?;
        Ok(Self { width: spec.width as usize, frame, backdrop, boxes, props, bare_backdrop })
    }

    fn pixels(&self, subject: usize) -> impl Iterator<Item = ([u8; 3], bool)> + '_ {
        self.pixels_in(self.boxes.get(subject).copied().flatten())
    }

    /// Each pixel of box `b` in the frame, and whether a drawing changed it from the backdrop.
    fn pixels_in(&self, b: Option<[f32; 4]>) -> impl Iterator<Item = ([u8; 3], bool)> + '_ {
        let b = b.unwrap_or([0.0; 4]);
        let (x0, y0, x1, y1) = (b[0] as usize, b[1] as usize, b[2] as usize, b[3] as usize);
        (y0..y1).flat_map(move |y| (x0..x1).map(move |x| (y * self.width + x) * 4)).map(|i| {
            let (f, k) = (&self.frame[i..i + 3], &self.backdrop[i..i + 3]);
            let diff: u32 = f.iter().zip(k).map(|(a, b)| u32::from(a.abs_diff(*b))).sum();
            ([f[0], f[1], f[2]], diff > 48)
        })
    }

    /// The share of the subject's box that its drawing changed.
    fn drawn(&self, subject: usize) -> f64 {
        self.drawn_in(self.boxes.get(subject).copied().flatten())
    }

    /// The share of box `b` that a drawing changed.
    fn drawn_in(&self, b: Option<[f32; 4]>) -> f64 {
        let (mut n, mut changed) = (0usize, 0usize);
        for (_, c) in self.pixels_in(b) {
            n += 1;
            changed += usize::from(c);
        }
        if n == 0 { 0.0 } else { changed as f64 / n as f64 }
    }

    /// The colour name most of the subject's drawn pixels have, with its share.
    fn main_colour(&self, subject: usize) -> (&'static str, f64) {
        let mut counts: HashMap<&'static str, usize> = HashMap::new();
        let mut n = 0;
        for (rgb, changed) in self.pixels(subject) {
            if changed {
                *counts.entry(colour_name(rgb)).or_default() += 1;
                n += 1;
            }
        }
        let top = counts.into_iter().filter(|(name, _)| *name != "grey").max_by_key(|&(name, k)| (k, name));
        top.map_or(("none", 0.0), |(name, k)| (name, k as f64 / n.max(1) as f64))
    }

    /// The share of the frame where the place's wall and floor differ from the bare setting's.
    fn surfaces_changed(&self) -> f64 {
        let Some(bare) = &self.bare_backdrop else {
            return 0.0;
        };
        let px = self.backdrop.chunks_exact(4).zip(bare.chunks_exact(4));
        let changed =
            px.clone().filter(|(a, b)| a.iter().zip(*b).map(|(x, y)| u32::from(x.abs_diff(*y))).sum::<u32>() > 48);
        changed.count() as f64 / px.count().max(1) as f64
    }

    fn area(b: [f32; 4]) -> f64 {
        f64::from((b[2] - b[0]).max(0.0) * (b[3] - b[1]).max(0.0))
    }

    /// How much of the smaller of two subjects' boxes the other covers.
    fn overlap(&self, a: usize, b: usize) -> f64 {
        let (Some(Some(p)), Some(Some(q))) = (self.boxes.get(a), self.boxes.get(b)) else {
            return 1.0;
        };
        let inter = [p[0].max(q[0]), p[1].max(q[1]), p[2].min(q[2]), p[3].min(q[3])];
        let smaller = Self::area(*p).min(Self::area(*q));
        if smaller <= 0.0 { 1.0 } else { Self::area(inter) / smaller }
    }

    fn centre(&self, subject: usize) -> Option<(f32, f32)> {
        let b = self.boxes.get(subject).copied().flatten()?;
        Some(((b[0] + b[2]) * 0.5, (b[1] + b[3]) * 0.5))
    }

    /// Whether `a`'s box centre is on the stated side of `b`'s.
    fn placed_as(&self, relation: &str, a: usize, b: usize) -> bool {
        let (Some((ax, ay)), Some((bx, by))) = (self.centre(a), self.centre(b)) else {
            return false;
        };
        match relation {
            "on the left of" => ax < bx,
            "on the right of" => ax > bx,
            "on the top of" => ay < by,
            "on the bottom of" => ay > by,
            _ => false,
        }
    }
}

/// The basic colour name of a pixel (VBench's nine, or grey), by hue, saturation and value.
fn colour_name([r, g, b]: [u8; 3]) -> &'static str {
    let (r, g, b) = (f32::from(r) / 255.0, f32::from(g) / 255.0, f32::from(b) / 255.0);
    let (max, min) = (r.max(g).max(b), r.min(g).min(b));
    let (v, s) = (max, if max > 0.0 { (max - min) / max } else { 0.0 });
    if v < 0.2 {
        return "black";
    }
    if s < 0.15 {
        return if v > 0.7 { "white" } else { "grey" };
    }
    let d = max - min;
    let h = if max == r {
        60.0 * ((g - b) / d).rem_euclid(6.0)
    } else if max == g {
        60.0 * ((b - r) / d + 2.0)
    } else {
        60.0 * ((r - g) / d + 4.0)
    };
    let reddish = !(15.0..280.0).contains(&h);
    if reddish && s < 0.5 && v > 0.6 {
        return "pink";
    }
    match h {
        h if !(15.0..340.0).contains(&h) => "red",
        h if h < 48.0 => "orange",
        h if h < 72.0 => "yellow",
        h if h < 165.0 => "green",
        h if h < 265.0 => "blue",
        h if h < 310.0 => "purple",
        _ => "pink",
    }
}

/// Whether the plan puts `a` on the stated side of `b`, and `b` on the other (by their hints).
fn side_ok(relation: &str, a: Option<PositionHint>, b: Option<PositionHint>) -> bool {
    use PositionHint::{Above, Below, Left, Right};
    let (want_a, want_b) = match relation {
        "on the left of" => (Left, Right),
        "on the right of" => (Right, Left),
        "on the top of" => (Above, Below),
        "on the bottom of" => (Below, Above),
        _ => return false,
    };
    a == Some(want_a) && b == Some(want_b)
}
