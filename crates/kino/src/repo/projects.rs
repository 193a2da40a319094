//! `ProjectRepo`: projects, hashed API keys, tier limits and rate windows.
use async_trait::async_trait;
use sqlx::{FromRow, Row};

use super::db::{SqlRepo, query, query_scalar};
use super::{ApiKeyRow, ProjectRepo, ProjectRow, RepoResult};

#[async_trait]
impl ProjectRepo for SqlRepo {
    async fn ensure_project(&self, name: &str, tier: i64) -> RepoResult<ProjectRow> {
        query("INSERT INTO projects (id, name, tier, created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")
            .bind(crate::ids::project_id())
            .bind(name)
            .bind(tier)
            .bind(crate::ids::now_secs())
            .execute(&self.pool)
            .await?;
        let r = query("SELECT id, name, tier, monthly_budget_usd, created_at FROM projects WHERE name = ?")
            .bind(name)
            .fetch_one(&self.pool)
            .await?;
        Ok(ProjectRow::from_row(&r)?)
    }

    async fn get_project(&self, id: &str) -> RepoResult<Option<ProjectRow>> {
        let r = query("SELECT id, name, tier, monthly_budget_usd, created_at FROM projects WHERE id = ?")
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        Ok(r.as_ref().map(ProjectRow::from_row).transpose()?)
    }

    async fn find_project(&self, id_or_name: &str) -> RepoResult<Option<ProjectRow>> {
        let r = query("SELECT id, name, tier, monthly_budget_usd, created_at FROM projects WHERE id = ? OR name = ?")
            .bind(id_or_name)
            .bind(id_or_name)
            .fetch_optional(&self.pool)
            .await?;
        Ok(r.as_ref().map(ProjectRow::from_row).transpose()?)
    }

    async fn set_budget(&self, project_id: &str, usd: Option<f64>) -> RepoResult<()> {
        query("UPDATE projects SET monthly_budget_usd = ? WHERE id = ?")
            .bind(usd)
            .bind(project_id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn create_key(&self, k: &ApiKeyRow) -> RepoResult<()> {
        query(
            "INSERT INTO api_keys (id, project_id, digest, prefix, created_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?)",
        )
        .bind(&k.id)
        .bind(&k.project_id)
        .bind(&k.digest)
        .bind(&k.prefix)
        .bind(k.created_at)
        .bind(k.revoked_at)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn list_keys(&self, project: Option<&str>) -> RepoResult<Vec<ApiKeyRow>> {
        let rows = query(
            "SELECT id, project_id, digest, prefix, created_at, revoked_at FROM api_keys \
             WHERE (? IS NULL OR project_id = ?) ORDER BY created_at DESC, id DESC",
        )
        .bind(project)
        .bind(project)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.iter().map(ApiKeyRow::from_row).collect::<Result<_, _>>()?)
    }

    async fn revoke_key(&self, id_or_prefix: &str, now_secs: i64) -> RepoResult<u64> {
        let done = query("UPDATE api_keys SET revoked_at = ? WHERE revoked_at IS NULL AND (id = ? OR prefix = ?)")
            .bind(now_secs)
            .bind(id_or_prefix)
            .bind(id_or_prefix)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected())
    }

    async fn key_by_digest(&self, digest: &[u8]) -> RepoResult<Option<(ApiKeyRow, ProjectRow)>> {
        // An indexed lookup of a SHA-256 digest: its timing says nothing about the key.
        let r = query(format!("{KEY_WITH_PROJECT} WHERE k.digest = ? AND k.revoked_at IS NULL"))
            .bind(digest)
            .fetch_optional(&self.pool)
            .await?;
        key_with_project(r)
    }

    async fn key_by_id(&self, id: &str) -> RepoResult<Option<(ApiKeyRow, ProjectRow)>> {
        let r = query(format!("{KEY_WITH_PROJECT} WHERE k.id = ? AND k.revoked_at IS NULL"))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        key_with_project(r)
    }

    async fn secret(&self, name: &str, fresh: &str) -> RepoResult<String> {
        query("INSERT INTO secrets (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING")
            .bind(name)
            .bind(fresh)
            .execute(&self.pool)
            .await?;
        Ok(query_scalar("SELECT value FROM secrets WHERE name = ?").bind(name).fetch_one(&self.pool).await?)
    }

    async fn any_keys(&self) -> RepoResult<bool> {
        let n: Option<i64> = query_scalar("SELECT 1 FROM api_keys LIMIT 1").fetch_optional(&self.pool).await?;
        Ok(n.is_some())
    }

    async fn sync_tiers(&self, tiers: &[(i64, Option<u32>, Option<u32>)]) -> RepoResult<()> {
        // Processes sharing a database start together: upserts, never delete-then-insert.
        let mut tx = self.pool.begin().await?;
        for (tier, concurrent, queued) in tiers {
            query(
                "INSERT INTO tiers (tier, max_concurrent, max_queued) VALUES (?, ?, ?) ON CONFLICT (tier) \
                 DO UPDATE SET max_concurrent = excluded.max_concurrent, max_queued = excluded.max_queued",
            )
            .bind(tier)
            .bind(concurrent.map(i64::from))
            .bind(queued.map(i64::from))
            .execute(&mut *tx)
            .await?;
        }
        let kept: Vec<String> = tiers.iter().map(|(tier, _, _)| tier.to_string()).collect();
        let stale = if kept.is_empty() {
            "DELETE FROM tiers".to_string()
        } else {
            // Integers formatted by us, not input: safe to inline.
            format!("DELETE FROM tiers WHERE tier NOT IN ({})", kept.join(", "))
        };
        query(stale).execute(&mut *tx).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn count_request(
        &self,
        project: &str,
        model: &str,
        window_start: i64,
        limit: u32,
    ) -> RepoResult<(bool, u32)> {
        // One statement: the increment only happens below the limit, so concurrent requests
        // (from any replica) can never admit more than `limit` in a window.
        let mut tx = self.begin_write().await?;
        let admitted = query(
            "INSERT INTO rate_windows (project_id, model, window_start, count) VALUES (?, ?, ?, 1) \
             ON CONFLICT (project_id, model, window_start) DO UPDATE SET count = rate_windows.count + 1 WHERE rate_windows.count < ?",
        )
        .bind(project)
        .bind(model)
        .bind(window_start)
        .bind(i64::from(limit))
        .execute(&mut *tx)
        .await?
        .rows_affected()
            == 1
            && limit > 0;
        let count: i64 =
            query_scalar("SELECT count FROM rate_windows WHERE project_id = ? AND model = ? AND window_start = ?")
                .bind(project)
                .bind(model)
                .bind(window_start)
                .fetch_optional(&mut *tx)
                .await?
                .unwrap_or(0);
        // Old windows are of no use: keep the table small.
        query("DELETE FROM rate_windows WHERE project_id = ? AND model = ? AND window_start < ?")
            .bind(project)
            .bind(model)
            .bind(window_start)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok((admitted, count as u32))
    }

    async fn requests_in_window(&self, project: &str, model: &str, window_start: i64) -> RepoResult<u32> {
        let n: Option<i64> =
            query_scalar("SELECT count FROM rate_windows WHERE project_id = ? AND model = ? AND window_start = ?")
                .bind(project)
                .bind(model)
                .bind(window_start)
                .fetch_optional(&self.pool)
                .await?;
        Ok(n.unwrap_or(0) as u32)
    }

    async fn unfinished_videos(&self, project: &str) -> RepoResult<u32> {
        let n: i64 =
            query_scalar("SELECT COUNT(*) FROM videos WHERE project_id = ? AND status IN ('queued', 'in_progress')")
                .bind(project)
                .fetch_one(&self.pool)
                .await?;
        Ok(n as u32)
    }
}

const KEY_WITH_PROJECT: &str = "SELECT k.id, k.project_id, k.digest, k.prefix, k.created_at, k.revoked_at, \
     p.id AS pid, p.name, p.tier, p.monthly_budget_usd, p.created_at AS p_created_at FROM api_keys k \
     JOIN projects p ON p.id = k.project_id";

fn key_with_project(r: Option<sqlx::any::AnyRow>) -> RepoResult<Option<(ApiKeyRow, ProjectRow)>> {
    let Some(r) = r else {
        return Ok(None);
    };
    let key = ApiKeyRow::from_row(&r)?;
    let project = ProjectRow {
        id: r.try_get("pid")?,
        name: r.try_get("name")?,
        tier: r.try_get("tier")?,
        monthly_budget_usd: r.try_get("monthly_budget_usd")?,
        created_at: r.try_get("p_created_at")?,
    };
    Ok(Some((key, project)))
}
