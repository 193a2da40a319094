//! Usage report shapes: which rows a report covers, how it groups them, what it sums.

/// The usage rows a report covers: one project (or all), completed in `[since, until)`.
#[derive(Debug, Clone, Default)]
pub struct UsageFilter {
    pub project: Option<String>,
    pub since: Option<i64>,
    pub until: Option<i64>,
}

/// A column a report can group by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum UsageGroup {
    // Declaration order is the report's sort order: by day first, then model, size, batch.
    Day,
    Model,
    Size,
    Batch,
}

impl UsageGroup {
    pub const ALL: [UsageGroup; 4] = [UsageGroup::Day, UsageGroup::Model, UsageGroup::Size, UsageGroup::Batch];

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|g| g.as_str() == s)
    }

    /// Also its column in `video_usage`.
    pub fn as_str(self) -> &'static str {
        match self {
            UsageGroup::Day => "day",
            UsageGroup::Model => "model",
            UsageGroup::Size => "size",
            UsageGroup::Batch => "batch",
        }
    }
}

/// One group's sums; the columns not grouped by are None.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UsageBucket {
    pub model: Option<String>,
    pub size: Option<String>,
    pub day: Option<String>,
    pub batch: Option<bool>,
    pub videos: i64,
    pub seconds: i64,
    pub cost_micro_usd: i64,
}

/// A project's monthly budget and its spend in the current calendar month (UTC).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MonthSpend {
    pub budget_micro_usd: i64,
    pub spent_micro_usd: i64,
}

impl MonthSpend {
    pub fn exhausted(&self) -> bool {
        self.spent_micro_usd >= self.budget_micro_usd
    }
}
