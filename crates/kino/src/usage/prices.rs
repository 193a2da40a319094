//! What a render costs: US dollars per second of video, by model and size, with a discount
//! for batch renders. Prices are kept in micro-dollars so that stored prices and their sums
//! are exact. A model name ending in a snapshot date (`sora-2-2025-10-06`) is priced like its
//! base model unless the table lists it itself.
use std::collections::{BTreeMap, HashSet};
use std::path::Path;
use std::sync::Mutex;

use serde::Deserialize;

/// The built-in table, in the `--prices` file format. Source: OpenAI's published per-second
/// prices for the Sora video API (sora-2: $0.10/s at any size; sora-2-pro: $0.30/s at
/// 720p, $0.50/s at 1024x1792, $0.70/s at 1080p; Batch API: 50 % off). The Videos API
/// contract itself lists no prices. `kino-preview` renders locally and is free.
pub const DEFAULT_PRICES_JSON: &str = r#"{
  "batch_discount": 0.5,
  "models": {
    "sora-2": {"*": 0.10},
    "sora-2-pro": {
      "720x1280": 0.30, "1280x720": 0.30,
      "1024x1792": 0.50, "1792x1024": 0.50,
      "1080x1920": 0.70, "1920x1080": 0.70
    },
    "kino-preview": {"*": 0.00}
  }
}"#;

/// In a model's sizes: the price of every size not listed.
pub const ANY_SIZE: &str = "*";
pub const MICROS_PER_USD: i64 = 1_000_000;

#[derive(Debug, thiserror::Error)]
pub enum PriceError {
    #[error("cannot read price file {path}: {source}")]
    Read { path: String, source: std::io::Error },
    #[error("price file {path}: {message}")]
    Invalid { path: String, message: String },
}

/// The file format: `{"batch_discount": 0.5, "models": {"MODEL": {"SIZE" | "*": USD_PER_SECOND}}}`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PriceFile {
    /// The fraction taken off a batch render's price (0.5: half price).
    #[serde(default = "default_batch_discount")]
    batch_discount: f64,
    models: BTreeMap<String, BTreeMap<String, f64>>,
}

fn default_batch_discount() -> f64 {
    0.5
}

#[derive(Debug)]
pub struct PriceTable {
    /// model → size (or `*`) → micro-dollars per second.
    models: BTreeMap<String, BTreeMap<String, i64>>,
    batch_discount: f64,
    /// (model, size) pairs already warned about as unpriced: one warning each, not one per video.
    warned: Mutex<HashSet<(String, String)>>,
}

impl Default for PriceTable {
    fn default() -> Self {
        Self::from_json(DEFAULT_PRICES_JSON).expect("the built-in price table is valid")
    }
}

impl PriceTable {
    /// The table in `path`, or the built-in one.
    pub fn load(path: Option<&Path>) -> Result<Self, PriceError> {
        let Some(path) = path else {
            return Ok(Self::default());
        };
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|source| PriceError::Read { path: shown.clone(), source })?;
        Self::from_json(&text).map_err(|message| PriceError::Invalid { path: shown, message })
    }

    pub fn from_json(text: &str) -> Result<Self, String> {
        let file: PriceFile = serde_json::from_str(text).map_err(|e| e.to_string())?;
        if !(0.0..=1.0).contains(&file.batch_discount) {
            return Err(format!("batch_discount must be between 0 and 1, not {}", file.batch_discount));
        }
        let mut models = BTreeMap::new();
        for (model, sizes) in file.models {
            let mut micros = BTreeMap::new();
            for (size, usd) in sizes {
                if !usd.is_finite() || usd < 0.0 {
                    return Err(format!("{model} {size}: a price must be a non-negative number, not {usd}"));
                }
                micros.insert(size, (usd * MICROS_PER_USD as f64).round() as i64);
            }
            models.insert(model, micros);
        }
        Ok(Self { models, batch_discount: file.batch_discount, warned: Mutex::new(HashSet::new()) })
    }

    /// Micro-dollars per second of `model` at `size`, if the table prices it.
    pub fn per_second(&self, model: &str, size: &str) -> Option<i64> {
        let sizes = self.models.get(model).or_else(|| base_model(model).and_then(|base| self.models.get(base)))?;
        sizes.get(size).or_else(|| sizes.get(ANY_SIZE)).copied()
    }

    /// The price of a finished render, in micro-dollars. An unpriced model or size costs 0
    /// (with a warning, once): a gap in the table must never fail a render.
    pub fn price(&self, model: &str, size: &str, seconds: i64, batch: bool) -> i64 {
        let Some(per_second) = self.per_second(model, size) else {
            let first =
                self.warned.lock().map(|mut w| w.insert((model.to_string(), size.to_string()))).unwrap_or(false);
            if first {
                tracing::warn!(model, size, "no price for this model and size: its usage is recorded at 0 USD");
            }
            return 0;
        };
        let full = per_second.saturating_mul(seconds);
        if batch { (full as f64 * (1.0 - self.batch_discount)).round() as i64 } else { full }
    }
}

/// `sora-2-pro-2025-10-06` → `sora-2-pro`: a dated snapshot's base model.
fn base_model(model: &str) -> Option<&str> {
    let (base, date) = model.split_at_checked(model.len().checked_sub(11)?)?;
    let b = date.as_bytes();
    let dated = b[0] == b'-'
        && b[5] == b'-'
        && b[8] == b'-'
        && [1, 2, 3, 4, 6, 7, 9, 10].iter().all(|&i| b[i].is_ascii_digit());
    (dated && !base.is_empty()).then_some(base)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_table_prices_openai_models_per_second() {
        let t = PriceTable::default();
        assert_eq!(t.price("sora-2", "720x1280", 4, false), 400_000);
        assert_eq!(t.price("sora-2", "1280x720", 12, false), 1_200_000);
        assert_eq!(t.price("sora-2-pro", "1280x720", 8, false), 2_400_000);
        assert_eq!(t.price("sora-2-pro", "1024x1792", 4, false), 2_000_000);
        assert_eq!(t.price("sora-2-pro", "1920x1080", 10, false), 7_000_000);
        assert_eq!(t.price("kino-preview", "320x180", 20, false), 0);
    }

    #[test]
    fn snapshots_follow_their_base_model_unless_listed() {
        let t = PriceTable::default();
        assert_eq!(t.per_second("sora-2-2025-10-06", "720x1280"), Some(100_000));
        assert_eq!(t.per_second("sora-2-pro-2025-10-06", "1080x1920"), Some(700_000));
        assert_eq!(t.per_second("sora-2-pro-2025-10-06", "320x180"), None);
        assert_eq!(base_model("sora-2-2025-1006"), None);
        assert_eq!(base_model("2025-10-06"), None);
        let own =
            PriceTable::from_json(r#"{"models": {"sora-2": {"*": 0.1}, "sora-2-2025-12-08": {"*": 0.2}}}"#).unwrap();
        assert_eq!(own.per_second("sora-2-2025-12-08", "720x1280"), Some(200_000));
        assert_eq!(own.per_second("sora-2-2025-10-06", "720x1280"), Some(100_000));
    }

    #[test]
    fn batch_renders_get_the_discount() {
        let t = PriceTable::default();
        assert_eq!(t.price("sora-2", "720x1280", 8, true), 400_000);
        assert_eq!(t.price("sora-2-pro", "1080x1920", 4, true), 1_400_000);
        let custom = PriceTable::from_json(r#"{"batch_discount": 0.25, "models": {"m": {"1x1": 0.333333}}}"#).unwrap();
        assert_eq!(custom.price("m", "1x1", 4, false), 1_333_332);
        assert_eq!(custom.price("m", "1x1", 4, true), 999_999);
    }

    #[test]
    fn unknown_models_and_sizes_cost_nothing() {
        let t = PriceTable::default();
        assert_eq!(t.price("veo-9", "720x1280", 8, false), 0);
        assert_eq!(t.price("sora-2-pro", "320x180", 8, false), 0);
        assert_eq!(t.price("veo-9", "720x1280", 8, false), 0, "again, without a second warning");
    }

    #[test]
    fn bad_files_are_refused() {
        assert!(PriceTable::from_json(r#"{"models": {"m": {"*": -1}}}"#).is_err());
        assert!(PriceTable::from_json(r#"{"batch_discount": 1.5, "models": {}}"#).is_err());
        assert!(PriceTable::from_json(r#"{"model": {}}"#).is_err(), "typos are not ignored");
        let file = PriceTable::from_json(r#"{"models": {"m": {"*": 0.5}}}"#).unwrap();
        assert_eq!(file.price("m", "1x1", 2, true), 500_000, "batch_discount defaults to 0.5");
    }
}
