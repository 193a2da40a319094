//! The usage report as `GET /v1/usage/videos` answers it and `kino usage --json` prints it,
//! and as `kino usage` prints it for people.
use std::fmt::Write as _;

use serde::Serialize;

use super::usd;
use crate::repo::UsageBucket;

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct UsageReport {
    pub object: &'static str,
    pub data: Vec<UsageEntry>,
    pub total: UsageTotal,
    pub currency: &'static str,
    /// The project's monthly budget and this calendar month's spend (UTC); null without a
    /// budget. Absent from `kino usage --json` (which reports across projects).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub budget: Option<MonthBudget>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct MonthBudget {
    pub monthly_usd: f64,
    pub spent_this_month_usd: f64,
}

/// One group; the fields it is not grouped by are null.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct UsageEntry {
    pub model: Option<String>,
    pub size: Option<String>,
    pub day: Option<String>,
    pub batch: Option<bool>,
    pub videos: i64,
    pub seconds: i64,
    pub cost_usd: f64,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct UsageTotal {
    pub videos: i64,
    pub seconds: i64,
    pub cost_usd: f64,
}

impl UsageReport {
    /// With the project's month: its budget and what it has spent.
    pub fn with_budget(mut self, month: Option<crate::repo::MonthSpend>) -> Self {
        self.budget = month.map(|m| MonthBudget {
            monthly_usd: usd(m.budget_micro_usd),
            spent_this_month_usd: usd(m.spent_micro_usd),
        });
        self
    }

    pub fn new(buckets: Vec<UsageBucket>) -> Self {
        // Summed in micro-dollars, converted once: the total is exactly the sum of the rows.
        let cost: i64 = buckets.iter().map(|b| b.cost_micro_usd).sum();
        let total = UsageTotal {
            videos: buckets.iter().map(|b| b.videos).sum(),
            seconds: buckets.iter().map(|b| b.seconds).sum(),
            cost_usd: usd(cost),
        };
        let data = buckets
            .into_iter()
            .map(|b| UsageEntry {
                model: b.model,
                size: b.size,
                day: b.day,
                batch: b.batch,
                videos: b.videos,
                seconds: b.seconds,
                cost_usd: usd(b.cost_micro_usd),
            })
            .collect();
        Self { object: "list", data, total, currency: "usd", budget: None }
    }

    /// Aligned columns (day, model, size, videos, seconds, cost), then the total.
    pub fn to_table(&self) -> String {
        let header = ["DAY", "MODEL", "SIZE", "BATCH", "VIDEOS", "SECONDS", "COST_USD"];
        let mut rows: Vec<[String; 7]> = vec![header.map(String::from)];
        let opt = |s: &Option<String>| s.clone().unwrap_or_else(|| "-".into());
        for e in &self.data {
            rows.push([
                opt(&e.day),
                opt(&e.model),
                opt(&e.size),
                e.batch.map_or("-".into(), |b| if b { "yes".into() } else { "no".into() }),
                e.videos.to_string(),
                e.seconds.to_string(),
                format!("{:.2}", e.cost_usd),
            ]);
        }
        let t = &self.total;
        rows.push([
            "TOTAL".into(),
            String::new(),
            String::new(),
            String::new(),
            t.videos.to_string(),
            t.seconds.to_string(),
            format!("{:.2}", t.cost_usd),
        ]);
        let widths: Vec<usize> = (0..7).map(|i| rows.iter().map(|r| r[i].len()).max().unwrap_or(0)).collect();
        let mut out = String::new();
        for row in &rows {
            let mut line = String::new();
            for (i, cell) in row.iter().enumerate() {
                // Text columns align left, numbers right.
                if i < 4 {
                    let _ = write!(line, "{cell:<w$}  ", w = widths[i]);
                } else {
                    let _ = write!(line, "{cell:>w$}  ", w = widths[i]);
                }
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
        out
    }
}
