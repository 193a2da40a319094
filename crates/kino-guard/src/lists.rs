//! The curated lists: versioned JSON data files, built in from `data/`, and more of them a
//! deployment names in its policy file. One file holds one or more rules.
use serde::{Deserialize, Serialize};

use crate::error::GuardError;

/// The built-in lists, in the order their rules are checked (most severe first).
pub const BUILTIN: &[(&str, &str)] = &[
    ("under_18.json", include_str!("../data/under_18.json")),
    ("copyrighted_characters.json", include_str!("../data/copyrighted_characters.json")),
    ("copyrighted_music.json", include_str!("../data/copyrighted_music.json")),
    ("public_figures.json", include_str!("../data/public_figures.json")),
];

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ListFile {
    pub version: String,
    pub rules: Vec<ListRule>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ListRule {
    pub id: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub message: String,
    /// Entries block only with one of these words nearby (music: "play", "sing"...).
    #[serde(default)]
    pub requires: Option<Requires>,
    /// Phrases that cancel any match of this rule they contain ("killer whale").
    #[serde(default)]
    pub allow: Vec<String>,
    #[serde(default)]
    pub entries: Vec<Entry>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Requires {
    pub any: Vec<String>,
    /// How many words away the context may be.
    #[serde(default = "default_window")]
    pub window: usize,
}

fn default_window() -> usize {
    12
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    /// Phrases that always match.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Phrases that match only when one of `context` is also in the prompt ("Elsa" + "Frozen").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ambiguous: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub context: Vec<String>,
    /// Phrases that cancel a match of this entry they contain.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub allow: Vec<String>,
}

impl ListFile {
    pub fn parse(source: &str, text: &str) -> Result<Self, GuardError> {
        let file: ListFile = serde_json::from_str(text)
            .map_err(|e| GuardError::List { list: source.to_string(), reason: e.to_string() })?;
        for rule in &file.rules {
            check_id(&rule.id).map_err(|reason| GuardError::List { list: source.to_string(), reason })?;
            for e in &rule.entries {
                if e.aliases.is_empty() && e.ambiguous.is_empty() {
                    return Err(GuardError::List {
                        list: source.to_string(),
                        reason: format!("rule '{}': entry '{}' has no aliases", rule.id, e.name),
                    });
                }
                if !e.ambiguous.is_empty() && e.context.is_empty() {
                    return Err(GuardError::List {
                        list: source.to_string(),
                        reason: format!("rule '{}': entry '{}' has ambiguous names but no context", rule.id, e.name),
                    });
                }
            }
        }
        Ok(file)
    }

    pub fn builtin() -> Vec<(String, ListFile)> {
        BUILTIN
            .iter()
            .map(|(name, text)| {
                (format!("built-in {name}"), ListFile::parse(name, text).expect("built-in lists parse"))
            })
            .collect()
    }
}

/// Rule ids appear in API messages and policy files: lowercase words and underscores.
pub fn check_id(id: &str) -> Result<(), String> {
    let ok = !id.is_empty()
        && id.len() <= 64
        && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
    if ok { Ok(()) } else { Err(format!("invalid rule id '{id}': use lowercase letters, digits and '_'")) }
}
