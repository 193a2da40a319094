//! Objects, buildings and nature: cups, kites, lamps, instruments (`objects`); houses,
//! towers, bridges (`buildings`); trees, flowers, mountains (`nature`); sky bodies, fire and
//! weather shapes (`sky`). [`draw`] dispatches on [`Shape`]; anything else is an orb.

mod buildings;
mod nature;
mod objects;
mod sky;

use super::{Anim, Pen, WHITE};
use crate::palette::Rgb;
use crate::shape::Shape;

use buildings::{
    bridge, castle, ferris_wheel, fountain, house, lighthouse, pyramid, skyscraper, statue, tent, tower, windmill,
};
use nature::{flower, iceberg, leaf, mountain, palm, rock, tree, volcano, wave};
use objects::{
    ball, balloon, bell, book, bottle, cake, candle, chair, clock, cup, flag, fruit, gift, guitar, kite, lamp, lantern,
    piano, screen, umbrella,
};
use sky::{cloud, fire, moon, planet, rainbow, snowflake, star, sun, tornado};

pub fn draw(p: &mut Pen, shape: Shape, c: Rgb, a: &Anim) {
    use Shape as S;
    // Spinning things turn about their middle; the caller rotates the whole placement.
    match shape {
        S::Cup => cup(p, c),
        S::Kite => kite(p, c, a),
        S::Ball => ball(p, c, a),
        S::Balloon => balloon(p, c, a),
        S::Lamp => lamp(p, c, a),
        S::Lantern => lantern(p, c, a),
        S::Candle => candle(p, c, a),
        S::Book => book(p, c),
        S::Guitar => guitar(p, c),
        S::Piano => piano(p, c),
        S::Umbrella => umbrella(p, c),
        S::Clock => clock(p, c, a),
        S::Chair => chair(p, c),
        S::Gift => gift(p, c),
        S::Cake => cake(p, c, a),
        S::Fruit => fruit(p, c),
        S::Flag => flag(p, c, a),
        S::Screen => screen(p, c, a),
        S::Bottle => bottle(p, c),
        S::Bell => bell(p, c, a),
        S::House => house(p, c, a),
        S::Lighthouse => lighthouse(p, c, a),
        S::Skyscraper => skyscraper(p, c, a),
        S::Tower => tower(p, c, a),
        S::Bridge => bridge(p, c, a),
        S::Castle => castle(p, c, a),
        S::Windmill => windmill(p, c, a),
        S::Tent => tent(p, c, a),
        S::Statue => statue(p, c),
        S::Fountain => fountain(p, c, a),
        S::FerrisWheel => ferris_wheel(p, c, a),
        S::Pyramid => pyramid(p, c),
        S::Tree => tree(p, c, a),
        S::PalmTree => palm(p, c, a),
        S::Flower => flower(p, c, a),
        S::Leaf => leaf(p, c),
        S::Mountain => mountain(p, c),
        S::Volcano => volcano(p, c, a),
        S::Rock => rock(p, c),
        S::Cloud => cloud(p, c),
        S::Sun => sun(p, c, a),
        S::Moon => moon(p, c),
        S::Star => star(p, c, a),
        S::Planet => planet(p, c),
        S::Rainbow => rainbow(p),
        S::Wave => wave(p, c, a),
        S::Fire => fire(p, c, a),
        S::Tornado => tornado(p, c, a),
        S::Snowflake => snowflake(p, c),
        S::Iceberg => iceberg(p, c),
        _ => orb(p, c, a),
    }
}

fn orb(p: &mut Pen, c: Rgb, a: &Anim) {
    let bob = a.wave(0.33) * 0.04;
    p.with(tiny_skia::Transform::from_translate(0.0, bob), |p| {
        p.glow(0.0, -0.5, 0.95, c, 0.4);
        p.circle(0.0, -0.5, 0.5, c);
        p.ellipse_a(0.0, -0.44, 0.44, 0.42, c.lit(0.85), 0.6);
        p.ellipse_a(-0.16, -0.67, 0.15, 0.15, WHITE, 0.43);
    });
}
