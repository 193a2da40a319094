//! `kino serve` and `kino worker`: check the configuration, listen, and hand over to the
//! library until a signal stops them.
use clap::Args;

use crate::config::Config;

#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub config: Config,
}

pub async fn serve(config: Config) -> anyhow::Result<()> {
    config.check()?;
    let addr = format!("{}:{}", config.server.host, config.server.port);
    let listener =
        tokio::net::TcpListener::bind(&addr).await.map_err(|e| anyhow::anyhow!("cannot listen on {addr}: {e}"))?;
    let shutdown = crate::shutdown::signal_token();
    crate::run(config, listener, shutdown).await
}

pub async fn worker(config: Config) -> anyhow::Result<()> {
    config.check()?;
    let shutdown = crate::shutdown::signal_token();
    let models = crate::models::registry(&config.models)?;
    let state = crate::AppState::build(config, models).await?;
    crate::work(state, shutdown).await
}
