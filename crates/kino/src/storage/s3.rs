//! The S3-compatible backend: an `AmazonS3` built from `--object-store s3://BUCKET[/PREFIX]`,
//! the `--s3-*` flags and the standard AWS environment (credentials, and anything else
//! `AmazonS3Builder::from_env` reads), plus presigned download URLs.
use std::net::IpAddr;
use std::sync::Arc;
use std::time::Duration;

use object_store::ClientConfigKey;
use object_store::ObjectStore;
use object_store::aws::{AmazonS3, AmazonS3Builder, AmazonS3ConfigKey};
use object_store::path::Path;
use object_store::prefix::PrefixStore;
use object_store::signer::{Method, SignedUrlOptions, Signer};

use super::{StoreError, StoreResult};
use crate::config::{S3Location, StorageConfig};

/// Cap on one request, body included. object_store's default (30 s) also cuts a GET whose
/// body streams to a slow client for longer; stalls are caught by the read timeout instead.
const REQUEST_TIMEOUT: &str = "1h";
/// A connection that delivers nothing for this long is dead (object_store retries, resuming
/// a download where it stopped).
const READ_TIMEOUT: &str = "60s";

/// The bucket (scoped to the prefix) and what signs URLs for its objects.
pub(super) fn build(loc: &S3Location, config: &StorageConfig) -> StoreResult<(Arc<dyn ObjectStore>, Presigner)> {
    let mut builder = AmazonS3Builder::from_env().with_bucket_name(&loc.bucket);
    for (key, env, value) in [
        (ClientConfigKey::Timeout, "AWS_TIMEOUT", REQUEST_TIMEOUT),
        (ClientConfigKey::ReadTimeout, "AWS_READ_TIMEOUT", READ_TIMEOUT),
    ] {
        if std::env::var_os(env).is_none() {
            builder = builder.with_config(AmazonS3ConfigKey::Client(key), value);
        }
    }
    if let Some(region) = &config.s3_region {
        builder = builder.with_region(region);
    }
    let endpoint = config
        .s3_endpoint
        .clone()
        .or_else(|| builder.get_config_value(&AmazonS3ConfigKey::S3Endpoint))
        .or_else(|| builder.get_config_value(&AmazonS3ConfigKey::Endpoint));
    let path_style = config.s3_path_style || endpoint.as_deref().is_some_and(host_is_ip);
    if let Some(endpoint) = &endpoint {
        let endpoint = if path_style { endpoint.clone() } else { virtual_hosted(endpoint, &loc.bucket)? };
        if endpoint.starts_with("http://") {
            builder = builder.with_allow_http(true);
        }
        // AWS_ENDPOINT_URL_S3 would win over the generic endpoint: set both.
        builder = builder.with_endpoint(&endpoint).with_config(AmazonS3ConfigKey::S3Endpoint, endpoint);
    }
    builder = builder.with_virtual_hosted_style_request(!path_style);
    tracing::info!(
        bucket = %loc.bucket,
        prefix = %loc.prefix,
        endpoint = endpoint.as_deref().map(without_credentials).as_deref().unwrap_or("AWS"),
        region = builder.get_config_value(&AmazonS3ConfigKey::Region).as_deref().unwrap_or("us-east-1"),
        path_style,
        credentials = credential_source(&builder),
        "object store: S3"
    );
    let s3 = builder.build().map_err(|e| StoreError::Setup(format!("{loc}: {e}")))?;
    let store: Arc<dyn ObjectStore> = match loc.prefix.is_empty() {
        true => Arc::new(s3.clone()),
        false => Arc::new(PrefixStore::new(s3.clone(), loc.prefix.as_str())),
    };
    Ok((store, Presigner { s3, prefix: Path::from(loc.prefix.as_str()) }))
}

/// Where the credentials will come from, for the log (never the credentials themselves).
fn credential_source(builder: &AmazonS3Builder) -> &'static str {
    let set = |key| builder.get_config_value(&key).is_some();
    if set(AmazonS3ConfigKey::AccessKeyId) || set(AmazonS3ConfigKey::SecretAccessKey) {
        "AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY"
    } else if set(AmazonS3ConfigKey::WebIdentityTokenFile) {
        "web identity token"
    } else if set(AmazonS3ConfigKey::ContainerCredentialsRelativeUri)
        || set(AmazonS3ConfigKey::ContainerCredentialsFullUri)
    {
        "container role"
    } else {
        "instance metadata (no AWS_ACCESS_KEY_ID set)"
    }
}

/// Signs GET URLs for our keys (the bucket prefix added), valid for a while.
#[derive(Debug, Clone)]
pub(super) struct Presigner {
    s3: AmazonS3,
    prefix: Path,
}

impl Presigner {
    /// A URL anyone can GET `key` with until `ttl` passes; S3 answers with the given
    /// `Content-Type` and `Content-Disposition` (signed `response-*` overrides).
    pub(super) async fn get_url(
        &self,
        key: &str,
        ttl: Duration,
        content_type: &str,
        disposition: &str,
    ) -> StoreResult<url::Url> {
        let path: Path = self.prefix.parts().chain(Path::from(key).parts()).collect();
        let options = SignedUrlOptions::default()
            .with_query([("response-content-type", content_type), ("response-content-disposition", disposition)]);
        Ok(self.s3.signed_url_opts(Method::GET, &path, ttl, &options).await?)
    }
}

/// For the log: an endpoint from `AWS_ENDPOINT_URL` was not checked for `user:password@`.
fn without_credentials(endpoint: &str) -> String {
    match url::Url::parse(endpoint) {
        Ok(mut url) => {
            let _ = url.set_username("");
            let _ = url.set_password(None);
            url.to_string()
        }
        Err(_) => "(unparsable)".to_string(),
    }
}

fn host_is_ip(endpoint: &str) -> bool {
    url::Url::parse(endpoint).is_ok_and(|u| matches!(u.host(), Some(url::Host::Ipv4(_) | url::Host::Ipv6(_))))
}

/// `https://s3.example.com` → `https://BUCKET.s3.example.com`: object_store expects a
/// virtual-hosted endpoint to name the bucket already (the AWS SDKs add it the same way).
fn virtual_hosted(endpoint: &str, bucket: &str) -> StoreResult<String> {
    let bad = |why: String| StoreError::Setup(format!("S3 endpoint '{endpoint}': {why}"));
    let mut url = url::Url::parse(endpoint).map_err(|e| bad(e.to_string()))?;
    let host = url.host_str().ok_or_else(|| bad("no host".into()))?.to_string();
    if host.parse::<IpAddr>().is_ok() {
        return Ok(endpoint.to_string());
    }
    url.set_host(Some(&format!("{bucket}.{host}"))).map_err(|e| bad(e.to_string()))?;
    Ok(url.as_str().trim_end_matches('/').to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn virtual_hosted_endpoints() {
        assert_eq!(virtual_hosted("https://s3.example.com", "videos").unwrap(), "https://videos.s3.example.com");
        assert_eq!(virtual_hosted("http://minio.local:9000", "v").unwrap(), "http://v.minio.local:9000");
        assert!(host_is_ip("http://127.0.0.1:9000"));
        assert!(host_is_ip("http://[::1]:9000"));
        assert!(!host_is_ip("http://localhost:9000"));
        assert_eq!(without_credentials("http://key:secret@minio:9000"), "http://minio:9000/");
    }
}
