//! What can go wrong loading or running a Wan checkpoint.
#[derive(Debug, thiserror::Error)]
pub enum WanError {
    #[error("{path}: {reason}")]
    Load { path: String, reason: String },
    #[error("config {path}: {reason}")]
    Config { path: String, reason: String },
    #[error("LoRA {path}: {reason}")]
    Lora { path: String, reason: String },
    #[error("tokenizer: {0}")]
    Tokenizer(String),
    #[error("tensor: {0}")]
    Tensor(#[from] candle_core::Error),
    #[error("cancelled")]
    Cancelled,
}

pub type Result<T> = std::result::Result<T, WanError>;
