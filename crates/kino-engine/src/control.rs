use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};

/// A shared cancel switch: the job layer flips it (delete, shutdown, lost lease),
/// the engine polls it between frames or steps.
#[derive(Debug, Clone, Default)]
pub struct CancelFlag(Arc<AtomicBool>);

impl CancelFlag {
    pub fn new() -> Self {
        Self::default()
    }
    pub fn cancel(&self) {
        self.0.store(true, Ordering::SeqCst);
    }
    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::SeqCst)
    }
}

/// Handed to an engine for one render: cancellation in, progress out.
/// Progress is counted in work units the engine declares (frames, or denoising steps).
#[derive(Debug, Clone)]
pub struct RenderControl {
    cancel: CancelFlag,
    done: Arc<AtomicU32>,
    total: Arc<AtomicU32>,
}

impl RenderControl {
    pub fn new(cancel: CancelFlag) -> Self {
        Self { cancel, done: Arc::default(), total: Arc::new(AtomicU32::new(1)) }
    }

    pub fn is_cancelled(&self) -> bool {
        self.cancel.is_cancelled()
    }

    /// Declare how many units of work the render takes (default: 1).
    pub fn set_total(&self, total: u32) {
        self.total.store(total.max(1), Ordering::Relaxed);
    }

    /// Record that `units` more work is done.
    pub fn advance(&self, units: u32) {
        self.done.fetch_add(units, Ordering::Relaxed);
    }

    /// Shorthand for engines that count frames.
    pub fn frame_done(&self) {
        self.advance(1);
    }

    /// Fraction of the work done, in [0, 1].
    pub fn fraction(&self) -> f32 {
        let total = self.total.load(Ordering::Relaxed).max(1);
        (self.done.load(Ordering::Relaxed) as f32 / total as f32).min(1.0)
    }

    pub fn units_done(&self) -> u32 {
        self.done.load(Ordering::Relaxed)
    }
}
