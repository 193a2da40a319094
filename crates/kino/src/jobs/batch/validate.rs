//! Validating a batch's input file: streamed from the store line by line (one line of at most
//! 1 MiB in memory), each line checked by `lines`, and stored in chunks. Rerun from
//! the start after a crash: it clears what an interrupted run stored.
use bytes::Bytes;
use futures::StreamExt;
use futures::stream::BoxStream;

use super::error::DriverError;
use super::lines::{CheckedLine, MAX_INPUT_BYTES, MAX_LINE_BYTES, MAX_LINES, check_line, rejection};
use crate::app::AppState;
use crate::ids;
use crate::repo::{BatchFileError, BatchRow, NewBatchLine};
use crate::storage::{StoreError, StoreResult, file_key};
use crate::wire::LineOutcome;

/// Lines stored per transaction, and the body bytes a chunk may hold before it is stored.
const CHUNK_LINES: usize = 500;
const CHUNK_BYTES: usize = 8 * 1024 * 1024;
/// Reporting stops after this many file-level problems: enough to fix a file in one go.
const MAX_ERRORS: usize = 100;

pub enum Validation {
    /// Every line is stored; `model` is the one the valid lines ask for (None: no valid line).
    Valid { model: Option<String> },
    /// File-level problems: the batch fails with these.
    Invalid(Vec<BatchFileError>),
}

fn file_error(code: &str, message: impl Into<String>, param: Option<&str>, line: Option<i64>) -> BatchFileError {
    BatchFileError { code: code.into(), message: message.into(), param: param.map(str::to_string), line }
}

pub async fn run(state: &AppState, batch: &BatchRow) -> Result<Validation, DriverError> {
    state.repo.clear_batch_lines(&batch.id).await?;
    let missing = || {
        Validation::Invalid(vec![file_error(
            "invalid_file",
            format!("The input file '{}' no longer exists.", batch.input_file_id),
            Some("input_file_id"),
            None,
        )])
    };
    let Some(file) = state.repo.get_file(&batch.project_id, &batch.input_file_id, ids::now_secs()).await? else {
        return Ok(missing());
    };
    let download = match state.storage.get(&file_key(&file.id), None).await {
        Ok(d) => d,
        Err(StoreError::NotFound(_)) => return Ok(missing()),
        Err(e) => return Err(e.into()),
    };
    let mut lines = LineReader::new(download.stream);
    let mut errors: Vec<BatchFileError> = Vec::new();
    let mut chunk = Chunk::default();
    let mut model: Option<String> = None;
    let (mut number, mut requests) = (0i64, 0usize);
    while errors.len() < MAX_ERRORS {
        let raw = match lines.next().await? {
            Next::End => break,
            Next::TooLong => {
                errors.push(file_error(
                    "line_too_long",
                    format!("Line {} is longer than {} bytes.", number + 1, MAX_LINE_BYTES),
                    None,
                    Some(number + 1),
                ));
                break;
            }
            Next::FileTooLarge => {
                errors.push(file_error(
                    "file_too_large",
                    format!("The input file is larger than {} MB.", MAX_INPUT_BYTES / (1024 * 1024)),
                    Some("input_file_id"),
                    None,
                ));
                break;
            }
            Next::Line(raw) => raw,
        };
        number += 1;
        if raw.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        requests += 1;
        if requests > MAX_LINES {
            errors.push(file_error(
                "too_many_requests",
                format!("The input file has more than {MAX_LINES} requests."),
                None,
                Some(number),
            ));
            break;
        }
        match check_line(&raw, number, &batch.endpoint, &state.models, &state.policy) {
            Err(e) => errors.push(e),
            Ok(CheckedLine::Valid { custom_id, body, model: line_model }) => {
                match &model {
                    Some(m) if *m != line_model => errors.push(file_error(
                        "mismatched_model",
                        format!("Every request in a batch must use the same model: this one asks for '{line_model}', earlier ones for '{m}'."),
                        Some("body.model"),
                        Some(number),
                    )),
                    Some(_) => {}
                    None => model = Some(line_model),
                }
                chunk.push(NewBatchLine { line: number, custom_id, body: Some(body), outcome: None });
            }
            Ok(CheckedLine::Rejected { custom_id, error }) => {
                // Checking a line reads nothing, so every refusal is the caller's.
                let outcome = rejection(&error)
                    .unwrap_or_else(|| LineOutcome::error("internal_error", &error.to_string()))
                    .to_json();
                chunk.push(NewBatchLine { line: number, custom_id, body: None, outcome: Some(outcome) });
            }
        }
        if chunk.is_full() {
            chunk.store(state, &batch.id, &mut errors).await?;
        }
    }
    chunk.store(state, &batch.id, &mut errors).await?;
    if requests == 0 && errors.is_empty() {
        errors.push(file_error("empty_file", "The input file has no requests.", Some("input_file_id"), None));
    }
    if errors.is_empty() {
        return Ok(Validation::Valid { model });
    }
    errors.sort_by_key(|e| e.line.unwrap_or(i64::MAX));
    errors.truncate(MAX_ERRORS);
    Ok(Validation::Invalid(errors))
}

#[derive(Default)]
struct Chunk {
    lines: Vec<NewBatchLine>,
    bytes: usize,
}

impl Chunk {
    fn push(&mut self, line: NewBatchLine) {
        self.bytes += line.body.as_ref().map_or(0, String::len) + line.outcome.as_ref().map_or(0, String::len);
        self.lines.push(line);
    }

    fn is_full(&self) -> bool {
        self.lines.len() >= CHUNK_LINES || self.bytes >= CHUNK_BYTES
    }

    /// Store the lines; the database reports custom ids already taken in this batch.
    async fn store(
        &mut self,
        state: &AppState,
        batch_id: &str,
        errors: &mut Vec<BatchFileError>,
    ) -> Result<(), DriverError> {
        if self.lines.is_empty() {
            return Ok(());
        }
        let duplicates = state.repo.insert_batch_lines(batch_id, &self.lines).await?;
        for line in duplicates {
            let custom_id = self.lines.iter().find(|l| l.line == line).map_or("", |l| l.custom_id.as_str());
            errors.push(file_error(
                "duplicate_custom_id",
                format!("The custom_id '{custom_id}' is used by an earlier request; each must be unique in the batch."),
                Some("custom_id"),
                Some(line),
            ));
        }
        self.lines.clear();
        self.bytes = 0;
        Ok(())
    }
}

enum Next {
    Line(Vec<u8>),
    TooLong,
    FileTooLarge,
    End,
}

/// Splits a byte stream into lines, holding at most one line (plus one chunk) at a time.
struct LineReader {
    stream: BoxStream<'static, StoreResult<Bytes>>,
    buf: Vec<u8>,
    /// Where the next line starts in `buf`, and how far `buf` was searched for a newline.
    start: usize,
    scanned: usize,
    read: u64,
    done: bool,
}

impl LineReader {
    fn new(stream: BoxStream<'static, StoreResult<Bytes>>) -> Self {
        Self { stream, buf: Vec::new(), start: 0, scanned: 0, read: 0, done: false }
    }

    async fn next(&mut self) -> StoreResult<Next> {
        loop {
            if let Some(pos) = self.buf[self.scanned..].iter().position(|&b| b == b'\n') {
                let end = self.scanned + pos;
                if end - self.start > MAX_LINE_BYTES {
                    return Ok(Next::TooLong);
                }
                let mut line = self.buf[self.start..end].to_vec();
                if line.last() == Some(&b'\r') {
                    line.pop();
                }
                self.start = end + 1;
                self.scanned = self.start;
                return Ok(Next::Line(line));
            }
            self.scanned = self.buf.len();
            if self.buf.len() - self.start > MAX_LINE_BYTES {
                return Ok(Next::TooLong);
            }
            if self.done {
                if self.start == self.buf.len() {
                    return Ok(Next::End);
                }
                let line = self.buf[self.start..].to_vec();
                self.start = self.buf.len();
                return Ok(Next::Line(line));
            }
            // Drop consumed bytes before reading more, so the buffer stays one line long.
            self.buf.drain(..self.start);
            self.scanned -= self.start;
            self.start = 0;
            match self.stream.next().await {
                Some(chunk) => {
                    let chunk = chunk?;
                    self.read += chunk.len() as u64;
                    if self.read > MAX_INPUT_BYTES {
                        return Ok(Next::FileTooLarge);
                    }
                    self.buf.extend_from_slice(&chunk);
                }
                None => self.done = true,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn split(chunks: Vec<&'static [u8]>) -> Vec<String> {
        let stream = futures::stream::iter(chunks.into_iter().map(|c| Ok(Bytes::from_static(c)))).boxed();
        let mut reader = LineReader::new(stream);
        let mut out = Vec::new();
        loop {
            match reader.next().await.unwrap() {
                Next::Line(l) => out.push(String::from_utf8(l).unwrap()),
                Next::End => return out,
                Next::TooLong => out.push("<too long>".into()),
                Next::FileTooLarge => out.push("<too large>".into()),
            }
        }
    }

    #[tokio::test]
    async fn lines_split_across_chunks_and_crlf() {
        assert_eq!(split(vec![b"ab", b"c\r\nd", b"\n\ne"]).await, ["abc", "d", "", "e"]);
        assert_eq!(split(vec![b"x\n"]).await, ["x"]);
        assert!(split(vec![]).await.is_empty());
    }

    #[tokio::test]
    async fn an_overlong_line_is_refused_without_buffering_the_rest() {
        let long: &'static [u8] = Box::leak(vec![b'a'; MAX_LINE_BYTES + 1].into_boxed_slice());
        let mut reader = LineReader::new(futures::stream::iter([Ok(Bytes::from_static(long))]).boxed());
        assert!(matches!(reader.next().await.unwrap(), Next::TooLong));
    }
}
