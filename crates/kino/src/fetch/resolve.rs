//! The client's DNS resolver: it resolves once, checks every address, and hands the
//! connector exactly those addresses, so nothing is re-resolved between the check and
//! the connection (no DNS-rebinding window). IP-literal hosts never reach a resolver;
//! `Fetcher` checks those itself.
use std::net::SocketAddr;
use std::sync::Arc;

use reqwest::dns::{Addrs, Name, Resolve, Resolving};

use super::FetchError;
use super::addr::AddrPolicy;

pub struct CheckingResolver {
    pub policy: Arc<AddrPolicy>,
}

impl Resolve for CheckingResolver {
    fn resolve(&self, name: Name) -> Resolving {
        let policy = Arc::clone(&self.policy);
        let host = name.as_str().to_owned();
        Box::pin(async move {
            // Port 0: reqwest puts the URL's port on the addresses.
            let addrs: Vec<SocketAddr> = tokio::net::lookup_host((host.as_str(), 0))
                .await
                .map_err(|_| FetchError::Resolve(host.clone()))?
                .collect();
            if addrs.is_empty() {
                return Err(FetchError::Resolve(host).into());
            }
            // One bad address refuses the host: a name mixing public and internal
            // addresses is a rebinding trick, not a real image host.
            for addr in &addrs {
                policy.check(&host, addr.ip())?;
            }
            Ok(Box::new(addrs.into_iter()) as Addrs)
        })
    }
}
