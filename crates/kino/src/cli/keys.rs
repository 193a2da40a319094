//! `kino keys`: create, list and revoke API keys (and set a project's budget) in a data
//! directory's database. Works while the server runs (SQLite takes concurrent writers); a new
//! key is accepted at once, and from then on dev mode is off. The key itself is printed once
//! and only its digest is stored.
use std::path::PathBuf;

use clap::{Args, Subcommand};
use sha2::{Digest, Sha256};

use crate::config::{DEFAULT_DATA_DIR, DatabaseUrl};
use crate::ids;
use crate::repo::{ApiKeyRow, ProjectRepo, SqlRepo};

#[derive(Debug, Args)]
pub struct KeysArgs {
    /// The server's data directory.
    #[arg(long, env = "KINO_DATA_DIR", default_value = DEFAULT_DATA_DIR, global = true)]
    pub data_dir: PathBuf,
    /// The server's database, when it is not SQLite in the data directory.
    #[arg(
        id = "keys_database_url",
        long = "database-url",
        value_name = "URL",
        env = "KINO_DATABASE_URL",
        global = true
    )]
    pub database_url: Option<DatabaseUrl>,
    #[command(subcommand)]
    pub command: KeysCommand,
}

#[derive(Debug, Subcommand)]
pub enum KeysCommand {
    /// Make a key for a project (created if new) and print it: it is not shown again.
    Create {
        /// Project name (created with --tier if it does not exist).
        #[arg(long)]
        project: String,
        /// Usage tier of a new project (see --tiers); 0 is unlimited.
        #[arg(long, default_value_t = 1)]
        tier: i64,
    },
    /// List keys (prefix, project, created, revoked); never the keys themselves.
    List {
        #[arg(long)]
        project: Option<String>,
    },
    /// Revoke a key by its id (key_…) or its listed prefix.
    Revoke { key: String },
    /// Set a project's monthly budget in USD (creates answer 429 insufficient_quota once the
    /// month's usage reaches it); `--usd none` removes it.
    Budget {
        #[arg(long)]
        project: String,
        #[arg(long)]
        usd: String,
    },
}

/// Characters of a key shown in listings: `sk-kino-` and 4 more.
const PREFIX_CHARS: usize = 12;

pub async fn run(args: KeysArgs) -> anyhow::Result<()> {
    std::fs::create_dir_all(&args.data_dir)?;
    run_once(&args).await
}

async fn run_once(args: &KeysArgs) -> anyhow::Result<()> {
    let repo = SqlRepo::open(&crate::config::database_url(args.database_url.as_ref(), &args.data_dir)).await?;
    match &args.command {
        KeysCommand::Create { project, tier } => {
            anyhow::ensure!(!project.trim().is_empty(), "--project must not be empty");
            anyhow::ensure!(*tier >= 0, "--tier must be 0 or more");
            let project = repo.ensure_project(project.trim(), *tier).await?;
            let key = ids::api_key();
            let row = ApiKeyRow {
                id: ids::key_id(),
                project_id: project.id.clone(),
                digest: Sha256::digest(key.as_bytes()).to_vec(),
                prefix: key[..PREFIX_CHARS].to_string(),
                created_at: ids::now_secs(),
                revoked_at: None,
            };
            repo.create_key(&row).await?;
            eprintln!(
                "key {} for project {} ({}, tier {}); store it now, it is not shown again:",
                row.id, project.name, project.id, project.tier
            );
            println!("{key}");
        }
        KeysCommand::List { project } => {
            let project_id = match project {
                Some(p) => Some(repo.find_project(p).await?.ok_or_else(|| anyhow::anyhow!("no project '{p}'"))?.id),
                None => None,
            };
            println!("{:<22} {:<14} {:<30} {:<12} revoked", "id", "prefix", "project", "created");
            for k in repo.list_keys(project_id.as_deref()).await? {
                let name = repo.get_project(&k.project_id).await?.map_or(k.project_id.clone(), |p| p.name);
                let revoked = k.revoked_at.map_or_else(|| "-".to_string(), |t| t.to_string());
                println!("{:<22} {:<14} {:<30} {:<12} {revoked}", k.id, format!("{}…", k.prefix), name, k.created_at);
            }
        }
        KeysCommand::Budget { project, usd } => {
            let p = repo.find_project(project).await?.ok_or_else(|| anyhow::anyhow!("no project '{project}'"))?;
            let usd = match usd.trim() {
                "none" | "" => None,
                v => Some(
                    v.parse::<f64>()
                        .ok()
                        .filter(|x| x.is_finite() && *x >= 0.0)
                        .ok_or_else(|| anyhow::anyhow!("--usd must be a non-negative amount or 'none'"))?,
                ),
            };
            repo.set_budget(&p.id, usd).await?;
            eprintln!("project {} monthly budget: {}", p.name, usd.map_or("none".to_string(), |u| format!("${u:.2}")));
        }
        KeysCommand::Revoke { key } => {
            let key = key.trim().trim_end_matches('…');
            let n = repo.revoke_key(key, ids::now_secs()).await?;
            anyhow::ensure!(n > 0, "no live key with id or prefix '{key}'");
            eprintln!("revoked {n} key(s)");
        }
    }
    Ok(())
}
