//! `kino`: parse the command line, install telemetry, hand over to the library.
use clap::Parser;

fn main() -> anyhow::Result<()> {
    let cli = kino::cli::Cli::parse();
    kino::telemetry::init_tracing(&cli.log);
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    runtime.block_on(kino::cli::run(cli))
}
