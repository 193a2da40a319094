//! Resampling a clip in time: which source frames fill a fixed-rate output.
//!
//! Output frame `i` sits at `t = i / out_fps` and shows the source frame on screen at `t`:
//! source frame `k` (display order) is on screen from its presentation time until the next
//! frame's. Times are compared as exact integers, so 24 fps in and out maps 1:1 whatever the
//! track's timescale.

pub(crate) struct Retimer {
    /// Presentation times in display order, in `timescale` ticks.
    times: Vec<i64>,
    timescale: u64,
    out_fps: u32,
    out_frames: u32,
    next_out: u32,
}

impl Retimer {
    /// `times` may come in decode order; they are sorted into display order here.
    pub(crate) fn new(mut times: Vec<i64>, timescale: u64, out_fps: u32, out_frames: u32) -> Self {
        times.sort_unstable();
        Self { times, timescale: timescale.max(1), out_fps: out_fps.max(1), out_frames, next_out: 0 }
    }

    /// How many of the next output frames show source frame `k` (0 when it is skipped).
    /// Call once per source frame, in display order.
    pub(crate) fn take(&mut self, k: usize) -> u32 {
        let start = self.next_out;
        // The last frame (or any past the table) stays on screen until the output ends.
        let end = match self.times.get(k + 1) {
            Some(&next) => {
                // First output index whose time is at or after `next`: ceil(next * fps / ts).
                let num = i128::from(next) * i128::from(self.out_fps);
                let den = i128::from(self.timescale);
                let first_after = if num <= 0 { 0 } else { (num + den - 1) / den };
                u32::try_from(first_after).unwrap_or(u32::MAX)
            }
            None => self.out_frames,
        }
        .min(self.out_frames);
        self.next_out = end.max(start);
        self.next_out - start
    }

    /// Output frames not yet assigned a source frame.
    pub(crate) fn remaining(&self) -> u32 {
        self.out_frames - self.next_out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(times: Vec<i64>, timescale: u64, out_fps: u32, out_frames: u32) -> Vec<u32> {
        let n = times.len();
        let mut r = Retimer::new(times, timescale, out_fps, out_frames);
        (0..n).map(|k| r.take(k)).collect()
    }

    #[test]
    fn same_rate_is_one_to_one_for_any_timescale() {
        for ts in [24u64, 12_288, 24_000, 90_000] {
            let step = ts as i64 / 24;
            let times: Vec<i64> = (0..48).map(|k| k * step).collect();
            assert_eq!(counts(times, ts, 24, 48), vec![1; 48], "timescale {ts}");
        }
    }

    #[test]
    fn halving_and_doubling_the_rate() {
        // 48 fps in, 24 out: every other frame.
        let times: Vec<i64> = (0..8).map(|k| k * 1000).collect();
        assert_eq!(counts(times.clone(), 48_000, 24, 4), vec![1, 0, 1, 0, 1, 0, 1, 0]);
        // 12 fps in, 24 out: each frame twice.
        assert_eq!(counts(times, 12_000, 24, 16), vec![2; 8]);
    }

    #[test]
    fn short_source_leaves_the_rest_and_long_source_is_cut() {
        let times: Vec<i64> = (0..4).map(|k| k * 1000).collect();
        let mut r = Retimer::new(times.clone(), 24_000, 24, 10);
        let taken: u32 = (0..3).map(|k| r.take(k)).sum();
        assert_eq!((taken, r.remaining()), (3, 7));
        assert_eq!(r.take(3), 7, "the last frame fills the rest");
        assert_eq!(counts(times, 24_000, 24, 2), vec![1, 1, 0, 0]);
    }

    #[test]
    fn decode_order_times_are_sorted() {
        // B-frame order: I P B B -> display 0 3 1 2.
        let times = vec![0, 3000, 1000, 2000];
        assert_eq!(counts(times, 24_000, 24, 4), vec![1, 1, 1, 1]);
    }
}
