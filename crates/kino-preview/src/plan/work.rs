//! The planner's work, counted: prompt characters, tokens, items and lookup-key bytes
//! visited. Planning is meant to be linear in the prompt; tests check that with this count
//! (4x the prompt takes about 4x the steps, quadratic work would take 16x) instead of a
//! clock. The counter is thread-local, so plans on other threads do not disturb it.

use std::cell::Cell;

thread_local! {
    static STEPS: Cell<u64> = const { Cell::new(0) };
}

/// Count `n` steps of planning work.
pub(crate) fn step(n: usize) {
    STEPS.with(|s| s.set(s.get().wrapping_add(n as u64)));
}

/// Steps counted on this thread so far.
pub(crate) fn steps() -> u64 {
    STEPS.with(Cell::get)
}
