//! Objects: cups, kites, balls, lamps and candles, books, instruments, clocks, furniture,
//! gifts and food, flags, screens, bottles and bells.

use crate::draw::{Anim, DARK, KITE_KNOT, Pen, WARM_LIGHT, WHITE};
use crate::math::{cos_turns, sin_turns};
use crate::motion::Motion;
use crate::palette::Rgb;

/// A mug on a saucer, seen from the side; its steam is drawn by the canvas as particles.
pub(super) fn cup(p: &mut Pen, c: Rgb) {
    p.ellipse_a(0.0, 0.0, 0.48, 0.05, Rgb::new(0, 0, 0), 0.25);
    p.ellipse(0.0, -0.04, 0.44, 0.06, c.lit(0.85));
    p.ellipse(0.0, -0.06, 0.3, 0.035, c.lit(0.7));
    // Handle: a thick ring on the right.
    let mut pb = tiny_skia::PathBuilder::new();
    if let Some(r) = tiny_skia::Rect::from_ltrb(0.17, -0.5, 0.42, -0.22) {
        pb.push_oval(r);
    }
    p.stroke(pb.finish(), 0.06, c.lit(0.9), 1.0);
    let mut pb = tiny_skia::PathBuilder::new();
    pb.move_to(-0.28, -0.6);
    pb.line_to(0.28, -0.6);
    pb.line_to(0.24, -0.14);
    pb.quad_to(0.22, -0.07, 0.14, -0.07);
    pb.line_to(-0.14, -0.07);
    pb.quad_to(-0.22, -0.07, -0.24, -0.14);
    pb.close();
    p.fill_path(pb.finish(), c, 1.0);
    // Shading down the right side and a highlight on the left.
    p.poly_a(&[(0.12, -0.6), (0.28, -0.6), (0.24, -0.14), (0.1, -0.08)], DARK, 0.18);
    p.rect_a(-0.2, -0.54, -0.15, -0.16, WHITE, 0.35);
    p.ellipse(0.0, -0.6, 0.28, 0.05, c.lit(0.8));
    p.ellipse(0.0, -0.6, 0.25, 0.038, Rgb::new(92, 52, 26));
    p.ellipse_a(-0.05, -0.605, 0.1, 0.012, Rgb::new(200, 150, 100), 0.6);
}

pub(super) fn kite(p: &mut Pen, c: Rgb, a: &Anim) {
    let tilt = a.wave(0.35) * 8.0;
    p.rotated(tilt, 0.0, -0.6, |p| {
        // Tail: a ribbon with bows, whipping in the wind.
        let mut pts = Vec::with_capacity(10);
        for k in 0..10 {
            let y = -0.25 + k as f32 * 0.065;
            let x = sin_turns(a.t * 1.3 - k as f32 * 0.12) * 0.05 * (k as f32 / 3.0).min(1.5);
            pts.push((x - k as f32 * 0.02, y));
        }
        p.lines(&pts, 0.012, DARK);
        for (i, &(x, y)) in pts.iter().enumerate().skip(2).step_by(2) {
            let bow = if i % 4 == 0 { c } else { Rgb::new(250, 220, 80) };
            p.poly(&[(x - 0.05, y - 0.025), (x + 0.05, y + 0.025), (x + 0.05, y - 0.025), (x - 0.05, y + 0.025)], bow);
        }
        let (t, l, r, b) = ((0.0, -1.0), (-0.3, -0.62), (0.3, -0.62), (0.0, -0.25));
        p.poly(&[t, r, (0.0, -0.62)], c);
        p.poly(&[t, l, (0.0, -0.62)], c.lit(0.82));
        p.poly(&[l, b, (0.0, -0.62)], c.mix(WHITE, 0.25));
        p.poly(&[r, b, (0.0, -0.62)], c.lit(0.92));
        p.line(t.0, t.1, b.0, b.1, 0.015, DARK.lit(1.5));
        p.line(l.0, l.1, r.0, r.1, 0.015, DARK.lit(1.5));
        let _ = KITE_KNOT;
    });
}

pub(super) fn ball(p: &mut Pen, c: Rgb, a: &Anim) {
    p.ellipse_a(0.0, 0.0, 0.4, 0.04, Rgb::new(0, 0, 0), 0.25);
    p.circle(0.0, -0.45, 0.42, c);
    let spin = if a.motion == Motion::Travel { -a.t * 0.6 } else { 0.0 };
    p.rotated(spin * 360.0, 0.0, -0.45, |p| {
        p.curve((-0.42, -0.45), (0.0, -0.3), (0.42, -0.45), 0.06, WHITE);
        p.curve((0.0, -0.87), (0.15, -0.45), (0.0, -0.03), 0.06, WHITE);
    });
    p.ellipse_a(-0.14, -0.62, 0.1, 0.08, WHITE, 0.4);
}

pub(super) fn balloon(p: &mut Pen, c: Rgb, a: &Anim) {
    let sway = a.wave(0.3) * 0.04;
    p.curve((0.0, -0.36), (0.06 + sway, -0.18), (sway * 2.0, 0.0), 0.01, Rgb::new(200, 200, 200));
    p.ellipse(0.0, -0.7, 0.25, 0.3, c);
    p.poly(&[(-0.04, -0.38), (0.04, -0.38), (0.0, -0.42)], c.lit(0.8));
    p.ellipse_a(-0.09, -0.8, 0.06, 0.1, WHITE, 0.45);
}

pub(super) fn lamp(p: &mut Pen, c: Rgb, a: &Anim) {
    let pole = Rgb::new(50, 54, 60);
    if a.lamps {
        p.glow(0.15, -0.9, 0.45, WARM_LIGHT, 0.5);
        p.poly_a(&[(0.08, -0.9), (0.22, -0.9), (0.45, 0.0), (-0.15, 0.0)], WARM_LIGHT, 0.12);
    }
    p.rect(-0.03, -0.98, 0.03, 0.0, pole);
    p.rect(-0.08, -0.04, 0.08, 0.0, pole);
    p.lines(&[(0.0, -0.98), (0.15, -0.98), (0.15, -0.95)], 0.03, pole);
    p.poly(&[(0.08, -0.92), (0.22, -0.92), (0.19, -0.96), (0.11, -0.96)], pole);
    p.lamp(0.15, -0.9, 0.035, if a.lamps { WARM_LIGHT } else { c.mix(WHITE, 0.5) });
}

pub(super) fn lantern(p: &mut Pen, c: Rgb, a: &Anim) {
    let flick = 0.85 + 0.15 * a.wave(3.0);
    p.glow(0.0, -0.45, 0.6, c.mix(WARM_LIGHT, 0.4), 0.45 * flick);
    p.ellipse(0.0, -0.45, 0.26, 0.32, c);
    for x in [-0.13, 0.0, 0.13] {
        p.curve((x * 0.3, -0.77), (x * 2.0, -0.45), (x * 0.3, -0.13), 0.012, c.lit(0.7));
    }
    p.rect(-0.1, -0.8, 0.1, -0.74, DARK);
    p.rect(-0.1, -0.16, 0.1, -0.1, DARK);
    p.ellipse_a(0.0, -0.45, 0.14, 0.2, WARM_LIGHT, 0.5 * flick);
}

pub(super) fn candle(p: &mut Pen, c: Rgb, a: &Anim) {
    let flick = a.wave(4.0) * 0.02;
    p.glow(0.0, -0.82, 0.4, WARM_LIGHT, 0.5);
    p.rect(-0.1, -0.65, 0.1, 0.0, c.mix(WHITE, 0.6));
    p.ellipse(0.0, -0.65, 0.1, 0.03, c.mix(WHITE, 0.75));
    p.line(0.0, -0.65, 0.0, -0.7, 0.012, DARK);
    let mut pb = tiny_skia::PathBuilder::new();
    pb.move_to(0.0, -0.7);
    pb.quad_to(0.06, -0.74, flick, -0.9);
    pb.quad_to(-0.06, -0.74, 0.0, -0.7);
    pb.close();
    p.fill_path(pb.finish(), Rgb::new(255, 200, 80), 1.0);
}

pub(super) fn book(p: &mut Pen, c: Rgb) {
    p.poly(&[(-0.48, -0.08), (0.0, -0.02), (0.48, -0.08), (0.48, -0.02), (0.0, 0.04), (-0.48, -0.02)], c);
    p.poly(&[(-0.45, -0.3), (0.0, -0.24), (0.0, -0.02), (-0.45, -0.08)], WHITE);
    p.poly(&[(0.45, -0.3), (0.0, -0.24), (0.0, -0.02), (0.45, -0.08)], WHITE.lit(0.92));
    for i in 0..5 {
        let y = -0.25 + i as f32 * 0.035;
        p.line(-0.38, y, -0.06, y + 0.03, 0.008, Rgb::new(150, 150, 160));
        p.line(0.06, y + 0.03, 0.38, y, 0.008, Rgb::new(150, 150, 160));
    }
}

pub(super) fn guitar(p: &mut Pen, c: Rgb) {
    p.rotated(-30.0, 0.0, -0.5, |p| {
        p.rect(-0.03, -1.0, 0.03, -0.45, Rgb::new(90, 56, 30));
        p.rect(-0.05, -1.08, 0.05, -0.98, Rgb::new(60, 40, 24));
        p.circle(0.0, -0.38, 0.16, c);
        p.circle(0.0, -0.16, 0.2, c);
        p.circle(0.0, -0.34, 0.06, DARK);
        p.rect(-0.07, -0.12, 0.07, -0.09, DARK);
        for x in [-0.015, 0.0, 0.015] {
            p.line(x, -1.0, x, -0.1, 0.004, Rgb::new(220, 220, 210));
        }
    });
}

pub(super) fn piano(p: &mut Pen, c: Rgb) {
    let mut pb = tiny_skia::PathBuilder::new();
    pb.move_to(-0.48, -0.62);
    pb.line_to(0.2, -0.62);
    pb.cubic_to(0.42, -0.62, 0.38, -0.45, 0.5, -0.42);
    pb.line_to(0.5, -0.36);
    pb.line_to(-0.48, -0.36);
    pb.close();
    p.fill_path(pb.finish(), c, 1.0);
    p.poly(&[(-0.48, -0.62), (0.1, -0.95), (0.14, -0.92), (-0.4, -0.62)], c.lit(0.8));
    p.rect(-0.5, -0.4, -0.2, -0.34, WHITE);
    for i in 0..8 {
        let x = -0.48 + i as f32 * 0.036;
        p.rect(x, -0.4, x + 0.012, -0.37, DARK);
    }
    for x in [-0.44, 0.0, 0.44] {
        p.rect(x - 0.025, -0.36, x + 0.025, 0.0, c.lit(0.8));
    }
}

pub(super) fn umbrella(p: &mut Pen, c: Rgb) {
    p.lines(&[(0.0, -0.8), (0.0, -0.08), (0.06, -0.02), (0.1, -0.08)], 0.025, DARK);
    let mut pb = tiny_skia::PathBuilder::new();
    pb.move_to(-0.48, -0.6);
    pb.cubic_to(-0.46, -1.0, 0.46, -1.0, 0.48, -0.6);
    for i in 0..4 {
        let x1 = 0.48 - (i + 1) as f32 * 0.24;
        pb.quad_to(x1 + 0.12, -0.68, x1, -0.6);
    }
    pb.close();
    p.fill_path(pb.finish(), c, 1.0);
    p.curve((0.0, -0.9), (-0.1, -0.75), (-0.24, -0.6), 0.01, c.lit(0.7));
    p.curve((0.0, -0.9), (0.1, -0.75), (0.24, -0.6), 0.01, c.lit(0.7));
}

/// A twin-bell alarm clock from the front: a thick round case in the subject colour with its
/// back showing at one side, two bells and a hammer on top, feet, and a smaller ivory face
/// whose hands turn with the clip.
pub(super) fn clock(p: &mut Pen, c: Rgb, a: &Anim) {
    let (cx, cy) = (0.0, -0.44);
    p.ellipse_a(0.0, 0.0, 0.4, 0.04, Rgb::new(0, 0, 0), 0.25);
    // Feet, splayed.
    p.line(-0.2, -0.2, -0.3, -0.03, 0.07, c.lit(0.7));
    p.line(0.2, -0.2, 0.3, -0.03, 0.07, c.lit(0.7));
    p.ellipse(-0.3, -0.03, 0.06, 0.03, c.lit(0.6));
    p.ellipse(0.3, -0.03, 0.06, 0.03, c.lit(0.6));
    // Bells on short stems; a handle loop between them; the hammer trembles now and then.
    p.line(-0.17, -0.7, -0.26, -0.8, 0.04, c.lit(0.7));
    p.line(0.17, -0.7, 0.26, -0.8, 0.04, c.lit(0.7));
    let ring = if (a.t * 0.5).fract() < 0.3 { a.wave(9.0) * 10.0 } else { 0.0 };
    p.rotated(ring, 0.0, -0.8, |p| {
        p.line(0.0, -0.8, 0.0, -0.95, 0.035, c.lit(0.7));
        p.circle(0.0, -0.96, 0.04, c.lit(0.85));
    });
    for (x, tilt) in [(-0.27, -30.0), (0.27, 30.0)] {
        p.rotated(tilt, x, -0.84, |p| {
            p.ellipse(x, -0.84, 0.17, 0.11, c.lit(0.85));
            p.poly(&[(x - 0.17, -0.84), (x + 0.17, -0.84), (x + 0.15, -0.81), (x - 0.15, -0.81)], c.lit(0.75));
            p.ellipse(x, -0.87, 0.16, 0.09, c);
            p.ellipse_a(x - 0.05, -0.9, 0.06, 0.03, WHITE, 0.4);
            p.circle(x, -0.96, 0.025, c.lit(0.7));
        });
    }
    // Case: the back shows as a darker rim to one side, then the front with a bezel.
    p.circle(cx + 0.05, cy + 0.01, 0.37, c.lit(0.6));
    p.circle(cx, cy, 0.37, c);
    p.circle(cx, cy, 0.3, c.lit(0.75));
    p.circle(cx - 0.005, cy - 0.005, 0.285, c.lit(1.15));
    let mut pb = tiny_skia::PathBuilder::new();
    pb.move_to(-0.3, -0.62);
    pb.quad_to(-0.22, -0.77, -0.04, -0.8);
    p.stroke(pb.finish(), 0.035, WHITE, 0.45);
    // Face.
    let face = Rgb::new(250, 246, 232);
    p.circle(cx, cy, 0.25, face);
    p.ellipse_a(cx, cy + 0.02, 0.25, 0.23, Rgb::new(0, 0, 0), 0.06);
    p.circle(cx, cy - 0.015, 0.23, face);
    for i in 0..12 {
        let (s, co) = (sin_turns(i as f32 / 12.0), cos_turns(i as f32 / 12.0));
        let (r0, w) = if i % 3 == 0 { (0.17, 0.03) } else { (0.19, 0.018) };
        p.line(cx + s * r0, cy - co * r0, cx + s * 0.22, cy - co * 0.22, w, DARK);
    }
    let m = a.t / 6.0;
    let h = a.t / 72.0 + 0.3;
    p.line(cx, cy, cx + sin_turns(h) * 0.13, cy - cos_turns(h) * 0.13, 0.04, DARK);
    p.line(cx, cy, cx + sin_turns(m) * 0.2, cy - cos_turns(m) * 0.2, 0.025, DARK);
    let sec = a.t;
    p.line(cx, cy, cx + sin_turns(sec) * 0.2, cy - cos_turns(sec) * 0.2, 0.01, Rgb::new(200, 40, 40));
    p.circle(cx, cy, 0.025, Rgb::new(200, 40, 40));
}

/// A dining chair in three-quarter view, facing +x: a thick seat seen from a little above,
/// four tapered legs with side stretchers, and a slatted back, leaning a little, with a deep
/// top rail.
pub(super) fn chair(p: &mut Pen, c: Rgb) {
    // Chair space: depth x (the front at +x), height y (up), width z (0 near, 1 far), drawn
    // obliquely: the far side shifts right and up.
    let q = |x: f32, y: f32, z: f32| (x + 0.4 * z - 0.17, -y - 0.15 * z);
    let (back, front, seat, top, t) = (-0.22, 0.22, 0.46, 0.85, 0.07);
    // The back posts lean back above the seat.
    let bx = |y: f32| back + 0.03 - 0.07 * ((y - seat) / (top - seat)).max(0.0);
    let leg = |p: &mut Pen, x: f32, z: f32, y1: f32, col: Rgb| {
        let (a, b) = (q(x, 0.0, z), q(x, y1, z));
        p.poly(&[(a.0 - 0.022, a.1), (a.0 + 0.022, a.1), (b.0 + 0.032, b.1), (b.0 - 0.032, b.1)], col);
    };
    let post = |p: &mut Pen, z: f32, col: Rgb| {
        let (a, m, b) = (q(bx(0.0), 0.0, z), q(bx(seat), seat, z), q(bx(top), top, z));
        p.poly(
            &[
                (a.0 - 0.022, a.1),
                (a.0 + 0.022, a.1),
                (m.0 + 0.032, m.1),
                (b.0 + 0.03, b.1),
                (b.0 - 0.03, b.1),
                (m.0 - 0.032, m.1),
            ],
            col,
        );
    };
    let stretcher = |p: &mut Pen, z: f32, col: Rgb| {
        let (a, b) = (q(back + 0.03, 0.16, z), q(front - 0.03, 0.16, z));
        p.line(a.0, a.1, b.0, b.1, 0.035, col);
    };
    // Contact shadow under the four feet.
    let footprint =
        [q(back - 0.08, 0.0, -0.1), q(front + 0.1, 0.0, -0.1), q(front + 0.1, 0.0, 1.1), q(back - 0.08, 0.0, 1.1)];
    p.poly_a(&footprint, Rgb::new(0, 0, 0), 0.2);
    // Far legs and the far back post, in shadow.
    let far = c.lit(0.62);
    leg(p, front - 0.03, 1.0, seat, far);
    post(p, 1.0, far);
    stretcher(p, 1.0, far);
    // Back: slats between a low rail and a deep top rail, its face turned a little away.
    let shade = c.lit(0.8);
    for z in [0.27, 0.5, 0.73] {
        let (a, b) = (q(bx(seat), seat, z), q(bx(top - 0.1), top - 0.1, z));
        p.poly(
            &[
                (a.0 - 0.03, a.1 + 0.005),
                (a.0 + 0.03, a.1 - 0.005),
                (b.0 + 0.03, b.1 - 0.005),
                (b.0 - 0.03, b.1 + 0.005),
            ],
            shade,
        );
    }
    let rail = |p: &mut Pen, y0: f32, y1: f32, col: Rgb| {
        p.poly(&[q(bx(y0), y0, 0.0), q(bx(y0), y0, 1.0), q(bx(y1), y1, 1.0), q(bx(y1), y1, 0.0)], col);
    };
    rail(p, top - 0.17, top, c.lit(0.92));
    rail(p, top - 0.03, top, c.lit(1.15));
    rail(p, seat + 0.04, seat + 0.09, shade);
    // Seat: the top, then its near and front edges.
    p.poly(&[q(back, seat, 0.0), q(front, seat, 0.0), q(front, seat, 1.0), q(back, seat, 1.0)], c);
    p.poly(&[q(back, seat, 0.0), q(front, seat, 0.0), q(front, seat - t, 0.0), q(back, seat - t, 0.0)], c.lit(0.82));
    p.poly(&[q(front, seat, 0.0), q(front, seat, 1.0), q(front, seat - t, 1.0), q(front, seat - t, 0.0)], c.lit(0.7));
    let sheen = [
        q(back + 0.05, seat, 0.1),
        q(front - 0.03, seat, 0.1),
        q(front - 0.06, seat, 0.32),
        q(back + 0.08, seat, 0.32),
    ];
    p.poly_a(&sheen, WHITE, 0.2);
    // Near legs with a stretcher, and the near back post running up into the top rail.
    let near = c.lit(0.9);
    leg(p, front - 0.03, 0.0, seat - t, near);
    post(p, 0.0, near);
    stretcher(p, 0.0, near);
    let (h0, h1) = (q(bx(seat), seat + 0.02, 0.0), q(bx(top), top - 0.02, 0.0));
    p.line(h0.0 + 0.012, h0.1, h1.0 + 0.012, h1.1, 0.012, c.lit(1.2));
}

pub(super) fn gift(p: &mut Pen, c: Rgb) {
    p.rect(-0.36, -0.56, 0.36, 0.0, c);
    p.rect(-0.4, -0.66, 0.4, -0.54, c.lit(0.9));
    let ribbon = Rgb::new(250, 214, 80);
    p.rect(-0.05, -0.66, 0.05, 0.0, ribbon);
    p.ellipse(-0.12, -0.74, 0.12, 0.07, ribbon);
    p.ellipse(0.12, -0.74, 0.12, 0.07, ribbon);
    p.circle(0.0, -0.71, 0.05, ribbon.lit(0.85));
}

pub(super) fn cake(p: &mut Pen, c: Rgb, a: &Anim) {
    p.ellipse(0.0, -0.02, 0.46, 0.05, WHITE.lit(0.9));
    p.rect(-0.4, -0.36, 0.4, -0.04, c);
    p.rect(-0.28, -0.6, 0.28, -0.36, c.mix(WHITE, 0.3));
    for (l, r, y) in [(-0.4, 0.4, -0.36), (-0.28, 0.28, -0.6)] {
        for i in 0..8 {
            let x = l + (r - l) * (i as f32 + 0.5) / 8.0;
            p.circle(x, y + 0.02, (r - l) / 16.0, WHITE);
        }
    }
    for x in [-0.15, 0.0, 0.15] {
        p.rect(x - 0.015, -0.74, x + 0.015, -0.6, Rgb::new(120, 180, 240));
        p.glow(x, -0.78, 0.08, WARM_LIGHT, 0.6 + 0.2 * a.wave(3.0));
        p.ellipse(x, -0.78, 0.02, 0.035, Rgb::new(255, 200, 80));
    }
}

pub(super) fn fruit(p: &mut Pen, c: Rgb) {
    p.circle(-0.12, -0.38, 0.3, c);
    p.circle(0.12, -0.38, 0.3, c);
    p.ellipse(0.0, -0.3, 0.36, 0.28, c);
    p.line(0.0, -0.68, 0.04, -0.84, 0.03, Rgb::new(90, 60, 30));
    p.ellipse(0.14, -0.8, 0.1, 0.04, Rgb::new(70, 150, 60));
    p.ellipse_a(-0.16, -0.5, 0.06, 0.1, WHITE, 0.35);
}

pub(super) fn flag(p: &mut Pen, c: Rgb, a: &Anim) {
    p.rect(-0.42, -1.0, -0.38, 0.0, Rgb::new(150, 150, 156));
    let mut top = Vec::new();
    let mut bottom = Vec::new();
    for k in 0..=8 {
        let x = -0.38 + k as f32 * 0.1;
        let w = sin_turns(a.t * 1.2 - k as f32 * 0.12) * 0.03 * k as f32 / 4.0;
        top.push((x, -0.98 + w));
        bottom.push((x, -0.6 + w));
    }
    let mut pts = top.clone();
    pts.extend(bottom.iter().rev());
    p.poly(&pts, c);
    let mid: Vec<(f32, f32)> = top.iter().zip(&bottom).map(|(t, b)| (t.0, (t.1 + b.1) * 0.5)).collect();
    p.lines(&mid, 0.06, WHITE);
}

pub(super) fn screen(p: &mut Pen, c: Rgb, a: &Anim) {
    p.rect(-0.04, -0.2, 0.04, -0.04, DARK);
    p.rect(-0.18, -0.05, 0.18, 0.0, DARK);
    p.rrect(-0.5, -0.82, 0.5, -0.18, 0.03, c);
    let hue = sin_turns(a.t * 0.2) * 0.5 + 0.5;
    let glow = Rgb::new(60, 140, 240).mix(Rgb::new(240, 100, 180), hue);
    p.glow(0.0, -0.5, 0.7, glow, 0.3);
    p.rect(-0.46, -0.78, 0.46, -0.22, glow.lit(0.9));
    p.circle(-0.15, -0.5, 0.12, glow.mix(WHITE, 0.5));
}

pub(super) fn bottle(p: &mut Pen, c: Rgb) {
    p.rrect(-0.16, -0.62, 0.16, 0.0, 0.06, c);
    p.poly(&[(-0.16, -0.6), (-0.06, -0.78), (0.06, -0.78), (0.16, -0.6)], c);
    p.rect(-0.05, -0.96, 0.05, -0.76, c);
    p.rect(-0.06, -1.0, 0.06, -0.94, Rgb::new(200, 170, 60));
    p.rect(-0.16, -0.42, 0.16, -0.2, WHITE.lit(0.95));
    p.rect_a(-0.11, -0.58, -0.07, -0.05, WHITE, 0.35);
}

pub(super) fn bell(p: &mut Pen, c: Rgb, a: &Anim) {
    let swing = a.wave(0.8) * 15.0;
    p.rotated(swing, 0.0, -0.95, |p| {
        p.circle(0.0, -0.95, 0.05, DARK);
        let mut pb = tiny_skia::PathBuilder::new();
        pb.move_to(-0.4, -0.12);
        pb.quad_to(-0.28, -0.2, -0.26, -0.55);
        pb.cubic_to(-0.24, -0.95, 0.24, -0.95, 0.26, -0.55);
        pb.quad_to(0.28, -0.2, 0.4, -0.12);
        pb.close();
        p.fill_path(pb.finish(), c, 1.0);
        p.circle(0.0, -0.08, 0.07, c.lit(0.7));
        p.rect_a(-0.14, -0.7, -0.09, -0.2, WHITE, 0.3);
    });
}
