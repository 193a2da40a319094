//! In-process coordination of this process's jobs; other processes are told through the
//! database (`repo::Notice`).
use std::collections::HashMap;
use std::sync::Mutex;

use kino_engine::CancelFlag;
use tokio::sync::Notify;

/// In-process job coordination: wake idle workers on enqueue, and cancel a running render
/// at once when its video is deleted (other processes notice at their next heartbeat).
#[derive(Default)]
pub struct JobControl {
    pub(super) wake: Notify,
    /// Wakes the batch driver: a batch was created or cancelled, or a render ended.
    pub(super) batches: Notify,
    running: Mutex<HashMap<String, CancelFlag>>,
}

impl JobControl {
    pub fn wake_workers(&self) {
        self.wake.notify_waiters();
        self.wake.notify_one();
        // A render ending frees a batch slot; an enqueue is harmless to the driver.
        self.batches.notify_one();
    }

    pub fn wake_batches(&self) {
        self.batches.notify_one();
    }

    /// Stop the render of `video_id`, which was deleted, if this process runs it. Returns
    /// whether it did.
    pub fn cancel_video(&self, video_id: &str) -> bool {
        let running = self.running.lock().unwrap_or_else(|e| e.into_inner());
        match running.get(video_id) {
            Some(flag) => {
                flag.cancel_deleted();
                true
            }
            None => false,
        }
    }

    pub(super) fn register(&self, video_id: &str, flag: CancelFlag) {
        self.running.lock().unwrap_or_else(|e| e.into_inner()).insert(video_id.to_string(), flag);
    }

    pub(super) fn unregister(&self, video_id: &str) {
        self.running.lock().unwrap_or_else(|e| e.into_inner()).remove(video_id);
    }

    pub fn running_count(&self) -> usize {
        self.running.lock().unwrap_or_else(|e| e.into_inner()).len()
    }
}
