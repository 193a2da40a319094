use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::{Arc, Mutex};

use crate::error::EngineError;

/// Writes an engine's resume state durably (with the job), or clears it with `None`.
pub type StateStore = Arc<dyn Fn(Option<&str>) -> Result<(), String> + Send + Sync>;

/// A shared cancel switch: the job layer flips it (delete, shutdown, lost lease),
/// the engine polls it between frames or steps.
#[derive(Debug, Clone, Default)]
pub struct CancelFlag(Arc<AtomicBool>, Arc<AtomicBool>);

impl CancelFlag {
    pub fn new() -> Self {
        Self::default()
    }
    pub fn cancel(&self) {
        self.0.store(true, Ordering::SeqCst);
    }
    /// Cancel because the video was deleted: work held elsewhere (an upstream job) can go too.
    /// Other cancels (shutdown, a lost lease) leave it for the next attempt to resume.
    pub fn cancel_deleted(&self) {
        self.1.store(true, Ordering::SeqCst);
        self.cancel();
    }
    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::SeqCst)
    }
    pub fn is_deleted(&self) -> bool {
        self.1.load(Ordering::SeqCst)
    }
}

/// Handed to an engine for one render: cancellation in, progress out.
/// Progress is counted in work units the engine declares (frames, or denoising steps).
#[derive(Clone)]
pub struct RenderControl {
    cancel: CancelFlag,
    done: Arc<AtomicU32>,
    total: Arc<AtomicU32>,
    /// What the engine saved to resume this render elsewhere (an upstream job id).
    state: Arc<Mutex<Option<String>>>,
    store: Option<StateStore>,
}

impl std::fmt::Debug for RenderControl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RenderControl")
            .field("cancelled", &self.is_cancelled())
            .field("fraction", &self.fraction())
            .finish()
    }
}

impl RenderControl {
    pub fn new(cancel: CancelFlag) -> Self {
        Self { cancel, done: Arc::default(), total: Arc::new(AtomicU32::new(1)), state: Arc::default(), store: None }
    }

    /// Resume state saved by an earlier attempt, and where to save new state durably.
    pub fn with_saved_state(mut self, saved: Option<String>, store: StateStore) -> Self {
        self.state = Arc::new(Mutex::new(saved));
        self.store = Some(store);
        self
    }

    /// What an earlier attempt (or this one) saved, if anything.
    pub fn saved_state(&self) -> Option<String> {
        self.state.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Save resume state (or clear it) before going on: an engine that hands work to another
    /// server saves that server's job id here, so that a restart re-attaches instead of
    /// starting over. A failed write is retryable.
    pub fn save_state(&self, state: Option<&str>) -> Result<(), EngineError> {
        if let Some(store) = &self.store {
            store(state).map_err(|e| EngineError::Retryable(format!("saving the render's state: {e}")))?;
        }
        *self.state.lock().unwrap_or_else(|e| e.into_inner()) = state.map(str::to_string);
        Ok(())
    }

    pub fn is_cancelled(&self) -> bool {
        self.cancel.is_cancelled()
    }

    /// Cancelled because the video was deleted (see [`CancelFlag::cancel_deleted`]).
    pub fn is_deleted(&self) -> bool {
        self.cancel.is_deleted()
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
