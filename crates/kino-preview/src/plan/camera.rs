//! Shot size and camera move. Ambiguous words ("wide", "orbits", "follows") only count
//! with a camera word ("camera", "shot", "view") close by; a move's direction and speed
//! come from the words right around it.

use serde::Serialize;

use super::Ctx;
use super::lexicon::Meaning;
use super::scan::Item;
use super::types::{CameraKind, Direction, Shot, Speed};
use super::work;

/// What the camera does. With no camera words in the prompt: static, no direction, normal speed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct CameraMove {
    pub kind: CameraKind,
    pub direction: Option<Direction>,
    pub speed: Speed,
}

/// How many tokens either side a camera word may be from the word it qualifies.
const CAMERA_WORD_WINDOW: usize = 3;
/// How many tokens after the move its direction may start ("pans slowly to the left").
const DIRECTION_WINDOW: usize = 2;
/// How many tokens either side of the move a speed word may be.
const SPEED_WINDOW: usize = 3;

pub(crate) struct CameraPlan {
    pub shot: Option<Shot>,
    pub camera: CameraMove,
    /// Items taken by the camera (so "orbits" in "the camera orbits" is not also an action).
    pub consumed: Vec<bool>,
}

fn near_camera_word(ctx: &Ctx<'_>, item: &Item<'_>) -> bool {
    let lo = item.start.saturating_sub(CAMERA_WORD_WINDOW);
    let hi = (item.end + CAMERA_WORD_WINDOW).min(ctx.tokens.len());
    work::step(hi.saturating_sub(lo));
    ctx.tokens[lo..hi].iter().any(|t| t.sentence == item.sentence && ctx.lexicon.camera_words.contains(&t.text))
}

pub(crate) fn plan_camera(ctx: &Ctx<'_>, items: &[Item<'_>]) -> CameraPlan {
    let mut consumed = vec![false; items.len()];
    let mut shot = None;
    // (priority, item index, kind, direction): explicit moves beat handheld beat static.
    let mut best: Option<(u8, usize, CameraKind, Option<Direction>)> = None;
    for (k, item) in items.iter().enumerate() {
        work::step(1 + item.meanings.len());
        for m in item.meanings.iter() {
            match *m {
                Meaning::Shot { shot: s, needs_camera_word } if (!needs_camera_word || near_camera_word(ctx, item)) => {
                    consumed[k] = true;
                    shot.get_or_insert(s);
                }
                Meaning::Camera { kind, direction, needs_camera_word }
                    if (!needs_camera_word || near_camera_word(ctx, item)) =>
                {
                    consumed[k] = true;
                    let priority = match kind {
                        CameraKind::Static => 0,
                        CameraKind::Handheld => 1,
                        _ => 2,
                    };
                    if best.is_none_or(|(p, ..)| priority > p) {
                        best = Some((priority, k, kind, direction));
                    }
                }
                _ => {}
            }
        }
    }
    let Some((_, k, kind, direction)) = best else {
        return CameraPlan { shot, camera: CameraMove::default(), consumed };
    };
    let item = &items[k];
    let direction = direction.or_else(|| {
        items[k + 1..]
            .iter()
            .take_while(|n| n.sentence == item.sentence && n.start <= item.end + DIRECTION_WINDOW)
            .inspect(|_| work::step(1))
            .find_map(|n| n.meanings.iter().find_map(|m| if let Meaning::Direction(d) = m { Some(*d) } else { None }))
    });
    work::step(items.len());
    let speed = items
        .iter()
        .filter(|n| {
            n.sentence == item.sentence && n.end + SPEED_WINDOW >= item.start && n.start <= item.end + SPEED_WINDOW
        })
        .filter_map(|n| {
            let s = n.meanings.iter().find_map(|m| if let Meaning::Speed(s) = m { Some(*s) } else { None })?;
            Some((n.start.abs_diff(item.start), s))
        })
        .min_by_key(|(d, _)| *d)
        .map_or(Speed::Normal, |(_, s)| s);
    CameraPlan { shot, camera: normalize(kind, direction, speed), consumed }
}

/// Fit the direction to the move: "pans upward" is a tilt up, "tilts left" a pan left, a
/// zoom or dolly goes in unless told otherwise, and directions a move cannot take are dropped.
fn normalize(kind: CameraKind, direction: Option<Direction>, speed: Speed) -> CameraMove {
    use CameraKind as K;
    use Direction as D;
    let kind = match (kind, direction) {
        (K::Pan, Some(D::Up | D::Down)) => K::Tilt,
        (K::Tilt, Some(D::Left | D::Right)) => K::Pan,
        _ => kind,
    };
    let direction = match (kind, direction) {
        (K::Pan, Some(d @ (D::Left | D::Right))) => Some(d),
        (K::Tilt, Some(d @ (D::Up | D::Down))) => Some(d),
        (K::Dolly | K::Zoom, Some(d @ (D::In | D::Out))) => Some(d),
        (K::Dolly | K::Zoom, _) => Some(D::In),
        (K::Tracking, Some(d @ (D::Left | D::Right | D::In | D::Out))) => Some(d),
        (K::Orbit, Some(d @ (D::Left | D::Right | D::Clockwise | D::Counterclockwise))) => Some(d),
        _ => None,
    };
    CameraMove { kind, direction, speed }
}
