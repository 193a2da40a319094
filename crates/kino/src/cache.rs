//! A small map whose entries live a fixed time: what a process may remember of a database
//! answer when being at most that stale is fine (an API key's caller: a revoked key stops
//! working within the time to live on every process, with no message between them).
use std::collections::HashMap;
use std::hash::Hash;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

pub struct TtlCache<K, V> {
    ttl: Duration,
    max_entries: usize,
    entries: Mutex<HashMap<K, (Instant, V)>>,
    /// Counts removals: a value read from the source before a removal must not be stored
    /// after it (`put_unless_removed`).
    removals: AtomicU64,
}

impl<K: Eq + Hash, V: Clone> TtlCache<K, V> {
    pub fn new(ttl: Duration, max_entries: usize) -> Self {
        Self { ttl, max_entries, entries: Mutex::new(HashMap::new()), removals: AtomicU64::new(0) }
    }

    pub fn ttl(&self) -> Duration {
        self.ttl
    }

    /// The value stored for `key` less than the time to live before `now`.
    pub fn get(&self, key: &K, now: Instant) -> Option<V> {
        let entries = self.entries.lock().ok()?;
        let (at, value) = entries.get(key)?;
        (now.duration_since(*at) < self.ttl).then(|| value.clone())
    }

    /// Forget `key`, after its source changed (call it once the change is committed).
    pub fn remove(&self, key: &K) {
        self.removals.fetch_add(1, Ordering::SeqCst);
        if let Ok(mut entries) = self.entries.lock() {
            entries.remove(key);
        }
    }

    /// Read before reading the source; hand to `put_unless_removed`.
    pub fn generation(&self) -> u64 {
        self.removals.load(Ordering::SeqCst)
    }

    /// Store a value read from the source after `generation()` gave `seen`, unless anything
    /// was removed since: that removal may be of this very value, committed after the read.
    pub fn put_unless_removed(&self, key: K, value: V, now: Instant, seen: u64) {
        if let Ok(mut entries) = self.entries.lock()
            && self.removals.load(Ordering::SeqCst) == seen
        {
            Self::insert(&mut entries, self.ttl, self.max_entries, key, value, now);
        }
    }

    pub fn put(&self, key: K, value: V, now: Instant) {
        if let Ok(mut entries) = self.entries.lock() {
            Self::insert(&mut entries, self.ttl, self.max_entries, key, value, now);
        }
    }

    fn insert(entries: &mut HashMap<K, (Instant, V)>, ttl: Duration, max: usize, key: K, value: V, now: Instant) {
        {
            if entries.len() >= max {
                // Bounded: drop what has expired; if that is not enough, start over.
                entries.retain(|_, (at, _)| now.duration_since(*at) < ttl);
                if entries.len() >= max {
                    entries.clear();
                }
            }
            entries.insert(key, (now, value));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_live_exactly_the_ttl_and_the_map_stays_bounded() {
        let cache = TtlCache::new(Duration::from_secs(1), 3);
        let t = Instant::now();
        cache.put("a", 1, t);
        assert_eq!(cache.get(&"a", t + Duration::from_millis(999)), Some(1));
        assert_eq!(cache.get(&"a", t + Duration::from_secs(1)), None, "stale at the ttl");
        for (i, k) in ["b", "c", "d", "e"].into_iter().enumerate() {
            cache.put(k, i, t);
        }
        assert!(cache.entries.lock().unwrap().len() <= 3);
        assert_eq!(cache.get(&"e", t), Some(3), "the newest is kept");
    }

    #[test]
    fn a_value_read_before_a_removal_is_not_stored_after_it() {
        let cache = TtlCache::new(Duration::from_secs(60), 10);
        let t = Instant::now();
        let seen = cache.generation();
        cache.remove(&"v"); // committed while the read was in flight
        cache.put_unless_removed("v", 1, t, seen);
        assert_eq!(cache.get(&"v", t), None);
        let seen = cache.generation();
        cache.put_unless_removed("v", 2, t, seen);
        assert_eq!(cache.get(&"v", t), Some(2));
    }
}
