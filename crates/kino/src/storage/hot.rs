//! Recently downloaded objects, whole, in memory: a download of one of them costs no file or
//! store I/O (no `open`, no reads on the blocking pool, no S3 round trip), only the socket's.
//!
//! What is here is never stale: an object never changes under its key once written (every
//! render attempt writes under its own prefix; uploads and characters have one key each), and
//! this process forgets a key whenever it writes or deletes it. A key deleted by another
//! process may linger until evicted, but is only reached through its row, which is gone too.
//!
//! Memory is bounded by one budget, whoever holds the bytes: each object loaded here holds
//! permits for its size until the last copy of it is dropped — evicted from the map *and*
//! sent by every response that took it. The map itself keeps at most half the budget, so
//! there is room to load while evicted objects are still being sent; when there is not, a
//! download streams from the store as if this did not exist (a bounded buffer per download).
use std::sync::Arc;

use bytes::Bytes;
use quick_cache::sync::{Cache, DefaultLifecycle};
use quick_cache::{DefaultHashBuilder, OptionsBuilder, Weighter};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// Permits count KiB, so that a budget of any size fits a semaphore's permit type.
const UNIT: u64 = 1024;

pub(super) struct HotObjects {
    map: Cache<String, Arc<Held>, ByWeight, DefaultHashBuilder, DefaultLifecycle<String, Arc<Held>>>,
    budget: Arc<Semaphore>,
    /// Larger objects are never loaded whole (a quarter of the map).
    max_object: u64,
}

impl std::fmt::Debug for HotObjects {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HotObjects").field("kept_bytes", &self.map.weight()).finish_non_exhaustive()
    }
}

/// An object's bytes and the share of the budget they hold.
pub(super) struct Held {
    bytes: Bytes,
    _permit: OwnedSemaphorePermit,
}

/// One response's hold on an object.
struct Share(Arc<Held>);

impl AsRef<[u8]> for Share {
    fn as_ref(&self) -> &[u8] {
        &self.0.bytes
    }
}

impl Held {
    pub fn len(&self) -> u64 {
        self.bytes.len() as u64
    }

    /// The object's bytes, keeping its share of the budget until the last of them is dropped.
    pub fn bytes(self: &Arc<Self>) -> Bytes {
        Bytes::from_owner(Share(Arc::clone(self)))
    }
}

#[derive(Clone)]
struct ByWeight;

impl Weighter<String, Arc<Held>> for ByWeight {
    fn weight(&self, _key: &String, held: &Arc<Held>) -> u64 {
        // A zero weight would never be evicted.
        held.len().max(1)
    }
}

impl HotObjects {
    /// `None` for a budget of zero (`--content-cache-mb 0`: off).
    pub fn new(budget_bytes: u64) -> Option<Self> {
        let permits = usize::try_from(budget_bytes / UNIT).ok().filter(|&p| p > 0)?;
        let map_bytes = budget_bytes / 2;
        // One shard: a shard refuses an object heavier than its share of the map, and a
        // download is heavy enough that one lock per lookup costs nothing.
        let options =
            OptionsBuilder::new().shards(1).estimated_items_capacity(64).weight_capacity(map_bytes).build().ok()?;
        let map = Cache::with_options(options, ByWeight, DefaultHashBuilder::default(), DefaultLifecycle::default());
        Some(Self {
            map,
            budget: Arc::new(Semaphore::new(permits.min(Semaphore::MAX_PERMITS))),
            max_object: map_bytes / 4,
        })
    }

    pub fn get(&self, key: &str) -> Option<Arc<Held>> {
        self.map.get(key)
    }

    /// Whether an object of `size` bytes is small enough to be loaded whole.
    pub fn fits(&self, size: u64) -> bool {
        size <= self.max_object
    }

    /// The budget for loading an object of `size` bytes, if there is room for it now.
    pub fn reserve(&self, size: u64) -> Option<OwnedSemaphorePermit> {
        let permits = u32::try_from(size.div_ceil(UNIT).max(1)).ok()?;
        Arc::clone(&self.budget).try_acquire_many_owned(permits).ok()
    }

    /// Keep `bytes` (read whole under `permit`) as `key`; returns them, held.
    pub fn insert(&self, key: &str, bytes: Bytes, permit: OwnedSemaphorePermit) -> Arc<Held> {
        let held = Arc::new(Held { bytes, _permit: permit });
        self.map.insert(key.to_string(), Arc::clone(&held));
        held
    }

    /// Forget `key` (written or deleted by this process).
    pub fn forget(&self, key: &str) {
        self.map.remove(key);
    }

    /// Forget every key under `prefix` (whole path segments, as `Storage::delete_prefix`).
    pub fn forget_prefix(&self, prefix: &str) {
        let prefix = prefix.trim_end_matches('/');
        self.map
            .retain(|key, _| !(key.strip_prefix(prefix).is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))));
    }

    /// Bytes held now, in the map or by responses still sending evicted objects.
    #[cfg(test)]
    pub fn held_bytes(&self, budget_bytes: u64) -> u64 {
        (budget_bytes / UNIT - self.budget.available_permits() as u64) * UNIT
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(hot: &HotObjects, key: &str, len: usize) -> Option<Arc<Held>> {
        let permit = hot.reserve(len as u64)?;
        Some(hot.insert(key, Bytes::from(vec![7u8; len]), permit))
    }

    #[test]
    fn memory_stays_within_the_budget_whoever_holds_the_bytes() {
        let budget = 1024 * 1024;
        let hot = HotObjects::new(budget).expect("a budget");
        // Responses keep sending what the map has evicted: loads stop at the budget...
        let mut sending = Vec::new();
        for i in 0..64 {
            match load(&hot, &format!("k{i}"), 100 * 1024) {
                Some(held) => sending.push(held.bytes()),
                None => break,
            }
        }
        assert!(hot.held_bytes(budget) <= budget, "{} held", hot.held_bytes(budget));
        assert!(sending.len() >= 5 && sending.len() < 64, "{} loaded", sending.len());
        assert!(load(&hot, "more", 100 * 1024).is_none(), "no room while everything is being sent");
        // ...and once sent, evicted objects give their share back.
        sending.clear();
        assert!(hot.held_bytes(budget) <= budget / 2, "only the map's half is left");
        assert!(load(&hot, "more", 100 * 1024).is_some());
    }

    #[test]
    fn forgets_keys_written_or_deleted_here() {
        let hot = HotObjects::new(1024 * 1024).expect("a budget");
        for key in ["videos/a/a1/video.mp4", "videos/a/a1/thumbnail.webp", "videos/ab/a1/video.mp4", "files/f"] {
            load(&hot, key, 10).expect("room");
        }
        hot.forget_prefix("videos/a");
        assert!(hot.get("videos/a/a1/video.mp4").is_none() && hot.get("videos/a/a1/thumbnail.webp").is_none());
        assert!(hot.get("videos/ab/a1/video.mp4").is_some(), "a prefix is whole path segments");
        hot.forget("files/f");
        assert!(hot.get("files/f").is_none());
        assert!(!hot.fits(1024 * 1024) && hot.fits(10));
        assert!(HotObjects::new(0).is_none(), "a zero budget is off");
    }
}
