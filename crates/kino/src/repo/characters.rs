//! `CharacterRepo`.
use async_trait::async_trait;
use sqlx::Row;
use sqlx::any::AnyRow;

use super::db::{SqlRepo, query};
use super::{CharacterRepo, CharacterRow, RepoResult};

const CHARACTER_COLUMNS: &str = "id, project_id, name, created_at, fps, frames, asset_key";

fn character_from_row(r: &AnyRow) -> RepoResult<CharacterRow> {
    Ok(CharacterRow {
        id: r.try_get("id")?,
        project_id: r.try_get("project_id")?,
        name: r.try_get("name")?,
        created_at: r.try_get("created_at")?,
        fps: r.try_get("fps")?,
        frames: r.try_get("frames")?,
        asset_key: r.try_get("asset_key")?,
    })
}

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
        row.as_ref().map(character_from_row).transpose()
    }
}
