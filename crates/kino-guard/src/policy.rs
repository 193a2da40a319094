//! The effective policy: the built-in lists, then what a deployment's policy file (TOML)
//! turns off, extends or adds. Every rule has an id, shown in API errors and by `kino policy`.
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::GuardError;
use crate::faces::{FaceRule, FaceSettings};
use crate::lists::{Entry, ListFile, Requires, check_id};
use crate::rule::{Blocked, CHARACTER_LIKENESS, INPUT_FACES, PromptRule};
use crate::screen::Screen;

/// What a deployment's policy file may say about one rule.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleSettings {
    enabled: Option<bool>,
    title: Option<String>,
    message: Option<String>,
    requires: Option<Requires>,
    #[serde(default)]
    allow: Vec<String>,
    #[serde(default)]
    lists: Vec<PathBuf>,
    #[serde(default)]
    entries: Vec<Entry>,
    // Face rules only.
    min_score: Option<f64>,
    min_face_px: Option<u32>,
    frames: Option<u32>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct PolicyFile {
    /// More list files: their rules extend the built-in ones of the same id or add new ones.
    #[serde(default)]
    lists: Vec<PathBuf>,
    #[serde(default)]
    rules: BTreeMap<String, RuleSettings>,
}

pub struct Policy {
    pub rules: Vec<PromptRule>,
    pub input_faces: FaceRule,
    pub character_likeness: FaceRule,
    /// The policy file, if one was loaded.
    pub file: Option<PathBuf>,
    /// Each list file read and its version.
    pub lists: Vec<(String, String)>,
    screen: Screen,
}

impl std::fmt::Debug for Policy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Policy").field("file", &self.file).field("rules", &self.rules.len()).finish_non_exhaustive()
    }
}

impl Policy {
    /// The built-in policy: every rule on.
    pub fn builtin() -> Self {
        Self::build(None, PolicyFile::default(), Path::new(".")).expect("built-in policy builds")
    }

    /// The built-in policy changed by the TOML file at `path`.
    pub fn load(path: &Path) -> Result<Self, GuardError> {
        let text = read(path)?;
        let file: PolicyFile = toml::from_str(&text)
            .map_err(|e| GuardError::Policy { path: path.display().to_string(), reason: e.to_string() })?;
        let dir = path.parent().unwrap_or(Path::new("."));
        Self::build(Some(path.to_path_buf()), file, dir)
    }

    fn build(path: Option<PathBuf>, file: PolicyFile, dir: &Path) -> Result<Self, GuardError> {
        let shown = path.as_ref().map(|p| p.display().to_string()).unwrap_or_default();
        let bad = |reason: String| GuardError::Policy { path: shown.clone(), reason };
        let mut rules: Vec<PromptRule> = Vec::new();
        let mut lists = Vec::new();
        for (source, list) in ListFile::builtin() {
            merge(&mut rules, &source, list, &mut lists);
        }
        for p in &file.lists {
            let (source, list) = read_list(&dir.join(p))?;
            merge(&mut rules, &source, list, &mut lists);
        }
        let mut input_faces = FaceRule::input_faces();
        let mut character_likeness = FaceRule::character_likeness();
        for (id, settings) in file.rules {
            check_id(&id).map_err(&bad)?;
            if id == INPUT_FACES || id == CHARACTER_LIKENESS {
                let rule = if id == INPUT_FACES { &mut input_faces } else { &mut character_likeness };
                apply_face(rule, settings).map_err(|r| bad(format!("[rules.{id}]: {r}")))?;
                continue;
            }
            if settings.min_score.is_some() || settings.min_face_px.is_some() || settings.frames.is_some() {
                return Err(bad(format!(
                    "[rules.{id}]: min_score, min_face_px and frames apply to the face rules only"
                )));
            }
            let at = match rules.iter().position(|r| r.id == id) {
                Some(i) => i,
                None => {
                    rules.push(PromptRule {
                        id: id.clone(),
                        title: id.replace('_', " "),
                        message: format!("The prompt was blocked by this deployment's '{id}' rule."),
                        enabled: true,
                        requires: None,
                        allow: Vec::new(),
                        entries: Vec::new(),
                        sources: Vec::new(),
                    });
                    rules.len() - 1
                }
            };
            for p in &settings.lists {
                let (source, list) = read_list(&dir.join(p))?;
                lists.push((source.clone(), list.version.clone()));
                for r in list.rules {
                    let into = &mut rules[at];
                    into.entries.extend(r.entries);
                    into.allow.extend(r.allow);
                    into.sources.push(source.clone());
                }
            }
            let rule = &mut rules[at];
            if !settings.entries.is_empty() || !settings.allow.is_empty() {
                rule.sources.push(if shown.is_empty() { "policy".into() } else { shown.clone() });
            }
            for e in &settings.entries {
                if e.aliases.is_empty() && e.ambiguous.is_empty() {
                    return Err(bad(format!("[rules.{id}]: entry '{}' has no aliases", e.name)));
                }
            }
            rule.entries.extend(settings.entries);
            rule.allow.extend(settings.allow);
            if let Some(v) = settings.enabled {
                rule.enabled = v;
            }
            if let Some(v) = settings.title {
                rule.title = v;
            }
            if let Some(v) = settings.message {
                rule.message = v;
            }
            if let Some(v) = settings.requires {
                rule.requires = Some(v);
            }
            if rule.enabled && rule.entries.is_empty() {
                return Err(bad(format!("[rules.{id}]: the rule has no entries; add `entries` or `lists`")));
            }
        }
        let screen = Screen::new(&rules);
        Ok(Self { rules, input_faces, character_likeness, file: path, lists, screen })
    }

    /// The first rule, in order, that the prompt breaks.
    pub fn check_prompt(&self, prompt: &str) -> Result<(), Blocked> {
        match self.screen.check(prompt) {
            None => Ok(()),
            Some(m) => {
                let rule = &self.rules[m.rule];
                Err(Blocked {
                    rule: rule.id.clone(),
                    title: rule.title.clone(),
                    message: rule.message.clone(),
                    entry: rule.entries.get(m.entry).map(|e| e.name.clone()),
                })
            }
        }
    }

    /// A face rule's settings by id.
    pub fn face_rule(&self, id: &str) -> Option<&FaceRule> {
        match id {
            INPUT_FACES => Some(&self.input_faces),
            CHARACTER_LIKENESS => Some(&self.character_likeness),
            _ => None,
        }
    }

    /// The effective policy as a table, for `kino policy`.
    pub fn describe(&self) -> String {
        use std::fmt::Write;
        let mut out = String::new();
        let file = self.file.as_ref().map_or("none (built-in defaults)".to_string(), |p| p.display().to_string());
        let _ = writeln!(out, "policy file: {file}");
        for (source, version) in &self.lists {
            let _ = writeln!(out, "list: {source} (version {version})");
        }
        let _ = writeln!(out, "\n{:<24} {:<4} {:>8}  TITLE / SETTINGS", "RULE", "ON", "ENTRIES");
        for r in &self.rules {
            let phrases: usize = r.entries.iter().map(|e| e.aliases.len() + e.ambiguous.len()).sum();
            let mut line = format!("{} ({phrases} phrases", r.title);
            if let Some(q) = &r.requires {
                let _ = write!(line, "; only within {} words of {} context words", q.window, q.any.len());
            }
            if !r.allow.is_empty() {
                let _ = write!(line, "; {} allowed phrases", r.allow.len());
            }
            line.push(')');
            let _ = writeln!(out, "{:<24} {:<4} {:>8}  {line}", r.id, on(r.enabled), r.entries.len());
        }
        for f in [&self.input_faces, &self.character_likeness] {
            let _ =
                writeln!(out, "{:<24} {:<4} {:>8}  {} ({})", f.id, on(f.enabled), "-", f.title, f.settings.describe());
        }
        out
    }

    /// The effective policy as JSON, for `kino policy --json`.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "file": self.file.as_ref().map(|p| p.display().to_string()),
            "lists": self.lists.iter().map(|(s, v)| serde_json::json!({"source": s, "version": v})).collect::<Vec<_>>(),
            "rules": self.rules.iter().map(|r| serde_json::json!({
                "id": r.id, "title": r.title, "message": r.message, "enabled": r.enabled,
                "entries": r.entries.len(), "requires": r.requires, "allow": r.allow, "sources": r.sources,
            })).collect::<Vec<_>>(),
            "face_rules": [&self.input_faces, &self.character_likeness],
        })
    }
}

fn on(enabled: bool) -> &'static str {
    if enabled { "on" } else { "off" }
}

fn apply_face(rule: &mut FaceRule, s: RuleSettings) -> Result<(), String> {
    if s.requires.is_some() || !s.allow.is_empty() || !s.lists.is_empty() || !s.entries.is_empty() {
        return Err("a face rule takes enabled, title, message, min_score, min_face_px and frames only".into());
    }
    if let Some(v) = s.enabled {
        rule.enabled = v;
    }
    if let Some(v) = s.title {
        rule.title = v;
    }
    if let Some(v) = s.message {
        rule.message = v;
    }
    let mut settings = rule.settings;
    if let Some(v) = s.min_score {
        settings.min_score = v;
    }
    if let Some(v) = s.min_face_px {
        settings.min_face_px = v;
    }
    if let Some(v) = s.frames {
        settings.frames = v;
    }
    rule.settings = FaceSettings::checked(settings)?;
    Ok(())
}

/// Add a list file's rules: to the rule of the same id, else as new rules at the end.
fn merge(rules: &mut Vec<PromptRule>, source: &str, list: ListFile, lists: &mut Vec<(String, String)>) {
    lists.push((source.to_string(), list.version.clone()));
    for r in list.rules {
        match rules.iter_mut().find(|x| x.id == r.id) {
            Some(into) => {
                into.entries.extend(r.entries);
                into.allow.extend(r.allow);
                if into.requires.is_none() {
                    into.requires = r.requires;
                }
                into.sources.push(source.to_string());
            }
            None => rules.push(PromptRule {
                title: if r.title.is_empty() { r.id.replace('_', " ") } else { r.title },
                message: if r.message.is_empty() {
                    format!("The prompt was blocked by the '{}' rule.", r.id)
                } else {
                    r.message
                },
                id: r.id,
                enabled: true,
                requires: r.requires,
                allow: r.allow,
                entries: r.entries,
                sources: vec![source.to_string()],
            }),
        }
    }
}

fn read(path: &Path) -> Result<String, GuardError> {
    std::fs::read_to_string(path)
        .map_err(|e| GuardError::Read { path: path.display().to_string(), reason: e.to_string() })
}

fn read_list(path: &Path) -> Result<(String, ListFile), GuardError> {
    let source = path.display().to_string();
    let list = ListFile::parse(&source, &read(path)?)?;
    Ok((source, list))
}
