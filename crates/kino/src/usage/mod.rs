//! Usage and cost: the price table, query date bounds and the report (`kino usage` is in
//! `cli/usage.rs`). The usage rows themselves are written by the repository when a video
//! completes.
pub mod dates;
pub mod prices;
pub mod report;

pub use prices::{MICROS_PER_USD, PriceTable};

/// Micro-dollars as US dollars (for display; sums are made in micro-dollars).
pub fn usd(micros: i64) -> f64 {
    micros as f64 / MICROS_PER_USD as f64
}
