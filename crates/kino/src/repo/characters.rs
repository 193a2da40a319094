//! `CharacterRepo`.
use async_trait::async_trait;
use sqlx::FromRow;

use super::db::{SqlRepo, query};
use super::videos::after_clause;
use super::{CharacterRepo, CharacterRow, RepoResult};

const CHARACTER_COLUMNS: &str = "id, project_id, name, created_at, fps, frames, asset_key";

#[async_trait]
impl CharacterRepo for SqlRepo {
    async fn create_character(&self, c: &CharacterRow) -> RepoResult<()> {
        query(format!("INSERT INTO characters ({CHARACTER_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)"))
            .bind(&c.id)
            .bind(&c.project_id)
            .bind(&c.name)
            .bind(c.created_at)
            .bind(c.fps)
            .bind(c.frames)
            .bind(&c.asset_key)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn get_character(&self, project: &str, id: &str) -> RepoResult<Option<CharacterRow>> {
        let row = query(format!("SELECT {CHARACTER_COLUMNS} FROM characters WHERE project_id = ? AND id = ?"))
            .bind(project)
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.as_ref().map(CharacterRow::from_row).transpose()?)
    }

    async fn list_characters(
        &self,
        project: &str,
        after: Option<&str>,
        limit: u32,
    ) -> RepoResult<(Vec<CharacterRow>, bool)> {
        let text = format!(
            "SELECT {CHARACTER_COLUMNS} FROM characters WHERE project_id = ? {} ORDER BY id DESC LIMIT ?",
            after_clause(after, "id", "<")
        );
        let mut q = query(text).bind(project);
        if let Some(after) = after {
            q = q.bind(after);
        }
        let rows = q.bind(i64::from(limit) + 1).fetch_all(&self.pool).await?;
        let mut out = rows.iter().map(CharacterRow::from_row).collect::<Result<Vec<_>, _>>()?;
        let more = out.len() > limit as usize;
        out.truncate(limit as usize);
        Ok((out, more))
    }
}
