//! A batch's result files: the output JSONL (a 200 with the final Video for every line that
//! became a video, completed or failed) and the error JSONL (lines rejected, cancelled or
//! expired). Streamed from the lines a page at a time into the store under ids chosen once,
//! so a rerun after a crash overwrites the same blobs; the rows come later, with the status.
use bytes::Bytes;

use super::error::DriverError;
use crate::app::AppState;
use crate::repo::{BatchRow, FileRow, RequestCounts};
use crate::storage::{BlobWriter, file_key};
use crate::wire::{LineOutcome, OutputLine, OutputResponse, Video};

const PAGE: u32 = 500;

pub struct Written {
    pub output: Option<FileRow>,
    pub error: Option<FileRow>,
    /// Counted from what was written, so the frozen counts match the files exactly.
    pub counts: RequestCounts,
}

/// Where the batch's results go, and when they and its videos stop being downloadable.
pub struct Plan<'a> {
    pub output_id: &'a str,
    pub error_id: &'a str,
    pub now_secs: i64,
    pub videos_expire_at: i64,
    pub files_expire_at: i64,
}

pub async fn write(state: &AppState, batch: &BatchRow, plan: &Plan<'_>) -> Result<Written, DriverError> {
    let mut output = ResultFile::new(plan.output_id, "output");
    let mut errors = ResultFile::new(plan.error_id, "error");
    let mut counts = RequestCounts::default();
    let mut after = 0i64;
    let result = async {
        loop {
            let page = state.repo.batch_lines_page(&batch.id, after, PAGE).await?;
            let Some(last) = page.last().map(|(l, _)| l.line) else {
                break;
            };
            after = last;
            for (line, video) in page {
                counts.total += 1;
                let stored = line.outcome.as_deref().and_then(|o| serde_json::from_str::<LineOutcome>(o).ok());
                let (target, response, error) = match (stored, video) {
                    (Some(outcome), _) => {
                        counts.failed += 1;
                        let response = outcome.response.map(|mut r| {
                            r.request_id = line.request_id.clone();
                            r
                        });
                        (&mut errors, response, outcome.error)
                    }
                    (None, Some(video)) => {
                        if video.status.as_str() == "completed" {
                            counts.completed += 1;
                        } else {
                            counts.failed += 1;
                        }
                        // As GET shows it once the batch is done: with the batch's retention.
                        let mut body = Video::from(video);
                        body.expires_at = Some(plan.videos_expire_at);
                        (&mut output, Some(OutputResponse::video(&line.request_id, body)), None)
                    }
                    (None, None) => {
                        counts.failed += 1;
                        let gone = LineOutcome::error(GONE_CODE, GONE_MESSAGE);
                        (&mut errors, None, gone.error)
                    }
                };
                let entry = OutputLine { id: &line.id, custom_id: &line.custom_id, response, error };
                let mut json = serde_json::to_vec(&entry).expect("output line serializes");
                json.push(b'\n');
                target.write(state, json).await?;
            }
        }
        Ok::<_, DriverError>(())
    };
    if let Err(e) = result.await {
        output.abort().await;
        errors.abort().await;
        return Err(e);
    }
    let file = |id: &str, kind: &str, bytes: u64| FileRow {
        id: id.to_string(),
        project_id: batch.project_id.clone(),
        filename: format!("{}_{kind}.jsonl", batch.id),
        purpose: "batch_output".into(),
        bytes: bytes as i64,
        created_at: plan.now_secs,
        expires_at: Some(plan.files_expire_at),
    };
    let output = output.finish().await?.map(|n| file(plan.output_id, "output", n));
    let error = errors.finish().await?.map(|n| file(plan.error_id, "error", n));
    Ok(Written { output, error, counts })
}

/// A line whose video was deleted before its result was written.
pub const GONE_CODE: &str = "video_deleted";
pub const GONE_MESSAGE: &str = "The video made for this request was deleted before the batch finished.";

/// A result file, created on its first line: a batch without errors has no error file.
struct ResultFile<'a> {
    id: &'a str,
    kind: &'a str,
    writer: Option<BlobWriter>,
    pending: Vec<u8>,
}

/// Lines are gathered into parts of this size before they go to the store.
const FLUSH_BYTES: usize = 1024 * 1024;

impl<'a> ResultFile<'a> {
    fn new(id: &'a str, kind: &'a str) -> Self {
        Self { id, kind, writer: None, pending: Vec::new() }
    }

    async fn write(&mut self, state: &AppState, line: Vec<u8>) -> Result<(), DriverError> {
        if self.writer.is_none() {
            self.writer = Some(state.storage.writer(&file_key(self.id)).await?);
        }
        self.pending.extend_from_slice(&line);
        if self.pending.len() >= FLUSH_BYTES {
            self.flush().await?;
        }
        Ok(())
    }

    async fn flush(&mut self) -> Result<(), DriverError> {
        if let Some(writer) = self.writer.as_mut()
            && !self.pending.is_empty()
        {
            writer.write(Bytes::from(std::mem::take(&mut self.pending))).await?;
        }
        Ok(())
    }

    /// Publish the file; its size, or None when no line went to it.
    async fn finish(mut self) -> Result<Option<u64>, DriverError> {
        self.flush().await?;
        match self.writer.take() {
            Some(writer) => Ok(Some(writer.finish().await?)),
            None => Ok(None),
        }
    }

    async fn abort(&mut self) {
        if let Some(writer) = self.writer.take()
            && let Err(e) = writer.abort().await
        {
            tracing::warn!(file.id = %self.id, kind = self.kind, error = %e, "discarding a partial result file failed");
        }
    }
}
