//! Street furniture and things people carry: traffic light, fire hydrant, stop sign, parking meter, bench, potted plant, vase, backpack, handbag, suitcase, tie.

use tiny_skia::PathBuilder;

use crate::draw::{Anim, DARK, Pen, WHITE};
use crate::math::{cos_turns, fract, sin_turns};
use crate::palette::Rgb;

const SHADOW: Rgb = Rgb::new(0, 0, 0);
const STEEL: Rgb = Rgb::new(150, 154, 160);
const GOLD: Rgb = Rgb::new(226, 184, 80);

/// A traffic light from the front: a housing with three hooded lamps on a pole, cycling green, amber, red.
pub(super) fn traffic_light(p: &mut Pen, c: Rgb, a: &Anim) {
    p.contact_shadow(0.0, 0.2);
    // Pole and its foot.
    p.rect(-0.035, -0.45, 0.035, 0.0, c.lit(0.9));
    p.rect_a(0.01, -0.45, 0.035, 0.0, SHADOW, 0.2);
    p.rrect(-0.08, -0.05, 0.08, 0.0, 0.015, c.lit(0.8));
    // Backplate and housing.
    p.rrect(-0.24, -0.98, 0.24, -0.42, 0.05, c.lit(0.8));
    p.rrect(-0.16, -1.0, 0.16, -0.4, 0.05, c);
    p.rect_a(0.1, -0.97, 0.16, -0.43, SHADOW, 0.15);
    p.rect_a(-0.14, -0.96, -0.12, -0.44, WHITE, 0.18);
    // Cycle: green 1.4 s, amber 0.5 s, red 1.4 s; the middle of a clip shows red.
    let phase = fract((a.t + a.phase * 3.3) / 3.3) * 3.3;
    let lit = if phase < 1.4 {
        2
    } else if phase < 1.9 {
        1
    } else {
        0
    };
    let lamps = [Rgb::new(240, 40, 30), Rgb::new(255, 180, 20), Rgb::new(40, 220, 110)];
    for (i, &lamp) in lamps.iter().enumerate() {
        let y = -0.86 + i as f32 * 0.17;
        p.circle(0.0, y, 0.078, DARK);
        if i == lit {
            p.glow(0.0, y, 0.26, lamp, 0.55);
            p.lamp(0.0, y, 0.066, lamp);
            p.lamp(-0.02, y - 0.02, 0.025, lamp.mix(WHITE, 0.6));
        } else {
            p.circle(0.0, y, 0.066, lamp.lit(0.3));
            p.ellipse_a(-0.02, y - 0.025, 0.025, 0.015, WHITE, 0.15);
        }
        // The hood over each lamp.
        let mut pb = PathBuilder::new();
        pb.move_to(-0.1, y - 0.015);
        pb.quad_to(-0.1, y - 0.1, 0.0, y - 0.1);
        pb.quad_to(0.1, y - 0.1, 0.1, y - 0.015);
        pb.line_to(0.085, y - 0.015);
        pb.quad_to(0.085, y - 0.082, 0.0, y - 0.082);
        pb.quad_to(-0.085, y - 0.082, -0.085, y - 0.015);
        pb.close();
        p.fill_path(pb.finish(), c.lit(0.7), 1.0);
    }
}

/// A fire hydrant from the front: squat barrel on a flange, domed bonnet with a nut, side outlets and a big front cap.
pub(super) fn fire_hydrant(p: &mut Pen, c: Rgb, _a: &Anim) {
    p.contact_shadow(0.0, 0.36);
    let cap = c.lit(0.78);
    // Base flange and barrel.
    p.rrect(-0.3, -0.1, 0.3, 0.0, 0.02, cap);
    p.rrect(-0.23, -0.64, 0.23, -0.08, 0.03, c);
    // Side outlets with their caps.
    for s in [-1.0f32, 1.0] {
        p.rect(s * 0.2, -0.5, s * 0.34, -0.38, c.lit(0.9));
        p.rrect(s * 0.33 - 0.035, -0.53, s * 0.33 + 0.035 + s * 0.04, -0.35, 0.015, cap);
        p.rect(s * 0.42 - 0.015 * s, -0.47, s * 0.44, -0.41, cap.lit(0.8));
    }
    // Top flange, dome and operating nut.
    p.rrect(-0.28, -0.7, 0.28, -0.62, 0.02, cap);
    let mut pb = PathBuilder::new();
    pb.move_to(-0.24, -0.7);
    pb.cubic_to(-0.24, -0.92, 0.24, -0.92, 0.24, -0.7);
    pb.close();
    p.fill_path(pb.finish(), c, 1.0);
    p.poly(&[(-0.07, -0.84), (0.07, -0.84), (0.06, -0.95), (0.0, -0.98), (-0.06, -0.95)], cap);
    // Shading: right side in shadow, a highlight down the left, a bolt ring on each flange.
    p.rect_a(0.1, -0.62, 0.23, -0.1, SHADOW, 0.18);
    p.rect_a(-0.17, -0.6, -0.12, -0.14, WHITE, 0.3);
    p.ellipse_a(-0.08, -0.8, 0.08, 0.04, WHITE, 0.3);
    for x in [-0.22, -0.11, 0.0, 0.11, 0.22] {
        p.circle(x, -0.66, 0.014, cap.lit(0.7));
        p.circle(x, -0.05, 0.014, cap.lit(0.7));
    }
    // Big front (pumper) outlet facing us.
    p.circle(0.0, -0.36, 0.12, c.lit(0.85));
    p.circle(0.0, -0.36, 0.09, cap);
    p.poly(&[(-0.04, -0.4), (0.04, -0.4), (0.05, -0.36), (0.04, -0.32), (-0.04, -0.32), (-0.05, -0.36)], cap.lit(0.75));
    // Chain from the front cap to the side outlet.
    p.curve((0.08, -0.32), (0.2, -0.24), (0.3, -0.36), 0.012, STEEL.lit(0.8));
}

/// A stop sign from the front: a red octagon with a white rim and the word STOP, on a steel post.
pub(super) fn stop_sign(p: &mut Pen, c: Rgb, _a: &Anim) {
    p.contact_shadow(0.0, 0.14);
    p.rect(-0.028, -0.4, 0.028, 0.0, STEEL);
    p.rect_a(0.005, -0.4, 0.028, 0.0, SHADOW, 0.2);
    let (cx, cy) = (0.0, -0.62);
    let octagon = |r: f32| -> [(f32, f32); 8] {
        std::array::from_fn(|k| {
            let t = (k as f32 + 0.5) / 8.0;
            (cx + sin_turns(t) * r, cy - cos_turns(t) * r)
        })
    };
    p.poly(&octagon(0.4), DARK.lit(1.4));
    p.poly(&octagon(0.385), WHITE);
    p.poly(&octagon(0.35), c);
    // Faint sheen across the upper left.
    p.poly_a(&[(-0.3, -0.82), (-0.12, -0.94), (0.1, -0.94), (-0.32, -0.6)], WHITE, 0.1);
    // S T O P as simple strokes.
    let (t, b, w, lw) = (cy - 0.09, cy + 0.09, 0.105, 0.034);
    let m = cy;
    let x = -0.255;
    p.lines(&[(x + w, t), (x, t), (x, m), (x + w, m), (x + w, b), (x, b)], lw, WHITE);
    let x = x + w + 0.04;
    p.line(x, t, x + w, t, lw, WHITE);
    p.line(x + w * 0.5, t, x + w * 0.5, b, lw, WHITE);
    let x = x + w + 0.04;
    p.fill_path(crate::draw::rounded_rect(x, t, x + w, b, 0.045), WHITE, 1.0);
    p.fill_path(crate::draw::rounded_rect(x + lw, t + lw, x + w - lw, b - lw, 0.02), c, 1.0);
    let x = x + w + 0.04;
    p.lines(&[(x, b), (x, t), (x + w, t), (x + w, m), (x, m)], lw, WHITE);
    // Bolts.
    p.circle(cx, cy - 0.26, 0.014, STEEL);
    p.circle(cx, cy + 0.26, 0.014, STEEL);
}

/// A parking meter from the front: a domed head with a dial window, coin slot and crank, on a post.
pub(super) fn parking_meter(p: &mut Pen, c: Rgb, a: &Anim) {
    p.contact_shadow(0.0, 0.16);
    // Post with a foot, and a collar under the head.
    p.rect(-0.05, -0.5, 0.05, 0.0, c.lit(0.8));
    p.rect_a(0.015, -0.5, 0.05, 0.0, SHADOW, 0.2);
    p.rrect(-0.1, -0.04, 0.1, 0.0, 0.01, c.lit(0.7));
    p.rrect(-0.12, -0.52, 0.12, -0.46, 0.02, c.lit(0.75));
    // Head: body and dome.
    p.rrect(-0.22, -0.84, 0.22, -0.5, 0.05, c);
    p.ellipse(0.0, -0.82, 0.22, 0.16, c);
    p.rect_a(0.13, -0.8, 0.22, -0.52, SHADOW, 0.15);
    p.ellipse_a(0.14, -0.8, 0.08, 0.1, SHADOW, 0.12);
    p.ellipse_a(-0.1, -0.9, 0.07, 0.04, WHITE, 0.35);
    // Dial window with a sweeping needle and red "expired" flag.
    p.ellipse(0.0, -0.78, 0.16, 0.11, c.lit(0.6));
    p.ellipse(0.0, -0.78, 0.14, 0.095, Rgb::new(236, 236, 228));
    for k in 0..5 {
        let t = -0.2 + k as f32 * 0.1;
        p.line(
            sin_turns(t) * 0.1,
            -0.72 - cos_turns(t) * 0.1,
            sin_turns(t) * 0.125,
            -0.72 - cos_turns(t) * 0.125,
            0.01,
            DARK,
        );
    }
    let swing = -0.12 + 0.08 * a.wave(0.2);
    p.line(0.0, -0.72, sin_turns(swing) * 0.11, -0.72 - cos_turns(swing) * 0.11, 0.015, DARK);
    p.poly(&[(0.03, -0.74), (0.11, -0.8), (0.12, -0.76), (0.05, -0.72)], Rgb::new(220, 40, 40));
    p.ellipse_a(-0.06, -0.82, 0.05, 0.025, WHITE, 0.6);
    // Coin slot, crank handle, lock.
    p.rrect(-0.1, -0.64, 0.1, -0.6, 0.01, c.lit(0.65));
    p.rect(-0.06, -0.63, 0.06, -0.615, DARK);
    p.circle(0.25, -0.6, 0.035, c.lit(0.7));
    p.rrect(0.24, -0.62, 0.32, -0.58, 0.015, DARK.lit(1.5));
    p.circle(0.0, -0.545, 0.02, GOLD);
}

/// A park bench from the front: three back slats and a slatted seat between cast-iron ends with armrests.
pub(super) fn bench(p: &mut Pen, c: Rgb, _a: &Anim) {
    p.contact_shadow(0.0, 0.5);
    let iron = Rgb::new(44, 46, 50);
    // Back slats.
    for y in [-0.92, -0.8, -0.68] {
        p.rect(-0.48, y, 0.48, y + 0.09, c);
        p.rect(-0.48, y + 0.075, 0.48, y + 0.09, c.lit(0.78));
        p.rect_a(-0.48, y + 0.01, 0.48, y + 0.022, WHITE, 0.18);
    }
    // Iron ends: back upright, rear leg, armrest, front leg.
    for s in [-1.0f32, 1.0] {
        let x = s * 0.4;
        p.lines(&[(x, -0.96), (x, -0.44), (x - s * 0.03, 0.0)], 0.04, iron);
        p.lines(&[(x, -0.6), (x + s * 0.06, -0.58), (x + s * 0.07, -0.5)], 0.032, iron);
        p.circle(x + s * 0.07, -0.5, 0.025, iron);
        p.lines(&[(x + s * 0.05, -0.5), (x + s * 0.05, -0.36), (x + s * 0.07, 0.0)], 0.04, iron);
        p.ellipse(x + s * 0.075, -0.01, 0.035, 0.015, iron);
    }
    // Seat: two slats seen slightly from above, then the front edge.
    p.poly(&[(-0.46, -0.48), (0.46, -0.48), (0.48, -0.44), (-0.48, -0.44)], c.lit(1.1));
    p.poly(&[(-0.48, -0.425), (0.48, -0.425), (0.5, -0.38), (-0.5, -0.38)], c.lit(1.15));
    p.rect(-0.5, -0.38, 0.5, -0.33, c.lit(0.8));
    // Centre support.
    p.rect(-0.02, -0.33, 0.02, -0.2, iron);
}

/// A potted plant from the side: a fan of pointed leaves rising from a tapered pot with a rim.
///
/// Colour: a green `c` paints the leaves (terracotta pot); any other named colour paints the
/// pot, which is large enough to dominate the box, and the leaves stay green.
pub(super) fn potted_plant(p: &mut Pen, c: Rgb, a: &Anim) {
    let leafy = i32::from(c.g) > i32::from(c.r) + 25 && i32::from(c.g) > i32::from(c.b) + 15;
    let (leaf, pot) = if leafy { (c, Rgb::new(196, 104, 64)) } else { (Rgb::new(64, 146, 64), c) };
    p.contact_shadow(0.0, 0.3);
    // Leaves: (angle in degrees, length), drawn back to front.
    let leaves: [(f32, f32, f32); 9] = [
        (-58.0, 0.46, 0.8),
        (56.0, 0.46, 0.8),
        (-36.0, 0.54, 0.9),
        (34.0, 0.56, 0.9),
        (-14.0, 0.6, 1.0),
        (12.0, 0.62, 1.0),
        (-70.0, 0.36, 1.1),
        (68.0, 0.38, 1.1),
        (0.0, 0.54, 1.15),
    ];
    for (i, &(deg, len, shade)) in leaves.iter().enumerate() {
        let sway = a.wave(0.25 + i as f32 * 0.03) * 3.0;
        p.rotated(deg + sway, 0.0, -0.44, |p| {
            let (b, tip) = (-0.44, -0.44 - len);
            let w = 0.07 + len * 0.05;
            let mut pb = PathBuilder::new();
            pb.move_to(0.0, b);
            pb.quad_to(-w * 1.4, b - len * 0.45, 0.0, tip);
            pb.quad_to(w * 1.4, b - len * 0.45, 0.0, b);
            pb.close();
            p.fill_path(pb.finish(), leaf.lit(shade), 1.0);
            p.curve((0.0, b), (w * 0.15, b - len * 0.5), (0.0, tip + 0.04), 0.01, leaf.lit(shade * 0.75));
        });
    }
    // Pot: rim, tapered body, soil line hidden by the rim.
    p.poly(&[(-0.25, -0.36), (0.25, -0.36), (0.19, 0.0), (-0.19, 0.0)], pot);
    p.poly_a(&[(0.08, -0.36), (0.25, -0.36), (0.19, 0.0), (0.06, 0.0)], SHADOW, 0.15);
    p.rect_a(-0.19, -0.33, -0.15, -0.04, WHITE, 0.22);
    p.rrect(-0.3, -0.46, 0.3, -0.35, 0.02, pot.lit(1.08));
    p.rect_a(-0.3, -0.37, 0.3, -0.35, SHADOW, 0.2);
    p.rect_a(0.14, -0.46, 0.3, -0.37, SHADOW, 0.1);
}

/// A vase from the side: flared lip, slim neck, round belly with a painted band, on a small foot.
pub(super) fn vase(p: &mut Pen, c: Rgb, _a: &Anim) {
    p.contact_shadow(0.0, 0.26);
    let mut pb = PathBuilder::new();
    pb.move_to(-0.17, -0.96);
    pb.quad_to(-0.09, -0.9, -0.09, -0.8);
    pb.cubic_to(-0.09, -0.66, -0.36, -0.6, -0.36, -0.36);
    pb.cubic_to(-0.36, -0.18, -0.2, -0.1, -0.15, -0.06);
    pb.line_to(-0.17, 0.0);
    pb.line_to(0.17, 0.0);
    pb.line_to(0.15, -0.06);
    pb.cubic_to(0.2, -0.1, 0.36, -0.18, 0.36, -0.36);
    pb.cubic_to(0.36, -0.6, 0.09, -0.66, 0.09, -0.8);
    pb.quad_to(0.09, -0.9, 0.17, -0.96);
    pb.close();
    p.fill_path(pb.finish(), c, 1.0);
    // Painted band around the belly and a thin line above it.
    let band = c.mix(WHITE, 0.55);
    p.curve((-0.33, -0.42), (0.0, -0.36), (0.33, -0.42), 0.05, band);
    for k in 0..5 {
        let x = -0.24 + k as f32 * 0.12;
        p.circle(x, -0.3 + (x * x) * 0.25, 0.025, band);
    }
    p.curve((-0.27, -0.56), (0.0, -0.5), (0.27, -0.56), 0.015, band);
    // Shading and highlight.
    let mut pb = PathBuilder::new();
    pb.move_to(0.14, -0.62);
    pb.cubic_to(0.3, -0.55, 0.36, -0.48, 0.36, -0.36);
    pb.cubic_to(0.36, -0.18, 0.2, -0.1, 0.15, -0.06);
    pb.line_to(0.04, -0.06);
    pb.cubic_to(0.22, -0.2, 0.26, -0.45, 0.14, -0.62);
    pb.close();
    p.fill_path(pb.finish(), SHADOW, 0.18);
    p.ellipse_a(-0.2, -0.4, 0.045, 0.13, WHITE, 0.35);
    p.rect_a(-0.06, -0.86, -0.04, -0.72, WHITE, 0.25);
    // Mouth and foot ring.
    p.ellipse(0.0, -0.96, 0.17, 0.035, c.lit(0.8));
    p.ellipse(0.0, -0.96, 0.13, 0.022, c.lit(0.35));
    p.rect(-0.16, -0.05, 0.16, -0.035, c.lit(0.75));
}

/// A backpack from the front: a tall rounded body with a zipped front pocket, top loop and shoulder straps at the sides.
pub(super) fn backpack(p: &mut Pen, c: Rgb, _a: &Anim) {
    p.contact_shadow(0.0, 0.38);
    let strap = c.lit(0.62);
    // Shoulder straps peeking out either side, and the top grab loop.
    p.curve((-0.22, -0.82), (-0.44, -0.6), (-0.34, -0.14), 0.07, strap);
    p.curve((0.22, -0.82), (0.44, -0.6), (0.34, -0.14), 0.07, strap);
    let mut pb = PathBuilder::new();
    pb.move_to(-0.07, -0.9);
    pb.quad_to(0.0, -1.04, 0.07, -0.9);
    p.stroke(pb.finish(), 0.03, strap, 1.0);
    // Main body with a rounded top: the whole in shade, then all but the right side lit.
    let body = || {
        let mut pb = PathBuilder::new();
        pb.move_to(-0.32, -0.06);
        pb.line_to(-0.32, -0.62);
        pb.cubic_to(-0.32, -0.98, 0.32, -0.98, 0.32, -0.62);
        pb.line_to(0.32, -0.06);
        pb.quad_to(0.32, 0.0, 0.26, 0.0);
        pb.line_to(-0.26, 0.0);
        pb.quad_to(-0.32, 0.0, -0.32, -0.06);
        pb.close();
        pb.finish()
    };
    p.fill_path(body(), c.lit(0.84), 1.0);
    p.with(tiny_skia::Transform::from_row(0.82, 0.0, 0.0, 1.0, -0.058, 0.0), |p| p.fill_path(body(), c, 1.0));
    p.ellipse_a(-0.14, -0.78, 0.1, 0.05, WHITE, 0.25);
    // Zip around the main compartment.
    let mut pb = PathBuilder::new();
    pb.move_to(-0.28, -0.45);
    pb.line_to(-0.28, -0.62);
    pb.cubic_to(-0.28, -0.92, 0.28, -0.92, 0.28, -0.62);
    pb.line_to(0.28, -0.45);
    p.stroke(pb.finish(), 0.014, c.lit(0.55), 1.0);
    p.rect(0.2, -0.84, 0.23, -0.77, STEEL);
    // Front pocket with its zip and pull.
    p.rrect(-0.255, -0.455, 0.255, -0.045, 0.08, c.lit(0.62));
    p.rrect(-0.24, -0.44, 0.24, -0.06, 0.07, c.lit(0.9));
    p.rect_a(-0.24, -0.1, 0.24, -0.06, SHADOW, 0.12);
    p.curve((-0.2, -0.36), (0.0, -0.42), (0.2, -0.36), 0.012, c.lit(0.5));
    p.rect(0.07, -0.4, 0.1, -0.31, STEEL);
}

/// A handbag from the front: a trapezoid body under a flap with a gold clasp, two arched handles and little gold feet.
pub(super) fn handbag(p: &mut Pen, c: Rgb, _a: &Anim) {
    p.contact_shadow(0.0, 0.44);
    let handle = c.lit(0.7);
    // Two handles, the back one darker.
    for (dx, shade) in [(0.03, 0.8), (-0.03, 1.0)] {
        let mut pb = PathBuilder::new();
        pb.move_to(-0.2 + dx, -0.56);
        pb.cubic_to(-0.2 + dx, -1.0, 0.2 + dx, -1.0, 0.2 + dx, -0.56);
        p.stroke(pb.finish(), 0.04, handle.lit(shade), 1.0);
    }
    // Body.
    let mut pb = PathBuilder::new();
    pb.move_to(-0.31, -0.58);
    pb.line_to(0.31, -0.58);
    pb.line_to(0.42, -0.1);
    pb.quad_to(0.44, 0.0, 0.34, -0.02);
    pb.line_to(-0.34, -0.02);
    pb.quad_to(-0.44, 0.0, -0.42, -0.1);
    pb.close();
    p.fill_path(pb.finish(), c, 1.0);
    p.poly_a(&[(0.2, -0.58), (0.31, -0.58), (0.42, -0.1), (0.26, -0.02)], SHADOW, 0.15);
    // Stitching along the bottom.
    p.line(-0.36, -0.09, 0.36, -0.09, 0.008, c.lit(1.3));
    // Flap over the top with a clasp.
    let mut pb = PathBuilder::new();
    pb.move_to(-0.33, -0.6);
    pb.line_to(0.33, -0.6);
    pb.line_to(0.35, -0.48);
    pb.quad_to(0.0, -0.3, -0.35, -0.48);
    pb.close();
    p.fill_path(pb.finish(), c.lit(0.86), 1.0);
    p.line(-0.31, -0.585, 0.31, -0.585, 0.02, c.lit(1.12));
    p.rrect(-0.05, -0.43, 0.05, -0.34, 0.02, GOLD);
    p.rrect(-0.025, -0.41, 0.025, -0.36, 0.01, GOLD.lit(0.75));
    // Handle rings and feet.
    for s in [-1.0f32, 1.0] {
        p.circle(s * 0.2, -0.57, 0.025, GOLD);
        p.ellipse(s * 0.3, -0.01, 0.03, 0.015, GOLD.lit(0.8));
    }
    p.ellipse_a(-0.26, -0.24, 0.04, 0.1, WHITE, 0.22);
}

/// A rolling suitcase in three-quarter view: ribbed hard shell with a side face, pulled-up handle and two wheels.
pub(super) fn suitcase(p: &mut Pen, c: Rgb, _a: &Anim) {
    p.contact_shadow(0.02, 0.4);
    let (l, r, t, b, d) = (-0.34, 0.2, -0.76, -0.06, 0.14);
    // Telescoping handle behind the body.
    p.rect(-0.14, -0.99, -0.12, t, STEEL);
    p.rect(0.02, -0.99, 0.04, t, STEEL);
    p.rrect(-0.17, -1.0, 0.07, -0.95, 0.02, DARK.lit(1.3));
    p.rrect(-0.17, t - 0.03, 0.07, t + 0.01, 0.01, DARK.lit(1.2));
    // Side face (depth) then the front face.
    p.poly(&[(r - 0.03, t), (r + d - 0.03, t + 0.05), (r + d, b - 0.03), (r, b)], c.lit(0.72));
    p.rrect(l, t, r, b, 0.05, c);
    // Ribs of the shell.
    for k in 0..4 {
        let x = l + 0.09 + k as f32 * 0.12;
        p.rect_a(x, t + 0.06, x + 0.025, b - 0.06, SHADOW, 0.15);
        p.rect_a(x + 0.025, t + 0.06, x + 0.035, b - 0.06, WHITE, 0.2);
    }
    p.rect_a(l + 0.03, t + 0.02, l + 0.06, b - 0.04, WHITE, 0.25);
    // Side carry handle on the depth face; corner guards.
    p.rrect(r + 0.04, -0.48, r + 0.08, -0.32, 0.015, DARK.lit(1.3));
    p.rrect(l, t, l + 0.06, t + 0.05, 0.02, DARK.lit(1.4));
    p.rrect(r - 0.06, t, r, t + 0.05, 0.02, DARK.lit(1.4));
    // Wheels.
    let wheel = Rgb::new(36, 36, 40);
    for x in [l + 0.06, r - 0.06, r + d - 0.05] {
        p.rect(x - 0.025, b - 0.02, x + 0.025, b + 0.02, DARK.lit(1.5));
        p.circle(x, b + 0.025, 0.033, wheel);
        p.circle(x, b + 0.025, 0.012, STEEL);
    }
}

/// A knotted necktie hanging from a peg, seen from the front: neck loop, knot, and a long striped blade that sways.
pub(super) fn tie(p: &mut Pen, c: Rgb, a: &Anim) {
    let sway = a.wave(0.3) * 3.0;
    p.rotated(sway, 0.0, -0.97, |p| {
        // Neck loop hanging over a peg.
        let mut pb = PathBuilder::new();
        pb.move_to(-0.075, -0.76);
        pb.quad_to(-0.07, -0.96, 0.0, -0.96);
        pb.quad_to(0.07, -0.96, 0.075, -0.76);
        p.stroke(pb.finish(), 0.05, c.lit(0.7), 1.0);
        p.circle(0.0, -0.975, 0.028, DARK.lit(1.6));
        // Blade: narrow under the knot, widening to a pointed tip.
        let (top_y, shoulder_y, tip_y) = (-0.68, -0.17, -0.01);
        let (top_w, bot_w) = (0.05, 0.175);
        p.poly(&[(-top_w, top_y), (top_w, top_y), (bot_w, shoulder_y), (0.0, tip_y), (-bot_w, shoulder_y)], c);
        // Diagonal stripes (line y = y0 - 0.6x), cut at the blade's sides by a few fixed-point steps.
        let edge = |y: f32| top_w + (bot_w - top_w) * (y - top_y) / (shoulder_y - top_y);
        let ends = |y0: f32| {
            let (mut xl, mut xr) = (edge(y0), edge(y0));
            for _ in 0..3 {
                xr = edge(y0 - 0.6 * xr);
                xl = edge(y0 + 0.6 * xl);
            }
            ((-xl, y0 + 0.6 * xl), (xr, y0 - 0.6 * xr))
        };
        for k in 0..4 {
            let y0 = -0.58 + k as f32 * 0.1;
            let (a0, b0) = ends(y0);
            let (a1, b1) = ends(y0 + 0.045);
            p.poly(&[a0, b0, b1, a1], c.lit(0.68));
            p.line(a0.0, a0.1, b0.0, b0.1, 0.01, c.mix(WHITE, 0.5));
        }
        // Right half a touch darker: the blade's fold.
        p.poly_a(&[(0.0, top_y), (top_w, top_y), (bot_w, shoulder_y), (0.0, tip_y)], SHADOW, 0.12);
        // Knot.
        p.poly(&[(-0.11, -0.8), (0.11, -0.8), (0.05, -0.66), (-0.05, -0.66)], c.lit(0.95));
        p.poly_a(&[(0.02, -0.8), (0.11, -0.8), (0.05, -0.66), (0.02, -0.66)], SHADOW, 0.15);
        p.curve((-0.07, -0.78), (-0.02, -0.74), (-0.03, -0.68), 0.01, c.lit(0.7));
        p.line(-0.09, -0.785, -0.04, -0.785, 0.012, c.mix(WHITE, 0.35));
    });
}
