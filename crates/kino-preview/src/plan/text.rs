//! On-screen text: the first quoted string in the prompt ('single', "double", “curly”,
//! ‘curly single’, «guillemets», 「corner」), with the effect word nearest to it in the same
//! sentence ("the words 'Thank you' in sparkling letters" → sparkle). Default: plain.

use serde::Serialize;

use super::Ctx;
use super::lexicon::Meaning;
use super::scan::Item;
use super::types::TextEffect;
use super::work;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OnScreenText {
    pub text: String,
    pub effect: TextEffect,
}

pub(crate) fn plan_text(ctx: &Ctx<'_>, items: &[Item<'_>]) -> Option<OnScreenText> {
    let (at, quote) = ctx.tokens.iter().enumerate().find_map(|(i, t)| t.quote.map(|q| (i, q)))?;
    work::step(at + 1 + items.len());
    let text = ctx.quotes.get(quote)?.clone();
    let sentence = ctx.tokens[at].sentence;
    let effect = items
        .iter()
        .filter(|it| it.sentence == sentence)
        .filter_map(|it| {
            let e = it.meanings.iter().find_map(|m| if let Meaning::TextEffect(e) = m { Some(*e) } else { None })?;
            // Prefer words after the quote on a tie ("'Hi' in glowing letters").
            let distance = if it.start > at { 2 * (it.start - at) } else { 2 * (at - it.end + 1) + 1 };
            Some((distance, e))
        })
        .min_by_key(|(d, _)| *d)
        .map_or(TextEffect::Plain, |(_, e)| e);
    Some(OnScreenText { text, effect })
}
