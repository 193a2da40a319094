//! Databases for the scale-out benchmarks: a SQLite file in a temp dir, or a fresh schema
//! on the PostgreSQL given by `--database-url` (dropped afterwards).
use sqlx::Connection;

pub struct BenchDb {
    /// What `SqlRepo::open` and `kino --database-url` take.
    pub url: String,
    pub backend: &'static str,
    admin: Option<(String, String)>,
    _dir: Option<tempfile::TempDir>,
}

impl BenchDb {
    pub fn sqlite() -> anyhow::Result<Self> {
        let dir = tempfile::tempdir()?;
        let url = format!("sqlite://{}", dir.path().join("kino.sqlite").display());
        Ok(Self { url, backend: "sqlite", admin: None, _dir: Some(dir) })
    }

    pub async fn postgres(admin_url: &str) -> anyhow::Result<Self> {
        let schema = format!("bench_{}", kino::ids::worker_id().trim_start_matches("wrk_"));
        let mut conn = sqlx::PgConnection::connect(admin_url).await?;
        sqlx::raw_sql(sqlx::AssertSqlSafe(format!("CREATE SCHEMA {schema}"))).execute(&mut conn).await?;
        let sep = if admin_url.contains('?') { '&' } else { '?' };
        let url = format!("{admin_url}{sep}options=-c%20search_path%3D{schema}");
        Ok(Self { url, backend: "postgres", admin: Some((admin_url.to_string(), schema)), _dir: None })
    }

    pub async fn drop(self) -> anyhow::Result<()> {
        if let Some((admin_url, schema)) = &self.admin {
            let mut conn = sqlx::PgConnection::connect(admin_url).await?;
            sqlx::raw_sql(sqlx::AssertSqlSafe(format!("DROP SCHEMA {schema} CASCADE"))).execute(&mut conn).await?;
        }
        Ok(())
    }
}

/// The `p`-th percentile (0–100) of `samples` (sorted here), in the samples' unit.
pub fn percentile(samples: &mut [f64], p: f64) -> f64 {
    if samples.is_empty() {
        return f64::NAN;
    }
    samples.sort_by(|a, b| a.total_cmp(b));
    let rank = ((p / 100.0) * (samples.len() - 1) as f64).round() as usize;
    samples[rank.min(samples.len() - 1)]
}
