//! Making a video, whoever asks: the HTTP handlers (create, remix, edits, extensions) and the
//! batch driver (each line of a batch) all come through here, in one order:
//!
//! budget → fields → prompt → the kind's own fields → content policy → admission → inputs
//! (reference fetched, characters looked up, source clip probed) → inputs stored → the video
//! row and its job, in one transaction.
//!
//! What differs between callers is an [`Edge`]: how the fields arrive (the HTTP edge reads the
//! body only once the budget allows it) and how a render is admitted (the HTTP edge counts it
//! against the caller's rate limits; a batch line has none). Failures are a [`CreateError`],
//! which each caller maps once to what it answers.
mod budget;
mod cast;
mod error;
mod form;
pub mod guard;
pub mod inputs;
mod reference;
mod source;
pub mod validate;

use bytes::Bytes;
use rand::Rng;

pub use budget::check as check_budget;
pub use cast::find as find_character;
pub use error::{CreateError, CreateResult, Invalid};
pub use form::{Form, Upload};
pub use source::{MAX_EDIT_UPLOAD_SECONDS, MAX_EXTENSIONS, MAX_TOTAL_SECONDS};

use crate::app::AppState;
use crate::ids;
use crate::models::parse_size;
use crate::repo::{NewJob, VideoKind, VideoRow, VideoStatus};
use crate::storage::{input_key, video_prefix};
use inputs::{Inputs, Lineage};

/// What kind of video is asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ask {
    /// `POST /v1/videos`: from a prompt (with an optional reference image and characters).
    Create,
    /// `POST /v1/videos/{id}/remix` (legacy): the video `id`, changed as the prompt asks.
    Remix(String),
    /// `POST /v1/videos/edits`: a completed video or an uploaded clip, changed.
    Edit,
    /// `POST /v1/videos/extensions`: a completed video or an uploaded clip, continued.
    Extend,
}

impl Ask {
    /// The fields this kind of request takes.
    pub fn fields(&self) -> &'static [&'static str] {
        match self {
            Ask::Create => &validate::CREATE_FIELDS,
            Ask::Remix(_) => &["prompt"],
            Ask::Edit => &["video", "prompt", "model"],
            Ask::Extend => &["video", "prompt", "seconds", "model"],
        }
    }

    /// Fields of a create that this kind refuses by name rather than as unknown.
    fn unsupported(&self) -> &'static [&'static str] {
        match self {
            Ask::Extend => &["characters", "input_reference"],
            _ => &[],
        }
    }
}

/// The caller's side of the pipeline.
pub trait Edge {
    /// What the caller answers with; every `CreateError` converts into it.
    type Error: From<CreateError>;
    /// Proof of admission, handed back with the video (the HTTP edge's rate-limit headers).
    type Ticket;
    /// Whether the project's monthly budget is checked here (a batch's is checked when the
    /// batch is created).
    const CHECKS_BUDGET: bool;
    /// The request's fields, read once the budget allows it.
    fn form(&mut self) -> impl Future<Output = Result<Form, Self::Error>> + Send;
    /// Count a render of `model` against the caller's limits, before anything is fetched or decoded.
    fn admit(&mut self, model: &str) -> impl Future<Output = Result<Self::Ticket, Self::Error>> + Send;
}

/// A video ready to be stored: its row, and the inputs to write before the row that names them.
pub struct NewVideo {
    pub row: VideoRow,
    blobs: Vec<(String, Bytes)>,
    /// Server-side copies (from, to): a source video's MP4 into the new video's prefix.
    copies: Vec<(String, String)>,
}

/// Make the video `ask` describes for `project`: checked, admitted, its inputs stored, and
/// the row and its job committed, so it survives a crash once this returns.
pub async fn submit<E: Edge>(
    state: &AppState,
    project: &str,
    ask: Ask,
    edge: &mut E,
    request_id: String,
) -> Result<(VideoRow, E::Ticket), E::Error> {
    let (video, ticket) = prepare(state, project, ask, edge).await?;
    let job = new_job(state, request_id);
    let row = video.row.clone();
    video.store(state, async |row| state.repo.create_video(row, &job).await).await?;
    state.jobs.wake_workers();
    tracing::info!(
        video.id = %row.id, kind = row.kind.as_str(), model = %row.model, size = %row.size, seconds = %row.seconds,
        source = row.remixed_from_video_id.as_deref().unwrap_or(""), "video queued"
    );
    Ok((row, ticket))
}

/// Every step up to storing: the video checked, admitted and its inputs gathered.
pub async fn prepare<E: Edge>(
    state: &AppState,
    project: &str,
    ask: Ask,
    edge: &mut E,
) -> Result<(NewVideo, E::Ticket), E::Error> {
    if E::CHECKS_BUDGET {
        budget::check(state, project).await?;
    }
    let form = edge.form().await?;
    refuse_unsupported(&form, ask.unsupported())?;
    validate::known_fields(&form, ask.fields()).map_err(CreateError::from)?;
    let prompt = validate::prompt(&form).map_err(CreateError::from)?;
    match ask {
        Ask::Create => {
            let valid = validate::create_fields(&form, prompt, &state.models).map_err(CreateError::from)?;
            guard::prompt(&state.policy, &valid.prompt)?;
            let ticket = edge.admit(&valid.model).await?;
            Ok((from_prompt(state, project, valid).await?, ticket))
        }
        Ask::Remix(video_id) => {
            guard::prompt(&state.policy, &prompt)?;
            source::remix(state, project, &video_id, prompt, edge).await
        }
        Ask::Edit => {
            guard::prompt(&state.policy, &prompt)?;
            source::edit(state, project, &form, prompt, edge).await
        }
        Ask::Extend => {
            let seconds = source::extension_seconds(&form)?;
            guard::prompt(&state.policy, &prompt)?;
            source::extend(state, project, &form, prompt, seconds, edge).await
        }
    }
}

fn refuse_unsupported(form: &Form, unsupported: &[&str]) -> CreateResult<()> {
    for &field in unsupported {
        if form.fields.contains_key(field) || form.file(field).is_some() {
            let message = format!("Extensions do not support '{field}'.");
            return Err(Invalid::new(message).param(field).code("unsupported_parameter").into());
        }
    }
    Ok(())
}

/// A created video's inputs: the reference fetched, sized and looked at for faces, the
/// characters looked up.
async fn from_prompt(state: &AppState, project: &str, valid: validate::ValidCreate) -> CreateResult<NewVideo> {
    let seed = valid.seed.unwrap_or_else(random_seed);
    let row = new_row(project, valid.model, valid.prompt, valid.size, valid.seconds, seed);
    let mut video = NewVideo { row, blobs: Vec::new(), copies: Vec::new() };
    let mut inputs = Inputs::default();
    if let Some(reference) = valid.reference {
        let (w, h) = parse_size(&video.row.size).unwrap_or((0, 0));
        let bytes = reference::load(state, project, reference, w, h).await?;
        let key = input_key(&video.row.id, "reference");
        video.blobs.push((key.clone(), bytes));
        inputs.reference = Some(key);
    }
    inputs.characters = cast::cast(state, project, &valid.characters).await?;
    inputs.loras = valid.loras;
    // A scene from the prompt alone can be re-rendered by its engine when edited later.
    if inputs.is_empty() {
        let row = &mut video.row;
        let engine = state.models.get(&row.model).map(|m| m.engine.name().to_string()).unwrap_or_default();
        row.lineage = Some(Lineage { engine, prompts: vec![row.prompt.clone().unwrap_or_default()] }.to_json());
    }
    video.row.inputs = inputs.to_json();
    Ok(video)
}

impl NewVideo {
    /// Write the inputs under the video's prefix, then `insert` the row (with its job, in one
    /// transaction). On any failure nothing is left behind.
    pub async fn store<T>(
        self,
        state: &AppState,
        insert: impl AsyncFnOnce(&VideoRow) -> Result<T, crate::repo::RepoError>,
    ) -> CreateResult<T> {
        let id = self.row.id.clone();
        let stored = async {
            for (key, bytes) in self.blobs {
                state.storage.put_bytes(&key, bytes.to_vec()).await?;
            }
            for (from, to) in &self.copies {
                state.storage.copy(from, to).await?;
            }
            Ok::<_, CreateError>(insert(&self.row).await?)
        };
        let result = stored.await;
        if result.is_err() {
            let _ = state.storage.delete_prefix(&video_prefix(&id)).await;
        }
        result
    }
}

/// The generate job of a new video, tagged with the request that asked for it.
pub fn new_job(state: &AppState, request_id: String) -> NewJob {
    NewJob {
        id: ids::job_id(),
        kind: "generate",
        max_attempts: state.config.jobs.max_attempts,
        request_id: Some(request_id),
        created_at_ms: ids::now_millis(),
    }
}

/// A fresh queued row; derived videos fill in kind, inputs, lineage and source afterwards.
fn new_row(project: &str, model: String, prompt: String, size: String, seconds: u32, seed: u64) -> VideoRow {
    VideoRow {
        id: ids::video_id(),
        project_id: project.to_string(),
        model,
        status: VideoStatus::Queued,
        progress: 0,
        created_at: ids::now_secs(),
        completed_at: None,
        expires_at: None,
        prompt: Some(prompt),
        size,
        seconds: seconds.to_string(),
        remixed_from_video_id: None,
        error_code: None,
        error_message: None,
        // Stored as the same 64 bits: seeds above i64::MAX round-trip through the cast.
        seed: seed as i64,
        asset_prefix: None,
        kind: VideoKind::Create,
        inputs: None,
        lineage: None,
        extensions: 0,
    }
}

fn random_seed() -> u64 {
    rand::rng().random_range(0..i64::MAX as u64)
}
