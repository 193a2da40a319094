//! Usage tiers, modelled on OpenAI's: per tier, requests per minute per model, renders at
//! once, and videos waiting. A project has a tier; tier 0 is unlimited (the default project,
//! which dev mode and `--api-keys` act for). The table is built in and can be replaced by a
//! JSON file (`--tiers`):
//!
//! ```json
//! {"tiers": [{"tier": 1, "rpm": {"default": 25, "sora-2-pro": 10}, "concurrent_renders": 2, "queued_jobs": 100}]}
//! ```
//! A model's RPM is its own entry, else the longest entry it starts with (dated snapshots
//! follow their base model), else `default`; no entry at all means no RPM limit.
use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Tier {
    pub tier: i64,
    #[serde(default)]
    pub rpm: BTreeMap<String, u32>,
    #[serde(default)]
    pub concurrent_renders: Option<u32>,
    #[serde(default)]
    pub queued_jobs: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct TierTable {
    pub tiers: Vec<Tier>,
}

impl TierTable {
    /// Shaped like OpenAI's Sora tiers (RPM rising with spend), with render and queue caps
    /// sized for one machine per tier step.
    pub fn builtin() -> Self {
        let tier = |tier, sora2: u32, pro: u32, concurrent, queued| Tier {
            tier,
            rpm: BTreeMap::from([("default".to_string(), sora2), ("sora-2-pro".to_string(), pro)]),
            concurrent_renders: Some(concurrent),
            queued_jobs: Some(queued),
        };
        Self {
            tiers: vec![
                Tier { tier: 0, rpm: BTreeMap::new(), concurrent_renders: None, queued_jobs: None },
                tier(1, 25, 10, 2, 100),
                tier(2, 50, 25, 4, 250),
                tier(3, 125, 50, 8, 500),
                tier(4, 200, 75, 16, 1000),
                tier(5, 375, 150, 32, 2000),
            ],
        }
    }

    pub fn from_file(path: &Path) -> anyhow::Result<Self> {
        let text = std::fs::read_to_string(path).map_err(|e| anyhow::anyhow!("--tiers {}: {e}", path.display()))?;
        let table: Self =
            serde_json::from_str(&text).map_err(|e| anyhow::anyhow!("--tiers {}: {e}", path.display()))?;
        anyhow::ensure!(!table.tiers.is_empty(), "--tiers {}: no tiers", path.display());
        Ok(table)
    }

    /// A project's tier; an unknown tier number gets the strictest tier rather than none.
    pub fn get(&self, tier: i64) -> &Tier {
        self.tiers
            .iter()
            .find(|t| t.tier == tier)
            .or_else(|| self.tiers.iter().filter(|t| t.tier > 0).min_by_key(|t| t.tier))
            .unwrap_or(&self.tiers[0])
    }

    /// (tier, concurrent renders, queued jobs) for the database (claims read them there).
    pub fn render_limits(&self) -> Vec<(i64, Option<u32>, Option<u32>)> {
        self.tiers.iter().map(|t| (t.tier, t.concurrent_renders, t.queued_jobs)).collect()
    }
}

impl Tier {
    /// Requests per minute allowed for `model`, if limited.
    pub fn rpm_for(&self, model: &str) -> Option<u32> {
        if let Some(n) = self.rpm.get(model) {
            return Some(*n);
        }
        self.rpm
            .iter()
            .filter(|(k, _)| k.as_str() != "default" && model.starts_with(&format!("{k}-")))
            .max_by_key(|(k, _)| k.len())
            .map(|(_, n)| *n)
            .or_else(|| self.rpm.get("default").copied())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn models_snapshots_and_defaults_find_their_rpm() {
        let t = TierTable::builtin();
        let one = t.get(1);
        assert_eq!(one.rpm_for("sora-2"), Some(25));
        assert_eq!(one.rpm_for("sora-2-pro"), Some(10));
        assert_eq!(one.rpm_for("sora-2-pro-2025-10-06"), Some(10));
        assert_eq!(one.rpm_for("sora-2-2025-12-08"), Some(25));
        assert_eq!(t.get(0).rpm_for("sora-2"), None);
        assert_eq!(t.get(42).tier, 1, "unknown tiers get the strictest limited tier");
    }

    #[test]
    fn a_file_replaces_the_table() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("tiers.json");
        std::fs::write(&path, r#"{"tiers":[{"tier":1,"rpm":{"default":3},"concurrent_renders":1}]}"#).unwrap();
        let t = TierTable::from_file(&path).unwrap();
        assert_eq!((t.get(1).rpm_for("x"), t.get(1).queued_jobs), (Some(3), None));
        std::fs::write(&path, "{").unwrap();
        assert!(TierTable::from_file(&path).is_err());
    }
}
