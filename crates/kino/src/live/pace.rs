//! Pacing per object: a status change goes at once; progress goes at most once per
//! interval, the newest waiting in place of older ones. Pure (time is passed in), so the
//! rule is tested without a clock.
use std::collections::HashMap;
use std::time::Duration;

use tokio::time::Instant;

pub struct Pace<T> {
    interval: Duration,
    last_sent: HashMap<String, Instant>,
    waiting: HashMap<String, T>,
}

impl<T> Pace<T> {
    pub fn new(interval: Duration) -> Self {
        Self { interval, last_sent: HashMap::new(), waiting: HashMap::new() }
    }

    /// An update of `key`: Some when it should go now (`urgent` ones always do, and replace
    /// a waiting one); None when it waits for its turn, replacing an older waiting one.
    pub fn offer(&mut self, key: &str, item: T, urgent: bool, now: Instant) -> Option<T> {
        let soon = self.last_sent.get(key).is_some_and(|at| now < *at + self.interval);
        if urgent || !soon {
            self.waiting.remove(key);
            return Some(item);
        }
        self.waiting.insert(key.to_string(), item);
        None
    }

    /// Something of `key` was sent at `now`.
    pub fn sent(&mut self, key: &str, now: Instant) {
        self.last_sent.insert(key.to_string(), now);
    }

    /// When the earliest waiting update may go.
    pub fn next_due(&self) -> Option<Instant> {
        self.waiting.keys().map(|k| self.last_sent.get(k).map_or_else(Instant::now, |at| *at + self.interval)).min()
    }

    /// The waiting updates whose turn has come.
    pub fn take_due(&mut self, now: Instant) -> Vec<T> {
        let due: Vec<String> = self
            .waiting
            .keys()
            .filter(|k| self.last_sent.get(*k).is_none_or(|at| *at + self.interval <= now))
            .cloned()
            .collect();
        due.into_iter().filter_map(|k| self.waiting.remove(&k)).collect()
    }

    /// `key` is finished: nothing of it is kept.
    pub fn forget(&mut self, key: &str) {
        self.last_sent.remove(key);
        self.waiting.remove(key);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Progress every 10 ms for a second: the first goes, then one per 250 ms, always the
    /// newest; a status change in between goes at once.
    #[test]
    fn progress_goes_at_most_four_times_a_second_and_status_at_once() {
        let interval = Duration::from_millis(250);
        let mut pace = Pace::new(interval);
        let start = Instant::now();
        let mut sent: Vec<(u64, u32)> = Vec::new();
        let mut send = |pace: &mut Pace<u32>, ms: u64, item: u32| {
            pace.sent("v", start + Duration::from_millis(ms));
            sent.push((ms, item));
        };
        for step in 0..=100u32 {
            let ms = u64::from(step) * 10;
            let now = start + Duration::from_millis(ms);
            for item in pace.take_due(now) {
                send(&mut pace, ms, item);
            }
            let urgent = step == 55; // the status changes here
            if let Some(item) = pace.offer("v", step, urgent, now) {
                send(&mut pace, ms, item);
            }
        }
        let times: Vec<u64> = sent.iter().map(|(ms, _)| *ms).collect();
        assert_eq!(times, [0, 250, 500, 550, 800]);
        // Each paced send is the newest update at its time.
        assert_eq!(sent.iter().map(|(_, i)| *i).collect::<Vec<_>>(), [0, 24, 49, 55, 79]);
        // The last update is still waiting, due a full interval after the last send.
        assert_eq!(pace.next_due(), Some(start + Duration::from_millis(1050)));
        assert_eq!(pace.take_due(start + Duration::from_millis(1050)), [100]);
    }

    #[test]
    fn objects_are_paced_apart_and_forgotten_when_done() {
        let mut pace = Pace::new(Duration::from_millis(250));
        let t = Instant::now();
        pace.sent("a", t);
        assert_eq!(pace.offer("a", 1, false, t), None);
        assert_eq!(pace.offer("b", 2, false, t), Some(2), "another object is not held back");
        pace.forget("a");
        assert_eq!(pace.next_due(), None, "nothing of a forgotten object waits");
        assert_eq!(pace.offer("a", 3, false, t), Some(3), "nor is it held back");
    }
}
