//! Blobs through `object_store` (local files under the data dir, or an S3-compatible bucket
//! for scale-out), under our key scheme. Uploads stream in chunks (from disk, or from a
//! request body) and reads stream out, so memory never holds a whole video or uploaded file.
mod hot;
mod s3;

use std::ops::Range;
use std::path::Path as FsPath;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use futures::stream::{BoxStream, StreamExt, TryStreamExt};
use object_store::local::LocalFileSystem;
use object_store::path::Path;
use object_store::{GetOptions, GetRange, ObjectStore, ObjectStoreExt, PutPayload, WriteMultipart};
use tokio::io::AsyncReadExt;

use crate::config::StorageConfig;
use hot::{Held, HotObjects};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("not found: {0}")]
    NotFound(String),
    #[error("object store: {0}")]
    Store(#[from] object_store::Error),
    #[error("io: {0}")]
    Io(#[from] std::io::Error),
    /// The store could not be set up (bad settings, bucket unreachable).
    #[error("{0}")]
    Setup(String),
    #[error("no answer within {}s", .0.as_secs())]
    Timeout(Duration),
}

impl StoreError {
    fn from_store(e: object_store::Error) -> Self {
        match e {
            object_store::Error::NotFound { path, .. } => StoreError::NotFound(path),
            other => StoreError::Store(other),
        }
    }
}

pub type StoreResult<T> = Result<T, StoreError>;

/// What a video's content variants are called in the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Asset {
    Video,
    Thumbnail,
    Spritesheet,
}

impl Asset {
    pub fn file_name(self) -> &'static str {
        match self {
            Asset::Video => "video.mp4",
            Asset::Thumbnail => "thumbnail.webp",
            Asset::Spritesheet => "spritesheet.jpg",
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            Asset::Video => "video/mp4",
            Asset::Thumbnail => "image/webp",
            Asset::Spritesheet => "image/jpeg",
        }
    }
}

/// Key scheme: every attempt writes under its own prefix, so a stale worker that lost its
/// lease can never overwrite (or delete) the assets of the attempt that won.
pub fn video_prefix(video_id: &str) -> String {
    format!("videos/{video_id}")
}

pub fn attempt_prefix(video_id: &str, attempt: i64) -> String {
    format!("videos/{video_id}/a{attempt}")
}

pub fn asset_key(prefix: &str, asset: Asset) -> String {
    format!("{prefix}/{}", asset.file_name())
}

/// What a derived video is made from (reference image, source clip), copied under its own
/// prefix when it is created: deleting the source video or file later changes nothing.
pub fn input_key(video_id: &str, name: &str) -> String {
    format!("videos/{video_id}/input/{name}")
}

/// A character's matte (frames stacked in one RGBA PNG).
pub fn character_key(character_id: &str) -> String {
    format!("characters/{character_id}/matte.png")
}

/// An uploaded file's bytes. Ids are never reused, so one key per file is enough.
pub fn file_key(file_id: &str) -> String {
    format!("files/{file_id}")
}

/// An object being written chunk by chunk. Memory holds at most a few upload chunks, however
/// large the object. Dropped or aborted before `finish`, it leaves nothing behind (dropped, it
/// aborts in the background: on S3 an unfinished multipart upload would otherwise linger).
pub struct BlobWriter {
    /// `None` only once `finish`, `abort` or `drop` took it.
    inner: Option<WriteMultipart>,
    written: u64,
}

impl BlobWriter {
    fn new(inner: WriteMultipart) -> Self {
        Self { inner: Some(inner), written: 0 }
    }

    fn take(&mut self) -> WriteMultipart {
        self.inner.take().expect("a BlobWriter is used only until finish or abort")
    }

    pub async fn write(&mut self, chunk: Bytes) -> StoreResult<()> {
        let inner = self.inner.as_mut().expect("a BlobWriter is used only until finish or abort");
        // Back-pressure: the sender waits while two parts are still being stored.
        inner.wait_for_capacity(2).await?;
        self.written += chunk.len() as u64;
        inner.put(chunk);
        Ok(())
    }

    pub fn written(&self) -> u64 {
        self.written
    }

    /// Publish the object; returns its size.
    pub async fn finish(mut self) -> StoreResult<u64> {
        self.take().finish().await?;
        Ok(self.written)
    }

    /// Discard what was written.
    pub async fn abort(mut self) -> StoreResult<()> {
        self.take().abort().await?;
        Ok(())
    }
}

impl Drop for BlobWriter {
    fn drop(&mut self) {
        if let Some(inner) = self.inner.take()
            && let Ok(runtime) = tokio::runtime::Handle::try_current()
        {
            runtime.spawn(async move {
                if let Err(e) = inner.abort().await {
                    tracing::warn!(error = %e, "discarding an unfinished upload failed");
                }
            });
        }
    }
}

/// A byte stream read from the store, with the total size of the object.
pub struct Download {
    pub size: u64,
    pub range: Range<u64>,
    pub stream: BoxStream<'static, StoreResult<Bytes>>,
}

const UPLOAD_CHUNK: usize = 8 * 1024 * 1024;
/// What a local download reads at once: few hops to the blocking pool per file, and a
/// bounded buffer per download in flight.
const READ_CHUNK: usize = 256 * 1024;

/// `range` of an open local file, `READ_CHUNK` at a time.
fn file_stream(file: std::fs::File, range: Range<u64>) -> BoxStream<'static, StoreResult<Bytes>> {
    use tokio::io::AsyncSeekExt;
    futures::stream::once(async move {
        let mut file = tokio::fs::File::from_std(file);
        file.seek(std::io::SeekFrom::Start(range.start)).await.map_err(StoreError::Io)?;
        let limited = file.take(range.end - range.start);
        Ok::<_, StoreError>(tokio_util::io::ReaderStream::with_capacity(limited, READ_CHUNK).map_err(StoreError::Io))
    })
    .try_flatten()
    .boxed()
}

/// An object opened by [`Storage::open`]: its size, and how to read it.
pub struct Opened {
    pub size: u64,
    source: Source,
    /// Set when the object is small enough to be read whole and kept in memory.
    keep: Option<(Arc<HotObjects>, String)>,
}

enum Source {
    File(std::fs::File),
    Store(Storage, String),
    Memory(Arc<Held>),
}

impl Opened {
    /// The whole object, or `range` of it (within the size).
    pub async fn read(self, range: Option<Range<u64>>) -> StoreResult<Download> {
        let size = self.size;
        let requested = range;
        let range = requested.clone().unwrap_or(0..size);
        let range = range.start.min(size)..range.end.min(size);
        let source = match self.keep {
            // Read whole once (one hop, or one GET), then from memory: when there is room.
            Some((hot, key)) => match hot.reserve(size) {
                Some(permit) => Source::Memory(hot.insert(&key, self.source.read_whole(size).await?, permit)),
                None => self.source,
            },
            None => self.source,
        };
        let file = match source {
            Source::Memory(held) => {
                let bytes = held.bytes().slice(range.start as usize..range.end as usize);
                return Ok(Download { size, range, stream: futures::stream::once(async move { Ok(bytes) }).boxed() });
            }
            Source::Store(storage, key) => return storage.get(&key, requested).await,
            Source::File(file) => file,
        };
        let len = range.end - range.start;
        if len > READ_CHUNK as u64 {
            return Ok(Download { size, range: range.clone(), stream: file_stream(file, range) });
        }
        // A small range (a player's probe, a seek): one read, in the same hop as its seek.
        let start = range.start;
        let bytes = blocking_io(move || {
            use std::io::{Read, Seek};
            let mut file = file;
            file.seek(std::io::SeekFrom::Start(start))?;
            let mut buf = vec![0; len as usize];
            file.read_exact(&mut buf)?;
            Ok(Bytes::from(buf))
        })
        .await
        .map_err(StoreError::Io)?;
        Ok(Download { size, range, stream: futures::stream::once(async move { Ok(bytes) }).boxed() })
    }
}

impl Source {
    /// All `size` bytes of the object.
    async fn read_whole(self, size: u64) -> StoreResult<Bytes> {
        let bytes = match self {
            Source::Memory(held) => held.bytes(),
            Source::Store(storage, key) => storage.get_bytes(&key).await?,
            Source::File(file) => blocking_io(move || {
                use std::io::Read;
                let mut buf = vec![0; size as usize];
                (&file).read_exact(&mut buf)?;
                Ok(Bytes::from(buf))
            })
            .await
            .map_err(StoreError::Io)?,
        };
        if bytes.len() as u64 != size {
            return Err(StoreError::Io(std::io::Error::other("the object changed size while being read")));
        }
        Ok(bytes)
    }
}

/// File I/O on the blocking pool; a task that could not finish is an I/O error too.
async fn blocking_io<T: Send + 'static>(
    io: impl FnOnce() -> std::io::Result<T> + Send + 'static,
) -> std::io::Result<T> {
    tokio::task::spawn_blocking(io).await.unwrap_or_else(|e| Err(std::io::Error::other(e)))
}

/// How long a readiness check (and so start-up) waits for the store to answer.
const PING_TIMEOUT: Duration = Duration::from_secs(15);

#[derive(Clone, Debug)]
pub struct Storage {
    store: Arc<dyn ObjectStore>,
    /// The same store when it is local files: downloads open them directly (see `open`).
    local: Option<Arc<LocalFileSystem>>,
    /// Set when downloads answer with a presigned URL (S3 and --download-redirect).
    redirect: Option<Redirect>,
    /// Recently downloaded small objects (`--content-cache-mb`).
    hot: Option<Arc<HotObjects>>,
}

#[derive(Clone, Debug)]
struct Redirect {
    presigner: s3::Presigner,
    ttl: Duration,
}

impl Storage {
    pub fn local(dir: &FsPath) -> StoreResult<Self> {
        std::fs::create_dir_all(dir)?;
        let fs = Arc::new(LocalFileSystem::new_with_prefix(dir)?.with_automatic_cleanup(true));
        Ok(Self { store: fs.clone(), local: Some(fs), redirect: None, hot: None })
    }

    /// Local files under `blob_dir`, or the S3 bucket of `--object-store`, which must answer
    /// (within a time limit) before this returns.
    pub async fn from_config(config: &StorageConfig, blob_dir: &FsPath) -> StoreResult<Self> {
        let cache_bytes = config.content_cache_mb.saturating_mul(1024 * 1024);
        let Some(location) = &config.object_store else {
            if config.download_redirect {
                tracing::warn!("--download-redirect has no effect without an S3 --object-store: downloads stream");
            }
            return Ok(Self::local(blob_dir)?.with_content_cache(cache_bytes));
        };
        let (store, presigner) = s3::build(location, config)?;
        let redirect = config.download_redirect.then(|| Redirect { presigner, ttl: config.download_redirect_ttl });
        // Redirected downloads never pass through this process: nothing to keep.
        let cache_bytes = if redirect.is_some() { 0 } else { cache_bytes };
        let storage = Self { store, local: None, redirect, hot: None }.with_content_cache(cache_bytes);
        match storage.ping().await {
            Ok(()) => Ok(storage),
            Err(e @ StoreError::Timeout(_)) => Err(StoreError::Setup(format!(
                "object store {location}: {e} (check --s3-endpoint, the network and the AWS credentials)"
            ))),
            Err(e) => Err(StoreError::Setup(format!("object store {location} is not usable: {e}"))),
        }
    }

    /// Keep recently downloaded objects in memory, up to `budget` bytes in all (0: none).
    pub fn with_content_cache(mut self, budget: u64) -> Self {
        self.hot = HotObjects::new(budget).map(Arc::new);
        self
    }

    /// This process is about to write or delete `key`: forget what it kept of it.
    fn forget(&self, key: &str) {
        if let Some(hot) = &self.hot {
            hot.forget(key);
        }
    }

    /// Where a client may fetch `key` itself, when downloads redirect (S3 with
    /// --download-redirect): a presigned GET URL answering with these headers. `None`: stream it.
    pub async fn download_url(
        &self,
        key: &str,
        content_type: &str,
        disposition: &str,
    ) -> StoreResult<Option<url::Url>> {
        match &self.redirect {
            Some(r) => Ok(Some(r.presigner.get_url(key, r.ttl, content_type, disposition).await?)),
            None => Ok(None),
        }
    }

    pub async fn put_bytes(&self, key: &str, data: Vec<u8>) -> StoreResult<()> {
        self.forget(key);
        self.store.put(&Path::from(key), PutPayload::from(data)).await?;
        Ok(())
    }

    /// Stream a local file into the store in chunks (multipart where the store has it).
    pub async fn put_file(&self, key: &str, file: &FsPath) -> StoreResult<u64> {
        let mut f = tokio::fs::File::open(file).await?;
        // On an early return the writer is dropped, which aborts the upload.
        let mut writer = self.writer(key).await?;
        let mut buf = vec![0u8; UPLOAD_CHUNK];
        loop {
            let n = f.read(&mut buf).await?;
            if n == 0 {
                break;
            }
            writer.write(Bytes::copy_from_slice(&buf[..n])).await?;
        }
        writer.finish().await
    }

    /// Start writing an object from a stream of chunks (a request body), without holding it
    /// whole in memory. Nothing is visible under `key` until `finish`.
    pub async fn writer(&self, key: &str) -> StoreResult<BlobWriter> {
        self.forget(key);
        let upload = self.store.put_multipart(&Path::from(key)).await?;
        Ok(BlobWriter::new(WriteMultipart::new_with_chunk_size(upload, UPLOAD_CHUNK)))
    }

    /// Open an object for reading, optionally a byte range of it.
    pub async fn get(&self, key: &str, range: Option<Range<u64>>) -> StoreResult<Download> {
        let opts = GetOptions { range: range.map(GetRange::Bounded), ..Default::default() };
        let got = self.store.get_opts(&Path::from(key), opts).await.map_err(StoreError::from_store)?;
        let size = got.meta.size;
        let range = got.range.clone();
        let stream = match got.payload {
            // object_store reads local files 8 KiB at a time, each read a hop to the blocking
            // pool; reading them in large chunks is what lets downloads keep up with nginx.
            object_store::GetResultPayload::File(file, _) => file_stream(file, range.clone()),
            object_store::GetResultPayload::Stream(s) => s.map_err(StoreError::from_store).boxed(),
        };
        Ok(Download { size, range, stream })
    }

    /// Open an object for a read whose range depends on its size (a download with `Range`).
    /// An object kept in memory costs nothing here or in [`Opened::read`]. A local file costs
    /// one hop to the blocking pool here (open and `fstat`) and, for a small range, one more
    /// there; any other store, a HEAD here and a ranged GET there. A small object is read
    /// whole there and kept, when the content cache has room.
    pub async fn open(&self, key: &str) -> StoreResult<Opened> {
        let (size, source) = match self.hot.as_ref().and_then(|hot| hot.get(key)) {
            Some(held) => (held.len(), Source::Memory(held)),
            None => self.open_source(key).await?,
        };
        let keep = match (&self.hot, &source) {
            (Some(hot), Source::File(_) | Source::Store(..)) if hot.fits(size) => {
                Some((Arc::clone(hot), key.to_string()))
            }
            _ => None,
        };
        Ok(Opened { size, source, keep })
    }

    async fn open_source(&self, key: &str) -> StoreResult<(u64, Source)> {
        let Some(local) = &self.local else {
            let size = self.size(key).await?;
            return Ok((size, Source::Store(self.clone(), key.to_string())));
        };
        let path = local.path_to_filesystem(&Path::from(key)).map_err(StoreError::from_store)?;
        let opened = blocking_io(move || {
            let file = std::fs::File::open(path)?;
            let size = file.metadata()?.len();
            Ok((file, size))
        })
        .await;
        match opened {
            Ok((file, size)) => Ok((size, Source::File(file))),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(StoreError::NotFound(key.to_string())),
            Err(e) => Err(StoreError::Io(e)),
        }
    }

    pub async fn size(&self, key: &str) -> StoreResult<u64> {
        let meta = self.store.head(&Path::from(key)).await.map_err(StoreError::from_store)?;
        Ok(meta.size)
    }

    pub async fn get_bytes(&self, key: &str) -> StoreResult<Bytes> {
        let got = self.store.get(&Path::from(key)).await.map_err(StoreError::from_store)?;
        Ok(got.bytes().await?)
    }

    /// Server-side copy (a file copy locally, CopyObject on S3).
    pub async fn copy(&self, from: &str, to: &str) -> StoreResult<()> {
        self.forget(to);
        self.store.copy(&Path::from(from), &Path::from(to)).await.map_err(StoreError::from_store)
    }

    /// Delete one object. Missing is fine: delete is idempotent.
    pub async fn delete(&self, key: &str) -> StoreResult<()> {
        self.forget(key);
        match self.store.delete(&Path::from(key)).await {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(e) => Err(e.into()),
        }
    }

    /// Delete everything under `prefix` (whole path segments: `videos/a` is not a prefix of
    /// `videos/ab/x`). Missing objects are fine: delete is idempotent. On S3 the keys go in
    /// bulk deletes of up to 1,000.
    pub async fn delete_prefix(&self, prefix: &str) -> StoreResult<usize> {
        if let Some(hot) = &self.hot {
            hot.forget_prefix(prefix);
        }
        let prefix = Path::from(prefix);
        let keys: Vec<Path> = self.store.list(Some(&prefix)).map_ok(|m| m.location).try_collect().await?;
        let n = keys.len();
        let mut deleted = self.store.delete_stream(futures::stream::iter(keys.into_iter().map(Ok)).boxed());
        while let Some(result) = deleted.next().await {
            match result {
                Ok(_) | Err(object_store::Error::NotFound { .. }) => {}
                Err(e) => return Err(e.into()),
            }
        }
        Ok(n)
    }

    /// Readiness: the store answers a listing, in time (object_store retries a store that is
    /// down for minutes).
    pub async fn ping(&self) -> StoreResult<()> {
        match tokio::time::timeout(PING_TIMEOUT, self.store.list_with_delimiter(None)).await {
            Ok(listing) => listing.map(|_| ()).map_err(StoreError::from),
            Err(_) => Err(StoreError::Timeout(PING_TIMEOUT)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn read(storage: &Storage, key: &str, range: Option<Range<u64>>) -> (bool, Vec<u8>) {
        let opened = storage.open(key).await.expect("open");
        let from_memory = matches!(opened.source, Source::Memory(_));
        let download = opened.read(range).await.expect("read");
        let chunks: Vec<Bytes> = download.stream.try_collect().await.expect("stream");
        (from_memory, chunks.concat())
    }

    #[tokio::test]
    async fn downloads_come_from_memory_after_the_first_and_never_stale() {
        let dir = tempfile::tempdir().expect("tempdir");
        let storage = Storage::local(dir.path()).expect("local").with_content_cache(8 * 1024 * 1024);
        let data: Vec<u8> = (0..300_000u32).map(|i| (i % 251) as u8).collect();
        storage.put_bytes("videos/v/a1/video.mp4", data.clone()).await.expect("put");

        assert_eq!(read(&storage, "videos/v/a1/video.mp4", None).await, (false, data.clone()), "first: the file");
        assert_eq!(read(&storage, "videos/v/a1/video.mp4", None).await, (true, data.clone()), "then memory");
        let (from_memory, part) = read(&storage, "videos/v/a1/video.mp4", Some(1000..70_000)).await;
        assert!(from_memory);
        assert_eq!(part, &data[1000..70_000]);

        // Written again by this process: the new bytes, never the kept ones.
        storage.put_bytes("videos/v/a1/video.mp4", b"new".to_vec()).await.expect("put");
        assert_eq!(read(&storage, "videos/v/a1/video.mp4", None).await, (false, b"new".to_vec()));
        assert_eq!(read(&storage, "videos/v/a1/video.mp4", None).await, (true, b"new".to_vec()));
        // Deleted: gone from memory too.
        storage.delete_prefix("videos/v").await.expect("delete");
        assert!(matches!(storage.open("videos/v/a1/video.mp4").await, Err(StoreError::NotFound(_))));

        // Larger than an eighth of the budget: always streamed from the file.
        let big = vec![1u8; 1024 * 1024 + 1];
        storage.put_bytes("videos/w/a1/video.mp4", big.clone()).await.expect("put");
        for _ in 0..2 {
            assert_eq!(read(&storage, "videos/w/a1/video.mp4", None).await, (false, big.clone()));
        }
    }
}
