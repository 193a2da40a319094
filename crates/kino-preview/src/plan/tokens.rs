//! Prompt → lower-case word tokens, with sentence and clause numbers, and quoted text
//! lifted out first (so the words of a title never become subjects). Linear time on any
//! input; never panics.

use super::work;

/// One word of the prompt (or a quote placeholder, which has empty `text`).
#[derive(Debug, Clone)]
pub(crate) struct Token {
    pub text: String,
    /// Sentence number: `.`, `!`, `?`, `;` and line breaks end a sentence.
    pub sentence: u32,
    /// Clause number: sentences and `,` `:` `(` `)` dashes end a clause. Phrases never span two.
    pub clause: u32,
    /// Index into [`Tokens::quotes`] for a quote placeholder.
    pub quote: Option<usize>,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct Tokens {
    pub tokens: Vec<Token>,
    /// Quoted strings, in prompt order, trimmed and with runs of white space collapsed.
    pub quotes: Vec<String>,
}

/// The longest quoted text kept, in characters.
const MAX_QUOTE_CHARS: usize = 500;

fn is_word(c: char) -> bool {
    c.is_alphanumeric()
}

fn ends_sentence(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | ';' | '\n' | '\r' | '。' | '！' | '？' | '；' | '…')
}

fn ends_clause(c: char) -> bool {
    matches!(c, ',' | ':' | '(' | ')' | '[' | ']' | '{' | '}' | '—' | '–' | '/' | '|' | '，' | '、' | '：')
}

/// Quote styles: (openers, closers). Straight single quotes (and the curly apostrophe as a
/// closer) only count at word edges, so "child's" and "rock 'n' roll"-style apostrophes
/// inside words are not quotes.
const STYLES: &[(&[char], &[char], bool)] = &[
    (&['"'], &['"'], false),
    (&['“', '„'], &['”', '"', '“'], false),
    (&['‘', '‚'], &['’', '\''], true),
    (&['\''], &['\'', '’'], true),
    (&['«'], &['»'], false),
    (&['「', '『'], &['」', '』'], false),
];

const NONE: u32 = u32::MAX;

/// Split `prompt` into tokens and quotes.
pub(crate) fn tokenize(prompt: &str) -> Tokens {
    let chars: Vec<char> = prompt.chars().collect();
    let n = chars.len();
    // next_closer[s][i]: the first valid closer of style s at or after i.
    let mut steps = 0;
    let mut next_closer: Vec<Vec<u32>> = vec![vec![NONE; n + 1]; STYLES.len()];
    for (s, (_, closers, edge)) in STYLES.iter().enumerate() {
        let table = &mut next_closer[s];
        for i in (0..n).rev() {
            steps += 1;
            let c = chars[i];
            let valid = closers.contains(&c)
                && (!edge || ((i + 1 == n || !is_word(chars[i + 1])) && i > 0 && !chars[i - 1].is_whitespace()));
            table[i] = if valid { i as u32 } else { table[i + 1] };
        }
    }
    let opener_style = |i: usize| -> Option<usize> {
        let c = chars[i];
        STYLES.iter().position(|(openers, _, edge)| {
            openers.contains(&c)
                && (!edge || ((i == 0 || !is_word(chars[i - 1])) && i + 1 < n && !chars[i + 1].is_whitespace()))
        })
    };

    let mut out = Tokens::default();
    let mut sentence = 0u32;
    let mut clause = 0u32;
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut Tokens, sentence: u32, clause: u32| {
        if !word.is_empty() {
            out.tokens.push(Token { text: std::mem::take(word), sentence, clause, quote: None });
        }
    };
    let mut i = 0;
    while i < n {
        steps += 1;
        let c = chars[i];
        if is_word(c) {
            word.extend(c.to_lowercase());
            i += 1;
            continue;
        }
        flush(&mut word, &mut out, sentence, clause);
        if let Some(style) = opener_style(i) {
            let close = next_closer[style][i + 1];
            if close != NONE {
                let close = close as usize;
                let text = collapse(&chars[i + 1..close]);
                if !text.is_empty() {
                    clause += 1;
                    out.tokens.push(Token { text: String::new(), sentence, clause, quote: Some(out.quotes.len()) });
                    out.quotes.push(text);
                    clause += 1;
                }
                i = close + 1;
                continue;
            }
        }
        if ends_sentence(c) {
            sentence += 1;
            clause += 1;
        } else if ends_clause(c) {
            clause += 1;
        }
        i += 1;
    }
    flush(&mut word, &mut out, sentence, clause);
    work::step(steps);
    out
}

/// Trim, collapse white space and cap the length of quoted text.
fn collapse(chars: &[char]) -> String {
    let mut out = String::new();
    let mut kept = 0;
    let mut pending_space = false;
    let mut steps = 0;
    for &c in chars {
        steps += 1;
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if kept >= MAX_QUOTE_CHARS {
            break;
        }
        if pending_space {
            out.push(' ');
            kept += 1;
            pending_space = false;
        }
        out.push(c);
        kept += 1;
    }
    work::step(steps);
    out
}

/// The words of a vocabulary key, normalised the way prompts are: "Close-Up" → "close up".
pub(crate) fn normalize_key(key: &str) -> String {
    let mut out = String::new();
    for part in key.split(|c: char| !is_word(c)).filter(|p| !p.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(part.chars().flat_map(char::to_lowercase));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(t: &Tokens) -> Vec<&str> {
        t.tokens.iter().map(|t| t.text.as_str()).collect()
    }

    #[test]
    fn words_quotes_and_apostrophes() {
        let t = tokenize("The child's kite, 'Thank you' and “Hi there”. Rock");
        assert_eq!(t.quotes, vec!["Thank you", "Hi there"]);
        assert_eq!(words(&t), vec!["the", "child", "s", "kite", "", "and", "", "rock"]);
        assert_eq!(t.tokens[7].sentence, 1);
        assert!(t.tokens[3].clause < t.tokens[5].clause);
    }

    #[test]
    fn unclosed_quotes_are_plain_text() {
        let t = tokenize("a 'red car and \"blue bus");
        assert!(t.quotes.is_empty());
        assert_eq!(words(&t), vec!["a", "red", "car", "and", "blue", "bus"]);
    }

    #[test]
    fn keys_normalise_like_prompts() {
        assert_eq!(normalize_key("Bird's-Eye  View"), "bird s eye view");
        assert_eq!(normalize_key("close-up"), "close up");
    }
}
