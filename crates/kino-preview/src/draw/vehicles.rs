//! Vehicles: cars (and taxis), buses, trucks, bikes, trains, boats, aircraft, rockets,
//! balloons, submarines and saucers. Ground vehicles are 1 long with wheels on y = 0.

use super::{Anim, DARK, GLASS, Pen, WARM_LIGHT, WHITE};
use crate::palette::Rgb;
use crate::shape::Shape;

pub fn draw(p: &mut Pen, shape: Shape, c: Rgb, a: &Anim) {
    match shape {
        Shape::Car => car(p, c, a),
        Shape::Bus => bus(p, c, a),
        Shape::Truck => truck(p, c, a),
        Shape::Bicycle => bicycle(p, c, a),
        Shape::Motorcycle => motorcycle(p, c, a),
        Shape::Train | Shape::Tram => train(p, c, a, shape == Shape::Tram),
        Shape::Boat | Shape::Sailboat => sailboat(p, c, a),
        Shape::Ship => ship(p, c, a),
        Shape::Airplane => airplane(p, c, a),
        Shape::Helicopter => helicopter(p, c, a),
        Shape::Rocket => rocket(p, c, a),
        Shape::HotAirBalloon => hot_air_balloon(p, c, a),
        Shape::Submarine => submarine(p, c, a),
        _ => ufo(p, c, a),
    }
}

fn wheel(p: &mut Pen, x: f32, y: f32, r: f32, a: &Anim) {
    p.circle(x, y, r, Rgb::new(20, 20, 24));
    p.circle(x, y, r * 0.45, Rgb::new(176, 178, 184));
    if a.moving() {
        // A spoke so the wheel visibly turns.
        let ang = -a.t * 3.0;
        let (s, co) = (crate::math::sin_turns(ang), crate::math::cos_turns(ang));
        p.line(x - co * r * 0.4, y - s * r * 0.4, x + co * r * 0.4, y + s * r * 0.4, r * 0.12, Rgb::new(90, 90, 96));
    }
}

fn headlight(p: &mut Pen, x: f32, y: f32, a: &Anim) {
    if a.lamps {
        p.glow(x + 0.05, y, 0.22, Rgb::new(255, 238, 180), 0.55);
    }
    p.lamp(x, y, 0.026, Rgb::new(255, 240, 190));
}

fn car(p: &mut Pen, c: Rgb, a: &Anim) {
    // A taxi's yellow leans warm, the way cab paint does.
    let c =
        if a.variant & 1 == 1 && c.r > 180 && c.g > 180 && c.b < 100 { c.mix(Rgb::new(255, 176, 0), 0.25) } else { c };
    p.ellipse_a(0.0, 0.0, 0.5, 0.035, Rgb::new(0, 0, 0), 0.3);
    // Cabin, windows, body.
    p.poly(&[(-0.30, -0.30), (-0.17, -0.50), (0.16, -0.50), (0.32, -0.30)], c.lit(0.85));
    p.poly(&[(-0.25, -0.32), (-0.15, -0.47), (-0.015, -0.47), (-0.015, -0.32)], GLASS);
    p.poly(&[(0.025, -0.32), (0.025, -0.47), (0.14, -0.47), (0.26, -0.32)], GLASS);
    p.rrect(-0.5, -0.31, 0.5, -0.08, 0.07, c);
    p.rect_a(-0.47, -0.28, 0.47, -0.26, c.lit(1.35), 0.6);
    if a.variant & 1 == 1 {
        // Taxi: roof sign and a checker band.
        p.rrect(-0.09, -0.58, 0.09, -0.5, 0.02, Rgb::new(250, 246, 220));
        if a.lamps {
            p.glow(0.0, -0.54, 0.14, Rgb::new(255, 240, 170), 0.5);
        }
        for i in 0..12 {
            let x = -0.45 + i as f32 * 0.075;
            let y = if i % 2 == 0 { -0.2 } else { -0.17 };
            p.rect(x, y, x + 0.0375, y + 0.03, DARK);
        }
    }
    wheel(p, -0.3, -0.095, 0.095, a);
    wheel(p, 0.3, -0.095, 0.095, a);
    headlight(p, 0.475, -0.215, a);
    p.lamp(-0.485, -0.215, 0.022, Rgb::new(220, 30, 30));
}

fn bus(p: &mut Pen, c: Rgb, a: &Anim) {
    p.ellipse_a(0.0, 0.0, 0.5, 0.03, Rgb::new(0, 0, 0), 0.3);
    p.rrect(-0.5, -0.44, 0.5, -0.06, 0.04, c);
    p.rect_a(-0.5, -0.22, 0.5, -0.2, WHITE, 0.8);
    for i in 0..7 {
        let x = -0.46 + i as f32 * 0.125;
        p.rrect(x, -0.39, x + 0.1, -0.27, 0.015, GLASS);
    }
    p.rect(0.38, -0.39, 0.47, -0.1, GLASS.lit(0.8));
    p.rect(0.4, -0.43, 0.48, -0.4, Rgb::new(255, 200, 60));
    wheel(p, -0.32, -0.07, 0.075, a);
    wheel(p, 0.3, -0.07, 0.075, a);
    headlight(p, 0.485, -0.13, a);
}

fn truck(p: &mut Pen, c: Rgb, a: &Anim) {
    p.ellipse_a(0.0, 0.0, 0.5, 0.03, Rgb::new(0, 0, 0), 0.3);
    p.rrect(-0.5, -0.5, 0.18, -0.1, 0.02, c.mix(WHITE, 0.55));
    p.rrect(0.2, -0.38, 0.5, -0.08, 0.04, c);
    p.poly(&[(0.3, -0.36), (0.44, -0.36), (0.48, -0.25), (0.3, -0.25)], GLASS);
    p.rect(0.18, -0.14, 0.22, -0.1, DARK);
    for x in [-0.36, -0.2, 0.36] {
        wheel(p, x, -0.08, 0.08, a);
    }
    headlight(p, 0.49, -0.15, a);
}

/// A rider leaning forward over the bars, legs pedalling; `legs` is the trousers' colour.
fn rider(p: &mut Pen, c: Rgb, a: &Anim, legs: Rgb, helmet: Rgb, hand: (f32, f32)) {
    let pedal = a.wave(1.2) * 0.08;
    p.lines(&[(-0.08, -0.46), (0.02 + pedal, -0.3), (-0.04 + pedal, -0.2)], 0.06, legs);
    p.lines(&[(-0.08, -0.46), (0.02 - pedal, -0.3), (-0.04 - pedal, -0.2)], 0.06, legs.lit(1.4));
    p.lines(&[(-0.08, -0.46), (0.06, -0.72)], 0.11, c.mix(WHITE, 0.3));
    p.lines(&[(0.04, -0.68), hand], 0.05, c.mix(WHITE, 0.3));
    p.circle(0.1, -0.8, 0.07, super::SKIN);
    p.ellipse(0.1, -0.84, 0.075, 0.045, helmet);
}

/// A point on a circle: angle in turns, counter-clockwise from +x (y up is negative).
fn on_circle(cx: f32, cy: f32, r: f32, turns: f32) -> (f32, f32) {
    (cx + r * crate::math::cos_turns(turns), cy - r * crate::math::sin_turns(turns))
}

/// A city bicycle from the side with its rider: a bold diamond frame, coloured rims,
/// mudguards, chain guard and a pannier on the rear rack, all in the subject colour; thin
/// tyres whose spokes turn while it rides.
fn bicycle(p: &mut Pen, c: Rgb, a: &Anim) {
    let r = 0.2;
    let (rear, front) = ((-0.3f32, -0.2f32), (0.3f32, -0.2f32));
    p.ellipse_a(0.0, 0.0, 0.5, 0.03, Rgb::new(0, 0, 0), 0.3);
    let spin = if a.moving() { -a.t * 0.8 } else { 0.0 };
    for (x, y) in [rear, front] {
        // Tyre, coloured rim, spokes and hub.
        let mut pb = tiny_skia::PathBuilder::new();
        pb.push_circle(x, y, r - 0.011);
        p.stroke(pb.finish(), 0.022, Rgb::new(22, 22, 26), 1.0);
        let mut pb = tiny_skia::PathBuilder::new();
        pb.push_circle(x, y, r - 0.034);
        p.stroke(pb.finish(), 0.026, c.lit(0.85), 1.0);
        for k in 0..4 {
            let (sx, sy) = on_circle(x, y, r - 0.045, spin + k as f32 / 8.0);
            p.line(2.0 * x - sx, 2.0 * y - sy, sx, sy, 0.007, Rgb::new(186, 188, 194));
        }
        p.circle(x, y, 0.028, c.lit(0.7));
        p.circle(x, y, 0.013, Rgb::new(186, 188, 194));
        // Mudguard over the top of the wheel.
        let guard: Vec<(f32, f32)> = (0..=8).map(|k| on_circle(x, y, r + 0.022, 0.03 + 0.05 * k as f32)).collect();
        p.lines(&guard, 0.03, c);
    }
    // Chainring and chain, mostly under the guard.
    let bb = (-0.04f32, -0.19f32);
    p.circle(bb.0, bb.1, 0.06, Rgb::new(70, 72, 78));
    p.line(bb.0, bb.1 + 0.05, rear.0, rear.1 + 0.025, 0.012, Rgb::new(70, 72, 78));
    // Rear rack and a pannier hanging on it.
    let rack = c.lit(0.7);
    p.line(-0.46, -0.43, -0.13, -0.43, 0.022, rack);
    p.line(-0.44, -0.43, rear.0, rear.1, 0.016, rack);
    p.line(-0.2, -0.43, rear.0, rear.1, 0.016, rack);
    p.rrect(-0.47, -0.44, -0.25, -0.22, 0.035, c.lit(0.82));
    p.rrect(-0.475, -0.45, -0.245, -0.36, 0.035, c);
    p.rect(-0.37, -0.38, -0.345, -0.29, c.lit(0.6));
    p.rect_a(-0.46, -0.34, -0.44, -0.24, WHITE, 0.25);
    // Frame: seat tube, top and down tubes, stays, head tube and fork.
    let (seat, head_top, head_bottom) = ((-0.1f32, -0.45f32), (0.17f32, -0.47f32), (0.2f32, -0.38f32));
    let tube = 0.045;
    p.line(rear.0, rear.1, seat.0, seat.1, 0.03, c.lit(0.85));
    p.line(rear.0, rear.1, bb.0, bb.1, 0.03, c.lit(0.85));
    p.curve(head_bottom, (0.27, -0.28), front, 0.035, c.lit(0.9));
    p.line(bb.0, bb.1, seat.0, seat.1, tube, c);
    p.line(bb.0, bb.1, head_bottom.0, head_bottom.1, tube + 0.005, c);
    p.line(seat.0, seat.1 + 0.02, head_top.0, head_top.1 + 0.01, tube, c);
    p.line(head_top.0, head_top.1, head_bottom.0, head_bottom.1, 0.055, c.lit(0.8));
    p.line(seat.0 + 0.02, seat.1 + 0.01, head_top.0 - 0.02, head_top.1 + 0.003, 0.012, c.mix(WHITE, 0.4));
    // Chain guard over the top of the chainring and chain.
    p.poly(&[(0.03, -0.2), (0.01, -0.245), (-0.06, -0.26), (-0.3, -0.235), (-0.3, -0.205), (-0.08, -0.19)], c.lit(0.9));
    // Stem, swept-back bars, saddle and a small lamp.
    p.line(head_top.0, head_top.1, 0.16, -0.53, 0.025, Rgb::new(150, 152, 160));
    p.curve((0.16, -0.53), (0.2, -0.54), (0.12, -0.51), 0.025, Rgb::new(150, 152, 160));
    p.line(seat.0, seat.1, -0.11, -0.48, 0.02, Rgb::new(150, 152, 160));
    p.poly(&[(-0.17, -0.5), (-0.05, -0.49), (-0.05, -0.47), (-0.16, -0.465)], DARK);
    p.lamp(0.235, -0.43, 0.018, Rgb::new(255, 240, 190));
    // Rider in charcoal trousers, pedalling; the cranks follow the feet.
    let pedal = a.wave(1.2) * 0.08;
    rider(p, c, a, Rgb::new(64, 66, 74), c, (0.13, -0.51));
    p.line(bb.0, bb.1, -0.04 + pedal, -0.2, 0.02, Rgb::new(120, 122, 128));
    p.line(bb.0, bb.1, -0.04 - pedal, -0.2, 0.02, Rgb::new(120, 122, 128));
    p.circle(bb.0, bb.1, 0.02, c.lit(0.7));
}

fn motorcycle(p: &mut Pen, c: Rgb, a: &Anim) {
    let r = 0.2;
    // Tyres as rings: stroke instead of fill.
    let mut pb = tiny_skia::PathBuilder::new();
    for x in [-0.3f32, 0.3] {
        if let Some(rect) = tiny_skia::Rect::from_xywh(x - r, -2.0 * r, 2.0 * r, 2.0 * r) {
            pb.push_oval(rect);
        }
    }
    p.stroke(pb.finish(), 0.035, Rgb::new(20, 20, 24), 1.0);
    p.poly(&[(-0.25, -0.3), (0.25, -0.36), (0.32, -0.24), (-0.15, -0.18)], c);
    p.rect(-0.15, -0.2, 0.1, -0.12, Rgb::new(90, 90, 96));
    rider(p, c, a, DARK, DARK, (0.18, -0.46));
    headlight(p, 0.33, -0.34, a);
}

fn train(p: &mut Pen, c: Rgb, a: &Anim, tram: bool) {
    let cars = if tram { 1 } else { 2 };
    let len = 1.0 / cars as f32;
    for k in 0..cars {
        let l = -0.5 + k as f32 * len + 0.005;
        let r = l + len - 0.01;
        let nose = if k == cars - 1 && !tram { 0.06 } else { 0.0 };
        p.poly(&[(l, -0.4), (r - nose, -0.4), (r, -0.28), (r, -0.06), (l, -0.06)], c);
        p.rect_a(l, -0.16, r, -0.13, WHITE, 0.8);
        let n = if tram { 6 } else { 4 };
        for i in 0..n {
            let x = l + 0.03 + i as f32 * (len - 0.06) / n as f32;
            let glass = if a.lamps { WARM_LIGHT } else { GLASS };
            p.rect(x, -0.35, x + (len - 0.06) / n as f32 * 0.7, -0.22, glass);
        }
        for x in [l + 0.07, r - 0.07] {
            wheel(p, x, -0.05, 0.05, a);
        }
    }
    if tram {
        p.lines(&[(-0.1, -0.4), (0.05, -0.55), (-0.05, -0.62)], 0.015, DARK);
    }
    headlight(p, 0.49, -0.2, a);
}

fn sailboat(p: &mut Pen, c: Rgb, a: &Anim) {
    let rock = a.wave(0.35) * 0.015;
    p.with(tiny_skia::Transform::from_translate(0.0, rock), |p| {
        p.rect(-0.008, -0.95, 0.008, -0.16, Rgb::new(60, 50, 40));
        p.poly(&[(0.02, -0.92), (0.02, -0.2), (0.4, -0.2)], Rgb::new(246, 244, 236));
        p.poly(&[(-0.02, -0.84), (-0.02, -0.2), (-0.34, -0.2)], Rgb::new(228, 226, 218));
        p.poly(&[(-0.5, -0.16), (0.5, -0.16), (0.36, 0.04), (-0.4, 0.04)], c);
        p.rect_a(-0.49, -0.16, 0.49, -0.125, WHITE, 0.85);
    });
}

fn ship(p: &mut Pen, c: Rgb, a: &Anim) {
    let rock = a.wave(0.25) * 0.01;
    p.with(tiny_skia::Transform::from_translate(0.0, rock), |p| {
        p.rect(-0.3, -0.42, 0.15, -0.18, WHITE);
        for i in 0..6 {
            let x = -0.27 + i as f32 * 0.07;
            p.rect(x, -0.36, x + 0.04, -0.3, if a.lamps { WARM_LIGHT } else { GLASS });
        }
        p.rect(-0.12, -0.6, 0.0, -0.42, c.mix(DARK, 0.3));
        p.rect(-0.12, -0.6, 0.0, -0.56, DARK);
        p.poly(&[(-0.5, -0.2), (0.5, -0.22), (0.4, 0.04), (-0.44, 0.04)], c);
        p.rect_a(-0.46, -0.04, 0.42, 0.0, Rgb::new(180, 40, 40), 0.9);
    });
}

fn airplane(p: &mut Pen, c: Rgb, a: &Anim) {
    let y = -0.5 + a.wave(0.3) * 0.01;
    p.poly(&[(-0.05, y), (-0.2, y + 0.22), (-0.1, y + 0.22), (0.12, y)], c.lit(0.8));
    p.ellipse(0.0, y, 0.5, 0.07, c);
    p.poly(&[(-0.46, y), (-0.5, y - 0.2), (-0.4, y - 0.2), (-0.32, y - 0.02)], c);
    p.poly(&[(-0.05, y + 0.01), (-0.18, y - 0.2), (-0.1, y - 0.2), (0.1, y + 0.01)], c.lit(0.9));
    for i in 0..8 {
        p.circle(-0.25 + i as f32 * 0.07, y - 0.015, 0.014, GLASS);
    }
    p.poly(&[(0.42, y - 0.03), (0.47, y - 0.02), (0.45, y + 0.0)], GLASS);
    if a.lamps && a.wave(1.0) > 0.6 {
        p.lamp(-0.45, y - 0.2, 0.015, Rgb::new(255, 60, 60));
    }
}

fn helicopter(p: &mut Pen, c: Rgb, a: &Anim) {
    let y = -0.45;
    p.line(-0.5, y - 0.02, 0.0, y, 0.06, c);
    p.poly(&[(-0.5, y - 0.14), (-0.44, y - 0.14), (-0.42, y), (-0.5, y)], c);
    p.ellipse(0.12, y, 0.24, 0.15, c);
    p.ellipse(0.22, y - 0.03, 0.11, 0.09, GLASS);
    p.lines(&[(-0.06, y + 0.22), (0.34, y + 0.22)], 0.02, DARK);
    p.line(0.0, y + 0.14, 0.0, y + 0.22, 0.02, DARK);
    p.line(0.22, y + 0.14, 0.22, y + 0.22, 0.02, DARK);
    p.rect(0.1, y - 0.2, 0.14, y - 0.14, DARK);
    // The rotor seen edge-on: its visible length pulses as it turns.
    let span = 0.45 * (0.35 + 0.65 * a.wave(6.0).abs());
    p.line(0.12 - span, y - 0.2, 0.12 + span, y - 0.2, 0.02, DARK);
    let tail = 0.08 * a.wave(7.0).abs() + 0.02;
    p.line(-0.47, y - 0.06 - tail, -0.47, y - 0.06 + tail, 0.015, DARK);
}

fn rocket(p: &mut Pen, c: Rgb, a: &Anim) {
    let flick = 0.8 + 0.2 * a.wave(9.0);
    p.glow(0.0, -0.08, 0.3 * flick, Rgb::new(255, 170, 60), 0.7);
    p.poly(&[(-0.07, -0.2), (0.07, -0.2), (0.0, -0.2 + 0.22 * flick)], Rgb::new(255, 220, 120));
    p.poly(&[(-0.12, -0.48), (-0.24, -0.2), (-0.12, -0.24)], c.lit(0.75));
    p.poly(&[(0.12, -0.48), (0.24, -0.2), (0.12, -0.24)], c.lit(0.75));
    p.rrect(-0.12, -0.85, 0.12, -0.22, 0.04, WHITE.mix(c, 0.2));
    p.poly(&[(-0.12, -0.84), (0.0, -1.0), (0.12, -0.84)], c);
    p.circle(0.0, -0.64, 0.06, GLASS);
    p.circle(0.0, -0.64, 0.04, Rgb::new(140, 200, 240));
}

fn hot_air_balloon(p: &mut Pen, c: Rgb, a: &Anim) {
    use tiny_skia::PathBuilder;
    // Envelope centred at y -0.62, basket at the bottom.
    let (oy, k) = (-0.66, 0.55);
    if a.lamps {
        p.glow(0.0, oy - 0.05, 0.5, c.lit(1.4), 0.35);
    }
    let mut pb = PathBuilder::new();
    pb.move_to(0.0, oy - 0.62 * k);
    pb.cubic_to(0.42 * k, oy - 0.62 * k, 0.56 * k, oy - 0.2 * k, 0.3 * k, oy + 0.18 * k);
    pb.line_to(0.12 * k, oy + 0.42 * k);
    pb.line_to(-0.12 * k, oy + 0.42 * k);
    pb.line_to(-0.3 * k, oy + 0.18 * k);
    pb.cubic_to(-0.56 * k, oy - 0.2 * k, -0.42 * k, oy - 0.62 * k, 0.0, oy - 0.62 * k);
    pb.close();
    p.fill_path(pb.finish(), c, 1.0);
    let mut pb = PathBuilder::new();
    pb.move_to(0.0, oy - 0.62 * k);
    pb.cubic_to(0.2 * k, oy - 0.5 * k, 0.2 * k, oy + 0.1 * k, 0.06 * k, oy + 0.42 * k);
    pb.line_to(-0.06 * k, oy + 0.42 * k);
    pb.cubic_to(-0.2 * k, oy + 0.1 * k, -0.2 * k, oy - 0.5 * k, 0.0, oy - 0.62 * k);
    pb.close();
    p.fill_path(pb.finish(), c.mix(WHITE, 0.35), 1.0);
    let by = oy + 0.42 * k;
    p.line(-0.06, by, -0.045, -0.1, 0.01, Rgb::new(70, 56, 40));
    p.line(0.06, by, 0.045, -0.1, 0.01, Rgb::new(70, 56, 40));
    p.rect(-0.06, -0.1, 0.06, 0.0, Rgb::new(132, 90, 50));
}

fn submarine(p: &mut Pen, c: Rgb, _a: &Anim) {
    p.rrect(-0.5, -0.4, 0.45, -0.12, 0.14, c);
    p.rrect(-0.1, -0.56, 0.12, -0.38, 0.03, c.lit(0.9));
    p.lines(&[(0.04, -0.56), (0.04, -0.66), (0.1, -0.66)], 0.02, DARK);
    for x in [-0.25, -0.05, 0.15] {
        p.circle(x, -0.26, 0.04, Rgb::new(250, 220, 120));
    }
    p.poly(&[(-0.5, -0.26), (-0.58, -0.4), (-0.58, -0.12)], c.lit(0.8));
}

fn ufo(p: &mut Pen, c: Rgb, a: &Anim) {
    let y = -0.45 + a.wave(0.5) * 0.02;
    if a.lamps {
        p.poly_a(&[(-0.12, y + 0.05), (0.12, y + 0.05), (0.35, 0.4), (-0.35, 0.4)], Rgb::new(180, 255, 200), 0.18);
    }
    p.ellipse(0.0, y - 0.1, 0.17, 0.14, Rgb::new(150, 220, 240));
    p.ellipse(0.0, y, 0.5, 0.1, c);
    p.ellipse(0.0, y + 0.04, 0.3, 0.05, c.lit(0.7));
    for i in 0..6 {
        let on = ((a.t * 4.0) as i32 + i) % 3 == 0;
        let col = if on { Rgb::new(255, 240, 120) } else { Rgb::new(120, 110, 60) };
        p.lamp(-0.38 + i as f32 * 0.152, y + 0.01, 0.025, col);
    }
}
