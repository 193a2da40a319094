//! Prompt screening: every phrase of every enabled rule in one Aho-Corasick automaton over
//! the folded prompt, then each rule's conditions (context, nearby words, allowed phrases)
//! applied to what matched on word boundaries.
use std::collections::{HashMap, HashSet};

use aho_corasick::{AhoCorasick, MatchKind};

use crate::fold::Folded;
use crate::rule::PromptRule;

/// What a phrase means to the rules that list it.
#[derive(Debug, Clone, Copy)]
enum Role {
    Alias { rule: usize, entry: usize },
    Ambiguous { rule: usize, entry: usize },
    Context { rule: usize, entry: usize },
    EntryAllow { rule: usize, entry: usize },
    RuleAllow { rule: usize },
    Requires { rule: usize },
}

/// A match on word boundaries: byte range in the folded text and the words it covers.
#[derive(Debug, Clone, Copy)]
struct Hit {
    start: usize,
    end: usize,
    first: usize,
    last: usize,
}

impl Hit {
    fn within(&self, outer: &Hit) -> bool {
        outer.start <= self.start && self.end <= outer.end
    }

    /// Words between two hits (0 when they touch or overlap).
    fn distance(&self, other: &Hit) -> usize {
        if other.last < self.first { self.first - other.last } else { other.first.saturating_sub(self.last) }
    }
}

/// Which rule and entry a prompt matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match {
    pub rule: usize,
    pub entry: usize,
}

pub struct Screen {
    automaton: Option<AhoCorasick>,
    roles: Vec<Vec<Role>>,
    /// Per pattern: the most words any phrase folding to it has. A match may join words
    /// ("Spider-Man" matches "spiderman") but not split them: "Deadpool" is not "dead pool",
    /// "Putin" is not "put in".
    words: Vec<usize>,
    /// Per rule: its nearby-word window, when it has one.
    windows: Vec<Option<usize>>,
}

#[derive(Default)]
struct RuleHits {
    candidates: Vec<(usize, bool, Hit)>,
    allowed: Vec<(Option<usize>, Hit)>,
    context: HashSet<usize>,
    nearby: Vec<Hit>,
}

impl Screen {
    /// Compile the enabled rules (disabled ones keep their index but add no phrases).
    pub fn new(rules: &[PromptRule]) -> Self {
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut patterns: Vec<String> = Vec::new();
        let mut roles: Vec<Vec<Role>> = Vec::new();
        let mut words: Vec<usize> = Vec::new();
        let mut add = |phrase: &str, role: Role| {
            let folded = Folded::new(phrase);
            if folded.text.is_empty() {
                return;
            }
            let id = *index.entry(folded.text.clone()).or_insert_with(|| {
                patterns.push(folded.text.clone());
                roles.push(Vec::new());
                words.push(0);
                patterns.len() - 1
            });
            roles[id].push(role);
            words[id] = words[id].max(folded.words.len());
        };
        for (r, rule) in rules.iter().enumerate().filter(|(_, r)| r.enabled) {
            for phrase in &rule.allow {
                add(phrase, Role::RuleAllow { rule: r });
            }
            for phrase in rule.requires.iter().flat_map(|q| &q.any) {
                add(phrase, Role::Requires { rule: r });
            }
            for (e, entry) in rule.entries.iter().enumerate() {
                for p in &entry.aliases {
                    add(p, Role::Alias { rule: r, entry: e });
                }
                for p in &entry.ambiguous {
                    add(p, Role::Ambiguous { rule: r, entry: e });
                }
                for p in &entry.context {
                    add(p, Role::Context { rule: r, entry: e });
                }
                for p in &entry.allow {
                    add(p, Role::EntryAllow { rule: r, entry: e });
                }
            }
        }
        let automaton = (!patterns.is_empty()).then(|| {
            AhoCorasick::builder().match_kind(MatchKind::Standard).build(&patterns).expect("phrase automaton builds")
        });
        let windows = rules.iter().map(|r| r.requires.as_ref().map(|q| q.window)).collect();
        Self { automaton, roles, words, windows }
    }

    /// The first rule (in policy order) the prompt breaks, and the entry that broke it.
    pub fn check(&self, prompt: &str) -> Option<Match> {
        let automaton = self.automaton.as_ref()?;
        let folded = Folded::new(prompt);
        let mut by_rule: HashMap<usize, RuleHits> = HashMap::new();
        for m in automaton.find_overlapping_iter(&folded.text) {
            let Some((first, last)) = folded.whole_words(m.start(), m.end()) else { continue };
            if last - first + 1 > self.words[m.pattern().as_usize()] {
                continue;
            }
            let hit = Hit { start: m.start(), end: m.end(), first, last };
            for role in &self.roles[m.pattern().as_usize()] {
                match *role {
                    Role::Alias { rule, entry } => {
                        by_rule.entry(rule).or_default().candidates.push((entry, false, hit))
                    }
                    Role::Ambiguous { rule, entry } => {
                        by_rule.entry(rule).or_default().candidates.push((entry, true, hit))
                    }
                    Role::Context { rule, entry } => {
                        by_rule.entry(rule).or_default().context.insert(entry);
                    }
                    Role::EntryAllow { rule, entry } => {
                        by_rule.entry(rule).or_default().allowed.push((Some(entry), hit))
                    }
                    Role::RuleAllow { rule } => by_rule.entry(rule).or_default().allowed.push((None, hit)),
                    Role::Requires { rule } => by_rule.entry(rule).or_default().nearby.push(hit),
                }
            }
        }
        let mut rules: Vec<usize> = by_rule.keys().copied().collect();
        rules.sort_unstable();
        rules.into_iter().find_map(|rule| {
            let hits = &by_rule[&rule];
            hits.candidates.iter().find_map(|&(entry, ambiguous, hit)| {
                let allowed = hits.allowed.iter().any(|(e, a)| e.is_none_or(|e| e == entry) && hit.within(a));
                let confirmed = !ambiguous || hits.context.contains(&entry);
                let near = self.windows[rule].is_none_or(|w| hits.nearby.iter().any(|n| n.distance(&hit) <= w));
                (!allowed && confirmed && near).then_some(Match { rule, entry })
            })
        })
    }
}
