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
fn find<'a>(plan: &'a ScenePlan, shape_of: &HashMap<String, String>, class: &str) -> Option<&'a Subject> {
    let shape = shape_of.get(class)?;
    plan.subjects.iter().find(|s| placed(s) && &s.shape == shape)
}

pub fn run(dir: &Path, list: bool) -> anyhow::Result<()> {
    // Objects: each COCO class planned as itself, with a shape no other class shares.
    let objects = read_json(dir, "object_class.json")?;
    let mut shape_of: HashMap<String, String> = HashMap::new();
    let mut plans = Vec::new();
    for entry in &objects {
        let (prompt, class) = (field(entry, "prompt_en")?, field(entry, "object_en")?);
        let plan = kino_preview::plan(prompt);
        if let Some(s) = plan.subjects.first().filter(|s| placed(s)) {
            shape_of.insert(class.to_string(), s.shape.clone());
        }
        plans.push((prompt, class, plan));
    }
    let mut classes_per_shape: HashMap<&str, Vec<&str>> = HashMap::new();
    for (class, shape) in &shape_of {
        classes_per_shape.entry(shape.as_str()).or_default().push(class.as_str());
    }
    let mut object = Figure::new("object class", 0.95);
    for (prompt, class, plan) in &plans {
        let shape = shape_of.get(*class).map(String::as_str);
        let shared = shape.and_then(|s| classes_per_shape.get(s)).filter(|c| c.len() > 1);
        object.score(shape.is_some() && shared.is_none(), prompt, || match shared {
            Some(classes) => {
                let mut classes = classes.clone();
                classes.sort_unstable();
                format!("shape {:?} shared with {}", shape.unwrap_or_default(), classes.join(", "))
            }
            None => describe(plan),
        });
    }

    let mut color = Figure::new("color", 1.0);
    for entry in read_json(dir, "color.json")? {
        let (prompt, want) = (field(&entry, "prompt_en")?, field(&entry, "color_en")?);
        let plan = kino_preview::plan(prompt);
        // The colour bound to the subject, whatever it is drawn as (objects are the figure above).
        let ok = plan.subjects.iter().any(|s| s.color_name.as_deref() == Some(want));
        color.score(ok, prompt, || {
            let got: Vec<_> = plan.subjects.iter().map(|s| s.color_name.clone().unwrap_or_default()).collect();
            format!("colours {got:?}; {}", describe(&plan))
        });
    }

    let mut multiple = Figure::new("multiple objects", 0.95);
    for entry in read_json(dir, "multiple_objects.json")? {
        let (prompt, pair) = (field(&entry, "prompt_en")?, field(&entry, "object_en")?);
        let plan = kino_preview::plan(prompt);
        let (a, b) = pair.split_once(" and ").with_context(|| format!("{pair:?}: not 'A and B'"))?;
        let ok = match (find(&plan, &shape_of, a), find(&plan, &shape_of, b)) {
            (Some(x), Some(y)) => !std::ptr::eq(x, y),
            _ => false,
        };
        multiple.score(ok, prompt, || describe(&plan));
    }

    let mut spatial = Figure::new("spatial relationship", 0.90);
    for entry in read_json(dir, "spatial_relationship.json")? {
        let prompt = field(&entry, "prompt_en")?;
        let (a, b, relation) =
            (field(&entry, "object_a_en")?, field(&entry, "object_b_en")?, field(&entry, "relationship_en")?);
        let plan = kino_preview::plan(prompt);
        let ok = match (find(&plan, &shape_of, a), find(&plan, &shape_of, b)) {
            (Some(x), Some(y)) if !std::ptr::eq(x, y) => side_ok(relation, x.position_hint, y.position_hint),
            _ => false,
        };
        spatial.score(ok, prompt, || format!("{relation}: {}", describe(&plan)));
    }

    let mut scene = Figure::new("scene", 0.90);
    for name in read_lines(dir, "scene.txt")? {
        let plan = kino_preview::plan(&name);
        scene.score(plan.setting.is_some(), &name, || describe(&plan));
    }

    let mut action = Figure::new("human action", 0.80);
    for prompt in read_lines(dir, "human_action.txt")? {
        let plan = kino_preview::plan(&prompt);
        let ok = plan.subjects.iter().any(|s| s.category == Category::Person && s.action.is_some());
        action.score(ok, &prompt, || {
            let acts: Vec<_> = plan.subjects.iter().map(|s| format!("{}:{:?}", s.noun, s.action)).collect();
            acts.join(", ")
        });
    }

    let figures = [object, color, multiple, spatial, scene, action];
    println!("VBench suites ({}), planned by the preview engine:", dir.display());
    for f in &figures {
        let n = f.pass + f.misses.len();
        let mark = if f.share() >= f.target { "met" } else { "below" };
        println!(
            "  {:<22} {:>3}/{:<3} {:>5.1}%  (target {:.0}%: {mark})",
            f.name,
            f.pass,
            n,
            100.0 * f.share(),
            100.0 * f.target
        );
    }
    if list {
        for f in &figures {
            for miss in &f.misses {
                println!("{}: {miss}", f.name);
            }
        }
    }
    Ok(())
}

/// Whether the plan puts `a` on the stated side of `b` (by their position hints).
fn side_ok(relation: &str, a: Option<PositionHint>, b: Option<PositionHint>) -> bool {
    use PositionHint::{Ground, Left, Right, Sky};
    match relation {
        "on the left of" => a == Some(Left) || b == Some(Right),
        "on the right of" => a == Some(Right) || b == Some(Left),
        "on the top of" => a == Some(Sky) || b == Some(Ground),
        "on the bottom of" => a == Some(Ground) || b == Some(Sky),
        _ => false,
    }
}
