//! The contract's JSON objects, with OpenAI's names. The HTTP API answers with them, batch
//! result files hold them line by line, and webhook payloads name them: so they live apart
//! from any one of those. Nullable fields are emitted as `null`, never omitted.
mod batch;
mod error;
mod file;
mod list;
mod model;
mod video;

pub use batch::{Batch, BatchErrors, BatchRequestCounts, LineError, LineOutcome, OutputLine, OutputResponse};
pub use error::{ErrorBody, ErrorEnvelope};
pub use file::{FileDeleted, OpenAIFile};
pub use list::{List, Listed};
pub use model::{LoraObject, ModelList, ModelObject};
pub use video::{Video, VideoCharacter, VideoDeleted, VideoError};
