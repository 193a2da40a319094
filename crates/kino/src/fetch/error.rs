//! What can go wrong fetching a client's URL (`input_reference.image_url`, a webhook
//! endpoint). Every message is fit to show the client, so none carries
//! server internals; a blocked host names the address only when the client wrote it.
use std::net::IpAddr;
use std::time::Duration;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FetchError {
    #[error("not a valid URL: {0}")]
    InvalidUrl(String),
    #[error("unsupported URL scheme '{0}': use an http or https URL (or a data: URL for an image)")]
    UnsupportedScheme(String),
    /// `host` is what the URL named; `addr` what it is or resolved to (for the log: the
    /// message leaves it out for names, so clients cannot map internal DNS through us).
    #[error("{}", blocked_message(host, addr))]
    Blocked { host: String, addr: IpAddr },
    #[error("could not resolve host '{0}'")]
    Resolve(String),
    #[error("the request timed out after {}", humantime::format_duration(*after))]
    Timeout { after: Duration },
    #[error("the response is larger than the limit of {}", size(*limit))]
    TooLarge { limit: u64 },
    #[error("too many redirects (more than {0})")]
    TooManyRedirects(usize),
    #[error("the server answered HTTP {0}")]
    Status(u16),
    #[error("the request failed: {0}")]
    Transport(String),
    #[error("malformed data: URL: {0}")]
    BadDataUrl(String),
}

impl FetchError {
    /// The OpenAI-style `code` for the error envelope.
    pub fn code(&self) -> &'static str {
        match self {
            Self::InvalidUrl(_) | Self::UnsupportedScheme(_) | Self::BadDataUrl(_) => "invalid_image_url",
            Self::Blocked { .. } => "image_url_blocked",
            Self::TooLarge { .. } => "image_too_large",
            Self::Resolve(_)
            | Self::Timeout { .. }
            | Self::TooManyRedirects(_)
            | Self::Status(_)
            | Self::Transport(_) => "image_url_unreachable",
        }
    }
}

impl FetchError {
    /// The error code for a URL that is not an image's (a webhook endpoint's).
    pub fn url_code(&self) -> &'static str {
        match self {
            Self::InvalidUrl(_) | Self::UnsupportedScheme(_) | Self::BadDataUrl(_) => "invalid_url",
            Self::Blocked { .. } => "url_blocked",
            Self::TooLarge { .. } => "response_too_large",
            Self::Resolve(_)
            | Self::Timeout { .. }
            | Self::TooManyRedirects(_)
            | Self::Status(_)
            | Self::Transport(_) => "url_unreachable",
        }
    }
}

fn blocked_message(host: &str, addr: &IpAddr) -> String {
    let literal = host.trim_start_matches('[').trim_end_matches(']').parse::<IpAddr>().is_ok();
    if literal {
        format!("refused: {addr} is a private, loopback or reserved address")
    } else {
        format!("refused: {host} resolves to a private, loopback or reserved address")
    }
}

fn size(bytes: u64) -> String {
    const MIB: u64 = 1024 * 1024;
    if bytes >= MIB && bytes.is_multiple_of(MIB) { format!("{} MiB", bytes / MIB) } else { format!("{bytes} bytes") }
}
