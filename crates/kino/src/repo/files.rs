//! `FileRepo`: plain single-statement reads and writes (a file has no job).
use async_trait::async_trait;
use sqlx::FromRow;

use super::db::{SqlRepo, query};
use super::videos::{NOT_EXPIRED, after_clause};
use super::{FileRepo, FileRow, ListOrder, RepoResult};

const FILE_COLUMNS: &str = "id, project_id, filename, purpose, bytes, created_at, expires_at";

#[async_trait]
impl FileRepo for SqlRepo {
    async fn create_file(&self, f: &FileRow) -> RepoResult<()> {
        query(format!("INSERT INTO files ({FILE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)"))
            .bind(&f.id)
            .bind(&f.project_id)
            .bind(&f.filename)
            .bind(&f.purpose)
            .bind(f.bytes)
            .bind(f.created_at)
            .bind(f.expires_at)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn get_file(&self, project: &str, id: &str, now_secs: i64) -> RepoResult<Option<FileRow>> {
        let row = query(format!("SELECT {FILE_COLUMNS} FROM files WHERE project_id = ? AND id = ? AND {NOT_EXPIRED}"))
            .bind(project)
            .bind(id)
            .bind(now_secs)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.as_ref().map(FileRow::from_row).transpose()?)
    }

    async fn list_files(
        &self,
        project: &str,
        purpose: Option<&str>,
        after: Option<&str>,
        limit: u32,
        order: ListOrder,
        now_secs: i64,
    ) -> RepoResult<(Vec<FileRow>, bool)> {
        let (cmp, dir) = match order {
            ListOrder::Asc => (">", "ASC"),
            ListOrder::Desc => ("<", "DESC"),
        };
        let text = format!(
            "SELECT {FILE_COLUMNS} FROM files WHERE project_id = ? AND {NOT_EXPIRED} {} {} ORDER BY id {dir} LIMIT ?",
            if purpose.is_some() { "AND purpose = ?" } else { "" },
            after_clause(after, "id", cmp)
        );
        let mut q = query(text).bind(project).bind(now_secs);
        if let Some(purpose) = purpose {
            q = q.bind(purpose);
        }
        if let Some(after) = after {
            q = q.bind(after);
        }
        let rows = q.bind(i64::from(limit) + 1).fetch_all(&self.pool).await?;
        let mut files = rows.iter().map(FileRow::from_row).collect::<Result<Vec<_>, _>>()?;
        let has_more = files.len() > limit as usize;
        files.truncate(limit as usize);
        Ok((files, has_more))
    }

    async fn delete_file(&self, project: &str, id: &str) -> RepoResult<Option<FileRow>> {
        let row = query(format!("DELETE FROM files WHERE project_id = ? AND id = ? RETURNING {FILE_COLUMNS}"))
            .bind(project)
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.as_ref().map(FileRow::from_row).transpose()?)
    }

    async fn expired_files(&self, now_secs: i64, limit: u32) -> RepoResult<Vec<FileRow>> {
        let rows =
            query(format!("SELECT {FILE_COLUMNS} FROM files WHERE expires_at IS NOT NULL AND expires_at <= ? LIMIT ?"))
                .bind(now_secs)
                .bind(i64::from(limit))
                .fetch_all(&self.pool)
                .await?;
        Ok(rows.iter().map(FileRow::from_row).collect::<Result<_, _>>()?)
    }
}
