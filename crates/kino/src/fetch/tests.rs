//! Fetches against a hand-written HTTP server on 127.0.0.1, reachable only through the
//! allow-list.
use std::net::SocketAddr;
use std::time::Duration;

use base64::Engine;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

use super::*;

const MIB: usize = 1024 * 1024;
const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDRnot-really-an-image";

fn config(allow: &[&str], timeout: Duration) -> FetchConfig {
    FetchConfig { allow: allow.iter().map(|c| c.parse().unwrap()).collect(), timeout, max_mib: 1 }
}

fn local_fetcher() -> Fetcher {
    Fetcher::new(&config(&["127.0.0.1/32"], Duration::from_secs(10))).unwrap()
}

fn default_fetcher() -> Fetcher {
    Fetcher::new(&FetchConfig::default()).unwrap()
}

/// Serves one request per connection. Routes:
/// `/image.png`; `/r/N` (N relative redirects, then the image); `/away` (redirect to
/// 127.0.0.2); `/to-file` (redirect to file:); `/huge` (Content-Length over any cap, no
/// body); `/sized/N` (N bytes, Content-Length); `/chunked/N` (N bytes, chunked);
/// `/endless` (chunked, never ends); `/slow` (a few bytes, then nothing); `/silent` (reads
/// the request, never answers); else 404. The stalls last 30 s, then the connection closes:
/// a client without a working time limit gets a transport error, not a timeout.
async fn start_server() -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        while let Ok((sock, _)) = listener.accept().await {
            tokio::spawn(async move {
                // The client hanging up mid-body is what several tests expect.
                let _ = handle(sock, addr).await;
            });
        }
    });
    addr
}

async fn handle(mut sock: TcpStream, addr: SocketAddr) -> std::io::Result<()> {
    let mut head = Vec::new();
    let mut buf = [0u8; 1024];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        let n = sock.read(&mut buf).await?;
        if n == 0 {
            return Ok(());
        }
        head.extend_from_slice(&buf[..n]);
    }
    let head = String::from_utf8_lossy(&head).into_owned();
    let path = head.split_whitespace().nth(1).unwrap_or("/").to_owned();
    let redirect =
        |to: String| format!("HTTP/1.1 302 Found\r\nLocation: {to}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    let number = |prefix: &str| path.strip_prefix(prefix).and_then(|n| n.parse::<usize>().ok());
    if path == "/image.png" {
        let ua = head.lines().any(|l| l.eq_ignore_ascii_case(concat!("user-agent: kino/", env!("CARGO_PKG_VERSION"))));
        let status = if ua { "200 OK" } else { "403 Forbidden" };
        let resp = format!(
            "HTTP/1.1 {status}\r\nContent-Type: Image/PNG; charset=binary\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            PNG.len()
        );
        sock.write_all(resp.as_bytes()).await?;
        sock.write_all(PNG).await?;
    } else if let Some(n) = number("/r/") {
        // Relative references, resolved against the current URL; the last is path-absolute.
        let to = if n <= 1 { "/image.png".to_owned() } else { (n - 1).to_string() };
        sock.write_all(redirect(to).as_bytes()).await?;
    } else if path == "/away" {
        sock.write_all(redirect(format!("http://127.0.0.2:{}/image.png", addr.port())).as_bytes()).await?;
    } else if path == "/to-file" {
        sock.write_all(redirect("file:///etc/passwd".into()).as_bytes()).await?;
    } else if path == "/huge" {
        // No body follows: a client that ignored Content-Length would fail another way.
        sock.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 1073741824\r\nConnection: close\r\n\r\n").await?;
        sock.flush().await?;
        tokio::time::sleep(Duration::from_secs(30)).await;
    } else if let Some(n) = number("/sized/") {
        let resp = format!("HTTP/1.1 200 OK\r\nContent-Length: {n}\r\nConnection: close\r\n\r\n");
        sock.write_all(resp.as_bytes()).await?;
        sock.write_all(&vec![7u8; n]).await?;
    } else if let Some(n) = number("/chunked/") {
        sock.write_all(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n").await?;
        let mut left = n;
        while left > 0 {
            let len = left.min(64 * 1024);
            write_chunk(&mut sock, len).await?;
            left -= len;
        }
        sock.write_all(b"0\r\n\r\n").await?;
    } else if path == "/endless" {
        sock.write_all(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n").await?;
        loop {
            write_chunk(&mut sock, 64 * 1024).await?;
        }
    } else if path == "/silent" {
        tokio::time::sleep(Duration::from_secs(30)).await;
    } else if path == "/slow" {
        sock.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\nConnection: close\r\n\r\n0123456789").await?;
        sock.flush().await?;
        tokio::time::sleep(Duration::from_secs(30)).await;
    } else {
        sock.write_all(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n").await?;
    }
    sock.flush().await
}

async fn write_chunk(sock: &mut TcpStream, len: usize) -> std::io::Result<()> {
    sock.write_all(format!("{len:x}\r\n").as_bytes()).await?;
    sock.write_all(&vec![7u8; len]).await?;
    sock.write_all(b"\r\n").await
}

#[track_caller]
fn assert_blocked(result: Result<Fetched, FetchError>, addr: &str) {
    match result {
        Err(FetchError::Blocked { addr: got, .. }) => {
            assert_eq!(got, addr.parse::<std::net::IpAddr>().unwrap())
        }
        other => panic!("expected Blocked({addr}), got {other:?}"),
    }
}

#[tokio::test]
async fn default_config_refuses_loopback_in_every_spelling() {
    let server = start_server().await;
    let port = server.port();
    let fetcher = default_fetcher();
    assert_blocked(fetcher.fetch(&format!("http://127.0.0.1:{port}/image.png")).await, "127.0.0.1");
    assert_blocked(fetcher.fetch(&format!("http://[::1]:{port}/image.png")).await, "::1");
    assert_blocked(fetcher.fetch(&format!("http://[::ffff:127.0.0.1]:{port}/image.png")).await, "::ffff:127.0.0.1");
    // Decimal IPv4 is normalised by the URL parser, then checked like any literal.
    assert_blocked(fetcher.fetch(&format!("http://2130706433:{port}/image.png")).await, "127.0.0.1");
    // A name goes through the checking resolver.
    match fetcher.fetch(&format!("http://localhost:{port}/image.png")).await {
        Err(FetchError::Blocked { host, addr }) => {
            assert_eq!(host, "localhost");
            assert!(addr.is_loopback(), "{addr}");
        }
        other => panic!("expected Blocked for localhost, got {other:?}"),
    }
}

#[tokio::test]
async fn internal_literals_are_refused_before_connecting() {
    let fetcher = default_fetcher();
    for (url, addr) in [
        ("http://169.254.169.254/latest/meta-data/", "169.254.169.254"),
        ("http://10.0.0.1/", "10.0.0.1"),
        ("https://192.168.1.1/x.png", "192.168.1.1"),
        ("http://[fe80::1]/", "fe80::1"),
        ("http://0.0.0.0/", "0.0.0.0"),
    ] {
        assert_blocked(fetcher.fetch(url).await, addr);
    }
    // With no time at all to spend, any connection attempt (or wait of any kind) ends in
    // `Timeout`: a `Blocked` answer can only come from the check before connecting.
    let no_time = Fetcher::new(&FetchConfig { timeout: Duration::ZERO, ..FetchConfig::default() }).unwrap();
    for url in ["http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/"] {
        assert!(matches!(no_time.fetch(url).await, Err(FetchError::Blocked { .. })), "{url}");
    }
    // The control: the same zero limit on an address that is let through times out. The
    // route never answers: a quick local answer could otherwise win the race against a zero
    // timer (tokio polls the request before the deadline), which made this flaky under load.
    let server = start_server().await;
    let allowed = Fetcher::new(&config(&["127.0.0.1/32"], Duration::ZERO)).unwrap();
    let result = allowed.fetch(&format!("http://{server}/silent")).await;
    assert!(matches!(result, Err(FetchError::Timeout { .. })), "{result:?}");
}

#[tokio::test]
async fn allow_list_lets_the_local_server_through() {
    let server = start_server().await;
    let fetched = local_fetcher().fetch(&format!("http://{server}/image.png")).await.unwrap();
    assert_eq!(&fetched.bytes[..], PNG, "the server answers 403 without kino's User-Agent");
    assert_eq!(fetched.content_type.as_deref(), Some("image/png"));
}

#[tokio::test]
async fn allowed_names_resolve_and_connect_to_the_checked_addresses() {
    let server = start_server().await;
    let fetcher = Fetcher::new(&config(&["127.0.0.0/8", "::1/128"], Duration::from_secs(10))).unwrap();
    let fetched = fetcher.fetch(&format!("http://localhost:{}/image.png", server.port())).await.unwrap();
    assert_eq!(&fetched.bytes[..], PNG);
}

#[tokio::test]
async fn redirects_are_followed_and_each_hop_checked() {
    let server = start_server().await;
    let fetcher = local_fetcher();
    let fetched = fetcher.fetch(&format!("http://{server}/r/{MAX_REDIRECTS}")).await.unwrap();
    assert_eq!(&fetched.bytes[..], PNG);
    match fetcher.fetch(&format!("http://{server}/r/{}", MAX_REDIRECTS + 1)).await {
        Err(FetchError::TooManyRedirects(5)) => {}
        other => panic!("expected TooManyRedirects, got {other:?}"),
    }
    assert_blocked(fetcher.fetch(&format!("http://{server}/away")).await, "127.0.0.2");
    match fetcher.fetch(&format!("http://{server}/to-file")).await {
        Err(FetchError::UnsupportedScheme(s)) => assert_eq!(s, "file"),
        other => panic!("expected UnsupportedScheme, got {other:?}"),
    }
}

#[tokio::test]
async fn byte_cap_holds_for_declared_and_streamed_bodies() {
    let server = start_server().await;
    let fetcher = local_fetcher();
    let too_large =
        |r: Result<Fetched, FetchError>| matches!(r, Err(FetchError::TooLarge { limit }) if limit == MIB as u64);
    // Exactly the cap is fine, either way.
    assert_eq!(fetcher.fetch(&format!("http://{server}/sized/{MIB}")).await.unwrap().bytes.len(), MIB);
    assert_eq!(fetcher.fetch(&format!("http://{server}/chunked/{MIB}")).await.unwrap().bytes.len(), MIB);
    assert!(too_large(fetcher.fetch(&format!("http://{server}/sized/{}", MIB + 1)).await));
    assert!(too_large(fetcher.fetch(&format!("http://{server}/chunked/{}", MIB + 1)).await));
    // Refused on the header alone: no body ever comes (waiting for one would end in a timeout).
    assert!(too_large(fetcher.fetch(&format!("http://{server}/huge")).await));
    // A body that never ends stops at the cap rather than running into the timeout.
    let endless = fetcher.fetch(&format!("http://{server}/endless")).await;
    assert!(too_large(endless.clone()), "{endless:?}");
}

/// A server that stops answering, before the head or in the body, ends in the configured
/// `Timeout` (the error kind and the code clients see). Without the limit the stall would run
/// its 30 s and end in a closed connection: a `Transport` error, which fails here.
#[tokio::test]
async fn whole_fetch_is_time_limited() {
    let server = start_server().await;
    let limit = Duration::from_millis(300);
    let fetcher = Fetcher::new(&config(&["127.0.0.1/32"], limit)).unwrap();
    for path in ["/silent", "/slow"] {
        let result = fetcher.fetch(&format!("http://{server}{path}")).await;
        assert!(matches!(&result, Err(FetchError::Timeout { after }) if *after == limit), "{path}: {result:?}");
        let err = result.unwrap_err();
        assert_eq!((err.code(), err.url_code()), ("image_url_unreachable", "url_unreachable"), "{path}");
        assert_eq!(err.to_string(), "the request timed out after 300ms");
    }
}

#[tokio::test]
async fn error_statuses_are_reported() {
    let server = start_server().await;
    let result = local_fetcher().fetch(&format!("http://{server}/missing.png")).await;
    assert!(matches!(result, Err(FetchError::Status(404))), "{result:?}");
}

#[tokio::test]
async fn only_http_https_and_data_schemes() {
    let fetcher = default_fetcher();
    for (url, scheme) in
        [("ftp://example.com/a.png", "ftp"), ("file:///etc/passwd", "file"), ("gopher://example.com/", "gopher")]
    {
        match fetcher.fetch(url).await {
            Err(e @ FetchError::UnsupportedScheme(_)) => {
                assert_eq!(e, FetchError::UnsupportedScheme(scheme.into()));
                assert_eq!(e.code(), "invalid_image_url");
            }
            other => panic!("{url}: expected UnsupportedScheme, got {other:?}"),
        }
    }
    for url in ["not a url", "http://", "/relative.png"] {
        let result = fetcher.fetch(url).await;
        assert!(matches!(result, Err(FetchError::InvalidUrl(_))), "{url}: {result:?}");
    }
}

#[tokio::test]
async fn data_urls_decode_locally() {
    let fetcher = local_fetcher();
    let b64 = base64::engine::general_purpose::STANDARD.encode(PNG);
    let fetched = fetcher.fetch(&format!("data:image/png;base64,{b64}")).await.unwrap();
    assert_eq!(&fetched.bytes[..], PNG);
    assert_eq!(fetched.content_type.as_deref(), Some("image/png"));
    // Media type missing, odd case, unpadded, or with extra parameters.
    for url in
        ["data:;base64,aGk=", "data:base64,aGk=", "DATA:;BASE64,aGk", "data:text/plain;charset=utf-8;base64,aGk="]
    {
        let fetched = fetcher.fetch(url).await.unwrap_or_else(|e| panic!("{url}: {e}"));
        assert_eq!(&fetched.bytes[..], b"hi", "{url}");
    }
    assert_eq!(fetcher.fetch("data:;base64,aGk=").await.unwrap().content_type, None);
    for url in
        ["data:image/png;base64,!!!!", "data:image/png;base64", "data:image/png,hello", "data:image/png;base64,aGk=a"]
    {
        let result = fetcher.fetch(url).await;
        assert!(matches!(result, Err(FetchError::BadDataUrl(_))), "{url}: {result:?}");
    }
}

#[tokio::test]
async fn data_urls_obey_the_caps() {
    let fetcher = local_fetcher();
    let encode = |n: usize| base64::engine::general_purpose::STANDARD.encode(vec![1u8; n]);
    let exact = fetcher.fetch(&format!("data:image/png;base64,{}", encode(MIB))).await.unwrap();
    assert_eq!(exact.bytes.len(), MIB);
    let over = fetcher.fetch(&format!("data:image/png;base64,{}", encode(MIB + 1))).await;
    assert!(matches!(over, Err(FetchError::TooLarge { .. })), "{over:?}");
    // OpenAI's limit on the string itself, whatever the byte cap.
    let big = Fetcher::new(&FetchConfig { max_mib: 64, ..FetchConfig::default() }).unwrap();
    let long = format!("data:image/png;base64,{}", "A".repeat(MAX_URL_CHARS));
    assert!(matches!(big.fetch(&long).await, Err(FetchError::InvalidUrl(_))));
}

#[test]
fn config_flags_parse() {
    use clap::Parser;
    #[derive(Parser)]
    struct Cli {
        #[command(flatten)]
        fetch: FetchConfig,
    }
    let cli = Cli::try_parse_from([
        "kino",
        "--fetch-allow",
        "10.0.0.0/8, 127.0.0.1",
        "--fetch-timeout",
        "1500ms",
        "--fetch-max-mib",
        "3",
    ])
    .unwrap();
    let allow: Vec<String> = cli.fetch.allow.iter().map(ToString::to_string).collect();
    assert_eq!(allow, ["10.0.0.0/8", "127.0.0.1/32"]);
    assert_eq!(cli.fetch.timeout, Duration::from_millis(1500));
    assert_eq!(cli.fetch.max_bytes(), 3 * MIB as u64);
    let defaults = Cli::try_parse_from(["kino"]).unwrap().fetch;
    assert!(defaults.allow.is_empty());
    assert_eq!((defaults.timeout, defaults.max_mib), (Duration::from_secs(20), 20));
    assert!(Cli::try_parse_from(["kino", "--fetch-allow", "10.0.0.0/33"]).is_err());
}
