//! `UsageRepo`. `record_usage` runs inside `complete_job`'s transaction, so a
//! completed video always has exactly one usage row, priced at that moment.
use async_trait::async_trait;
use sqlx::{AnyConnection, Row};

use super::db::{SqlRepo, query};
use super::{MonthSpend, RepoError, RepoResult, UsageBucket, UsageFilter, UsageGroup, UsageRepo};
use crate::usage::dates::{day_of, month_start};
use crate::usage::{MICROS_PER_USD, PriceTable};

/// Price the video `video_id` and record its usage in `conn`'s open transaction.
pub(super) async fn record_usage(
    conn: &mut AnyConnection,
    prices: &PriceTable,
    video_id: &str,
    completed_at: i64,
) -> RepoResult<()> {
    let row = query("SELECT project_id, model, size, seconds, CASE WHEN batch_id IS NULL THEN 0 ELSE 1 END AS batch FROM videos WHERE id = ?")
        .bind(video_id)
        .fetch_optional(&mut *conn)
        .await?;
    let Some(row) = row else {
        return Ok(());
    };
    let (model, size): (String, String) = (row.try_get("model")?, row.try_get("size")?);
    let seconds_text: String = row.try_get("seconds")?;
    let seconds: i64 =
        seconds_text.parse().map_err(|_| RepoError::Corrupt(format!("video {video_id} seconds {seconds_text}")))?;
    let batch = row.try_get::<i64, _>("batch")? != 0;
    let price = prices.price(&model, &size, seconds, batch);
    // A completion happens once per video (jobs are fenced); should one repeat, the first
    // price stands.
    query(
        "INSERT INTO video_usage (video_id, project_id, model, size, seconds, batch, price_micro_usd, completed_at, day) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (video_id) DO NOTHING",
    )
    .bind(video_id)
    .bind(row.try_get::<String, _>("project_id")?)
    .bind(&model)
    .bind(&size)
    .bind(seconds)
    .bind(i64::from(batch))
    .bind(price)
    .bind(completed_at)
    .bind(day_of(completed_at))
    .execute(&mut *conn)
    .await?;
    Ok(())
}

#[async_trait]
impl UsageRepo for SqlRepo {
    async fn usage(&self, filter: &UsageFilter, group_by: &[UsageGroup]) -> RepoResult<Vec<UsageBucket>> {
        let mut groups = group_by.to_vec();
        groups.sort();
        groups.dedup();
        let select: Vec<String> = UsageGroup::ALL
            .iter()
            .map(|g| if groups.contains(g) { g.as_str().to_string() } else { format!("NULL AS {}", g.as_str()) })
            .collect();
        let columns: Vec<&str> = groups.iter().map(|g| g.as_str()).collect();
        let grouping =
            if columns.is_empty() { String::new() } else { format!("GROUP BY {0} ORDER BY {0}", columns.join(", ")) };
        let text = format!(
            "SELECT {}, COUNT(*) AS videos, CAST(COALESCE(SUM(seconds), 0) AS BIGINT) AS seconds, \
             CAST(COALESCE(SUM(price_micro_usd), 0) AS BIGINT) AS cost FROM video_usage \
             WHERE (? IS NULL OR project_id = ?) AND (? IS NULL OR completed_at >= ?) \
             AND (? IS NULL OR completed_at < ?) {grouping}",
            select.join(", ")
        );
        let rows = query(text)
            .bind(&filter.project)
            .bind(&filter.project)
            .bind(filter.since)
            .bind(filter.since)
            .bind(filter.until)
            .bind(filter.until)
            .fetch_all(&self.pool)
            .await?;
        let mut buckets = Vec::with_capacity(rows.len());
        for r in &rows {
            let bucket = UsageBucket {
                model: r.try_get("model")?,
                size: r.try_get("size")?,
                day: r.try_get("day")?,
                batch: r.try_get::<Option<i64>, _>("batch")?.map(|b| b != 0),
                videos: r.try_get("videos")?,
                seconds: r.try_get("seconds")?,
                cost_micro_usd: r.try_get("cost")?,
            };
            // Without grouping the one aggregate row exists even when nothing matched.
            if bucket.videos > 0 {
                buckets.push(bucket);
            }
        }
        Ok(buckets)
    }

    async fn month_spend(&self, project: &str, now_secs: i64) -> RepoResult<Option<MonthSpend>> {
        // The sum runs only for a project that has a budget: the common case costs one lookup.
        let row = query(
            "SELECT p.monthly_budget_usd AS budget, CASE WHEN p.monthly_budget_usd IS NULL THEN 0 ELSE \
               (SELECT CAST(COALESCE(SUM(u.price_micro_usd), 0) AS BIGINT) FROM video_usage u WHERE u.project_id = p.id \
                AND u.completed_at >= ?) END AS spent \
             FROM projects p WHERE p.id = ?",
        )
        .bind(month_start(now_secs))
        .bind(project)
        .fetch_optional(&self.pool)
        .await?;
        let Some(row) = row else {
            return Ok(None);
        };
        let budget: Option<f64> = row.try_get("budget")?;
        let spent: i64 = row.try_get("spent")?;
        Ok(budget.map(|usd| MonthSpend {
            budget_micro_usd: (usd * MICROS_PER_USD as f64).round() as i64,
            spent_micro_usd: spent,
        }))
    }
}
