//! Characters named by a create, looked up in the caller's project for the render's inputs.
use super::error::{CreateError, CreateResult};
use super::inputs::CastMember;
use crate::app::AppState;
use crate::ids;
use crate::repo::CharacterRow;

/// The character `id` of `project`; any other id is not found.
pub async fn find(state: &AppState, project: &str, id: &str) -> CreateResult<CharacterRow> {
    let missing = || CreateError::not_found(format!("Character with id '{id}' not found."));
    if !ids::is_character_id(id) {
        return Err(missing());
    }
    state.repo.get_character(project, id).await?.ok_or_else(missing)
}

pub async fn cast(state: &AppState, project: &str, ids: &[String]) -> CreateResult<Vec<CastMember>> {
    let mut cast = Vec::with_capacity(ids.len());
    for id in ids {
        let c = find(state, project, id).await.map_err(|e| e.at("characters"))?;
        cast.push(CastMember {
            id: c.id,
            name: c.name,
            key: c.asset_key,
            fps: u32::try_from(c.fps).unwrap_or(12),
            frames: u32::try_from(c.frames).unwrap_or(1),
        });
    }
    Ok(cast)
}
