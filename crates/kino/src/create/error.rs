//! Why a video could not be created. The HTTP edge maps it to OpenAI's error envelope and
//! status (`api::error`), the batch driver to a line of the batch's error file
//! (`jobs::batch::lines`); nothing here knows either.
use crate::repo::RepoError;
use crate::storage::StoreError;

/// A request that breaks a rule of the contract. Messages follow OpenAI's wording and name
/// the field, so `param` and `code` are filled wherever OpenAI fills them.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{message}")]
pub struct Invalid {
    pub message: String,
    pub param: Option<String>,
    pub code: Option<String>,
}

impl Invalid {
    pub fn new(message: impl Into<String>) -> Self {
        Self { message: message.into(), param: None, code: None }
    }

    pub fn param(mut self, param: impl Into<String>) -> Self {
        self.param = Some(param.into());
        self
    }

    pub fn code(mut self, code: impl Into<String>) -> Self {
        self.code = Some(code.into());
        self
    }

    pub fn missing(param: &str) -> Self {
        Self::new(format!("Missing required parameter: '{param}'.")).param(param).code("missing_required_parameter")
    }

    pub fn invalid_value(param: &str, message: impl Into<String>) -> Self {
        Self::new(message).param(param).code("invalid_value")
    }

    pub fn invalid_type(param: &str, message: impl Into<String>) -> Self {
        Self::new(message).param(param).code("invalid_type")
    }

    pub fn unknown_parameter(param: &str) -> Self {
        Self::new(format!("Unknown parameter: '{param}'.")).param(param).code("unknown_parameter")
    }
}

#[derive(Debug, thiserror::Error)]
pub enum CreateError {
    #[error(transparent)]
    Invalid(#[from] Invalid),
    /// Something the request names (a video, file or character) is not the project's.
    #[error("{message}")]
    NotFound { message: String, param: Option<String> },
    /// The content policy refused the prompt or an input; the message names the rule, never
    /// the text that matched.
    #[error("{} (content policy rule '{}': {}.)", .blocked.message, .blocked.rule, .blocked.title)]
    Blocked { blocked: kino_guard::Blocked, param: &'static str },
    /// The project's monthly budget is spent: final, not worth retrying.
    #[error("{0}")]
    QuotaExceeded(String),
    #[error(transparent)]
    Repo(#[from] RepoError),
    #[error(transparent)]
    Store(StoreError),
    /// A failure of ours (a task that panicked, a codec error): the detail is for the log.
    #[error("{0}")]
    Internal(String),
}

impl CreateError {
    pub fn not_found(message: impl Into<String>) -> Self {
        Self::NotFound { message: message.into(), param: None }
    }

    pub fn blocked(blocked: kino_guard::Blocked, param: &'static str) -> Self {
        Self::Blocked { blocked, param }
    }

    pub fn internal(detail: impl std::fmt::Display) -> Self {
        Self::Internal(detail.to_string())
    }

    /// The field at fault, where there is one.
    pub fn param(&self) -> Option<&str> {
        match self {
            Self::Invalid(i) => i.param.as_deref(),
            Self::NotFound { param, .. } => param.as_deref(),
            Self::Blocked { param, .. } => Some(param),
            _ => None,
        }
    }

    /// The machine-readable reason, where OpenAI gives one.
    pub fn code(&self) -> Option<&str> {
        match self {
            Self::Invalid(i) => i.code.as_deref(),
            Self::Blocked { .. } => Some("moderation_blocked"),
            Self::QuotaExceeded(_) => Some("insufficient_quota"),
            _ => None,
        }
    }

    /// `self`, naming `param` as the field at fault (a character id that is not found).
    pub fn at(mut self, at: &str) -> Self {
        match &mut self {
            Self::Invalid(i) => i.param = Some(at.to_string()),
            Self::NotFound { param, .. } => *param = Some(at.to_string()),
            _ => {}
        }
        self
    }
}

/// Content that vanished between being named and being read is a 404, like any other.
impl From<StoreError> for CreateError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound(_) => Self::not_found("The requested content no longer exists."),
            other => Self::Store(other),
        }
    }
}

pub type CreateResult<T> = Result<T, CreateError>;
