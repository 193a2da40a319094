//! Nature on the ground and at sea: trees, flowers, leaves, mountains, volcanoes, rocks,
//! waves and icebergs.

use crate::draw::{Anim, Pen, WHITE};
use crate::math::{cos_turns, sin_turns};
use crate::palette::Rgb;

pub(super) fn tree(p: &mut Pen, c: Rgb, a: &Anim) {
    let sway = a.wave(0.2) * 0.02;
    p.poly(&[(-0.05, 0.0), (-0.03, -0.45), (0.03, -0.45), (0.05, 0.0)], Rgb::new(100, 68, 40));
    for (x, y, r, k) in
        [(-0.16, -0.52, 0.2, 0.8), (0.16, -0.54, 0.2, 0.85), (0.0, -0.72, 0.25, 1.0), (-0.06, -0.5, 0.18, 0.9)]
    {
        p.circle(x + sway * (1.0 - y), y, r, c.lit(k));
    }
    p.circle(0.06, -0.8, 0.1, c.mix(WHITE, 0.15));
}

pub(super) fn palm(p: &mut Pen, c: Rgb, a: &Anim) {
    let sway = a.wave(0.25) * 0.03;
    p.curve((0.0, 0.0), (0.05, -0.45), (0.12 + sway, -0.88), 0.05, Rgb::new(130, 96, 60));
    let (tx, ty) = (0.12 + sway, -0.88);
    for k in 0..7 {
        let ang = -0.05 - k as f32 * 0.075;
        let (s, co) = (sin_turns(ang), cos_turns(ang));
        p.curve((tx, ty), (tx + co * 0.25, ty + s * 0.3 - 0.1), (tx + co * 0.4, ty + s * 0.25 + 0.12), 0.04, c);
    }
    p.circle(tx, ty + 0.03, 0.04, Rgb::new(100, 70, 40));
}

pub(super) fn flower(p: &mut Pen, c: Rgb, a: &Anim) {
    let sway = a.wave(0.3) * 0.03;
    let (hx, hy) = (sway, -0.72);
    p.curve((0.0, 0.0), (0.02, -0.4), (hx, hy), 0.035, Rgb::new(60, 130, 60));
    p.ellipse(0.1, -0.35, 0.1, 0.04, Rgb::new(70, 150, 70));
    for k in 0..6 {
        let ang = k as f32 / 6.0 + a.t * 0.02;
        p.circle(hx + cos_turns(ang) * 0.12, hy + sin_turns(ang) * 0.12, 0.1, c);
    }
    p.circle(hx, hy, 0.08, Rgb::new(250, 200, 60));
}

pub(super) fn leaf(p: &mut Pen, c: Rgb) {
    let mut pb = tiny_skia::PathBuilder::new();
    pb.move_to(-0.4, -0.5);
    pb.quad_to(0.0, -0.85, 0.4, -0.5);
    pb.quad_to(0.0, -0.15, -0.4, -0.5);
    pb.close();
    p.fill_path(pb.finish(), c, 1.0);
    p.line(-0.45, -0.48, 0.38, -0.5, 0.015, c.lit(0.7));
}

pub(super) fn mountain(p: &mut Pen, c: Rgb) {
    p.poly(&[(-0.5, 0.0), (-0.05, -0.85), (0.1, -0.7), (0.2, -0.78), (0.5, 0.0)], c);
    p.poly(&[(-0.05, -0.85), (0.5, 0.0), (0.15, 0.0)], c.lit(0.8));
    p.poly(&[(-0.05, -0.85), (-0.16, -0.64), (-0.08, -0.68), (0.0, -0.62), (0.06, -0.7), (0.1, -0.7)], WHITE);
}

pub(super) fn volcano(p: &mut Pen, c: Rgb, a: &Anim) {
    for k in 0..4 {
        let u = crate::math::fract(a.t * 0.15 + k as f32 * 0.25);
        p.circle(
            0.05 + u * 0.15,
            -0.7 - u * 0.35,
            0.08 + u * 0.12,
            Rgb::new(90, 90, 96).mix(Rgb::new(160, 160, 166), u),
        );
    }
    p.glow(0.0, -0.66, 0.3, Rgb::new(255, 110, 30), 0.6);
    p.poly(&[(-0.5, 0.0), (-0.1, -0.66), (0.1, -0.66), (0.5, 0.0)], c);
    p.poly(&[(-0.08, -0.66), (0.08, -0.66), (0.03, -0.4), (0.06, -0.2), (-0.02, -0.45)], Rgb::new(255, 110, 30));
}

pub(super) fn rock(p: &mut Pen, c: Rgb) {
    p.poly(&[(-0.45, 0.0), (-0.38, -0.3), (-0.1, -0.45), (0.2, -0.4), (0.42, -0.18), (0.46, 0.0)], c);
    p.poly(&[(0.2, -0.4), (0.42, -0.18), (0.46, 0.0), (0.1, 0.0)], c.lit(0.8));
}

pub(super) fn wave(p: &mut Pen, c: Rgb, a: &Anim) {
    let roll = a.wave(0.3) * 0.03;
    let mut pb = tiny_skia::PathBuilder::new();
    pb.move_to(-0.5, 0.0);
    pb.cubic_to(-0.3, -0.1, -0.1, -0.9 + roll, 0.2, -0.8);
    pb.cubic_to(0.4, -0.75, 0.45, -0.55, 0.3, -0.5);
    pb.cubic_to(0.2, -0.65, 0.05, -0.5, 0.2, -0.3);
    pb.cubic_to(0.3, -0.15, 0.45, -0.1, 0.5, 0.0);
    pb.close();
    p.fill_path(pb.finish(), c, 1.0);
    p.curve((-0.1, -0.7), (0.1, -0.86), (0.3, -0.72), 0.05, WHITE);
}

pub(super) fn iceberg(p: &mut Pen, c: Rgb) {
    p.poly(&[(-0.5, 0.0), (-0.3, -0.4), (-0.1, -0.5), (0.05, -0.8), (0.25, -0.45), (0.5, 0.0)], WHITE.mix(c, 0.15));
    p.poly(&[(0.05, -0.8), (0.25, -0.45), (0.5, 0.0), (0.1, 0.0)], WHITE.mix(c, 0.45));
    p.poly_a(&[(-0.45, 0.0), (0.45, 0.0), (0.3, 0.2), (-0.3, 0.2)], c, 0.5);
}
