//! Command line: `kino serve` (API + workers in one process).
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
    /// Serve the API and run render workers in this process.
    Serve(ServeArgs),
    /// Render a clip locally with the preview engine, without a server.
    Generate(crate::generate::GenerateArgs),
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub config: Config,
}

pub async fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Serve(args) => serve(args.config).await,
        Command::Generate(args) => tokio::task::spawn_blocking(move || crate::generate::run(args)).await?,
    }
}

async fn serve(config: Config) -> anyhow::Result<()> {
    config.check()?;
    let addr = format!("{}:{}", config.server.host, config.server.port);
    let listener = tokio::net::TcpListener::bind(&addr)
        .await
        .map_err(|e| anyhow::anyhow!("cannot listen on {addr}: {e}"))?;
    let shutdown = crate::shutdown::signal_token();
    crate::run(config, listener, shutdown).await
}
