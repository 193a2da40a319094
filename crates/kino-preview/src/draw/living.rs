//! Animals, people and creatures. Four-legged animals share one parametric body; birds,
//! sea life, bugs and people have their own. Legs swing when the subject moves.

use super::{Anim, DARK, HAND, Pen, SKIN, WHITE};
use crate::motion::Motion;
use crate::palette::Rgb;
use crate::shape::Shape;

pub fn draw(p: &mut Pen, shape: Shape, c: Rgb, a: &Anim) {
    use Shape as S;
    match shape {
        S::Cat => quad(p, c, a, &Quad { ears: Ears::Pointy, tail: Tail::Up, ..Quad::SMALL }),
        S::Dog => quad(p, c, a, &Quad { ears: Ears::Floppy, tail: Tail::Up, ..Quad::SMALL }),
        S::Fox => {
            quad(p, c, a, &Quad { ears: Ears::Pointy, tail: Tail::Bushy, snout: 0.1, ..Quad::SMALL });
        }
        S::Rabbit => rabbit(p, c, a),
        S::Deer => quad(p, c, a, &Quad { ears: Ears::Antlers, neck: 0.22, leg: 0.4, ..Quad::TALL }),
        S::Horse | S::Unicorn => {
            quad(
                p,
                c,
                a,
                &Quad { ears: Ears::Pointy, neck: 0.25, leg: 0.4, tail: Tail::Hang, snout: 0.12, ..Quad::TALL },
            );
            if shape == S::Unicorn {
                let (hx, hy) = Quad::TALL_HEAD;
                p.poly(
                    &[(hx + 0.02, hy - 0.06), (hx + 0.1, hy - 0.3), (hx + 0.06, hy - 0.05)],
                    Rgb::new(250, 220, 120),
                );
                p.lines(&[(hx - 0.08, hy), (hx - 0.2, hy + 0.18)], 0.05, Rgb::new(240, 140, 220));
            }
        }
        S::Cow => {
            quad(
                p,
                c,
                a,
                &Quad { ears: Ears::Floppy, neck: 0.08, body_h: 0.3, leg: 0.28, tail: Tail::Hang, ..Quad::TALL },
            );
            p.ellipse(-0.1, -0.55, 0.1, 0.06, DARK);
            p.ellipse(0.12, -0.5, 0.07, 0.05, DARK);
        }
        S::Zebra => zebra(p, c, a),
        S::Sheep => sheep(p, c, a),
        S::Bear => quad(
            p,
            c,
            a,
            &Quad { ears: Ears::Round, neck: 0.05, body_h: 0.4, leg: 0.22, tail: Tail::None, head: 0.13, ..Quad::TALL },
        ),
        S::Elephant => elephant(p, c, a),
        S::Giraffe => giraffe(p, c, a),
        S::Monkey => monkey(p, c, a),
        S::Bird => bird(p, c, a),
        S::Owl => owl(p, c, a),
        S::Duck => duck(p, c, a),
        S::Penguin => penguin(p, c, a),
        S::Fish | S::Shark | S::Whale | S::Dolphin => fish(p, shape, c, a),
        S::Octopus | S::Jellyfish => tentacled(p, shape == S::Jellyfish, c, a),
        S::Turtle => turtle(p, c, a),
        S::Frog => frog(p, c, a),
        S::Butterfly | S::Bee => bug(p, shape == S::Bee, c, a),
        S::Snail => snail(p, c, a),
        S::Snake => snake(p, c, a),
        S::Person => person(p, c, a, 1.0, 0.085),
        S::Child => person(p, c, a, 0.78, 0.1),
        S::Crowd => crowd(p, c, a),
        S::Robot => robot(p, c, a),
        S::Dragon => dragon(p, c, a),
        S::Dinosaur => dinosaur(p, c, a),
        S::Alien => alien(p, c, a),
        S::Ghost => ghost(p, c, a),
        S::TeddyBear => teddy(p, c, a),
        S::Snowman => snowman(p, c, a),
        _ => monster(p, c, a),
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Ears {
    Pointy,
    Floppy,
    Round,
    Antlers,
}

#[derive(Clone, Copy, PartialEq)]
enum Tail {
    Up,
    Hang,
    Bushy,
    None,
}

/// A four-legged animal, side on, facing +x.
#[derive(Clone, Copy)]
struct Quad {
    body_h: f32,
    leg: f32,
    neck: f32,
    head: f32,
    snout: f32,
    ears: Ears,
    tail: Tail,
}

impl Quad {
    const SMALL: Quad =
        Quad { body_h: 0.22, leg: 0.2, neck: 0.1, head: 0.1, snout: 0.06, ears: Ears::Pointy, tail: Tail::Up };
    const TALL: Quad =
        Quad { body_h: 0.26, leg: 0.36, neck: 0.2, head: 0.09, snout: 0.08, ears: Ears::Pointy, tail: Tail::Hang };
    /// Head centre of a TALL quad with neck 0.25 (for add-ons like a unicorn's horn).
    const TALL_HEAD: (f32, f32) = (0.42, -0.36 - 0.13 - 0.25 - 0.02);
}

fn legs_swing(a: &Anim) -> f32 {
    if matches!(a.motion, Motion::Gait | Motion::Travel) { a.wave(2.0) * 0.07 } else { 0.0 }
}

fn quad(p: &mut Pen, c: Rgb, a: &Anim, q: &Quad) {
    let bob = if matches!(a.motion, Motion::Gait | Motion::Travel) { a.wave(4.0).abs() * 0.02 } else { 0.0 };
    let top = -q.leg - q.body_h - bob;
    let cy = top + q.body_h * 0.5;
    let swing = legs_swing(a);
    let dark = c.lit(0.75);
    let lw = 0.06 + q.body_h * 0.08;
    // Far legs first, darker.
    for (x, s) in [(-0.24, -swing), (0.22, swing)] {
        p.line(x + 0.03, cy, x + 0.03 - s, -0.01, lw, dark);
    }
    match q.tail {
        Tail::Up => p.curve((-0.32, cy - 0.05), (-0.48, cy - 0.05), (-0.45, cy - 0.25 + a.wave(1.5) * 0.03), 0.045, c),
        Tail::Hang => p.curve((-0.34, cy - 0.06), (-0.44, cy), (-0.42, cy + 0.2), 0.05, dark),
        Tail::Bushy => {
            p.poly(&[(-0.3, cy - 0.05), (-0.5, cy + 0.02), (-0.56, cy + 0.1), (-0.32, cy + 0.04)], c);
            p.poly(&[(-0.5, cy + 0.02), (-0.6, cy + 0.1), (-0.55, cy + 0.11)], WHITE);
        }
        Tail::None => {}
    }
    p.ellipse(0.0, cy, 0.36, q.body_h * 0.5, c);
    for (x, s) in [(-0.26, swing), (0.24, -swing)] {
        p.line(x, cy, x - s, -0.01, lw, c);
    }
    // Neck and head.
    let hx = 0.38;
    let hy = top - q.neck;
    p.line(0.26, cy - 0.02, hx - 0.02, hy + 0.02, q.head * 1.1, c);
    p.ellipse(hx, hy, q.head * 1.1, q.head * 0.9, c);
    p.ellipse(hx + q.head * 0.8, hy + q.head * 0.25, q.snout + 0.02, q.head * 0.5, c);
    p.circle(hx + q.snout + q.head * 1.3, hy + q.head * 0.15, 0.018, DARK);
    p.circle(hx + q.head * 0.3, hy - q.head * 0.25, 0.018, DARK);
    match q.ears {
        Ears::Pointy => {
            p.poly(&[(hx - 0.06, hy - 0.05), (hx - 0.04, hy - 0.19), (hx + 0.02, hy - 0.07)], c);
            p.poly(&[(hx + 0.0, hy - 0.07), (hx + 0.04, hy - 0.2), (hx + 0.07, hy - 0.06)], c);
        }
        Ears::Floppy => p.ellipse(hx - 0.06, hy + 0.02, 0.04, 0.09, dark),
        Ears::Round => {
            p.circle(hx - 0.06, hy - 0.09, 0.045, c);
            p.circle(hx + 0.04, hy - 0.1, 0.045, c);
        }
        Ears::Antlers => {
            let ant = Rgb::new(120, 90, 60);
            p.lines(&[(hx, hy - 0.06), (hx - 0.05, hy - 0.25), (hx - 0.12, hy - 0.32)], 0.025, ant);
            p.line(hx - 0.04, hy - 0.18, hx + 0.04, hy - 0.26, 0.02, ant);
        }
    }
}

/// A horse's build, striped: bands across the body and neck, a dark mane and muzzle.
fn zebra(p: &mut Pen, c: Rgb, a: &Anim) {
    let q = Quad { ears: Ears::Pointy, neck: 0.25, leg: 0.4, tail: Tail::Hang, snout: 0.12, ..Quad::TALL };
    quad(p, c, a, &q);
    let bob = if matches!(a.motion, Motion::Gait | Motion::Travel) { a.wave(4.0).abs() * 0.02 } else { 0.0 };
    let top = -q.leg - q.body_h - bob;
    let (cy, ry) = (top + q.body_h * 0.5, q.body_h * 0.5);
    // Bands across the body, as deep as the body is at each x; slanting back at the rump.
    for k in 0..9 {
        let x = -0.3 + k as f32 * 0.07;
        let hh = ry * (1.0 - (x / 0.36).powi(2)).max(0.0).sqrt() * 0.92;
        let lean = if x < -0.12 { 0.05 } else { 0.0 };
        p.line(x - lean, cy - hh, x + lean, cy + hh, 0.028, DARK);
    }
    // Neck bands and the mane along its top.
    let (hx, hy) = (0.38, top - q.neck);
    for k in 1..5 {
        let f = k as f32 / 5.0;
        let (x, y) = (0.26 + (hx - 0.28) * f, cy - 0.02 + (hy + 0.04 - cy) * f);
        p.line(x - 0.05, y - 0.03, x + 0.05, y + 0.03, 0.025, DARK);
    }
    p.line(0.24, cy - ry - 0.01, hx - 0.06, hy - 0.06, 0.035, DARK);
    p.ellipse(hx + q.head * 0.8 + 0.05, hy + q.head * 0.25, 0.06, q.head * 0.45, DARK);
}

/// A woolly body (overlapping puffs) on thin dark legs, with a dark face.
fn sheep(p: &mut Pen, c: Rgb, a: &Anim) {
    let bob = if matches!(a.motion, Motion::Gait | Motion::Travel) { a.wave(4.0).abs() * 0.015 } else { 0.0 };
    let swing = legs_swing(a);
    let face = Rgb::new(46, 42, 40);
    let cy = -0.36 - bob;
    for (x, s) in [(-0.2, -swing), (0.18, swing)] {
        p.line(x + 0.03, cy + 0.1, x + 0.03 - s, -0.01, 0.04, face.lit(0.8));
    }
    for (x, s) in [(-0.22, swing), (0.16, -swing)] {
        p.line(x, cy + 0.1, x - s, -0.01, 0.045, face);
    }
    // The fleece: a ring of puffs round a filled middle, shaded underneath.
    p.ellipse(0.0, cy, 0.32, 0.16, c.lit(0.9));
    for k in 0..12 {
        let ang = k as f32 / 12.0;
        let (x, y) = (crate::math::cos_turns(ang) * 0.28, crate::math::sin_turns(ang) * 0.13);
        let shade = if y > 0.05 { 0.86 } else { 1.0 };
        p.circle(x, cy + y, 0.085, c.lit(shade));
    }
    p.circle(-0.08, cy - 0.06, 0.1, c);
    p.circle(0.1, cy - 0.07, 0.09, c);
    // Head: dark, long, with ears out sideways and a tuft of fleece on top.
    let (hx, hy) = (0.36, cy - 0.1);
    p.ellipse(hx - 0.05, hy + 0.01, 0.07, 0.03, face);
    p.ellipse(hx, hy + 0.03, 0.075, 0.1, face);
    p.circle(hx - 0.01, hy - 0.07, 0.05, c);
    p.circle(hx + 0.03, hy + 0.0, 0.014, WHITE);
}

fn rabbit(p: &mut Pen, c: Rgb, a: &Anim) {
    let hop = if a.moving() || a.motion == Motion::Bounce { a.wave(2.0).abs() * 0.12 } else { 0.0 };
    p.with(tiny_skia::Transform::from_translate(0.0, -hop), |p| {
        p.ellipse(-0.05, -0.25, 0.28, 0.22, c);
        p.ellipse(-0.3, -0.28, 0.07, 0.07, WHITE);
        p.ellipse(0.12, -0.05, 0.14, 0.05, c.lit(0.85));
        p.ellipse(0.22, -0.45, 0.14, 0.12, c);
        p.ellipse(0.16, -0.68, 0.04, 0.16, c);
        p.ellipse(0.24, -0.7, 0.04, 0.16, c.lit(0.9));
        p.circle(0.28, -0.48, 0.02, DARK);
    });
}

fn elephant(p: &mut Pen, c: Rgb, a: &Anim) {
    let swing = legs_swing(a);
    for (x, s) in [(-0.22, -swing), (0.2, swing)] {
        p.rect(x - 0.06 - s, -0.3, x + 0.06 - s, 0.0, c.lit(0.8));
    }
    p.ellipse(-0.02, -0.45, 0.38, 0.25, c);
    for (x, s) in [(-0.26, swing), (0.16, -swing)] {
        p.rect(x - 0.07 - s, -0.3, x + 0.07 - s, 0.0, c);
    }
    p.circle(0.34, -0.55, 0.16, c);
    p.curve((0.44, -0.5), (0.56, -0.3), (0.5 + a.wave(0.6) * 0.04, -0.08), 0.08, c);
    p.ellipse(0.24, -0.5, 0.1, 0.15, c.lit(0.85));
    p.poly(&[(0.42, -0.44), (0.52, -0.4), (0.44, -0.4)], WHITE);
    p.circle(0.38, -0.6, 0.02, DARK);
    p.line(-0.4, -0.5, -0.45, -0.3, 0.025, c);
}

fn giraffe(p: &mut Pen, c: Rgb, a: &Anim) {
    let swing = legs_swing(a);
    for (x, s) in [(-0.18, -swing), (0.18, swing), (-0.22, swing), (0.14, -swing)] {
        p.line(x, -0.45, x - s, 0.0, 0.05, c.lit(0.9));
    }
    p.ellipse(0.0, -0.5, 0.26, 0.12, c);
    p.poly(&[(0.12, -0.56), (0.28, -0.95), (0.36, -0.93), (0.24, -0.5)], c);
    p.ellipse(0.36, -0.97, 0.1, 0.05, c);
    p.line(0.3, -1.0, 0.3, -1.06, 0.02, DARK);
    p.circle(0.36, -0.99, 0.015, DARK);
    let spot = Rgb::new(150, 96, 40);
    for (x, y) in [(-0.12, -0.52), (0.04, -0.48), (0.16, -0.55), (0.22, -0.7), (0.26, -0.82), (-0.02, -0.56)] {
        p.ellipse(x, y, 0.04, 0.03, spot);
    }
    p.line(-0.26, -0.52, -0.32, -0.38, 0.02, c);
}

fn monkey(p: &mut Pen, c: Rgb, a: &Anim) {
    let sway = a.wave(0.8) * 3.0;
    p.rotated(sway, 0.0, 0.0, |p| {
        p.curve((-0.15, -0.15), (-0.45, -0.2), (-0.35, -0.55), 0.04, c);
        p.ellipse(0.0, -0.32, 0.16, 0.22, c);
        p.ellipse(0.02, -0.3, 0.09, 0.14, Rgb::new(226, 190, 150));
        p.line(-0.1, -0.4, -0.2, -0.15, 0.06, c);
        p.line(0.1, -0.4, 0.22, -0.2, 0.06, c);
        p.ellipse(-0.08, -0.05, 0.08, 0.05, c);
        p.ellipse(0.1, -0.05, 0.08, 0.05, c);
        p.circle(0.0, -0.62, 0.13, c);
        p.circle(-0.13, -0.64, 0.05, c.lit(0.85));
        p.circle(0.13, -0.64, 0.05, c.lit(0.85));
        p.ellipse(0.02, -0.6, 0.09, 0.08, Rgb::new(226, 190, 150));
        p.circle(-0.03, -0.64, 0.015, DARK);
        p.circle(0.06, -0.64, 0.015, DARK);
    });
}

/// A bird seen from afar: two curved wings around a small body, flapping about twice a second.
fn bird(p: &mut Pen, c: Rgb, a: &Anim) {
    let flap = a.wave(2.2);
    let (cy, k) = (-0.5, 1.0);
    let tip = cy - 0.22 * flap * k;
    let mid = cy - 0.06 - 0.1 * flap;
    let mut pb = tiny_skia::PathBuilder::new();
    pb.move_to(-0.5, tip);
    pb.quad_to(-0.25, mid - 0.05, 0.0, cy);
    pb.quad_to(0.25, mid - 0.05, 0.5, tip);
    pb.quad_to(0.25, mid + 0.07, 0.0, cy + 0.08);
    pb.quad_to(-0.25, mid + 0.07, -0.5, tip);
    pb.close();
    if let Some(body) = tiny_skia::Rect::from_ltrb(-0.1, cy - 0.01, 0.14, cy + 0.08) {
        pb.push_oval(body);
    }
    p.fill_path(pb.finish(), c, 1.0);
}

fn owl(p: &mut Pen, c: Rgb, a: &Anim) {
    p.ellipse(0.0, -0.4, 0.26, 0.38, c);
    p.ellipse(0.0, -0.32, 0.16, 0.26, c.mix(WHITE, 0.4));
    p.poly(&[(-0.22, -0.7), (-0.2, -0.88), (-0.08, -0.74)], c);
    p.poly(&[(0.22, -0.7), (0.2, -0.88), (0.08, -0.74)], c);
    let blink = if a.wave(0.3) > 0.95 { 0.01 } else { 0.07 };
    for x in [-0.1, 0.1] {
        p.circle(x, -0.62, 0.1, WHITE);
        p.ellipse(x, -0.62, 0.06, blink, Rgb::new(240, 170, 20));
        p.circle(x, -0.62, 0.03, DARK);
    }
    p.poly(&[(-0.03, -0.55), (0.03, -0.55), (0.0, -0.47)], Rgb::new(240, 170, 40));
    p.ellipse(0.0, -0.02, 0.12, 0.03, Rgb::new(240, 170, 40));
}

fn duck(p: &mut Pen, c: Rgb, a: &Anim) {
    let bob = a.wave(0.6) * 0.01;
    p.with(tiny_skia::Transform::from_translate(0.0, bob), |p| {
        p.poly(&[(-0.4, -0.3), (-0.5, -0.4), (-0.3, -0.25)], c);
        p.ellipse(-0.05, -0.2, 0.36, 0.18, c);
        p.ellipse(-0.08, -0.24, 0.2, 0.09, c.lit(0.85));
        p.circle(0.25, -0.48, 0.13, c);
        p.poly(&[(0.34, -0.5), (0.5, -0.46), (0.34, -0.42)], Rgb::new(246, 150, 30));
        p.circle(0.28, -0.52, 0.022, DARK);
    });
}

fn penguin(p: &mut Pen, c: Rgb, a: &Anim) {
    let sway = if a.moving() { a.wave(2.0) * 6.0 } else { a.wave(0.4) * 2.0 };
    p.rotated(sway, 0.0, 0.0, |p| {
        p.ellipse(0.0, -0.42, 0.22, 0.42, c);
        p.ellipse(0.04, -0.38, 0.15, 0.32, WHITE);
        p.ellipse(-0.18, -0.45, 0.06, 0.2, c);
        p.circle(0.07, -0.7, 0.025, DARK);
        p.poly(&[(0.14, -0.68), (0.28, -0.64), (0.14, -0.62)], Rgb::new(246, 150, 30));
        p.ellipse(-0.06, -0.01, 0.08, 0.03, Rgb::new(246, 150, 30));
        p.ellipse(0.1, -0.01, 0.08, 0.03, Rgb::new(246, 150, 30));
    });
}

fn fish(p: &mut Pen, shape: Shape, c: Rgb, a: &Anim) {
    let wag = a.wave(if shape == Shape::Whale { 0.5 } else { 1.6 });
    let cy = -0.5;
    let (len_h, fin) = match shape {
        Shape::Whale => (0.2, false),
        Shape::Shark | Shape::Dolphin => (0.12, true),
        _ => (0.2, false),
    };
    let tail_y = cy + wag * 0.05;
    p.poly(&[(-0.3, cy), (-0.5, tail_y - 0.16), (-0.44, tail_y), (-0.5, tail_y + 0.16)], c.lit(0.9));
    if fin {
        p.poly(&[(-0.08, cy - len_h + 0.02), (0.0, cy - len_h - 0.16), (0.1, cy - len_h + 0.02)], c.lit(0.9));
    }
    p.ellipse(0.0, cy, 0.36, len_h, c);
    p.ellipse(0.02, cy + len_h * 0.45, 0.3, len_h * 0.45, c.mix(WHITE, 0.45));
    if shape == Shape::Dolphin {
        p.ellipse(0.38, cy + 0.03, 0.1, 0.035, c);
    }
    if shape == Shape::Whale {
        p.lines_a(&[(0.1, cy - 0.2), (0.08, cy - 0.4), (0.0, cy - 0.5)], 0.03, WHITE, 0.6);
        p.lines_a(&[(0.1, cy - 0.2), (0.14, cy - 0.42), (0.22, cy - 0.5)], 0.03, WHITE, 0.6);
        for i in 0..5 {
            let x = 0.05 + i as f32 * 0.05;
            p.line(x, cy + 0.08, x + 0.02, cy + 0.16, 0.012, c.lit(0.7));
        }
    }
    if shape == Shape::Fish {
        p.poly(&[(-0.05, cy - 0.15), (0.1, cy - 0.3), (0.16, cy - 0.14)], c.lit(0.85));
        for i in 0..3 {
            p.curve(
                (0.1 - i as f32 * 0.12, cy - 0.12),
                (0.05 - i as f32 * 0.12, cy),
                (0.1 - i as f32 * 0.12, cy + 0.12),
                0.015,
                c.lit(0.75),
            );
        }
    }
    p.circle(0.24, cy - 0.04, 0.03, WHITE);
    p.circle(0.25, cy - 0.04, 0.017, DARK);
    if shape == Shape::Shark {
        p.line(0.18, cy + 0.06, 0.3, cy + 0.05, 0.012, DARK);
    }
}

fn tentacled(p: &mut Pen, jelly: bool, c: Rgb, a: &Anim) {
    let alpha = if jelly { 0.75 } else { 1.0 };
    if jelly {
        p.glow(0.0, -0.7, 0.4, c, 0.35);
    }
    let n = if jelly { 6 } else { 8 };
    for i in 0..n {
        let x = -0.22 + 0.44 * i as f32 / (n - 1) as f32;
        let mut pts = Vec::with_capacity(8);
        for k in 0..8 {
            let y = -0.62 + k as f32 * 0.08;
            let w = crate::math::sin_turns(a.t * 0.8 + k as f32 * 0.12 + i as f32 * 0.3) * 0.04 * k as f32 / 4.0;
            pts.push((x * (1.0 + k as f32 * 0.08) + w, y));
        }
        p.lines_a(&pts, if jelly { 0.015 } else { 0.06 - i as f32 * 0.0 }, c.lit(0.9), alpha);
    }
    let mut pb = tiny_skia::PathBuilder::new();
    pb.move_to(-0.3, -0.6);
    pb.cubic_to(-0.32, -1.0, 0.32, -1.0, 0.3, -0.6);
    pb.close();
    p.fill_path(pb.finish(), c, alpha);
    if !jelly {
        p.circle(-0.1, -0.72, 0.05, WHITE);
        p.circle(0.1, -0.72, 0.05, WHITE);
        p.circle(-0.09, -0.72, 0.025, DARK);
        p.circle(0.11, -0.72, 0.025, DARK);
    }
}

fn turtle(p: &mut Pen, c: Rgb, a: &Anim) {
    let paddle = a.wave(0.8) * 0.05;
    p.ellipse(0.28, -0.14, 0.1, 0.08, c.mix(Rgb::new(150, 170, 90), 0.5));
    p.ellipse(-0.18 - paddle, -0.04, 0.08, 0.04, c.lit(0.9));
    p.ellipse(0.16 + paddle, -0.04, 0.08, 0.04, c.lit(0.9));
    let mut pb = tiny_skia::PathBuilder::new();
    pb.move_to(-0.3, -0.06);
    pb.cubic_to(-0.28, -0.42, 0.22, -0.42, 0.24, -0.06);
    pb.close();
    p.fill_path(pb.finish(), c.lit(0.8), 1.0);
    for (x, y) in [(-0.12, -0.15), (0.06, -0.15), (-0.03, -0.25)] {
        p.ellipse(x, y, 0.07, 0.05, c.mix(Rgb::new(200, 190, 120), 0.4));
    }
    p.circle(0.33, -0.16, 0.015, DARK);
}

fn frog(p: &mut Pen, c: Rgb, a: &Anim) {
    let hop = if a.motion == Motion::Bounce { a.wave(1.5).abs() * 0.15 } else { 0.0 };
    p.with(tiny_skia::Transform::from_translate(0.0, -hop), |p| {
        p.ellipse(-0.15, -0.08, 0.16, 0.08, c.lit(0.85));
        p.ellipse(0.0, -0.2, 0.3, 0.17, c);
        p.ellipse(0.06, -0.14, 0.2, 0.07, c.mix(WHITE, 0.4));
        for x in [0.06, 0.22] {
            p.circle(x, -0.36, 0.07, c);
            p.circle(x + 0.01, -0.37, 0.04, WHITE);
            p.circle(x + 0.015, -0.37, 0.02, DARK);
        }
        p.curve((0.16, -0.22), (0.24, -0.18), (0.3, -0.24), 0.012, DARK);
    });
}

fn bug(p: &mut Pen, bee: bool, c: Rgb, a: &Anim) {
    let flap = a.wave(if bee { 8.0 } else { 2.5 }).abs().max(0.15);
    let cy = -0.5;
    if bee {
        p.ellipse_a(-0.05, cy - 0.18 * flap, 0.14, 0.08, WHITE, 0.7);
        p.ellipse(0.0, cy, 0.24, 0.15, c);
        for x in [-0.1, 0.04] {
            p.rect(x, cy - 0.14, x + 0.06, cy + 0.14, DARK);
        }
        p.circle(0.24, cy - 0.02, 0.09, DARK);
        p.poly(&[(-0.24, cy - 0.02), (-0.34, cy), (-0.24, cy + 0.03)], DARK);
        p.ellipse_a(0.05, cy - 0.2 * flap, 0.12, 0.07, WHITE, 0.7);
    } else {
        // Seen from above: wings open and close (scaled in x).
        p.with(tiny_skia::Transform::from_scale(flap, 1.0), |p| {
            for s in [-1.0f32, 1.0] {
                p.ellipse(s * 0.22, cy - 0.14, 0.22, 0.2, c);
                p.ellipse(s * 0.16, cy + 0.14, 0.15, 0.14, c.lit(0.8));
                p.circle(s * 0.26, cy - 0.18, 0.06, WHITE.mix(c, 0.3));
                p.circle(s * 0.3, cy - 0.26, 0.03, DARK);
            }
        });
        p.ellipse(0.0, cy, 0.03, 0.22, DARK);
        p.curve((0.0, cy - 0.2), (-0.02, cy - 0.34), (-0.08, cy - 0.38), 0.01, DARK);
        p.curve((0.0, cy - 0.2), (0.02, cy - 0.34), (0.08, cy - 0.38), 0.01, DARK);
    }
}

fn snail(p: &mut Pen, c: Rgb, _a: &Anim) {
    p.poly(&[(-0.4, 0.0), (0.3, 0.0), (0.38, -0.12), (0.3, -0.08)], Rgb::new(200, 180, 140));
    p.line(0.3, -0.1, 0.34, -0.24, 0.02, Rgb::new(200, 180, 140));
    p.circle(0.34, -0.25, 0.025, DARK);
    p.circle(-0.05, -0.26, 0.24, c);
    p.circle(-0.03, -0.27, 0.15, c.lit(0.8));
    p.circle(-0.02, -0.28, 0.07, c.lit(0.65));
}

fn snake(p: &mut Pen, c: Rgb, a: &Anim) {
    let mut pts = Vec::with_capacity(20);
    for k in 0..20 {
        let x = -0.5 + k as f32 * 0.045;
        let y = -0.08 + crate::math::sin_turns(k as f32 * 0.09 - a.t * 0.6) * 0.06;
        pts.push((x, y));
    }
    p.lines(&pts, 0.07, c);
    let (hx, hy) = pts[19];
    p.ellipse(hx + 0.05, hy, 0.07, 0.05, c);
    p.circle(hx + 0.07, hy - 0.02, 0.012, DARK);
    p.line(hx + 0.12, hy, hx + 0.16, hy + 0.01, 0.008, Rgb::new(220, 40, 40));
}

/// A person: head, torso in `c` (clothes), legs swinging with the gait.
fn person(p: &mut Pen, c: Rgb, a: &Anim, height: f32, head: f32) {
    if a.variant & 2 == 0
        && let Some(pose) = a.act.and_then(|act| pose_for(act, a, head / height))
    {
        p.with(tiny_skia::Transform::from_scale(height, height), |p| posed(p, c, &pose, head / height));
        return;
    }
    let walking = matches!(a.motion, Motion::Gait | Motion::Travel);
    let hz = if walking { 1.6 } else { 0.0 };
    let swing = if walking { a.wave(hz) * 0.12 } else { 0.0 };
    let bob = if walking { a.wave(hz * 2.0).abs() * 0.015 } else { 0.0 };
    let bounce = if a.motion == Motion::Bounce { a.wave(1.2).abs() * 0.15 } else { 0.0 };
    let sway = if !walking { a.wave(0.25) * 1.5 } else { 0.0 };
    let k = height;
    let legs = Rgb::new(44, 48, 66);
    p.with(tiny_skia::Transform::from_translate(0.0, -bob - bounce), |p| {
        p.rotated(sway, 0.0, 0.0, |p| {
            let hip = -0.45 * k;
            let sh = -0.8 * k;
            // Far leg and arm, then body, then near leg and arm.
            let st = if walking { 0.0 } else { 0.045 * k };
            p.lines(
                &[(-st * 0.5, hip), (-swing * k - st, -0.22 * k), (-swing * k * 1.4 - st, 0.0)],
                0.07 * k,
                legs.lit(0.8),
            );
            p.lines(
                &[(0.0, sh + 0.03), (swing * k, -0.6 * k), (swing * k * 1.2 + 0.03, -0.45 * k)],
                0.055 * k,
                c.lit(0.8),
            );
            p.rrect(-0.09 * k, sh, 0.09 * k, hip + 0.02, 0.05 * k, c);
            p.lines(&[(st * 0.5, hip), (swing * k + st, -0.22 * k), (swing * k * 1.4 + st, 0.0)], 0.075 * k, legs);
            if a.variant & 2 == 2 {
                // Holding a kite string up high.
                p.lines(&[(0.02, sh + 0.03), (HAND.0 * 0.8, (HAND.1 + sh) * 0.5), HAND], 0.05 * k, c);
                p.circle(HAND.0, HAND.1, 0.03, SKIN);
            } else {
                p.lines(
                    &[(0.0, sh + 0.03), (-swing * k, -0.6 * k), (-swing * k * 1.2 + 0.03, -0.45 * k)],
                    0.055 * k,
                    c,
                );
            }
            p.circle(0.0, sh - head * 0.9, head, SKIN);
            p.ellipse(-0.01, sh - head * 1.3, head * 1.05, head * 0.65, Rgb::new(60, 40, 30));
        });
    });
}

/// A person's pose at full height (k = 1): hip, torso lean, feet and hands.
struct Pose {
    hip: (f32, f32),
    /// Degrees the torso tips forward (towards +x) from upright.
    lean: f32,
    /// Far foot, near foot.
    feet: [(f32, f32); 2],
    /// Knees placed by hand instead of bent towards the front (sitting).
    knees: Option<[(f32, f32); 2]>,
    /// Far hand, near hand, as offsets from the shoulder.
    hands: [(f32, f32); 2],
    /// Which way each elbow bends (far, near).
    elbows: [(f32, f32); 2],
    /// Something held in both hands.
    held: Held,
}

#[derive(Clone, Copy, PartialEq)]
enum Held {
    Nothing,
    Book,
    Device,
}

const THIGH: f32 = 0.23;
const SHIN: f32 = 0.22;
const UPPER_ARM: f32 = 0.17;
const FOREARM: f32 = 0.16;
const TORSO: f32 = 0.35;

/// A point at `r` from the joint, `deg` degrees from straight down, turning towards the front.
fn dir(deg: f32, r: f32) -> (f32, f32) {
    let t = deg.to_radians();
    (t.sin() * r, t.cos() * r)
}

/// Two-bone reach from `s` towards `t`: the middle joint, bent towards `pref`, and the end.
fn reach(s: (f32, f32), t: (f32, f32), l1: f32, l2: f32, pref: (f32, f32)) -> ((f32, f32), (f32, f32)) {
    let (dx, dy) = (t.0 - s.0, t.1 - s.1);
    let d = (dx * dx + dy * dy).sqrt().max(1e-4);
    let dc = d.clamp((l1 - l2).abs() + 1e-3, l1 + l2 - 1e-3);
    let (ux, uy) = (dx / d, dy / d);
    let end = (s.0 + ux * dc, s.1 + uy * dc);
    let along = (l1 * l1 + dc * dc - l2 * l2) / (2.0 * dc);
    let side = (l1 * l1 - along * along).max(0.0).sqrt();
    let (nx, ny) = if -uy * pref.0 + ux * pref.1 >= 0.0 { (-uy, ux) } else { (uy, -ux) };
    ((s.0 + ux * along + nx * side, s.1 + uy * along + ny * side), end)
}

/// The pose for what the prompt has a person doing; None keeps the walking/idle figure.
fn pose_for(act: crate::plan::Action, a: &Anim, h: f32) -> Option<Pose> {
    use crate::plan::Action as A;
    let w = |hz: f32| a.wave(hz);
    let down = (0.0, 1.0);
    let stand = Pose {
        hip: (0.0, -0.44),
        lean: 3.0,
        feet: [(-0.04, 0.0), (0.04, 0.0)],
        knees: None,
        hands: [(0.02, 0.31), (0.03, 0.31)],
        elbows: [(-0.3, 1.0), (-0.3, 1.0)],
        held: Held::Nothing,
    };
    Some(match act {
        A::Sports => {
            // Wind up behind the head, then whip the near arm over and down in front.
            let s = w(0.8);
            let th = 110.0 + 80.0 * s;
            Pose {
                hip: (-0.02, -0.42),
                lean: 2.0 - 10.0 * s,
                feet: [(-0.16, 0.0), (0.13, 0.0)],
                hands: [dir(90.0 - 40.0 * s, 0.3), dir(th, 0.31)],
                elbows: [down, (-1.0, 0.3)],
                ..stand
            }
        }
        A::Exercising => {
            // Jumping jacks: both arms sweep from the sides to overhead as the feet spread.
            let s = w(0.9);
            let u = (s + 1.0) * 0.5;
            let th = 95.0 + 82.0 * s;
            Pose {
                hip: (0.0, -0.44 + 0.03 * u),
                lean: 0.0,
                feet: [(-0.05 - 0.09 * u, 0.0), (0.05 + 0.09 * u, 0.0)],
                hands: [dir(th - 10.0, 0.31), dir(th, 0.31)],
                elbows: [(-1.0, 0.0), (-1.0, 0.0)],
                ..stand
            }
        }
        A::Skating => {
            // Bent forward on the near skate, the far leg pushing back, arms out for balance.
            let s = w(0.6);
            Pose {
                hip: (-0.06, -0.39),
                lean: 24.0,
                feet: [(-0.3 - 0.06 * s, -0.02 - 0.04 * s.max(0.0)), (0.04, 0.0)],
                hands: [(-0.24, 0.1 - 0.04 * s), (0.26, 0.06 + 0.04 * s)],
                elbows: [down, down],
                ..stand
            }
        }
        A::Cooking => Pose {
            // Chopping: both forearms forward at the waist, the near hand tapping up and down.
            lean: 8.0,
            hands: [(0.16, 0.2), (0.19, 0.19 + 0.05 * w(2.5).abs())],
            ..stand
        },
        A::Crafting => Pose {
            // Drawing: hands forward at chest height, the near one tracing small loops.
            lean: 10.0,
            hands: [
                (0.19, 0.14),
                (0.23 + 0.025 * w(1.6), 0.12 + 0.02 * crate::math::sin_turns(a.t * 1.6 + a.phase + 0.25)),
            ],
            ..stand
        },
        A::Chores => {
            // Sweeping: bent forward, both hands swinging a low arc in front.
            let s = w(0.7);
            Pose {
                hip: (-0.04, -0.42),
                lean: 22.0,
                feet: [(-0.14, 0.0), (0.1, 0.0)],
                hands: [dir(38.0 + 24.0 * s, 0.24), dir(30.0 + 26.0 * s, 0.32)],
                ..stand
            }
        }
        A::Grooming => {
            // Brushing: the near hand at the mouth, scrubbing back and forth.
            let face = (h + 0.015 + 0.02 * w(3.0), -0.03 - 0.6 * h);
            Pose { hands: [(0.04, 0.3), face], elbows: [down, (1.0, 0.4)], ..stand }
        }
        A::Fighting => {
            // Boxing guard, the fists taking turns to punch forward.
            let s = w(1.4);
            let (f, n) = (s.max(0.0), (-s).max(0.0));
            Pose {
                hip: (-0.03, -0.42),
                lean: 10.0,
                feet: [(-0.14, 0.0), (0.1, 0.0)],
                hands: [(0.13 + 0.19 * f, -0.03 + 0.03 * f), (0.15 + 0.18 * n, -0.01 + 0.03 * n)],
                ..stand
            }
        }
        A::Gesturing => {
            // Clapping: the hands part and meet in front of the chest.
            let u = w(1.8).abs();
            Pose { hands: [(0.21 - 0.05 * u, 0.1 + 0.05 * u), (0.22 + 0.04 * u, 0.09 - 0.12 * u)], ..stand }
        }
        A::Embracing => {
            // Arms forward and wide, as if hugging, squeezing a little.
            let s = 0.02 * w(0.4);
            Pose { lean: 6.0, hands: [(0.27 + s, 0.02), (0.29 + s, 0.0)], elbows: [(0.0, -1.0), (0.0, -1.0)], ..stand }
        }
        A::Crawling => {
            // On hands and knees, limbs alternating.
            let s = w(0.7);
            let lift = |v: f32| 0.03 * v.max(0.0);
            Pose {
                hip: (-0.14, -0.24),
                lean: 76.0,
                feet: [(-0.36 - 0.05 * s, -0.03), (-0.36 + 0.05 * s, -0.03)],
                hands: [(0.04 - 0.05 * s, 0.31 - lift(-s)), (0.04 + 0.05 * s, 0.31 - lift(s))],
                elbows: [(-1.0, 0.0), (-1.0, 0.0)],
                ..stand
            }
        }
        A::Using | A::Reading => Pose {
            // Holding a book or a device up in front of the chest.
            lean: 4.0,
            hands: [(0.19, 0.12), (0.22, 0.13)],
            held: if act == A::Reading { Held::Book } else { Held::Device },
            ..stand
        },
        A::Playing => Pose {
            // Playing an instrument: the far hand forward and high, the near one strumming.
            lean: 5.0,
            hands: [(0.27, 0.06 + 0.01 * w(1.0)), (0.16, 0.2 + 0.035 * w(3.0))],
            ..stand
        },
        A::Waving => Pose {
            // One arm raised, the hand waving side to side.
            hands: [(0.03, 0.31), (0.12 + 0.07 * w(1.6), -0.26)],
            elbows: [down, (1.0, 0.6)],
            ..stand
        },
        A::Sitting => Pose {
            // Seated: thighs level, shins down, hands resting on the knees.
            hip: (-0.1, -0.24),
            lean: 0.0,
            feet: [(0.09, 0.0), (0.13, 0.0)],
            knees: Some([(0.09, -0.24), (0.13, -0.24)]),
            hands: [(0.14, 0.29), (0.18, 0.3)],
            ..stand
        },
        _ => return None,
    })
}

/// Draws a posed person at full height; `h` is the head radius.
fn posed(p: &mut Pen, c: Rgb, pose: &Pose, h: f32) {
    let legs = Rgb::new(44, 48, 66);
    let hip = pose.hip;
    let (ax, ay) = dir(180.0 - pose.lean, 1.0);
    let sh = (hip.0 + ax * (TORSO - 0.03), hip.1 + ay * (TORSO - 0.03));
    let head = (hip.0 + ax * (TORSO + 0.9 * h), hip.1 + ay * (TORSO + 0.9 * h));
    let leg = |i: usize| {
        let knee = match pose.knees {
            Some(k) => k[i],
            None => reach(hip, pose.feet[i], THIGH, SHIN, (1.0, 0.0)).0,
        };
        [hip, knee, pose.feet[i]]
    };
    let arm = |i: usize| {
        let (ox, oy) = pose.hands[i];
        let t = ((sh.0 + ox).clamp(-0.47, 0.47), (sh.1 + oy).max(-0.99));
        let (elbow, hand) = reach(sh, t, UPPER_ARM, FOREARM, pose.elbows[i]);
        [sh, elbow, hand]
    };
    let (far_arm, near_arm) = (arm(0), arm(1));
    p.lines(&leg(0), 0.07, legs.lit(0.8));
    p.lines(&far_arm, 0.055, c.lit(0.8));
    p.circle(far_arm[2].0, far_arm[2].1, 0.026, SKIN.lit(0.9));
    p.rotated(pose.lean, hip.0, hip.1, |p| {
        p.rrect(hip.0 - 0.09, hip.1 - TORSO, hip.0 + 0.09, hip.1 + 0.02, 0.05, c);
    });
    p.lines(&leg(1), 0.075, legs);
    p.circle(head.0, head.1, h, SKIN);
    p.ellipse(head.0 - 0.01, head.1 - h * 0.4, h * 1.05, h * 0.65, Rgb::new(60, 40, 30));
    let hand = near_arm[2];
    match pose.held {
        Held::Nothing => {}
        Held::Book => {
            let (x, y) = (hand.0 + 0.01, hand.1 - 0.02);
            p.poly(&[(x - 0.02, y + 0.06), (x + 0.03, y - 0.07), (x + 0.06, y - 0.06), (x + 0.01, y + 0.07)], WHITE);
            p.lines(&[(x - 0.02, y + 0.06), (x + 0.03, y - 0.07)], 0.012, Rgb::new(150, 60, 50));
        }
        Held::Device => {
            let (x, y) = (hand.0 + 0.015, hand.1 - 0.03);
            p.rotated(-20.0, x, y, |p| p.rrect(x - 0.015, y - 0.055, x + 0.015, y + 0.055, 0.01, DARK));
        }
    }
    p.lines(&near_arm, 0.055, c);
    p.circle(hand.0, hand.1, 0.028, SKIN);
}

fn crowd(p: &mut Pen, c: Rgb, a: &Anim) {
    let colours = [c, Rgb::new(200, 80, 70), Rgb::new(70, 120, 180), Rgb::new(90, 150, 90), Rgb::new(220, 180, 70)];
    for i in 0..7 {
        let x = -0.42 + i as f32 * 0.14;
        let s = 0.55 + 0.1 * ((i * 7 % 5) as f32 / 4.0);
        let sub = Anim { phase: a.phase + i as f32 * 0.37, ..*a };
        p.with(tiny_skia::Transform::from_row(s, 0.0, 0.0, s, x, 0.0), |p| {
            person(p, colours[i % colours.len()], &sub, 1.0, 0.09);
        });
    }
}

fn robot(p: &mut Pen, c: Rgb, a: &Anim) {
    let swing = legs_swing(a);
    let metal = c;
    p.rect(-0.1 - swing, -0.3, -0.03 - swing, 0.0, metal.lit(0.7));
    p.rect(0.03 + swing, -0.3, 0.1 + swing, 0.0, metal.lit(0.7));
    p.rrect(-0.18, -0.68, 0.18, -0.28, 0.03, metal);
    p.rect(-0.1, -0.58, 0.1, -0.4, metal.lit(0.75));
    for (i, col) in [Rgb::new(250, 80, 80), Rgb::new(80, 220, 120), Rgb::new(80, 160, 250)].into_iter().enumerate() {
        p.lamp(-0.06 + i as f32 * 0.06, -0.5, 0.02, col);
    }
    let arm = a.wave(0.5) * 0.06;
    p.lines(&[(-0.18, -0.64), (-0.28, -0.5 + arm), (-0.28, -0.36 + arm)], 0.05, metal.lit(0.85));
    p.lines(&[(0.18, -0.64), (0.28, -0.5 - arm), (0.28, -0.36 - arm)], 0.05, metal.lit(0.85));
    p.rrect(-0.14, -0.92, 0.14, -0.7, 0.04, metal);
    p.line(0.0, -0.92, 0.0, -1.0, 0.015, metal.lit(0.7));
    let blink = if a.wave(1.0) > 0.0 { Rgb::new(255, 80, 80) } else { Rgb::new(120, 40, 40) };
    p.lamp(0.0, -1.0, 0.025, blink);
    if a.lamps {
        p.glow(0.0, -0.81, 0.2, Rgb::new(120, 220, 255), 0.4);
    }
    p.lamp(-0.06, -0.81, 0.03, Rgb::new(120, 220, 255));
    p.lamp(0.06, -0.81, 0.03, Rgb::new(120, 220, 255));
}

fn dragon(p: &mut Pen, c: Rgb, a: &Anim) {
    let flap = a.wave(0.9);
    let cy = -0.5;
    p.poly(&[(-0.05, cy - 0.05), (-0.2, cy - 0.35 - 0.15 * flap), (0.15, cy - 0.05)], c.lit(0.75));
    p.curve((-0.2, cy), (-0.4, cy + 0.15), (-0.55, cy + 0.02), 0.06, c);
    p.poly(&[(-0.55, cy + 0.02), (-0.62, cy - 0.04), (-0.6, cy + 0.08)], c);
    p.ellipse(0.0, cy, 0.26, 0.1, c);
    p.line(0.2, cy - 0.02, 0.34, cy - 0.14, 0.08, c);
    p.ellipse(0.38, cy - 0.16, 0.1, 0.06, c);
    p.poly(&[(0.34, cy - 0.2), (0.3, cy - 0.3), (0.38, cy - 0.22)], c.lit(0.7));
    p.circle(0.4, cy - 0.18, 0.015, Rgb::new(255, 220, 60));
    for x in [-0.1, 0.1] {
        p.line(x, cy + 0.06, x + 0.02, cy + 0.18, 0.04, c.lit(0.85));
    }
    p.poly(
        &[(0.0, cy - 0.05), (0.15, cy - 0.4 - 0.2 * flap), (0.3, cy - 0.32 - 0.15 * flap), (0.12, cy - 0.02)],
        c.lit(0.9),
    );
    if a.wave(0.3) > 0.5 {
        p.glow(0.55, cy - 0.14, 0.14, Rgb::new(255, 150, 40), 0.8);
    }
}

fn dinosaur(p: &mut Pen, c: Rgb, a: &Anim) {
    let swing = legs_swing(a);
    for (x, s) in [(-0.15, -swing), (0.12, swing)] {
        p.line(x, -0.3, x - s, 0.0, 0.09, c.lit(0.8));
    }
    p.curve((-0.2, -0.38), (-0.45, -0.35), (-0.58, -0.2), 0.1, c);
    p.ellipse(0.0, -0.4, 0.26, 0.16, c);
    p.curve((0.18, -0.45), (0.32, -0.6), (0.3, -0.86), 0.09, c);
    p.ellipse(0.36, -0.88, 0.1, 0.06, c);
    p.circle(0.38, -0.9, 0.014, DARK);
    for (x, s) in [(-0.18, swing), (0.1, -swing)] {
        p.line(x, -0.3, x - s, 0.0, 0.1, c);
    }
}

fn monster(p: &mut Pen, c: Rgb, a: &Anim) {
    let squash = 1.0 + a.wave(0.7) * 0.04;
    p.with(tiny_skia::Transform::from_row(1.0 / squash, 0.0, 0.0, squash, 0.0, 0.0), |p| {
        p.ellipse(-0.18, -0.06, 0.09, 0.06, c.lit(0.8));
        p.ellipse(0.18, -0.06, 0.09, 0.06, c.lit(0.8));
        p.ellipse(0.0, -0.4, 0.34, 0.36, c);
        for x in [-0.2, 0.2] {
            p.poly(&[(x - 0.06, -0.7), (x * 1.4, -0.9), (x + 0.06, -0.72)], c.lit(0.8));
        }
        p.circle(-0.1, -0.52, 0.08, WHITE);
        p.circle(0.12, -0.54, 0.1, WHITE);
        p.circle(-0.08, -0.52, 0.035, DARK);
        p.circle(0.14, -0.53, 0.045, DARK);
        p.ellipse(0.02, -0.3, 0.18, 0.07, DARK);
        for i in 0..4 {
            let x = -0.12 + i as f32 * 0.08;
            p.poly(&[(x, -0.36), (x + 0.04, -0.28), (x + 0.08, -0.36)], WHITE);
        }
    });
}

fn alien(p: &mut Pen, c: Rgb, a: &Anim) {
    let skin = c;
    let sway = a.wave(0.4) * 2.0;
    p.rotated(sway, 0.0, 0.0, |p| {
        p.line(-0.05, -0.35, -0.07, 0.0, 0.05, skin.lit(0.8));
        p.line(0.05, -0.35, 0.07, 0.0, 0.05, skin.lit(0.8));
        p.rrect(-0.1, -0.6, 0.1, -0.3, 0.06, skin);
        p.line(-0.1, -0.56, -0.2, -0.36, 0.04, skin);
        p.line(0.1, -0.56, 0.22, -0.4, 0.04, skin);
        p.ellipse(0.0, -0.78, 0.18, 0.2, skin);
        p.ellipse(-0.07, -0.78, 0.06, 0.035, DARK);
        p.ellipse(0.07, -0.78, 0.06, 0.035, DARK);
        p.line(-0.06, -0.96, -0.1, -1.04, 0.012, skin);
        p.line(0.06, -0.96, 0.1, -1.04, 0.012, skin);
        p.circle(-0.1, -1.04, 0.02, skin);
        p.circle(0.1, -1.04, 0.02, skin);
    });
}

fn ghost(p: &mut Pen, c: Rgb, a: &Anim) {
    let mut pb = tiny_skia::PathBuilder::new();
    pb.move_to(-0.26, -0.1);
    pb.line_to(-0.26, -0.6);
    pb.cubic_to(-0.26, -1.0, 0.26, -1.0, 0.26, -0.6);
    pb.line_to(0.26, -0.1);
    for i in 0..4 {
        let x0 = 0.26 - i as f32 * 0.13;
        let w = a.wave(1.0) * 0.03;
        pb.quad_to(x0 - 0.065, 0.0 + w, x0 - 0.13, -0.1);
    }
    pb.close();
    p.glow(0.0, -0.5, 0.5, c, 0.25);
    p.fill_path(pb.finish(), c, 0.85);
    p.ellipse(-0.08, -0.62, 0.04, 0.06, DARK);
    p.ellipse(0.08, -0.62, 0.04, 0.06, DARK);
    p.ellipse(0.0, -0.46, 0.05, 0.04, DARK);
}

fn teddy(p: &mut Pen, c: Rgb, _a: &Anim) {
    let muzzle = c.mix(WHITE, 0.45);
    p.ellipse(-0.16, -0.06, 0.1, 0.07, c.lit(0.9));
    p.ellipse(0.16, -0.06, 0.1, 0.07, c.lit(0.9));
    p.ellipse(0.0, -0.28, 0.22, 0.24, c);
    p.ellipse(0.0, -0.26, 0.12, 0.14, muzzle);
    p.ellipse(-0.22, -0.34, 0.06, 0.12, c.lit(0.9));
    p.ellipse(0.22, -0.34, 0.06, 0.12, c.lit(0.9));
    p.circle(-0.14, -0.78, 0.07, c);
    p.circle(0.14, -0.78, 0.07, c);
    p.circle(0.0, -0.64, 0.18, c);
    p.ellipse(0.0, -0.58, 0.08, 0.06, muzzle);
    p.circle(0.0, -0.6, 0.025, DARK);
    p.circle(-0.07, -0.68, 0.02, DARK);
    p.circle(0.07, -0.68, 0.02, DARK);
}

fn snowman(p: &mut Pen, c: Rgb, _a: &Anim) {
    p.circle(0.0, -0.2, 0.2, c);
    p.circle(0.0, -0.52, 0.15, c);
    p.circle(0.0, -0.76, 0.11, c);
    p.rect(-0.09, -0.98, 0.09, -0.84, DARK);
    p.rect(-0.13, -0.86, 0.13, -0.84, DARK);
    p.poly(&[(0.03, -0.76), (0.2, -0.74), (0.03, -0.72)], Rgb::new(246, 130, 30));
    p.circle(-0.04, -0.8, 0.015, DARK);
    p.circle(0.05, -0.8, 0.015, DARK);
    p.line(-0.14, -0.55, -0.32, -0.68, 0.015, Rgb::new(100, 70, 40));
    p.line(0.14, -0.55, 0.32, -0.68, 0.015, Rgb::new(100, 70, 40));
    p.rect(-0.12, -0.66, 0.12, -0.62, Rgb::new(200, 40, 40));
    for y in [-0.56, -0.48, -0.4] {
        p.circle(0.0, y, 0.015, DARK);
    }
}
