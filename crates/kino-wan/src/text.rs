//! The prompt side of the pipeline: diffusers' `prompt_clean` (ftfy, HTML unescaping,
//! whitespace), the checkpoint's tokenizer padded and truncated to a fixed length with the
//! end-of-sequence token kept, and the mask the encoder and the pipeline use.
use std::path::Path;

use tokenizers::{PaddingParams, PaddingStrategy, Tokenizer, TruncationParams};
use unicode_normalization::UnicodeNormalization;

use crate::error::{Result, WanError};

/// What `prompt_clean` does: the parts of ftfy's default fixes that apply to typed text
/// (curly quotes, ligatures, full-width forms, control characters, NFC; not mojibake repair),
/// HTML entities, then runs of whitespace to one space, trimmed.
pub fn clean(prompt: &str) -> String {
    let unescaped = unescape_html(&unescape_html(&unescape_html(prompt)));
    let fixed: String = unescaped
        .chars()
        .flat_map(|c| -> Vec<char> {
            match c {
                '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' => vec!['\''],
                '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' => vec!['"'],
                '\u{FB00}' => vec!['f', 'f'],
                '\u{FB01}' => vec!['f', 'i'],
                '\u{FB02}' => vec!['f', 'l'],
                '\u{FB03}' => vec!['f', 'f', 'i'],
                '\u{FB04}' => vec!['f', 'f', 'l'],
                '\u{FB05}' | '\u{FB06}' => vec!['s', 't'],
                '\u{3000}' => vec![' '],
                '\u{FF01}'..='\u{FF5E}' => vec![char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)],
                '\n' | '\t' | '\r' => vec![c],
                c if c.is_control() => vec![],
                c => vec![c],
            }
        })
        .collect();
    let nfc: String = fixed.nfc().collect();
    nfc.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;`, `&#39;`, `&nbsp;` and numeric entities.
fn unescape_html(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        let end = tail.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| {
            let name = &tail[1..e];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some('\u{a0}'),
                n if n.starts_with("#x") || n.starts_with("#X") => {
                    u32::from_str_radix(&n[2..], 16).ok().and_then(char::from_u32)
                }
                n if n.starts_with('#') => n[1..].parse().ok().and_then(char::from_u32),
                _ => None,
            };
            c.map(|c| (c, e + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &tail[len..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

pub struct TextTokenizer {
    tokenizer: Tokenizer,
}

impl TextTokenizer {
    /// `dir/tokenizer.json`, padded (with its pad token) and truncated to `max_len`.
    pub fn load(dir: &Path, max_len: usize) -> Result<Self> {
        let path = dir.join("tokenizer.json");
        let mut tokenizer = Tokenizer::from_file(&path)
            .map_err(|e| WanError::Load { path: path.display().to_string(), reason: e.to_string() })?;
        let pad_token = "<pad>".to_string();
        let pad_id = tokenizer.token_to_id(&pad_token).unwrap_or(0);
        tokenizer
            .with_truncation(Some(TruncationParams { max_length: max_len, ..Default::default() }))
            .map_err(|e| WanError::Tokenizer(e.to_string()))?;
        tokenizer.with_padding(Some(PaddingParams {
            strategy: PaddingStrategy::Fixed(max_len),
            pad_id,
            pad_token,
            ..Default::default()
        }));
        Ok(Self { tokenizer })
    }

    /// Token ids and the 0/1 mask, both `max_len` long.
    pub fn encode(&self, text: &str) -> Result<(Vec<u32>, Vec<u32>)> {
        let enc = self.tokenizer.encode(text, true).map_err(|e| WanError::Tokenizer(e.to_string()))?;
        Ok((enc.get_ids().to_vec(), enc.get_attention_mask().to_vec()))
    }
}
