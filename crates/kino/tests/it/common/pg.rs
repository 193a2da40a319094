//! PostgreSQL for tests: a fresh schema per test on the server `KINO_TEST_DATABASE_URL`
//! names, so tests run side by side on one database and never see each other's rows.
use sqlx::Connection;

/// A schema of its own, and the URL that opens it (`search_path` set).
pub struct PgSchema {
    pub url: String,
    admin_url: String,
    name: String,
}

impl PgSchema {
    /// None (with a note on stderr) when `KINO_TEST_DATABASE_URL` is not set; a failure
    /// instead where services are required (see [`super::require`]).
    pub async fn create() -> Option<Self> {
        let admin_url = super::require("PostgreSQL", "KINO_TEST_DATABASE_URL")?;
        let name = format!("t_{}", kino::ids::worker_id().trim_start_matches("wrk_"));
        let mut conn = sqlx::PgConnection::connect(&admin_url).await.expect("connect to KINO_TEST_DATABASE_URL");
        sqlx::raw_sql(sqlx::AssertSqlSafe(format!("CREATE SCHEMA {name}")))
            .execute(&mut conn)
            .await
            .expect("create schema");
        let sep = if admin_url.contains('?') { '&' } else { '?' };
        let url = format!("{admin_url}{sep}options=-c%20search_path%3D{name}");
        Some(Self { url, admin_url, name })
    }

    pub async fn drop_schema(self) {
        let mut conn = sqlx::PgConnection::connect(&self.admin_url).await.expect("connect");
        let drop = format!("DROP SCHEMA {} CASCADE", self.name);
        sqlx::raw_sql(sqlx::AssertSqlSafe(drop)).execute(&mut conn).await.expect("drop schema");
    }
}
