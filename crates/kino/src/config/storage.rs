//! `storage`: the data directory (SQLite, local blobs, scratch files), where blobs go
//! (local files or an S3-compatible bucket), and how long finished videos are kept.
use std::path::PathBuf;
use std::time::Duration;

use clap::Args;

use super::DatabaseUrl;
use super::duration;

/// Also the default of `kino keys` and `kino usage`, so they open the server's database.
pub const DEFAULT_DATA_DIR: &str = "./kino-data";
pub const DEFAULT_DOWNLOAD_REDIRECT_TTL: &str = "5m";
pub const DEFAULT_CONTENT_CACHE_MB: u64 = 64;

#[derive(Debug, Clone, Args)]
pub struct StorageConfig {
    /// Directory for the SQLite database, the blobs and render scratch files.
    #[arg(long, env = "KINO_DATA_DIR", default_value = DEFAULT_DATA_DIR)]
    pub data_dir: PathBuf,
    /// The database: unset, SQLite in the data directory (one process); `postgres://…` for
    /// several API and worker processes on one database.
    #[arg(id = "database_url", long = "database-url", value_name = "URL", env = "KINO_DATABASE_URL")]
    pub database_url: Option<DatabaseUrl>,
    /// Keep finished videos this long (e.g. `24h`, `7d`), then delete their content and
    /// metadata together. Unset: keep forever (`expires_at` stays null).
    #[arg(long, env = "KINO_RETENTION", value_parser = humantime::parse_duration)]
    pub retention: Option<Duration>,
    /// Where blobs go. Unset: files under --data-dir. `s3://BUCKET` or `s3://BUCKET/PREFIX`:
    /// an S3-compatible bucket (every key under PREFIX). Credentials come from the standard
    /// AWS environment (`AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`,
    /// web identity, container or instance roles), never from flags.
    #[arg(long = "object-store", value_name = "URL", env = "KINO_OBJECT_STORE", value_parser = parse_object_store)]
    pub object_store: Option<S3Location>,
    /// S3 endpoint for non-AWS servers (MinIO, Ceph, moto...), e.g. `http://127.0.0.1:9000`;
    /// `AWS_ENDPOINT_URL` when unset. An `http://` endpoint is allowed as such.
    #[arg(id = "s3_endpoint", long = "s3-endpoint", value_name = "URL", env = "KINO_S3_ENDPOINT", value_parser = parse_endpoint)]
    pub s3_endpoint: Option<String>,
    /// S3 region; `AWS_REGION` or `AWS_DEFAULT_REGION` when unset, else `us-east-1`.
    #[arg(id = "s3_region", long = "s3-region", value_name = "REGION", env = "KINO_S3_REGION")]
    pub s3_region: Option<String>,
    /// Path-style requests (`ENDPOINT/BUCKET/KEY`) instead of virtual-hosted ones
    /// (`BUCKET.ENDPOINT/KEY`): most self-hosted servers need this. An endpoint given as an IP
    /// address always gets path style.
    #[arg(id = "s3_path_style", long = "s3-path-style", env = "KINO_S3_PATH_STYLE", default_value_t = false)]
    pub s3_path_style: bool,
    /// With S3, answer `GET /v1/videos/{id}/content` with `302 Found` to a presigned URL of the
    /// object instead of streaming it through Kino. No effect with local files.
    #[arg(long = "download-redirect", env = "KINO_DOWNLOAD_REDIRECT", default_value_t = false)]
    pub download_redirect: bool,
    /// How long a presigned download URL stays valid.
    #[arg(long = "download-redirect-ttl", value_name = "DURATION", env = "KINO_DOWNLOAD_REDIRECT_TTL", value_parser = humantime::parse_duration, default_value = DEFAULT_DOWNLOAD_REDIRECT_TTL)]
    pub download_redirect_ttl: Duration,
    /// Memory for recently downloaded videos, thumbnails and spritesheets, in MiB, whoever
    /// holds them (the cache itself keeps half): a repeated download costs no file or store
    /// read. An object larger than an eighth of it is always streamed. 0: off.
    #[arg(long = "content-cache-mb", value_name = "MIB", env = "KINO_CONTENT_CACHE_MB", default_value_t = DEFAULT_CONTENT_CACHE_MB)]
    pub content_cache_mb: u64,
}

impl StorageConfig {
    pub fn new(data_dir: impl Into<PathBuf>) -> Self {
        Self { data_dir: data_dir.into(), ..Self::default() }
    }
}

impl Default for StorageConfig {
    fn default() -> Self {
        Self {
            data_dir: DEFAULT_DATA_DIR.into(),
            database_url: None,
            retention: None,
            object_store: None,
            s3_endpoint: None,
            s3_region: None,
            s3_path_style: false,
            download_redirect: false,
            download_redirect_ttl: duration(DEFAULT_DOWNLOAD_REDIRECT_TTL),
            content_cache_mb: DEFAULT_CONTENT_CACHE_MB,
        }
    }
}

/// `--object-store s3://BUCKET[/PREFIX]`, checked: the prefix has no empty, `.` or `..` segment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct S3Location {
    pub bucket: String,
    /// Segments joined by `/`, no leading or trailing slash; empty for the bucket's root.
    pub prefix: String,
}

impl std::fmt::Display for S3Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.prefix.is_empty() {
            true => write!(f, "s3://{}", self.bucket),
            false => write!(f, "s3://{}/{}", self.bucket, self.prefix),
        }
    }
}

fn parse_object_store(s: &str) -> Result<S3Location, String> {
    let s = s.trim();
    let Some(rest) = s.strip_prefix("s3://") else {
        return Err(format!(
            "'{s}' is not an s3://BUCKET[/PREFIX] URL (leave it unset to keep blobs under --data-dir)"
        ));
    };
    if rest.contains(['?', '#', '@', '\\']) {
        return Err(format!("'{s}': no query, fragment or credentials here (use the AWS_* environment for keys)"));
    }
    let (bucket, prefix) = rest.split_once('/').unwrap_or((rest, ""));
    let bucket_ok = (3..=63).contains(&bucket.len())
        && bucket.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.' || b == b'-');
    if !bucket_ok {
        return Err(format!("'{bucket}' is not a bucket name (3-63 lowercase letters, digits, '.' or '-')"));
    }
    let prefix = prefix.trim_matches('/');
    if !prefix.is_empty() && prefix.split('/').any(|seg| seg.is_empty() || seg == "." || seg == "..") {
        return Err(format!("'{prefix}' is not a key prefix (empty, '.' or '..' segment)"));
    }
    Ok(S3Location { bucket: bucket.to_string(), prefix: prefix.to_string() })
}

/// An `http(s)://host[:port][/path]` URL with no credentials in it (they would be logged).
fn parse_endpoint(s: &str) -> Result<String, String> {
    let url = url::Url::parse(s.trim()).map_err(|e| format!("'{s}' is not a URL: {e}"))?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
        return Err(format!("'{s}' is not an http:// or https:// URL"));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err("no credentials in the endpoint URL: use AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY".into());
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(format!("'{s}': an endpoint has no query or fragment"));
    }
    Ok(url.as_str().trim_end_matches('/').to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn object_store_urls() {
        let loc = parse_object_store("s3://videos").unwrap();
        assert_eq!((loc.bucket.as_str(), loc.prefix.as_str()), ("videos", ""));
        let loc = parse_object_store("s3://my-bucket.eu/kino/prod/").unwrap();
        assert_eq!((loc.bucket.as_str(), loc.prefix.as_str()), ("my-bucket.eu", "kino/prod"));
        assert_eq!(loc.to_string(), "s3://my-bucket.eu/kino/prod");
        for bad in [
            "videos",
            "file:///tmp",
            "s3://",
            "s3://Videos",
            "s3://b",
            "s3://bucket/a//b",
            "s3://bucket/../x",
            "s3://k:s@bucket",
        ] {
            assert!(parse_object_store(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn endpoints() {
        assert_eq!(parse_endpoint("http://127.0.0.1:9000/").unwrap(), "http://127.0.0.1:9000");
        assert_eq!(parse_endpoint("https://s3.example.com").unwrap(), "https://s3.example.com");
        for bad in ["127.0.0.1:9000", "ftp://host", "http://key:secret@host", "http://host/?x=1"] {
            assert!(parse_endpoint(bad).is_err(), "{bad}");
        }
    }
}
