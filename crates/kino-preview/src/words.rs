//! The prompt as a list of lowercase words, with the few look-ups the scene planner needs.
//! Matching is by whole word (so "tired" is not "red"), plurals included.

#[derive(Debug, Clone)]
pub struct Words {
    tokens: Vec<String>,
}

impl Words {
    pub fn new(prompt: &str) -> Self {
        let tokens =
            prompt.split(|c: char| !c.is_alphanumeric()).filter(|t| !t.is_empty()).map(str::to_lowercase).collect();
        Self { tokens }
    }

    /// Whether `word` (or its plural) is in the prompt.
    pub fn has(&self, word: &str) -> bool {
        self.tokens.iter().any(|t| same_word(t, word))
    }

    /// Whether any of `words` is in the prompt.
    pub fn has_any(&self, words: &[&str]) -> bool {
        words.iter().any(|w| self.has(w))
    }

    /// Whether the words of `phrase` appear next to each other, in order.
    pub fn has_phrase(&self, phrase: &str) -> bool {
        let parts: Vec<&str> = phrase.split(' ').collect();
        self.tokens.windows(parts.len()).any(|w| w.iter().zip(&parts).all(|(t, p)| t == p))
    }

    /// Values of `table` whose key appears in the prompt, in prompt order (each once).
    /// A word followed by "hour" is skipped: "blue hour" is a time of day, not a colour.
    pub fn all_of<T: Copy>(&self, table: &[(&str, T)]) -> Vec<T> {
        let mut found = Vec::new();
        for (i, token) in self.tokens.iter().enumerate() {
            if self.tokens.get(i + 1).is_some_and(|next| next == "hour") {
                continue;
            }
            if let Some((_, value)) = table.iter().find(|(key, _)| same_word(token, key)) {
                found.push(*value);
            }
        }
        found
    }

    /// The first value of `table` whose key appears in the prompt, in prompt order.
    pub fn first_of<T: Copy>(&self, table: &[(&str, T)]) -> Option<T> {
        self.all_of(table).into_iter().next()
    }

    /// The first phrase of `table` (which may be several words) found in the prompt,
    /// in table order: callers list longer phrases first.
    pub fn first_phrase<T: Copy>(&self, table: &[(&str, T)]) -> Option<T> {
        table.iter().find(|(phrase, _)| self.has_phrase(phrase)).map(|(_, v)| *v)
    }
}

fn same_word(token: &str, word: &str) -> bool {
    token == word
        || token.strip_suffix('s').is_some_and(|t| t == word)
        || token.strip_suffix("es").is_some_and(|t| t == word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_words_and_plurals() {
        let w = Words::new("Two tired Birds, over the boxes");
        assert!(w.has("bird"));
        assert!(w.has("box"));
        assert!(!w.has("red"));
    }

    #[test]
    fn colour_before_hour_is_skipped() {
        let w = Words::new("a red kite at blue hour");
        assert_eq!(w.all_of(&[("red", 1), ("blue", 2)]), vec![1]);
        assert!(w.has_phrase("blue hour"));
    }
}
