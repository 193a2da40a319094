//! A place's surfaces: the wall behind (an interior's whole wall, or a band that closes off
//! an exterior's horizon) and the floor underfoot, painted into the backdrop.

use super::Painter;
use crate::palette::Rgb;
use crate::plan::{Floor, Wall};
use crate::rng::Rng;

/// How tall an exterior's wall band stands above the horizon, as a fraction of the frame.
pub(super) fn outdoor_wall_height(wall: Wall) -> f32 {
    match wall {
        Wall::Fence => 0.07,
        Wall::Hedge => 0.1,
        Wall::Stands => 0.32,
        Wall::Bricks => 0.5,
        _ => 0.3,
    }
}

/// Paint `wall` from world row `top` down to the horizon, across the backdrop.
pub(super) fn wall(p: &mut Painter, _rng: &mut Rng, wall: Wall, top: f32) {
    let light = p.scene.palette.sky.light.max(0.4);
    let c = match wall {
        Wall::Tiles => Rgb::new(230, 236, 240),
        Wall::Bricks => Rgb::new(150, 70, 50),
        _ => Rgb::new(200, 190, 170),
    }
    .lit(light);
    p.rect(p.x0, top, p.x1, p.hy, c.color());
}

/// Paint `floor` from the horizon to the bottom of the backdrop.
pub(super) fn floor(p: &mut Painter, _rng: &mut Rng, floor: Floor) {
    let light = p.scene.palette.sky.light.max(0.4);
    let c = match floor {
        Floor::Tiles => Rgb::new(220, 224, 228),
        Floor::Pool => Rgb::new(60, 160, 210),
        _ => Rgb::new(150, 140, 130),
    }
    .lit(light);
    p.rect(p.x0, p.hy, p.x1, p.y1, c.color());
}
