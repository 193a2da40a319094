//! `kino usage`: usage and cost from the data directory's database, by day, model and size.
//! It reads the database directly (SQLite in WAL mode serves readers beside the writer), so
//! it works while `kino serve` runs and takes no data-directory lock.
use std::path::PathBuf;

use clap::Args;

use crate::config::{DEFAULT_DATA_DIR, DatabaseUrl};
use crate::repo::{ProjectRepo, SqlRepo, UsageFilter, UsageGroup, UsageRepo};
use crate::usage::dates::{self, Bound};
use crate::usage::report::UsageReport;

#[derive(Debug, Args)]
pub struct UsageArgs {
    /// Directory holding the database (as for `kino serve`).
    #[arg(
        id = "usage_data_dir",
        long = "data-dir",
        value_name = "DIR",
        env = "KINO_DATA_DIR",
        default_value = DEFAULT_DATA_DIR
    )]
    pub data_dir: PathBuf,
    /// The server's database, when it is not SQLite in the data directory.
    #[arg(id = "usage_database_url", long = "database-url", value_name = "URL", env = "KINO_DATABASE_URL")]
    pub database_url: Option<DatabaseUrl>,
    /// Only this project (name or id); default: every project.
    #[arg(id = "usage_project", long = "project", value_name = "NAME|ID")]
    pub project: Option<String>,
    /// From this day (YYYY-MM-DD, UTC) or unix second on.
    #[arg(id = "usage_since", long = "since", value_name = "DATE")]
    pub since: Option<String>,
    /// Up to this day, included (YYYY-MM-DD, UTC), or before this unix second.
    #[arg(id = "usage_until", long = "until", value_name = "DATE")]
    pub until: Option<String>,
    /// Print the report as JSON (the shape of `GET /v1/usage/videos`).
    #[arg(id = "usage_json", long = "json")]
    pub json: bool,
}

pub async fn run(args: UsageArgs) -> anyhow::Result<()> {
    let report = report(&args).await?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        print!("{}", report.to_table());
    }
    Ok(())
}

async fn report(args: &UsageArgs) -> anyhow::Result<UsageReport> {
    let bound = |value: &Option<String>, flag: &str, which: Bound| -> anyhow::Result<Option<i64>> {
        value
            .as_deref()
            .map(|v| {
                dates::parse(v, which)
                    .ok_or_else(|| anyhow::anyhow!("--{flag} {v}: expected YYYY-MM-DD or unix seconds"))
            })
            .transpose()
    };
    let since = bound(&args.since, "since", Bound::Since)?;
    let until = bound(&args.until, "until", Bound::Until)?;
    if args.database_url.is_none() {
        // Opening creates a missing database: do not leave an empty one behind a typo.
        let db = args.data_dir.join("kino.sqlite");
        anyhow::ensure!(db.is_file(), "no Kino database in {} (see --data-dir)", args.data_dir.display());
    }
    let repo = SqlRepo::open(&crate::config::database_url(args.database_url.as_ref(), &args.data_dir)).await?;
    let project = match &args.project {
        None => None,
        Some(name) => Some(
            repo.find_project(name).await?.ok_or_else(|| anyhow::anyhow!("no project named or with id '{name}'"))?.id,
        ),
    };
    let filter = UsageFilter { project, since, until };
    let buckets = repo.usage(&filter, &[UsageGroup::Day, UsageGroup::Model, UsageGroup::Size]).await?;
    Ok(UsageReport::new(buckets))
}
