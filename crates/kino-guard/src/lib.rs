//! Kino's content policy: the rules of the Videos API contract (no content unsuitable for
//! under-18 audiences, copyrighted characters or music, real people, human faces in inputs),
//! as curated data lists and a face detector that a deployment can switch off or extend
//! per rule through a policy file.
mod error;
pub mod faces;
mod fold;
pub mod lists;
mod policy;
mod rule;
mod screen;

pub use error::GuardError;
pub use faces::{Face, FaceRule, FaceSettings, Gray};
pub use policy::Policy;
pub use rule::{Blocked, CHARACTER_LIKENESS, INPUT_FACES, PromptRule};
