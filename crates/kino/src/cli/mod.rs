//! The command line: `kino serve` (API + workers in one process), `kino worker` (workers
//! only), and the local commands (`generate`, `plan`, `keys`, `usage`, `policy`), one file
//! each.
mod generate;
mod keys;
mod plan;
mod policy;
mod progress;
mod serve;
mod usage;

use clap::{Parser, Subcommand};

use crate::config::LogConfig;

pub use generate::GenerateArgs;
pub use keys::{KeysArgs, KeysCommand};
pub use plan::PlanArgs;
pub use policy::PolicyArgs;
pub use serve::ServeArgs;
pub use usage::UsageArgs;

#[derive(Debug, Parser)]
#[command(name = "kino", version, about = "Self-hosted server for OpenAI's Videos API")]
pub struct Cli {
    #[command(flatten)]
    pub log: LogConfig,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the API and run render workers in this process (`--workers 0`: the API only).
    Serve(Box<ServeArgs>),
    /// Run render workers only, on a database shared with `kino serve` processes
    /// (`--database-url postgres://…`); the listening flags are ignored, except --metrics-addr.
    Worker(Box<ServeArgs>),
    /// Render a clip locally with the preview engine, without a server.
    Generate(GenerateArgs),
    /// Print the preview engine's scene plan for a prompt, as JSON.
    Plan(PlanArgs),
    /// Manage API keys and projects.
    Keys(KeysArgs),
    /// Print video usage and cost by day, model and size (works while the server runs).
    Usage(UsageArgs),
    /// Print the effective content policy, or check a prompt or image against it.
    Policy(PolicyArgs),
}

pub async fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Serve(args) => serve::serve(args.config).await,
        Command::Worker(args) => serve::worker(args.config).await,
        Command::Generate(args) => tokio::task::spawn_blocking(move || generate::run(args)).await?,
        Command::Plan(args) => plan::run(args),
        Command::Keys(args) => keys::run(args).await,
        Command::Usage(args) => usage::run(args).await,
        Command::Policy(args) => policy::run(args),
    }
}
