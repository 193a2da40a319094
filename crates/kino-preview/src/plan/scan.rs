//! Tokens → items: each item is the longest vocabulary phrase starting at a token, with
//! everything it can mean. Words the vocabulary does not know are left between items.

use std::borrow::Cow;

use super::lexicon::{Lexicon, Meaning};
use super::tokens::Token;
use super::work;

#[derive(Debug, Clone)]
pub(crate) struct Item<'a> {
    /// Token range `[start, end)`.
    pub start: usize,
    pub end: usize,
    pub sentence: u32,
    /// Borrowed from the lexicon unless a plural added its noun.
    pub meanings: Cow<'a, [Meaning]>,
    /// The noun was written in a plural form ("taxis", "children").
    pub plural: bool,
}

impl Item<'_> {
    /// The phrase as written (its tokens joined by single spaces).
    pub fn text(&self, tokens: &[Token]) -> String {
        work::step(self.end.saturating_sub(self.start));
        let mut out = String::new();
        for t in tokens.get(self.start..self.end).unwrap_or_default() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(&t.text);
        }
        out
    }

    pub fn noun(&self) -> Option<usize> {
        self.meanings.iter().find_map(|m| if let Meaning::Noun(i) = m { Some(*i) } else { None })
    }

    pub fn has(&self, f: impl Fn(&Meaning) -> bool) -> bool {
        self.meanings.iter().any(f)
    }

    pub fn color(&self) -> Option<super::color::Rgb> {
        self.meanings.iter().find_map(|m| if let Meaning::Color(c) = m { Some(*c) } else { None })
    }
}

/// The longest digit string read as a count; longer ones are not counts.
const MAX_NUMERAL_DIGITS: usize = 6;
/// The largest count a numeral gives.
pub(crate) const MAX_COUNT: u32 = 1000;

pub(crate) fn scan<'a>(tokens: &[Token], lx: &'a Lexicon) -> Vec<Item<'a>> {
    let mut items = Vec::new();
    let mut key = String::new();
    let mut joined = String::new();
    let mut i = 0;
    while i < tokens.len() {
        let first = &tokens[i];
        work::step(1);
        if first.text.is_empty() {
            i += 1;
            continue;
        }
        // How many tokens a phrase from here may span: same clause, no quote placeholders.
        let mut room = 1;
        let max = lx.max_words.get(&first.text).copied().unwrap_or(1);
        while room < max
            && i + room < tokens.len()
            && tokens[i + room].clause == first.clause
            && !tokens[i + room].text.is_empty()
        {
            room += 1;
        }
        let mut found: Option<Item> = None;
        for len in (1..=room).rev() {
            key.clear();
            for (j, t) in tokens[i..i + len].iter().enumerate() {
                if j > 0 {
                    key.push(' ');
                }
                key.push_str(&t.text);
            }
            work::step(key.len());
            let mut meanings: Cow<'a, [Meaning]> = match lx.phrases.get(&key) {
                Some(m) => Cow::Borrowed(m.as_slice()),
                None => Cow::Borrowed(&[]),
            };
            let mut plural = false;
            let last = &tokens[i + len - 1].text;
            let has_setting = meanings.iter().any(|m| matches!(m, Meaning::Setting(_) | Meaning::Place(_)));
            if meanings.iter().any(|m| matches!(m, Meaning::Noun(_))) {
                plural = lx.irregular.contains_key(last.as_str());
            } else if !has_setting {
                // "taxis", "teddy bears", "children": a plural of a known noun.
                let stem_len = key.len() - last.len();
                for singular in lx.singulars(last) {
                    let mut k = key[..stem_len].to_string();
                    k.push_str(&singular);
                    work::step(k.len());
                    if let Some(&idx) = lx.noun_index.get(&k) {
                        meanings.to_mut().push(Meaning::Noun(idx));
                        plural = true;
                        break;
                    }
                }
            }
            if !meanings.is_empty() {
                found = Some(Item { start: i, end: i + len, sentence: first.sentence, meanings, plural });
                break;
            }
        }
        // A colour name written as separate words ("light sea green") can beat the phrase.
        if let Some((len, rgb)) = run_together_color(tokens, i, lx, &mut joined)
            && found.as_ref().is_none_or(|f| f.end - f.start < len)
        {
            found = Some(Item {
                start: i,
                end: i + len,
                sentence: first.sentence,
                meanings: Cow::Owned(vec![Meaning::Color(rgb)]),
                plural: false,
            });
        }
        if found.is_none()
            && first.text.len() <= MAX_NUMERAL_DIGITS
            && first.text.bytes().all(|b| b.is_ascii_digit())
            && let Ok(n) = first.text.parse::<u32>()
            && n > 0
        {
            found = Some(Item {
                start: i,
                end: i + 1,
                sentence: first.sentence,
                meanings: Cow::Owned(vec![Meaning::Count(n.min(MAX_COUNT))]),
                plural: false,
            });
        }
        match found {
            Some(item) => {
                i = item.end;
                items.push(item);
            }
            None => i += 1,
        }
    }
    items
}

/// A colour whose name is several prompt words run together ("light blue" → "lightblue"):
/// its length in tokens and its colour.
fn run_together_color(
    tokens: &[Token],
    i: usize,
    lx: &Lexicon,
    joined: &mut String,
) -> Option<(usize, super::color::Rgb)> {
    let first = &tokens[i];
    if !lx.color_prefixes.contains(&first.text) {
        return None;
    }
    joined.clear();
    joined.push_str(&first.text);
    let mut best = None;
    for len in 2..=4 {
        let Some(t) = tokens.get(i + len - 1) else { break };
        if t.clause != first.clause || t.text.is_empty() {
            break;
        }
        joined.push_str(&t.text);
        work::step(joined.len());
        if let Some(&rgb) = lx.colors.get(joined.as_str()) {
            best = Some((len, rgb));
        }
        if !lx.color_prefixes.contains(joined.as_str()) {
            break;
        }
    }
    best
}
