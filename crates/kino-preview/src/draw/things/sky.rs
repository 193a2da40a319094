//! Sky bodies, fire and weather: clouds, the sun and moon, stars, planets, rainbows, fire,
//! tornadoes and snowflakes.

use crate::draw::{Anim, DARK, Pen, WHITE};
use crate::math::{cos_turns, sin_turns};
use crate::palette::Rgb;

pub(super) fn cloud(p: &mut Pen, c: Rgb) {
    for (x, y, r) in [(-0.28, -0.35, 0.18), (-0.05, -0.48, 0.25), (0.22, -0.4, 0.2), (0.36, -0.3, 0.12)] {
        p.circle(x, y, r, c);
    }
    p.rrect(-0.46, -0.4, 0.48, -0.18, 0.11, c);
    p.rect_a(-0.4, -0.26, 0.42, -0.18, DARK, 0.08);
}

pub(super) fn sun(p: &mut Pen, c: Rgb, a: &Anim) {
    p.glow(0.0, -0.5, 0.5, c, 0.5);
    let turn = a.t * 0.03;
    for k in 0..12 {
        let ang = turn + k as f32 / 12.0;
        let (s, co) = (sin_turns(ang), cos_turns(ang));
        p.line(co * 0.28, -0.5 + s * 0.28, co * 0.42, -0.5 + s * 0.42, 0.03, c);
    }
    p.lamp(0.0, -0.5, 0.22, c);
}

pub(super) fn moon(p: &mut Pen, c: Rgb) {
    p.glow(0.0, -0.5, 0.5, c, 0.35);
    let mut pb = tiny_skia::PathBuilder::new();
    pb.move_to(0.05, -0.9);
    pb.cubic_to(-0.5, -0.85, -0.5, -0.15, 0.05, -0.1);
    pb.cubic_to(-0.2, -0.3, -0.2, -0.7, 0.05, -0.9);
    pb.close();
    p.fill_path(pb.finish(), c, 1.0);
}

pub(super) fn star(p: &mut Pen, c: Rgb, a: &Anim) {
    let tw = 0.8 + 0.2 * a.wave(1.5);
    p.glow(0.0, -0.5, 0.5, c, 0.45 * tw);
    let mut pts = Vec::with_capacity(10);
    for k in 0..10 {
        let r = if k % 2 == 0 { 0.42 * tw } else { 0.17 * tw };
        let ang = -0.25 + k as f32 / 10.0;
        pts.push((cos_turns(ang) * r, -0.5 + sin_turns(ang) * r));
    }
    p.poly(&pts, c);
}

pub(super) fn planet(p: &mut Pen, c: Rgb) {
    let ring = c.mix(WHITE, 0.4);
    p.with(tiny_skia::Transform::from_rotate_at(-18.0, 0.0, -0.5), |p| {
        let mut back = tiny_skia::PathBuilder::new();
        if let Some(r) = tiny_skia::Rect::from_ltrb(-0.5, -0.6, 0.5, -0.4) {
            back.push_oval(r);
        }
        p.stroke(back.finish(), 0.04, ring, 0.9);
        p.circle(0.0, -0.5, 0.28, c);
        p.ellipse_a(0.0, -0.55, 0.27, 0.05, c.lit(0.8), 0.6);
        p.ellipse_a(0.0, -0.44, 0.25, 0.04, c.lit(1.2), 0.5);
        let mut front = tiny_skia::PathBuilder::new();
        front.move_to(-0.5, -0.5);
        front.cubic_to(-0.5, -0.38, 0.5, -0.38, 0.5, -0.5);
        p.stroke(front.finish(), 0.04, ring, 0.9);
    });
}

pub(super) fn rainbow(p: &mut Pen) {
    let colours = [
        Rgb::new(230, 60, 60),
        Rgb::new(246, 150, 50),
        Rgb::new(246, 220, 70),
        Rgb::new(80, 180, 80),
        Rgb::new(70, 130, 220),
        Rgb::new(130, 80, 200),
    ];
    for (i, c) in colours.into_iter().enumerate() {
        let r = 0.5 - i as f32 * 0.04;
        let mut pb = tiny_skia::PathBuilder::new();
        pb.move_to(-r, 0.0);
        pb.cubic_to(-r, -r * 1.33, r, -r * 1.33, r, 0.0);
        p.stroke(pb.finish(), 0.04, c, 0.7);
    }
}

pub(super) fn fire(p: &mut Pen, c: Rgb, a: &Anim) {
    p.glow(0.0, -0.35, 0.6, Rgb::new(255, 140, 40), 0.45 + 0.1 * a.wave(5.0));
    for x in [-0.2, 0.0, 0.2] {
        p.rect(x - 0.18, -0.06, x + 0.18, 0.0, Rgb::new(90, 60, 40));
    }
    for (layer, col, k) in [(0, c, 1.0), (1, Rgb::new(255, 200, 60), 0.65), (2, Rgb::new(255, 245, 200), 0.35)] {
        let mut pb = tiny_skia::PathBuilder::new();
        pb.move_to(-0.3 * k, -0.02);
        for i in 0..4 {
            let x = (-0.3 + 0.2 * i as f32) * k;
            let h = (0.55 + 0.25 * sin_turns(a.t * 3.0 + i as f32 * 0.37 + layer as f32 * 0.2)) * k;
            pb.quad_to(x - 0.05 * k, -h * 0.5, x + 0.1 * k, -h);
            pb.quad_to(x + 0.12 * k, -h * 0.5, x + 0.2 * k, -0.1 * k);
        }
        pb.line_to(0.3 * k, -0.02);
        pb.close();
        p.fill_path(pb.finish(), col, 1.0);
    }
}

pub(super) fn tornado(p: &mut Pen, c: Rgb, a: &Anim) {
    for k in 0..10 {
        let u = k as f32 / 9.0;
        let y = -u * 0.95;
        let x = sin_turns(a.t * 0.4 + u * 0.6) * 0.06 * u;
        p.ellipse_a(x, y, 0.04 + u * 0.38, 0.05 + u * 0.02, c.lit(0.8 + 0.2 * u), 0.75);
    }
}

pub(super) fn snowflake(p: &mut Pen, c: Rgb) {
    for k in 0..6 {
        let ang = k as f32 / 6.0;
        let (s, co) = (sin_turns(ang), cos_turns(ang));
        p.line(0.0, -0.5, co * 0.42, -0.5 + s * 0.42, 0.04, c);
        let (mx, my) = (co * 0.26, -0.5 + s * 0.26);
        let (s2, c2) = (sin_turns(ang + 0.1), cos_turns(ang + 0.1));
        let (s3, c3) = (sin_turns(ang - 0.1), cos_turns(ang - 0.1));
        p.line(mx, my, mx + c2 * 0.1, my + s2 * 0.1, 0.03, c);
        p.line(mx, my, mx + c3 * 0.1, my + s3 * 0.1, 0.03, c);
    }
}
