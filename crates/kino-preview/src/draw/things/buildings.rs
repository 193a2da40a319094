//! Buildings: houses, lighthouses, towers, bridges, castles, windmills, tents, statues,
//! fountains, a ferris wheel and a pyramid.

use crate::draw::{Anim, DARK, GLASS, Pen, WARM_LIGHT, WHITE};
use crate::math::{cos_turns, sin_turns};
use crate::palette::Rgb;

fn lit_window(a: &Anim, i: usize) -> Rgb {
    if a.lamps && !(i * 7919).is_multiple_of(3) { WARM_LIGHT } else { GLASS }
}

pub(super) fn house(p: &mut Pen, c: Rgb, a: &Anim) {
    p.rect(-0.4, -0.55, 0.4, 0.0, c);
    p.poly(&[(-0.48, -0.53), (0.0, -0.95), (0.48, -0.53)], Rgb::new(160, 60, 50));
    p.rect(0.18, -0.95, 0.28, -0.7, Rgb::new(140, 70, 60));
    p.rect(-0.08, -0.3, 0.08, 0.0, Rgb::new(110, 70, 40));
    for (i, x) in [-0.3, 0.16].into_iter().enumerate() {
        p.rect(x, -0.42, x + 0.14, -0.26, lit_window(a, i + 1));
        p.line(x + 0.07, -0.42, x + 0.07, -0.26, 0.012, WHITE);
    }
}

pub(super) fn lighthouse(p: &mut Pen, c: Rgb, a: &Anim) {
    if a.lamps {
        let sweep = sin_turns(a.t * 0.25);
        let end = 2.5 * sweep;
        p.poly_a(&[(0.0, -0.84), (end, -0.95), (end, -0.7)], WARM_LIGHT, 0.28);
        p.glow(0.0, -0.84, 0.3, WARM_LIGHT, 0.7);
    }
    p.poly(&[(-0.16, 0.0), (-0.1, -0.76), (0.1, -0.76), (0.16, 0.0)], c);
    for k in 0..3 {
        let y0 = -0.12 - k as f32 * 0.22;
        let w0 = 0.16 - (-y0) * 0.08;
        let w1 = 0.16 - (-(y0 - 0.1)) * 0.08;
        p.poly(&[(-w0, y0), (-w1, y0 - 0.1), (w1, y0 - 0.1), (w0, y0)], Rgb::new(200, 40, 40));
    }
    p.rect(-0.13, -0.78, 0.13, -0.75, DARK);
    p.rect(-0.08, -0.9, 0.08, -0.78, if a.lamps { WARM_LIGHT } else { GLASS });
    p.poly(&[(-0.11, -0.9), (0.0, -1.0), (0.11, -0.9)], Rgb::new(180, 40, 40));
}

pub(super) fn skyscraper(p: &mut Pen, c: Rgb, a: &Anim) {
    p.rect(-0.18, -1.0, 0.18, 0.0, c);
    p.rect(-0.03, -1.08, 0.03, -1.0, c.lit(0.8));
    for row in 0..18 {
        for col in 0..4 {
            let x = -0.15 + col as f32 * 0.08;
            let y = -0.96 + row as f32 * 0.052;
            p.rect(x, y, x + 0.05, y + 0.03, lit_window(a, row * 4 + col));
        }
    }
}

pub(super) fn tower(p: &mut Pen, c: Rgb, a: &Anim) {
    // A lattice tower: two curved legs, platforms, a spire.
    p.poly(&[(-0.35, 0.0), (-0.06, -0.75), (0.06, -0.75), (0.35, 0.0), (0.22, 0.0), (0.0, -0.5), (-0.22, 0.0)], c);
    p.rect(-0.2, -0.32, 0.2, -0.28, c.lit(0.8));
    p.rect(-0.1, -0.6, 0.1, -0.57, c.lit(0.8));
    p.poly(&[(-0.05, -0.75), (0.0, -1.0), (0.05, -0.75)], c);
    if a.lamps {
        p.glow(0.0, -1.0, 0.08, Rgb::new(255, 80, 80), 0.8);
    }
}

pub(super) fn bridge(p: &mut Pen, c: Rgb, a: &Anim) {
    for x in [-0.28, 0.28] {
        p.rect(x - 0.03, -0.7, x + 0.03, 0.0, c);
    }
    p.rect(-0.5, -0.3, 0.5, -0.25, c.lit(0.8));
    p.curve((-0.5, -0.4), (-0.39, -0.4), (-0.28, -0.7), 0.012, c);
    p.curve((-0.28, -0.7), (0.0, -0.1), (0.28, -0.7), 0.012, c);
    p.curve((0.28, -0.7), (0.39, -0.4), (0.5, -0.4), 0.012, c);
    for i in 0..9 {
        let x = -0.22 + i as f32 * 0.055;
        let u = (x + 0.28) / 0.56;
        let y = -0.7 + 4.0 * 0.3 * u * (1.0 - u);
        let y = -0.7 + (y + 0.7) * 1.0;
        p.line(x, y.min(-0.3), x, -0.3, 0.006, c);
    }
    if a.lamps {
        for i in 0..8 {
            p.lamp(-0.45 + i as f32 * 0.13, -0.31, 0.008, WARM_LIGHT);
        }
    }
}

pub(super) fn castle(p: &mut Pen, c: Rgb, a: &Anim) {
    p.rect(-0.35, -0.5, 0.35, 0.0, c);
    for x in [-0.42, 0.3] {
        p.rect(x, -0.75, x + 0.12, 0.0, c.lit(0.9));
        p.poly(&[(x - 0.02, -0.75), (x + 0.06, -0.92), (x + 0.14, -0.75)], Rgb::new(90, 70, 140));
    }
    for i in 0..6 {
        let x = -0.3 + i as f32 * 0.11;
        p.rect(x, -0.56, x + 0.06, -0.5, c);
    }
    let mut pb = tiny_skia::PathBuilder::new();
    pb.move_to(-0.08, 0.0);
    pb.line_to(-0.08, -0.18);
    pb.quad_to(0.0, -0.28, 0.08, -0.18);
    pb.line_to(0.08, 0.0);
    pb.close();
    p.fill_path(pb.finish(), Rgb::new(60, 40, 30), 1.0);
    for (i, x) in [-0.2, 0.14].into_iter().enumerate() {
        p.rect(x, -0.38, x + 0.05, -0.28, lit_window(a, i));
    }
}

pub(super) fn windmill(p: &mut Pen, c: Rgb, a: &Anim) {
    p.poly(&[(-0.16, 0.0), (-0.08, -0.62), (0.08, -0.62), (0.16, 0.0)], c);
    p.poly(&[(-0.1, -0.6), (0.0, -0.72), (0.1, -0.6)], Rgb::new(150, 70, 50));
    p.rect(-0.04, -0.16, 0.04, 0.0, Rgb::new(110, 70, 40));
    let turn = a.t * 0.15 + a.phase;
    for k in 0..4 {
        let ang = turn + k as f32 * 0.25;
        let (s, co) = (sin_turns(ang), cos_turns(ang));
        let (hx, hy) = (0.0, -0.62);
        let (ex, ey) = (hx + co * 0.42, hy + s * 0.42);
        let (nx, ny) = (-s * 0.06, co * 0.06);
        p.line(hx, hy, ex, ey, 0.015, Rgb::new(90, 60, 40));
        p.poly(
            &[(hx + co * 0.1, hy + s * 0.1), (ex, ey), (ex + nx, ey + ny), (hx + co * 0.1 + nx, hy + s * 0.1 + ny)],
            WHITE.lit(0.9),
        );
    }
    p.circle(0.0, -0.62, 0.03, DARK);
}

pub(super) fn tent(p: &mut Pen, c: Rgb, a: &Anim) {
    p.poly(&[(-0.45, 0.0), (0.0, -0.6), (0.45, 0.0)], c);
    p.poly(&[(-0.1, 0.0), (0.0, -0.4), (0.1, 0.0)], if a.lamps { WARM_LIGHT } else { c.lit(0.5) });
    p.line(0.0, -0.6, 0.0, -0.68, 0.015, DARK);
}

pub(super) fn statue(p: &mut Pen, c: Rgb) {
    p.rect(-0.2, -0.22, 0.2, 0.0, c.lit(0.8));
    p.rect(-0.16, -0.26, 0.16, -0.22, c.lit(0.9));
    p.rrect(-0.08, -0.7, 0.08, -0.26, 0.04, c);
    p.line(0.07, -0.66, 0.18, -0.95, 0.045, c);
    p.line(-0.07, -0.66, -0.12, -0.45, 0.045, c);
    p.circle(0.0, -0.78, 0.07, c);
    p.poly(&[(0.14, -0.95), (0.22, -1.02), (0.2, -0.92)], Rgb::new(255, 200, 80));
}

pub(super) fn fountain(p: &mut Pen, c: Rgb, a: &Anim) {
    let water = Rgb::new(170, 210, 240);
    for k in 0..6 {
        let s = if k % 2 == 0 { 1.0 } else { -1.0 };
        let reach = 0.2 + 0.04 * (k / 2) as f32 + 0.01 * a.wave(2.0);
        p.curve((0.0, -0.6), (s * reach * 0.6, -0.95), (s * reach, -0.28), 0.015, water);
    }
    p.line(0.0, -0.3, 0.0, -0.62, 0.05, c.lit(0.9));
    p.ellipse(0.0, -0.3, 0.45, 0.07, c);
    p.rect(-0.45, -0.3, 0.45, -0.08, c);
    p.ellipse(0.0, -0.31, 0.4, 0.04, water.lit(0.9));
    p.ellipse(0.0, -0.62, 0.14, 0.03, c);
}

pub(super) fn ferris_wheel(p: &mut Pen, c: Rgb, a: &Anim) {
    let (cx, cy, r) = (0.0, -0.52, 0.42);
    p.line(-0.25, 0.0, cx, cy, 0.03, c.lit(0.8));
    p.line(0.25, 0.0, cx, cy, 0.03, c.lit(0.8));
    let mut pb = tiny_skia::PathBuilder::new();
    if let Some(rect) = tiny_skia::Rect::from_xywh(cx - r, cy - r, 2.0 * r, 2.0 * r) {
        pb.push_oval(rect);
    }
    p.stroke(pb.finish(), 0.02, c, 1.0);
    let turn = a.t * 0.04;
    for k in 0..10 {
        let ang = turn + k as f32 / 10.0;
        let (x, y) = (cx + cos_turns(ang) * r, cy + sin_turns(ang) * r);
        p.line(cx, cy, x, y, 0.008, c);
        let col = [Rgb::new(230, 70, 70), Rgb::new(70, 150, 230), Rgb::new(250, 200, 60)][k % 3];
        p.rrect(x - 0.035, y, x + 0.035, y + 0.06, 0.01, col);
        if a.lamps {
            p.lamp(x, y, 0.01, WARM_LIGHT);
        }
    }
    p.circle(cx, cy, 0.04, c.lit(0.8));
}

pub(super) fn pyramid(p: &mut Pen, c: Rgb) {
    p.poly(&[(-0.5, 0.0), (0.0, -0.6), (0.5, 0.0)], c);
    p.poly(&[(0.0, -0.6), (0.5, 0.0), (0.12, 0.0)], c.lit(0.75));
}
