//! `input_reference`: an uploaded image, a file from `/v1/files`, or an `image_url` (fetched
//! here, SSRF-checked). Whatever the shape, the bytes must decode as JPEG, PNG or WebP of
//! exactly the requested size; the original bytes are then stored with the video.
use bytes::Bytes;

use super::error::{CreateError, CreateResult, Invalid};
use super::guard;
use super::validate::Reference;
use crate::app::AppState;
use crate::ids;
use crate::storage::file_key;

/// The largest reference image accepted, however it arrives (OpenAI's data-URL limit).
pub const MAX_REFERENCE_BYTES: u64 = 20 * 1024 * 1024;

/// The reference's bytes, checked: decodable, not a bomb, exactly `width` x `height`.
pub async fn load(
    state: &AppState,
    project: &str,
    reference: Reference,
    width: u32,
    height: u32,
) -> CreateResult<Bytes> {
    let bytes = match reference {
        Reference::Upload(data) => data,
        Reference::FileId(id) => from_file(state, project, &id).await?,
        Reference::ImageUrl(url) => state.fetcher.fetch(&url).await.map(|f| f.bytes).map_err(|e| {
            Invalid::new(format!("Could not use 'input_reference.image_url': {e}"))
                .param("input_reference.image_url")
                .code(e.code())
        })?,
    };
    if bytes.len() as u64 > MAX_REFERENCE_BYTES {
        return Err(too_large().into());
    }
    let probe = bytes.clone();
    let policy = std::sync::Arc::clone(&state.policy);
    // Faces are looked for only in an image of the right size: that refusal comes first.
    let decoded = tokio::task::spawn_blocking(move || {
        kino_media::decode_image(&probe).map(|i| {
            let dims = (i.width, i.height);
            let faces = if dims == (width, height) { guard::image_faces(&policy, &i) } else { Ok(()) };
            (dims, faces)
        })
    })
    .await
    .map_err(CreateError::internal)?;
    match decoded {
        Ok((dims, Err(blocked))) if dims == (width, height) => Err(CreateError::blocked(blocked, "input_reference")),
        Ok((dims, _)) if dims == (width, height) => Ok(bytes),
        // OpenAI's observed wording, with no param or code.
        Ok(_) => Err(Invalid::new("Inpaint image must match the requested width and height").into()),
        Err(e) if e.is_invalid_input() => Err(Invalid::new(format!("Invalid 'input_reference': {e}"))
            .param("input_reference")
            .code("invalid_image")
            .into()),
        Err(e) => Err(CreateError::internal(e)),
    }
}

async fn from_file(state: &AppState, project: &str, id: &str) -> CreateResult<Bytes> {
    let missing = || CreateError::not_found(format!("No such File object: {id}")).at("input_reference.file_id");
    if !ids::is_file_id(id) {
        return Err(missing());
    }
    let file = state.repo.get_file(project, id, ids::now_secs()).await?.ok_or_else(missing)?;
    if file.bytes as u64 > MAX_REFERENCE_BYTES {
        return Err(too_large().into());
    }
    Ok(state.storage.get_bytes(&file_key(&file.id)).await?)
}

fn too_large() -> Invalid {
    Invalid::new(format!(
        "Invalid 'input_reference': the image is larger than {} MiB.",
        MAX_REFERENCE_BYTES / (1024 * 1024)
    ))
    .param("input_reference")
    .code("image_too_large")
}
