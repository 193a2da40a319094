//! The upstream engine: one Kino render is one job on another video server. Kino creates it,
//! saves its id with the job before anything else (a restarted Kino re-attaches instead of
//! starting over), polls with backoff passing progress through, downloads and checks the MP4,
//! and feeds its frames, resampled to the requested size and 24 fps, into Kino's own encoder,
//! which makes the thumbnail and spritesheet.
use std::sync::Arc;
use std::time::{Duration, Instant};

use kino_engine::{Engine, EngineError, FrameSink, GenerationSpec, OpenFrames, RenderControl};
use serde::{Deserialize, Serialize};

use super::client::{CallError, Client, CreateRequest, Status};
use super::spec::UpstreamSpec;

/// Progress: the upstream's render is 90% of the work, resampling and encoding here the rest
/// (units: one per frame fed to the encoder, nine per frame for the upstream's share).
const UPSTREAM_SHARE: u32 = 9;
const POLL_FIRST: Duration = Duration::from_millis(250);
const POLL_MAX: Duration = Duration::from_secs(5);

/// What a render saves to resume: the upstream job and when it was made.
#[derive(Debug, Serialize, Deserialize)]
struct Saved {
    upstream_id: String,
    created_ms: i64,
}

/// `control.save_state` from async code: the store blocks on the database, so it runs on a
/// blocking thread of its own.
async fn save(control: &RenderControl, state: Option<String>) -> Result<(), EngineError> {
    let control = control.clone();
    tokio::task::spawn_blocking(move || control.save_state(state.as_deref()))
        .await
        .map_err(|e| EngineError::Retryable(format!("saving the render's state: {e}")))?
}

pub struct UpstreamEngine {
    spec: Arc<UpstreamSpec>,
    client: Client,
    slots: Arc<tokio::sync::Semaphore>,
}

impl UpstreamEngine {
    pub fn new(spec: UpstreamSpec) -> anyhow::Result<Self> {
        let spec = Arc::new(spec);
        let slots = Arc::new(tokio::sync::Semaphore::new(spec.concurrency.unwrap_or(1)));
        Ok(Self { client: Client::new(spec.clone())?, spec, slots })
    }

    /// The first frame as a PNG, when the request has one (the model table only offers it
    /// to upstreams that take one: this refuses rather than drop it silently).
    fn reference(&self, spec: &GenerationSpec) -> Result<Option<Vec<u8>>, EngineError> {
        let Some(frame) = &spec.conditioning.first_frame else { return Ok(None) };
        if !self.spec.takes_reference() {
            return Err(EngineError::fatal(
                "unsupported_request",
                format!("Model '{}' does not take a first frame.", self.spec.id),
            ));
        }
        kino_media::encode_png(&frame.rgba, frame.width, frame.height)
            .map(Some)
            .map_err(|e| EngineError::fatal("engine_error", format!("encoding the first frame: {e}")))
    }

    /// Create or re-attach, then poll until the MP4 is downloaded and checked.
    async fn fetch(&self, spec: &GenerationSpec, control: &RenderControl) -> Result<Vec<u8>, EngineError> {
        let _slot = loop {
            if control.is_cancelled() {
                return Err(EngineError::Cancelled);
            }
            if let Ok(permit) =
                tokio::time::timeout(Duration::from_millis(250), self.slots.clone().acquire_owned()).await
            {
                break permit.map_err(|_| EngineError::Retryable("upstream engine closed".into()))?;
            }
        };
        let saved = control.saved_state().and_then(|s| serde_json::from_str::<Saved>(&s).ok());
        let saved = match saved {
            Some(s) => {
                tracing::info!(upstream = %self.spec.id, upstream_id = %s.upstream_id, "re-attaching to the upstream job");
                s
            }
            None => {
                let request = CreateRequest {
                    prompt: &spec.prompt,
                    width: spec.width,
                    height: spec.height,
                    seconds: spec.seconds,
                    seed: spec.seed,
                    reference: self.reference(spec)?,
                };
                let id = self.client.create(&request).await.map_err(|e| match e {
                    CallError::Rejected(m) => {
                        EngineError::fatal("upstream_rejected", format!("The upstream server refused the request: {m}"))
                    }
                    CallError::Malformed(m) => {
                        EngineError::fatal("upstream_error", format!("The upstream server answered oddly: {m}"))
                    }
                    CallError::Gone => {
                        EngineError::Retryable("the upstream server has no videos endpoint at the moment (404)".into())
                    }
                    CallError::Unavailable(m) => EngineError::Retryable(m),
                })?;
                let saved = Saved { upstream_id: id, created_ms: crate::ids::now_millis() };
                // Durable before polling: a restart from here on re-attaches.
                if let Err(e) = save(control, Some(serde_json::to_string(&saved).unwrap_or_default())).await {
                    let _ = self.client.delete(&saved.upstream_id).await;
                    return Err(e);
                }
                tracing::info!(upstream = %self.spec.id, upstream_id = %saved.upstream_id, "upstream job created");
                saved
            }
        };
        let id = saved.upstream_id.as_str();
        let upstream_units = UPSTREAM_SHARE * spec.frame_count();
        control.set_total(upstream_units + spec.frame_count());
        let deadline_ms = saved.created_ms + self.spec.render_timeout().as_millis() as i64;
        let mut reported = 0u32;
        let mut wait = POLL_FIRST;
        let mut unreachable_since: Option<Instant> = None;
        loop {
            match self.client.get(id).await {
                Ok(Status::Completed) => break,
                Ok(Status::Running(p)) => {
                    unreachable_since = None;
                    let p = (u32::from(p).min(99) * upstream_units) / 100;
                    if p > reported {
                        control.advance(p - reported);
                        reported = p;
                    }
                }
                Ok(Status::Failed(m)) => {
                    let _ = save(control, None).await;
                    return Err(EngineError::fatal(
                        "upstream_failed",
                        format!("The upstream server failed this video: {m}"),
                    ));
                }
                Err(CallError::Gone) => {
                    // It restarted or expired the job: the attempt is retried from scratch.
                    save(control, None).await?;
                    return Err(EngineError::Retryable(format!("the upstream server no longer knows job {id}")));
                }
                Err(CallError::Unavailable(m)) | Err(CallError::Malformed(m)) => {
                    let since = *unreachable_since.get_or_insert_with(Instant::now);
                    if since.elapsed() >= self.spec.unreachable_timeout() {
                        return Err(EngineError::Retryable(format!(
                            "upstream unreachable for {} s: {m}",
                            since.elapsed().as_secs()
                        )));
                    }
                    tracing::warn!(upstream = %self.spec.id, upstream_id = %id, error = %m, "polling the upstream failed; will retry");
                }
                Err(CallError::Rejected(m)) => {
                    return Err(EngineError::fatal(
                        "upstream_error",
                        format!("The upstream server refused a status request: {m}"),
                    ));
                }
            }
            if crate::ids::now_millis() >= deadline_ms {
                let _ = self.client.delete(id).await;
                let _ = save(control, None).await;
                return Err(EngineError::fatal(
                    "upstream_timeout",
                    format!(
                        "The upstream server did not finish this video within {} s.",
                        self.spec.render_timeout().as_secs()
                    ),
                ));
            }
            // Sleep in slices so that a delete is noticed within a quarter second.
            let until = Instant::now() + wait;
            while Instant::now() < until {
                if control.is_cancelled() {
                    if control.is_deleted()
                        && let Err(e) = self.client.delete(id).await
                    {
                        tracing::warn!(upstream = %self.spec.id, upstream_id = %id, error = %e, "deleting the upstream job failed");
                    }
                    return Err(EngineError::Cancelled);
                }
                tokio::time::sleep(Duration::from_millis(100).min(until - Instant::now())).await;
            }
            wait = (wait * 3 / 2).min(POLL_MAX);
        }
        control.advance(upstream_units.saturating_sub(reported));
        match self.client.content(id, self.spec.max_download_bytes()).await {
            Ok(bytes) => Ok(bytes),
            Err(CallError::Gone) => {
                save(control, None).await?;
                Err(EngineError::Retryable(format!("the upstream server lost the video of job {id}")))
            }
            Err(CallError::Unavailable(m)) => Err(EngineError::Retryable(m)),
            Err(CallError::Malformed(m) | CallError::Rejected(m)) => {
                Err(EngineError::fatal("upstream_bad_output", format!("The upstream server's video is unusable: {m}")))
            }
        }
    }
}

impl Engine for UpstreamEngine {
    fn name(&self) -> &str {
        "upstream"
    }

    fn render(
        &self,
        spec: &GenerationSpec,
        sink: &mut dyn FrameSink,
        control: &RenderControl,
    ) -> Result<(), EngineError> {
        let handle = tokio::runtime::Handle::try_current()
            .map_err(|_| EngineError::fatal("engine_error", "The upstream engine needs the server's runtime."))?;
        let bytes = handle.block_on(self.fetch(spec, control))?;
        let bad = |m: String| {
            EngineError::fatal("upstream_bad_output", format!("The upstream server's video is unusable: {m}"))
        };
        let info = kino_media::probe_mp4(&bytes).map_err(|e| bad(e.to_string()))?;
        // Upstreams round durations to their latent grid; a clip much shorter than asked is not the video.
        if info.duration_seconds < f64::from(spec.seconds) * 0.75 {
            return Err(bad(format!(
                "it lasts {:.2} s where {} s were asked for",
                info.duration_seconds, spec.seconds
            )));
        }
        tracing::info!(upstream = %self.spec.id, width = info.width, height = info.height, seconds = info.duration_seconds, bytes = bytes.len(), "upstream video downloaded");
        let frames = spec.frame_count();
        let bytes: Arc<[u8]> = bytes.into();
        let clip = kino_media::ClipFrames::new(bytes.clone(), spec.width, spec.height, frames, spec.fps)
            .map_err(|e| bad(e.to_string()))?;
        let audio = kino_media::source_audio(&bytes, spec.audio_samples()).map_err(|e| bad(e.to_string()))?;
        let mut stream = clip.open()?;
        let pairs = audio.len() / 2;
        let mut sent = 0usize;
        for index in 0..frames {
            if control.is_cancelled() {
                return Err(EngineError::Cancelled);
            }
            let frame = stream.next_frame()?.ok_or_else(|| bad("it ended early".into()))?;
            sink.video_frame(frame)?;
            let due = pairs * (index as usize + 1) / frames.max(1) as usize;
            sink.audio(&audio[sent * 2..due * 2])?;
            sent = due;
            control.frame_done();
        }
        Ok(())
    }
}
