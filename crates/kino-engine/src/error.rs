/// Why a render stopped. The job layer decides what each means for the video:
/// `Retryable` is tried again (with backoff) up to the attempt limit, `Fatal` fails the
/// video at once with its code, `Cancelled` means the job was withdrawn (deleted, shutdown).
#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    #[error("retryable engine failure: {0}")]
    Retryable(String),
    #[error("{message}")]
    Fatal { code: String, message: String },
    #[error("render cancelled")]
    Cancelled,
    #[error(transparent)]
    Sink(#[from] SinkError),
}

impl EngineError {
    pub fn fatal(code: impl Into<String>, message: impl Into<String>) -> Self {
        Self::Fatal { code: code.into(), message: message.into() }
    }
}

/// The sink could not take more: the encoder failed or was shut down.
#[derive(Debug, thiserror::Error)]
#[error("frame sink: {0}")]
pub struct SinkError(pub String);
