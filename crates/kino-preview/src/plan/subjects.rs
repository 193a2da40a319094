//! Subjects: nouns with their count, colour, action and place in frame, bound by a small
//! left-to-right grammar over the matched items:
//! - a count ("three", "a flock of") or colour ("yellow", "light blue") binds to the next
//!   noun a few words on in the same sentence; a colour that reaches a setting, a
//!   preposition or the end of its sentence first goes to the palette instead;
//! - a verb binds to the noun before it ("a taxi crossing"), or, used as an adjective
//!   ("a steaming cup") or with no noun before it, to the noun after it; a transitive verb
//!   can give its object another action ("a child flying a kite": the kite flies);
//! - colours after a palette word ("a palette of teal, sand, and rust") or before one
//!   ("teal and orange tones") are the palette, not a subject's colour.

use std::borrow::Cow;

use serde::Serialize;

use super::Ctx;
use super::color::{NamedColor, Rgb};
use super::lexicon::{FALLBACK_NOUN, FALLBACK_SHAPE, Meaning};
use super::scan::Item;
use super::types::{Action, Category, PositionHint};
use super::work;

/// One thing (or group of like things) in the scene.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Subject {
    /// The noun in its singular vocabulary form ("taxi", "coffee cup"), or the unknown word.
    pub noun: String,
    /// Which stylised shape the renderer draws (one of the vocabulary's `shapes`).
    pub shape: String,
    pub category: Category,
    pub count: u32,
    pub color: Option<Rgb>,
    pub color_name: Option<String>,
    pub action: Option<Action>,
    pub position_hint: Option<PositionHint>,
}

/// At most this many distinct subjects are kept (the first ones named).
pub const MAX_SUBJECTS: usize = 12;
/// At most this many palette colours are kept.
pub const MAX_PALETTE: usize = 12;
/// How far (in words) a count or colour may sit before its noun.
const BIND_WINDOW: usize = 3;
/// How far after its noun a verb may be ("a taxi slowly crossing").
const VERB_WINDOW: usize = 8;
/// How far before its noun a verb with no subject before it may be.
const LEADING_VERB_WINDOW: usize = 6;
/// How far after a transitive verb its object may be ("flying a red kite").
const OBJECT_WINDOW: usize = 4;
/// How far after its noun a position phrase may be.
const POSITION_WINDOW: usize = 6;

pub(crate) struct SubjectPlan {
    pub subjects: Vec<Subject>,
    pub palette: Vec<NamedColor>,
    /// Items used as a colour (their other meanings, like "snow" as weather, do not apply).
    pub color_used: Vec<bool>,
}

pub(crate) fn plan_subjects(ctx: &Ctx<'_>, items: &[Item<'_>], consumed: &[bool], has_text: bool) -> SubjectPlan {
    let mut plan = pass(ctx, items, consumed);
    if plan.subjects.is_empty() && !has_text {
        // No known noun: make a generic subject, named after the likeliest unknown noun.
        if let Some(at) = unknown_noun(ctx, items) {
            work::step(items.len());
            let mut with = items.to_vec();
            let pos = with.partition_point(|i| i.start < at);
            let t = &ctx.tokens[at];
            with.insert(
                pos,
                Item {
                    start: at,
                    end: at + 1,
                    sentence: t.sentence,
                    meanings: Cow::Owned(vec![Meaning::Noun(FALLBACK_NOUN)]),
                    plural: false,
                },
            );
            let mut consumed = consumed.to_vec();
            consumed.insert(pos, false);
            let mut again = pass(ctx, &with, &consumed);
            again.color_used.remove(pos);
            plan = again;
        } else if !items.iter().any(|i| i.has(|m| matches!(m, Meaning::Setting(_) | Meaning::Place(_)))) {
            // A prompt that names only a place ("a bathroom", "a gas station at night") is a
            // view of it; anything else still gets something to look at.
            let color = plan.palette.first().cloned();
            plan.subjects.push(Subject {
                noun: FALLBACK_SHAPE.to_string(),
                shape: FALLBACK_SHAPE.to_string(),
                category: Category::Unknown,
                count: 1,
                color: color.as_ref().map(|c| c.rgb),
                color_name: color.map(|c| c.name),
                action: None,
                position_hint: None,
            });
        }
    }
    plan
}

struct State {
    subjects: Vec<Subject>,
    /// Whether each subject's count was written out (so a later mention may not override it).
    explicit: Vec<bool>,
    palette: Vec<NamedColor>,
    /// Colours waiting for a noun, with the token index they end at.
    run: Vec<(NamedColor, usize)>,
    modifier: Option<(f32, usize, String)>,
    count: Option<(u32, usize)>,
    /// (action, end token, how far on the noun may be)
    action: Option<(Action, usize, usize)>,
    position: Option<PositionHint>,
    last_subject: Option<(usize, usize)>,
    palette_chain: Option<usize>,
}

impl State {
    fn flush_colors(&mut self) {
        for (c, _) in self.run.drain(..) {
            push_palette(&mut self.palette, c);
        }
    }
}

fn push_palette(palette: &mut Vec<NamedColor>, c: NamedColor) {
    if palette.len() < MAX_PALETTE && !palette.iter().any(|p| p.name == c.name) {
        palette.push(c);
    }
}

fn pass(ctx: &Ctx<'_>, items: &[Item<'_>], consumed: &[bool]) -> SubjectPlan {
    let mut st = State {
        subjects: Vec::new(),
        explicit: Vec::new(),
        palette: Vec::new(),
        run: Vec::new(),
        modifier: None,
        count: None,
        action: None,
        position: None,
        last_subject: None,
        palette_chain: None,
    };
    let mut color_used = vec![false; items.len()];
    let mut sentence = items.first().map_or(0, |i| i.sentence);
    for (k, item) in items.iter().enumerate() {
        work::step(1 + item.meanings.len());
        if item.sentence != sentence {
            st.flush_colors();
            st.count = None;
            st.action = None;
            st.position = None;
            st.modifier = None;
            st.last_subject = None;
            st.palette_chain = None;
            sentence = item.sentence;
        }
        let next = items.get(k + 1).filter(|n| n.sentence == item.sentence && n.start == item.end);
        let in_chain = st.palette_chain == Some(item.start);
        st.palette_chain = None;
        if consumed.get(k).copied().unwrap_or(false) {
            st.flush_colors();
            st.count = None;
            continue;
        }
        let noun = item.noun().filter(|_| {
            !reads_as_verb(ctx, items, k) && !reads_as_colour(ctx, items, k) && !reads_as_modifier(ctx, items, k)
        });
        let next_is_noun = next.is_some_and(|n| n.noun().is_some());
        // "light" in "light blue", "pastel" in "pastel pink".
        if let Some(m) = item.meanings.iter().find_map(|m| if let Meaning::Modifier(m) = m { Some(*m) } else { None })
            && next.is_some_and(|n| n.color().is_some())
        {
            st.modifier = Some((m, item.end, item.text(ctx.tokens)));
            continue;
        }
        if let Some(rgb) = item.color() {
            let only_color = item.meanings.iter().all(|m| matches!(m, Meaning::Color(_) | Meaning::Modifier(_)));
            // A colour that is also a thing, read as the colour here (`reads_as_colour`).
            let thing_declined = item.noun().is_some() && noun.is_none();
            if next_is_noun || (noun.is_none() && (only_color || in_chain || thing_declined)) {
                color_used[k] = true;
                let named = match st.modifier.take() {
                    Some((m, end, word)) if end == item.start => {
                        NamedColor { name: format!("{word} {}", item.text(ctx.tokens)), rgb: rgb.shade(m) }
                    }
                    _ => NamedColor { name: item.text(ctx.tokens), rgb },
                };
                if in_chain {
                    push_palette(&mut st.palette, named);
                    st.palette_chain = Some(item.end);
                } else {
                    st.run.push((named, item.end));
                }
                continue;
            }
        }
        if let Some(idx) = noun {
            add_subject(ctx, &mut st, item, idx);
            continue;
        }
        let mut other = true;
        for m in item.meanings.iter() {
            match *m {
                Meaning::Count(n) => {
                    st.count = Some((n, item.end));
                    other = false;
                }
                Meaning::PaletteWord => {
                    st.flush_colors();
                    st.palette_chain = Some(item.end);
                    other = false;
                }
                Meaning::Conjunction => {
                    if in_chain {
                        st.palette_chain = Some(item.end);
                    }
                    other = false;
                }
                Meaning::Action(entry) => {
                    bind_action(ctx, &mut st, items, k, entry);
                    other = false;
                }
                Meaning::Position(p) => {
                    match st.last_subject {
                        Some((si, end))
                            if item.start.saturating_sub(end) <= POSITION_WINDOW
                                && st.subjects[si].position_hint.is_none() =>
                        {
                            st.subjects[si].position_hint = Some(p);
                            // "A on the left of B", "A on top of B": B takes the other side.
                            if let Some(other_side) = opposite(p).filter(|_| relates(ctx, items, k)) {
                                st.position = Some(other_side);
                            }
                        }
                        _ => st.position = Some(p),
                    }
                    other = false;
                }
                _ => {}
            }
        }
        if other || item.has(|m| matches!(m, Meaning::Breaker | Meaning::Setting(_) | Meaning::Place(_))) {
            // A preposition, a setting, a time...: waiting colours were not for a noun.
            st.flush_colors();
            if !item.has(|m| matches!(m, Meaning::Count(_))) {
                st.count = None;
            }
        }
    }
    st.flush_colors();
    SubjectPlan { subjects: st.subjects, palette: st.palette, color_used }
}

/// How far after a relation ("on the left of") its second subject may start, in words.
const RELATION_WINDOW: usize = 4;

/// The side the second subject of a relation takes.
fn opposite(p: PositionHint) -> Option<PositionHint> {
    match p {
        PositionHint::Left => Some(PositionHint::Right),
        PositionHint::Right => Some(PositionHint::Left),
        PositionHint::Above => Some(PositionHint::Below),
        PositionHint::Below => Some(PositionHint::Above),
        _ => None,
    }
}

/// Prepositions that relate two things by themselves ("a cat under a table").
const RELATING: [&str; 5] = ["under", "underneath", "beneath", "below", "atop"];

/// Whether position item `k` relates two subjects — "on the left of a red car", "under a
/// table": a relating phrase with a subject named right after it, in the same clause —
/// rather than placing one in the frame ("an eagle on the left and a helicopter ...").
fn relates(ctx: &Ctx<'_>, items: &[Item<'_>], k: usize) -> bool {
    let item = &items[k];
    let word = |i: usize| ctx.tokens.get(i).map_or("", |t| t.text.as_str());
    let relating = word(item.end.saturating_sub(1)) == "of" || RELATING.contains(&word(item.start));
    if !relating {
        return false;
    }
    let clause = |i: usize| ctx.tokens.get(i).map(|t| t.clause);
    items[k + 1..]
        .iter()
        .take_while(|n| n.start <= item.end + RELATION_WINDOW && clause(n.start) == clause(item.start))
        .any(|n| n.noun().is_some())
}

/// Words after which a word that is also a colour names the thing ("an orange", "the orange").
const DETERMINERS: [&str; 16] = [
    "a", "an", "the", "one", "this", "that", "each", "every", "another", "some", "my", "your", "his", "her", "our",
    "their",
];

/// A word that names both a colour and a thing ("orange", "rose") is the thing after a
/// determiner, a count or a colour, or in the plural ("an orange", "two roses", "a red
/// rose"), and the colour anywhere else ("turn the car orange", "change it to orange").
fn reads_as_colour(ctx: &Ctx<'_>, items: &[Item<'_>], k: usize) -> bool {
    let item = &items[k];
    if item.color().is_none() || item.plural {
        return false;
    }
    let before = item.start.checked_sub(1).and_then(|i| ctx.tokens.get(i));
    if before.is_some_and(|t| DETERMINERS.contains(&t.text.as_str())) {
        return false;
    }
    // "three oranges", "a red rose": after a count or another colour it is the thing.
    let prev = k.checked_sub(1).and_then(|j| items.get(j)).filter(|p| p.end == item.start);
    !prev.is_some_and(|p| p.has(|m| matches!(m, Meaning::Count(_) | Meaning::Color(_))))
}

/// A modifier noun ("remote") is an adjective when the next word of its clause carries the
/// phrase on: another noun, a place or setting, or a word the planner does not know ("a
/// remote island", "a remote village", "remote-controlled"); before a preposition, a
/// conjunction, a verb, punctuation or nothing ("a remote on the table") it is the thing.
fn reads_as_modifier(ctx: &Ctx<'_>, items: &[Item<'_>], k: usize) -> bool {
    let item = &items[k];
    if item.end - item.start != 1 || !ctx.lexicon.modifier_nouns.contains(&ctx.tokens[item.start].text) {
        return false;
    }
    let Some(next) = ctx.tokens.get(item.end).filter(|t| t.clause == ctx.tokens[item.start].clause) else {
        return false;
    };
    match items.iter().find(|i| i.start == item.end) {
        Some(i) => i.has(|m| matches!(m, Meaning::Noun(_) | Meaning::Place(_) | Meaning::Setting(_))),
        None => next.quote.is_none() && !ctx.lexicon.fillers.contains(&next.text),
    }
}

/// Words that join a doer to what it is doing ("a person is riding").
const LINKING: [&str; 6] = ["is", "are", "was", "were", "be", "being"];

/// Words that put a verb after them: "begins to sink", "will sink".
const VERB_MARKERS: [&str; 10] = ["to", "will", "can", "could", "would", "should", "may", "might", "must", "slowly"];

/// A word that names both a thing and a doing ("sink") is the doing right after its doer
/// ("the boat sinks"), after "to" or a modal ("begins to sink"), or after a speed ("slowly
/// sinks"); anywhere else ("a sink", "the kitchen's white sink") it is the thing.
fn reads_as_verb(ctx: &Ctx<'_>, items: &[Item<'_>], k: usize) -> bool {
    let item = &items[k];
    if !item.has(|m| matches!(m, Meaning::Action(_))) {
        return false;
    }
    let Some(before) = item.start.checked_sub(1).and_then(|i| ctx.tokens.get(i)) else {
        return false;
    };
    if VERB_MARKERS.contains(&before.text.as_str()) {
        return true;
    }
    let prev = k.checked_sub(1).and_then(|j| items.get(j)).filter(|p| p.end == item.start);
    prev.is_some_and(|p| p.noun().is_some() || p.has(|m| matches!(m, Meaning::Speed(_))))
}

fn add_subject(ctx: &Ctx<'_>, st: &mut State, item: &Item<'_>, idx: usize) {
    let (name, shape, category) = match ctx.lexicon.noun(idx) {
        Some(n) => (n.name.clone(), n.shape.clone(), n.category),
        None => (item.text(ctx.tokens), FALLBACK_SHAPE.to_string(), Category::Unknown),
    };
    let count = st.count.take().filter(|&(_, end)| item.start.saturating_sub(end) <= BIND_WINDOW).map(|(n, _)| n);
    let color = match st.run.last() {
        Some(&(_, end)) if item.start.saturating_sub(end) <= BIND_WINDOW => st.run.first().map(|(c, _)| c.clone()),
        _ => None,
    };
    if color.is_some() {
        st.run.clear();
    } else {
        st.flush_colors();
    }
    let action = st.action.take().filter(|&(_, end, window)| item.start.saturating_sub(end) <= window).map(|(a, ..)| a);
    let position = st.position.take();
    st.modifier = None;

    work::step(st.subjects.len());
    let same = st.subjects.iter().position(|s| {
        s.noun == name
            && (color.is_none() || s.color_name.is_none() || s.color_name == color.as_ref().map(|c| c.name.clone()))
    });
    let index = match same {
        Some(i) => {
            let s = &mut st.subjects[i];
            if let Some(n) = count.filter(|_| !st.explicit[i]) {
                s.count = n;
                st.explicit[i] = true;
            }
            if s.color.is_none()
                && let Some(c) = color
            {
                s.color = Some(c.rgb);
                s.color_name = Some(c.name);
            }
            s.action = s.action.or(action);
            s.position_hint = s.position_hint.or(position);
            Some(i)
        }
        None if st.subjects.len() < MAX_SUBJECTS => {
            let plural_default = if item.plural { ctx.lexicon.plural_count } else { 1 };
            st.subjects.push(Subject {
                noun: name,
                shape,
                category,
                count: count.unwrap_or(plural_default),
                color: color.as_ref().map(|c| c.rgb),
                color_name: color.map(|c| c.name),
                action,
                position_hint: position,
            });
            st.explicit.push(count.is_some());
            Some(st.subjects.len() - 1)
        }
        None => None,
    };
    st.last_subject = index.map(|i| (i, item.end));
}

fn bind_action(ctx: &Ctx<'_>, st: &mut State, items: &[Item<'_>], k: usize, entry: super::vocabulary::ActionEntry) {
    let item = &items[k];
    let adjacent_noun =
        items.get(k + 1).is_some_and(|n| n.sentence == item.sentence && n.start == item.end && n.noun().is_some());
    // Right after its doer, or after "is": the doer's, with the thing after it as its object
    // ("a person playing piano", "a person is riding a scooter").
    let linked =
        item.start.checked_sub(1).and_then(|i| ctx.tokens.get(i)).is_some_and(|t| LINKING.contains(&t.text.as_str()));
    let after_doer = st.last_subject.is_some_and(|(_, end)| end == item.start || linked);
    if adjacent_noun && !after_doer {
        // Before a thing and after nobody, it describes the thing: "a steaming coffee cup",
        // "falling leaves".
        st.action = Some((entry.action(), item.end, 0));
        return;
    }
    match st.last_subject {
        Some((si, end)) if item.start.saturating_sub(end) <= VERB_WINDOW => {
            let has_object = items[k + 1..]
                .iter()
                .take_while(|n| {
                    n.sentence == item.sentence
                        && n.start <= item.end + OBJECT_WINDOW
                        && n.has(|m| {
                            matches!(m, Meaning::Noun(_) | Meaning::Count(_) | Meaning::Color(_) | Meaning::Modifier(_))
                        })
                })
                .inspect(|_| work::step(1))
                .any(|n| n.noun().is_some());
            let own = if has_object { entry.agent().unwrap_or(entry.action()) } else { entry.action() };
            let s = &mut st.subjects[si];
            s.action = s.action.or(Some(own));
            if has_object && let Some(o) = entry.object() {
                st.action = Some((o, item.end, OBJECT_WINDOW));
            }
        }
        _ => st.action = Some((entry.action(), item.end, LEADING_VERB_WINDOW)),
    }
}

/// The likeliest unknown noun: the last word of the first run of unknown words (skipping
/// filler like "video" or "cinematic"), so "a shimmering glorp" gives "glorp".
fn unknown_noun(ctx: &Ctx<'_>, items: &[Item<'_>]) -> Option<usize> {
    let mut covered = vec![false; ctx.tokens.len()];
    for it in items {
        work::step(1 + it.end.saturating_sub(it.start));
        for c in covered.iter_mut().take(it.end).skip(it.start) {
            *c = true;
        }
    }
    let usable = |i: usize| {
        let t = &ctx.tokens[i];
        !covered[i]
            && t.text.chars().count() >= 2
            && t.text.chars().all(char::is_alphabetic)
            && !ctx.lexicon.fillers.contains(&t.text)
    };
    let start = (0..ctx.tokens.len()).find(|&i| usable(i));
    work::step(start.map_or(ctx.tokens.len(), |s| s + 1));
    let start = start?;
    let clause = ctx.tokens[start].clause;
    let mut head = start;
    while head + 1 < ctx.tokens.len() && ctx.tokens[head + 1].clause == clause && usable(head + 1) {
        head += 1;
    }
    work::step(head - start);
    Some(head)
}
