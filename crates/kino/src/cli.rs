//! Command line: `kino serve` (API + workers in one process), `kino worker` (workers only).
use clap::{Args, Parser, Subcommand};

use crate::config::Config;
use crate::telemetry::LogConfig;

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
    /// (`--database-url postgres://…`); the listening flags are ignored.
    Worker(Box<ServeArgs>),
    /// Render a clip locally with the preview engine, without a server.
    Generate(crate::generate::GenerateArgs),
    /// Print the preview engine's scene plan for a prompt, as JSON.
    Plan(PlanArgs),
    /// Manage API keys and projects.
    Keys(crate::keys::KeysArgs),
    /// Print video usage and cost by day, model and size (works while the server runs).
    Usage(crate::usage::cli::UsageArgs),
    /// Print the effective content policy, or check a prompt or image against it.
    Policy(crate::policy_cli::PolicyArgs),
}

#[derive(Debug, Args)]
pub struct PlanArgs {
    /// The prompt to plan.
    pub prompt: String,
    /// A JSON vocabulary file whose words extend (and override) the built-in ones.
    #[arg(long, env = "KINO_VOCABULARY")]
    pub vocabulary: Option<std::path::PathBuf>,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub config: Config,
}

pub async fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Serve(args) => serve(args.config).await,
        Command::Worker(args) => worker(args.config).await,
        Command::Generate(args) => tokio::task::spawn_blocking(move || crate::generate::run(args)).await?,
        Command::Plan(args) => plan(args),
        Command::Keys(args) => crate::keys::run(args).await,
        Command::Usage(args) => crate::usage::cli::run(args).await,
        Command::Policy(args) => crate::policy_cli::run(args),
    }
}

async fn serve(config: Config) -> anyhow::Result<()> {
    config.check()?;
    let addr = format!("{}:{}", config.server.host, config.server.port);
    let listener =
        tokio::net::TcpListener::bind(&addr).await.map_err(|e| anyhow::anyhow!("cannot listen on {addr}: {e}"))?;
    let shutdown = crate::shutdown::signal_token();
    crate::run(config, listener, shutdown).await
}

async fn worker(config: Config) -> anyhow::Result<()> {
    config.check()?;
    let shutdown = crate::shutdown::signal_token();
    let models = crate::wan::registry(&config.models)?;
    let state = crate::AppState::build(config, models).await?;
    crate::work(state, shutdown).await
}

fn plan(args: PlanArgs) -> anyhow::Result<()> {
    let vocabulary = match &args.vocabulary {
        None => kino_preview::Vocabulary::default(),
        Some(path) => {
            let text =
                std::fs::read_to_string(path).map_err(|e| anyhow::anyhow!("cannot read {}: {e}", path.display()))?;
            let extra =
                kino_preview::Vocabulary::from_json(&text).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
            kino_preview::Vocabulary::default().extend(extra)
        }
    };
    println!("{}", kino_preview::plan_with(&args.prompt, &vocabulary).to_json_pretty());
    Ok(())
}
