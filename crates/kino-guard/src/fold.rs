//! Text folding for matching: lowercase, diacritics removed, every non-alphanumeric
//! character a word break, "&" read as "and". Words are concatenated without separators,
//! with their byte ranges kept, so a phrase matches whatever spacing or punctuation joins
//! its words ("Spider-Man", "spider man", "Spiderman").
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// A folded text: its words run together in `text`, each word's byte range in `words`.
#[derive(Debug, Default)]
pub struct Folded {
    pub text: String,
    pub words: Vec<(usize, usize)>,
}

impl Folded {
    pub fn new(input: &str) -> Self {
        let mut out = Folded::default();
        let mut start: Option<usize> = None;
        let close = |out: &mut Folded, start: &mut Option<usize>| {
            if let Some(s) = start.take() {
                out.words.push((s, out.text.len()));
            }
        };
        for c in input.nfkd() {
            if is_combining_mark(c) {
                continue;
            }
            if c.is_alphanumeric() {
                if start.is_none() {
                    start = Some(out.text.len());
                }
                out.text.extend(c.to_lowercase());
            } else {
                close(&mut out, &mut start);
                if c == '&' {
                    let s = out.text.len();
                    out.text.push_str("and");
                    out.words.push((s, out.text.len()));
                }
            }
        }
        close(&mut out, &mut start);
        out
    }

    /// The word whose range contains byte `pos`.
    fn word_at(&self, pos: usize) -> Option<usize> {
        let i = self.words.partition_point(|&(_, end)| end <= pos);
        (i < self.words.len() && self.words[i].0 <= pos).then_some(i)
    }

    /// The words a match of `start..end` covers, if it lies on word boundaries. A plural or
    /// possessive ending on its last word ("s", "es") is tolerated: "Smurfs", "mouses".
    pub fn whole_words(&self, start: usize, end: usize) -> Option<(usize, usize)> {
        if end <= start {
            return None;
        }
        let first = self.word_at(start)?;
        if self.words[first].0 != start {
            return None;
        }
        let last = self.word_at(end - 1)?;
        let rest = &self.text[end..self.words[last].1];
        matches!(rest, "" | "s" | "es").then_some((first, last))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_punctuation_diacritics_and_ampersands() {
        let f = Folded::new("Pokémon & SPIDER-Man's  hat!");
        assert_eq!(f.text, "pokemonandspidermanshat");
        let words: Vec<&str> = f.words.iter().map(|&(s, e)| &f.text[s..e]).collect();
        assert_eq!(words, ["pokemon", "and", "spider", "man", "s", "hat"]);
        assert_eq!(Folded::new("  -- ").text, "");
        assert_eq!(Folded::new("R2-D2").text, "r2d2");
    }

    #[test]
    fn matches_only_on_word_boundaries() {
        let f = Folded::new("a giant man and the smurfs, batmans cape");
        let at = |p: &str| f.text.find(p).map(|s| f.whole_words(s, s + p.len()));
        assert_eq!(at("antman"), Some(None), "inside 'giant'");
        assert_eq!(at("giantman"), Some(Some((1, 2))));
        assert_eq!(at("smurf"), Some(Some((5, 5))), "plural tolerated");
        assert_eq!(at("batman"), Some(Some((6, 6))));
        assert_eq!(at("batmanscap"), Some(None), "ends inside a word");
    }
}
