//! What a rule is, shared by the policy and the checks that apply it: the ids of the face
//! rules, a prompt rule as in effect, and the verdict when a request breaks one. A leaf:
//! `policy`, `faces` and `screen` import it, it imports none of them.
use serde::Serialize;

use crate::lists::{Entry, Requires};

/// The rules on faces in input media; they are not prompt lists.
pub const INPUT_FACES: &str = "input_faces";
pub const CHARACTER_LIKENESS: &str = "character_likeness";

/// A prompt rule, as in effect.
#[derive(Debug, Clone, Serialize)]
pub struct PromptRule {
    pub id: String,
    pub title: String,
    pub message: String,
    pub enabled: bool,
    pub requires: Option<Requires>,
    pub allow: Vec<String>,
    pub entries: Vec<Entry>,
    /// Where its entries came from: list files, the policy file.
    pub sources: Vec<String>,
}

/// A request the policy refuses: the rule's id, title and message (never the matched text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Blocked {
    pub rule: String,
    pub title: String,
    pub message: String,
    /// For operators (`kino policy --check`), not for API clients: the entry that matched.
    pub entry: Option<String>,
}
