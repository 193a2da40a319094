//! Edits to a plan: an instruction ("shift the colour palette to teal, sand and rust",
//! "change the colour of the monster to orange", "a second monster comes out right after",
//! "make it night", "add rain") changes the fields it speaks of and keeps the rest.
use super::ScenePlan;

/// `base` changed as `instruction` asks; every field the instruction does not speak of is kept.
pub fn apply_edit(base: &ScenePlan, instruction: &str) -> ScenePlan {
    // SKELETON: filled in by the plan-edit work (issue 4).
    let _ = instruction;
    base.clone()
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
