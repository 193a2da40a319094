//! Fetching the image a client names in `input_reference.image_url`: a `data:` URL is
//! decoded locally; an http(s) URL is fetched with the server's network access, so every
//! host on the way (redirects included) must be a public address or allow-listed, and
//! size and time are capped.
mod addr;
mod data_url;
mod error;
mod resolve;
#[cfg(test)]
mod tests;

use std::sync::Arc;
use std::time::Duration;

use bytes::{Bytes, BytesMut};
use reqwest::header::{CONTENT_TYPE, LOCATION};
use url::{Host, Url};

pub use addr::{AddrPolicy, is_reserved};
pub use error::FetchError;

use crate::config::FetchConfig;
use resolve::CheckingResolver;

/// OpenAI's limit on the length of an `image_url` string (data: URLs included).
pub const MAX_URL_CHARS: usize = 20 * 1024 * 1024;
/// Redirects followed before giving up.
pub const MAX_REDIRECTS: usize = 5;
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// The fetched image, not yet checked to be one.
#[derive(Debug, Clone)]
pub struct Fetched {
    pub bytes: Bytes,
    /// The media type the server (or the data: URL) declared, lower-cased, parameters
    /// dropped: `image/png`. `None` when none was given.
    pub content_type: Option<String>,
}

/// Cheap to clone: the HTTP client and policy are shared.
#[derive(Clone)]
pub struct Fetcher {
    client: reqwest::Client,
    policy: Arc<AddrPolicy>,
    max_bytes: u64,
    timeout: Duration,
}

impl std::fmt::Debug for Fetcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Fetcher")
            .field("policy", &self.policy)
            .field("max_bytes", &self.max_bytes)
            .field("timeout", &self.timeout)
            .finish()
    }
}

impl Fetcher {
    pub fn new(config: &FetchConfig) -> Result<Self, FetchError> {
        let policy = Arc::new(AddrPolicy::new(config.allow.clone()));
        let client = reqwest::Client::builder()
            .user_agent(concat!("kino/", env!("CARGO_PKG_VERSION")))
            // Redirects are followed by hand so each hop's host is checked.
            .redirect(reqwest::redirect::Policy::none())
            // A proxy would resolve and connect on its own, past the address check.
            .no_proxy()
            .connect_timeout(CONNECT_TIMEOUT)
            .dns_resolver(CheckingResolver { policy: Arc::clone(&policy) })
            .build()
            .map_err(|e| FetchError::Transport(format!("cannot build the HTTP client: {e}")))?;
        Ok(Self { client, policy, max_bytes: config.max_bytes(), timeout: config.timeout })
    }

    /// Fetch (or decode) `url`, within the configured time and size limits.
    pub async fn fetch(&self, url: &str) -> Result<Fetched, FetchError> {
        let url = url.trim();
        if url.len() > MAX_URL_CHARS && url.chars().count() > MAX_URL_CHARS {
            return Err(FetchError::InvalidUrl(format!("longer than {MAX_URL_CHARS} characters")));
        }
        if let Some(rest) = url.get(..5).filter(|s| s.eq_ignore_ascii_case("data:")).map(|_| &url[5..]) {
            return data_url::decode(rest, self.max_bytes);
        }
        let url = Url::parse(url).map_err(|e| FetchError::InvalidUrl(e.to_string()))?;
        tokio::time::timeout(self.timeout, self.fetch_http(url))
            .await
            .unwrap_or(Err(FetchError::Timeout { after: self.timeout }))
    }

    async fn fetch_http(&self, mut url: Url) -> Result<Fetched, FetchError> {
        let mut redirects = 0;
        loop {
            self.check_target(&url)?;
            let resp = self.client.get(url.clone()).send().await.map_err(transport_error)?;
            let status = resp.status();
            if is_followed_redirect(status) {
                let location = resp.headers().get(LOCATION).ok_or(FetchError::Status(status.as_u16()))?;
                if redirects == MAX_REDIRECTS {
                    return Err(FetchError::TooManyRedirects(MAX_REDIRECTS));
                }
                redirects += 1;
                let location = location
                    .to_str()
                    .map_err(|_| FetchError::InvalidUrl("a redirect's Location is not text".into()))?;
                url = url.join(location).map_err(|e| FetchError::InvalidUrl(format!("a redirect's Location: {e}")))?;
                continue;
            }
            if !status.is_success() {
                return Err(FetchError::Status(status.as_u16()));
            }
            return self.read_body(resp).await;
        }
    }

    /// Check a URL the server will call later (a webhook endpoint): http(s), and every address
    /// its host has now is allowed. Delivery checks again at connection time.
    pub async fn check_url(&self, url: &str) -> Result<Url, FetchError> {
        let url = Url::parse(url.trim()).map_err(|e| FetchError::InvalidUrl(e.to_string()))?;
        self.check_target(&url)?;
        if let Some(Host::Domain(host)) = url.host() {
            let port = url.port_or_known_default().unwrap_or(443);
            let addrs =
                tokio::net::lookup_host((host, port)).await.map_err(|e| FetchError::Resolve(format!("{host}: {e}")))?;
            for addr in addrs {
                self.policy.check(host, addr.ip())?;
            }
        }
        Ok(url)
    }

    /// POST a JSON `body` with `headers`, within `timeout`: one hop, no redirects followed
    /// (for a webhook a redirect is an answer, and not a 2xx). Returns the status code; the
    /// response body is drained up to the byte cap and ignored.
    pub async fn post_json(
        &self,
        url: &str,
        headers: &[(&'static str, String)],
        body: String,
        timeout: Duration,
    ) -> Result<u16, FetchError> {
        let url = Url::parse(url).map_err(|e| FetchError::InvalidUrl(e.to_string()))?;
        self.check_target(&url)?;
        let send = async {
            let mut req = self.client.post(url).header(CONTENT_TYPE, "application/json").body(body);
            for (name, value) in headers {
                req = req.header(*name, value);
            }
            let mut resp = req.send().await.map_err(transport_error)?;
            let status = resp.status().as_u16();
            let mut read = 0u64;
            while let Ok(Some(chunk)) = resp.chunk().await {
                read += chunk.len() as u64;
                if read > self.max_bytes {
                    break;
                }
            }
            Ok(status)
        };
        tokio::time::timeout(timeout, send).await.unwrap_or(Err(FetchError::Timeout { after: timeout }))
    }

    /// The scheme, and the host when it is an IP literal (the resolver checks names).
    fn check_target(&self, url: &Url) -> Result<(), FetchError> {
        match url.scheme() {
            "http" | "https" => {}
            other => return Err(FetchError::UnsupportedScheme(other.to_owned())),
        }
        match url.host() {
            None => Err(FetchError::InvalidUrl("no host".into())),
            Some(Host::Domain(_)) => Ok(()),
            Some(Host::Ipv4(ip)) => self.policy.check(&ip.to_string(), ip.into()),
            Some(Host::Ipv6(ip)) => self.policy.check(&format!("[{ip}]"), ip.into()),
        }
    }

    /// Stream the body, stopping as soon as it passes the cap.
    async fn read_body(&self, mut resp: reqwest::Response) -> Result<Fetched, FetchError> {
        let too_large = FetchError::TooLarge { limit: self.max_bytes };
        let declared = resp.content_length();
        if declared.is_some_and(|len| len > self.max_bytes) {
            return Err(too_large);
        }
        let content_type = resp
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(';').next())
            .map(|v| v.trim().to_ascii_lowercase())
            .filter(|v| !v.is_empty());
        let mut body = BytesMut::with_capacity(declared.unwrap_or(0) as usize);
        while let Some(chunk) = resp.chunk().await.map_err(transport_error)? {
            if (body.len() + chunk.len()) as u64 > self.max_bytes {
                return Err(too_large);
            }
            body.extend_from_slice(&chunk);
        }
        Ok(Fetched { bytes: body.freeze(), content_type })
    }
}

fn is_followed_redirect(status: reqwest::StatusCode) -> bool {
    matches!(status.as_u16(), 301 | 302 | 303 | 307 | 308)
}

/// The resolver's own verdict (blocked, unresolvable) travels inside reqwest's error
/// chain: find it; otherwise describe the failure by its root cause.
fn transport_error(err: reqwest::Error) -> FetchError {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(&err);
    let mut root = String::new();
    while let Some(e) = source {
        if let Some(ours) = e.downcast_ref::<FetchError>() {
            return ours.clone();
        }
        root = e.to_string();
        source = e.source();
    }
    if err.is_timeout() {
        return FetchError::Timeout { after: CONNECT_TIMEOUT };
    }
    if err.is_connect() {
        let host = err.url().and_then(|u| u.host_str()).unwrap_or("the host");
        return FetchError::Transport(format!("could not connect to {host}: {root}"));
    }
    FetchError::Transport(root)
}
