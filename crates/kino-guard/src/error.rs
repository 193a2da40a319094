//! Errors loading a policy: its file, the lists it names. (A blocked request is not an
//! error of this crate: it is a [`crate::Blocked`] verdict.)
#[derive(Debug, thiserror::Error)]
pub enum GuardError {
    #[error("cannot read {path}: {reason}")]
    Read { path: String, reason: String },
    #[error("policy file {path}: {reason}")]
    Policy { path: String, reason: String },
    #[error("list {list}: {reason}")]
    List { list: String, reason: String },
}
